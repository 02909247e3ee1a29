"""Gauge readings for every state, with symbols and labels that do not rely on colour."""

from __future__ import annotations

import pytest

from bonewise.core.gauge import SYMBOLS, gauge_reading
from bonewise.core.plan import Person
from bonewise.core.targets import default_targets, targets_for
from bonewise.core.totals import Total

TARGETS = targets_for(Person("Zoë", weight_kg=65))


def total(key, value, known=1, unknown=0, supp=0.0):
    return Total(key, value, known, unknown, tuple(f"food {i}" for i in range(unknown)), supp)


@pytest.mark.parametrize(
    ("value", "state", "symbol"),
    [
        (1199.9, "below", "▽"),
        (1200, "in_band", "✓"),
        (1500, "in_band", "✓"),
        (1500.1, "above_band", "△"),
        (2000, "above_band", "△"),
        (2000.1, "over_limit", "▲"),
    ],
)
def test_calcium_states_at_their_boundaries(value, state, symbol):
    reading = gauge_reading(total("calcium_mg", value), TARGETS["calcium_mg"])
    assert (reading.state, reading.symbol) == (state, symbol)


def test_in_band_label_and_fraction():
    reading = gauge_reading(total("calcium_mg", 1210.4, known=9), TARGETS["calcium_mg"])
    assert reading.label == "1,210 of 1,200–1,500 mg"
    assert reading.fraction == pytest.approx(1210.4 / 1500)
    assert reading.low_mark == pytest.approx(0.8) and reading.limit_mark == pytest.approx(2000 / 1500)
    assert reading.status == "within target" and reading.complete


def test_incomplete_data_reads_at_least():
    reading = gauge_reading(total("calcium_mg", 850, known=7, unknown=2), TARGETS["calcium_mg"])
    assert reading.state == "below" and not reading.complete
    assert reading.label == "at least 850 of 1,200–1,500 mg · 2 of 9 foods unknown"


def test_no_data_at_all_is_unknown_not_zero():
    reading = gauge_reading(total("vitamin_d_iu", 0.0, known=0, unknown=3), TARGETS["vitamin_d_iu"])
    assert (reading.state, reading.symbol, reading.fraction) == ("unknown", "?", 0.0)
    assert reading.label == "unknown · 3 of 3 foods unknown"


def test_nothing_planned_is_below_with_zero():
    reading = gauge_reading(total("vitamin_d_iu", 0.0, known=0), TARGETS["vitamin_d_iu"])
    assert reading.state == "below" and reading.label == "0 of 800–1,000 IU"


def test_over_the_total_limit_even_with_unknowns():
    reading = gauge_reading(total("vitamin_d_iu", 4100, known=2, unknown=1), TARGETS["vitamin_d_iu"])
    assert reading.state == "over_limit"
    assert reading.label == "at least 4,100 IU · over the 4,000 IU upper limit · 1 of 3 foods unknown"


def test_magnesium_limit_counts_supplements_only():
    target = TARGETS["magnesium_mg"]
    food_only = gauge_reading(total("magnesium_mg", 600, supp=0.0), target)
    assert food_only.state == "in_band"  # food magnesium never counts toward the limit
    at_limit = gauge_reading(total("magnesium_mg", 600, supp=350), target)
    assert at_limit.state == "in_band"
    over = gauge_reading(total("magnesium_mg", 600, supp=351), target)
    assert over.state == "over_limit" and over.symbol == "▲"
    assert over.label == "600 mg · 351 mg from supplements, over the 350 mg limit for supplements"


def test_k2_is_tracked_against_the_trial_reference():
    reading = gauge_reading(total("vitamin_k2_ug", 95), TARGETS["vitamin_k2_ug"])
    assert (reading.state, reading.symbol) == ("tracked", "○")
    assert reading.label == "95 µg · trial reference 180 µg"
    assert reading.fraction == pytest.approx(95 / 180)


def test_protein_without_weight_is_tracked_and_says_why():
    target = targets_for(Person("Ann"))["protein_g"]
    reading = gauge_reading(total("protein_g", 62.5), target)
    assert reading.state == "tracked" and reading.fraction == 0.0
    assert reading.status == "no body weight recorded"
    assert reading.label == "62.5 g · target 1.0–1.2 g per kg (no body weight recorded)"


def test_protein_with_weight():
    reading = gauge_reading(total("protein_g", 70), TARGETS["protein_g"])
    assert reading.state == "in_band" and reading.label == "70 of 65–78 g"


def test_supporting_nutrients_without_upper_limit():
    targets = default_targets()
    assert gauge_reading(total("sodium_mg", 2300), targets["sodium_mg"]).state == "in_band"
    high = gauge_reading(total("sodium_mg", 2301), targets["sodium_mg"])
    assert (high.state, high.label) == ("above_band", "2,301 mg · at most 2,300 mg")
    fiber = gauge_reading(total("fiber_g", 18), targets["fiber_g"])
    assert (fiber.state, fiber.label) == ("below", "18 of 21 g")
    assert gauge_reading(total("fiber_g", 40), targets["fiber_g"]).state == "in_band"


def test_every_state_has_a_distinct_symbol():
    assert len(set(SYMBOLS.values())) == len(SYMBOLS)


def test_mismatched_keys_are_a_programming_error():
    with pytest.raises(ValueError):
        gauge_reading(total("calcium_mg", 1), TARGETS["protein_g"])
