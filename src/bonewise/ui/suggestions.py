"""Suggestions panel and Auto-plan dialog: close the gaps of a day or a meal, or fill a day or week.

Everything here works through the window's PlanDocument: adding a suggestion is
the shell's own "add food" command, and an auto-plan is the document's
``apply_auto_plan`` (``core.edits.apply_auto_plan``); each is one undo step.
:class:`SuggestionActions` is the whole hook into the main window: it adds the
dock, its actions to the Edit menu, and follows the grid's current meal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bonewise.core.autoplan import AutoPlanOptions, AutoPlanResult, auto_plan
from bonewise.core.plan import Person
from bonewise.core.pool import HISTORY_WEEKS, Pool, default_pool
from bonewise.core.shopping import pantry_from_settings
from bonewise.core.suggest import Suggestion, suggest
from bonewise.core.targets import targets_for
from bonewise.errors import BonewiseError

if TYPE_CHECKING:
    from bonewise.ui.document import PlanDocument
    from bonewise.ui.mainwindow import MainWindow

_SUGGESTIONS = 8


def _day_text(date: dt.date) -> str:
    return f"{date:%A} {date.day} {date:%B}"


def _slot_name(person: Person, slot_id: str | None) -> str:
    return next((s.name for s in person.slots if s.id == slot_id), slot_id or "")


def pool_for_document(document: PlanDocument) -> Pool:
    """The shown person's pool: staples, their recent weeks' foods, pantry and supplements."""
    person, week = document.shown_person(), document.shown_week().week
    history = [document.repo.week(person.saved_id, week.shifted(-k)) for k in range(1, HISTORY_WEEKS + 1)]
    pantry = pantry_from_settings(document.repo.settings()).of(person.saved_id)
    supplements = document.foods.supplements()
    return default_pool(person, document.foods, history=history, pantry=pantry, supplements=supplements)


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


# ----------------------------------------------------------------------------- auto-plan


class AutoPlanDialog(QDialog):
    """Choose a day or the week and the options, see the proposed plan, then add it in one step."""

    def __init__(self, document: PlanDocument, date: dt.date | None, week: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.date = date or document.shown_week().week.monday()
        self.plan: AutoPlanResult | None = None
        self.setWindowTitle("Auto-plan")
        self.setObjectName("AutoPlanDialog")
        intro = QLabel(
            "Fill the empty meals from your recent foods and a list of staples so that calcium, "
            "vitamin D, magnesium and protein reach their targets, without crossing any upper limit "
            "or 600 mg of calcium in one meal. What you planned stays."
        )
        intro.setWordWrap(True)
        self.day_choice = QRadioButton(f"&Day: {_day_text(self.date)}")
        self.week_choice = QRadioButton("The whole &week")
        (self.week_choice if week else self.day_choice).setChecked(True)
        self.pantry_first = QCheckBox("Prefer foods on my &pantry list")
        self.supplements = QCheckBox("Allow calcium, vitamin D and magnesium &supplements")
        self.supplements.setChecked(True)
        self.max_per_week = QSpinBox()
        self.max_per_week.setRange(1, 14)
        self.max_per_week.setValue(AutoPlanOptions().max_per_week)
        self.max_per_week.setAccessibleName("Times one food may appear in a week")
        form = QFormLayout()
        form.addRow(self.day_choice)
        form.addRow(self.week_choice)
        form.addRow(self.pantry_first)
        form.addRow(self.supplements)
        form.addRow("Each food at most, times a &week:", self.max_per_week)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("Proposed plan")
        self.preview.setPlaceholderText("Press Plan to see what would be added.")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.plan_button = self.buttons.addButton("&Plan", QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button = self.buttons.addButton("&Add to Plan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setEnabled(False)
        self.plan_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)
        self.plan_button.clicked.connect(self.compute)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        for widget in (self.day_choice, self.week_choice, self.pantry_first, self.supplements):
            widget.toggled.connect(lambda _on: self._forget())
        self.max_per_week.valueChanged.connect(lambda _v: self._forget())
        self.resize(620, 560)

    def options(self) -> AutoPlanOptions:
        return AutoPlanOptions(pantry_first=self.pantry_first.isChecked(),
                               allow_supplements=self.supplements.isChecked(),
                               max_per_week=self.max_per_week.value())  # fmt: skip

    def dates(self) -> tuple[dt.date, ...]:
        return self.document.shown_week().week.dates() if self.week_choice.isChecked() else (self.date,)

    def _forget(self) -> None:
        self.plan = None
        self.apply_button.setEnabled(False)
        self.plan_button.setDefault(True)

    def compute(self) -> AutoPlanResult | None:
        """Run the planner on the shown week and show what it would add."""
        doc = self.document
        try:
            person = doc.shown_person()
            self.plan = auto_plan(person, doc.shown_week(), self.dates(), pool_for_document(doc), doc.foods,
                                  targets_for(person), doc.recipes, self.options())  # fmt: skip
        except BonewiseError as exc:
            self.plan = None
            self.preview.setPlainText(str(exc))
            self.apply_button.setEnabled(False)
            return None
        self.preview.setPlainText(describe(person, self.plan))
        self.apply_button.setEnabled(bool(self.plan.added))
        self.apply_button.setDefault(bool(self.plan.added))
        return self.plan

    def apply(self) -> None:
        if self.plan is not None and self.document.apply_auto_plan(self.plan.added, len(self.plan.dates)):
            self.accept()


def describe(person: Person, result: AutoPlanResult) -> str:
    """The proposed plan as text: items by day and meal, then what could not be met."""
    lines: list[str] = []
    order = {s.id: i for i, s in enumerate(person.slots)}
    for date in sorted({a.date for a in result.added}):
        lines.append(_day_text(date))
        for a in sorted((a for a in result.added if a.date == date), key=lambda a: order.get(a.slot_id, 99)):
            lines.append(f"  {_slot_name(person, a.slot_id)}: {a.label}")
        lines.append("")
    if not result.added:
        lines.append("Nothing needs adding." if not result.shortfalls else "Nothing could be added.")
    lines += list(result.notes)
    if result.shortfalls:
        lines.append("Not everything can be met:")
        lines += [f"• {s.message}" for s in result.shortfalls]
    return "\n".join(lines).strip()


# ----------------------------------------------------------------------------- window hook


class SuggestionActions(QObject):
    """Adds the Suggestions dock and the Auto-plan actions to a main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.panel = SuggestionPanel(self.document)
        self.dock = QDockWidget("Suggestions", window)
        self.dock.setObjectName("SuggestionsDock")
        self.dock.setWidget(self.panel)
        # Beside the food list: both are places to pick something to add.
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
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
        dialog = AutoPlanDialog(self.document, self.window.grid.current_date(), week, self.window)
        dialog.open()
        return dialog
