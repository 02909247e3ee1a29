"""Totals: exact sums of SR24 value × grams / 100, coverage, supplements, recipes, weeks."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bonewise.core import amounts, edits, rules
from bonewise.core.foods import Food
from bonewise.core.nutrients import VITAMIN_K_TOTAL
from bonewise.core.plan import DayPlan, Entry, IsoWeek, WeekPlan
from bonewise.core.totals import (
    PLAN_KEYS,
    Total,
    WeekTotals,
    day_totals,
    entry_amounts,
    format_amount,
    meal_totals,
    portion_totals,
    slot_totals,
    week_totals,
)

from .sr_foods import (
    ALL_FOODS,
    ALMONDS,
    CALCIUM_CARBONATE_600,
    CHEDDAR,
    EGG,
    K2_MK7_180,
    MILK,
    NATTO,
    SALMON,
    VITAMIN_D3_1000,
    YOGURT,
)

WEEK = IsoWeek(2026, 49)
MON = WEEK.monday()


def grams(food: Food, g: float) -> Entry:
    return amounts.entry_for(food, grams=g)


def test_one_cup_of_milk_is_value_times_grams_over_100(foods):
    # SR24 01079: calcium 120 mg/100 g; 1 cup = 244 g -> 292.8 mg. Vitamin D 49 IU -> 119.56 IU.
    values = entry_amounts(amounts.entry_for(MILK, measure="cup"), foods)
    assert values["calcium_mg"] == 292.8
    assert values["vitamin_d_iu"] == 49.0 * 244.0 / 100.0 == pytest.approx(119.56)
    assert values["protein_g"] == 3.3 * 244.0 / 100.0
    assert values["vitamin_k2_ug"] is None  # SR24 has no K2; unknown, never zero
    assert set(values) == set(PLAN_KEYS)


def test_breakfast_calcium_by_hand(foods):
    # milk 1 cup 292.8 + cheddar 1 oz (28.35 g × 721/100 = 204.4035) + almonds 1 oz
    # (28.35 g × 264/100 = 74.844) = 572.0475 mg
    meal = [
        amounts.entry_for(MILK, measure="cup"),
        amounts.entry_for(CHEDDAR, measure="oz"),
        amounts.entry_for(ALMONDS, measure="oz (23 whole kernels)"),
    ]
    total = meal_totals(meal, foods)["calcium_mg"]
    assert total.value == pytest.approx(572.0475, abs=1e-12)
    assert total.value == math.fsum([292.8, 721.0 * 28.35 / 100, 264.0 * 28.35 / 100])
    assert (total.known, total.unknown, total.unknown_names) == (3, 0, ())
    assert total.complete and total.describe() == "572 mg"


def test_unknown_is_counted_and_named_never_zero(foods):
    # Salmon 15076 has no vitamin D in SR24: the total is a lower bound.
    meal = [grams(SALMON, 150), grams(EGG, 50), grams(EGG, 50)]
    total = meal_totals(meal, foods)["vitamin_d_iu"]
    assert total.value == 2 * 82.0 * 50 / 100  # 82 IU
    assert (total.known, total.unknown) == (2, 1)
    assert total.unknown_names == ("Fish, salmon, Atlantic, wild, raw",)
    assert not total.complete
    assert total.describe() == "at least 82 IU (2 µg) · 1 of 3 foods unknown"


def test_all_unknown_says_unknown(foods):
    total = meal_totals([grams(SALMON, 100), grams(SALMON, 50)], foods)["vitamin_d_iu"]
    assert (total.value, total.known, total.unknown) == (0.0, 0, 2)
    assert total.unknown_names == ("Fish, salmon, Atlantic, wild, raw",)  # named once
    assert total.describe() == "no data · 2 of 2 foods unknown"
    assert total.is_unknown and total.amount is None and total.amount_text() == "no data"


def test_a_lower_bound_of_zero_is_unknown_never_at_least_zero(foods):
    # Almonds have 0 IU vitamin D; salmon has no value: "at least 0 IU" would say nothing.
    total = meal_totals([grams(ALMONDS, 30), grams(SALMON, 100)], foods)["vitamin_d_iu"]
    assert (total.value, total.known, total.unknown) == (0.0, 1, 1)
    assert total.is_unknown and total.amount is None
    assert total.describe() == "no data · 1 of 2 foods unknown"


def test_nothing_planned_is_zero_and_complete(foods):
    total = meal_totals([], foods)["calcium_mg"]
    assert (total.value, total.known, total.unknown, total.complete) == (0.0, 0, 0, True)
    assert total.describe() == "0 mg"
    assert total.amount is None and total.amount_text() == "nothing planned"


def test_describe_formats_thousands_and_small_values():
    assert Total("calcium_mg", 1210.4, 9, 0, (), 0.0).describe() == "1,210 mg"
    assert Total("calcium_mg", 850.2, 7, 2, ("a", "b"), 0.0).describe() == (
        "at least 850 mg · 2 of 9 foods unknown"
    )
    assert Total("protein_g", 62.54, 3, 0, (), 0.0).describe() == "62.5 g"
    assert Total("omega3_g", 0.456, 1, 0, (), 0.0).describe() == "0.46 g"
    assert Total("vitamin_d_iu", 800.0, 1, 0, (), 0.0).describe() == "800 IU (20 µg)"
    assert Total("vitamin_k2_ug", 0.0, 0, 1, ("x",), 0.0).describe() == "no data · 1 of 1 food unknown"
    assert format_amount(4000, "vitamin_d_iu") == "4,000 IU (100 µg)"


def test_total_vitamin_k_adds_k1_and_k2_and_k2_stays_k2(foods):
    # Natto: K1 23.1 + K2 939 µg/100 g; the K2 line never takes the K1.
    values = entry_amounts(grams(NATTO, 10), foods, keys=("vitamin_k1_ug", "vitamin_k2_ug", VITAMIN_K_TOTAL))
    assert values[VITAMIN_K_TOTAL] == pytest.approx((23.1 + 939.0) * 10 / 100)
    assert values["vitamin_k2_ug"] == 939.0 * 10 / 100


def test_total_vitamin_k_without_k2_data_is_a_lower_bound_of_the_k1(foods):
    # Milk has K1 (0.2 µg/100 g) but no K2 value: the total is unknown for it, its K1 still counts.
    total = meal_totals([amounts.entry_for(MILK, measure="cup"), grams(NATTO, 10)], foods)[VITAMIN_K_TOTAL]
    assert (total.known, total.unknown, total.unknown_names) == (1, 1, (MILK.name,))
    assert total.value == pytest.approx(0.2 * 2.44 + (23.1 + 939.0) * 0.1)
    assert total.describe().startswith("at least ")


def test_total_vitamin_k_of_a_supplement_is_what_its_label_lists(foods):
    total = meal_totals([amounts.entry_for(K2_MK7_180, measure="capsule")], foods)[VITAMIN_K_TOTAL]
    assert (total.value, total.complete, total.from_supplements) == (180.0, True, 180.0)


def test_k2_comes_from_the_k2_estimate_and_k1_stays_k1(foods):
    # Natto: K2 939 µg/100 g (Kamao 2007, via the food's K2 estimate); K1 23.1 µg/100 g (SR24).
    values = entry_amounts(grams(NATTO, 10), foods)
    assert values["vitamin_k2_ug"] == 939.0 * 10 / 100
    assert values["vitamin_k1_ug"] == 23.1 * 10 / 100


def test_supplement_part_is_tracked(foods):
    meal = [
        amounts.entry_for(CALCIUM_CARBONATE_600, measure="tablet"),
        amounts.entry_for(MILK, measure="cup"),
        amounts.entry_for(VITAMIN_D3_1000, measure="softgel", count=2),
    ]
    totals = meal_totals(meal, foods)
    assert totals["calcium_mg"].value == 600.0 + 292.8
    assert totals["calcium_mg"].from_supplements == 600.0
    assert totals["vitamin_d_iu"].value == 2000.0 + 119.56
    assert totals["vitamin_d_iu"].from_supplements == 2000.0
    assert totals["magnesium_mg"].from_supplements == 0.0
    # A supplement's label declares all it provides: no magnesium listed means none, not unknown.
    assert (totals["magnesium_mg"].known, totals["magnesium_mg"].unknown) == (3, 0)
    assert totals["magnesium_mg"].value == 11.0 * 244.0 / 100.0
    assert totals["protein_g"].complete


def test_day_totals_sum_every_meal_and_slot_totals_split_them(foods):
    day = DayPlan(
        MON,
        {
            "breakfast": (amounts.entry_for(MILK, measure="cup"),),
            "lunch": (grams(CHEDDAR, 40), grams(ALMONDS, 30)),
        },
    )
    totals = day_totals(day, foods)
    assert totals["calcium_mg"].value == math.fsum([292.8, 721.0 * 40 / 100, 264.0 * 30 / 100])
    assert totals["calcium_mg"].known == 3
    per_slot = slot_totals(day, foods)
    assert set(per_slot) == {"breakfast", "lunch"}
    assert per_slot["breakfast"]["calcium_mg"].value == 292.8


def test_missing_food_is_an_unknown_item(foods):
    totals = meal_totals([Entry(food_id="u999", grams=100.0), grams(MILK, 100)], foods)
    assert totals["calcium_mg"].value == 120.0
    assert totals["calcium_mg"].unknown_names == ("missing food u999",)


def test_keys_can_be_chosen_and_unknown_keys_are_refused(foods):
    totals = meal_totals([grams(MILK, 100)], foods, keys=("energy_kcal", "calcium_mg"))
    assert set(totals) == {"energy_kcal", "calcium_mg"}
    assert totals["energy_kcal"].unknown == 1  # the test food lists no energy
    with pytest.raises(KeyError):
        meal_totals([], foods, keys=("calcium",))


# ----------------------------------------------------------------------------- recipes


def _porridge():
    # Two portions: 1 cup milk (292.8 mg Ca) + 30 g almonds (79.2 mg Ca) = 372 mg -> 186 mg/portion.
    return rules.make_recipe(
        "Porridge", [amounts.entry_for(MILK, measure="cup"), grams(ALMONDS, 30)], portions=2
    )


def test_recipe_entry_expands_to_ingredients_times_count_over_portions(foods):
    recipe = _porridge()
    entry = amounts.entry_for_recipe(recipe, 1.5)
    total = meal_totals([entry], foods, {recipe.id: recipe})["calcium_mg"]
    assert total.value == pytest.approx((292.8 + 79.2) * 1.5 / 2)
    assert (total.known, total.unknown) == (1, 0)  # one item, as the user sees it


def test_recipe_with_an_unknown_ingredient_counts_its_known_part(foods):
    recipe = rules.make_recipe("Salmon bowl", [grams(SALMON, 200), grams(EGG, 100)], portions=2)
    total = meal_totals([amounts.entry_for_recipe(recipe)], foods, {recipe.id: recipe})["vitamin_d_iu"]
    assert total.value == 82.0 / 2  # the egg's vitamin D, half of it
    assert (total.known, total.unknown, total.unknown_names) == (0, 1, ("Salmon bowl",))
    assert total.describe().startswith("at least 41 IU")


def test_missing_or_looping_recipe_is_unknown_not_a_crash(foods):
    missing = Entry(food_id=None, grams=0.0, count=1.0, recipe_id="gone")
    total = meal_totals([missing, grams(MILK, 100)], foods, {})["calcium_mg"]
    assert total.value == 120.0 and total.unknown_names == ("missing recipe gone",)
    loop_a = rules.make_recipe("A", [Entry(None, 0.0, count=1.0, recipe_id="b")], recipe_id="a")
    loop_b = rules.make_recipe("B", [Entry(None, 0.0, count=1.0, recipe_id="a")], recipe_id="b")
    recipes = {"a": loop_a, "b": loop_b}
    total = meal_totals([Entry(None, 0.0, count=1.0, recipe_id="a")], foods, recipes)["calcium_mg"]
    assert total.unknown == 1


def test_nested_recipe(foods):
    inner = _porridge()
    outer = rules.make_recipe("Breakfast set", [amounts.entry_for_recipe(inner, 2)], portions=1)
    recipes = {inner.id: inner, outer.id: outer}
    total = meal_totals([amounts.entry_for_recipe(outer)], foods, recipes)["calcium_mg"]
    assert total.value == pytest.approx(372.0)


def test_portion_totals_names_unknown_ingredients(foods):
    recipe = _porridge()
    per_portion = portion_totals(recipe, foods)
    assert per_portion["calcium_mg"].value == pytest.approx(186.0)
    assert per_portion["protein_g"].value == pytest.approx((3.3 * 2.44 + 21.22 * 0.3) / 2)
    assert per_portion["vitamin_k2_ug"].unknown_names == (MILK.name, ALMONDS.name)


# ----------------------------------------------------------------------------- weeks


def test_week_totals_per_day_and_average(foods):
    week = WeekPlan.empty(1, WEEK)
    week, _ = edits.place(week, MON, "breakfast", amounts.entry_for(MILK, measure="cup"))
    week, _ = edits.place(week, MON + dt.timedelta(days=2), "lunch", grams(CHEDDAR, 100))
    result = week_totals(week, foods)
    assert isinstance(result, WeekTotals) and len(result.days) == 7
    assert result.days[0]["calcium_mg"].value == 292.8
    assert result.days[1]["calcium_mg"].value == 0.0
    assert result.days[2]["calcium_mg"].value == 721.0
    # The daily average is over the 2 planned days: the 5 empty days are not days of eating nothing.
    assert result.planned_days == 2
    assert result.average["calcium_mg"].value == pytest.approx((292.8 + 721.0) / 2)
    k2 = result.average["vitamin_k2_ug"]  # milk unknown, cheddar known
    assert (k2.known, k2.unknown, k2.value) == (1, 1, pytest.approx(76.3 / 2))


def test_empty_week(foods):
    result = week_totals(WeekPlan.empty(None, WEEK), foods)
    assert result.planned_days == 0
    assert result.average["calcium_mg"].items == 0 and result.average["calcium_mg"].amount is None


# ----------------------------------------------------------------------------- properties

_FOOD_IDS = [f.id for f in ALL_FOODS]
entries = st.lists(
    st.builds(
        lambda food_id, g: Entry(food_id=food_id, grams=g),
        st.sampled_from(_FOOD_IDS),
        st.floats(min_value=0.1, max_value=2000, allow_nan=False),
    ),
    max_size=12,
)


def _same(a: Total, b: Total) -> bool:
    return (
        math.isclose(a.value, b.value, rel_tol=1e-12, abs_tol=1e-9)
        and (a.known, a.unknown) == (b.known, b.unknown)
        and math.isclose(a.from_supplements, b.from_supplements, rel_tol=1e-12, abs_tol=1e-9)
    )


@settings(max_examples=200)
@given(entries, entries)
def test_totals_are_additive(meal_a, meal_b):
    foods = {f.id: f for f in ALL_FOODS}
    a, b = meal_totals(meal_a, foods), meal_totals(meal_b, foods)
    both = meal_totals(meal_a + meal_b, foods)
    for key in PLAN_KEYS:
        summed = Total(
            key,
            a[key].value + b[key].value,
            a[key].known + b[key].known,
            a[key].unknown + b[key].unknown,
            (),
            a[key].from_supplements + b[key].from_supplements,
        )
        assert _same(both[key], summed)
        assert set(both[key].unknown_names) == set(a[key].unknown_names) | set(b[key].unknown_names)


@settings(max_examples=200)
@given(entries, st.randoms(use_true_random=False))
def test_totals_do_not_depend_on_order(meal, rnd):
    foods = {f.id: f for f in ALL_FOODS}
    shuffled = list(meal)
    rnd.shuffle(shuffled)
    forward, backward = meal_totals(meal, foods), meal_totals(shuffled, foods)
    for key in PLAN_KEYS:
        # fsum is exactly rounded, so the values are identical, not just close.
        assert forward[key].value == backward[key].value
        assert forward[key].from_supplements == backward[key].from_supplements
        assert (forward[key].known, forward[key].unknown) == (backward[key].known, backward[key].unknown)
        assert set(forward[key].unknown_names) == set(backward[key].unknown_names)


@given(entries)
def test_day_equals_the_sum_of_its_meals(meal):
    foods = {f.id: f for f in ALL_FOODS}
    half = len(meal) // 2
    day = DayPlan(MON, {"breakfast": tuple(meal[:half]), "dinner": tuple(meal[half:])})
    per_slot = slot_totals(day, foods)
    whole = day_totals(day, foods)
    for key in PLAN_KEYS:
        assert math.isclose(
            whole[key].value,
            math.fsum(t[key].value for t in per_slot.values()),
            rel_tol=1e-12,
            abs_tol=1e-9,
        )
        assert whole[key].known == sum(t[key].known for t in per_slot.values())


def test_supplement_k2_and_yogurt_measure(foods):
    entry = amounts.entry_for(K2_MK7_180, measure="capsule")
    assert entry_amounts(entry, foods)["vitamin_k2_ug"] == 180.0
    assert entry_amounts(amounts.entry_for(YOGURT, measure="cup (8 fl oz)"), foods)["calcium_mg"] == (
        183.0 * 245.0 / 100.0
    )


def test_week_meals_are_the_slot_totals_of_each_day(foods):
    week = WeekPlan.empty(1, WEEK)
    week, _ = edits.place(week, MON, "breakfast", amounts.entry_for(MILK, measure="cup"))
    week, _ = edits.place(week, MON, "dinner", grams(CHEDDAR, 50))
    week, _ = edits.place(week, MON, "dinner", grams(CALCIUM_CARBONATE_600, 1))
    result = week_totals(week, foods, meal_keys=("calcium_mg", "protein_g"))
    assert result.meal_keys == ("calcium_mg", "protein_g")
    assert result.meals[0] == slot_totals(week.days[0], foods, keys=("calcium_mg", "protein_g"))
    assert result.meals[1] == {} and week_totals(week, foods).meals == ()
    with pytest.raises(KeyError):
        week_totals(week, foods, keys=("calcium_mg",), meal_keys=("protein_g",))
