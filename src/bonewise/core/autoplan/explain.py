"""Explanations: every requirement the plan misses, measured with core.totals, and what holds it down."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace

from bonewise.core.autoplan.model import _Builder, _chosen
from bonewise.core.autoplan.problem import (
    _DAY_NAMES,
    _ENERGY,
    _EPS,
    _K1,
    _K2,
    CALCIUM_PER_MEAL_MG,
    ENERGY_SOURCE,
    MAIN_MEAL_PROTEIN_G,
    MET_TOLERANCE,
    VITAMIN_K_STEADY_UG,
    Shortfall,
    _Day,
    _Problem,
    _required_low,
    _solver_candidates,
)
from bonewise.core.autoplan.rules import Rule
from bonewise.core.checks import (
    VITAMIN_K_SWING_SOURCE,
)
from bonewise.core.foods import FoodLookup
from bonewise.core.nutrients import TARGET_KEYS, label_of
from bonewise.core.plan import Recipe, WeekPlan
from bonewise.core.pool import Candidate, Pool
from bonewise.core.targets import ESCEO_2014
from bonewise.core.totals import Total, day_totals, format_amount, format_number, meal_totals

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
                misses.setdefault((Rule.TARGET, key, None), []).append(
                    (day, totals[key].value, None)
                )
        energy = totals[_ENERGY].value
        if energy < low_kcal * (1 - MET_TOLERANCE):
            misses.setdefault((Rule.ENERGY_LOW, _ENERGY, None), []).append((day, energy, None))
        if energy > high_kcal * (1 + MET_TOLERANCE):
            misses.setdefault((Rule.ENERGY_HIGH, _ENERGY, None), []).append((day, energy, None))
        for si, s in enumerate(day.slots):
            if not s.slot.main_meal:
                continue  # an empty main meal counts too: it has no protein at all
            protein = meal_totals(new_day.entries(s.slot.id), foods, recipes, ("protein_g",))[
                "protein_g"
            ].value
            if protein < MAIN_MEAL_PROTEIN_G * (1 - MET_TOLERANCE):
                misses.setdefault((Rule.PROTEIN_PER_MEAL, "protein_g", s.slot.id), []).append(
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
    return [Shortfall(Rule.VITAMIN_K_STEADY, _K1, tuple(d.date for d in problem.days), None,
                      VITAMIN_K_STEADY_UG, spread, None, (), message)]  # fmt: skip


class _Explainer:
    """Finds, with one-day re-solves, how much a requirement could reach and what holds it down."""

    def __init__(self, problem: _Problem, pool: Pool):
        self.problem = problem
        self.pool = pool
        self.cache: dict[tuple, float] = {}

    def relaxations(
        self, key: str
    ) -> list[tuple[str, frozenset[Rule], tuple[Candidate, ...] | None]]:
        """(phrase, rules dropped, other candidates) for each rule that could hold ``key`` down."""
        o = self.problem.options
        out: list[tuple[str, frozenset[Rule], tuple[Candidate, ...] | None]] = []
        for restriction in self.pool.restrictions:
            cands = _solver_candidates(self.pool.without_restriction(restriction), o)
            out.append((restriction.phrase, frozenset(), cands))
        if not o.allow_supplements and any(c.is_supplement for c in self.pool.candidates):
            out.append(("without supplements", frozenset(), self.pool.candidates))
        if key == "calcium_mg":
            out.append(
                (
                    f"with at most {format_number(CALCIUM_PER_MEAL_MG)} mg per meal",
                    frozenset({Rule.CALCIUM_PER_MEAL}),
                    None,
                )
            )
        if key != _ENERGY:
            out.append(
                (
                    f"within {format_number(o.energy_kcal[1])} kcal a day",
                    frozenset({Rule.ENERGY_HIGH}),
                    None,
                )
            )
        out.append(
            (
                f"with each food at most {o.max_per_week} times a week",
                frozenset({Rule.VARIETY}),
                None,
            )
        )
        return out

    def best(self, day: _Day, key: str, slot: int | None, relax: frozenset[Rule] = frozenset(),
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

    def explain(self, kind: Rule, key: str, slot_id: str | None,
                found: list[tuple[_Day, float, int | None]]) -> list[Shortfall]:  # fmt: skip
        o = self.problem.options
        if kind == Rule.TARGET:
            required = _required_low(self.problem.targets[key]) or 0.0
        elif kind == Rule.ENERGY_LOW:
            required = o.energy_kcal[0]
        elif kind == Rule.ENERGY_HIGH:
            required = o.energy_kcal[1]
        else:
            required = MAIN_MEAL_PROTEIN_G
        if kind == Rule.ENERGY_HIGH:
            return [self._too_much_energy(found, required)]
        groups: dict[tuple[float | None, tuple[str, ...]], list[tuple[_Day, float]]] = {}
        for day, reached, slot in found:
            best: float | None = None
            reasons: tuple[str, ...] = ()
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

    def _message(self, kind: Rule, key: str, slot_id: str | None, required: float, reached: float,
                 best: float | None, reasons: tuple[str, ...], dates: tuple[dt.date, ...]) -> str:  # fmt: skip
        o = self.problem.options
        when = _days_text(dates)
        if kind == Rule.PROTEIN_PER_MEAL:
            slot_name = next(
                (s.name for s in self.problem.person.slots if s.id == slot_id), slot_id or ""
            )
            what = f"Protein {format_amount(required, key)} at {slot_name.casefold()} ({ESCEO_2014.short})"
            reach = f"the meal reaches {format_amount(reached, key)}"
        elif kind == Rule.ENERGY_LOW:
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
        return Shortfall(Rule.ENERGY_HIGH, _ENERGY, dates, None, limit, reached, None, (), message)
