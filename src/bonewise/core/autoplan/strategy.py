"""How a week is solved: one day after the other, each an exact MILP priced by the days still to come."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bonewise.core.autoplan.model import _amount, _Builder
from bonewise.core.autoplan.problem import (
    _ABS_GAP,
    _K1,
    _K2,
    _PER_MEAL,
    _RETRY_MARGIN,
    Added,
    _Pair,
    _Problem,
)
from bonewise.core.edits import place
from bonewise.core.milp import Solution
from bonewise.core.plan import WeekPlan
from bonewise.core.planner import entry_for
from bonewise.core.pool import Candidate
from bonewise.errors import BonewiseError


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
        in_use = sum(1 for r in rows if r[0] == 0)
        day = b.p.days[di]
        for *_, q in rows[: max(_PER_MEAL, in_use)]:
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
