"""``bonewise plan …`` end to end: a temporary data folder and the shipped food store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from bonewise.cli import main
from bonewise.core.foods import Measure
from bonewise.paths import reference_db_path
from bonewise.store.foodstore import FoodStore
from bonewise.store.repository import Repository

MILK, NATTO, SARDINES = "01079", "16113", "15088"
CA_600, D3_2000 = "sup-calcium-carbonate-600", "sup-vitamin-d3-2000"
MONDAY, TUESDAY = "2026-11-30", "2026-12-01"


@pytest.fixture(scope="module")
def foods():
    with FoodStore(reference_db_path()) as store:
        yield store


def per_100g(foods, food_id, key):
    return foods.get(food_id).nutrients[key]


@pytest.fixture
def run(tmp_path, capsys):
    """Run the command line on a fresh data folder; returns (exit code, stdout, stderr)."""

    def go(*argv, data_dir=tmp_path):
        code = main(["--data-dir", str(data_dir), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    go.data_dir = tmp_path
    return go


@pytest.fixture
def planned(run):
    """Zoë (60 kg) with Monday and Tuesday planned."""
    assert run("person", "add", "Zoë", "--weight-kg", "60")[0] == 0
    for argv in (
        ["--date", MONDAY, "--meal", "Breakfast", "--food", MILK, "--measure", "cup", "--count", "2"],
        ["--date", MONDAY, "--meal", "breakfast", "--food", CA_600, "--measure", "tablet"],
        ["--date", MONDAY, "--meal", "AFTERNOON SNACK", "--food", NATTO, "--grams", "100"],
        ["--date", TUESDAY, "--meal", "lunch", "--food", SARDINES, "--grams", "92"],
        ["--date", TUESDAY, "--meal", "dinner", "--food", D3_2000, "--measure", "softgels", "--count", "3"],
    ):
        code, out, err = run("plan", "add", "--person", "zoë", *argv)
        assert (code, err) == (0, ""), err
        assert out.startswith("Added ")
    return run


def show(run, *period):
    return json.loads(run("plan", "show", "--person", "Zoë", *(period or ("--week", "2026-W49")), "--json")[1])


# -- plan add ------------------------------------------------------------------------


def test_add_by_measure_grams_and_dose(planned, foods):
    days = show(planned)["days"]
    breakfast = days[0]["meals"]["breakfast"]
    assert [(i["food_id"], i["grams"], i["measure"], i["count"]) for i in breakfast] == [
        (MILK, 2 * foods.get(MILK).measure("cup").grams, "cup", 2.0),
        (CA_600, 1.0, "tablet", 1.0),
    ]
    assert days[0]["meals"]["afternoon-snack"][0]["grams"] == 100.0
    assert days[1]["meals"]["dinner"][0]["count"] == 3.0
    assert all(not d["meals"] for d in days[2:])


def test_add_reports_what_it_did(run):
    run("person", "add", "Zoë")
    code, out, _ = run("plan", "add", "--person", "Zoë", "--date", MONDAY, "--meal", "lunch",
                       "--food", MILK, "--measure", "cup")
    assert code == 0
    assert out == ("Added 1 cup (244 g) of Milk, reduced fat, fluid, 2% milkfat, with added vitamin A "
                   "and vitamin D to Lunch on Monday 30 November 2026 for Zoë.\n")


def test_add_text_reads_the_amount_as_the_grid_does(run, foods):
    run("person", "add", "Zoë")
    code, out, err = run("plan", "add", "--person", "Zoë", "--date", MONDAY, "--meal", "breakfast",
                         "--text", "eggs 2")
    assert (code, err) == (0, "")
    assert out.startswith("Added 2 large (100 g) of Egg, whole")
    code, out, _ = run("plan", "add", "--person", "Zoë", "--date", MONDAY, "--meal", "dinner",
                       "--text", "brocoli")
    assert code == 0 and out.startswith("Showing results for “broccoli”.\nAdded ")
    days = show(run)["days"]
    eggs = days[0]["meals"]["breakfast"][0]
    assert (eggs["grams"], eggs["measure"], eggs["count"]) == (100.0, "large", 2.0)
    assert "Broccoli" in foods.get(days[0]["meals"]["dinner"][0]["food_id"]).name


@pytest.mark.parametrize("argv, message", [
    (["--text", "2 eggs", "--grams", "5"], "leave out --food"),
    (["--text", "200 g"], "gives an amount but no food"),
    ([], "Give the food"),
])
def test_add_text_refuses_mixed_or_missing_food(run, argv, message):
    run("person", "add", "Zoë")
    code, out, err = run("plan", "add", "--person", "Zoë", "--date", MONDAY, "--meal", "lunch", *argv)
    assert code != 0 and out == "" and message in err
    assert not show(run)["days"][0]["meals"]


def test_add_keeps_order_and_is_saved_at_once(planned):
    planned("plan", "add", "--person", "Zoë", "--date", MONDAY, "--meal", "breakfast",
            "--food", NATTO, "--grams", "20")
    with Repository.open(planned.data_dir) as repo:
        zoe = repo.person_by_name("Zoë")
        monday = repo.week(zoe.id, repo_week("2026-W49")).days[0]
    assert [e.food_id for e in monday.entries("breakfast")] == [MILK, CA_600, NATTO]


def repo_week(text):
    from bonewise.core.plan import IsoWeek

    return IsoWeek.parse(text)


# -- plan totals ---------------------------------------------------------------------


SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "plan-totals.schema.json").read_text("utf-8"))


def totals_json(run, *period, person="Zoë"):
    """``plan totals --json``, checked against docs/plan-totals.schema.json."""
    code, out, err = run("plan", "totals", "--person", person, *period, "--json")
    assert (code, err) == (0, ""), err
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA, format_checker=jsonschema.FormatChecker())
    return data


def test_day_totals_json_are_the_source_values_times_grams(planned, foods):
    data = totals_json(planned, "--date", MONDAY)
    assert (data["period"], data["date"], data["days_planned"]) == ("day", MONDAY, 1)
    n = data["nutrients"]
    milk_g = 2 * 244.0
    for key in ("calcium_mg", "vitamin_d_iu", "magnesium_mg", "protein_g"):
        expected = (per_100g(foods, MILK, key) * milk_g / 100
                    + foods.get(CA_600).nutrients.get(key, 0.0) * 1 / 100
                    + per_100g(foods, NATTO, key) * 100 / 100)
        assert n[key]["value"] == pytest.approx(expected, rel=1e-9), key
    assert n["calcium_mg"]["value"] == pytest.approx(120 * 488 / 100 + 600 + 217)
    # K2: natto has a literature value, milk has none: a lower bound with the gap named.
    k2 = n["vitamin_k2_ug"]
    assert k2["value"] == pytest.approx(foods.get(NATTO).nutrients["vitamin_k2_ug"])
    assert (k2["coverage"]["known"], k2["coverage"]["unknown"], k2["coverage"]["complete"]) == (2, 1, False)
    assert k2["coverage"]["unknown_foods"] == [foods.get(MILK).name]
    assert k2["text"].startswith("at least ") and k2["status"] == "tracked"
    assert n["calcium_mg"]["coverage"] == {
        "known": 3, "unknown": 0, "complete": True, "unknown_foods": [], "from_supplements": 600.0}
    assert n["calcium_mg"]["text"] == "1,403 mg"
    meals = {m["meal"]: m for m in data["days"][0]["meals"]}
    assert list(meals) == ["breakfast", "afternoon-snack"]
    assert meals["breakfast"]["nutrients"]["calcium_mg"]["value"] == pytest.approx(120 * 488 / 100 + 600)


def test_total_vitamin_k_is_k1_plus_k2_and_k2_stays_k2(planned, foods):
    n = totals_json(planned, "--date", MONDAY)["nutrients"]
    k1 = (per_100g(foods, MILK, "vitamin_k1_ug") * 488 / 100 + per_100g(foods, NATTO, "vitamin_k1_ug"))
    k2 = per_100g(foods, NATTO, "vitamin_k2_ug")
    total = n["vitamin_k_total_ug"]
    assert total["value"] == pytest.approx(k1 + k2)  # milk has K1, no K2: its K1 still counts
    assert total["coverage"]["unknown_foods"] == [foods.get(MILK).name]
    assert n["vitamin_k2_ug"]["value"] == pytest.approx(k2)  # K1 never added into K2
    assert total["target"] == {"kind": "floor", "low": 90.0, "high": None, "unit": "µg",
                               "text": "at least 90 µg", "personal": False}
    assert total["limit"] is None and total["sources"][0]["short"] == "IOM 2001"
    assert total["status"] == "met"


def test_targets_carry_their_kind_limit_and_sources(planned):
    n = totals_json(planned, "--date", MONDAY)["nutrients"]
    assert n["protein_g"]["target"]["kind"] == "floor"
    assert n["calcium_mg"]["target"] == {"kind": "band", "low": 1200.0, "high": 1500.0, "unit": "mg",
                                         "text": "1,200–1,500 mg", "personal": False}
    assert n["calcium_mg"]["limit"] == {"value": 2000.0, "unit": "mg", "scope": "total",
                                        "applies_to": "ages 51 and over, as no year of birth is recorded",
                                        "source": "IOM 2011"}
    assert n["magnesium_mg"]["limit"]["scope"] == "supplements"
    assert n["sodium_mg"]["target"]["kind"] == "ceiling" and n["sodium_mg"]["limit"] is None
    assert [s["short"] for s in n["calcium_mg"]["sources"]] == ["NCCN 2009; NIH 1994", "IOM 2011"]


def test_protein_above_its_range_is_target_met_not_a_warning(run):
    # The case: 77 g against 64.0–76.8 g (64 kg) read "above target" and "more than advised".
    run("person", "add", "Zoë", "--weight-kg", "64")
    run("plan", "add", "--person", "Zoë", "--date", MONDAY, "--meal", "lunch", "--food", "05064",
        "--grams", f"{77 / 0.3102 * 100 / 100:.4f}")  # chicken breast, roasted: 31.02 g protein/100 g
    data = totals_json(run, "--week", "2026-W49")
    protein = data["nutrients"]["protein_g"]
    assert protein["value"] == pytest.approx(77.0, abs=0.01)
    assert (protein["status"], protein["status_text"], protein["symbol"]) == ("met", "target met", "✓")
    everything = json.dumps(data["warnings"])
    assert "more than" not in everything and '"nutrient": "protein_g", "message": "On average' not in everything
    assert not [f for g in data["warnings"] for f in g["findings"]
                if f["nutrient"] == "protein_g" and f["kind"] != "protein_per_meal"]


def test_day_warnings_name_kind_meal_and_source(planned):
    data = totals_json(planned, "--date", MONDAY)
    (sitting,) = [g for g in data["warnings"] if g["kind"] == "calcium_per_sitting"]
    assert (sitting["count"], sitting["severity"]) == (1, "note")
    (w,) = sitting["findings"]
    assert (w["date"], w["meal"], w["meal_name"], w["nutrient"]) == (MONDAY, "breakfast", "Breakfast", "calcium_mg")
    assert w["source"]["short"] and f"({w['source']['short']})" in w["message"] and w["source"]["citation"]
    data = totals_json(planned, "--date", TUESDAY)
    assert data["warnings"][0]["kind"] == "upper_limit"  # the serious one first
    limit = data["warnings"][0]["findings"]
    assert [(w["nutrient"], w["date"], w["meal"]) for w in limit] == [("vitamin_d_iu", TUESDAY, None)]
    assert "IOM 2011" in limit[0]["message"]


def test_warnings_come_heaviest_first_grouped_with_counts(planned):
    data = totals_json(planned, "--week", "2026-W49")
    ranks = {"warning": 0, "below": 1, "note": 2}
    order = [ranks[g["severity"]] for g in data["warnings"]]
    assert order == sorted(order) and data["warnings"][0]["kind"] == "upper_limit"
    assert len({g["kind"] for g in data["warnings"]}) == len(data["warnings"])
    for group in data["warnings"]:
        assert group["count"] == len(group["findings"])
        assert all(f["kind"] == group["kind"] for f in group["findings"])


def test_week_totals_json_average_the_planned_days(planned):
    data = totals_json(planned, "--week", "2026-W49")
    assert (data["period"], data["week"], data["date"]) == ("week", "2026-W49", None)
    assert [d["date"] for d in data["days"]] == [
        "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"]
    assert [d["planned"] for d in data["days"]] == [True, True] + [False] * 5
    assert data["days_planned"] == 2 and data["averaged_over"] == "Daily average of 2 planned days"
    monday = totals_json(planned, "--date", MONDAY)
    assert data["days"][0]["nutrients"]["calcium_mg"] == monday["nutrients"]["calcium_mg"]
    for key in ("calcium_mg", "vitamin_d_iu", "magnesium_mg", "protein_g"):
        # Over the 2 planned days: the 5 empty days are not days of eating nothing.
        average = sum(d["nutrients"][key]["value"] or 0 for d in data["days"]) / 2
        assert data["nutrients"][key]["value"] == pytest.approx(average)
    empty = data["days"][2]["nutrients"]["calcium_mg"]
    assert (empty["value"], empty["status"], empty["text"]) == (None, "nothing_planned", "nothing planned")
    kinds = {g["kind"] for g in data["warnings"]}
    assert {"calcium_per_sitting", "upper_limit"} <= kinds


def test_unknown_is_null_never_zero(run):
    # The case: a custom food with only protein gave "calcium_mg": 0.0 and an
    # "at least 0 … below the target" warning.
    run("person", "add", "Zoë")
    with Repository.open(run.data_dir) as repo, FoodStore(reference_db_path(), repo.custom_foods) as store:
        cake = store.add_custom("Oma's Käsekuchen 🍰", {"protein_g": 8.0}, [Measure("slice", 120.0)])
    run("plan", "add", "--person", "Zoë", "--date", MONDAY, "--meal", "dinner", "--food", cake.id,
        "--measure", "slice")
    for period in (("--date", MONDAY), ("--week", "2026-W49")):
        data = totals_json(run, *period)
        n = data["nutrients"]
        assert n["protein_g"]["value"] == pytest.approx(9.6)
        for key in ("calcium_mg", "vitamin_d_iu", "vitamin_k2_ug", "vitamin_k_total_ug"):
            assert (n[key]["value"], n[key]["status"], n[key]["text"]) == (None, "no_data", "no data"), key
            assert n[key]["coverage"]["unknown_foods"] == ["Oma's Käsekuchen 🍰"]
        findings = [f for g in data["warnings"] for f in g["findings"]]
        assert not [f for f in findings if f["nutrient"] in ("calcium_mg", "vitamin_d_iu")]
        assert "at least 0 " not in json.dumps(data, ensure_ascii=False)
    text = run("plan", "totals", "--person", "Zoë", "--date", MONDAY)[1]
    assert "? no data" in text and "1 of 1 unknown" in text and "no data for Oma's Käsekuchen 🍰" in text


def test_human_tables(planned):
    code, out, _ = planned("plan", "totals", "--person", "Zoë", "--date", MONDAY)
    assert code == 0
    assert "Zoë — Monday 30 November 2026" in out
    assert "Calcium" in out and "1,403 mg" in out and "NCCN 2009" in out
    assert "at least 1,103 µg" in out  # K2 with milk unknown
    assert "600 mg of calcium from supplements in one sitting" in out
    code, out, _ = planned("plan", "totals", "--person", "Zoë", "--week", "2026-W49")
    assert code == 0 and "Daily average" in out and "Mon" in out and "over the upper limit" in out
    assert "Daily average of 2 planned days" in out
    assert out.index("⚠ Days over an upper limit: 1") < out.index("ℹ Meals with more calcium")
    code, out, _ = planned("plan", "show", "--person", "Zoë", "--date", TUESDAY)
    assert "Lunch" in out and "92 g" in out and "3 softgels" in out and "(3 g)" not in out


def test_empty_week_totals(run):
    run("person", "add", "Zoë")
    data = totals_json(run, "--week", "2027-W01")
    assert data["days_planned"] == 0 and data["warnings"] == []
    calcium = data["nutrients"]["calcium_mg"]
    assert (calcium["value"], calcium["status"], calcium["coverage"]["known"]) == (None, "nothing_planned", 0)


# -- errors ------------------------------------------------------------------------

ADD = ["plan", "add", "--person", "Zoë", "--date", MONDAY, "--meal", "lunch", "--food", MILK]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["plan", "add", "--person", "Nobody", "--date", MONDAY, "--meal", "lunch", "--food", MILK,
          "--grams", "10"], "no person called 'Nobody'"),
        ([*ADD[:-1], "99999", "--grams", "10"], "no food with id '99999'"),
        ([*ADD[:-1], "u42", "--grams", "10"], "no food with id 'u42'"),
        ([*ADD[:6], "--meal", "Elevenses", "--food", MILK, "--grams", "10"],
         "Zoë has no meal called 'Elevenses'; the meals are Breakfast, Morning snack"),
        ([*ADD[:4], "--date", "2026-13-01", *ADD[6:], "--grams", "10"], "not a date in the calendar"),
        ([*ADD[:4], "--date", "tomorrow", *ADD[6:], "--grams", "10"], "--date must be a date written YYYY-MM-DD"),
        ([*ADD, "--grams", "nan"], "--grams must be a number such as 150, not 'nan'"),
        ([*ADD, "--grams", "inf"], "not 'inf'"),
        ([*ADD, "--grams", "lots"], "not 'lots'"),
        ([*ADD, "--grams", "-5"], "at least 0.01 g"),
        ([*ADD, "--grams", "0"], "at least 0.01 g"),
        ([*ADD, "--grams", "4e-324"], "at least 0.01 g"),
        ([*ADD, "--grams", "1e9"], "at most 100,000 g"),
        ([*ADD, "--measure", "bucket"], "has no measure called “bucket”"),
        ([*ADD, "--measure", "cup", "--count", "-1"], "count must be at least 0.01"),
        ([*ADD, "--measure", "cup", "--count", "NaN"], "--count must be a number"),
        ([*ADD, "--grams", "10", "--measure", "cup"], "either --grams G or --measure"),
        (ADD, "either --grams G or --measure"),
        ([*ADD, "--grams", "10", "--count", "2"], "--count goes with --measure"),
        (["plan", "totals", "--person", "Zoë"], "either --date YYYY-MM-DD or --week YYYY-Www"),
        (["plan", "totals", "--person", "Zoë", "--date", MONDAY, "--week", "2026-W49"], "either --date"),
        (["plan", "totals", "--person", "Zoë", "--week", "2026-W54"], "week 54 does not exist in 2026"),
        (["plan", "totals", "--person", "Zoë", "--week", "49"], "not an ISO week"),
        (["plan", "export", "--person", "Zoë", "--week", "2026-W49", "/no/such/folder/x.json"], "does not exist"),
        (["plan", "import", "/no/such/file.json"], "does not exist"),
    ],
)
def test_errors_are_one_clear_line_and_change_nothing(planned, argv, message):
    before = show(planned)
    code, out, err = planned(*argv)
    assert code == 1 and out == ""
    assert err.startswith("bonewise: error: ") and err.count("\n") == 1, err
    assert message in err
    assert "Traceback" not in err
    assert show(planned) == before


# -- export and import ----------------------------------------------------------------


def test_export_import_round_trip_into_another_data_folder(planned, tmp_path):
    bundle = tmp_path / "zoë w49.json"
    code, out, _ = planned("plan", "export", "--person", "Zoë", "--week", "2026-W49", str(bundle))
    assert code == 0 and "Wrote 2026-W49 for Zoë (5 items)" in out
    assert json.loads(bundle.read_text(encoding="utf-8"))["format"] == "bonewise-plan-bundle"
    elsewhere = tmp_path / "elsewhere"
    code, out, _ = planned("plan", "import", str(bundle), data_dir=elsewhere)
    assert code == 0 and "Imported 2026-W49 with 5 items for Zoë (new person)" in out
    totals = ["plan", "totals", "--person", "Zoë", "--week", "2026-W49", "--json"]
    assert json.loads(planned(*totals, data_dir=elsewhere)[1]) == json.loads(planned(*totals)[1])
    code, out, _ = planned("plan", "import", str(bundle), "--as", "Людмила", data_dir=elsewhere)
    assert code == 0 and "for Людмила (new person)" in out


def test_export_to_stdout(planned):
    code, out, _ = planned("plan", "export", "--person", "Zoë", "--week", "2026-W49", "--week", "2026-W50", "-")
    data = json.loads(out)
    assert code == 0 and [w["week"] for w in data["weeks"]] == ["2026-W49", "2026-W50"]


def test_a_bad_bundle_changes_nothing(planned, tmp_path):
    bundle = tmp_path / "plan.json"
    planned("plan", "export", "--person", "Zoë", "--week", "2026-W49", str(bundle))
    data = json.loads(bundle.read_text(encoding="utf-8"))
    data["weeks"][0]["days"][1]["meals"]["lunch"][0]["grams"] = -5
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    truncated = tmp_path / "truncated.json"
    truncated.write_bytes(bundle.read_bytes()[:-40])
    planned("plan", "add", "--person", "Zoë", "--date", MONDAY, "--meal", "dinner", "--food", MILK, "--grams", "5")
    before = show(planned)
    code, _, err = planned("plan", "import", str(bad))
    assert code == 1
    assert err == ("bonewise: error: weeks[0].days[1].meals.lunch[0].grams: must be a number "
                   "from 0.01 to 100,000, got -5\n")
    code, _, err = planned("plan", "import", str(truncated))
    assert code == 1 and "is the file complete?" in err
    assert show(planned) == before


def test_real_process(tmp_path):
    """The installed entry point, as a script would call it: output, exit codes, no traceback."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}

    def bonewise(*argv):
        return subprocess.run([sys.executable, "-m", "bonewise", "--data-dir", str(tmp_path), *argv],
                              capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)

    assert bonewise("person", "add", "王小明", "--weight-kg", "55").returncode == 0
    added = bonewise("plan", "add", "--person", "王小明", "--date", MONDAY, "--meal", "Lunch",
                     "--food", SARDINES, "--measure", "cup, drained")
    assert added.returncode == 0, added.stderr
    totals = bonewise("plan", "totals", "--person", "王小明", "--date", MONDAY, "--json")
    assert totals.returncode == 0
    assert json.loads(totals.stdout)["nutrients"]["calcium_mg"]["value"] == pytest.approx(382 * 149 / 100)
    failed = bonewise("plan", "add", "--person", "王小明", "--date", MONDAY, "--meal", "Lunch",
                      "--food", SARDINES, "--grams", "-1")
    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr.count("\n") == 1 and "Traceback" not in failed.stderr


@pytest.mark.parametrize("argv", [
    ["plan", "totals", "--person", "\x1b[31mred\x1b[0m", "--date", MONDAY],
    ["plan", "add", "--person", "Zoë", "--date", MONDAY, "--meal", "lunch\u202e", "--food", MILK, "--grams", "1"],
    ["plan", "add", "--person", "Zoë", "--date", MONDAY, "--meal", "lunch", "--food", "\x07bell", "--grams", "1"],
])
def test_names_in_messages_cannot_drive_the_terminal(planned, argv):
    code, _, err = planned(*argv)
    assert code == 1 and err.count("\n") == 1
    assert "\x1b" not in err and "\u202e" not in err and "\x07" not in err


def _items(run, person, week):
    code, out, _ = run("plan", "show", "--person", person, "--week", week, "--json")
    assert code == 0
    return sorted((d["date"], slot, e["food_id"], e["grams"])
                  for d in json.loads(out)["days"] for slot, es in d["meals"].items() for e in es)


def test_copy_a_week_to_another_week_and_to_another_person(planned):
    run = planned
    code, out, err = run("plan", "copy", "--person", "Zoë", "--week", "2026-W49", "--to-week", "2026-W50")
    assert (code, err) == (0, "") and out == "Copied 5 items from Zoë's week 2026-W49 to Zoë's week 2026-W50.\n"
    shifted = [(d.replace("2026-12-07", MONDAY).replace("2026-12-08", TUESDAY), *rest)
               for d, *rest in _items(run, "Zoë", "2026-W50")]
    assert shifted == _items(run, "Zoë", "2026-W49")  # Monday onto Monday, amounts unchanged

    assert run("person", "add", "Mum")[0] == 0
    assert run("plan", "copy", "--person", "Zoë", "--week", "2026-W49", "--to-person", "Mum")[0] == 0
    assert _items(run, "Mum", "2026-W49") == _items(run, "Zoë", "2026-W49")


def test_copy_never_overwrites_a_planned_week_unless_asked(planned):
    run = planned
    assert run("plan", "copy", "--person", "Zoë", "--week", "2026-W49", "--to-week", "2026-W50")[0] == 0
    before = _items(run, "Zoë", "2026-W50")
    assert run("plan", "add", "--person", "Zoë", "--date", "2026-12-09", "--meal", "Lunch",
               "--food", MILK, "--grams", "100")[0] == 0  # fmt: skip
    code, _, err = run("plan", "copy", "--person", "Zoë", "--week", "2026-W49", "--to-week", "2026-W50")
    assert code == 1 and "already has meals; add --replace" in err
    assert len(_items(run, "Zoë", "2026-W50")) == len(before) + 1  # untouched
    assert run("plan", "copy", "--person", "Zoë", "--week", "2026-W49", "--to-week", "2026-W50",
               "--replace")[0] == 0  # fmt: skip
    assert _items(run, "Zoë", "2026-W50") == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--week", "2026-W49"], "cannot be copied onto itself"),
        (["--week", "2026-W49", "--to-week", "2026-W99"], "--to-week: week 99 does not exist"),
        (["--week", "2026-W49", "--to-person", "Nobody"], "no person called"),
    ],
)
def test_copy_errors_are_one_clear_line(planned, argv, message):
    code, out, err = planned("plan", "copy", "--person", "Zoë", *argv)
    assert code == 1 and out == "" and message in err and err.count("\n") == 1
