"""A small, realistic plan for the gauge tests: one person, one week."""

from __future__ import annotations

import datetime as dt

import pytest
from gaugedata import FOODS, MONDAY, WEEK

from bonewise.core.plan import DayPlan, Entry, Person, WeekPlan
from bonewise.core.summary import summarize_week
from bonewise.core.targets import targets_for


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
def summary(week, targets, person):
    """The core's summary of ``week``, as the window's presenter hands it to the panel."""
    return summarize_week(person, week, FOODS, {}, targets)
