"""Auto-plan: every plan keeps every rule, checked with core.totals and core.checks, not the solver.

The shipped food store and staples are used, so the plans are the ones people get.
Each solve gets a generous time limit so that it ends on its optimality gap, never
on the clock: the plans are then the same on a slow or busy machine.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from bonewise.core.autoplan import (
    MET_TOLERANCE,
    AutoPlanOptions,
    AutoPlanResult,
    auto_plan,
)
from bonewise.core.checks import check_day, check_week
from bonewise.core.edits import place
from bonewise.core.nutrients import TARGET_KEYS
from bonewise.core.plan import IsoWeek, Person, SoyPreference, WeekPlan
from bonewise.core.planner import entry_for
from bonewise.core.pool import Pool, build_pool, load_staples, meal_kind, planner_supplements
from bonewise.core.targets import targets_for
from bonewise.core.totals import day_totals, meal_totals
from bonewise.errors import BonewiseError
from bonewise.paths import reference_db_path, resources_dir
from bonewise.store.foodstore import FoodStore

WEEK = IsoWeek(2026, 49)
MONDAY = WEEK.monday()
FIRST_THREE = WEEK.dates()[:3]
OPTIONS = AutoPlanOptions(time_limit_s=60.0)
NEVER = {"calcium_per_sitting", "upper_limit", "natto_warfarin", "k2_supplement_warfarin"}


@pytest.fixture(scope="module")
def store():
    with FoodStore(reference_db_path()) as s:
        yield s


@pytest.fixture(scope="module")
def staples():
    return load_staples(resources_dir() / "staples.csv")


def pool_for(person, store, staples, **kw) -> Pool:
    return build_pool(person, store, staples, supplements=planner_supplements(store.supplements()),
                      serving=store.usual_serving, **kw)  # fmt: skip


def fill(person, store, staples, dates=FIRST_THREE, week=None, pool=None, options=OPTIONS):
    pool = pool or pool_for(person, store, staples)
    week = week or WeekPlan.empty(1, WEEK)
    result = auto_plan(person, week, dates, pool, store, targets_for(person), options=options)
    return result, pool


def assert_keeps_every_rule(
    person, result: AutoPlanResult, pool: Pool, store, dates, options=OPTIONS
):
    """Check the plan with core.totals/core.checks; a missed requirement must be reported."""
    targets = targets_for(person)
    week = result.week
    slots = {s.id: s for s in person.slots}
    allowed = {c.id for c in pool.candidates}
    short = {(s.kind, s.key, s.slot_id, d) for s in result.shortfalls for d in s.dates}

    for a in result.added:
        c = a.candidate
        assert c.id in allowed  # the person's flags are honoured through the pool
        assert any(abs(a.count - p) < 1e-9 for p in c.portions)
        assert a.entry.grams == pytest.approx(c.measure.grams * a.count)
        assert meal_kind(slots[a.slot_id]) in c.meals
        assert a.date in dates
    # Variety: no food more than N times a week, nor twice a day (supplements aside).
    weekly: Counter[str] = Counter()
    for day in week.days:
        daily = Counter(
            e.food_id for entries in day.meals.values() for e in entries
            if not store.get(e.food_id).is_supplement
        )  # fmt: skip
        assert all(
            n == 1
            for food_id, n in daily.items()
            if food_id in {a.candidate.id for a in result.added}
        )
        weekly.update(daily)
    added_ids = {a.candidate.id for a in result.added if not a.candidate.is_supplement}
    assert all(weekly[food_id] <= options.max_per_week for food_id in added_ids)

    low_kcal, high_kcal = options.energy_kcal
    for d in dates:
        day = week.day(d)
        findings = check_day(person, day, store, {}, targets)
        assert not {f.kind for f in findings} & NEVER, [f.message for f in findings]
        totals = day_totals(day, store)
        for key in TARGET_KEYS:
            t = targets[key]
            if t.tracked_only or t.per_kg or t.low is None:
                continue
            if totals[key].value < t.low * (1 - MET_TOLERANCE):
                assert ("target", key, None, d) in short, f"{key} missed on {d} without a word"
        energy = day_totals(day, store, keys=("energy_kcal",))["energy_kcal"].value
        if energy < low_kcal * (1 - MET_TOLERANCE):
            assert ("energy_low", "energy_kcal", None, d) in short
        if energy > high_kcal * (1 + MET_TOLERANCE):
            assert ("energy_high", "energy_kcal", None, d) in short
        filled = {a.slot_id for a in result.added if a.date == d}
        for slot_id in filled:
            meal = meal_totals(day.entries(slot_id), store)
            assert meal["calcium_mg"].value <= 600 + 1e-6
            assert meal["calcium_mg"].from_supplements <= 500 + 1e-6
            if slots[slot_id].main_meal and meal["protein_g"].value < 20 * (1 - MET_TOLERANCE):
                assert ("protein_per_meal", "protein_g", slot_id, d) in short
    if person.on_warfarin:
        swings = [
            f for f in check_week(person, week, store, {}, targets) if f.kind == "vitamin_k_swing"
        ]
        assert not swings or any(s.kind == "vitamin_k_steady" for s in result.shortfalls)
    for s in result.shortfalls:
        assert s.message.endswith(".") and s.dates


PEOPLE = [
    Person("Ann", weight_kg=50),
    Person("Bea", weight_kg=70),
    Person("Cleo", weight_kg=95),
    Person("Dora", weight_kg=70, dairy_free=True),
    Person("Eve", weight_kg=70, vegetarian=True),
    Person("Fay", weight_kg=70, on_warfarin=True),
    Person("Gil", weight_kg=70, soy=SoyPreference.AVOID),
    Person("Hana", weight_kg=62, soy=SoyPreference.WHOLE_FOODS, dairy_free=True),
]


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: p.name)
def test_every_plan_keeps_every_rule_and_reaches_the_targets(person, store, staples):
    result, pool = fill(person, store, staples)
    assert_keeps_every_rule(person, result, pool, store, FIRST_THREE)
    assert result.shortfalls == ()
    assert result.status == "optimal"
    assert result.dates == set(FIRST_THREE)


@pytest.mark.parametrize(
    "person",
    [Person("Bea", weight_kg=70), Person("Fay", weight_kg=70, on_warfarin=True),
     Person("Ivy", weight_kg=58, vegetarian=True, dairy_free=True, soy=SoyPreference.AVOID)],
    ids=lambda p: p.name,
)  # fmt: skip
def test_a_whole_week_keeps_every_rule(person, store, staples):
    result, pool = fill(person, store, staples, dates=WEEK.dates())
    assert_keeps_every_rule(person, result, pool, store, WEEK.dates())
    # Each of the seven days gets breakfast, lunch and dinner.
    for d in WEEK.dates():
        assert {"breakfast", "lunch", "dinner"} <= {a.slot_id for a in result.added if a.date == d}


def test_flags_keep_their_foods_out(store, staples):
    person = Person("Dora", weight_kg=70, dairy_free=True, vegetarian=True, on_warfarin=True)
    result, _ = fill(person, store, staples)
    tags = {tag for a in result.added for tag in a.candidate.tags}
    assert not tags & {"dairy", "meat", "fish", "natto"}


def test_the_same_input_gives_the_same_plan(store, staples):
    person = Person("Bea", weight_kg=70)
    first, _ = fill(person, store, staples)
    second, _ = fill(person, store, staples)
    plan = [(a.date, a.slot_id, a.candidate.id, a.entry.grams) for a in first.added]
    assert plan == [(a.date, a.slot_id, a.candidate.id, a.entry.grams) for a in second.added]


def test_what_the_user_placed_stays_and_counts(store, staples):
    person = Person("Bea", weight_kg=70)
    milk = entry_for(store.get("01079"), measure="cup", count=2)  # 586 mg calcium at breakfast
    week, _ = place(WeekPlan.empty(1, WEEK), MONDAY, "breakfast", milk)
    result, pool = fill(person, store, staples, dates=[MONDAY], week=week)
    monday = result.week.day(MONDAY)
    assert monday.entries("breakfast") == (milk,)
    assert all(a.slot_id != "breakfast" for a in result.added)
    assert "01079" not in {a.candidate.id for a in result.added}  # not twice the same day
    assert_keeps_every_rule(person, result, pool, store, [MONDAY])
    assert result.shortfalls == ()


def test_a_day_already_over_a_limit_gets_nothing_that_adds_to_it(store, staples):
    person = Person("Bea", weight_kg=70)
    cheese = entry_for(store.get("01009"), grams=300)  # 2,163 mg calcium, over the 2,000 mg limit
    week, _ = place(WeekPlan.empty(1, WEEK), MONDAY, "lunch", cheese)
    result, _ = fill(person, store, staples, dates=[MONDAY], week=week)
    calcium = day_totals(result.week.day(MONDAY), store)["calcium_mg"].value
    assert calcium == pytest.approx(721.0 * 3)
    assert all(not a.candidate.amount("calcium_mg") for a in result.added)


def test_calcium_without_dairy_from_a_small_pool_is_explained(store, staples):
    person = Person("Dora", weight_kg=70, dairy_free=True)
    few = [s for s in staples if s.food_id in {"01079", "01117", "01009", "16070", "05064", "20037",
                                                 "08121", "09040", "09003", "04053", "01129"}]  # fmt: skip
    pool = build_pool(person, store, few)
    result, _ = fill(person, store, staples, dates=[MONDAY], pool=pool,
                     options=AutoPlanOptions(time_limit_s=60.0, allow_supplements=False))  # fmt: skip
    calcium = [s for s in result.shortfalls if s.key == "calcium_mg"]
    assert len(calcium) == 1
    s = calcium[0]
    assert s.kind == "target" and s.dates == (MONDAY,)
    assert s.best is not None and s.reached <= s.best + 1e-6 < 1200
    assert "without dairy" in s.reasons
    assert s.message.startswith("Calcium 1,200 mg a day (NCCN 2009; NIH 1994) cannot be reached without dairy")
    assert "from the foods in your pool: the best is" in s.message
    assert_keeps_every_rule(person, result, pool, store, [MONDAY])


def test_a_tiny_pool_explains_each_requirement_it_cannot_meet(store, staples):
    person = Person("Bea", weight_kg=70)
    pool = build_pool(person, store, [s for s in staples if s.food_id in {"09003", "20037"}])
    result, _ = fill(person, store, staples, dates=[MONDAY], pool=pool)
    kinds = {(s.kind, s.key) for s in result.shortfalls}
    assert ("target", "calcium_mg") in kinds and ("target", "protein_g") in kinds
    protein_meals = [s for s in result.shortfalls if s.kind == "protein_per_meal"]
    assert {s.slot_id for s in protein_meals} == {"breakfast", "lunch", "dinner"}
    for s in result.shortfalls:
        if s.best is not None:
            assert "cannot be reached" in s.message and s.best < s.required
    assert_keeps_every_rule(person, result, pool, store, [MONDAY])


def test_pantry_first_uses_more_of_the_pantry(store, staples):
    person = Person("Bea", weight_kg=70)
    pantry = ["16051", "16058", "20137", "11162", "12155", "09094"]
    pool = pool_for(person, store, staples, pantry=pantry)
    plain, _ = fill(person, store, staples, pool=pool)
    first, _ = fill(person, store, staples, pool=pool,
                    options=AutoPlanOptions(time_limit_s=60.0, pantry_first=True))  # fmt: skip
    used = lambda r: sum(1 for a in r.added if a.candidate.pantry)  # noqa: E731
    assert used(first) > used(plain)
    assert first.shortfalls == ()
    assert_keeps_every_rule(person, first, pool, store, FIRST_THREE)


def test_a_day_with_every_meal_planned_is_left_alone(store, staples):
    person = Person("Bea", weight_kg=70)
    week = WeekPlan.empty(1, WEEK)
    apple = store.get("09003")
    for slot in person.slots:
        week, _ = place(week, MONDAY, slot.id, entry_for(apple, grams=100))
    result, _ = fill(person, store, staples, dates=[MONDAY], week=week)
    assert result.added == () and result.week == week
    assert result.notes == ("Monday: every meal already has food, so nothing was added.",)


def test_without_a_body_weight_protein_is_planned_per_meal_only(store, staples):
    result, _ = fill(Person("Nell"), store, staples, dates=[MONDAY])
    assert any("No body weight" in n for n in result.notes)
    assert not any(s.key == "protein_g" and s.kind == "target" for s in result.shortfalls)


def test_bad_requests_are_refused_clearly(store, staples):
    person = Person("Bea", weight_kg=70)
    with pytest.raises(BonewiseError, match="not in week"):
        fill(person, store, staples, dates=[MONDAY - dt.timedelta(days=1)])
    for bad in (AutoPlanOptions(energy_kcal=(2000, 1000)), AutoPlanOptions(max_per_week=0),
                AutoPlanOptions(time_limit_s=0)):  # fmt: skip
        with pytest.raises(BonewiseError):
            fill(person, store, staples, dates=[MONDAY], options=bad)


def test_planning_prints_nothing(store, staples, capfd):
    fill(Person("Bea", weight_kg=70), store, staples, dates=[MONDAY])
    assert capfd.readouterr() == ("", "")


def test_on_warfarin_a_new_day_matches_the_steady_days_already_planned(store, staples):
    person = Person("Fay", weight_kg=70, on_warfarin=True)
    week = WeekPlan.empty(1, WEEK)
    broccoli = store.get("11091")  # 141 µg vitamin K1 per 100 g
    for d in WEEK.dates()[1:]:
        week, _ = place(week, d, "dinner", entry_for(broccoli, grams=100))
    result, pool = fill(person, store, staples, dates=[MONDAY], week=week)
    assert_keeps_every_rule(person, result, pool, store, [MONDAY])
    monday = day_totals(result.week.day(MONDAY), store)
    k = monday["vitamin_k1_ug"].value + monday["vitamin_k2_ug"].value
    assert abs(k - 141.1) <= 50 + 1e-6


def test_on_warfarin_unsteady_days_already_planned_are_named_not_copied(store, staples):
    person = Person("Fay", weight_kg=70, on_warfarin=True)
    week, _ = place(WeekPlan.empty(1, WEEK), WEEK.dates()[5], "dinner",
                    entry_for(store.get("11234"), grams=130))  # fmt: skip  # kale: 1,062 µg
    week, _ = place(week, WEEK.dates()[6], "dinner", entry_for(store.get("20037"), grams=195))
    result, _ = fill(person, store, staples, dates=WEEK.dates()[:5], week=week)
    assert any("differ by" in n and "vitamin K" in n for n in result.notes)
    new = [day_totals(result.week.day(d), store) for d in WEEK.dates()[:5]]
    ks = [t["vitamin_k1_ug"].value + t["vitamin_k2_ug"].value for t in new]
    assert max(ks) - min(ks) <= 50 + 1e-6
