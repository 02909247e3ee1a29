"""People, meal slots, plan entries, recipes and week plans (plain immutable values)."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

DAYS_PER_WEEK = 7


def new_id() -> str:
    """128 random bits as 32 hex digits, like ``uuid4().hex`` (importing uuid also loads
    the platform module, a few milliseconds of every start)."""
    return os.urandom(16).hex()


class SoyPreference(StrEnum):
    ANY = "any"
    WHOLE_FOODS = "whole_foods"  # whole-food soy only, no isoflavone pills
    AVOID = "avoid"


class Diet(StrEnum):
    """A way of eating that leaves groups of foods out (meal-sense.md §4)."""

    NONE = "none"
    LACTOSE_FREE = "lactose-free"  # lactose-free milk, hard cheeses and plant drinks stay
    VEGETARIAN = "vegetarian"  # no meat, poultry, fish or shellfish
    VEGAN = "vegan"  # no food from animals
    PESCATARIAN = "pescatarian"  # fish and shellfish, but no meat or poultry
    # Lactose is an intolerance, not a way of eating: it comes on top of the two diets that keep dairy.
    LACTOSE_FREE_VEGETARIAN = "lactose-free-vegetarian"
    LACTOSE_FREE_PESCATARIAN = "lactose-free-pescatarian"


class Allergen(StrEnum):
    """The nine major food allergens of US law (FALCPA 2004; sesame added by the FASTER Act 2021)."""

    MILK = "milk"
    EGG = "egg"
    FISH = "fish"
    SHELLFISH = "shellfish"  # crustacean shellfish: shrimp, crab, lobster
    TREE_NUTS = "tree-nuts"
    PEANUTS = "peanuts"
    WHEAT = "wheat"
    SOY = "soy"
    SESAME = "sesame"


@dataclass(frozen=True)
class MealSlot:
    """A row of the week grid. The id is stable, so renaming keeps the entries."""

    id: str
    name: str
    main_meal: bool = False  # main meals get the ≥20 g protein check


DEFAULT_SLOTS: tuple[MealSlot, ...] = (
    MealSlot("breakfast", "Breakfast", True),
    MealSlot("morning-snack", "Morning snack"),
    MealSlot("lunch", "Lunch", True),
    MealSlot("afternoon-snack", "Afternoon snack"),
    MealSlot("dinner", "Dinner", True),
    MealSlot("bedtime", "Bedtime"),
)


@dataclass(frozen=True)
class Person:
    name: str
    id: int | None = None  # assigned by the store
    weight_kg: float | None = None
    birth_year: int | None = None  # picks age-dependent limits (calcium: 2,500 mg at 19–50)
    t_score: float | None = None
    vitamin_d_lab_ng_ml: float | None = None  # latest serum 25(OH)D
    vitamin_d_lab_date: dt.date | None = None
    on_warfarin: bool = False
    soy: SoyPreference = SoyPreference.ANY
    diet: Diet = Diet.NONE
    allergies: frozenset[Allergen] = frozenset()
    dislikes: frozenset[str] = frozenset()  # ids of foods the person never wants
    eats_natto: bool = False  # natto is planned only for people who eat it (and never on warfarin)
    # On warfarin: the daily vitamin K (K1 + K2, µg) agreed with the care team; None = the
    # adequate intake (core.diet.vitamin_k_band)
    vitamin_k_usual_ug: float | None = None
    slots: tuple[MealSlot, ...] = DEFAULT_SLOTS
    # nutrient key -> (low, high) replacing the default target band; None = no bound
    target_overrides: Mapping[str, tuple[float | None, float | None]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    @property
    def saved_id(self) -> int:
        """The id the store gave this person; only a person read from the store has one."""
        if self.id is None:
            raise ValueError(f"{self.name!r} has not been saved, so has no id yet")
        return self.id


@dataclass(frozen=True)
class Entry:
    """One item in a meal: a food (by grams, household measure or dose) or recipe portions.

    ``grams`` is always the resolved weight of a food entry, so totals never need
    to look up a measure again. For a recipe entry ``count`` is the number of
    portions and ``grams`` is 0.
    """

    food_id: str | None
    grams: float
    measure: str | None = None  # the measure or dose name the user chose ("cup", "1 tablet")
    count: float | None = None  # how many measures, doses or recipe portions
    recipe_id: str | None = None
    id: str = field(default_factory=new_id)

    @property
    def is_recipe(self) -> bool:
        return self.recipe_id is not None


@dataclass(frozen=True)
class Recipe:
    """A named list of entries that makes ``portions`` portions."""

    name: str
    entries: tuple[Entry, ...]
    portions: float = 1.0
    id: str = field(default_factory=new_id)


@dataclass(frozen=True)
class DayPlan:
    date: dt.date
    meals: Mapping[str, tuple[Entry, ...]] = field(default_factory=lambda: MappingProxyType({}))
    note: str = ""

    def entries(self, slot_id: str) -> tuple[Entry, ...]:
        return self.meals.get(slot_id, ())


@dataclass(frozen=True)
class IsoWeek:
    year: int
    week: int

    _PATTERN = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)

    def __post_init__(self) -> None:
        # dt.date.fromisocalendar raises ValueError for week 53 of a 52-week year.
        dt.date.fromisocalendar(self.year, self.week, 1)

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """Parse "2026-W49" (or "2026W49"); raises ValueError with a clear message."""
        match = cls._PATTERN.match(text)
        if not match:
            raise ValueError(f"not an ISO week: {text!r} (expected YYYY-Www, e.g. 2026-W49)")
        try:
            return cls(int(match[1]), int(match[2]))
        except ValueError:
            raise ValueError(f"week {match[2]} does not exist in {match[1]}") from None

    @classmethod
    def of(cls, day: dt.date) -> IsoWeek:
        year, week, _ = day.isocalendar()
        return cls(year, week)

    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.week, 1)

    def dates(self) -> tuple[dt.date, ...]:
        start = self.monday()
        return tuple(start + dt.timedelta(days=i) for i in range(DAYS_PER_WEEK))

    def shifted(self, weeks: int) -> IsoWeek:
        return IsoWeek.of(self.monday() + dt.timedelta(weeks=weeks))

    def __str__(self) -> str:
        return f"{self.year:04d}-W{self.week:02d}"  # four digits, as parse() and bundles read it


@dataclass(frozen=True)
class WeekPlan:
    """A person's seven days. ``days[0]`` is the Monday of ``week``."""

    person_id: int | None
    week: IsoWeek
    days: tuple[DayPlan, ...]

    @classmethod
    def empty(cls, person_id: int | None, week: IsoWeek) -> WeekPlan:
        return cls(person_id, week, tuple(DayPlan(d) for d in week.dates()))

    def day(self, date: dt.date) -> DayPlan:
        return self.days[(date - self.week.monday()).days]
