"""Damaged and foreign stores: a clear message, the file kept aside, the newest good copy back.

Each kind of damage is injected into a real store that has a week of plans and a
backup from the day before. The store is then checked, opened, repaired through
the API and through the command line, and the damaged bytes must still exist.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_data import (
    YESTERDAY,
    dump_file,
    folder_bytes,
    integrity,
    run_cli,
    store_bytes,
)

from bonewise.store import backups, recovery
from bonewise.store.recovery import NoBackupError, State
from bonewise.store.repository import Repository
from bonewise.store.sqldb import Database
from bonewise.store.userdb import DamagedDatabaseError, NewerSchemaError, open_user_db

PAGE = 4096


def _garbage(n: int, seed: int = 8) -> bytes:
    return random.Random(seed).randbytes(n)


def _overwrite_middle_page(good: bytes) -> bytes:
    middle = (len(good) // PAGE // 2) * PAGE
    return good[:middle] + _garbage(PAGE) + good[middle + PAGE:]


# name -> (new store bytes from the good ones, bytes of a -wal file or None)
DAMAGE = {
    "empty file": (lambda good: b"", None),
    "random bytes": (lambda good: _garbage(len(good)), None),
    "valid header, then garbage": (lambda good: good[:100] + _garbage(len(good) - 100), None),
    "truncated to the first page": (lambda good: good[:PAGE], None),
    "truncated to a quarter": (lambda good: good[: len(good) // 4 // PAGE * PAGE], None),
    "truncated mid-page": (lambda good: good[: len(good) // 2 + 1000], None),
    "last page missing": (lambda good: good[:-PAGE], None),
    "one page of garbage in the middle": (_overwrite_middle_page, None),
    "garbage change log": (lambda good: good, _garbage(3 * PAGE)),
    "change log cut inside its header": (lambda good: good, b"\x37\x7f\x06\x82\x00\x2d"),
}
N_DAMAGE_KINDS = len(DAMAGE)


def store_of(folder: Path) -> Path:
    return folder / "bonewise.sqlite"


def damage(folder: Path, kind: str) -> dict[str, bytes]:
    """Inject ``kind`` into the store; return the damaged files' bytes by name."""
    make_store, wal = DAMAGE[kind]
    store = store_of(folder)
    store.write_bytes(make_store(store.read_bytes()))
    if wal is not None:
        Path(f"{store}-wal").write_bytes(wal)
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name.startswith(store.name)}


def significant(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files that hold data: not the -shm index, not an empty -wal (see folder_bytes)."""
    return {k: v for k, v in files.items()
            if not k.endswith("-shm") and not (k.endswith("-wal") and not v)}


def people_in(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return [n for (n,) in conn.execute("SELECT name FROM people ORDER BY id")]
    finally:
        conn.close()



def assert_one_clear_line(err: str) -> None:
    assert err.count("\n") == 1 and err.startswith("bonewise: error: "), err
    assert "Traceback" not in err and "internal error" not in err


@pytest.mark.parametrize("kind", DAMAGE)
def test_damage_is_named_and_the_folder_is_left_as_it_is(folder, kind):
    damaged = damage(folder, kind)
    before = folder_bytes(folder)
    health = recovery.diagnose(folder)
    assert health.state is State.DAMAGED
    assert str(store_of(folder)) in health.problem
    assert folder_bytes(folder) == before  # checking reads only

    with pytest.raises(DamagedDatabaseError, match="not a readable Bonewise database"):
        Repository.open(folder)
    # Opening may add today's backup of a store whose main file is sound, but it never
    # changes the damaged files or any file that was there.
    after = folder_bytes(folder)
    assert {name: after.get(name) for name in before} == before
    for name in set(after) - set(before):
        assert name.startswith("backups/") and recovery.readable(folder / name)
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.name in damaged} == damaged


def repair(folder: Path, backup: Path | None = None, *, start_empty: bool = False):
    return recovery.prepare_repair(folder, backup, start_empty=start_empty).carry_out()


def contents_of(path: Path):
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return Repository(Database(conn)).contents()
    finally:
        conn.close()


@pytest.mark.parametrize("kind", DAMAGE)
def test_repair_keeps_the_damaged_files_and_loses_nothing_the_backup_has(folder, kind):
    damaged = damage(folder, kind)
    in_backup = contents_of(backups.latest_backup(folder).path)
    result = repair(folder)

    # Every damaged byte is still on disk, under the .damaged- name SQLite pairs with its logs.
    kept = {p.name.replace(result.set_aside[0].name, "bonewise.sqlite"): p.read_bytes()
            for p in result.set_aside}
    assert significant(kept) == significant(damaged)
    assert result.set_aside[0].name.startswith("bonewise.sqlite.damaged-")

    store = store_of(folder)
    assert integrity(store) == "ok"
    assert in_backup.minus(contents_of(store)).empty, result.describe()
    if DAMAGE[kind][1] is not None:  # only the log: every table of the main file is read
        assert people_in(store) == ["Zoë", "Ann"]
        assert "change log was damaged" in result.describe()
    assert "kept as" in result.describe() and str(result.set_aside[0]) in result.describe()
    if sys.platform != "win32":
        assert stat.S_IMODE(store.stat().st_mode) == 0o600
    assert not list(folder.glob("*.restoring*"))
    with Repository.open(folder) as repo:
        assert repo.person_by_name("Zoë").weight_kg == 61.5
    assert recovery.diagnose(folder).state is State.OK


@pytest.mark.parametrize("kind", ["random bytes", "empty file"])
def test_without_a_backup_an_empty_store_is_started_only_when_asked(folder, kind):
    shutil.rmtree(folder / "backups")
    damaged = damage(folder, kind)
    before = folder_bytes(folder)
    assert recovery.diagnose(folder).restore_point is None
    with pytest.raises(NoBackupError, match="no readable backup"):
        recovery.prepare_repair(folder)
    assert folder_bytes(folder) == before

    result = repair(folder, start_empty=True)
    assert "empty store" in result.describe()
    assert result.set_aside[0].read_bytes() == damaged["bonewise.sqlite"]
    with Repository.open(folder) as repo:
        assert repo.people() == []


def test_a_damaged_backup_is_passed_over_for_an_older_good_one(folder):
    older = backups.latest_backup(folder).path
    newer = backups.take_backup(folder, now=YESTERDAY + dt.timedelta(hours=2))
    newer.write_bytes(_overwrite_middle_page(newer.read_bytes()))
    damage(folder, "random bytes")
    health = recovery.diagnose(folder)
    assert health.restore_point.path == older
    repair(folder)
    assert people_in(store_of(folder)) == ["Zoë"]
    assert newer.exists()  # not ours to delete either


def test_an_explicit_backup_is_checked_before_anything_moves(folder, tmp_path):
    damaged = damage(folder, "random bytes")
    junk = tmp_path / "not-a-backup.sqlite"
    junk.write_bytes(_garbage(5000))
    with pytest.raises(Exception, match="not a readable Bonewise backup"):
        recovery.prepare_repair(folder, junk)
    assert store_of(folder).read_bytes() == damaged["bonewise.sqlite"]
    assert not list(folder.glob("*.restoring*"))


def test_a_readable_store_is_never_set_aside(folder):
    before = folder_bytes(folder)
    with pytest.raises(Exception, match="readable; nothing was set aside"):
        recovery.prepare_repair(folder)
    assert folder_bytes(folder) == before


def test_damaged_files_are_not_backed_up_over_good_backups(folder):
    damage(folder, "one page of garbage in the middle")
    assert backups.rolling_backup(folder) is None
    assert len(backups.list_backups(folder)) == 1


def test_missing_store_with_backups_can_be_restored_saying_what_it_lacks(folder):
    store_of(folder).unlink()
    health = recovery.diagnose(folder)
    assert health.state is State.MISSING and health.usable and health.restore_point is not None
    result = repair(folder)
    assert "anything changed after" in result.describe() and result.set_aside == ()
    assert people_in(store_of(folder)) == ["Zoë"]


def test_two_repairs_in_the_same_minute_keep_both_damaged_files(folder):
    first = damage(folder, "random bytes")
    repair(folder)
    store_of(folder).write_bytes(b"second damage" * 100)
    repair(folder)
    kept = sorted(folder.glob("bonewise.sqlite.damaged-*"))
    assert len(kept) == 2
    assert first["bonewise.sqlite"] in [p.read_bytes() for p in kept]


# -- the command line ------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["truncated to a quarter", "garbage change log"])
def test_cli_names_the_file_points_to_repair_and_repair_works(folder, kind, capsys):
    damage(folder, kind)
    for command in (["person", "list"], ["plan", "show", "--person", "Zoë", "--week", "2026-W49"]):
        code, out, err = run_cli(capsys, folder, *command)
        assert code == 1 and out == ""
        assert_one_clear_line(err)
        assert str(store_of(folder)) in err
        assert f"run: bonewise --data-dir {folder} repair" in err

    code, out, err = run_cli(capsys, folder, "repair", "--check")
    assert code == 1 and "would keep it aside and salvage" in out

    code, out, err = run_cli(capsys, folder, "repair")
    assert code == 0 and err == ""
    assert ("be read" in out or "Restoring the backup" in out) and "bonewise.sqlite.damaged-" in out

    code, out, _ = run_cli(capsys, folder, "person", "list")
    assert code == 0 and "Zoë" in out
    code, out, _ = run_cli(capsys, folder, "repair")
    assert code == 0 and "nothing to repair" in out


def test_cli_without_backup_asks_for_start_empty(folder, capsys):
    shutil.rmtree(folder / "backups")
    damage(folder, "valid header, then garbage")
    before = folder_bytes(folder)
    code, _, err = run_cli(capsys, folder, "repair")
    assert code == 1
    assert_one_clear_line(err)
    assert "bonewise repair --start-empty" in err
    assert folder_bytes(folder) == before
    code, out, _ = run_cli(capsys, folder, "repair", "--start-empty")
    assert code == 0 and "starting with an empty store" in out
    assert run_cli(capsys, folder, "person", "list")[0] == 0


def test_cli_repair_lists_backups_and_marks_damaged_ones(folder, capsys):
    extra = backups.take_backup(folder, now=YESTERDAY + dt.timedelta(hours=1))
    extra.write_bytes(_garbage(3000))
    code, out, _ = run_cli(capsys, folder, "repair", "--list")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert lines[0].endswith("(damaged)") and not lines[1].endswith("(damaged)")


def test_repair_refuses_while_the_app_holds_the_folder(folder, capsys):
    from bonewise.store.instancelock import InstanceLock

    damage(folder, "random bytes")
    before = folder_bytes(folder)
    with InstanceLock(folder):
        code, _, err = run_cli(capsys, folder, "repair")
    assert code == 1 and "already open" in err
    assert folder_bytes(folder) == before


# -- a store from a newer Bonewise ---------------------------------------------------------


@pytest.fixture
def newer(tmp_path):
    """A store a newer Bonewise wrote and left with unmerged edits in its change log."""
    writer = tmp_path / "writer"
    db = open_user_db(writer / "bonewise.sqlite")
    db.execute("INSERT INTO settings (key, value_json) VALUES ('theme', '\"dark\"')")
    db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
               "VALUES ('bonewise', 'm999_from_the_future', '2030-01-01')")
    folder = tmp_path / "data"
    folder.mkdir()
    for part in ("", "-wal", "-shm"):  # copied while open, as if the newer app had crashed
        shutil.copy(f"{writer}/bonewise.sqlite{part}", f"{folder}/bonewise.sqlite{part}")
    db.conn.close()
    assert os.path.getsize(folder / "bonewise.sqlite-wal") > 0
    return folder


NEWER_COMMANDS = [
    ["person", "list"],
    ["person", "add", "Ann"],
    ["plan", "add", "--person", "Zoë", "--date", "2026-12-01", "--meal", "Breakfast",
     "--food", "01079", "--grams", "200"],
    ["plan", "import", "-"],
    ["repair"],
    ["repair", "--start-empty"],
]


def test_newer_schema_is_refused_everywhere_and_left_byte_identical(newer, capsys, monkeypatch):
    before = store_bytes(newer)
    assert "bonewise.sqlite-wal" in before
    health = recovery.diagnose(newer)
    assert health.state is State.NEWER and not health.usable
    with pytest.raises(NewerSchemaError):
        recovery.prepare_repair(newer, start_empty=True)
    monkeypatch.setattr("sys.stdin", open(os.devnull))
    for command in NEWER_COMMANDS:
        code, out, err = run_cli(capsys, newer, *command)
        assert code == 1, command
        assert_one_clear_line(err)
        assert "newer version of Bonewise" in err and "m999_from_the_future" in err
        assert "repair" not in err.split("Install")[-1]  # nothing to repair: it is not damaged
    assert store_bytes(newer) == before
    assert dump_file(newer / "bonewise.sqlite")  # still a database the newer version can read


@pytest.mark.slow
def test_newer_schema_through_the_real_command(newer):
    before = store_bytes(newer)
    proc = subprocess.run(
        [sys.executable, "-m", "bonewise", "--data-dir", str(newer), "person", "list"],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "newer version of Bonewise" in proc.stderr
    assert store_bytes(newer) == before
