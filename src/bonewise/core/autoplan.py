"""Auto-plan: fill the empty meals of a day or a week from a pool of foods, with HiGHS.

Each day is a mixed-integer programme. For every empty meal and every food that
suits it there is one binary per portion size (0.5, 1, 1.5 or 2 cups …), at most
one of them chosen. What the user already placed stays and counts.

Rules that are never crossed: every upper limit with its scope (calcium 2,000 mg
total, vitamin D 4,000 IU total, magnesium 350 mg from supplements), at most
600 mg of calcium in one meal and 500 mg from supplements at one sitting, a few
foods per meal, each food at most once a day and at most N times a week, and
the person's flags (applied when the pool is built).

Requirements, met whenever the pool allows: the lower end of each target
(protein from body weight), the energy range, 20 g of protein at each main meal
and, on warfarin, a steady daily vitamin K. Each has a slack variable whose
penalty is scaled to its size (1 % short costs the same for every nutrient), so
the solver always returns a plan; a requirement still short afterwards is
reported, and a few one-day re-solves find the rules that hold it down.

Wishes in the objective: stay inside each band, some vitamin K2 (never on
warfarin), few foods in usual portions, food before supplements, favourites and
(if asked) pantry foods first.

A week is solved one day after the other (see ``_solve``): the week as one MILP
is more than HiGHS can settle within the two-second budget, and the linear
relaxation of the days still to come prices each food's weekly allowance so the
first days leave enough for the last.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from bonewise.core.checks import (
    MEAL_CALCIUM_PER_SITTING_MG,
    PROTEIN_PER_MAIN_MEAL_G,
    SUPPLEMENT_CALCIUM_PER_SITTING_MG,
    VITAMIN_K_SWING_SOURCE,
    VITAMIN_K_SWING_UG,
)
from bonewise.core.foods import FoodLookup
from bonewise.core.milp import Model, Solution
from bonewise.core.nutrients import TARGET_KEYS, label_of
from bonewise.core.plan import DayPlan, Entry, MealSlot, Person, Recipe, WeekPlan
from bonewise.core.planner import entry_for, place
from bonewise.core.pool import Candidate, Pool, meal_kind
from bonewise.core.targets import ESCEO_2014, LimitScope, Target
from bonewise.core.totals import Total, day_totals, format_amount, format_number, meal_totals
from bonewise.errors import BonewiseError

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

    kind: str  # "target", "energy_low", "energy_high", "protein_per_meal", "vitamin_k_steady"
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


class _Builder:
    """Builds the model for a problem: the full plan, or one amount maximised under the rules."""

    def __init__(
        self,
        problem: _Problem,
        candidates: Sequence[Candidate],
        relax: frozenset[str] = frozenset(),
        maximize: tuple[str, int | None] | None = None,
        allowed: frozenset[tuple[dt.date, str, str]] | None = None,
        prices: Mapping[str, float] | None = None,
    ):
        self.p = problem
        self.allowed = allowed
        self.prices = prices or {}
        self.o = problem.options
        self.cands = tuple(candidates)
        self.relax = relax
        self.maximize = maximize
        self.model = Model()
        self.pairs: list[_Pair] = []
        self.slacks: dict[tuple, int] = {}
        self.variety_rows: dict[str, int] = {}  # food id -> its weekly allowance row
        self.steps = [_steps(c) for c in self.cands]
        self.coef = [
            {k: _amount(c, k, self.steps[i][0]) for k in problem.keys}
            for i, c in enumerate(self.cands)
        ]
        self.supp = [c.is_supplement for c in self.cands]
        # Costs only break ties when one amount is maximised.
        self.scale = 0.001 if maximize else 1.0

    def build(self) -> _Builder:
        for di, day in enumerate(self.p.days):
            day_pairs = self._meals(di, day)
            self._day(di, day, day_pairs)
        if "variety" not in self.relax:
            self._variety()
        if self.maximize is None and self.p.person.on_warfarin:
            self._steady_vitamin_k()
        return self

    # -- pieces --------------------------------------------------------------

    def _usable(self, ci: int, day: _Day, s: _Slot) -> bool:
        c = self.cands[ci]
        if s.kind not in c.meals or c.id in day.foods_today:
            return False
        if self.allowed is not None and (day.date, s.slot.id, c.id) not in self.allowed:
            return False
        if self.supp[ci] or "variety" in self.relax:
            return True
        return self._room(ci) > 0

    def _room(self, ci: int) -> int:
        return self.p.room.get(self.cands[ci].id, self.o.max_per_week)

    def _item_cost(self, c: Candidate) -> float:
        cost = _COST_SUPPLEMENT if c.is_supplement else _COST_FOOD
        if c.favourite:
            cost *= _FAVOURITE
        if self.o.pantry_first and c.pantry:
            cost *= _PANTRY
        return (cost + self.prices.get(c.id, 0.0)) * self.scale

    def _meals(self, di: int, day: _Day) -> list[_Pair]:
        m = self.model
        day_pairs: list[_Pair] = []
        for si, s in enumerate(day.slots):
            here: list[_Pair] = []
            for ci, c in enumerate(self.cands):
                if not self._usable(ci, day, s):
                    continue
                step, fewest, most = self.steps[ci]
                item = self._item_cost(c)
                usual = c.usual_count
                sizes = tuple(
                    (m.var(0, 1, cost=item + _COST_PORTION * abs(step * k - usual) / usual * self.scale,
                           integer=True), k)
                    for k in range(fewest, most + 1)
                )  # fmt: skip
                m.row([(var, 1.0) for var, _ in sizes], upper=1.0)
                here.append(_Pair(di, si, ci, sizes))
            foods = [q for q in here if not self.supp[q.cand]]
            supps = [q for q in here if self.supp[q.cand]]
            if "per_meal" not in self.relax:
                m.row(self._expr(here, "calcium_mg"), upper=CALCIUM_PER_MEAL_MG)
                m.row(self._expr(supps, "calcium_mg"), upper=SUPPLEMENT_CALCIUM_PER_SITTING_MG)
            most_items = self.o.max_items_main if s.slot.main_meal else self.o.max_items_snack
            m.row([t for q in foods for t in q.used()], upper=most_items)
            if self.maximize is None and s.slot.main_meal and foods:
                short = m.var(0, cost=_W_MEAL_PROTEIN / MAIN_MEAL_PROTEIN_G)
                m.row(self._expr(here, "protein_g") + [(short, 1.0)], lower=MAIN_MEAL_PROTEIN_G)
                self.slacks[("protein_per_meal", di, si)] = short
                fewer = m.var(0, 2, cost=_W_MIN_ITEMS)
                m.row(
                    [t for q in foods for t in q.used()] + [(fewer, 1.0)], lower=min(2, len(foods))
                )
            if self.maximize is not None and self.maximize[1] == si:
                for var, a in self._expr(here, self.maximize[0]):
                    m.add_cost(var, -a)
            day_pairs.extend(here)
        # Each food at most once a day (a supplement: one dose a day).
        by_cand: dict[int, list[_Pair]] = {}
        for q in day_pairs:
            by_cand.setdefault(q.cand, []).append(q)
        for group in by_cand.values():
            if len(group) > 1:
                m.row([t for q in group for t in q.used()], upper=1.0)
        self.pairs.extend(day_pairs)
        return day_pairs

    def _expr(
        self, pairs: Sequence[_Pair], key: str, only_supplements: bool = False
    ) -> list[tuple[int, float]]:
        return [
            t
            for q in pairs
            if not only_supplements or self.supp[q.cand]
            for t in q.steps(self.coef[q.cand][key])
        ]

    def _day(self, di: int, day: _Day, pairs: list[_Pair]) -> None:
        m, o = self.model, self.o
        cache: dict[str, list[tuple[int, float]]] = {}

        def total(key: str) -> list[tuple[int, float]]:
            if key not in cache:
                cache[key] = self._expr(pairs, key)
            return cache[key]

        for key, t in self.p.targets.items():
            if t.upper_limit is None or key not in self.p.keys:
                continue
            limit = t.upper_limit
            if t.limit_scope is LimitScope.SUPPLEMENTS:
                m.row(
                    self._expr(pairs, key, True), upper=max(0.0, limit - day.fixed_supplements[key])
                )
            else:
                m.row(total(key), upper=max(0.0, limit - day.fixed[key]))
        low_kcal, high_kcal = o.energy_kcal
        fixed_kcal = day.fixed[_ENERGY]
        if self.maximize is not None:
            if "energy" not in self.relax:
                m.row(total(_ENERGY), upper=max(0.0, high_kcal - fixed_kcal))
            key, slot = self.maximize
            if slot is None:
                for var, a in total(key):
                    m.add_cost(var, -a)
            return
        for key, t in self.p.targets.items():
            if key not in self.p.keys:
                continue
            weight = _W_TARGET if key in TARGET_KEYS else _W_SUPPORT
            fixed_value = day.fixed[key]
            low = _required_low(t)
            if low:
                short = m.var(0, cost=weight / low)
                m.row(total(key) + [(short, 1.0)], lower=low - fixed_value)
                self.slacks[("target", key, di)] = short
            high = _band_high(t)
            if high and (t.upper_limit is None or high < t.upper_limit):
                over = m.var(0, cost=(_W_OVER_BAND if low else weight) / high)
                m.row(total(key) + [(over, -1.0)], upper=high - fixed_value)
        below = m.var(0, cost=_W_ENERGY / low_kcal)
        above = m.var(0, cost=_W_ENERGY / high_kcal)
        m.row(total(_ENERGY) + [(below, 1.0)], lower=low_kcal - fixed_kcal)
        m.row(total(_ENERGY) + [(above, -1.0)], upper=high_kcal - fixed_kcal)
        self.slacks[("energy_low", di)] = below
        self.slacks[("energy_high", di)] = above
        reference = _k2_reference(self.p.targets)
        if reference and not self.p.person.on_warfarin:
            credit = m.var(0, reference, cost=-_W_K2 / reference)
            m.row(total(_K2) + [(credit, -1.0)], lower=-day.fixed[_K2])

    def _variety(self) -> None:
        """Each food at most ``max_per_week`` times in the week, counting what is already planned."""
        by_food: dict[int, list[_Pair]] = {}
        for q in self.pairs:
            if not self.supp[q.cand]:
                by_food.setdefault(q.cand, []).append(q)
        for ci, group in sorted(by_food.items()):
            room = self._room(ci)
            if len(group) > room:
                row = self.model.row([t for q in group for t in q.used()], upper=max(0, room))
                if row is not None:
                    self.variety_rows[self.cands[ci].id] = row

    def _steady_vitamin_k(self) -> None:
        """On warfarin: every planned day's vitamin K (K1 + K2) within a band of fixed width."""
        m = self.model
        top = m.var(-1e9, 1e9)
        bottom = m.var(-1e9, 1e9)
        for value in self.p.other_days_k:
            m.row([(top, 1.0)], lower=value)
            m.row([(bottom, 1.0)], upper=value)
        for di, day in enumerate(self.p.days):
            pairs = [q for q in self.pairs if q.day == di]
            k = [(v, -a) for v, a in self._expr(pairs, _K1) + self._expr(pairs, _K2)]
            fixed = day.fixed[_K1] + day.fixed[_K2]
            m.row([(top, 1.0)] + k, lower=fixed)
            m.row([(bottom, 1.0)] + k, upper=fixed)
        spread = m.var(0, cost=_W_K_STEADY / VITAMIN_K_STEADY_UG)
        m.row([(top, 1.0), (bottom, -1.0), (spread, -1.0)], upper=VITAMIN_K_STEADY_UG)
        self.slacks[("vitamin_k_steady",)] = spread


def _chosen(b: _Builder, x: Sequence[float], key: str, pairs: Iterable[_Pair]) -> float:
    """The amount of ``key`` the solution ``x`` puts into ``pairs``."""
    if not x:
        return 0.0
    return sum(b.coef[q.cand][key] * k for q in pairs for var, k in q.sizes if x[var] > 0.5)


def _amount(c: Candidate, key: str, count: float) -> float:
    value = c.amount(key, count)
    return 0.0 if value is None else value  # unknown data never closes a gap


# --------------------------------------------------------------------------- public


def auto_plan(
    person: Person,
    week: WeekPlan,
    dates: Iterable[dt.date],
    pool: Pool,
    foods: FoodLookup,
    targets: Mapping[str, Target],
    recipes: Mapping[str, Recipe] | None = None,
    options: AutoPlanOptions = AutoPlanOptions(),
) -> AutoPlanResult:
    """Fill the empty meals of ``dates`` (days of ``week``) from ``pool``.

    ``targets`` are the person's (``targets_for(person)``). The entries already in
    the week stay and count toward every total and limit. Returns the new week,
    what was added, and every requirement that could not be met, with the reason.
    Raises BonewiseError for a date outside the week or a nonsensical option.
    """
    started = time.perf_counter()
    recipes = recipes or {}
    _check_options(options)
    wanted = sorted(set(dates))
    week_dates = week.week.dates()
    for d in wanted:
        if d not in week_dates:
            raise BonewiseError(f"{d.isoformat()} is not in week {week.week}.")
    keys = tuple(dict.fromkeys([*targets, _ENERGY, _K1, _K2, "calcium_mg", "protein_g"]))
    fixed = {day.date: day_totals(day, foods, recipes, keys) for day in week.days}
    planned = Counter(
        e.food_id
        for day in week.days
        for entries in day.meals.values()
        for e in entries
        if e.food_id
    )
    room = {food_id: max(0, options.max_per_week - n) for food_id, n in planned.items()}
    days: list[_Day] = []
    notes: list[str] = []
    for d in wanted:
        day = week.day(d)
        slots = tuple(_Slot(s, meal_kind(s)) for s in person.slots if not day.entries(s.id))
        if not slots:
            notes.append(f"{_day_name(d)}: every meal already has food, so nothing was added.")
            continue
        values = {k: t.value for k, t in fixed[d].items()}
        from_supplements = {k: t.from_supplements for k, t in fixed[d].items()}
        days.append(_Day(d, values, from_supplements, slots, _foods_in(day)))
    other_k = tuple(
        fixed[day.date][_K1].value + fixed[day.date][_K2].value
        for day in week.days
        if day.date not in wanted and any(day.meals.values())
    )
    if person.on_warfarin and other_k and max(other_k) - min(other_k) > VITAMIN_K_STEADY_UG:
        # The planner cannot make the user's own days steady; it keeps the new ones steady.
        notes.append(
            f"The days already planned differ by {format_number(max(other_k) - min(other_k))} µg of "
            f"vitamin K, so the new days were kept steady among themselves; on warfarin, talk to your "
            f"care team about big day-to-day changes ({VITAMIN_K_SWING_SOURCE.short})."
        )
        other_k = ()
    if _required_low(targets["protein_g"]) is None and "protein_g" in targets:
        notes.append(
            "No body weight is recorded, so protein a day was not planned (only 20 g per main meal)."
        )
    candidates = _solver_candidates(pool.candidates, options)
    problem = _Problem(person, tuple(days), other_k, room, targets, options, keys)
    if not days:
        return AutoPlanResult(
            week, (), (), tuple(notes), "nothing to fill", time.perf_counter() - started
        )
    choices, status = _solve(problem, candidates)
    new_week, added = _apply(week, choices)
    shortfalls = _shortfalls(problem, pool, new_week, foods, recipes)
    return AutoPlanResult(
        new_week,
        tuple(added),
        tuple(shortfalls),
        tuple(notes),
        status,
        time.perf_counter() - started,
        frozenset(a.date for a in added),
    )


def _check_options(o: AutoPlanOptions) -> None:
    low, high = o.energy_kcal
    if not (0 < low <= high < 10_000):
        raise BonewiseError(
            "The energy range must run from a low to a high number of kcal below 10,000."
        )
    if o.max_per_week < 1 or o.max_items_main < 1 or o.max_items_snack < 0:
        raise BonewiseError(
            "Each food must be allowed at least once a week and each meal at least one food."
        )
    if not o.time_limit_s > 0:
        raise BonewiseError("The planner needs a time limit above zero.")


def _foods_in(day: DayPlan) -> frozenset[str]:
    return frozenset(e.food_id for entries in day.meals.values() for e in entries if e.food_id)


def _solver_candidates(
    candidates: Sequence[Candidate], options: AutoPlanOptions
) -> tuple[Candidate, ...]:
    return tuple(c for c in candidates if options.allow_supplements or not c.is_supplement)


@dataclass(frozen=True)
class _Choice:
    date: dt.date
    slot_id: str
    candidate: Candidate
    count: float


def _solve(problem: _Problem, candidates: Sequence[Candidate]) -> tuple[list[_Choice], str]:
    """Choose the foods one day after the other, each day an exact MILP.

    The week as one MILP is too slow for HiGHS to solve well within the time
    budget, so the days are solved in order. So that the first days do not use
    up the foods the last ones need, the linear relaxation of the days still to
    fill puts a price on each food's weekly allowance (the dual value of its
    allowance row), and today's MILP pays that price for using it. Each day's
    MILP then runs over the foods its own relaxation finds useful for each
    meal (plus the next best few by reduced cost); if that pruning costs the
    day more than a little against the relaxation's bound, the day is solved
    again with every food. Everything runs in a fixed order, so the result is
    repeatable.
    """
    o = problem.options
    used: Counter[str] = Counter()
    k_values = list(problem.other_days_k)
    choices: list[_Choice] = []
    statuses: list[str] = []
    for i, day in enumerate(problem.days):
        room = {c.id: problem.room.get(c.id, o.max_per_week) - used[c.id] for c in candidates}
        remaining = replace(problem, days=problem.days[i:], room=room, other_days_k=tuple(k_values))
        prices = _allowance_prices(remaining, candidates) if i + 1 < len(problem.days) else {}
        one_day = replace(remaining, days=(day,))
        full = _Builder(one_day, candidates, prices=prices).build()
        bound = full.model.solve(o.time_limit_s, relaxed=True)
        built, solution = full, None
        if bound.found:
            built = _Builder(
                one_day, candidates, allowed=_promising(full, bound), prices=prices
            ).build()
            solution = built.model.solve(o.time_limit_s, abs_gap=_ABS_GAP)
            if (
                not solution.found
                or _penalty(built, solution.values) > _penalty(full, bound.values) + _RETRY_MARGIN
            ):
                built, solution = full, None
        if solution is None:
            solution = full.model.solve(o.time_limit_s, abs_gap=_ABS_GAP)
        if not solution.found:
            raise BonewiseError(
                "The planner found no plan in the time allowed; try filling one day."
            )
        statuses.append(solution.status)
        day_choices = [
            _Choice(
                day.date, day.slots[q.slot].slot.id, built.cands[q.cand], built.steps[q.cand][0] * k
            )
            for q in built.pairs
            if q.day == 0
            for var, k in q.sizes
            if solution.values[var] > 0.5
        ]
        used.update(c.candidate.id for c in day_choices if not c.candidate.is_supplement)
        if problem.person.on_warfarin:
            k_values.append(
                day.fixed[_K1] + day.fixed[_K2]
                + sum(_amount(c.candidate, _K1, c.count) + _amount(c.candidate, _K2, c.count) for c in day_choices)
            )  # fmt: skip
        choices.extend(day_choices)
    status = next((s for s in statuses if s != "optimal"), "optimal")
    return choices, status


def _allowance_prices(problem: _Problem, candidates: Sequence[Candidate]) -> dict[str, float]:
    """What one more use of each food would be worth to the days in ``problem`` (LP duals)."""
    b = _Builder(problem, candidates).build()
    relaxed = b.model.solve(problem.options.time_limit_s, relaxed=True)
    if not relaxed.found:
        return {}
    # A "≤ allowance" row in a minimisation has a dual ≤ 0; its size is the price.
    return {
        food_id: -relaxed.row_duals[row]
        for food_id, row in b.variety_rows.items()
        if relaxed.row_duals[row] < 0
    }


def _promising(b: _Builder, relaxed: Solution) -> frozenset[tuple[dt.date, str, str]]:
    """Per meal, the foods the relaxation uses, topped up to ``_PER_MEAL`` by reduced cost."""
    by_meal: dict[tuple[int, int], list[tuple[int, float, int, _Pair]]] = {}
    values, reduced = relaxed.values, relaxed.reduced_costs
    for q in b.pairs:
        used = sum(values[var] for var, _ in q.sizes) > 1e-7
        best = min(reduced[var] for var, _ in q.sizes)
        by_meal.setdefault((q.day, q.slot), []).append((0 if used else 1, best, q.cand, q))
    keep: set[tuple[dt.date, str, str]] = set()
    for (di, si), rows in by_meal.items():
        rows.sort(key=lambda r: r[:3])
        used = sum(1 for r in rows if r[0] == 0)
        day = b.p.days[di]
        for *_, q in rows[: max(_PER_MEAL, used)]:
            keep.add((day.date, day.slots[si].slot.id, b.cands[q.cand].id))
    return frozenset(keep)


def _penalty(b: _Builder, values: Sequence[float]) -> float:
    """What the requirements left unmet cost in ``values`` (the slack part of the objective)."""
    return sum(b.model.cost_of(var) * values[var] for var in b.slacks.values())


def _apply(week: WeekPlan, choices: Sequence[_Choice]) -> tuple[WeekPlan, list[Added]]:
    added: list[Added] = []
    for ch in choices:
        c = ch.candidate
        entry = entry_for(c.food, measure=c.measure.label, count=ch.count)
        week, _ = place(week, ch.date, ch.slot_id, entry)
        added.append(Added(ch.date, ch.slot_id, entry, c, ch.count))
    return week, added


# --------------------------------------------------------------------------- explanations


def _day_name(d: dt.date) -> str:
    return _DAY_NAMES[d.weekday()]


def _days_text(dates: Sequence[dt.date]) -> str:
    if len(dates) == 7:
        return "every day of the week"
    names = [_day_name(d) for d in sorted(dates)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _join(phrases: Sequence[str]) -> str:
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _shortfalls(
    problem: _Problem, pool: Pool, week: WeekPlan, foods: FoodLookup, recipes: Mapping[str, Recipe]
) -> list[Shortfall]:
    """Every requirement the new plan misses, measured with core.totals (not the solver's numbers)."""
    o = problem.options
    low_kcal, high_kcal = o.energy_kcal
    misses: dict[tuple, list[tuple[_Day, float, int | None]]] = {}
    totals_by_date = {}
    for day in problem.days:
        new_day = week.day(day.date)
        totals = day_totals(new_day, foods, recipes, problem.keys)
        totals_by_date[day.date] = totals
        for key in TARGET_KEYS:
            t = problem.targets.get(key)
            low = None if t is None else _required_low(t)
            if low and totals[key].value < low * (1 - MET_TOLERANCE):
                misses.setdefault(("target", key, None), []).append((day, totals[key].value, None))
        energy = totals[_ENERGY].value
        if energy < low_kcal * (1 - MET_TOLERANCE):
            misses.setdefault(("energy_low", _ENERGY, None), []).append((day, energy, None))
        if energy > high_kcal * (1 + MET_TOLERANCE):
            misses.setdefault(("energy_high", _ENERGY, None), []).append((day, energy, None))
        for si, s in enumerate(day.slots):
            if not s.slot.main_meal:
                continue  # an empty main meal counts too: it has no protein at all
            protein = meal_totals(new_day.entries(s.slot.id), foods, recipes, ("protein_g",))[
                "protein_g"
            ].value
            if protein < MAIN_MEAL_PROTEIN_G * (1 - MET_TOLERANCE):
                misses.setdefault(("protein_per_meal", "protein_g", s.slot.id), []).append(
                    (day, protein, si)
                )
    result: list[Shortfall] = []
    explainer = _Explainer(problem, pool)
    for (kind, key, slot_id), found in misses.items():
        result.extend(explainer.explain(kind, key, slot_id, found))
    if problem.person.on_warfarin:
        result.extend(_k_spread(problem, week, totals_by_date))
    return result


def _k_spread(
    problem: _Problem, week: WeekPlan, totals_by_date: Mapping[dt.date, Mapping[str, Total]]
) -> list[Shortfall]:
    values = list(problem.other_days_k) + [
        t[_K1].value + t[_K2].value for t in totals_by_date.values()
    ]
    if len(values) < 2:
        return []
    spread = max(values) - min(values)
    if spread <= VITAMIN_K_STEADY_UG * (1 + MET_TOLERANCE):
        return []
    fixed_values = list(problem.other_days_k) + [d.fixed[_K1] + d.fixed[_K2] for d in problem.days]
    fixed_spread = max(fixed_values) - min(fixed_values)
    why = (
        "what is already planned differs that much from day to day"
        if fixed_spread > VITAMIN_K_STEADY_UG
        else "the other requirements need foods with vitamin K"
    )
    message = (
        f"Vitamin K varies by {format_number(spread)} µg between the planned days, more than the "
        f"{format_number(VITAMIN_K_STEADY_UG)} µg the planner allows on warfarin "
        f"({VITAMIN_K_SWING_SOURCE.short}): {why}."
    )
    return [Shortfall("vitamin_k_steady", _K1, tuple(d.date for d in problem.days), None,
                      VITAMIN_K_STEADY_UG, spread, None, (), message)]  # fmt: skip


class _Explainer:
    """Finds, with one-day re-solves, how much a requirement could reach and what holds it down."""

    def __init__(self, problem: _Problem, pool: Pool):
        self.problem = problem
        self.pool = pool
        self.cache: dict[tuple, float] = {}

    def relaxations(
        self, key: str
    ) -> list[tuple[str, frozenset[str], tuple[Candidate, ...] | None]]:
        """(phrase, rules dropped, other candidates) for each rule that could hold ``key`` down."""
        o = self.problem.options
        out: list[tuple[str, frozenset[str], tuple[Candidate, ...] | None]] = []
        for restriction in self.pool.restrictions:
            cands = _solver_candidates(self.pool.without_restriction(restriction), o)
            out.append((restriction.phrase, frozenset(), cands))
        if not o.allow_supplements and any(c.is_supplement for c in self.pool.candidates):
            out.append(("without supplements", frozenset(), self.pool.candidates))
        if key == "calcium_mg":
            out.append(
                (
                    f"with at most {format_number(CALCIUM_PER_MEAL_MG)} mg per meal",
                    frozenset({"per_meal"}),
                    None,
                )
            )
        if key != _ENERGY:
            out.append(
                (
                    f"within {format_number(o.energy_kcal[1])} kcal a day",
                    frozenset({"energy"}),
                    None,
                )
            )
        out.append(
            (f"with each food at most {o.max_per_week} times a week", frozenset({"variety"}), None)
        )
        return out

    def best(self, day: _Day, key: str, slot: int | None, relax: frozenset[str] = frozenset(),
             cands: tuple[Candidate, ...] | None = None) -> float:  # fmt: skip
        """The most of ``key`` that ``day`` (or one of its meals) can hold under the rules."""
        base = _solver_candidates(self.pool.candidates, self.problem.options)
        cands = base if cands is None else cands
        signature = (
            tuple(s.slot.id for s in day.slots), day.foods_today,
            tuple((k, round(v, 6), round(day.fixed_supplements[k], 6)) for k, v in sorted(day.fixed.items())),
            key, slot, relax, tuple(c.id for c in cands),
        )  # fmt: skip
        if signature not in self.cache:
            one_day = replace(self.problem, days=(day,), other_days_k=())
            b = _Builder(one_day, cands, relax=relax, maximize=(key, slot)).build()
            solution = b.model.solve(self.problem.options.time_limit_s)
            x = solution.values
            if slot is None:
                value = day.fixed[key] + _chosen(b, x, key, b.pairs)
            else:
                value = _chosen(b, x, key, [q for q in b.pairs if q.slot == slot])
            self.cache[signature] = value
        return self.cache[signature]

    def explain(self, kind: str, key: str, slot_id: str | None,
                found: list[tuple[_Day, float, int | None]]) -> list[Shortfall]:  # fmt: skip
        o = self.problem.options
        if kind == "target":
            required = _required_low(self.problem.targets[key]) or 0.0
        elif kind == "energy_low":
            required = o.energy_kcal[0]
        elif kind == "energy_high":
            required = o.energy_kcal[1]
        else:
            required = MAIN_MEAL_PROTEIN_G
        if kind == "energy_high":
            return [self._too_much_energy(found, required)]
        groups: dict[tuple[float, tuple[str, ...]], list[tuple[_Day, float]]] = {}
        for day, reached, slot in found:
            best, reasons = None, ()
            if o.explain:
                best = self.best(day, key, slot)
                if best < required * (1 - _EPS):
                    reasons = tuple(
                        phrase
                        for phrase, relax, cands in self.relaxations(key)
                        if self.best(day, key, slot, relax, cands)
                        > best + max(_EPS, 0.01 * required)
                    )
            groups.setdefault((best, reasons), []).append((day, reached))
        out = []
        for (best, reasons), days in groups.items():
            dates = tuple(d.date for d, _ in days)
            reached = min(r for _, r in days)
            message = self._message(kind, key, slot_id, required, reached, best, reasons, dates)
            out.append(
                Shortfall(kind, key, dates, slot_id, required, reached, best, reasons, message)
            )
        return out

    def _message(self, kind: str, key: str, slot_id: str | None, required: float, reached: float,
                 best: float | None, reasons: tuple[str, ...], dates: tuple[dt.date, ...]) -> str:  # fmt: skip
        o = self.problem.options
        when = _days_text(dates)
        if kind == "protein_per_meal":
            slot_name = next(
                (s.name for s in self.problem.person.slots if s.id == slot_id), slot_id
            )
            what = f"Protein {format_amount(required, key)} at {slot_name.casefold()} ({ESCEO_2014.short})"
            reach = f"the meal reaches {format_amount(reached, key)}"
        elif kind == "energy_low":
            what = f"Energy of {format_number(required)} kcal a day ({ENERGY_SOURCE})"
            reach = f"the plan reaches {format_number(reached)} kcal"
        else:
            source = self.problem.targets[key].source.short
            what = f"{label_of(key)} {format_amount(required, key)} a day ({source})"
            reach = f"the plan reaches {format_amount(reached, key)}"
        if best is None:
            return f"{what} was not reached on {when}: {reach}."
        best_text = f"{format_number(best)} kcal" if key == _ENERGY else format_amount(best, key)
        if best < required * (1 - _EPS):
            held = f" {_join(reasons)}" if reasons else ""
            return f"{what} cannot be reached{held} from the foods in your pool: the best is {best_text} ({when})."
        return (
            f"{what} is within reach on its own, but not together with the other targets, the "
            f"{format_number(o.energy_kcal[0])}–{format_number(o.energy_kcal[1])} kcal range and each "
            f"food at most {o.max_per_week} times a week: on {when} {reach}."
        )

    def _too_much_energy(
        self, found: list[tuple[_Day, float, int | None]], limit: float
    ) -> Shortfall:
        dates = tuple(d.date for d, _, _ in found)
        reached = max(r for _, r, _ in found)
        fixed_over = [d for d, _, _ in found if d.fixed[_ENERGY] > limit]
        if fixed_over:
            why = "what is already planned brings more than that"
        else:
            why = "reaching the bone-health targets from the foods in your pool takes more food than that"
        message = (
            f"Energy goes above {format_number(limit)} kcal ({ENERGY_SOURCE}) on {_days_text(dates)} "
            f"({format_number(reached)} kcal at most): {why}."
        )
        return Shortfall("energy_high", _ENERGY, dates, None, limit, reached, None, (), message)
