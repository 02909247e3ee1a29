"""What the printed sections of one person's week show, computed once from the core.

Totals come from ``core.totals``, targets from ``core.targets``, flags from
``core.checks`` and readings from ``core.gauge``, so paper and screen always
agree; the sections only lay these numbers out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from bonewise.core.checks import Finding, check_week
from bonewise.core.foods import Food, FoodKind, FoodLookup
from bonewise.core.gauge import GaugeReading, gauge_reading
from bonewise.core.measures import amount_of
from bonewise.core.nutrients import unit_of
from bonewise.core.plan import Entry, MealSlot, Person, Recipe, WeekPlan
from bonewise.core.targets import LimitScope, Source, Target, band_text, targets_for
from bonewise.core.totals import (
    Total,
    Totals,
    WeekTotals,
    format_amount,
    format_number,
    slot_totals,
    week_totals,
)
from bonewise.export.labels import week_label

UNKNOWN_FOOD = "food no longer in the list"


@dataclass(frozen=True)
class WeekFacts:
    """One person's week with everything the sections print."""

    person: Person
    plan: WeekPlan
    targets: Mapping[str, Target]
    totals: WeekTotals
    meal_totals: tuple[Mapping[str, Totals], ...]  # per day: slot id -> totals of that meal
    findings: tuple[Finding, ...]
    foods: Mapping[str, Food]  # every food the plan uses (that still exists)
    recipes: Mapping[str, Recipe]

    @property
    def header(self) -> str:
        return f"{self.person.name} · {week_label(self.plan.week)}"

    @property
    def slots(self) -> tuple[MealSlot, ...]:
        """The person's meal slots, then any slot id the plan uses that the person lacks."""
        known = {slot.id for slot in self.person.slots}
        extra = sorted({s for day in self.plan.days for s in day.meals if s not in known})
        return self.person.slots + tuple(MealSlot(s, s) for s in extra)

    def reading(self, total: Total) -> GaugeReading:
        return gauge_reading(total, self.targets[total.key])

    def entry_label(self, entry: Entry, *, short: bool = False) -> tuple[str, str]:
        """(name, amount) of a plan item as printed: ("Milk, whole", "1 cup").

        ``short`` trims USDA names to their first two parts ("Fish, salmon,
        Atlantic, farmed, cooked" -> "Fish, salmon") so the week grid fits a
        page; names the user typed are never trimmed.
        """
        if entry.recipe_id is not None:
            recipe = self.recipes.get(entry.recipe_id)
            name = recipe.name if recipe else "recipe no longer in the list"
            return name, str(amount_of(entry, None))
        food = self.foods.get(entry.food_id or "")
        name = food.name if food else UNKNOWN_FOOD
        if short and food is not None and food.kind is FoodKind.REFERENCE:
            name = ",".join(name.split(",")[:2])
        return name, str(amount_of(entry, food))

    def findings_for(self, date: dt.date, slot_id: str | None = None) -> list[Finding]:
        return [
            f for f in self.findings
            if f.date == date and (slot_id is None or f.slot_id == slot_id)
        ]  # fmt: skip

    def sources(self) -> list[Source]:
        """Every source the printed targets, limits and flags rely on, each once."""
        found: dict[str, Source] = {}
        for target in self.targets.values():
            for source in (target.source, target.limit_source):
                if source is not None:
                    found.setdefault(source.short, source)
        for finding in self.findings:
            found.setdefault(finding.source.short, finding.source)
        return list(found.values())


def week_facts(
    person: Person,
    plan: WeekPlan,
    foods: FoodLookup,
    recipes: Mapping[str, Recipe],
    targets: Mapping[str, Target] | None = None,
) -> WeekFacts:
    """Compute totals, per-meal totals, flags and the foods in use for one week."""
    targets = dict(targets) if targets is not None else targets_for(person)
    used = _food_ids(plan, recipes)
    get_many = getattr(foods, "get_many", None)
    if callable(get_many):
        found = dict(get_many(used))
    else:
        found = {i: f for i in used if (f := foods.get(i)) is not None}
    lookup = _DictLookup(found)
    return WeekFacts(
        person=person,
        plan=plan,
        targets=targets,
        totals=week_totals(plan, lookup, recipes),
        meal_totals=tuple(slot_totals(day, lookup, recipes) for day in plan.days),
        findings=tuple(check_week(person, plan, lookup, recipes, targets)),
        foods=found,
        recipes=recipes,
    )


class _DictLookup:
    """The foods of one week, fetched once, as a FoodLookup."""

    def __init__(self, foods: Mapping[str, Food]):
        self._foods = foods

    def get(self, food_id: str) -> Food | None:
        return self._foods.get(food_id)

    def get_many(self, ids):
        return {i: self._foods[i] for i in ids if i in self._foods}


def _food_ids(plan: WeekPlan, recipes: Mapping[str, Recipe]) -> list[str]:
    ids: dict[str, None] = {}

    def visit(entry: Entry, depth: int) -> None:
        if entry.recipe_id is not None:
            recipe = recipes.get(entry.recipe_id)
            if recipe is not None and depth < 8:  # a recipe that includes itself stops here
                for inner in recipe.entries:
                    visit(inner, depth + 1)
        elif entry.food_id:
            ids[entry.food_id] = None

    for day in plan.days:
        for entries in day.meals.values():
            for entry in entries:
                visit(entry, 0)
    return list(ids)


def cell_amount(total: Total) -> str:
    """A total as a table cell: "1,210 mg", "at least 850 mg", "unknown", or "—" for no items."""
    if total.items == 0:
        return "—"
    if total.known == 0:
        return "unknown"
    amount = format_amount(total.value, total.key)
    return amount if total.complete else f"at least {amount}"


def target_text(target: Target) -> str:
    """The target as printed: "1,200–1,500 mg · limit 2,000 mg", "trial reference 180 µg"."""
    unit = target.unit
    if target.tracked_only:
        text = f"trial reference {format_number(target.low)} {unit}" if target.low else "tracked"
    elif target.per_kg:
        text = band_text(target.low, target.high, "g per kg body weight")
    elif target.low is None and target.high is None:
        text = "no target"
    else:
        text = band_text(target.low, target.high, unit)
    if target.upper_limit is not None:
        scope = " from supplements" if target.limit_scope is LimitScope.SUPPLEMENTS else ""
        text += f" · limit {format_number(target.upper_limit)} {unit_of(target.key)}{scope}"
    return text


def target_sources(target: Target) -> str:
    """ "NCCN 2009; NIH 1994 · limit: IOM 2011": the target's source, and the limit's if other."""
    text = target.source.short
    if target.limit_source is not None and target.limit_source.short != target.source.short:
        text += f" · limit: {target.limit_source.short}"
    return text


def average_totals(facts: WeekFacts) -> tuple[Totals, int]:
    """The daily average over the planned days (empty days are not eaten zeros), and their number."""
    planned = facts.totals.planned_days
    if planned and facts.totals.planned_average is not None:
        return facts.totals.planned_average, planned
    return facts.totals.average, len(facts.plan.days)
