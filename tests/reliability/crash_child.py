"""A process the crash tests kill with SIGKILL: edits the store in a loop and says what it did.

    python crash_child.py edits DATA_DIR SEED FIRST   # Repository + planner edits, forever
    python crash_child.py cli DATA_DIR SEED FIRST     # `bonewise plan add`, in one process, forever
    python crash_child.py import DATA_DIR BUNDLE      # one bundle import

Before each edit it prints ``begin N {json}`` describing the edit, and after the
call returns, ``done N``. Every line is flushed at once: a ``done`` line the parent
reads is an edit the program reported as finished.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

from bonewise.core import amounts, edits
from bonewise.core.plan import IsoWeek
from bonewise.paths import reference_db_path
from bonewise.store.foodstore import FoodStore
from bonewise.store.repository import Repository

FIRST_DAY = dt.date(2026, 11, 30)
DAYS = 14
PERSON = "Zoë"
FOOD = "01079"


def say(*parts: object) -> None:
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def repository_edits(folder: Path, seed: int, n: int) -> None:
    rng = random.Random(seed)
    repo = Repository.open(folder)
    foods = FoodStore(reference_db_path(), repo.custom_foods)
    person = repo.person_by_name(PERSON)
    slots = [s.id for s in person.slots]
    milk = foods.get(FOOD)
    while True:
        date = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        week = repo.week(person.id, IsoWeek.of(date))
        planned = [e.id for d in week.days for es in d.meals.values() for e in es]
        kind = rng.choices(["place", "remove", "note", "food"], [6, 2, 1, 1])[0]
        if kind == "remove" and planned:
            entry_id = rng.choice(planned)
            new, change = edits.remove(week, entry_id)
            op = {"op": "remove", "id": entry_id}
        elif kind == "note":
            new, change = edits.set_note(week, date, f"note {n}")
            op = {"op": "note", "date": date.isoformat(), "text": f"note {n}"}
        elif kind == "food":
            op = {"op": "food", "name": f"Crash food {n}"}
            say("begin", n, json.dumps(op))
            foods.add_custom(op["name"], {"calcium_mg": float(n)}, [])
            say("done", n)
            n += 1
            continue
        else:
            slot = rng.choice(slots)
            entry = amounts.entry_for(milk, grams=rng.randint(1, 500))
            new, change = edits.place(week, date, slot, entry)
            op = {"op": "place", "id": entry.id, "date": date.isoformat(), "slot": slot}
        say("begin", n, json.dumps(op))
        repo.save_days(person.id, [new.day(d) for d in change.dates])
        say("done", n)
        n += 1


def cli_edits(folder: Path, seed: int, n: int) -> None:
    from bonewise import cli

    rng = random.Random(seed)
    meals = ["Breakfast", "Lunch", "Dinner"]
    while True:
        date = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        meal = rng.choice(meals)
        grams = 1000 + n  # unique per edit, so the parent can find each one
        op = {"op": "cli-add", "date": date.isoformat(), "meal": meal.lower(), "grams": grams}
        say("begin", n, json.dumps(op))
        code = cli.main(["--data-dir", str(folder), "plan", "add", "--person", PERSON,
                         "--date", date.isoformat(), "--meal", meal, "--food", FOOD,
                         "--grams", str(grams)])  # fmt: skip
        if code != 0:
            raise SystemExit(f"plan add failed with {code}")
        say("done", n)
        n += 1


def import_once(folder: Path, bundle: Path) -> None:
    from bonewise.store import bundles

    data = bundle.read_bytes()
    repo = Repository.open(folder)
    foods = FoodStore(reference_db_path(), repo.custom_foods)
    say("begin", 0, json.dumps({"op": "import"}))
    bundles.import_bundle(repo, data, foods=foods)
    say("done", 0)


if __name__ == "__main__":
    # The edits go to stdout; anything else the libraries print must not mix in.
    sys.stdout = open(sys.stdout.fileno(), "w", encoding="utf-8", closefd=False)
    mode, folder = sys.argv[1], Path(sys.argv[2])
    if mode == "edits":
        repository_edits(folder, int(sys.argv[3]), int(sys.argv[4]))
    elif mode == "cli":
        cli_edits(folder, int(sys.argv[3]), int(sys.argv[4]))
    elif mode == "import":
        import_once(folder, Path(sys.argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode}")
