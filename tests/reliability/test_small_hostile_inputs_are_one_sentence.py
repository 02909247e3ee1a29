"""Small hostile inputs that gave ``internal error`` or quietly odd data now give one sentence.

Dates at the calendar's ends, a file name too long for the disk, amounts too small to
show, names made of (or ending in) invisible characters, and a note with a NUL byte or
an escape sequence. (A data folder that is a file or a dangling link, and an open one,
are in test_data_folder_is_checked_and_private.py; a full disk in
test_access_problems_are_not_damage.py.)
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from reliability_data import WEEK, dump_file, filled_folder, foods_for, run_cli

from bonewise.core import amounts, edits
from bonewise.core.plan import IsoWeek, Person
from bonewise.core.rules import FIRST_YEAR, LAST_YEAR, make_recipe
from bonewise.errors import BonewiseError
from bonewise.store.repository import Repository


@pytest.fixture
def folder(tmp_path):
    return filled_folder(tmp_path / "data")



def refused(code: int, out: str, err: str, *words: str) -> None:
    assert code == 1 and out == "", (code, out, err)
    assert err.startswith("bonewise: error: ") and err.count("\n") == 1, err
    assert "internal error" not in err
    for word in words:
        assert word in err, err


def store_unchanged(folder: Path, before: list[str]) -> None:
    assert dump_file(folder / "bonewise.sqlite") == before


# -- dates at the calendar's ends ------------------------------------------------------------

DATES = ["0001-01-01", "0001-01-07", "1899-12-31", "3000-01-01", "9999-12-31"]
WEEKS = ["0001-W01", "1899-W52", "9999-W52", "9999-W51", "3000-W01"]


@pytest.mark.parametrize("date", DATES)
def test_a_date_outside_the_working_years_is_one_sentence(folder, capsys, date):
    before = dump_file(folder / "bonewise.sqlite")
    for args in (
        ["plan", "add", "--person", "Zoë", "--date", date, "--meal", "Lunch", "--food", "11233", "--grams", "80"],
        ["plan", "show", "--person", "Zoë", "--date", date],
        ["plan", "totals", "--person", "Zoë", "--date", date, "--json"],
    ):  # fmt: skip
        refused(*run_cli(capsys, folder, *args), f"{FIRST_YEAR} to {LAST_YEAR}")
    store_unchanged(folder, before)


@pytest.mark.parametrize("week", WEEKS)
def test_a_week_outside_the_working_years_is_one_sentence(folder, tmp_path, capsys, week):
    before = dump_file(folder / "bonewise.sqlite")
    for args in (
        ["plan", "show", "--person", "Zoë", "--week", week],
        ["plan", "export", "--person", "Zoë", "--week", week, str(tmp_path / "plan.json")],
        ["plan", "copy", "--person", "Zoë", "--week", str(WEEK), "--to-week", week],
        ["export", "pdf", "--person", "Zoë", "--week", week, "--out", str(tmp_path / "plan.pdf")],
    ):  # fmt: skip
        refused(*run_cli(capsys, folder, *args), f"{FIRST_YEAR} to {LAST_YEAR}")
    store_unchanged(folder, before)
    assert not (tmp_path / "plan.json").exists() and not (tmp_path / "plan.pdf").exists()


@pytest.mark.parametrize("where, value", [("weeks.0.week", "0001-W01"), ("weeks.0.days.0.date", "9999-12-31"),
                                          ("person.vitamin_d_lab_date", "0001-01-01")])  # fmt: skip
def test_a_bundle_with_such_dates_is_refused_naming_the_field(folder, tmp_path, capsys, where, value):
    exported = tmp_path / "plan.json"
    assert run_cli(capsys, folder, "plan", "export", "--person", "Zoë", "--week", str(WEEK), str(exported))[0] == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    target = data
    *path, last = where.split(".")
    for part in path:
        target = target[int(part)] if part.isdigit() else target[part]
    target[last] = value
    exported.write_text(json.dumps(data), encoding="utf-8")
    before = dump_file(folder / "bonewise.sqlite")
    refused(*run_cli(capsys, folder, "plan", "import", str(exported), "--as", "Ann"), where.split(".")[-1])
    store_unchanged(folder, before)


def test_a_week_writes_its_year_in_four_digits_so_it_reads_back():
    assert str(IsoWeek(1, 1)) == "0001-W01" and IsoWeek.parse(str(IsoWeek(1, 1))) == IsoWeek(1, 1)
    assert str(IsoWeek(987, 5)) == "0987-W05"


@pytest.mark.parametrize("week", [IsoWeek(FIRST_YEAR, 1), IsoWeek(LAST_YEAR, 52)])
def test_a_week_at_the_ends_of_the_working_years_exports_and_imports_back(folder, tmp_path, capsys, week):
    first, last = week.dates()[0], week.dates()[-1]
    for date in (first, last):
        code, _, err = run_cli(capsys, folder, "plan", "add", "--person", "Zoë", "--date", date.isoformat(),
                               "--meal", "Lunch", "--food", "11233", "--grams", "80")  # fmt: skip
        assert code == 0, err
    exported = tmp_path / "edge.json"
    code, _, err = run_cli(capsys, folder, "plan", "export", "--person", "Zoë", "--week", str(week), str(exported))
    assert code == 0, err
    code, _, err = run_cli(capsys, folder, "plan", "import", str(exported), "--as", "Ann")
    assert code == 0, err
    with Repository.open(folder) as repo:
        ann = repo.week(repo.person_by_name("Ann").id, week)
        assert [len(ann.day(d).entries("lunch")) for d in (first, last)] == [1, 1]


def test_the_window_stops_at_the_last_working_week(qapp, folder):
    from bonewise.ui.app import open_window

    session = open_window(folder)
    try:
        window = session.window
        last = IsoWeek(LAST_YEAR, 52)
        window.document.show_week(last)
        window.go_week(1)
        assert window.document.iso_week == last
        assert f"{FIRST_YEAR} to {LAST_YEAR}" in window.statusBar().currentMessage()
        window.go_week(-1)
        assert window.document.iso_week == IsoWeek(LAST_YEAR, 51)
    finally:
        session.window.close()
        session.close()


# -- a file name too long for the disk ----------------------------------------------------


@pytest.mark.parametrize("kind", ["export pdf", "shopping-list", "plan export"])
def test_a_file_name_too_long_for_the_disk_is_one_sentence(folder, tmp_path, capsys, kind):
    name = "p" * 300 + (".json" if kind == "plan export" else ".pdf")
    out = str(tmp_path / name)
    args = {
        "export pdf": ["export", "pdf", "--person", "Zoë", "--week", str(WEEK), "--out", out],
        "shopping-list": ["export", "shopping-list", "--person", "Zoë", "--week", str(WEEK), "--out", out],
        "plan export": ["plan", "export", "--person", "Zoë", "--week", str(WEEK), out],
    }[kind]
    code, stdout, err = run_cli(capsys, folder, *args)
    refused(code, stdout, err, "too long")
    assert len(err) < 500 and list(tmp_path.iterdir()) == [folder]


# -- amounts too small to show -------------------------------------------------------------


@pytest.mark.parametrize("grams", ["4e-324", "1e-300", "0.001", "0.009"])
def test_an_amount_too_small_to_show_is_refused(folder, capsys, grams):
    before = dump_file(folder / "bonewise.sqlite")
    refused(*run_cli(capsys, folder, "plan", "add", "--person", "Zoë", "--date", "2026-12-02", "--meal", "Lunch",
                 "--food", "11233", "--grams", grams), "at least 0.01 g")  # fmt: skip
    store_unchanged(folder, before)


def test_the_least_amount_is_added_and_shown(folder, capsys):
    code, out, _ = run_cli(capsys, folder, "plan", "add", "--person", "Zoë", "--date", "2026-12-02",
                       "--meal", "Lunch", "--food", "11233", "--grams", "0.01")  # fmt: skip
    assert code == 0 and "Added 0.01 g" in out


@pytest.mark.parametrize("text", ["0 g kale", "kale 0 g", "0.0 cups milk"])
def test_a_typed_amount_of_zero_is_refused_not_read_as_a_food_name(folder, capsys, text):
    before = dump_file(folder / "bonewise.sqlite")
    refused(*run_cli(capsys, folder, "plan", "add", "--person", "Zoë", "--date", "2026-12-02", "--meal", "Lunch",
                     "--text", text), "more than zero")  # fmt: skip
    store_unchanged(folder, before)


@pytest.mark.parametrize("portions", [1e-300, 1e-6, 0.05])
def test_a_recipe_making_a_sliver_of_a_portion_is_refused(folder, portions):
    with Repository.open(folder) as repo:
        foods = foods_for(repo)
        kale = amounts.entry_for(foods.get("11233"), grams=100)
        foods.close()
        with pytest.raises(BonewiseError, match="at least 0.1"):
            make_recipe("Sliver", [kale], portions=portions)


# -- names made of, or ending in, invisible characters -------------------------------------

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u202e", "\u2066", "\u00ad"]


@pytest.mark.parametrize("mark", INVISIBLE)
def test_an_invisible_character_makes_no_second_zoe(folder, capsys, mark):
    for name in (f"Zoë{mark}", f"{mark}Zoë", f"Zo{mark}ë", f"ZOE\u0308{mark}"):
        code, out, err = run_cli(capsys, folder, "person", "add", name)
        refused(code, out, err, "already")
    with Repository.open(folder) as repo:
        assert [p.name for p in repo.people()] == ["Zoë"]
        assert repo.person_by_name(f"zoë{mark}").name == "Zoë"


def test_a_name_of_only_invisible_characters_is_refused(folder, capsys):
    code, out, err = run_cli(capsys, folder, "person", "add", "".join(INVISIBLE))
    refused(code, out, err, "must not be empty")


def test_invisible_ends_are_trimmed_from_every_kind_of_name(folder):
    with Repository.open(folder) as repo:
        ann = repo.save_person(Person("\ufeffAnn\u200b"))
        assert ann.name == "Ann"
        foods = foods_for(repo)
        kefir = foods.add_custom("Kefir\u200d", {"calcium_mg": 120.0}, [])
        assert kefir.name == "Kefir"
        foods.close()


# -- a note with a NUL byte or an escape sequence -------------------------------------------


def test_a_note_with_control_characters_is_cleaned_everywhere_it_comes_in(folder, tmp_path, capsys):
    dirty = "walk\x00 30 min\x1b[31m\r\nthen rest\tok"
    clean = "walk 30 min[31m\nthen rest\tok"
    with Repository.open(folder) as repo:
        zoe = repo.person_by_name("Zoë")
        week, _ = edits.set_note(repo.week(zoe.id, WEEK), WEEK.dates()[0], dirty)  # as typed
        assert week.days[0].note == clean
        repo.save_days(zoe.id, [dataclasses.replace(week.days[0], note=dirty)])
        assert repo.week(zoe.id, WEEK).days[0].note == clean  # as stored from anywhere
    exported = tmp_path / "plan.json"
    assert run_cli(capsys, folder, "plan", "export", "--person", "Zoë", "--week", str(WEEK), str(exported))[0] == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["weeks"][0]["days"][1]["note"] = dirty
    exported.write_text(json.dumps(data), encoding="utf-8")
    assert run_cli(capsys, folder, "plan", "import", str(exported), "--as", "Ann")[0] == 0
    code, out, _ = run_cli(capsys, folder, "plan", "show", "--person", "Ann", "--week", str(WEEK))
    assert code == 0 and "\x1b" not in out and "\x00" not in out and "then rest" in out
