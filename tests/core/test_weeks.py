"""The week she plans next: Friday to Sunday open on next week, or on a later week left open."""

from __future__ import annotations

import datetime as dt

import pytest

from bonewise.core.plan import IsoWeek
from bonewise.core.weeks import past_days, planning_week, relative_week

W49 = IsoWeek(2026, 49)  # Monday 30 November – Sunday 6 December 2026


@pytest.mark.parametrize(("today", "week"), [
    (dt.date(2026, 11, 30), W49),  # Monday
    (dt.date(2026, 12, 3), W49),  # Thursday
    (dt.date(2026, 12, 4), IsoWeek(2026, 50)),  # Friday
    (dt.date(2026, 12, 5), IsoWeek(2026, 50)),  # Saturday (the weekend)
    (dt.date(2026, 12, 6), IsoWeek(2026, 50)),  # Sunday
    (dt.date(2026, 12, 27), IsoWeek(2026, 53)),  # Sunday before a 53-week year's last week
    (dt.date(2027, 1, 1), IsoWeek(2027, 1)),  # Friday of 2026-W53: next week is in 2027
])
def test_the_week_she_plans_next(today, week):
    assert planning_week(today) == week


def test_a_later_week_left_open_wins_an_earlier_one_does_not():
    saturday = dt.date(2026, 12, 5)
    assert planning_week(saturday, IsoWeek(2026, 52)) == IsoWeek(2026, 52)
    assert planning_week(saturday, IsoWeek(2026, 50)) == IsoWeek(2026, 50)
    assert planning_week(saturday, W49) == IsoWeek(2026, 50)
    assert planning_week(dt.date(2026, 12, 1), IsoWeek(2025, 10)) == W49


def test_weeks_named_from_today():
    tuesday = dt.date(2026, 12, 1)
    assert [relative_week(W49.shifted(n), tuesday) for n in (-2, -1, 0, 1, 2)] == [
        "", "last week", "this week", "next week", ""]


def test_past_days():
    assert past_days(W49, dt.date(2026, 12, 2)) == (dt.date(2026, 11, 30), dt.date(2026, 12, 1))
    assert past_days(W49, dt.date(2026, 11, 30)) == ()
    assert len(past_days(W49, dt.date(2027, 1, 1))) == 7
