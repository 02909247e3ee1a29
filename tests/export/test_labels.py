"""Printed dates, day lists and names."""

from __future__ import annotations

import datetime as dt

from bonewise.core.plan import IsoWeek
from bonewise.export.labels import (
    date_range,
    day_label,
    days_text,
    people_label,
    week_label,
)

WEEK = IsoWeek(2026, 49)
D = WEEK.dates()


def test_days_are_said_as_ranges_lists_or_every_day():
    assert days_text(D, D) == "every day"
    assert days_text(D[:5], D) == "Mon–Fri"
    assert days_text([D[0], D[2], D[4]], D) == "Mon, Wed, Fri"
    assert days_text([D[0], D[1], D[2], D[5]], D) == "Mon–Wed, Sat"
    assert days_text([D[1], D[0]], D) == "Mon, Tue"
    assert days_text([], D) == ""


def test_dates_and_weeks():
    assert day_label(D[0]) == "Mon 30 Nov"
    assert date_range(D) == "30 Nov – 6 Dec 2026"
    assert date_range([dt.date(2026, 12, 28), dt.date(2027, 1, 3)]) == "28 Dec 2026 – 3 Jan 2027"
    assert week_label(WEEK) == "week 49, 2026 · 30 Nov – 6 Dec 2026"


def test_people_are_joined_in_plain_words():
    assert people_label(["Zoë"]) == "Zoë"
    assert people_label(["Zoë", "Mum"]) == "Zoë and Mum"
    assert people_label(["Zoë", "Mum", "Dad"]) == "Zoë, Mum and Dad"
