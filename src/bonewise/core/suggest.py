"""Suggestions: the foods and portions that best close what a day (or a meal) still lacks.

For each candidate of the person's pool (their diet, allergies, dislikes and
natto choice already applied) the usual portion is tried, then smaller ones,
until one fits every rule: no upper limit crossed (with its scope), at most 600 mg
of calcium in the meal and 500 mg from supplements at one sitting, the food suits
the meal and the meal has room for it (a second starchy food, or oil in a meal
with nothing to go on, is not offered), it is not already in the day, and on
warfarin the day's vitamin K stays within its steady band. What it adds to each
target that still has a gap is scored as the share of that gap it closes;
vitamin K2 counts a quarter as much (it has no official target) and not at all
on warfarin. A nutrient the food has no data for adds nothing: unknown is never
counted as closing a gap.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bonewise.core.amounts import entry_for
from bonewise.core.checks import (
    MEAL_CALCIUM_PER_SITTING_MG,
    PROTEIN_PER_MAIN_MEAL_G,
    SUPPLEMENT_CALCIUM_PER_SITTING_MG,
    vitamin_k_band,
)
from bonewise.core.foodroles import meal_kind
from bonewise.core.foods import FoodLookup
from bonewise.core.mealsense import items_of, meal_roles, meal_takes
from bonewise.core.nutrients import TARGET_KEYS
from bonewise.core.plan import DayPlan, Entry, MealSlot, Person, Recipe
from bonewise.core.pool import Candidate, Pool
from bonewise.core.targets import LimitScope, Target
from bonewise.core.totals import Total, day_totals, format_amount, meal_totals

_K2 = "vitamin_k2_ug"
_K1 = "vitamin_k1_ug"
_NAMES = {
    "calcium_mg": "calcium",
    "vitamin_d_iu": "vitamin D",
    "vitamin_k2_ug": "vitamin K2",
    "magnesium_mg": "magnesium",
    "protein_g": "protein",
}
_WEIGHTS = {
    "calcium_mg": 1.0,
    "vitamin_d_iu": 1.0,
    "magnesium_mg": 1.0,
    "protein_g": 1.0,
    _K2: 0.25,
}
_SUPPLEMENT_FACTOR = 0.5  # food first: a pill that closes a gap ranks with a food that closes half
_KEYS = (*TARGET_KEYS, _K1, "energy_kcal")


@dataclass(frozen=True)
class Contribution:
    """What one portion adds toward one target's gap."""

    key: str
    amount: float | None  # None: the food has no data for this nutrient
    gap: float  # what was still missing
    share: float  # of the gap closed, 0–1 (0 when unknown)


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    count: float  # of the candidate's measure
    slot_id: str
    score: float
    contributions: tuple[Contribution, ...]
    text: str  # "1 cup (8 fl oz) of Yogurt …: +448 mg calcium, 37 % of the gap; …"

    @property
    def grams(self) -> float:
        return self.candidate.grams(self.count)

    def entry(self) -> Entry:
        """A new plan entry for this suggestion (a fresh id each time)."""
        c = self.candidate
        return entry_for(c.food, measure=c.measure.label, count=self.count)


def gaps(
    person: Person,
    day: DayPlan,
    foods: FoodLookup,
    targets: Mapping[str, Target],
    recipes: Mapping[str, Recipe] | None = None,
    slot_id: str | None = None,
) -> dict[str, float]:
    """What the day still lacks of each target (only positive gaps), K2 against its trial reference.

    For a main meal, protein also counts what the meal lacks of 20 g.
    """
    totals = day_totals(day, foods, recipes or {}, _KEYS)
    missing: dict[str, float] = {}
    for key in TARGET_KEYS:
        t = targets.get(key)
        if t is None or t.per_kg or t.low is None:
            continue
        if key == _K2 and person.on_warfarin:
            continue  # on warfarin vitamin K is kept steady, not raised
        gap = t.low - totals[key].value
        if gap > 0:
            missing[key] = gap
    slot = _slot(person, slot_id)
    if slot is not None and slot.main_meal:
        meal = meal_totals(day.entries(slot.id), foods, recipes or {}, ("protein_g",))[
            "protein_g"
        ].value
        if meal < PROTEIN_PER_MAIN_MEAL_G:
            missing["protein_g"] = max(
                missing.get("protein_g", 0.0), PROTEIN_PER_MAIN_MEAL_G - meal
            )
    return missing


def suggest(
    person: Person,
    day: DayPlan,
    pool: Pool,
    foods: FoodLookup,
    targets: Mapping[str, Target],
    recipes: Mapping[str, Recipe] | None = None,
    *,
    slot_id: str | None = None,
    limit: int = 8,
) -> list[Suggestion]:
    """The best ``limit`` suggestions for ``day`` (or for the meal ``slot_id``), best first.

    Without a meal, each food goes to the suitable meal with the least calcium so
    far (spreading calcium is what absorption needs). Returns [] when nothing is
    missing or nothing fits.
    """
    recipes = recipes or {}
    missing = gaps(person, day, foods, targets, recipes, slot_id)
    if not missing:
        return []
    totals = day_totals(day, foods, recipes, _KEYS)
    meals = {s.id: meal_totals(day.entries(s.id), foods, recipes, _KEYS) for s in person.slots}
    in_day = {e.food_id for entries in day.meals.values() for e in entries if e.food_id}
    slots = [_slot(person, slot_id)] if slot_id is not None else list(person.slots)
    roles = {s.id: meal_roles(it for e in day.entries(s.id) for it in items_of(e, foods, recipes))
             for s in person.slots}  # fmt: skip
    found = []
    for c in pool.candidates:
        if c.id in in_day:
            continue
        best = None
        for slot in sorted(
            (s for s in slots if s is not None and meal_kind(s) in c.meals
             and meal_takes(c.role, roles[s.id], meal_kind(s))),
            key=lambda s: meals[s.id]["calcium_mg"].value,
        ):  # fmt: skip
            count = _portion_that_fits(person, c, totals, meals[slot.id], targets)
            if count is not None:
                best = (slot, count)
                break
        if best is None:
            continue
        slot, count = best
        contributions = tuple(_contribution(c, count, key, gap) for key, gap in missing.items())
        score = sum(_WEIGHTS[x.key] * x.share for x in contributions)
        if c.is_supplement:
            score *= _SUPPLEMENT_FACTOR
        if score <= 0:
            continue
        found.append(
            Suggestion(c, count, slot.id, score, contributions, _text(c, count, contributions))
        )
    found.sort(key=lambda s: (-round(s.score, 9), s.candidate.is_supplement, s.candidate.id))
    return found[: max(0, limit)]


def _slot(person: Person, slot_id: str | None) -> MealSlot | None:
    return next((s for s in person.slots if s.id == slot_id), None)


def _portion_that_fits(
    person: Person,
    c: Candidate,
    day: Mapping[str, Total],
    meal: Mapping[str, Total],
    targets: Mapping[str, Target],
) -> float | None:
    """The usual portion, else the largest smaller one, that keeps every rule; None if none does."""
    usual = c.usual_count
    for count in [usual, *sorted((p for p in c.portions if p < usual), reverse=True)]:
        if _fits(person, c, count, day, meal, targets):
            return count
    return None


def _fits(
    person: Person,
    c: Candidate,
    count: float,
    day: Mapping[str, Total],
    meal: Mapping[str, Total],
    targets: Mapping[str, Target],
) -> bool:
    calcium = c.amount("calcium_mg", count)
    if calcium is None:
        return False  # the per-meal limit cannot be checked
    if meal["calcium_mg"].value + calcium > MEAL_CALCIUM_PER_SITTING_MG:
        return False
    if (
        c.is_supplement
        and meal["calcium_mg"].from_supplements + calcium > SUPPLEMENT_CALCIUM_PER_SITTING_MG
    ):
        return False
    for key, t in targets.items():
        if t.upper_limit is None or key not in day:
            continue
        added = c.amount(key, count) or 0.0
        if t.limit_scope is LimitScope.SUPPLEMENTS:
            if c.is_supplement and day[key].from_supplements + added > t.upper_limit:
                return False
        elif day[key].value + added > t.upper_limit:
            return False
    if person.on_warfarin:
        vitamin_k = (c.amount(_K1, count) or 0.0) + (c.amount(_K2, count) or 0.0)
        if day[_K1].value + day[_K2].value + vitamin_k > vitamin_k_band(person).high:
            return False  # the day's vitamin K would leave the steady band checks keep to
    return True


def _contribution(c: Candidate, count: float, key: str, gap: float) -> Contribution:
    amount = c.amount(key, count)
    share = 0.0 if amount is None or gap <= 0 else min(1.0, max(0.0, amount) / gap)
    return Contribution(key, amount, gap, share)


def _text(c: Candidate, count: float, contributions: Sequence[Contribution]) -> str:
    """ "1 cup of Milk …: +293 mg calcium, 62 % of the gap; vitamin D unknown"."""
    helpful = sorted((x for x in contributions if x.share >= 0.005), key=lambda x: -x.share)
    parts = []
    for x in helpful:
        closes = "closes the gap" if x.share >= 1 else f"{x.share * 100:.0f} % of the gap"
        parts.append(f"+{format_amount(x.amount or 0.0, x.key)} {_NAMES[x.key]}, {closes}")
    # K2 is known for few foods (a literature table), so only the four others are named.
    unknown = [_NAMES[x.key] for x in contributions if x.amount is None and x.key != _K2]
    if unknown:
        parts.append(f"{' and '.join(unknown)} unknown")
    return f"{c.portion_label(count)} of {c.food.name}: " + "; ".join(parts)
