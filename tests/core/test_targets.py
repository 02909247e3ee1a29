"""Targets, their sources and limits, personal overrides, T-score categories, lab values."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bonewise.core.nutrients import SUPPORTING_KEYS, TARGET_KEYS
from bonewise.core.plan import Person
from bonewise.core.targets import (
    IOM_1997,
    IOM_2001,
    IOM_2011,
    LimitScope,
    TargetKind,
    band_text,
    check_birth_year,
    check_lab_value,
    check_override,
    check_weight,
    default_targets,
    ng_per_ml_from_nmol,
    nmol_per_l_from_ng,
    reset_targets,
    t_score_category,
    targets_for,
    vitamin_d_lab_reading,
    with_override,
)
from bonewise.errors import BonewiseError


def test_defaults_cover_targets_and_supporting_nutrients_in_order():
    assert tuple(default_targets()) == TARGET_KEYS + SUPPORTING_KEYS


@pytest.mark.parametrize(
    ("key", "low", "high", "limit", "scope"),
    [
        ("calcium_mg", 1200, 1500, 2000, LimitScope.TOTAL),
        ("vitamin_d_iu", 800, 1000, 4000, LimitScope.TOTAL),
        ("magnesium_mg", 320, None, 350, LimitScope.SUPPLEMENTS),
        ("protein_g", 1.0, 1.2, None, None),
        ("vitamin_k2_ug", 180, None, None, None),
        ("fiber_g", 21, None, None, None),
        ("omega3_g", 1.1, None, None, None),
        ("sodium_mg", None, 2300, None, None),
        ("caffeine_mg", None, 400, None, None),
        ("vitamin_k_total_ug", 90, None, None, None),
    ],
)
def test_default_values_from_targets_md(key, low, high, limit, scope):
    t = default_targets()[key]
    assert (t.low, t.high, t.upper_limit, t.limit_scope) == (low, high, limit, scope)


def test_every_target_and_limit_names_a_source_and_why():
    for t in default_targets().values():
        assert t.source.short and len(t.source.citation) > 40
        assert (t.upper_limit is None) == (t.limit_source is None) == (t.limit_scope is None)
        assert len(t.why) > 60 and t.why.endswith(".")


def test_limits_cite_the_iom():
    targets = default_targets()
    assert targets["calcium_mg"].limit_source == IOM_2011
    assert targets["vitamin_d_iu"].limit_source == IOM_2011
    assert targets["magnesium_mg"].limit_source == IOM_1997
    assert "supplements and medicines only" in IOM_1997.citation


def test_unverified_values_say_so_in_their_citation():
    targets = default_targets()
    for key in ("fiber_g", "omega3_g", "sodium_mg", "caffeine_mg"):
        assert "UNVERIFIED" in targets[key].source.citation, key
    assert "secondary" in targets["magnesium_mg"].source.citation


def test_k2_is_tracked_against_the_trial_dose_not_a_target():
    k2 = default_targets()["vitamin_k2_ug"]
    assert k2.tracked_only and not k2.has_band
    assert k2.source.short == "Knapen 2013" and "180 µg" in k2.note
    assert k2.upper_limit is None


def test_omega3_says_what_is_counted():
    assert "Total omega-3" in default_targets()["omega3_g"].note


def test_protein_needs_a_weight_and_none_is_invented():
    protein = targets_for(Person("Zoë"))["protein_g"]
    assert protein.per_kg and not protein.has_band
    assert (protein.low, protein.high, protein.unit) == (1.0, 1.2, "g/kg")
    assert "body weight" in protein.note


def test_protein_with_weight_is_in_grams():
    protein = targets_for(Person("Zoë", weight_kg=65))["protein_g"]
    assert not protein.per_kg and protein.has_band and protein.unit == "g"
    assert protein.low == pytest.approx(65.0) and protein.high == pytest.approx(78.0)
    assert protein.note == "1.0–1.2 g per kg × 65 kg body weight."


def test_override_replaces_the_band_and_names_itself_as_personal():
    person = with_override(Person("Ann"), "calcium_mg", 1000, 1200)
    calcium = targets_for(person)["calcium_mg"]
    assert (calcium.low, calcium.high, calcium.upper_limit) == (1000, 1200, 2000)
    assert calcium.personal and calcium.source.short == "Personal target"
    assert "1,200–1,500 mg" in calcium.source.citation and "Ann" in calcium.source.citation
    assert targets_for(person)["vitamin_d_iu"] == default_targets()["vitamin_d_iu"]


def test_protein_override_is_per_kg_then_weighted():
    person = with_override(Person("Ann", weight_kg=60), "protein_g", 1.2, 1.5)
    protein = targets_for(person)["protein_g"]
    assert protein.low == pytest.approx(72.0) and protein.high == pytest.approx(90.0)


def test_reset_one_or_all():
    person = with_override(with_override(Person("Ann"), "calcium_mg", 1000, 1200), "fiber_g", 25, None)
    assert set(reset_targets(person, "fiber_g").target_overrides) == {"calcium_mg"}
    assert dict(reset_targets(person).target_overrides) == {}
    assert targets_for(reset_targets(person)) == targets_for(Person("Ann"))


@pytest.mark.parametrize(
    ("key", "low", "high"),
    [
        ("calcium", 1, 2),
        ("calcium_mg", None, None),
        ("calcium_mg", 1500, 1200),
        ("calcium_mg", -1, 1200),
        ("calcium_mg", float("nan"), 1200),
        ("calcium_mg", 1000, float("inf")),
        ("calcium_mg", "1000", 1200),
        ("calcium_mg", True, 1200),
        ("calcium_mg", 1e9, None),
    ],
)
def test_bad_overrides_are_refused(key, low, high):
    with pytest.raises(BonewiseError):
        check_override(key, low, high)


def test_unknown_override_key_is_ignored_when_reading_targets():
    person = Person("Ann", target_overrides={"retired_key": (1.0, 2.0)})
    assert targets_for(person) == targets_for(Person("Ann"))


@pytest.mark.parametrize("weight", [0, 5, 1000, float("nan")])
def test_implausible_weight_is_refused(weight):
    with pytest.raises(BonewiseError):
        targets_for(Person("Ann", weight_kg=weight))


@pytest.mark.parametrize(
    ("t", "category"),
    [
        (0.5, "normal"),
        (-1.0, "normal"),
        (-1.01, "osteopenia"),
        (-2.49, "osteopenia"),
        (-2.5, "osteoporosis"),
        (-3.2, "osteoporosis"),
    ],
)
def test_t_score_categories_at_the_who_boundaries(t, category):
    name, source = t_score_category(t)
    assert name == category and source.short == "WHO 1994"


@pytest.mark.parametrize("t", [float("nan"), float("inf"), -11, "−1.8", None])
def test_t_score_refuses_non_numbers(t):
    with pytest.raises(BonewiseError):
        t_score_category(t)


def test_lab_unit_conversion_round_trips():
    assert nmol_per_l_from_ng(30) == pytest.approx(74.88)
    assert ng_per_ml_from_nmol(nmol_per_l_from_ng(42.5)) == pytest.approx(42.5)


@pytest.mark.parametrize(
    ("ng", "status"), [(29.9, "low"), (30, "in_range"), (50, "in_range"), (50.1, "high")]
)
def test_lab_reading_against_30_to_50(ng, status):
    reading = vitamin_d_lab_reading(ng)
    assert reading.status == status
    assert math.isclose(reading.nmol_l, ng * 2.496)
    assert "ng/mL" in reading.text and "UNVERIFIED" in reading.source.citation


@pytest.mark.parametrize("ng", [0, -5, 300, float("nan"), "30"])
def test_lab_reading_refuses_implausible_values(ng):
    with pytest.raises(BonewiseError):
        vitamin_d_lab_reading(ng)


def test_band_text():
    assert band_text(1200, 1500, "mg") == "1,200–1,500 mg"
    assert band_text(1.0, 1.2, "g per kg") == "1.0–1.2 g per kg"
    assert band_text(320, None, "mg") == "at least 320 mg"
    assert band_text(None, 2300, "mg") == "at most 2,300 mg"


@given(
    st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(min_value=-(10**500), max_value=10**500),
        st.text(max_size=8),
        st.booleans(),
        st.none(),
    )
)
def test_number_checks_only_raise_bonewise_error(value):
    for check in (
        lambda: check_weight(value),
        lambda: t_score_category(value),
        lambda: check_lab_value(value),
        lambda: check_override("calcium_mg", value, None),
    ):
        try:
            check()
        except BonewiseError:
            pass


# ----------------------------------------------------------------------------- kinds, ages, vitamin K


def test_kinds_read_as_their_phrases():
    t = targets_for(Person("Zoë", weight_kg=64))
    assert t["calcium_mg"].phrase() == "target 1,200–1,500 mg"
    assert t["vitamin_d_iu"].phrase() == "target at least 800–1,000 IU (20–25 µg)"
    assert t["protein_g"].phrase() == "target at least 64.0–76.8 g"
    assert t["magnesium_mg"].phrase() == "target at least 320 mg"
    assert t["sodium_mg"].phrase() == "ceiling 2,300 mg"
    assert t["vitamin_k2_ug"].phrase() == "trial reference 180 µg"
    assert t["vitamin_k_total_ug"].phrase() == "target at least 90 µg"


@pytest.mark.parametrize(
    ("key", "low", "high", "words"),
    [
        ("vitamin_d_iu", None, 2000, "minimum: give its lower end"),
        ("protein_g", None, 1.5, "minimum: give its lower end"),
        ("sodium_mg", 1500, 2300, "maximum: give only its upper end"),
    ],
)
def test_overrides_keep_the_kind_of_their_target(key, low, high, words):
    with pytest.raises(BonewiseError, match=words):
        check_override(key, low, high)


def test_total_vitamin_k_has_the_iom_adequate_intake_and_no_limit():
    k = default_targets()["vitamin_k_total_ug"]
    assert (k.kind, k.low, k.upper_limit, k.source) == (TargetKind.FLOOR, 90.0, None, IOM_2001)
    assert "90 µg" in IOM_2001.citation and "never one counted as the other" in k.note


@pytest.mark.parametrize(
    ("birth_year", "limit", "note"),
    [
        (1960, 2000.0, "ages 51 and over"),
        (1975, 2000.0, "ages 51 and over"),  # turns 51 in 2026: the lower, safer limit
        (1976, 2500.0, "ages 19–50"),
        (1990, 2500.0, "ages 19–50"),
        (None, 2000.0, "ages 51 and over, as no year of birth is recorded"),
    ],
)
def test_calcium_upper_limit_follows_age_iom_2011(birth_year, limit, note):
    calcium = targets_for(Person("Ann", birth_year=birth_year), dt.date(2026, 6, 1))["calcium_mg"]
    assert (calcium.upper_limit, calcium.limit_note, calcium.limit_source) == (limit, note, IOM_2011)
    assert calcium.limit_text() == f"{limit:,.0f} mg ({note})"


def test_the_age_is_read_in_the_year_of_the_week():
    person = Person("Ann", birth_year=1976)
    assert targets_for(person, dt.date(2026, 12, 31))["calcium_mg"].upper_limit == 2500.0
    assert targets_for(person, dt.date(2027, 1, 4))["calcium_mg"].upper_limit == 2000.0


def test_other_limits_do_not_depend_on_age():
    young = targets_for(Person("Ann", birth_year=1990), dt.date(2026, 1, 1))
    assert young["vitamin_d_iu"].upper_limit == 4000.0 and young["magnesium_mg"].upper_limit == 350.0


@pytest.mark.parametrize("year", [1900, 1961, 2007, 2007.0])
def test_plausible_birth_years(year):
    assert check_birth_year(year, dt.date(2026, 5, 1)) == int(year)


@pytest.mark.parametrize("year", [1899, 2008, 2026, 1961.5, "1961", None, True, float("nan")])
def test_implausible_birth_years_are_refused_in_one_sentence(year):
    with pytest.raises(BonewiseError, match=r"year of birth must be .*\.$"):
        check_birth_year(year, dt.date(2026, 5, 1))
