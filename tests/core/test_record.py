"""The health record: intervals, dose reminders (denosumab especially), and the rules for an entry."""

from __future__ import annotations

import datetime as dt

import pytest

from bonewise.core.record import (
    HealthRecord,
    Interval,
    Kind,
    RecordEntry,
    dose_reminders,
    sorted_entries,
)
from bonewise.core.rules import check_record_entry
from bonewise.errors import BonewiseError

TODAY = dt.date(2026, 12, 5)


def dose(drug, date, every="6m"):
    return RecordEntry(Kind.BONE_DRUG_DOSE, date, drug, interval=Interval.parse(every))


def test_intervals_count_calendar_months_and_weeks():
    assert Interval.parse("6m").after(dt.date(2026, 8, 31)) == dt.date(2027, 2, 28)
    assert Interval.parse("12M").after(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)
    assert Interval.parse(" 1w ").after(dt.date(2026, 12, 30)) == dt.date(2027, 1, 6)
    assert Interval.parse("6m").text == "every 6 months" and Interval.parse("1w").text == "every week"
    for bad in ("", "6", "0m", "6 months", "x1m", "1000m"):
        with pytest.raises(ValueError, match="not an interval"):
            Interval.parse(bad)


@pytest.mark.parametrize("last, status, days", [
    (dt.date(2026, 5, 20), "overdue", -15),
    (dt.date(2026, 6, 5), "due", 0),
    (dt.date(2026, 6, 20), "soon", 15),
    (dt.date(2026, 9, 1), "ok", 86),  # 1 Mar 2027
])  # fmt: skip
def test_the_next_denosumab_dose_is_due_six_months_after_the_last(last, status, days):
    record = HealthRecord(sorted_entries([dose("denosumab", dt.date(2025, 11, 1)), dose("denosumab", last)]))
    [reminder] = dose_reminders(record, TODAY)
    assert (reminder.last_dose, reminder.status, reminder.days) == (last, status, days)
    if status in ("overdue", "due", "soon"):
        assert "contact your care team" in reminder.message  # a lapse loses bone quickly
    else:
        assert "contact" not in reminder.message


def test_each_drug_has_its_own_reminder_and_other_drugs_no_warning():
    record = HealthRecord(sorted_entries([dose("alendronate", dt.date(2026, 11, 30), "1w"),
                                          dose("zoledronic acid", dt.date(2025, 1, 10), "12m")]))  # fmt: skip
    reminders = {r.drug: r for r in dose_reminders(record, TODAY)}
    assert reminders["alendronate"].next_due == dt.date(2026, 12, 7)
    assert reminders["zoledronic acid"].status == "overdue"
    assert "contact" not in reminders["zoledronic acid"].message
    assert dose_reminders(HealthRecord(), TODAY) == []


def test_history_is_kept_and_the_latest_is_found():
    record = HealthRecord(sorted_entries([
        RecordEntry(Kind.DXA, dt.date(2026, 5, 1), "lumbar spine", -2.3),
        RecordEntry(Kind.DXA, dt.date(2024, 5, 1), "lumbar spine", -1.9),
        RecordEntry(Kind.DXA, dt.date(2024, 5, 1), "total hip", -1.2),
        RecordEntry(Kind.EXERCISE, dt.date(2026, 1, 1), "balance", 20),
        RecordEntry(Kind.EXERCISE, dt.date(2026, 9, 1), "balance", 45),
    ]))  # fmt: skip
    assert [e.value for e in record.of(Kind.DXA, "lumbar spine")] == [-1.9, -2.3]
    assert record.latest(Kind.DXA, "total hip").value == -1.2
    assert record.dxa_dates() == (dt.date(2024, 5, 1), dt.date(2026, 5, 1))
    assert record.exercise_now()["balance"].value == 45


@pytest.mark.parametrize("entry, message", [
    (RecordEntry(Kind.DXA, TODAY, "knee", -1.0), "“knee” is not one of lumbar spine"),
    (RecordEntry(Kind.DXA, TODAY, "total hip", -12.0), "A T-score must be a number at least -10"),
    (RecordEntry(Kind.DXA, TODAY, "total hip"), "A T-score must be a number"),
    (RecordEntry(Kind.VITAMIN_D, TODAY, value=300.0), "not plausible; check the unit"),
    (RecordEntry(Kind.VITAMIN_D, TODAY, "blood", 30.0), "takes no drug, site or kind"),
    (RecordEntry(Kind.FRAX, TODAY), "give the major osteoporotic risk, the hip risk, or both"),
    (RecordEntry(Kind.FRAX, TODAY, value=120.0), "major osteoporotic risk \\(%\\) must be a number"),
    (RecordEntry(Kind.FALLS, TODAY, value=1.5), "whole number"),
    (RecordEntry(Kind.EXERCISE, TODAY, "yoga", 30.0), "“yoga” is not one of balance, resistance, aerobic"),
    (RecordEntry(Kind.EXERCISE, TODAY, "balance", 20_000.0), "at most 5000"),
    (RecordEntry(Kind.BONE_DRUG_DOSE, TODAY, "denosumab"), "needs its interval"),
    (RecordEntry(Kind.DXA, TODAY, "total hip", -1.0, interval=Interval.parse("6m")), "takes no interval"),
    (RecordEntry(Kind.AROMATASE_INHIBITOR, TODAY, "tamoxifen"), "not one of anastrozole, letrozole, exemestane"),
    (RecordEntry(Kind.AROMATASE_INHIBITOR, TODAY, "letrozole", 5.0), "takes no number"),
    (RecordEntry(Kind.FALLS, dt.date(1900, 1, 1), value=1.0), "between 1950 and 2100"),
])  # fmt: skip
def test_a_bad_entry_is_refused_in_one_sentence(entry, message):
    with pytest.raises(BonewiseError, match=message) as caught:
        check_record_entry(entry)
    assert str(caught.value).replace("e.g. ", "").count(". ") == 0 and str(caught.value).endswith(".")


def test_a_date_after_today_is_refused_when_today_is_known():
    entry = RecordEntry(Kind.FALLS, TODAY + dt.timedelta(days=1), value=0.0)
    assert check_record_entry(entry) is entry
    with pytest.raises(BonewiseError, match="is in the future"):
        check_record_entry(entry, today=TODAY)
