"""Crash safety with real processes: SIGKILL in the middle of a burst of edits loses nothing done.

A child process (crash_child.py) edits the store in a loop and prints ``done N``
after each edit returns. The parent kills it with SIGKILL at a seeded random
moment, reopens the store and checks that it passes ``PRAGMA integrity_check``
and holds exactly the acknowledged edits, plus at most the one edit in flight
(which may or may not have committed). Several rounds run on the same store, so
each one also starts from a store that was just recovered after a kill.
"""

from __future__ import annotations

import dataclasses
import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from reliability_data import fill_store, foods_for, integrity

from bonewise.core.plan import Person
from bonewise.store import bundles
from bonewise.store.repository import Repository

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

CHILD = Path(__file__).with_name("crash_child.py")
EDIT_ROUNDS = 10  # SIGKILLs during Repository edits
CLI_ROUNDS = 4  # SIGKILLs during `bonewise plan add` calls
IMPORT_ROUNDS = 8  # SIGKILLs during a bundle import
CHILD_TIMEOUT = 60.0


@dataclasses.dataclass
class Run:
    acked: list[dict]  # the edits reported done, in order
    in_flight: dict | None  # begun, not reported done: may or may not be in the store
    seconds_to_done: float | None = None  # begin -> done of the first edit (for import timing)


def run_child(args: list[str], *, kill_after: int | None, delay: float) -> Run:
    """Run crash_child.py; SIGKILL it ``delay`` s after its ``kill_after``-th edit (0: its first begin)."""
    log = Path(args[1]) / f"child-{time.monotonic_ns()}.err"
    with open(log, "w") as err:
        proc = subprocess.Popen([sys.executable, str(CHILD), *args], stdout=subprocess.PIPE,
                                stderr=err, text=True, encoding="utf-8")  # fmt: skip
    watchdog = threading.Timer(CHILD_TIMEOUT, proc.kill)
    watchdog.start()
    begun: dict[int, dict] = {}
    acked: list[dict] = []
    started = done_at = None
    killed = False

    def read(line: str) -> None:
        nonlocal started, done_at
        word, _, rest = line.rstrip("\n").partition(" ")
        if word == "begin":
            n, _, op = rest.partition(" ")
            begun[int(n)] = json.loads(op)
            started = started or time.monotonic()
        elif word == "done":
            acked.append(begun.pop(int(rest)))
            done_at = done_at or time.monotonic()

    try:
        for line in proc.stdout:
            read(line)
            wanted = kill_after is not None and (
                (kill_after == 0 and begun) or (kill_after and len(acked) >= kill_after)
            )
            if wanted and not killed:
                time.sleep(delay)
                proc.send_signal(signal.SIGKILL)
                killed = True
                break
        for line in proc.stdout:  # whatever it printed before it died counts too
            read(line)
        proc.wait()
    finally:
        watchdog.cancel()
        proc.stdout.close()
    # A one-shot child (an import) may finish before the kill lands; then nothing is in flight.
    finished = proc.returncode == 0 and not begun
    assert finished or (kill_after is not None and proc.returncode == -signal.SIGKILL), log.read_text()
    log.unlink()
    assert len(begun) <= 1
    took = None if started is None or done_at is None else done_at - started
    return Run(acked, next(iter(begun.values()), None), took)


# -- a burst of Repository edits ---------------------------------------------------------------


def plan_state(folder: Path) -> dict:
    """What the edits can change: Zoë's entries (id -> date, slot), her notes, custom foods."""
    conn = sqlite3.connect(folder / "bonewise.sqlite")
    try:
        entries = {i: (d, s) for i, d, s in conn.execute(
            "SELECT entry_id, date, slot_id FROM plan_entries")}  # fmt: skip
        notes = dict(conn.execute("SELECT date, note FROM day_notes"))
        foods = {n for (n,) in conn.execute("SELECT name FROM custom_foods WHERE deleted = 0")}
    finally:
        conn.close()
    return {"entries": entries, "notes": notes, "foods": foods}


def apply(state: dict, op: dict) -> dict:
    new = {"entries": dict(state["entries"]), "notes": dict(state["notes"]), "foods": set(state["foods"])}
    if op["op"] == "place":
        new["entries"][op["id"]] = (op["date"], op["slot"])
    elif op["op"] == "remove":
        new["entries"].pop(op["id"])
    elif op["op"] == "note":
        new["notes"][op["date"]] = op["text"]
    elif op["op"] == "food":
        new["foods"].add(op["name"])
    return new


def assert_nothing_done_was_lost(before: dict, run: Run, after: dict) -> None:
    expected = before
    for op in run.acked:
        expected = apply(expected, op)
    allowed = [expected] + ([apply(expected, run.in_flight)] if run.in_flight else [])
    assert after in allowed, f"lost or invented edits; acknowledged {len(run.acked)}, in flight {run.in_flight}"


def test_sigkill_during_repository_edits_loses_nothing_acknowledged(tmp_path):
    folder = tmp_path / "data"
    with Repository.open(folder) as repo:
        repo.save_person(Person("Zoë"))
    rng = random.Random(20261126)
    state = plan_state(folder)
    total_acked, n = 0, 0
    for round_ in range(EDIT_ROUNDS):
        run = run_child(["edits", str(folder), str(rng.randrange(2**32)), str(n)],
                        kill_after=rng.randint(1, 40), delay=rng.uniform(0, 0.004))  # fmt: skip
        n += len(run.acked) + 1
        total_acked += len(run.acked)
        assert integrity(folder / "bonewise.sqlite") == "ok", f"round {round_}"
        after = plan_state(folder)
        assert_nothing_done_was_lost(state, run, after)
        state = after
    assert total_acked >= EDIT_ROUNDS
    print(f"{EDIT_ROUNDS} kills after {total_acked} acknowledged edits, none lost")
    with Repository.open(folder) as repo:  # and the app opens it as usual
        assert repo.person_by_name("Zoë").id is not None


# -- the command line ------------------------------------------------------------------------


def cli_state(folder: Path) -> set[tuple[str, str, float]]:
    conn = sqlite3.connect(folder / "bonewise.sqlite")
    try:
        return set(conn.execute("SELECT date, slot_id, grams FROM plan_entries"))
    finally:
        conn.close()


def test_sigkill_during_plan_add_commands_loses_nothing_acknowledged(tmp_path):
    folder = tmp_path / "data"
    with Repository.open(folder) as repo:
        repo.save_person(Person("Zoë"))
    rng = random.Random(49)
    state: set = set()
    n = 0
    for round_ in range(CLI_ROUNDS):
        run = run_child(["cli", str(folder), str(rng.randrange(2**32)), str(n)],
                        kill_after=rng.randint(1, 12), delay=rng.uniform(0, 0.02))  # fmt: skip
        n += len(run.acked) + 1
        assert integrity(folder / "bonewise.sqlite") == "ok", f"round {round_}"
        after = cli_state(folder)
        expected = state | {(op["date"], op["meal"], float(op["grams"])) for op in run.acked}
        flight = run.in_flight
        allowed = [expected] + (
            [expected | {(flight["date"], flight["meal"], float(flight["grams"]))}] if flight else []
        )
        assert after in allowed, f"round {round_}: acknowledged {len(run.acked)}"
        state = after
    print(f"{CLI_ROUNDS} kills; {len(state)} `plan add` items stored, no acknowledged one lost")


# -- a bundle import: all or nothing -------------------------------------------------------------


def content(folder: Path) -> dict:
    """The store's content without the ids and times an import makes up afresh."""
    conn = sqlite3.connect(folder / "bonewise.sqlite")
    try:
        q = lambda sql: sorted(conn.execute(sql).fetchall(), key=repr)  # noqa: E731
        return {
            "people": q("SELECT name, weight_kg, slots_json FROM people"),
            "entries": q("SELECT p.name, date, slot_id, position, food_id, recipe_id IS NULL, "
                         "grams, measure, count FROM plan_entries JOIN people p ON p.id = person_id"),
            "notes": q("SELECT date, note FROM day_notes"),
            "recipes": q("SELECT name, portions FROM recipes"),
            "foods": q("SELECT name, kind, nutrients_json, measures_json FROM custom_foods"),
        }  # fmt: skip
    finally:
        conn.close()


def test_sigkill_during_a_bundle_import_leaves_all_or_nothing(tmp_path):
    source = tmp_path / "source"
    with Repository.open(source) as repo:
        zoe = fill_store(repo, weeks=26, items=4)
        foods = foods_for(repo)
        bundle = bundles.export_bundle(repo, zoe.id, repo.planned_weeks(zoe.id), foods=foods)
        foods.close()
    bundle_file = tmp_path / "zoe.json"
    bundles.write_bundle(bundle, bundle_file, data_dir=None)

    before = tmp_path / "before"  # someone else is already in the target store
    with Repository.open(before) as repo:
        fill_store(repo, name="Ann", weeks=1)
    nothing = content(before)

    whole = tmp_path / "whole"
    shutil.copytree(before, whole)
    full_run = run_child(["import", str(whole), str(bundle_file)], kill_after=None, delay=0)
    assert full_run.acked and full_run.seconds_to_done
    everything = content(whole)
    assert everything != nothing

    rng = random.Random(7)
    outcomes = []
    for round_ in range(IMPORT_ROUNDS):
        folder = tmp_path / f"round{round_}"
        shutil.copytree(before, folder)
        # Kill moments spread over twice the import's time: before, during and after its commit.
        delay = full_run.seconds_to_done * 2 * (round_ + rng.random()) / IMPORT_ROUNDS
        run = run_child(["import", str(folder), str(bundle_file)], kill_after=0, delay=delay)
        assert integrity(folder / "bonewise.sqlite") == "ok", f"round {round_}"
        after = content(folder)
        if run.acked:
            assert after == everything, f"round {round_}: import reported done but is incomplete"
        else:
            assert after in (nothing, everything), f"round {round_}: a partial import is visible"
        outcomes.append("all" if after == everything else "nothing")
    print(f"import kills: {outcomes} (an import takes {full_run.seconds_to_done:.3f} s)")
