"""Shopping-list aggregation: one line per food, sensible units, pantry left out."""

from __future__ import annotations

from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bonewise.core.foods import Food, FoodKind, Measure
from bonewise.core.plan import DayPlan, Entry, IsoWeek, Person, Recipe, WeekPlan
from bonewise.core.purchase import CookingYield, Quantity, buy_quantity
from bonewise.core.shopping import (
    SUPPLEMENT_AISLE,
    Pantry,
    build_shopping_list,
    pantry_from_settings,
)

WEEK = IsoWeek(2026, 49)  # Monday 30 November 2026
MON, TUE, WED, THU, FRI, SAT, SUN = WEEK.dates()


def food(food_id, name, aisle, *measures, kind=FoodKind.REFERENCE):
    return Food(food_id, name, kind, "group", aisle, {"calcium_mg": 100.0}, tuple(measures))


MILK = food("01077", "Milk, whole", "Dairy & eggs", Measure("cup", 244), Measure("fl oz", 30.5))
EGG = food("01123", "Egg, whole, raw", "Dairy & eggs", Measure("large", 50), Measure("medium", 44))
YOGURT = food("01117", "Yogurt, plain", "Dairy & eggs", Measure("container (6 oz)", 170))
SALMON = food("15076", "Salmon, Atlantic", "Fish", Measure("fillet", 154), Measure("oz", 28.35))
OIL = food("04053", "Olive oil", "Oils", Measure("tbsp", 13.5), Measure("cup", 216))
POTATO = food("11352", "Potatoes, raw", "Vegetables", Measure("cup, diced", 150))
CALCIUM = food(
    "sup-ca-carb-600", "Calcium carbonate 600 mg", "", Measure("tablet", 1),
    kind=FoodKind.SUPPLEMENT,
)  # fmt: skip
FOODS = {f.id: f for f in (MILK, EGG, YOGURT, SALMON, OIL, POTATO, CALCIUM)}

ZOE = Person("Zoë", id=1)
MUM = Person("Mum <b>&amp;</b>", id=2)


def entry(f, grams, measure=None, count=None):
    return Entry(f.id, grams, measure, count)


def week(person, cells):
    """cells: {(date, slot_id): [entries]} -> WeekPlan."""
    days = []
    for date in WEEK.dates():
        meals = {slot: tuple(items) for (d, slot), items in cells.items() if d == date}
        days.append(DayPlan(date, MappingProxyType(meals)))
    return WeekPlan(person.id, WEEK, tuple(days))


def one_row(shopping, food_id):
    rows = [r for r in shopping.rows if r.food_id == food_id]
    assert len(rows) == 1, rows
    return rows[0]


def test_milk_is_merged_across_meals_days_and_people_into_one_line():
    zoe = week(ZOE, {(MON, "breakfast"): [entry(MILK, 244, "cup", 1)],
                     (WED, "lunch"): [entry(MILK, 244, "cup", 1)]})  # fmt: skip
    mum = week(MUM, {(TUE, "dinner"): [entry(MILK, 488, "cup", 2)],
                     (THU, "breakfast"): [entry(MILK, 61, "fl oz", 2)]})  # fmt: skip
    shopping = build_shopping_list([(ZOE, zoe), (MUM, mum)], FOODS, {})
    row = one_row(shopping, MILK.id)
    assert row.grams == 244 + 244 + 488 + 61
    # 1,037 g / 244 g per cup × 236.6 ml per cup = 1,005 ml -> 1.1 L (rounded up)
    assert row.quantity == Quantity(1.1, "L")
    assert row.uses_text == "Mon Breakfast, Wed Lunch (Zoë); Tue Dinner, Thu Breakfast (Mum <b>&amp;</b>)"
    assert shopping.people == ("Zoë", "Mum <b>&amp;</b>")


def test_eggs_planned_by_count_and_by_grams_are_counted_as_eggs():
    plan = week(ZOE, {(MON, "breakfast"): [entry(EGG, 100, "large", 2)],
                      (TUE, "breakfast"): [entry(EGG, 50, "large", 1)],
                      (WED, "dinner"): [entry(EGG, 60)]})  # fmt: skip
    row = one_row(build_shopping_list([(ZOE, plan)], FOODS, {}), EGG.id)
    assert row.grams == 210
    assert row.quantity == Quantity(5, "large eggs")  # 4.2 eggs: buy 5
    assert row.weight_hint == "210 g"
    assert row.uses_text == "Mon Breakfast, Tue Breakfast, Wed Dinner"  # one person: no name


def test_countable_measures_take_a_plural_and_keep_their_detail():
    plan = week(ZOE, {(d, "morning-snack"): [entry(YOGURT, 170, "container (6 oz)", 1)]
                      for d in (MON, TUE, WED)})  # fmt: skip
    row = one_row(build_shopping_list([(ZOE, plan)], FOODS, {}), YOGURT.id)
    assert str(row.quantity) == "3 containers (6 oz)"


def test_supplements_are_counted_in_doses_and_listed_last():
    cells = {(d, slot): [entry(CALCIUM, 1, "tablet", 1)] for d in WEEK.dates()
             for slot in ("breakfast", "dinner")}  # fmt: skip
    cells[(MON, "lunch")] = [entry(SALMON, 120)]
    shopping = build_shopping_list([(ZOE, week(ZOE, cells))], FOODS, {})
    row = one_row(shopping, CALCIUM.id)
    assert str(row.quantity) == "14 tablets"
    assert row.weight_hint == ""  # a tablet's nominal gram means nothing to a shopper
    assert [g.aisle for g in shopping.aisles] == ["Fish", SUPPLEMENT_AISLE]


def test_weights_are_grams_under_a_kilogram_and_kilograms_above():
    assert buy_quantity(SALMON, 243, {}) == Quantity(250, "g")
    assert buy_quantity(SALMON, 42, {}) == Quantity(45, "g")
    assert buy_quantity(POTATO, 1250, {}) == Quantity(1.3, "kg")
    assert buy_quantity(POTATO, 2000, {}) == Quantity(2, "kg")
    assert str(Quantity(2.0, "kg")) == "2 kg"
    assert str(Quantity(1500, "g")) == "1,500 g"


def test_measures_that_are_not_sold_fall_back_to_weight():
    # Cups of diced potato are bought by weight: only drinks (a "fl oz" measure) by volume ...
    assert buy_quantity(POTATO, 300, {"cup, diced": 300}) == Quantity(300, "g")
    assert buy_quantity(MILK, 244 * 3, {"cup": 244 * 3}) == Quantity(750, "ml")
    # ... an "oz" is a weight and a measure the food lacks is ignored: grams.
    assert buy_quantity(SALMON, 170, {"oz": 170}) == Quantity(170, "g")
    assert buy_quantity(SALMON, 170, {"scoop": 170}) == Quantity(170, "g")


def test_spoonfuls_stay_spoons():
    assert buy_quantity(OIL, 27, {"tbsp": 27}) == Quantity(2, "tbsp")
    assert buy_quantity(OIL, 20, {"tbsp": 20}) == Quantity(1.5, "tbsp")
    assert buy_quantity(OIL, 13.5 * 8, {"tbsp": 13.5 * 8}) == Quantity(150, "ml")


def test_most_used_measure_decides_the_unit():
    grams = {"large": 50, "medium": 440}
    assert buy_quantity(EGG, 490, grams) == Quantity(12, "medium eggs")


def test_recipes_are_expanded_into_ingredients_and_merged_with_plain_items():
    fish_dish = Recipe("Salmon & oil", (entry(SALMON, 300), entry(OIL, 27, "tbsp", 2)), portions=2,
                       id="r1")  # fmt: skip
    plan = week(ZOE, {(MON, "dinner"): [Entry(None, 0, count=1, recipe_id="r1")],
                      (TUE, "lunch"): [entry(SALMON, 100)]})  # fmt: skip
    shopping = build_shopping_list([(ZOE, plan)], FOODS, {"r1": fish_dish})
    assert one_row(shopping, SALMON.id).grams == 250  # half the recipe plus 100 g
    assert one_row(shopping, OIL.id).quantity == Quantity(1, "tbsp")
    assert one_row(shopping, SALMON.id).uses_text == "Mon Dinner, Tue Lunch"


def test_a_recipe_that_contains_itself_does_not_hang():
    loop = Recipe("Loop", (entry(EGG, 50, "large", 1), Entry(None, 0, count=1, recipe_id="r2")),
                  id="r2")  # fmt: skip
    plan = week(ZOE, {(MON, "dinner"): [Entry(None, 0, count=1, recipe_id="r2")]})
    shopping = build_shopping_list([(ZOE, plan)], FOODS, {"r2": loop})
    assert one_row(shopping, EGG.id).grams == 50
    assert any("contains itself" in note for note in shopping.notes)


def test_pantry_staples_are_left_out_but_named():
    plan = week(ZOE, {(MON, "dinner"): [entry(OIL, 13.5, "tbsp", 1), entry(SALMON, 120)]})
    shopping = build_shopping_list([(ZOE, plan)], FOODS, {}, pantry=Pantry().with_food(ZOE.id, OIL.id, True))
    assert [r.food_id for r in shopping.rows] == [SALMON.id]
    assert shopping.pantry_left_out == ("Olive oil",)


def test_a_pantry_is_per_person():
    zoe = week(ZOE, {(MON, "dinner"): [entry(OIL, 13.5, "tbsp", 1), entry(SALMON, 120)]})
    mum = week(MUM, {(TUE, "dinner"): [entry(OIL, 27, "tbsp", 2)]})
    pantry = Pantry().with_food(ZOE.id, OIL.id, True)
    shopping = build_shopping_list([(ZOE, zoe), (MUM, mum)], FOODS, {}, pantry=pantry)
    oil = one_row(shopping, OIL.id)
    assert oil.grams == 27 and oil.uses_text == "Tue Dinner (Mum <b>&amp;</b>)"  # only Mum's share
    assert shopping.pantry_left_out == ("Olive oil (Zoë)",)


def test_a_ticked_staple_can_be_unticked_and_is_kept_in_the_settings():
    pantry = Pantry().with_food(1, OIL.id, True).with_food(1, MILK.id, True).with_food(2, OIL.id, True)
    stored = pantry.to_setting()
    assert stored == {"people": {"1": sorted([MILK.id, OIL.id]), "2": [OIL.id]}}
    again = pantry_from_settings({"pantry": stored})
    assert again == pantry and again.of(1) == {OIL.id, MILK.id} and again.of(3) == frozenset()
    undone = again.with_food(1, OIL.id, False)
    assert undone.of(1) == {MILK.id} and undone.of(2) == {OIL.id}
    assert undone.with_food(1, MILK.id, False).to_setting() == {"people": {"2": [OIL.id]}}


def test_someone_with_nothing_planned_gets_a_line():
    zoe = week(ZOE, {(MON, "dinner"): [entry(SALMON, 120)]})
    shopping = build_shopping_list([(ZOE, zoe), (MUM, week(MUM, {}))], FOODS, {})
    assert shopping.nothing_planned == ("Mum <b>&amp;</b>",)
    later = build_shopping_list([(ZOE, zoe), (MUM, week(MUM, {}))], FOODS, {}, from_day=TUE)
    assert later.nothing_planned == ("Zoë", "Mum <b>&amp;</b>") and later.is_empty


def test_days_already_past_are_left_out_and_named():
    plan = week(ZOE, {(MON, "dinner"): [entry(SALMON, 100)], (WED, "dinner"): [entry(SALMON, 200)],
                      (SUN, "lunch"): [entry(EGG, 50, "large", 1)]})  # fmt: skip
    shopping = build_shopping_list([(ZOE, plan)], FOODS, {}, from_day=WED)
    assert one_row(shopping, SALMON.id).grams == 200
    assert shopping.dates == (WED, THU, FRI, SAT, SUN)
    assert shopping.past_days == (MON, TUE)


OATS_COOKED = food("08121", "Cereals, oats, cooked with water", "Grains", Measure("cup", 234))
OATS_DRY = food("08120", "Cereals, oats, dry", "Grains", Measure("cup", 81))
YIELDS = {OATS_COOKED.id: CookingYield(OATS_COOKED.id, OATS_DRY.id, 5.0)}


def test_cooked_foods_are_bought_dry_at_their_cooking_yield():
    foods = {**FOODS, OATS_COOKED.id: OATS_COOKED, OATS_DRY.id: OATS_DRY}
    plan = week(ZOE, {(d, "breakfast"): [entry(OATS_COOKED, 234, "cup", 1)] for d in (MON, TUE)}
                | {(WED, "breakfast"): [entry(OATS_DRY, 40)]})  # fmt: skip
    shopping = build_shopping_list([(ZOE, plan)], foods, {}, yields=YIELDS)
    assert [r.food_id for r in shopping.rows] == [OATS_DRY.id]  # one line, and never "cooked oats"
    row = one_row(shopping, OATS_DRY.id)
    assert row.grams == 468 / 5.0 + 40
    assert str(row.quantity) == "140 g"
    assert row.weight_hint == "dry weight, for 470 g cooked"
    assert row.uses_text == "Mon–Wed Breakfast"


def test_the_shipped_yields_turn_cooked_rice_into_dry_rice():
    cooked = food("20037", "Rice, brown, long-grain, cooked", "Grains", Measure("cup", 195))
    dry = food("20036", "Rice, brown, long-grain, raw", "Grains", Measure("cup", 185))
    plan = week(ZOE, {(d, "dinner"): [entry(cooked, 200)] for d in WEEK.dates()[:6]})
    row = one_row(build_shopping_list([(ZOE, plan)], {cooked.id: cooked, dry.id: dry}, {}), dry.id)
    assert row.grams == pytest.approx(1200 / 3.33)  # SR24: 10.37 g water per 100 g dry, 73.09 cooked
    assert str(row.quantity) == "370 g"


def test_foods_sold_by_the_piece_or_package_are_counted_so():
    sardines = food("15088", "Fish, sardine, Atlantic, canned in oil", "Fish", Measure("cup, drained", 149),
                    Measure("can (3.75 oz)", 92))  # fmt: skip
    tomatoes = food("11531", "Tomatoes, red, ripe, canned", "Cans", Measure("large", 164), Measure("can", 190))
    apples = food("09003", "Apples, raw, with skin", "Fruit", Measure("cup, chopped", 125),
                  Measure("large (3-1/4\" dia)", 223), Measure("medium (3\" dia)", 182),
                  Measure("small (2-3/4\" dia)", 149), Measure("extra small (2-1/2\" dia)", 101))  # fmt: skip
    assert str(buy_quantity(sardines, 240, {})) == "3 cans (3.75 oz)"
    assert str(buy_quantity(tomatoes, 300, {"large": 300})) == "2 cans"
    assert str(buy_quantity(EGG, 400, {})) == "8 large eggs"  # no size planned: the middle size USDA lists
    assert str(buy_quantity(EGG, 400, {"medium": 400})) == "10 medium eggs"
    assert str(buy_quantity(apples, 300, {"cup, chopped": 300})) == "2 medium apples"
    assert str(buy_quantity(apples, 150, {})) == "1 medium apple"
    assert str(buy_quantity(YOGURT, 400, {})) == "3 containers (6 oz)"
    assert str(buy_quantity(MILK, 2400, {"cup": 2400})) == "2.4 L"


def test_only_the_chosen_days_are_listed():
    plan = week(ZOE, {(MON, "dinner"): [entry(SALMON, 100)], (SAT, "dinner"): [entry(SALMON, 200)],
                      (SUN, "lunch"): [entry(EGG, 50, "large", 1)]})  # fmt: skip
    shopping = build_shopping_list([(ZOE, plan)], FOODS, {}, dates={SAT, SUN})
    assert one_row(shopping, SALMON.id).grams == 200
    assert shopping.dates == (SAT, SUN)


def test_days_from_two_weeks_name_the_date():
    nxt = WEEK.shifted(1)
    plan1 = week(ZOE, {(MON, "dinner"): [entry(SALMON, 100)]})
    plan2 = WeekPlan(ZOE.id, nxt, tuple(
        DayPlan(d, MappingProxyType({"lunch": (entry(SALMON, 100),)} if i == 0 else {}))
        for i, d in enumerate(nxt.dates())))  # fmt: skip
    shopping = build_shopping_list([(ZOE, plan1), (ZOE, plan2)], FOODS, {})
    assert one_row(shopping, SALMON.id).uses_text == "Mon 30 Nov Dinner, Mon 7 Dec Lunch"
    assert shopping.people == ("Zoë",)


def test_unknown_foods_and_missing_recipes_become_notes_not_errors():
    plan = week(ZOE, {(MON, "dinner"): [Entry("u999", 100), Entry(None, 0, count=1, recipe_id="gone"),
                                        Entry(SALMON.id, float("nan"))]})  # fmt: skip
    shopping = build_shopping_list([(ZOE, plan)], FOODS, {})
    assert shopping.is_empty
    assert len(shopping.notes) == 2


def test_aisles_are_sorted_and_rows_sorted_by_name():
    plan = week(ZOE, {(MON, "dinner"): [entry(SALMON, 100), entry(YOGURT, 170), entry(EGG, 50),
                                        entry(POTATO, 200), entry(MILK, 100)]})  # fmt: skip
    shopping = build_shopping_list([(ZOE, plan)], FOODS, {})
    assert [g.aisle for g in shopping.aisles] == ["Dairy & eggs", "Fish", "Vegetables"]
    assert [r.name for r in shopping.aisles[0].rows] == ["Egg, whole, raw", "Milk, whole",
                                                        "Yogurt, plain"]  # fmt: skip


def test_pantry_setting_is_read_defensively():
    assert pantry_from_settings({"pantry": ["04053", 2047]}).of(5) == {"04053", "2047"}  # an older shared list
    assert pantry_from_settings({"pantry": "04053"}) == Pantry()
    assert pantry_from_settings({}) == Pantry()
    assert pantry_from_settings({"pantry": [None, {"x": 1}, True]}) == Pantry()
    odd = {"pantry": {"people": {"x": ["1"], "2": "no", "3": ["04053", None]}, "everyone": 7}}
    assert pantry_from_settings(odd).by_person == {3: frozenset({"04053"})}


food_ids = st.sampled_from(sorted(FOODS))
items = st.tuples(food_ids, st.floats(1, 2000), st.sampled_from([None, "cup", "large", "tablet"]))
cells = st.dictionaries(
    st.tuples(st.sampled_from(WEEK.dates()), st.sampled_from(["breakfast", "lunch", "dinner"])),
    st.lists(items, max_size=4), max_size=10)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(zoe_cells=cells, mum_cells=cells, pantry=st.frozensets(food_ids, max_size=2))
def test_always_one_line_per_food_and_nothing_lost(zoe_cells, mum_cells, pantry):
    def plan(person, c):
        return week(person, {k: [Entry(f, g, m, 1) for f, g, m in v] for k, v in c.items()})

    shopping = build_shopping_list([(ZOE, plan(ZOE, zoe_cells)), (MUM, plan(MUM, mum_cells))],
                                   FOODS, {}, pantry=Pantry(everyone=pantry))  # fmt: skip
    planned = {f for c in (zoe_cells, mum_cells) for v in c.values() for f, _, _ in v}
    listed = [r.food_id for r in shopping.rows]
    assert len(listed) == len(set(listed))
    assert set(listed) == planned - pantry
    for row in shopping.rows:
        expected = sum(g for c in (zoe_cells, mum_cells) for v in c.values()
                       for f, g, _ in v if f == row.food_id)  # fmt: skip
        assert abs(row.grams - expected) < 1e-6 * max(1.0, expected)
        assert row.quantity.amount > 0


def test_a_meal_on_three_or_more_days_in_a_row_is_said_as_a_range():
    cells = {(d, "bedtime"): [entry(CALCIUM, 1, "tablet", 1)] for d in WEEK.dates()}
    cells.update({(d, "breakfast"): [entry(CALCIUM, 1, "tablet", 1)] for d in (MON, TUE, THU, FRI, SAT)})
    row = one_row(build_shopping_list([(ZOE, week(ZOE, cells))], FOODS, {}), CALCIUM.id)
    assert row.uses_text == "Mon Breakfast, Mon–Sun Bedtime, Tue Breakfast, Thu–Sat Breakfast"
    assert str(row.quantity) == "12 tablets"


def test_counted_measures_are_said_in_the_plural():
    def count_of(measure_name):
        f = food("x", "Thing", "Aisle", Measure(measure_name, 10))
        return str(buy_quantity(f, 30, {measure_name: 30}))

    assert count_of("patty") == "3 patties"
    assert count_of("prune") == "3 prunes"
    assert count_of("loaf") == "3 loaves"
    assert count_of("box") == "3 boxes"
    assert count_of("large") == "3 large things"
    assert count_of("slice (1 oz)") == "3 slices (1 oz)"
    assert count_of("medium (2-1/4\" dia)") == "3 medium things"


def test_a_cooked_food_whose_dry_form_is_missing_is_listed_as_planned():
    foods = {**FOODS, OATS_COOKED.id: OATS_COOKED}  # no dry oats in this food list
    plan = week(ZOE, {(MON, "breakfast"): [entry(OATS_COOKED, 234, "cup", 1)]})
    shopping = build_shopping_list([(ZOE, plan)], foods, {}, yields=YIELDS)
    row = one_row(shopping, OATS_COOKED.id)
    assert row.grams == 234 and row.cooked_grams == 0 and not shopping.notes
