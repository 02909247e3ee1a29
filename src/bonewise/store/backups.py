"""Rolling backups of the user store, taken with SQLite's online backup API.

A plain file copy could miss edits still in the write-ahead log or catch a
half-written page; the backup API copies a consistent snapshot including the
WAL. Backups live in ``<data dir>/backups``, readable by the owner only (they
hold health data), named by the local time they were taken so they sort.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bonewise.errors import BonewiseError
from bonewise.paths import USER_DB_NAME, sync_folder
from bonewise.store.userdb import check_store

BACKUP_DIR_NAME = "backups"
KEEP = 7  # rolling backups kept; one a day means a week to notice a mistake
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^bonewise-(\d{8}-\d{6})(?:-(\d+))?\.sqlite$")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: dt.datetime  # local time, to the second


def backup_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIR_NAME


def list_backups(data_dir: Path) -> list[Backup]:
    """The backups in ``data_dir``, newest first."""
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match and path.is_file():
            taken = dt.datetime.strptime(match[1], _STAMP)
            found.append((taken, int(match[2] or 0), path))
    found.sort(reverse=True)
    return [Backup(path, taken) for taken, _, path in found]


def latest_backup(data_dir: Path) -> Backup | None:
    """The newest backup, or None if there is none yet."""
    backups = list_backups(data_dir)
    return backups[0] if backups else None


def rolling_backup(data_dir: Path, *, keep: int = KEEP, now: dt.datetime | None = None) -> Path | None:
    """Back up the user store unless today's backup exists; keep the newest ``keep``.

    Returns the new backup's path, or None when nothing was done: there is no
    store yet, today already has a backup, the store is damaged, from a newer
    version or out of reach, or the copy cannot be written (opening the store then
    reports what matters, and the old backups keep their slots).
    """
    now = now or dt.datetime.now()
    source = Path(data_dir) / USER_DB_NAME
    if not source.is_file():
        return None
    latest = latest_backup(data_dir)
    if latest is not None and latest.taken_at.date() == now.date():
        return None
    try:
        check_store(source)
        made = take_backup(data_dir, now=now)
    except (sqlite3.DatabaseError, BonewiseError):
        # Damaged, newer, unreadable, or no room for the copy: opening the store says
        # what matters, and the old backups keep their slots.
        return None
    for old in list_backups(data_dir)[keep:]:
        old.path.unlink(missing_ok=True)
    return made


def take_backup(data_dir: Path, *, now: dt.datetime | None = None) -> Path:
    """Write a backup of the user store now (mode 0600 in a 0700 folder) and return its path.

    Raises sqlite3.DatabaseError if the store is not a readable database, and
    BonewiseError if the backup cannot be written.
    """
    now = now or dt.datetime.now()
    source = Path(data_dir) / USER_DB_NAME
    folder = backup_dir(data_dir)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)
        target = _free_name(folder, now)
        temp = target.with_name(target.name + ".part")
        _copy_database(_connect_read_only(source), temp)
        os.replace(temp, target)
        sync_folder(folder)  # the new name survives a power cut
    except OSError as exc:
        raise BonewiseError(f"Could not write a backup to {folder}: {exc.strerror or exc}.") from exc
    return target


def restore_backup(data_dir: Path, backup: Path | None = None) -> Path:
    """Replace the user store's content with ``backup`` (default: the newest one).

    The current content is backed up first, so a restore can be undone. Close
    any open Repository on the store before calling this. Returns the path
    restored from.
    """
    if backup is None:
        latest = latest_backup(data_dir)
        if latest is None:
            raise BonewiseError(f"There is no backup in {backup_dir(data_dir)} to restore.")
        backup = latest.path
    backup = Path(backup)
    if not backup.is_file():
        raise BonewiseError(f"The backup {backup} does not exist.")
    try:
        source = _connect_read_only(backup)
        (check,) = source.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BonewiseError(f"{backup} is not a readable Bonewise backup ({exc}).") from None
    if check != "ok":
        source.close()
        raise BonewiseError(f"{backup} is damaged ({check}); nothing was restored.")
    store = Path(data_dir) / USER_DB_NAME
    if store.is_file():
        try:
            take_backup(data_dir)
        except sqlite3.DatabaseError:
            pass  # the current store is unreadable: nothing worth keeping
    target = sqlite3.connect(str(store))
    try:
        with source, target:
            source.backup(target)
    finally:
        source.close()
        target.close()
    return backup


def _connect_read_only(path: Path) -> sqlite3.Connection:
    # mode=ro: taking a backup must never change the store (a store from a newer
    # version, in particular, has to stay byte-identical).
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        # The backup API copies damaged pages as they are: never let such a copy
        # become the newest backup and push a good one out of the rotation.
        (check,) = conn.execute("PRAGMA quick_check(1)").fetchone()
        if check != "ok":
            raise sqlite3.DatabaseError(f"{path} is damaged ({check})")
    except sqlite3.DatabaseError:
        conn.close()
        raise
    return conn


def _copy_database(source: sqlite3.Connection, target_path: Path) -> None:
    fd = os.open(target_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    target_path.chmod(0o600)
    target = sqlite3.connect(str(target_path))
    try:
        source.backup(target)
        # The copy inherits WAL mode; a backup is a single self-contained file.
        target.execute("PRAGMA journal_mode=DELETE")
    except BaseException:
        target.close()
        target_path.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    target.close()


def _free_name(folder: Path, now: dt.datetime) -> Path:
    stem = f"bonewise-{now.strftime(_STAMP)}"
    candidate = folder / f"{stem}.sqlite"
    counter = 0
    while candidate.exists():
        counter += 1
        candidate = folder / f"{stem}-{counter}.sqlite"
    return candidate
