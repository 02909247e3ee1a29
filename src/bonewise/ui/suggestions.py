"""Suggestions panel and the window hook for it and for Auto-plan (ui/autoplan.py).

Everything here works through the window's PlanDocument: adding a suggestion is
the shell's own "add food" command, one undo step. :class:`SuggestionActions` is
the whole hook into the main window: it adds the dock, the Suggest and Auto-plan
actions to the Edit menu, and follows the grid's current meal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bonewise.core.plan import Person
from bonewise.core.targets import targets_for
from bonewise.errors import BonewiseError

from bonewise.ui.docktitle import side_panel

# The suggester and the auto-planner load when first used, not at start-up (the
# panel starts hidden): together they cost about a tenth of the start.
if TYPE_CHECKING:
    from bonewise.core.pool import Pool
    from bonewise.core.suggest import Suggestion

    from bonewise.ui.autoplan import AutoPlanDialog
    from bonewise.ui.document import PlanDocument
    from bonewise.ui.mainwindow import MainWindow

_SUGGESTIONS = 8


def _day_text(date: dt.date) -> str:
    return f"{date:%A} {date.day} {date:%B}"


def _slot_name(person: Person, slot_id: str | None) -> str:
    return next((s.name for s in person.slots if s.id == slot_id), slot_id or "")


# ----------------------------------------------------------------------------- suggestions


class SuggestionPanel(QWidget):
    """Foods that would close what the selected day (or meal) still lacks; Enter adds one."""

    added = Signal(str)  # a sentence for the status bar

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._date: dt.date | None = None
        self._slot_id: str | None = None
        self._pool: tuple[tuple, Pool] | None = None
        self._stale = True
        self.setObjectName("SuggestionPanel")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.whole_day = QCheckBox("&Whole day (any meal)")
        self.whole_day.setToolTip("Suggest for the day, each food in a meal it suits, "
                                  "rather than for the selected meal only")  # fmt: skip
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Suggested foods")
        self.list.setAlternatingRowColors(True)
        self.add_button = QPushButton("&Add to Meal")
        self.add_button.setToolTip("Add the selected suggestion (Enter)")
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.whole_day)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        layout.addLayout(buttons)
        self.whole_day.toggled.connect(lambda _on: self.refresh())
        self.list.itemActivated.connect(lambda _item: self.add_selected())
        self.list.currentRowChanged.connect(lambda _row: self._update_button())
        self.add_button.clicked.connect(self.add_selected)
        document.plan_changed.connect(lambda _change: self._invalidate())
        document.shown_changed.connect(self._on_shown)
        self.refresh()

    # -- what to suggest for --------------------------------------------------------------------

    def set_target(self, date: dt.date | None, slot_id: str | None) -> None:
        """The day and meal selected in the week (suggestions follow it)."""
        if (date, slot_id) != (self._date, self._slot_id):
            self._date, self._slot_id = date, slot_id
            self._invalidate()

    def _on_shown(self) -> None:
        self._pool = None
        self._invalidate()

    def _invalidate(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _current_pool(self) -> Pool:
        from bonewise.ui.autoplan import pool_for_document

        doc = self.document
        key = (doc.shown_person(), doc.iso_week)
        if self._pool is None or self._pool[0] != key:
            self._pool = (key, pool_for_document(doc))
        return self._pool[1]

    # -- showing --------------------------------------------------------------------------------

    def suggestions(self) -> list[Suggestion]:
        """The suggestions currently listed, best first."""
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def refresh(self) -> None:
        self._stale = False
        self.list.clear()
        doc = self.document
        if doc.person is None or doc.week is None or self._date is None or self._date not in doc.week.week.dates():
            self.heading.setText("Select a meal in the week to see foods that would close its gaps.")
            self._show_empty("")
            return
        person = doc.person
        slot_id = None if self.whole_day.isChecked() else self._slot_id
        day = _day_text(self._date)
        where = day if slot_id is None else f"{_slot_name(person, slot_id)}, {day}"
        self.heading.setText(f"<b>Suggestions for {where}</b>")
        from bonewise.core.suggest import suggest

        try:
            found = suggest(person, doc.week.day(self._date), self._current_pool(), doc.foods,
                            targets_for(person), doc.recipes, slot_id=slot_id, limit=_SUGGESTIONS)  # fmt: skip
        except BonewiseError as exc:
            self._show_empty(str(exc))
            return
        for s in found:
            meal = "" if slot_id is not None else f"{_slot_name(person, s.slot_id)}: "
            item = QListWidgetItem(meal + s.text)
            item.setData(Qt.ItemDataRole.UserRole, s)
            item.setToolTip(meal + s.text)
            self.list.addItem(item)
        if found:
            self.list.setCurrentRow(0)
            self._show_empty("")
        else:
            self._show_empty("Nothing to suggest: this day already reaches its targets, or no food in "
                             "your list fits without crossing a limit.")  # fmt: skip
        self._update_button()

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.empty.setVisible(bool(text))
        self._update_button()

    def _update_button(self) -> None:
        self.add_button.setEnabled(self.list.currentItem() is not None)

    # -- adding ---------------------------------------------------------------------------------

    def add_selected(self) -> bool:
        """Add the selected suggestion to its meal: one undo step (the shell's add-food command)."""
        item = self.list.currentItem()
        if item is None or self._date is None:
            return False
        s: Suggestion = item.data(Qt.ItemDataRole.UserRole)
        try:
            ok = self.document.place(self._date, s.slot_id, s.entry())
        except BonewiseError as exc:
            self._show_empty(str(exc))
            return False
        if ok:
            label = s.candidate.portion_label(s.count)
            self.added.emit(f"Added {label} of {s.candidate.food.name} to "
                            f"{_slot_name(self.document.shown_person(), s.slot_id)}.")  # fmt: skip
        return ok


# ----------------------------------------------------------------------------- window hook


class SuggestionActions(QObject):
    """Adds the Suggestions dock and the Auto-plan actions to a main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.panel = SuggestionPanel(self.document)
        # Beside the food list: both are places to pick something to add.
        self.dock = side_panel("Suggestions", "SuggestionsDock", self.panel, window,
                               Qt.DockWidgetArea.LeftDockWidgetArea)
        browser_dock = getattr(window, "browser_dock", None)
        if browser_dock is not None:
            window.tabifyDockWidget(browser_dock, self.dock)
        self.dock.hide()
        self.suggest_action = self._action("&Suggest Foods", "F7", self.show_suggestions,
                                           "Foods that would close what the selected meal or day lacks")  # fmt: skip
        self.day_action = self._action("Auto-plan &Day…", "Ctrl+Shift+F", lambda: self.auto_plan(False),
                                       "Fill the selected day's empty meals")  # fmt: skip
        self.week_action = self._action("Auto-plan Wee&k…", "", lambda: self.auto_plan(True),
                                        "Fill the empty meals of the whole week")  # fmt: skip
        grid = window.grid
        grid.current_item_changed.connect(self._follow_grid)
        self.document.shown_changed.connect(self._follow_grid)
        self.panel.added.connect(lambda text: window.statusBar().showMessage(text, 5000))
        self._follow_grid()

    def _action(self, text: str, shortcut: str, slot: Callable[[], object], tip: str) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def actions(self) -> list[QAction]:
        return [self.suggest_action, self.day_action, self.week_action]

    def _follow_grid(self) -> None:
        grid = self.window.grid
        self.panel.set_target(grid.current_date(), grid.current_slot_id())
        shown = self.document.week is not None
        for action in self.actions():
            action.setEnabled(shown)

    def show_suggestions(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.panel.list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def auto_plan(self, week: bool) -> AutoPlanDialog | None:
        if self.document.week is None:
            return None
        from bonewise.ui.autoplan import AutoPlanDialog

        dialog = AutoPlanDialog(self.document, self.window.grid.current_date(), week, self.window)
        dialog.open()
        return dialog
