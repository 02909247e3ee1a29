"""The shopping-list section as printed: one line per food, quantities, boxes, pantry."""

from __future__ import annotations

from pdf_helpers import pdf_text
from sample_week import EGG, FOODS, MILK, OLIVE_OIL, RECIPES, WEEK, ZOE, e, sample_week

from bonewise.core.plan import DayPlan, Person, WeekPlan
from bonewise.core.shopping import build_shopping_list
from bonewise.export.document import render
from bonewise.export.shopping import CHECKBOX, ShoppingSection

ORSTED = Person("Łódź & <b>Ψ</b> \"Иван\"", id=3)


def other_week():
    days = [DayPlan(d) for d in WEEK.dates()]
    days[1] = DayPlan(days[1].date, {"dinner": (e(MILK, 2), e(EGG, 1))})
    return WeekPlan(ORSTED.id, WEEK, tuple(days))


def shopping_pdf(pantry=()):
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
    assert f"1.7 L {MILK.name} (about 1.8 kg)" in text
    # Eggs: 2 on Tue and Fri (Zoë) and 1 on Tue (the other person).
    assert f"5 large {EGG.name} (about 250 g)" in text
    assert "18 prunes" in text and "4 blocks" in text


def test_names_in_any_script_and_markup_print_as_typed():
    _, text = shopping_pdf()
    text = " ".join(text.split())
    assert "Shopping list for Zoë Ørsted and Łódź & <b>Ψ</b> \"Иван\"" in text
    assert "(Łódź & <b>Ψ</b>" in text


def test_aisles_are_headed_and_pantry_staples_left_out():
    _, text = shopping_pdf(pantry={OLIVE_OIL.id})
    for aisle in ("Dairy & eggs", "Fish", "Vegetables", "Supplements"):
        assert aisle in text
    before, _, after = text.partition("Left out because they are in your pantry:")
    assert OLIVE_OIL.name not in before
    assert OLIVE_OIL.name in after


def test_an_empty_list_says_so():
    shopping = build_shopping_list([(ZOE, WeekPlan.empty(ZOE.id, WEEK))], FOODS, {})
    assert "Nothing to buy" in pdf_text(render([ShoppingSection(shopping)]))
