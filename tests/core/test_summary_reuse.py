"""WeekSummarizer: after an edit it counts and checks only the days that changed, and every
summary it gives is the one ``summarize_week`` gives from scratch, whatever changed around
an untouched day (the person, the targets, a food or a recipe it names)."""

from __future__ import annotations

import dataclasses

import pytest

from bonewise.core import amounts, edits, summary
from bonewise.core.plan import Diet, Entry, IsoWeek, MealSlot, Person, Recipe, WeekPlan
from bonewise.core.summary import WeekSummarizer, summarize_week, summary_json
from bonewise.core.targets import targets_for

from .sr_foods import CALCIUM_CARBONATE_600, CHEDDAR, KALE, MILK, NATTO, SALMON, YOGURT

WEEK = IsoWeek(2026, 49)
MON, TUE, WED, THU, FRI, SAT, SUN = WEEK.dates()
ZOE = Person("Zoë", id=1, weight_kg=64, birth_year=1962, on_warfarin=True, vitamin_d_lab_ng_ml=24.0)
SOUP = Recipe("Kale soup", (amounts.entry_for(KALE, grams=200), amounts.entry_for(MILK, grams=150)), 2.0, "soup")
STEW = Recipe("Fish stew", (Entry(None, 0.0, count=1.0, recipe_id="soup"),
                            amounts.entry_for(SALMON, grams=300)), 3.0, "stew")
RECIPES = {"soup": SOUP, "stew": STEW}


def g(food, grams):
    return amounts.entry_for(food, grams=grams)


@pytest.fixture
def week() -> WeekPlan:
    plan = WeekPlan.empty(ZOE.id, WEEK)
    for date, slot, entry in [
        (MON, "breakfast", amounts.entry_for(MILK, measure="cup")),
        (MON, "dinner", g(CHEDDAR, 100)),
        (TUE, "lunch", Entry(None, 0.0, count=1.0, recipe_id="stew")),
        (WED, "lunch", g(SALMON, 150)),
        (WED, "bedtime", amounts.entry_for(CALCIUM_CARBONATE_600, measure="tablet", count=2)),
        (THU, "breakfast", g(YOGURT, 200)),
        (THU, "lunch", Entry(None, 0.0, count=2.0, recipe_id="soup")),
        (FRI, "dinner", g(NATTO, 30)),
        (SAT, "lunch", g(KALE, 120)),
    ]:
        plan, _ = edits.place(plan, date, slot, entry)
    return plan


@pytest.fixture
def counted(monkeypatch) -> list:
    """The days the summarizer counts (each call of count_day), in order."""
    calls: list = []
    real = summary.count_day

    def spy(day, *args, **kwargs):
        calls.append(day.date)
        return real(day, *args, **kwargs)

    monkeypatch.setattr(summary, "count_day", spy)
    return calls


def same_as_fresh(summarizer: WeekSummarizer, person, plan, foods, recipes, targets=None):
    """The summarizer's summary, after checking it against one made from scratch."""
    reused = summarizer.summarize(person, plan, foods, recipes, targets)
    fresh = summarize_week(person, plan, foods, recipes, targets)
    assert reused == fresh
    assert summary_json(reused) == summary_json(fresh)
    return reused


def test_an_edit_counts_only_the_day_it_changed(week, foods, counted):
    summarizer = WeekSummarizer()
    summarizer.summarize(ZOE, week, foods, RECIPES)
    assert counted == list(WEEK.dates())
    counted.clear()
    edited, _ = edits.place(week, WED, "dinner", g(CHEDDAR, 40))
    result = summarizer.summarize(ZOE, edited, foods, RECIPES)
    assert counted == [WED]
    assert result == summarize_week(ZOE, edited, foods, RECIPES)


def test_the_same_week_again_counts_nothing(week, foods, counted):
    summarizer = WeekSummarizer()
    first = summarizer.summarize(ZOE, week, foods, RECIPES)
    counted.clear()
    assert summarizer.summarize(ZOE, week, foods, RECIPES) == first
    assert counted == []


def test_edit_undo_redo_give_the_summary_of_each_plan(week, foods):
    summarizer = WeekSummarizer()
    before = same_as_fresh(summarizer, ZOE, week, foods, RECIPES)
    entry = week.day(MON).entries("dinner")[0]
    after_plan, _ = edits.replace(week, entry.id, dataclasses.replace(entry, grams=300.0))
    after = same_as_fresh(summarizer, ZOE, after_plan, foods, RECIPES)
    assert after.day(MON)["calcium_mg"].total.value > before.day(MON)["calcium_mg"].total.value
    # Undo and redo bring back the earlier day objects (the undo step keeps them).
    assert same_as_fresh(summarizer, ZOE, week, foods, RECIPES) == before
    assert same_as_fresh(summarizer, ZOE, after_plan, foods, RECIPES) == after
    cleared, _ = edits.clear_day(after_plan, MON)
    same_as_fresh(summarizer, ZOE, cleared, foods, RECIPES)


def test_an_equal_day_read_again_from_the_store_is_reused(week, foods, counted):
    summarizer = WeekSummarizer()
    summarizer.summarize(ZOE, week, foods, RECIPES)
    counted.clear()
    copy = dataclasses.replace(week, days=tuple(dataclasses.replace(day) for day in week.days))
    reused = summarizer.summarize(ZOE, copy, foods, RECIPES)
    assert counted == []
    assert reused == summarize_week(ZOE, copy, foods, RECIPES)


@pytest.mark.parametrize("change", [
    {"on_warfarin": False},
    {"vitamin_k_usual_ug": 40.0},
    {"diet": Diet.VEGAN},
    {"dislikes": frozenset({SALMON.id})},
    {"weight_kg": 90.0},
    {"vitamin_d_lab_ng_ml": 60.0},
    {"slots": tuple(dataclasses.replace(s, name=f"{s.name} meal", main_meal=not s.main_meal)
                    for s in ZOE.slots)},
])  # fmt: skip
def test_a_changed_person_is_never_read_from_an_older_summary(week, foods, change):
    summarizer = WeekSummarizer()
    same_as_fresh(summarizer, ZOE, week, foods, RECIPES)
    changed = dataclasses.replace(ZOE, **change)
    assert same_as_fresh(summarizer, changed, week, foods, RECIPES) != summarize_week(ZOE, week, foods, RECIPES)


def test_changed_targets_are_read_again_on_every_day(week, foods):
    summarizer = WeekSummarizer()
    targets = dict(targets_for(ZOE, MON))
    same_as_fresh(summarizer, ZOE, week, foods, RECIPES, targets)
    calcium = targets["calcium_mg"]
    lower = {**targets, "calcium_mg": dataclasses.replace(calcium, upper_limit=300.0)}
    result = same_as_fresh(summarizer, ZOE, week, foods, RECIPES, lower)
    assert any(f.kind == "upper_limit" and f.date == MON for f in result.findings)


def test_a_food_changed_under_an_untouched_day_is_counted_again(week, foods, counted):
    summarizer = WeekSummarizer()
    before = same_as_fresh(summarizer, ZOE, week, foods, RECIPES)
    counted.clear()
    # The user edits the food (as the custom-food dialog does): same id, other numbers.
    richer = dataclasses.replace(CHEDDAR, nutrients={**CHEDDAR.nutrients, "calcium_mg": 1500.0})
    after = summarizer.summarize(ZOE, week, {**foods, CHEDDAR.id: richer}, RECIPES)
    assert counted == [MON]  # only Monday has cheddar
    assert after == summarize_week(ZOE, week, {**foods, CHEDDAR.id: richer}, RECIPES)
    assert after.day(MON)["calcium_mg"] != before.day(MON)["calcium_mg"]
    # A food that is gone (a deleted record) is an unknown item, not the old numbers.
    gone = {k: v for k, v in foods.items() if k != YOGURT.id}
    result = same_as_fresh(summarizer, ZOE, week, gone, RECIPES)
    assert result.day(THU)["calcium_mg"].total.unknown == 1


def test_a_changed_recipe_inside_another_is_counted_again(week, foods):
    summarizer = WeekSummarizer()
    before = same_as_fresh(summarizer, ZOE, week, foods, RECIPES)
    # Tuesday's stew holds the soup: changing only the soup changes Tuesday (and Thursday).
    thicker = dataclasses.replace(SOUP, entries=(g(KALE, 400), g(MILK, 150)))
    after = same_as_fresh(summarizer, ZOE, week, foods, {**RECIPES, "soup": thicker})
    for day in (TUE, THU):
        assert after.day(day)["calcium_mg"] != before.day(day)["calcium_mg"]
    renamed = dataclasses.replace(STEW, name="Salmon stew")
    named = same_as_fresh(summarizer, ZOE, week, foods, {**RECIPES, "stew": renamed})
    missing = same_as_fresh(summarizer, ZOE, week, foods, {"stew": STEW})
    assert missing.day(TUE)["calcium_mg"].total.unknown_names != named.day(TUE)["calcium_mg"].total.unknown_names


def test_another_week_or_person_shares_nothing(week, foods):
    summarizer = WeekSummarizer()
    same_as_fresh(summarizer, ZOE, week, foods, RECIPES)
    other_week = dataclasses.replace(week, week=WEEK.shifted(1), days=tuple(
        dataclasses.replace(day, date=date) for day, date in zip(week.days, WEEK.shifted(1).dates(), strict=True)))
    same_as_fresh(summarizer, ZOE, other_week, foods, RECIPES)
    ann = Person("Ann", id=2, weight_kg=50, slots=(MealSlot("lunch", "Lunch", True),))
    same_as_fresh(summarizer, ann, WeekPlan.empty(2, WEEK), foods, RECIPES)
    same_as_fresh(summarizer, ZOE, week, foods, RECIPES)


def test_any_run_of_edits_gives_the_summary_made_from_scratch(week, foods):
    import random

    rng = random.Random(13)
    pool = [MILK, CHEDDAR, SALMON, KALE, NATTO, YOGURT, CALCIUM_CARBONATE_600]
    summarizer = WeekSummarizer()
    plans = [week]
    for _ in range(40):
        plan = plans[-1]
        date = rng.choice(WEEK.dates())
        slot = rng.choice(ZOE.slots).id
        entries = [e for day in plan.days for es in day.meals.values() for e in es]
        verb = rng.randrange(5)
        if verb == 0 or not entries:
            plan, _ = edits.place(plan, date, slot, g(rng.choice(pool), rng.uniform(5, 400)))
        elif verb == 1:
            plan, _ = edits.remove_entries(plan, [rng.choice(entries).id])
        elif verb == 2:
            entry = rng.choice(entries)
            plan, _ = edits.replace(plan, entry.id, dataclasses.replace(entry, grams=rng.uniform(5, 400)))
        elif verb == 3:
            plan, _ = edits.copy_day(plan, rng.choice(WEEK.dates()), date)
        else:
            plan = rng.choice(plans)  # undo or redo to any earlier state
        plans.append(plan)
        same_as_fresh(summarizer, ZOE, plan, foods, RECIPES)
