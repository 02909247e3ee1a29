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


def days_text(dates: Sequence[dt.date], week_dates: Sequence[dt.date] = ()) -> str:
    """ "every day", "Mon–Fri", "Mon, Wed, Fri" or "Mon–Wed, Sat" for some days of one week."""
    days = sorted(set(dates))
    if week_dates and days == sorted(week_dates):
        return "every day"
    parts: list[str] = []
    run: list[dt.date] = []
    for day in [*days, None]:
        if day is not None and run and (day - run[-1]).days == 1:
            run.append(day)
            continue
        if run:
            first, last = WEEKDAYS[run[0].weekday()], WEEKDAYS[run[-1].weekday()]
            if len(run) >= 3:
                parts.append(f"{first}–{last}")
            else:
                parts += [WEEKDAYS[d.weekday()] for d in run]
        run = [day] if day is not None else []
    return ", ".join(parts)
