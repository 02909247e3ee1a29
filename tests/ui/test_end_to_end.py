"""End to end: the real window over a fresh data folder and the shipped food store.

A first run names the person, foods go in by typing in a cell and through the
food browser, the gauges follow, undo takes the last one back, and after a
restart on the same folder everything is where it was.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from bonewise.ui import app
from bonewise.ui.weekgrid.editor import FoodEntryEditor
from bonewise.ui.weekgrid.model import CellItemsRole
from bonewise.ui.weekgrid.view import WeekGridView


def calcium_label(window) -> str:
    return window.gauges.gauge("calcium_mg").reading.label


def test_plan_a_meal_undo_restart_and_find_everything(qtbot, data_dir, monkeypatch):
    def name_the_person(dialog):
        dialog.name.setText("Zoë")  # keyClicks cannot type every accented letter
        dialog.weight.setText("64")
        dialog.accept()
        return True

    monkeypatch.setattr(WeekGridView, "ask", staticmethod(name_the_person))
    session = app.open_window(data_dir)
    window, grid = session.window, session.window.grid
    qtbot.add_widget(window)
    qtbot.wait_exposed(window)
    window.first_run()
    assert window.windowTitle().startswith("Bonewise — Zoë — week ")
    week = session.window.document.iso_week
    tuesday = week.dates()[1]

    # Type a food and an amount into Tuesday's lunch.
    grid.setFocus()
    grid.select_cell(tuesday, "lunch")
    assert calcium_label(window) == "nothing planned"
    qtbot.keyClick(grid, Qt.Key.Key_S)  # typing opens the editor with that letter
    line = grid.findChild(FoodEntryEditor).line
    assert line.text() == "s"
    qtbot.keyClicks(line, "ardines 1 can")
    assert line.parent().hint.text().startswith("Enter adds: Fish, sardine"), line.parent().hint.text()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    cell = grid.grid_model.index_for(tuesday, "lunch")
    (sardines,) = cell.data(CellItemsRole)
    assert sardines.name.startswith("Fish, sardine")
    assert sardines.amount == "1 can (3.75 oz), 92 g"
    assert calcium_label(window).startswith("351 mg · target 1,200–1,500 mg")  # 92 g × 382 mg / 100 g

    # Search the browser and press Enter on the hit: it lands in the same meal.
    window.browser.focus_search()
    qtbot.keyClicks(window.browser.search_field(), "yogurt plain low fat")
    qtbot.keyClick(window.browser.search_field(), Qt.Key.Key_Return)
    items = cell.data(CellItemsRole)
    assert [i.name.split(",")[0] for i in items] == ["Fish", "Yogurt"]
    added = round(sum(i.calcium_mg for i in items))  # the yogurt's usual serving joins the sardines
    assert added > 351 and calcium_label(window).startswith(f"{added:,} mg ·")

    # Edit ▸ Undo takes the yogurt back, in the grid and in the gauges. (Ctrl+Z itself is
    # tested in test_mainwindow; offscreen, the completer popup leaves no active window.)
    window.undo_action.trigger()
    assert len(cell.data(CellItemsRole)) == 1
    assert calcium_label(window).startswith("351 mg ·")
    window.zoom(1)
    window.close()
    session.close()

    # Start again on the same folder: same person, same week, same meal.
    again = app.open_window(data_dir)
    qtbot.add_widget(again.window)
    try:
        document = again.window.document
        assert again.window.windowTitle() == window.windowTitle()
        assert document.iso_week == week
        (entry,) = document.week.day(tuesday).entries("lunch")
        assert (again.window.document.food(entry.food_id).name, entry.grams) == (sardines.name, 92.0)
        assert again.window.settings.zoom_percent == 110
        assert not document.undo_stack.canUndo()
    finally:
        again.window.close()
        again.close()
