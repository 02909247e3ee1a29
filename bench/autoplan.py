"""Auto-plan an empty week for each persona: how long it takes, and the rubric a dietitian checks.

Run: .venv/bin/python bench/autoplan.py [--runs N] [--markdown FILE] [--week-pdf FILE]

Budget: a week within 2 s, median of several runs (DESIGN.md). The food store is
opened and each pool built once outside the timing, as the app does; the timing
covers auto_plan() itself: every HiGHS solve, the entries and the explanations.
The CPU time beside the median shows what a busy machine adds to the wall time.

Then the rubric (core.mealsense) of each persona's week, one line per person:
fruit and vegetables a day, energy against the band, starchy foods in one meal,
fats on their own, different foods, natto, vitamin K on warfarin, the bone
targets and the limits. ``--markdown`` writes that table for docs/autoplan.md,
``--week-pdf`` the first persona's printed week. The exit status is 1 when the
budget is missed or any persona fails any row.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from bonewise.core.autoplan import AutoPlanOptions, AutoPlanResult, auto_plan
from bonewise.core.mealsense import Line, Rule, rubric
from bonewise.core.personas import PERSONAS
from bonewise.core.plan import IsoWeek, Person, WeekPlan
from bonewise.core.pool import build_pool, load_staples, planner_supplements
from bonewise.core.targets import targets_for
from bonewise.paths import reference_db_path, resources_dir
from bonewise.store.foodstore import FoodStore

BUDGET_S = 2.0
WEEK = IsoWeek(2026, 49)
OPTIONS = AutoPlanOptions(today=WEEK.monday())

# The rubric's columns: (heading, rule, nutrient key).
COLUMNS = (
    ("Fruit + veg a day", Rule.FRUIT_VEG, None),
    ("Energy a day (band)", Rule.ENERGY_LOW, None),
    ("Starchy foods in a meal", Rule.ONE_STARCHY, None),
    ("Fats on their own", Rule.FAT_WITH_FOOD, None),
    ("Veg and protein at lunch, dinner", Rule.VEGETABLES, None),
    ("Different foods", Rule.DISTINCT_FOODS, None),
    ("Days alike", Rule.IDENTICAL_DAYS, None),
    ("Same protein 3 days running", Rule.PROTEIN_STREAK, None),
    ("Natto", Rule.NATTO, None),
    ("Vitamin K on warfarin", Rule.VITAMIN_K_STEADY, None),
    ("Calcium", Rule.TARGET, "calcium_mg"),
    ("Vitamin D", Rule.TARGET, "vitamin_d_iu"),
    ("Magnesium", Rule.TARGET, "magnesium_mg"),
    ("Protein", Rule.TARGET, "protein_g"),
    ("Protein per main meal", Rule.PROTEIN_PER_MEAL, None),
    ("Upper limits, 600 mg a meal", Rule.UPPER_LIMIT, None),
    ("Diet and allergies", Rule.PROFILE, None),
)


def plan(person: Person, store: FoodStore, staples, supplements, runs: int) -> tuple[AutoPlanResult, list, list]:
    pool = build_pool(person, store, staples, supplements=supplements, serving=store.usual_serving)
    targets = targets_for(person, WEEK.monday())
    walls, cpus, result = [], [], None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = auto_plan(person, WeekPlan.empty(1, WEEK), WEEK.dates(), pool, store, targets, options=OPTIONS)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    assert result is not None
    return result, walls, cpus


def cells(lines: list[Line]) -> dict[tuple[Rule, str | None], str]:
    """The rubric's lines as table cells: "412–560 g ✓"; both energy rules, and upper limits with
    the 600 mg-per-meal rule, share a column."""
    out: dict[tuple[Rule, str | None], str] = {}
    for line in lines:
        rule = {Rule.ENERGY_HIGH: Rule.ENERGY_LOW, Rule.CALCIUM_PER_MEAL: Rule.UPPER_LIMIT,
                Rule.MAIN_PROTEIN: Rule.VEGETABLES}.get(line.rule, line.rule)  # fmt: skip
        mark = "✓" if line.passed else "✗"
        value = line.value if rule is not Rule.ENERGY_LOW else f"{line.value} ({line.required})"
        text = f"{value} {mark}"
        key = (rule, line.key)
        if key in out:  # a shared column: the worse mark wins, the value stays
            text = out[key] if "✗" in out[key] or mark == "✓" else text
        out[key] = text
    return out


def markdown(rows: list[tuple[str, dict]]) -> str:
    head = "| Persona | " + " | ".join(h for h, _, _ in COLUMNS) + " |"
    rule = "|---" * (len(COLUMNS) + 1) + "|"
    body = [
        f"| {name} | " + " | ".join(row.get((r, k), "–") for _, r, k in COLUMNS) + " |" for name, row in rows
    ]
    return "\n".join([head, rule, *body]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--markdown", type=Path, help="write the rubric table here")
    parser.add_argument("--week-pdf", type=Path, help="write the first persona's week as a PDF here")
    args = parser.parse_args(argv)
    staples = load_staples(resources_dir() / "staples.csv")
    medians, rows, failed = [], [], []
    with FoodStore(reference_db_path()) as store:
        supplements = planner_supplements(store.supplements())
        for person in PERSONAS:
            result, walls, cpus = plan(person, store, staples, supplements, args.runs)
            median = statistics.median(walls)
            medians.append(median)
            report = rubric(person, result.week, store, {}, targets_for(person, WEEK.monday()))
            rows.append((person.name, cells(report.lines())))
            if not report.passed:
                failed.append(person.name)
            print(f"{person.name:55s} median {median:.2f} s (CPU {statistics.median(cpus):.2f} s)  "
                  f"slowest {max(walls):.2f} s  items {len(result.added)}  relaxed {len(result.shortfalls)}  "
                  f"rubric {'passed' if report.passed else 'FAILED'}")  # fmt: skip
            for line in report.lines():
                if not line.passed:
                    print(f"    {line.text}")
            for note in result.notes:  # a supplement proposed, and why
                print(f"    note: {note}")
            if args.week_pdf and person is PERSONAS[0]:
                write_week_pdf(args.week_pdf, person, result, store)
    if args.markdown:
        args.markdown.write_text(markdown(rows), encoding="utf-8")
    worst = max(medians)
    overall = statistics.median(medians)
    verdict = "within" if worst <= BUDGET_S else "OVER"
    print(f"auto-plan of a week: median {overall:.2f} s over {len(PERSONAS)} personas, worst median "
          f"{worst:.2f} s, {verdict} the {BUDGET_S:g} s budget")  # fmt: skip
    print(f"rubric: {len(PERSONAS) - len(failed)} of {len(PERSONAS)} personas pass every row"
          + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 0 if worst <= BUDGET_S and not failed else 1


def write_week_pdf(path: Path, person: Person, result: AutoPlanResult, store: FoodStore) -> None:
    """The planned week as the app prints it (export.pdf), for the picture in docs/autoplan.md."""
    from bonewise.export.pdf import week_pdf

    path.write_bytes(week_pdf(person, result.week, store, {}, sections=("plan",)))


if __name__ == "__main__":
    sys.exit(main())
