"""``bonewise export pdf`` and ``bonewise export shopping-list`` end to end on a temporary data folder."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import subprocess
from types import MappingProxyType

import pytest

from bonewise.cli import main
from bonewise.core.plan import DayPlan, Entry, IsoWeek, Person
from bonewise.store import userfiles
from bonewise.store.repository import Repository

WEEK = IsoWeek(2026, 49)
MILK, EGG, CALCIUM = "01077", "01123", "sup-calcium-carbonate-600"
ZOE = 'Zoë <b>&</b> "Ørsted"'
MUM = "Łódź Ψ Иван"


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         check=True).stdout.decode()  # fmt: skip
    return " ".join(out.split())


@pytest.fixture
def run(tmp_path, capsys):
    """Run the command line on a data folder with two people's weeks."""
    data = tmp_path / "data"
    data.mkdir()
    with Repository.open(data) as repo:
        zoe = repo.save_person(Person(ZOE, weight_kg=64, t_score=-1.8))
        mum = repo.save_person(Person(MUM))
        mon, tue = WEEK.dates()[:2]
        repo.save_days(zoe.id, [
            DayPlan(mon, MappingProxyType({"breakfast": (Entry(MILK, 244, "cup", 1), Entry(EGG, 50, "large", 1)),
                                           "bedtime": (Entry(CALCIUM, 1, "tablet", 1),)})),
            DayPlan(tue, MappingProxyType({"lunch": (Entry(MILK, 244, "cup", 1),)})),
        ])  # fmt: skip
        repo.save_days(mum.id, [DayPlan(tue, MappingProxyType({"dinner": (Entry(MILK, 488, "cup", 2),)}))])

    def go(*argv):
        code = main(["--data-dir", str(data), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    go.data_dir = data
    return go


def test_export_pdf_with_every_section(run, tmp_path):
    out = tmp_path / "week.pdf"
    code, stdout, err = run("export", "pdf", "--person", ZOE.upper(), "--week", "2026-W49", "--out", str(out))
    assert (code, err) == (0, "")
    assert f"Wrote {out}" in stdout
    text = pdf_text(out)
    for title in ("Week plan for", "Nutrient report for", "Bone health summary for", "Shopping list for"):
        assert f"{title} {ZOE}" in text
    assert "−1.8, no date or site recorded: osteopenia (WHO 1994)" in text
    assert "Calcium carbonate, 600 mg calcium per tablet 1 tablet (600 mg calcium) Bedtime Mon" in text


def test_export_pdf_with_chosen_sections_letter_and_large_print(run, tmp_path):
    out = tmp_path / "plan.pdf"
    code, _, err = run("export", "pdf", "--person", ZOE, "--week", "2026W49", "--out", str(out),
                       "--sections", "summary,plan", "--page-size", "Letter", "--large-print")  # fmt: skip
    assert (code, err) == (0, "")
    text = pdf_text(out)
    assert "Week plan for" in text and "Bone health summary for" in text
    assert "Nutrient report for" not in text and "Shopping list for" not in text
    assert text.index("Bone health summary for") < text.index("Week plan for")  # the order asked for
    info = subprocess.run(["pdfinfo", "-l", "99", str(out)], capture_output=True, text=True).stdout
    assert "792 x 612" in info and "612 x 792" in info  # the plan landscape, the summary portrait, Letter


def test_one_shopping_list_for_two_people(run, tmp_path):
    out = tmp_path / "shopping.pdf"
    code, stdout, err = run("export", "shopping-list", "--person", ZOE, "--person", MUM,
                            "--person", MUM.lower(), "--week", "2026-W49", "--out", str(out),
                            "--from", "2026-11-30")  # fmt: skip
    assert (code, err) == (0, "")
    assert "shopping list for 2 people" in stdout
    text = pdf_text(out)
    assert f"Shopping list for {ZOE} and {MUM}" in text
    # 4 cups of milk (Zoë Mon + Tue, Mum 2 cups Tue) = 976 g: one line.
    assert text.count("Milk, whole, 3.25% milkfat") == 1
    assert "950 ml Milk, whole, 3.25% milkfat, with added vitamin D (980 g)" in text
    assert f"Mon Breakfast, Tue Lunch ({ZOE}); Tue Dinner ({MUM})" in text


def test_pantry_staples_are_left_off_the_list(run, tmp_path):
    with Repository.open(run.data_dir) as repo:
        repo.set_setting("pantry", [MILK])  # an older list, for everyone
    out = tmp_path / "shopping.pdf"
    assert run("export", "shopping-list", "--person", ZOE, "--week", "2026-W49", "--out", str(out),
               "--all-days")[0] == 0  # fmt: skip
    text = pdf_text(out)
    assert "always at home (pantry): Milk, whole" in text
    assert "Egg, whole, raw, fresh" in text.split("Left out")[0]


def test_person_pantry_ticks_and_unticks_a_staple(run, tmp_path):
    assert run("person", "pantry", ZOE)[1] == f"{ZOE} has nothing ticked as always at home.\n"
    code, out, err = run("person", "pantry", ZOE, "--add", MILK)
    assert (code, err) == (0, "") and "Milk, whole" in out
    code, out, _ = run("person", "pantry", ZOE, "--json")
    assert json.loads(out)["pantry"] == [{"food_id": MILK, "name": "Milk, whole, 3.25% milkfat, with added vitamin D"}]
    pdf = tmp_path / "shopping.pdf"
    run("export", "shopping-list", "--person", ZOE, "--person", MUM, "--week", "2026-W49", "--out", str(pdf),
        "--all-days")  # fmt: skip
    text = pdf_text(pdf)
    assert f"Milk, whole, 3.25% milkfat, with added vitamin D ({ZOE})" in text  # left out for Zoë only
    assert f"Tue Dinner ({MUM})" in text  # Mum's milk is still on the list
    assert run("person", "pantry", ZOE, "--remove", MILK)[0] == 0
    assert run("person", "pantry", ZOE, "--json")[1].count("food_id") == 0
    code, _, err = run("person", "pantry", ZOE, "--remove", MILK)
    assert code == 1 and "is not in" in err and err.count("\n") == 1
    code, _, err = run("person", "pantry", ZOE, "--add", "nope")
    assert code == 1 and "There is no food with id 'nope'" in err


def test_the_shopping_list_starts_today_by_default(run, tmp_path):
    today = dt.date.today()
    week = IsoWeek.of(today)
    with Repository.open(run.data_dir) as repo:
        zoe = repo.person_by_name(ZOE)
        repo.save_days(zoe.id, [DayPlan(d, MappingProxyType({"lunch": (Entry(EGG, 50, "large", 1),)}))
                                for d in week.dates()])  # fmt: skip
    out = tmp_path / "shopping.pdf"
    assert run("export", "shopping-list", "--person", ZOE, "--week", str(week), "--out", str(out))[0] == 0
    text = pdf_text(out)
    left = [d for d in week.dates() if d >= today]
    assert f"({len(left)} {'day' if len(left) == 1 else 'days'})" in text
    assert f"{len(left)} large egg" in text  # one a day, from today on
    assert ("Days already past" in text) == (len(left) < 7)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "pdf", "--person", "Nobody", "--week", "2026-W49"], "no person called 'Nobody'"),
        (["export", "pdf", "--person", ZOE, "--week", "2026-W60"], "--week: week 60 does not exist in 2026"),
        (["export", "pdf", "--person", ZOE, "--week", "2026-W49", "--sections", "plan,menu"],
         "Unknown section “menu”"),
        (["export", "shopping-list", "--person", ZOE, "--week", "next week"], "not an ISO week"),
    ],
)  # fmt: skip
def test_bad_arguments_are_one_line_errors(run, tmp_path, argv, message):
    out = tmp_path / "x.pdf"
    code, stdout, err = run(*argv, "--out", str(out))
    assert code == 1 and stdout == ""
    assert err.startswith("bonewise: error: ") and message in err and err.count("\n") == 1
    assert not out.exists()


def test_a_missing_or_unwritable_folder_is_a_clear_error(run, tmp_path, monkeypatch):
    code, _, err = run("export", "pdf", "--person", ZOE, "--week", "2026-W49",
                       "--out", str(tmp_path / "nowhere" / "week.pdf"))  # fmt: skip
    assert code == 1 and "does not exist" in err

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(userfiles.tempfile, "mkstemp", refuse)
    code, _, err = run("export", "pdf", "--person", ZOE, "--week", "2026-W49", "--out", str(tmp_path / "w.pdf"))
    assert code == 1 and "Cannot write to the folder" in err and "permission denied" in err


def test_a_full_disk_leaves_the_previous_file_whole(run, tmp_path, monkeypatch):
    out = tmp_path / "week.pdf"
    assert run("export", "pdf", "--person", ZOE, "--week", "2026-W49", "--out", str(out))[0] == 0
    before = out.read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(userfiles.os, "fsync", full)
    code, _, err = run("export", "pdf", "--person", MUM, "--week", "2026-W49", "--out", str(out))
    assert code == 1 and "disk is full" in err
    assert out.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["data", "week.pdf"]


def test_export_without_a_kind_shows_help(run):
    with pytest.raises(SystemExit) as exit_info:
        run("export")
    assert exit_info.value.code == 0

