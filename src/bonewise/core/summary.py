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

from bonewise.core.checks import MEAL_KEYS, Finding, FindingGroup, check_day, check_week, grouped
from bonewise.core.foods import FoodLookup
from bonewise.core.nutrients import SUPPORTING_KEYS, TARGET_KEYS, label_of
from bonewise.core.plan import Person, Recipe, WeekPlan
from bonewise.core.status import Reading, read
from bonewise.core.targets import Source, Target, targets_for
from bonewise.core.totals import PLAN_KEYS, Total, Totals, day_totals, slot_totals, week_totals

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
    targets = targets_for(person, plan.week.monday()) if targets is None else targets
    totals = week_totals(plan, foods, recipes, keys=PLAN_KEYS, meal_keys=MEAL_KEYS)
    findings = check_week(person, plan, foods, recipes, targets, totals)
    return WeekSummary(
        person=person,
        plan=plan,
        targets=targets,
        period="week",
        dates=plan.week.dates(),
        days_planned=totals.planned_days,
        average=_readings(totals.average, targets),
        days=tuple(_readings(day, targets) for day in totals.days),
        meals=totals.meals,
        findings=tuple(findings),
    )


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

