"""Opening the user store: WAL, migrations, and refusal of a schema newer than this program."""

from __future__ import annotations

import os
import sqlite3
import struct
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
        if path.exists():
            check_store(path)
        _make_private(path)
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
            raise _newer_schema_error(path, unknown)
        if path is not None:
            db.execute("PRAGMA journal_mode=WAL")
            # FULL: an edit reported as saved survives a power cut too (NORMAL keeps
            # the file consistent but may drop the last commits); a few ms per edit.
            db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        MIGRATIONS.apply(db)
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabaseError(f"{path} is not a readable Bonewise database ({exc})") from exc
    return db


def _newer_schema_error(path: Path | None, unknown: list[str]) -> NewerSchemaError:
    return NewerSchemaError(
        f"{path} was written by a newer version of Bonewise (it has schema steps "
        f"{', '.join(unknown)}); it was left untouched. Install the newer version to open it."
    )


def check_store(path: Path) -> None:
    """Raise NewerSchemaError or DamagedDatabaseError for the store at ``path``; change nothing.

    Reads through a read-only connection, so a store from a newer version keeps its
    unmerged write-ahead log (a read-write connection would fold it into the file
    on close). Catches what SQLite itself would pass over: an empty file, whose
    content is gone, and a log whose header is garbage, whose edits SQLite would
    silently drop; ``quick_check`` finds damaged pages before an edit meets them.
    """
    if path.stat().st_size == 0:
        raise DamagedDatabaseError(f"{path} is not a readable Bonewise database (the file is empty).")
    wal = Path(f"{path}-wal")
    if wal.is_file() and not wal_header_ok(wal):
        raise DamagedDatabaseError(
            f"{path} is not a readable Bonewise database (its change log {wal.name} is damaged)."
        )
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            unknown = _unknown_migrations(Database(conn))
            (check,) = conn.execute("PRAGMA quick_check(1)").fetchone()
            tables = sorted(
                name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabaseError(f"{path} is not a readable Bonewise database ({exc})") from exc
    if unknown:
        raise _newer_schema_error(path, unknown)
    if tables and "_sqlite_migrations" not in tables:
        # Some other program's database under our name: opening it would add our
        # tables to it, so it is refused (and can be set aside) like a damaged one.
        raise DamagedDatabaseError(
            f"{path} is not a Bonewise database (it holds other tables: {', '.join(tables[:5])})."
        )
    if check != "ok":
        detail = " ".join(check.replace("*** in database main ***", "").split())[:200]
        raise DamagedDatabaseError(
            f"{path} is not a readable Bonewise database (damaged pages: {detail})."
        )


def wal_header_ok(wal: Path) -> bool:
    """True if ``wal`` is empty or starts with a valid SQLite write-ahead-log header.

    SQLite ignores a log whose header fails its checksum, dropping the edits in it
    without a word; we would rather say so and keep the file.
    """
    with open(wal, "rb") as f:
        header = f.read(32)
    if not header:
        return True
    if len(header) < 32:
        return False
    magic, version = struct.unpack(">II", header[:8])
    if magic not in (0x377F0682, 0x377F0683) or version != 3007000:
        return False
    # The checksum runs over 32-bit words in the byte order the magic's low bit names.
    words = struct.unpack((">" if magic & 1 else "<") + "6I", header[:24])
    s0 = s1 = 0
    for x0, x1 in zip(words[::2], words[1::2], strict=True):
        s0 = (s0 + x0 + s1) & 0xFFFFFFFF
        s1 = (s1 + x1 + s0) & 0xFFFFFFFF
    return (s0, s1) == struct.unpack(">II", header[24:32])


def _make_private(path: Path) -> None:
    """Health data: a folder we create is 0700, the store 0600 (SQLite gives -wal/-shm its mode)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    for part in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if part.exists():
            part.chmod(0o600)


def _unknown_migrations(db: Database) -> list[str]:
    known = set(known_names())
    return [m.name for m in MIGRATIONS.applied(db) if m.name not in known]
