"""The cell editor: type "milk 1 cup" or "sardines 100 g", pick from the food search, press Enter.

A completer lists foods matching the text before the amount. Picking one pins
that food; whatever follows its name is the amount. Without an amount, one usual
serving is added. A line under the text says what Enter will add, or what is
wrong, while the user types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, QTimer, Signal
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

from bonewise.core.plan import Entry
from bonewise.core.planner import entry_from_text, parse_amount
from bonewise.errors import BonewiseError

from bonewise.ui.colours import readable_on
from bonewise.ui.weekgrid.model import amount_text

if TYPE_CHECKING:
    from bonewise.ui.document import PlanDocument

FoodIdRole = Qt.ItemDataRole.UserRole + 1
SEARCH_LIMIT = 12
POPUP_MIN_WIDTH = 460
EDITOR_MIN_WIDTH = 380
ERROR_COLOUR = QColor("#D55E00")  # with a ⚠ and words, never colour alone
_FRACTIONS = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"


def split_query_amount(text: str) -> tuple[str, str | None]:
    """Split typed text into the food to search for and the amount after it.

    "milk 1 cup" -> ("milk", "1 cup"); "sardines 100g" -> ("sardines", "100g");
    "milk 2%" -> ("milk 2%", None) because "2%" is not an amount.
    """
    tokens = text.split()
    for i in range(1, len(tokens)):
        if tokens[i][0].isdigit() or tokens[i][0] in _FRACTIONS:
            candidate = " ".join(tokens[i:])
            try:
                parse_amount(candidate)
            except BonewiseError:
                continue
            return " ".join(tokens[:i]), candidate
    return text.strip(), None


def resolve_text(document: PlanDocument, text: str, pinned: tuple[str, str] | None = None) -> Entry:
    """The entry that typed text stands for: the best-matching food and the amount after it.

    ``pinned`` = (food id, name) of a food picked from the list; text starting with
    its name means that food. Without an amount, one usual serving. Raises
    BonewiseError with a sentence for the user.
    """
    text = text.strip()
    if not text:
        raise BonewiseError("Type a food, for example “milk 1 cup”.")
    foods = document.foods
    if pinned and text.casefold().startswith(pinned[1].casefold()):
        food = foods.get(pinned[0])
        amount = text[len(pinned[1]):].strip(" ·,") or None
    else:
        query, amount = split_query_amount(text)
        hits = foods.search(query, 1)
        if not hits:
            raise BonewiseError(f"No food matches “{query[:60]}”.")
        food = foods.get(hits[0].food_id)
    if food is None:
        raise BonewiseError("That food is no longer in the food store.")
    if amount:
        return entry_from_text(food, amount)
    return document.usual_entry(food.id)


class _Line(QLineEdit):
    """The text field; Enter, Escape and losing focus are decided by the editor."""

    def __init__(self, editor: FoodEntryEditor):
        super().__init__(editor)
        self._editor = editor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._editor.accept()
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

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._pinned: tuple[str, str] | None = None  # (food id, name) picked from the list
        self._done = False
        self.accepted_entry: Entry | None = None

        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.line = _Line(self)
        self.line.setPlaceholderText("Food and amount, e.g. milk 1 cup")
        self.line.setAccessibleName("Add a food to this meal")
        self.hint = QLabel(self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setAccessibleName("What Enter will add")
        self.hint.setContentsMargins(4, 0, 4, 2)
        self.hint.setWordWrap(True)  # a problem is said in full; the editor grows to show it
        font = self.hint.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
        self.hint.setFont(font)
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
            query, _ = split_query_amount(text)
            self._fill(query)

    def _fill(self, query: str) -> None:
        self._hits.clear()
        hits = self._document.foods.search(query, SEARCH_LIMIT) if query.strip() else []
        for hit in hits:
            item = QStandardItem(hit.name)
            item.setData(hit.food_id, FoodIdRole)
            item.setToolTip(f"{hit.name}\n{hit.group}")
            item.setEditable(False)
            self._hits.appendRow(item)
        if hits:
            # Below the hint line, which says what Enter will add: the list must not hide it.
            height = self.line.height() + self.hint.height()
            self.completer.complete(QRect(0, 0, max(self.width(), POPUP_MIN_WIDTH), height))
        else:
            self._popup().hide()

    def _popup(self) -> QAbstractItemView:
        """The completer's list (Qt makes it with the completer)."""
        return cast(QAbstractItemView, self.completer.popup())

    def _pick(self, index: QModelIndex) -> None:
        """A food was chosen from the list: pin it, keep any amount typed already."""
        food_id = index.data(FoodIdRole)
        name = index.data(Qt.ItemDataRole.DisplayRole)
        if food_id is None:
            return
        _, amount = split_query_amount(self.line.text())
        self._pinned = (food_id, name)
        self.line.setText(f"{name} {amount}" if amount else f"{name} ")
        self._show_hint()

    def _show_hint(self) -> None:
        if not self.line.text().strip():
            self._set_hint("Type a food, then an amount (1 cup, 150 g); Enter adds it.", error=False)
            return
        try:
            entry = self.resolve()
        except BonewiseError as exc:
            self._set_hint(f"⚠ {exc}", error=True)
            return
        food = self._document.food(entry.food_id)
        name = food.name if food is not None else self._document.item_name(entry)
        self._set_hint(f"Enter adds: {name} · {amount_text(entry, food)}", error=False)

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

    def resolve(self) -> Entry:
        """The entry the current text describes; BonewiseError says what is wrong."""
        return resolve_text(self._document, self.line.text(), self._pinned)

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
