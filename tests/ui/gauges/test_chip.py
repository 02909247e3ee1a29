"""The compact supporting-nutrient chip."""

from __future__ import annotations

from gaugedata import total

from bonewise.core.gauge import gauge_reading
from bonewise.core.targets import default_targets

from bonewise.ui.gauges.chip import NutrientChip, chip_value, target_phrase

TARGETS = default_targets()


def test_target_phrases_read_naturally():
    assert target_phrase("fiber_g", TARGETS["fiber_g"]) == "target 21 g or more"
    assert target_phrase("sodium_mg", TARGETS["sodium_mg"]) == "keep under 2,300 mg"
    assert target_phrase("caffeine_mg", None) == "tracked, no target"


def test_values_mark_unknown_and_lower_bounds_never_zero():
    assert chip_value(None) == "—"
    assert chip_value(total("fiber_g", 0, known=0, unknown=2)) == "? unknown"
    assert chip_value(total("fiber_g", 12.5, known=2, unknown=1)) == "≥ 12.5 g"
    assert chip_value(total("sodium_mg", 1800, known=4)) == "1,800 mg"


def test_chip_shows_symbol_amount_and_target(qtbot):
    chip = NutrientChip("fiber_g")
    qtbot.add_widget(chip)
    tot = total("fiber_g", 14, known=3)
    reading = gauge_reading(tot, TARGETS["fiber_g"])
    chip.set_reading(reading, TARGETS["fiber_g"], tot)
    assert chip.lines == ("Fiber", "▽ 14 g", "target 21 g or more")
    assert "below target" in chip.accessibleDescription().lower()
    chip.resize(chip.sizeHint())
    assert not chip.grab().toImage().isNull()
