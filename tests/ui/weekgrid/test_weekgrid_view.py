"""WeekGridView: typing, keyboard navigation inside cells, clipboard, drag and drop."""

from __future__ import annotations

import dataclasses
import json

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication
from shell_data import MONDAY, TUESDAY, WEEK

from bonewise.core import phrases

from bonewise.ui.foodbrowser.browser import FOOD_MIME
from bonewise.ui.weekgrid.editor import FoodEntryEditor, FoodIdRole
from bonewise.ui.weekgrid.model import ENTRY_MIME, CellItemsRole
from bonewise.ui.weekgrid.view import WeekGridView


@pytest.fixture
def view(qtbot, plan_doc):
    widget = WeekGridView(plan_doc)
    qtbot.add_widget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.wait_exposed(widget)
    widget.setFocus()
    return widget


def stored(doc, date=MONDAY):
    return doc.repo.week(doc.person.id, WEEK).day(date)


def put(doc, date, slot, food_id, amount):
    entry = phrases.entry_from_text(doc.foods.get(food_id), amount)
    doc.place(date, slot, entry)
    return entry


def go(view, date, slot):
    view.setCurrentIndex(view.grid_model.index_for(date, slot))


def type_into_editor(qtbot, text):
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, text)
    return editor


def test_typing_in_a_cell_adds_a_food_with_its_amount(qtbot, view, plan_doc):
    go(view, TUESDAY, "lunch")
    qtbot.keyClick(view, Qt.Key.Key_S)  # the first key opens the editor and lands in it
    line = type_into_editor(qtbot, "ardines 100 g")
    assert line.text() == "sardines 100 g"
    editor = line.parent()
    assert isinstance(editor, FoodEntryEditor)
    assert editor.hint.text().startswith("Enter adds: Fish, sardine")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    (entry,) = stored(plan_doc, TUESDAY).entries("lunch")
    assert (entry.food_id, entry.grams) == ("15088", 100.0)
    assert view.current_entry_id() == entry.id  # the new item is current: F2 changes it


def test_picking_from_the_completer_then_enter_uses_the_usual_serving(qtbot, view, plan_doc):
    go(view, MONDAY, "breakfast")
    view.start_adding()
    line = type_into_editor(qtbot, "milk")
    editor = line.parent()
    popup = editor.completer.popup()
    assert popup.isVisible() and popup.model().rowCount() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    (entry,) = stored(plan_doc).entries("breakfast")
    assert (entry.food_id, entry.measure, entry.grams) == ("01079", "cup", 244.0)


def test_a_bad_amount_keeps_the_editor_open_and_says_why(qtbot, view, plan_doc):
    go(view, MONDAY, "breakfast")
    view.start_adding()
    line = type_into_editor(qtbot, "milk 2 buckets")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert line.isVisible()
    assert "no measure called “buckets”" in line.parent().hint.text()
    assert plan_doc.undo_stack.count() == 0
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    assert stored(plan_doc).meals == {}


def test_unknown_food_and_any_text_never_crash(qtbot, view, plan_doc):
    go(view, MONDAY, "dinner")
    view.start_adding()
    editor = QApplication.focusWidget().parent()
    for text in ("<b>&amp;</b>", "寿司", "кефир 1 cup", "🍣", "milk -1 cup", "milk NaN g", "x" * 500):
        editor.line.setText(text)
        editor.line.textEdited.emit(text)
        editor.accept()
        assert editor.hint.text().startswith("⚠")
    assert plan_doc.undo_stack.count() == 0


def test_leaving_the_cell_discards_half_typed_text(qtbot, view, plan_doc):
    go(view, MONDAY, "breakfast")
    view.start_adding()
    type_into_editor(qtbot, "milk 1 cup")
    go(view, TUESDAY, "dinner")
    qtbot.wait(10)
    assert stored(plan_doc).meals == {}


def test_up_and_down_walk_items_then_meals(qtbot, view, plan_doc):
    a = put(plan_doc, MONDAY, "breakfast", "01079", "1 cup")
    b = put(plan_doc, MONDAY, "breakfast", "01009", "1 oz")
    c = put(plan_doc, MONDAY, "morning-snack", "11233", "1 cup, chopped")
    go(view, MONDAY, "breakfast")
    assert view.current_entry_id() == a.id
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.current_entry_id() == b.id
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert (view.current_slot_id(), view.current_entry_id()) == ("morning-snack", c.id)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert (view.current_slot_id(), view.current_entry_id()) == ("breakfast", b.id)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.current_date() == TUESDAY and view.current_entry_id() is None


def test_alt_up_down_reorder_items(qtbot, view, plan_doc):
    a = put(plan_doc, MONDAY, "breakfast", "01079", "1 cup")
    b = put(plan_doc, MONDAY, "breakfast", "01009", "1 oz")
    view.select_entry(a.id)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert stored(plan_doc).entries("breakfast") == (b, a)
    assert view.current_entry_id() == a.id
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert stored(plan_doc).entries("breakfast") == (a, b)


def test_f2_changes_the_amount_of_the_current_item(qtbot, view, plan_doc, monkeypatch):
    a = put(plan_doc, MONDAY, "breakfast", "01079", "1 cup")
    b = put(plan_doc, MONDAY, "breakfast", "01009", "1 oz")
    view.select_entry(b.id)

    def answer(dialog):
        assert dialog.unit.currentData() == "oz" and dialog.count.value() == 1
        dialog.count.setValue(2)
        assert "= 56.7 g" in dialog.preview.text()
        return True

    monkeypatch.setattr(WeekGridView, "ask", staticmethod(answer))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    first, second = stored(plan_doc).entries("breakfast")
    assert first == a
    assert (second.id, second.count, second.grams) == (b.id, 2.0, pytest.approx(56.7))


def test_amount_dialog_keeps_the_weight_when_the_measure_changes(qtbot, plan_doc):
    from bonewise.ui.weekgrid.amountdialog import AmountDialog

    entry = put(plan_doc, MONDAY, "breakfast", "01079", "1 cup")
    dialog = AmountDialog(plan_doc, entry)
    qtbot.add_widget(dialog)
    dialog.unit.setCurrentIndex(dialog.unit.findData("g"))
    assert dialog.count.value() == 244.0
    dialog.count.setValue(0.01)
    dialog.unit.setCurrentIndex(dialog.unit.findData("cup"))
    assert dialog.new_entry().measure == "cup"


def test_delete_removes_the_current_item_only(qtbot, view, plan_doc):
    a = put(plan_doc, MONDAY, "breakfast", "01079", "1 cup")
    b = put(plan_doc, MONDAY, "breakfast", "01009", "1 oz")
    view.select_entry(a.id)
    assert view.delete_selection()
    assert stored(plan_doc).entries("breakfast") == (b,)
    assert view.current_entry_id() == b.id


def test_several_selected_cells_act_on_all_their_items(qtbot, view, plan_doc):
    put(plan_doc, MONDAY, "breakfast", "01079", "1 cup")
    put(plan_doc, MONDAY, "breakfast", "01009", "1 oz")
    put(plan_doc, TUESDAY, "breakfast", "11233", "67 g")
    go(view, MONDAY, "breakfast")
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert len(view.selected_located()) == 3
    assert view.delete_selection()
    assert stored(plan_doc).meals == {} and stored(plan_doc, TUESDAY).meals == {}
    assert plan_doc.undo_stack.count() == 4  # three adds, one delete
    plan_doc.undo_stack.undo()
    assert len(stored(plan_doc).entries("breakfast")) == 2


def test_copy_paste_and_cut_through_the_clipboard(qtbot, view, plan_doc):
    a = put(plan_doc, MONDAY, "breakfast", "01079", "1 cup")
    view.select_entry(a.id)
    assert view.copy_selection()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasFormat(ENTRY_MIME)
    assert mime.text().endswith("· 1 cup (244 g)")
    go(view, TUESDAY, "dinner")
    assert view.paste()
    (copy,) = stored(plan_doc, TUESDAY).entries("dinner")
    assert (copy.food_id, copy.grams) == ("01079", 244.0) and copy.id != a.id
    view.select_entry(a.id)
    assert view.cut_selection()
    assert stored(plan_doc).entries("breakfast") == ()
    assert plan_doc.undo_stack.text(plan_doc.undo_stack.index() - 1).startswith("Cut Milk")
    go(view, MONDAY, "lunch")
    assert view.paste()
    assert [e.grams for e in stored(plan_doc).entries("lunch")] == [244.0]


def test_pasting_plain_text_lines_adds_foods(qtbot, view, plan_doc):
    QGuiApplication.clipboard().setText("milk 1 cup\nsardines 2 sardine\n")
    go(view, MONDAY, "lunch")
    assert view.paste()
    lunch = stored(plan_doc).entries("lunch")
    assert [(e.food_id, e.grams) for e in lunch] == [("01079", 244.0), ("15088", 24.0)]
    assert plan_doc.undo_stack.count() == 1


def test_pasting_nonsense_text_says_which_line(qtbot, view, plan_doc):
    QGuiApplication.clipboard().setText("milk 1 cup\n<zzz> & \"quotes\"")
    go(view, MONDAY, "lunch")
    with qtbot.wait_signal(view.problem) as blocker:
        assert not view.paste()
    assert blocker.args[0].startswith("Cannot paste “<zzz> & \"quotes\"”: No food matches")
    assert stored(plan_doc).meals == {}


def test_copy_day_then_paste_day_in_another_week(qtbot, view, plan_doc):
    put(plan_doc, MONDAY, "breakfast", "01079", "1 cup")
    put(plan_doc, MONDAY, "dinner", "15088", "100 g")
    go(view, MONDAY, "lunch")
    assert view.copy_day()
    plan_doc.show_week(WEEK.shifted(1))
    go(view, plan_doc.week.week.dates()[3], "lunch")
    assert view.paste_day()
    thursday = plan_doc.week.days[3]
    assert [e.food_id for e in thursday.entries("breakfast")] == ["01079"]
    assert [e.food_id for e in thursday.entries("dinner")] == ["15088"]


def test_paste_day_needs_a_copied_day(qtbot, view, plan_doc):
    a = put(plan_doc, MONDAY, "breakfast", "01079", "1 cup")
    view.select_entry(a.id)
    view.copy_selection()
    with qtbot.wait_signal(view.problem):
        assert not view.paste_day()


def _drop(view, mime, date, slot, modifiers=Qt.KeyboardModifier.NoModifier, below=True):
    index = view.grid_model.index_for(date, slot)
    rect = view.visualRect(index)
    pos = QPointF(rect.center().x(), rect.bottom() - 3 if below else rect.top() + 3)
    event = QDropEvent(pos, Qt.DropAction.CopyAction | Qt.DropAction.MoveAction, mime,
                       Qt.MouseButton.LeftButton, modifiers)
    view.dropEvent(event)
    return event


def test_dropping_a_food_from_the_browser(qtbot, view, plan_doc):
    mime = QMimeData()
    mime.setData(FOOD_MIME, b"11233")
    _drop(view, mime, TUESDAY, "dinner")
    (entry,) = stored(plan_doc, TUESDAY).entries("dinner")
    assert (entry.food_id, entry.grams) == ("11233", 67.0)


def test_dragging_items_moves_them_and_ctrl_copies(qtbot, view, plan_doc):
    a = put(plan_doc, MONDAY, "breakfast", "01079", "1 cup")
    b = put(plan_doc, TUESDAY, "lunch", "01009", "1 oz")
    view.select_entry(a.id)
    mime = view.grid_model.entries_mime(view.selected_located())
    # A drop from another widget copies; from the grid itself it moves.
    view.drop(mime, view.grid_model.index_for(TUESDAY, "lunch"), 0, copy=False, from_self=True)
    assert stored(plan_doc).entries("breakfast") == ()
    assert stored(plan_doc, TUESDAY).entries("lunch") == (a, b)
    event = _drop(view, mime, MONDAY, "dinner", Qt.KeyboardModifier.ControlModifier)
    assert event.dropAction() == Qt.DropAction.CopyAction  # the source removes nothing itself
    assert [e.food_id for e in stored(plan_doc).entries("dinner")] == ["01079"]
    assert stored(plan_doc, TUESDAY).entries("lunch") == (a, b)


def test_a_drop_of_damaged_data_is_refused(qtbot, view, plan_doc):
    mime = QMimeData()
    mime.setData(ENTRY_MIME, json.dumps([{"food_id": "01079", "grams": 1e300}]).encode())
    with qtbot.wait_signal(view.problem):
        _drop(view, mime, MONDAY, "lunch")
    assert stored(plan_doc).meals == {}


def test_clicking_an_item_makes_it_current(qtbot, view, plan_doc):
    put(plan_doc, MONDAY, "breakfast", "01079", "1 cup")
    b = put(plan_doc, MONDAY, "breakfast", "01009", "1 oz")
    index = view.grid_model.index_for(MONDAY, "breakfast")
    rects = view.itemDelegate().item_rects(view.visualRect(index), view.font(), 2)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rects[1].center())
    assert view.current_entry_id() == b.id


def test_keyboard_context_menu_is_anchored_at_the_current_item(qtbot, view, plan_doc):
    put(plan_doc, MONDAY, "breakfast", "01079", "1 cup")
    go(view, MONDAY, "breakfast")
    with qtbot.wait_signal(view.context_menu_requested) as blocker:
        QApplication.sendEvent(view, QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), view.mapToGlobal(QPoint(0, 0))))
    rect = view.visualRect(view.currentIndex())
    (item,) = view.itemDelegate().item_rects(rect, view.font(), 1)
    assert view.viewport().mapFromGlobal(blocker.args[0]) == item.bottomLeft()
    with qtbot.wait_signal(view.context_menu_requested) as again:
        qtbot.keyClick(view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert again.args == blocker.args


def test_rows_fit_their_fullest_meal_and_share_spare_height(qtbot, view, plan_doc):
    index = view.grid_model.index_for(MONDAY, "breakfast")
    empty = view.sizeHintForRow(index.row())
    heights = [view.rowHeight(r) for r in range(6)]
    assert max(heights) - min(heights) <= 1  # an empty week fills the view evenly
    assert sum(heights) == view.viewport().height()
    for _ in range(8):
        put(plan_doc, MONDAY, "breakfast", "01079", "1 cup")
    assert len(index.data(CellItemsRole)) == 8
    assert view.sizeHintForRow(index.row()) > empty * 2.5
    assert view.rowHeight(index.row()) >= view.sizeHintForRow(index.row())
    assert view.rowHeight(index.row()) > view.rowHeight(index.row() + 1)
    assert not view.grab().isNull()


def test_the_first_word_of_a_measure_is_enough(plan_doc):
    entry = plan_doc.understand("sardines 2 cans").entry()
    sardines = plan_doc.foods.get(entry.food_id)
    assert entry.measure == sardines.measure(entry.measure).name and entry.measure.startswith("can")
    assert entry.count == 2


def test_a_number_alone_counts_the_natural_unit_and_the_amount_may_come_first(plan_doc):
    entry = plan_doc.understand("2 sardines").entry()  # the food's "sardine" measure, never 2 g
    assert (entry.food_id, entry.measure, entry.grams) == ("15088", "sardine", 24.0)
    assert plan_doc.understand("a glass of milk").entry().grams == pytest.approx(240 / 236.6 * 244, rel=1e-3)


def test_when_foods_fit_about_as_well_enter_opens_the_list_to_choose(qtbot, view, plan_doc):
    from shell_data import SHELL_FOODS, ShellFoods

    brie, feta = (dataclasses.replace(SHELL_FOODS[1], id=i, name=n) for i, n in
                  (("01006", "Cheese, brie"), ("01019", "Cheese, feta")))  # same length: a tie here
    plan_doc.foods = ShellFoods((*SHELL_FOODS, brie, feta))
    go(view, MONDAY, "lunch")
    view.start_adding()
    line = type_into_editor(qtbot, "cheese 1 oz")
    editor = line.parent()
    assert "Enter lets you choose" in editor.hint.text()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert stored(plan_doc).meals == {}  # nothing added: the list is open, its first row current
    popup = editor.completer.popup()
    assert popup.isVisible() and popup.currentIndex().row() == 0
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    chosen = popup.currentIndex().data(FoodIdRole)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    (entry,) = stored(plan_doc).entries("lunch")
    assert (entry.food_id, entry.measure, entry.count) == (chosen, "oz", 1.0)  # the amount typed is kept
    assert plan_doc.undo_stack.count() == 1  # choosing and adding is one undo step


def test_day_note_through_the_dialog(qtbot, view, plan_doc, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    asked = []

    def answer(parent, title, label, text):
        asked.append((title, label, text))
        return "Lunch with Ana <3 & tea", True

    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(answer))
    go(view, TUESDAY, "lunch")
    assert view.edit_note()
    assert asked[0][1].startswith("Note for Tuesday 1 December")
    assert stored(plan_doc, TUESDAY).note == "Lunch with Ana <3 & tea"
    assert not view.edit_note()  # the same text again: no undo step
    assert plan_doc.undo_stack.count() == 1


def fresh_day_width(view):
    """The narrowest a day may get, worked out from every cell of the week afresh."""
    from bonewise.ui.weekgrid.delegate import MealCellDelegate, calcium_hint
    from bonewise.ui.weekgrid.model import CalciumRole, FindingsRole

    model = view.grid_model
    hints = [calcium_hint(index.data(CalciumRole), index.data(FindingsRole) or ())[0]
             for row in range(model.rowCount()) for column in range(model.columnCount())
             if (index := model.index(row, column)).data(CellItemsRole)]
    return MealCellDelegate.min_day_width(view.font(), hints)


def test_days_stay_as_wide_as_the_widest_calcium_figure_through_edits_and_undo(qtbot, view, plan_doc):
    """The grid reads again only the cells an edit changed; the width it keeps is the one all
    the week's cells give, after an edit, its undo and redo, and a new font."""
    narrow = view.horizontalHeader().minimumSectionSize()
    assert narrow == fresh_day_width(view)
    for _ in range(7):
        put(plan_doc, MONDAY, "breakfast", "01079", "4 cups")
    wide = view.horizontalHeader().minimumSectionSize()
    assert wide > narrow and wide == fresh_day_width(view)
    put(plan_doc, TUESDAY, "lunch", "01079", "1 cup")
    assert view.horizontalHeader().minimumSectionSize() == wide == fresh_day_width(view)
    for _ in range(8):
        plan_doc.undo_stack.undo()
    assert view.horizontalHeader().minimumSectionSize() == narrow == fresh_day_width(view)
    plan_doc.undo_stack.redo()
    assert view.horizontalHeader().minimumSectionSize() == fresh_day_width(view)
    bigger = view.font()
    bigger.setPointSizeF(bigger.pointSizeF() * 2)
    view.setFont(bigger)
    assert view.horizontalHeader().minimumSectionSize() == fresh_day_width(view) > narrow
