"""File > Export PDF…, Print… and Export Shopping List…: small dialogs over ``bonewise.export``.

Printing renders the very PDF that Export writes, page by page, through PDFium
(``pypdfium2``): PySide6-Essentials has no PDF renderer (QtPdf is in the much
larger Addons package), and drawing the document a second time with QPainter
would let paper and PDF drift apart.
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

from PySide6.QtCore import QObject, QRectF, QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QImage, QKeySequence, QPainter, QTransform
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bonewise.core.plan import IsoWeek
from bonewise.core.shopping import NO_PANTRY, PANTRY_SETTING, Pantry, pantry_from_settings
from bonewise.errors import BonewiseError
from bonewise.export.labels import date_range, people_label
from bonewise.export.options import (
    PAGE_SIZE_NAMES,
    SECTION_NAMES,
    SECTION_TITLES,
    PageSetup,
    page_setup_from_settings,
)

from bonewise.ui.accessibility import announce
from bonewise.ui.fitting import FittingLabel

if TYPE_CHECKING:
    from bonewise.ui.document import PlanDocument

SECTIONS_SETTING = "export_sections"  # the sections chosen last time
FOLDER_SETTING = "export_folder"  # where the last PDF was saved
PRINT_DPI = 300  # PDFium renders each page at this resolution (capped by the printer's)


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


class _PageOptions(QWidget):
    """Paper size and large print, shared by both dialogs."""

    def __init__(self, setup: PageSetup, parent: QWidget | None = None):
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.size_box = QComboBox()
        self.size_box.addItems(PAGE_SIZE_NAMES)
        self.size_box.setCurrentText(setup.size)
        form.addRow("&Paper size:", self.size_box)
        self.large_box = QCheckBox("&Large print")
        self.large_box.setChecked(setup.large_print)
        form.addRow("", self.large_box)

    def setup(self) -> PageSetup:
        return PageSetup(self.size_box.currentText(), self.large_box.isChecked())


class ExportDialog(QDialog):
    """Choose the sections, the paper and whether to open the PDF afterwards."""

    def __init__(self, setup: PageSetup, sections: Sequence[str] = SECTION_NAMES, *,
                 title: str = "Export PDF", for_print: bool = False, parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        group = QGroupBox("Sections, in the order they are printed")
        inner = QVBoxLayout(group)
        # A checkable list the user reorders (drag, or the buttons): the PDF follows its order.
        self.sections_list = QListWidget(group)
        self.sections_list.setAccessibleName("Sections to print, in order")
        self.sections_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        ordered = [n for n in sections if n in SECTION_NAMES] + [n for n in SECTION_NAMES if n not in sections]
        for name in ordered:
            item = QListWidgetItem(SECTION_TITLES[name])
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in sections else Qt.CheckState.Unchecked)
            self.sections_list.addItem(item)
        self.sections_list.itemChanged.connect(self._update_ok)
        self.sections_list.setCurrentRow(0)
        self.sections_list.setMaximumHeight(self.sections_list.sizeHintForRow(0) * (len(SECTION_NAMES) + 1))
        move = QHBoxLayout()
        for text, step in (("Move &Up", -1), ("Move &Down", 1)):
            button = QPushButton(text, group)
            button.clicked.connect(lambda _checked=False, s=step: self.move_section(s))
            move.addWidget(button)
        move.addStretch(1)
        inner.addWidget(self.sections_list)
        inner.addLayout(move)
        layout.addWidget(group)
        self.past_box = QCheckBox("Shopping list: include days already p&ast")
        inner.addWidget(self.past_box)
        self.page = _PageOptions(setup)
        layout.addWidget(self.page)
        self.open_box = QCheckBox("&Open the PDF when it is saved")
        self.open_box.setChecked(True)
        self.open_box.setVisible(not for_print)
        layout.addWidget(self.open_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Print…" if for_print else "Export…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _update_ok(self, *_args: object) -> None:
        sections = self.choice().sections
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(sections))
        self.past_box.setEnabled("shopping" in sections)

    def set_checked(self, name: str, checked: bool) -> None:
        """Tick or untick one section."""
        for row in range(self.sections_list.count()):
            item = self.sections_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == name:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def move_section(self, step: int) -> None:
        """Move the current section up (-1) or down (+1) in the printed order."""
        row = self.sections_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.sections_list.count():
            return
        item = self.sections_list.takeItem(row)
        self.sections_list.insertItem(target, item)
        self.sections_list.setCurrentRow(target)

    def choice(self) -> ExportChoice:
        items = [self.sections_list.item(r) for r in range(self.sections_list.count())]
        sections = tuple(i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked)
        return ExportChoice(sections, self.page.setup(), self.open_box.isChecked(), self.past_box.isChecked())


# (person id, person name, food id, food name) of each food a person has planned
PlannedFoods = Callable[[Sequence[int], bool], Sequence[tuple[int, str, str, str]]]


class ShoppingListDialog(QDialog):
    """Choose whose meals go on one shopping list, and what each of them always has at home.

    The "Always at home" list shows the foods the chosen people have planned; a
    ticked food is left off that person's part of the list. Unticking it puts
    it back; the ticks are kept (as the pantry setting) when the list is exported.
    """

    def __init__(self, people: Sequence[tuple[int, str]], checked: Sequence[int], setup: PageSetup,
                 parent: QWidget | None = None, *, pantry: Pantry = NO_PANTRY,
                 planned_foods: PlannedFoods | None = None):  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Export Shopping List")
        self._pantry = pantry
        self._planned_foods = planned_foods
        layout = QVBoxLayout(self)
        group = QGroupBox("People on the list")
        inner = QVBoxLayout(group)
        self.people = QListWidget()
        for person_id, name in people:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if person_id in checked else Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.people.itemChanged.connect(self._update_ok)
        self.people.itemChanged.connect(self._fill_staples)
        inner.addWidget(self.people)
        self.past_box = QCheckBox("Include days already p&ast")
        self.past_box.toggled.connect(self._fill_staples)
        inner.addWidget(self.past_box)
        layout.addWidget(group)
        staples = QGroupBox("Always at home: tick to leave off the list")
        staples_layout = QVBoxLayout(staples)
        self.staples = QListWidget()
        self.staples.setAccessibleName("Foods always at home")
        self.staples.itemChanged.connect(self._staple_changed)
        staples_layout.addWidget(self.staples)
        staples.setVisible(planned_foods is not None)
        layout.addWidget(staples)
        self.page = _PageOptions(setup)
        layout.addWidget(self.page)
        self.open_box = QCheckBox("&Open the PDF when it is saved")
        self.open_box.setChecked(True)
        layout.addWidget(self.open_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update_ok()
        self._fill_staples()

    def chosen_people(self) -> list[int]:
        return [
            self.people.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.people.count())
            if self.people.item(i).checkState() == Qt.CheckState.Checked
        ]

    def pantry(self) -> Pantry:
        """The pantry with this dialog's ticks."""
        return self._pantry

    def _fill_staples(self, *_args: object) -> None:
        if self._planned_foods is None:
            return
        chosen = self.chosen_people()
        planned = self._planned_foods(chosen, self.past_box.isChecked())
        several = len({person_id for person_id, *_ in planned}) > 1
        self.staples.blockSignals(True)
        self.staples.clear()
        for person_id, person_name, food_id, food_name in planned:
            item = QListWidgetItem(f"{food_name} — {person_name}" if several else food_name)
            item.setData(Qt.ItemDataRole.UserRole, (person_id, food_id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            at_home = food_id in self._pantry.of(person_id)
            item.setCheckState(Qt.CheckState.Checked if at_home else Qt.CheckState.Unchecked)
            self.staples.addItem(item)
        self.staples.blockSignals(False)

    def _staple_changed(self, item: QListWidgetItem) -> None:
        person_id, food_id = item.data(Qt.ItemDataRole.UserRole)
        self._pantry = self._pantry.with_food(person_id, food_id, item.checkState() == Qt.CheckState.Checked)

    def _update_ok(self, *_args: object) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.chosen_people()))


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Print every page of the PDF ``data`` on ``printer``; returns the number of pages.

    Each page is rendered by PDFium at up to PRINT_DPI and scaled to the printable
    area; a landscape page on portrait paper (or the reverse) is turned to fit.
    """
    import pypdfium2 as pdfium  # imported on first print, not at start-up

    document = pdfium.PdfDocument(data)
    painter = QPainter()
    try:
        if not painter.begin(printer):
            raise BonewiseError("The printer could not be started.")
        dpi = min(PRINT_DPI, max(printer.resolution(), 72))
        for index in range(len(document)):
            if index:
                printer.newPage()
            page = document[index]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)  # RGB bytes
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGB888).copy()  # fmt: skip
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            if (image.width() > image.height()) != (area.width() > area.height()):
                image = image.transformed(QTransform().rotate(-90))  # top to the left, as drivers do
            scale = min(area.width() / image.width(), area.height() / image.height())
            width, height = image.width() * scale, image.height() * scale
            target = QRectF((area.width() - width) / 2, (area.height() - height) / 2, width, height)
            painter.drawImage(target, image)
            page.close()
        return len(document)
    finally:
        if painter.isActive():
            painter.end()
        document.close()


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

