"""How much of a food an amount means: units as people say them, and the usual serving.

Pure functions over a ``Food``: "2" of an egg is two large eggs (a bare number counts
the food's natural unit, never grams), "200 ml" of milk is weighed with its density,
"a slice" is the food's own slice measure, and no amount at all is the usual serving
for that food and meal (the FDA reference amount, 21 CFR 101.12; 1.5 servings of a
main protein food at lunch and dinner). Where the food's own household measure fits,
the amount is said in it ("1 container (5.3 oz)"), so the grid and the printout read as
a person would say it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from bonewise.core.foods import Food, Measure
from bonewise.core.measures import count_text, plural_measure, unit_spelling
from bonewise.core.rules import check_count
from bonewise.core.units import GRAMS_PER_UNIT, ML_PER_UNIT, measure_head
from bonewise.errors import BonewiseError

MAIN_MEALS = ("lunch", "dinner", "supper")  # words of a meal's id or name that make it a main meal
FIT = (0.75, 1.35)  # a measure "fits" a wanted weight within this ratio
# Multiples of a listed measure tried for a serving, and how much less natural each is to say.
COUNTS_TRIED: Mapping[float, float] = MappingProxyType(
    {1.0: 0.0, 0.5: 0.1, 2.0: 0.1, 1.5: 0.15, 3.0: 0.25, 0.75: 0.35, 0.25: 0.4}
)
GLASS_ML = 240.0  # a glass of milk or juice: 8 fl oz, the FDA reference amount for milk and juice
MUG_ML = ML_PER_UNIT["fl oz"] * 12
DESSERTSPOON_ML = 10.0
SPLASH_ML = 30.0  # a splash of milk in tea or coffee: about two tablespoons
HANDFUL_MAX_SERVING_G = 45.0  # a handful is one serving of foods eaten by the ounce (nuts, dried fruit)
BARE_COUNT_MAX_G = 2000.0  # "salmon 200" is not 200 fillets: above this a bare number is refused

# The units a person types, each under one name. Volumes and weights convert; the others
# are looked up among the food's own household measures (first word of their name).
UNIT_WORDS: Mapping[str, str] = MappingProxyType(
    {
        **{w: w for w in ("g", "kg", "oz", "lb", "ml", "l", "cup", "tbsp", "tsp", "pint", "quart")},
        "gram": "g", "grams": "g", "gr": "g", "gramme": "g", "grammes": "g", "gm": "g", "gms": "g",
        "kilo": "kg", "kilos": "kg", "kilogram": "kg", "kilograms": "kg",
        "ounce": "oz", "ounces": "oz", "lbs": "lb", "pound": "lb", "pounds": "lb",
        "millilitre": "ml", "millilitres": "ml", "milliliter": "ml", "milliliters": "ml", "mls": "ml",
        "litre": "l", "litres": "l", "liter": "l", "liters": "l", "ltr": "l", "cl": "cl", "dl": "dl",
        "fl oz": "fl oz", "floz": "fl oz", "fluid ounce": "fl oz", "fluid ounces": "fl oz",
        "cups": "cup", "teacup": "cup", "teacups": "cup", "cupful": "cup",
        "tablespoon": "tbsp", "tablespoons": "tbsp", "tbs": "tbsp", "tbsps": "tbsp", "tblsp": "tbsp",
        "tablespoonful": "tbsp", "spoon": "tbsp", "spoons": "tbsp", "spoonful": "tbsp", "spoonfuls": "tbsp",
        "teaspoon": "tsp", "teaspoons": "tsp", "tsps": "tsp", "teaspoonful": "tsp",
        "dessertspoon": "dessertspoon", "dessertspoons": "dessertspoon",
        "pints": "pint", "quarts": "quart",
        "glass": "glass", "glasses": "glass", "mug": "mug", "mugs": "mug",
        "serving": "serving", "servings": "serving", "portion": "serving", "portions": "serving",
        "helping": "serving", "helpings": "serving", "bowl": "serving", "bowls": "serving",
        "bowlful": "serving", "plate": "serving", "plates": "serving", "plateful": "serving",
        "can": "can", "cans": "can", "tin": "can", "tins": "can",
        "pot": "container", "pots": "container", "tub": "container", "tubs": "container",
        "carton": "container", "cartons": "container", "container": "container", "containers": "container",
        "slice": "slice", "slices": "slice", "rasher": "slice", "rashers": "slice",
        "piece": "piece", "pieces": "piece", "chunk": "piece", "chunks": "piece", "lump": "piece",
        "lumps": "piece", "handful": "handful", "handfuls": "handful",
        "fillet": "fillet", "fillets": "fillet", "filet": "fillet", "filets": "fillet",
        "scoop": "scoop", "scoops": "scoop", "bar": "bar", "bars": "bar", "stick": "stick", "sticks": "stick",
        "clove": "clove", "cloves": "clove", "wedge": "wedge", "wedges": "wedge",
        "leaf": "leaf", "leaves": "leaf", "stalk": "stalk", "stalks": "stalk", "spear": "spear",
        "spears": "spear", "packet": "packet", "packets": "packet", "pack": "packet", "packs": "packet",
        "sachet": "packet", "sachets": "packet", "bag": "packet", "bags": "packet",
        "patty": "patty", "patties": "patty", "link": "link", "links": "link", "square": "square",
        "squares": "square", "bottle": "bottle", "bottles": "bottle", "jar": "jar", "jars": "jar",
        "shot": "shot", "shots": "shot", "ear": "ear", "ears": "ear", "head": "head", "bunch": "bunch",
        "small": "small", "medium": "medium", "large": "large", "big": "large", "regular": "medium",
        "extra large": "extra large", "jumbo": "jumbo",
        "knob": "pat", "knobs": "pat", "pat": "pat", "pats": "pat", "splash": "splash", "splashes": "splash",
    }
)  # fmt: skip
# Other first words under which a food's own measures give a unit.
MEASURE_SYNONYMS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "can": ("can", "tin"),
        "container": ("container", "pot", "tub", "carton", "cup (container)"),
        "piece": ("piece", "each", "item", "serving", "fruit", "whole", "slice"),
        "slice": ("slice", "rasher"),
        "packet": ("packet", "package", "pouch", "envelope", "bag", "sachet"),
        "bottle": ("bottle",),
        "fillet": ("fillet", "filet"),
    }
)
# When a food has none of a unit's own measures, the nearest kind of piece will do:
# a slice of cake is a piece, a slice of melon a wedge.
NEAR_MEASURES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"slice": ("piece", "wedge"), "bottle": ("can",), "packet": ("bag",)}
)
# Measures that are one package: a serving that fits one is said in it (a can of sardines).
PACKAGES = ("can", "container", "bottle", "packet", "package", "bar", "pot", "carton", "jar", "pouch")
SIZES = ("small", "medium", "large", "extra large", "jumbo")


@dataclass(frozen=True)
class Portion:
    """An amount of a food: its weight, and how to say it.

    ``measure`` is the name of one of the food's own household measures when the amount
    is a whole number of it (or a kitchen fraction), so an entry can keep it; ``label``
    is the amount in words either way ("2 large", "200 ml", "130 g").
    """

    grams: float
    measure: str | None
    count: float
    label: str


def is_main_meal(meal: str | None) -> bool:
    """Lunch and dinner get the larger main-meal serving; so does an unknown meal, because
    the foods with a larger one (fish, meat, poultry) are eaten mostly at those meals."""
    if meal is None or not meal.strip():
        return True
    text = meal.casefold()
    return any(word in text for word in MAIN_MEALS)


def usual_portion(food: Food, meal: str | None = None) -> Portion:
    """One usual serving of ``food`` at ``meal``, in the food's own measure where one fits."""
    if food.is_supplement and food.measures:
        dose = food.measures[0]
        return Portion(dose.grams, dose.name, dose.amount, dose.label)
    if food.serving is not None:
        grams = food.serving.main_meal_grams if is_main_meal(meal) else food.serving.grams
        natural = food.measure(food.natural_unit) if food.natural_unit else None
        if natural is not None:
            # One or two of the natural unit when that is a serving: an egg, two slices of bread.
            for count in (1.0, 2.0):
                if FIT[0] <= count * natural.grams_per_unit / grams <= FIT[1]:
                    return counted(natural, count)
        for m in food.measures:
            # Else one package when that is a serving: a can of sardines, a pot of yogurt.
            if measure_head(m.name) in PACKAGES and FIT[0] <= m.grams_per_unit / grams <= FIT[1]:
                return counted(m, 1.0)
        return _said_in_measures(food, grams)
    return _first_sensible_measure(food)


def portion_of(food: Food, quantity: float | None, unit: str | None, meal: str | None = None) -> Portion:
    """The weight of ``quantity`` × ``unit`` of ``food``; BonewiseError says what does not fit.

    ``unit`` is a name from ``UNIT_WORDS`` or a word of one of the food's measures;
    None with a quantity counts the food's natural unit ("2 eggs"), and neither is the
    usual serving.
    """
    if quantity is None and unit is None:
        return usual_portion(food, meal)
    count = 1.0 if quantity is None else quantity
    if not (math.isfinite(count) and count > 0):
        raise BonewiseError("An amount must be more than zero.")
    if unit is None:
        return _bare_count(food, check_count(count), meal)
    unit = UNIT_WORDS.get(unit.casefold(), unit.casefold())
    if unit not in GRAMS_PER_UNIT:
        count = check_count(count)
    if unit in GRAMS_PER_UNIT:
        own = food.measure(unit)  # SR24 lists "oz" for many foods: said in it, same weight
        if own is not None and own.grams_per_unit > 0:
            return counted(own, count)
        grams = count * GRAMS_PER_UNIT[unit]
        return Portion(grams, None, grams, unit_label(count, unit))
    if unit == "serving":
        return _scaled(usual_portion(food, meal), count, unit_label(count, "serving"))
    own = _own_measure(food, unit) or next(
        (m for near in NEAR_MEASURES.get(unit, ()) if (m := _own_measure(food, near)) is not None), None
    )
    if own is not None:
        return counted(own, count)
    if unit in SIZES:
        return _bare_count(food, count, meal)
    volume = _volume_ml(unit)
    if volume is not None:
        return _by_volume(food, count, unit, volume)
    if unit == "handful" and food.serving is not None and food.serving.grams <= HANDFUL_MAX_SERVING_G:
        grams = food.serving.grams * count
        return Portion(grams, None, grams, unit_label(count, "handful"))
    if unit not in UNIT_WORDS.values():
        raise BonewiseError(f"{food.name} has no measure called “{unit[:40]}”; {_measures_hint(food)}")
    raise BonewiseError(f"{food.name} has no {_unit_words(unit)} measure; {_measures_hint(food)}")


def household_unit(food: Food, unit: str) -> Measure | None:
    """The food's own measure for a household unit ("a slice", "a tin"), or None; None also
    for units that convert without one (grams, millilitres, servings, sizes)."""
    unit = UNIT_WORDS.get(unit.casefold(), unit.casefold())
    if unit in GRAMS_PER_UNIT or unit in SIZES or unit == "serving" or _volume_ml(unit) is not None:
        return None
    return _own_measure(food, unit)


def converts_without_measure(unit: str) -> bool:
    """True for units any food can take: weights, volumes (by density), servings and sizes."""
    unit = UNIT_WORDS.get(unit.casefold(), unit.casefold())
    return unit in GRAMS_PER_UNIT or unit in SIZES or unit == "serving" or _volume_ml(unit) is not None


# --------------------------------------------------------------------------- helpers


def _bare_count(food: Food, count: float, meal: str | None) -> Portion:
    """A number with no unit: that many of the food's natural unit (eggs, bananas, slices),
    else that many usual servings; never grams."""
    if food.is_supplement and food.measures:
        return counted(food.measures[0], count)
    unit = food.measure(food.natural_unit) if food.natural_unit else None
    if unit is not None:
        portion = counted(unit, count)
    else:
        portion = _scaled(usual_portion(food, meal), count, unit_label(count, "serving"))
    if portion.grams > BARE_COUNT_MAX_G:
        raise BonewiseError(
            f"“{count_text(count)}” would be {portion.label} of {food.name} ({portion.grams:,.0f} g); "
            f"a number alone counts pieces or servings, so write “{count_text(count)} g” for grams."
        )
    return portion


def counted(measure: Measure, count: float) -> Portion:
    """``count`` of one of the food's measures ("2 large", "1 can (3.75 oz)")."""
    total = count * measure.grams_per_unit
    return Portion(total, measure.name, count, _said(count, measure.name))


def _said(count: float, measure: str) -> str:
    """ "2 cups", "1 can (3.75 oz)", "2 large": a count of one of the food's measures."""
    name = unit_spelling(measure)
    return f"{count_text(count)} {plural_measure(name) if count > 1.005 else name}"


def _scaled(one: Portion, count: float, label: str) -> Portion:
    if one.measure is not None:
        total = one.count * count
        return Portion(one.grams * count, one.measure, total, _said(total, one.measure))
    return Portion(one.grams * count, None, one.grams * count, label)


def _own_measure(food: Food, unit: str) -> Measure | None:
    """The food's measure whose name starts with ``unit`` (or a synonym): "can" finds
    "can (3.75 oz)", "container" finds "container (6 oz)" or a "pot"."""
    heads = MEASURE_SYNONYMS.get(unit, (unit,))
    exact = [m for m in food.measures if m.name.casefold() in heads]
    if exact:
        return exact[0]
    for head in heads:
        found = [
            m for m in food.measures
            if measure_head(m.name) == head or (" " in head and m.name.casefold().startswith(head))
        ]
        if found:
            # "spear, small", "spear, medium", "cup, ground", "cup, whole" …: the plain one,
            # else a medium or whole one, is what a person means.
            for wanted in (head, "medium", "whole"):
                for m in found:
                    name = m.name.casefold()
                    if name == wanted or (wanted != head and wanted in name):
                        return m
            return found[0]
    return None


def _volume_ml(unit: str) -> float | None:
    if unit in ML_PER_UNIT:
        return ML_PER_UNIT[unit]
    return {"cl": 10.0, "dl": 100.0, "glass": GLASS_ML, "mug": MUG_ML, "dessertspoon": DESSERTSPOON_ML,
            "splash": SPLASH_ML}.get(unit)


def _by_volume(food: Food, count: float, unit: str, ml_each: float) -> Portion:
    """A volume by the food's density, else by its own cup measure (a glass or mug is a cup or so)."""
    ml = count * ml_each
    label = unit_label(count, unit)
    if food.density_g_ml is not None:
        return Portion(ml * food.density_g_ml, None, count, label)
    cup = _own_measure(food, "cup")
    if cup is not None:
        return Portion(ml / ML_PER_UNIT["cup"] * cup.grams_per_unit, None, count, label)
    raise BonewiseError(
        f"{food.name} has no known density, so {label} cannot be weighed; {_measures_hint(food)}"
    )


def _said_in_measures(food: Food, grams: float) -> Portion:
    """``grams`` said in the food's own measure: the best fit (``FIT``) of the amount USDA
    lists ("3 oz", "1 cup") or a kitchen multiple of it, whole ones preferred; else grams."""
    best: tuple[float, Measure, float] | None = None
    for count, penalty in COUNTS_TRIED.items():
        for m in food.measures:
            if not (m.grams > 0 and math.isfinite(m.grams)):
                continue
            ratio = count * m.grams / grams
            if FIT[0] <= ratio <= FIT[1]:
                miss = abs(math.log(ratio)) + penalty
                if best is None or miss < best[0]:
                    best = (miss, m, count)
    if best is None:
        rounded = 5 * round(grams / 5) if grams >= 20 else round(grams, 1)
        return Portion(rounded, None, rounded, f"{count_text(rounded)} g")
    _, measure, count = best
    return counted(measure, count * measure.amount)


def _first_sensible_measure(food: Food) -> Portion:
    """Without a reviewed serving (custom foods): the first measure of a usual size, else 100 g."""
    for m in food.measures:
        if 1 <= m.grams <= 500:
            return Portion(m.grams, m.name, m.amount, m.label)
    return Portion(100.0, None, 100.0, "100 g")


_UNCOUNTED = {"g", "kg", "oz", "lb", "ml", "l", "cl", "dl", "fl oz", "tbsp", "tsp"}


def unit_label(count: float, unit: str) -> str:
    """ "2 cups", "1 glass", "3 glasses", "200 ml": a unit said with its count."""
    if count <= 1 or unit in _UNCOUNTED:
        return f"{count_text(count)} {unit}"
    return f"{count_text(count)} {unit}{'es' if unit.endswith(('s', 'sh', 'ch', 'x')) else 's'}"


def _unit_words(unit: str) -> str:
    names = {"can": "can (tin)", "container": "pot (container)", "fl oz": "fluid ounce"}
    return names.get(unit, unit)


def _measures_hint(food: Food) -> str:
    measures = list(food.measures)[:6]
    if not measures:
        return "give the amount in grams."
    return "its measures are " + ", ".join(f"“{m.name}”" for m in measures) + ", or give grams."
