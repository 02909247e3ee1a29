"""Which week to plan: the week the app opens on, and which days of a week are already past."""

from __future__ import annotations

import datetime as dt

from bonewise.core.plan import IsoWeek

# From Friday on, most of this week is behind her: the week worth planning is the next one.
PLAN_NEXT_WEEK_FROM = 4  # dt.date.weekday(): Monday is 0, Friday 4


def planning_week(today: dt.date, last_shown: IsoWeek | None = None) -> IsoWeek:
    """The week to open on: this week Monday to Thursday, next week Friday to Sunday.

    ``last_shown`` (the week on screen when the app last closed) wins when it is
    later, so a week planned ahead is where she left it.
    """
    week = IsoWeek.of(today)
    if today.weekday() >= PLAN_NEXT_WEEK_FROM:
        week = week.shifted(1)
    if last_shown is not None and last_shown.monday() > week.monday():
        return last_shown
    return week


def relative_week(week: IsoWeek, today: dt.date) -> str:
    """ "this week", "next week", "last week", or "" for any other week."""
    return {0: "this week", 1: "next week", -1: "last week"}.get(
        (week.monday() - IsoWeek.of(today).monday()).days // 7, "")


def past_days(week: IsoWeek, today: dt.date) -> tuple[dt.date, ...]:
    """The days of ``week`` before ``today``."""
    return tuple(date for date in week.dates() if date < today)
