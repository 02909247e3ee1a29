"""The auto-planner's inputs and results: options, the meals to fill, what was added, what fell short."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bonewise.core.checks import VitaminKBand
from bonewise.core.foods import FoodLookup
from bonewise.core.mealsense import EnergyBand, Rule
from bonewise.core.plan import DayPlan, Entry, MealSlot, Person, WeekPlan
from bonewise.core.pool import Candidate
from bonewise.core.targets import Target

# The days' solves together stop after this many seconds (wall clock), so a slow profile on a
# busy computer still gets its plan within the two-second budget (DESIGN.md); the tests raise
# it (tests/conftest.py) so their plans never depend on the machine's load.
WEEK_TIME_LIMIT_S = 1.5

K1 = "vitamin_k1_ug"
K2 = "vitamin_k2_ug"
ENERGY = "energy_kcal"


@dataclass(frozen=True)
class AutoPlanOptions:
    """How the planner fills a plan; the defaults suit most people."""

    energy_kcal: tuple[float, float] | None = None  # None: the person's band (core.mealsense)
    max_per_week: int = 3  # times one food may appear in a week (supplements excepted)
    pantry_first: bool = False
    allow_supplements: bool = True
    max_items_main: int = 5
    max_items_snack: int = 2
    include_past: bool = False  # also fill days before ``today``
    fill_planned_days: bool = False  # also fill the empty meals of days whose main meals are planned
    locked: frozenset[tuple[dt.date, str]] = frozenset()  # (date, slot id) meals to leave as they are
    today: dt.date | None = None  # None: the computer's date
    time_limit_s: float = 1.5  # per HiGHS solve: it stops there with the best plan found so far
    week_time_limit_s: float | None = None  # all the days' solves together; None: WEEK_TIME_LIMIT_S
    explain: bool = True  # re-solve to say which rules hold a failed requirement down

    def week_limit(self) -> float:
        """Seconds for all the days' solves together."""
        return WEEK_TIME_LIMIT_S if self.week_time_limit_s is None else self.week_time_limit_s


@dataclass(frozen=True)
class Added:
    """One item the planner placed."""

    date: dt.date
    slot_id: str
    entry: Entry
    candidate: Candidate
    count: float  # of the candidate's measure

    @property
    def label(self) -> str:
        return f"{self.candidate.portion_label(self.count)} of {self.candidate.food.name}"


@dataclass(frozen=True)
class Shortfall:
    """A rule the plan gives up, and why."""

    rule: Rule
    key: str | None  # nutrient key, when the rule is about one
    dates: tuple[dt.date, ...]
    slot_id: str | None
    required: float | None
    reached: float | None  # the worst value on those dates
    best: float | None  # the most such a day (or meal) can reach from the pool under the rules
    reasons: tuple[str, ...]  # what holds it down ("without dairy", …)
    message: str

    @property
    def kind(self) -> str:
        """The rule's id, as JSON says it."""
        return self.rule.key


@dataclass(frozen=True)
class Skipped:
    """A meal the planner was asked about but left alone, and why (in words for the user)."""

    date: dt.date
    slot_id: str | None  # None: the whole day
    why: str


@dataclass(frozen=True)
class AutoPlanResult:
    week: WeekPlan
    added: tuple[Added, ...]
    shortfalls: tuple[Shortfall, ...]
    notes: tuple[str, ...]
    status: str  # HiGHS's model status ("optimal", "time limit reached", …)
    seconds: float
    dates: frozenset[dt.date] = field(default_factory=frozenset)  # days that got items
    skipped: tuple[Skipped, ...] = ()
    energy: EnergyBand | None = None  # the band the days were planned for
    cut_short: tuple[dt.date, ...] = ()  # days whose search a time limit stopped: the best found by then


# --------------------------------------------------------------------------- the problem


@dataclass(frozen=True)
class Slot:
    slot: MealSlot
    kind: str  # breakfast, lunch, dinner or snack


@dataclass(frozen=True)
class Day:
    """A day with meals to fill, and what its planned meals already hold."""

    date: dt.date
    fixed: Mapping[str, float]  # what is already planned: amount of each key
    fixed_supplements: Mapping[str, float]  # … of which from supplements
    fixed_fruit_veg_g: float
    slots: tuple[Slot, ...]
    foods_today: frozenset[str]


@dataclass(frozen=True)
class Problem:
    person: Person
    days: tuple[Day, ...]
    room: Mapping[str, int]  # food kind -> times it may still be used (absent: max_per_week)
    targets: Mapping[str, Target]
    options: AutoPlanOptions
    keys: tuple[str, ...]
    energy: EnergyBand
    k_band: VitaminKBand | None  # on warfarin
    foods: FoodLookup
    # What each target's lower end is planned as, where the foods cannot reach it: a share
    # of the most they can (see ``aims``); the shortfall is still measured against the target.
    aims: Mapping[str, float] = field(default_factory=dict)

    def aim(self, key: str, t: Target) -> float | None:
        low = required_low(t)
        return None if low is None else min(low, self.aims.get(key, low))


@dataclass(frozen=True)
class History:
    """What the days before the one being solved hold, for the rules across days."""

    proteins: Mapping[dt.date, frozenset[str]]  # main protein foods of each planned day
    planned: Mapping[dt.date, frozenset[tuple[str, str, int]]]  # planner choices: (slot, food, steps)
    fixed: Mapping[dt.date, tuple]  # what the user had on each day, to compare days


def required_low(t: Target) -> float | None:
    """The lower end the planner must reach; none for tracked values or per-kg protein."""
    return None if t.tracked_only or t.per_kg else t.low


# targets.md §1b: calcium is a band (more brings no benefit and adds kidney-stone risk), sodium
# and caffeine are ceilings; the others are floors, where more than the range is never a fault.
_BANDS = frozenset({"calcium_mg"})


def band_high(t: Target) -> float | None:
    """The top the planner stays under when it can: a band's or a ceiling's, never a floor's."""
    if t.tracked_only or t.per_kg or t.high is None:
        return None
    return t.high if t.low is None or t.key in _BANDS else None


def solver_candidates(candidates: Sequence[Candidate], options: AutoPlanOptions) -> tuple[Candidate, ...]:
    return tuple(c for c in candidates if options.allow_supplements or not c.is_supplement)


def day_contents(day: DayPlan) -> tuple:
    """A day's entries in a form two days can be compared by."""
    return tuple(sorted((slot, e.food_id or "", e.recipe_id or "", round(e.grams, 3))
                        for slot, entries in day.meals.items() for e in entries))  # fmt: skip
