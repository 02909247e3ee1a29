"""The food browser: search-as-you-type over the food store, a kind filter, and food details.

Enter or a double-click on a hit emits ``food_activated`` (the main window adds
the food to the current cell); a hit can also be dragged (``FOOD_MIME``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from bonewise.core.foods import Food, FoodKind
from bonewise.errors import BonewiseError

from bonewise.ui.foodbrowser.customfood import CustomFoodDialog
from bonewise.ui.foodbrowser.delegate import FoodHitDelegate
from bonewise.ui.foodbrowser.details import FoodDetails
from bonewise.ui.foodbrowser.model import FOOD_MIME, FoodHitModel, FoodIdRole, HitRow
from bonewise.ui.foodbrowser.summary import serving_summary

if TYPE_CHECKING:
    from bonewise.store.foodstore import FoodStore

__all__ = ["FOOD_MIME", "FoodBrowser"]

ALL, SUPPLEMENTS, MINE = "all", "supplements", "mine"
SEARCH_DELAY_MS = 60  # a short pause in typing; search itself takes a few ms
RESULT_LIMIT = 50
_WIDE_LIMIT = 400  # when filtering by kind, look further so the filter still finds enough


def _is_users(food_id: str) -> bool:
    """Foods (and supplements) the user made have ids "u<number>"."""
    return food_id.startswith("u")


class _HitList(QListView):
    """The result list; Enter activates the current hit (``activated`` also fires on
    a single click on some platforms, which would add food by accident)."""

    entered = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.entered.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class FoodBrowser(QWidget):
    """Search, filter, browse and manage foods.

    Signals:
        food_activated(str): a hit was chosen (Enter or double-click); the food id.
        foods_changed(str): a custom food was created, edited or deleted; its id.
    """

    food_activated = Signal(str)
    foods_changed = Signal(str)

    def __init__(self, foods: FoodStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._foods = foods
        self._filter = ALL

        self._search = QLineEdit()
        self._search.setPlaceholderText("Search foods, e.g. yogurt, kale, sardines")
        self._search.setClearButtonEnabled(True)
        self._search.setAccessibleName("Search foods")
        self._search.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self._search.textChanged.connect(self._timer.start)
        self._search.returnPressed.connect(self._activate_current)

        self._filter_group = QButtonGroup(self)
        filters = QHBoxLayout()
        filters.setSpacing(0)
        for text, key, tip in (("All", ALL, "Foods, supplements and your own foods"),
                               ("Supplements", SUPPLEMENTS, "Only supplements"),
                               ("My foods", MINE, "Only the foods and supplements you added")):
            button = QPushButton(text)
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setProperty("filter", key)
            button.setToolTip(tip)
            button.setChecked(key == ALL)
            self._filter_group.addButton(button)
            filters.addWidget(button)
        self._filter_group.buttonToggled.connect(self._on_filter)
        filters.addStretch(1)
        self._new = QPushButton("New custom food…")
        self._new.setAutoDefault(False)
        self._new.clicked.connect(self.new_custom_food)
        filters.addWidget(self._new)

        self._model = FoodHitModel(self)
        self._list = _HitList()
        self._list.setModel(self._model)
        self._list.setItemDelegate(FoodHitDelegate(self._list))
        self._list.setUniformItemSizes(True)
        self._list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._list.setDragEnabled(True)
        self._list.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self._list.setDefaultDropAction(Qt.DropAction.CopyAction)
        self._list.setAccessibleName("Search results")
        self._list.entered.connect(self._activate)
        self._list.doubleClicked.connect(self._activate)
        self._list.selectionModel().currentChanged.connect(self._on_current)
        self._status = QLabel()
        self._status.setAccessibleName("Search status")

        self._details = FoodDetails()
        self._details.edit_requested.connect(self.edit_custom_food)
        self._details.delete_requested.connect(self.delete_custom_food)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self._search)
        top_layout.addLayout(filters)
        top_layout.addWidget(self._list, 1)
        top_layout.addWidget(self._status)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self._details)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.search_now()

    def closeEvent(self, event: QCloseEvent) -> None:
        # A pending search would run against a food store that may be closed next.
        self._timer.stop()
        super().closeEvent(event)

    # --- public API -------------------------------------------------------------------------
    def focus_search(self) -> None:
        """Put the cursor in the search field with its text selected, ready to type."""
        self._search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search.selectAll()

    def search_field(self) -> QLineEdit:
        return self._search

    def results(self) -> QListView:
        return self._list

    def model(self) -> FoodHitModel:
        return self._model

    def details(self) -> FoodDetails:
        return self._details

    def set_filter(self, key: str) -> None:
        """Show ``"all"`` foods, only ``"supplements"``, or only the user's own (``"mine"``)."""
        for button in self._filter_group.buttons():
            if button.property("filter") == key:
                button.setChecked(True)
                return
        raise ValueError(f"unknown filter {key!r}")

    def current_food_id(self) -> str | None:
        index = self._list.currentIndex()
        return index.data(FoodIdRole) if index.isValid() else None

    def select_food(self, food_id: str) -> bool:
        """Make ``food_id`` the current hit if it is listed."""
        row = self._model.row_of(food_id)
        if row is None:
            return False
        self._list.setCurrentIndex(self._model.index(row))
        return True

    def search_now(self) -> None:
        """Run the search for the current text and filter at once (the typing pause is skipped)."""
        self._timer.stop()
        text = self._search.text()
        hits = self._find(text)
        previous = self.current_food_id()
        foods = self._foods.get_many([h.food_id for h in hits]) if hits else {}
        rows = []
        for hit in hits:
            food = foods.get(hit.food_id)
            if food is None:
                continue
            rows.append(HitRow(hit.food_id, hit.name, hit.kind, hit.group,
                               serving_summary(food, self._foods.usual_serving(food))))
        self._model.set_rows(rows)
        if rows and not (previous and self.select_food(previous)):
            self._list.selectionModel().setCurrentIndex(
                self._model.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        elif not rows:
            self._details.set_food(None)
        self._status.setText(self._status_text(text, len(rows)))

    # --- searching --------------------------------------------------------------------------
    def _find(self, text: str) -> list:
        if self._filter == SUPPLEMENTS and not text.strip():
            return [_SupplementHit(f) for f in self._foods.supplements()][:RESULT_LIMIT]
        if not text.strip():
            return []
        if self._filter == ALL:
            return self._foods.search(text, limit=RESULT_LIMIT)
        hits = self._foods.search(text, limit=_WIDE_LIMIT)
        if self._filter == SUPPLEMENTS:
            hits = [h for h in hits if h.kind is FoodKind.SUPPLEMENT]
        else:
            hits = [h for h in hits if _is_users(h.food_id)]
        return hits[:RESULT_LIMIT]

    def _status_text(self, text: str, count: int) -> str:
        if count:
            return f"{count} food{'s' if count != 1 else ''} found" + (
                " (the first 50; type more to narrow down)" if count >= RESULT_LIMIT else "")
        if not text.strip():
            return {MINE: "Type to search your own foods.",
                    SUPPLEMENTS: "No supplements yet."}.get(self._filter, "Type to search the foods.")
        return "No food matches. Try fewer or other words, or add a custom food."

    def _on_filter(self, button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._filter = button.property("filter")
            self._new.setText("New supplement…" if self._filter == SUPPLEMENTS else "New custom food…")
            self.search_now()

    # --- activation and details -------------------------------------------------------------
    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.food_activated.emit(index.data(FoodIdRole))

    def _activate_current(self) -> None:
        if self._timer.isActive():
            self.search_now()  # Enter right after typing: search first, then take the top hit
        index = self._list.currentIndex()
        if not index.isValid() and self._model.rowCount():
            index = self._model.index(0)
        self._activate(index)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        food = self._foods.get(current.data(FoodIdRole)) if current.isValid() else None
        self._details.set_food(food, self._foods.usual_serving(food) if food is not None else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up/Down in the search field move through the results, so the keyboard never leaves it.
        if watched is self._search and event.type() == QEvent.Type.KeyPress:
            key = cast(QKeyEvent, event).key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                if self._timer.isActive():
                    self.search_now()
                rows = self._model.rowCount()
                if rows:
                    step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10,
                            Qt.Key.Key_PageUp: -10}[Qt.Key(key)]
                    row = max(0, min(rows - 1, self._list.currentIndex().row() + step))
                    self._list.setCurrentIndex(self._model.index(row))
                return True
        return super().eventFilter(watched, event)

    # --- custom foods -----------------------------------------------------------------------
    def new_custom_food(self) -> Food | None:
        """Open the custom-food dialog; on save, show the new food in the results."""
        kind = FoodKind.SUPPLEMENT if self._filter == SUPPLEMENTS else FoodKind.CUSTOM
        dialog = CustomFoodDialog(self._foods, None, self, kind=kind)
        if dialog.exec() != CustomFoodDialog.DialogCode.Accepted or dialog.food is None:
            return None
        self._show_saved(dialog.food)
        return dialog.food

    def edit_custom_food(self, food_id: str) -> Food | None:
        food = self._foods.get(food_id)
        if food is None or not _is_users(food_id):
            return None
        dialog = CustomFoodDialog(self._foods, food, self)
        if dialog.exec() != CustomFoodDialog.DialogCode.Accepted or dialog.food is None:
            return None
        self._show_saved(dialog.food)
        return dialog.food

    def delete_custom_food(self, food_id: str) -> bool:
        food = self._foods.get(food_id)
        if food is None or not _is_users(food_id):
            return False
        answer = QMessageBox.question(
            self, "Delete food",
            f"Delete “{food.name}”? Meals that use it will show it as unknown.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            self._foods.delete_custom(food_id)
        except BonewiseError as error:
            QMessageBox.warning(self, "Delete food", str(error))
            return False
        self.search_now()
        self.foods_changed.emit(food_id)
        return True

    def _show_saved(self, food: Food) -> None:
        self.search_now()
        if not self.select_food(food.id):
            self._search.setText(food.name)
            self.search_now()
            self.select_food(food.id)
        self.foods_changed.emit(food.id)


class _SupplementHit:
    """A supplement listed without a search (the Supplements filter with an empty field)."""

    __slots__ = ("food_id", "name", "kind", "group")

    def __init__(self, food: Food):
        self.food_id, self.name, self.kind, self.group = food.id, food.name, food.kind, food.group
