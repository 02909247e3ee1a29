"""One MILP for a set of days: a binary per (meal, food, portion size), the rules as rows, the wishes as costs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from bonewise.core.autoplan.problem import (
    _COST_FOOD,
    _COST_PORTION,
    _COST_SUPPLEMENT,
    _ENERGY,
    _FAVOURITE,
    _K1,
    _K2,
    _PANTRY,
    _W_ENERGY,
    _W_K2,
    _W_K_STEADY,
    _W_MEAL_PROTEIN,
    _W_MIN_ITEMS,
    _W_OVER_BAND,
    _W_SUPPORT,
    _W_TARGET,
    CALCIUM_PER_MEAL_MG,
    MAIN_MEAL_PROTEIN_G,
    VITAMIN_K_STEADY_UG,
    _band_high,
    _Day,
    _k2_reference,
    _Pair,
    _Problem,
    _required_low,
    _Slot,
    _steps,
)
from bonewise.core.autoplan.rules import Rule
from bonewise.core.checks import (
    SUPPLEMENT_CALCIUM_PER_SITTING_MG,
)
from bonewise.core.milp import Model
from bonewise.core.nutrients import TARGET_KEYS
from bonewise.core.pool import Candidate
from bonewise.core.targets import LimitScope


class _Builder:
    """Builds the model for a problem: the full plan, or one amount maximised under the rules."""

    def __init__(
        self,
        problem: _Problem,
        candidates: Sequence[Candidate],
        relax: frozenset[Rule] = frozenset(),
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
        if Rule.VARIETY not in self.relax:
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
        if self.supp[ci] or Rule.VARIETY in self.relax:
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
            if Rule.CALCIUM_PER_MEAL not in self.relax:
                m.row(self._expr(here, "calcium_mg"), upper=CALCIUM_PER_MEAL_MG)
                m.row(self._expr(supps, "calcium_mg"), upper=SUPPLEMENT_CALCIUM_PER_SITTING_MG)
            most_items = self.o.max_items_main if s.slot.main_meal else self.o.max_items_snack
            m.row([t for q in foods for t in q.used()], upper=most_items)
            if self.maximize is None and s.slot.main_meal and foods:
                short = m.var(0, cost=_W_MEAL_PROTEIN / MAIN_MEAL_PROTEIN_G)
                m.row(self._expr(here, "protein_g") + [(short, 1.0)], lower=MAIN_MEAL_PROTEIN_G)
                self.slacks[(Rule.PROTEIN_PER_MEAL, di, si)] = short
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
            if Rule.ENERGY_HIGH not in self.relax:
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
                self.slacks[(Rule.TARGET, key, di)] = short
            high = _band_high(t)
            if high and (t.upper_limit is None or high < t.upper_limit):
                over = m.var(0, cost=(_W_OVER_BAND if low else weight) / high)
                m.row(total(key) + [(over, -1.0)], upper=high - fixed_value)
        below = m.var(0, cost=_W_ENERGY / low_kcal)
        above = m.var(0, cost=_W_ENERGY / high_kcal)
        m.row(total(_ENERGY) + [(below, 1.0)], lower=low_kcal - fixed_kcal)
        m.row(total(_ENERGY) + [(above, -1.0)], upper=high_kcal - fixed_kcal)
        self.slacks[(Rule.ENERGY_LOW, di)] = below
        self.slacks[(Rule.ENERGY_HIGH, di)] = above
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
        self.slacks[(Rule.VITAMIN_K_STEADY,)] = spread


def _chosen(b: _Builder, x: Sequence[float], key: str, pairs: Iterable[_Pair]) -> float:
    """The amount of ``key`` the solution ``x`` puts into ``pairs``."""
    if not x:
        return 0.0
    return sum(b.coef[q.cand][key] * k for q in pairs for var, k in q.sizes if x[var] > 0.5)


def _amount(c: Candidate, key: str, count: float) -> float:
    value = c.amount(key, count)
    return 0.0 if value is None else value  # unknown data never closes a gap
