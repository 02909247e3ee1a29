"""The Auto-plan dialog: choose the meals to fill, see the plan, its totals and its checks, add it.

Adding is the document's ``apply_auto_plan`` (``core.edits.apply_auto_plan``): one
undo step for the whole day or week.

It plans as soon as it opens, so Enter (the default button, Add to Plan) adds
what the preview shows, as one undo step. Changing a choice marks the preview
out of date: Enter then plans again first, and adds only after the new preview
has been seen. Only empty meals can be filled; days that have passed and days
whose main meals are planned are left alone unless their box is ticked, and any
meal can be unticked to lock it.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from bonewise.core.autoplan import AutoPlanOptions, AutoPlanResult, auto_plan
from bonewise.core.checks import vitamin_k_band
from bonewise.core.diet import profile_text
from bonewise.core.mealsense import energy_band, rubric
from bonewise.core.measures import amount_of
from bonewise.core.nutrients import label_of
from bonewise.core.plan import Person, WeekPlan
from bonewise.core.pool import HISTORY_WEEKS, Pool, default_pool
from bonewise.core.shopping import pantry_from_settings
from bonewise.core.summary import summarize_day, summarize_week
from bonewise.core.targets import targets_for
from bonewise.errors import BonewiseError

if TYPE_CHECKING:
    from bonewise.ui.document import PlanDocument


def pool_for_document(document: PlanDocument) -> Pool:
    """The shown person's pool: staples, their recent weeks' foods, pantry and supplements."""
    person, week = document.shown_person(), document.shown_week().week
    history = [document.repo.week(person.saved_id, week.shifted(-k)) for k in range(1, HISTORY_WEEKS + 1)]
    pantry = pantry_from_settings(document.repo.settings()).of(person.saved_id)
    supplements = document.foods.supplements()
    return default_pool(person, document.foods, history=history, pantry=pantry, supplements=supplements)


# What a meal cell of the chooser says when it cannot be filled.
PLANNED, PASSED, DAY_PLANNED = "planned", "day passed", "day planned"


def _day_text(date: dt.date) -> str:
    return f"{date:%A} {date.day} {date:%B}"


class MealChooser(QTableWidget):
    """The meals of the chosen days: ticked empty meals get food, an unticked one is locked."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("MealChooser")
        self.setAccessibleName("Meals to fill: untick a meal to leave it as it is")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._dates: tuple[dt.date, ...] = ()
        self._slots: tuple[str, ...] = ()

    def show_meals(self, person: Person, week: WeekPlan, dates: Sequence[dt.date], today: dt.date,
                   include_past: bool, fill_planned_days: bool) -> None:  # fmt: skip
        """One column per date, one row per meal; a meal's tick survives a redraw."""
        kept = {(d, s): item.checkState() for r, s in enumerate(self._slots) for c, d in enumerate(self._dates)
                if (item := self.item(r, c)) is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable}  # fmt: skip
        self._dates, self._slots = tuple(dates), tuple(s.id for s in person.slots)
        self.clear()
        self.setRowCount(len(self._slots))
        self.setColumnCount(len(self._dates))
        self.setHorizontalHeaderLabels([f"{d:%a} {d.day}" for d in self._dates])
        self.setVerticalHeaderLabels([s.name for s in person.slots])
        main = [s.id for s in person.slots if s.main_meal]
        for c, date in enumerate(self._dates):
            day = week.day(date)
            day_planned = bool(main) and all(day.entries(i) for i in main)
            for r, slot_id in enumerate(self._slots):
                item = QTableWidgetItem()
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                why = (PLANNED if day.entries(slot_id) else PASSED if date < today and not include_past
                       else DAY_PLANNED if day_planned and not fill_planned_days else "")  # fmt: skip
                if why:
                    item.setText(why)
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    item.setForeground(self.palette().placeholderText())
                else:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                                  | Qt.ItemFlag.ItemIsSelectable)  # fmt: skip
                    item.setCheckState(kept.get((date, slot_id), Qt.CheckState.Checked))
                    item.setText("fill" if item.checkState() == Qt.CheckState.Checked else "locked")
                item.setToolTip(f"{person.slots[r].name}, {_day_text(date)}: {item.text()}")
                self.setItem(r, c, item)

        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as its rows, so the preview below gets the rest."""
        self.resizeRowsToContents()
        rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
        frame = 2 * self.frameWidth()
        self.setFixedHeight(self.horizontalHeader().height() + rows + frame + 2)

    def locked(self) -> frozenset[tuple[dt.date, str]]:
        """The empty meals the user unticked."""
        return frozenset(
            (d, s) for r, s in enumerate(self._slots) for c, d in enumerate(self._dates)
            if (item := self.item(r, c)) is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable
            and item.checkState() != Qt.CheckState.Checked
        )  # fmt: skip


class AutoPlanDialog(QDialog):
    """Choose the day or week and its meals, see the proposed plan with its totals and checks, add it."""

    def __init__(self, document: PlanDocument, date: dt.date | None, week: bool = False,
                 parent: QWidget | None = None, today: dt.date | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.document = document
        self.date = date or document.shown_week().week.monday()
        self.today = today or document.today()  # the window's clock: past days are left
        self.plan: AutoPlanResult | None = None
        self._planned_once = False
        self.setWindowTitle("Auto-plan")
        self.setObjectName("AutoPlanDialog")
        intro = QLabel(
            "Bonewise fills the empty meals you tick with meals built like meals: fruit and "
            "vegetables every day, energy for your body weight, the bone targets within every limit, "
            "your diet and allergies kept. What you planned stays."
        )
        intro.setWordWrap(True)
        self.day_choice = QRadioButton(f"&Day: {_day_text(self.date)}")
        self.week_choice = QRadioButton("The whole &week")
        (self.week_choice if week else self.day_choice).setChecked(True)
        self.meals = MealChooser(self)
        self.profile = QLabel(self)
        self.profile.setWordWrap(True)
        self.include_past = QCheckBox("Include days that have &passed")
        self.fill_planned = QCheckBox("Also fill the &snacks of days whose main meals are planned")
        self.supplements = QCheckBox("Allow calcium, vitamin D and magnesium s&upplements")
        self.supplements.setChecked(True)
        self.pantry_first = QCheckBox("Prefer foods on my pantr&y list")
        self.max_per_week = QSpinBox()
        self.max_per_week.setRange(1, 14)
        self.max_per_week.setValue(AutoPlanOptions().max_per_week)
        self.max_per_week.setAccessibleName("Times one food may appear in a week")
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName("Proposed plan, its totals and its checks")
        self.preview.setOpenLinks(False)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.plan_button = self.buttons.addButton("Plan &Again", QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button = self.buttons.addButton("&Add to Plan", QDialogButtonBox.ButtonRole.AcceptRole)
        for button in self.buttons.findChildren(QPushButton):  # a focused button must not take Enter over
            button.setAutoDefault(button is self.apply_button)
        self.apply_button.setDefault(True)  # Enter adds the plan the preview shows

        scope = QHBoxLayout()
        scope.addWidget(self.day_choice)
        scope.addWidget(self.week_choice)
        scope.addStretch(1)
        options = QGridLayout()
        options.addWidget(self.include_past, 0, 0)
        options.addWidget(self.supplements, 0, 1)
        options.addWidget(self.fill_planned, 1, 0)
        options.addWidget(self.pantry_first, 1, 1)
        per_week = QHBoxLayout()
        label = QLabel("Each food at most, times a &week:")
        label.setBuddy(self.max_per_week)
        per_week.addWidget(label)
        per_week.addWidget(self.max_per_week)
        per_week.addStretch(1)
        options.addLayout(per_week, 2, 0, 1, 2)
        meals_label = QLabel("&Meals to fill (untick one to leave it as it is):")
        meals_label.setBuddy(self.meals)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.profile)
        layout.addLayout(scope)
        layout.addWidget(meals_label)
        layout.addWidget(self.meals)
        layout.addLayout(options)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.plan_button.clicked.connect(self.compute)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        for box in (self.day_choice, self.week_choice, self.include_past, self.fill_planned):
            box.toggled.connect(lambda _on: self._redraw_meals())
        for box in (self.supplements, self.pantry_first):
            box.toggled.connect(lambda _on: self._forget())
        self.max_per_week.valueChanged.connect(lambda _v: self._forget())
        self.meals.itemChanged.connect(self._meal_ticked)
        self._redraw_meals()
        self.resize(920, 720)

    # -- choices ---------------------------------------------------------------------------------

    def dates(self) -> tuple[dt.date, ...]:
        return self.document.shown_week().week.dates() if self.week_choice.isChecked() else (self.date,)

    def options(self) -> AutoPlanOptions:
        return AutoPlanOptions(
            pantry_first=self.pantry_first.isChecked(), allow_supplements=self.supplements.isChecked(),
            max_per_week=self.max_per_week.value(), include_past=self.include_past.isChecked(),
            fill_planned_days=self.fill_planned.isChecked(), locked=self.meals.locked(), today=self.today,
        )  # fmt: skip

    def _redraw_meals(self) -> None:
        doc = self.document
        person = doc.shown_person()
        band = energy_band(person, targets_for(person, self.date))
        profile = profile_text(person) or "no particular diet, no allergies set"
        warfarin = f"; on warfarin, vitamin K {vitamin_k_band(person).text}" if person.on_warfarin else ""
        self.profile.setText(f"For {person.name}: {profile}; energy {band.text}{warfarin}. "
                             "Change these in People ▸ Edit People.")  # fmt: skip
        self.meals.blockSignals(True)
        self.meals.show_meals(person, doc.shown_week(), self.dates(), self.today, self.include_past.isChecked(),
                              self.fill_planned.isChecked())  # fmt: skip
        self.meals.blockSignals(False)
        self._forget()

    def _meal_ticked(self, item: QTableWidgetItem) -> None:
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            self.meals.blockSignals(True)
            item.setText("fill" if item.checkState() == Qt.CheckState.Checked else "locked")
            self.meals.blockSignals(False)
            self._forget()

    def _forget(self) -> None:
        """A choice changed: the preview no longer shows what would be added."""
        if self.plan is not None:
            self.status.setText("The choices changed: press Enter or Plan Again to see the new plan.")
        self.plan = None

    # -- planning ----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._planned_once:
            QTimer.singleShot(0, self, self._first_plan)  # after the dialog is painted

    def _first_plan(self) -> None:
        if not self._planned_once:
            self.compute()

    def compute(self) -> AutoPlanResult | None:
        """Run the planner on the shown week and show what it would add, its totals and its checks."""
        doc = self.document
        self._planned_once = True
        self.status.setText("Planning…")
        self.status.repaint()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            person = doc.shown_person()
            self.plan = auto_plan(person, doc.shown_week(), self.dates(), pool_for_document(doc), doc.foods,
                                  targets_for(person, self.date), doc.recipes, self.options(),
                                  progress=self._progress)  # fmt: skip
        except BonewiseError as exc:
            self.plan = None
            self.preview.setHtml(f"<p>{html.escape(str(exc))}</p>")
            self.status.setText("")
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.preview.setHtml(preview_html(self.document, self.plan, self.dates()))
        seconds = f"{self.plan.seconds:.1f} s"
        self.status.setText(
            f"Planned in {seconds}. Enter adds it as one step (Edit ▸ Undo takes it back)."
            if self.plan.added else f"Nothing to add ({seconds})."
        )
        return self.plan

    def _progress(self, done: int, days: int) -> None:
        """A day is chosen: say how far planning is, and let the window repaint meanwhile
        (clicks and keys wait until the plan is ready, so nothing changes under it)."""
        if days > 1:
            self.status.setText(f"Planning… {done} of {days} days chosen.")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def apply(self) -> None:
        """Add the plan the preview shows; if the choices changed since, plan again first."""
        if self.plan is None:
            self.compute()
            return
        if self.document.apply_auto_plan(self.plan.added, len(self.plan.dates)):
            self.accept()
        elif not self.plan.added:
            self.reject()


# ----------------------------------------------------------------------------- the preview


def _e(text: object) -> str:
    return html.escape(str(text))


def preview_html(document: PlanDocument, result: AutoPlanResult, dates: Sequence[dt.date]) -> str:
    """The proposed plan, the totals of its days, the rubric, and what was relaxed, as HTML."""
    person, foods = document.shown_person(), document.foods
    names = {s.id: s.name for s in person.slots}
    order = {s.id: i for i, s in enumerate(person.slots)}
    parts = []
    count, days = len(result.added), len(result.dates)
    if result.added:
        parts.append(f"<h3>Adds {count} item{'s' if count != 1 else ''} to {days} day{'s' if days != 1 else ''}</h3>")
    else:
        parts.append("<h3>Nothing to add</h3>")
    for date in sorted(result.dates):
        parts.append(f"<p><b>{_e(_day_text(date))}</b><br>")
        meals: dict[str, list[str]] = {}
        for a in result.added:
            if a.date == date:
                meals.setdefault(a.slot_id, []).append(f"{amount_of(a.entry, a.candidate.food).with_grams} "
                                                       f"{a.candidate.food.name}")  # fmt: skip
        parts.append("<br>".join(f"{_e(names.get(s, s))}: {_e('; '.join(items))}"
                                 for s, items in sorted(meals.items(), key=lambda kv: order.get(kv[0], 99))))  # fmt: skip
        parts.append("</p>")
    if result.shortfalls:
        parts.append("<h3>Rules relaxed</h3><ul>")
        parts += [f"<li>{_e(s.message)}</li>" for s in result.shortfalls]
        parts.append("</ul>")
    if result.notes:
        parts.append("<h3>Notes</h3><ul>" + "".join(f"<li>{_e(n)}</li>" for n in result.notes) + "</ul>")
    scope = sorted(d for d in dates if any(result.week.day(d).meals.values()))
    if scope:
        parts.append(_totals_html(document, result.week, scope))
        report = rubric(person, result.week, foods, document.recipes, targets_for(person, scope[0]), scope)
        parts.append("<h3>What a dietitian checks</h3><p>")
        parts.append("<br>".join(_e(line.text) for line in report.lines()))
        parts.append("</p>")
    return "".join(parts)


def _totals_html(document: PlanDocument, week: WeekPlan, dates: Sequence[dt.date]) -> str:
    person = document.shown_person()
    if len(dates) == 1:
        summary = summarize_day(person, week, dates[0], document.foods, document.recipes)
    else:
        summary = summarize_week(person, week, document.foods, document.recipes)
    rows = "".join(
        f"<tr><td>{_e(label_of(reading.key).partition(' (')[0])}&nbsp;&nbsp;</td>"
        f"<td>{_e(reading.status.symbol)} {_e(reading.label)}</td></tr>"
        for reading in summary.average.values()
    )
    return f"<h3>Totals with the plan: {_e(summary.average_text.lower())}</h3><table>{rows}</table>"

