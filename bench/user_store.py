"""Time loading and saving a full week in the user store: 6 slots × 7 days × 8 items.

Run: .venv/bin/python bench/user_store.py  (prints medians of several runs in ms)
Budget: a few ms each, so every edit can be saved at once without the user noticing.
The store is a real WAL file in a temporary folder (synchronous=NORMAL, as the app uses).
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import tempfile
import time
from pathlib import Path
from types import MappingProxyType

from bonewise.core.plan import DEFAULT_SLOTS, DayPlan, Entry, IsoWeek, Person
from bonewise.store import bundles
from bonewise.store.repository import Repository

RUNS = 50
WEEK = IsoWeek(2026, 49)


def full_week(seed: int) -> list[DayPlan]:
    return [
        DayPlan(date, MappingProxyType({
            slot.id: tuple(Entry(f"{(d * 8 + i) % 90:05d}", 20.0 + seed + i, "cup", 1.0) for i in range(8))
            for slot in DEFAULT_SLOTS
        }), f"note {d}")
        for d, date in enumerate(WEEK.dates())
    ]


class NoCustomFoods:
    """Bundles only consult the food store for custom foods and unknown ids; none here."""

    def get(self, food_id):
        return object()

    def search(self, text, limit=20):
        return []


def median_ms(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        repo = Repository.open(Path(folder))
        person = repo.save_person(Person("Bench"))
        # Some history around the week, so the index has something to skip.
        for shift in range(-10, 11):
            days = [DayPlan(d.date + dt.timedelta(weeks=shift), d.meals, d.note) for d in full_week(shift)]
            repo.save_days(person.id, days)
        weeks = [full_week(i) for i in range(RUNS)]
        saves = iter(weeks)
        save = median_ms(lambda: repo.save_days(person.id, next(saves)))
        load = median_ms(lambda: repo.week(person.id, WEEK))
        wednesday = full_week(0)[2]
        one_day = median_ms(lambda: repo.save_days(person.id, [wednesday]))
        foods = NoCustomFoods()
        export = median_ms(lambda: bundles.export_bundle(repo, person.id, [WEEK], foods=foods), 20)
        data = json.dumps(bundles.export_bundle(repo, person.id, [WEEK], foods=foods))
        parse = median_ms(lambda: bundles.parse_bundle(data), 20)
        items = sum(len(es) for d in repo.week(person.id, WEEK).days for es in d.meals.values())
        repo.close()
    print(f"full week ({items} items): save {save:.2f} ms, load {load:.2f} ms (median of {RUNS})")
    print(f"save one edited day: {one_day:.2f} ms")
    print(f"bundle of that week: export {export:.2f} ms, parse+validate {parse:.2f} ms "
          f"({len(data) / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
