"""``bonewise export …``: a week's plan, report and summary, or a shopping list, as a PDF."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from bonewise.cli._userargs import open_repository, parse_date, parse_week
from bonewise.core.plan import Person
from bonewise.core.shopping import pantry_from_settings
from bonewise.export.options import (
    PAGE_SIZE_NAMES,
    SECTION_NAMES,
    PageSetup,
    page_setup_from_settings,
    parse_sections,
)
from bonewise.paths import data_dir
from bonewise.store.foodstore import FoodStore
from bonewise.store.userfiles import check_output_path, write_user_file


def register(subparsers: Any) -> None:
    export = subparsers.add_parser(
        "export", help="print a week or a shopping list to PDF",
        description="Write printable PDF documents.",
    )  # fmt: skip
    kinds = export.add_subparsers(dest="export_command", metavar="WHAT")

    pdf = kinds.add_parser(
        "pdf", help="a person's week: plan, nutrient report, appointment summary, shopping list",
        description="Write one person's week as a PDF with the chosen sections.",
    )  # fmt: skip
    pdf.add_argument("--person", required=True, metavar="NAME", help="whose week")
    pdf.add_argument("--week", required=True, metavar="YYYY-Www", help="e.g. 2026-W49")
    pdf.add_argument("--out", required=True, metavar="FILE", help="the PDF file to write")
    pdf.add_argument(
        "--sections", default=",".join(SECTION_NAMES), metavar="LIST",
        help=f"comma-separated, in the order wanted, from {', '.join(SECTION_NAMES)} (default: all, in that order)",
    )  # fmt: skip
    _page_options(pdf)
    _day_options(pdf)
    pdf.set_defaults(handler=export_pdf)

    shopping = kinds.add_parser(
        "shopping-list", help="one merged shopping list for one or more people",
        description="Write one shopping list for everyone named, merged per food and grouped by "
        "aisle, for the days from today on; foods a person always has at home (bonewise person "
        "pantry) are left out for that person.",
    )  # fmt: skip
    shopping.add_argument("--person", required=True, action="append", metavar="NAME",
                          help="repeat for each person on the list")  # fmt: skip
    shopping.add_argument("--week", required=True, metavar="YYYY-Www")
    shopping.add_argument("--out", required=True, metavar="FILE")
    _page_options(shopping)
    _day_options(shopping)
    shopping.set_defaults(handler=export_shopping_list)


def _day_options(parser: Any) -> None:
    days = parser.add_mutually_exclusive_group()
    days.add_argument("--from", dest="from_day", metavar="YYYY-MM-DD",
                      help="shop for the days from this date on (default: today)")  # fmt: skip
    days.add_argument("--all-days", action="store_true", help="shop for every day of the week, past days too")


def _first_day(args: Any) -> dt.date | None:
    """The first day to shop for: --from, else today; None with --all-days."""
    if args.all_days:
        return None
    return parse_date(args.from_day, "--from") if args.from_day else dt.date.today()


def _page_options(parser: Any) -> None:
    parser.add_argument("--page-size", choices=PAGE_SIZE_NAMES,
                        help="paper size (default: your setting, else the locale's)")  # fmt: skip
    parser.add_argument("--large-print", action="store_true", help="bigger type throughout")


def _setup(args: Any, settings: dict) -> PageSetup:
    setup = page_setup_from_settings(settings, large_print=args.large_print or None)
    return dataclasses.replace(setup, size=args.page_size) if args.page_size else setup


def export_pdf(args: Any) -> int:
    from bonewise.export.pdf import week_pdf  # reportlab only when a PDF is made

    sections = parse_sections(args.sections)
    week = parse_week(args.week)
    check_output_path(args.out, data_dir=data_dir(args.data_dir), suffix=".pdf")  # before the work
    with open_repository(args) as repo:
        person = repo.person_by_name(args.person)
        plan = repo.week(person.saved_id, week)
        recipes = repo.recipes()
        settings = repo.settings()
        record = repo.record(person.saved_id)
    with FoodStore.open(data_dir(args.data_dir)) as foods:
        data = week_pdf(person, plan, foods, recipes, sections=sections, setup=_setup(args, settings),
                        pantry=pantry_from_settings(settings), shop_from=_first_day(args),
                        records={person.id: record})  # fmt: skip
    path = write_user_file(data, args.out, data_dir=data_dir(args.data_dir), suffix=".pdf")
    print(f"Wrote {path} ({', '.join(sections)}).")
    return 0


def export_shopping_list(args: Any) -> int:
    from bonewise.export.pdf import shopping_pdf

    week = parse_week(args.week)
    check_output_path(args.out, data_dir=data_dir(args.data_dir), suffix=".pdf")
    with open_repository(args) as repo:
        people: dict[int, Person] = {}
        for name in args.person:
            person = repo.person_by_name(name)
            people.setdefault(person.saved_id, person)  # the same person named twice is listed once
        plans = [(person, repo.week(person.saved_id, week)) for person in people.values()]
        recipes = repo.recipes()
        settings = repo.settings()
    with FoodStore.open(data_dir(args.data_dir)) as foods:
        data = shopping_pdf(plans, foods, recipes, setup=_setup(args, settings),
                            pantry=pantry_from_settings(settings), from_day=_first_day(args))  # fmt: skip
    path = write_user_file(data, args.out, data_dir=data_dir(args.data_dir), suffix=".pdf")
    print(f"Wrote {path} (shopping list for {len(plans)} {'person' if len(plans) == 1 else 'people'}).")
    return 0
