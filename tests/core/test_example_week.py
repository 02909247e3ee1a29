"""The example week: every food is in the shipped store, and it shows what it promises."""

from __future__ import annotations

import pytest

from bonewise.core import edits, phrases
from bonewise.core.checks import check_week
from bonewise.core.example_week import EXAMPLE_MENU, place_example_week
from bonewise.core.plan import DEFAULT_SLOTS, IsoWeek, Person, WeekPlan
from bonewise.core.targets import targets_for
from bonewise.core.totals import week_totals
from bonewise.errors import BonewiseError
from bonewise.paths import reference_db_path
from bonewise.store.foodstore import FoodStore

WEEK = IsoWeek(2026, 48)


@pytest.fixture(scope="module")
def store():
    with FoodStore(reference_db_path()) as s:
        yield s


def items(plan: WeekPlan) -> list:
    return [e for day in plan.days for entries in day.meals.values() for e in entries]


def test_the_menu_uses_the_default_meals_and_shipped_foods(store):
    slot_ids = {s.id for s in DEFAULT_SLOTS}
    assert len(EXAMPLE_MENU) == 7
    for day in EXAMPLE_MENU:
        for slot_id, food_id, _amount in day:
            assert slot_id in slot_ids
            assert store.get(food_id) is not None, food_id


def test_every_amount_is_a_household_measure_of_its_food(store):
    plan, change = place_example_week(WeekPlan.empty(1, WEEK), store)
    assert change.dates == frozenset(WEEK.dates())
    placed = items(plan)
    assert len(placed) == sum(len(day) for day in EXAMPLE_MENU) == 86
    # Resolved from the food's own measure, never guessed: "1 can (3.75 oz)" of sardines is 92 g.
    monday_lunch = plan.day(WEEK.monday()).entries("lunch")
    assert monday_lunch[0].food_id == "15088" and monday_lunch[0].grams == pytest.approx(92.0)
    assert all(e.measure for e in placed)


def test_it_shows_the_warnings_it_promises(store):
    plan, _ = place_example_week(WeekPlan.empty(1, WEEK), store)
    person = Person(name="Zoë", id=1, weight_kg=64.0)
    findings = check_week(person, plan, store, {}, targets_for(person))
    flagged = {(f.date.weekday(), f.slot_id) for f in findings if f.kind == "calcium_per_sitting"}
    assert (1, "bedtime") in flagged  # Tuesday: the 600 mg tablet
    assert (3, "dinner") in flagged  # Thursday: tofu, cheese and greens at once
    totals = week_totals(plan, store, {})
    calcium = [day["calcium_mg"] for day in totals.days]
    assert all(t.complete for t in calcium)  # SR24 has calcium for every example food
    assert all(1_000 <= t.value <= 2_100 for t in calcium)


def test_what_is_already_planned_stays_first(store):
    milk = phrases.entry_from_text(store.get("01079"), "1 cup")
    week, _ = edits.place(WeekPlan.empty(1, WEEK), WEEK.monday(), "breakfast", milk)
    plan, _ = place_example_week(week, store)
    breakfast = plan.day(WEEK.monday()).entries("breakfast")
    assert breakfast[0] == milk and len(breakfast) == 4


def test_a_food_store_without_the_foods_is_refused():
    with pytest.raises(BonewiseError, match="example week needs food 08121"):
        place_example_week(WeekPlan.empty(1, WEEK), {})
