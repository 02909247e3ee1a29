"""The week navigator: previous / next / this week buttons around the shown week, and a date picker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bonewise.core.plan import IsoWeek
from bonewise.core.rules import FIRST_YEAR, LAST_YEAR
from bonewise.core.weeks import relative_week

from bonewise.ui.fitting import FittingLabel


def week_title(week: IsoWeek) -> str:
    """ "week 49, 2026" as the window title says it."""
    return f"week {week.week}, {week.year}"


def week_range(week: IsoWeek, *, year: bool = True) -> str:
    """ "30 Nov – 6 Dec 2026" (the year once when both ends share it); "30 Nov – 6 Dec" without."""
    first, last = week.monday(), week.dates()[-1]
    end_year = f" {last:%Y}" if year else ""
    if first.year != last.year and year:
        return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"
    if first.month != last.month:
        return f"{first.day} {first:%b} – {last.day} {last:%b}{end_year}"
    return f"{first.day}–{last.day} {last:%b}{end_year}"


def week_wordings(week: IsoWeek, today: dt.date) -> list[str]:
    """The shown week from the fullest wording to the shortest; every one keeps the dates whole."""
    which = relative_week(week, today)
    when = f" · {which}" if which else ""
    dates = week_range(week)
    short = week_range(week, year=False)
    return [f"<b>Week {week.week}, {week.year}</b> · {dates}{when}",
            f"<b>Week {week.week}</b> · {dates}{when}",
            f"<b>Week {week.week}</b> · {dates}",
            f"<b>{dates}</b>",
            f"<b>{short}</b>"]


class WeekNavigator(QWidget):
    """The row above the week: the Go menu's actions around the shown week's dates.

    It sits over the grid rather than in the toolbar, so it never goes into a toolbar's
    overflow menu; when the grid is narrow the label says less, never cutting a date.
    """

    def __init__(self, previous: QAction, next_: QAction, this_week: QAction, jump: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WeekNavigator")
        self.label = FittingLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        self.buttons = []
        for action, where in ((previous, 0), (next_, 1), (this_week, 2), (jump, 3)):
            button = QToolButton(self)
            button.setDefaultAction(action)
            # Arrows for previous/next (their tooltips name them), words for the rest.
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly if where >= 2
                                      else Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setAutoRaise(True)
            self.buttons.append(button)
        layout.addWidget(self.buttons[0])
        layout.addWidget(self.label)
        layout.addWidget(self.buttons[1])
        layout.addStretch(1)
        layout.addWidget(self.buttons[2])
        layout.addWidget(self.buttons[3])
        self._week: IsoWeek | None = None
        self.label.set_wordings(["No week shown"])

    def set_week(self, week: IsoWeek | None, today: dt.date) -> None:
        self._week = week
        if week is None:
            self.label.set_wordings(["No week shown"])
            return
        which = relative_week(week, today)
        self.label.set_wordings(
            week_wordings(week, today),
            full=f"Week {week.week} of {week.year}, {week_range(week)}" + (f", {which}" if which else ""),
        )


# The calendars offer the years Bonewise works with (their first and last weeks stay inside them).
WORKING_DATES = (QDate(FIRST_YEAR, 1, 8), QDate(LAST_YEAR, 12, 24))


class DateDialog(QDialog):
    """Pick a date with a calendar (keyboard: arrows move, Enter picks)."""

    def __init__(self, initial: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Go to date")
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers)
        self.calendar.setDateRange(*WORKING_DATES)
        self.calendar.setSelectedDate(QDate(initial.year, initial.month, initial.day))
        self.calendar.setAccessibleName("Date to show")
        self.calendar.activated.connect(self.accept)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Show the week of:", self))
        layout.addWidget(self.calendar)
        layout.addWidget(buttons)
        self.calendar.setFocus()

    def date(self) -> dt.date:
        return cast(dt.date, self.calendar.selectedDate().toPython())


class CopyWeekDialog(QDialog):
    """Where to copy the shown week: a person and any day of the target week."""

    def __init__(self, people: Sequence[tuple[int, str]], person_id: int, initial: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Copy week")
        self.person_box = QComboBox(self)
        self.person_box.setAccessibleName("Copy for")
        for pid, name in people:
            self.person_box.addItem(name, pid)
        self.person_box.setCurrentIndex(max(0, self.person_box.findData(person_id)))
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers)
        self.calendar.setDateRange(*WORKING_DATES)
        self.calendar.setSelectedDate(QDate(initial.year, initial.month, initial.day))
        self.calendar.setAccessibleName("A day of the week to copy to")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Copy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Copy every meal and note of this week for:", self))
        layout.addWidget(self.person_box)
        layout.addWidget(QLabel("into the week of:", self))
        layout.addWidget(self.calendar)
        layout.addWidget(buttons)
        self.calendar.setFocus()

    def person_id(self) -> int:
        return int(self.person_box.currentData())

    def week(self) -> IsoWeek:
        return IsoWeek.of(cast(dt.date, self.calendar.selectedDate().toPython()))
