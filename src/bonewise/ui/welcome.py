"""The first run: who the plan is for, then an example week to keep or clear.

An empty data folder opens on a two-step welcome instead of a bare window. Step
one asks only what changes the numbers (name, weight, year of birth, T-score,
warfarin), each
with one line on why; the person is saved when the user moves on, so nothing
typed is lost whatever happens next. Step two offers the example week
(``core/example_week.py``) for the current ISO week. It goes in as one undo step
like any other edit, and a bar above the week offers to keep it or clear it with
one click.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QCommandLinkButton,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from bonewise import APP_NAME
from bonewise.core.plan import IsoWeek, Person
from bonewise.core.rules import MAX_PERSON_NAME
from bonewise.core.targets import (
    T_SCORE_CATEGORIES,
    band_text,
    check_weight,
    default_targets,
    t_score_category,
    targets_for,
)
from bonewise.core.weeks import planning_week, relative_week
from bonewise.core.words import number_word
from bonewise.errors import BonewiseError

from bonewise.ui.people import birth_year_note, parse_birth_year, parse_number
from bonewise.ui.theme import WarningLabel
from bonewise.ui.weeknav import week_range

if TYPE_CHECKING:
    from bonewise.ui.document import PlanDocument
    from bonewise.ui.mainwindow import MainWindow

FALLBACK_NAME = "Me"  # who the plan is for when the welcome is closed without a name
# The welcome's steps, as its intro lists them and each step's heading names them.
STEPS = ("who the plan is for", "your first week")


def step_title(index: int) -> str:
    """ "Step 1 of 2: who the plan is for"."""
    return f"Step {index + 1} of {len(STEPS)}: {STEPS[index]}"


def _note(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


class WelcomeDialog(QDialog):
    """Two steps: about the person (saved on Next), then the example week or an empty one.

    After it closes, :meth:`person_id` is the person it saved (None if the user left
    before saving anyone) and :attr:`example_wanted` says whether to fill the week.
    """

    def __init__(self, document: PlanDocument, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._person: Person | None = None
        today = today or document.today()
        self.week = planning_week(today)  # next week from Friday on: the week worth planning
        self._which_week = relative_week(self.week, today)
        self.example_wanted = False
        self.setWindowTitle(f"Welcome to {APP_NAME}")
        self.setObjectName("WelcomeDialog")
        self.setMinimumWidth(600)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._person_page())
        self.pages.addWidget(self._example_page())

        self.problem = WarningLabel(self)  # with ⚠ and words too
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem")
        bold = self.problem.font()
        bold.setBold(True)
        self.problem.setFont(bold)
        self.problem.hide()

        self.back_button = QPushButton("< &Back", self)
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton("&Next >", self)
        self.next_button.clicked.connect(self.go_next)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Close the welcome; you can add people later in People ▸ Edit People")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self._show_page(0)

    # -- step 1: the person ---------------------------------------------------------------

    def _person_page(self) -> QWidget:
        page = QWidget(self)
        heading = QLabel(f"<h2>Welcome to {APP_NAME}</h2>", page)
        heading.setAccessibleName(f"Welcome to {APP_NAME}")
        intro = QLabel(
            f"{APP_NAME} helps you plan a week of meals for strong bones: it adds up calcium, "
            "vitamin D, vitamin K2, magnesium and protein as you plan. "
            f"{number_word(len(STEPS)).capitalize()} short steps: {', then '.join(STEPS)}. "
            "Only the name is needed; you can change every answer later in People ▸ Edit People.",
            page,
        )
        intro.setWordWrap(True)
        step = QLabel(f"<b>{step_title(0)}</b>", page)

        self.name = QLineEdit(page)
        self.name.setMaxLength(MAX_PERSON_NAME)
        self.name.setPlaceholderText("e.g. Zoë")
        self.name.setAccessibleName("Name")
        self.name.setAccessibleDescription("Your name, or the name of the person you cook for")
        name_note = _note(page)
        name_note.setText("Your name, or the name of the person you plan for.")

        self.weight = QLineEdit(page)
        self.weight.setPlaceholderText("e.g. 64")
        self.weight.setAccessibleName("Body weight in kilograms (optional)")
        self.weight.setMaximumWidth(120)
        self.weight_note = _note(page)

        self.birth_year = QLineEdit(page)
        self.birth_year.setPlaceholderText("e.g. 1961")
        self.birth_year.setAccessibleName("Year of birth (optional)")
        self.birth_year.setMaxLength(4)
        self.birth_year.setMaximumWidth(120)
        self.birth_year_note = _note(page)

        self.t_score = QLineEdit(page)
        self.t_score.setPlaceholderText("e.g. −1.8")
        self.t_score.setAccessibleName("Bone density T-score (optional)")
        self.t_score.setMaximumWidth(120)
        self.t_score_note = _note(page)

        self.warfarin = QCheckBox("Takes &warfarin (a blood thinner)", page)
        self.warfarin.setAccessibleDescription(
            "Vitamin K works against warfarin, so Bonewise then checks that vitamin K stays steady"
        )
        warfarin_note = _note(page)
        warfarin_note.setText(
            "Vitamin K works against warfarin, so Bonewise then checks that each day has about the "
            "same amount of vitamin K, and flags natto."
        )

        # Each answer with its explanation right under it, the next question further down.
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(14)
        for label, field, note in (("&Name:", self.name, name_note),
                                   ("Body &weight (kg):", self.weight, self.weight_note),
                                   ("&Year of birth:", self.birth_year, self.birth_year_note),
                                   ("&T-score:", self.t_score, self.t_score_note),
                                   ("", self.warfarin, warfarin_note)):
            column = QVBoxLayout()
            column.setSpacing(3)
            narrow = field.maximumWidth() < 1000  # short numbers: keep the box small, the note wide
            column.addWidget(field, 0, Qt.AlignmentFlag.AlignLeft if narrow else Qt.AlignmentFlag(0))
            column.addWidget(note)
            column.addStretch(1)  # spare height (word-wrap guesses) below the note, not above it
            form.addRow(label, column)
            if label:
                cast(QLabel, form.labelForField(column)).setBuddy(field)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(step)
        layout.addLayout(form)
        layout.addStretch(1)

        self.weight.textChanged.connect(self._explain_weight)
        self.birth_year.textChanged.connect(self._explain_birth_year)
        self.t_score.textChanged.connect(self._explain_t_score)
        for field in (self.name, self.weight, self.birth_year, self.t_score):
            field.textEdited.connect(lambda _text: self.problem.hide())
        self._explain_weight()
        self._explain_birth_year()
        self._explain_t_score()
        return page

    def _explain_weight(self) -> None:
        protein = default_targets()["protein_g"]
        per_kg = band_text(protein.low, protein.high, "g per kg")
        try:
            weight = parse_number(self.weight.text(), "Body weight")
            if weight is None:
                text = (f"Optional. Protein needs grow with body weight ({per_kg} a day), so the "
                        "protein gauge needs a weight to show a target.")
            else:
                target = targets_for(Person(name="-", weight_kg=check_weight(weight)))["protein_g"]
                text = (f"Protein target: {band_text(target.low, target.high, 'g')} a day "
                        f"({per_kg}; {target.source.short}).")
                self.weight_note.setToolTip(target.source.citation)
        except BonewiseError as exc:
            text = f"⚠ {exc}"
        self.weight_note.setText(text)
        self.weight.setAccessibleDescription(text)

    def _explain_birth_year(self) -> None:
        text, citation = birth_year_note(self.birth_year.text(), self.week.monday())
        self.birth_year_note.setText(text)
        self.birth_year_note.setToolTip(citation)
        self.birth_year.setAccessibleDescription(text)

    def _explain_t_score(self) -> None:
        try:
            value = parse_number(self.t_score.text(), "T-score")
            if value is None:
                text = ("Optional. The number from a bone density (DXA) scan report, such as −1.8. "
                        "Bonewise records it and explains it; it does not change the targets.")
            else:
                category, source = t_score_category(value)
                text = f"{category.capitalize()} ({source.short}). {T_SCORE_CATEGORIES[category]}"
                self.t_score_note.setToolTip(source.citation)
        except BonewiseError as exc:
            text = f"⚠ {exc}"
        self.t_score_note.setText(text)
        self.t_score.setAccessibleDescription(text)

    def form_person(self) -> Person:
        """The person the first step describes; BonewiseError names the first problem."""
        name = self.name.text().strip()
        if not name:
            raise BonewiseError("Type a name: whose meals are you planning?")
        weight = parse_number(self.weight.text(), "Body weight")
        if weight is not None:
            weight = check_weight(weight)
        birth_year = parse_birth_year(self.birth_year.text())
        t_score = parse_number(self.t_score.text(), "T-score")
        if t_score is not None:
            t_score_category(t_score)  # refuses implausible values with a sentence
        base = self._person or Person(name=name)
        return dataclasses.replace(base, name=name, weight_kg=weight, birth_year=birth_year,
                                   t_score=t_score, on_warfarin=self.warfarin.isChecked())

    def save_person(self) -> bool:
        """Save step one (a second time updates the same person); False with the problem shown."""
        try:
            person = self.form_person()
            if person != self._person:
                self._person = self._document.save_person(person)
        except BonewiseError as exc:
            self._show_problem(str(exc))
            return False
        self.problem.hide()
        return True

    def _show_problem(self, message: str) -> None:
        self.problem.setText(f"⚠ {message}")
        self.problem.show()
        # Put the cursor where the problem is.
        lowered = message.lower()
        field = (self.weight if "weight" in lowered else
                 self.birth_year if "year of birth" in lowered else
                 self.t_score if "t-score" in lowered else self.name)
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        field.selectAll()

    # -- step 2: the example week ---------------------------------------------------------------

    def _example_page(self) -> QWidget:
        page = QWidget(self)
        heading = QLabel("<h2>Start with an example week?</h2>", page)
        heading.setAccessibleName("Start with an example week?")
        step = QLabel(f"<b>{step_title(1)}</b>", page)
        self.example_text = QLabel(page)
        self.example_text.setWordWrap(True)
        self.warfarin_text = QLabel(page)
        self.warfarin_text.setWordWrap(True)
        self.example_button = QCommandLinkButton(f"Fill {self._which_week} with the example", page)
        self.example_button.setDescription(
            "See the gauges fill and the warnings appear. Keep it as a start and change what you "
            "like, or clear it with one click.")
        self.example_button.clicked.connect(lambda: self.finish(example=True))
        self.empty_button = QCommandLinkButton("Start with an empty week", page)
        self.empty_button.setDescription("Type or drag foods into the meals yourself.")
        self.empty_button.clicked.connect(lambda: self.finish(example=False))
        # A visible frame, and a strong one on the button with the keyboard focus.
        page.setStyleSheet(
            "QCommandLinkButton { border: 1px solid palette(mid); border-radius: 5px; "
            "background: palette(base); padding: 6px; }"
            "QCommandLinkButton:focus { border: 2px solid palette(highlight); }"
            "QCommandLinkButton:hover { background: palette(alternate-base); }")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(step)
        layout.addWidget(self.example_text)
        layout.addWidget(self.warfarin_text)
        layout.addSpacing(6)
        layout.addWidget(self.example_button)
        layout.addWidget(self.empty_button)
        layout.addStretch(1)
        return page

    def _describe_example(self) -> None:
        name = self._person.name if self._person else "you"
        self.example_text.setText(
            f"Bonewise can fill {self._which_week} (week {self.week.week}, {week_range(self.week)}) for "
            f"{name} with a week of ordinary meals: dairy, canned fish eaten with its bones, tofu, "
            "greens, nuts and beans, and a vitamin D supplement at bedtime. It is not perfect on "
            "purpose: a few meals hold more calcium than the body takes up well at once, so you "
            "can see how Bonewise points that out. It is an example, not advice on what to eat."
        )
        on_warfarin = self._person is not None and self._person.on_warfarin
        self.warfarin_text.setVisible(on_warfarin)
        self.warfarin_text.setText(
            "<b>On warfarin:</b> this example was not planned for it. Its vitamin K (leafy greens) "
            "changes from day to day, and the warnings will show on which days."
        )

    # -- moving between the steps ------------------------------------------------------------------

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        first = index == 0
        self.back_button.setVisible(not first)
        self.next_button.setVisible(first)
        self.cancel_button.setText("Cancel" if first else "Close")
        self.next_button.setDefault(first)
        self.next_button.setAutoDefault(first)
        for button in (self.example_button, self.empty_button):
            button.setAutoDefault(not first)
        self.example_button.setDefault(not first)
        if first:
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._describe_example()
            self.example_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def go_next(self) -> bool:
        if not self.save_person():
            return False
        self._show_page(1)
        return True

    def go_back(self) -> None:
        self.problem.hide()
        self._show_page(0)

    def finish(self, *, example: bool) -> None:
        self.example_wanted = example
        super().accept()

    def accept(self) -> None:
        """Finish with what is chosen so far: on step one that is the person, with no example."""
        if self.pages.currentIndex() == 0 and not self.save_person():
            return
        super().accept()

    def person_id(self) -> int | None:
        """The person this welcome saved, or None."""
        return None if self._person is None else self._person.id

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        (self.name if self.pages.currentIndex() == 0 else self.example_button).setFocus()


# -- the example week in the window ------------------------------------------------------------------


class ExampleWeekBar(QToolBar):
    """"This is an example week": Keep it, or Clear it in one click (itself one undo step).

    The bar leaves once the user decides, or once none of the example's items are
    left (for instance after Undo).
    """

    def __init__(self, window: MainWindow, person_id: int, week: IsoWeek, entry_ids: frozenset[str]) -> None:
        super().__init__("Example week", window)
        self.setObjectName("ExampleWeekBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)  # not a toolbar to switch on and off
        self._window = window
        self._document = window.document
        self.person_id, self.week, self.entry_ids = person_id, week, entry_ids
        strip = QWidget(self)
        strip.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        icon = QLabel(strip)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
                       .pixmap(size, size))
        self.text = QLabel(
            f"<b>Week {week.week} holds the example week.</b> It is an ordinary plan: change "
            "anything you like, keep it as your start, or clear it.", strip)
        self.text.setAccessibleName("About the example week")
        self.keep_button = QPushButton("&Keep Example", strip)
        self.keep_button.setToolTip("Keep the example meals as your plan and hide this bar")
        self.keep_button.clicked.connect(self.keep)
        self.clear_button = QPushButton("C&lear Example Week", strip)
        self.clear_button.setToolTip("Remove the example's items from the week (Undo brings them back)")
        self.clear_button.clicked.connect(self.clear_example)
        row = QHBoxLayout(strip)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(icon)
        row.addWidget(self.text)
        row.addSpacing(12)
        row.addWidget(self.keep_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        self.addWidget(strip)
        self.setStyleSheet("QToolBar#ExampleWeekBar { background: palette(alternate-base); "
                           "border-bottom: 1px solid palette(mid); }")
        self._document.undo_stack.indexChanged.connect(self._check_still_there)

    def remaining_ids(self) -> tuple[str, ...]:
        """The example's items that are still in the plan, in plan order."""
        plan = self._document.week_of(self.person_id, self.week)
        return tuple(e.id for day in plan.days for entries in day.meals.values() for e in entries
                     if e.id in self.entry_ids)

    def clear_example(self) -> bool:
        """Take the example's items out of the week (the user's own stay): one undo step."""
        ids = self.remaining_ids()
        if not self._document.remove_entries(ids, "Clear Example Week",
                                             person_id=self.person_id, week=self.week):
            return False
        self.dismiss()
        self._window.statusBar().showMessage(
            "Example week cleared. Edit ▸ Undo brings it back.", 10000)
        return True

    def keep(self) -> None:
        self.dismiss()
        self._window.statusBar().showMessage(
            "The example week is now your plan; change it as you like.", 10000)

    def dismiss(self) -> None:
        if self.parent() is None:
            return
        try:
            self._document.undo_stack.indexChanged.disconnect(self._check_still_there)
        except (RuntimeError, TypeError):
            pass
        self._window.removeToolBar(self)
        self.setParent(None)
        self.deleteLater()
        self._window.grid.setFocus(Qt.FocusReason.OtherFocusReason)

    def _check_still_there(self, _index: int) -> None:
        if not self.remaining_ids():
            self.dismiss()


def add_example_week(window: MainWindow, person_id: int, week: IsoWeek) -> ExampleWeekBar | None:
    """Fill ``week`` with the example (one undo step) and show the keep-or-clear bar."""
    added = window.document.add_example_week(person_id, week)
    if added is None:
        return None  # the document already said why
    bar = ExampleWeekBar(window, person_id, week, added)
    window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar


def first_run(window: MainWindow) -> None:
    """With nobody in the data folder yet, welcome the user; otherwise do nothing.

    Closing the welcome before naming anyone still leaves a usable window: a person
    called "Me" is added, to be renamed in People ▸ Edit People.
    """
    document = window.document
    if document.people():
        return
    today = document.today()
    dialog = WelcomeDialog(document, window, today=today)
    window.grid.ask(dialog)
    person_id = dialog.person_id()
    if person_id is None:
        person_id = document.save_person(Person(name=FALLBACK_NAME)).saved_id
        window.statusBar().showMessage(
            f"Added a person called “{FALLBACK_NAME}”; rename them in People ▸ Edit People.", 10000)
    document.show(person_id, dialog.week)
    window.grid.select_cell(today if today in dialog.week.dates() else dialog.week.monday(), None)
    window.activateWindow()  # back from the dialog: the window's shortcuts work at once
    window.grid.setFocus(Qt.FocusReason.OtherFocusReason)
    if dialog.example_wanted:
        add_example_week(window, person_id, dialog.week)
