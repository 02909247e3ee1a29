"""The week she plans next: the window opens on next week from Friday on; past days are dimmed.

The clock is the document's ``today``, set here to fixed days of 2026.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from shell_data import WEEK

from bonewise.core.plan import IsoWeek

from bonewise.ui.colours import TEXT_CONTRAST, contrast_ratio
from bonewise.ui.mainwindow import MainWindow
from bonewise.ui.settings import SettingsStore, UiSettings
from bonewise.ui.weekgrid.model import PastRole
from bonewise.ui.weekgrid.view import WeekGridView

SATURDAY = dt.date(2026, 12, 5)  # in WEEK (2026-W49)


def open_window(qtbot, plan_doc, tmp_path, today, last_week):
    plan_doc.today = lambda: today
    settings = SettingsStore.in_folder(tmp_path)
    settings.save(UiSettings(last_person_id=plan_doc.person.id, last_week=last_week))
    window = MainWindow(plan_doc, settings)
    qtbot.add_widget(window)
    return window


@pytest.mark.parametrize(("today", "last_week", "opens_on"), [
    (SATURDAY, WEEK, IsoWeek(2026, 50)),  # the issue: a Saturday opened on a week 5/7 gone
    (dt.date(2026, 12, 4), None, IsoWeek(2026, 50)),  # Friday, first start
    (dt.date(2026, 12, 3), WEEK.shifted(-3), WEEK),  # Thursday: this week
    (SATURDAY, IsoWeek(2027, 2), IsoWeek(2027, 2)),  # a later week left open stays
])
def test_the_window_opens_on_the_week_she_plans_next(qtbot, plan_doc, tmp_path, today, last_week,
                                                    opens_on):
    window = open_window(qtbot, plan_doc, tmp_path, today, last_week)
    assert plan_doc.iso_week == opens_on
    assert window.windowTitle().endswith(f"week {opens_on.week}, {opens_on.year}")


def test_the_week_label_says_which_week_it_is(qtbot, plan_doc, tmp_path):
    window = open_window(qtbot, plan_doc, tmp_path, SATURDAY, WEEK)
    assert window.week_nav.label.toolTip() == "Week 50 of 2026, 7–13 Dec 2026, next week"
    window.go_this_week()
    assert window.week_nav.label.toolTip() == "Week 49 of 2026, 30 Nov – 6 Dec 2026, this week"
    assert window.grid.current_date() == SATURDAY


@pytest.fixture
def grid(qtbot, plan_doc):
    view = WeekGridView(plan_doc)
    qtbot.add_widget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.wait_exposed(view)
    return view


def test_days_before_today_are_past(grid):
    model = grid.grid_model
    past = [model.index(0, column).data(PastRole) for column in range(7)]
    assert past == [True, True, False, False, False, False, False]  # today is Wednesday
    header = [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.AccessibleTextRole)
              for c in range(3)]
    assert header == ["Monday 30 November 2026 (past)", "Tuesday 1 December 2026 (past)",
                      "Wednesday 2 December 2026 (today)"]


def test_past_days_are_drawn_dimmed_and_still_readable(grid, plan_doc):
    grid.clearSelection()
    grid.setCurrentIndex(grid.grid_model.index(5, 6))  # away from the cells looked at
    image = grid.viewport().grab().toImage()

    def wash(column):
        rect = grid.visualRect(grid.grid_model.index(2, column))
        return image.pixelColor(rect.center())

    monday, wednesday = wash(0), wash(2)
    assert monday != wednesday
    assert wash(1) == monday and wash(3) == wednesday
    header_colour = grid.grid_model.headerData(0, Qt.Orientation.Horizontal,
                                               Qt.ItemDataRole.ForegroundRole)
    button = grid.horizontalHeader().palette().button().color()
    assert contrast_ratio(header_colour, button) >= TEXT_CONTRAST
    assert grid.grid_model.headerData(2, Qt.Orientation.Horizontal,
                                      Qt.ItemDataRole.ForegroundRole) is None
