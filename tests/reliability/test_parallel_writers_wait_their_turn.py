"""Command-line writers on one data folder wait their turn; only a window makes them stop.

Two shell loops adding items to the same folder had some adds refused with
"Bonewise is open on …: make this change in its window" when no window was open.
The lock now records who holds it: a command waits (a few seconds at most) for
another command, and the window's message is only for when a window holds it.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from reliability_data import integrity, store_of_one

from bonewise import cli
from bonewise.core.plan import IsoWeek
from bonewise.store import instancelock
from bonewise.store.instancelock import Holder, InstanceLock
from bonewise.store.repository import Repository

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the real-process test uses POSIX shells")

LOOPS = 3  # shell loops writing at once
ADDS = 6  # adds per loop
DAY = dt.date(2026, 12, 2)


@pytest.fixture
def folder(tmp_path):
    return store_of_one(tmp_path / "data")


def add(grams: float) -> list[str]:
    return ["plan", "add", "--person", "Zoë", "--date", DAY.isoformat(), "--meal", "Lunch",
            "--food", "11233", "--grams", f"{grams:g}"]  # fmt: skip


def lunch_grams(folder: Path) -> list[float]:
    with Repository.open(folder) as repo:
        zoe = repo.person_by_name("Zoë")
        return sorted(e.grams for e in repo.week(zoe.id, IsoWeek.of(DAY)).day(DAY).entries("lunch"))


@pytest.mark.slow
def test_parallel_shell_loops_all_get_their_turn(folder):
    # Each loop is a real shell running `bonewise plan add` one after another.
    loops = []
    for n in range(LOOPS):
        commands = "\n".join(
            f"{sys.executable} -m bonewise --data-dir '{folder}' {' '.join(add(100 * (n + 1) + i))} "
            f"|| echo FAILED {n} {i}"
            for i in range(ADDS)
        )
        loops.append(subprocess.Popen(["sh", "-c", commands], stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True))  # fmt: skip
    outputs = [loop.communicate(timeout=300) for loop in loops]
    said = "".join(out + err for out, err in outputs)
    assert "FAILED" not in said and "open on" not in said, said
    assert said.count("Added") == LOOPS * ADDS
    assert lunch_grams(folder) == sorted(100.0 * (n + 1) + i for n in range(LOOPS) for i in range(ADDS))
    assert integrity(folder / "bonewise.sqlite") == "ok"


def hold(folder: Path, holder: Holder, seconds: float, line: str | None = None) -> threading.Thread:
    """Another holder of the folder's lock, letting go after ``seconds``; ``line`` replaces
    what it wrote in the lock file."""
    taken = threading.Event()

    def run():
        lock = InstanceLock(folder, holder)
        lock.acquire(wait=0)
        if line is not None:
            (folder / "bonewise.lock").write_text(line)
        taken.set()
        threading.Event().wait(seconds)
        lock.release()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert taken.wait(10)
    return thread


def test_a_command_waits_for_another_command_and_then_writes(folder, capsys):
    holder = hold(folder, Holder.COMMAND, 0.5)
    assert cli.main(["--data-dir", str(folder), *add(80)]) == 0
    holder.join(10)
    assert "Added 80 g" in capsys.readouterr().out
    assert lunch_grams(folder) == [80.0]


def test_a_command_that_keeps_the_folder_too_long_is_named(folder, capsys, monkeypatch):
    monkeypatch.setattr(instancelock, "WAIT_SECONDS", 0.3)
    holder = hold(folder, Holder.COMMAND, 3)
    code = cli.main(["--data-dir", str(folder), *add(80)])
    err = capsys.readouterr().err
    holder.join(10)
    assert code == 1 and err.count("\n") == 1
    assert "Another bonewise command" in err and f"process {os.getpid()}" in err
    assert "window" not in err
    assert lunch_grams(folder) == []


def test_a_window_makes_a_command_stop_at_once_with_the_window_message(folder, capsys, monkeypatch):
    waits: list[float] = []
    monkeypatch.setattr(instancelock.time, "sleep", waits.append)
    lock = InstanceLock(folder, Holder.WINDOW)
    lock.acquire()
    try:
        code = cli.main(["--data-dir", str(folder), *add(80)])
    finally:
        lock.release()
    err = capsys.readouterr().err
    assert code == 1 and "make this change in its window" in err
    assert waits == []  # no waiting for a window: it holds the folder until it is closed
    assert lunch_grams(folder) == []


def test_repair_and_the_window_also_wait_for_a_command(qapp, folder, capsys):
    from bonewise.ui import app

    holder = hold(folder, Holder.COMMAND, 0.5)
    assert cli.main(["--data-dir", str(folder), "repair"]) == 0
    holder.join(10)
    assert "fine" in capsys.readouterr().out

    holder = hold(folder, Holder.COMMAND, 0.5)
    session = app.open_window(folder)
    try:
        holder.join(10)
        assert session.window.isVisible()
    finally:
        session.window.close()
        session.close()


def test_the_lock_says_who_holds_it(folder):
    for holder in Holder:
        with InstanceLock(folder, holder):
            words = (folder / "bonewise.lock").read_text().split()
            assert words[0] == str(os.getpid()) and words[2] == holder.value
        assert (folder / "bonewise.lock").read_text() == ""  # nobody holds it now


def test_a_line_left_by_a_window_that_crashed_does_not_stop_a_command(folder, capsys):
    # A command has just taken the lock from a window that crashed, and not yet written its
    # own line: the window's line names a process that no longer exists.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    holder = hold(folder, Holder.COMMAND, 0.5, line=f"{dead} 2026-12-01T10:00:00 window\n")
    assert cli.main(["--data-dir", str(folder), *add(80)]) == 0
    holder.join(10)
    assert lunch_grams(folder) == [80.0]
