"""Foods and dates for the desktop-shell tests (values per 100 g from USDA SR24)."""

from __future__ import annotations

import datetime as dt

from bonewise.core.foods import Food, FoodKind, Measure, SearchHit, SearchResult
from bonewise.core.plan import IsoWeek

WEEK = IsoWeek(2026, 49)
MONDAY = WEEK.monday()
TUESDAY = MONDAY + dt.timedelta(days=1)
TODAY = MONDAY + dt.timedelta(days=2)  # the tests' clock: Wednesday of WEEK


def _sr(food_id, name, group, nutrients, measures):
    return Food(food_id, name, FoodKind.REFERENCE, group, group, nutrients,
                tuple(Measure(n, g, a) for a, n, g in measures), None, "USDA SR24")


# Values per 100 g from USDA SR24 (salmon has no vitamin D value there: unknown, not zero).
SHELL_FOODS = (
    _sr("01079", "Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and vitamin D",
        "Dairy and Egg Products",
        {"protein_g": 3.3, "calcium_mg": 120.0, "magnesium_mg": 11.0, "vitamin_d_iu": 49.0,
         "sodium_mg": 47.0, "fiber_g": 0.0, "caffeine_mg": 0.0, "vitamin_k1_ug": 0.2,
         "omega3_g": 0.008},
        [(1.0, "cup", 244.0), (1.0, "fl oz", 30.5)]),
    _sr("01009", "Cheese, cheddar", "Dairy and Egg Products",
        {"protein_g": 24.9, "calcium_mg": 721.0, "magnesium_mg": 28.0, "vitamin_d_iu": 24.0,
         "sodium_mg": 621.0, "fiber_g": 0.0, "vitamin_k1_ug": 2.8, "omega3_g": 0.365},
        [(1.0, "oz", 28.35), (1.0, "cup, shredded", 113.0)]),
    _sr("15088", "Fish, sardine, Atlantic, canned in oil, drained solids with bone",
        "Finfish and Shellfish Products",
        {"protein_g": 24.62, "calcium_mg": 382.0, "magnesium_mg": 39.0, "vitamin_d_iu": 193.0,
         "sodium_mg": 307.0, "fiber_g": 0.0, "vitamin_k1_ug": 2.6, "omega3_g": 1.48},
        [(1.0, "can, drained solids with bone", 92.0), (2.0, "sardine", 24.0)]),
    _sr("15076", "Fish, salmon, Atlantic, wild, raw", "Finfish and Shellfish Products",
        {"protein_g": 19.84, "calcium_mg": 12.0, "magnesium_mg": 29.0, "sodium_mg": 44.0,
         "omega3_g": 2.018},
        [(3.0, "oz", 85.0)]),
    _sr("11233", "Kale, raw", "Vegetables and Vegetable Products",
        {"protein_g": 3.3, "calcium_mg": 135.0, "magnesium_mg": 34.0, "vitamin_d_iu": 0.0,
         "sodium_mg": 43.0, "fiber_g": 2.0, "vitamin_k1_ug": 817.0, "omega3_g": 0.18},
        [(1.0, "cup, chopped", 67.0)]),
    Food("sup-ca-carbonate-600", "Calcium carbonate 600 mg", FoodKind.SUPPLEMENT, "Supplements",
         "Pharmacy", {"calcium_mg": 60000.0}, (Measure("tablet", 1.0),), None, "label"),
)


class ShellFoods:
    """The food store's interface over a handful of foods (word-prefix search)."""

    def __init__(self, foods=SHELL_FOODS):
        self._foods = {f.id: f for f in foods}

    def get(self, food_id):
        return self._foods.get(food_id)

    def get_many(self, ids):
        return {i: self._foods[i] for i in ids if i in self._foods}

    def search(self, text, limit=20):
        words = [w.casefold() for w in str(text).replace(",", " ").split()]
        if not words:
            return []
        hits = []
        for food in self._foods.values():
            name_words = food.name.casefold().replace(",", " ").split()
            # Word prefixes, plurals folded ("sardines" finds "sardine"), like the real store.
            if all(any(n.startswith(w.rstrip("s") or w) for n in name_words) for w in words):
                hits.append(SearchHit(food.id, food.name, food.kind, food.group, float(len(food.name))))
        hits.sort(key=lambda h: (len(h.name), h.name))
        return hits[:limit]

    def find(self, text, limit=20):
        """Like the real store: hits scored (here by the length of the name), no spelling fixes."""
        return SearchResult(tuple(self.search(text, limit)))

    def supplements(self):
        return [f for f in self._foods.values() if f.is_supplement]

    def usual_serving(self, food):
        return food.measures[0] if food.measures else Measure("g", 100.0, 100.0)
