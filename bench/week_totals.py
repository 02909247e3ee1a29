"""Time recomputing a full week's totals: 6 slots × 7 days × 8 items, every plan nutrient.

Run: .venv/bin/python bench/week_totals.py  (prints medians of several runs in ms)
Budget: 2 ms for the totals (issue 3), inside the 16 ms an edit may take to repaint the
gauges (DESIGN.md). The full set of checks for the week is timed too, for reference, and the
whole week summary: from scratch (``summarize_week``: the command line, the PDF) and after an
edit of one day (``WeekSummarizer``: the window). "CPU" is this process's CPU time for the same
calls: on a busy machine the wall-clock numbers include waiting for a core, the CPU time does not.
"""

from __future__ import annotations

import dataclasses
import random
import statistics
import time

from bonewise.core.amounts import entry_for
from bonewise.core.checks import check_week
from bonewise.core.edits import place, replace
from bonewise.core.foods import Food, FoodKind, K2Estimate, Measure
from bonewise.core.plan import DEFAULT_SLOTS, IsoWeek, Person, WeekPlan
from bonewise.core.summary import WeekSummarizer, summarize_week
from bonewise.core.targets import targets_for
from bonewise.core.totals import PLAN_KEYS, week_totals

BUDGET_MS = 2.0
RUNS = 200


def make_foods(count: int = 60, seed: int = 1) -> dict[str, Food]:
    """Foods shaped like SR24 rows: most nutrients known, some missing, a few with K2 and supplements."""
    rng = random.Random(seed)
    foods = {}
    for i in range(count):
        nutrients = {key: rng.uniform(0, 300) for key in PLAN_KEYS if rng.random() > 0.15}
        kind = FoodKind.SUPPLEMENT if i % 15 == 0 else FoodKind.REFERENCE
        k2 = K2Estimate(rng.uniform(0, 50), "bench", "n/a", i, "bench") if i % 7 == 0 else None
        food_id = f"{i:05d}"
        foods[food_id] = Food(food_id, f"Food {i}", kind, "Bench", "Bench", nutrients,
                              (Measure("cup", 240.0),), k2)
    return foods


def make_week(foods: dict[str, Food], seed: int = 2) -> WeekPlan:
    rng = random.Random(seed)
    week = WeekPlan.empty(1, IsoWeek(2026, 49))
    pool = list(foods.values())
    for date in week.week.dates():
        for slot in DEFAULT_SLOTS:
            for _ in range(8):
                entry = entry_for(rng.choice(pool), grams=rng.uniform(5, 300))
                week, _ = place(week, date, slot.id, entry)
    return week


def median_ms(func, runs: int) -> tuple[float, float, float]:
    """Median and 95th percentile of ``runs`` calls, and the median CPU time, in ms, after a warm-up."""
    for _ in range(max(5, runs // 10)):
        func()
    times, cpu = [], []
    for _ in range(runs):
        cpu_start = time.process_time()
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - cpu_start) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[-1], statistics.median(cpu)


def main() -> None:
    foods = make_foods()
    week = make_week(foods)
    items = sum(len(es) for day in week.days for es in day.meals.values())
    median, p95, cpu = median_ms(lambda: week_totals(week, foods), RUNS)
    print(
        f"week_totals: {items} items × {len(PLAN_KEYS)} nutrients: median {median:.3f} ms, "
        f"p95 {p95:.3f} ms, CPU {cpu:.3f} ms over {RUNS} runs "
        f"(budget {BUDGET_MS} ms: {'OK' if median <= BUDGET_MS else 'OVER'})"
    )
    person = Person("Bench", weight_kg=65, on_warfarin=True, vitamin_d_lab_ng_ml=25)
    targets = targets_for(person)
    median, p95, cpu = median_ms(lambda: check_week(person, week, foods, {}, targets), RUNS // 4)
    print(f"check_week (all checks, same week): median {median:.3f} ms, p95 {p95:.3f} ms, CPU {cpu:.3f} ms")
    median, p95, cpu = median_ms(lambda: summarize_week(person, week, foods, {}, targets), RUNS // 4)
    print(f"summarize_week (from scratch): median {median:.3f} ms, p95 {p95:.3f} ms, CPU {cpu:.3f} ms")
    # The window's case: each call sees the week after one more edit (one item of one day
    # changed), so one new DayPlan; the other six days are reused.
    summarizer = WeekSummarizer()
    rng = random.Random(3)
    chain = [week]
    for _ in range(RUNS + max(5, RUNS // 10)):
        entry = rng.choice([e for day in chain[-1].days for es in day.meals.values() for e in es])
        chain.append(replace(chain[-1], entry.id, dataclasses.replace(entry, grams=entry.grams + 1))[0])
    plans = iter(chain)
    median, p95, cpu = median_ms(lambda: summarizer.summarize(person, next(plans), foods, {}, targets), RUNS)
    print(f"WeekSummarizer after an edit of one day: median {median:.3f} ms, p95 {p95:.3f} ms, CPU {cpu:.3f} ms")


if __name__ == "__main__":
    main()
