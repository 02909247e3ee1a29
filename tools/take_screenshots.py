"""Take the README screenshots of the real window (run under Xvfb at 1400×900).

    Xvfb :57 -screen 0 1400x900x24 -nolisten tcp &
    DISPLAY=:57 .venv/bin/python tools/take_screenshots.py docs/screenshots

Writes empty-week.png (a new week, the food browser open on a search),
full-week.png (Zoë's planned week from tools/make_demo_data.py),
warnings.png (the warnings list given more room: the serious one first, the
rest grouped by kind, a dinner with too much calcium at once selected) and
autoplan-preview.png (Auto-plan Week on next week, its preview scrolled to the
checks). Each uses its own temporary data folder. Give names after the folder
to take only some: ``… docs/screenshots autoplan-preview``.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TODAY = dt.date(2026, 12, 2)  # a Wednesday of the demo week 2026-W49, whatever day it is

ROOT = Path(__file__).resolve().parents[1]


def demo_folder(*extra: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="bonewise-shots-"))
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_demo_data.py"), str(folder), *extra],
                   check=True, stdout=subprocess.DEVNULL)
    return folder


def settle(app, seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def shoot(app, window, path: Path) -> None:
    settle(app)
    screen = window.screen()
    screen.grabWindow(0).save(str(path))
    print(f"wrote {path}")


def autoplan_preview(app, out: Path) -> None:
    """The Auto-plan dialog on next week (no day of it has passed), planned, the checks in view."""
    import datetime as dt

    from bonewise.core.plan import IsoWeek

    from bonewise.ui.app import open_window

    next_week = IsoWeek.of(dt.date.today() + dt.timedelta(days=7))
    session = open_window(demo_folder("--empty", "--week", str(next_week)))
    window = session.window
    window.setGeometry(0, 0, 1400, 900)
    window.document.show_week(next_week)
    window.grid.select_cell(next_week.dates()[0], "breakfast")
    dialog = window.suggestion_actions.auto_plan(True)
    dialog.setGeometry(240, 40, 920, 820)
    deadline = time.monotonic() + 60
    while dialog.plan is None and time.monotonic() < deadline:
        settle(app, 0.2)
    cursor = dialog.preview.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    dialog.preview.setTextCursor(cursor)
    dialog.preview.ensureCursorVisible()
    settle(app)
    dialog.screen().grabWindow(0, dialog.x(), dialog.y(), dialog.width(), dialog.height()).save(
        str(out / "autoplan-preview.png"))
    print(f"wrote {out / 'autoplan-preview.png'}")
    dialog.reject()
    window.close()
    session.close()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    only = set(sys.argv[2:])
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import Qt

    from bonewise.ui.app import application, open_window

    app = application()
    if "autoplan-preview" in only or not only:
        autoplan_preview(app, out)
    if only and not only & {"empty-week", "full-week", "warnings"}:
        return 0

    # 1. A new, empty week with the food browser open on a search.
    session = open_window(demo_folder("--empty"), today=lambda: TODAY)
    window = session.window
    window.setGeometry(0, 0, 1400, 900)
    window.browser_dock.show()
    window.resizeDocks([window.browser_dock], [400], Qt.Orientation.Horizontal)
    week = window.document.iso_week
    window.grid.select_cell(week.dates()[1], "lunch")
    window.browser.search_field().setText("sardines")
    window.browser.search_now()
    settle(app)
    shoot(app, window, out / "empty-week.png")
    window.close()
    session.close()

    # 2. The planned week.
    session = open_window(demo_folder(), today=lambda: TODAY)
    window = session.window
    window.setGeometry(0, 0, 1400, 900)
    week = window.document.iso_week
    window.grid.select_cell(week.dates()[0], "breakfast")
    window.grid.setFocus()
    shoot(app, window, out / "full-week.png")

    # 3. The same week, the warnings list given room (the panel's splitter, as a user drags
    # it), with a dinner flagged for calcium at one sitting selected in its group.
    from PySide6.QtWidgets import QSplitter

    window.gauges.findChild(QSplitter).setSizes([330, 470])
    findings = window.presenter.summary.findings
    flagged = next(f for f in findings if f.kind == "calcium_per_sitting" and f.slot_id == "dinner")
    window.gauges.finding_activated.emit(flagged.date, flagged.slot_id)
    view = window.gauges.findings_view()
    index = window.gauges.findings_model().finding_index(flagged)
    view.scrollTo(index)
    view.setCurrentIndex(index)
    view.scrollToTop()
    shoot(app, window, out / "warnings.png")
    window.close()
    session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
