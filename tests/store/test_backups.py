"""Rolling backups: once a day, the newest seven kept, owner-only, restorable."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import sys

import pytest

from bonewise.core.plan import Person
from bonewise.errors import BonewiseError
from bonewise.store import backups
from bonewise.store.repository import Repository

DAY = dt.datetime(2026, 12, 1, 9, 30)


def people_in(path):
    conn = sqlite3.connect(path)
    try:
        return [name for (name,) in conn.execute("SELECT name FROM people ORDER BY id")]
    finally:
        conn.close()


@pytest.fixture
def store(tmp_path):
    repo = Repository.open(tmp_path)
    repo.save_person(Person("Zoë"))
    yield tmp_path, repo
    repo.close()


def test_no_store_no_backup(tmp_path):
    assert backups.rolling_backup(tmp_path, now=DAY) is None
    assert backups.latest_backup(tmp_path) is None


def test_backup_includes_edits_still_in_the_wal(store):
    folder, repo = store
    repo.save_person(Person("Ann"))  # the connection is open: this lives in the -wal file
    assert (folder / "bonewise.sqlite-wal").stat().st_size > 0
    made = backups.rolling_backup(folder, now=DAY)
    assert people_in(made) == ["Zoë", "Ann"]


def test_at_most_one_backup_a_day(store):
    folder, _ = store
    first = backups.rolling_backup(folder, now=DAY)
    assert backups.rolling_backup(folder, now=DAY + dt.timedelta(hours=5)) is None
    second = backups.rolling_backup(folder, now=DAY + dt.timedelta(days=1))
    assert [b.path for b in backups.list_backups(folder)] == [second, first]


def test_a_store_from_a_newer_version_takes_no_backup_slot(store):
    folder, repo = store
    repo.db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                    "VALUES ('bonewise', 'm999_from_the_future', '2030-01-01')")
    assert backups.rolling_backup(folder, now=DAY) is None
    assert backups.list_backups(folder) == []


def test_only_the_newest_seven_are_kept(store):
    folder, repo = store
    made = []
    for day in range(10):
        repo.set_setting("day", day)
        made.append(backups.rolling_backup(folder, now=DAY + dt.timedelta(days=day)))
    kept = backups.list_backups(folder)
    assert [b.path for b in kept] == made[:2:-1]
    assert len(kept) == backups.KEEP
    assert kept[0].taken_at == DAY + dt.timedelta(days=9)
    # Files that are not ours are never touched by the rotation.
    note = backups.backup_dir(folder) / "README.txt"
    note.write_text("mine")
    backups.rolling_backup(folder, now=DAY + dt.timedelta(days=11))
    assert note.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_backups_are_private(store):
    folder, _ = store
    made = backups.rolling_backup(folder, now=DAY)
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700


def test_backup_is_a_single_self_contained_file(store):
    folder, _ = store
    made = backups.rolling_backup(folder, now=DAY)
    conn = sqlite3.connect(f"{made.as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name]


def test_the_backups_folder_is_flushed_after_the_rename(store, monkeypatch):
    folder, _ = store
    synced: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(backups, "sync_folder", lambda f: synced.append((f.name, sorted(os.listdir(f)))))
    made = backups.take_backup(folder, now=DAY)
    assert synced == [("backups", [made.name])]  # flushed once the backup has its final name


def test_two_backups_in_the_same_second_do_not_overwrite(store):
    folder, _ = store
    a = backups.take_backup(folder, now=DAY)
    b = backups.take_backup(folder, now=DAY)
    assert a != b and a.exists() and b.exists()
    assert backups.latest_backup(folder).path == b


def test_restore_brings_back_the_old_content_and_keeps_the_current_one(store):
    folder, repo = store
    made = backups.take_backup(folder, now=DAY)
    repo.save_person(Person("Added after the backup"))
    repo.close()
    restored = backups.restore_backup(folder)
    assert restored == made
    with Repository.open(folder) as reopened:
        assert [p.name for p in reopened.people()] == ["Zoë"]
    # The content before the restore was itself backed up.
    contents = [people_in(b.path) for b in backups.list_backups(folder)]
    assert ["Zoë", "Added after the backup"] in contents


def test_restore_refuses_what_is_not_a_backup(store, tmp_path):
    folder, repo = store
    with pytest.raises(BonewiseError, match="no backup"):
        backups.restore_backup(folder)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database" * 100)
    with pytest.raises(BonewiseError, match="not a readable Bonewise backup"):
        backups.restore_backup(folder, junk)
    with pytest.raises(BonewiseError, match="does not exist"):
        backups.restore_backup(folder, tmp_path / "missing.sqlite")
    assert [p.name for p in repo.people()] == ["Zoë"]
