"""Opening the user store: WAL, migrations, and refusal of a schema newer than this program."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from bonewise.errors import BonewiseError
from bonewise.paths import USER_DB_NAME
from bonewise.store.migrations import MIGRATIONS, known_names


class NewerSchemaError(BonewiseError):
    """The database was written by a newer Bonewise; we must not touch it."""


class DamagedDatabaseError(BonewiseError):
    """The file is not a readable SQLite database."""


def user_db_path(data_dir: Path) -> Path:
    return data_dir / USER_DB_NAME


def open_user_db(path: Path | None = None) -> Database:
    """Open (creating if needed) and migrate the user store at ``path``; None gives memory.

    Raises NewerSchemaError, leaving the file untouched, when it carries migrations
    this program does not know, and DamagedDatabaseError when it is not SQLite.
    """
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # isolation_level=None: autocommit, so every edit is durable at once;
        # db.atomic() groups the multi-statement ones.
        conn = sqlite3.connect(
            ":memory:" if path is None else str(path), isolation_level=None, timeout=5.0
        )
        db = Database(conn)
        unknown = _unknown_migrations(db)
        if unknown:
            conn.close()
            raise NewerSchemaError(
                f"{path} was written by a newer version of Bonewise (it has schema steps "
                f"{', '.join(unknown)}); it was left untouched. Install the newer version to open it."
            )
        if path is not None:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        MIGRATIONS.apply(db)
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabaseError(f"{path} is not a readable Bonewise database ({exc})") from exc
    return db


def _unknown_migrations(db: Database) -> list[str]:
    known = set(known_names())
    return [m.name for m in MIGRATIONS.applied(db) if m.name not in known]
