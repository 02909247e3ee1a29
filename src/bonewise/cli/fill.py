"""``bonewise plan fill``: fill the empty meals of a day or a week with the auto-planner, and save.

Registered under ``plan`` by ``register_fill(verbs)`` (called from cli/plan.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bonewise.cli._userargs import (
    editing_folder,
    open_repository,
    parse_date,
    parse_number,
    parse_week,
    print_json,
)
from bonewise.core import edits
from bonewise.core.autoplan import AutoPlanOptions, AutoPlanResult, Shortfall, auto_plan
from bonewise.core.nutrients import TARGET_KEYS, label_of
from bonewise.core.plan import IsoWeek, Person
from bonewise.core.pool import HISTORY_WEEKS, Pool, default_pool
from bonewise.core.shopping import pantry_from_settings
from bonewise.core.targets import targets_for
from bonewise.core.totals import day_totals, format_amount, format_number
from bonewise.errors import BonewiseError
from bonewise.paths import reference_db_path
from bonewise.store.foodstore import FoodStore
from bonewise.store.repository import Repository

_TOTAL_KEYS = (*TARGET_KEYS, "energy_kcal")


def register_fill(verbs: Any) -> None:
    """Add ``fill`` to the ``plan`` command's sub-commands."""
    fill = verbs.add_parser(
        "fill",
        help="fill the empty meals of a day or a week with foods that reach the targets",
        description="Fill the empty meals of a day or a week from your recent foods and a list of "
        "staples, reaching calcium, vitamin D, magnesium and protein (and some K2) within every "
        "upper limit and at most 600 mg of calcium a meal. What is already planned stays and counts. "
        "The plan is saved; targets that cannot be met are explained.",
    )
    fill.add_argument("--person", required=True, metavar="NAME")
    fill.add_argument("--date", metavar="YYYY-MM-DD", help="one day")
    fill.add_argument("--week", metavar="YYYY-Www", help="a whole ISO week, e.g. 2026-W49")
    fill.add_argument("--pantry-first", action="store_true", help="prefer foods on your pantry list")
    fill.add_argument("--no-supplements", action="store_true", help="plan food only, no supplements")
    fill.add_argument("--max-per-week", metavar="N", help="times one food may appear in a week (default 3)")
    fill.add_argument("--include-past", action="store_true", help="also fill days before today")
    fill.add_argument("--fill-planned-days", action="store_true",
                      help="also fill the empty meals (snacks) of days whose main meals are planned")
    fill.add_argument("--lock", action="append", metavar="YYYY-MM-DD:MEAL",
                      help="leave this meal as it is, e.g. 2026-12-07:lunch (repeat for more)")
    fill.add_argument("--json", action="store_true", help="print JSON instead of text")
    fill.set_defaults(handler=fill_plan)


def planner_pool(repo: Repository, foods: FoodStore, person: Person, week: IsoWeek) -> Pool:
    """The person's pool: staples, their favourite and recent foods, pantry marks, supplements."""
    history = [repo.week(person.saved_id, week.shifted(-k)) for k in range(1, HISTORY_WEEKS + 1)]
    pantry = pantry_from_settings(repo.settings()).of(person.id)
    return default_pool(person, foods, history=history, pantry=pantry, supplements=foods.supplements())


def fill_plan(args: argparse.Namespace) -> int:
    if (args.date is None) == (args.week is None):
        raise BonewiseError("Give either --date YYYY-MM-DD or --week YYYY-Www.")
    options = AutoPlanOptions(
        pantry_first=args.pantry_first,
        allow_supplements=not args.no_supplements,
        max_per_week=_max_per_week(args.max_per_week),
        include_past=args.include_past,
        fill_planned_days=args.fill_planned_days,
    )
    if args.date is not None:
        date = parse_date(args.date)
        week_id, dates = IsoWeek.of(date), [date]
    else:
        week_id = parse_week(args.week)
        dates = list(week_id.dates())
    with editing_folder(args), open_repository(args) as repo, FoodStore(reference_db_path(), repo.custom_foods) as foods:
        person = repo.person_by_name(args.person)
        options = replace(options, locked=_locks(args.lock or (), person))
        week = repo.week(person.saved_id, week_id)
        pool = planner_pool(repo, foods, person, week_id)
        result = auto_plan(person, week, dates, pool, foods, targets_for(person), repo.recipes(), options)
        planned, change = edits.apply_auto_plan(week, result.added)
        repo.save_days(person.saved_id, [planned.day(d) for d in sorted(change.dates)])
        totals = {d: day_totals(planned.day(d), foods, repo.recipes(), _TOTAL_KEYS) for d in dates}
    if args.json:
        print_json(_json(person, dates, result, totals))
    else:
        _print(person, dates, result, totals)
    return 0


def _locks(texts: Sequence[str], person: Person) -> frozenset[tuple[dt.date, str]]:
    """ "2026-12-07:lunch" as (date, slot id); the meal by its id or name, any case."""
    locks = set()
    for text in texts:
        day, sep, meal = text.partition(":")
        if not sep:
            raise BonewiseError(f"--lock takes a day and a meal, e.g. 2026-12-07:lunch, not {text!r}.")
        wanted = meal.strip().casefold()
        slot = next((s for s in person.slots if wanted in (s.id.casefold(), s.name.casefold())), None)
        if slot is None:
            names = ", ".join(s.name for s in person.slots)
            raise BonewiseError(f"{person.name} has no meal called {meal.strip()!r}; the meals are {names}.")
        locks.add((parse_date(day.strip(), "--lock"), slot.id))
    return frozenset(locks)


def _max_per_week(text: str | None) -> int:
    if text is None:
        return AutoPlanOptions().max_per_week
    value = parse_number(text, "--max-per-week", example="3")
    if value != int(value) or not 1 <= value <= 14:
        raise BonewiseError("--max-per-week must be a whole number from 1 to 14.")
    return int(value)


def _day_text(date: dt.date) -> str:
    return f"{date:%A} {date.day} {date:%B} {date.year}"


def _slot_name(person: Person, slot_id: str) -> str:
    return next((s.name for s in person.slots if s.id == slot_id), slot_id)


def _print(person: Person, dates: Sequence[dt.date], result: AutoPlanResult, totals: dict) -> None:
    count = len(result.added)
    span = _day_text(dates[0]) if len(dates) == 1 else f"{_day_text(dates[0])} to {_day_text(dates[-1])}"
    print(f"Filled {span} for {person.name}: {count} item{'s' if count != 1 else ''} added and saved.")
    for d in dates:
        added = [a for a in result.added if a.date == d]
        if not added:
            continue
        print(f"\n{_day_text(d)}")
        order = {s.id: i for i, s in enumerate(person.slots)}
        for a in sorted(added, key=lambda a: order.get(a.slot_id, len(order))):
            print(f"  {_slot_name(person, a.slot_id):16} {a.label} ({format_number(a.entry.grams)} g)")
        day = totals[d]
        print("  Day: " + " · ".join(f"{label_of(k)} {day[k].describe()}" for k in _TOTAL_KEYS))
    if not result.added and not result.shortfalls and len(result.notes) < len(dates):
        print("Nothing needed adding: the planned meals already reach the targets.")
    for note in result.notes:
        print(f"\n{note}")
    if result.shortfalls:
        print("\nNot everything could be met:")
        for s in result.shortfalls:
            print(f"  - {s.message}")


def _json(person: Person, dates: Sequence[dt.date], result: AutoPlanResult, totals: dict) -> dict[str, Any]:
    return {
        "person": person.name,
        "dates": [d.isoformat() for d in dates],
        "added": [
            {
                "date": a.date.isoformat(),
                "meal": a.slot_id,
                "meal_name": _slot_name(person, a.slot_id),
                "entry_id": a.entry.id,
                "food_id": a.candidate.id,
                "name": a.candidate.food.name,
                "measure": a.entry.measure,
                "count": a.entry.count,
                "grams": round(a.entry.grams, 6),
                "label": a.label,
            }
            for a in result.added
        ],
        "totals": {
            d.isoformat(): {
                k: {"value": round(t.value, 6), "complete": t.complete, "text": t.describe()}
                for k, t in totals[d].items()
            }
            for d in dates
        },
        "unmet": [_shortfall_json(s, person) for s in result.shortfalls],
        "notes": list(result.notes),
        "status": result.status,
        "cut_short": [d.isoformat() for d in result.cut_short],  # days a time limit stopped early
    }


def _shortfall_json(s: Shortfall, person: Person) -> dict[str, Any]:
    return {
        "kind": s.kind,
        "nutrient": s.key,
        "dates": [d.isoformat() for d in s.dates],
        "meal": s.slot_id,
        "meal_name": None if s.slot_id is None else _slot_name(person, s.slot_id),
        "required": _rounded(s.required),
        "reached": _rounded(s.reached),
        "best": _rounded(s.best),
        "reasons": list(s.reasons),
        "message": s.message,
        "required_text": format_amount(s.required, s.key) if s.key and s.required is not None else None,
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)
