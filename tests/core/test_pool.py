"""The planner's food pool: the curated staples, the person's flags, tags of other foods."""

from __future__ import annotations

import pytest

from bonewise.core.edits import place
from bonewise.core.foods import Food, FoodKind, Measure
from bonewise.core.plan import IsoWeek, MealSlot, Person, SoyPreference, WeekPlan
from bonewise.core.planner import entry_for
from bonewise.core.pool import (
    DAIRY_FREE,
    SOY_AVOID,
    VEGETARIAN,
    WARFARIN,
    Candidate,
    build_pool,
    favourites_and_recent,
    food_tags,
    load_staples,
    meal_kind,
    parse_staples,
    planner_supplements,
)
from bonewise.paths import reference_db_path, resources_dir
from bonewise.store.foodstore import FoodStore

HEADER = "food_id,measure,portions,meals,tags,name\n"


@pytest.fixture(scope="module")
def store():
    with FoodStore(reference_db_path()) as s:
        yield s


@pytest.fixture(scope="module")
def staples():
    return load_staples(resources_dir() / "staples.csv")


CUP = (Measure("cup", 240.0),)


def food(food_id, name, nutrients=None, kind=FoodKind.REFERENCE, measures=CUP):
    return Food(
        food_id,
        name,
        kind,
        "",
        "",
        nutrients or {"energy_kcal": 50.0, "calcium_mg": 100.0},
        measures,
    )


def test_shipped_staples_all_resolve_to_foods_and_measures(store, staples):
    pool = build_pool(Person("Ann"), store, staples)
    assert pool.skipped == ()
    assert len(pool.candidates) == len(staples) >= 60
    by_id = {c.id: c for c in pool.candidates}
    kefir_like = by_id["01117"]  # plain low-fat yogurt, 1 cup = 245 g in SR24
    assert kefir_like.measure.grams == 245.0 and kefir_like.meals == {"breakfast", "snack"}
    assert by_id["15088"].meals == {"lunch", "dinner"}  # no sardines at breakfast


def test_staples_cover_every_meal_with_protein_and_calcium(store, staples):
    pool = build_pool(Person("Ann"), store, staples)
    for kind in ("breakfast", "lunch", "dinner", "snack"):
        here = [c for c in pool.candidates if kind in c.meals]
        assert len(here) >= 10
        assert max(c.amount("calcium_mg") for c in here) >= 200


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("food_id,measure\n", "header"),
        (HEADER + "01079,,1,breakfast,,Milk\n", "required"),
        (HEADER + "01079,1 cup,1,breakfast,,A\n01079,1 cup,1,lunch,,B\n", "twice"),
        (HEADER + "01079,1 cup,one,breakfast,,Milk\n", "numbers"),
        (HEADER + "01079,1 cup,1 3 4,breakfast,,Milk\n", "evenly"),
        (HEADER + "01079,1 cup,-1,breakfast,,Milk\n", "evenly"),
        (HEADER + "01079,1 cup,1,brunch,,Milk\n", "meals"),
        (HEADER + "01079,1 cup,1,breakfast,dairy gluten,Milk\n", "tags"),
    ],
)
def test_malformed_staples_are_refused_with_the_line(text, problem):
    with pytest.raises(ValueError, match=problem):
        parse_staples(text)


def test_person_flags_leave_foods_out_with_the_reason(store, staples):
    person = Person(
        "Ann", dairy_free=True, vegetarian=True, soy=SoyPreference.AVOID, on_warfarin=True
    )
    pool = build_pool(person, store, staples)
    reasons = {c.id: r for c, r in pool.excluded}
    assert reasons["01079"] is DAIRY_FREE  # milk
    assert reasons["05064"] is VEGETARIAN  # chicken
    assert reasons["15088"] is VEGETARIAN  # sardines
    assert reasons["16426"] is SOY_AVOID  # tofu
    assert reasons["16113"] is SOY_AVOID  # natto (soy comes first)
    allowed = {c.id for c in pool.candidates}
    assert "01129" in allowed  # eggs are fine for a dairy-free vegetarian
    assert not allowed & set(reasons)
    # Without one restriction, only the foods it alone left out come back.
    back = {c.id for c in pool.without_restriction(DAIRY_FREE)} - allowed
    assert back and all(reasons[i] is DAIRY_FREE for i in back)


def test_warfarin_leaves_out_natto_only(store, staples):
    pool = build_pool(Person("Ann", on_warfarin=True), store, staples)
    assert [(c.id, r) for c, r in pool.excluded] == [("16113", WARFARIN)]


def test_whole_food_soy_keeps_tofu_but_not_isoflavone_pills(store, staples):
    pills = food("u7", "Soy isoflavone and calcium capsules", {"calcium_mg": 20_000.0}, FoodKind.SUPPLEMENT)
    foods = {**store.get_many(s.food_id for s in staples), "u7": pills}
    pool = build_pool(
        Person("Ann", soy=SoyPreference.WHOLE_FOODS), foods, staples, favourites=["u7"]
    )
    assert "16426" in {c.id for c in pool.candidates}
    assert [c.id for c, _ in pool.excluded] == ["u7"]


def test_favourites_recent_and_pantry_are_marked_and_ordered(store, staples):
    pool = build_pool(
        Person("Ann"), store, staples, favourites=["01079", "09150"], recent=["12061", "09150"],
        pantry=["12061"], serving=store.usual_serving,
    )  # fmt: skip
    by_id = {c.id: c for c in pool.candidates}
    assert by_id["01079"].favourite and by_id["01079"].staple
    lemon = by_id["09150"]  # not a staple: every meal, the store's usual serving, 0.5–2 portions
    assert not lemon.staple and lemon.favourite
    assert lemon.meals == {"breakfast", "lunch", "dinner", "snack"}
    assert lemon.portions == (0.5, 1.0, 1.5, 2.0)
    assert by_id["12061"].pantry and not by_id["01079"].pantry
    ids = [c.id for c in pool.candidates]
    assert ids == sorted(ids)


def test_a_k2_pill_among_favourites_is_not_planned(store, staples):
    pool = build_pool(Person("Ann"), store, staples, favourites=["sup-k2-mk7-180", "sup-vitamin-d3-1000"])
    ids = {c.id for c in pool.candidates}
    assert "sup-vitamin-d3-1000" in ids and "sup-k2-mk7-180" not in ids


def test_favourites_and_recent_come_from_past_weeks(store):
    week = WeekPlan.empty(1, IsoWeek(2026, 48))
    for i, day in enumerate(week.week.dates()):
        week, _ = place(week, day, "breakfast", entry_for(store.get("01079"), grams=244))
        if i < 2:
            week, _ = place(week, day, "lunch", entry_for(store.get("15088"), grams=92))
    assert favourites_and_recent([week]) == (["01079"], ["15088"])


def test_foods_without_energy_or_calcium_data_are_skipped():
    foods = {
        "u1": food("u1", "Mystery stew", {"energy_kcal": 90.0}),
        "u2": food("u2", "Plain broth", {"energy_kcal": 5.0, "calcium_mg": 2.0}),
    }
    pool = build_pool(Person("Ann"), foods, (), favourites=["u1", "u2"])
    assert [c.id for c in pool.candidates] == ["u2"]
    assert pool.skipped == (("u1", "has no calcium data"),)


def test_unknown_nutrients_stay_unknown_but_supplement_labels_list_all_they_hold():
    stew = Candidate(
        food("u1", "Stew", {"energy_kcal": 90.0, "calcium_mg": 10.0}),
        Measure("cup", 200.0),
        (1.0,),
        frozenset(),
    )
    assert stew.amount("calcium_mg") == pytest.approx(20.0)
    assert stew.amount("vitamin_d_iu") is None
    pill = food(
        "sup-d", "D3", {"vitamin_d_iu": 100_000.0}, FoodKind.SUPPLEMENT, (Measure("softgel", 1.0),)
    )
    d3 = Candidate(pill, pill.measures[0], (1.0,), frozenset())
    assert d3.amount("vitamin_d_iu") == pytest.approx(1000.0)
    assert d3.amount("calcium_mg") == 0.0


def test_planner_supplements_are_calcium_vitamin_d_and_magnesium_without_k2(store):
    chosen = {s.id for s in planner_supplements(store.supplements())}
    assert "sup-vitamin-d3-1000" in chosen and "sup-calcium-citrate-315" in chosen
    assert "sup-magnesium-citrate-100" in chosen
    assert not any("k2" in i for i in chosen)


@pytest.mark.parametrize(
    ("food_id", "name", "tags"),
    [
        ("01079", "Milk, reduced fat", {"dairy"}),
        ("01123", "Egg, whole, raw, fresh", {"egg"}),
        ("05064", "Chicken breast", {"meat"}),
        ("15088", "Fish, sardine", {"fish"}),
        ("16126", "Tofu, firm", {"soy"}),
        ("16113", "Natto", {"soy", "natto"}),
        ("u3", "Oat milk, barista", set()),
        ("u4", "Greek yoghurt", {"dairy"}),
        ("u5", "Soy isoflavone 40 mg", {"soy", "isoflavone"}),
    ],
)
def test_tags_of_foods_that_are_not_staples(food_id, name, tags):
    assert food_tags(food(food_id, name)) == tags


def test_meal_kind_by_slot_id_or_name():
    assert meal_kind(MealSlot("breakfast", "Breakfast", True)) == "breakfast"
    assert meal_kind(MealSlot("s1", "Supper", True)) == "dinner"
    assert meal_kind(MealSlot("s2", "Brunch", True)) == "lunch"
    assert meal_kind(MealSlot("bedtime", "Bedtime")) == "snack"
