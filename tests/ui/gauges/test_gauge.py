"""NutrientGauge: geometry and words from the core reading, painting, accessibility."""

from __future__ import annotations

import dataclasses

import pytest
from gaugedata import total
from PySide6.QtCore import Qt

from bonewise.core.gauge import SYMBOLS, gauge_reading
from bonewise.core.plan import Person
from bonewise.core.targets import default_targets, targets_for

from bonewise.ui.gauges.gauge import NutrientGauge, gauge_scale, gauge_texts

TARGETS = targets_for(Person("Zoë", weight_kg=64.0))


# --- geometry (pure) -----------------------------------------------------------------------

def test_calcium_band_and_limit_sit_where_the_numbers_say():
    scale = gauge_scale(TARGETS["calcium_mg"], total("calcium_mg", 1100))
    span = 1500 * 1.5  # room to the right of the band, which includes the 2,000 mg limit
    assert scale.band_low == pytest.approx(1200 / span)
    assert scale.band_high == pytest.approx(1500 / span)
    assert scale.limit == pytest.approx(2000 / span)
    assert scale.value == pytest.approx(1100 / span)
    assert not scale.overflow and not scale.lower_bound


def test_a_far_limit_is_named_not_drawn():
    scale = gauge_scale(TARGETS["vitamin_d_iu"], total("vitamin_d_iu", 900))
    assert scale.limit is None  # 4,000 IU would squeeze the 800–1,000 band to a sliver
    assert scale.band_high == pytest.approx(1 / 1.5)


def test_a_supplement_only_limit_is_not_drawn_on_the_total():
    scale = gauge_scale(TARGETS["magnesium_mg"], total("magnesium_mg", 400, supplements=100))
    assert scale.limit is None
    assert scale.band_low is not None and scale.band_high is None  # "at least 320 mg": open band
    assert scale.food < scale.value  # the supplement part of the bar is its own segment


def test_k2_has_a_reference_tick_and_no_band():
    scale = gauge_scale(TARGETS["vitamin_k2_ug"], total("vitamin_k2_ug", 60))
    assert scale.band_low is None and scale.band_high is None
    assert scale.reference == pytest.approx(1 / 1.5)


def test_protein_without_body_weight_draws_no_band_in_the_wrong_unit():
    per_kg = default_targets()["protein_g"]
    assert per_kg.per_kg
    scale = gauge_scale(per_kg, total("protein_g", 70))
    assert scale.band_low is None and scale.band_high is None


def test_overflow_and_lower_bound_are_flagged():
    scale = gauge_scale(TARGETS["calcium_mg"], total("calcium_mg", 9000, known=3, unknown=1))
    assert scale.value == 1.0 and scale.overflow and scale.lower_bound


# --- words (pure) --------------------------------------------------------------------------

def texts(key, tot, target=None):
    target = target or TARGETS[key]
    return gauge_texts(key, gauge_reading(tot, target), target, tot)


def test_vitamin_d_reads_in_iu_and_micrograms():
    t = texts("vitamin_d_iu", total("vitamin_d_iu", 920, known=4))
    assert t.value.startswith("920 of 800–1,000 IU (23 of 20–25 µg)")
    assert "4,000 IU" in t.limit and "IOM 2011" in t.limit


def test_k2_is_tracked_against_a_trial_reference_not_a_target():
    t = texts("vitamin_k2_ug", total("vitamin_k2_ug", 42, known=2))
    assert t.value == "42 µg · tracked (trial reference 180 µg MK-7)"
    assert t.state == f"{SYMBOLS['tracked']} Tracked, no target"
    assert "target 180" not in t.value


def test_missing_data_reads_as_a_lower_bound_and_names_the_foods():
    t = texts("calcium_mg", total("calcium_mg", 850, known=7, unknown=2, names=("Soup", "Stew")))
    assert t.value == "at least 850 of 1,200–1,500 mg · 2 of 9 foods unknown"
    assert t.coverage == "no data for: Soup; Stew"
    assert t.state.startswith(SYMBOLS["below"])


def test_all_unknown_is_never_shown_as_zero():
    t = texts("calcium_mg", total("calcium_mg", 0, known=0, unknown=3, names=("A", "B", "C")))
    assert t.state.startswith("?")
    assert "0 mg" not in t.value and "unknown" in t.value


def test_supplement_limit_names_its_scope_and_source():
    t = texts("magnesium_mg", total("magnesium_mg", 500, known=3, supplements=400))
    assert t.state.startswith(SYMBOLS["over_limit"])
    assert t.limit == "supplement limit 350 mg · IOM 1997"
    assert "from supplements, 400 mg planned" in t.description


def test_tooltip_escapes_text_and_carries_why_and_citation():
    target = dataclasses.replace(TARGETS["sodium_mg"], why="Keep it < 2,300 mg & watch <b>salt</b>")
    t = texts("sodium_mg", total("sodium_mg", 1000), target)
    assert "&lt; 2,300 mg &amp; watch &lt;b&gt;salt&lt;/b&gt;" in t.tooltip
    assert "NASEM 2019" in t.tooltip or "National Academies" in t.tooltip


# --- widget --------------------------------------------------------------------------------

STATES = {
    "below": ("calcium_mg", total("calcium_mg", 600, known=3)),
    "in_band": ("calcium_mg", total("calcium_mg", 1300, known=5)),
    "above_band": ("calcium_mg", total("calcium_mg", 1700, known=5)),
    "over_limit": ("calcium_mg", total("calcium_mg", 2600, known=5, supplements=1200)),
    "tracked": ("vitamin_k2_ug", total("vitamin_k2_ug", 30, known=2, unknown=1, names=("Tofu",))),
    "unknown": ("vitamin_d_iu", total("vitamin_d_iu", 0, known=0, unknown=2, names=("A", "B"))),
}


@pytest.mark.parametrize("state", sorted(STATES))
def test_every_state_paints_and_tells_its_state_in_words(qtbot, state):
    key, tot = STATES[state]
    gauge = NutrientGauge(key)
    qtbot.add_widget(gauge)
    gauge.resize(gauge.sizeHint())
    reading = gauge_reading(tot, TARGETS[key])
    assert reading.state == state
    gauge.set_reading(reading, TARGETS[key], tot)
    image = gauge.grab().toImage()
    assert not image.isNull() and image.width() > 0
    description = gauge.accessibleDescription()
    assert reading.symbol in description
    assert reading.status in description.lower()
    assert gauge.accessibleName().endswith("gauge")
    assert reading.status in gauge.toolTip().lower()


def test_no_reading_paints_as_nothing_planned(qtbot):
    gauge = NutrientGauge("protein_g")
    qtbot.add_widget(gauge)
    gauge.resize(300, gauge.heightForWidth(300))
    assert not gauge.grab().toImage().isNull()
    assert "nothing planned" in gauge.accessibleDescription().lower()


def test_a_narrow_gauge_wraps_its_reading_instead_of_cutting_it(qtbot):
    gauge = NutrientGauge("vitamin_d_iu")
    qtbot.add_widget(gauge)
    tot = total("vitamin_d_iu", 727, known=10, unknown=2, names=("Tofu", "Soup"))
    gauge.set_reading(gauge_reading(tot, TARGETS["vitamin_d_iu"]), TARGETS["vitamin_d_iu"], tot)
    wide, narrow = gauge.heightForWidth(2000), gauge.heightForWidth(220)
    assert narrow > wide
    gauge.show()
    gauge.resize(220, narrow)
    qtbot.wait_until(lambda: gauge.width() == 220)
    assert len(gauge._layout.value) > 1
    assert "".join(gauge._layout.value).replace("\u00a0", " ").replace(" ", "") == \
        gauge.texts.value.replace(" ", "")


def test_same_reading_again_does_no_work(qtbot, monkeypatch):
    gauge = NutrientGauge("calcium_mg")
    qtbot.add_widget(gauge)
    tot = total("calcium_mg", 1300, known=5)
    reading = gauge_reading(tot, TARGETS["calcium_mg"])
    gauge.set_reading(reading, TARGETS["calcium_mg"], tot)
    calls = []
    monkeypatch.setattr(gauge, "update", lambda: calls.append(1))
    gauge.set_reading(reading, TARGETS["calcium_mg"], tot)
    assert calls == []
    changed = total("calcium_mg", 1310, known=5)
    gauge.set_reading(gauge_reading(changed, TARGETS["calcium_mg"]), TARGETS["calcium_mg"], changed)
    assert calls == [1]


def test_clicking_selects_the_nutrient(qtbot):
    gauge = NutrientGauge("magnesium_mg")
    qtbot.add_widget(gauge)
    gauge.show()
    with qtbot.wait_signal(gauge.selected) as blocker:
        qtbot.mouseClick(gauge, Qt.MouseButton.LeftButton)
    assert blocker.args == ["magnesium_mg"]

