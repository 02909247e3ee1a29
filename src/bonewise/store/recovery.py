"""A damaged user store: say what is wrong, keep the file aside, bring back the newest good copy.

Nothing here deletes a file. A damaged store (with its ``-wal`` and ``-shm``) is
renamed to ``bonewise.sqlite.damaged-YYYYMMDD-HHMM`` (``…-wal``, ``…-shm``), names
SQLite still pairs, so a salvage tool can open the set-aside copy whole. The
replacement is copied and checked under a temporary name first and only then
swapped in, so a restore that fails half-way leaves everything as it was.

The newest good copy is the newest backup that passes SQLite's check, or, when only
the change log is damaged, the store file itself as of its last checkpoint, if
that is newer. A store written by a newer Bonewise is never touched: it is not
damaged, this program is just too old for it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from bonewise.errors import BonewiseError
from bonewise.store.backups import backup_dir, list_backups
from bonewise.store.userdb import (
    DamagedDatabaseError,
    NewerSchemaError,
    check_store,
    open_user_db,
    user_db_path,
)

_STAMP = "%Y%m%d-%H%M"
_RESTORING = ".restoring"
_LOGS = ("-wal", "-shm")


class State(StrEnum):
    OK = "ok"  # readable and of a schema this program knows
    MISSING = "missing"  # no store yet: it will be created on first use
    DAMAGED = "damaged"  # unreadable: set it aside and restore, or start empty
    NEWER = "newer"  # written by a newer Bonewise: leave it alone


class NoBackupError(BonewiseError):
    """There is nothing to restore, and the user has not agreed to start empty."""


@dataclass(frozen=True)
class RestorePoint:
    """A readable copy of the store to go back to."""

    path: Path
    taken_at: dt.datetime  # local time
    from_backup: bool  # False: the store file itself, without its damaged change log

    def when(self) -> str:
        """The time of the copy as people write it: "26 November 2026, 16:12"."""
        return f"{self.taken_at.day} {self.taken_at:%B %Y, %H:%M}"

    def describe(self) -> str:
        if self.from_backup:
            return f"the backup of {self.when()}"
        return f"the store as last saved on {self.when()}, without its damaged change log"


@dataclass(frozen=True)
class Health:
    """What ``diagnose`` found; ``problem`` is a sentence for the user ("" when all is well)."""

    state: State
    store: Path
    problem: str = ""
    restore_point: RestorePoint | None = None

    @property
    def usable(self) -> bool:
        """True if the store can be opened as it is (or created)."""
        return self.state in (State.OK, State.MISSING)


@dataclass(frozen=True)
class RecoveryResult:
    """What ``set_aside_and_restore`` did."""

    store: Path
    set_aside: tuple[Path, ...]  # the damaged store first, then its logs
    restored_from: RestorePoint | None  # None: started with an empty store

    def describe(self) -> str:
        """One or two sentences saying what happened and where the damaged file is."""
        done = (
            "Started with an empty store"
            if self.restored_from is None
            else f"Restored {self.restored_from.describe()}"
        )
        if not self.set_aside:
            return f"{done} in {self.store.parent}."
        return f"{done}. The damaged file was kept as {self.set_aside[0]}."


def diagnose(data_dir: Path) -> Health:
    """Check the user store in ``data_dir`` without changing anything in the folder."""
    store = user_db_path(Path(data_dir))
    if not store.exists():
        return Health(State.MISSING, store, restore_point=_newest_good_copy(Path(data_dir), None))
    try:
        check_store(store)
    except NewerSchemaError as exc:
        return Health(State.NEWER, store, str(exc))
    except DamagedDatabaseError as exc:
        return Health(State.DAMAGED, store, str(exc), _newest_good_copy(Path(data_dir), store))
    return Health(State.OK, store)


def set_aside_and_restore(
    data_dir: Path, backup: Path | None = None, *, start_empty: bool = False
) -> RecoveryResult:
    """Keep a damaged (or missing) store aside and put a good copy in its place.

    ``backup`` names the copy to restore; by default it is the newest good copy
    ``diagnose`` finds. With ``start_empty`` a new, empty store is started instead;
    without it, NoBackupError is raised when there is nothing to restore, so an
    empty store is only ever started when the user has agreed to it. A readable
    store, or one from a newer Bonewise, is refused and left as it is. Close every
    connection to the store first (the app holds the data folder's InstanceLock).
    """
    data_dir = Path(data_dir)
    health = diagnose(data_dir)
    if health.state is State.NEWER:
        raise NewerSchemaError(health.problem)
    if health.state is State.OK:
        raise BonewiseError(f"{health.store} is readable; nothing was set aside or restored.")
    store = health.store
    if backup is not None:
        point = _explicit_backup(Path(backup))
    elif start_empty:
        point = None
    elif health.restore_point is not None:
        point = health.restore_point
    else:
        raise NoBackupError(
            f"There is no readable backup in {backup_dir(data_dir)} to restore; "
            "Bonewise can keep the damaged file aside and start with an empty store."
        )

    staged = store.with_name(store.name + _RESTORING)
    if point is not None:
        _stage_copy(point.path, staged)
    try:
        moved = _set_aside(store, dt.datetime.now())
        if point is None:
            open_user_db(store).conn.close()
        else:
            os.replace(staged, store)
    finally:
        staged.unlink(missing_ok=True)
    return RecoveryResult(store, moved, point)


# -- helpers ------------------------------------------------------------------------


def readable(path: Path) -> bool:
    """True if ``path`` is a sound store of a schema this program knows (read-only check)."""
    try:
        check_store(path)
    except (BonewiseError, OSError):
        return False
    return True


def _newest_good_copy(data_dir: Path, store: Path | None) -> RestorePoint | None:
    """The newest backup that passes the check, or the store without its log if newer."""
    found = next(
        (RestorePoint(b.path, b.taken_at, True) for b in list_backups(data_dir) if readable(b.path)),
        None,
    )
    if store is not None and Path(f"{store}-wal").exists() and _readable_without_log(store):
        saved = dt.datetime.fromtimestamp(store.stat().st_mtime).replace(microsecond=0)
        if found is None or saved > found.taken_at:
            found = RestorePoint(store, saved, False)
    return found


def _readable_without_log(store: Path) -> bool:
    # Checked on a copy elsewhere: reading the file in place would make SQLite use the log.
    with tempfile.TemporaryDirectory(prefix="bonewise-check-") as folder:
        copy = Path(folder) / store.name
        try:
            shutil.copyfile(store, copy)
        except OSError:
            return False
        return readable(copy)


def _explicit_backup(path: Path) -> RestorePoint:
    if not path.is_file():
        raise BonewiseError(f"The backup {path} does not exist.")
    if not readable(path):
        raise BonewiseError(f"{path} is not a readable Bonewise backup; nothing was changed.")
    taken = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    return RestorePoint(path, taken, True)


def _stage_copy(source: Path, staged: Path) -> None:
    """Copy ``source`` (a file no one writes: a backup, or the store's main file) to ``staged``."""
    try:
        fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(source, "rb") as src, os.fdopen(fd, "wb") as out:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
        staged.chmod(0o600)
    except OSError as exc:
        staged.unlink(missing_ok=True)
        raise BonewiseError(f"Could not copy {source} to {staged.parent}: {exc.strerror or exc}.") from None
    # The staged copy carries no log: none from an earlier attempt may join it, and the
    # index SQLite makes while checking it is ours to remove.
    _remove_logs(staged)
    sound = readable(staged)
    _remove_logs(staged)
    if not sound:
        staged.unlink(missing_ok=True)
        raise BonewiseError(f"{source} could not be read back after copying; nothing was changed.")


def _remove_logs(staged: Path) -> None:
    for log in _LOGS:
        Path(f"{staged}{log}").unlink(missing_ok=True)


def _set_aside(store: Path, now: dt.datetime) -> tuple[Path, ...]:
    """Rename the store and its logs to a free ``.damaged-STAMP`` name; return the new paths."""
    base = f"{store.name}.damaged-{now:{_STAMP}}"
    name, counter = base, 1
    while any(store.with_name(name + suffix).exists() for suffix in ("", *_LOGS)):
        counter += 1
        name = f"{base}-{counter}"
    moved = []
    for suffix in ("", *_LOGS):
        part = Path(f"{store}{suffix}")
        if part.exists():
            target = store.with_name(name + suffix)
            try:
                os.rename(part, target)
            except OSError as exc:
                raise BonewiseError(
                    f"Could not move {part} aside: {exc.strerror or exc}; nothing was deleted."
                ) from None
            moved.append(target)
    return tuple(moved)
