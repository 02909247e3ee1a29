"""Salvage: copy every row that can still be read from a damaged store into a new one.

SQLite's own ``.recover`` lives in the ``sqlite3`` shell, which users' machines
need not have; this is the portable way. Each table of the current schema is read
in key order until a damaged page stops the read, then from the other end back to
where the first read stopped, and every row read goes into a fresh store. The
damaged file is read from a private copy (with its change log only if that is
sound), so nothing here changes it.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bonewise.store.userdb import open_user_db, wal_header_ok


@dataclass(frozen=True)
class Salvage:
    """A new store at ``path`` with what could be read of a damaged one."""

    path: Path
    rows: int  # rows copied
    # Per table that could not be read whole: the key of the last row read before the damage
    # and of the first row read after it (None: the damage reaches that end of the table).
    gaps: Mapping[str, tuple[tuple | None, tuple | None]] = field(default_factory=dict)
    log_left_out: bool = False  # the change log was damaged, so only the main file was read

    @property
    def unreadable(self) -> tuple[str, ...]:
        """The tables that could not be read whole."""
        return tuple(self.gaps)

    @property
    def complete(self) -> bool:
        return not self.gaps


def salvage(damaged: Path, target: Path) -> Salvage | None:
    """Copy the readable rows of ``damaged`` into a new store at ``target`` (which must not exist).

    Returns None, creating nothing, when not even the list of tables can be read, or it
    lists none of a Bonewise store's.
    """
    with tempfile.TemporaryDirectory(prefix="bonewise-salvage-") as folder:
        copy = Path(folder) / damaged.name
        shutil.copyfile(damaged, copy)
        log = Path(f"{damaged}-wal")
        log_left_out = log.is_file() and log.stat().st_size > 0 and not wal_header_ok(log)
        if log.is_file() and not log_left_out:
            shutil.copyfile(log, Path(f"{copy}-wal"))
        source = sqlite3.connect(str(copy))
        try:
            try:
                tables = {n for (n,) in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            except sqlite3.DatabaseError:
                return None
            if "_sqlite_migrations" not in tables:
                return None  # an empty file, or not a store of ours: nothing to salvage
            return _copy_tables(source, tables, target, log_left_out)
        finally:
            source.close()


def _copy_tables(source: sqlite3.Connection, source_tables: set[str], target: Path,
                 log_left_out: bool) -> Salvage:  # fmt: skip
    conn = open_user_db(target).conn
    rows, gaps = 0, {}
    try:
        conn.execute("PRAGMA foreign_keys=OFF")  # rows arrive in any order
        for table in _own_tables(conn):
            if table not in source_tables:
                continue
            have = set(_columns(source, table))
            columns = [c for c in _columns(conn, table) if c in have]
            read, gap = _readable_rows(source, table, columns, _key(conn, table))
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" * len(columns))
            conn.execute("BEGIN")
            # OR IGNORE: a row that breaks a rule of the schema is left in the damaged file.
            conn.executemany(f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({marks})', read)
            conn.execute("COMMIT")
            rows += len(read)
            if gap is not None:
                gaps[table] = gap
        conn.execute("PRAGMA foreign_keys=ON")
    finally:
        conn.close()
    return Salvage(target, rows, gaps, log_left_out)


def _own_tables(conn: sqlite3.Connection) -> list[str]:
    """The user store's tables, not SQLite's own nor the record of migrations."""
    return [n for (n,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
        "AND name != '_sqlite_migrations' ORDER BY name")]  # fmt: skip


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
    except sqlite3.DatabaseError:
        return []


def _key(conn: sqlite3.Connection, table: str) -> list[str]:
    """The columns a table is stored in the order of: its primary key, else its rowid."""
    key = sorted((row[5], row[1]) for row in conn.execute(f'PRAGMA table_info("{table}")') if row[5])
    return [f'"{name}"' for _, name in key] or ["rowid"]


def _readable_rows(
    source: sqlite3.Connection, table: str, columns: list[str], key: list[str]
) -> tuple[list[tuple], tuple[tuple | None, tuple | None] | None]:
    """Rows of ``table`` read forwards until damage stops the read, then backwards to that
    point; and, when the damage stopped a read, the keys on either side of it."""
    width = len(columns)
    forward: list[tuple] = []
    if _scan(source, table, columns, key, "ASC", forward, stop_at=None):
        return [row[:width] for row in forward], None
    seen = {row[width:] for row in forward}
    backward: list[tuple] = []
    _scan(source, table, columns, key, "DESC", backward, stop_at=seen)
    gap = (forward[-1][width:] if forward else None, backward[-1][width:] if backward else None)
    return [row[:width] for row in forward + backward], gap


def _scan(source: sqlite3.Connection, table: str, columns: list[str], key: list[str],
          order: str, into: list[tuple], *, stop_at: set[tuple] | None) -> bool:  # fmt: skip
    """Append rows (the columns, then the key) to ``into`` in key ``order``; True if all were read.

    Rows are taken one by one, so a damaged page loses only the rows stored on it.
    """
    selected = ", ".join([*(f'"{c}"' for c in columns), *key])
    ordering = ", ".join(f"{k} {order}" for k in key)
    try:
        for row in source.execute(f'SELECT {selected} FROM "{table}" ORDER BY {ordering}'):
            if stop_at is not None and row[len(columns):] in stop_at:
                return False  # back where the forward read stopped
            into.append(row)
    except sqlite3.DatabaseError:
        return False
    return True


def within_gap(column: str, gap: tuple[Any, Any], width: int) -> tuple[str, tuple[Any, ...]]:
    """An SQL condition (and its values) for ``column`` lying between the two keys of a gap, both
    included, compared on their first ``width`` parts; a None end is open. For filling a
    salvaged store from a backup: only rows the damage hid are candidates."""
    conditions, values = [], []
    for key, sign in zip(gap, (">=", "<="), strict=True):
        if key is not None:
            marks = ", ".join("?" * width)
            conditions.append(f"{column} {sign} ({marks})" if width > 1 else f"{column} {sign} ?")
            values.extend(key[:width])
    return " AND ".join(conditions) or "1", tuple(values)
