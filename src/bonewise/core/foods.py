"""Foods as the core sees them: nutrients per 100 g, household measures, K2 estimate."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class FoodKind(StrEnum):
    REFERENCE = "reference"  # USDA SR24, shipped
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
class K2Estimate:
    """Menaquinone content per 100 g, taken from the literature K2 table."""

    ug_per_100g: float
    source: str  # short citation, e.g. "Schurgers & Vermeer 2000"
    evidence: str  # "verified (abstract)", "unverified", ...
    row_id: int  # row of k2_menaquinones.csv
    description: str  # the food as the source names it
    note: str = ""


@dataclass(frozen=True)
class Food:
    """One food. ``nutrients`` holds values per 100 g; a key that is absent is *unknown*.

    Supplements use the same shape: each dose measure has nominal grams (1 g per
    tablet), so ``nutrients`` hold 100 × the per-dose amount and every total is
    computed the same way: value × grams / 100.
    """

    id: str  # SR number ("01079"), "sup-…" for shipped supplements, "u…" for custom foods
    name: str
    kind: FoodKind
    group: str  # food group, e.g. "Dairy and Egg Products"
    aisle: str  # shopping aisle, e.g. "Dairy & eggs"
    nutrients: Mapping[str, float] = field(default_factory=dict)
    measures: tuple[Measure, ...] = ()
    k2: K2Estimate | None = None
    source: str = ""  # provenance shown to the user, e.g. "USDA SR24"

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
