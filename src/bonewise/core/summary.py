"""One summary of a planned week (or one day of it): the numbers every view prints.

The window's gauges and warnings, ``bonewise plan totals`` and the PDF all read a
``WeekSummary``, so they give the same averages, statuses and warnings:

- ``average`` holds one ``Reading`` per nutrient line: for a week the daily
  average over ``days_planned`` (days with at least one item; an empty day is not
  a day of eating nothing), for a day that day's total;
- ``days`` holds the same readings for each day, ``meals`` each meal's calcium and
  protein (the per-meal checks, the sittings strip and the meal chart read them);
- ``findings`` are the checks, heaviest first, and ``warnings`` the same findings
  grouped by kind with counts; each finding still names its day and meal.

A nutrient line is a key of ``LINE_KEYS`` with a default target in
``core/targets.py``; adding one there is all a new line needs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from bonewise.core.checks import (
    MEAL_KEYS,
    Finding,
    FindingGroup,
    check_day,
    day_findings,
    grouped,
    ordered,
    week_findings,
)
from bonewise.core.foods import Food, FoodLookup, LookupOnce
from bonewise.core.nutrients import SUPPORTING_KEYS, TARGET_KEYS, label_of
from bonewise.core.plan import DayPlan, Person, Recipe, WeekPlan
from bonewise.core.recipes import Flat, RecipeBook
from bonewise.core.status import Reading, read
from bonewise.core.targets import Source, Target, targets_for
from bonewise.core.totals import (
    PLAN_KEYS,
    DayCount,
    Total,
    Totals,
    count_day,
    day_totals,
    slot_totals,
    week_of_days,
)

# The lines of the summary, in display order: the gauges, then the supporting row.
LINE_KEYS: tuple[str, ...] = TARGET_KEYS + SUPPORTING_KEYS

Readings = Mapping[str, Reading]


@dataclass(frozen=True)
class WeekSummary:
    """What a week (``period`` "week") or one day of it ("day") gives, read against targets."""

    person: Person
    plan: WeekPlan
    targets: Mapping[str, Target]
    period: Literal["week", "day"]
    dates: tuple[dt.date, ...]  # the days summarised: the week's seven, or one
    days_planned: int  # how many of ``dates`` have any item; the average is over these
    average: Readings  # per line: daily average of the planned days, or the day's total
    days: tuple[Readings, ...]  # per line, for each of ``dates``
    # For each of ``dates``: slot id -> that meal's calcium and protein (what per-meal checks read).
    meals: tuple[Mapping[str, Totals], ...]
    findings: tuple[Finding, ...]  # heaviest first

    @property
    def keys(self) -> tuple[str, ...]:
        """The nutrient lines, in display order."""
        return tuple(self.average)

    @property
    def warnings(self) -> tuple[FindingGroup, ...]:
        """The findings grouped by kind, heaviest first: "Days over an upper limit: 1"."""
        return grouped(self.findings)

    @property
    def average_text(self) -> str:
        """What the averages are over: "Daily average of 5 planned days", "Monday 30 November"."""
        if self.period == "day":
            date = self.dates[0]
            return f"{date:%A} {date.day} {date:%B %Y}"
        if not self.days_planned:
            return "Nothing planned this week yet"
        days = "day" if self.days_planned == 1 else "days"
        return f"Daily average of {self.days_planned} planned {days}"

    def day(self, date: dt.date) -> Readings:
        """The readings of one of ``dates``."""
        return self.days[self.dates.index(date)]

    def meals_on(self, date: dt.date) -> Mapping[str, Totals]:
        """Each meal's totals on one of ``dates`` (slot id -> totals; empty meals left out)."""
        return self.meals[self.dates.index(date)]

    def findings_for(self, date: dt.date, slot_id: str | None = None) -> list[Finding]:
        """The findings about ``date`` (and the meal ``slot_id``, when given)."""
        return [f for f in self.findings if f.date == date and (slot_id is None or f.slot_id == slot_id)]

    def sources(self) -> list[Source]:
        """Every source the targets, limits and findings rely on, each once."""
        found: dict[str, Source] = {}
        for reading in self.average.values():
            for source in reading.sources:
                found.setdefault(source.short, source)
        for finding in self.findings:
            found.setdefault(finding.source.short, finding.source)
        return list(found.values())


def _readings(totals: Totals, targets: Mapping[str, Target]) -> dict[str, Reading]:
    return {key: read(totals[key], targets[key]) for key in LINE_KEYS if key in targets}


def summarize_week(
    person: Person,
    plan: WeekPlan,
    foods: FoodLookup,
    recipes: Mapping[str, Recipe],
    targets: Mapping[str, Target] | None = None,
) -> WeekSummary:
    """The summary of ``plan`` for ``person``; ``targets`` default to ``targets_for`` that week."""
    return WeekSummarizer().summarize(person, plan, foods, recipes, targets)


# What a day's numbers and findings depend on: the day, the person, the targets, and each
# food and recipe its items name, as they are now.
_DayInputs = tuple[DayPlan, Person, Mapping[str, Target], tuple[tuple[str, Food | None], ...],
                   tuple[tuple[str, Recipe | None, Flat], ...]]


@dataclass(frozen=True)
class _DayWork:
    inputs: _DayInputs
    count: DayCount
    readings: Readings
    findings: tuple[Finding, ...]


class WeekSummarizer:
    """Summarises a week again and again (after each edit), counting and checking only the days
    whose inputs changed.

    A day's totals, readings and findings depend only on its ``DayInputs``: the
    ``DayPlan``, the person, the targets, and the foods and recipes its items name,
    looked up afresh each time. A day whose inputs compare equal to the last summary's
    is taken from it; an edit replaces only the days it changes (``core.edits``), so the
    others are the same objects and compare at once. The week's average is summed
    again over every item, so every number is the one ``summarize_week`` gives.
    """

    def __init__(self) -> None:
        self._days: dict[dt.date, _DayWork] = {}

    def summarize(
        self,
        person: Person,
        plan: WeekPlan,
        foods: FoodLookup,
        recipes: Mapping[str, Recipe],
        targets: Mapping[str, Target] | None = None,
    ) -> WeekSummary:
        """The summary of ``plan`` for ``person``, as ``summarize_week`` gives it."""
        targets = targets_for(person, plan.week.monday()) if targets is None else targets
        foods = LookupOnce(foods)
        book = RecipeBook.of(recipes)
        days = []
        for day in plan.days:
            inputs = _day_inputs(day, person, targets, foods, book)
            work = self._days.get(day.date)
            if work is None or work.inputs != inputs:
                work = _work_day(inputs, foods, book)
            days.append(work)
        self._days = {day.date: work for day, work in zip(plan.days, days, strict=True)}
        totals = week_of_days([work.count for work in days])
        findings = [f for work in days for f in work.findings]
        return WeekSummary(
            person=person,
            plan=plan,
            targets=targets,
            period="week",
            dates=plan.week.dates(),
            days_planned=totals.planned_days,
            average=_readings(totals.average, targets),
            days=tuple(work.readings for work in days),
            meals=totals.meals,
            findings=tuple(ordered(findings + week_findings(person, targets, totals))),
        )


def _day_inputs(day: DayPlan, person: Person, targets: Mapping[str, Target], foods: FoodLookup,
                book: RecipeBook) -> _DayInputs:
    food_ids: dict[str, None] = {}
    recipes: dict[str, tuple[str, Recipe | None, Flat]] = {}
    for entries in day.meals.values():
        for entry in entries:
            if entry.recipe_id is not None:
                if entry.recipe_id not in recipes:
                    flat = book.flat(entry.recipe_id)
                    recipes[entry.recipe_id] = (entry.recipe_id, book.get(entry.recipe_id), flat)
                    food_ids.update(dict.fromkeys(food_id for food_id, _ in flat.grams))
            elif entry.food_id is not None:
                food_ids[entry.food_id] = None
    return (day, person, targets, tuple((food_id, foods.get(food_id)) for food_id in food_ids),
            tuple(recipes.values()))


def _work_day(inputs: _DayInputs, foods: FoodLookup, book: RecipeBook) -> _DayWork:
    day, person, targets = inputs[0], inputs[1], inputs[2]
    count = count_day(day, foods, book, keys=PLAN_KEYS, meal_keys=MEAL_KEYS)
    findings = day_findings(person, day, foods, book, targets, count.totals, count.meals)
    return _DayWork(inputs, count, _readings(count.totals, targets), tuple(findings))


def summarize_day(
    person: Person,
    plan: WeekPlan,
    date: dt.date,
    foods: FoodLookup,
    recipes: Mapping[str, Recipe],
    targets: Mapping[str, Target] | None = None,
) -> WeekSummary:
    """The summary of one day of ``plan``: its totals, its meals, and the day's own findings."""
    targets = targets_for(person, date) if targets is None else targets
    day = plan.day(date)
    totals = day_totals(day, foods, recipes, keys=PLAN_KEYS)
    meals = slot_totals(day, foods, recipes, keys=MEAL_KEYS)
    readings = _readings(totals, targets)
    findings = check_day(person, day, foods, recipes, targets, totals, meals)
    return WeekSummary(
        person=person,
        plan=plan,
        targets=targets,
        period="day",
        dates=(date,),
        days_planned=1 if meals else 0,
        average=readings,
        days=(readings,),
        meals=(meals,),
        findings=tuple(findings),
    )


# ----------------------------------------------------------------------------- JSON

ROUND_DIGITS = 6  # hides float noise (292.80000000000001) without changing any shown digit


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, ROUND_DIGITS) + 0.0  # + 0.0: no -0.0


def _source_json(source: Source) -> dict[str, str]:
    return {"short": source.short, "citation": source.citation}


def amount_json(total: Total) -> dict[str, Any]:
    """An amount with its coverage: null when unknown or nothing is counted, never a zero."""
    return {
        "value": _number(total.amount),
        "unit": total.unit,
        "text": total.amount_text(),
        "coverage": {
            "known": total.known,
            "unknown": total.unknown,
            "complete": total.complete,
            "unknown_foods": list(total.unknown_names),
            "from_supplements": _number(total.from_supplements),
        },
    }


def reading_json(reading: Reading) -> dict[str, Any]:
    """One nutrient line as docs/json.md describes it."""
    total, target = reading.total, reading.target
    limit = None
    if target.upper_limit is not None and target.limit_scope is not None:
        limit = {
            "value": _number(target.upper_limit),
            "unit": total.unit,
            "scope": target.limit_scope.value,
            "applies_to": target.limit_note or None,
            "source": target.limit_source.short if target.limit_source else target.source.short,
        }
    return {
        "label": label_of(reading.key),
        **amount_json(total),
        "target": {
            "kind": target.kind.value,
            "low": _number(target.low),
            "high": _number(target.high),
            "unit": target.unit,
            "text": target.range_text(),
            "personal": target.personal,
        },
        "limit": limit,
        "status": reading.status.value,
        "status_text": reading.status.words,
        "symbol": reading.status.symbol,
        "sources": [_source_json(s) for s in reading.sources],
    }


def finding_json(finding: Finding, person: Person) -> dict[str, Any]:
    """One finding: what it says, its source, and the day and meal it points at."""
    slot = next((s for s in person.slots if s.id == finding.slot_id), None)
    return {
        "kind": finding.kind,
        "severity": finding.severity.value,
        "date": None if finding.date is None else finding.date.isoformat(),
        "meal": finding.slot_id,
        "meal_name": None if finding.slot_id is None else (slot.name if slot else finding.slot_id),
        "nutrient": finding.nutrient,
        "message": finding.message,
        "source": _source_json(finding.source),
    }


def summary_json(summary: WeekSummary) -> dict[str, Any]:
    """The summary as docs/json.md describes it (``bonewise plan totals --json``)."""
    person = summary.person
    days = []
    for date, readings, meals in zip(summary.dates, summary.days, summary.meals, strict=True):
        order = {slot.id: i for i, slot in enumerate(person.slots)}
        days.append({
            "date": date.isoformat(),
            "planned": bool(meals),
            "nutrients": {key: reading_json(r) for key, r in readings.items()},
            "meals": [
                {
                    "meal": slot_id,
                    "meal_name": next((s.name for s in person.slots if s.id == slot_id), slot_id),
                    "nutrients": {key: amount_json(total) for key, total in totals.items()},
                }
                for slot_id, totals in sorted(meals.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
            ],
        })  # fmt: skip
    data: dict[str, Any] = {
        "person": person.name,
        "period": summary.period,
        "week": str(summary.plan.week),
        "date": summary.dates[0].isoformat() if summary.period == "day" else None,
        "days_planned": summary.days_planned,
        "averaged_over": summary.average_text,
        "nutrients": {key: reading_json(r) for key, r in summary.average.items()},
        "days": days,
        "warnings": [
            {
                "kind": group.kind,
                "severity": group.severity.value,
                "symbol": group.severity.symbol,
                "title": group.title,
                "count": group.count,
                "findings": [finding_json(f, person) for f in group.findings],
            }
            for group in summary.warnings
        ],
    }
    return data

