"""Units of weight and volume as people write them, and the first word of a measure name.

Volumes are US customary, as in USDA's household measures (1 cup = 236.6 mL).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

GRAMS_PER_OZ = 28.349523125

# Weights: each spelling maps to grams per unit.
GRAMS_PER_UNIT: Mapping[str, float] = MappingProxyType(
    {
        "g": 1.0, "gr": 1.0, "gram": 1.0, "grams": 1.0, "gramm": 1.0, "gramme": 1.0, "grammes": 1.0,
        "kg": 1000.0, "kilo": 1000.0, "kilos": 1000.0, "kilogram": 1000.0, "kilograms": 1000.0,
        "oz": GRAMS_PER_OZ, "ounce": GRAMS_PER_OZ, "ounces": GRAMS_PER_OZ,
        "lb": 453.59237, "lbs": 453.59237, "pound": 453.59237, "pounds": 453.59237,
    }
)  # fmt: skip

# Volumes: canonical unit -> millilitres. "fl oz" is the US fluid ounce.
ML_PER_UNIT: Mapping[str, float] = MappingProxyType(
    {
        "ml": 1.0,
        "l": 1000.0,
        "cup": 236.5882365,
        "fl oz": 29.5735295625,
        "tbsp": 14.78676478125,
        "tsp": 4.92892159375,
        "pint": 473.176473,
        "quart": 946.352946,
    }
)

_HEAD = re.compile(r"[\s,(]+")


def measure_head(name: str) -> str:
    """The first word of a measure's name, lower case: "cup, chopped" -> "cup",
    "container (6 oz)" -> "container"; "fl oz" stays whole."""
    text = name.strip().casefold()
    if text.startswith("fl oz") or text.startswith("fl. oz"):
        return "fl oz"
    return _HEAD.split(text, maxsplit=1)[0]
