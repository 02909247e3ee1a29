"""Amounts as printed and shown: one spelling per unit, counts read from the grams."""

from __future__ import annotations

import pytest

from bonewise.core.foods import Food, FoodKind, Measure
from bonewise.core.measures import amount_of, count_text, plural_measure, unit_spelling
from bonewise.core.plan import Entry

MILK = Food("01077", "Milk, whole", FoodKind.REFERENCE, "g", "Dairy", {"calcium_mg": 113},
            (Measure("cup", 244), Measure("tablespoon", 15.2), Measure("fl oz", 30.5)))  # fmt: skip
TABLET = Food("sup-1", "Calcium 600 mg", FoodKind.SUPPLEMENT, "s", "Supplements", {"calcium_mg": 60000},
              (Measure("tablet", 1),))  # fmt: skip


def test_counts_use_kitchen_fractions_where_they_are_one():
    assert [count_text(c) for c in (1, 0.5, 1.5, 0.25, 2 / 3, 2.4, 1200, 1.4999, 0.3333)] == [
        "1", "½", "1½", "¼", "⅔", "2.4", "1,200", "1½", "⅓"]  # fmt: skip


@pytest.mark.parametrize("written, spelled", [
    ("tablespoon", "tbsp"), ("2 Tablespoons", "2 tbsp"), ("Tbsp", "tbsp"), ("tbsp, chopped", "tbsp, chopped"),
    ("teaspoon (1 serving)", "tsp (1 serving)"), ("fluid ounce", "fl oz"), ("can (12 fl. oz)", "can (12 fl oz)"),
    ("serving 100 ml", "serving 100 ml"), ("liter", "L"), ("1 pound", "1 lb"), ("ounces", "oz"),
    ("slice (1 oz)", "slice (1 oz)"), ("cup (8 fl oz)", "cup (8 fl oz)"), ("large", "large"),
    ("gram", "g"), ("tablet", "tablet"), ("tbsps", "tbsp"),
])  # fmt: skip
def test_each_unit_has_one_spelling(written, spelled):
    assert unit_spelling(written) == spelled


def test_plurals_follow_the_count():
    assert plural_measure("cup, chopped") == "cups, chopped"
    assert plural_measure("patty") == "patties"
    assert plural_measure("potato medium") == "potatoes medium" and plural_measure("tomato") == "tomatoes"
    assert plural_measure("large") == "large"
    assert plural_measure("tbsp") == "tbsp"


def test_the_count_is_read_from_the_grams_not_a_stale_count():
    # An edit scaled the grams to 1.5 servings and left the count at 1: the label follows the grams.
    assert str(amount_of(Entry(MILK.id, 366.0, "cup", 1.0), MILK)) == "1½ cups"
    assert str(amount_of(Entry(MILK.id, 122.0, "cup", 0.5), MILK)) == "½ cup"
    assert str(amount_of(Entry(MILK.id, 30.4, "tablespoon", 2.0), MILK)) == "2 tbsp"
    assert amount_of(Entry(MILK.id, 366.0, "cup", 1.5), MILK).with_grams == "1½ cups (366 g)"


def test_grams_doses_and_recipes():
    assert str(amount_of(Entry(MILK.id, 150.0), MILK)) == "150 g"
    assert str(amount_of(Entry(MILK.id, 7.5), MILK)) == "7.5 g"
    assert amount_of(Entry(TABLET.id, 2.0, "tablet", 2.0), TABLET).with_grams == "2 tablets"
    assert str(amount_of(Entry(None, 0.0, count=1.5, recipe_id="r"), None)) == "1½ portions"
    assert str(amount_of(Entry(None, 0.0, count=1, recipe_id="r"), None)) == "1 portion"
    # A measure the food no longer has: the stored count is all there is.
    assert amount_of(Entry("x", 92.0, "can (3.75 oz)", 1.0), None).with_grams == "1 can (3.75 oz), 92 g"
