"""The cell editor: type "2 eggs", "a glass of milk" or "sardines 100 g", press Enter.

The text is read by ``core.phrases`` – the same reader as paste and the command line –
into a food and an amount; a line under the text says what Enter will add, or what is
wrong, while the user types. A list shows the foods that match. When another food fits
about as well, or a word was read as a near spelling ("showing results for …"), Enter
opens that list to choose from instead of adding. Picking a food pins it: whatever
follows its name is the amount, and without one a usual serving for the meal is added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QPalette,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCompleter,
    QFrame,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bonewise.core.foods import SearchHit
from bonewise.core.phrases import Understanding, read_phrase
from bonewise.core.plan import Entry
from bonewise.errors import BonewiseError

from bonewise.ui.colours import readable_on
from bonewise.ui.fitting import follow_zoom, smaller_font
from bonewise.ui.weekgrid.model import amount_text

if TYPE_CHECKING:
    from bonewise.ui.document import PlanDocument

FoodIdRole = Qt.ItemDataRole.UserRole + 1
SEARCH_LIMIT = 12
POPUP_MIN_WIDTH = 460
EDITOR_MIN_WIDTH = 380
ERROR_COLOUR = QColor("#D55E00")  # with a ⚠ and words, never colour alone


class _Line(QLineEdit):
    """The text field; Enter, Escape and losing focus are decided by the editor."""

    def __init__(self, editor: FoodEntryEditor):
        super().__init__(editor)
        self._editor = editor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._editor.enter()
            return
        if event.key() == Qt.Key.Key_Escape:
            self._editor.cancel()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # Switching to another window or opening the completer keeps the editor; a
        # click or Tab elsewhere in this window closes it (checked once focus settled).
        if event.reason() not in (Qt.FocusReason.PopupFocusReason,
                                  Qt.FocusReason.ActiveWindowFocusReason):
            QTimer.singleShot(0, self._editor.cancel_if_unfocused)


class FoodEntryEditor(QFrame):
    """Adds one item to a cell. ``accepted_entry`` is set only when Enter found a valid item."""

    accepted = Signal()
    cancelled = Signal()

    def __init__(self, document: PlanDocument, parent: QWidget | None = None, slot_id: str | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._slot_id = slot_id  # the meal: a usual serving at lunch is larger than at breakfast
        self._pinned: tuple[str, str] | None = None  # (food id, name) picked from the list
        self._understood: tuple[str, Understanding | BonewiseError] | None = None  # for the text shown
        self._done = False
        self.accepted_entry: Entry | None = None

        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.line = _Line(self)
        self.line.setPlaceholderText("Food and amount, e.g. 2 eggs or milk 1 cup")
        self.line.setAccessibleName("Add a food to this meal")
        self.hint = QLabel(self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setAccessibleName("What Enter will add")
        self.hint.setContentsMargins(4, 0, 4, 2)
        self.hint.setWordWrap(True)  # a problem is said in full; the editor grows to show it
        follow_zoom(self.hint, smaller_font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.line)
        layout.addWidget(self.hint)
        self.setFocusProxy(self.line)

        self._hits = QStandardItemModel(self)
        self.completer = QCompleter(self._hits, self)
        self.completer.setWidget(self.line)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(10)
        self._popup().setAccessibleName("Matching foods")
        self.completer.activated[QModelIndex].connect(self._pick)  # type: ignore[index]  # the index overload
        self.line.textEdited.connect(self._on_text_edited)
        self._show_hint()

    def sizeHint(self) -> QSize:
        line = self.line.sizeHint()
        width = max(line.width(), self.width(), EDITOR_MIN_WIDTH)
        return QSize(width, line.height() + self.hint.heightForWidth(width))

    # -- typing ------------------------------------------------------------------------

    def _on_text_edited(self, text: str) -> None:
        if self._pinned and not text.casefold().startswith(self._pinned[1].casefold()):
            self._pinned = None
        self._show_hint()  # first: the list opens below the hint, at its new height
        if self._pinned is None:
            self._fill(self._matches(text))

    def _matches(self, text: str) -> list[SearchHit]:
        """The foods to list: the one understood first, then the others the search found."""
        understood = self.understanding()
        if isinstance(understood, Understanding):
            first = [h for h in understood.hits if h.food_id == understood.food.id]
            return (first + [h for h in understood.hits if h.food_id != understood.food.id])[:SEARCH_LIMIT]
        try:
            words = read_phrase(text).food
        except BonewiseError:
            return []
        return list(self._document.foods.search(words, SEARCH_LIMIT)) if words.strip() else []

    def _fill(self, hits: list[SearchHit]) -> None:
        self._hits.clear()
        for hit in hits:
            item = QStandardItem(hit.name)
            item.setData(hit.food_id, FoodIdRole)
            item.setToolTip(f"{hit.name}\n{hit.group}")
            item.setEditable(False)
            self._hits.appendRow(item)
        if hits:
            self._show_list()
        else:
            self._popup().hide()

    def _show_list(self) -> None:
        # Below the hint line, which says what Enter will add: the list must not hide it.
        height = self.line.height() + self.hint.height()
        self.completer.complete(QRect(0, 0, max(self.width(), POPUP_MIN_WIDTH), height))

    def _popup(self) -> QAbstractItemView:
        """The completer's list (Qt makes it with the completer)."""
        return cast(QAbstractItemView, self.completer.popup())

    def _pick(self, index: QModelIndex) -> None:
        """A food was chosen from the list: pin it, keep the amount typed already."""
        food_id = index.data(FoodIdRole)
        name = index.data(Qt.ItemDataRole.DisplayRole)
        if food_id is None:
            return
        try:
            said = read_phrase(self.line.text()).said if not self._pinned else self._amount_text()
        except BonewiseError:
            said = ""
        self._pinned = (food_id, name)
        self.line.setText(f"{name} {said}" if said else f"{name} ")
        self._show_hint()

    def _amount_text(self) -> str:
        """The text after a pinned food's name: its amount."""
        if self._pinned is None:
            return ""
        return self.line.text()[len(self._pinned[1]):].strip(" ·,")

    def _show_hint(self) -> None:
        if not self.line.text().strip():
            self._set_hint("Type a food and an amount (2 eggs, milk 1 cup); Enter adds it.", error=False)
            return
        understood = self.understanding()
        if isinstance(understood, BonewiseError):
            self._set_hint(f"⚠ {understood}", error=True)
            return
        adds = f"{understood.food.name} · {self._amount(understood)}"
        if self._pinned is not None or not understood.ambiguous:
            self._set_hint(f"Enter adds: {adds}", error=False)
        elif understood.corrected is not None:
            self._set_hint(f"Showing results for “{understood.corrected}”: Enter lets you choose "
                           f"(first: {adds})", error=False)
        else:
            others = len(understood.alternatives)
            self._set_hint(f"{others + 1} foods fit about as well: Enter lets you choose (first: {adds})",
                           error=False)

    def _amount(self, understood: Understanding) -> str:
        try:
            entry = understood.entry()
        except BonewiseError:
            return understood.portion.label
        return amount_text(entry, understood.food)

    def _set_hint(self, text: str, error: bool) -> None:
        if text != self.hint.text():
            self.hint.setText(text)
            self.resize(self.width(), self.sizeHint().height())
        self.hint.setToolTip(text)
        palette = self.hint.palette()
        background = self.palette().color(QPalette.ColorRole.Window)
        colour = readable_on(ERROR_COLOUR if error else self.palette().color(
            QPalette.ColorRole.PlaceholderText), background)
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.hint.setPalette(palette)
        self.line.setAccessibleDescription(text)

    # -- resolving and finishing ------------------------------------------------------------

    def understanding(self) -> Understanding | BonewiseError:
        """What the current text means (read once per text), or what is wrong with it."""
        key = f"{self._pinned}\n{self.line.text()}"
        if self._understood is None or self._understood[0] != key:
            try:
                if self._pinned is not None:
                    found: Understanding | BonewiseError = self._document.understand(
                        self._amount_text(), self._slot_id, pinned=self._pinned[0])
                else:
                    found = self._document.understand(self.line.text(), self._slot_id)
            except BonewiseError as exc:
                found = exc
            self._understood = (key, found)
        return self._understood[1]

    def resolve(self) -> Entry:
        """The entry the current text describes; BonewiseError says what is wrong."""
        understood = self.understanding()
        if isinstance(understood, BonewiseError):
            raise understood
        return understood.entry()

    def enter(self) -> None:
        """Enter: add the item, or – with a row of the list chosen – that food; when another
        food fits about as well, open the list to choose from instead of adding."""
        popup = self._popup()
        selection = popup.selectionModel()
        chosen = selection.selectedIndexes() if selection is not None else []
        if popup.isVisible() and chosen:
            popup.hide()
            self._pick(chosen[0])
            self.accept()
            return
        understood = self.understanding()
        if self._pinned is None and isinstance(understood, Understanding) and understood.ambiguous \
                and self._hits.rowCount() > 1:
            self._show_list()
            first = self._hits.index(0, 0)
            if selection is not None:
                selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self._set_hint("Choose the food with ↑ ↓ and Enter, or type more.", error=False)
            return
        self.accept()

    def accept(self) -> None:
        if self._done:
            return
        try:
            self.accepted_entry = self.resolve()
        except BonewiseError as exc:
            self._set_hint(f"⚠ {exc}", error=True)
            return
        self._done = True
        self._popup().hide()
        self.accepted.emit()

    def cancel(self) -> None:
        if self._done:
            return
        self._done = True
        self._popup().hide()
        self.cancelled.emit()

    def cancel_if_unfocused(self) -> None:
        focus = QApplication.focusWidget()
        if self._done or focus is None or self._popup().isVisible():
            return
        if focus is not self and not self.isAncestorOf(focus):
            self.cancel()
