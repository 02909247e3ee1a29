"""How a planned food is bought: dry instead of cooked, and in the unit a shop sells it.

Two questions a shopping list has to answer before it adds anything up:

* **What is bought.** Nobody buys cooked oats or cooked rice. A cooked grain, pasta,
  legume or hot cereal in ``resources/cooking_yields.csv`` is bought as its dry
  food, at its planned weight ÷ the cooking yield (grams cooked per gram dry).
* **In what unit.** Doses for supplements; a count of the food ("8 large eggs",
  "3 medium apples") when it is sold by the piece; packages where the food
  comes in one ("3 cans (3.75 oz)", "2 containers (8 oz)"); litres for drinks;
  spoons for a few spoonfuls; the count of the household measure the user planned
  with ("12 slices"); otherwise grams or kilograms.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bonewise.core.foods import Food, Measure
from bonewise.core.measures import plural_measure, unit_spelling
from bonewise.core.units import ML_PER_UNIT
from bonewise.paths import resources_dir

YIELDS_FILE = "cooking_yields.csv"

# Millilitres in one household volume unit (US customary, as in USDA SR measures).
_VOLUME_ML = ML_PER_UNIT
_SPOONS = {"tbsp", "tsp"}
_WEIGHT_UNITS = {"oz", "lb", "g", "kg"}
# A "serving" is not something a shop sells, so such foods are listed by weight.
_SERVING_WORDS = {"serving", "servings", "nlea", "portion", "portions", "recipe", "batch"}
# Measures that are a package the food is sold in.
PACKAGE_WORDS = frozenset(
    {"can", "container", "package", "jar", "bottle", "carton", "packet", "tub", "box", "pouch",
     "block", "loaf", "bag"}
)  # fmt: skip
# Sizes of a food sold by the piece: eggs, fruit, onions ...
SIZE_WORDS = ("large", "medium", "small", "extra large", "jumbo", "extra small")
_FIRST_WORD = re.compile(r"^\s*(fl oz|extra (?:large|small)|[a-z]+)", re.IGNORECASE)


@dataclass(frozen=True)
class CookingYield:
    """``grams`` of the cooked food come from ``grams / factor`` of the dry one."""

    cooked_id: str
    dry_id: str
    factor: float  # grams cooked per gram dry


@dataclass(frozen=True)
class Quantity:
    """How much to buy: ``amount`` of ``unit`` ("1.3 kg", "8 large eggs", "56 tablets")."""

    amount: float
    unit: str

    def __str__(self) -> str:
        return f"{_number(self.amount)} {self.unit}"

    @property
    def is_weight(self) -> bool:
        return self.unit in ("g", "kg")


def parse_yields(text: str) -> dict[str, CookingYield]:
    """Read the cooking-yields CSV; ValueError naming the line for anything malformed."""
    reader = csv.DictReader(io.StringIO(text))
    wanted = {"cooked_id", "dry_id", "yield"}
    if reader.fieldnames is None or not wanted <= set(reader.fieldnames):
        raise ValueError(f"cooking yields: the header must name {sorted(wanted)}")
    found: dict[str, CookingYield] = {}
    for row in reader:
        cooked, dry = (row["cooked_id"] or "").strip(), (row["dry_id"] or "").strip()
        try:
            factor = float(row["yield"])
        except (TypeError, ValueError):
            raise ValueError(f"cooking yields line {reader.line_num}: yield must be a number") from None
        if not cooked or not dry or cooked == dry or not math.isfinite(factor) or not 1 < factor < 20:
            raise ValueError(f"cooking yields line {reader.line_num}: needs two ids and a yield above 1")
        if cooked in found:
            raise ValueError(f"cooking yields line {reader.line_num}: {cooked} is listed twice")
        found[cooked] = CookingYield(cooked, dry, factor)
    return found


@functools.cache
def cooking_yields(path: Path | None = None) -> Mapping[str, CookingYield]:
    """The shipped cooking yields, by cooked food id (read once)."""
    return parse_yields((path or resources_dir() / YIELDS_FILE).read_text(encoding="utf-8"))


def buy_quantity(food: Food, grams: float, grams_by_measure: Mapping[str, float]) -> Quantity:
    """Say ``grams`` of ``food`` in the unit a shopper buys it in.

    ``grams_by_measure`` tells which household measures the user planned with
    (measure name -> grams planned that way); the most used one is preferred.
    """
    used = _used_measures(food, grams_by_measure)
    if food.is_supplement:
        dose = next(iter(used), None) or (food.measures[0] if food.measures else None)
        if dose is not None and dose.grams_per_unit > 0:
            return _count_of(dose, grams)
        return _weight(grams)
    package = _package(food, used)
    if package is not None and _unit_word(package) == "can" and "canned" in food.name.casefold():
        return _count_of(package, grams)  # canned tomatoes come in cans, not as "large" tomatoes
    if _pourable(food):
        volume = next((m for m in [*used, *food.measures] if _kind(m) == "volume"), None)
        if volume is not None:
            return _volume(volume, grams)
    piece = _piece(food, used)
    if piece is not None:
        size, measure = piece
        count = _count(measure, grams)
        return Quantity(count, f"{size} {_noun(food.name, count)}")
    if package is not None:
        return _count_of(package, grams)
    counted = [m for m in used if _kind(m) == "count"]
    if counted:
        return _count_of(counted[0], grams)
    spoons = [m for m in used if _kind(m) == "volume" and _unit_word(m) in _SPOONS]
    if spoons:
        return _volume(spoons[0], grams)
    return _weight(grams)


def weight_text(grams: float) -> str:
    """ "450 g", "1.3 kg": a weight rounded up the way the list rounds it."""
    return str(_weight(grams))


def _piece(food: Food, used: list[Measure]) -> tuple[str, Measure] | None:
    """(size word, measure) for a food counted by the piece: the size planned, else the middle size.

    The middle of the sizes USDA lists (the larger of two middles) is a large egg, a
    medium apple or a medium banana.
    """
    for m in used:
        if _size_of(m):
            return _size_of(m), m
    sizes = sorted((m for m in food.measures if _size_of(m) and m.grams_per_unit > 0),
                   key=lambda m: -m.grams_per_unit)  # fmt: skip
    if not sizes:
        return None
    middle = sizes[(len(sizes) - 1) // 2]
    return _size_of(middle), middle


def _size_of(measure: Measure) -> str:
    word = _unit_word(measure)
    return word if word in SIZE_WORDS else ""


def _noun(name: str, count: float) -> str:
    """The food as a countable noun from its first word: "Egg, whole" -> "egg" / "eggs"."""
    word = re.split(r"[,(]", name, maxsplit=1)[0].strip().casefold() or "piece"
    if word.endswith("ies"):
        singular = word[:-3] + "y"
    elif word.endswith(("ches", "shes", "xes", "oes", "sses")):
        singular = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        singular = word[:-1]
    else:
        singular = word
    return singular if count <= 1 else plural_measure(singular)


def _pourable(food: Food) -> bool:
    """Drinks and other liquids: USDA gives them a measure in fluid ounces.

    Cups of chopped kale or cooked oats are bought by weight, not by the litre.
    """
    return any("fl oz" in unit_spelling(m.name).casefold() for m in food.measures)


def _package(food: Food, used: list[Measure]) -> Measure | None:
    packages = [m for m in [*used, *food.measures] if _unit_word(m) in PACKAGE_WORDS and m.grams_per_unit > 0]
    return packages[0] if packages else None


def _unit_word(measure: Measure) -> str:
    match = _FIRST_WORD.match(unit_spelling(measure.name).strip().casefold())
    return match[1] if match else ""


def _used_measures(food: Food, grams_by_measure: Mapping[str, float]) -> list[Measure]:
    """The food's own measures the user planned with, most grams first."""
    weights: dict[Measure, float] = defaultdict(float)
    for name, g in grams_by_measure.items():
        measure = food.measure(name)
        if measure is not None and measure.grams_per_unit > 0:
            weights[measure] += g
    return sorted(weights, key=lambda m: -weights[m])


def _kind(measure: Measure) -> str:
    """ "volume", "weight", "serving" or "count" (slices, fillets, tablets ...)."""
    first = _unit_word(measure)
    if first in _VOLUME_ML:
        return "volume"
    if first in _WEIGHT_UNITS:
        return "weight"
    if first in _SERVING_WORDS or not first:
        return "serving"
    return "count"


def _count(measure: Measure, grams: float) -> int:
    # Round before taking the ceiling so that 3.0000001 eggs stay 3 eggs.
    return max(1, math.ceil(round(grams / measure.grams_per_unit, 2)))


def _count_of(measure: Measure, grams: float) -> Quantity:
    count = _count(measure, grams)
    name = unit_spelling(measure.name)
    return Quantity(count, plural_measure(name) if count != 1 else name)


def _volume(measure: Measure, grams: float) -> Quantity:
    unit = _unit_word(measure)
    units = grams / measure.grams_per_unit
    ml = units * _VOLUME_ML[unit]
    if unit in _SPOONS and ml < 60:
        # Spoonfuls of oil or spice are clearer as spoons than as a few millilitres.
        return Quantity(_ceil_to(units, 0.5), unit)
    if ml >= 1000:
        return Quantity(_ceil_to(ml / 1000, 0.1), "L")
    return Quantity(_ceil_to(ml, 50 if ml >= 100 else 10), "ml")


def _weight(grams: float) -> Quantity:
    if grams >= 1000:
        return Quantity(_ceil_to(grams / 1000, 0.1), "kg")
    return Quantity(_ceil_to(grams, 10 if grams >= 100 else 5), "g")


def _ceil_to(value: float, step: float) -> float:
    steps = math.ceil(round(value / step, 6))
    return round(max(steps, 1) * step, 6)


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"
