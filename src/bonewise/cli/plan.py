"""``bonewise plan …``: add food to a meal, show a day or week, totals with checks, bundles."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bonewise.cli._userargs import (
    editing_folder,
    food_by_id,
    open_repository,
    parse_date,
    parse_number,
    parse_week,
    print_json,
    print_table,
)
from bonewise.cli.fill import register_fill
from bonewise.core import amounts, edits, phrases
from bonewise.core.foods import Food
from bonewise.core.measures import amount_of
from bonewise.core.nutrients import label_of
from bonewise.core.plan import DayPlan, Entry, IsoWeek, MealSlot, Person
from bonewise.core.rules import quoted, visible_text
from bonewise.core.status import Reading
from bonewise.core.summary import WeekSummary, summarize_day, summarize_week, summary_json
from bonewise.core.totals import Total, format_amount, format_number
from bonewise.errors import BonewiseError
from bonewise.paths import data_dir, reference_db_path
from bonewise.store import bundles
from bonewise.store.foodstore import FoodStore
from bonewise.store.repository import Repository
from bonewise.store.userfiles import check_output_path


def register(subparsers: Any) -> None:
    plan = subparsers.add_parser("plan", help="plan meals, see totals, export and import plans",
                                 description="Week plans: add food, see totals and checks, share plans.")
    verbs = plan.add_subparsers(dest="plan_command", metavar="ACTION")

    add = verbs.add_parser(
        "add", help="add a food to a meal",
        description='Add a food to a meal, by grams or by a household measure or dose, or as typed '
                    'text ("2 eggs", "a glass of milk") read the way the week grid reads it.',
    )
    add.add_argument("--person", required=True, metavar="NAME")
    add.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--meal", required=True, metavar="SLOT", help='meal name or id, e.g. "Breakfast"')
    add.add_argument("--food", metavar="FOOD_ID", help='food id, e.g. 01079')
    add.add_argument("--text", metavar="TEXT",
                     help='the food and amount as a person says them, e.g. "2 eggs" (instead of --food)')
    add.add_argument("--grams", metavar="G", help="amount in grams")
    add.add_argument("--measure", metavar="MEASURE", help='household measure or dose, e.g. "cup"')
    add.add_argument("--count", metavar="N", help="how many of the measure (default 1)")
    add.set_defaults(handler=add_food)

    show = verbs.add_parser("show", help="show a day or a week of meals")
    _person_and_period(show)
    show.set_defaults(handler=show_plan)

    totals = verbs.add_parser(
        "totals", help="nutrient totals, coverage and warnings for a day or a week",
        description="Totals of calcium, vitamin D, K2, magnesium and protein (and the supporting "
                    "nutrients), how many foods lack data, and the checks, each with its source.",
    )
    _person_and_period(totals)
    totals.set_defaults(handler=show_totals)

    export = verbs.add_parser(
        "export", help="write a person's weeks to a plan bundle file",
        description="Write weeks to a plan bundle (JSON, see docs/plan-bundle.md), with the "
                    "recipes and custom foods they use. FILE \"-\" writes to standard output.",
    )
    export.add_argument("--person", required=True, metavar="NAME")
    export.add_argument("--week", required=True, action="append", metavar="YYYY-Www",
                        help="the week to export; repeat for more weeks")
    export.add_argument("file", metavar="FILE")
    export.set_defaults(handler=export_plan)

    imp = verbs.add_parser(
        "import", help="read a plan bundle file",
        description="Import a plan bundle. If the person exists, the bundle's weeks replace "
                    "those weeks of theirs; --as imports them for another (new or existing) name. "
                    "A bundle with any error changes nothing. FILE \"-\" reads standard input.",
    )
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--as", dest="as_name", metavar="NAME", help="import for this person instead")
    imp.set_defaults(handler=import_plan)

    copy = verbs.add_parser(
        "copy", help="copy a week's meals to another week or another person",
        description="Copy every meal and note of one week onto another week, for the same person "
                    "or someone else. A target week that already holds meals is left alone "
                    "unless --replace is given.",
    )  # fmt: skip
    copy.add_argument("--person", required=True, metavar="NAME", help="whose week to copy")
    copy.add_argument("--week", required=True, metavar="YYYY-Www", help="the week to copy")
    copy.add_argument("--to-week", metavar="YYYY-Www", help="where to copy it (default: the same week)")
    copy.add_argument("--to-person", metavar="NAME", help="for whom (default: the same person)")
    copy.add_argument("--replace", action="store_true", help="replace what the target week holds")
    copy.set_defaults(handler=copy_plan)

    register_fill(verbs)  # plan fill: the auto-planner (cli/fill.py)


def _person_and_period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--person", required=True, metavar="NAME")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="one day")
    parser.add_argument("--week", metavar="YYYY-Www", help="a whole ISO week, e.g. 2026-W49")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


# -- handlers -----------------------------------------------------------------------


def add_food(args: argparse.Namespace) -> int:
    _check_add_options(args)
    date = parse_date(args.date)
    understood: phrases.Understanding | None = None
    with editing_folder(args), open_repository(args) as repo:
        person = repo.person_by_name(args.person)
        slot = find_slot(person, args.meal)
        with _foods(repo) as foods:
            if args.text is not None:  # read as the week grid reads it (core.phrases)
                understood = phrases.understand(args.text, foods, phrases.meal_words(slot))
                food, entry = understood.food, understood.entry()
            else:
                food = food_by_id(foods, args.food)
                entry = _entry_from_options(args, food)
        week = repo.week(person.saved_id, IsoWeek.of(date))
        changed, change = edits.place(week, date, slot.id, entry)
        repo.save_days(person.saved_id, [changed.day(d) for d in change.dates])
    if understood is not None and understood.corrected is not None:
        print(f"Showing results for {quoted(understood.corrected)}.")
    amount = amount_of(entry, food).with_grams
    print(f"Added {amount} of {food.name} to {slot.name} on {_day_text(date)} for {person.name}.")
    if understood is not None and understood.alternatives:
        others = "; ".join(f"{h.name} ({h.food_id})" for h in understood.alternatives[:3])
        print(f"Other foods fit about as well: {others}. To use one, remove this item and add it with --food ID.")
    return 0


def _check_add_options(args: argparse.Namespace) -> None:
    """One way to give the food and its amount: --text, or --food with --grams or --measure."""
    if args.text is not None:
        if any(v is not None for v in (args.food, args.grams, args.measure, args.count)):
            raise BonewiseError("--text gives the food and its amount; leave out --food, --grams, --measure and --count.")
        return
    if args.food is None:
        raise BonewiseError('Give the food: --food FOOD_ID (with --grams or --measure), or --text "2 eggs".')
    if (args.grams is None) == (args.measure is None):
        raise BonewiseError('Give either --grams G or --measure "MEASURE NAME" (with --count N).')
    if args.count is not None and args.measure is None:
        raise BonewiseError("--count goes with --measure; with --grams give the whole amount.")


def _entry_from_options(args: argparse.Namespace, food: Food) -> Entry:
    if args.grams is not None:
        return amounts.entry_for(food, grams=parse_number(args.grams, "--grams", example="150"))
    count = 1.0 if args.count is None else parse_number(args.count, "--count", example="2")
    return amounts.entry_for(food, measure=args.measure, count=count)


def show_plan(args: argparse.Namespace) -> int:
    with open_repository(args) as repo, _foods(repo) as foods:
        person = repo.person_by_name(args.person)
        dates, week = _period(args, repo, person)
        recipes = repo.recipes()
        days = [week.day(d) for d in dates]
        if args.json:
            print_json({
                "person": person.name,
                "days": [{
                    "date": day.date.isoformat(),
                    "note": day.note,
                    "meals": {slot_id: [_entry_json(e, foods, recipes) for e in entries]
                              for slot_id, entries in _meals_in_order(person, day)},
                } for day in days],
            })
            return 0
        for day in days:
            print(f"{_day_text(day.date)}" + (f" — {day.note}" if day.note else ""))
            if not any(day.meals.values()):
                print("  (nothing planned)")
            for slot_id, entries in _meals_in_order(person, day):
                print(f"  {_slot_name(person, slot_id)}")
                for entry in entries:
                    item = _entry_json(entry, foods, recipes)
                    print(f"    {item['amount']:>16}  {item['name']}")
    return 0


def show_totals(args: argparse.Namespace) -> int:
    with open_repository(args) as repo, _foods(repo) as foods:
        return _show_totals(args, repo, foods)


def _show_totals(args: argparse.Namespace, repo: Repository, foods: Any) -> int:
    person = repo.person_by_name(args.person)
    dates, week = _period(args, repo, person)
    recipes = repo.recipes()
    if args.date is not None:
        summary = summarize_day(person, week, dates[0], foods, recipes)
    else:
        summary = summarize_week(person, week, foods, recipes)
    if args.json:
        print_json(summary_json(summary))
        return 0
    if summary.period == "day":
        print(f"{person.name} — {_day_text(dates[0])}")
        _print_day_table(summary)
    else:
        print(f"{person.name} — week {week.week.week}, {week.week.year} "
              f"({_day_text(week.days[0].date)} to {_day_text(week.days[-1].date)})")
        _print_week_table(summary)
    _print_warnings(summary)
    return 0


def export_plan(args: argparse.Namespace) -> int:
    weeks = [parse_week(text) for text in args.week]
    folder = data_dir(args.data_dir)
    if args.file != "-":
        check_output_path(args.file, data_dir=folder, suffix=bundles.BUNDLE_SUFFIX)
    with open_repository(args) as repo, _foods(repo) as foods:
        person = repo.person_by_name(args.person)
        bundle = bundles.export_bundle(repo, person.saved_id, weeks, foods=foods)
    if args.file == "-":
        print_json(bundle)
        return 0
    path = bundles.write_bundle(bundle, Path(args.file), data_dir=folder)
    items = sum(len(es) for w in bundle["weeks"] for d in w["days"] for es in d["meals"].values())
    print(f"Wrote {', '.join(w['week'] for w in bundle['weeks'])} for {person.name} "
          f"({items} item{'s' if items != 1 else ''}) to {path}.")
    return 0


def import_plan(args: argparse.Namespace) -> int:
    if args.file == "-":
        data = sys.stdin.buffer.read(bundles.MAX_BYTES + 1)
    else:
        data = bundles.read_bundle_file(Path(args.file))
    with editing_folder(args), open_repository(args) as repo, _foods(repo) as foods:
        summary = bundles.import_bundle(repo, data, foods=foods, as_name=args.as_name)
    print(summary.describe())
    return 0


def copy_plan(args: argparse.Namespace) -> int:
    source_week = parse_week(args.week)
    target_week = parse_week(args.to_week, "--to-week") if args.to_week else source_week
    with editing_folder(args), open_repository(args) as repo:
        source = repo.person_by_name(args.person)
        target = repo.person_by_name(args.to_person) if args.to_person else source
        source_plan = repo.week(source.saved_id, source_week)
        edits.check_copy_week(source_plan, source, target_week, target)
        target_plan = repo.week(target.saved_id, target_week)
        if not args.replace and edits.is_planned(target_plan):
            raise BonewiseError(
                f"{target.name}'s week {target_week} already has meals; add --replace to overwrite it."
            )
        copied, change = edits.copy_week(source_plan, source, target_plan, target)
        repo.save_days(target.saved_id, [copied.day(d) for d in sorted(change.dates)])
    items = sum(len(es) for d in copied.days for es in d.meals.values())
    print(f"Copied {items} item{'s' if items != 1 else ''} from {source.name}'s week {source_week} "
          f"to {target.name}'s week {target_week}.")
    return 0


# -- helpers ----------------------------------------------------------------------


def find_slot(person: Person, text: str) -> MealSlot:
    """The person's meal slot whose name or id is ``text`` (ignoring case and spaces)."""
    wanted = " ".join(text.split()).casefold()
    for slot in person.slots:
        if wanted in (slot.id.casefold(), " ".join(slot.name.split()).casefold()):
            return slot
    names = ", ".join(s.name for s in person.slots)
    raise BonewiseError(
        f"{person.name} has no meal called '{visible_text(text.strip())}'; the meals are {names}."
    )


def _foods(repo: Repository) -> FoodStore:
    """The shipped foods plus the user's own, sharing the repository's connection."""
    return FoodStore(reference_db_path(), repo.custom_foods)


def _period(args: argparse.Namespace, repo: Repository, person: Person) -> tuple[list[dt.date], Any]:
    if (args.date is None) == (args.week is None):
        raise BonewiseError("Give either --date YYYY-MM-DD or --week YYYY-Www.")
    if args.date is not None:
        date = parse_date(args.date)
        return [date], repo.week(person.saved_id, IsoWeek.of(date))
    week = parse_week(args.week)
    return list(week.dates()), repo.week(person.saved_id, week)


def _day_text(date: dt.date) -> str:
    return f"{date:%A} {date.day} {date:%B} {date.year}"


def _slot_name(person: Person, slot_id: str) -> str:
    return next((s.name for s in person.slots if s.id == slot_id), slot_id)


def _ordered(person: Person, by_slot: Mapping[str, Any]) -> list[tuple[str, Any]]:
    order = {s.id: i for i, s in enumerate(person.slots)}
    return sorted(by_slot.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))


def _meals_in_order(person: Person, day: DayPlan) -> list[tuple[str, Any]]:
    return [(k, v) for k, v in _ordered(person, day.meals) if v]


def _entry_json(entry: Any, foods: Any, recipes: Mapping[str, Any]) -> dict[str, Any]:
    if entry.recipe_id is not None:
        recipe = recipes.get(entry.recipe_id)
        name = recipe.name if recipe is not None else "(a deleted recipe)"
        return {"recipe_id": entry.recipe_id, "name": name, "portions": entry.count,
                "amount": str(amount_of(entry, None))}
    food = foods.get(entry.food_id)
    amount = amount_of(entry, food).with_grams
    return {"food_id": entry.food_id, "name": food.name if food else f"(unknown food {entry.food_id})",
            "grams": entry.grams, "measure": entry.measure, "count": entry.count, "amount": amount}


def _print_day_table(summary: WeekSummary) -> None:
    rows = [
        [label_of(key), r.amount_text, r.status.text, r.target.phrase(), _coverage_text(r.total)]
        for key, r in summary.average.items()
    ]
    print_table(["Nutrient", "Amount", "Status", "Target", "Coverage"], rows, right={1})
    _print_targets(summary)


def _print_week_table(summary: WeekSummary) -> None:
    header = ["Nutrient", *(f"{d:%a}" for d in summary.dates), "Daily average", "Status"]
    rows = []
    for key, average in summary.average.items():
        cells = [label_of(key), *(_short(day[key].total) for day in summary.days)]
        rows.append([*cells, _short(average.total, unit=True), average.status.text])
    print_table(header, rows, right=set(range(1, len(summary.dates) + 2)))
    print(f"{summary.average_text}. ≥ marks a lower bound (some foods have no data for that "
          "nutrient), ? no data, – nothing planned.")
    _print_targets(summary)


def _print_targets(summary: WeekSummary) -> None:
    """Each line's target, limit, sources and the foods without data, under the table."""
    print()
    for key, r in summary.average.items():
        limit = r.target.limit_text()
        text = f"{label_of(key)}: {r.target.phrase()}" + (f", upper limit {limit}" if limit else "")
        text += f" ({_sources_text(r)})"
        if r.total.unknown_names:
            names = r.total.unknown_names
            more = f" and {len(names) - 3} more" if len(names) > 3 else ""
            text += f"; no data for {'; '.join(names[:3])}{more}"
        print(f"  {text}.")


def _short(total: Total, *, unit: bool = False) -> str:
    """A table cell: "1,210", "≥850", "?" (no data), "–" (nothing planned)."""
    if total.items == 0:
        return "–"
    if total.is_unknown:
        return "?"
    text = format_amount(total.value, total.key) if unit else format_number(total.value)
    return text if total.complete else f"≥{text}"


def _sources_text(reading: Reading) -> str:
    return "; ".join(s.short for s in reading.sources)


def _coverage_text(total: Total) -> str:
    if total.items == 0:
        return "nothing planned"
    if total.complete:
        return f"all {total.items} known"
    return f"{total.unknown} of {total.items} unknown"


def _print_warnings(summary: WeekSummary) -> None:
    """The findings by kind, heaviest first, each with its day and meal."""
    if not summary.findings:
        print("\nNo warnings.")
        return
    for group in summary.warnings:
        print(f"\n{group.severity.symbol} {group.heading}")
        for finding in group.findings:
            print(f"  - {finding.message}")
