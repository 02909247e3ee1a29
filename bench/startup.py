"""Time the app's start-up: a new process until its main window is shown and the event loop is idle.

Run: .venv/bin/python bench/startup.py [--runs 9] [--platform offscreen|xcb]

Each run starts a fresh Python process on a data folder that holds Zoë and a
planned week (tools/make_demo_data.py), with the full shipped food store. The
child opens the window the way ``bonewise`` does, waits until the window is
exposed, lets the event loop go idle once, prints how long that took since the
interpreter started, and exits. The parent also times the whole process from
spawn to that line, and the CPU time the process used in all (on a busy machine
the wall clock includes waiting for a core; the CPU time does not). Budget:
0.5 s (DESIGN.md); a bare PySide6 window is timed the same way for comparison,
runs of the two interleaved. Bytecode is cached between runs (in a temporary
folder), as it is for an installed app.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET_S = 0.5
ROOT = Path(__file__).resolve().parents[1]

APP_CHILD = """
import time
start = time.perf_counter()
import sys
from bonewise.ui.app import application, open_window
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
import datetime
app = application()
# A Wednesday of the demo week, so the window opens on that planned week whatever the day.
session = open_window(sys.argv[1], today=lambda: datetime.date(2026, 12, 2))
QTest.qWaitForWindowExposed(session.window)
def ready():
    print(f"ready {time.perf_counter() - start:.4f}", flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
session.window.close()
session.close()
"""

BARE_CHILD = """
import time
start = time.perf_counter()
import sys
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1400, 900)
window.show()
QTest.qWaitForWindowExposed(window)
def ready():
    print(f"ready {time.perf_counter() - start:.4f}", flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


def time_child(code: str, folder: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """(seconds from spawn to ready, from the child's first line to ready, CPU seconds of the child)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    spawned = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, str(folder)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)
    line = proc.stdout.readline()
    wall = time.perf_counter() - spawned
    proc.wait(timeout=60)
    if not line.startswith("ready "):
        raise SystemExit(f"startup bench: the child did not start (exit {proc.returncode})")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - used.ru_utime) + (after.ru_stime - used.ru_stime)
    return wall, float(line.split()[1]), cpu


def report(name: str, runs: list[tuple[float, float, float]]) -> tuple[float, float]:
    """Print the medians; return (wall, CPU) medians."""
    walls = [w for w, _, _ in runs]
    median = statistics.median(walls)
    cpu = statistics.median(c for _, _, c in runs)
    print(f"  {name:22s} spawn→idle median {median * 1000:5.0f} ms "
          f"(min {min(walls) * 1000:.0f}, max {max(walls) * 1000:.0f}); "
          f"inside Python {statistics.median(i for _, i, _ in runs) * 1000:.0f} ms; CPU {cpu * 1000:.0f} ms")
    return median, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM=args.platform)
    # An installed app has its modules compiled once (pip does it); this checkout may run with
    # PYTHONDONTWRITEBYTECODE, which would compile every module at every start. Keep the
    # bytecode, outside the source tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="bonewise-pycache-")
    folder = Path(tempfile.mkdtemp(prefix="bonewise-startup-"))
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_demo_data.py"), str(folder)],
                   check=True, stdout=subprocess.DEVNULL)
    time_child(APP_CHILD, folder, env)  # first run: the day's backup, caches warm
    app_runs, bare_runs = [], []
    for _ in range(args.runs):  # interleaved, so both see the same machine
        app_runs.append(time_child(APP_CHILD, folder, env))
        bare_runs.append(time_child(BARE_CHILD, folder, env))
    print(f"start-up to an idle main window, {args.runs} runs, platform {args.platform}, "
          "full food store, a planned week")
    median, cpu = report("Bonewise", app_runs)
    bare, bare_cpu = report("bare PySide6 window", bare_runs)
    print(f"  Bonewise / bare window: {median / bare:.1f}× wall, {cpu / bare_cpu:.1f}× CPU")
    verdict = "within" if median <= BUDGET_S else "OVER"
    print(f"  budget {BUDGET_S * 1000:.0f} ms: {verdict}")
    return 0 if median <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
