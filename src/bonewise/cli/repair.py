"""``bonewise repair``: salvage a damaged user store, fill its gaps from a backup, keep it aside."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bonewise.core.rules import shown_path
from bonewise.errors import BonewiseError
from bonewise.paths import data_dir
from bonewise.store import recovery
from bonewise.store.backups import backup_dir, list_backups
from bonewise.store.instancelock import Holder, InstanceLock
from bonewise.store.userdb import StoreAccessError


def register(subparsers: Any) -> None:
    repair = subparsers.add_parser(
        "repair", help="recover from a damaged store: salvage it, keep it aside, fill gaps from a backup",
        description="Check the store of your plans. If it is damaged: copy everything that can "
        "still be read into a new store, take what could not be read from the newest readable "
        "backup, say what that holds and lacks, then move the damaged file aside (it is never "
        "deleted) and put the new store in its place. A store that only cannot be read or "
        "written here (permissions, a read-only or full disk) is left as it is.",
    )  # fmt: skip
    repair.add_argument("--check", action="store_true",
                        help="only report; exit status 1 unless the store can be read and written")  # fmt: skip
    repair.add_argument("--list", action="store_true", help="list the backups")
    repair.add_argument("--backup", metavar="FILE",
                        help="restore this backup as it is (after saying what it lacks)")  # fmt: skip
    repair.add_argument("--start-empty", action="store_true",
                        help="when nothing can be salvaged or restored: start with an empty store")  # fmt: skip
    repair.set_defaults(handler=repair_store)


def repair_store(args: argparse.Namespace) -> int:
    folder = data_dir(args.data_dir)
    if not folder.is_dir():
        # Checking or repairing must not create the folder (nor a lock in it).
        if folder.exists() or folder.is_symlink():
            raise BonewiseError(
                f"The data folder {shown_path(folder)} is not a folder (or is a link to nothing); "
                "repair cannot help with that, and nothing was changed."
            )
        print(f"There is no data folder at {shown_path(folder)} yet; nothing to check or repair.")
        return 0
    if args.list:
        return _list(folder)
    # Holding the lock keeps the window from opening the store while it is swapped.
    with InstanceLock(folder, Holder.COMMAND):
        health = recovery.diagnose(folder)
        if args.check:
            return _check(folder, health)
        if health.state in (recovery.State.NEWER, recovery.State.NO_ACCESS):
            raise BonewiseError(health.problem)
        if health.state is recovery.State.OK:
            recovery.check_read_write(folder)  # readable, but perhaps not writable here
            print(f"{shown_path(health.store)} is fine; nothing to repair.")
            return 0
        if health.state is recovery.State.MISSING and health.restore_point is None and not args.backup:
            print(f"There is no store in {shown_path(folder)} yet, and no backup; nothing to repair.")
            return 0
        try:
            repair = recovery.prepare_repair(
                folder, None if args.backup is None else Path(args.backup), start_empty=args.start_empty
            )
        except recovery.NoBackupError as exc:
            raise BonewiseError(f"{exc} To do that, run: bonewise repair --start-empty") from None
        # Said before anything moves, so an interrupted repair has told what it would do.
        print(repair.describe(), flush=True)
        result = repair.carry_out()
    if result.set_aside:
        print(f"The damaged file was kept as {shown_path(result.set_aside[0])}.")
    print(f"{shown_path(result.store)} is ready.")
    return 0


def _check(folder: Path, health: recovery.Health) -> int:
    """Report; "fine" only when the store can be read and also written."""
    if health.usable:
        try:
            recovery.check_read_write(folder)
        except StoreAccessError as exc:
            print(str(exc))
            return 1
    print(_report(health))
    return 0 if health.usable else 1


def _report(health: recovery.Health) -> str:
    if health.state is recovery.State.OK:
        return f"{shown_path(health.store)} is fine: it can be read and written."
    if health.state is recovery.State.MISSING:
        return f"There is no store at {shown_path(health.store)} yet; it is created on first use."
    if health.state in (recovery.State.NEWER, recovery.State.NO_ACCESS):
        return health.problem
    offer = (
        f" `bonewise repair` would keep it aside and salvage what can still be read, taking "
        f"what cannot from {health.restore_point.describe()}."
        if health.restore_point is not None
        else " `bonewise repair` would keep it aside and salvage what can still be read; "
        "there is no readable backup."
    )
    return health.problem + offer


def _list(folder: Path) -> int:
    found = list_backups(folder)
    if not found:
        print(f"There are no backups in {shown_path(backup_dir(folder))} yet.")
        return 0
    for backup in found:
        mark = "" if recovery.readable(backup.path) else "  (damaged)"
        print(f"{backup.taken_at:%Y-%m-%d %H:%M:%S}  {backup.path}{mark}")
    return 0
