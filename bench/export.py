"""Time the PDF export: one full week (plan + report + shopping list), and twelve weeks in one PDF.

Run: .venv/bin/python bench/export.py  (prints medians of several runs, wall clock and CPU)
Budget (DESIGN.md): a week ≤ 0.5 s, twelve weeks ≤ 3 s.
The week is the heavy case: 6 meals × 7 days × 8 items of real USDA foods from the
shipped store (with their household measures), plus supplements, so the grid runs
over several pages and every chart and list is full. The first export of a process
also registers the fonts and builds the styles; it is reported on its own line.
"""

from __future__ import annotations

import itertools
import statistics
import time
from types import MappingProxyType

from bonewise import paths
from bonewise.core.plan import DEFAULT_SLOTS, DayPlan, Entry, IsoWeek, Person, WeekPlan
from bonewise.export.pdf import week_pdf, weeks_pdf
from bonewise.store.foodstore import FoodStore

SECTIONS = ("plan", "report", "shopping")
WEEK = IsoWeek(2026, 49)
PERSON = Person("Zoë Ørsted", id=1, weight_kg=64, t_score=-1.8, vitamin_d_lab_ng_ml=27.0)
# Common foods of a bone-friendly week (USDA SR24 ids) and two supplements.
FOOD_IDS = (
    "01077", "01123", "01009", "01116", "15237", "15088", "11233", "12061", "16113", "08121",
    "18075", "09291", "14209", "04053", "09003", "09040", "11090", "20044", "05064", "11124",
    "16057", "12155", "09326", "11457", "01026", "20121", "16015", "09252", "11529", "15076",
)  # fmt: skip
SUPPLEMENTS = ("sup-calcium-carbonate-600", "sup-vitamin-d3-1000")


def full_week(store: FoodStore, week: IsoWeek) -> WeekPlan:
    foods = [f for f in store.get_many(FOOD_IDS).values()]
    supplements = list(store.get_many(SUPPLEMENTS).values())
    pool = itertools.cycle(foods)
    days = []
    for date in week.dates():
        meals = {}
        for slot in DEFAULT_SLOTS:
            items = []
            for _ in range(8):
                food = next(pool)
                serving = store.usual_serving(food)
                items.append(Entry(food.id, serving.grams_per_unit, serving.name, 1.0))
            meals[slot.id] = tuple(items)
        meals["bedtime"] = tuple(Entry(s.id, 1.0, s.measures[0].name, 1.0) for s in supplements) + meals[
            "bedtime"
        ][: 8 - len(supplements)]
        days.append(DayPlan(date, MappingProxyType(meals)))
    return WeekPlan(PERSON.id, week, tuple(days))


def timed(fn, runs: int) -> tuple[float, float]:
    """Median wall-clock and median CPU seconds of ``runs`` calls."""
    wall, cpu = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    with FoodStore(paths.reference_db_path()) as store:
        week = full_week(store, WEEK)
        weeks = [(PERSON, full_week(store, WEEK.shifted(i))) for i in range(12)]
        items = sum(len(e) for d in week.days for e in d.meals.values())

        start = time.perf_counter()
        data = week_pdf(PERSON, week, store, {}, sections=SECTIONS)
        print(f"first export in this process (fonts, styles): {time.perf_counter() - start:.3f} s")

        wall, cpu = timed(lambda: week_pdf(PERSON, week, store, {}, sections=SECTIONS), 9)
        print(f"one week, {items} items, {len(data) // 1024} KiB: median {wall:.3f} s "
              f"(CPU {cpu:.3f} s)  budget 0.5 s")  # fmt: skip
        data = weeks_pdf(weeks, store, {}, sections=SECTIONS)
        wall, cpu = timed(lambda: weeks_pdf(weeks, store, {}, sections=SECTIONS), 5)
        print(f"twelve weeks in one PDF, {len(data) // 1024} KiB: median {wall:.3f} s "
              f"(CPU {cpu:.3f} s)  budget 3 s")  # fmt: skip


if __name__ == "__main__":
    main()
