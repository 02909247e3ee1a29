"""Plan edits: placing, moving, copying, clearing, several items at once; their ids and changes."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from bonewise.core import amounts, edits
from bonewise.core.plan import DayPlan, IsoWeek, MealSlot, Person, WeekPlan
from bonewise.errors import BonewiseError

from .sr_foods import CHEDDAR, MILK, SALMON, YOGURT

WEEK = IsoWeek(2026, 49)
MON, TUE, WED, SUN = (WEEK.monday() + dt.timedelta(days=i) for i in (0, 1, 2, 6))
ANN = Person("Ann", id=1)
BEA = Person("Bea", id=7)


def empty() -> WeekPlan:
    return WeekPlan.empty(1, WEEK)


def ids(week: WeekPlan, date: dt.date, slot: str) -> list[str]:
    return [e.id for e in week.day(date).entries(slot)]


# ----------------------------------------------------------------------------- edits


def test_place_appends_and_reports_the_date():
    week = empty()
    a, b = amounts.entry_for(MILK, grams=100), amounts.entry_for(CHEDDAR, grams=30)
    week1, change = edits.place(week, MON, "breakfast", a)
    week2, _ = edits.place(week1, MON, "breakfast", b)
    assert ids(week2, MON, "breakfast") == [a.id, b.id]
    assert change.dates == frozenset({MON})
    assert week.day(MON).entries("breakfast") == ()  # the old week is untouched


def test_place_at_index_and_clamped():
    week = empty()
    a, b, c = (amounts.entry_for(MILK, grams=g) for g in (1, 2, 3))
    week, _ = edits.place(week, MON, "lunch", a)
    week, _ = edits.place(week, MON, "lunch", b, index=0)
    week, _ = edits.place(week, MON, "lunch", c, index=99)
    assert ids(week, MON, "lunch") == [b.id, a.id, c.id]


def test_place_refuses_a_date_outside_the_week_and_duplicate_ids():
    entry = amounts.entry_for(MILK, grams=100)
    with pytest.raises(BonewiseError, match="not in week 2026-W49"):
        edits.place(empty(), dt.date(2026, 1, 1), "lunch", entry)
    week, _ = edits.place(empty(), MON, "lunch", entry)
    with pytest.raises(BonewiseError, match="already"):
        edits.place(week, TUE, "lunch", entry)
    with pytest.raises(BonewiseError):
        edits.place(week, MON, "", amounts.entry_for(MILK, grams=1))


def test_remove_leaves_no_empty_slot_so_plans_compare_equal():
    entry = amounts.entry_for(MILK, grams=100)
    week, _ = edits.place(empty(), TUE, "dinner", entry)
    back, change = edits.remove(week, entry.id)
    assert back == empty()
    assert change.dates == frozenset({TUE})
    with pytest.raises(BonewiseError, match="no longer in the plan"):
        edits.remove(back, entry.id)


def test_replace_keeps_position_and_id():
    a, b = amounts.entry_for(MILK, grams=100), amounts.entry_for(YOGURT, grams=100)
    week, _ = edits.place(empty(), MON, "breakfast", a)
    week, _ = edits.place(week, MON, "breakfast", b)
    new = amounts.entry_for(MILK, measure="cup", count=2)
    week, change = edits.replace(week, a.id, new)
    first = week.day(MON).entries("breakfast")[0]
    assert (first.id, first.grams, first.measure) == (a.id, 488.0, "cup")
    assert ids(week, MON, "breakfast") == [a.id, b.id]
    assert change.dates == frozenset({MON})


def test_move_between_days_reports_both_dates():
    entry = amounts.entry_for(CHEDDAR, grams=30)
    week, _ = edits.place(empty(), MON, "lunch", entry)
    moved, change = edits.move(week, entry.id, WED, "dinner")
    assert moved.day(MON).meals == {}
    assert ids(moved, WED, "dinner") == [entry.id]
    assert change.dates == frozenset({MON, WED})


def test_move_within_a_meal_reorders():
    a, b, c = (amounts.entry_for(MILK, grams=g) for g in (1, 2, 3))
    week = empty()
    for e in (a, b, c):
        week, _ = edits.place(week, MON, "lunch", e)
    week, change = edits.move(week, c.id, MON, "lunch", index=0)
    assert ids(week, MON, "lunch") == [c.id, a.id, b.id]
    assert change.dates == frozenset({MON})


def test_move_with_copy_keeps_the_original_and_gives_a_fresh_id():
    entry = amounts.entry_for(MILK, grams=200)
    week, _ = edits.place(empty(), MON, "breakfast", entry)
    copied, change = edits.move(week, entry.id, SUN, "bedtime", copy=True)
    assert ids(copied, MON, "breakfast") == [entry.id]
    (copy,) = copied.day(SUN).entries("bedtime")
    assert copy.id != entry.id and copy.grams == 200.0 and copy.food_id == "01079"
    assert change.dates == frozenset({MON, SUN})


def test_find_entry():
    entry = amounts.entry_for(MILK, grams=200)
    week, _ = edits.place(empty(), WED, "bedtime", entry)
    assert edits.find_entry(week, entry.id) == (WED, "bedtime", entry)


def _filled() -> WeekPlan:
    week = empty()
    week, _ = edits.place(week, MON, "breakfast", amounts.entry_for(MILK, grams=244))
    week, _ = edits.place(week, MON, "breakfast", amounts.entry_for(YOGURT, grams=113))
    week, _ = edits.place(week, MON, "dinner", amounts.entry_for(SALMON, grams=85))
    week, _ = edits.set_note(week, MON, "Oncology visit <10:00> & blood test")
    return week


def test_copy_meal_appends_copies_with_fresh_ids():
    week = _filled()
    week, _ = edits.place(week, TUE, "lunch", amounts.entry_for(CHEDDAR, grams=30))
    copied, change = edits.copy_meal(week, MON, "breakfast", TUE, "lunch")
    lunch = copied.day(TUE).entries("lunch")
    assert [e.food_id for e in lunch] == ["01009", "01079", "01117"]
    assert not {e.id for e in lunch} & set(ids(week, MON, "breakfast"))
    assert change.dates == frozenset({TUE})
    replaced, _ = edits.copy_meal(week, MON, "breakfast", TUE, "lunch", replace_existing=True)
    assert [e.food_id for e in replaced.day(TUE).entries("lunch")] == ["01079", "01117"]


def test_copy_day_replaces_meals_and_keeps_the_destination_note():
    week = _filled()
    week, _ = edits.place(week, WED, "bedtime", amounts.entry_for(CHEDDAR, grams=30))
    week, _ = edits.set_note(week, WED, "Wednesday's own note")
    copied, change = edits.copy_day(week, MON, WED)
    wed, mon = copied.day(WED), copied.day(MON)
    assert {s: [e.food_id for e in es] for s, es in wed.meals.items()} == {
        s: [e.food_id for e in es] for s, es in mon.meals.items()
    }
    assert wed.note == "Wednesday's own note"
    assert change.dates == frozenset({WED})
    all_ids = [e.id for d in copied.days for es in d.meals.values() for e in es]
    assert len(all_ids) == len(set(all_ids))
    added, _ = edits.copy_day(week, MON, WED, replace_existing=False)
    assert [e.food_id for e in added.day(WED).entries("bedtime")] == ["01009"]


def test_clear_day_keeps_the_note():
    week, change = edits.clear_day(_filled(), MON)
    assert week.day(MON).meals == {} and week.day(MON).note.startswith("Oncology")
    assert change.dates == frozenset({MON})


def test_set_note_takes_any_text_and_refuses_too_long():
    text = "Zoë: «café» & <b>ужин</b> 晚饭 🍲 \"quoted\""
    week, _ = edits.set_note(empty(), SUN, text)
    assert week.day(SUN).note == text
    with pytest.raises(BonewiseError, match="at most 2,000"):
        edits.set_note(empty(), SUN, "x" * 2001)
    with pytest.raises(BonewiseError):
        edits.set_note(empty(), SUN, 42)


def test_copy_week_to_another_week_and_person_with_fresh_ids():
    src = _filled()
    dst_week = IsoWeek(2027, 1)
    copied, change = edits.copy_week(src, ANN, WeekPlan.empty(7, dst_week), BEA)
    assert change.dates == frozenset(dst_week.dates())
    assert copied.person_id == 7 and copied.week == dst_week
    assert copied.days[0].date == dst_week.monday() == dt.date(2027, 1, 4)
    assert [e.food_id for e in copied.days[0].entries("breakfast")] == ["01079", "01117"]
    assert copied.days[0].note == src.days[0].note
    src_ids = {e.id for d in src.days for es in d.meals.values() for e in es}
    dst_ids = {e.id for d in copied.days for es in d.meals.values() for e in es}
    assert len(dst_ids) == len(src_ids) == 3 and not src_ids & dst_ids


def test_days_without_meals_stay_plain_dayplans():
    copied, _ = edits.copy_week(empty(), ANN, WeekPlan.empty(1, WEEK.shifted(1)), ANN)
    assert copied.days[3] == DayPlan(WEEK.shifted(1).dates()[3])


# ----------------------------------------------------------------------------- several items


def _lunch_of(*foods):
    week = empty()
    for food in foods:
        week, _ = edits.place(week, MON, "lunch", amounts.entry_for(food, grams=100))
    return week


def test_moving_items_down_in_their_own_meal_lands_where_they_were_dropped():
    week = _lunch_of(MILK, CHEDDAR, SALMON, YOGURT)
    a, b, c, d = ids(week, MON, "lunch")
    # Drop a and b just above d (the user sees position 3): the result reads c, a, b, d.
    moved, change = edits.move_entries(week, [a, b], MON, "lunch", index=3)
    assert ids(moved, MON, "lunch") == [c, a, b, d] and change.dates == {MON}
    # Dropping where they already are changes nothing.
    same, _ = edits.move_entries(week, [b, c], MON, "lunch", index=1)
    assert ids(same, MON, "lunch") == [a, b, c, d]


def test_moving_and_copying_several_items_keeps_their_order_and_names_both_days():
    week = _lunch_of(MILK, CHEDDAR, SALMON)
    a, b, c = ids(week, MON, "lunch")
    moved, change = edits.move_entries(week, [c, a], TUE, "dinner")
    assert ids(moved, TUE, "dinner") == [c, a] and ids(moved, MON, "lunch") == [b]
    assert change.dates == {MON, TUE}
    copied, change = edits.move_entries(week, [a, b], TUE, "dinner", index=0, copy=True)
    assert ids(copied, MON, "lunch") == [a, b, c] and change.dates == {MON, TUE}
    new = ids(copied, TUE, "dinner")
    assert len(new) == 2 and not set(new) & {a, b, c}


def test_remove_and_place_several_items_as_one_change():
    week = _lunch_of(MILK, CHEDDAR)
    a, b = ids(week, MON, "lunch")
    gone, change = edits.remove_entries(week, [a, b])
    assert gone.day(MON).meals == {} and change.dates == {MON}
    with pytest.raises(BonewiseError, match="no longer in the plan"):
        edits.remove_entries(gone, [a])
    fresh = edits.fresh_copies(week.day(MON).entries("lunch"))
    assert [e.food_id for e in fresh] == ["01079", "01009"] and not {e.id for e in fresh} & {a, b}
    placed, change = edits.place_entries(week, fresh, MON, "lunch", index=1)
    assert ids(placed, MON, "lunch") == [a, fresh[0].id, fresh[1].id, b] and change.dates == {MON}


def test_replace_day_gives_a_day_exactly_the_pasted_meals_and_keeps_its_note():
    week, _ = edits.set_note(_lunch_of(MILK), MON, "walk")
    salmon = amounts.entry_for(SALMON, grams=120)
    replaced, change = edits.replace_day(week, MON, {"dinner": [salmon]})
    assert replaced.day(MON).meals == {"dinner": (salmon,)} and replaced.day(MON).note == "walk"
    assert change.dates == {MON}


def test_an_auto_plan_is_placed_after_what_each_meal_holds():
    week = _lunch_of(MILK)
    kept = ids(week, MON, "lunch")
    added = [amounts.entry_for(CHEDDAR, grams=30), amounts.entry_for(YOGURT, grams=150)]
    plan = [
        SimpleNamespace(date=day, slot_id="lunch", entry=entry)
        for day, entry in zip((MON, WED), added, strict=True)
    ]
    planned, change = edits.apply_auto_plan(week, plan)
    assert ids(planned, MON, "lunch") == [*kept, added[0].id]
    assert ids(planned, WED, "lunch") == [added[1].id] and change.dates == {MON, WED}


# ----------------------------------------------------------------------------- whole weeks


def test_a_week_is_planned_when_it_has_an_item_or_a_note():
    assert not edits.is_planned(empty())
    assert edits.is_planned(edits.set_note(empty(), SUN, "rest")[0])
    assert edits.is_planned(_lunch_of(MILK))


def test_copy_week_refuses_itself_and_meals_the_target_lacks_in_one_sentence():
    week = _lunch_of(MILK)
    with pytest.raises(BonewiseError, match="cannot be copied onto itself; choose another week"):
        edits.copy_week(week, ANN, week, ANN)
    soup_only = Person("Cleo", id=9, slots=(MealSlot("soup", "Soup"),))
    with pytest.raises(BonewiseError, match="^Cleo has no meal “Lunch”; add it in People"):
        edits.check_copy_week(week, ANN, WEEK, soup_only)
    copied, _ = edits.copy_week(week, ANN, WeekPlan.empty(1, WEEK.shifted(1)), ANN)
    assert len(copied.days[0].entries("lunch")) == 1
