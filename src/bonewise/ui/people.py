"""The people editor: who the plans are for, their measurements, flags, meals and targets.

Edits of the selected person are saved when the user picks another person, adds
one, or closes the dialog; a bad value stops that with a sentence naming the
field. Numbers are typed as text so a mistake can be explained rather than
silently refused.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Callable, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QDate, QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bonewise.core.checks import (
    VITAMIN_K_ADEQUATE_UG,
    VITAMIN_K_BAND_FRACTION,
    VITAMIN_K_SWING_SOURCE,
)
from bonewise.core.diet import ALLERGEN_NAMES, DIET_SOURCE
from bonewise.core.nutrients import SUPPORTING_KEYS, TARGET_KEYS, label_of, unit_of
from bonewise.core.plan import (
    DEFAULT_SLOTS,
    Allergen,
    Diet,
    MealSlot,
    Person,
    SoyPreference,
    new_id,
)
from bonewise.core.rules import FIRST_YEAR, LAST_YEAR, MAX_PERSON_NAME, check_usual_vitamin_k
from bonewise.core.targets import (
    T_SCORE_CATEGORIES,
    band_text,
    check_birth_year,
    check_lab_value,
    check_override,
    check_weight,
    default_targets,
    t_score_category,
    targets_for,
    vitamin_d_lab_reading,
)
from bonewise.core.totals import format_number
from bonewise.errors import BonewiseError

from bonewise.ui.record import RecordTab

if TYPE_CHECKING:
    from bonewise.ui.document import PlanDocument

SOY_CHOICES = (
    (SoyPreference.ANY, "Any soy foods"),
    (SoyPreference.WHOLE_FOODS, "Whole soy foods only (no isoflavone pills)"),
    (SoyPreference.AVOID, "Avoid soy"),
)
DIET_CHOICES = (
    (Diet.NONE, "No particular diet"),
    (Diet.LACTOSE_FREE, "Lactose-free (hard cheeses and plant drinks stay)"),
    (Diet.VEGETARIAN, "Vegetarian (no meat or fish)"),
    (Diet.PESCATARIAN, "Pescatarian (fish, no meat)"),
    (Diet.LACTOSE_FREE_VEGETARIAN, "Lactose-free vegetarian"),
    (Diet.LACTOSE_FREE_PESCATARIAN, "Lactose-free pescatarian"),
    (Diet.VEGAN, "Vegan (no food from animals)"),
)
DISLIKE_SUGGESTIONS = 12
PersonIdRole = Qt.ItemDataRole.UserRole + 1
FoodIdRole = Qt.ItemDataRole.UserRole + 3
SlotRole = Qt.ItemDataRole.UserRole + 2


def parse_number(text: str, what: str) -> float | None:
    """A typed number, or None for an empty field; BonewiseError names the field otherwise.

    Accepts a decimal comma ("68,5") and the typographic minus ("−1.8").
    """
    cleaned = text.strip().replace("\u2212", "-").replace(" ", "")
    if not cleaned:
        return None
    if "," in cleaned and "." not in cleaned and cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise BonewiseError(f"{what}: “{text.strip()[:30]}” is not a number.") from None
    if not math.isfinite(value):
        raise BonewiseError(f"{what}: type an ordinary number.")
    return value


def parse_birth_year(text: str) -> int | None:
    """A typed year of birth, or None for an empty field; BonewiseError otherwise."""
    year = parse_number(text, "Year of birth")
    return None if year is None else check_birth_year(year)


def birth_year_note(text: str, today: dt.date | None = None) -> tuple[str, str]:
    """What a typed year of birth changes (the limits that depend on age), and the source's citation."""
    today = today or dt.date.today()
    try:
        year = parse_birth_year(text)
    except BonewiseError as exc:
        return f"⚠ {exc}", ""
    by_age = [t for t in targets_for(Person(name="-", birth_year=year), today).values() if t.limits_by_age]
    if not by_age:
        return "Optional.", ""
    target = by_age[0]
    source = target.limit_source or target.source
    name = label_of(target.key).lower()
    upper = target.upper_limit
    if year is None or upper is None:
        groups = ", ".join(f"{g.value:,.0f} {target.unit} at {g.ages}" for g in target.limits_by_age)
        return (f"Optional. The upper limit for {name} depends on age: {groups} ({source.short}). "
                f"Without a year, the limit for {target.limits_by_age[-1].ages} applies.",
                source.citation)
    limit = f"{format_number(upper)} {unit_of(target.key)}"
    return f"Upper limit for {name}: {limit} a day ({target.limit_note}; {source.short}).", source.citation


class _TargetRow:
    """Widgets of one nutrient's row on the Targets tab."""

    def __init__(self, key: str, grid: QGridLayout, row: int, parent: QWidget,
                 on_reset: Callable[[str], None]) -> None:
        target = default_targets()[key]
        self.key = key
        name = QLabel(label_of(key).split(" (")[0], parent)
        default = band_text(target.low, target.high, target.unit.replace("/kg", " per kg"))
        if target.tracked_only:
            default = f"{default} (reference, not a target)"
        if target.upper_limit is not None:
            scope = " from supplements" if target.limit_scope and target.limit_scope.value == "supplements" else ""
            default += f"; limit {target.upper_limit:,.0f} {target.unit}{scope}"
        self.default = QLabel(f"{default} — {target.source.short}", parent)
        self.default.setToolTip(target.source.citation)
        self.default.setWordWrap(True)
        self.low = QLineEdit(parent)
        self.high = QLineEdit(parent)
        for edit, end, value in ((self.low, "lowest", target.low), (self.high, "highest", target.high)):
            edit.setPlaceholderText("default" if value is None else f"{value:g}")
            edit.setAccessibleName(f"{label_of(key)}: your {end} target in {target.unit}")
            edit.setMaximumWidth(90)
        unit = QLabel(target.unit, parent)
        self.reset = QToolButton(parent)
        self.reset.setText("Reset")
        self.reset.setToolTip(f"Use the default for {label_of(key)}")
        self.reset.setAccessibleName(f"Reset {label_of(key)} to the default")
        self.reset.clicked.connect(lambda: on_reset(key))
        for column, widget in enumerate((name, self.default, self.low, self.high, unit, self.reset)):
            grid.addWidget(widget, row, column)

    def set_band(self, band: tuple[float | None, float | None] | None) -> None:
        low, high = band if band is not None else (None, None)
        self.low.setText("" if low is None else f"{low:g}")
        self.high.setText("" if high is None else f"{high:g}")

    def band(self) -> tuple[float | None, float | None] | None:
        """The personal band typed in, or None for "use the default"."""
        what = label_of(self.key).split(" (")[0]
        low = parse_number(self.low.text(), f"{what}, lowest target")
        high = parse_number(self.high.text(), f"{what}, highest target")
        if low is None and high is None:
            return None
        try:
            return check_override(self.key, low, high)
        except BonewiseError as exc:
            raise BonewiseError(f"{what}: {exc}") from None


class PeopleDialog(QDialog):
    """Add, remove and edit people (the first-run greeting is ui/welcome.py)."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._person: Person | None = None  # the person the form shows (id None: not saved yet)
        self._form_item: QListWidgetItem | None = None  # that person's row in the list
        self._loading = False
        self._added: int | None = None
        self.setWindowTitle("People")
        self.setMinimumSize(760, 560)

        self.people_list = QListWidget(self)
        self.people_list.setAccessibleName("People")
        self.people_list.currentItemChanged.connect(self._on_person_selected)
        self.add_button = QPushButton("&Add Person", self)
        self.add_button.clicked.connect(self.add_person)
        self.remove_button = QPushButton("&Remove…", self)
        self.remove_button.clicked.connect(self.remove_person)
        left = QVBoxLayout()
        left.addWidget(self.people_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        left.addLayout(row)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._profile_tab(), "&Profile")
        self.tabs.addTab(self._diet_tab(), "&Diet")
        self.tabs.addTab(self._meals_tab(), "&Meals")
        self.tabs.addTab(self._targets_tab(), "&Targets")
        self.record_tab = RecordTab(document, self)
        self.tabs.addTab(self.record_tab, "&Health Record")
        document.record_changed.connect(self._record_changed)

        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.accept)  # Close (and Escape) save, like everywhere else

        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.tabs, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

        self._fill_list()
        if self.people_list.count() == 0:
            self.add_person()
        else:
            shown = document.person.id if document.person else None
            for i in range(self.people_list.count()):
                if self.people_list.item(i).data(PersonIdRole) == shown:
                    self.people_list.setCurrentRow(i)
                    break
            else:
                self.people_list.setCurrentRow(0)

    # -- tabs ------------------------------------------------------------------------------

    def _profile_tab(self) -> QWidget:
        tab = QWidget(self)
        form = QFormLayout(tab)
        self.name = QLineEdit(tab)
        self.name.setAccessibleName("Name")
        self.name.setMaxLength(MAX_PERSON_NAME)
        self.weight = QLineEdit(tab)
        self.weight.setPlaceholderText("e.g. 68")
        self.weight.setAccessibleName("Body weight in kilograms")
        self.weight_note = QLabel("Used for the protein target (1.0–1.2 g per kg).", tab)
        self.birth_year = QLineEdit(tab)
        self.birth_year.setPlaceholderText("e.g. 1961")
        self.birth_year.setAccessibleName("Year of birth")
        self.birth_year.setMaxLength(4)
        self.birth_year_note = QLabel(tab)
        self.birth_year_note.setWordWrap(True)
        self.t_score = QLineEdit(tab)
        self.t_score.setPlaceholderText("e.g. −1.8")
        self.t_score.setAccessibleName("Bone density T-score")
        self.t_score_note = QLabel(tab)
        self.t_score_note.setWordWrap(True)
        self.lab = QLineEdit(tab)
        self.lab.setPlaceholderText("e.g. 32")
        self.lab.setAccessibleName("Vitamin D blood level, 25(OH)D, in ng/mL")
        self.lab_note = QLabel(tab)
        self.lab_note.setWordWrap(True)
        self.lab_dated = QCheckBox("Date of the &test:", tab)
        self.lab_date = QDateEdit(tab)
        self.lab_date.setCalendarPopup(True)
        self.lab_date.setDisplayFormat("d MMM yyyy")
        self.lab_date.setDateRange(QDate(FIRST_YEAR, 1, 1), QDate(LAST_YEAR, 12, 31))
        self.lab_date.setAccessibleName("Date of the vitamin D test")
        self.lab_dated.toggled.connect(self.lab_date.setEnabled)
        self.warfarin = QCheckBox("Takes &warfarin (keep vitamin K steady; natto is flagged)", tab)
        self.usual_k = QLineEdit(tab)
        self.usual_k.setPlaceholderText(f"{VITAMIN_K_ADEQUATE_UG:g} (app default)")
        self.usual_k.setAccessibleName("Usual vitamin K a day in micrograms, on warfarin")
        self.usual_k.setMaximumWidth(160)
        self.usual_k_note = QLabel(
            f"On warfarin the planner keeps each day within ±{VITAMIN_K_BAND_FRACTION * 100:.0f} % of "
            f"this amount of vitamin K (K1 + K2), an app default. Empty means the "
            f"{VITAMIN_K_ADEQUATE_UG:g} µg adequate intake; agree your own number with your care team.",
            tab,
        )
        self.usual_k_note.setWordWrap(True)
        self.usual_k_note.setToolTip(VITAMIN_K_SWING_SOURCE.citation)
        self.warfarin.toggled.connect(self.usual_k.setEnabled)

        form.addRow("&Name:", self.name)
        form.addRow("Body &weight (kg):", self.weight)
        form.addRow("", self.weight_note)
        form.addRow("&Year of birth:", self.birth_year)
        form.addRow("", self.birth_year_note)
        form.addRow("&T-score (bone density):", self.t_score)
        form.addRow("", self.t_score_note)
        form.addRow("Vitamin D blood &level (ng/mL):", self.lab)
        form.addRow("", self.lab_note)
        date_row = QHBoxLayout()
        date_row.addWidget(self.lab_dated)
        date_row.addWidget(self.lab_date)
        date_row.addStretch(1)
        form.addRow("", date_row)
        form.addRow("", self.warfarin)
        form.addRow("Usual vitamin &K a day (µg):", self.usual_k)
        form.addRow("", self.usual_k_note)
        for label_field in (self.name, self.weight, self.birth_year, self.t_score, self.lab, self.usual_k):
            cast(QLabel, form.labelForField(label_field)).setBuddy(label_field)
        self.birth_year.textChanged.connect(self._explain_birth_year)
        self.t_score.textChanged.connect(self._explain_t_score)
        self.lab.textChanged.connect(self._explain_lab)
        self.name.textEdited.connect(self._rename_in_list)
        return tab

    def _diet_tab(self) -> QWidget:
        tab = QWidget(self)
        form = QFormLayout(tab)
        intro = QLabel(
            "Auto-plan and suggestions leave out what these rule out. A food you enter yourself "
            "is kept and flagged, so you can make exceptions. Bonewise reads what a food contains "
            "from its name and food group: the label is the final word on allergens.", tab)
        intro.setWordWrap(True)
        intro.setToolTip(DIET_SOURCE.citation)
        self.diet = QComboBox(tab)
        self.diet.setAccessibleName("Diet")
        for value, text in DIET_CHOICES:
            self.diet.addItem(text, value)
        allergy_box = QWidget(tab)
        allergy_grid = QGridLayout(allergy_box)
        allergy_grid.setContentsMargins(0, 0, 0, 0)
        self.allergies: dict[Allergen, QCheckBox] = {}
        for i, allergen in enumerate(Allergen):
            box = QCheckBox(ALLERGEN_NAMES[allergen].capitalize(), allergy_box)
            box.setAccessibleName(f"Allergy: {ALLERGEN_NAMES[allergen]}")
            self.allergies[allergen] = box
            allergy_grid.addWidget(box, i // 3, i % 3)
        self.soy = QComboBox(tab)
        self.soy.setAccessibleName("Soy")
        for soy, text in SOY_CHOICES:
            self.soy.addItem(text, soy)
        self.natto = QCheckBox("Eats &natto (a small serving at most once a day; never on warfarin)", tab)
        self.dislikes = QListWidget(tab)
        self.dislikes.setAccessibleName("Foods never wanted")
        self.dislikes.setMaximumHeight(130)
        self.dislike_search = QLineEdit(tab)
        self.dislike_search.setPlaceholderText("Type a food, then pick it from the list")
        self.dislike_search.setAccessibleName("Add a food never wanted")
        self._dislike_hits = QStringListModel(self)
        self._dislike_ids: dict[str, str] = {}
        completer = QCompleter(self._dislike_hits, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.dislike_search.setCompleter(completer)
        self.dislike_search.textEdited.connect(self._search_dislikes)
        completer.activated.connect(self._add_dislike)
        self.dislike_search.returnPressed.connect(lambda: self._add_dislike(self.dislike_search.text()))
        remove = QPushButton("Remo&ve Food", tab)
        remove.clicked.connect(self.remove_dislike)
        search_row = QHBoxLayout()
        search_row.addWidget(self.dislike_search, 1)
        search_row.addWidget(remove)
        form.addRow(intro)
        form.addRow("Way of &eating:", self.diet)
        form.addRow("Allergies:", allergy_box)
        form.addRow("&Soy:", self.soy)
        form.addRow("", self.natto)
        form.addRow("Foods never &wanted:", self.dislikes)
        form.addRow("", search_row)
        for label_field in (self.diet, self.soy, self.dislikes):
            cast(QLabel, form.labelForField(label_field)).setBuddy(label_field)
        return tab

    def _search_dislikes(self, text: str) -> None:
        hits = self._document.foods.search(text, limit=DISLIKE_SUGGESTIONS) if text.strip() else []
        self._dislike_ids = {hit.name: hit.food_id for hit in hits}
        self._dislike_hits.setStringList(list(self._dislike_ids))

    def _add_dislike(self, name: str) -> None:
        food_id = self._dislike_ids.get(name)
        if food_id is None:
            return
        if food_id not in self._dislike_list():
            self._show_dislike(food_id, name)
        self.dislike_search.clear()

    def _show_dislike(self, food_id: str, name: str) -> None:
        item = QListWidgetItem(name)
        item.setData(FoodIdRole, food_id)
        item.setToolTip(f"{name} (food id {food_id})")
        self.dislikes.addItem(item)

    def _dislike_list(self) -> list[str]:
        return [self.dislikes.item(i).data(FoodIdRole) for i in range(self.dislikes.count())]

    def remove_dislike(self) -> None:
        row = self.dislikes.currentRow()
        if row >= 0:
            self.dislikes.takeItem(row)

    def _meals_tab(self) -> QWidget:
        tab = QWidget(self)
        self.slots = QListWidget(tab)
        self.slots.setAccessibleName("Meals of the day, in order")
        self.slots.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.slots.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        help_text = QLabel(
            "Rows of the week plan, top to bottom. F2 or a double-click renames a meal; tick the "
            "main meals (they get the 20–25 g protein check).", tab)
        help_text.setWordWrap(True)
        add = QPushButton("Add &Meal", tab)
        add.clicked.connect(self.add_slot)
        up = QPushButton("Move &Up", tab)
        up.clicked.connect(lambda: self.move_slot(-1))
        down = QPushButton("Move D&own", tab)
        down.clicked.connect(lambda: self.move_slot(1))
        remove = QPushButton("Remo&ve Meal", tab)
        remove.clicked.connect(self.remove_slot)
        reset = QPushButton("Default Meals", tab)
        reset.setToolTip("Put back the six default meals (names and order)")
        reset.clicked.connect(self.default_slots)
        buttons = QVBoxLayout()
        for button in (add, up, down, remove, reset):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.slots, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(tab)
        layout.addWidget(help_text)
        layout.addLayout(row)
        return tab

    def _targets_tab(self) -> QWidget:
        tab = QWidget(self)
        intro = QLabel(
            "Leave a field empty to use the default. Hover a source to read the full reference. "
            "Change targets only as agreed with your care team.", tab)
        intro.setWordWrap(True)
        inner = QWidget(tab)
        grid = QGridLayout(inner)
        for column, title in enumerate(("Nutrient", "Default", "Lowest", "Highest", "Unit", "")):
            heading = QLabel(f"<b>{title}</b>", inner)
            grid.addWidget(heading, 0, column)
        self.target_rows: dict[str, _TargetRow] = {}
        for row, key in enumerate(TARGET_KEYS + SUPPORTING_KEYS, start=1):
            self.target_rows[key] = _TargetRow(key, grid, row, inner, self.reset_target)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(self.target_rows) + 1, 1)
        scroll = QScrollArea(tab)
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        reset_all = QPushButton("&Reset All to Defaults", tab)
        reset_all.clicked.connect(lambda: self.reset_target(None))
        layout = QVBoxLayout(tab)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(reset_all, 0, Qt.AlignmentFlag.AlignRight)
        return tab

    # -- the list of people ----------------------------------------------------------------

    def _fill_list(self, select: int | None = None) -> None:
        """List everyone in the store; the form keeps its person (and row) if they are listed."""
        self._loading = True
        self.people_list.clear()
        self._form_item = None
        form_id = self._person.id if self._person is not None else None
        for person in self._document.people():
            item = QListWidgetItem(person.name)
            item.setData(PersonIdRole, person.id)
            self.people_list.addItem(item)
            if person.id == form_id:
                self._form_item = item
            if person.id == (select if select is not None else form_id):
                self.people_list.setCurrentItem(item)
        self._loading = False

    def _on_person_selected(self, current: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        if self._loading:
            return
        if previous is not None and not self.save_current():
            # Stay on the person with the problem until it is fixed.
            self._loading = True
            self.people_list.setCurrentItem(previous)
            self._loading = False
            return
        if current is None:
            return
        person_id = current.data(PersonIdRole)
        if person_id is None:
            return
        self._load(self._document.repo.person(person_id), current)

    def _rename_in_list(self, text: str) -> None:
        if self._form_item is not None:
            self._form_item.setText(text or "(no name yet)")

    def add_person(self) -> None:
        """Start a new person (saved once it has a name)."""
        if not self.save_current():
            return
        person = Person(name="")
        self._loading = True
        item = QListWidgetItem("(no name yet)")
        self.people_list.addItem(item)
        self.people_list.setCurrentItem(item)
        self._loading = False
        self._load(person, item)
        self.tabs.setCurrentIndex(0)
        self.name.setFocus()

    def remove_person(self) -> None:
        person = self._person
        if person is None:
            return
        if person.id is None:  # never saved: just forget it
            self._person = self._form_item = None
            self._fill_list()
            self._select_first()
            return
        answer = self.confirm(
            f"Remove {person.name} and all of their meal plans? This cannot be undone."
        )
        if not answer:
            return
        self._document.delete_person(person.id)
        self._person = self._form_item = None
        self._fill_list()
        self._select_first()

    def _select_first(self) -> None:
        if self.people_list.count():
            self._loading = True
            self.people_list.setCurrentRow(0)
            self._loading = False
            item = self.people_list.item(0)
            self._load(self._document.repo.person(item.data(PersonIdRole)), item)
        else:
            self.add_person()

    def confirm(self, question: str) -> bool:
        """Ask yes/no (tests replace this)."""
        answer = QMessageBox.question(self, "Remove person", question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def chosen_person_id(self) -> int | None:
        """The person added in this dialog, if any (the window switches to them)."""
        return self._added

    # -- the form -----------------------------------------------------------------------------

    def _load(self, person: Person, item: QListWidgetItem | None) -> None:
        self._person = person
        self._form_item = item
        self.problem.clear()
        self.name.setText(person.name)
        self.weight.setText("" if person.weight_kg is None else f"{person.weight_kg:g}")
        self.birth_year.setText("" if person.birth_year is None else str(person.birth_year))
        self.t_score.setText("" if person.t_score is None else f"{person.t_score:g}")
        self._show_lab(person)
        self.warfarin.setChecked(person.on_warfarin)
        self.usual_k.setEnabled(person.on_warfarin)
        self.usual_k.setText("" if person.vitamin_k_usual_ug is None else f"{person.vitamin_k_usual_ug:g}")
        self.soy.setCurrentIndex(max(0, self.soy.findData(person.soy)))
        self.diet.setCurrentIndex(max(0, self.diet.findData(person.diet)))
        for allergen, box in self.allergies.items():
            box.setChecked(allergen in person.allergies)
        self.natto.setChecked(person.eats_natto)
        self.dislikes.clear()
        for food_id in sorted(person.dislikes):
            food = self._document.foods.get(food_id)
            self._show_dislike(food_id, food.name if food is not None else f"Food {food_id} (no longer found)")
        self._show_slots(person.slots)
        for key, row in self.target_rows.items():
            row.set_band(person.target_overrides.get(key))
        self.remove_button.setEnabled(True)
        self._explain_birth_year()
        self._explain_t_score()
        self._explain_lab()
        self.record_tab.set_person(person.id)

    def _show_lab(self, person: Person) -> None:
        self.lab.setText("" if person.vitamin_d_lab_ng_ml is None else f"{person.vitamin_d_lab_ng_ml:g}")
        date = person.vitamin_d_lab_date
        self.lab_dated.setChecked(date is not None)
        self.lab_date.setEnabled(date is not None)
        shown = date or dt.date.today()
        self.lab_date.setDate(QDate(shown.year, shown.month, shown.day))

    def _record_changed(self, person_id: int) -> None:
        # A blood level added to (or removed from) the record becomes the person's latest:
        # show it, so saving the profile does not write the old one back.
        if self._person is None or self._person.id != person_id:
            return
        stored = self._document.repo.person(person_id)
        self._person = dataclasses.replace(self._person, vitamin_d_lab_ng_ml=stored.vitamin_d_lab_ng_ml,
                                           vitamin_d_lab_date=stored.vitamin_d_lab_date)  # fmt: skip
        self._show_lab(stored)

    def _show_slots(self, slots: Sequence[MealSlot]) -> None:
        self.slots.clear()
        for slot in slots:
            item = QListWidgetItem(slot.name)
            item.setData(SlotRole, slot.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if slot.main_meal else Qt.CheckState.Unchecked)
            self.slots.addItem(item)

    def _explain_birth_year(self) -> None:
        text, citation = birth_year_note(self.birth_year.text())
        self.birth_year_note.setText(text)
        self.birth_year_note.setToolTip(citation)
        self.birth_year.setAccessibleDescription(text)

    def _explain_t_score(self) -> None:
        try:
            value = parse_number(self.t_score.text(), "T-score")
            if value is None:
                self.t_score_note.setText("From a DXA bone density scan; optional.")
                return
            category, source = t_score_category(value)
        except BonewiseError as exc:
            self.t_score_note.setText(f"⚠ {exc}")
            return
        self.t_score_note.setText(f"{category.capitalize()} ({source.short}). {T_SCORE_CATEGORIES[category]}")
        self.t_score_note.setToolTip(source.citation)

    def _explain_lab(self) -> None:
        try:
            value = parse_number(self.lab.text(), "Vitamin D blood level")
            if value is None:
                self.lab_note.setText("Serum 25(OH)D from your latest blood test; optional. "
                                      "In nmol/L? Divide by 2.496.")
                return
            reading = vitamin_d_lab_reading(value)
        except BonewiseError as exc:
            self.lab_note.setText(f"⚠ {exc}")
            return
        self.lab_note.setText(f"= {reading.nmol_l:.0f} nmol/L. {reading.text} ({reading.source.short})")
        self.lab_note.setToolTip(reading.source.citation)

    def form_person(self) -> Person:
        """The person as the form describes them; BonewiseError names the first bad field."""
        base = self._person or Person(name="")
        name = self.name.text().strip()
        if not name:
            raise BonewiseError("Give the person a name.")
        weight = parse_number(self.weight.text(), "Body weight")
        if weight is not None:
            weight = check_weight(weight)
        birth_year = parse_birth_year(self.birth_year.text())
        t_score = parse_number(self.t_score.text(), "T-score")
        if t_score is not None:
            t_score_category(t_score)  # raises for implausible values
        lab = parse_number(self.lab.text(), "Vitamin D blood level")
        if lab is not None:
            lab = check_lab_value(lab)
        lab_date = cast(dt.date, self.lab_date.date().toPython()) if self.lab_dated.isChecked() and lab else None
        if lab_date is not None and lab_date > dt.date.today():
            raise BonewiseError("The vitamin D test date is in the future.")
        usual_k = parse_number(self.usual_k.text(), "Usual vitamin K a day")
        if usual_k is not None:
            usual_k = check_usual_vitamin_k(usual_k)
        overrides = {}
        for key, row in self.target_rows.items():
            band = row.band()
            if band is not None:
                overrides[key] = band
        slots = []
        for i in range(self.slots.count()):
            item = self.slots.item(i)
            slot_name = item.text().strip()
            if not slot_name:
                raise BonewiseError(f"Meal {i + 1} has no name.")
            slots.append(MealSlot(item.data(SlotRole), slot_name,
                                  item.checkState() == Qt.CheckState.Checked))
        return dataclasses.replace(
            base, name=name, weight_kg=weight, birth_year=birth_year, t_score=t_score, vitamin_d_lab_ng_ml=lab,
            vitamin_d_lab_date=lab_date, on_warfarin=self.warfarin.isChecked(),
            soy=self.soy.currentData(), diet=self.diet.currentData(),
            allergies=frozenset(a for a, box in self.allergies.items() if box.isChecked()),
            dislikes=frozenset(self._dislike_list()), eats_natto=self.natto.isChecked(),
            vitamin_k_usual_ug=usual_k, slots=tuple(slots),
            target_overrides=MappingProxyType(overrides),
        )

    def save_current(self) -> bool:
        """Save the form if it changed; False (with the problem shown) if it cannot be saved."""
        if self._person is None:
            return True
        if self._person.id is None and not self.name.text().strip():
            return True  # an unnamed new person is simply not created
        try:
            person = self.form_person()
            if person == self._person:
                return True
            stored = self._document.save_person(person)
        except BonewiseError as exc:
            self.problem.setText(f"⚠ {exc}")
            return False
        if self._person.id is None:
            self._added = stored.id
            self.record_tab.set_person(stored.id)
        self._person = stored
        if self._form_item is not None:
            self._form_item.setData(PersonIdRole, stored.id)
            self._form_item.setText(stored.name)
        self.problem.clear()
        return True

    # -- meals and targets -------------------------------------------------------------------------

    def add_slot(self) -> None:
        item = QListWidgetItem(f"Meal {self.slots.count() + 1}")
        item.setData(SlotRole, f"meal-{new_id()[:8]}")
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        self.slots.addItem(item)
        self.slots.setCurrentItem(item)
        self.slots.editItem(item)

    def move_slot(self, step: int) -> None:
        row = self.slots.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.slots.count():
            return
        item = self.slots.takeItem(row)
        self.slots.insertItem(target, item)
        self.slots.setCurrentRow(target)

    def remove_slot(self) -> None:
        row = self.slots.currentRow()
        if row >= 0 and self.slots.count() > 1:
            self.slots.takeItem(row)

    def default_slots(self) -> None:
        """The six default meals in their order; meals the user added stay, after them."""
        default_ids = {s.id for s in DEFAULT_SLOTS}
        items = [self.slots.item(i) for i in range(self.slots.count())]
        extra = [
            MealSlot(item.data(SlotRole), item.text(), item.checkState() == Qt.CheckState.Checked)
            for item in items if item.data(SlotRole) not in default_ids
        ]
        self._show_slots([*DEFAULT_SLOTS, *extra])

    def reset_target(self, key: str | None) -> None:
        """Back to the default for ``key`` (every nutrient when None)."""
        for row_key, row in self.target_rows.items():
            if key is None or row_key == key:
                row.set_band(None)

    def accept(self) -> None:
        if self.save_current():
            super().accept()
