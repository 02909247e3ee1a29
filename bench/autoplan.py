"""Time filling an empty week with the auto-planner, on the shipped foods and staples.

Run: .venv/bin/python bench/autoplan.py  (prints the median and the slowest of several runs;
the CPU time beside the median shows what a busy machine adds to the wall time)
Budget: a week filled within 2 s (issue 6, DESIGN.md). The food store is opened
and the pool built once outside the timing, as the app does; the timing covers
auto_plan() itself: every HiGHS solve, the entries, and the shortfall check.
"""

from __future__ import annotations

import statistics
import sys
import time

from bonewise.core.autoplan import AutoPlanOptions, auto_plan
from bonewise.core.plan import IsoWeek, Person, SoyPreference, WeekPlan
from bonewise.core.pool import build_pool, load_staples, planner_supplements
from bonewise.core.targets import targets_for
from bonewise.paths import reference_db_path, resources_dir
from bonewise.store.foodstore import FoodStore

BUDGET_S = 2.0
RUNS = 5
WEEK = IsoWeek(2026, 49)
PEOPLE = (
    Person("70 kg, no flags", weight_kg=70),
    Person("95 kg, on warfarin", weight_kg=95, on_warfarin=True),
    Person("58 kg, vegetarian, dairy-free, no soy", weight_kg=58, vegetarian=True, dairy_free=True,
           soy=SoyPreference.AVOID),
)  # fmt: skip


def main() -> int:
    staples = load_staples(resources_dir() / "staples.csv")
    worst = 0.0
    with FoodStore(reference_db_path()) as store:
        supplements = planner_supplements(store.supplements())
        for person in PEOPLE:
            pool = build_pool(
                person, store, staples, supplements=supplements, serving=store.usual_serving
            )
            targets = targets_for(person)
            times, cpu, result = [], [], None
            for _ in range(RUNS):
                start, start_cpu = time.perf_counter(), time.process_time()
                result = auto_plan(person, WeekPlan.empty(1, WEEK), WEEK.dates(), pool, store, targets,
                                   options=AutoPlanOptions())  # fmt: skip
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            median = statistics.median(times)
            worst = max(worst, median)
            print(
                f"{person.name:40s} median {median:.2f} s (CPU {statistics.median(cpu):.2f} s)  "
                f"slowest {max(times):.2f} s  "
                f"items {len(result.added)}  unmet {len(result.shortfalls)}  ({result.status})"
            )
    verdict = "within" if worst <= BUDGET_S else "OVER"
    print(f"auto-plan of a week: worst median {worst:.2f} s, {verdict} the {BUDGET_S:g} s budget")
    return 0 if worst <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
