"""The ``bonewise`` command: no arguments opens the window; sub-commands (one module per noun
in this package) are for scripting.

Qt's standard options (``-style Fusion``, ``-reverse``, ``-platform offscreen``, ``-stylesheet
FILE`` …) are taken off before the command line is parsed and handed to QApplication, so a
user can pick a style or a right-to-left layout the way every Qt program allows.
"""

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


# Qt's own command-line options (QGuiApplication, QApplication and the xcb platform), by
# name without dashes; Qt accepts them with one dash or two.
QT_VALUE_OPTIONS = frozenset({
    "style", "stylesheet", "platform", "platformpluginpath", "platformtheme", "plugin",
    "qmljsdebugger", "qwindowgeometry", "qwindowicon", "qwindowtitle", "session",
    "display", "geometry", "title", "name", "visual",
})
QT_FLAGS = frozenset({"reverse", "widgetcount", "nograb", "dograb", "testability", "qdevel"})
# The app's own options before a command that take a value (the value is never a Qt option).
APP_VALUE_OPTIONS = frozenset({"--data-dir"})


class QtOptionError(BonewiseError):
    """A Qt option without its value, or Qt options given to a sub-command."""


def split_qt_options(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """(Qt's options, the rest): Qt's standard options before the sub-command, for QApplication.

    Scanning stops at the first word that is not an option (the sub-command), so a
    sub-command's own options (``foods add --name …``) are never taken for Qt's.
    ``-style=Fusion`` becomes ``-style Fusion``, the form Qt reads for every option.
    """
    qt: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--" or not arg.startswith("-") or arg == "-":
            rest.extend(argv[i:])
            break
        name, has_value, value = arg.lstrip("-").partition("=")
        if arg.startswith("---") or name not in QT_VALUE_OPTIONS | QT_FLAGS:
            rest.append(arg)
            if arg in APP_VALUE_OPTIONS and i + 1 < len(argv):
                rest.append(argv[i + 1])
                i += 1
        elif name in QT_FLAGS:
            if has_value:
                raise QtOptionError(f"Qt's option -{name} takes no value.")
            qt.append(f"-{name}")
        else:
            if not has_value:
                if i + 1 >= len(argv):
                    raise QtOptionError(f"Qt's option -{name} needs a value, as in -{name} VALUE.")
                i += 1
                value = argv[i]
            qt.extend([f"-{name}", value])
        i += 1
    return qt, rest


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bonewise",
        description=f"{APP_NAME}: plan meals for bone health. Run without a command to open the window.",
        epilog="Qt's standard options (-style NAME, -reverse, -stylesheet FILE, -platform NAME, "
        "-platformtheme NAME, …) go before any command and apply to the window.",
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
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        qt_options, argv = split_qt_options(argv)
    except QtOptionError as exc:
        print(f"bonewise: error: {exc}", file=sys.stderr)
        return 2
    window, data_dir = _window_only(argv)
    if window:
        args = argparse.Namespace(command=None, data_dir=data_dir)
    else:
        parser = build_parser()
        args = parser.parse_args(argv)
        if qt_options and args.command is not None:
            parser.error(f"Qt's options ({' '.join(qt_options)}) apply to the window only, "
                         f"not to '{args.command}'.")
    try:
        if args.command is None:
            from bonewise.ui.app import run_gui  # Qt is imported only when a window is wanted

            return run_gui(args.data_dir, qt_options)
        if not hasattr(args, "handler"):
            parser.parse_args([*argv, "--help"])
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
