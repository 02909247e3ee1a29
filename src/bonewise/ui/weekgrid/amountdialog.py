"""Change the amount of one item: a number and a measure, with the grams and calcium shown live."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from bonewise.core import amounts
from bonewise.core.plan import Entry
from bonewise.core.rules import MAX_COUNT, MAX_GRAMS
from bonewise.core.totals import entry_amounts, format_amount, format_number
from bonewise.errors import BonewiseError

if TYPE_CHECKING:
    from bonewise.ui.document import PlanDocument

GRAMS = "g"


class AmountDialog(QDialog):
    """Edits how much of an item there is; ``new_entry()`` is the result after ``exec()``."""

    def __init__(self, document: PlanDocument, entry: Entry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._entry = entry
        self._food = document.food(entry.food_id)
        self._recipe = document.recipes.get(entry.recipe_id) if entry.recipe_id else None
        name = document.item_name(entry)
        self.setWindowTitle(f"Amount of {name}")

        self.count = QDoubleSpinBox(self)
        self.count.setDecimals(2)
        self.count.setAccessibleName("Amount")
        self.unit = QComboBox(self)
        self.unit.setAccessibleName("Measure")
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName("What this amount gives")
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem")

        title = QLabel(name, self)
        title.setWordWrap(True)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        form = QFormLayout()
        form.addRow("&Amount:", self.count)
        if self._recipe is None:
            form.addRow("&Measure:", self.unit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

        self._fill()
        self.count.valueChanged.connect(self._update_preview)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self._update_preview()
        self.count.setFocus()
        self.count.selectAll()

    def _fill(self) -> None:
        entry = self._entry
        if self._recipe is not None:
            self.count.setRange(0.01, MAX_COUNT)
            self.count.setSuffix(" portions")
            self.count.setValue(entry.count or 1)
            return
        self._grams_per_unit: list[float] = []
        food = self._food
        for measure in food.measures if food else ():
            label = f"{measure.name} ({format_number(measure.grams_per_unit)} g each)"
            if food is not None and food.is_supplement:
                label = measure.name
            self.unit.addItem(label, measure.name)
            self._grams_per_unit.append(measure.grams_per_unit)
        self.unit.addItem("grams", GRAMS)
        self._grams_per_unit.append(1.0)
        self.count.setRange(0.01, MAX_GRAMS)
        at = self.unit.findData(entry.measure) if entry.measure else -1
        if at < 0:
            self.unit.setCurrentIndex(self.unit.count() - 1)
            self.count.setValue(entry.grams)
        else:
            self.unit.setCurrentIndex(at)
            self.count.setValue(entry.count if entry.count is not None else 1)
        self._last_unit = self.unit.currentIndex()

    def _unit_changed(self, index: int) -> None:
        # Keep the weight when the measure changes: 244 g stays 244 g, as 1 cup or 8.6 oz.
        grams = self.count.value() * self._grams_per_unit[self._last_unit]
        self._last_unit = index
        self.count.setValue(round(grams / self._grams_per_unit[index], 2))
        self._update_preview()

    def new_entry(self) -> Entry:
        """The item with the chosen amount; BonewiseError if the amount is not usable."""
        value = self.count.value()
        if self._recipe is not None:
            return amounts.entry_for_recipe(self._recipe, value)
        if self._food is None:
            raise BonewiseError("This food is no longer in the food store; remove the item instead.")
        unit = self.unit.currentData()
        if unit == GRAMS:
            return amounts.entry_for(self._food, grams=value)
        return amounts.entry_for(self._food, measure=unit, count=value)

    def _update_preview(self) -> None:
        try:
            entry = self.new_entry()
        except BonewiseError as exc:
            self.problem.setText(f"⚠ {exc}")
            self.preview.clear()
            return
        self.problem.clear()
        values = entry_amounts(entry, self._document.foods, self._document.recipes,
                                ("calcium_mg", "vitamin_d_iu", "protein_g"))
        parts = [] if entry.recipe_id else [f"= {format_number(entry.grams)} g"]
        for key, value in values.items():
            name = {"calcium_mg": "calcium", "vitamin_d_iu": "vitamin D", "protein_g": "protein"}[key]
            parts.append(f"{name} {'unknown' if value is None else format_amount(value, key)}")
        self.preview.setText(" · ".join(parts))

    def accept(self) -> None:
        try:
            self.new_entry()
        except BonewiseError as exc:
            self.problem.setText(f"⚠ {exc}")
            return
        super().accept()

