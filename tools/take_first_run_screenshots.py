"""Take the first-run and Help screenshots of the real app (run under Xvfb at 1400×900).

    Xvfb :61 -screen 0 1400x900x24 -nolisten tcp &
    DISPLAY=:61 .venv/bin/python tools/take_first_run_screenshots.py docs/screenshots

On an empty data folder it answers the welcome as a new user would (Zoë, 64 kg, born 1962,
T-score −1.8) and writes first-run-welcome.png (step one, filled in),
first-run-example-offer.png (step two), first-run-example-week.png (the example
week with its keep-or-clear bar), guide.png (Help ▸ Bonewise Guide) and
about.png (Help ▸ About Bonewise).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

TODAY = dt.date(2026, 12, 2)  # a Wednesday of the demo week 2026-W49, whatever day it is


def settle(app, seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def shoot(app, window, path: Path) -> None:
    settle(app)
    window.screen().grabWindow(0).save(str(path))
    print(f"wrote {path}")


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from bonewise.ui.app import application, open_window
    from bonewise.ui.weekgrid.view import WeekGridView

    app = application()
    session = open_window(Path(tempfile.mkdtemp(prefix="bonewise-first-run-")), today=lambda: TODAY)
    window = session.window
    window.setGeometry(0, 0, 1400, 900)
    settle(app)

    def answer(dialog) -> bool:
        dialog.show()
        dialog.name.setText("Zoë")
        dialog.weight.setText("64")
        dialog.birth_year.setText("1962")
        dialog.t_score.setText("−1.8")
        shoot(app, window, out / "first-run-welcome.png")
        dialog.next_button.click()
        shoot(app, window, out / "first-run-example-offer.png")
        dialog.example_button.click()
        return True

    WeekGridView.ask = staticmethod(answer)
    window.first_run()
    shoot(app, window, out / "first-run-example-week.png")

    guide = window.help_actions.show_guide()
    shoot(app, window, out / "guide.png")
    guide.close()
    window.help_actions.show_about()
    shoot(app, window, out / "about.png")

    window.close()
    session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
