"""Write a demo data folder: Zoë and a realistic bone-health week, for screenshots and trying the app.

    .venv/bin/python tools/make_demo_data.py /tmp/uidemo            # week 2026-W49
    .venv/bin/python tools/make_demo_data.py /tmp/uidemo --week 2026-W50 --empty

Zoë is on an aromatase inhibitor, 64 kg, T-score −1.8, vitamin D blood level
27 ng/mL. Her week mixes dairy, canned fish with bones, calcium-set tofu, greens,
nuts and legumes, with a vitamin D softgel at night. Two days carry the things
the app should flag: a dinner with more calcium than is absorbed well at once, and
a 600 mg calcium tablet taken in one go. The window opens on that week next time.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from pathlib import Path

from bonewise.core import planner
from bonewise.core.plan import DayPlan, IsoWeek, Person, SoyPreference, WeekPlan
from bonewise.paths import reference_db_path
from bonewise.store.foodstore import FoodStore
from bonewise.store.repository import Repository

# (slot, food id, amount) per day, Monday first. Ids are USDA SR24 numbers.
WEEK_MENU: tuple[tuple[tuple[str, str, str], ...], ...] = (
    (  # Monday
        ("breakfast", "08121", "1 cup"), ("breakfast", "01079", "1 cup"),
        ("breakfast", "09050", "0.5 cup"),
        ("morning-snack", "09202", "1 fruit (2-7/8\" dia)"),
        ("lunch", "15088", "1 can (3.75 oz)"), ("lunch", "18075", "2 slice"),
        ("lunch", "11233", "1 cup, chopped"),
        ("afternoon-snack", "01117", "1 cup (8 fl oz)"),
        ("dinner", "15086", "3 oz"), ("dinner", "11091", "1 cup, chopped"),
        ("dinner", "20137", "1 cup"),
        ("bedtime", "sup-vitamin-d3-1000", "1 softgel"),
    ),
    (  # Tuesday
        ("breakfast", "01117", "1 cup (8 fl oz)"), ("breakfast", "12061", "1 oz (23 whole kernels)"),
        ("breakfast", "09050", "0.5 cup"),
        ("morning-snack", "14209", "1 cup (8 fl oz)"), ("morning-snack", "01079", "2 fl oz"),
        ("lunch", "16050", "1 cup"), ("lunch", "11458", "1 cup"), ("lunch", "04053", "1 tablespoon"),
        ("afternoon-snack", "01009", "1 oz"), ("afternoon-snack", "09003", "1 medium (3\" dia)"),
        ("dinner", "15086", "3 oz"), ("dinner", "20037", "1 cup"),
        ("dinner", "11091", "0.5 cup, chopped"),
        ("bedtime", "sup-calcium-carbonate-600", "1 tablet"),
        ("bedtime", "sup-vitamin-d3-1000", "1 softgel"),
    ),
    (  # Wednesday
        ("breakfast", "01132", "2 large"), ("breakfast", "18075", "1 slice"),
        ("breakfast", "09211", "1 cup"),
        ("morning-snack", "09094", "3 fig"),
        ("lunch", "16070", "1 cup"), ("lunch", "11529", "1 medium whole (2-3/5\" dia)"),
        ("lunch", "01032", "1 tbsp"),
        ("afternoon-snack", "01117", "0.5 container (4 oz)"),
        ("dinner", "05064", "1 cup, chopped or diced"), ("dinner", "11674", "1 potato medium"),
        ("dinner", "11233", "1 cup, chopped"),
        ("bedtime", "01079", "1 cup"), ("bedtime", "sup-vitamin-d3-1000", "1 softgel"),
    ),
    (  # Thursday: a dinner with more calcium than one sitting absorbs well
        ("breakfast", "08121", "1 cup"), ("breakfast", "16168", "1 cup"),
        ("breakfast", "12155", "1 oz (14 halves)"),
        ("morning-snack", "09040", "1 medium (7\" to 7-7/8\" long)"),
        ("lunch", "15088", "1 can (3.75 oz)"), ("lunch", "11233", "1 cup, chopped"),
        ("lunch", "18075", "1 slice"),
        ("afternoon-snack", "16137", "2 tablespoon"),
        ("dinner", "16426", "0.5 cup"), ("dinner", "01009", "1.5 oz"),
        ("dinner", "11091", "1 cup, chopped"), ("dinner", "20037", "1 cup"),
        ("bedtime", "sup-vitamin-d3-1000", "1 softgel"),
    ),
    (  # Friday
        ("breakfast", "01117", "1 cup (8 fl oz)"), ("breakfast", "12006", "0.5 oz"),
        ("breakfast", "09050", "0.5 cup"),
        ("morning-snack", "14209", "1 cup (8 fl oz)"),
        ("lunch", "16050", "1 cup"), ("lunch", "11529", "1 cup cherry tomatoes"),
        ("lunch", "01032", "1 tbsp"),
        ("afternoon-snack", "12061", "1 oz (23 whole kernels)"),
        ("dinner", "15086", "3 oz"), ("dinner", "11458", "1 cup"), ("dinner", "11674", "1 potato small"),
        ("bedtime", "01079", "1 cup"), ("bedtime", "sup-vitamin-d3-1000", "1 softgel"),
    ),
    (  # Saturday
        ("breakfast", "01132", "2 large"), ("breakfast", "18075", "2 slice"),
        ("breakfast", "09211", "1 cup"),
        ("lunch", "16137", "4 tablespoon"), ("lunch", "11529", "1 cup cherry tomatoes"),
        ("lunch", "01009", "1 oz"),
        ("dinner", "05064", "1 cup, chopped or diced"), ("dinner", "20137", "1 cup"),
        ("dinner", "11233", "1 cup, chopped"),
        ("bedtime", "sup-vitamin-d3-1000", "1 softgel"),
    ),
    (  # Sunday
        ("breakfast", "08121", "1 cup"), ("breakfast", "01079", "1 cup"),
        ("breakfast", "09094", "2 fig"),
        ("lunch", "15088", "1 can (3.75 oz)"), ("lunch", "11458", "1 cup"),
        ("afternoon-snack", "01117", "1 cup (8 fl oz)"),
        ("dinner", "16070", "1 cup"), ("dinner", "20037", "1 cup"), ("dinner", "11091", "1 cup, chopped"),
        ("bedtime", "sup-vitamin-d3-1000", "1 softgel"),
    ),
)  # fmt: skip

NOTES = {3: "Dinner with Ana: tofu bake", 5: "Market in the morning"}


def demo_person() -> Person:
    return Person(
        name="Zoë", weight_kg=64.0, t_score=-1.8, vitamin_d_lab_ng_ml=27.0,
        vitamin_d_lab_date=dt.date(2026, 10, 14), soy=SoyPreference.WHOLE_FOODS,
    )  # fmt: skip


def demo_week(foods: FoodStore, person_id: int, week: IsoWeek) -> WeekPlan:
    """Zoë's week, with every amount resolved through the planner."""
    plan = WeekPlan.empty(person_id, week)
    for date, menu in zip(week.dates(), WEEK_MENU, strict=True):
        for slot, food_id, amount in menu:
            food = foods.get(food_id)
            if food is None:
                raise SystemExit(f"make_demo_data: food {food_id} is not in the food store")
            plan, _ = planner.place(plan, date, slot, planner.entry_from_text(food, amount))
    for day_index, note in NOTES.items():
        plan, _ = planner.set_note(plan, week.dates()[day_index], note)
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
        foods = FoodStore(reference_db_path(), repo.db)
        plan = WeekPlan.empty(person.id, week) if args.empty else demo_week(foods, person.id, week)
        repo.save_days(person.id, [DayPlan(d) for d in week.dates()])
        repo.save_week(plan)
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
