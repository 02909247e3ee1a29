"""The shopping-list section as printed: one line per food, quantities, boxes, pantry."""

from __future__ import annotations

from pdf_helpers import pdf_text
from sample_week import EGG, FOODS, MILK, OLIVE_OIL, RECIPES, WEEK, ZOE, e, sample_week

from bonewise.core.plan import DayPlan, Person, WeekPlan
from bonewise.core.shopping import Pantry, build_shopping_list
from bonewise.export.document import render
from bonewise.export.shopping import CHECKBOX, ShoppingSection

ORSTED = Person("Łódź & <b>Ψ</b> \"Иван\"", id=3)


def other_week():
    days = [DayPlan(d) for d in WEEK.dates()]
    days[1] = DayPlan(days[1].date, {"dinner": (e(MILK, 2), e(EGG, 1))})
    return WeekPlan(ORSTED.id, WEEK, tuple(days))


def shopping_pdf(pantry=Pantry()):  # noqa: B008
    plans = [(ZOE, sample_week()), (ORSTED, other_week())]
    shopping = build_shopping_list(plans, FOODS, RECIPES, pantry=pantry)
    return shopping, pdf_text(render([ShoppingSection(shopping)]), layout=True)


def test_each_food_is_one_line_with_its_merged_quantity_and_a_box():
    shopping, _ = shopping_pdf()
    # -raw keeps the order in which cells are drawn: box, quantity, name, meals.
    text = " ".join(pdf_text(render([ShoppingSection(shopping)]), raw=True).split())
    assert len(shopping.rows) == 18
    for row in shopping.rows:
        assert text.count(row.name) == 1, row.name
        assert f"{CHECKBOX} {row.quantity} {row.name}" in text
    # Milk: a cup on Mon, Wed, Thu, Sat and half a cup on Tue, Fri (Zoë), 2 cups on Tue
    # (the other person): 7 cups = 1,708 g = 1.66 L, rounded up to 1.7 L.
    assert f"1.7 L {MILK.name} (1.8 kg)" in text
    # Eggs: 2 on Tue and Fri (Zoë) and 1 on Tue (the other person).
    assert f"5 large eggs {EGG.name} (250 g)" in text
    assert "18 prunes" in text and "4 blocks" in text


def test_names_in_any_script_and_markup_print_as_typed():
    _, text = shopping_pdf()
    text = " ".join(text.split())
    assert "Shopping list for Zoë Ørsted and Łódź & <b>Ψ</b> \"Иван\"" in text
    assert "(Łódź & <b>Ψ</b>" in text


def test_aisles_are_headed_and_pantry_staples_left_out():
    _, text = shopping_pdf(pantry=Pantry().with_food(ZOE.id, OLIVE_OIL.id, True))
    for aisle in ("Dairy & eggs", "Fish", "Vegetables", "Supplements"):
        assert aisle in text
    before, _, after = text.partition("Left out because they are always at home (pantry):")
    assert OLIVE_OIL.name not in before
    assert f"{OLIVE_OIL.name} (Zoë Ørsted)" in " ".join(after.split())


def test_an_empty_list_says_so():
    shopping = build_shopping_list([(ZOE, WeekPlan.empty(ZOE.id, WEEK))], FOODS, {})
    assert "Nothing to buy" in pdf_text(render([ShoppingSection(shopping)]))


def test_dry_weights_package_counts_and_no_past_days_on_the_printed_list():
    import datetime as dt

    from sample_week import OATS, SARDINES

    from bonewise.export.pdf import shopping_pdf as print_list

    mum = Person("Mum", id=4)
    days = [DayPlan(d) for d in WEEK.dates()]
    days[0] = DayPlan(days[0].date, {"dinner": (e(SARDINES, 5),)})  # Monday: already past
    days[3] = DayPlan(days[3].date, {"dinner": (e(SARDINES, 2), e(EGG, 3), e(OATS, grams=1900))})
    plans = [(ZOE, WeekPlan.empty(ZOE.id, WEEK)), (mum, WeekPlan(mum.id, WEEK, tuple(days)))]
    data = print_list(plans, FOODS, RECIPES, from_day=dt.date(2026, 12, 1))
    text = " ".join(pdf_text(data, raw=True).split())
    assert "2 cans (3.75 oz) Fish, sardine" in text  # Thursday's two cans, not Monday's five
    assert "3 large eggs Egg, whole, raw, fresh (150 g)" in text
    # 1,900 g of cooked oatmeal is 1,900 / 5.44 = 349 g of dry oats (USDA SR24 dry matter)
    assert "350 g Cereals, oats, regular and quick, not fortified, dry (dry weight, for 1.9 kg cooked)" in text
    assert "cooked with water" not in text  # nobody buys cooked oats
    assert "Days already past (Mon) are left out." in text and "Mon Dinner" not in text
    assert "Zoë Ørsted: nothing planned for 1 Dec – 6 Dec 2026." in text
