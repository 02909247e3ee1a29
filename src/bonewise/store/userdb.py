"""Opening the user store: WAL, migrations, refusal of a schema newer than this program, and
telling a store that is damaged from one that only cannot be reached (permissions, a read-only
or full disk), which must never be treated as damage: nothing is moved for it.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import struct
from pathlib import Path

from bonewise.core.rules import shown_path
from bonewise.errors import BonewiseError
from bonewise.paths import USER_DB_NAME, ensure_data_dir
from bonewise.store.migrations import MIGRATIONS, known_names
from bonewise.store.sqldb import Database


class NewerSchemaError(BonewiseError):
    """The database was written by a newer Bonewise; we must not touch it."""


class DamagedDatabaseError(BonewiseError):
    """The file is not a readable SQLite database."""


class StoreAccessError(BonewiseError):
    """The store cannot be read or written here (permissions, a read-only or full disk, a busy or
    failing disk). Nothing is known to be wrong with its content, so nothing is moved for it."""


_DAMAGE_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


def store_problem(exc: BaseException, path: Path) -> BonewiseError | None:
    """The sentence for an error met on the store at ``path``: StoreAccessError when it is about
    access or space, DamagedDatabaseError when SQLite found damage, None when it is neither."""
    if isinstance(exc, OSError):
        return _os_problem(exc, path)
    if not isinstance(exc, sqlite3.Error):
        return None
    code = getattr(exc, "sqlite_errorname", "") or ""
    where = shown_path(path)
    if code.startswith("SQLITE_FULL"):
        return StoreAccessError(
            f"The disk holding {where} is full, so nothing was saved; free some space and try again."
        )
    if code.startswith("SQLITE_READONLY"):
        return StoreAccessError(
            f"{where} is on a read-only disk or in a folder Bonewise may not write to; nothing was changed."
        )
    if code.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return _cannot_open(path)
    if code.startswith("SQLITE_IOERR"):
        return StoreAccessError(
            f"The disk reported an error while reading or writing {where} ({exc}); nothing was moved."
        )
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreAccessError(
            f"{where} is busy in another program; nothing was changed, so try again in a moment."
        )
    if code.startswith(_DAMAGE_CODES):
        return DamagedDatabaseError(f"{where} is not a readable Bonewise database ({exc}).")
    return None


def _os_problem(exc: OSError, path: Path) -> StoreAccessError | None:
    where = shown_path(path)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StoreAccessError(
            f"The disk holding {where} is full, so nothing was saved; free some space and try again."
        )
    if exc.errno == errno.EROFS:
        return StoreAccessError(f"{where} is on a read-only disk; nothing was changed.")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return StoreAccessError(
            f"Bonewise is not allowed to read or write {where} (permission denied); "
            "it was left as it is."
        )
    if exc.errno == errno.EIO:
        return StoreAccessError(
            f"The disk reported an error while reading or writing {where}; nothing was moved."
        )
    return None


def _cannot_open(path: Path) -> StoreAccessError:
    """Why SQLite could not open ``path``: the operating system's own answer names it."""
    for target, flags in ((path, os.O_RDWR), (path.parent, os.O_RDONLY)):
        try:
            os.close(os.open(target, flags))
        except OSError as exc:
            problem = _os_problem(exc, target)
            if problem is not None:
                return problem
    if not os.access(path.parent, os.W_OK):
        return StoreAccessError(
            f"Bonewise may not create files in {shown_path(path.parent)} (permission denied), "
            "which it needs to open its store; nothing was changed."
        )
    return StoreAccessError(f"{shown_path(path)} cannot be opened; nothing was changed.")


class _StoreConnection(sqlite3.Connection):
    """A connection to the user store whose access, space and damage errors are sentences.

    Every write (the window's, the command line's, an import's) ends in ``execute``,
    so a full disk or a read-only folder says so in words there, and is never taken
    for damage.
    """

    store_path: Path

    def execute(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return super().execute(*args, **kwargs)
        except sqlite3.Error as exc:
            raise store_problem(exc, self.store_path) or exc from exc

    def executemany(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return super().executemany(*args, **kwargs)
        except sqlite3.Error as exc:
            raise store_problem(exc, self.store_path) or exc from exc


def user_db_path(data_dir: Path) -> Path:
    return data_dir / USER_DB_NAME


def open_user_db(path: Path | None = None) -> Database:
    """Open (creating if needed) and migrate the user store at ``path``; None gives memory.

    Raises NewerSchemaError, leaving the file untouched, when it carries migrations
    this program does not know, DamagedDatabaseError when it is not SQLite, and
    StoreAccessError when it cannot be read or written here.
    """
    if path is not None:
        if path.exists():
            check_store(path)
        _make_private(path)
    where = Path(":memory:") if path is None else path
    try:
        # isolation_level=None: autocommit, so every edit is durable at once;
        # db.atomic() groups the multi-statement ones.
        conn = sqlite3.connect(str(where), isolation_level=None, timeout=5.0, factory=_StoreConnection)
    except sqlite3.Error as exc:
        raise _opening_problem(exc, where) from exc
    conn.store_path = where
    try:
        db = Database(conn)
        unknown = _unknown_migrations(db)
        if unknown:
            raise _newer_schema_error(where, unknown)
        if path is not None:
            db.execute("PRAGMA journal_mode=WAL")
            # FULL: an edit reported as saved survives a power cut too (NORMAL keeps
            # the file consistent but may drop the last commits); a few ms per edit.
            db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        MIGRATIONS.apply(db)
    except sqlite3.Error as exc:
        conn.close()
        raise _opening_problem(exc, where) from exc
    except BonewiseError:
        conn.close()
        raise
    return db


def _opening_problem(exc: sqlite3.Error, path: Path) -> BonewiseError:
    return store_problem(exc, path) or DamagedDatabaseError(
        f"{shown_path(path)} is not a readable Bonewise database ({exc})."
    )


def _newer_schema_error(path: Path, unknown: list[str]) -> NewerSchemaError:
    return NewerSchemaError(
        f"{shown_path(path)} was written by a newer version of Bonewise (it has schema steps "
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
    wal = Path(f"{path}-wal")
    try:
        # The operating system says first whether the files may be read at all: a
        # store Bonewise may not read is not a damaged one.
        os.close(os.open(path, os.O_RDONLY))
        empty = path.stat().st_size == 0
        log_ok = not wal.is_file() or wal_header_ok(wal)
    except OSError as exc:
        raise _os_problem(exc, path) or StoreAccessError(
            f"{shown_path(path)} cannot be read ({exc.strerror or exc}); it was left as it is."
        ) from None
    if empty:
        raise DamagedDatabaseError(
            f"{shown_path(path)} is not a readable Bonewise database (the file is empty)."
        )
    if not log_ok:
        raise DamagedDatabaseError(
            f"{shown_path(path)} is not a readable Bonewise database "
            f"(its change log {wal.name} is damaged)."
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
        raise _opening_problem(exc, path) from exc
    if unknown:
        raise _newer_schema_error(path, unknown)
    if tables and "_sqlite_migrations" not in tables:
        # Some other program's database under our name: opening it would add our
        # tables to it, so it is refused (and can be set aside) like a damaged one.
        raise DamagedDatabaseError(
            f"{shown_path(path)} is not a Bonewise database (it holds other tables: {', '.join(tables[:5])})."
        )
    if check != "ok":
        detail = " ".join(check.replace("*** in database main ***", "").split())[:200]
        raise DamagedDatabaseError(
            f"{shown_path(path)} is not a readable Bonewise database (damaged pages: {detail})."
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
    """Health data: the folder is private, the store is created 0600, and others lose any access
    to it and its logs (SQLite gives -wal/-shm the store's mode). A store its owner made
    read-only stays read-only: only others' permissions are taken away."""
    ensure_data_dir(path.parent)
    if not path.exists():
        try:
            os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            pass  # made meanwhile by another process
        except OSError as exc:
            raise _os_problem(exc, path) or StoreAccessError(
                f"{shown_path(path)} cannot be created ({exc.strerror or exc}); nothing was changed."
            ) from None
    for part in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            mode = stat.S_IMODE(part.stat().st_mode)
            if mode & 0o077:
                part.chmod(mode & 0o700)
        except (FileNotFoundError, PermissionError):
            pass  # not there yet, or someone else's file that we may still use


def _unknown_migrations(db: Database) -> list[str]:
    known = set(known_names())
    return [name for name in MIGRATIONS.applied(db) if name not in known]
