"""A dialog to create or edit one of the user's own foods or supplements.

Every field is read as text and checked here, so a mistake gets a sentence that
names the field; the food store checks again and its message is shown as is.
A blank nutrient field means *unknown*, never zero.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bonewise.core.foods import Food, FoodKind, Measure
from bonewise.core.nutrients import BY_KEY, NUTRIENTS
from bonewise.core.rules import MAX_FOOD_NAME, MAX_GRAMS, MAX_LABEL, max_per_100g
from bonewise.errors import BonewiseError

from bonewise.ui.theme import WarningLabel

if TYPE_CHECKING:
    from bonewise.store.foodstore import FoodStore

# The fields shown up front; any other nutrient can be added below them.
MAIN_KEYS: tuple[str, ...] = (
    "energy_kcal",
    "protein_g",
    "calcium_mg",
    "vitamin_d_iu",
    "vitamin_k2_ug",
    "vitamin_k1_ug",
    "magnesium_mg",
    "fiber_g",
    "omega3_g",
    "sodium_mg",
    "caffeine_mg",
)
# The shopping-list aisles of the shipped foods (resources/food_groups.csv).
AISLES: tuple[str, ...] = (
    "Produce",
    "Dairy & eggs",
    "Meat & poultry",
    "Fish & seafood",
    "Beans & tofu",
    "Nuts & seeds",
    "Cereals & grains",
    "Bakery",
    "Deli & sausages",
    "Oils, spreads & dressings",
    "Spices & herbs",
    "Canned & dry goods",
    "Frozen & prepared",
    "Sweets & snacks",
    "Beverages",
    "Pharmacy & supplements",
    "Other",
)
FOOD_AISLE, SUPPLEMENT_AISLE = "Other", "Pharmacy & supplements"
_AMBIGUOUS = re.compile(r"^\d{1,3},\d{3}$")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$|^[.,]\d+$")


def parse_value(text: str, what: str, *, allow_zero: bool = True) -> float | None:
    """A number as typed ("12", "12.5", "12,5"); None for a blank field.

    Raises BonewiseError naming ``what`` for text, NaN, infinity, a negative
    number or an ambiguous "1,500".
    """
    cleaned = "".join(unicodedata.normalize("NFKC", text).split())
    if not cleaned:
        return None
    shown = text.strip()
    if cleaned[0] in "-\u2212":
        raise BonewiseError(f"{what} cannot be negative (you typed “{shown}”).")
    if _AMBIGUOUS.match(cleaned):
        whole, part = cleaned.split(",")
        raise BonewiseError(f"{what}: “{shown}” is ambiguous; write {whole}{part} or {whole}.{part}.")
    if not _NUMBER.match(cleaned):
        raise BonewiseError(f"{what} must be a number, not “{shown}”.")
    value = float(cleaned.replace(",", "."))
    if not math.isfinite(value):
        raise BonewiseError(f"{what} is too large (you typed “{shown}”).")
    if value == 0 and not allow_zero:
        raise BonewiseError(f"{what} must be more than zero.")
    return value


def _value_text(value: float) -> str:
    """A stored number back as editable text, without float noise ("12.5", not "12.500000001")."""
    return f"{value:.10g}"


def _field_name(key: str) -> str:
    """ "Calcium (mg)"; a bracketed chemical name moves behind a comma ("Vitamin K1, phylloquinone (µg)")."""
    n = BY_KEY[key]
    label = n.label.replace(" (", ", ").rstrip(")") if "(" in n.label else n.label
    return f"{label} ({n.unit})"


class _PairRows(QWidget):
    """Rows of (first, second) fields with a Remove button each, and an Add button below."""

    def __init__(self, first: str, second: str, add_text: str, make_first: Callable[[str], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels = (first, second)
        self._make_first = make_first
        self._rows: list[tuple[QWidget, QLineEdit, QPushButton]] = []
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._add = QPushButton(add_text)
        self._add.setAutoDefault(False)
        self._add.clicked.connect(lambda: self.add_row())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)
        row = QHBoxLayout()
        row.addWidget(self._add)
        row.addStretch(1)
        layout.addLayout(row)

    def add_row(self, first_value: str = "", second_value: str = "") -> tuple[QWidget, QLineEdit]:
        first = self._make_first(first_value)
        second = QLineEdit(second_value)
        second.setAccessibleName(self._labels[1])
        remove = QPushButton("Remove")
        remove.setAutoDefault(False)
        remove.setAccessibleName(f"Remove this {self._labels[0].lower()}")
        r = len(self._rows) + 1
        self._grid.addWidget(first, r, 0)
        self._grid.addWidget(second, r, 1)
        self._grid.addWidget(remove, r, 2)
        entry = (first, second, remove)
        self._rows.append(entry)
        remove.clicked.connect(lambda: self._remove(entry))
        if r == 1:
            for col, text in enumerate(self._labels):
                self._grid.addWidget(QLabel(text), 0, col)
        first.setFocus()
        return first, second

    def _remove(self, entry: tuple[QWidget, QLineEdit, QPushButton]) -> None:
        self._rows.remove(entry)
        for widget in entry:
            self._grid.removeWidget(widget)
            widget.deleteLater()

    def rows(self) -> list[tuple[QWidget, QLineEdit]]:
        return [(first, second) for first, second, _ in self._rows]


class CustomFoodDialog(QDialog):
    """Create (``food=None``) or edit one of the user's foods or supplements.

    On success ``food`` holds the saved :class:`Food`. A supplement is entered per
    dose ("per tablet") and stored the way every supplement is: a dose of nominal
    1 g and values per 100 g = 100 × the amount per dose.
    """

    def __init__(self, foods: FoodStore, food: Food | None = None, parent: QWidget | None = None, *,
                 kind: FoodKind = FoodKind.CUSTOM) -> None:
        super().__init__(parent)
        self._foods = foods
        self._original = food
        self.food: Food | None = None
        kind = food.kind if food is not None else kind
        self.setWindowTitle(("Edit " if food else "New ")
                            + ("supplement" if kind is FoodKind.SUPPLEMENT else "custom food"))

        self._name = QLineEdit()
        self._name.setAccessibleName("Name")
        self._name.setMaxLength(MAX_FOOD_NAME)
        self._aisle = QComboBox()
        self._aisle.setEditable(True)
        self._aisle.addItems(AISLES)
        self._aisle.setAccessibleName("Shopping aisle")
        self._aisle.setCurrentText(SUPPLEMENT_AISLE if kind is FoodKind.SUPPLEMENT else FOOD_AISLE)
        cast(QLineEdit, self._aisle.lineEdit()).setMaxLength(MAX_LABEL)
        self._is_food = QRadioButton("Food (amounts per 100 g)")
        self._is_supplement = QRadioButton("Supplement (amounts per dose)")
        kinds = QButtonGroup(self)
        kinds.addButton(self._is_food)
        kinds.addButton(self._is_supplement)
        (self._is_supplement if kind is FoodKind.SUPPLEMENT else self._is_food).setChecked(True)
        self._is_food.setEnabled(food is None)
        self._is_supplement.setEnabled(food is None)
        self._dose = QLineEdit("tablet")
        self._dose.setAccessibleName("Dose name")

        self._fields: dict[str, QLineEdit] = {}
        grid = QGridLayout()
        for i, key in enumerate(MAIN_KEYS):
            edit = QLineEdit()
            edit.setAccessibleName(_field_name(key))
            edit.setPlaceholderText("unknown")
            label = QLabel(_field_name(key))
            label.setBuddy(edit)
            self._fields[key] = edit
            grid.addWidget(label, i // 2, (i % 2) * 2)
            grid.addWidget(edit, i // 2, (i % 2) * 2 + 1)
        self._others = _PairRows("Nutrient", "Amount", "Add another nutrient…", self._nutrient_combo)
        self._measures = _PairRows("Measure", "Grams", "Add a measure…", self._measure_edit)

        self._per = QLabel()
        heading_font = QFont(self._per.font())
        heading_font.setBold(True)
        self._per.setFont(heading_font)
        hint = QLabel("Leave a field empty when the label does not say: it counts as unknown, not as zero.")
        hint.setWordWrap(True)
        self._measures_heading = QLabel("Household measures")
        self._measures_heading.setFont(heading_font)

        self._error = WarningLabel()  # vermillion, as dark or light as the background needs
        self._error.setWordWrap(True)
        self._error.setTextFormat(Qt.TextFormat.PlainText)
        self._error.setAccessibleName("Problem")
        self._error.hide()

        form = QFormLayout()
        form.addRow("&Name", self._name)
        form.addRow("Shopping &aisle", self._aisle)
        kinds_row = QHBoxLayout()
        kinds_row.addWidget(self._is_food)
        kinds_row.addWidget(self._is_supplement)
        kinds_row.addStretch(1)
        form.addRow("Kind", kinds_row)
        self._dose_label = QLabel("&Dose name")
        self._dose_label.setBuddy(self._dose)
        form.addRow(self._dose_label, self._dose)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(form)
        body_layout.addWidget(self._per)
        body_layout.addWidget(hint)
        body_layout.addLayout(grid)
        body_layout.addWidget(self._others)
        body_layout.addWidget(self._measures_heading)
        body_layout.addWidget(self._measures)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self._error)
        layout.addWidget(buttons)
        self._is_supplement.toggled.connect(self._update_kind)

        if food is not None:
            self._fill(food)
        elif kind is not FoodKind.SUPPLEMENT:
            self._measures.add_row()
        self._update_kind()
        self._name.setFocus()
        # Big enough to show the whole form without scrolling, when the screen allows.
        extra = buttons.sizeHint().height() + self.fontMetrics().height() * 2 + 40
        wanted = QSize(body.sizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 30,
                       body.sizeHint().height() + extra)
        self.resize(wanted.boundedTo(self.screen().availableSize() * 0.9))

    # --- field factories --------------------------------------------------------------------
    def _nutrient_combo(self, key: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName("Nutrient")
        for n in NUTRIENTS:
            if n.key not in MAIN_KEYS:
                combo.addItem(f"{n.label} ({n.unit})", n.key)
        if key:
            combo.setCurrentIndex(max(combo.findData(key), 0))
        return combo

    def _measure_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit(name)
        edit.setAccessibleName("Measure name")
        edit.setPlaceholderText("e.g. cup, slice")
        return edit

    # --- state ------------------------------------------------------------------------------
    @property
    def supplement(self) -> bool:
        return self._is_supplement.isChecked()

    def _update_kind(self) -> None:
        supplement = self.supplement
        self._dose.setVisible(supplement)
        self._dose_label.setVisible(supplement)
        self._measures.setVisible(not supplement)
        self._measures_heading.setVisible(not supplement)
        self._per.setText("Amounts in one dose" if supplement else "Amounts per 100 g")
        if self._original is None:
            # Follow the kind unless the user already picked an aisle of their own.
            if supplement and self._aisle.currentText() == FOOD_AISLE:
                self._aisle.setCurrentText(SUPPLEMENT_AISLE)
            elif not supplement and self._aisle.currentText() == SUPPLEMENT_AISLE:
                self._aisle.setCurrentText(FOOD_AISLE)

    def _fill(self, food: Food) -> None:
        self._name.setText(food.name)
        self._aisle.setCurrentText(food.aisle or FOOD_AISLE)
        # A supplement shows amounts per dose: per-100 g value × dose grams / 100.
        dose = food.measures[0] if food.is_supplement and food.measures else None
        scale = dose.grams_per_unit / 100.0 if dose is not None else 1.0
        if dose is not None:
            self._dose.setText(dose.name)
        for key, value in food.nutrients.items():
            shown = _value_text(value * scale)
            if key in self._fields:
                self._fields[key].setText(shown)
            elif key in BY_KEY:
                self._others.add_row(key, shown)
        if not food.is_supplement:
            for m in food.measures:
                self._measures.add_row(m.label if m.amount != 1 else m.name, _value_text(m.grams))

    # --- validation -------------------------------------------------------------------------
    def _read(self) -> tuple[str, str, dict[str, float], tuple[Measure, ...]]:
        """The form as values, or BonewiseError (with the field to focus as its second arg)."""
        name = self._name.text().strip()
        if not name:
            raise BonewiseError("Give the food a name.", self._name)
        aisle = self._aisle.currentText().strip() or FOOD_AISLE
        if any(unicodedata.category(c) in ("Cc", "Cs") for c in aisle):
            raise BonewiseError("The aisle must be one line of text.", self._aisle)
        supplement = self.supplement
        factor = 100.0 if supplement else 1.0
        nutrients: dict[str, float] = {}
        for key, edit in self._fields.items():
            self._add_value(nutrients, key, edit, factor, supplement)
        for combo, edit in self._others.rows():
            key = cast(QComboBox, combo).currentData()
            if key in nutrients:
                raise BonewiseError(f"{_field_name(key)} is entered twice.", edit)
            if not edit.text().strip():
                raise BonewiseError(f"Type an amount for {_field_name(key)}, or remove that row.", edit)
            self._add_value(nutrients, key, edit, factor, supplement)
        if not nutrients:
            raise BonewiseError("Enter at least one nutrient amount.", self._fields["calcium_mg"])
        if supplement:
            dose = self._dose.text().strip()
            if not dose:
                raise BonewiseError("Name the dose, for example “tablet” or “capsule”.", self._dose)
            measures: tuple[Measure, ...] = (Measure(dose, 1.0),)
        else:
            measures = self._read_measures()
        return name, aisle, nutrients, measures

    def _add_value(self, nutrients: dict[str, float], key: str, edit: QLineEdit, factor: float,
                   supplement: bool) -> None:
        try:
            value = parse_value(edit.text(), BY_KEY[key].label)
        except BonewiseError as error:
            raise BonewiseError(str(error), edit) from None
        if value is None:
            return
        unit, label = BY_KEY[key].unit, BY_KEY[key].label
        typed = f"{edit.text().strip()} {unit}"
        kind = FoodKind.SUPPLEMENT if supplement else FoodKind.CUSTOM
        if supplement:
            if value * factor > max_per_100g(unit, kind):
                raise BonewiseError(f"{label}: {typed} in one dose is more than a supplement holds; "
                                    "check the number and the unit.", edit)
        elif value > max_per_100g(unit, kind):
            raise BonewiseError(f"{label}: {typed} in 100 g is more than a food can hold; "
                                "check the number and the unit.", edit)
        nutrients[key] = value * factor

    def _read_measures(self) -> tuple[Measure, ...]:
        measures: list[Measure] = []
        seen: set[str] = set()
        for name_edit, grams_edit in self._measures.rows():
            name = cast(QLineEdit, name_edit).text().strip()
            grams_text = grams_edit.text().strip()
            if not name and not grams_text:
                continue  # an empty row is simply ignored
            if not name:
                raise BonewiseError("Name the measure, for example “cup” or “slice”.", name_edit)
            try:
                grams = parse_value(grams_text, f"The weight of “{name}”", allow_zero=False)
            except BonewiseError as error:
                raise BonewiseError(str(error), grams_edit) from None
            if grams is None:
                raise BonewiseError(f"Type how many grams one “{name}” weighs.", grams_edit)
            if grams > MAX_GRAMS:
                raise BonewiseError(f"“{name}” cannot weigh more than 100 kg.", grams_edit)
            if name.casefold() in seen:
                raise BonewiseError(f"The measure “{name}” is listed twice.", name_edit)
            seen.add(name.casefold())
            measures.append(Measure(name, grams))
        return tuple(measures)

    def show_error(self, message: str, field: QWidget | None = None) -> None:
        self._error.setText(f"⚠ {message}")
        self._error.show()
        if field is not None:
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(field, QLineEdit):
                field.selectAll()

    def error_text(self) -> str:
        return self._error.text() if self._error.isVisible() or self._error.text() else ""

    def accept(self) -> None:
        try:
            name, aisle, nutrients, measures = self._read()
        except BonewiseError as error:
            message, field = (error.args + (None,))[:2]
            self.show_error(message, field)
            return
        kind = FoodKind.SUPPLEMENT if self.supplement else FoodKind.CUSTOM
        try:
            self.food = self._save(name, aisle, nutrients, measures, kind)
        except BonewiseError as error:
            self.show_error(str(error.args[0]) if error.args else "The food could not be saved.")
            return
        super().accept()

    def _save(self, name: str, aisle: str, nutrients: Mapping[str, float],
              measures: Sequence[Measure], kind: FoodKind) -> Food:
        if self._original is None:
            return self._foods.add_custom(name, nutrients, measures, kind=kind, aisle=aisle)
        else:
            food = replace(self._original, name=name, aisle=aisle, nutrients=dict(nutrients),
                           measures=tuple(measures))
            self._foods.update_custom(food)
        return self._foods.get(food.id) or food
