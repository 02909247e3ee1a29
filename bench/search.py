"""Search-as-you-type latency of the food store: shipped store and a generated 1,000,000-food store.

    .venv/bin/python bench/search.py                 # both stores, 5 runs each
    .venv/bin/python bench/search.py --foods 100000  # a smaller generated store
    .venv/bin/python bench/search.py --keep /tmp/big.sqlite   # reuse the generated store

Every query is one keystroke of a person typing food names ("m", "mi", "mil", "milk", …).
Each run times every keystroke once; the script prints the median over runs of each
run's p50 and p95. The generated store combines the shipped store's name parts at
random, with the same layout and index, in a temporary folder (never committed).
Budgets (DESIGN.md): p95 ≤ 5 ms on the shipped store, ≤ 30 ms on a million foods.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bonewise.core.foods import FoodKind, Measure
from bonewise.core.nutrients import KEYS
from bonewise.paths import reference_db_path
from bonewise.store.foodbuild import BuildFood, write_reference_db
from bonewise.store.foodstore import FoodStore

TYPED = [
    "milk", "cheddar cheese", "egg", "yogurt plain", "salmon", "broccoli", "almonds",
    "orange juice", "calcium citrate", "sardines", "kale", "tofu", "natto", "chicken breast",
    "whole wheat bread", "oats", "spinach", "white beans", "apple", "vitamin d", "cottage cheese",
    "butter", "rice brown", "lentils", "mozzarella", "yoghurt", "brocoli", "k2 mk7", "figs dried",
    "sesame seeds",
]


def keystrokes(texts: list[str]) -> list[str]:
    """Every prefix a person types on the way to each text, e.g. "m", "mi", "mil", "milk"."""
    return [text[:i] for text in texts for i in range(1, len(text) + 1) if not text[:i].endswith(" ")]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure(path: Path, queries: list[str], runs: int) -> dict[str, float]:
    """Median over runs of p50, p95 and max latency in milliseconds, wall clock and CPU.

    Each run opens the store afresh, so no search result is cached from an earlier
    run; one search of a word not in the list loads the vocabulary first (that cost
    is part of the open time reported separately). CPU time leaves out the time the
    process waited for a busy machine.
    """
    results: dict[str, list[float]] = {}
    for _ in range(runs):
        with FoodStore(path) as store:
            store.search("zz")
            wall, cpu = [], []
            for q in queries:
                start, start_cpu = time.perf_counter(), time.process_time()
                store.search(q, 20)
                cpu.append((time.process_time() - start_cpu) * 1000)
                wall.append((time.perf_counter() - start) * 1000)
        for name, times in (("wall", wall), ("cpu", cpu)):
            results.setdefault(f"{name} p50", []).append(percentile(times, 0.50))
            results.setdefault(f"{name} p95", []).append(percentile(times, 0.95))
            results.setdefault(f"{name} max", []).append(max(times))
    return {name: statistics.median(values) for name, values in results.items()}


def open_time(path: Path, runs: int) -> tuple[float, float]:
    """Median milliseconds to open the store, and to open it and answer a first search."""
    opens, firsts = [], []
    for _ in range(runs):
        start = time.perf_counter()
        store = FoodStore(path)
        opens.append((time.perf_counter() - start) * 1000)
        store.search("milk")
        firsts.append((time.perf_counter() - start) * 1000)
        store.close()
    return statistics.median(opens), statistics.median(firsts)


def generated_foods(source: Path, count: int, seed: int = 24) -> Iterator[BuildFood]:
    """``count`` foods whose names combine the shipped foods' name parts at random.

    A name is a head part ("Cheese", "Fish, salmon") followed by one to four later
    parts ("raw", "low fat", "canned in oil"), each drawn from the shipped names, so
    word frequencies resemble SR24's. Nutrients and measures are borrowed from a
    random shipped food.
    """
    rng = random.Random(seed)
    conn = sqlite3.connect(source.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
    rows = conn.execute(f"SELECT rank, name, group_code, {', '.join(KEYS)} FROM foods WHERE kind = 'reference'").fetchall()
    measures: dict[int, list[Measure]] = {}
    for rank, amount, name, grams in conn.execute("SELECT rank, amount, name, grams FROM measures"):
        measures.setdefault(rank, []).append(Measure(name, grams, amount))
    conn.close()
    heads, tails = [], []
    for _, name, *_ in rows:
        parts = [p.strip() for p in name.split(",") if p.strip()]
        heads.append(parts[0])
        tails.extend(parts[1:])
    donors = [
        (rank, group, {k: v for k, v in zip(KEYS, values, strict=True) if v is not None})
        for rank, _, group, *values in rows
    ]
    for i in range(count):
        rank, group, nutrients = rng.choice(donors)
        parts = [rng.choice(heads), *rng.sample(tails, rng.randint(1, 4))]
        yield BuildFood(f"g{i:07d}", ", ".join(parts), FoodKind.REFERENCE, group, "generated",
                        nutrients, tuple(measures.get(rank, ())))


def build_generated(source: Path, target: Path, count: int) -> float:
    conn = sqlite3.connect(source.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
    from bonewise.store.foodbuild import FoodGroup

    groups = [FoodGroup(*row) for row in conn.execute("SELECT code, name, aisle FROM food_groups")]
    conn.close()
    start = time.perf_counter()
    write_reference_db(target, generated_foods(source, count), groups)
    return time.perf_counter() - start


def report(label: str, path: Path, queries: list[str], runs: int) -> None:
    """Print size, open time and latency of one store."""
    size = path.stat().st_size / 1_048_576
    opened, first = open_time(path, runs)
    m = measure(path, queries, runs)
    print(f"{label}: {path}")
    print(f"  size {size:.1f} MB; open {opened:.1f} ms; open + first search {first:.1f} ms")
    print(f"  {len(queries)} keystrokes × {runs} runs, medians of the runs:")
    for kind in ("wall", "cpu"):
        print(f"    {kind:<4}  p50 {m[kind + ' p50']:.2f} ms, p95 {m[kind + ' p95']:.2f} ms, max {m[kind + ' max']:.1f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--foods", type=int, default=1_000_000, help="size of the generated store")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the generated store at this path")
    parser.add_argument("--shipped-only", action="store_true")
    args = parser.parse_args(argv)
    queries = keystrokes(TYPED)
    shipped = reference_db_path()
    report("shipped store", shipped, queries, args.runs)
    if args.shipped_only:
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        target = args.keep or Path(tmp) / "generated.sqlite"
        if not target.exists():
            seconds = build_generated(shipped, target, args.foods)
            print(f"generated {args.foods:,} foods in {seconds:.0f} s")
        report(f"generated store ({args.foods:,} foods)", target, queries, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
