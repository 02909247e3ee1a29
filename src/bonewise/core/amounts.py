"""Plan entries from a food and an amount.

``entry_for`` resolves a measure or dose to grams once, so totals never look it up
again. Typed text ("2 eggs", "1½ cups") is read by ``core.phrases``; the edits that
put entries into a plan are ``core.edits``.
"""

from __future__ import annotations

import math
import re

from bonewise.core.foods import Food, Measure
from bonewise.core.plan import Entry, Recipe
from bonewise.core.rules import (
    MAX_GRAMS,
    check_count,
    check_grams,
    quoted,
    valid_amount,
)
from bonewise.errors import BonewiseError

_COUNTED = re.compile(r"^(\d+(?:\.\d+)?) (.+)$")  # "2 large", "130 g"


def find_measure(food: Food, name: str) -> tuple[Measure, float]:
    """The measure called ``name`` and the grams of one unit of it.

    "0.5 cup" matches a measure's full label (one unit = its grams); "cup" matches
    its name (one unit = grams per single cup). A plural ("tablets", "slices",
    "cups") is accepted for a singular measure name, and a measure's first word
    ("can" for "can (3.75 oz)") when no other measure starts with it. Raises
    BonewiseError with the food's measures when nothing matches.
    """
    if not isinstance(name, str) or not name.strip():
        raise BonewiseError("The measure name is empty.")
    wanted = " ".join(name.split()).casefold()
    for m in food.measures:
        if m.label.casefold() == wanted:
            return m, m.grams
    counted = _COUNTED.match(wanted)
    if counted and float(counted[1]) > 0:  # "2 large": a count of a measure the food has
        for m in food.measures:
            if m.name.casefold() == counted[2]:
                return m, float(counted[1]) * m.grams_per_unit
    candidates = [wanted]
    if wanted.endswith("es"):
        candidates.append(wanted[:-2])
    if wanted.endswith("s"):
        candidates.append(wanted[:-1])
    for candidate in candidates:
        for m in food.measures:
            if m.name.casefold() == candidate:
                return m, m.grams_per_unit
    # People type the first word of a household measure; USDA names add the detail
    # ("can (3.75 oz)", "cup, shredded"). Taken only when exactly one measure fits.
    starting = [
        m for m in food.measures
        if any(m.name.casefold().startswith(c) and m.name[len(c):len(c) + 1] in (" ", ",", "(")
               for c in candidates)
    ]
    if len(starting) == 1:
        return starting[0], starting[0].grams_per_unit
    known = ", ".join(f"“{m.name}”" for m in food.measures[:8]) or "none (use grams)"
    raise BonewiseError(f"{food.name} has no measure called {quoted(name)}; its measures are {known}.")


def entry_for(
    food: Food, *, grams: object = None, measure: str | None = None, count: object = 1
) -> Entry:
    """A plan entry for ``food``: either ``grams`` or ``count`` × ``measure``.

    The measure may be a household measure ("cup", "1 cup, chopped") or a
    supplement's dose ("tablet"); it is resolved to grams now, so totals never look
    it up again. Raises BonewiseError for anything that is not a finite amount
    above zero and within a sane maximum.
    """
    if (grams is None) == (measure is None):
        raise BonewiseError("Give either an amount in grams or a measure, not both or neither.")
    if grams is not None:
        return Entry(food_id=food.id, grams=check_grams(grams))
    times = check_count(count)
    in_grams = _COUNTED.match(" ".join(str(measure).split()).casefold())
    if in_grams and in_grams[2] == "g" and food.measure("g") is None:  # a usual serving said in grams
        return Entry(food_id=food.id, grams=check_grams(float(in_grams[1]) * times))
    found, unit_grams = find_measure(food, measure)  # type: ignore[arg-type]
    if unit_grams <= 0 or not math.isfinite(unit_grams):
        raise BonewiseError(f"The measure “{found.name}” of {food.name} has no usable weight.")
    total = unit_grams * times
    if not valid_amount(total):
        raise BonewiseError(
            f"{times:g} × {found.name} of {food.name} weighs {total:,.0f} g, more than the "
            f"{MAX_GRAMS:,.0f} g one item may have."
        )
    # Store the measure by name with the count in single units ("0.5 cup" × 2 -> 1 cup).
    return Entry(food_id=food.id, grams=total, measure=found.name, count=total / found.grams_per_unit)


def entry_for_recipe(recipe: Recipe, portions: object = 1) -> Entry:
    """A plan entry placing ``portions`` portions of ``recipe`` in a meal as one item."""
    return Entry(food_id=None, grams=0.0, count=check_count(portions), recipe_id=recipe.id)
