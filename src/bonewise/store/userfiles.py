"""Files the user names: every export is written here, and only where no Bonewise data can be lost;
every import is read here, and never more than its limit.

The rule for writes: a command or dialog may write a file the user named (a PDF,
a shopping list, a plan bundle) only through :func:`write_user_file`, which

* follows a symbolic link to the file it names and checks that file, so a link
  can neither be replaced by the export nor lead it into a data folder;
* refuses anything that is not a regular file (a folder, a device such as
  ``/dev/null``, a named pipe, a socket);
* refuses a database or a part of one wherever it lies: a file that starts like
  an SQLite database or its change log, and a ``-wal``, ``-shm`` or ``-journal``
  file beside a database;
* inside a Bonewise data folder (the one in use, or any folder holding a
  ``bonewise.sqlite``) allows only a new or earlier export with the export's own
  suffix, never the store and its logs, the lock, the window settings, a
  set-aside copy or anything in ``backups/``;
* writes a temporary file beside the target, flushes it to disk, renames it over
  the target and then flushes the folder, so a crash or a full disk leaves the
  old file or the new one, never half of one.

Bonewise's own files (the store, backups, the lock, settings) are written by the
store modules, never through here.

The rule for reads: :func:`read_user_file` refuses a folder, a device, a named
pipe or a socket before reading a byte (``/dev/zero`` would never end, a pipe
without a writer would wait forever), and then reads at most one byte more than
the limit, whatever size the file system reports.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from bonewise.core.rules import shown_path as shown
from bonewise.errors import BonewiseError
from bonewise.paths import UI_SETTINGS_NAME, USER_DB_NAME, sync_folder
from bonewise.store.backups import BACKUP_DIR_NAME
from bonewise.store.instancelock import LOCK_NAME

SQLITE_MAGIC = b"SQLite format 3\x00"
WAL_MAGICS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
DATABASE_PARTS = ("-wal", "-shm", "-journal")


class OutputRefusedError(BonewiseError):
    """The named file must not be written: it is Bonewise data, a database or not a file."""


def check_output_path(
    path: str | os.PathLike[str], *, data_dir: Path | None, suffix: str
) -> Path:
    """The file an export named ``path`` would write, after every check of the rule above.

    ``data_dir`` is the data folder in use (None for none); ``suffix`` (".pdf") is
    the only kind of file an export may leave inside a data folder. Raises
    OutputRefusedError, or BonewiseError for a folder that is missing, with one
    sentence; changes nothing.
    """
    given = Path(path).expanduser()
    if not given.name or given.name in (".", ".."):
        raise OutputRefusedError(f"{shown(given)} is a folder; give a file name such as plan{suffix}.")
    # The file a link names is what would be replaced: check that one, and write there.
    target = Path(os.path.realpath(given))
    folder = target.parent
    if not folder.exists():
        raise BonewiseError(f"The folder {shown(folder)} does not exist.")
    if not folder.is_dir():
        raise BonewiseError(f"{shown(folder)} is a file, not a folder; choose another place to save.")
    _check_existing(target, suffix)
    _check_data_folder(target, data_dir, suffix)
    return target


def write_user_file(
    data: bytes, path: str | os.PathLike[str], *, data_dir: Path | None, suffix: str
) -> Path:
    """Write ``data`` to the file ``path`` names, atomically; returns the path written.

    Checks ``path`` with :func:`check_output_path` first and once more just before
    the rename. Problems (a refused target, a full disk, no permission) become a
    BonewiseError with one sentence, and an older file of that name stays as it was.
    """
    target = check_output_path(path, data_dir=data_dir, suffix=suffix)
    folder = target.parent
    temp: str | None = None
    try:
        # A short temporary name: a target name near the file system's limit must not
        # fail only because ".<name>.<random>.part" is longer.
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name[:40]}.", suffix=".part")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())  # a full disk may only say so here
        _check_existing(target, suffix)  # nothing took the target's place meanwhile
        os.replace(temp, target)
        temp = None
        sync_folder(folder)
    except OSError as exc:
        raise BonewiseError(write_problem(exc, target)) from None
    finally:
        if temp is not None:  # never leave a half-written file behind
            Path(temp).unlink(missing_ok=True)
    return target


def read_user_file(path: str | os.PathLike[str], *, limit: int, what: str) -> bytes:
    """The bytes of the file ``path`` names, which must be an ordinary file of at most ``limit``
    bytes; ``what`` ("a plan bundle") names it in the messages. Raises BonewiseError."""
    given = Path(path).expanduser()
    try:
        _check_readable(os.stat(given).st_mode, given, what)
        # O_NONBLOCK: a pipe put in its place since the check must not make the open wait.
        fd = os.open(given, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            _check_readable(os.fstat(fd).st_mode, given, what)  # what was opened, not what was checked
            if hasattr(os, "set_blocking"):
                os.set_blocking(fd, True)
            data = _read_at_most(fd, limit + 1)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise BonewiseError(f"{shown(given)} does not exist.") from None
    except OSError as exc:
        raise BonewiseError(f"Could not read {shown(given)}: {exc.strerror or exc}.") from None
    if len(data) > limit:
        raise BonewiseError(
            f"{shown(given)} is larger than {limit / 2**20:.0f} MB; {what} may be at most "
            f"{limit / 2**20:.0f} MB."
        )
    return data


def _check_readable(mode: int, path: Path, what: str) -> None:
    if stat.S_ISDIR(mode):
        raise BonewiseError(f"{shown(path)} is a folder, not {what} file.")
    kind = _special_kind(mode)
    if kind or not stat.S_ISREG(mode):
        raise BonewiseError(f"{shown(path)} is {kind or 'not an ordinary file'}, not {what} file.")


def _read_at_most(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def write_problem(exc: OSError, target: Path) -> str:
    """One sentence for an OSError met while writing ``target``."""
    folder = target.parent
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"The disk is full: {shown(target)} was not written (nothing was changed)."
    if exc.errno == errno.EROFS:
        return f"The folder {shown(folder)} is on a read-only disk; choose another place to save."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"Cannot write to the folder {shown(folder)}: permission denied."
    if exc.errno == errno.ENAMETOOLONG:
        return (
            f"The file name {shown(target.name)} is too long for this disk "
            f"({len(target.name)} characters); choose a shorter name."
        )
    return f"Could not write {shown(target)}: {exc.strerror or exc}."


# -- the checks ------------------------------------------------------------------------


def _check_existing(target: Path, suffix: str) -> None:
    """Refuse an existing ``target`` that is not an ordinary file, or that is a database."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise BonewiseError(write_problem(exc, target)) from None
        raise OutputRefusedError(f"{shown(target)} cannot be checked ({exc.strerror or exc}); nothing was written.") from None
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise OutputRefusedError(f"{shown(target)} is a folder; give a file name such as plan{suffix}.")
    kind = _special_kind(mode)
    if kind:
        raise OutputRefusedError(f"{shown(target)} is {kind}, not a file; choose a file name such as plan{suffix}.")
    name = target.name.casefold()
    for part in DATABASE_PARTS:
        if name.endswith(part) and target.with_name(target.name[: -len(part)]).is_file():
            raise OutputRefusedError(
                f"{shown(target)} belongs to the database beside it; nothing was written."
            )
    head = _head(target)
    if head.startswith(SQLITE_MAGIC) or head[:4] in WAL_MAGICS:
        raise OutputRefusedError(
            f"{shown(target)} is a database (such as a Bonewise store or backup), not an export; "
            "nothing was written."
        )


def _special_kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return ""


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(len(SQLITE_MAGIC))
    except OSError:
        return b""  # unreadable: it is then not ours to judge; the write itself may still fail


def _check_data_folder(target: Path, data_dir: Path | None, suffix: str) -> None:
    folder = _data_folder_holding(target, data_dir)
    if folder is None:
        return
    inside = target.relative_to(folder).parts
    name = target.name.casefold()
    where = f"Bonewise's data folder {shown(folder)}"
    if inside[0].casefold() == BACKUP_DIR_NAME:
        raise OutputRefusedError(f"{shown(target)} is in Bonewise's backups folder; save exports elsewhere.")
    if len(inside) == 1 and name.startswith(USER_DB_NAME):
        raise OutputRefusedError(
            f"{shown(target)} is Bonewise's store of your plans (or part of it); choose another file name."
        )
    if len(inside) == 1 and name in (LOCK_NAME, UI_SETTINGS_NAME):
        raise OutputRefusedError(f"{shown(target)} is one of Bonewise's own files; choose another file name.")
    if not name.endswith(suffix.casefold()):
        raise OutputRefusedError(
            f"{shown(target)} is inside {where}, where only {suffix} exports may be saved; "
            "choose another folder or name."
        )


def _data_folder_holding(target: Path, data_dir: Path | None) -> Path | None:
    """The data folder ``target`` lies in: the one in use, or any folder with a Bonewise store."""
    in_use = Path(os.path.realpath(data_dir)) if data_dir is not None else None
    for folder in target.parents:
        if in_use is not None and _same_folder(folder, in_use):
            return folder
        if (folder / USER_DB_NAME).is_file() or (folder / LOCK_NAME).is_file():
            return folder
    return None


def _same_folder(a: Path, b: Path) -> bool:
    if a == b:
        return True
    try:
        return os.path.samefile(a, b)  # case-insensitive disks, bind mounts
    except OSError:
        return False
