"""The dialogs behind File > Export PDF…, Print… and Export Shopping List… (ui/export_actions.py).

Printing renders the very PDF that Export writes, page by page, through PDFium
(``pypdfium2``): PySide6-Essentials has no PDF renderer (QtPdf is in the much
larger Addons package), and drawing the document a second time with QPainter
would let paper and PDF drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QTransform
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bonewise.core.shopping import NO_PANTRY, Pantry
from bonewise.errors import BonewiseError
from bonewise.export.options import PAGE_SIZE_NAMES, SECTION_NAMES, SECTION_TITLES, PageSetup

from bonewise.ui.export_actions import ExportChoice

PRINT_DPI = 300  # PDFium renders each page at this resolution (capped by the printer's)


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


