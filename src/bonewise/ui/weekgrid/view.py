"""WeekGridView: the week as a table of meals, edited with the keyboard, the mouse and the clipboard.

Each cell is a small list of items. Besides Qt's current cell the view keeps a
*current item* inside it: Up/Down walk through the items and on to the next
meal, a click picks the item under the pointer. Single-item verbs (change
amount, delete, cut, copy) act on the current item; with several cells
selected they act on every item in them. Every change goes through the
document as one undo step. Which key runs which verb is ``keys.py``; drags and
drops are ``drag.py``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QInputDialog,
    QTableView,
    QWidget,
)

from bonewise.core.clipboard import CopiedItem, Located, entries_from_text
from bonewise.core.plan import Entry
from bonewise.errors import BonewiseError

from bonewise.ui.accessibility import OWN_FOCUS, announce
from bonewise.ui.weekgrid.amountdialog import AmountDialog
from bonewise.ui.weekgrid.delegate import MealCellDelegate, calcium_hint
from bonewise.ui.weekgrid.drag import GridDragDrop, accepts, insert_from_mime
from bonewise.ui.weekgrid.keys import handle_key
from bonewise.ui.weekgrid.model import (
    ENTRY_MIME,
    CalciumRole,
    CellItemsRole,
    FindingsRole,
    WeekGridModel,
    amount_text,
    make_entries_mime,
    read_entries_mime,
    spoken_item,
)

if TYPE_CHECKING:
    from bonewise.ui.document import PlanDocument

MIN_ROW_HEIGHT = 56


def release_clipboard() -> None:
    """Swap the items this view put on the clipboard for Qt's own plain-text copy.

    The QMimeData we give the clipboard has a Python wrapper. Qt deletes clipboard
    data in an exit handler that runs after Python has shut down, and deleting a
    wrapped object then crashes the process. Data made by ``setText`` has no
    wrapper, and text is all another program can read from us anyway. Call this
    once the event loop has ended.
    """
    clipboard = QGuiApplication.clipboard()
    data = clipboard.mimeData()
    if data is not None and data.hasFormat(ENTRY_MIME):
        clipboard.setText(data.text())


class WeekGridView(QTableView):
    """The editable week. Give it the document; it makes its own model and delegate."""

    problem = Signal(str)  # a user action could not be done: one sentence to show
    current_item_changed = Signal()  # the current cell or the item within it changed
    context_menu_requested = Signal(QPoint)  # global position, mouse or keyboard

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._current_entry: str | None = None
        self._current_pos = 0
        self._pending_pos: int | None = None  # item to make current when the cell changes
        self._row_hints: dict[int, int] = {}  # measured content height of each row
        self.grid_model = WeekGridModel(document, self)
        self.setModel(self.grid_model)
        self._delegate = MealCellDelegate(document, self)
        self.setItemDelegate(self._delegate)
        self._drag = GridDragDrop(self, self.grid_model, self._delegate, document,
                                  self.selected_located, self._attempt)
        self.setAccessibleName("Week plan")
        self.setProperty(OWN_FOCUS, True)  # the current item is filled while the week has focus
        self.setAccessibleDescription(
            "Meals in rows, days in columns. Type to add a food; F2 changes the amount."
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setTabKeyNavigation(False)  # Tab leaves the grid for the next panel
        self.setWordWrap(False)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # Days share the width but never get narrower than their calcium figure: with
        # large text the week scrolls sideways instead of cutting numbers.
        self._calcium_lines: dict[tuple[int, int], str] = {}  # (row, column) -> the cell's calcium line
        self._fit_day_width()
        self.horizontalHeader().setHighlightSections(True)
        # Rows fit their fullest cell and share any spare height (see fit_rows); done by
        # hand because ResizeToContents neither follows dataChanged nor fills the view.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setMinimumSectionSize(MIN_ROW_HEIGHT)
        self.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        )
        document.focus_entry.connect(self.select_entry)
        self.grid_model.modelReset.connect(self._after_reset)
        self.grid_model.dataChanged.connect(self._on_data_changed)
        # Narrow columns lay items out on two lines, so row heights follow column widths.
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self.fit_rows)
        self.horizontalHeader().sectionResized.connect(self._schedule_refit)

    # -- where the user is -------------------------------------------------------------

    def current_date(self) -> dt.date | None:
        index = self.currentIndex()
        if index.isValid():
            return self.grid_model.dates[index.column()]
        return None

    def current_cell(self) -> tuple[dt.date, str] | None:
        """(date, slot id) of the current meal, or None when no meal is current."""
        index = self.currentIndex()
        if not index.isValid():
            return None
        return self.grid_model.dates[index.column()], self.grid_model.slots[index.row()].id

    def current_slot_id(self) -> str | None:
        index = self.currentIndex()
        if index.isValid():
            return self.grid_model.slots[index.row()].id
        return None

    def current_entries(self) -> tuple[Entry, ...]:
        return self.grid_model.entries(self.currentIndex())

    def current_entry_id(self) -> str | None:
        """The item the single-item verbs act on (None in an empty or no cell)."""
        entries = self.current_entries()
        if not entries:
            return None
        ids = [e.id for e in entries]
        if self._current_entry in ids:
            return self._current_entry
        return ids[min(self._current_pos, len(ids) - 1)]

    def current_entry(self) -> Entry | None:
        wanted = self.current_entry_id()
        return next((e for e in self.current_entries() if e.id == wanted), None)

    def _set_current_item(self, position: int) -> None:
        entries = self.current_entries()
        self._current_pos = max(0, min(position, len(entries) - 1)) if entries else 0
        self._current_entry = entries[self._current_pos].id if entries else None
        self.viewport().update(self.visualRect(self.currentIndex()))
        self.current_item_changed.emit()
        # The cell keeps the focus, so a screen reader hears the item this way.
        items = self.currentIndex().data(CellItemsRole) or ()
        if items:
            announce(self, spoken_item(items[self._current_pos], self._current_pos, len(items)))

    def current_position(self) -> int:
        """Where the current item stands in its meal (0 in an empty meal)."""
        ids = [e.id for e in self.current_entries()]
        current = self.current_entry_id()
        return ids.index(current) if current in ids else 0

    def select_cell(self, date: dt.date | None, slot_id: str | None = None) -> None:
        """Make a meal (or, with no slot, the first meal of a day) current."""
        model = self.grid_model
        column = model.column_of(date) if date is not None else None
        if column is None:
            return
        row = model.row_of(slot_id) if slot_id else 0
        index = model.index(row if row is not None else 0, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def select_entry(self, entry_id: str) -> None:
        """Make the cell holding ``entry_id`` current, with that item current in it."""
        model = self.grid_model
        for column, day in enumerate(self._document.week.days if self._document.week else ()):
            for slot_id, entries in day.meals.items():
                ids = [e.id for e in entries]
                row = model.row_of(slot_id)
                if entry_id in ids and row is not None:
                    index = model.index(row, column)
                    if index != self.currentIndex():
                        self.setCurrentIndex(index)
                    self._set_current_item(ids.index(entry_id))
                    self.scrollTo(index)
                    return

    def selected_located(self) -> list[Located]:
        """The items the verbs act on: every item of the selected cells if there are
        several, else the current item; as (date, slot id, entry)."""
        model = self.grid_model
        cells = sorted(
            {(i.column(), i.row()) for i in self.selectionModel().selectedIndexes()}
        )
        if len(cells) > 1:
            return [
                (model.dates[c], model.slots[r].id, e)
                for c, r in cells
                for e in model.entries(model.index(r, c))
            ]
        entry = self.current_entry()
        if entry is None:
            return []
        return [(self.current_date(), self.current_slot_id(), entry)]

    def currentChanged(self, current: QModelIndex | QPersistentModelIndex,
                       previous: QModelIndex | QPersistentModelIndex) -> None:
        super().currentChanged(current, previous)
        position = 0 if self._pending_pos is None else self._pending_pos
        self._pending_pos = None
        self._current_entry = None
        self._current_pos = max(0, len(self.current_entries()) - 1) if position < 0 else position
        self.viewport().update(self.visualRect(previous))
        self.current_item_changed.emit()

    def _after_reset(self) -> None:
        self._fit_day_width()
        self.fit_rows()
        if self.grid_model.rowCount() and not self.currentIndex().isValid():
            self.setCurrentIndex(self.grid_model.index(0, 0))

    def fit_rows(self, changed_rows: Iterable[int] | None = None) -> None:
        """Each row as tall as its fullest meal; rows share what is left of the view's height.

        ``changed_rows`` limits the measuring to rows whose meals changed (the others
        keep their measured height). Only rows whose height changes are resized, so an
        edit that keeps a meal's height repaints nothing but that meal.
        """
        if changed_rows is None:
            self._row_hints.clear()
        else:
            for row in changed_rows:
                self._row_hints.pop(row, None)
        header = self.verticalHeader()
        rows = self.grid_model.rowCount()
        wanted = []
        for row in range(rows):
            if row not in self._row_hints:
                self._row_hints[row] = self.sizeHintForRow(row)
            wanted.append(self._row_hints[row])
        spare = self.viewport().height() - sum(wanted)
        if rows and spare > 0:
            wanted = [h + spare // rows + (1 if row < spare % rows else 0)
                      for row, h in enumerate(wanted)]
        for row, height in enumerate(wanted):
            if header.sectionSize(row) != height:
                header.resizeSection(row, height)

    def resizeRowsToContents(self) -> None:
        self.fit_rows()

    def _on_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex,
                         roles: Sequence[int] = ()) -> None:
        if not roles or CellItemsRole in roles or FindingsRole in roles:
            # A new calcium figure, or a mark before one, may need more room.
            self._fit_day_width(top_left, bottom_right)
        if roles and CellItemsRole not in roles:
            return  # e.g. only the warnings of a meal changed: same lines, same height
        # At once, not on a timer: the repaint that follows an edit must see the new heights.
        self.fit_rows(range(top_left.row(), bottom_right.row() + 1))

    def _schedule_refit(self, *_section: object) -> None:
        self._refit.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit.start()

    def sizeHintForRow(self, row: int) -> int:
        return max(super().sizeHintForRow(row), MIN_ROW_HEIGHT)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._fit_day_width()
            self.fit_rows()

    def _fit_day_width(self, top_left: QModelIndex | None = None,
                       bottom_right: QModelIndex | None = None) -> None:
        """Days share the width but never get narrower than their widest calcium figure.

        The figures are kept per cell; with a range, only its cells are read again (an edit
        changes one or two meals, not the 42 of the week)."""
        model = self.grid_model
        if top_left is None or bottom_right is None:
            self._calcium_lines.clear()
            rows, columns = range(model.rowCount()), range(model.columnCount())
        else:
            rows = range(top_left.row(), bottom_right.row() + 1)
            columns = range(top_left.column(), bottom_right.column() + 1)
        for row in rows:
            for column in columns:
                index = model.index(row, column)
                if index.data(CellItemsRole):
                    hint = calcium_hint(index.data(CalciumRole), index.data(FindingsRole) or ())[0]
                    self._calcium_lines[(row, column)] = hint
                else:
                    self._calcium_lines.pop((row, column), None)
        width = MealCellDelegate.min_day_width(self.font(), self._calcium_lines.values())
        if width != self.horizontalHeader().minimumSectionSize():
            self.horizontalHeader().setMinimumSectionSize(width)

    # -- keyboard: keys.py says which key runs which of these ------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not handle_key(self, event):
            super().keyPressEvent(event)

    def has_current_cell(self) -> bool:
        return self.currentIndex().isValid()

    def step_item(self, step: int) -> None:
        """Up/Down: through the items of the cell, then on to the meal above or below."""
        entries = self.current_entries()
        position = self.current_position() + step
        if entries and 0 <= position < len(entries):
            self._set_current_item(position)
            return
        index = self.currentIndex()
        row = index.row() + step
        if 0 <= row < self.grid_model.rowCount():
            # Coming from below, land on the last item of the meal above.
            self._pending_pos = 0 if step > 0 else -1
            target = self.grid_model.index(row, index.column())
            self.selectionModel().setCurrentIndex(
                target, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.scrollTo(target)

    def start_adding(self, text: str = "") -> None:
        """Open the food editor in the current cell (as typing does)."""
        index = self.currentIndex()
        if not index.isValid():
            return
        self.edit(index)
        editor = self.indexWidget(index) or self.focusWidget()
        if text and hasattr(editor, "line"):
            editor.line.setText(text)

    # -- mouse ---------------------------------------------------------------------------

    def _item_at(self, pos: QPoint) -> tuple[QModelIndex, int | None]:
        index = self.indexAt(pos)
        if not index.isValid():
            return index, None
        count = len(self.grid_model.entries(index))
        row = self._delegate.item_at(self.visualRect(index), self.font(), count, pos.y())
        return index, row

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index, item = self._item_at(event.position().toPoint())
        if index.isValid() and item is not None and index != self.currentIndex():
            self._pending_pos = item
        super().mousePressEvent(event)
        if index.isValid() and index == self.currentIndex() and item is not None:
            self._set_current_item(item)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index, item = self._item_at(event.position().toPoint())
        if not index.isValid():
            return
        if item is not None:
            self.change_amount()
        else:
            self.start_adding()

    def open_keyboard_menu(self) -> None:
        """Ask for the context menu under the current item (or the middle of the current meal)."""
        rect = self.visualRect(self.currentIndex())
        lines = self._delegate.item_rects(rect, self.font(), len(self.current_entries()))
        anchor = lines[self.current_position()].bottomLeft() if lines else rect.center()
        self.context_menu_requested.emit(self.viewport().mapToGlobal(anchor))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == event.Reason.Keyboard:  # the Menu key
            self.open_keyboard_menu()
        else:
            index, item = self._item_at(event.pos())
            if index.isValid() and index != self.currentIndex():
                self._pending_pos = item or 0
                self.setCurrentIndex(index)
            elif item is not None:
                self._set_current_item(item)
            self.context_menu_requested.emit(event.globalPos())

    # -- verbs -----------------------------------------------------------------------------

    def _attempt(self, action: Callable[[], object]) -> bool:
        try:
            return bool(action())
        except BonewiseError as exc:
            self.problem.emit(str(exc))
            return False

    def add_food(self, food_id: str, amount: str | None = None) -> bool:
        """Add a food (from the browser) to the current meal, after the current item."""
        cell = self.current_cell()
        if cell is None:
            self.problem.emit("Choose a meal in the week first.")
            return False
        date, slot_id = cell
        index = self.current_position() + 1 if self.current_entries() else None
        return self._attempt(lambda: self._document.add_food(date, slot_id, food_id, amount, index))

    def delete_selection(self) -> bool:
        ids = [e.id for _, _, e in self.selected_located()]
        return bool(ids) and self._attempt(lambda: self._document.remove_entries(ids))

    def copy_selection(self) -> bool:
        located = self.selected_located()
        if not located:
            return False
        QGuiApplication.clipboard().setMimeData(self.grid_model.entries_mime(located))
        return True

    def cut_selection(self) -> bool:
        located = self.selected_located()
        if not self.copy_selection():
            return False
        ids = [e.id for _, _, e in located]
        text = self._document.label("Cut", ids)
        return self._attempt(lambda: self._document.remove_entries(ids, text))

    def paste(self) -> bool:
        """Paste items (or lines of text such as "milk 1 cup") into the current meal."""
        cell = self.current_cell()
        if cell is None:
            return False
        date, slot_id = cell
        mime = QGuiApplication.clipboard().mimeData()
        index = self.current_position() + 1 if self.current_entries() else None

        def paste() -> bool:
            if accepts(mime):
                return insert_from_mime(self._document, mime, date, slot_id, index)
            text = mime.text() if mime is not None and mime.hasText() else ""
            entries = entries_from_text(text, lambda line: self._document.understand(line, slot_id).entry())
            return self._document.paste_entries(entries, date, slot_id, index)

        return self._attempt(paste)

    def copy_day(self) -> bool:
        date = self.current_date()
        if date is None or self._document.week is None:
            return False
        day = self._document.week.day(date)
        doc = self._document
        located = []
        for slot in self.grid_model.slots:
            for entry in day.entries(slot.id):
                located.append((date, slot.id, entry))
        if not located:
            self.problem.emit(f"{date:%A} has nothing to copy yet.")
            return False
        mime = make_entries_mime(
            [CopiedItem(d, s, e, doc.item_name(e), amount_text(e, doc.food(e.food_id))) for d, s, e in located],
            doc.shown_person().saved_id, str(doc.iso_week), whole_day=True,
        )
        QGuiApplication.clipboard().setMimeData(mime)
        return True

    def paste_day(self) -> bool:
        date = self.current_date()
        if date is None:
            return False

        def paste() -> bool:
            payload = read_entries_mime(QGuiApplication.clipboard().mimeData())
            if not payload.whole_day:
                raise BonewiseError("Copy a whole day first (Edit ▸ Copy Day), then paste it here.")
            meals: dict[str, list[Entry]] = {}
            for _, slot_id, entry in payload.entries:
                meals.setdefault(slot_id or "", []).append(entry)
            return self._document.paste_day(meals, date)

        return self._attempt(paste)

    def copy_day_to(self, dst: dt.date) -> bool:
        src = self.current_date()
        return src is not None and self._attempt(lambda: self._document.copy_day(src, dst))

    def clear_day(self) -> bool:
        date = self.current_date()
        return date is not None and self._attempt(lambda: self._document.clear_day(date))

    def change_amount(self) -> bool:
        """Open the amount dialog for the current item; one undo step if it changed."""
        entry = self.current_entry()
        if entry is None:
            return False
        dialog = AmountDialog(self._document, entry, self)
        if not self.ask(dialog):
            return False
        new = dialog.new_entry()
        if dataclasses.replace(new, id=entry.id) == entry:
            return False
        return self._attempt(lambda: self._document.change_entry(entry.id, new))

    @staticmethod
    def ask(dialog: QDialog) -> bool:
        """Run a modal dialog; tests replace this to answer it."""
        return dialog.exec() == dialog.DialogCode.Accepted

    def edit_note(self) -> bool:
        date = self.current_date()
        if date is None or self._document.week is None:
            return False
        old = self._document.week.day(date).note
        text, ok = QInputDialog.getMultiLineText(
            self, "Day note", f"Note for {date:%A} {date.day} {date:%B}:", old
        )
        if not ok or text == old:
            return False
        return self._attempt(lambda: self._document.set_note(date, text))

    def move_current_item(self, step: int) -> bool:
        """Alt+Up/Alt+Down: move the current item up or down within its meal."""
        entries = self.current_entries()
        position = self.current_position()
        target = position + step
        if not entries or not 0 <= target < len(entries):
            return False
        cell = self.current_cell()
        if cell is None:
            return False
        entry_id = entries[position].id
        # Drop positions count the item itself, so moving down means "after the next one".
        drop_at = target + 1 if step > 0 else target
        return self._attempt(lambda: self._document.move_entries([entry_id], *cell, drop_at))

    # -- drag and drop: GridDragDrop does the work ---------------------------------------------

    def startDrag(self, supported_actions: Qt.DropAction) -> None:
        self._drag.start()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._drag.enter(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._drag.move(event)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._drag.leave()

    def dropEvent(self, event: QDropEvent) -> None:
        self._drag.drop_event(event)

    def drop(self, mime: QMimeData, index: QModelIndex, position: int, *, copy: bool, from_self: bool) -> bool:
        """Put dropped foods or items into the cell ``index`` at ``position``."""
        return self._drag.drop(mime, index, position, copy=copy, from_self=from_self)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self._drag.paint_target()
