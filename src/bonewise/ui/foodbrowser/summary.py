"""Short texts about a food: its serving, and the five target nutrients in that serving."""

from __future__ import annotations

from bonewise.core.foods import Food, FoodKind, Measure
from bonewise.core.totals import format_number

K2 = "vitamin_k2_ug"

# The five target nutrients as they appear beside a search hit.
SUMMARY_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("calcium_mg", "Ca", "mg"),
    ("vitamin_d_iu", "D", "IU"),
    (K2, "K2", "µg"),
    ("magnesium_mg", "Mg", "mg"),
    ("protein_g", "Protein", "g"),
)


def per_100g(food: Food, key: str) -> float | None:
    """The food's value per 100 g; K2 falls back to the literature estimate. None = unknown."""
    value = food.nutrients.get(key)
    if value is None and key == K2 and food.k2 is not None:
        return food.k2.ug_per_100g
    return value


def is_k2_estimate(food: Food, key: str) -> bool:
    """True when the value shown for ``key`` is K2 taken from the literature table.

    Supplement labels and the user's own entries are what they say, not estimates.
    """
    return key == K2 and food.k2 is not None and food.kind is FoodKind.REFERENCE


def measure_text(food: Food, measure: Measure) -> str:
    """ "1 cup (244 g)"; a supplement dose has a nominal weight, so it is named alone."""
    if food.kind is FoodKind.SUPPLEMENT:
        return measure.label
    if measure.name.strip().casefold() == "g":
        return f"{format_number(measure.grams)} g"
    return f"{measure.label} ({format_number(measure.grams)} g)"


def serving_summary(food: Food, measure: Measure) -> str:
    """ "1 cup (244 g): Ca 293 mg · D 120 IU · K2 ? · Mg 27 mg · Protein 8 g".

    An unknown value is shown as "?", never as 0; a K2 literature estimate carries "≈".
    """
    parts = []
    for key, short, unit in SUMMARY_FIELDS:
        value = per_100g(food, key)
        if value is None:
            parts.append(f"{short} ?")
            continue
        amount = format_number(value * measure.grams / 100.0)
        approx = "≈" if is_k2_estimate(food, key) else ""
        parts.append(f"{short} {approx}{amount} {unit}")
    return f"{measure_text(food, measure)}: " + " · ".join(parts)
