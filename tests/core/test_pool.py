"""The planner's food pool: the curated staples, the person's profile, portions within reason."""

from __future__ import annotations

import pytest

from bonewise.core.amounts import entry_for
from bonewise.core.edits import place
from bonewise.core.foodroles import profile_of
from bonewise.core.foods import Food, FoodKind, Measure
from bonewise.core.plan import Allergen, Diet, IsoWeek, Person, SoyPreference, WeekPlan
from bonewise.core.pool import (
    Candidate,
    build_pool,
    favourites_and_recent,
    load_staples,
    parse_staples,
    planner_supplements,
)
from bonewise.paths import reference_db_path, resources_dir
from bonewise.store.foodstore import FoodStore

HEADER = "food_id,measure,portions,name\n"


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
    pool = build_pool(Person("Ann", eats_natto=True), store, staples)
    assert pool.skipped == ()
    assert len(pool.candidates) == len(staples) >= 80
    by_id = {c.id: c for c in pool.candidates}
    yogurt = by_id["01117"]  # plain low-fat yogurt, 1 cup = 245 g in SR24
    assert yogurt.measure.grams == 245.0 and yogurt.meals == {"breakfast", "lunch", "snack"}
    assert by_id["15088"].meals == {"lunch", "dinner"}  # no sardines at breakfast


def test_staple_portions_are_half_to_twice_a_standard_serving(store, staples):
    # The food store's usual serving is the FDA reference amount (21 CFR 101.12); a main
    # protein food may reach a dinner fillet (its main-meal serving).
    pool = build_pool(Person("Ann", eats_natto=True), store, staples)
    for c in pool.candidates:
        serving = c.food.serving
        assert serving is not None, c.food.name
        for count in c.portions:
            grams = c.grams(count)
            assert 0.5 * serving.grams <= grams * 1.03, f"{c.food.name}: {c.portion_label(count)} ({serving.basis})"
            assert grams <= 2 * serving.main_meal_grams * 1.03, f"{c.food.name}: {c.portion_label(count)} ({serving.basis})"


def test_staples_cover_every_meal_with_its_roles(store, staples):
    pool = build_pool(Person("Ann"), store, staples)
    for kind, roles in (("breakfast", {"starchy", "dairy", "fruit", "protein"}),
                        ("lunch", {"protein", "vegetable", "starchy"}),
                        ("dinner", {"protein", "vegetable", "starchy"}),
                        ("snack", {"fruit", "dairy", "nuts"})):  # fmt: skip
        here = [c for c in pool.candidates if kind in c.meals]
        assert roles <= {c.role.value for c in here}
        assert max(c.amount("calcium_mg") for c in here) >= 200


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("food_id,measure\n", "header"),
        (HEADER + "01079,,1,Milk\n", "required"),
        (HEADER + "01079,1 cup,1,A\n01079,1 cup,1,B\n", "twice"),
        (HEADER + "01079,1 cup,one,Milk\n", "numbers"),
        (HEADER + "01079,1 cup,1 3 4,Milk\n", "evenly"),
        (HEADER + "01079,1 cup,-1,Milk\n", "evenly"),
    ],
)
def test_malformed_staples_are_refused_with_the_line(text, problem):
    with pytest.raises(ValueError, match=problem):
        parse_staples(text)


def test_a_profile_leaves_foods_out_with_the_reason(store, staples):
    person = Person("Ann", diet=Diet.VEGETARIAN, allergies=frozenset({Allergen.MILK}),
                    soy=SoyPreference.AVOID, on_warfarin=True, dislikes=frozenset({"09040"}))  # fmt: skip
    pool = build_pool(person, store, staples)
    reasons = {c.id: r.key for c, r in pool.excluded}
    assert reasons["01079"] == "allergy:milk"  # milk
    assert reasons["01009"] == "allergy:milk"  # cheddar: no lactose, but milk
    assert reasons["05064"] == "diet:vegetarian"  # chicken
    assert reasons["15088"] == "diet:vegetarian"  # sardines
    assert reasons["16426"] == "soy"  # tofu
    assert reasons["09040"] == "dislike"  # the banana she never wants
    allowed = {c.id for c in pool.candidates}
    assert "01129" in allowed  # eggs are fine for a vegetarian with a milk allergy
    assert not allowed & set(reasons)
    # Without one restriction, only the foods it alone left out come back.
    milk = next(r for c, r in pool.excluded if c.id == "01079")
    back = {c.id for c in pool.without_restriction(milk)} - allowed
    assert back and all(reasons[i] == "allergy:milk" for i in back)


def test_a_diet_is_one_restriction_whatever_each_food_holds(store, staples):
    """Milk, eggs and fish leave a vegan pool for different reasons, but it is one diet: explanations
    name it once, and without it they all come back."""
    pool = build_pool(Person("Ann", diet=Diet.VEGAN), store, staples)
    vegan = [r for r in pool.restrictions if r.key == "diet:vegan"]
    assert len(vegan) == 1
    back = {c.id for c in pool.without_restriction(vegan[0])}
    assert {"01079", "01129", "15088"} <= back  # milk, eggs, sardines


def test_lactose_free_keeps_hard_cheese_and_plant_drinks(store, staples):
    pool = build_pool(Person("Ann", diet=Diet.LACTOSE_FREE), store, staples)
    allowed = {c.id for c in pool.candidates}
    assert {"01009", "01040", "01032", "16139", "14639"} <= allowed  # cheddar, swiss, parmesan, drinks
    assert not {"01079", "01117", "01016"} & allowed  # milk, yogurt, cottage cheese


def test_vegan_keeps_no_animal_food(store, staples):
    pool = build_pool(Person("Ann", diet=Diet.VEGAN), store, staples)
    for c in pool.candidates:
        assert not {"meat", "fish", "milk", "egg", "crustacean", "animal"} & set(c.profile.contains), c.food.name
    assert {"16426", "16139", "16252"} <= {c.id for c in pool.candidates}  # tofu, soy drink, soy yogurt


def test_natto_only_for_people_who_eat_it_and_never_on_warfarin(store, staples):
    def natto_reason(person):
        return {c.id: r.key for c, r in build_pool(person, store, staples).excluded}.get("16113")

    assert natto_reason(Person("Ann")) == "natto"
    assert natto_reason(Person("Ann", eats_natto=True)) is None
    assert natto_reason(Person("Ann", eats_natto=True, on_warfarin=True)) == "warfarin"
    pool = build_pool(Person("Ann", eats_natto=True), store, staples)
    natto = next(c for c in pool.candidates if c.id == "16113")
    assert natto.portions == (0.125,) and natto.grams(0.125) <= 25  # one small serving


def test_whole_food_soy_keeps_tofu_but_not_isoflavone_pills(store, staples):
    pills = food("u7", "Soy isoflavone and calcium capsules", {"calcium_mg": 20_000.0}, FoodKind.SUPPLEMENT)
    foods = {**store.get_many(s.food_id for s in staples), "u7": pills}
    pool = build_pool(
        Person("Ann", soy=SoyPreference.WHOLE_FOODS), foods, staples, favourites=["u7"]
    )
    assert "16426" in {c.id for c in pool.candidates}
    assert [c.id for c, _ in pool.excluded if c.id != "16113"] == ["u7"]


def test_favourites_recent_and_pantry_are_marked_and_ordered(store, staples):
    pool = build_pool(
        Person("Ann"), store, staples, favourites=["01079", "09150"], recent=["12061", "09150"],
        pantry=["12061"], serving=store.usual_serving,
    )  # fmt: skip
    by_id = {c.id: c for c in pool.candidates}
    assert by_id["01079"].favourite and by_id["01079"].staple
    lemon = by_id["09150"]  # not a staple: its meals from its role, the store's serving, 0.5–2 of it
    assert not lemon.staple and lemon.favourite
    assert lemon.meals == profile_of(store.get("09150")).meals
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


def test_foods_without_energy_or_calcium_data_or_a_meal_role_are_skipped():
    foods = {
        "u1": food("u1", "Mystery stew", {"energy_kcal": 90.0}),
        "u2": food("u2", "Apple, baked", {"energy_kcal": 50.0, "calcium_mg": 6.0}),
        "u3": food("u3", "Chocolate cake", {"energy_kcal": 400.0, "calcium_mg": 50.0}),
    }
    pool = build_pool(Person("Ann"), foods, (), favourites=["u1", "u2", "u3"])
    assert [c.id for c in pool.candidates] == ["u2"]
    assert dict(pool.skipped) == {"u1": "has no calcium data",
                                  "u3": "a sweet or snack food is not planned as part of a meal"}  # fmt: skip


def test_unknown_nutrients_stay_unknown_but_supplement_labels_list_all_they_hold():
    stew_food = food("u1", "Stew", {"energy_kcal": 90.0, "calcium_mg": 10.0})
    stew = Candidate(stew_food, Measure("cup", 200.0), (1.0,), profile_of(stew_food))
    assert stew.amount("calcium_mg") == pytest.approx(20.0)
    assert stew.amount("vitamin_d_iu") is None
    pill = food(
        "sup-d", "D3", {"vitamin_d_iu": 100_000.0}, FoodKind.SUPPLEMENT, (Measure("softgel", 1.0),)
    )
    d3 = Candidate(pill, pill.measures[0], (1.0,), profile_of(pill))
    assert d3.amount("vitamin_d_iu") == pytest.approx(1000.0)
    assert d3.amount("calcium_mg") == 0.0


@pytest.mark.parametrize(("diet", "vitamin_d"), [(Diet.VEGAN, "d2"), (Diet.VEGETARIAN, "d3"), (Diet.NONE, "d3")])
def test_vitamin_d2_only_for_a_profile_that_leaves_d3_out(store, staples, diet, vitamin_d):
    """D3 pills come from lanolin: a vegan gets D2; everyone else D3, which raises blood levels more."""
    pool = build_pool(Person("Ann", diet=diet), store, staples,
                      supplements=planner_supplements(store.supplements()))  # fmt: skip
    kinds = {c.id.split("-")[2] for c in pool.candidates if c.id.startswith("sup-vitamin-d")}
    assert kinds == {vitamin_d}


def test_planner_supplements_are_calcium_vitamin_d_and_magnesium_without_k2(store):
    chosen = {s.id for s in planner_supplements(store.supplements())}
    assert "sup-vitamin-d3-1000" in chosen and "sup-calcium-citrate-315" in chosen
    assert "sup-magnesium-citrate-100" in chosen
    assert not any("k2" in i for i in chosen)
