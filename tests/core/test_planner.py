"""Plan edits: amounts and measures, placing, moving, copying, and their ids and changes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bonewise.core import planner, rules
from bonewise.core.plan import DayPlan, Entry, IsoWeek, WeekPlan
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
    entry = planner.entry_for(MILK, grams=150)
    assert (entry.food_id, entry.grams, entry.measure, entry.count) == ("01079", 150.0, None, None)


def test_entry_for_measure_resolves_grams_from_the_food():
    entry = planner.entry_for(MILK, measure="cup", count=1.5)
    assert entry.grams == 244.0 * 1.5
    assert (entry.measure, entry.count) == ("cup", 1.5)


def test_measure_by_full_label_counts_in_single_units():
    # SR24 lists "0.5 container (4 oz)" = 113 g for yogurt 01117: two of them are 226 g,
    # stored as one "container (4 oz)" of 226 g.
    entry = planner.entry_for(YOGURT, measure="0.5 container (4 oz)", count=2)
    assert entry.grams == 226.0
    assert (entry.measure, entry.count) == ("container (4 oz)", 1.0)
    by_name = planner.entry_for(YOGURT, measure="container (4 oz)", count=0.5)
    assert by_name.grams == 113.0


def test_measure_names_ignore_case_spacing_and_plurals():
    assert planner.entry_for(MILK, measure="  CUP ", count=2).grams == 488.0
    assert planner.entry_for(MILK, measure="cups", count=1).grams == 244.0
    assert planner.entry_for(CALCIUM_CARBONATE_600, measure="tablets", count=2).grams == 2.0


def test_the_first_word_of_a_measure_is_enough_when_only_one_fits():
    from bonewise.core.foods import Measure

    sardines = dataclasses.replace(
        CHEDDAR, measures=(Measure("can (3.75 oz)", 92.0), Measure("oz", 28.35), Measure("sardines", 24.0, 2))
    )
    measure, grams = planner.find_measure(sardines, "cans")
    assert (measure.name, grams) == ("can (3.75 oz)", 92.0)
    assert planner.find_measure(sardines, "sardines")[0].name == "sardines"  # an exact name wins
    two_cups = dataclasses.replace(
        CHEDDAR, measures=(Measure("cup, shredded", 113.0), Measure("cup, diced", 132.0))
    )
    with pytest.raises(BonewiseError, match="no measure called “cup”"):
        planner.find_measure(two_cups, "cup")  # ambiguous: the user must say which


def test_supplement_dose_measure():
    entry = planner.entry_for(VITAMIN_D3_1000, measure="softgel")
    assert (entry.grams, entry.measure, entry.count) == (1.0, "softgel", 1.0)


def test_unknown_measure_lists_the_foods_measures():
    with pytest.raises(BonewiseError, match="no measure called “bowl”.*“cup”"):
        planner.entry_for(MILK, measure="bowl")


@pytest.mark.parametrize(
    "grams",
    [0, -1, -0.0, float("nan"), float("inf"), -float("inf"), 100_000.5, 1e300, "150", "abc", True, None, [1]],
)
def test_invalid_grams_are_refused_with_a_clear_message(grams):
    with pytest.raises(BonewiseError) as info:
        if grams is None:
            planner.entry_for(MILK)  # neither grams nor measure
        else:
            planner.entry_for(MILK, grams=grams)
    assert str(info.value).endswith(".")


def test_grams_at_the_maximum_are_accepted():
    assert planner.entry_for(MILK, grams=100_000).grams == 100_000.0
    assert planner.entry_for(MILK, grams=0.001).grams == 0.001


@pytest.mark.parametrize("count", [0, -2, float("nan"), float("inf"), 1001, "2", False])
def test_invalid_counts_are_refused(count):
    with pytest.raises(BonewiseError):
        planner.entry_for(MILK, measure="cup", count=count)


def test_measure_times_count_above_the_maximum_is_refused():
    with pytest.raises(BonewiseError, match="weighs"):
        planner.entry_for(MILK, measure="quart", count=999)  # 975 kg


def test_grams_and_measure_together_are_refused():
    with pytest.raises(BonewiseError, match="either"):
        planner.entry_for(MILK, grams=100, measure="cup")


# ----------------------------------------------------------------------------- parse_amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("150 g", (150.0, "g")),
        ("150g", (150.0, "g")),
        ("1.5 cup", (1.5, "cup")),
        ("2 tablets", (2.0, "tablets")),
        ("½ cup", (0.5, "cup")),
        ("1½ cups", (1.5, "cups")),
        ("1 1/2 cup", (1.5, "cup")),
        ("3/4 cup", (0.75, "cup")),
        ("1,5", (1.5, None)),
        ("0,250 kg", (0.25, "kg")),
        (".5 cup", (0.5, "cup")),
        ("  2   x  tablet ", (2.0, "tablet")),
        ("１５０ g", (150.0, "g")),  # full-width digits from an IME
        ("2 ложки", (2.0, "ложки")),
        ("1 cup, chopped", (1.0, "cup, chopped")),
        ("100", (100.0, None)),
        ("3 oz.", (3.0, "oz")),
    ],
)
def test_parse_amount(text, expected):
    assert planner.parse_amount(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "cup", "-5 g", "−5 g", "0", "0 g", "1/0 cup", "1,500 g", "1..5", "1.5.3 cup", "abc 5",
     "NaN", "inf", "<script>", "9" * 400, None, 5, b"150 g"],
)  # fmt: skip
def test_parse_amount_refuses_junk_with_bonewise_error(text):
    with pytest.raises(BonewiseError):
        planner.parse_amount(text)


def test_exponents_are_not_numbers():
    with pytest.raises(BonewiseError, match="no measure called “e400”"):
        planner.entry_from_text(MILK, "1e400")


def test_ambiguous_thousands_comma_explains_both_readings():
    with pytest.raises(BonewiseError, match="write 1500 or 1.500"):
        planner.parse_amount("1,500 g")


@given(st.text(max_size=40))
def test_parse_amount_only_ever_raises_bonewise_error(text):
    try:
        quantity, unit = planner.parse_amount(text)
    except BonewiseError:
        return
    assert math.isfinite(quantity) and quantity > 0
    assert unit is None or unit[0].isalpha()


@given(st.text(alphabet="0123456789.,/ ½¼gkcuptabletsx-", max_size=20))
def test_entry_from_text_only_ever_raises_bonewise_error(text):
    try:
        entry = planner.entry_from_text(MILK, text)
    except BonewiseError:
        return
    assert 0 < entry.grams <= rules.MAX_GRAMS


@pytest.mark.parametrize(
    ("food", "text", "grams", "measure"),
    [
        (MILK, "1 cup", 244.0, "cup"),
        (MILK, "150 g", 150.0, None),
        (MILK, "0,2 kg", 200.0, None),
        (MILK, "200", 200.0, None),
        (MILK, "½ cup", 122.0, "cup"),
        (CHEDDAR, "1 oz", 28.35, "oz"),  # SR24's own "oz" measure wins over the unit
        (SALMON, "2 oz", 2 * 85.0 / 3, "oz"),  # SR24: "3 oz" = 85 g
        (MILK, "2 oz", 2 * 28.349523125, None),  # milk has no "oz" measure: avoirdupois
        (CALCIUM_CARBONATE_600, "2", 2.0, "tablet"),  # a bare number counts doses
        (CALCIUM_CARBONATE_600, "1 tablet", 1.0, "tablet"),
    ],
)
def test_entry_from_text(food, text, grams, measure):
    entry = planner.entry_from_text(food, text)
    assert entry.grams == pytest.approx(grams, rel=1e-12)
    assert entry.measure == measure


# ----------------------------------------------------------------------------- recipes


def test_make_recipe_and_recipe_entry():
    recipe = rules.make_recipe("  Porridge ", [planner.entry_for(MILK, measure="cup")], portions=2)
    assert (recipe.name, recipe.portions, len(recipe.entries)) == ("Porridge", 2.0, 1)
    entry = planner.entry_for_recipe(recipe, 1.5)
    assert (entry.recipe_id, entry.count, entry.food_id, entry.grams) == (recipe.id, 1.5, None, 0.0)


@pytest.mark.parametrize(
    ("name", "entries", "portions"),
    [("", "milk", 1), ("Soup", "", 1), ("Soup", "milk", 0), ("Soup", "milk", float("nan")), (None, "milk", 1)],
)
def test_make_recipe_refuses_bad_input(name, entries, portions):
    items = [planner.entry_for(MILK, grams=100)] if entries else []
    with pytest.raises(BonewiseError):
        rules.make_recipe(name, items, portions)


def test_recipe_cannot_contain_itself():
    self_entry = Entry(food_id=None, grams=0.0, count=1.0, recipe_id="r1")
    with pytest.raises(BonewiseError, match="itself"):
        rules.make_recipe("Loop", [self_entry], recipe_id="r1")


# ----------------------------------------------------------------------------- edits


def test_place_appends_and_reports_the_date():
    week = empty()
    a, b = planner.entry_for(MILK, grams=100), planner.entry_for(CHEDDAR, grams=30)
    week1, change = planner.place(week, MON, "breakfast", a)
    week2, _ = planner.place(week1, MON, "breakfast", b)
    assert ids(week2, MON, "breakfast") == [a.id, b.id]
    assert change.dates == frozenset({MON})
    assert week.day(MON).entries("breakfast") == ()  # the old week is untouched


def test_place_at_index_and_clamped():
    week = empty()
    a, b, c = (planner.entry_for(MILK, grams=g) for g in (1, 2, 3))
    week, _ = planner.place(week, MON, "lunch", a)
    week, _ = planner.place(week, MON, "lunch", b, index=0)
    week, _ = planner.place(week, MON, "lunch", c, index=99)
    assert ids(week, MON, "lunch") == [b.id, a.id, c.id]


def test_place_refuses_a_date_outside_the_week_and_duplicate_ids():
    entry = planner.entry_for(MILK, grams=100)
    with pytest.raises(BonewiseError, match="not in week 2026-W49"):
        planner.place(empty(), dt.date(2026, 1, 1), "lunch", entry)
    week, _ = planner.place(empty(), MON, "lunch", entry)
    with pytest.raises(BonewiseError, match="already"):
        planner.place(week, TUE, "lunch", entry)
    with pytest.raises(BonewiseError):
        planner.place(week, MON, "", planner.entry_for(MILK, grams=1))


def test_remove_leaves_no_empty_slot_so_plans_compare_equal():
    entry = planner.entry_for(MILK, grams=100)
    week, _ = planner.place(empty(), TUE, "dinner", entry)
    back, change = planner.remove(week, entry.id)
    assert back == empty()
    assert change.dates == frozenset({TUE})
    with pytest.raises(BonewiseError, match="no longer in the plan"):
        planner.remove(back, entry.id)


def test_replace_keeps_position_and_id():
    a, b = planner.entry_for(MILK, grams=100), planner.entry_for(YOGURT, grams=100)
    week, _ = planner.place(empty(), MON, "breakfast", a)
    week, _ = planner.place(week, MON, "breakfast", b)
    new = planner.entry_for(MILK, measure="cup", count=2)
    week, change = planner.replace(week, a.id, new)
    first = week.day(MON).entries("breakfast")[0]
    assert (first.id, first.grams, first.measure) == (a.id, 488.0, "cup")
    assert ids(week, MON, "breakfast") == [a.id, b.id]
    assert change.dates == frozenset({MON})


def test_move_between_days_reports_both_dates():
    entry = planner.entry_for(CHEDDAR, grams=30)
    week, _ = planner.place(empty(), MON, "lunch", entry)
    moved, change = planner.move(week, entry.id, WED, "dinner")
    assert moved.day(MON).meals == {}
    assert ids(moved, WED, "dinner") == [entry.id]
    assert change.dates == frozenset({MON, WED})


def test_move_within_a_meal_reorders():
    a, b, c = (planner.entry_for(MILK, grams=g) for g in (1, 2, 3))
    week = empty()
    for e in (a, b, c):
        week, _ = planner.place(week, MON, "lunch", e)
    week, change = planner.move(week, c.id, MON, "lunch", index=0)
    assert ids(week, MON, "lunch") == [c.id, a.id, b.id]
    assert change.dates == frozenset({MON})


def test_move_with_copy_keeps_the_original_and_gives_a_fresh_id():
    entry = planner.entry_for(MILK, grams=200)
    week, _ = planner.place(empty(), MON, "breakfast", entry)
    copied, change = planner.move(week, entry.id, SUN, "bedtime", copy=True)
    assert ids(copied, MON, "breakfast") == [entry.id]
    (copy,) = copied.day(SUN).entries("bedtime")
    assert copy.id != entry.id and copy.grams == 200.0 and copy.food_id == "01079"
    assert change.dates == frozenset({MON, SUN})


def test_find_entry():
    entry = planner.entry_for(MILK, grams=200)
    week, _ = planner.place(empty(), WED, "bedtime", entry)
    assert planner.find_entry(week, entry.id) == (WED, "bedtime", entry)


def _filled() -> WeekPlan:
    week = empty()
    week, _ = planner.place(week, MON, "breakfast", planner.entry_for(MILK, grams=244))
    week, _ = planner.place(week, MON, "breakfast", planner.entry_for(YOGURT, grams=113))
    week, _ = planner.place(week, MON, "dinner", planner.entry_for(SALMON, grams=85))
    week, _ = planner.set_note(week, MON, "Oncology visit <10:00> & blood test")
    return week


def test_copy_meal_appends_copies_with_fresh_ids():
    week = _filled()
    week, _ = planner.place(week, TUE, "lunch", planner.entry_for(CHEDDAR, grams=30))
    copied, change = planner.copy_meal(week, MON, "breakfast", TUE, "lunch")
    lunch = copied.day(TUE).entries("lunch")
    assert [e.food_id for e in lunch] == ["01009", "01079", "01117"]
    assert not {e.id for e in lunch} & set(ids(week, MON, "breakfast"))
    assert change.dates == frozenset({TUE})
    replaced, _ = planner.copy_meal(week, MON, "breakfast", TUE, "lunch", replace_existing=True)
    assert [e.food_id for e in replaced.day(TUE).entries("lunch")] == ["01079", "01117"]


def test_copy_day_replaces_meals_and_keeps_the_destination_note():
    week = _filled()
    week, _ = planner.place(week, WED, "bedtime", planner.entry_for(CHEDDAR, grams=30))
    week, _ = planner.set_note(week, WED, "Wednesday's own note")
    copied, change = planner.copy_day(week, MON, WED)
    wed, mon = copied.day(WED), copied.day(MON)
    assert {s: [e.food_id for e in es] for s, es in wed.meals.items()} == {
        s: [e.food_id for e in es] for s, es in mon.meals.items()
    }
    assert wed.note == "Wednesday's own note"
    assert change.dates == frozenset({WED})
    all_ids = [e.id for d in copied.days for es in d.meals.values() for e in es]
    assert len(all_ids) == len(set(all_ids))
    added, _ = planner.copy_day(week, MON, WED, replace_existing=False)
    assert [e.food_id for e in added.day(WED).entries("bedtime")] == ["01009"]


def test_clear_day_keeps_the_note():
    week, change = planner.clear_day(_filled(), MON)
    assert week.day(MON).meals == {} and week.day(MON).note.startswith("Oncology")
    assert change.dates == frozenset({MON})


def test_set_note_takes_any_text_and_refuses_too_long():
    text = "Zoë: «café» & <b>ужин</b> 晚饭 🍲 \"quoted\""
    week, _ = planner.set_note(empty(), SUN, text)
    assert week.day(SUN).note == text
    with pytest.raises(BonewiseError, match="at most 2,000"):
        planner.set_note(empty(), SUN, "x" * 2001)
    with pytest.raises(BonewiseError):
        planner.set_note(empty(), SUN, 42)


def test_copy_week_to_another_week_and_person_with_fresh_ids():
    src = _filled()
    dst_week = IsoWeek(2027, 1)
    copied = planner.copy_week(src, dst_week, 7)
    assert copied.person_id == 7 and copied.week == dst_week
    assert copied.days[0].date == dst_week.monday() == dt.date(2027, 1, 4)
    assert [e.food_id for e in copied.days[0].entries("breakfast")] == ["01079", "01117"]
    assert copied.days[0].note == src.days[0].note
    src_ids = {e.id for d in src.days for es in d.meals.values() for e in es}
    dst_ids = {e.id for d in copied.days for es in d.meals.values() for e in es}
    assert len(dst_ids) == len(src_ids) == 3 and not src_ids & dst_ids


def test_days_without_meals_stay_plain_dayplans():
    assert planner.copy_week(empty(), WEEK, 1).days[3] == DayPlan(WEEK.dates()[3])


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
        lambda: planner.entry_for(MILK, grams=value),
        lambda: planner.entry_for(MILK, measure="cup", count=value),
    ):
        try:
            entry = call()
        except BonewiseError:
            continue
        assert 0 < entry.grams <= rules.MAX_GRAMS
