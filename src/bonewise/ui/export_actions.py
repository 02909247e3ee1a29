"""The File menu's Export PDF…, Print… and Export Shopping List… and what they share.

The actions are made with the window; their dialogs (ui/export_dialog.py), the
shopping list and ReportLab load the first time one is used.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QMessageBox, QPushButton, QWidget

from bonewise.core.plan import IsoWeek
from bonewise.errors import BonewiseError
from bonewise.export.labels import date_range, people_label
from bonewise.export.options import SECTION_NAMES, PageSetup, page_setup_from_settings

from bonewise.ui.accessibility import announce
from bonewise.ui.fitting import FittingLabel

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from bonewise.ui.document import PlanDocument

SECTIONS_SETTING = "export_sections"  # the sections chosen last time
FOLDER_SETTING = "export_folder"  # where the last PDF was saved



@dataclass(frozen=True)
class ExportChoice:
    """What the export dialog asked for."""

    sections: tuple[str, ...]
    setup: PageSetup
    open_after: bool = True
    include_past: bool = False  # shopping: list the days already past too


def ask_save_path(parent: QWidget | None, title: str, suggested: Path) -> Path | None:
    """Ask where to save a PDF, starting at ``suggested``; None when the user cancels.
    (Tests replace this function.)"""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), "PDF documents (*.pdf)")
    if not path:
        return None
    return Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def offer_folder(parent: QWidget | None, path: Path) -> bool:
    """Nothing could open the saved file: say so; True if the user wants its folder opened.
    (Tests replace this function.)"""
    box = QMessageBox(QMessageBox.Icon.Information, "No program to open the PDF",
                      f"The PDF was saved as “{path.name}”, but no program on this computer "
                      "could open it.", QMessageBox.StandardButton.Close, parent)
    box.setInformativeText("Install a PDF viewer to read it here, or open its folder to send or "
                           f"print it from there.\n\nFolder: {path.parent}")
    folder = box.addButton("Open &Folder", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(folder)
    box.exec()
    return box.clickedButton() is folder


_NOT_IN_FILE_NAMES = set('<>:"/\\|?*')  # path separators, and what Windows refuses


def safe_file_name(text: str, limit: int = 80) -> str:
    """``text`` fit for a file name on any system: no path separators, characters Windows
    refuses or control characters; any script is kept."""
    kept = "".join("-" if ch in _NOT_IN_FILE_NAMES or unicodedata.category(ch)[0] == "C" else ch
                   for ch in text)
    cleaned = " ".join(kept.split()).strip(" .-")
    return cleaned[:limit].rstrip(" .-") or "bonewise"


def week_file_name(who: str, week: IsoWeek) -> str:
    """ "Bonewise Zoë 30 Nov–6 Dec 2026.pdf": who it is for, then the week's dates (kept whole)."""
    return f"{safe_file_name(who)} {date_range(week.dates()).replace(' – ', '–')}.pdf"


class FileOpener(QObject):
    """Opens a file or folder in the desktop's program for it, and says when nothing could.

    On Linux and the other free desktops this runs ``xdg-open`` and watches how it
    ends: a non-zero status (no program for the file, or the program failed) is a
    failure. Windows and macOS answer through QDesktopServices at once.
    """

    failed = Signal(object)  # the Path nothing could open
    WATCH_SECONDS = 20.0  # still running after this: a viewer xdg-open waits for, so it opened

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._running: list[tuple[subprocess.Popen, Path, float]] = []
        self._watch = QTimer(self)
        self._watch.setInterval(150)
        self._watch.timeout.connect(self._check)

    def open(self, path: Path) -> None:
        if sys.platform in ("win32", "darwin"):
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                self.failed.emit(path)
            return
        command = shutil.which("xdg-open")
        try:
            if command is None:
                raise OSError("xdg-open is not installed")
            process = subprocess.Popen([command, str(path)], stdin=subprocess.DEVNULL,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                       start_new_session=True)  # it outlives the window
        except OSError:
            self.failed.emit(path)
            return
        self._running.append((process, path, time.monotonic()))
        self._watch.start()

    def busy(self) -> bool:
        """True while an opener is being watched."""
        return bool(self._running)

    def _check(self) -> None:
        still = []
        for process, path, started in self._running:
            status = process.poll()
            if status is None and time.monotonic() - started < self.WATCH_SECONDS:
                still.append((process, path, started))
            elif status:  # None here: still running long after, so it did open
                self.failed.emit(path)
        self._running = still
        if not still:
            self._watch.stop()


class SavedNotice(QWidget):
    """In the status bar after an export: "Saved to <file> — Open Folder"."""

    def __init__(self, opener: FileOpener, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("SavedNotice")
        self._opener = opener
        self.path: Path | None = None
        self.label = FittingLabel(self)
        self.folder_button = QPushButton("Open &Folder", self)
        self.folder_button.setFlat(True)
        self.folder_button.setAutoDefault(False)
        self.folder_button.clicked.connect(self.open_folder)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.label, 1)
        row.addWidget(self.folder_button)
        self.hide()

    def show_saved(self, path: Path) -> None:
        self.path = path
        self.label.set_wordings([f"Saved to {path.name} —", "Saved —"],
                                full=f"Saved to {path}")
        self.folder_button.setToolTip(f"Open {path.parent}")
        self.folder_button.setAccessibleDescription(f"Open the folder {path.parent}")
        self.show()

    def open_folder(self) -> None:
        if self.path is not None:
            self._opener.open(self.path.parent)


class ExportActions(QObject):
    """The File-menu actions for printed documents, working on the window's PlanDocument."""

    def __init__(self, document: PlanDocument, window: QWidget,
                 clock: Callable[[], dt.date] | None = None) -> None:
        super().__init__(window)
        self.document = document
        self.window = window
        # "today", for the days a shopping list leaves out: the window's own clock by default.
        self.clock = clock or document.today
        self.export_pdf_action = self._action("&Export PDF…", QKeySequence("Ctrl+E"), self.export_pdf,
                                              "Save this week's plan, report, summary or shopping list as a PDF")  # fmt: skip
        self.print_action = self._action("&Print…", QKeySequence.StandardKey.Print, self.print_week,
                                         "Print this week's plan, report, summary or shopping list")  # fmt: skip
        self.shopping_action = self._action("Export &Shopping List…", QKeySequence(), self.export_shopping_list,
                                            "One shopping list for the people you choose")  # fmt: skip
        self.opener = FileOpener(self)
        self.opener.failed.connect(self._could_not_open)
        self.notice = SavedNotice(self.opener, window)
        status_bar = getattr(window, "statusBar", None)
        if status_bar is not None:
            status_bar().addWidget(self.notice, 1)

    def _action(self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey, slot: Callable[[], object], tip: str) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(shortcut)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def actions(self) -> list[QAction]:
        return [self.export_pdf_action, self.print_action, self.shopping_action]

    # ------------------------------------------------------------------ helpers

    def _settings(self) -> dict:
        return self.document.repo.settings()

    def _remember(self, choice: ExportChoice) -> None:
        repo = self.document.repo
        repo.set_setting(SECTIONS_SETTING, list(choice.sections))
        repo.set_setting("page_size", choice.setup.size)
        repo.set_setting("large_print", choice.setup.large_print)

    def _ask(self, *, for_print: bool) -> ExportChoice | None:
        from bonewise.ui.export_dialog import ExportDialog

        settings = self._settings()
        last = settings.get(SECTIONS_SETTING)
        sections = [s for s in last if s in SECTION_NAMES] if isinstance(last, list) else SECTION_NAMES
        dialog = ExportDialog(page_setup_from_settings(settings), sections or SECTION_NAMES,
                              title="Print" if for_print else "Export PDF", for_print=for_print,
                              parent=self.window)  # fmt: skip
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()

    def _week_pdf(self, choice: ExportChoice) -> bytes:
        from bonewise.core.shopping import pantry_from_settings
        from bonewise.export.pdf import week_pdf  # reportlab loads on first use, not at start-up

        doc = self.document
        person = doc.shown_person()
        return week_pdf(person, doc.shown_week(), doc.foods, doc.recipes, sections=choice.sections,
                        setup=choice.setup, pantry=pantry_from_settings(self._settings()),
                        shop_from=self._shop_from(choice), prepared=self.clock(),
                        records={person.saved_id: doc.record(person.saved_id)})  # fmt: skip

    def _shop_from(self, choice: ExportChoice) -> dt.date | None:
        return None if choice.include_past else self.clock()

    def _planned_foods(self, person_ids: Sequence[int], include_past: bool) -> list[tuple[int, str, str, str]]:
        """Each food the chosen people plan this week (from today unless past days are wanted)."""
        from bonewise.core.shopping import build_shopping_list

        doc = self.document
        week = doc.shown_week().week
        found = []
        for person in (p for p in doc.people() if p.id in set(person_ids)):
            plan = doc.week_of(person.saved_id, week)
            shopping = build_shopping_list([(person, plan)], doc.foods, doc.recipes,
                                           from_day=None if include_past else self.clock())  # fmt: skip
            found += [(person.saved_id, person.name, row.food_id, row.name) for row in shopping.rows]
        return sorted(found, key=lambda f: (f[3].casefold(), f[1].casefold()))

    def _start_folder(self) -> Path:
        """The folder of the last export, else the user's Documents folder."""
        last = self._settings().get(FOLDER_SETTING)
        if isinstance(last, str) and Path(last).is_dir():
            return Path(last)
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents else Path.home()

    def _save(self, data: bytes, title: str, file_name: str, open_after: bool) -> Path | None:
        path = ask_save_path(self.window, title, self._start_folder() / file_name)
        if path is None:
            return None
        from bonewise.store.userfiles import write_user_file

        try:
            path = write_user_file(data, path, data_dir=self.document.repo.data_dir, suffix=".pdf")
        except BonewiseError as exc:
            show_error(self.window, title, str(exc))
            return None
        self.document.repo.set_setting(FOLDER_SETTING, str(path.parent))
        self.notice.show_saved(path)
        announce(self.window, f"Saved to {path.name}")
        if open_after:
            self.opener.open(path)
        return path

    def _could_not_open(self, path: Path) -> None:
        """No program opened a saved PDF (offer its folder) or a folder (name it)."""
        if path.is_dir():
            show_error(self.window, "Open Folder", f"No program on this computer could open the "
                                                   f"folder {path}. Your PDF is saved there.")
        elif offer_folder(self.window, path):
            self.opener.open(path.parent)

    # ------------------------------------------------------------------ actions

    def export_pdf(self, choice: ExportChoice | None = None) -> Path | None:
        """Export PDF…: the chosen sections of the shown week; returns where it was saved."""
        doc = self.document
        if doc.person is None or doc.week is None:
            show_error(self.window, "Export PDF", "Choose a person and a week first.")
            return None
        choice = choice or self._ask(for_print=False)
        if choice is None:
            return None
        self._remember(choice)
        try:
            data = self._week_pdf(choice)
        except BonewiseError as exc:
            show_error(self.window, "Export PDF", str(exc))
            return None
        return self._save(data, "Export PDF", week_file_name(f"Bonewise {doc.person.name}", doc.week.week),
                          choice.open_after)

    def print_week(self, choice: ExportChoice | None = None, printer: QPrinter | None = None) -> int:
        """Print…: the same document as Export PDF, on a printer; returns the pages printed."""
        doc = self.document
        if doc.person is None or doc.week is None:
            show_error(self.window, "Print", "Choose a person and a week first.")
            return 0
        choice = choice or self._ask(for_print=True)
        if choice is None:
            return 0
        self._remember(choice)
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from bonewise.ui.export_dialog import print_pdf

        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, self.window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return 0
        try:
            return print_pdf(self._week_pdf(choice), printer)
        except BonewiseError as exc:
            show_error(self.window, "Print", str(exc))
            return 0

    def export_shopping_list(
        self, person_ids: Sequence[int] | None = None, choice: ExportChoice | None = None
    ) -> Path | None:
        """Export Shopping List…: one merged list for the chosen people, for the shown week."""
        from bonewise.core.shopping import PANTRY_SETTING, pantry_from_settings

        from bonewise.ui.export_dialog import ShoppingListDialog

        doc = self.document
        week = doc.iso_week
        people = doc.people()
        if week is None or not people:
            show_error(self.window, "Export Shopping List", "Add a person and choose a week first.")
            return None
        setup = page_setup_from_settings(self._settings())
        if person_ids is None:
            current = [doc.person.saved_id] if doc.person else []
            dialog = ShoppingListDialog([(p.saved_id, p.name) for p in people], current, setup, self.window,
                                        pantry=pantry_from_settings(self._settings()),
                                        planned_foods=self._planned_foods)  # fmt: skip
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            person_ids = dialog.chosen_people()
            choice = ExportChoice(("shopping",), dialog.page.setup(), dialog.open_box.isChecked(),
                                  dialog.past_box.isChecked())  # fmt: skip
            doc.repo.set_setting(PANTRY_SETTING, dialog.pantry().to_setting())
        choice = choice or ExportChoice(("shopping",), setup)
        chosen = [p for p in people if p.id in set(person_ids)]
        plans = [(p, doc.week_of(p.saved_id, week)) for p in chosen]
        from bonewise.export.pdf import shopping_pdf

        try:
            data = shopping_pdf(plans, doc.foods, doc.recipes, setup=choice.setup,
                                pantry=pantry_from_settings(self._settings()),
                                from_day=self._shop_from(choice))  # fmt: skip
        except BonewiseError as exc:
            show_error(self.window, "Export Shopping List", str(exc))
            return None
        who = f"Bonewise shopping list {people_label([p.name for p in chosen])}"
        return self._save(data, "Export Shopping List", week_file_name(who, week), choice.open_after)

