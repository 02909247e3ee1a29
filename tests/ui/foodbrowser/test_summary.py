"""Serving summaries beside search hits: five nutrients, unknown never shown as zero."""

from __future__ import annotations

from browserdata import MILK, NATTO, TABLET

from bonewise.core.foods import Measure

from bonewise.ui.foodbrowser.summary import measure_text, per_100g, serving_summary


def test_summary_of_a_cup_of_milk():
    assert serving_summary(MILK, MILK.measures[0]) == (
        "1 cup (244 g): Ca 293 mg · D 120 IU · K2 ? · Mg 26.8 mg · Protein 8.1 g")


def test_k2_comes_from_the_estimate_and_is_marked_approximate():
    assert per_100g(NATTO, "vitamin_k2_ug") == 939.0
    assert "K2 ≈1,643 µg" in serving_summary(NATTO, NATTO.measures[0])
    assert "D ?" in serving_summary(NATTO, NATTO.measures[0])  # no vitamin D data: unknown


def test_supplement_dose_is_named_without_its_nominal_weight():
    assert measure_text(TABLET, TABLET.measures[0]) == "1 tablet"
    assert serving_summary(TABLET, TABLET.measures[0]).startswith("1 tablet: Ca 600 mg · D ?")


def test_hundred_grams_and_fractional_measures():
    assert measure_text(MILK, Measure("g", 100.0, 100.0)) == "100 g"
    assert measure_text(MILK, Measure("cup", 122.0, 0.5)) == "0.5 cup (122 g)"
