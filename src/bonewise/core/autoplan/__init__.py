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
from collections.abc import Iterable, Mapping

from bonewise.core.autoplan.explain import _day_name, _shortfalls
from bonewise.core.autoplan.problem import (
    _ENERGY,
    _K1,
    _K2,
    DEFAULT_ENERGY_KCAL,
    ENERGY_SOURCE,
    MET_TOLERANCE,
    VITAMIN_K_STEADY_UG,
    Added,
    AutoPlanOptions,
    AutoPlanResult,
    Shortfall,
    _Day,
    _Problem,
    _required_low,
    _Slot,
    _solver_candidates,
)
from bonewise.core.autoplan.strategy import _apply, _solve
from bonewise.core.checks import VITAMIN_K_SWING_SOURCE
from bonewise.core.foods import FoodLookup
from bonewise.core.nutrients import SUMS
from bonewise.core.plan import DayPlan, Person, Recipe, WeekPlan
from bonewise.core.pool import Pool, meal_kind
from bonewise.core.targets import Target
from bonewise.core.totals import day_totals, format_number
from bonewise.errors import BonewiseError

__all__ = [
    "DEFAULT_ENERGY_KCAL",
    "ENERGY_SOURCE",
    "MET_TOLERANCE",
    "Added",
    "AutoPlanOptions",
    "AutoPlanResult",
    "Shortfall",
    "auto_plan",
]

# --------------------------------------------------------------------------- public


def auto_plan(
    person: Person,
    week: WeekPlan,
    dates: Iterable[dt.date],
    pool: Pool,
    foods: FoodLookup,
    targets: Mapping[str, Target],
    recipes: Mapping[str, Recipe] | None = None,
    options: AutoPlanOptions | None = None,
) -> AutoPlanResult:
    """Fill the empty meals of ``dates`` (days of ``week``) from ``pool``.

    ``targets`` are the person's (``targets_for(person)``). The entries already in
    the week stay and count toward every total and limit. Returns the new week,
    what was added, and every requirement that could not be met, with the reason.
    Raises BonewiseError for a date outside the week or a nonsensical option.
    """
    started = time.perf_counter()
    # The planner works on the nutrients foods store; a sum line (total vitamin K) is read
    # in the summary, not planned for (on warfarin the steady-vitamin-K rule keeps it in hand).
    targets = {key: t for key, t in targets.items() if key not in SUMS}
    recipes = recipes or {}
    options = options or AutoPlanOptions()
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
