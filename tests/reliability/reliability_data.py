"""Stores with real content, and exact snapshots of a store and of a data folder."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from dataclasses import replace
from pathlib import Path

from bonewise.core import amounts, edits, rules
from bonewise.core.foods import FoodKind, Measure
from bonewise.core.plan import IsoWeek, Person, new_id
from bonewise.paths import USER_DB_NAME, reference_db_path
from bonewise.store import backups
from bonewise.store.foodstore import FoodStore
from bonewise.store.instancelock import LOCK_NAME
from bonewise.store.repository import Repository

WEEK = IsoWeek(2026, 49)
MILK, KALE, CHEDDAR, CALCIUM_TABLET = "01079", "11233", "01009", "sup-calcium-carbonate-600"
YESTERDAY = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=1)  # when the backups were taken


def foods_for(repo: Repository) -> FoodStore:
    """The shipped food store plus the custom foods in ``repo``."""
    return FoodStore(reference_db_path(), repo.custom_foods)


def fill_store(repo: Repository, name: str = "Zoë", weeks: int = 1, items: int = 2) -> Person:
    """A person with ``weeks`` planned weeks (``items`` per meal), a note, a custom food, a recipe."""
    foods = foods_for(repo)
    person = repo.save_person(Person(name, weight_kg=61.5, on_warfarin=True))
    own = foods.add_custom("Oma's <quark> & “kefir” 🥛", {"calcium_mg": 140.0, "protein_g": 9.5},
                           [Measure("bowl", 200.0)])  # fmt: skip
    tablet = foods.add_custom("My D3 drops", {"vitamin_d_iu": 100_000.0},
                              [Measure("drop", 1.0)], kind=FoodKind.SUPPLEMENT)  # fmt: skip
    recipe = repo.save_recipe(rules.make_recipe(
        "Kale & cheddar bake",
        [amounts.entry_for(foods.get(KALE), grams=300), amounts.entry_for(foods.get(CHEDDAR), grams=60)],
        portions=3,
    ))  # fmt: skip
    choices = [
        amounts.entry_for(foods.get(MILK), measure="cup", count=1),
        amounts.entry_for(own, measure="bowl"),
        amounts.entry_for(tablet, measure="drop", count=2),
        amounts.entry_for(foods.get(CALCIUM_TABLET), measure="tablet"),
        amounts.entry_for_recipe(recipe, 1.5),
        amounts.entry_for(foods.get(KALE), grams=80),
    ]
    for w in range(weeks):
        week_id = IsoWeek.of(WEEK.dates()[0] + dt.timedelta(weeks=w))
        plan = repo.week(person.id, week_id)
        for d, date in enumerate(week_id.dates()):
            for s, slot in enumerate(person.slots):
                for i in range(items):
                    entry = replace(choices[(d + s + i) % len(choices)], id=new_id())
                    plan, _ = edits.place(plan, date, slot.id, entry)
            plan, _ = edits.set_note(plan, date, f"Day {d + 1}: walk 30 min")
        repo.save_week(plan)
    foods.close()
    return repo.person(person.id)


def filled_folder(folder: Path) -> Path:
    """``folder`` with a store that ``fill_store`` filled (Zoë's week, her foods and recipe)."""
    with Repository.open(folder) as repo:
        fill_store(repo)
    return folder


def backed_up_folder(folder: Path) -> Path:
    """Make ``folder`` a data folder whose store holds Zoë (backed up yesterday) and Ann (added since)."""
    with Repository.open(folder) as repo:
        fill_store(repo)
        backups.take_backup(folder, now=YESTERDAY)
        repo.save_person(Person("Ann"))
    return folder


def store_of_one(folder: Path, name: str = "Zoë") -> Path:
    """``folder`` with a store holding one person and nothing planned."""
    with Repository.open(folder) as repo:
        repo.save_person(Person(name))
    return folder


def run_cli(capsys, folder: Path, *args: str) -> tuple[int, str, str]:
    """``bonewise --data-dir FOLDER ARGS`` in this process: (exit status, stdout, stderr)."""
    from bonewise import cli

    code = cli.main(["--data-dir", str(folder), *args])
    out, err = capsys.readouterr()
    return code, out, err


def dump(conn: sqlite3.Connection) -> list[str]:
    """Every row of every table, as SQL text: equal dumps mean equal stores."""
    return list(conn.iterdump())


def dump_file(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)
    try:
        return dump(conn)
    finally:
        conn.close()


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative name, except SQLite's shared-memory index.

    The ``-shm`` file is a cache any reader rebuilds, and an empty ``-wal`` (which a
    read-only look at a store in WAL mode creates) means the same as none; the lock
    file only names the process holding it. The database, its log and the backups
    are what must not change.
    """
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(Path(folder).rglob("*"))
        if p.is_file() and not p.name.endswith("-shm") and p.name != LOCK_NAME
        and not (p.name.endswith("-wal") and p.stat().st_size == 0)
    }


def store_bytes(folder: Path) -> dict[str, bytes]:
    """``folder_bytes`` of the store and its log only."""
    return {k: v for k, v in folder_bytes(folder).items() if k.startswith(USER_DB_NAME)}


def integrity(path: Path) -> str:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def wreck_pages(store: Path, table: str, count: int = 1, seed: int = 12) -> list[int]:
    """Overwrite ``count`` pages of ``table`` (or index) in the middle of it with garbage.

    The pages are found with SQLite's ``dbstat``; the store must be closed (its log
    merged), as after ``Repository.close``. Returns the page numbers.
    """
    conn = sqlite3.connect(str(store))
    try:
        pages = [p for (p,) in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", (table,))]
        if not pages:  # a table of one page: its root is its only leaf
            pages = [p for (p,) in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,))]
        (size,) = conn.execute("PRAGMA page_size").fetchone()
    finally:
        conn.close()
    middle = max(0, len(pages) // 2 - count // 2)
    chosen = pages[middle: middle + count]
    garbage = random.Random(seed)
    with open(store, "r+b") as f:
        for page in chosen:
            f.seek((page - 1) * size)
            f.write(garbage.randbytes(size))
    return chosen
