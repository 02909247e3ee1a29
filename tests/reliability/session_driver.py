"""A full session of the command line or of the app, for the privacy tests.

    python session_driver.py cli DATA_DIR OUT_DIR   # every command, in one process
    python session_driver.py gui DATA_DIR           # start the window, let it settle, quit
    python session_driver.py hold DATA_DIR          # open the window, say "ready", run until killed

The privacy test runs both under strace and fails on any internet socket; the
CLI session also runs in-process with the socket functions made to raise.
"""

from __future__ import annotations

import sys
from pathlib import Path

WEEK = "2026-W49"


def cli_session(data_dir: Path, out_dir: Path) -> list[list[str]]:
    """The commands of a session that uses every part: foods, people, plans, bundles, PDFs."""
    who = ["--person", "Zoë"]
    day = ["--date", "2026-12-01"]
    commands = [
        ["foods", "search", "milk"],
        ["foods", "search", "natto", "--json"],
        ["foods", "show", "01079"],
        ["foods", "add", "--name", "Oma's kefir", "--nutrient", "calcium_mg=130",
         "--measure", "glass=200"],
        ["person", "add", "Zoë", "--weight-kg", "62"],
        ["person", "set", "Zoë", "--t-score", "-1.8", "--warfarin"],
        ["person", "list"],
        ["plan", "add", *who, *day, "--meal", "Breakfast", "--food", "01079", "--measure", "cup"],
        ["plan", "add", *who, *day, "--meal", "Lunch", "--food", "11233", "--grams", "80"],
        ["plan", "add", *who, *day, "--meal", "Dinner", "--food", "sup-calcium-carbonate-600",
         "--measure", "tablet", "--count", "2"],
        ["plan", "show", *who, "--week", WEEK],
        ["plan", "totals", *who, *day],
        ["plan", "totals", *who, "--week", WEEK, "--json"],
        ["plan", "export", *who, "--week", WEEK, str(out_dir / "zoe.json")],
        ["plan", "import", str(out_dir / "zoe.json"), "--as", "Ann"],
        ["export", "pdf", *who, "--week", WEEK, "--out", str(out_dir / "zoe.pdf")],
        ["export", "shopping-list", *who, "--person", "Ann", "--week", WEEK,
         "--out", str(out_dir / "shopping.pdf")],
        ["repair", "--check"],
    ]  # fmt: skip
    return [["--data-dir", str(data_dir), *c] for c in commands]


def run_cli_session(data_dir: Path, out_dir: Path) -> None:
    from bonewise import cli

    for args in cli_session(data_dir, out_dir):
        code = cli.main(args)
        if code != 0:
            raise SystemExit(f"bonewise {' '.join(args)} exited with {code}")


def run_gui(data_dir: Path) -> int:
    from PySide6.QtCore import QTimer

    from bonewise.ui.app import application
    from bonewise.ui.app import run_gui as start

    app = application()
    # Long enough for the window to show, fill the grid and gauges, and run first_run.
    QTimer.singleShot(1500, app.quit)
    return start(data_dir)


def hold_window(data_dir: Path) -> int:
    from bonewise.ui.app import application, open_window

    app = application()
    session = open_window(data_dir)
    print("ready", flush=True)
    try:
        return app.exec()
    finally:
        session.close()


if __name__ == "__main__":
    mode, folder = sys.argv[1], Path(sys.argv[2])
    if mode == "cli":
        run_cli_session(folder, Path(sys.argv[3]))
    elif mode == "gui":
        sys.exit(run_gui(folder))
    elif mode == "hold":
        sys.exit(hold_window(folder))
    else:
        raise SystemExit(f"unknown mode {mode}")
