"""Dates and weeks as printed ("Mon 30 Nov", "week 49, 2026 · 30 Nov – 6 Dec")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bonewise.core.plan import IsoWeek

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_label(date: dt.date) -> str:
    """ "Mon 30 Nov"."""
    return f"{WEEKDAYS[date.weekday()]} {date.day} {MONTHS[date.month - 1]}"


def date_range(dates: Sequence[dt.date]) -> str:
    """ "30 Nov – 6 Dec 2026" for the first and last of ``dates``."""
    if not dates:
        return ""
    first, last = min(dates), max(dates)
    end = f"{last.day} {MONTHS[last.month - 1]} {last.year}"
    if first == last:
        return end
    start = f"{first.day} {MONTHS[first.month - 1]}"
    if first.year != last.year:
        start += f" {first.year}"
    return f"{start} – {end}"


def week_label(week: IsoWeek) -> str:
    """ "week 49, 2026 · 30 Nov – 6 Dec 2026"."""
    return f"week {week.week}, {week.year} · {date_range(week.dates())}"


def people_label(names: Sequence[str]) -> str:
    """ "Zoë", "Zoë and Mum", "Zoë, Mum and Dad"."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
