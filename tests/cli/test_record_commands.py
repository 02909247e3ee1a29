"""``bonewise person record NAME``: the dated health record from the command line."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bonewise.cli import main
from bonewise.store.repository import Repository

ZOE = 'Zoë <b>&</b>'


@pytest.fixture
def run(tmp_path, capsys):
    def go(*argv):
        code = main(["--data-dir", str(tmp_path), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    go.data_dir = tmp_path
    assert go("person", "add", ZOE)[0] == 0
    return go


def record(run):
    code, out, err = run("person", "record", ZOE, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def test_each_option_adds_one_dated_entry_and_history_is_kept(run):
    assert run("person", "record", ZOE, "--dxa", "lumbar-spine=-2.1", "--dxa", "Total_Hip=-1.6",
               "--date", "2024-05-10")[0] == 0  # fmt: skip
    code, out, _ = run("person", "record", ZOE, "--dxa", "lumbar spine=-2.4", "--date", "2026-05-10",
                       "--frax-major", "14", "--frax-hip", "3.2")  # fmt: skip
    assert code == 0 and f"Added DXA T-score, lumbar spine: −2.4 (10 May 2026) for {ZOE}." in out
    run("person", "record", ZOE, "--vitamin-d", "62", "--nmol", "--date", "2026-10-14")
    run("person", "record", ZOE, "--ai", "letrozole", "--date", "2025-03-01")
    run("person", "record", ZOE, "--exercise", "balance=30", "--exercise", "resistance=60", "--falls", "1",
        "--date", "2026-09-01")  # fmt: skip
    entries = record(run)["record"]
    spine = [(e["date"], e["value"]) for e in entries if e.get("item") == "lumbar spine"]
    assert spine == [("2024-05-10", -2.1), ("2026-05-10", -2.4)]  # both kept, oldest first
    assert {"kind": "frax", "date": "2026-05-10", "value": 14.0, "value2": 3.2}.items() <= next(
        e for e in entries if e["kind"] == "frax").items()
    assert next(e for e in entries if e["kind"] == "vitamin_d")["value"] == 24.8  # 62 nmol/L ÷ 2.496
    assert {e.get("item") for e in entries if e["kind"] == "exercise"} == {"balance", "resistance"}
    with Repository.open(run.data_dir) as repo:  # the person's latest blood level follows the record
        person = repo.person_by_name(ZOE)
        assert (person.vitamin_d_lab_ng_ml, person.vitamin_d_lab_date) == (24.8, dt.date(2026, 10, 14))
    code, out, _ = run("person", "record", ZOE)
    lines = out.splitlines()
    assert lines[0].split() == ["Date", "What", "Value", "Id"]
    assert lines[1].startswith("2026-10-14  25(OH)D blood level") and "24.8 ng/mL (62 nmol/L)" in lines[1]


def test_a_denosumab_dose_says_when_the_next_is_due(run):
    last = dt.date.today() - dt.timedelta(days=200)
    assert run("person", "record", ZOE, "--dose", "denosumab", "--every", "6m", "--date", last.isoformat())[0] == 0
    [dose] = record(run)["next_doses"]
    assert (dose["drug"], dose["interval"], dose["status"]) == ("denosumab", "6m", "overdue")
    code, out, _ = run("person", "record", ZOE)
    assert "The next denosumab dose was due on" in out and "contact your care team" in out


def test_remove_by_the_short_id(run):
    run("person", "record", ZOE, "--falls", "2", "--date", "2026-01-05")
    [entry] = record(run)["record"]
    code, out, _ = run("person", "record", ZOE, "--remove", entry["id"][:8])
    assert code == 0 and "Removed Falls in the last year: 2 (5 Jan 2026)" in out
    assert record(run)["record"] == []


@pytest.mark.parametrize("argv, message", [
    (["--dxa", "knee=-1"], "“knee” is not one of lumbar spine"),
    (["--dxa", "lumbar-spine"], "--dxa takes NAME=NUMBER, e.g. --dxa lumbar-spine=-2.1"),
    (["--dxa", "total-hip=low"], "--dxa total hip must be a number"),
    (["--vitamin-d", "320"], "not plausible; check the unit"),
    (["--dose", "denosumab"], "--dose needs --every"),
    (["--dose", "denosumab", "--every", "sometimes"], "--every: not an interval"),
    (["--dose", "aspirin", "--every", "1w"], "“aspirin” is not one of alendronate"),
    (["--every", "6m"], "--every goes with --dose"),
    (["--falls", "1.5"], "whole number"),
    (["--falls", "1", "--date", "2099-01-01"], "is in the future"),
    (["--exercise", "yoga=30"], "“yoga” is not one of balance, resistance, aerobic"),
    (["--remove", "nope"], "matches no entry"),
    (["--frax-major", "140"], "must be a number at least 0 and at most 100"),
])  # fmt: skip
def test_bad_input_is_one_sentence_and_changes_nothing(run, argv, message):
    before = record(run)
    code, out, err = run("person", "record", ZOE, *argv)
    assert code == 1 and out == "" and message in err and err.count("\n") == 1
    assert record(run) == before
