"""``bonewise foods search|show|add`` in the exact forms the issue names."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from bonewise.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_table_and_json(data_dir, capsys):
    code, out, err = run(capsys, "foods", "search", "cheddar cheese", "--limit", "3")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "NAME", "GROUP"]
    assert lines[1].split()[:3] == ["01009", "Cheese,", "cheddar"]
    assert len(lines) == 4
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "foods", "search", "egg", "--json")
    hits = json.loads(out)
    assert code == 0 and hits[0] == {"id": "01123", "name": "Egg, whole, raw, fresh", "kind": "reference",
                                     "group": "Dairy and Egg Products"}
    assert len(hits) == 20


def test_search_words_without_quotes_and_no_match(data_dir, capsys):
    code, out, _ = run(capsys, "foods", "search", "cheese", "cheddar", "--json")
    assert json.loads(out)[0]["id"] == "01009"
    code, out, err = run(capsys, "foods", "search", "zzqqxx")
    assert (code, err) == (0, "") and "No food matches" in out
    code, out, _ = run(capsys, "foods", "search", "--json", "--", '"*AND<&')
    assert code == 0 and isinstance(json.loads(out), list)


def test_show_text_has_units_measures_vitamin_d_and_k2_source(data_dir, capsys):
    code, out, err = run(capsys, "foods", "show", "01079")
    assert code == 0 and err == ""
    assert "Milk, reduced fat, fluid, 2% milkfat" in out
    assert "1 cup" in out and "244 g" in out
    assert "Calcium" in out and "120 mg" in out
    assert "49 IU (1.225 µg)" in out
    assert "not counted as K2" in out
    assert "unknown: no K2 value" in out
    code, out, _ = run(capsys, "foods", "show", "16113")
    assert "1,103.4 µg per 100 g" in out and "Schurgers & Vermeer 2000" in out and "unverified" in out
    assert "all forms measured" in out
    assert "939 (Kamao et al. 2007, verified (abstract), some forms only)" in out


def test_parse_says_what_the_grid_would_add(data_dir, capsys):
    code, out, err = run(capsys, "foods", "parse", "2", "eggs")
    assert (code, err) == (0, "")
    assert out.startswith("2 large (100 g) of Egg, whole")
    code, out, _ = run(capsys, "foods", "parse", "salmon", "--meal", "dinner", "--json")
    dinner = json.loads(out)
    assert set(dinner) >= {"food_id", "name", "grams", "measure", "count", "alternatives"}
    assert "salmon" in dinner["name"].casefold() and 100 <= dinner["grams"] <= 170
    code, out, _ = run(capsys, "foods", "parse", "salmon", "--meal", "breakfast", "--json")
    assert json.loads(out)["grams"] < dinner["grams"]  # a usual serving is smaller at breakfast
    code, out, _ = run(capsys, "foods", "parse", "milk 200 ml", "--json")
    milk = json.loads(out)
    assert milk["measure"] is None and milk["count"] is None and 200 <= milk["grams"] <= 210
    assert all(set(a) == {"food_id", "name"} for a in milk["alternatives"])


def test_parse_shows_a_corrected_word_and_refuses_an_amount_alone(data_dir, capsys):
    code, out, _ = run(capsys, "foods", "parse", "brocoli")
    assert code == 0 and out.startswith("Showing results for “broccoli”.")
    code, out, _ = run(capsys, "foods", "parse", "brocoli", "--json")
    assert json.loads(out)["corrected"] == "broccoli"
    code, out, err = run(capsys, "foods", "parse", "200 g")
    assert code != 0 and out == "" and "no food" in err


def test_show_json(data_dir, capsys):
    code, out, _ = run(capsys, "foods", "show", "01123", "--json")
    food = json.loads(out)
    assert code == 0
    assert food["nutrients_per_100g"]["calcium_mg"] == {"label": "Calcium", "unit": "mg", "value": 56.0}
    assert food["vitamin_d"] == {"iu": 82.0, "ug": 2.05}
    assert {"amount": 1.0, "name": "large", "grams": 50.0} in food["measures"]
    assert food["k2"]["evidence"] == "unverified" and food["k2"]["k2_table_row"] == 5
    assert "starch_g" in food["unknown_nutrients"]
    code, out, _ = run(capsys, "foods", "show", "sup-calcium-citrate-315", "--json")
    supplement = json.loads(out)
    assert supplement["usual_serving"]["nutrients"] == {"calcium_mg": 315.0}


def test_add_prints_the_id_and_search_finds_it(data_dir, capsys):
    code, out, err = run(
        capsys, "foods", "add", "--name", "Oma's Quark 🙂", "--nutrient", "calcium_mg=120",
        "--nutrient", "protein_g=12.5", "--measure", "1/2 cup=120", "--measure", "tbsp=15g",
    )
    assert (code, err) == (0, "")
    new_id = out.strip()
    assert new_id.startswith("u")
    assert (data_dir / "bonewise.sqlite").exists()
    code, out, _ = run(capsys, "foods", "search", "quark", "--json")
    assert json.loads(out)[0] == {"id": new_id, "name": "Oma's Quark 🙂", "kind": "custom", "group": "My foods"}
    code, out, _ = run(capsys, "foods", "show", new_id, "--json")
    food = json.loads(out)
    assert food["nutrients_per_100g"]["protein_g"]["value"] == 12.5
    assert {"amount": 0.5, "name": "cup", "grams": 120.0} in food["measures"]
    code, out, _ = run(capsys, "foods", "add", "--name", "Skyr", "--json")
    assert json.loads(out)["name"] == "Skyr"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["foods", "show", "99999"], "no food with id '99999'"),
        (["foods", "search", "milk", "--limit", "abc"], "--limit must be a whole number"),
        (["foods", "search", "milk", "--limit", "0"], "--limit must be a whole number"),
        (["foods", "add", "--name", ""], "needs a name"),
        (["foods", "add", "--name", "X", "--nutrient", "calcium=5"], "did you mean calcium_mg"),
        (["foods", "add", "--name", "X", "--nutrient", "calcium_mg"], "must look like calcium_mg=120"),
        (["foods", "add", "--name", "X", "--nutrient", "calcium_mg=nan"], "must be a number"),
        (["foods", "add", "--name", "X", "--nutrient", "calcium_mg=-4"], "cannot be negative"),
        (["foods", "add", "--name", "X", "--nutrient", "calcium_mg=1", "--nutrient", "calcium_mg=2"], "twice"),
        (["foods", "add", "--name", "X", "--measure", "cup"], "must look like"),
        (["foods", "add", "--name", "X", "--measure", "cup=0"], "weight above 0"),
        (["foods", "add", "--name", "X", "--measure", "cup=lots"], "must be a number"),
    ],
)
def test_errors_are_one_line_on_stderr(data_dir, capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("bonewise: error: ")
    assert message in err
    assert "Traceback" not in err


def test_python_dash_m_search(data_dir):
    env = {**os.environ, "BONEWISE_DATA_DIR": str(data_dir)}
    result = subprocess.run(
        [sys.executable, "-m", "bonewise", "foods", "search", "milk", "--json"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits and all(h["name"] for h in hits)
    assert hits[0]["name"].startswith("Milk")
