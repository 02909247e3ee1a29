"""``bonewise plan fill``: fills, saves, prints what was added and why anything is unmet."""

from __future__ import annotations

import argparse
import json

import pytest

from bonewise.cli import main
from bonewise.cli.fill import register_fill
from bonewise.core.amounts import entry_for
from bonewise.core.checks import check_day
from bonewise.core.edits import place
from bonewise.core.plan import Diet, IsoWeek, Person
from bonewise.core.targets import targets_for
from bonewise.errors import BonewiseError
from bonewise.paths import reference_db_path
from bonewise.store.foodstore import FoodStore
from bonewise.store.repository import Repository

WEEK = IsoWeek(2026, 49)
MONDAY = WEEK.monday()


def parser() -> argparse.ArgumentParser:
    """``bonewise plan`` with only ``fill`` under it, as cli/plan.py registers it."""
    top = argparse.ArgumentParser(prog="bonewise")
    top.add_argument("--data-dir")
    plan = top.add_subparsers(dest="command").add_parser("plan")
    register_fill(plan.add_subparsers(dest="plan_command"))
    return top


@pytest.fixture
def data_dir(tmp_path):
    with Repository.open(tmp_path) as repo, FoodStore(reference_db_path(), repo.custom_foods) as foods:
        zoe = repo.save_person(Person("Zoë", weight_kg=64))
        repo.save_person(Person("Nell", diet=Diet.VEGAN))
        week, _ = place(repo.week(zoe.id, WEEK), MONDAY, "breakfast",
                        entry_for(foods.get("01079"), measure="cup", count=2))  # fmt: skip
        repo.save_days(zoe.id, [week.day(MONDAY)])
    return tmp_path


def fill(data_dir, capsys, *argv):
    # The tests' week has passed by now: plan it anyway.
    args = parser().parse_args(["--data-dir", str(data_dir), "plan", "fill", "--include-past", *argv])
    code = args.handler(args)
    return code, capsys.readouterr().out


def test_fill_a_day_saves_and_lists_what_was_added(data_dir, capsys):
    code, out = fill(data_dir, capsys, "--person", "zoë", "--date", MONDAY.isoformat())
    assert code == 0
    assert out.startswith("Filled Monday 30 November 2026 for Zoë: ")
    assert "added and saved" in out and "Day: Calcium" in out
    with Repository.open(data_dir) as repo, FoodStore(reference_db_path(), repo.custom_foods) as foods:
        person = repo.person_by_name("Zoë")
        day = repo.week(person.id, WEEK).day(MONDAY)
        assert [e.food_id for e in day.entries("breakfast")] == ["01079"]  # the milk stayed alone
        assert {"lunch", "dinner"} <= {s for s, entries in day.meals.items() if entries}
        kinds = {f.kind for f in check_day(person, day, foods, {}, targets_for(person))}
        assert not kinds & {"calcium_per_sitting", "upper_limit"}


def test_fill_a_week_as_json_lists_the_entries_added(data_dir, capsys):
    code, out = fill(data_dir, capsys, "--person", "Zoë", "--week", "2026-W49", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["person"] == "Zoë" and len(data["dates"]) == 7
    assert data["unmet"] == [] and data["status"] == "optimal" and data["cut_short"] == []
    added = data["added"]
    assert {a["date"] for a in added} == set(data["dates"])
    first = added[0]
    assert set(first) >= {"date", "meal", "meal_name", "entry_id", "food_id", "name", "measure", "count", "grams"}
    for day in data["totals"].values():
        assert day["calcium_mg"]["value"] >= 1200 * 0.999
        assert day["calcium_mg"]["value"] <= 2000
    with Repository.open(data_dir) as repo:
        week = repo.week(repo.person_by_name("Zoë").id, WEEK)
        saved = {e.id for day in week.days for entries in day.meals.values() for e in entries}
    assert {a["entry_id"] for a in added} <= saved


def test_unmet_targets_are_explained(data_dir, capsys):
    code, out = fill(data_dir, capsys, "--person", "Nell", "--date", MONDAY.isoformat(), "--no-supplements",
                     "--json")  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert any("No body weight" in n for n in data["notes"])
    for unmet in data["unmet"]:
        assert unmet["message"].endswith(".") and unmet["dates"] == [MONDAY.isoformat()]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--person", "Zoë"], "Give either --date"),
        (["--person", "Zoë", "--date", "2026-12-01", "--week", "2026-W49"], "Give either --date"),
        (["--person", "Zoë", "--date", "1 Dec"], "YYYY-MM-DD"),
        (["--person", "Zoë", "--week", "2026-W60"], "does not exist"),
        (["--person", "Nobody", "--week", "2026-W49"], "Nobody"),
        (["--person", "Zoë", "--week", "2026-W49", "--max-per-week", "0"], "whole number"),
        (["--person", "Zoë", "--week", "2026-W49", "--max-per-week", "nan"], "number"),
    ],
)
def test_bad_arguments_give_one_clear_sentence(data_dir, capsys, argv, message):
    with pytest.raises(BonewiseError, match=message):
        fill(data_dir, capsys, *argv)


def test_the_bonewise_command_runs_plan_fill(data_dir, capsys):
    code = main(["--data-dir", str(data_dir), "plan", "fill", "--person", "Zoë", "--date", "2026-12-02", "--json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert json.loads(out)["dates"] == ["2026-12-02"]
    code = main(["--data-dir", str(data_dir), "plan", "fill", "--person", "Zoë", "--week", "2026-W99"])
    out, err = capsys.readouterr()
    assert code == 1 and err.startswith("bonewise: error: --week") and err.count("\n") == 1


def test_a_locked_meal_and_days_already_past_are_left_alone(data_dir, capsys):
    code, out = fill(data_dir, capsys, "--person", "Zoë", "--date", MONDAY.isoformat(), "--lock",
                     f"{MONDAY.isoformat()}:Lunch", "--lock", f"{MONDAY.isoformat()}:bedtime", "--json")  # fmt: skip
    data = json.loads(out)
    assert not {a["meal"] for a in data["added"]} & {"lunch", "bedtime"}
    assert "Locked, so left empty: Lunch on Monday, Bedtime on Monday." in data["notes"]
    args = parser().parse_args(["--data-dir", str(data_dir), "plan", "fill", "--person", "Zoë",
                                "--date", "2020-01-06", "--json"])  # fmt: skip
    args.handler(args)
    data = json.loads(capsys.readouterr().out)
    assert data["added"] == [] and data["notes"] == ["Monday has passed, so it was left as planned."]


@pytest.mark.parametrize(
    ("lock", "message"),
    [("2026-11-30", "a day and a meal"), ("2026-11-30:elevenses", "no meal called 'elevenses'"),
     ("30/11:lunch", "YYYY-MM-DD")],
)  # fmt: skip
def test_a_bad_lock_is_one_clear_sentence(data_dir, capsys, lock, message):
    with pytest.raises(BonewiseError, match=message):
        fill(data_dir, capsys, "--person", "Zoë", "--date", MONDAY.isoformat(), "--lock", lock)

