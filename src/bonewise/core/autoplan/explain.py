"""Explanations: every rule the plan gives up, measured with core.totals, and what holds it down.

The solver's numbers are never trusted for this: the new week is measured again
(``core.totals``, the roles of ``core.foodroles``). For a nutrient that falls
short, one-day re-solves find the most the pool can reach under the rules, and
re-solves with one rule or restriction dropped at a time name what holds it
down ("without animal foods (vegan)"). Supplements the plan proposes are said
plainly, with what food alone could reach.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from bonewise.core.autoplan.model import Builder, chosen
from bonewise.core.autoplan.problem import (
    ENERGY,
    K1,
    K2,
    Added,
    Day,
    Problem,
    Shortfall,
    required_low,
    solver_candidates,
)
from bonewise.core.checks import (
    MEAL_CALCIUM_PER_SITTING_MG,
    PROTEIN_PER_MAIN_MEAL_G,
    VITAMIN_K_SWING_SOURCE,
)
from bonewise.core.foodroles import Role
from bonewise.core.mealsense import (
    FRUIT_VEG_G,
    MEAL_PRACTICE,
    MET_TOLERANCE,
    PROTEIN_DAYS_IN_A_ROW,
    WHO_2020,
    Rule,
    items_of,
    meal_roles,
)
from bonewise.core.nutrients import TARGET_KEYS, label_of, vitamin_d_ug
from bonewise.core.plan import Recipe, WeekPlan
from bonewise.core.pool import PLANNER_SUPPLEMENT_KEYS, Candidate, Pool
from bonewise.core.targets import ASCO_2019, ESCEO_2014
from bonewise.core.totals import day_totals, format_amount, format_number

_EPS = 1e-6
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NEEDS = {
    Rule.MAIN_PROTEIN: ("a protein food", frozenset({Role.PROTEIN, Role.DISH})),
    Rule.VEGETABLES: ("a vegetable", frozenset({Role.VEGETABLE})),
    Rule.BREAKFAST_BASE: ("cereal, bread, dairy or eggs", frozenset({Role.STARCHY, Role.DAIRY, Role.PROTEIN, Role.DISH})),
}

_SHAPE = {
    "breakfast": (Rule.BREAKFAST_BASE,),
    "lunch": (Rule.MAIN_PROTEIN, Rule.VEGETABLES),
    "dinner": (Rule.MAIN_PROTEIN, Rule.VEGETABLES),
}


def day_name(d: dt.date) -> str:
    return _DAY_NAMES[d.weekday()]


def days_text(dates: Sequence[dt.date]) -> str:
    if len(dates) == 7:
        return "every day of the week"
    names = [day_name(d) for d in sorted(dates)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def join(phrases: Sequence[str]) -> str:
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]


@dataclass(frozen=True)
class _Miss:
    day: Day
    reached: float
    slot: int | None = None


class Explainer:
    """Measures the new week against every rule and explains each one given up."""

    def __init__(self, problem: Problem, pool: Pool, week: WeekPlan, recipes: Mapping[str, Recipe],
                 added: Sequence[Added]):  # fmt: skip
        self.problem = problem
        self.pool = pool
        self.week = week
        self.recipes = recipes
        self.added = added
        self.cache: dict[tuple, float] = {}
        self.profile = _profile_words(pool)

    # -- measuring ---------------------------------------------------------------------------

    def shortfalls(self) -> list[Shortfall]:
        p = self.problem
        misses: dict[tuple[Rule, str | None, str | None], list[_Miss]] = {}
        foods = p.foods
        for day in p.days:
            new_day = self.week.day(day.date)
            totals = day_totals(new_day, foods, self.recipes, p.keys)
            for key in TARGET_KEYS:
                t = p.targets.get(key)
                low = None if t is None else required_low(t)
                if low and totals[key].value < low * (1 - MET_TOLERANCE):
                    misses.setdefault((Rule.TARGET, key, None), []).append(_Miss(day, totals[key].value))
            energy = totals[ENERGY].value
            if energy < p.energy.low * (1 - MET_TOLERANCE):
                misses.setdefault((Rule.ENERGY_LOW, ENERGY, None), []).append(_Miss(day, energy))
            if energy > p.energy.high * (1 + MET_TOLERANCE):
                misses.setdefault((Rule.ENERGY_HIGH, ENERGY, None), []).append(_Miss(day, energy))
            items = [it for es in new_day.meals.values() for e in es for it in items_of(e, foods, self.recipes)]
            grams = sum(it.grams for it in items if it.profile.fruit_or_vegetable)
            if grams < FRUIT_VEG_G * (1 - MET_TOLERANCE):
                misses.setdefault((Rule.FRUIT_VEG, None, None), []).append(_Miss(day, grams))
            if p.k_band is not None:
                k = totals[K1].value + totals[K2].value
                if not p.k_band.low * (1 - MET_TOLERANCE) <= k <= p.k_band.high * (1 + MET_TOLERANCE):
                    misses.setdefault((Rule.VITAMIN_K_STEADY, K1, None), []).append(_Miss(day, k))
            for si, s in enumerate(day.slots):
                meal = [it for e in new_day.entries(s.slot.id) for it in items_of(e, foods, self.recipes)]
                roles = meal_roles(meal)
                for rule in _SHAPE.get(s.kind, ()):
                    if not any(roles[r] for r in _NEEDS[rule][1]):
                        misses.setdefault((rule, None, s.slot.id), []).append(_Miss(day, 0.0, si))
                if s.slot.main_meal and meal and not all(it.food.is_supplement for it in meal):
                    protein = sum(it.food.amount_in("protein_g", it.grams) or 0.0 for it in meal)
                    if protein < PROTEIN_PER_MAIN_MEAL_G * (1 - MET_TOLERANCE):
                        misses.setdefault((Rule.PROTEIN_PER_MEAL, "protein_g", s.slot.id), []).append(
                            _Miss(day, protein, si))
        out: list[Shortfall] = []
        for (rule, what, slot_id), found in misses.items():
            out.extend(self._explain(rule, what, slot_id, found))
        out += self._variety()
        return out

    # -- nutrients ---------------------------------------------------------------------------

    def relaxations(self, key: str) -> list[tuple[str, frozenset[Rule], tuple[Candidate, ...] | None]]:
        """(phrase, rules dropped, other candidates) for each rule that could hold ``key`` down."""
        o = self.problem.options
        out: list[tuple[str, frozenset[Rule], tuple[Candidate, ...] | None]] = []
        for restriction in self.pool.restrictions:
            out.append((restriction.phrase, frozenset(), solver_candidates(self.pool.without_restriction(restriction), o)))
        if not o.allow_supplements and any(c.is_supplement for c in self.pool.candidates):
            out.append(("without supplements", frozenset(), self.pool.candidates))
        if key == "calcium_mg":
            out.append((f"with at most {format_number(MEAL_CALCIUM_PER_SITTING_MG)} mg per meal",
                        frozenset({Rule.CALCIUM_PER_MEAL}), None))  # fmt: skip
        if key != ENERGY:
            out.append((f"within {format_number(self.problem.energy.high)} kcal a day",
                        frozenset({Rule.ENERGY_HIGH}), None))  # fmt: skip
        out.append((f"with each food at most {o.max_per_week} times a week", frozenset({Rule.MAX_PER_WEEK}), None))
        return out

    def best(self, day: Day, key: str, slot: int | None, relax: frozenset[Rule] = frozenset(),
             cands: tuple[Candidate, ...] | None = None) -> float:  # fmt: skip
        """The most of ``key`` that ``day`` (or one of its meals) can hold under the rules."""
        base = solver_candidates(self.pool.candidates, self.problem.options)
        cands = base if cands is None else cands
        signature = (
            tuple(s.slot.id for s in day.slots), day.foods_today,
            tuple((k, round(v, 6), round(day.fixed_supplements[k], 6)) for k, v in sorted(day.fixed.items())),
            key, slot, relax, tuple(c.id for c in cands),
        )  # fmt: skip
        if signature not in self.cache:
            one_day = replace(self.problem, days=(day,))
            b = Builder(one_day, cands, relax=relax, maximize=(key, slot)).build()
            # The linear relaxation: an upper bound ("at most"), found in milliseconds.
            x = b.model.solve(self.problem.options.time_limit_s, relaxed=True).values
            if slot is None:
                value = day.fixed[key] + chosen(b, x, key, b.pairs)
            else:
                value = chosen(b, x, key, [q for q in b.pairs if q.slot == slot])
            self.cache[signature] = value
        return self.cache[signature]

    def _required(self, rule: Rule, key: str | None) -> float:
        p = self.problem
        if rule is Rule.TARGET and key is not None:
            return required_low(p.targets[key]) or 0.0
        return {Rule.ENERGY_LOW: p.energy.low, Rule.ENERGY_HIGH: p.energy.high,
                Rule.PROTEIN_PER_MEAL: PROTEIN_PER_MAIN_MEAL_G, Rule.FRUIT_VEG: FRUIT_VEG_G}.get(rule, 0.0)  # fmt: skip

    def _explain(self, rule: Rule, key: str | None, slot_id: str | None, found: list[_Miss]) -> list[Shortfall]:
        dates = tuple(m.day.date for m in found)
        if rule is Rule.ENERGY_HIGH:
            return [self._too_much_energy(found)]
        if rule is Rule.FRUIT_VEG:
            return [self._fruit_veg(found)]
        if rule is Rule.VITAMIN_K_STEADY:
            return [self._vitamin_k(found)]
        if rule in _NEEDS:
            return [self._meal_shape(rule, slot_id, found)]
        assert key is not None
        required = self._required(rule, key)
        groups: dict[tuple[float | None, tuple[str, ...]], list[_Miss]] = {}
        for m in found:
            best: float | None = None
            reasons: tuple[str, ...] = ()
            if self.problem.options.explain:
                best = self.best(m.day, key, m.slot)
                if best < required * (1 - _EPS):
                    reasons = tuple(
                        phrase
                        for phrase, relax, cands in self.relaxations(key)
                        if self.best(m.day, key, m.slot, relax, cands) > best + max(_EPS, 0.01 * required)
                    )
            groups.setdefault((best, reasons), []).append(m)
        out = []
        for (best, reasons), misses in groups.items():
            dates = tuple(m.day.date for m in misses)
            reached = min(m.reached for m in misses)
            message = self._message(rule, key, slot_id, required, reached, best, reasons, dates)
            out.append(Shortfall(rule, key, dates, slot_id, required, reached, best, reasons, message))
        return out

    def _message(self, rule: Rule, key: str, slot_id: str | None, required: float, reached: float,
                 best: float | None, reasons: tuple[str, ...], dates: tuple[dt.date, ...]) -> str:  # fmt: skip
        p = self.problem
        when = days_text(dates)
        if rule is Rule.PROTEIN_PER_MEAL:
            what = f"Protein {format_amount(required, key)} at {self._slot_name(slot_id).casefold()} ({ESCEO_2014.short})"
            reach = f"the meal reaches {format_amount(reached, key)}"
        elif rule is Rule.ENERGY_LOW:
            what = f"Energy of {format_number(required)} kcal a day ({p.energy.source.short})"
            reach = f"the plan reaches {format_number(reached)} kcal"
        else:
            source = p.targets[key].source.short
            what = f"{label_of(key)} {format_amount(required, key)} a day ({source})"
            reach = f"the plan reaches {format_amount(reached, key)}"
        if best is None:
            return f"{what} was not reached on {when}: {reach}."
        best_text = f"{format_number(best)} kcal" if key == ENERGY else format_amount(best, key)
        if best < required * (1 - _EPS):
            held = f" {join(reasons)}" if reasons else ""
            text = f"{what} cannot be reached on {when}{held}: the foods in your pool give at most {best_text}."
            if key in PLANNER_SUPPLEMENT_KEYS and not p.options.allow_supplements:
                text += (f" A {_nutrient_word(key)} supplement would close the gap ({ASCO_2019.short} "
                         "advises one when food falls short); ask your care team.")  # fmt: skip
            return text
        return (
            f"{what} is within reach on its own, but not together with the other rules of the plan "
            f"(the {format_number(p.energy.low)}–{format_number(p.energy.high)} kcal band, meals "
            f"built as meals, each food at most {p.options.max_per_week} times a week): on {when} {reach}."
        )

    def _slot_name(self, slot_id: str | None) -> str:
        return next((s.name for s in self.problem.person.slots if s.id == slot_id), slot_id or "")

    def _too_much_energy(self, found: list[_Miss]) -> Shortfall:
        p = self.problem
        dates = tuple(m.day.date for m in found)
        reached = max(m.reached for m in found)
        limit = p.energy.high
        if any(m.day.fixed[ENERGY] > limit for m in found):
            why = "what is already planned brings more than that"
        else:
            why = "meals built as meals that reach the bone targets from the foods in your pool take more than that"
        message = (
            f"Energy goes above the {format_number(p.energy.low)}–{format_number(limit)} kcal band "
            f"({p.energy.basis}, {p.energy.source.short}) on {days_text(dates)} ({format_number(reached)} "
            f"kcal at most): {why}."
        )
        return Shortfall(Rule.ENERGY_HIGH, ENERGY, dates, None, limit, reached, None, (), message)

    # -- the shape of the week --------------------------------------------------------------

    def _fruit_veg(self, found: list[_Miss]) -> Shortfall:
        dates = tuple(m.day.date for m in found)
        reached = min(m.reached for m in found)
        kinds = [c for c in self.pool.candidates if c.profile.fruit_or_vegetable]
        if len(kinds) < 6:
            why = f"the foods your profile allows include only {len(kinds)} fruits and vegetables{self.profile}"
        else:
            why = "the energy band and the bone targets left no room for more"
        message = (f"Fruit and vegetables reach {format_number(reached)} g on {days_text(dates)}, short of "
                   f"{FRUIT_VEG_G:,.0f} g a day ({WHO_2020.short}): {why}.")  # fmt: skip
        return Shortfall(Rule.FRUIT_VEG, None, dates, None, FRUIT_VEG_G, reached, None, (), message)

    def _vitamin_k(self, found: list[_Miss]) -> Shortfall:
        band = self.problem.k_band
        assert band is not None
        dates = tuple(m.day.date for m in found)
        worst = max(found, key=lambda m: abs(m.reached - band.usual)).reached
        if any(not band.low <= m.day.fixed[K1] + m.day.fixed[K2] <= band.high for m in found):
            why = "what is already planned on those days is outside the band"
        else:
            why = "the meals and targets could not be met with foods inside it"
        message = (f"Vitamin K (K1 + K2) is {format_number(worst)} µg on {days_text(dates)}, outside the steady "
                   f"band of {band.text}: {why}; talk to your care team about big day-to-day changes "
                   f"({VITAMIN_K_SWING_SOURCE.short}).")  # fmt: skip
        return Shortfall(Rule.VITAMIN_K_STEADY, K1, dates, None, band.usual, worst, None, (), message)

    def _meal_shape(self, rule: Rule, slot_id: str | None, found: list[_Miss]) -> Shortfall:
        what, roles = _NEEDS[rule]
        dates = tuple(m.day.date for m in found)
        kind = next((s.kind for m in found for s in m.day.slots if s.slot.id == slot_id), "lunch")
        fitting = [c for c in self.pool.candidates if c.role in roles and kind in c.meals and not c.is_supplement]
        if not fitting:
            why = f"none of the foods your profile allows is {what} that suits {kind}{self.profile}"
        else:
            why = (f"the {len(fitting)} that suit it were used as often as the week allows, or would cross "
                   "a limit")  # fmt: skip
        message = (f"{self._slot_name(slot_id)} on {days_text(dates)} has no {what.removeprefix('a ')} "
                   f"({MEAL_PRACTICE.short}): {why}.")  # fmt: skip
        return Shortfall(rule, None, dates, slot_id, None, None, None, (), message)

    def _variety(self) -> list[Shortfall]:
        """Each food a few times a week, and no main protein three days running, where given up."""
        p = self.problem
        out = []
        counts = Counter(it.profile.kind or it.food.id for day in self.week.days for es in day.meals.values()
                         for e in es for it in items_of(e, p.foods, self.recipes) if not it.food.is_supplement)  # fmt: skip
        added = {a.candidate.kind: a.candidate for a in self.added if not a.candidate.is_supplement}
        capped = {kind: c for kind, c in added.items() if not c.profile.daily}
        over = sorted((kind, counts[kind]) for kind in capped if counts[kind] > p.options.max_per_week)
        if over:
            names = join([f"{name} ({n} times)" for name, n in over])
            message = (f"Each food at most {p.options.max_per_week} times a week (everyday foods such as milk aside) was "
                       f"relaxed for {names}: the "
                       f"foods your profile allows for those meals are few{self.profile}.")  # fmt: skip
            out.append(Shortfall(Rule.MAX_PER_WEEK, None, tuple(sorted({a.date for a in self.added})), None,
                                 p.options.max_per_week, max(n for _, n in over), None, (), message))  # fmt: skip
        filled = {d.date for d in p.days}
        proteins = {
            day.date: {it.profile.kind or it.food.id for es in day.meals.values() for e in es
                       for it in items_of(e, p.foods, self.recipes) if it.profile.role is Role.PROTEIN}
            for day in self.week.days
        }  # fmt: skip
        runs = []
        dates = sorted(proteins)
        for i in range(PROTEIN_DAYS_IN_A_ROW, len(dates)):
            run = dates[i - PROTEIN_DAYS_IN_A_ROW : i + 1]
            if run[-1] not in filled:
                continue
            for kind in sorted(set.intersection(*(proteins[d] for d in run)) & set(added)):
                runs.append((run[-1], kind))
        if runs:
            names = join(sorted({name for _, name in runs}))
            message = (f"The same main protein food on three days running was allowed for {names}: the "
                       f"protein foods your profile allows are few{self.profile}.")  # fmt: skip
            out.append(Shortfall(Rule.PROTEIN_STREAK, None, tuple(sorted({d for d, _ in runs})), None,
                                 None, None, None, (), message))  # fmt: skip
        return out

    # -- supplements -------------------------------------------------------------------------

    def supplement_notes(self) -> list[str]:
        """Plain words for each supplement the plan proposes: what the food gives, and why."""
        p = self.problem
        notes = []
        for key in PLANNER_SUPPLEMENT_KEYS:
            pills = [a for a in self.added if a.candidate.is_supplement and (a.candidate.amount(key, a.count) or 0) > 0]
            target = p.targets.get(key)
            low = None if target is None else required_low(target)
            if not pills or target is None or not low:
                continue
            dates = sorted({a.date for a in pills})
            from_food = [
                (t := day_totals(self.week.day(d), p.foods, self.recipes, (key,))[key]).value - t.from_supplements
                for d in dates
            ]
            names = join(sorted({a.candidate.food.name for a in pills}))
            what = f"{label_of(key)} {format_amount(low, key)} a day ({target.source.short})"
            given = _range_text(min(from_food), max(from_food), key)
            advice = f"({ASCO_2019.short} advises a supplement when food falls short)"
            best = None
            if p.options.explain:
                day = next(d for d in p.days if d.date == dates[0])
                food_only = tuple(c for c in solver_candidates(self.pool.candidates, p.options) if not c.is_supplement)
                best = self.best(day, key, None, cands=food_only)
            if best is not None and best < low * (1 - _EPS):
                reasons = [
                    phrase for phrase, relax, cands in self.relaxations(key)
                    if cands is not None and phrase != "without supplements"
                    and self.best(day, key, None, relax, tuple(c for c in cands if not c.is_supplement))
                    > best + max(_EPS, 0.01 * low)
                ]  # fmt: skip
                held = f" {join(reasons)}" if reasons else ""
                notes.append(f"{what} cannot be reached from food{held}: the foods in your pool give at most "
                             f"{format_amount(best, key)} a day, so the plan proposes {names} on "
                             f"{days_text(dates)} {advice}.")  # fmt: skip
            else:
                notes.append(f"{what}: on {days_text(dates)} the food in the plan gives {given}, so it "
                             f"proposes {names} {advice}.")  # fmt: skip
        return notes


def _range_text(low: float, high: float, key: str) -> str:
    """ "310–450 IU (7.8–11.3 µg)", "1,020–1,150 mg", or one amount when they round alike."""
    if format_amount(low, key) == format_amount(high, key):
        return format_amount(low, key)
    if key == "vitamin_d_iu":
        return (f"{format_number(low)}–{format_number(high)} IU "
                f"({format_number(vitamin_d_ug(low))}–{format_number(vitamin_d_ug(high))} µg)")  # fmt: skip
    return f"{format_number(low)}–{format_amount(high, key)}"


def _nutrient_word(key: str) -> str:
    return {"calcium_mg": "calcium", "vitamin_d_iu": "vitamin D", "magnesium_mg": "magnesium"}[key]


def _profile_words(pool: Pool) -> str:
    phrases = [r.phrase for r in pool.restrictions if r.key not in ("natto", "dislike")]
    return f" ({join(phrases)})" if phrases else ""
