"""Suggestions: ranked and explained with the foods' own numbers, never past a limit."""

from __future__ import annotations

import pytest

from bonewise.core.amounts import entry_for
from bonewise.core.checks import vitamin_k_band
from bonewise.core.edits import place
from bonewise.core.foodroles import Role, meal_kind
from bonewise.core.foods import Food, FoodKind, Measure
from bonewise.core.plan import Allergen, DayPlan, Diet, IsoWeek, Person, WeekPlan
from bonewise.core.pool import build_pool, load_staples, planner_supplements
from bonewise.core.suggest import gaps, suggest
from bonewise.core.targets import targets_for
from bonewise.core.totals import day_totals, meal_totals
from bonewise.paths import reference_db_path, resources_dir
from bonewise.store.foodstore import FoodStore

WEEK = IsoWeek(2026, 49)
MONDAY = WEEK.monday()
BEA = Person("Bea", weight_kg=70)


@pytest.fixture(scope="module")
def store():
    with FoodStore(reference_db_path()) as s:
        yield s


@pytest.fixture(scope="module")
def staples():
    return load_staples(resources_dir() / "staples.csv")


def pool_for(person, store, staples):
    return build_pool(person, store, staples, supplements=planner_supplements(store.supplements()),
                      serving=store.usual_serving)  # fmt: skip


def day_with(store, *items) -> DayPlan:
    """Monday with (slot, food id, grams) items placed."""
    week = WeekPlan.empty(1, WEEK)
    for slot, food_id, grams in items:
        week, _ = place(week, MONDAY, slot, entry_for(store.get(food_id), grams=grams))
    return week.day(MONDAY)


def test_suggestions_are_explained_with_the_foods_own_numbers(store, staples):
    day = day_with(store, ("breakfast", "08121", 234))  # 1 cup oatmeal: 21.06 mg calcium
    found = suggest(BEA, day, pool_for(BEA, store, staples), store, targets_for(BEA), slot_id="breakfast",
                    limit=20)  # fmt: skip
    yogurt = next(s for s in found if s.candidate.id == "01117")
    # SR24: 183 mg calcium per 100 g × 245 g = 448.35 mg; the gap is 1,200 − 21.06 mg.
    assert yogurt.count == 1 and yogurt.grams == 245
    calcium = next(x for x in yogurt.contributions if x.key == "calcium_mg")
    assert calcium.amount == pytest.approx(448.35)
    assert calcium.gap == pytest.approx(1200 - 21.06)
    assert yogurt.text.startswith("1 cup (8 fl oz) of Yogurt, plain, low fat")
    assert "+448 mg calcium, 38 % of the gap" in yogurt.text
    assert yogurt.entry().grams == pytest.approx(245)
    scores = [s.score for s in found]
    assert scores == sorted(scores, reverse=True)


def test_a_meal_gets_only_foods_that_suit_it(store, staples):
    found = suggest(BEA, day_with(store), pool_for(BEA, store, staples), store, targets_for(BEA),
                    slot_id="breakfast", limit=100)  # fmt: skip
    assert found and all(s.slot_id == "breakfast" for s in found)
    assert all("breakfast" in s.candidate.meals for s in found)
    assert "15088" not in {s.candidate.id for s in found}  # no sardines at breakfast


def test_without_a_meal_each_food_goes_to_a_meal_it_suits(store, staples):
    found = suggest(
        BEA, day_with(store), pool_for(BEA, store, staples), store, targets_for(BEA), limit=100
    )
    slots = {s.id: s for s in BEA.slots}
    assert len(found) > 20
    assert all(meal_kind(slots[s.slot_id]) in s.candidate.meals for s in found)


def test_no_suggestion_crosses_the_daily_calcium_limit(store, staples):
    day = day_with(store, ("lunch", "01009", 250), ("dinner", "01009", 10))  # 1,875 mg of calcium
    found = suggest(BEA, day, pool_for(BEA, store, staples), store, targets_for(BEA), limit=100)
    assert found
    before = day_totals(day, store)["calcium_mg"].value
    assert all(before + s.candidate.amount("calcium_mg", s.count) <= 2000 for s in found)


def test_no_suggestion_crosses_600_mg_in_the_meal(store, staples):
    day = day_with(store, ("breakfast", "01079", 244))  # 1 cup of milk: 292.8 mg calcium
    found = suggest(BEA, day, pool_for(BEA, store, staples), store, targets_for(BEA), slot_id="breakfast",
                    limit=100)  # fmt: skip
    assert found
    for s in found:
        assert 292.8 + s.candidate.amount("calcium_mg", s.count) <= 600
    # Orange juice with calcium (500 mg a cup) still fits as half a cup.
    juice = next(s for s in found if s.candidate.id == "09210")
    assert juice.count == 0.5


def test_supplements_respect_the_sitting_and_their_own_limits(store, staples):
    day = day_with(
        store, ("lunch", "sup-calcium-citrate-200", 1.5), ("dinner", "sup-magnesium-oxide-250", 1)
    )
    # Lunch already has 300 mg of supplement calcium; the day has 250 mg of supplement magnesium.
    found = suggest(
        BEA, day, pool_for(BEA, store, staples), store, targets_for(BEA), slot_id="lunch", limit=200
    )
    ids = {s.candidate.id for s in found}
    assert "sup-calcium-citrate-315" not in ids and "sup-calcium-carbonate-500" not in ids
    magnesium = {i for i in ids if i.startswith("sup-magnesium")}
    assert magnesium and "sup-magnesium-oxide-250" not in magnesium  # 500 mg > 350 mg
    # Food magnesium does not count toward the supplement limit: white beans still fit.
    assert "16051" in ids


def test_the_profile_is_honoured(store, staples):
    person = Person("Dora", weight_kg=70, diet=Diet.VEGETARIAN, allergies=frozenset({Allergen.MILK}),
                    on_warfarin=True, eats_natto=True, dislikes=frozenset({"16070"}))  # fmt: skip
    found = suggest(person, day_with(store), pool_for(person, store, staples), store, targets_for(person),
                    limit=200)  # fmt: skip
    assert found
    contains = {c for s in found for c in s.candidate.profile.contains}
    assert not contains & {"milk", "lactose", "meat", "fish", "natto"}
    assert "16070" not in {s.candidate.id for s in found}  # lentils: never wanted
    band = vitamin_k_band(person)
    for s in found:
        k = (s.candidate.amount("vitamin_k1_ug", s.count) or 0) + (
            s.candidate.amount("vitamin_k2_ug", s.count) or 0
        )
        assert k <= band.high  # the day stays within the steady band on warfarin
    assert "11234" not in {s.candidate.id for s in found}  # kale: over 500 µg even in half a cup
    assert all(x.key != "vitamin_k2_ug" for s in found for x in s.contributions)


def test_a_meal_gets_no_second_starchy_food_and_no_fat_on_its_own(store, staples):
    rice = day_with(store, ("lunch", "20037", 195))
    found = suggest(BEA, rice, pool_for(BEA, store, staples), store, targets_for(BEA), slot_id="lunch", limit=200)
    assert not [s for s in found if s.candidate.role is Role.STARCHY]
    fruit = day_with(store, ("breakfast", "09040", 118))
    found = suggest(BEA, fruit, pool_for(BEA, store, staples), store, targets_for(BEA), slot_id="breakfast",
                    limit=200)  # fmt: skip
    assert found and not [s for s in found if s.candidate.role is Role.FAT]


def test_unknown_data_never_closes_a_gap(store):
    mystery = Food("u1", "Mystery stew", FoodKind.CUSTOM, "", "", {"energy_kcal": 120.0, "calcium_mg": 50.0,
                   "protein_g": 8.0}, (Measure("bowl", 300.0),))  # fmt: skip
    pool = build_pool(BEA, {"u1": mystery}, (), favourites=["u1"])
    (found,) = suggest(BEA, day_with(store), pool, {"u1": mystery}, targets_for(BEA))
    d = next(x for x in found.contributions if x.key == "vitamin_d_iu")
    assert d.amount is None and d.share == 0
    assert found.text.endswith("vitamin D and magnesium unknown")
    assert found.score == pytest.approx(150 / 1200 + 24 / 70)


def test_a_main_meal_short_of_20_g_protein_counts_that_gap(store):
    day = day_with(
        store, ("lunch", "20037", 195), ("dinner", "05064", 300)
    )  # dinner alone: 93 g protein
    missing = gaps(BEA, day, store, targets_for(BEA), slot_id="lunch")
    lunch = meal_totals(day.entries("lunch"), store)["protein_g"].value
    assert missing["protein_g"] == pytest.approx(20 - lunch)
    assert "protein_g" not in gaps(BEA, day, store, targets_for(BEA))


def test_nothing_missing_means_no_suggestions(store, staples):
    person = Person("Bea", weight_kg=70, target_overrides={"calcium_mg": (0, 1500), "vitamin_d_iu": (0, 1000),
                    "magnesium_mg": (0, None), "protein_g": (0, 1.2), "vitamin_k2_ug": (0, None)})  # fmt: skip
    assert (
        suggest(
            person, day_with(store), pool_for(person, store, staples), store, targets_for(person)
        )
        == []
    )


def test_same_input_same_order_and_limit(store, staples):
    pool = pool_for(BEA, store, staples)
    first = suggest(BEA, day_with(store), pool, store, targets_for(BEA), limit=5)
    second = suggest(BEA, day_with(store), pool, store, targets_for(BEA), limit=5)
    assert len(first) == 5
    assert [(s.candidate.id, s.count, s.slot_id) for s in first] == [
        (s.candidate.id, s.count, s.slot_id) for s in second
    ]
