"""Suggestions panel and the window hook: one click or key adds, each is one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from shell_data import MONDAY

from bonewise.ui.mainwindow import MainWindow
from bonewise.ui.settings import SettingsStore
from bonewise.ui.suggestions import SuggestionActions, SuggestionPanel


@pytest.fixture
def doc(bea_doc):
    return bea_doc


def items(doc, date, slot_id):
    return doc.week.day(date).entries(slot_id)


def test_the_panel_suggests_for_the_selected_meal_and_enter_adds_one(qtbot, doc):
    panel = SuggestionPanel(doc)
    qtbot.add_widget(panel)
    panel.show()
    panel.set_target(MONDAY, "breakfast")
    found = panel.suggestions()
    assert found and all(s.slot_id == "breakfast" for s in found)
    assert "Breakfast, Monday 30 November" in panel.heading.text()
    first = found[0]
    panel.list.setFocus()
    with qtbot.waitSignal(panel.added):
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    (entry,) = items(doc, MONDAY, "breakfast")
    assert entry.food_id == first.candidate.id and entry.grams == pytest.approx(first.grams)
    assert doc.undo_stack.count() == 1
    # The list follows the plan: the food just added is not suggested again that day.
    assert first.candidate.id not in {s.candidate.id for s in panel.suggestions()}
    doc.undo_stack.undo()
    assert items(doc, MONDAY, "breakfast") == ()


def test_whole_day_suggestions_go_to_meals_they_suit(qtbot, doc):
    panel = SuggestionPanel(doc)
    qtbot.add_widget(panel)
    panel.show()
    panel.set_target(MONDAY, "bedtime")
    panel.whole_day.setChecked(True)
    found = panel.suggestions()
    assert found
    assert {s.slot_id for s in found} - {"bedtime"}  # not only the selected meal
    assert panel.list.item(0).text().split(":")[0] in {s.name for s in doc.person.slots}
    panel.add_button.click()
    assert doc.undo_stack.count() == 1


def test_no_meal_selected_shows_a_hint(qtbot, doc):
    panel = SuggestionPanel(doc)
    qtbot.add_widget(panel)
    panel.show()
    assert panel.suggestions() == [] and not panel.add_button.isEnabled()
    assert "Select a meal" in panel.heading.text()


@pytest.fixture
def window(qtbot, doc, tmp_path):
    win = MainWindow(doc, SettingsStore.in_folder(tmp_path))
    qtbot.add_widget(win)
    win.show()
    qtbot.wait_exposed(win)
    return win, win.suggestion_actions


def test_the_window_hook_follows_the_grid_and_opens_the_panel(qtbot, window):
    win, hook = window
    assert isinstance(hook, SuggestionActions)
    edit = win.menuBar().actions()[1].menu()
    assert hook.actions() == edit.actions()[-3:]
    assert hook.dock.toggleViewAction() in win.view_menu.actions()
    assert [a.text() for a in hook.actions()] == ["&Suggest Foods", "Auto-plan &Day…", "Auto-plan Wee&k…"]
    assert hook.suggest_action.shortcut().toString() == "F7"
    assert hook.day_action.shortcut().toString() == "Ctrl+Shift+F"
    taken = {k.toString() for a in win.actions_by_name.values() for k in a.shortcuts()}
    assert not taken & {"F7", "Ctrl+Shift+F"}
    win.grid.setCurrentIndex(win.grid.grid_model.index(2, 1))  # lunch on Tuesday
    hook.suggest_action.trigger()
    assert hook.dock.isVisible()
    date = win.grid.current_date()
    assert date.weekday() == 1
    assert f"Lunch, Tuesday {date.day} {date:%B}" in hook.panel.heading.text()
    dialog = hook.auto_plan(week=False)
    assert dialog.day_choice.isChecked() and f"Tuesday {date.day}" in dialog.day_choice.text()
    dialog.reject()
    dialog.deleteLater()
