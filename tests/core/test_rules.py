"""core.rules: one place for limits and checks; every layer gets the same answer and sentence."""

from __future__ import annotations

import math

import pytest

from bonewise.core import rules
from bonewise.core.foods import FoodKind, Measure
from bonewise.core.plan import Entry, MealSlot, Person, Recipe
from bonewise.errors import BonewiseError


def test_names_compare_trimmed_nfc_and_case_folded():
    assert rules.name_key(" ZOË ") == rules.name_key("zoe\u0308") == rules.name_key("Zoë")
    assert rules.fold("Crème Fraîche") == "creme fraiche" == rules.fold(rules.fold("Crème Fraîche"))


@pytest.mark.parametrize("grams", [0, -1, math.nan, math.inf, rules.MAX_GRAMS * 1.01, True, "5"])
def test_grams_outside_the_limits_are_refused_everywhere(grams):
    with pytest.raises(BonewiseError):
        rules.check_grams(grams)
    with pytest.raises(BonewiseError, match="grams"):
        rules.check_entry(Entry("01079", grams), "Item 1")
    assert not rules.valid_amount(grams)


def test_a_recipe_is_checked_once_whoever_builds_it():
    milk = Entry("01079", 244.0)
    recipe = rules.make_recipe("  Porridge ", [milk], portions=2)
    assert (recipe.name, recipe.portions) == ("Porridge", 2.0)
    assert rules.check_recipe(recipe) == recipe
    for bad, message in [
        (Recipe("", (milk,)), "must not be empty"),
        (Recipe("Soup", ()), "no ingredients"),
        (Recipe("Soup", (milk,), portions=0), "portions"),
        (Recipe("Soup", (milk,), portions=rules.MAX_RECIPE_PORTIONS + 1), "portions"),
        (Recipe("Loop", (Entry(None, 0.0, count=1.0, recipe_id="r1"),), id="r1"), "itself"),
    ]:
        with pytest.raises(BonewiseError, match=message):
            rules.check_recipe(bad)


def test_a_person_is_cleaned_and_checked_with_the_targets_ranges():
    person = rules.check_person(Person(" Zoë ", weight_kg=60, t_score=-2,
                                       slots=(MealSlot("a", " Lunch ", True),)))
    assert (person.name, person.weight_kg, person.t_score, person.slots[0].name) == ("Zoë", 60, -2.0, "Lunch")
    assert type(person.t_score) is float
    with pytest.raises(BonewiseError, match="body weight"):
        rules.check_person(Person("Zoë", weight_kg=5))
    with pytest.raises(BonewiseError, match="meal slots"):
        rules.check_slots(())


def test_notes_typed_and_stored_have_their_own_bounds():
    assert rules.clean_note("a\r\nb\x00") == "a\nb"
    with pytest.raises(BonewiseError, match="at most 2,000"):
        rules.clean_note("x" * (rules.MAX_NOTE_CHARS + 1))
    assert rules.check_stored_note("x" * rules.MAX_STORED_NOTE_CHARS)
    with pytest.raises(BonewiseError, match="too long"):
        rules.check_stored_note("x" * (rules.MAX_STORED_NOTE_CHARS + 1))


def test_nutrient_limits_per_100g_depend_on_the_unit_and_the_kind():
    assert rules.max_per_100g("g", FoodKind.CUSTOM) == 100
    assert rules.max_per_100g("g", FoodKind.SUPPLEMENT) == 10_000
    assert rules.max_per_100g("µg", FoodKind.SUPPLEMENT) == rules.MAX_SUPPLEMENT_PER_100G
    assert rules.check_nutrients({"calcium_mg": 120}, FoodKind.CUSTOM) == {"calcium_mg": 120.0}
    with pytest.raises(BonewiseError, match="not plausible"):
        rules.check_nutrients({"protein_g": 101}, FoodKind.CUSTOM)
    assert rules.check_nutrients({"protein_g": 101}, FoodKind.SUPPLEMENT) == {"protein_g": 101.0}
    assert rules.check_measures([Measure(" cup ", 240.0)]) == (Measure("cup", 240.0),)
    with pytest.raises(BonewiseError, match="twice"):
        rules.check_measures([Measure("Crème", 1.0), Measure("creme", 2.0)])
