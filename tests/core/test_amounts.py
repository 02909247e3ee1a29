"""Amounts and measures as people type them, turned into plan entries."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bonewise.core import amounts, phrases, rules
from bonewise.core.plan import Entry, IsoWeek, WeekPlan
from bonewise.errors import BonewiseError

from .sr_foods import CALCIUM_CARBONATE_600, CHEDDAR, MILK, SALMON, VITAMIN_D3_1000, YOGURT

WEEK = IsoWeek(2026, 49)
MON, TUE, WED, SUN = (WEEK.monday() + dt.timedelta(days=i) for i in (0, 1, 2, 6))


def empty() -> WeekPlan:
    return WeekPlan.empty(1, WEEK)


def ids(week: WeekPlan, date: dt.date, slot: str) -> list[str]:
    return [e.id for e in week.day(date).entries(slot)]


# ----------------------------------------------------------------------------- entry_for


def test_entry_for_grams():
    entry = amounts.entry_for(MILK, grams=150)
    assert (entry.food_id, entry.grams, entry.measure, entry.count) == ("01079", 150.0, None, None)


def test_entry_for_measure_resolves_grams_from_the_food():
    entry = amounts.entry_for(MILK, measure="cup", count=1.5)
    assert entry.grams == 244.0 * 1.5
    assert (entry.measure, entry.count) == ("cup", 1.5)


def test_measure_by_full_label_counts_in_single_units():
    # SR24 lists "0.5 container (4 oz)" = 113 g for yogurt 01117: two of them are 226 g,
    # stored as one "container (4 oz)" of 226 g.
    entry = amounts.entry_for(YOGURT, measure="0.5 container (4 oz)", count=2)
    assert entry.grams == 226.0
    assert (entry.measure, entry.count) == ("container (4 oz)", 1.0)
    by_name = amounts.entry_for(YOGURT, measure="container (4 oz)", count=0.5)
    assert by_name.grams == 113.0


def test_measure_names_ignore_case_spacing_and_plurals():
    assert amounts.entry_for(MILK, measure="  CUP ", count=2).grams == 488.0
    assert amounts.entry_for(MILK, measure="cups", count=1).grams == 244.0
    assert amounts.entry_for(CALCIUM_CARBONATE_600, measure="tablets", count=2).grams == 2.0


def test_the_first_word_of_a_measure_is_enough_when_only_one_fits():
    from bonewise.core.foods import Measure

    sardines = dataclasses.replace(
        CHEDDAR, measures=(Measure("can (3.75 oz)", 92.0), Measure("oz", 28.35), Measure("sardines", 24.0, 2))
    )
    measure, grams = amounts.find_measure(sardines, "cans")
    assert (measure.name, grams) == ("can (3.75 oz)", 92.0)
    assert amounts.find_measure(sardines, "sardines")[0].name == "sardines"  # an exact name wins
    two_cups = dataclasses.replace(
        CHEDDAR, measures=(Measure("cup, shredded", 113.0), Measure("cup, diced", 132.0))
    )
    with pytest.raises(BonewiseError, match="no measure called “cup”"):
        amounts.find_measure(two_cups, "cup")  # ambiguous: the user must say which


def test_supplement_dose_measure():
    entry = amounts.entry_for(VITAMIN_D3_1000, measure="softgel")
    assert (entry.grams, entry.measure, entry.count) == (1.0, "softgel", 1.0)


def test_unknown_measure_lists_the_foods_measures():
    with pytest.raises(BonewiseError, match="no measure called “bowl”.*“cup”"):
        amounts.entry_for(MILK, measure="bowl")


@pytest.mark.parametrize(
    "grams",
    [0, -1, -0.0, float("nan"), float("inf"), -float("inf"), 100_000.5, 1e300, "150", "abc", True, None, [1]],
)
def test_invalid_grams_are_refused_with_a_clear_message(grams):
    with pytest.raises(BonewiseError) as info:
        if grams is None:
            amounts.entry_for(MILK)  # neither grams nor measure
        else:
            amounts.entry_for(MILK, grams=grams)
    assert str(info.value).endswith(".")


def test_grams_at_the_maximum_and_the_minimum_are_accepted():
    assert amounts.entry_for(MILK, grams=100_000).grams == 100_000.0
    assert amounts.entry_for(MILK, grams=0.01).grams == 0.01


@pytest.mark.parametrize("count", [0, -2, float("nan"), float("inf"), 1001, "2", False])
def test_invalid_counts_are_refused(count):
    with pytest.raises(BonewiseError):
        amounts.entry_for(MILK, measure="cup", count=count)


def test_measure_times_count_above_the_maximum_is_refused():
    with pytest.raises(BonewiseError, match="weighs"):
        amounts.entry_for(MILK, measure="quart", count=999)  # 975 kg


def test_grams_and_measure_together_are_refused():
    with pytest.raises(BonewiseError, match="either"):
        amounts.entry_for(MILK, grams=100, measure="cup")


# ----------------------------------------------------------------------------- typed amounts
# Amount text is read by core.phrases, the one reader the grid, paste and the CLI share.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("150 g", (150.0, "g")),
        ("150g", (150.0, "g")),
        ("1.5 cup", (1.5, "cup")),
        ("½ cup", (0.5, "cup")),
        ("1½ cups", (1.5, "cup")),
        ("1 1/2 cup", (1.5, "cup")),
        ("3/4 cup", (0.75, "cup")),
        ("1,5", (1.5, None)),
        ("0,250 kg", (0.25, "kg")),
        ("  2   x  cup ", (2.0, "cup")),
        ("１５０ g", (150.0, "g")),  # full-width digits from an IME
        ("100", (100.0, None)),
        ("3 oz.", (3.0, "oz")),
    ],
)
def test_amounts_are_read_as_written(text, expected):
    phrase = phrases.read_phrase(text)
    assert (phrase.quantity, phrase.unit, phrase.food) == (*expected, "")


@pytest.mark.parametrize(
    "text",
    ["", "   ", "-5 g", "−5 g", "0", "0 g", "1/0 cup", "1,500 g", "abc 5", "NaN", "inf", "<script>",
     "9" * 400, None, 5, b"150 g"],
)  # fmt: skip
def test_junk_amounts_are_refused_with_bonewise_error(text):
    with pytest.raises(BonewiseError):
        phrases.entry_from_text(MILK, text)


def test_exponents_are_not_numbers():
    with pytest.raises(BonewiseError, match="plain number.*“1e400”"):
        phrases.entry_from_text(MILK, "1e400")


def test_ambiguous_thousands_comma_explains_both_readings():
    with pytest.raises(BonewiseError, match="write 1500 or 1.500"):
        phrases.entry_from_text(MILK, "1,500 g")


@given(st.text(alphabet="0123456789.,/ ½¼gkcuptabletsx-", max_size=20))
def test_entry_from_text_only_ever_raises_bonewise_error(text):
    try:
        entry = phrases.entry_from_text(MILK, text)
    except BonewiseError:
        return
    assert 0 < entry.grams <= rules.MAX_GRAMS


@pytest.mark.parametrize(
    ("food", "text", "grams", "measure"),
    [
        (MILK, "1 cup", 244.0, "cup"),
        (MILK, "150 g", 150.0, None),
        (MILK, "0,2 kg", 200.0, None),
        (MILK, "2", 488.0, "cup"),  # a bare number counts servings, never grams
        (MILK, "½ cup", 122.0, "cup"),
        (CHEDDAR, "1 oz", 28.35, "oz"),  # SR24's own "oz" measure wins over the unit
        (SALMON, "2 oz", 2 * 85.0 / 3, "oz"),  # SR24: "3 oz" = 85 g
        (MILK, "2 oz", 2 * 28.349523125, None),  # milk has no "oz" measure: avoirdupois
        (CALCIUM_CARBONATE_600, "2", 2.0, "tablet"),  # a bare number counts doses
        (CALCIUM_CARBONATE_600, "1 tablet", 1.0, "tablet"),
    ],
)
def test_entry_from_text(food, text, grams, measure):
    entry = phrases.entry_from_text(food, text)
    assert entry.grams == pytest.approx(grams, rel=1e-12)
    assert entry.measure == measure


# ----------------------------------------------------------------------------- recipes


def test_make_recipe_and_recipe_entry():
    recipe = rules.make_recipe("  Porridge ", [amounts.entry_for(MILK, measure="cup")], portions=2)
    assert (recipe.name, recipe.portions, len(recipe.entries)) == ("Porridge", 2.0, 1)
    entry = amounts.entry_for_recipe(recipe, 1.5)
    assert (entry.recipe_id, entry.count, entry.food_id, entry.grams) == (recipe.id, 1.5, None, 0.0)


@pytest.mark.parametrize(
    ("name", "entries", "portions"),
    [("", "milk", 1), ("Soup", "", 1), ("Soup", "milk", 0), ("Soup", "milk", float("nan")), (None, "milk", 1)],
)
def test_make_recipe_refuses_bad_input(name, entries, portions):
    items = [amounts.entry_for(MILK, grams=100)] if entries else []
    with pytest.raises(BonewiseError):
        rules.make_recipe(name, items, portions)


def test_recipe_cannot_contain_itself():
    self_entry = Entry(food_id=None, grams=0.0, count=1.0, recipe_id="r1")
    with pytest.raises(BonewiseError, match="itself"):
        rules.make_recipe("Loop", [self_entry], recipe_id="r1")


anything = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**500), max_value=10**500),
    st.text(max_size=10),
    st.booleans(),
    st.none(),
    st.fractions(),
)


@given(anything)
def test_entry_for_any_value_gives_an_entry_or_bonewise_error(value):
    for call in (
        lambda: amounts.entry_for(MILK, grams=value),
        lambda: amounts.entry_for(MILK, measure="cup", count=value),
    ):
        try:
            entry = call()
        except BonewiseError:
            continue
        assert 0 < entry.grams <= rules.MAX_GRAMS
