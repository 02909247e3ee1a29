"""How a week is solved: one day after the other, each an exact MILP priced by the days still to come.

The week as one MILP is more than HiGHS settles within the two-second budget, so
the days are solved in date order; the rules across days (each food a few times a
week, no main protein three days running, no two days alike) look at the days
already decided, and since each of them can be given up at a price, a late day
is never left without a plan. Each day's MILP runs over the foods its linear
relaxation finds useful for each meal, plus the next best of each role by reduced
cost, and starts from that relaxation rounded to a plan (``rounding``): a plan
within a few foods' cost of the relaxation's bound is as good as the full MILP
would prove. If pruning cost the day more than a little, the day is solved again
with every food. Everything runs in a fixed order, so the result is repeatable.

The week has a time limit of its own (``AutoPlanOptions.week_time_limit_s``). The
days are searched in order while it lasts; the day it runs out on keeps the best
plan found so far, and every day after gets a quick plan: the small model's first
few nodes from its rounded relaxation (a bound on work, so the same every time).
Those days are reported as cut short; only the one search the clock stopped makes
the result depend on the machine.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from bonewise.core.amounts import entry_for
from bonewise.core.autoplan.model import Builder, Pair
from bonewise.core.autoplan.problem import Added, History, Problem
from bonewise.core.checks import MEAL_CALCIUM_PER_SITTING_MG, SUPPLEMENT_CALCIUM_PER_SITTING_MG
from bonewise.core.edits import apply_auto_plan
from bonewise.core.foodroles import Role
from bonewise.core.mealsense import BREAKFAST_BASE, MAIN_PROTEIN, meal_takes
from bonewise.core.milp import Solution
from bonewise.core.plan import WeekPlan
from bonewise.core.pool import Candidate
from bonewise.core.targets import LimitScope
from bonewise.errors import BonewiseError

ABS_GAP = 8.0  # a day's MILP stops within eight foods' cost of the best possible (a 0.1 % shortfall costs more)
# Foods of each role per meal that a pruned day keeps besides those its relaxation uses:
# a small model first, then a larger one started from its plan.
PRUNING = ((1, ABS_GAP), (4, 2 * ABS_GAP))
# What makes a meal a meal, by kind (core.mealsense): a rounded plan is completed with these.
NEEDS = {
    "breakfast": (BREAKFAST_BASE,),
    "lunch": (MAIN_PROTEIN, frozenset({Role.VEGETABLE})),
    "dinner": (MAIN_PROTEIN, frozenset({Role.VEGETABLE})),
}
QUICK_NODES = 50  # branch-and-bound nodes a day out of time may still use (work, not seconds)
TIME_LIMIT = "time limit reached"  # HiGHS's status for a search stopped by its time limit
RETRY_MARGIN = 20.0  # penalty (0.2 % of a target) a pruned day may lose before a full re-solve


@dataclass(frozen=True)
class Choice:
    date: dt.date
    slot_id: str
    candidate: Candidate
    count: float
    steps: int


@dataclass(frozen=True)
class Solved:
    """The week's choices, HiGHS's status (the first that is not "optimal") and the days cut short."""

    choices: list[Choice]
    status: str
    cut_short: tuple[dt.date, ...]


def solve(problem: Problem, candidates: Sequence[Candidate], history: History,
          progress: Callable[[int, int], None] | None = None) -> Solved:
    """Choose the foods one day after the other, each day an exact MILP (see the module text).

    ``progress(done, days)`` is called after each day, for a progress display.
    """
    o = problem.options
    used: Counter[str] = Counter()
    choices: list[Choice] = []
    statuses: list[str] = []
    cut_short: list[dt.date] = []
    proteins = dict(history.proteins)
    planned = dict(history.planned)
    week_ends = time.perf_counter() + o.week_limit()
    for i, day in enumerate(problem.days):
        room = {c.kind: problem.room.get(c.kind, o.max_per_week) - used[c.kind] for c in candidates}
        one_day = replace(problem, days=(day,), room=room)
        today = History(proteins, planned, history.fixed)
        built, solution = _solve_day(one_day, candidates, today, week_ends)
        if not solution.found:
            raise BonewiseError("The planner found no plan in the time allowed; try filling one day.")
        statuses.append(solution.status)
        if solution.status == TIME_LIMIT:
            cut_short.append(day.date)
        day_choices = [
            Choice(day.date, day.slots[q.slot].slot.id, built.cands[q.cand], built.steps[q.cand][0] * k, k)
            for q in built.pairs
            if q.day == 0
            for var, k in q.sizes
            if solution.values[var] > 0.5
        ]
        used.update(c.candidate.kind for c in day_choices if not c.candidate.is_supplement)
        proteins[day.date] = proteins.get(day.date, frozenset()) | {
            c.candidate.kind for c in day_choices if c.candidate.role is Role.PROTEIN
        }
        planned[day.date] = frozenset((c.slot_id, c.candidate.id, c.steps) for c in day_choices)
        choices.extend(day_choices)
        if progress is not None:
            progress(i + 1, len(problem.days))
    status = next((s for s in statuses if s != "optimal"), "optimal")
    return Solved(choices, status, tuple(cut_short))


def _solve_day(problem: Problem, candidates: Sequence[Candidate], history: History,
               ends: float) -> tuple[Builder, Solution]:
    """One day: pruned models first, each a start for the next, the full model if pruning cost too much.

    The full model's linear relaxation bounds what any plan can reach. A plan from
    a small model (the foods the relaxation uses and the next best of each role)
    that is within ``ABS_GAP`` of that bound is as good as the full MILP would
    prove, so the day is done; otherwise the plan starts a larger model, whose
    solver then only has to improve on it. At ``ends`` (perf_counter seconds) the
    search stops with the best plan so far, or the rounded relaxation when there is
    none yet: its status then says "time limit reached".
    """
    o = problem.options

    def time_left() -> float:
        return min(o.time_limit_s, ends - time.perf_counter())

    full = Builder(problem, candidates, history=history).build()
    bound = full.model.solve(o.time_limit_s, relaxed=True)  # an LP: the day's floor, always solved
    best: tuple[Builder, Solution] | None = None
    if bound.found:
        rounded = rounding(full, bound)
        for per_role, gap in PRUNING:
            if time_left() <= 0:
                break
            built = Builder(problem, candidates, allowed=promising(full, bound, per_role), history=history).build()
            start = _start(best, built) if best is not None else _start_from(rounded, built)
            solution = built.model.solve(time_left(), abs_gap=gap, start=start)
            if solution.found:
                best = (built, solution)
                if solution.objective <= bound.objective + gap:
                    return best
        if best is not None and penalty(*best) <= penalty(full, bound.values) + RETRY_MARGIN:
            return best
        if time_left() <= 0:
            if best is None or best[1].status == TIME_LIMIT:
                # A search the clock stopped may hold little more than its start: the quick
                # plan is the floor (the lower cost of the two is kept).
                quick = _quick_plan(problem, candidates, history, full, bound, rounded)
                if quick is not None and (best is None or quick[1].objective < best[1].objective):
                    best = quick
            if best is not None:
                built, solution = best
                return built, replace(solution, status=TIME_LIMIT)
    left = time_left()
    if left > 0:
        solution = full.model.solve(left, abs_gap=ABS_GAP, start=_start(best, full))
        if solution.found:
            return full, solution
        if best is not None:
            return best[0], replace(best[1], status=TIME_LIMIT)
    # No plan at all yet: finding one comes before the week's time limit.
    return full, full.model.solve(o.time_limit_s, abs_gap=ABS_GAP, start=_start(best, full))


def _quick_plan(problem: Problem, candidates: Sequence[Candidate], history: History, full: Builder,
                bound: Solution, rounded: set[tuple[int, str, int]]) -> tuple[Builder, Solution] | None:
    """A day out of time: the small model's first nodes from the rounded relaxation (a bound on
    the work, so the same plan every time), else the rounded plan itself, else None."""
    per_role, gap = PRUNING[0]
    built = Builder(problem, candidates, allowed=promising(full, bound, per_role), history=history).build()
    start = _start_from(rounded, built)
    solution = built.model.solve(problem.options.time_limit_s, abs_gap=gap, start=start, max_nodes=QUICK_NODES)
    if solution.found:
        return built, solution
    start = _start_from(rounded, full)
    plan = full.model.complete(start, problem.options.time_limit_s) if start else None
    return None if plan is None else (full, plan)


def _start(previous: tuple[Builder, Solution] | None, built: Builder) -> dict[int, float] | None:
    """The binaries of ``built`` set as ``previous`` chose: its foods and portions, nothing else."""
    if previous is None:
        return None
    b, solution = previous
    return _start_from(
        {(q.slot, b.cands[q.cand].id, k) for q in b.pairs for var, k in q.sizes if solution.values[var] > 0.5},
        built,
    )


def _start_from(chosen: set[tuple[int, str, int]], built: Builder) -> dict[int, float] | None:
    if not chosen:
        return None
    return {var: float((q.slot, built.cands[q.cand].id, k) in chosen) for q in built.pairs for var, k in q.sizes}


def rounding(b: Builder, relaxed: Solution) -> set[tuple[int, str, int]]:
    """A plan for the day rounded from the linear relaxation, keeping every rule that is never crossed.

    Meal by meal, the foods the relaxation uses most are taken in the portion it
    leans to, as long as the meal has room for their role, calcium stays within the
    meal's and the day's limits and no food comes twice; then a meal still short of
    what makes it a meal (a protein food and a vegetable at lunch) gets the best
    food of that role that fits. HiGHS starts from this plan, so it only has to
    improve on it; a plan it cannot use it simply ignores.
    """
    return _Rounding(b, relaxed).plan()


class _Rounding:
    def __init__(self, b: Builder, relaxed: Solution):
        self.b, self.x = b, relaxed.values
        p, day = b.p, b.p.days[0]
        self.limits = [
            (key, t.upper_limit - (day.fixed_supplements if t.limit_scope is LimitScope.SUPPLEMENTS
                                   else day.fixed)[key], t.limit_scope is LimitScope.SUPPLEMENTS)
            for key, t in p.targets.items() if t.upper_limit is not None and key in p.keys
        ]  # fmt: skip
        self.used: set[int] = set()
        self.totals: defaultdict[str, float] = defaultdict(float)  # all items, and supplements only
        self.supplements: defaultdict[str, float] = defaultdict(float)
        self.chosen: set[tuple[int, str, int]] = set()

    def plan(self) -> set[tuple[int, str, int]]:
        b, x = self.b, self.x
        for si, s in enumerate(self.b.p.days[0].slots):
            pairs = [q for q in b.pairs if q.day == 0 and q.slot == si]
            weight = {id(q): sum(x[var] for var, _ in q.sizes) for q in pairs}
            order = sorted(pairs, key=lambda q: (b.roles[q.cand] is Role.FAT, -weight[id(q)], q.cand))
            meal = _Meal(si, s.kind, b.o.max_items_main if s.slot.main_meal else b.o.max_items_snack)
            for q in order:
                if weight[id(q)] >= 0.3:
                    self.take(meal, q, max(q.sizes, key=lambda vk: x[vk[0]])[1])
            for needed in NEEDS.get(s.kind, ()):
                if not any(meal.roles[r] for r in needed):
                    next((q for q in order if b.roles[q.cand] in needed and self.take(meal, q, q.sizes[0][1])), None)
        return self.chosen

    def take(self, meal: _Meal, q: Pair, k: int) -> bool:
        b = self.b
        role, supp, coef = b.roles[q.cand], b.supp[q.cand], b.coef[q.cand]
        if q.cand in self.used:
            return False
        if not supp and (sum(meal.roles.values()) >= meal.most or not meal_takes(role, meal.roles, meal.kind)):
            return False
        calcium = coef["calcium_mg"] * k
        if meal.calcium + calcium > MEAL_CALCIUM_PER_SITTING_MG:
            return False
        if supp and meal.supplement_calcium + calcium > SUPPLEMENT_CALCIUM_PER_SITTING_MG:
            return False
        for key, room, supplements_only in self.limits:
            counted = self.supplements if supplements_only else self.totals
            if (supp or not supplements_only) and counted[key] + coef[key] * k > room:
                return False
        for key, _, supplements_only in self.limits:
            if supp or not supplements_only:
                (self.supplements if supplements_only else self.totals)[key] += coef[key] * k
        meal.calcium += calcium
        if supp:
            meal.supplement_calcium += calcium
        else:
            meal.roles[role] += 1
        self.used.add(q.cand)
        self.chosen.add((meal.slot, b.cands[q.cand].id, k))
        return True


@dataclass
class _Meal:
    slot: int
    kind: str
    most: int
    roles: Counter[Role] = field(default_factory=Counter)
    calcium: float = 0.0
    supplement_calcium: float = 0.0


def promising(b: Builder, relaxed: Solution, per_role: int) -> frozenset[tuple[dt.date, str, str]]:
    """Per meal, the foods the relaxation uses, topped up to ``per_role`` of each role by reduced cost.

    Topping up per role keeps a vegetable and a protein food in every meal's choice,
    so the meal rules can always be kept by the pruned model when the full one can.
    """
    by_meal: dict[tuple[int, int], list[tuple[int, float, int, Pair]]] = {}
    values, reduced = relaxed.values, relaxed.reduced_costs
    for q in b.pairs:
        is_used = sum(values[var] for var, _ in q.sizes) > 1e-7
        best = min(reduced[var] for var, _ in q.sizes)
        by_meal.setdefault((q.day, q.slot), []).append((0 if is_used else 1, best, q.cand, q))
    keep: set[tuple[dt.date, str, str]] = set()
    for (di, si), rows in by_meal.items():
        rows.sort(key=lambda r: r[:3])
        day = b.p.days[di]
        counted: Counter[Role] = Counter()
        for is_unused, _, ci, _q in rows:
            role = b.roles[ci]
            if is_unused and counted[role] >= per_role:
                continue
            counted[role] += 1
            keep.add((day.date, day.slots[si].slot.id, b.cands[ci].id))
    return frozenset(keep)


def penalty(b: Builder, solution: Solution | Sequence[float]) -> float:
    """What the requirements left unmet cost in a solution (the slack part of the objective)."""
    values = solution.values if isinstance(solution, Solution) else solution
    return sum(b.model.cost_of(var) * values[var] for var in b.slacks.values())


def apply(week: WeekPlan, choices: Sequence[Choice]) -> tuple[WeekPlan, list[Added]]:
    """The week with every choice placed (core.edits), and what was added."""
    added = [
        Added(ch.date, ch.slot_id, entry_for(ch.candidate.food, measure=ch.candidate.measure.label, count=ch.count),
              ch.candidate, ch.count)
        for ch in choices
    ]  # fmt: skip
    week, _ = apply_auto_plan(week, added)
    return week, added
