"""The widgets' share of an edit: GaugePanel.set_view + repaint, and a FoodBrowser keystroke.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gauge_panel.py

Panel: a full week (6 slots × 7 days × 8 items) over the shipped food store; before
each timed run one item's grams change, so every gauge, chip and the strip really
changes. Totals, targets and checks are computed outside the timing (bench/week_totals.py
times those); this times only what the panel does: ``set_view`` and a synchronous
repaint. Browser: each keystroke of typing food names runs the search and builds the
hit rows with their serving summaries (``search_now``, the debounce skipped).
Prints medians over runs in ms. The app's whole edit → repainted gauges budget is 16 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from bonewise.core.plan import DEFAULT_SLOTS, DayPlan, Entry, IsoWeek, Person, WeekPlan  # noqa: E402
from bonewise.core.summary import summarize_week  # noqa: E402
from bonewise.core.targets import targets_for  # noqa: E402
from bonewise.paths import reference_db_path  # noqa: E402
from bonewise.store.foodstore import FoodStore  # noqa: E402

from bonewise.ui.foodbrowser.browser import FoodBrowser  # noqa: E402
from bonewise.ui.gauges.panel import GaugePanel  # noqa: E402

RUNS = 60
FOOD_IDS = ("01079", "01009", "15088", "11233", "16113", "12061", "20040", "09003", "05064",
            "16127", "01117", "14209", "sup-calcium-carbonate-500", "sup-vitamin-d3-1000")
WORDS = ("milk", "yogurt plain", "kale raw", "sardines", "cheddar", "almonds", "tofu", "salmon")


def full_week(grams_delta: float = 0.0) -> WeekPlan:
    week = IsoWeek(2026, 49)
    days = []
    for d, date in enumerate(week.dates()):
        meals = {}
        for s, slot in enumerate(DEFAULT_SLOTS):
            meals[slot.id] = tuple(
                Entry(FOOD_IDS[(d + s + i) % len(FOOD_IDS)], 50.0 + 10 * i + (grams_delta if i == 0 else 0))
                for i in range(8))
        days.append(DayPlan(date, meals))
    return WeekPlan(1, week, tuple(days))


def view_for(week: WeekPlan, foods, person, targets) -> tuple:
    return summarize_week(person, week, foods, {}, targets), week.days[0].date


def time_panel(foods) -> list[float]:
    person = Person("Zoë", 1, weight_kg=64.0)
    targets = targets_for(person)
    panel = GaugePanel()
    panel.resize(420, 1000)
    panel.show()
    QApplication.processEvents()
    views = [view_for(full_week(float(i % 7)), foods, person, targets) for i in range(8)]
    timings = []
    for run in range(RUNS):
        view = views[run % len(views)]
        start = time.perf_counter()
        panel.set_view(*view)
        panel.repaint()  # paint now, as the next frame would
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def time_browser(foods) -> list[float]:
    browser = FoodBrowser(foods)
    browser.resize(600, 700)
    browser.show()
    QApplication.processEvents()
    timings = []
    for _ in range(5):
        for word in WORDS:
            for n in range(1, len(word) + 1):
                browser.search_field().setText(word[:n])
                start = time.perf_counter()
                browser.search_now()
                browser.results().viewport().repaint()
                timings.append((time.perf_counter() - start) * 1000)
    return timings


def report(name: str, timings: list[float]) -> None:
    ordered = sorted(timings)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    print(f"{name}: median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms "
          f"({len(timings)} samples)")


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    foods = FoodStore(reference_db_path())
    missing = [i for i in FOOD_IDS if foods.get(i) is None]
    if missing:
        print(f"foods missing from the shipped store: {missing}", file=sys.stderr)
        return 1
    time_panel(foods)  # warm-up: fonts, caches
    report("GaugePanel.set_view + repaint, full week", time_panel(foods))
    report("FoodBrowser keystroke (search + 5-nutrient summaries + repaint)", time_browser(foods))
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
