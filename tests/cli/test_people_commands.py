"""``bonewise person …`` end to end against a temporary data folder."""

from __future__ import annotations

import json

import pytest

from bonewise.cli import main
from bonewise.store.repository import Repository


@pytest.fixture
def run(tmp_path, capsys):
    """Run the command line on a fresh data folder; returns (exit code, stdout, stderr)."""

    def go(*argv):
        code = main(["--data-dir", str(tmp_path), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    go.data_dir = tmp_path
    return go


NAMES = ['<b>Zoë & "Mum"</b>', "Людмила", "王小明", "Grandma 👵🏽"]


def test_add_and_list_any_name(run):
    for name in NAMES:
        assert run("person", "add", name, "--weight-kg", "61.5")[0] == 0
    code, out, err = run("person", "list", "--json")
    assert code == 0 and err == ""
    listed = json.loads(out)
    assert [p["name"] for p in listed] == NAMES
    assert listed[0]["weight_kg"] == 61.5
    assert listed[0]["slots"][0] == {"id": "breakfast", "name": "Breakfast", "main_meal": True}
    code, out, _ = run("person", "list")
    assert code == 0
    assert all(name in out for name in NAMES)
    assert "61.5 kg" in out


def test_empty_list(run):
    assert run("person", "list", "--json")[1] == "[]\n"
    assert "No one yet" in run("person", "list")[1]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["person", "add", "ZOË"], "already a person called 'ZOË'"),
        (["person", "add", "   "], "must not be empty"),
        (["person", "add", "Ann", "--weight-kg", "nan"], "--weight-kg must be a number such as 62.5, not 'nan'"),
        (["person", "add", "Ann", "--weight-kg", "sixty"], "not 'sixty'"),
        (["person", "add", "Ann", "--weight-kg", "-60"], "between 20 and 400 kg"),
        (["person", "add", "Ann", "--weight-kg", "1e400"], "must be a number"),
        (["person", "set", "Nobody", "--weight-kg", "60"], "no person called 'Nobody'. Known people: Zoë"),
        (["person", "set", "Zoë"], "Nothing to change"),
        (["person", "set", "Zoë", "--vitamin-d-date", "2026-02-30"], "not a date in the calendar"),
        (["person", "set", "Zoë", "--target", "iron_mg", "1", "2"], "no target for"),
        (["person", "remove", "Zoë"], "add --yes to confirm"),
    ],
)
def test_errors_are_one_line_and_change_nothing(run, argv, message):
    run("person", "add", "Zoë")
    code, out, err = run(*argv)
    assert code == 1 and out == ""
    assert err.startswith("bonewise: error: ") and err.count("\n") == 1
    assert message in err
    assert [p["name"] for p in json.loads(run("person", "list", "--json")[1])] == ["Zoë"]


def test_set_every_detail_then_clear(run):
    run("person", "add", "Zoë")
    code, out, _ = run(
        "person", "set", "zoë", "--name", "Zoë B.", "--weight-kg", "58", "--t-score", "-1.8",
        "--vitamin-d", "24", "--vitamin-d-date", "2026-10-01", "--warfarin", "--soy", "whole_foods",
        "--dairy-free", "--vegetarian", "--target", "calcium_mg", "1000", "none",
    )
    assert code == 0 and "Updated Zoë B." in out
    with Repository.open(run.data_dir) as repo:
        zoe = repo.person_by_name("Zoë B.")
    assert (zoe.weight_kg, zoe.t_score, zoe.vitamin_d_lab_ng_ml, str(zoe.vitamin_d_lab_date)) == (
        58.0, -1.8, 24.0, "2026-10-01")
    assert zoe.on_warfarin and zoe.dairy_free and zoe.vegetarian and zoe.soy.value == "whole_foods"
    assert dict(zoe.target_overrides) == {"calcium_mg": (1000.0, None)}
    assert "-1.8 (osteopenia)" in run("person", "list")[1]
    run("person", "set", "Zoë B.", "--weight-kg", "none", "--no-warfarin", "--reset-targets")
    with Repository.open(run.data_dir) as repo:
        zoe = repo.person_by_name("Zoë B.")
    assert zoe.weight_kg is None and not zoe.on_warfarin and not zoe.target_overrides


def test_remove_with_yes(run):
    run("person", "add", "Zoë")
    run("person", "add", "Ann")
    assert run("person", "remove", "ZOË", "--yes")[:2] == (0, "Removed Zoë and their plans.\n")
    assert [p["name"] for p in json.loads(run("person", "list", "--json")[1])] == ["Ann"]
