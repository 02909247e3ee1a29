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


def week_title(week: IsoWeek) -> str:
    """ "week 49, 2026" as the window title says it."""
    return f"week {week.week}, {week.year}"


def week_range(week: IsoWeek) -> str:
    """ "30 Nov – 6 Dec 2026" (the year once when both ends share it)."""
    first, last = week.monday(), week.dates()[-1]
    if first.year != last.year:
        return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"
    if first.month != last.month:
        return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"
    return f"{first.day}–{last.day} {last:%b %Y}"


class WeekNavigator(QWidget):
    """Buttons for the Go menu's actions around a label naming the shown week."""

    def __init__(self, previous: QAction, next_: QAction, this_week: QAction, jump: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setMinimumWidth(self.fontMetrics().horizontalAdvance("Week 53, 2026 · 28 Dec – 3 Jan 2027") + 12)
        self.label.setAccessibleName("Shown week")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
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
        layout.addSpacing(6)
        layout.addWidget(self.buttons[2])
        layout.addWidget(self.buttons[3])
        self._week: IsoWeek | None = None

    def set_week(self, week: IsoWeek | None) -> None:
        self._week = week
        if week is None:
            self.label.setText("")
            return
        current = " (this week)" if week == IsoWeek.of(dt.date.today()) else ""
        self.label.setText(f"<b>Week {week.week}, {week.year}</b> · {week_range(week)}{current}")
        self.label.setToolTip(f"ISO week {week}{current}")
        self.label.setAccessibleDescription(f"Week {week.week} of {week.year}, {week_range(week)}{current}")


class DateDialog(QDialog):
    """Pick a date with a calendar (keyboard: arrows move, Enter picks)."""

    def __init__(self, initial: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Go to date")
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers)
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
