"""``bonewise repair``: keep a damaged user store aside and restore the newest good copy."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bonewise.errors import BonewiseError
from bonewise.paths import data_dir
from bonewise.store import recovery
from bonewise.store.backups import backup_dir, list_backups
from bonewise.store.instancelock import InstanceLock


def register(subparsers: Any) -> None:
    repair = subparsers.add_parser(
        "repair", help="recover from a damaged store: keep it aside, restore a backup",
        description="Check the store of your plans. If it is damaged, move it aside (it is "
        "never deleted) and restore the newest readable backup. Without a backup, nothing "
        "is changed unless you add --start-empty.",
    )  # fmt: skip
    repair.add_argument("--check", action="store_true",
                        help="only report; exit status 1 if the store cannot be opened")  # fmt: skip
    repair.add_argument("--list", action="store_true", help="list the backups")
    repair.add_argument("--backup", metavar="FILE", help="restore this backup instead of the newest")
    repair.add_argument("--start-empty", action="store_true",
                        help="with no backup to restore: start with an empty store")  # fmt: skip
    repair.set_defaults(handler=repair_store)


def repair_store(args: argparse.Namespace) -> int:
    folder = data_dir(args.data_dir)
    if args.list:
        return _list(folder)
    # Holding the lock keeps the window from opening the store while it is swapped.
    with InstanceLock(folder):
        health = recovery.diagnose(folder)
        if args.check:
            print(_report(health))
            return 0 if health.usable else 1
        if health.state is recovery.State.NEWER:
            raise BonewiseError(health.problem)
        if health.state is recovery.State.OK:
            print(f"{health.store} is fine; nothing to repair.")
            return 0
        if health.state is recovery.State.MISSING and health.restore_point is None and not args.backup:
            print(f"There is no store in {folder} yet, and no backup; nothing to repair.")
            return 0
        try:
            result = recovery.set_aside_and_restore(
                folder, None if args.backup is None else Path(args.backup),
                start_empty=args.start_empty,
            )  # fmt: skip
        except recovery.NoBackupError as exc:
            raise BonewiseError(
                f"{exc} To do that, run: bonewise repair --start-empty"
            ) from None
    print(result.describe())
    return 0


def _report(health: recovery.Health) -> str:
    if health.state is recovery.State.OK:
        return f"{health.store} is fine."
    if health.state is recovery.State.MISSING:
        return f"There is no store at {health.store} yet; it is created on first use."
    if health.state is recovery.State.NEWER:
        return health.problem
    offer = (
        f" `bonewise repair` would restore {health.restore_point.describe()}."
        if health.restore_point is not None
        else " There is no readable backup; `bonewise repair --start-empty` would start an empty store."
    )
    return health.problem + offer


def _list(folder: Path) -> int:
    found = list_backups(folder)
    if not found:
        print(f"There are no backups in {backup_dir(folder)} yet.")
        return 0
    for backup in found:
        mark = "" if recovery.readable(backup.path) else "  (damaged)"
        print(f"{backup.taken_at:%Y-%m-%d %H:%M:%S}  {backup.path}{mark}")
    return 0
