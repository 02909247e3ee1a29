"""Amounts as printed and shown: one spelling per unit, and a count that matches the grams.

USDA names the same unit several ways ("tbsp", "tablespoon", "Tbsp", "fluid
ounce", "fl oz"); every label goes through ``unit_spelling`` so a page never says
"2 tablespoons" on one line and "2 tbsp" on the next. The count of a measure is
read from the grams planned (1.5 × 244 g of milk is "1½ cups"), never from a
stored count that an edit may have left behind.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from bonewise.core.foods import Food, Measure
from bonewise.core.plan import Entry

# Each unit's one spelling, and the ways USDA or a person writes it (matched as whole words).
_SPELLINGS: tuple[tuple[str, str], ...] = (
    ("fl oz", r"fluid\s+ounces?|fl\.?\s*oz\.?"),
    ("tbsp", r"tablespoons?|tbsps?\.?|tbs\.?"),
    ("tsp", r"teaspoons?|tsps?\.?"),
    ("oz", r"ounces?|oz\."),
    ("lb", r"pounds?|lbs\.?"),
    ("kg", r"kilograms?|kilogrammes?"),
    ("g", r"grams?|grammes?"),
    ("ml", r"millilit(?:er|re)s?|mls?"),
    ("L", r"lit(?:er|re)s?"),
)
_SPELLING_RE = [(unit, re.compile(rf"(?<![\w.])(?:{pattern})(?!\w)", re.IGNORECASE)) for unit, pattern in _SPELLINGS]

# First words of household measures that take no plural: sizes of eggs and fruit
# ("large", "medium"), unit abbreviations, and words already plural.
_NO_PLURAL = {
    "small", "medium", "large", "extra", "jumbo", "whole", "half", "oz", "fl", "tbsp", "tsp",
    "lb", "g", "kg", "ml", "l", "nlea", "each",
}  # fmt: skip
_FRACTIONS = {0.25: "¼", 0.5: "½", 0.75: "¾", 1 / 3: "⅓", 2 / 3: "⅔"}


def unit_spelling(name: str) -> str:
    """ "2 Tablespoons, chopped" -> "2 tbsp, chopped"; "can (12 fluid ounces)" -> "can (12 fl oz)"."""
    for unit, pattern in _SPELLING_RE:
        name = pattern.sub(unit, name)
    return name


def plural_measure(name: str) -> str:
    """ "cup, chopped" -> "cups, chopped", "patty" -> "patties"; "large" stays "large"."""
    match = re.match(r"^(\s*)([A-Za-z]+)(.*)$", name, re.DOTALL)
    if not match:
        return name
    word, low = match[2], match[2].casefold()
    if low in _NO_PLURAL or len(low) < 3 or low.endswith("s"):
        return name
    if low.endswith(("x", "ch", "sh")):
        word += "es"
    elif low.endswith("y") and low[-2] not in "aeiou":
        word = word[:-1] + "ies"
    elif low.endswith("f"):
        word = word[:-1] + "ves"
    elif low.endswith("o") and low[-2] not in "aeiou":
        word += "es"  # potatoes, tomatoes
    else:
        word += "s"
    return f"{match[1]}{word}{match[3]}"


def count_text(count: float) -> str:
    """ "2", "½", "1½", "2.4", "1,200": kitchen fractions where the count is one (to 1 %)."""
    whole = math.floor(count + 0.005)
    rest = count - whole
    if abs(rest) < 0.005:
        return f"{whole:,}"
    for value, glyph in _FRACTIONS.items():
        if abs(rest - value) < 0.01:
            return glyph if whole == 0 else f"{whole:,}{glyph}"
    return f"{count:,.2f}".rstrip("0").rstrip(".") if count < 10 else f"{count:,.1f}".rstrip("0").rstrip(".")


def grams_text(grams: float) -> str:
    """ "92 g", "7.5 g", "0.05 g", "1,250 g": hundredths of a gram below 1 g (the least amount,
    rules.MIN_GRAMS, reads "0.01 g", never "0 g"), tenths below 10 g, whole grams above."""
    return f"{_grams_number(grams)} g"


def _grams_number(grams: float) -> str:
    if grams >= 10:
        return f"{round(grams):,}"
    return f"{grams:,.{2 if grams < 1 else 1}f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Amount:
    """How much of one plan item, as people say it: ``count`` × ``unit`` and its weight."""

    count: str  # "1½"
    unit: str  # "cups", "tablets", "portions", "g"
    grams: float | None  # the weight, when it means something (not for doses or recipes)

    def __str__(self) -> str:
        return f"{self.count} {self.unit}"

    @property
    def with_grams(self) -> str:
        """ "1½ cups (366 g)", "1 can (3.75 oz), 92 g", "2 tablets", "150 g"."""
        if self.grams is None or self.unit == "g":
            return str(self)
        weight = grams_text(self.grams)
        return f"{self}, {weight}" if "(" in self.unit else f"{self} ({weight})"


def measure_count(entry: Entry, food: Food | None) -> tuple[float, Measure | None]:
    """How many of the entry's measure its grams make, and the measure (None if unknown)."""
    measure = food.measure(entry.measure) if food is not None and entry.measure else None
    if measure is not None and measure.grams_per_unit > 0 and math.isfinite(entry.grams):
        return entry.grams / measure.grams_per_unit, measure
    return (entry.count or 1.0), None


def amount_of(entry: Entry, food: Food | None) -> Amount:
    """The amount of a plan item: "1½ cups", "2 tablets", "1 portion", "150 g"."""
    if entry.recipe_id is not None:
        portions = entry.count or 1.0
        return Amount(count_text(portions), "portion" if portions <= 1 else "portions", None)
    if not entry.measure:
        return Amount(_grams_number(entry.grams), "g", None)
    count, _ = measure_count(entry, food)
    name = unit_spelling(entry.measure)
    unit = plural_measure(name) if count > 1.005 else name
    weight = None if food is not None and food.is_supplement else entry.grams  # a dose's 1 g is nominal
    return Amount(count_text(count), unit, weight)
