"""Recipes inside recipes: at most 8 levels, never a loop, each recipe counted once.

A bundle within the old limits could hold a chain of 400 recipes, or 6 levels of 10
recipes each (a million paths). Import accepted both; then totals failed with
RecursionError, the window crashed in the grid's size hint or hung for minutes. Now
nesting deeper than ``MAX_RECIPE_DEPTH`` is refused on import and on every recipe
edit, a loop is refused, and everything that looks inside a recipe flattens each one
once, so a wide nest is fast and exact and a deep one already in a store (from an
older Bonewise) is reported instead of followed.
"""

from __future__ import annotations

import json
import math
import sqlite3
from pathlib import Path

import pytest
from reliability_data import WEEK, dump_file, foods_for, run_cli, store_of_one

from bonewise.core.plan import Entry, Recipe
from bonewise.core.rules import MAX_RECIPE_DEPTH
from bonewise.errors import BonewiseError
from bonewise.store import bundles
from bonewise.store.repository import Repository

MILK = "01079"  # calcium per 100 g read from the food store
MONDAY = WEEK.dates()[0].isoformat()


def chain_bundle(levels: int, width: int = 1, grams: float = 10.0) -> dict:
    """A bundle whose Monday breakfast is one portion of the top of a nest of recipes:
    level 1 holds ``grams`` of milk; each level above holds ``width`` portions of the one below."""
    recipes = [{"id": "r1", "name": "Level 1", "portions": 1,
                "entries": [{"food_id": MILK, "grams": grams}]}]  # fmt: skip
    for level in range(2, levels + 1):
        recipes.append({"id": f"r{level}", "name": f"Level {level}", "portions": 1,
                        "entries": [{"recipe_id": f"r{level - 1}", "portions": 1}] * width})  # fmt: skip
    return {
        "format": bundles.FORMAT, "version": bundles.VERSION, "person": {"name": "Nest"},
        "weeks": [{"week": str(WEEK), "days": [{"date": MONDAY, "meals": {
            "breakfast": [{"recipe_id": f"r{levels}", "portions": 1}]}}]}],
        "recipes": recipes,
    }  # fmt: skip


@pytest.fixture
def folder(tmp_path):
    return store_of_one(tmp_path / "data")



def import_file(tmp_path: Path, bundle: dict) -> str:
    path = tmp_path / "nest.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    return str(path)


def milk_calcium(folder: Path) -> float:
    with Repository.open(folder) as repo, foods_for(repo) as foods:
        return foods.get(MILK).nutrients["calcium_mg"]


@pytest.mark.parametrize("levels", [MAX_RECIPE_DEPTH + 1, 20, 400])
def test_a_nest_deeper_than_the_limit_is_refused_on_import(folder, tmp_path, capsys, levels):
    before = dump_file(folder / "bonewise.sqlite")
    code, out, err = run_cli(capsys, folder, "plan", "import", import_file(tmp_path, chain_bundle(levels)))
    assert code == 1 and out == "" and err.count("\n") == 1, err
    assert "levels deep" in err and f"at most {MAX_RECIPE_DEPTH}" in err and "internal error" not in err
    assert dump_file(folder / "bonewise.sqlite") == before


def test_a_loop_of_recipes_is_refused_on_import(folder, tmp_path, capsys):
    bundle = chain_bundle(3)
    bundle["recipes"][0]["entries"].append({"recipe_id": "r3", "portions": 1})
    code, _, err = run_cli(capsys, folder, "plan", "import", import_file(tmp_path, bundle))
    assert code == 1 and "contains itself" in err


@pytest.mark.parametrize("levels, width", [(MAX_RECIPE_DEPTH, 1), (6, 10), (MAX_RECIPE_DEPTH, 6)])
def test_a_wide_nest_within_the_limit_is_counted_exactly(folder, tmp_path, capsys, levels, width):
    # 6 levels of 10 are a million paths; 8 of 6 are 280,000: each recipe is still counted once.
    code, _, err = run_cli(capsys, folder, "plan", "import", import_file(tmp_path, chain_bundle(levels, width, 0.01)))
    assert code == 0, err
    code, out, err = run_cli(capsys, folder, "plan", "totals", "--person", "Nest", "--date", MONDAY, "--json")
    assert code == 0, err
    expected = milk_calcium(folder) * 0.01 / 100 * width ** (levels - 1)
    assert json.loads(out)["nutrients"]["calcium_mg"]["value"] == pytest.approx(expected, rel=1e-6)
    for args in (["plan", "show", "--person", "Nest", "--week", str(WEEK)],
                 ["export", "shopping-list", "--person", "Nest", "--week", str(WEEK), "--all-days",
                  "--out", str(tmp_path / "shopping.pdf")],
                 ["export", "pdf", "--person", "Nest", "--week", str(WEEK), "--out", str(tmp_path / "week.pdf")]):  # fmt: skip
        code, _, err = run_cli(capsys, folder, *args)
        assert code == 0, (args, err)


def test_an_edit_that_would_nest_too_deep_is_refused_naming_the_recipe(folder, tmp_path, capsys):
    assert run_cli(capsys, folder, "plan", "import", import_file(tmp_path, chain_bundle(MAX_RECIPE_DEPTH)))[0] == 0
    with Repository.open(folder) as repo:
        recipes = repo.recipes()
        bottom = next(r for r in recipes.values() if r.name == "Level 1")
        extra = repo.save_recipe(Recipe("Stock", (Entry(MILK, 50.0),), 1.0))
        before = dump_file(folder / "bonewise.sqlite")
        # The bottom recipe taking in another recipe makes the top one 9 levels deep.
        deeper = Recipe(bottom.name, (*bottom.entries, Entry(None, 0.0, None, 1.0, extra.id)), 1.0, bottom.id)
        with pytest.raises(BonewiseError, match=rf"'Level {MAX_RECIPE_DEPTH}' would hold recipes 9 levels deep"):
            repo.save_recipe(deeper)
        # ... and a recipe may not hold itself through another one.
        top = next(r for r in recipes.values() if r.name == f"Level {MAX_RECIPE_DEPTH}")
        looped = Recipe(bottom.name, (*bottom.entries, Entry(None, 0.0, None, 1.0, top.id)), 1.0, bottom.id)
        with pytest.raises(BonewiseError, match="cannot contain itself"):
            repo.save_recipe(looped)
    assert dump_file(folder / "bonewise.sqlite") == before


@pytest.fixture
def old_deep_store(folder, tmp_path, capsys):
    """A store an older Bonewise filled from a bundle with a chain of 400 recipes (and one whose
    portions are 1e-300): written past today's checks, straight into the table."""
    assert run_cli(capsys, folder, "plan", "import", import_file(tmp_path, chain_bundle(2)))[0] == 0
    conn = sqlite3.connect(folder / "bonewise.sqlite")
    with conn:
        for level in range(3, 401):
            conn.execute("INSERT INTO recipes (id, name, portions, entries_json) VALUES (?, ?, 1, ?)",
                         (f"deep{level}", f"Deep {level}", json.dumps(
                             [{"id": f"e{level}", "recipe_id": f"deep{level - 1}" if level > 3 else
                               next(r for (r,) in conn.execute("SELECT id FROM recipes WHERE name = 'Level 2'")),
                               "grams": 0, "count": 1}])))  # fmt: skip
        conn.execute("INSERT INTO recipes (id, name, portions, entries_json) VALUES ('tiny', 'Tiny', 1e-300, ?)",
                     (json.dumps([{"id": "t1", "food_id": MILK, "grams": 100}]),))  # fmt: skip
        (person,) = conn.execute("SELECT id FROM people WHERE name = 'Nest'").fetchone()
        for position, recipe_id in enumerate(("deep400", "tiny")):
            conn.execute("INSERT INTO plan_entries (person_id, date, slot_id, position, entry_id, recipe_id, "
                         "grams, count) VALUES (?, ?, 'lunch', ?, ?, ?, 0, 1)",
                         (person, MONDAY, position, f"x{position}", recipe_id))  # fmt: skip
    conn.close()
    return folder


def test_an_old_deep_nest_is_reported_not_followed(old_deep_store, tmp_path, capsys):
    code, out, err = run_cli(capsys, old_deep_store, "plan", "totals", "--person", "Nest", "--date", MONDAY, "--json")
    assert code == 0, err
    calcium = json.loads(out)["nutrients"]["calcium_mg"]
    assert math.isfinite(calcium["value"]) and not calcium["coverage"]["complete"]
    unknown = " ".join(calcium["coverage"]["unknown_foods"])
    assert f"nested more than {MAX_RECIPE_DEPTH} deep" in unknown and "sane number of portions" in unknown
    code, _, err = run_cli(capsys, old_deep_store, "export", "shopping-list", "--person", "Nest", "--week", str(WEEK),
                       "--all-days", "--out", str(tmp_path / "shopping.pdf"))  # fmt: skip
    assert code == 0, err


def test_the_window_shows_an_old_deep_nest(qapp, qtbot, old_deep_store):
    from bonewise.ui.app import open_window

    session = open_window(old_deep_store)
    try:
        window = session.window
        nest = next(p for p in session.repo.people() if p.name == "Nest")
        window.document.show(nest.id, WEEK)
        window.grid.grab()  # paints every cell: the size hints and the recipe totals
        assert window.document.week.days[0].entries("lunch")
    finally:
        window.close()
        session.close()
