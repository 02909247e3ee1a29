"""The auto-planner's inputs and results: options, the days to fill, what was added, what fell short."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bonewise.core.autoplan.rules import Rule
from bonewise.core.checks import (
    MEAL_CALCIUM_PER_SITTING_MG,
    PROTEIN_PER_MAIN_MEAL_G,
    VITAMIN_K_SWING_UG,
)
from bonewise.core.plan import Entry, MealSlot, Person, WeekPlan
from bonewise.core.pool import Candidate
from bonewise.core.targets import Target

# Dietary Guidelines for Americans, Appendix 2 (estimated calorie needs, from the
# IOM energy equations): about 1,600 kcal a day for sedentary women over 50 and
# 2,000–2,200 for active ones. A person's own range replaces it.
DEFAULT_ENERGY_KCAL: tuple[float, float] = (1600.0, 2200.0)
ENERGY_SOURCE = "Dietary Guidelines for Americans, Appendix 2"

# The per-meal rules are the ones core.checks warns about, so a plan never draws a warning.
CALCIUM_PER_MEAL_MG = MEAL_CALCIUM_PER_SITTING_MG  # 600 mg (Heaney 1990)
MAIN_MEAL_PROTEIN_G = PROTEIN_PER_MAIN_MEAL_G  # 20 g (ESCEO 2014)
# On warfarin checks flags a day more than 50 µg of vitamin K away from the mean of
# the planned days; keeping every day within a 50 µg band makes that impossible.
VITAMIN_K_STEADY_UG = VITAMIN_K_SWING_UG
# A requirement within 0.1 % counts as met: each day's MILP stops once it is provably
# within four foods' cost of the best plan, and 0.1 % of a requirement costs ten.
MET_TOLERANCE = 0.001

# Penalties per 100 % of a requirement missed, so units do not matter.
_W_TARGET = 10_000.0
_W_ENERGY = 10_000.0
_W_MEAL_PROTEIN = 10_000.0
_W_K_STEADY = 10_000.0
_W_SUPPORT = 40.0  # fiber, omega-3, sodium, caffeine: wishes, not requirements
_W_OVER_BAND = 30.0
_W_MIN_ITEMS = 15.0  # per item short of two at a main meal
_W_K2 = 6.0  # bonus for K2 up to the trial reference
_COST_FOOD = 1.0
_COST_SUPPLEMENT = 4.0  # food first
_COST_PORTION = 0.1  # per serving, so the smaller portion wins a tie
_FAVOURITE = 0.8  # cost multipliers
_PANTRY = 0.4

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ENERGY = "energy_kcal"
_K1 = "vitamin_k1_ug"
_K2 = "vitamin_k2_ug"
_EPS = 1e-6
_PER_MEAL = 5  # foods per meal a day's MILP keeps, besides those its relaxation uses
_ABS_GAP = 4.0  # a day's MILP stops within four foods' cost of the best possible
_RETRY_MARGIN = 20.0  # penalty (0.2 % of a target) a pruned day may lose before a full re-solve


@dataclass(frozen=True)
class AutoPlanOptions:
    """How the planner fills a plan; the defaults suit most people."""

    energy_kcal: tuple[float, float] = DEFAULT_ENERGY_KCAL
    max_per_week: int = 3  # times one food may appear in a week (supplements excepted)
    pantry_first: bool = False
    allow_supplements: bool = True
    max_items_main: int = 4
    max_items_snack: int = 2
    time_limit_s: float = 1.5  # per HiGHS solve: it stops there with the best plan found so far
    explain: bool = True  # re-solve to say which rules hold a failed requirement down


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
    """A requirement the plan does not meet, and why."""

    kind: Rule  # what was not met
    key: str | None  # nutrient key
    dates: tuple[dt.date, ...]
    slot_id: str | None
    required: float
    reached: float  # the worst value on those dates
    best: float | None  # the most such a day (or meal) can reach from the pool under the rules
    reasons: tuple[str, ...]  # the rules that hold it down ("without dairy", …)
    message: str


@dataclass(frozen=True)
class AutoPlanResult:
    week: WeekPlan
    added: tuple[Added, ...]
    shortfalls: tuple[Shortfall, ...]
    notes: tuple[str, ...]
    status: str  # HiGHS's model status ("optimal", "time limit reached", …)
    seconds: float
    dates: frozenset[dt.date] = field(default_factory=frozenset)  # days that got items


# --------------------------------------------------------------------------- the problem


@dataclass(frozen=True)
class _Slot:
    slot: MealSlot
    kind: str


@dataclass(frozen=True)
class _Day:
    date: dt.date
    fixed: Mapping[str, float]  # what is already planned: amount of each key
    fixed_supplements: Mapping[str, float]  # … of which from supplements
    slots: tuple[_Slot, ...]
    foods_today: frozenset[str]


@dataclass(frozen=True)
class _Problem:
    person: Person
    days: tuple[_Day, ...]
    other_days_k: tuple[float, ...]  # vitamin K of the other planned days (warfarin)
    room: Mapping[str, int]  # food id -> times it may still be used (absent: max_per_week)
    targets: Mapping[str, Target]
    options: AutoPlanOptions
    keys: tuple[str, ...]


@dataclass(frozen=True)
class _Pair:
    """One food in one meal: a binary per portion size (at most one of them is 1)."""

    day: int
    slot: int
    cand: int
    sizes: tuple[tuple[int, int], ...]  # (binary variable, portion steps)

    def steps(self, coef: float = 1.0) -> list[tuple[int, float]]:
        """Terms for ``coef`` × portion steps of this food."""
        return [(var, coef * k) for var, k in self.sizes]

    def used(self, coef: float = 1.0) -> list[tuple[int, float]]:
        """Terms for ``coef`` × "this food is in this meal" (0 or 1)."""
        return [(var, coef) for var, _ in self.sizes]


def _steps(c: Candidate) -> tuple[float, int, int]:
    """(step, fewest steps, most steps) so that count = step × steps covers ``c.portions``."""
    p = c.portions
    step = p[1] - p[0] if len(p) > 1 else p[0]
    return step, round(p[0] / step), round(p[-1] / step)


def _required_low(t: Target) -> float | None:
    """The lower end the planner must reach; none for tracked values or per-kg protein."""
    return None if t.tracked_only or t.per_kg else t.low


def _band_high(t: Target) -> float | None:
    return None if t.tracked_only or t.per_kg else t.high


def _k2_reference(targets: Mapping[str, Target]) -> float | None:
    t = targets.get(_K2)
    return None if t is None else (t.low or t.high)


def _solver_candidates(
    candidates: Sequence[Candidate], options: AutoPlanOptions
) -> tuple[Candidate, ...]:
    return tuple(c for c in candidates if options.allow_supplements or not c.is_supplement)
