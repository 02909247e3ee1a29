"""``bonewise person …`` end to end against a temporary data folder."""

from __future__ import annotations

import argparse
import json

import pytest

from bonewise.cli import main
from bonewise.core.plan import Allergen, Diet, Person
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
        (["person", "set", "Zoë", "--birth-year", "61"], "--birth-year: The year of birth must be between 1900"),
        (["person", "set", "Zoë", "--birth-year", "1961.5"], "--birth-year: The year of birth must be a whole year"),
        (["person", "add", "Ann", "--birth-year", "next year"], "--birth-year must be a number such as 1961"),
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
        "--diet", "vegan", "--allergy", "milk", "--allergy", "Tree nuts", "--dislike", "15088",
        "--natto", "--vitamin-k-usual", "120", "--target", "calcium_mg", "1000", "none",
    )
    assert code == 0 and "Updated Zoë B." in out
    with Repository.open(run.data_dir) as repo:
        zoe = repo.person_by_name("Zoë B.")
    assert (zoe.weight_kg, zoe.t_score, zoe.vitamin_d_lab_ng_ml, str(zoe.vitamin_d_lab_date)) == (
        58.0, -1.8, 24.0, "2026-10-01")
    assert zoe.on_warfarin and zoe.soy.value == "whole_foods" and zoe.eats_natto
    assert (zoe.diet, zoe.allergies, zoe.dislikes, zoe.vitamin_k_usual_ug) == (
        Diet.VEGAN, {Allergen.MILK, Allergen.TREE_NUTS}, {"15088"}, 120.0)
    assert "vegan; allergies: milk, tree nuts; 1 food never wanted" in run("person", "list")[1]
    assert dict(zoe.target_overrides) == {"calcium_mg": (1000.0, None)}
    assert "-1.8 (osteopenia)" in run("person", "list")[1]
    run("person", "set", "Zoë B.", "--weight-kg", "none", "--no-warfarin", "--reset-targets", "--diet", "none",
        "--no-allergy", "all", "--no-dislike", "15088", "--no-natto", "--vitamin-k-usual", "none")
    with Repository.open(run.data_dir) as repo:
        zoe = repo.person_by_name("Zoë B.")
    assert zoe.weight_kg is None and not zoe.on_warfarin and not zoe.target_overrides
    assert (zoe.diet, zoe.allergies, zoe.dislikes, zoe.eats_natto, zoe.vitamin_k_usual_ug) == (
        Diet.NONE, frozenset(), frozenset(), False, None)


def test_the_flags_of_earlier_versions_still_work(run):
    run("person", "add", "Zoë")
    run("person", "set", "Zoë", "--vegetarian", "--dairy-free")
    with Repository.open(run.data_dir) as repo:
        zoe = repo.person_by_name("Zoë")
    assert (zoe.diet, zoe.allergies) == (Diet.VEGETARIAN, {Allergen.MILK})


def test_two_diets_given_together_are_kept_together(run):
    run("person", "add", "Zoë")
    code, out, _ = run("person", "set", "Zoë", "--diet", "pescatarian", "--diet", "lactose-free")
    assert code == 0
    with Repository.open(run.data_dir) as repo:
        assert repo.person_by_name("Zoë").diet is Diet.LACTOSE_FREE_PESCATARIAN
    assert "lactose-free pescatarian" in run("person", "list")[1]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--dislike", "99999"], "There is no food with id '99999'"),
        (["--vitamin-k-usual", "5"], "at least 10"),
    ],
)
def test_bad_diet_options_are_one_sentence_and_change_nothing(run, argv, message, capsys):
    run("person", "add", "Zoë")
    code, out, err = run("person", "set", "Zoë", *argv)
    assert code != 0 and message in err
    with Repository.open(run.data_dir) as repo:
        assert repo.person_by_name("Zoë") == Person("Zoë", id=repo.person_by_name("Zoë").id)


def test_year_of_birth_sets_the_calcium_limit_everywhere(run):
    run("person", "add", "Ana", "--birth-year", "1984")
    assert json.loads(run("person", "list", "--json")[1])[0]["birth_year"] == 1984
    assert "1984" in run("person", "list")[1]
    # 2,100 mg of calcium on one day: over 2,000 mg from age 51, within 2,500 mg at 19-50.
    for meal in ("Breakfast", "Lunch", "Dinner"):
        run("plan", "add", "--person", "Ana", "--date", "2026-11-30", "--meal", meal,
            "--food", "sup-calcium-carbonate-600", "--measure", "tablet")
    run("plan", "add", "--person", "Ana", "--date", "2026-11-30", "--meal", "Bedtime",
        "--food", "sup-calcium-carbonate-600", "--measure", "tablet", "--count", "0.5")
    totals = ["plan", "totals", "--person", "Ana", "--date", "2026-11-30", "--json"]
    young = json.loads(run(*totals)[1])
    calcium = young["nutrients"]["calcium_mg"]
    assert (calcium["limit"]["value"], calcium["limit"]["applies_to"]) == (2500.0, "ages 19–50")
    assert calcium["status"] == "above" and not [g for g in young["warnings"] if g["kind"] == "upper_limit"]
    assert run("person", "set", "Ana", "--birth-year", "1960")[0] == 0
    older = json.loads(run(*totals)[1])
    assert older["nutrients"]["calcium_mg"]["limit"]["value"] == 2000.0
    assert older["nutrients"]["calcium_mg"]["status"] == "over_limit"
    assert older["warnings"][0]["kind"] == "upper_limit"
    assert run("person", "set", "Ana", "--birth-year", "none")[0] == 0
    cleared = json.loads(run(*totals)[1])["nutrients"]["calcium_mg"]["limit"]
    assert cleared["applies_to"] == "ages 51 and over, as no year of birth is recorded"


def test_remove_with_yes(run):
    run("person", "add", "Zoë")
    run("person", "add", "Ann")
    assert run("person", "remove", "ZOË", "--yes")[:2] == (0, "Removed Zoë and their plans.\n")
    assert [p["name"] for p in json.loads(run("person", "list", "--json")[1])] == ["Ann"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [(["--allergy", "gluten"], "not an allergen: 'gluten'"), (["--diet", "keto"], "invalid choice: 'keto'")],
)
def test_an_unknown_diet_or_allergen_names_the_choices(run, argv, message, capsys):
    run("person", "add", "Zoë")
    # argparse stops with its usage line (the test session makes it raise instead of exit)
    with pytest.raises((SystemExit, argparse.ArgumentError)) as raised:
        run("person", "set", "Zoë", *argv)
    assert message in capsys.readouterr().err + str(raised.value)

