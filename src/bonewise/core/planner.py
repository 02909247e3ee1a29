"""Amounts as people type them, turned into plan entries.

``parse_amount`` reads "150 g", "1½ cups" or "2 tablets"; ``entry_for`` and
``entry_from_text`` resolve a measure or dose to grams once, so totals never
look it up again. The edits that put entries into a plan are ``core.edits``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from fractions import Fraction

from bonewise.core.foods import Food, Measure
from bonewise.core.plan import Entry, Recipe
from bonewise.core.rules import (
    MAX_GRAMS,
    check_count,
    check_grams,
    quoted,
    valid_amount,
)
from bonewise.core.units import GRAMS_PER_UNIT
from bonewise.errors import BonewiseError

# --------------------------------------------------------------------------- amounts


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


_VULGAR = {c: Fraction(unicodedata.numeric(c)).limit_denominator(16) for c in "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"}
_AMOUNT = re.compile(
    r"""^(?:
        (?P<whole>\d+)\s+(?P<num>\d+)\s*/\s*(?P<den>\d+)   # 1 1/2
      | (?P<fnum>\d+)\s*/\s*(?P<fden>\d+)                  # 1/2
      | (?P<dec>\d*[.,]?\d+)                               # 1.5  1,5  .5  150
    )\s*(?:[x×*]\s+)?(?P<unit>.*)$""",
    re.VERBOSE | re.ASCII | re.DOTALL,
)
_AMBIGUOUS_COMMA = re.compile(r"^[1-9]\d{0,2},\d{3}$")  # "1,500": 1.5 or 1500?


def _spelled_fraction(char: str) -> str:
    fraction = _VULGAR.get(char)
    return char if fraction is None else f" {fraction.numerator}/{fraction.denominator} "


def parse_amount(text: object) -> tuple[float, str | None]:
    """Read an amount as people type it: ``(quantity, unit)``, unit None when absent.

    "150 g" -> (150, "g"); "1.5 cup" -> (1.5, "cup"); "2 tablets" -> (2, "tablets");
    "½ cup" and "1/2 cup" -> (0.5, "cup"); "1 ½ cups" -> (1.5, "cups"); "1,5" -> (1.5, None)
    (decimal comma); full-width digits are accepted. "1,500" is refused as
    ambiguous. The only exception it raises is BonewiseError.
    """
    if not isinstance(text, str):
        raise BonewiseError(f"Type an amount such as “150 g” or “1 cup”, not {quoted(text)}.")
    shown = quoted(text.strip())
    # Spell out vulgar fractions first ("1½" -> "1 1/2"), then fold full-width digits.
    spelled = "".join(_spelled_fraction(c) for c in text)
    cleaned = " ".join(unicodedata.normalize("NFKC", spelled).replace("\u2044", "/").split())
    if cleaned[:1] in ("-", "\u2212"):
        raise BonewiseError(f"The amount must be a number above zero, not {shown}.")
    match = _AMOUNT.match(cleaned)
    if not match or (match["unit"] and not match["unit"][0].isalpha()):
        raise BonewiseError(f"Type an amount such as “150 g” or “1 cup”, not {shown}.")
    if match["dec"] is not None:
        if _AMBIGUOUS_COMMA.match(match["dec"]):
            whole, part = match["dec"].split(",")
            raise BonewiseError(f"{shown} is ambiguous: write {whole}{part} or {whole}.{part}.")
        quantity = float(match["dec"].replace(",", "."))
    else:
        num, den = (match["num"], match["den"]) if match["whole"] else (match["fnum"], match["fden"])
        if float(den) == 0:
            raise BonewiseError(f"{shown} divides by zero.")
        quantity = float(match["whole"] or 0) + float(num) / float(den)
    if not math.isfinite(quantity) or quantity <= 0:
        raise BonewiseError(f"The amount must be a number above zero, not {shown}.")
    unit = match["unit"].strip().rstrip(".").strip() or None
    return quantity, unit


def entry_from_text(food: Food, text: object) -> Entry:
    """An entry for ``food`` from typed text: "150 g", "2 tablets", "1 cup", or a bare number.

    A bare number means grams, except for a supplement, where it means doses of
    its first dose measure ("2" -> 2 tablets).
    """
    quantity, unit = parse_amount(text)
    if unit is None:
        if food.is_supplement and food.measures:
            return entry_for(food, measure=food.measures[0].name, count=quantity)
        return entry_for(food, grams=quantity)
    factor = GRAMS_PER_UNIT.get(unit.casefold())
    if factor is not None and food.measure(unit) is None:
        return entry_for(food, grams=quantity * factor)
    return entry_for(food, measure=unit, count=quantity)


