"""Write a demo data folder: Zoë and a realistic bone-health week, for screenshots and trying the app.

    .venv/bin/python tools/make_demo_data.py /tmp/uidemo            # week 2026-W49
    .venv/bin/python tools/make_demo_data.py /tmp/uidemo --week 2026-W50 --empty

Zoë is on an aromatase inhibitor, born 1962, 64 kg, T-score −1.8, vitamin D blood level
27 ng/mL, with a health record of three years: letrozole since Feb 2024, three
DXA scans, five 25(OH)D results, FRAX, denosumab every six months (the last
dose 20 May 2026, so the next is late in week 49), a fall and her exercise.
Her week is the app's example week (core/example_week.py: dairy, canned
fish with bones, tofu, greens, nuts and legumes, and the meals the app should flag)
plus two day notes. The window opens on that week next time.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from pathlib import Path

from bonewise.core import edits
from bonewise.core.example_week import place_example_week
from bonewise.core.plan import DayPlan, IsoWeek, Person, SoyPreference, WeekPlan
from bonewise.core.record import Interval, Kind, RecordEntry
from bonewise.errors import BonewiseError
from bonewise.paths import reference_db_path
from bonewise.store.foodstore import FoodStore
from bonewise.store.repository import Repository

NOTES = {3: "Dinner with Ana: tofu bake", 5: "Market in the morning"}


def demo_person() -> Person:
    return Person(
        name="Zoë", weight_kg=64.0, birth_year=1962, t_score=-1.8, vitamin_d_lab_ng_ml=27.0,
        vitamin_d_lab_date=dt.date(2026, 10, 14), soy=SoyPreference.WHOLE_FOODS,
    )  # fmt: skip


def demo_record() -> list[RecordEntry]:
    """Zoë's health record: the history an appointment page shows as trends."""
    d = dt.date
    six_months = Interval.parse("6m")
    entries = [RecordEntry(Kind.AROMATASE_INHIBITOR, d(2024, 2, 12), "letrozole")]
    for day, spine, neck, hip in ((d(2024, 1, 15), -1.6, -1.2, -0.9), (d(2025, 1, 20), -2.0, -1.5, -1.1),
                                  (d(2026, 1, 22), -2.4, -1.8, -1.3)):  # fmt: skip
        entries += [RecordEntry(Kind.DXA, day, "lumbar spine", spine), RecordEntry(Kind.DXA, day, "femoral neck", neck),
                    RecordEntry(Kind.DXA, day, "total hip", hip)]  # fmt: skip
    entries.append(RecordEntry(Kind.FRAX, d(2026, 1, 22), value=14.0, value2=2.1))
    for day, level in ((d(2024, 1, 15), 18.0), (d(2024, 7, 10), 24.0), (d(2025, 1, 20), 29.0),
                       (d(2025, 10, 2), 31.0), (d(2026, 10, 14), 27.0)):  # fmt: skip
        entries.append(RecordEntry(Kind.VITAMIN_D, day, value=level))
    for day in (d(2025, 5, 26), d(2025, 11, 20), d(2026, 5, 20)):
        entries.append(RecordEntry(Kind.BONE_DRUG_DOSE, day, "denosumab", interval=six_months))
    entries.append(RecordEntry(Kind.FALLS, d(2026, 10, 14), value=1.0))
    for kind, minutes in (("balance", 20.0), ("resistance", 40.0), ("aerobic", 150.0)):
        entries.append(RecordEntry(Kind.EXERCISE, d(2026, 9, 1), kind, minutes))
    return entries


def demo_week(foods: FoodStore, person_id: int, week: IsoWeek) -> WeekPlan:
    """Zoë's week: the example week, with every amount read like typed text, and notes."""
    try:
        plan, _ = place_example_week(WeekPlan.empty(person_id, week), foods)
    except BonewiseError as exc:
        raise SystemExit(f"make_demo_data: {exc}") from None
    for day_index, note in NOTES.items():
        plan, _ = edits.set_note(plan, week.dates()[day_index], note)
    return plan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--week", default="2026-W49", help="ISO week to fill (default 2026-W49)")
    parser.add_argument("--empty", action="store_true", help="only add Zoë, plan nothing")
    args = parser.parse_args(argv)
    week = IsoWeek.parse(args.week)
    args.data_dir.mkdir(parents=True, exist_ok=True)
    with Repository.open(args.data_dir) as repo:
        existing = repo.find_person("Zoë")
        person = repo.save_person(
            dataclasses.replace(demo_person(), id=existing.id if existing else None)
        )
        foods = FoodStore(reference_db_path(), repo.custom_foods)
        plan = WeekPlan.empty(person.id, week) if args.empty else demo_week(foods, person.id, week)
        repo.save_days(person.id, [DayPlan(d) for d in week.dates()])
        repo.save_week(plan)
        if not args.empty:
            repo.remove_record_entries(person.id, [e.id for e in repo.record(person.id).entries])
            repo.add_record_entries(person.id, demo_record())
    _open_on(args.data_dir, person.id, week)
    items = sum(len(es) for day in plan.days for es in day.meals.values())
    print(f"{args.data_dir}: {person.name}, week {week}, {items} items")
    return 0


def _open_on(data_dir: Path, person_id: int, week: IsoWeek) -> None:
    """Make the window open on this person and week (the settings file it reads at start)."""
    from bonewise.ui.settings import SettingsStore

    store = SettingsStore.in_folder(data_dir)
    store.save(dataclasses.replace(store.load(), last_person_id=person_id, last_week=week))


if __name__ == "__main__":
    sys.exit(main())
