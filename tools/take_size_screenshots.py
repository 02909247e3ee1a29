"""Screenshots of the real window at every text size and scale, at 1366×768, and in dark mode.

    Xvfb :78 -screen 0 1366x768x24 -nolisten tcp &
    DISPLAY=:78 .venv/bin/python tools/take_size_screenshots.py docs/screenshots/sizes

Each size runs the app in a process of its own over a fresh copy of the demo data
(tools/make_demo_data.py), on Zoë's planned week with its Wednesday as "today",
and the X screen is captured with ImageMagick's ``import``:

* ``zoom-N.png``: the app's own zoom (View ▸ Zoom In, saved in ui.ini) at N %;
* ``system-font-N.png``: the system font N % larger (the QApplication font the
  desktop hands the app at start);
* ``scale-F.png``: ``QT_SCALE_FACTOR=F`` (the screen is then 1366/F logical pixels wide);
* ``dark.png``: the system's colour scheme switched to dark (as Qt reports it), at 100 %.

``--only NAME`` takes one of them.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 2)  # Wednesday of the demo week 2026-W49: Monday and Tuesday are past


@dataclasses.dataclass(frozen=True)
class Size:
    name: str
    zoom: int = 100  # the app's zoom, %
    font: int = 100  # the system font, % of Qt's default
    scale: str = ""  # QT_SCALE_FACTOR
    dark: bool = False


SIZES = (
    Size("zoom-100"),
    Size("zoom-130", zoom=130),
    Size("zoom-150", zoom=150),
    Size("zoom-200", zoom=200),
    Size("system-font-130", font=130),
    Size("system-font-150", font=150),
    Size("system-font-200", font=200),
    Size("scale-1.5", scale="1.5"),
    Size("scale-2", scale="2"),
    Size("dark", dark=True),
)


def settle(app, seconds: float = 1.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def shoot_one(size: Size, out: Path) -> None:
    """In this process: the app over the demo data at ``size``, captured into ``out``."""
    folder = Path(tempfile.mkdtemp(prefix="bonewise-sizes-"))
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_demo_data.py"), str(folder)],
                   check=True, stdout=subprocess.DEVNULL)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from bonewise.ui.app import application, open_window
    from bonewise.ui.settings import SettingsStore

    store = SettingsStore.in_folder(folder)
    store.save(dataclasses.replace(store.load(), zoom_percent=size.zoom))
    app = application()
    if size.dark:
        # The desktop switching to dark, as Qt reports it (Xvfb has no desktop to ask).
        from bonewise.ui.theme import Theme

        Theme.of(app)
        app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    if size.font != 100:
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * size.font / 100)
        QApplication.setFont(font)
    session = open_window(folder, today=lambda: TODAY)
    window = session.window
    window.setGeometry(window.screen().availableGeometry())
    settle(app)
    # Thursday's dinner: the meal with too much calcium at once, so its warning shows.
    window.grid.select_cell(TODAY + dt.timedelta(days=1), "dinner")
    window.activateWindow()
    window.grid.setFocus()
    settle(app)
    subprocess.run(["import", "-window", "root", str(out)], check=True)
    window.close()
    session.close()
    print(f"wrote {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=ROOT / "docs" / "screenshots" / "sizes")
    parser.add_argument("--only", choices=[s.name for s in SIZES])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    chosen = [s for s in SIZES if args.only in (None, s.name)]
    if args.child:
        (size,) = chosen
        shoot_one(size, args.out / f"{size.name}.png")
        return 0
    for size in chosen:
        env = dict(os.environ)
        env.pop("QT_SCALE_FACTOR", None)
        if size.scale:
            env["QT_SCALE_FACTOR"] = size.scale
        subprocess.run([sys.executable, __file__, str(args.out), "--only", size.name, "--child"],
                       env=env, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
