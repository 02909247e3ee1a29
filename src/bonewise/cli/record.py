"""``bonewise person record NAME``: list, add to or remove from a person's dated health record."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from bonewise.cli._userargs import (
    editing_folder,
    open_repository,
    parse_date,
    parse_number,
    print_json,
    print_table,
)
from bonewise.core.record import (
    AromataseInhibitor,
    BoneDrug,
    DxaSite,
    ExerciseKind,
    HealthRecord,
    Interval,
    Kind,
    RecordEntry,
    day_text,
    dose_reminders,
)
from bonewise.core.rules import check_record_entry, quoted
from bonewise.core.targets import ng_per_ml_from_nmol
from bonewise.errors import BonewiseError
from bonewise.store.bundles.export import record_entry_json

SHORT_ID = 8  # characters of an entry's id shown in the list; any unique start is accepted


def register_record(verbs: Any) -> None:
    record = verbs.add_parser(
        "record", help="a person's dated health record: list, add, remove",
        description="List NAME's health record (no options), or add dated entries to it; each "
        "option adds one entry dated --date (default today). History is kept: a new value is "
        "added, never written over an old one.",
        epilog="Examples: bonewise person record Zoë --dxa lumbar-spine=-2.1 --dxa total-hip=-1.6 "
        "--date 2026-05-10; bonewise person record Zoë --dose denosumab --every 6m --date 2026-06-01",
    )  # fmt: skip
    record.add_argument("name", metavar="NAME")
    record.add_argument("--date", metavar="YYYY-MM-DD", help="the date of the entries added (default today)")
    record.add_argument("--ai", choices=_words(AromataseInhibitor), metavar="DRUG",
                        help=f"aromatase inhibitor started on --date: {', '.join(_words(AromataseInhibitor))}")
    record.add_argument("--dose", metavar="DRUG",
                        help=f"a bone-drug dose given on --date: {', '.join(_words(BoneDrug))}")
    record.add_argument("--every", metavar="INTERVAL", help="with --dose: how often, e.g. 6m, 12m, 1w")
    record.add_argument("--dxa", action="append", default=[], metavar="SITE=T",
                        help=f"a DXA T-score (repeat per site): {', '.join(_words(DxaSite))}")
    record.add_argument("--vitamin-d", metavar="LEVEL", help="a 25(OH)D blood level in ng/mL")
    record.add_argument("--nmol", action="store_true", help="with --vitamin-d: the level is in nmol/L")
    record.add_argument("--frax-major", metavar="PERCENT", help="FRAX 10-year major osteoporotic fracture risk")
    record.add_argument("--frax-hip", metavar="PERCENT", help="FRAX 10-year hip fracture risk")
    record.add_argument("--falls", metavar="N", help="falls in the year up to --date")
    record.add_argument("--exercise", action="append", default=[], metavar="KIND=MIN",
                        help=f"minutes a week (repeat per kind): {', '.join(_words(ExerciseKind))}")
    record.add_argument("--remove", action="append", default=[], metavar="ID",
                        help="remove an entry by the id the list shows (repeat for more)")
    record.add_argument("--json", action="store_true", help="print the record as JSON")
    record.set_defaults(handler=person_record)


def person_record(args: argparse.Namespace) -> int:
    today = dt.date.today()
    entries = _entries(args, today)
    if args.every and not args.dose:
        raise BonewiseError("--every goes with --dose, e.g. --dose denosumab --every 6m.")
    if args.nmol and args.vitamin_d is None:
        raise BonewiseError("--nmol goes with --vitamin-d.")
    if entries or args.remove:
        with editing_folder(args), open_repository(args) as repo:
            person = repo.person_by_name(args.name)
            removed = []
            if args.remove:
                ids = [_full_id(repo.record(person.saved_id), short) for short in args.remove]
                removed = repo.remove_record_entries(person.saved_id, ids)
            if entries:
                repo.add_record_entries(person.saved_id, entries)
        if not args.json:
            for entry in entries:
                print(f"Added {entry.label}: {entry.value_text} ({day_text(entry.date)}) for {person.name}.")
            for entry in removed:
                print(f"Removed {entry.label}: {entry.value_text} ({day_text(entry.date)}) for {person.name}.")
    with open_repository(args) as repo:
        person = repo.person_by_name(args.name)
        record = repo.record(person.saved_id)
    reminders = dose_reminders(record, today)
    if args.json:
        print_json({
            "person": person.name,
            "record": [record_entry_json(e) for e in record.entries],
            "next_doses": [{"drug": r.drug, "last_dose": r.last_dose.isoformat(), "interval": str(r.interval),
                            "next_due": r.next_due.isoformat(), "status": r.status} for r in reminders],
        })  # fmt: skip
        return 0
    if entries or args.remove:
        return 0
    if not record.entries:
        print(f"{person.name}'s health record is empty. Add to it with e.g.: "
              f"bonewise person record {_shell(person.name)} --vitamin-d 32 --date 2026-10-14")  # fmt: skip
        return 0
    rows = [[e.date.isoformat(), e.label, e.value_text, e.id[:SHORT_ID]] for e in reversed(record.entries)]
    print_table(["Date", "What", "Value", "Id"], rows)
    for reminder in reminders:
        print(reminder.message)
    return 0


def _entries(args: argparse.Namespace, today: dt.date) -> list[RecordEntry]:
    """One entry per option given, all dated --date (default today), each checked."""
    date = parse_date(args.date) if args.date else today
    found: list[RecordEntry] = []
    if args.ai:
        found.append(RecordEntry(Kind.AROMATASE_INHIBITOR, date, _word(args.ai)))
    if args.dose is not None:
        if not args.every:
            raise BonewiseError("--dose needs --every, how often it is given: e.g. 6m, 12m or 1w.")
        try:
            interval = Interval.parse(args.every)
        except ValueError as exc:
            raise BonewiseError(f"--every: {exc}.") from None
        found.append(RecordEntry(Kind.BONE_DRUG_DOSE, date, _word(args.dose), interval=interval))
    for text in args.dxa:
        site, value = _pair(text, "--dxa", "lumbar-spine=-2.1")
        found.append(RecordEntry(Kind.DXA, date, site, parse_number(value, f"--dxa {site}", example="-2.1")))
    if args.vitamin_d is not None:
        level = parse_number(args.vitamin_d, "--vitamin-d", example="32")
        found.append(RecordEntry(Kind.VITAMIN_D, date, value=round(ng_per_ml_from_nmol(level), 1) if args.nmol else level))
    if args.frax_major is not None or args.frax_hip is not None:
        major = None if args.frax_major is None else parse_number(args.frax_major, "--frax-major", example="12")
        hip = None if args.frax_hip is None else parse_number(args.frax_hip, "--frax-hip", example="2.5")
        found.append(RecordEntry(Kind.FRAX, date, value=major, value2=hip))
    if args.falls is not None:
        found.append(RecordEntry(Kind.FALLS, date, value=parse_number(args.falls, "--falls", example="1")))
    for text in args.exercise:
        kind, minutes = _pair(text, "--exercise", "balance=30")
        found.append(RecordEntry(Kind.EXERCISE, date, kind, parse_number(minutes, f"--exercise {kind}", example="30")))
    return [check_record_entry(e, today=today) for e in found]


def _pair(text: str, option: str, example: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise BonewiseError(f"{option} takes NAME=NUMBER, e.g. {option} {example}, not {quoted(text)}.")
    return _word(name), value.strip()


def _word(text: str) -> str:
    """ "lumbar-spine" or "Lumbar_Spine" -> "lumbar spine", as the record names it."""
    return " ".join(text.replace("-", " ").replace("_", " ").split()).casefold()


def _words(choices: Iterable[StrEnum]) -> list[str]:
    return [c.value.replace(" ", "-") for c in choices]


def _full_id(record: HealthRecord, short: str) -> str:
    matches = [e.id for e in record.entries if e.id.startswith(short.strip())] if short.strip() else []
    if len(matches) != 1:
        problem = "matches no entry" if not matches else "matches several entries; give more of it"
        raise BonewiseError(f"The id {quoted(short)} {problem} (see: bonewise person record NAME).")
    return matches[0]


def _shell(name: str) -> str:
    return name if name.replace("-", "").isalnum() else f'"{name}"'
