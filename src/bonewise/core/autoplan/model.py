"""One MILP for some days: a binary per (meal, food, portion size), the rules as rows, the wishes as costs.

Rules that are never crossed are plain rows: upper limits with their scope, 600 mg
of calcium per meal and 500 mg from supplements per sitting, the number of foods
of each role in a meal (at most one starchy food, one main protein food), fats
and condiments only with a food they go on or in, each food once a day.

Requirements have a slack variable whose cost follows the rule's priority
(``core.mealsense.Rule``), so the model always has a plan and the solver gives up
the cheapest requirement first: a steady vitamin K on warfarin costs the most,
then the shape of meals (a protein food and a vegetable at lunch and dinner, a
breakfast of cereal, bread, dairy or eggs), the bone targets and 20 g of protein
per main meal, the energy band, 400 g of fruit and vegetables, and last variety
(each food a few times a week, no main protein three days running, no two days
alike). Costs are per 100 % of a requirement, so units do not matter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bonewise.core.autoplan.problem import (
    ENERGY,
    K1,
    K2,
    Day,
    History,
    Problem,
    Slot,
    band_high,
)
from bonewise.core.checks import (
    MEAL_CALCIUM_PER_SITTING_MG,
    PROTEIN_PER_MAIN_MEAL_G,
    SUPPLEMENT_CALCIUM_PER_SITTING_MG,
)
from bonewise.core.foodroles import Role
from bonewise.core.mealsense import (
    BREAKFAST_BASE,
    FAT_CARRIERS,
    FRUIT_VEG_G,
    MAIN_PROTEIN,
    PROTEIN_DAYS_IN_A_ROW,
    STARCHY,
    Rule,
    role_caps,
)
from bonewise.core.milp import Model
from bonewise.core.nutrients import BY_KEY, TARGET_KEYS
from bonewise.core.pool import PLANNER_SUPPLEMENT_KEYS, Candidate
from bonewise.core.targets import LimitScope, Target

# What giving up a requirement costs, per 100 % of it (per item or meal where said).
WEIGHTS: Mapping[Rule, float] = {
    Rule.VITAMIN_K_STEADY: 100_000.0,  # per 100 % of the usual intake outside the band
    Rule.MAIN_PROTEIN: 30_000.0,  # per meal
    Rule.VEGETABLES: 30_000.0,  # per meal
    Rule.BREAKFAST_BASE: 30_000.0,  # per meal
    Rule.TARGET: 10_000.0,
    Rule.PROTEIN_PER_MEAL: 10_000.0,
    Rule.ENERGY_LOW: 5_000.0,
    Rule.ENERGY_HIGH: 5_000.0,
    Rule.FRUIT_VEG: 2_000.0,
    Rule.MAX_PER_WEEK: 15.0,  # per use beyond the allowance
    Rule.PROTEIN_STREAK: 15.0,  # per day
    Rule.IDENTICAL_DAYS: 15.0,  # per day
}
# Wishes, far below any requirement.
_W_SUPPORT = 40.0  # fiber, omega-3, sodium, caffeine
_W_OVER_BAND = 30.0
_W_K2 = 6.0  # bonus for K2 up to the trial reference
_BONUS_FRUIT = 3.0  # at breakfast (meal-sense.md: cereal or bread, dairy, fruit)
_BONUS_STARCHY = 2.0  # a main meal usually has one starchy food
_BONUS_SNACK = 2.0  # a snack slot with something in it
_COST_FOOD = 1.0
_COST_SUPPLEMENT = 4.0  # food first
_COST_DOSE = 3.0  # × (share of the target one dose holds)²: a bigger dose is dearer per unit
_COST_PORTION = 0.1  # per serving away from the usual, so the usual portion wins a tie
_FAVOURITE = 0.8  # cost multipliers
_PANTRY = 0.4

@dataclass(frozen=True)
class Pair:
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


def portion_steps(c: Candidate) -> tuple[float, int, int]:
    """(step, fewest steps, most steps) so that count = step × steps covers ``c.portions``."""
    p = c.portions
    step = p[1] - p[0] if len(p) > 1 else p[0]
    return step, round(p[0] / step), round(p[-1] / step)


def amount(c: Candidate, key: str, count: float) -> float:
    value = c.amount(key, count)
    return 0.0 if value is None else value  # unknown data never closes a gap


class Builder:
    """Builds the model for a problem: the full plan, or one amount maximised under the rules."""

    def __init__(
        self,
        problem: Problem,
        candidates: Sequence[Candidate],
        relax: frozenset[Rule] = frozenset(),
        maximize: tuple[str, int | None] | None = None,
        allowed: frozenset[tuple] | None = None,
        history: History | None = None,
    ):
        self.p = problem
        self.o = problem.options
        self.allowed = allowed
        self.history = history
        self.cands = tuple(candidates)
        self.relax = relax
        self.maximize = maximize
        self.model = Model()
        self.pairs: list[Pair] = []
        self.slacks: dict[tuple, int] = {}  # (rule, …) -> its slack variable
        self.steps = [portion_steps(c) for c in self.cands]
        self.coef = [
            {k: amount(c, k, self.steps[i][0]) for k in problem.keys}
            for i, c in enumerate(self.cands)
        ]
        self.fruit_veg = [
            c.grams(self.steps[i][0]) if c.profile.fruit_or_vegetable else 0.0
            for i, c in enumerate(self.cands)
        ]
        self.supp = [c.is_supplement for c in self.cands]
        self.roles = [c.role for c in self.cands]
        # Costs only break ties when one amount is maximised.
        self.scale = 0.001 if maximize else 1.0

    def build(self) -> Builder:
        for di, day in enumerate(self.p.days):
            self._day(di, day, self._meals(di, day))
        self._variety()
        if self.maximize is None and self.history is not None:
            self._across_days(self.p.days[0])
        return self

    # -- pieces --------------------------------------------------------------------------

    def _slack(self, key: tuple, weight: float, upper: float | None = None) -> int:
        var = self.model.var(0, upper if upper is not None else float("inf"), cost=weight)
        self.slacks[key] = var
        return var

    def _usable(self, ci: int, day: Day, s: Slot) -> bool:
        c = self.cands[ci]
        if s.kind not in c.meals or c.id in day.foods_today:
            return False
        return self.allowed is None or (day.date, s.slot.id, c.id) in self.allowed

    def _room(self, kind: str) -> int:
        return max(0, self.p.room.get(kind, self.o.max_per_week))

    def _item_cost(self, c: Candidate) -> float:
        cost = _COST_SUPPLEMENT if c.is_supplement else _COST_FOOD
        if c.is_supplement:  # the smallest dose that does the job: 2,000 IU costs more than 1,000
            for key in PLANNER_SUPPLEMENT_KEYS:
                target = self.p.targets.get(key)
                if target is not None and target.low and not target.per_kg:
                    cost += _COST_DOSE * (amount(c, key, 1.0) / target.low) ** 2
        if c.favourite:
            cost *= _FAVOURITE
        if self.o.pantry_first and c.pantry:
            cost *= _PANTRY
        return cost * self.scale

    def _meals(self, di: int, day: Day) -> list[Pair]:
        m = self.model
        day_pairs: list[Pair] = []
        for si, s in enumerate(day.slots):
            here: list[Pair] = []
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
                here.append(Pair(di, si, ci, sizes))
            self._meal_rules(di, si, s, here)
            if self.maximize is not None and self.maximize[1] == si:
                for var, a in self._expr(here, self.maximize[0]):
                    m.add_cost(var, -a)
            day_pairs.extend(here)
        # Each food at most once a day (a supplement: one dose a day).
        by_cand: dict[int, list[Pair]] = {}
        for q in day_pairs:
            by_cand.setdefault(q.cand, []).append(q)
        for group in by_cand.values():
            if len(group) > 1:
                m.row([t for q in group for t in q.used()], upper=1.0)
        self.pairs.extend(day_pairs)
        return day_pairs

    def _count(self, pairs: Iterable[Pair], roles: frozenset[Role] | None = None) -> list[tuple[int, float]]:
        """Terms for how many foods (of ``roles``) the meal holds; supplements never count."""
        return [t for q in pairs if not self.supp[q.cand] and (roles is None or self.roles[q.cand] in roles)
                for t in q.used()]  # fmt: skip

    def _meal_rules(self, di: int, si: int, s: Slot, here: list[Pair]) -> None:
        m = self.model
        most = self.o.max_items_main if s.slot.main_meal else self.o.max_items_snack
        m.row(self._count(here), upper=most)
        for role, cap in role_caps(s.kind).items():
            m.row(self._count(here, frozenset({role})), upper=cap)
        m.row(self._count(here, STARCHY), upper=1)  # one starchy food (a dish counts as one)
        # A fat, spread or condiment only with a food it goes on or in.
        carriers = [(v, -a) for v, a in self._count(here, FAT_CARRIERS)]
        m.row(self._count(here, frozenset({Role.FAT})) + carriers, upper=0)
        supps = [q for q in here if self.supp[q.cand]]
        if Rule.CALCIUM_PER_MEAL not in self.relax:
            m.row(self._expr(here, "calcium_mg"), upper=MEAL_CALCIUM_PER_SITTING_MG)
        m.row(self._expr(supps, "calcium_mg"), upper=SUPPLEMENT_CALCIUM_PER_SITTING_MG)
        if self.maximize is not None:
            return
        needs: list[tuple[Rule, frozenset[Role]]] = []
        if s.kind == "breakfast":
            needs.append((Rule.BREAKFAST_BASE, BREAKFAST_BASE))
        elif s.kind in ("lunch", "dinner"):
            needs += [(Rule.MAIN_PROTEIN, MAIN_PROTEIN), (Rule.VEGETABLES, frozenset({Role.VEGETABLE}))]
        for rule, roles in needs:
            short = self._slack((rule, di, si), WEIGHTS[rule], upper=1.0)
            m.row(self._count(here, roles) + [(short, 1.0)], lower=1.0)
        if s.slot.main_meal:
            short = self._slack((Rule.PROTEIN_PER_MEAL, di, si), WEIGHTS[Rule.PROTEIN_PER_MEAL] / PROTEIN_PER_MAIN_MEAL_G)
            m.row(self._expr(here, "protein_g") + [(short, 1.0)], lower=PROTEIN_PER_MAIN_MEAL_G)
        if s.kind == "breakfast":
            self._bonus(self._count(here, frozenset({Role.FRUIT})), _BONUS_FRUIT)
        if s.kind in ("breakfast", "lunch", "dinner"):
            self._bonus(self._count(here, STARCHY), _BONUS_STARCHY)
        elif not s.slot.main_meal:
            self._bonus(self._count(here), _BONUS_SNACK)

    def _bonus(self, terms: list[tuple[int, float]], value: float) -> None:
        """A reward of ``value`` when at least one of ``terms`` is chosen."""
        if terms:
            got = self.model.var(0, 1, cost=-value)
            self.model.row(terms + [(got, -1.0)], lower=0.0)

    def _expr(self, pairs: Sequence[Pair], key: str, only_supplements: bool = False) -> list[tuple[int, float]]:
        return [
            t
            for q in pairs
            if not only_supplements or self.supp[q.cand]
            for t in q.steps(self.coef[q.cand][key])
        ]

    def _day(self, di: int, day: Day, pairs: list[Pair]) -> None:
        m, p = self.model, self.p
        cache: dict[str, list[tuple[int, float]]] = {}

        def total(key: str) -> list[tuple[int, float]]:
            if key not in cache:
                cache[key] = self._expr(pairs, key)
            return cache[key]

        for key, t in p.targets.items():
            if t.upper_limit is None or key not in p.keys:
                continue
            if t.limit_scope is LimitScope.SUPPLEMENTS:
                m.row(self._expr(pairs, key, True), upper=max(0.0, t.upper_limit - day.fixed_supplements[key]))
            else:
                m.row(total(key), upper=max(0.0, t.upper_limit - day.fixed[key]))
        low_kcal, high_kcal = p.energy.low, p.energy.high
        fixed_kcal = day.fixed[ENERGY]
        if self.maximize is not None:
            if Rule.ENERGY_HIGH not in self.relax:
                m.row(total(ENERGY), upper=max(0.0, high_kcal - fixed_kcal))
            key, slot = self.maximize
            if slot is None:
                for var, a in total(key):
                    m.add_cost(var, -a)
            return
        for key, t in p.targets.items():
            if key not in p.keys:
                continue
            weight = WEIGHTS[Rule.TARGET] if key in TARGET_KEYS else _W_SUPPORT
            fixed_value = day.fixed[key]
            low = p.aim(key, t)
            if low:
                short = self._slack((Rule.TARGET, key, di), weight / low)
                m.row(total(key) + [(short, 1.0)], lower=low - fixed_value)
            high = band_high(t)
            if high and (t.upper_limit is None or high < t.upper_limit):
                over = m.var(0, cost=(_W_OVER_BAND if low else weight) / high)
                m.row(total(key) + [(over, -1.0)], upper=high - fixed_value)
        below = self._slack((Rule.ENERGY_LOW, di), WEIGHTS[Rule.ENERGY_LOW] / low_kcal)
        above = self._slack((Rule.ENERGY_HIGH, di), WEIGHTS[Rule.ENERGY_HIGH] / high_kcal)
        m.row(total(ENERGY) + [(below, 1.0)], lower=low_kcal - fixed_kcal)
        m.row(total(ENERGY) + [(above, -1.0)], upper=high_kcal - fixed_kcal)
        fruit_veg = [t for q in pairs for t in q.steps(self.fruit_veg[q.cand])]
        short = self._slack((Rule.FRUIT_VEG, di), WEIGHTS[Rule.FRUIT_VEG] / FRUIT_VEG_G)
        m.row(fruit_veg + [(short, 1.0)], lower=FRUIT_VEG_G - day.fixed_fruit_veg_g)
        k_terms = total(K1) + total(K2)
        band = p.k_band
        if band is not None:
            fixed_k = day.fixed[K1] + day.fixed[K2]
            weight = WEIGHTS[Rule.VITAMIN_K_STEADY] / band.usual
            low = self._slack((Rule.VITAMIN_K_STEADY, "low", di), weight)
            high = self._slack((Rule.VITAMIN_K_STEADY, "high", di), weight)
            m.row(k_terms + [(low, 1.0)], lower=band.low - fixed_k)
            m.row(k_terms + [(high, -1.0)], upper=band.high - fixed_k)
        else:
            reference = _k2_reference(p.targets)
            if reference:
                credit = m.var(0, reference, cost=-_W_K2 / reference)
                m.row(total(K2) + [(credit, -1.0)], lower=-day.fixed[K2])

    def _variety(self) -> None:
        """Each food at most ``max_per_week`` times in the week, counting what is already planned.
        A food is its kind: canned and baked salmon share the count."""
        by_kind: dict[str, list[Pair]] = {}
        for q in self.pairs:
            # Everyday foods (milk, yogurt, plant drinks, juice, cereal) may come every day.
            if not self.supp[q.cand] and not self.cands[q.cand].profile.daily:
                by_kind.setdefault(self.cands[q.cand].kind, []).append(q)
        if Rule.MAX_PER_WEEK in self.relax:
            return
        for kind, group in sorted(by_kind.items()):
            room = self._room(kind)
            if len(group) <= room:
                continue
            terms = [t for q in group for t in q.used()]
            if self.maximize is None:  # given up at a price when the pool is small
                extra = self._slack((Rule.MAX_PER_WEEK, kind), WEIGHTS[Rule.MAX_PER_WEEK])
                terms = terms + [(extra, -1.0)]
            self.model.row(terms, upper=room)

    def _across_days(self, day: Day) -> None:
        """The day being solved against the days before it: protein streaks, identical days."""
        history = self.history
        assert history is not None
        m = self.model
        today = [q for q in self.pairs if q.day == 0]
        before = [day.date - dt.timedelta(days=n) for n in range(1, PROTEIN_DAYS_IN_A_ROW + 1)]
        streak = set.intersection(*(set(history.proteins.get(d, ())) for d in before))
        for kind in sorted({self.cands[q.cand].kind for q in today} & streak):
            terms = [t for q in today if self.cands[q.cand].kind == kind for t in q.used()]
            extra = self._slack((Rule.PROTEIN_STREAK, kind), WEIGHTS[Rule.PROTEIN_STREAK])
            m.row(terms + [(extra, -1.0)], upper=0.0)
        fillable = {s.slot.id for s in day.slots}
        index = {(day.slots[q.slot].slot.id, self.cands[q.cand].id, k): var for q in today for var, k in q.sizes}
        mine = history.fixed.get(day.date)
        for other, chosen in sorted(history.planned.items()):
            if history.fixed.get(other) != mine or {slot for slot, _, _ in chosen} != fillable:
                continue
            if not chosen or any(c not in index for c in chosen):
                continue  # this day cannot repeat that one anyway
            extra = self._slack((Rule.IDENTICAL_DAYS, other), WEIGHTS[Rule.IDENTICAL_DAYS], upper=1.0)
            m.row([(index[c], 1.0) for c in chosen] + [(extra, -1.0)], upper=len(chosen) - 1)


def _k2_reference(targets: Mapping[str, Target]) -> float | None:
    t = targets.get(K2)
    return None if t is None else (t.low or t.high)


def chosen(b: Builder, x: Sequence[float], key: str, pairs: Iterable[Pair]) -> float:
    """The amount of ``key`` the solution ``x`` (integer or relaxed) puts into ``pairs``."""
    if not x:
        return 0.0
    return sum(b.coef[q.cand][key] * k * x[var] for q in pairs for var, k in q.sizes)


def plannable_keys(keys: Iterable[str]) -> tuple[str, ...]:
    """The keys a food can hold (sums such as total vitamin K are worked out, never stored)."""
    return tuple(k for k in keys if k in BY_KEY)
