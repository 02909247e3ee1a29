"""Repairing a damaged user store: salvage what can be read, fill gaps from a backup, say so first.

Nothing here deletes a file. ``diagnose`` only reads. ``prepare_repair`` builds the
replacement beside the store under a temporary name and says what it holds;
nothing is moved until ``Repair.carry_out``, which renames the damaged store (with
its ``-wal`` and ``-shm``) to ``bonewise.sqlite.damaged-YYYYMMDD-HHMM`` (names
SQLite still pairs, so a salvage tool can open the set-aside copy whole) and only
then renames the replacement into place. The replacement is, in this order:

1. everything that can still be read from the damaged store, copied row by row
   (``store.salvage``);
2. if some tables could not be read whole, what the newest readable backup has
   and the salvage lacks in those tables (people, days, custom foods, recipes);
3. if nothing at all can be read, the newest readable backup, saying that what
   changed after it is not in it;
4. only when the user agrees (``start_empty``), an empty store.

A backup named by the user is restored as it is, after saying what it lacks of
what could still be read. A store that only cannot be reached (permissions, a
read-only or full disk) is not damaged and is never moved; a store written by a
newer Bonewise is not damaged either and is never touched.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from bonewise.core.rules import shown_path
from bonewise.errors import BonewiseError
from bonewise.paths import sync_folder
from bonewise.store.backups import backup_dir, list_backups
from bonewise.store.repository import Repository, StoreContents
from bonewise.store.salvage import Salvage, salvage
from bonewise.store.sqldb import Database
from bonewise.store.userdb import (
    DamagedDatabaseError,
    NewerSchemaError,
    StoreAccessError,
    check_store,
    open_user_db,
    store_problem,
    user_db_path,
)

_STAMP = "%Y%m%d-%H%M"
_RESTORING = ".restoring"
_LOGS = ("-wal", "-shm")


class State(StrEnum):
    OK = "ok"  # readable and of a schema this program knows
    MISSING = "missing"  # no store yet: it will be created on first use
    DAMAGED = "damaged"  # unreadable: salvage it, fill gaps from a backup, or start empty
    NEWER = "newer"  # written by a newer Bonewise: leave it alone
    NO_ACCESS = "no_access"  # cannot be read or written here: permissions, read-only or full disk


class NoBackupError(BonewiseError):
    """Nothing can be salvaged or restored, and the user has not agreed to start empty."""


@dataclass(frozen=True)
class RestorePoint:
    """A readable backup to go back to."""

    path: Path
    taken_at: dt.datetime  # local time

    def when(self) -> str:
        """The time of the copy as people write it: "26 November 2026, 16:12"."""
        return f"{self.taken_at.day} {self.taken_at:%B %Y, %H:%M}"

    def describe(self) -> str:
        return f"the backup of {self.when()}"


@dataclass(frozen=True)
class Health:
    """What ``diagnose`` found; ``problem`` is a sentence for the user ("" when all is well)."""

    state: State
    store: Path
    problem: str = ""
    restore_point: RestorePoint | None = None  # the newest readable backup

    @property
    def usable(self) -> bool:
        """True if the store can be opened as it is (or created)."""
        return self.state in (State.OK, State.MISSING)


@dataclass(frozen=True)
class RecoveryResult:
    """What ``Repair.carry_out`` did."""

    store: Path
    set_aside: tuple[Path, ...]  # the damaged store first, then its logs
    steps: tuple[str, ...]  # what the replacement holds, as said before

    def describe(self) -> str:
        """The steps, then where the damaged file is."""
        kept = f" The damaged file was kept as {shown_path(self.set_aside[0])}." if self.set_aside else ""
        return " ".join(self.steps) + kept


@dataclass
class Repair:
    """A replacement store made ready beside the damaged one; nothing is moved before carry_out()."""

    health: Health
    staged: Path
    steps: tuple[str, ...]  # sentences saying what the replacement holds and what it lacks
    salvaged: Salvage | None = None
    backup: RestorePoint | None = None  # used to fill gaps, or restored whole
    whole_backup: bool = False
    from_backup: StoreContents = field(default_factory=StoreContents)  # what the backup added
    backup_lacks: StoreContents | None = None  # for a whole backup: what it lacks (None: unknown)

    def describe(self) -> str:
        return " ".join(self.steps)

    def carry_out(self) -> RecoveryResult:
        """Set the current store aside and put the replacement in its place."""
        store = self.health.store
        try:
            moved = _set_aside(store, dt.datetime.now())
            try:
                os.replace(self.staged, store)
            except OSError:
                _put_back(moved, store)  # as it was: the damaged store where it was
                raise
            sync_folder(store.parent)
        except OSError as exc:
            self.discard()
            raise store_problem(exc, store) or BonewiseError(
                f"Could not put the repaired store in place ({exc.strerror or exc}); nothing was moved."
            ) from None
        except BaseException:
            self.discard()
            raise
        return RecoveryResult(store, moved, self.steps)

    def discard(self) -> None:
        """Forget the replacement; the folder is as it was."""
        _remove_with_logs(self.staged)


def diagnose(data_dir: Path) -> Health:
    """Check the user store in ``data_dir`` without changing anything in the folder."""
    data_dir = Path(data_dir)
    store = user_db_path(data_dir)
    if not store.exists():
        return Health(State.MISSING, store, restore_point=newest_backup(data_dir))
    try:
        check_store(store)
    except NewerSchemaError as exc:
        return Health(State.NEWER, store, str(exc))
    except StoreAccessError as exc:
        return Health(State.NO_ACCESS, store, str(exc))
    except DamagedDatabaseError as exc:
        return Health(State.DAMAGED, store, str(exc), newest_backup(data_dir))
    return Health(State.OK, store)


def check_read_write(data_dir: Path) -> None:
    """Raise StoreAccessError unless the store in ``data_dir`` (or its folder, when there is
    no store yet) can be written now; for a store that ``diagnose`` found readable."""
    store = user_db_path(Path(data_dir))
    try:
        _probe_folder(store.parent)
        if store.exists():
            conn = sqlite3.connect(str(store), timeout=5.0, isolation_level=None)
            try:
                # A change that is rolled back: a read-only file says so at the write, and
                # nothing reaches the disk.
                conn.execute("BEGIN IMMEDIATE")
                (version,) = conn.execute("PRAGMA user_version").fetchone()
                conn.execute(f"PRAGMA user_version = {int(version)}")
                conn.execute("ROLLBACK")
            finally:
                conn.close()
    except (OSError, sqlite3.Error) as exc:
        problem = store_problem(exc, store)
        if isinstance(problem, StoreAccessError):
            raise problem from None
        raise StoreAccessError(f"{shown_path(store)} cannot be written ({exc}).") from None


_PROBE_BYTES = 64 * 1024  # room for a few edits, with their log


def _probe_folder(folder: Path) -> None:
    """Write, flush and remove a small file in ``folder``: permission, read-only and full disks
    all say so here, where a store that is only read would not."""
    fd, probe = tempfile.mkstemp(dir=folder, prefix=".bonewise-write-check-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(b"\0" * _PROBE_BYTES)
            out.flush()
            os.fsync(out.fileno())
    finally:
        os.unlink(probe)


def prepare_repair(data_dir: Path, backup: Path | None = None, *, start_empty: bool = False) -> Repair:
    """Build the replacement for a damaged (or missing) store beside it, and say what it holds.

    ``backup`` names a backup to restore as it is. With ``start_empty`` an empty
    store is made when nothing can be salvaged or restored; without it,
    NoBackupError is raised then. A readable store, one from a newer Bonewise and
    one that cannot be reached are refused and left as they are. Hold the data
    folder's InstanceLock, with every connection to the store closed.
    """
    data_dir = Path(data_dir)
    health = diagnose(data_dir)
    if health.state is State.NEWER:
        raise NewerSchemaError(health.problem)
    if health.state is State.NO_ACCESS:
        raise StoreAccessError(health.problem)
    if health.state is State.OK:
        raise BonewiseError(f"{shown_path(health.store)} is readable; nothing was set aside or restored.")
    chosen = _explicit_backup(Path(backup)) if backup is not None else None
    staged = health.store.with_name(health.store.name + _RESTORING)
    _remove_with_logs(staged)  # from an attempt that was cut short
    try:
        repair = _build(health, staged, chosen, start_empty)
        if not readable(staged):
            raise BonewiseError(f"The repaired store {shown_path(staged)} could not be read back; nothing was moved.")
    except BaseException as exc:
        _remove_with_logs(staged)
        if isinstance(exc, (OSError, sqlite3.Error)):
            raise store_problem(exc, staged) or BonewiseError(
                f"The repair could not be made ready ({exc}); nothing was moved."
            ) from None
        raise
    _remove_logs(staged)
    return repair


def _build(health: Health, staged: Path, chosen: RestorePoint | None, start_empty: bool) -> Repair:
    newest = health.restore_point
    rescued = salvage(health.store, staged) if health.state is State.DAMAGED else None
    if chosen is not None:
        lacks = None if rescued is None else _contents(staged).minus(_contents(chosen.path))
        _remove_with_logs(staged)
        _copy_backup(chosen, staged)
        said: tuple[str, ...] = (f"Restoring {chosen.describe()}, as asked.",
                _lacks_sentence(chosen, lacks, health.state))  # fmt: skip
        return Repair(health, staged, said, rescued, chosen, True, backup_lacks=lacks)
    if rescued is not None and (rescued.complete or newest is None):
        return Repair(health, staged, _salvage_sentences(rescued, staged), rescued)
    if rescued is not None:
        assert newest is not None
        added = _fill_gaps(staged, newest, rescued.gaps)
        said = _salvage_sentences(rescued, staged, filled=(newest, added))
        return Repair(health, staged, said, rescued, newest, from_backup=added)
    if newest is not None:
        _copy_backup(newest, staged)
        said = (f"Restoring {newest.describe()}.", _lacks_sentence(newest, None, health.state))
        return Repair(health, staged, said, None, newest, True)
    if not start_empty:
        raise NoBackupError(
            f"Nothing could be read from {shown_path(health.store)} and there is no readable backup "
            f"in {shown_path(backup_dir(health.store.parent))}; Bonewise can keep the damaged file "
            "aside and start with an empty store."
        )
    open_user_db(staged).conn.close()
    return Repair(health, staged, ("Nothing could be read and there is no backup: starting with an empty store.",))


def _salvage_sentences(rescued: Salvage, staged: Path,
                       filled: tuple[RestorePoint, StoreContents] | None = None) -> tuple[str, ...]:  # fmt: skip
    with Repository(open_user_db(staged), None) as repo:
        left_out = repo.drop_orphans()
        held = repo.contents()
    what = held.describe() if not held.empty else "no people, plans or foods"
    if rescued.complete:
        said = [f"Everything could still be read from the damaged store and is kept: {what}."]
        if rescued.log_left_out:
            said[0] = f"The damaged store's tables could all be read and are kept: {what}."
    else:
        said = [
            f"Salvaged what could still be read: {what}; some rows of "
            f"{', '.join(_TABLE_WORDS.get(t, t) for t in rescued.unreadable)} could not be read."
        ]
    if filled is not None:
        point, added = filled
        said.append(
            f"Taken from {point.describe()} for the part that could not be read: {added.describe()}."
            if not added.empty
            else f"{point.describe().capitalize()} held nothing more for them."
        )
    if rescued.log_left_out:
        said.append("Its change log was damaged, so changes saved only there could not be read.")
    if left_out:
        said.append(
            f"{left_out} planned item{'s' if left_out != 1 else ''} or note{'s' if left_out != 1 else ''} "
            "whose person or recipe could not be read were left out (they stay in the damaged file)."
        )
    return tuple(said)


_TABLE_WORDS = {
    "people": "the people", "plan_entries": "the planned meals", "day_notes": "the day notes",
    "custom_foods": "the custom foods", "recipes": "the recipes", "settings": "the settings",
}  # fmt: skip


def _lacks_sentence(point: RestorePoint, lacks: StoreContents | None, state: State) -> str:
    if state is State.MISSING:
        return f"There was no store; anything changed after {point.when()} is not in the backup."
    if lacks is None:
        return (
            f"Nothing could be read from the damaged store, so anything changed after "
            f"{point.when()} is not in the backup (it may still be in the damaged file)."
        )
    if lacks.empty:
        return "The backup lacks nothing that could still be read from the damaged store."
    return f"The backup lacks what the damaged store still holds: {lacks.describe()}; it stays in the damaged file."


def _fill_gaps(staged: Path, point: RestorePoint, gaps: Mapping[str, tuple[Any, Any]]) -> StoreContents:
    # The backup is brought to the current schema on a copy: the backup itself stays as it is.
    with tempfile.TemporaryDirectory(prefix="bonewise-backup-") as folder:
        copy = Path(folder) / "backup.sqlite"
        shutil.copyfile(point.path, copy)
        open_user_db(copy).conn.close()
        with Repository(open_user_db(staged), None) as repo:
            return repo.fill_gaps_from(copy, gaps)


def _contents(path: Path) -> StoreContents:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return Repository(Database(conn)).contents()
    finally:
        conn.close()


# -- helpers ------------------------------------------------------------------------


def readable(path: Path) -> bool:
    """True if ``path`` is a sound store of a schema this program knows (read-only check)."""
    try:
        check_store(path)
    except (BonewiseError, OSError):
        return False
    return True


def newest_backup(data_dir: Path) -> RestorePoint | None:
    """The newest backup that passes the check."""
    return next(
        (RestorePoint(b.path, b.taken_at) for b in list_backups(data_dir) if readable(b.path)), None
    )


def _explicit_backup(path: Path) -> RestorePoint:
    if not path.is_file():
        raise BonewiseError(f"The backup {shown_path(path)} does not exist.")
    if not readable(path):
        raise BonewiseError(f"{shown_path(path)} is not a readable Bonewise backup; nothing was changed.")
    taken = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    return RestorePoint(path, taken)


def _copy_backup(point: RestorePoint, staged: Path) -> None:
    """Copy a backup (a file no one writes) to ``staged``, flushed, then bring it to this schema."""
    fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(point.path, "rb") as src, os.fdopen(fd, "wb") as out:
        shutil.copyfileobj(src, out)
        out.flush()
        os.fsync(out.fileno())
    open_user_db(staged).conn.close()


def _remove_logs(path: Path) -> None:
    for log in _LOGS:
        Path(f"{path}{log}").unlink(missing_ok=True)


def _remove_with_logs(path: Path) -> None:
    path.unlink(missing_ok=True)
    _remove_logs(path)


def _put_back(moved: Sequence[Path], store: Path) -> None:
    """Undo ``_set_aside``: each set-aside part back under the store's own name."""
    for part in moved:
        suffix = next((log for log in _LOGS if part.name.endswith(log)), "")
        os.rename(part, f"{store}{suffix}")


def _set_aside(store: Path, now: dt.datetime) -> tuple[Path, ...]:
    """Rename the store and its logs to a free ``.damaged-STAMP`` name; return the new paths.

    All or nothing: if one part cannot be moved, the ones already moved go back.
    """
    base = f"{store.name}.damaged-{now:{_STAMP}}"
    name, counter = base, 1
    while any(store.with_name(name + suffix).exists() for suffix in ("", *_LOGS)):
        counter += 1
        name = f"{base}-{counter}"
    moved: list[Path] = []
    for suffix in ("", *_LOGS):
        part = Path(f"{store}{suffix}")
        if part.exists():
            target = store.with_name(name + suffix)
            try:
                os.rename(part, target)
            except OSError as exc:
                _put_back(moved, store)
                raise store_problem(exc, part) or BonewiseError(
                    f"Could not move {shown_path(part)} aside: {exc.strerror or exc}; nothing was moved."
                ) from None
            moved.append(target)
    return tuple(moved)
