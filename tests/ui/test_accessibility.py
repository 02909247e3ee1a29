"""What a screen reader gets, through QAccessible.queryAccessibleInterface as Orca or NVDA would:
gauges with name, value, target and state; the week as a table whose cells list their items;
the item chosen inside a meal announced; and a keyboard focus that can always be seen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget
from shell_data import MONDAY, TUESDAY

from bonewise.core import phrases
from bonewise.core.nutrients import SUPPORTING_KEYS, TARGET_KEYS

from bonewise.ui.gauges.gauge import target_sentence
from bonewise.ui.mainwindow import MainWindow
from bonewise.ui.settings import SettingsStore
from bonewise.ui.weekgrid import view as view_module

NAME, DESCRIPTION, VALUE = QAccessible.Text.Name, QAccessible.Text.Description, QAccessible.Text.Value


@pytest.fixture
def window(qtbot, plan_doc, tmp_path):
    foods = plan_doc.foods
    plan_doc.place(MONDAY, "breakfast", phrases.entry_from_text(foods.get("01079"), "1 cup"))
    plan_doc.place(MONDAY, "breakfast", phrases.entry_from_text(foods.get("01009"), "1 oz"))
    plan_doc.place(TUESDAY, "bedtime", phrases.entry_from_text(foods.get("sup-ca-carbonate-600"), "1 tablet"))
    win = MainWindow(plan_doc, SettingsStore.in_folder(tmp_path))
    qtbot.add_widget(win)
    win.resize(1300, 760)
    win.show()
    qtbot.wait_exposed(win)
    win.grid.select_cell(MONDAY, "breakfast")
    return win


def interface(widget):
    found = QAccessible.queryAccessibleInterface(widget)
    assert found is not None and found.isValid()
    return found


def test_every_gauge_reports_name_value_target_and_state(window):
    for key in TARGET_KEYS:
        gauge = window.gauges.gauge(key)
        face = interface(gauge)
        texts = gauge.texts
        assert face.role() == QAccessible.Role.ProgressBar
        assert face.text(NAME) == texts.title  # "Calcium"
        description = face.text(DESCRIPTION)
        assert texts.state in description  # "✓ Within target", with its shape
        assert texts.value.split(" · ")[0].lower() in description.lower()  # the reading
        # The target, once, with its source: "… target 1,200–1,500 mg … Target source: NCCN 2009."
        assert gauge.target.phrase().lower() in description.lower()
        assert target_sentence(gauge.target, texts.description) in description
        value = face.valueInterface()
        assert value is not None
        total = gauge.accessible_value()
        assert value.currentValue() == pytest.approx(total.current)
        assert value.minimumValue() == 0 and value.maximumValue() >= value.currentValue()
        assert face.text(VALUE) == total.text
    calcium = interface(window.gauges.gauge("calcium_mg"))
    # Monday: 1 cup of milk (292.8 mg) and 1 oz of cheddar (204.4 mg).
    assert calcium.text(VALUE) == "497 mg"
    assert calcium.valueInterface().currentValue() == pytest.approx(292.8 + 28.35 * 7.21)
    assert "target 1,200–1,500 mg" in calcium.text(DESCRIPTION)
    assert calcium.text(DESCRIPTION).count("1,200–1,500") == 1
    assert "Target source: " in calcium.text(DESCRIPTION)
    assert "below target" in calcium.text(DESCRIPTION).lower()


def test_an_empty_gauge_and_the_chips_read_too(window):
    window.grid.select_cell(MONDAY + (TUESDAY - MONDAY) * 3, "lunch")  # Thursday: nothing planned
    face = interface(window.gauges.gauge("vitamin_d_iu"))
    assert face.text(VALUE) == "nothing planned"
    assert face.valueInterface().currentValue() == 0
    window.grid.select_cell(MONDAY, "breakfast")
    for key in SUPPORTING_KEYS:
        chip = interface(window.gauges.chip(key))
        assert chip.role() == QAccessible.Role.ProgressBar
        assert chip.text(NAME) and chip.text(DESCRIPTION)
        assert chip.valueInterface() is not None


def test_a_reading_change_reaches_the_interface(window, plan_doc):
    face = interface(window.gauges.gauge("calcium_mg"))
    before = face.valueInterface().currentValue()
    plan_doc.place(MONDAY, "breakfast", phrases.entry_from_text(plan_doc.foods.get("01079"), "1 cup"))
    assert face.valueInterface().currentValue() == pytest.approx(before + 292.8)


def cells(grid) -> dict[tuple[int, int], object]:
    table = interface(grid)
    assert table.role() == QAccessible.Role.Table
    found = {}
    for i in range(table.childCount()):
        child = table.child(i)
        if child.role() == QAccessible.Role.Cell:
            cell = child.tableCellInterface()
            found[(cell.rowIndex(), cell.columnIndex())] = child
    return found


def test_the_week_is_a_table_whose_cells_list_their_items(window):
    grid = window.grid
    by_place = cells(grid)
    assert len(by_place) == 6 * 7
    breakfast = by_place[(0, 0)]
    assert breakfast.text(NAME) == (
        "Breakfast, Monday: Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and "
        "vitamin D 1 cup, Cheese, cheddar 1 oz, 497 mg calcium. Warning: Breakfast on Monday "
        "30 November has 15.1 g of protein; about 20–25 g at each main meal helps keep muscle "
        "and bone (ESCEO 2014).")
    assert breakfast.text(DESCRIPTION).startswith("Monday 30 November 2026 (past). 2 items.")
    bedtime = by_place[(grid.grid_model.row_of("bedtime"), 1)]
    assert bedtime.text(NAME).startswith("Bedtime, Tuesday: Calcium carbonate 600 mg 1 tablet, ")
    assert by_place[(0, 3)].text(NAME) == "Breakfast, Thursday: nothing planned"
    headers = [interface(grid).child(i) for i in range(interface(grid).childCount())]
    days = [h.text(NAME) for h in headers if h.role() == QAccessible.Role.ColumnHeader]
    assert days[:3] == ["Monday 30 November 2026 (past)", "Tuesday 1 December 2026 (past)",
                        "Wednesday 2 December 2026 (today)"]


def test_moving_through_a_meal_announces_each_item(window, qtbot, monkeypatch):
    said = []
    monkeypatch.setattr(view_module, "announce", lambda source, message: said.append(message))
    grid = window.grid
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert said == ["Cheese, cheddar 1 oz (28 g), 204 mg calcium, 2 of 2"]
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    assert said[-1].startswith("Milk, reduced fat") and said[-1].endswith("293 mg calcium, 1 of 2")


def around(widget: QWidget):
    """The widget and a few pixels around it, as the window shows them (a focus frame too)."""
    window = widget.window()
    corner = widget.mapTo(window, QPoint(-4, -4))
    return window.grab(QRect(corner, widget.size() + QSize(8, 8))).toImage()


def test_keyboard_focus_is_always_visible(window, qtbot):
    """Tab through the window: each widget the keyboard reaches looks different with focus."""
    window.activateWindow()
    window.grid.setFocus(Qt.FocusReason.TabFocusReason)
    reached: list[QWidget] = []
    while len(reached) < 40:
        widget = QApplication.focusWidget()
        if widget in reached:
            break
        reached.append(widget)
        # Every stop is inside the window: none of Qt's spare, off-window widgets.
        assert window.rect().contains(widget.mapTo(window, widget.rect().center())), widget
        focused = around(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        qtbot.wait(5)
        if QApplication.focusWidget() is widget:
            break
        unfocused = around(widget)
        assert focused != unfocused, f"{type(widget).__name__} {widget.accessibleName()!r} shows no focus"
    kinds = {type(w).__name__ for w in reached}
    assert {"WeekGridView", "NutrientGauge", "NutrientChip", "FindingTreeView", "QComboBox",
            "QToolButton"} <= kinds, kinds

