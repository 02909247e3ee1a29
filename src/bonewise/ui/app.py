"""Start the desktop app: one window over the shipped food store and the user's data folder.

Start-up is kept short: Qt is imported only here, the stores open their
databases without reading them, and nothing is computed that the first
window does not show.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

# The stores and the planning core load before Qt. From its first import on, PySide6
# reads the source of every module imported after it (to find `from __feature__`),
# about 0.3 ms a module; these roots and the ~60 modules under them never use Qt.
# tests/ui/test_app.py checks that opening a window loads none of them after Qt.
import bonewise.core.amounts
import bonewise.core.checks
import bonewise.core.clipboard
import bonewise.core.edits
import bonewise.core.example_week
import bonewise.core.phrases
import bonewise.core.summary
import bonewise.core.weeks
import bonewise.core.words
import bonewise.export.labels
import bonewise.export.options
import bonewise.store.foodstore
import bonewise.store.instancelock
import bonewise.store.repository  # noqa: F401 (the imports above are kept for the same reason)

# isort: split
from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from bonewise import APP_NAME
from bonewise.errors import BonewiseError
from bonewise.paths import data_dir as resolve_data_dir
from bonewise.paths import reference_db_path, resources_dir

if TYPE_CHECKING:
    from bonewise.store.foodstore import FoodStore
    from bonewise.store.instancelock import InstanceLock
    from bonewise.store.repository import Repository

    from bonewise.ui.mainwindow import MainWindow

# Set by packaging/build_bundle.sh: show the window, say so on stdout, and quit.
QUIT_AFTER_START_ENV = "BONEWISE_QUIT_AFTER_START"


def application(qt_options: Sequence[str] = ()) -> QApplication:
    """The QApplication (made once), named so that Qt and the desktop know the app.

    ``qt_options`` are Qt's standard command-line options (``-style Fusion``, ``-reverse``),
    as ``bonewise.cli.split_qt_options`` took them off the command line.
    """
    app = cast(QApplication | None, QApplication.instance())
    if app is None:
        QApplication.setApplicationName(APP_NAME)
        QApplication.setOrganizationName(APP_NAME)
        QApplication.setDesktopFileName("org.bonewise.Bonewise")
        app = QApplication([sys.argv[0] if sys.argv else "bonewise", *qt_options])
        icon = resources_dir() / "icons" / "bonewise.svg"
        if icon.is_file():
            app.setWindowIcon(QIcon(str(icon)))
    return app


class Session:
    """What a running window holds open: the lock, the stores, the window."""

    def __init__(self, lock: InstanceLock, repo: Repository, foods: FoodStore, window: MainWindow) -> None:
        self.lock, self.repo, self.foods, self.window = lock, repo, foods, window

    def close(self) -> None:
        for closer in (getattr(self.foods, "close", None), self.repo.close, self.lock.release):
            if closer is not None:
                try:
                    closer()
                except (OSError, sqlite3.Error):
                    pass  # closing at exit: nothing left to protect


def open_window(data_dir: str | Path | None = None, *,
                today: Callable[[], dt.date] = dt.date.today) -> Session:
    """Open the stores in ``data_dir`` and show the main window.

    ``today`` is the window's clock (the week it opens on, the days shown as past);
    screenshots and tests set it.

    Raises BonewiseError (with a sentence for the user) when the folder is in use,
    the user store is damaged or newer than this program, or the food store is
    missing. Nothing is written to a store that could not be opened.
    """
    from bonewise.store.foodstore import FoodStore
    from bonewise.store.instancelock import InstanceLock
    from bonewise.store.repository import Repository

    from bonewise.ui.document import PlanDocument
    from bonewise.ui.mainwindow import MainWindow
    from bonewise.ui.settings import SettingsStore

    folder = resolve_data_dir(data_dir)
    lock = InstanceLock(folder)
    lock.acquire()
    repo = foods = None
    try:
        try:
            repo = Repository.open(folder)
            # One connection to the user store, shared: custom foods live there too.
            foods = FoodStore(reference_db_path(), repo.custom_foods)
        except sqlite3.DatabaseError as exc:
            from bonewise.store.userdb import store_problem, user_db_path

            raise store_problem(exc, user_db_path(folder)) or BonewiseError(
                f"The data in {folder} could not be read ({exc}); it was left as it is."
            ) from exc
        except OSError as exc:
            raise BonewiseError(f"The data folder {folder} cannot be used: {exc.strerror}.") from exc
        document = PlanDocument(repo, foods, today=today)
        window = MainWindow(document, SettingsStore.in_folder(folder))
    except BaseException:
        for thing in (foods, repo):
            if thing is not None and hasattr(thing, "close"):
                thing.close()
        lock.release()
        raise
    window.show()
    return Session(lock, repo, foods, window)


def run_gui(data_dir: str | Path | None = None, qt_options: Sequence[str] = ()) -> int:
    """Run the app until its window closes; the exit code for ``bonewise`` with no command."""
    app = application(qt_options)
    try:
        try:
            session = open_window(data_dir)
        except BonewiseError as exc:
            from bonewise.store.userdb import DamagedDatabaseError

            from bonewise.ui.recovery import offer_recovery

            if not isinstance(exc, DamagedDatabaseError):
                raise
            # A damaged store: offer the latest backup or an empty store, then try once more.
            if not offer_recovery(resolve_data_dir(data_dir)):
                return 1
            session = open_window(data_dir)
    except BonewiseError as exc:
        show_start_error(str(exc))
        return 1
    if os.environ.get(QUIT_AFTER_START_ENV):
        QTimer.singleShot(0, lambda: _report_ready_and_quit(app))
    else:
        QTimer.singleShot(0, session.window.first_run)
    try:
        return app.exec()
    finally:
        from bonewise.ui.weekgrid.view import release_clipboard

        release_clipboard()
        session.close()


def _report_ready_and_quit(app: QApplication) -> None:
    print(f"{APP_NAME} window ready", flush=True)
    app.quit()


def show_start_error(message: str) -> None:
    """Explain why the app cannot start, in a message box rather than a traceback."""
    box = QMessageBox(QMessageBox.Icon.Critical, f"{APP_NAME} cannot start", message,
                      QMessageBox.StandardButton.Close)
    box.setInformativeText("Nothing was changed. Your data stays as it was.")
    box.exec()
