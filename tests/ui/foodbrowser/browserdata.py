"""Foods for the food-browser tests (values per 100 g rounded from USDA SR24)."""

from __future__ import annotations

from bonewise.core.foods import Food, FoodKind, K2Estimate, Measure


def sr(food_id, name, group, nutrients, measures=(), k2=None):
    return Food(food_id, name, FoodKind.REFERENCE, group, group, nutrients,
                tuple(Measure(n, g, a) for a, n, g in measures), k2, "USDA SR24")


MILK = sr("01079", "Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and vitamin D",
          "Dairy and Egg Products",
          {"protein_g": 3.3, "calcium_mg": 120.0, "magnesium_mg": 11.0, "vitamin_d_iu": 49.0,
           "sodium_mg": 47.0, "vitamin_k1_ug": 0.2, "energy_kcal": 50.0, "zinc_mg": 0.48},
          [(1.0, "cup", 244.0), (1.0, "fl oz", 30.5)])
NATTO = sr("16113", "Natto", "Legumes and Legume Products",
           {"protein_g": 19.4, "calcium_mg": 217.0, "magnesium_mg": 115.0, "vitamin_k1_ug": 23.1},
           [(1.0, "cup", 175.0)],
           K2Estimate(939.0, "Kamao et al. 2007", "verified (abstract)", 23, "Natto (fermented soybeans)"))
TABLET = Food("sup-ca-carbonate-600", "Calcium carbonate 600 mg", FoodKind.SUPPLEMENT,
              "Supplements", "Pharmacy", {"calcium_mg": 60000.0}, (Measure("tablet", 1.0),), None,
              "label")
FOODS = (MILK, NATTO, TABLET)
