"""Amounts of a food: natural units, volumes by density, household measures, usual servings."""

from __future__ import annotations

import pytest

from bonewise.core.foods import Food, FoodKind, Measure, Serving
from bonewise.core.portions import is_main_meal, portion_of, usual_portion
from bonewise.errors import BonewiseError

EGG = Food("01123", "Egg, whole, raw, fresh", FoodKind.REFERENCE, "Dairy and Egg Products", "Dairy & eggs",
           measures=(Measure("large", 50.0), Measure("medium", 44.0), Measure("cup (4.86 large eggs)", 243.0)),
           serving=Serving(50.0, 50.0, "eggs: 50 g"), natural_unit="large")
MILK = Food("fn-milk", "Milk, reduced fat (2%)", FoodKind.REFERENCE, "Dairy and Egg Products", "Dairy & eggs",
            measures=(Measure("cup (8 fl oz)", 243.7), Measure("fl oz", 30.46)), density_g_ml=1.03,
            serving=Serving(247.2, 247.2, "milk: 240 mL"))
SALMON = Food("fn-salmon", "Fish, salmon, baked or broiled", FoodKind.REFERENCE, "Finfish", "Fish",
              measures=(Measure("fillet (about 5 oz)", 140.0), Measure("oz", 85.0, 3.0)),
              serving=Serving(85.0, 130.0, "fish: 85 g"), natural_unit="fillet (about 5 oz)")
SARDINES = Food("15088", "Fish, sardine, canned", FoodKind.REFERENCE, "Finfish", "Fish",
                measures=(Measure("cup, drained", 149.0), Measure("can (3.75 oz)", 92.0), Measure("sardines", 24.0, 2.0)),
                serving=Serving(55.0, 80.0, "canned fish: 55 g"), natural_unit="sardines")
ALMONDS = Food("12061", "Nuts, almonds", FoodKind.REFERENCE, "Nuts", "Nuts",
               measures=(Measure("cup, ground", 95.0), Measure("cup, whole", 143.0), Measure("almond", 1.2)),
               serving=Serving(30.0, 30.0, "nuts: 30 g"), natural_unit="almond")
TABLET = Food("sup-ca", "Calcium citrate 315 mg", FoodKind.SUPPLEMENT, "Supplements", "Pharmacy",
              nutrients={"calcium_mg": 31500.0}, measures=(Measure("tablet", 1.0),))


def test_a_bare_number_counts_the_natural_unit_never_grams():
    assert portion_of(EGG, 2, None).grams == 100.0
    assert portion_of(EGG, 2, None).measure == "large"
    assert portion_of(ALMONDS, 10, None).grams == pytest.approx(12.0)
    assert portion_of(TABLET, 2, None).grams == 2.0  # two doses
    with pytest.raises(BonewiseError, match="write “200 g” for grams"):
        portion_of(SALMON, 200, None)  # 200 fillets


def test_volumes_are_weighed_by_the_food_s_own_measure_or_density():
    assert portion_of(MILK, 200, "ml").grams == pytest.approx(206.0)
    assert portion_of(MILK, 1, "glass").grams == pytest.approx(247.2)
    assert portion_of(MILK, 1, "cup").grams == 243.7  # USDA weighed a cup of it
    assert portion_of(MILK, 0.5, "l").grams == pytest.approx(515.0)
    with pytest.raises(BonewiseError, match="no known density"):
        portion_of(SALMON, 100, "ml")


def test_household_units_use_the_food_s_measures_and_their_synonyms():
    assert portion_of(SARDINES, 1, "tin").grams == 92.0  # tin = can
    assert portion_of(ALMONDS, 0.25, "cup").grams == pytest.approx(35.75)  # the whole-nut cup, not ground
    assert portion_of(SALMON, 1, "fillet").grams == 140.0
    assert portion_of(EGG, 1, "medium").grams == 44.0
    with pytest.raises(BonewiseError, match="has no slice measure; its measures are"):
        portion_of(EGG, 1, "slice")


def test_weights_are_weights():
    assert portion_of(SALMON, 150, "g").grams == 150.0
    assert portion_of(SALMON, 4, "oz").grams == pytest.approx(113.4, abs=0.1)  # SR24 lists "3 oz" = 85 g


def test_a_handful_is_one_serving_of_foods_eaten_by_the_ounce():
    assert portion_of(ALMONDS, 1, "handful").grams == 30.0
    with pytest.raises(BonewiseError):
        portion_of(MILK, 1, "handful")


def test_the_usual_serving_depends_on_the_meal_and_is_said_in_the_food_s_measures():
    assert usual_portion(SALMON, "dinner").grams == 140.0  # a dinner fillet
    assert usual_portion(SALMON, "Breakfast").grams == 85.0  # 3 oz
    assert usual_portion(MILK, "breakfast").label == "1 cup (8 fl oz)"
    assert usual_portion(SARDINES).label == "1 can (3.75 oz)"  # one package when that is a serving
    assert usual_portion(EGG).grams == 50.0
    assert usual_portion(TABLET).label == "1 tablet"


def test_main_meals():
    assert is_main_meal("lunch") and is_main_meal("Dinner") and is_main_meal(None)
    assert not is_main_meal("breakfast") and not is_main_meal("morning-snack")


def test_no_amount_is_a_serving_and_a_serving_count_scales_it():
    assert portion_of(MILK, None, None, "breakfast").grams == 243.7
    assert portion_of(MILK, 2, "servings", "breakfast").grams == pytest.approx(487.4)
    with pytest.raises(BonewiseError, match="more than zero"):
        portion_of(MILK, 0, "cup")
