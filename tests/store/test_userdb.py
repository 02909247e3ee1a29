"""Opening the user store: a newer schema or a damaged file is refused and left untouched."""

from __future__ import annotations

import datetime as dt

import pytest

from bonewise.store.repository import Repository
from bonewise.store.userdb import DamagedDatabaseError, NewerSchemaError, open_user_db, user_db_path


def test_newer_schema_is_refused_and_left_byte_identical(tmp_path):
    path = user_db_path(tmp_path)
    db = open_user_db(path)
    db.execute("INSERT INTO settings (key, value_json) VALUES ('theme', '\"dark\"')")
    db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
               "VALUES ('bonewise', 'm999_from_the_future', '2030-01-01')")
    db.conn.close()
    before = path.read_bytes()
    # Repository.open also takes the day's backup first; neither may change the file.
    with pytest.raises(NewerSchemaError, match="m999_from_the_future.*left untouched"):
        Repository.open(tmp_path)
    with pytest.raises(NewerSchemaError):
        open_user_db(path)
    assert path.read_bytes() == before


def test_damaged_file_is_refused_and_left_untouched(tmp_path):
    path = user_db_path(tmp_path)
    path.write_bytes(b"this is not a database, it is a shopping list\n" * 200)
    before = path.read_bytes()
    with pytest.raises(DamagedDatabaseError, match="not a readable Bonewise database"):
        Repository.open(tmp_path)
    assert path.read_bytes() == before


def test_another_programs_database_is_refused_and_left_byte_identical(tmp_path):
    import sqlite3

    path = user_db_path(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (title TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('grandma''s soup')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DamagedDatabaseError, match="not a Bonewise database.*recipes"):
        Repository.open(tmp_path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bonewise.sqlite"]  # no -wal, no backup


def test_open_uses_wal_and_foreign_keys(tmp_path):
    db = open_user_db(user_db_path(tmp_path))
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    db.conn.close()


def test_repository_open_takes_a_backup_of_an_existing_store(tmp_path):
    Repository.open(tmp_path).close()  # creates the store; nothing to back up yet
    assert not (tmp_path / "backups").exists()
    Repository.open(tmp_path).close()
    backups = list((tmp_path / "backups").iterdir())
    assert len(backups) == 1 and backups[0].name.startswith(f"bonewise-{dt.date.today():%Y%m%d}")
