"""Diets, allergies, dislikes, soy and natto: which foods a profile leaves out, and in which words."""

from __future__ import annotations

import pytest

from bonewise.core.diet import combine_diets, profile_conflicts, profile_text, restrictions
from bonewise.core.plan import Allergen, Diet, Person, SoyPreference
from bonewise.paths import reference_db_path
from bonewise.store.foodstore import FoodStore

MILK, CHEDDAR, EGG, CHICKEN, SARDINES, SHRIMP = "01079", "01009", "01129", "05064", "15088", "15151"
TOFU, NATTO, ALMONDS, PEANUT_BUTTER, BREAD, TAHINI = "16426", "16113", "12061", "16098", "18075", "12166"
BROCCOLI = "11091"


@pytest.fixture(scope="module")
def store():
    with FoodStore(reference_db_path()) as s:
        yield s


def left_out(store, person: Person) -> set[str]:
    ids = (MILK, CHEDDAR, EGG, CHICKEN, SARDINES, SHRIMP, TOFU, NATTO, ALMONDS, PEANUT_BUTTER, BREAD,
           TAHINI, BROCCOLI)  # fmt: skip
    return {i for i in ids if restrictions(person, store.get(i))}


@pytest.mark.parametrize(
    ("diet", "out"),
    [
        (Diet.NONE, {NATTO}),  # natto only for people who eat it
        (Diet.LACTOSE_FREE, {MILK, NATTO}),  # aged cheddar stays
        (Diet.PESCATARIAN, {CHICKEN, NATTO}),
        (Diet.VEGETARIAN, {CHICKEN, SARDINES, SHRIMP, NATTO}),
        (Diet.VEGAN, {MILK, CHEDDAR, EGG, CHICKEN, SARDINES, SHRIMP, NATTO}),
        (Diet.LACTOSE_FREE_PESCATARIAN, {MILK, CHICKEN, NATTO}),
        (Diet.LACTOSE_FREE_VEGETARIAN, {MILK, CHICKEN, SARDINES, SHRIMP, NATTO}),
    ],
)
def test_each_diet_leaves_out_its_foods(store, diet, out):
    assert left_out(store, Person("Ann", diet=diet)) == out


@pytest.mark.parametrize(
    ("diets", "diet"),
    [
        ((), Diet.NONE),
        ((Diet.PESCATARIAN, Diet.LACTOSE_FREE), Diet.LACTOSE_FREE_PESCATARIAN),
        ((Diet.LACTOSE_FREE, Diet.VEGETARIAN), Diet.LACTOSE_FREE_VEGETARIAN),
        ((Diet.VEGAN, Diet.LACTOSE_FREE), Diet.VEGAN),  # vegan has no lactose already
        ((Diet.VEGETARIAN, Diet.PESCATARIAN), Diet.VEGETARIAN),  # both kept: no fish
        ((Diet.NONE, Diet.PESCATARIAN), Diet.PESCATARIAN),
    ],
)
def test_diets_given_together_make_the_diet_that_keeps_to_both(diets, diet):
    assert combine_diets(diets) == diet


@pytest.mark.parametrize(
    ("allergen", "out"),
    [
        (Allergen.MILK, {MILK, CHEDDAR}),
        (Allergen.EGG, {EGG}),
        (Allergen.FISH, {SARDINES}),
        (Allergen.SHELLFISH, {SHRIMP}),
        (Allergen.TREE_NUTS, {ALMONDS}),
        (Allergen.PEANUTS, {PEANUT_BUTTER}),
        (Allergen.WHEAT, {BREAD}),
        (Allergen.SOY, {TOFU, NATTO}),
        (Allergen.SESAME, {TAHINI}),
    ],
)
def test_each_of_the_nine_allergens_leaves_out_its_foods(store, allergen, out):
    person = Person("Ann", allergies=frozenset({allergen}), eats_natto=True)
    assert left_out(store, person) == out


def test_dislikes_soy_and_warfarin(store):
    assert left_out(store, Person("Ann", dislikes=frozenset({BROCCOLI}), eats_natto=True)) == {BROCCOLI}
    assert left_out(store, Person("Ann", soy=SoyPreference.AVOID, eats_natto=True)) == {TOFU, NATTO}
    (why,) = restrictions(Person("Ann", on_warfarin=True, eats_natto=True), store.get(NATTO))
    assert why.key == "warfarin" and why.phrase == "without natto (warfarin)"


def test_a_hand_entered_food_gets_reasons_in_words(store):
    person = Person("Ann", diet=Diet.VEGAN, allergies=frozenset({Allergen.MILK}), dislikes=frozenset({CHEDDAR}))
    reasons = [r.reason for r in profile_conflicts(person, store.get(CHEDDAR))]
    assert reasons == [
        "is a food you never want",
        "contains milk, which a vegan diet leaves out",
        "contains milk, listed as an allergy",
    ]
    assert profile_conflicts(person, store.get(NATTO)) == ()  # natto typed in is eaten, not refused


def test_profile_in_a_few_words():
    person = Person("Ann", diet=Diet.VEGAN, allergies=frozenset({Allergen.SESAME, Allergen.PEANUTS}),
                    dislikes=frozenset({"1", "2"}), eats_natto=True)  # fmt: skip
    assert profile_text(person) == "vegan; allergies: peanuts, sesame; 2 foods never wanted; eats natto"
    assert profile_text(Person("Ann")) == ""
