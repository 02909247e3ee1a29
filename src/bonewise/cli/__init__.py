"""The ``bonewise`` command: no arguments opens the window; sub-commands (one module per noun
in this package) are for scripting."""

from __future__ import annotations

import argparse
import importlib
import shlex
import sqlite3
import sys
from collections.abc import Sequence

from bonewise import APP_NAME, __version__
from bonewise.errors import BonewiseError

# Each module defines register(subparsers); its handlers take (args) and return an exit code.
COMMAND_MODULES: tuple[str, ...] = (
    "bonewise.cli.people",
    "bonewise.cli.foods",
    "bonewise.cli.plan",
    "bonewise.cli.export",
    "bonewise.cli.repair",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bonewise",
        description=f"{APP_NAME}: plan meals for bone health. Run without a command to open the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder for your plans and custom foods (default: the platform's data folder, "
        "or $BONEWISE_DATA_DIR)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def _window_only(argv: Sequence[str]) -> tuple[bool, str | None]:
    """(True, data dir) when the arguments only open the window: none, or --data-dir DIR.

    Then the sub-commands (and what they import) are not loaded, which keeps the
    window's start-up short.
    """
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--data-dir" and not argv[1].startswith("-"):
        return True, argv[1]
    if len(argv) == 1 and argv[0].startswith("--data-dir=") and len(argv[0]) > len("--data-dir="):
        return True, argv[0].split("=", 1)[1]
    return False, None


def main(argv: Sequence[str] | None = None) -> int:
    window, data_dir = _window_only(sys.argv[1:] if argv is None else list(argv))
    if window:
        args = argparse.Namespace(command=None, data_dir=data_dir)
    else:
        parser = build_parser()
        args = parser.parse_args(argv)
    try:
        if args.command is None:
            from bonewise.ui.app import run_gui  # Qt is imported only when a window is wanted

            return run_gui(args.data_dir)
        if not hasattr(args, "handler"):
            parser.parse_args([*(argv or sys.argv[1:]), "--help"])
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("bonewise: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # never show a traceback to a user of the command line
        problem = _user_error(exc, args)
        if problem is None:
            print(f"bonewise: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 70
        print(f"bonewise: error: {problem}{_remedy(problem, args)}", file=sys.stderr)
        return 1


def _user_error(exc: Exception, args: argparse.Namespace) -> BonewiseError | None:
    """``exc`` as a sentence for the user, when it is one: a BonewiseError, or an SQLite error
    met on the user store (a full or read-only disk, damage found while reading)."""
    if isinstance(exc, BonewiseError):
        return exc
    if isinstance(exc, sqlite3.Error):
        from bonewise.paths import data_dir
        from bonewise.store.userdb import store_problem, user_db_path

        return store_problem(exc, user_db_path(data_dir(args.data_dir)))
    return None


def _remedy(exc: BonewiseError, args: argparse.Namespace) -> str:
    """For a damaged store, the command that salvages it."""
    from bonewise.store.userdb import DamagedDatabaseError

    if not isinstance(exc, DamagedDatabaseError) or args.command == "repair":
        return ""
    where = f" --data-dir {shlex.quote(args.data_dir)}" if args.data_dir else ""
    return (
        " To keep it aside and put back what can still be read (or the latest backup), "
        f"run: bonewise{where} repair"
    )


if __name__ == "__main__":
    sys.exit(main())
