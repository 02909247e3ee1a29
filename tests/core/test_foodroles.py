"""Food roles, meals and contents from the two reviewed tables, pinned on real SR24 foods."""

from __future__ import annotations

import pytest

from bonewise.core.foodroles import (
    Contains,
    Role,
    fold_name,
    food_kind,
    meal_kind,
    parse_contents,
    parse_roles,
    profile_of,
    shipped_classifier,
)
from bonewise.core.foods import Food, FoodKind
from bonewise.core.plan import MealSlot
from bonewise.paths import reference_db_path
from bonewise.store.foodstore import FoodStore


@pytest.fixture(scope="module")
def store():
    with FoodStore(reference_db_path()) as s:
        yield s


@pytest.mark.parametrize(
    ("food_id", "role", "fruit_veg"),
    [
        ("11674", Role.STARCHY, False),  # baked potato: a starchy root, not a vegetable (WHO)
        ("11508", Role.STARCHY, False),  # sweet potato
        ("11091", Role.VEGETABLE, True),  # broccoli
        ("11439", Role.VEGETABLE, True),  # sauerkraut
        ("09040", Role.FRUIT, True),  # banana
        ("09210", Role.DRINK, False),  # orange juice: a drink, not counted as fruit
        ("04053", Role.FAT, False),  # olive oil
        ("16098", Role.FAT, False),  # peanut butter: a spread on bread or fruit
        ("16158", Role.FAT, False),  # hummus: a dip
        ("16139", Role.DAIRY, False),  # fortified soy drink: a dairy alternative
        ("14639", Role.DAIRY, False),  # fortified rice drink
        ("01009", Role.DAIRY, False),  # cheddar
        ("01129", Role.PROTEIN, False),  # egg
        ("16113", Role.PROTEIN, False),  # natto
        ("11212", Role.PROTEIN, False),  # edamame: green soybeans
        ("16070", Role.PROTEIN, False),  # lentils
        ("15088", Role.PROTEIN, False),  # sardines
        ("08121", Role.STARCHY, False),  # oatmeal
        ("20037", Role.STARCHY, False),  # brown rice
        ("12061", Role.NUTS, False),  # almonds
        ("18075", Role.STARCHY, False),  # whole-wheat bread
        ("19902", Role.SWEET, False),  # chocolate
        ("03105", Role.OTHER, False),  # baby food
    ],
)
def test_roles_of_sr24_foods(store, food_id, role, fruit_veg):
    profile = profile_of(store.get(food_id))
    assert profile.role is role
    assert profile.fruit_or_vegetable is fruit_veg
    assert bool(profile.meals) == (role not in (Role.SWEET, Role.OTHER))


def test_meals_a_food_suits(store):
    assert profile_of(store.get("15088")).meals == {"lunch", "dinner"}  # no sardines at breakfast
    assert profile_of(store.get("08121")).meals == {"breakfast"}
    assert "snack" in profile_of(store.get("12061")).meals
    assert "snack" in profile_of(store.get("11124")).meals  # a raw carrot
    assert "snack" not in profile_of(store.get("11091")).meals  # cooked broccoli
    assert "snack" not in profile_of(store.get("04053")).meals  # oil is not a snack


@pytest.mark.parametrize(
    ("food_id", "contains"),
    [
        ("01079", {Contains.MILK, Contains.LACTOSE}),  # milk
        ("01009", {Contains.MILK}),  # cheddar: aged, so no lactose to speak of
        ("01129", {Contains.EGG}),  # egg: not dairy
        ("05064", {Contains.MEAT}),  # chicken
        ("15088", {Contains.FISH}),  # sardines
        ("15151", {Contains.CRUSTACEAN}),  # shrimp: a shellfish allergen, not fish
        ("16426", {Contains.SOY}),  # tofu
        ("16113", {Contains.SOY, Contains.NATTO}),
        ("16098", {Contains.PEANUT}),  # peanut butter: "butter" in the name, but no milk
        ("16139", {Contains.SOY}),  # soymilk: "milk" in the name, but no dairy
        ("12061", {Contains.TREE_NUT}),  # almonds
        ("12166", {Contains.SESAME}),  # tahini
        ("16158", {Contains.SESAME}),  # hummus
        ("18075", {Contains.WHEAT}),  # whole-wheat bread
        ("11091", set()),  # broccoli
    ],
)
def test_contents_of_sr24_foods(store, food_id, contains):
    assert profile_of(store.get(food_id)).contains == contains


@pytest.mark.parametrize(
    ("name", "role", "contains"),
    [
        ("Greek yoghurt", Role.DAIRY, {Contains.MILK, Contains.LACTOSE}),
        ("Oat milk, barista", Role.DAIRY, set()),
        ("Grandma's lasagna", Role.DISH, {Contains.MILK, Contains.LACTOSE, Contains.WHEAT}),
        ("Crème fraîche", Role.OTHER, set()),
        ("Spinach and feta pie", Role.DISH, {Contains.WHEAT}),
        ("Chicken curry", Role.DISH, {Contains.MEAT}),
        ("Rice pudding", Role.SWEET, {Contains.MILK, Contains.LACTOSE}),
    ],
)
def test_a_custom_food_is_classified_by_its_name(name, role, contains):
    food = Food("u9", name, FoodKind.CUSTOM, "My foods", "Other", {})
    profile = profile_of(food)
    assert profile.role is role
    assert contains <= profile.contains


def test_supplements_are_supplements(store):
    assert profile_of(store.get("sup-vitamin-d3-1000")).role is Role.SUPPLEMENT


def test_every_shipped_food_gets_a_profile(store):
    classifier = shipped_classifier()
    ids = [row[0] for row in store._ref.execute("SELECT id FROM foods")]  # noqa: SLF001 (a test)
    roles = {classifier.profile(store.get(i)).role for i in ids}
    assert roles == set(Role)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("group,category,words,role\n", "header"),
        ("group,category,words,role,meals\n11,,,starchy food,lunch\n", "unknown role"),
        ("group,category,words,role,meals\n11,,,vegetable,brunch\n", "meals"),
        ("group,category,words,role,meals\n1,,,vegetable,lunch\n", "two digits"),
        ("group,category,words,role,meals\n19,,,sweet,snack\n", "never planned"),
        ("group,category,words,role,meals\n,,a||b,vegetable,lunch\n", "empty phrase"),
    ],
)
def test_malformed_role_tables_are_refused_with_the_line(text, problem):
    with pytest.raises(ValueError, match=problem):
        parse_roles(text)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("group,category,words,add,remove\n01,,,dairy,\n", "dairy"),
        ("group,category,words,add,remove\n01,,,,\n", "add or remove"),
    ],
)
def test_malformed_contents_tables_are_refused_with_the_line(text, problem):
    with pytest.raises(ValueError, match=problem):
        parse_contents(text)


def test_names_are_matched_as_whole_words():
    assert fold_name("Crème Fraîche, 2%") == "creme fraiche 2"
    (row,) = parse_roles("group,category,words,role,meals\n,,egg,protein,lunch\n")
    assert row.match.matches("", "", fold_name("Eggs, scrambled"))
    assert not row.match.matches("", "", fold_name("Eggplant, raw"))


def test_meal_kind_by_slot_id_or_name():
    assert meal_kind(MealSlot("breakfast", "Breakfast", True)) == "breakfast"
    assert meal_kind(MealSlot("s1", "Supper", True)) == "dinner"
    assert meal_kind(MealSlot("s2", "Brunch", True)) == "lunch"
    assert meal_kind(MealSlot("bedtime", "Bedtime")) == "snack"


@pytest.mark.parametrize("name, kind", [
    ("Fish, salmon, sockeye, canned, drained solids with bone", "salmon"),
    ("Fish, salmon, sockeye, cooked, dry heat", "salmon"),
    ("Salmon, baked or broiled", "salmon"),
    ("Crustaceans, shrimp, cooked", "shrimp"),
    ("Egg, whole, cooked, hard-boiled", "egg"),
    ("Eggs, scrambled", "egg"),
    ("Chicken, broilers or fryers, breast, meat only, cooked, roasted", "chicken"),
    ("Cheese, cheddar", "cheese cheddar"),
    ("Cheese, gouda", "cheese gouda"),
    ("Beans, black, mature seeds, cooked", "beans black"),
    ("Strawberries, raw", "strawberry"),
    ("Potatoes, baked", "potato"),
    ("Swiss cheese", "swiss cheese"),
    ("", ""),
])  # fmt: skip
def test_a_food_kind_is_what_a_person_calls_it(name, kind):
    assert food_kind(name) == kind
