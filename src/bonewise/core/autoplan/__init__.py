"""Auto-plan: fill the empty meals of a day or a week with meals a dietitian would sign.

Each day is a mixed-integer programme solved by HiGHS (``model.py``), the days one
after the other (``strategy.py``), and everything the plan gives up is measured
again and explained (``explain.py``). The rules are those of meal-sense.md, named
by ``core.mealsense.Rule``:

- meals built from food roles (``core.foodroles``): breakfast on cereal, bread,
  dairy or eggs; lunch and dinner a protein food, a vegetable and at most one
  starchy food; snacks of fruit, dairy, nuts; oils, butter, spreads and
  condiments only with a food they go on or in; portions of half to twice a
  standard serving;
- at least 400 g of fruit and vegetables a day (WHO), energy within the band for
  the body weight (ESPEN 2017: 25–30 kcal per kg), the bone targets and 20 g of
  protein per main meal, every upper limit and 600 mg of calcium per meal;
- variety (each food a few times a week, no main protein three days running, no
  two days alike), natto only for those who eat it and never on warfarin, and on
  warfarin every day's vitamin K within the band around the usual intake;
- the person's diet, allergies and dislikes (``core.diet``, applied in the pool).

What the user planned stays and counts. Only empty meals are filled, of days
that have not passed and whose main meals are not all planned yet (options say
otherwise), and never a meal the user locked.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace

from bonewise.core.autoplan.explain import Explainer, day_name, days_text
from bonewise.core.autoplan.model import Builder, chosen, plannable_keys
from bonewise.core.autoplan.problem import (
    ENERGY,
    K1,
    K2,
    Added,
    AutoPlanOptions,
    AutoPlanResult,
    Day,
    History,
    Problem,
    Shortfall,
    Skipped,
    Slot,
    day_contents,
    required_low,
    solver_candidates,
)
from bonewise.core.autoplan.strategy import apply, solve
from bonewise.core.checks import VITAMIN_K_SWING_SOURCE, vitamin_k_band
from bonewise.core.foodroles import Role, meal_kind
from bonewise.core.foods import FoodLookup
from bonewise.core.mealsense import MET_TOLERANCE, EnergyBand, Rule, energy_band, items_of
from bonewise.core.nutrients import SUMS, TARGET_KEYS
from bonewise.core.plan import DayPlan, Person, Recipe, WeekPlan
from bonewise.core.pool import Candidate, Pool
from bonewise.core.targets import Source, Target
from bonewise.core.totals import day_totals
from bonewise.errors import BonewiseError

__all__ = [
    "MET_TOLERANCE",
    "Added",
    "AutoPlanOptions",
    "AutoPlanResult",
    "Rule",
    "Shortfall",
    "Skipped",
    "auto_plan",
]


def auto_plan(
    person: Person,
    week: WeekPlan,
    dates: Iterable[dt.date],
    pool: Pool,
    foods: FoodLookup,
    targets: Mapping[str, Target],
    recipes: Mapping[str, Recipe] | None = None,
    options: AutoPlanOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> AutoPlanResult:
    """Fill the empty meals of ``dates`` (days of ``week``) from ``pool``.

    ``targets`` are the person's (``targets_for(person)``). The entries already in
    the week stay and count toward every total and limit. Returns the new week,
    what was added, every rule given up with the reason, and the meals left alone;
    days a time limit cut short are named in the notes. ``progress(done, days)`` is
    called after each day is chosen. Raises BonewiseError for a date outside the
    week or a nonsensical option.
    """
    started = time.perf_counter()
    # The planner works on the nutrients foods store; a sum line (total vitamin K) is read
    # in the summary, not planned for (on warfarin the steady-vitamin-K rule keeps it in hand).
    targets = {key: t for key, t in targets.items() if key not in SUMS}
    recipes = recipes or {}
    options = options or AutoPlanOptions()
    _check_options(options)
    wanted = sorted(set(dates))
    for d in wanted:
        if d not in week.week.dates():
            raise BonewiseError(f"{d.isoformat()} is not in week {week.week}.")
    energy = _energy(person, targets, options)
    keys = plannable_keys(dict.fromkeys([*targets, ENERGY, K1, K2, "calcium_mg", "protein_g"]))
    fixed = {day.date: day_totals(day, foods, recipes, keys) for day in week.days}
    planned = Counter(it.profile.kind for day in week.days for es in day.meals.values() for e in es
                      for it in items_of(e, foods, recipes) if not it.food.is_supplement)  # fmt: skip
    room = {kind: max(0, options.max_per_week - n) for kind, n in planned.items()}
    days, skipped = _days_to_fill(person, week, wanted, options, fixed, foods, recipes)
    notes = _skipped_notes(person, skipped)
    k_band = vitamin_k_band(person) if person.on_warfarin else None
    if k_band is not None:
        outside = [d.date for d in week.days if d.date not in {x.date for x in days} and any(d.meals.values())
                   and not k_band.low <= fixed[d.date][K1].value + fixed[d.date][K2].value <= k_band.high]  # fmt: skip
        if outside:
            notes.append(
                f"Vitamin K on {days_text(outside)}, as you planned it, is outside the steady band of "
                f"{k_band.text}; the planner keeps the days it fills inside it. On warfarin, talk to your "
                f"care team about big day-to-day changes ({VITAMIN_K_SWING_SOURCE.short})."
            )
    if "protein_g" in targets and required_low(targets["protein_g"]) is None:
        notes.append("No body weight is recorded, so protein a day was not planned (only 20 g per main meal).")
    if not person.weight_kg and options.energy_kcal is None:
        notes.append(f"No body weight is recorded, so energy was planned for {energy.text}.")
    problem = Problem(person, tuple(days), room, targets, options, keys, energy, k_band, foods)
    if not days:
        return AutoPlanResult(week, (), (), tuple(notes), "nothing to fill", time.perf_counter() - started,
                              skipped=tuple(skipped), energy=energy)  # fmt: skip
    candidates = solver_candidates(pool.candidates, options)
    problem = replace(problem, aims=_aims(problem, candidates))
    history = _history(week, foods, recipes)
    solved = solve(problem, candidates, history, progress)
    if solved.cut_short:
        notes.append(_cut_short_note(solved.cut_short))
    new_week, added = apply(week, solved.choices)
    explainer = Explainer(problem, pool, new_week, recipes, added)
    shortfalls = explainer.shortfalls()
    notes += explainer.supplement_notes()
    return AutoPlanResult(
        new_week, tuple(added), tuple(shortfalls), tuple(notes), solved.status, time.perf_counter() - started,
        frozenset(a.date for a in added), tuple(skipped), energy, solved.cut_short,
    )  # fmt: skip


def _cut_short_note(dates: Sequence[dt.date]) -> str:
    """One sentence for days whose search a time limit stopped."""
    they = "it has" if len(dates) == 1 else "they have"
    return (f"Planning {days_text(dates)} stopped at the time limit, so {they} the best meals found by then, "
            "which may not be the best possible; planning again when the computer is less busy may do better.")


# A target the foods cannot reach is planned as this share of the most they can give: chasing
# the last unit of an impossible target would serve the same few foods every day.
REACHABLE_SHARE = 0.9


def _aims(problem: Problem, candidates: Sequence[Candidate]) -> dict[str, float]:
    """The targets the pool cannot reach, with what to aim for instead.

    The most the first day can hold comes from the linear relaxation, an upper
    bound, so a target is only lowered when the foods certainly cannot reach it;
    the share left free keeps room for variety and the shape of meals.
    """
    day = problem.days[0]
    one_day = replace(problem, days=(day,))
    aims = {}
    for key in TARGET_KEYS:
        t = problem.targets.get(key)
        low = None if t is None else required_low(t)
        if not low:
            continue
        b = Builder(one_day, candidates, maximize=(key, None)).build()
        x = b.model.solve(problem.options.time_limit_s, relaxed=True).values
        best = day.fixed[key] + chosen(b, x, key, b.pairs)
        if x and best < low:
            aims[key] = REACHABLE_SHARE * best
    return aims


def _energy(person: Person, targets: Mapping[str, Target], options: AutoPlanOptions) -> EnergyBand:
    if options.energy_kcal is None:
        return energy_band(person, targets)
    low, high = options.energy_kcal
    return EnergyBand(low, high, Source("Your range", "Set for this plan."), "asked for")


def _days_to_fill(person: Person, week: WeekPlan, wanted: list[dt.date], options: AutoPlanOptions,
                  fixed: Mapping, foods: FoodLookup, recipes: Mapping[str, Recipe]) -> tuple[list[Day], list[Skipped]]:  # fmt: skip
    """The days with meals to fill, and every meal asked about but left alone (with why)."""
    today = options.today or dt.date.today()
    days: list[Day] = []
    skipped: list[Skipped] = []
    main_ids = [s.id for s in person.slots if s.main_meal]
    for d in wanted:
        day = week.day(d)
        if d < today and not options.include_past:
            skipped.append(Skipped(d, None, "has passed"))
            continue
        if main_ids and all(day.entries(i) for i in main_ids) and not options.fill_planned_days:
            skipped.append(Skipped(d, None, "has its main meals planned"))
            continue
        slots = []
        for s in person.slots:
            if day.entries(s.id):
                continue
            if (d, s.id) in options.locked:
                skipped.append(Skipped(d, s.id, "is locked"))
            else:
                slots.append(Slot(s, meal_kind(s)))
        if not slots:
            skipped.append(Skipped(d, None, "has food in every meal"))
            continue
        values = {k: t.value for k, t in fixed[d].items()}
        from_supplements = {k: t.from_supplements for k, t in fixed[d].items()}
        items = [it for es in day.meals.values() for e in es for it in items_of(e, foods, recipes)]
        fruit_veg = sum(it.grams for it in items if it.profile.fruit_or_vegetable)
        days.append(Day(d, values, from_supplements, fruit_veg, tuple(slots), _foods_in(day)))
    return days, skipped


def _skipped_notes(person: Person, skipped: list[Skipped]) -> list[str]:
    notes = []
    for why in ("has passed", "has its main meals planned", "has food in every meal"):
        dates = [s.date for s in skipped if s.slot_id is None and s.why == why]
        if dates:
            verb = {"has passed": "have passed" if len(dates) > 1 else "has passed",
                    "has its main meals planned": "have their main meals planned" if len(dates) > 1
                    else "has its main meals planned",
                    "has food in every meal": "have food in every meal" if len(dates) > 1
                    else "has food in every meal"}[why]  # fmt: skip
            notes.append(f"{days_text(dates)} {verb}, so {'they were' if len(dates) > 1 else 'it was'} left as planned.")
    locked = [(s.date, s.slot_id) for s in skipped if s.slot_id is not None]
    if locked:
        names = {s.id: s.name for s in person.slots}
        meals = ", ".join(f"{names.get(slot_id, slot_id)} on {day_name(date)}" for date, slot_id in locked)
        notes.append(f"Locked, so left empty: {meals}.")
    return notes


def _history(week: WeekPlan, foods: FoodLookup, recipes: Mapping[str, Recipe]) -> History:
    proteins = {
        day.date: frozenset(it.profile.kind for es in day.meals.values() for e in es
                            for it in items_of(e, foods, recipes) if it.profile.role is Role.PROTEIN)
        for day in week.days
    }  # fmt: skip
    return History(proteins, {}, {day.date: day_contents(day) for day in week.days})


def _check_options(o: AutoPlanOptions) -> None:
    if o.energy_kcal is not None:
        low, high = o.energy_kcal
        if not (0 < low <= high < 10_000):
            raise BonewiseError("The energy range must run from a low to a high number of kcal below 10,000.")
    if o.max_per_week < 1 or o.max_items_main < 1 or o.max_items_snack < 0:
        raise BonewiseError("Each food must be allowed at least once a week and each meal at least one food.")
    if not o.time_limit_s > 0 or not (o.week_time_limit_s is None or o.week_time_limit_s > 0):
        raise BonewiseError("The planner needs a time limit above zero.")


def _foods_in(day: DayPlan) -> frozenset[str]:
    return frozenset(e.food_id for entries in day.meals.values() for e in entries if e.food_id)
