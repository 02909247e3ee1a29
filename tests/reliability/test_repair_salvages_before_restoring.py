"""``repair`` salvages what can still be read before it falls back to a backup, and says first what
a backup lacks.

The store holds Zoë's weeks (backed up yesterday), and since then: Ann, a new week of
Zoë's, a new custom food, and one of Zoë's backed-up days cleared. Pages of one table
at a time are overwritten with garbage; repair must keep every row that can still
be read (the newer ones included), take from the backup only what the damaged
table lost, never bring back the cleared day from an intact table, and say all of
it before anything moves.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from reliability_data import (
    WEEK,
    YESTERDAY,
    fill_store,
    folder_bytes,
    foods_for,
    integrity,
    wreck_pages,
)

from bonewise import cli
from bonewise.core import amounts, edits
from bonewise.core.foods import Measure
from bonewise.core.plan import DayPlan, IsoWeek, Person
from bonewise.core.record import Kind, RecordEntry
from bonewise.store import backups, recovery
from bonewise.store.recovery import State
from bonewise.store.repository import Repository, StoreContents
from bonewise.store.sqldb import Database

CLEARED = WEEK.dates()[2]  # a day of Zoë's in the backup, cleared since
NEW_WEEK = IsoWeek(2026, 53)


def contents_of(path: Path):
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return Repository(Database(conn)).contents()
    finally:
        conn.close()


@pytest.fixture
def folder(tmp_path):
    """Replaces the shared ``folder`` (conftest.py) in this file: four weeks of Zoë with her
    health record, backed up yesterday; since then a custom food, Ann, a week of kefir
    breakfasts and a cleared day, which a repair must keep or honour."""
    folder = tmp_path / "data"
    with Repository.open(folder) as repo:
        zoe = fill_store(repo, weeks=4, items=3)
        repo.add_record_entries(zoe.id, [
            RecordEntry(Kind.VITAMIN_D, dt.date(2026, 6, 1) + dt.timedelta(days=30 * i), value=20.0 + i)
            for i in range(5)
        ])  # fmt: skip
        backups.take_backup(folder, now=YESTERDAY)
        foods = foods_for(repo)
        kefir = foods.add_custom("Kefir made today", {"calcium_mg": 120.0}, [Measure("glass", 200.0)])
        repo.save_person(Person("Ann"))
        week = repo.week(zoe.id, NEW_WEEK)
        for date in NEW_WEEK.dates():
            week, _ = edits.place(week, date, "breakfast", amounts.entry_for(kefir, measure="glass"))
        repo.save_week(week)
        repo.save_days(zoe.id, [DayPlan(CLEARED)])  # its meals and its note
        foods.close()
    return folder


def store(folder: Path) -> Path:
    return folder / "bonewise.sqlite"


def test_an_intact_store_with_a_wrecked_index_is_salvaged_whole(folder):
    before = contents_of(store(folder))
    wreck_pages(store(folder), "plan_entries_recipe")
    assert recovery.diagnose(folder).state is State.DAMAGED
    repair = recovery.prepare_repair(folder)
    assert repair.salvaged.complete and not repair.whole_backup
    assert "Everything could still be read" in repair.describe()
    repair.carry_out()
    assert contents_of(store(folder)) == before  # the backup was not needed
    assert integrity(store(folder)) == "ok"


def test_a_wrecked_page_of_plans_is_filled_from_the_backup_and_newer_rows_are_kept(folder):
    before = contents_of(store(folder))
    in_backup = contents_of(backups.latest_backup(folder).path)
    wreck_pages(store(folder), "plan_entries", count=2)
    repair = recovery.prepare_repair(folder)
    said = repair.describe()
    assert not repair.salvaged.complete and "the planned meals could not be read" in said
    assert "Taken from the backup of" in said and "planned day" in said
    result = repair.carry_out()
    after = contents_of(store(folder))
    assert "Ann" in after.people and "Kefir made today" in after.custom_foods  # newer than the backup
    # Everything the backup had is back, but for the day cleared since (unless the damage hid
    # it: then the backup's version is taken, and the repair names the days it took).
    missing = in_backup.minus(after)
    assert missing.days <= {("Zoë", CLEARED)} and missing.minus(StoreContents(days=missing.days)).empty
    # Of what is newer than the backup, only rows on the wrecked pages may be missing.
    lost = before.minus(after)
    assert not lost.people and not lost.custom_foods and not lost.recipes
    assert all(date in NEW_WEEK.dates() for _, date in lost.days)
    assert result.set_aside[0].exists() and integrity(store(folder)) == "ok"


def test_a_cleared_day_is_not_brought_back_when_the_plans_are_intact(folder):
    wreck_pages(store(folder), "custom_foods")
    repair = recovery.prepare_repair(folder)
    assert repair.salvaged.unreadable == ("custom_foods",)
    said = repair.describe()
    assert "the custom foods could not be read" in said and "Taken from the backup of" in said
    repair.carry_out()
    after = contents_of(store(folder))
    assert ("Zoë", CLEARED) not in after.days  # plan_entries was read whole: nothing added there
    assert {"Oma's <quark> & “kefir” 🥛", "My D3 drops"} <= after.custom_foods  # from the backup
    assert "Ann" in after.people


def test_without_a_backup_the_salvage_is_kept_and_what_it_lost_is_said(folder):
    shutil.rmtree(folder / "backups")
    wreck_pages(store(folder), "plan_entries", count=2)
    repair = recovery.prepare_repair(folder)
    assert repair.backup is None and "could not be read" in repair.describe()
    repair.carry_out()
    after = contents_of(store(folder))
    assert {"Zoë", "Ann"} <= after.people and after.days


def test_a_named_backup_is_restored_only_after_saying_what_it_lacks(folder, capsys):
    wreck_pages(store(folder), "plan_entries_recipe")
    chosen = backups.latest_backup(folder).path
    code = cli.main(["--data-dir", str(folder), "repair", "--backup", str(chosen)])
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Restoring the backup of")
    assert "The backup lacks what the damaged store still holds" in lines[0]
    assert "Ann" in lines[0] and "Kefir made today" in lines[0] and "NEW" not in lines[0]
    assert lines[1].startswith("The damaged file was kept as")
    kept = Path(lines[1].removeprefix("The damaged file was kept as ").rstrip("."))
    assert "Ann" in contents_of(kept).people  # what the backup lacks is still on disk
    assert contents_of(store(folder)).people == {"Zoë"}


def test_nothing_readable_restores_the_backup_saying_its_date_first(folder, capsys):
    store(folder).write_bytes(b"\x00" * 4096 * 3)
    code = cli.main(["--data-dir", str(folder), "repair"])
    out, _ = capsys.readouterr()
    assert code == 0
    first = out.splitlines()[0]
    when = f"{YESTERDAY.day} {YESTERDAY:%B %Y, %H:%M}"
    assert first.startswith(f"Restoring the backup of {when}.")
    assert f"anything changed after {when} is not in the backup" in first


def test_repair_check_reports_without_changing_anything(folder, capsys):
    wreck_pages(store(folder), "plan_entries", count=2)
    before = folder_bytes(folder)
    code = cli.main(["--data-dir", str(folder), "repair", "--check"])
    out, _ = capsys.readouterr()
    assert code == 1 and "would keep it aside and salvage" in out
    assert folder_bytes(folder) == before


def test_a_wrecked_health_record_is_taken_from_the_backup(folder):
    in_backup = contents_of(backups.latest_backup(folder).path)
    assert len(in_backup.records) == 5
    wreck_pages(store(folder), "record_entries")
    repair = recovery.prepare_repair(folder)
    assert repair.salvaged.unreadable == ("record_entries",)
    assert "5 health-record dates" in repair.describe()
    repair.carry_out()
    after = contents_of(store(folder))
    assert after.records == in_backup.records and "Ann" in after.people
