"""What the printed sections of one person's week show: the core's week summary, and the foods.

Every number, status and warning comes from ``core.summary.summarize_week``, the
same summary the window and ``bonewise plan totals`` read, so paper and screen
always agree; the sections only lay it out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bonewise.core.checks import Finding
from bonewise.core.foods import Food, FoodKind, FoodLookup
from bonewise.core.measures import amount_of
from bonewise.core.plan import Entry, MealSlot, Person, Recipe, WeekPlan
from bonewise.core.recipes import RecipeBook
from bonewise.core.status import Reading, Status
from bonewise.core.summary import WeekSummary, summarize_week
from bonewise.core.targets import Source, Target
from bonewise.export.labels import week_label

UNKNOWN_FOOD = "food no longer in the list"


@dataclass(frozen=True)
class WeekFacts:
    """One person's week as the sections print it: its summary, and the foods it uses."""

    summary: WeekSummary
    foods: Mapping[str, Food]  # every food the plan uses (that still exists)
    recipes: Mapping[str, Recipe]

    @property
    def person(self) -> Person:
        return self.summary.person

    @property
    def plan(self) -> WeekPlan:
        return self.summary.plan

    @property
    def targets(self) -> Mapping[str, Target]:
        return self.summary.targets

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.summary.findings

    @property
    def header(self) -> str:
        return f"{self.person.name} · {week_label(self.plan.week)}"

    @property
    def slots(self) -> tuple[MealSlot, ...]:
        """The person's meal slots, then any slot id the plan uses that the person lacks."""
        known = {slot.id for slot in self.person.slots}
        extra = sorted({s for day in self.plan.days for s in day.meals if s not in known})
        return self.person.slots + tuple(MealSlot(s, s) for s in extra)

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
        return self.summary.findings_for(date, slot_id)

    def sources(self) -> list[Source]:
        """Every source the printed targets, limits and flags rely on, each once."""
        return self.summary.sources()


def week_facts(
    person: Person,
    plan: WeekPlan,
    foods: FoodLookup,
    recipes: Mapping[str, Recipe],
    targets: Mapping[str, Target] | None = None,
) -> WeekFacts:
    """The week's summary, and the foods in use fetched once."""
    used = _food_ids(plan, recipes)
    get_many = getattr(foods, "get_many", None)
    if callable(get_many):
        found = dict(get_many(used))
    else:
        found = {i: f for i in used if (f := foods.get(i)) is not None}
    summary = summarize_week(person, plan, _DictLookup(found), recipes, targets)
    return WeekFacts(summary=summary, foods=found, recipes=recipes)


class _DictLookup:
    """The foods of one week, fetched once, as a FoodLookup."""

    def __init__(self, foods: Mapping[str, Food]):
        self._foods = foods

    def get(self, food_id: str) -> Food | None:
        return self._foods.get(food_id)

    def get_many(self, ids: Iterable[str]) -> dict[str, Food]:
        return {i: self._foods[i] for i in ids if i in self._foods}


def _food_ids(plan: WeekPlan, recipes: Mapping[str, Recipe]) -> list[str]:
    """Every food the week uses, in recipes too (each recipe flattened once: core.recipes)."""
    book = RecipeBook.of(recipes)
    ids: dict[str, None] = {}
    for day in plan.days:
        for entries in day.meals.values():
            for entry in entries:
                if entry.recipe_id is not None:
                    ids.update(dict.fromkeys(food_id for food_id, _ in book.flat(entry.recipe_id).grams))
                elif entry.food_id:
                    ids[entry.food_id] = None
    return list(ids)


def cell_amount(reading: Reading) -> str:
    """A reading as a table cell: "1,210 mg", "at least 850 mg", "no data", or "—" for no items."""
    return "—" if reading.status is Status.NOTHING_PLANNED else reading.amount_text


def target_text(target: Target) -> str:
    """The target as printed: "target 1,200–1,500 mg · limit 2,000 mg (ages 51 and over)"."""
    text = target.phrase()
    limit = target.limit_text()
    return f"{text} · limit {limit}" if limit else text


def target_sources(target: Target) -> str:
    """ "NCCN 2009; NIH 1994 · limit: IOM 2011": the target's source, and the limit's if other."""
    text = target.source.short
    if target.limit_source is not None and target.limit_source.short != target.source.short:
        text += f" · limit: {target.limit_source.short}"
    return text


def average_heading(summary: WeekSummary) -> str:
    """ "Average of 5 planned days": what the averages are over, as a table row reads."""
    days = "day" if summary.days_planned == 1 else "days"
    return f"Average of {summary.days_planned} planned {days}"
