"""Foods as the core sees them: nutrients per 100 g, household measures, K2 estimate."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class FoodKind(StrEnum):
    REFERENCE = "reference"  # USDA SR24 and FoodData Central foods, shipped
    SUPPLEMENT = "supplement"  # shipped or user-entered product labels
    CUSTOM = "custom"  # typed in by the user, lives in the user store


@dataclass(frozen=True)
class Measure:
    """A household measure: ``amount`` × ``name`` weighs ``grams`` ("1 cup" = 244 g)."""

    name: str
    grams: float
    amount: float = 1.0

    @property
    def label(self) -> str:
        return f"{self.amount:g} {self.name}"

    @property
    def grams_per_unit(self) -> float:
        """Grams of one ``name`` (for "0.5 cup = 120 g" this is 240)."""
        return self.grams / self.amount


@dataclass(frozen=True)
class Serving:
    """A food's usual serving: the FDA reference amount customarily consumed (21 CFR 101.12)."""

    grams: float
    main_meal_grams: float  # at lunch and dinner; larger than ``grams`` for main protein foods
    basis: str  # which reference amount, in words ("cheese, hard: 30 g")


@dataclass(frozen=True)
class K2Estimate:
    """Menaquinone content per 100 g, from the literature K2 table or USDA's MK-4 analyses."""

    ug_per_100g: float
    source: str  # short citation, e.g. "Schurgers & Vermeer 2000"
    evidence: str  # "verified (abstract)", "unverified", ...
    row_id: int  # row of k2_menaquinones.csv; 0 for USDA data and product labels
    description: str  # the food as the source names it
    note: str = ""
    complete: bool = True  # False: only some menaquinones were measured, so the value is a lower bound
    country: str = ""  # where the analysed sample came from

    @property
    def coverage(self) -> str:
        """Which menaquinones the value covers, in words."""
        return "all forms measured" if self.complete else "only some forms measured: at least this much"


@dataclass(frozen=True)
class Food:
    """One food. ``nutrients`` holds values per 100 g; a key that is absent is *unknown*.

    Supplements use the same shape: each dose measure has nominal grams (1 g per
    tablet), so ``nutrients`` hold 100 × the per-dose amount and every total is
    computed the same way: value × grams / 100.
    """

    id: str  # SR24 number ("01079"), "fn-…" FNDDS, "fb-…" FDC branded, "sup-…" supplement, "u…" custom
    name: str
    kind: FoodKind
    group: str  # food group, e.g. "Dairy and Egg Products"
    aisle: str  # shopping aisle, e.g. "Dairy & eggs"
    nutrients: Mapping[str, float] = field(default_factory=dict)
    measures: tuple[Measure, ...] = ()
    k2: K2Estimate | None = None
    source: str = ""  # provenance shown to the user, e.g. "USDA SR24"
    source_name: str = ""  # the food's name in its source, when shown under another name
    category: str = ""  # WWEIA food category ("Cheese", "Plant-based milk"), "" if none
    density_g_ml: float | None = None  # for amounts in mL; None = unknown
    serving: Serving | None = None  # the usual serving; None = use the measures
    natural_unit: str | None = None  # the measure a bare count refers to ("large" egg)

    def per_100g(self, key: str) -> float | None:
        """Value per 100 g, or None when the food has no data for ``key``."""
        return self.nutrients.get(key)

    def amount_in(self, key: str, grams: float) -> float | None:
        """Value in ``grams`` of this food, or None when unknown."""
        value = self.nutrients.get(key)
        return None if value is None else value * grams / 100.0

    def measure(self, name: str) -> Measure | None:
        """The household measure called ``name`` (case-insensitive), if any."""
        wanted = name.strip().casefold()
        for m in self.measures:
            if m.name.casefold() == wanted or m.label.casefold() == wanted:
                return m
        return None

    @property
    def is_supplement(self) -> bool:
        return self.kind is FoodKind.SUPPLEMENT


class FoodLookup(Protocol):
    """Anything that can find a food by id (the store, or a dict in tests)."""

    def get(self, food_id: str) -> Food | None: ...


class LookupOnce:
    """A ``FoodLookup`` that asks the one it wraps once per food id, for one computation.

    A week names the same foods many times, and a custom food is read from the user
    store on every ``get``. Make a new one per computation: it never sees later changes.
    """

    def __init__(self, foods: FoodLookup) -> None:
        self._foods = foods
        self._found: dict[str, Food | None] = {}

    def get(self, food_id: str) -> Food | None:
        if food_id in self._found:
            return self._found[food_id]
        food = self._found[food_id] = self._foods.get(food_id)
        return food


@dataclass(frozen=True)
class SearchHit:
    """A food found by name; ``score`` ranks it (lower is better) and is not part of its identity."""

    food_id: str
    name: str
    kind: FoodKind
    group: str
    score: float = field(default=0.0, compare=False)
    # The id of the first hit when this one is only another form of it (cooked rather than
    # raw, a duck egg rather than an egg): not a different food to choose between.
    form_of: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class SearchResult:
    """What a search found and how it read the words.

    ``corrected`` is the query as searched when a word was read as a near spelling
    ("brocoli" → "broccoli"), so the change can be shown, never made silently.
    """

    hits: tuple[SearchHit, ...]
    corrected: str | None = None


class FoodSearch(FoodLookup, Protocol):
    """Finds foods by what a person types (the store)."""

    def find(self, text: str, limit: int = 20) -> SearchResult: ...
