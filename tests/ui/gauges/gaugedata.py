"""Test data for the gauge tests: a few foods and a helper to make totals."""

from __future__ import annotations

from bonewise.core.foods import Food, FoodKind, Measure
from bonewise.core.plan import IsoWeek
from bonewise.core.totals import Total

WEEK = IsoWeek(2026, 49)
MONDAY = WEEK.monday()


def _food(fid, name, nutrients, kind=FoodKind.REFERENCE):
    return Food(fid, name, kind, "Test", "Test", nutrients, (Measure("serving", 100),), None, "test")


FOODS = {
    f.id: f
    for f in (
        _food("yog", "Yogurt", {"calcium_mg": 183, "vitamin_d_iu": 1, "magnesium_mg": 17,
                                "protein_g": 5.3, "sodium_mg": 70}),
        _food("tofu", "Tofu, calcium-set", {"calcium_mg": 683, "magnesium_mg": 58, "protein_g": 15.8}),
        _food("salmon", "Salmon", {"calcium_mg": 15, "vitamin_d_iu": 526, "magnesium_mg": 30,
                                   "protein_g": 22.1, "omega3_g": 2.6}),
        _food("soup", "Лентил soup", {"protein_g": 6.1}),  # no calcium data: unknown, not zero
        _food("ca", "Calcium carbonate 600 mg", {"calcium_mg": 60_000}, FoodKind.SUPPLEMENT),
    )
}


def total(key: str, value: float, known: int = 1, unknown: int = 0, names: tuple[str, ...] = (),
          supplements: float = 0.0) -> Total:
    return Total(key, value, known, unknown, names, supplements)


