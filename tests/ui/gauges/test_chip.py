"""The compact supporting-nutrient chip."""

from __future__ import annotations

from gaugedata import total

from bonewise.core.plan import Person
from bonewise.core.status import read
from bonewise.core.targets import targets_for

from bonewise.ui.gauges.chip import NutrientChip, chip_value

TARGETS = targets_for(Person("Zoë"))


def test_values_mark_unknown_and_lower_bounds_never_zero():
    assert chip_value(None) == "—"
    assert chip_value(total("fiber_g", 0, known=0)) == "nothing planned"
    assert chip_value(total("fiber_g", 0, known=0, unknown=2)) == "no data"
    assert chip_value(total("fiber_g", 0, known=1, unknown=1)) == "no data"  # never "≥ 0 g"
    assert chip_value(total("fiber_g", 12.5, known=2, unknown=1)) == "≥ 12.5 g"
    assert chip_value(total("sodium_mg", 1800, known=4)) == "1,800 mg"


def test_chip_shows_symbol_amount_and_target_by_kind(qtbot):
    chip = NutrientChip("fiber_g")
    qtbot.add_widget(chip)
    chip.set_reading(read(total("fiber_g", 14, known=3), TARGETS["fiber_g"]))
    assert chip.lines == ("Fiber", "▽ 14 g", "target at least 21 g")
    assert "below target" in chip.accessibleDescription().lower()
    chip.resize(chip.sizeHint())
    assert not chip.grab().toImage().isNull()
    sodium = NutrientChip("sodium_mg")
    qtbot.add_widget(sodium)
    sodium.set_reading(read(total("sodium_mg", 2400, known=3), TARGETS["sodium_mg"]))
    assert sodium.lines == ("Sodium", "▲ 2,400 mg", "ceiling 2,300 mg")
    assert "above the ceiling" in sodium.accessibleDescription().lower()


def test_total_vitamin_k_chip(qtbot):
    chip = NutrientChip("vitamin_k_total_ug")
    qtbot.add_widget(chip)
    chip.set_reading(read(total("vitamin_k_total_ug", 140, known=2, unknown=3), TARGETS["vitamin_k_total_ug"]))
    assert chip.lines == ("Vitamin K, total", "✓ ≥ 140 µg", "target at least 90 µg")
