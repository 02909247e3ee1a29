"""A small, realistic plan for the gauge tests: one person, one week."""

from __future__ import annotations

import datetime as dt

import pytest
from gaugedata import FOODS, MONDAY, WEEK

from bonewise.core.plan import DEFAULT_SLOTS, DayPlan, Entry, Person, WeekPlan
from bonewise.core.targets import targets_for
from bonewise.core.totals import day_totals, meal_totals, week_totals


@pytest.fixture
def person() -> Person:
    return Person("Zoë", 1, weight_kg=64.0)


@pytest.fixture
def targets(person):
    return targets_for(person)


@pytest.fixture
def week() -> WeekPlan:
    monday = DayPlan(MONDAY, {
        "breakfast": (Entry("yog", 245),),
        "dinner": (Entry("tofu", 126), Entry("salmon", 120), Entry("soup", 250)),
        "bedtime": (Entry("ca", 1),),
    })
    days = (monday,) + tuple(DayPlan(MONDAY + dt.timedelta(days=i)) for i in range(1, 7))
    return WeekPlan(1, WEEK, days)


@pytest.fixture
def view(week, targets, person):
    """The keyword arguments of GaugePanel.set_view for Monday of ``week``."""
    from bonewise.core.checks import check_week

    day = week.days[0]
    return dict(
        day=day.date,
        day_totals=day_totals(day, FOODS),
        week_average=week_totals(week, FOODS).average,
        targets=targets,
        meals=[(slot, meal_totals(day.entries(slot.id), FOODS)) for slot in DEFAULT_SLOTS],
        findings=check_week(person, week, FOODS, {}, targets),
    )
