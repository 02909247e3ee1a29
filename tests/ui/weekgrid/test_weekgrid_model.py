"""WeekGridModel: the shown week as a table, read from the document's plan."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QMimeData, Qt
from shell_data import MONDAY, TUESDAY, WEEK

from bonewise.core import amounts, phrases
from bonewise.core.plan import Entry
from bonewise.errors import BonewiseError

from bonewise.ui.weekgrid.model import (
    ENTRY_MIME,
    CalciumRole,
    CellItemsRole,
    DateRole,
    EntriesRole,
    FindingsRole,
    NewEntryRole,
    SlotIdRole,
    WeekGridModel,
    amount_text,
    read_entries_mime,
)


def _milk(doc, cups=1):
    return amounts.entry_for(doc.foods.get("01079"), measure="cup", count=cups)


def test_shape_follows_the_person_and_week(plan_doc):
    model = WeekGridModel(plan_doc)
    assert model.rowCount() == len(plan_doc.person.slots) == 6
    assert model.columnCount() == 7
    assert model.headerData(0, Qt.Orientation.Vertical) == "Breakfast"
    assert model.headerData(0, Qt.Orientation.Horizontal) == f"Mon {MONDAY.day}"
    index = model.index(2, 1)
    assert index.data(DateRole) == TUESDAY
    assert index.data(SlotIdRole) == "lunch"


def test_qt_model_contract_holds_with_and_without_entries(plan_doc, qtmodeltester):
    model = WeekGridModel(plan_doc)
    qtmodeltester.check(model)
    plan_doc.place(MONDAY, "breakfast", _milk(plan_doc))
    plan_doc.place(TUESDAY, "dinner", _milk(plan_doc, 2))
    qtmodeltester.check(model)


def test_cells_list_items_with_amounts_and_calcium(plan_doc):
    model = WeekGridModel(plan_doc)
    entry = _milk(plan_doc)
    plan_doc.place(MONDAY, "breakfast", entry)
    sardines = phrases.entry_from_text(plan_doc.foods.get("15088"), "100 g")
    plan_doc.place(MONDAY, "breakfast", sardines)
    index = model.index_for(MONDAY, "breakfast")
    items = index.data(CellItemsRole)
    assert [i.entry_id for i in items] == [entry.id, sardines.id]
    assert items[0].amount == "1 cup (244 g)"
    assert items[1].amount == "100 g"
    assert index.data(EntriesRole) == (entry, sardines)
    # 244 g × 120 mg/100 g + 100 g × 382 mg/100 g
    assert index.data(CalciumRole).value == 292.8 + 382.0
    assert "Milk, reduced fat" in index.data(Qt.ItemDataRole.DisplayRole)
    assert "Calcium in this meal: 675 mg" in index.data(Qt.ItemDataRole.ToolTipRole)
    # Item by item for a screen reader, the grams left to the tooltip.
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Breakfast, Monday: Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and "
        "vitamin D 1 cup, Fish, sardine, Atlantic, canned in oil, drained solids with bone 100 g, "
        "675 mg calcium")


def test_amount_text_speaks_like_people():
    milk_food = None
    assert amount_text(Entry("x", 150.0), milk_food) == "150 g"
    assert amount_text(Entry("x", 122.0, "cup", 0.5), milk_food) == "½ cup (122 g)"
    assert amount_text(Entry(None, 0.0, count=2, recipe_id="r"), None) == "2 portions"
    assert amount_text(Entry("x", 92.0, "can (3.75 oz)", 1.0), None) == "1 can (3.75 oz), 92 g"


def test_supplement_amounts_show_the_dose_only(plan_doc):
    food = plan_doc.foods.get("sup-ca-carbonate-600")
    entry = phrases.entry_from_text(food, "2")
    assert amount_text(entry, food) == "2 tablets"


def test_change_emits_data_changed_for_the_changed_meal_only(plan_doc, qtbot):
    model = WeekGridModel(plan_doc)
    plan_doc.place(TUESDAY, "breakfast", _milk(plan_doc))
    seen = []
    model.dataChanged.connect(lambda tl, br, roles: seen.append((tl, br, roles)))
    plan_doc.place(TUESDAY, "lunch", _milk(plan_doc))
    ((top_left, bottom_right, roles),) = seen
    assert top_left == bottom_right == model.index_for(TUESDAY, "lunch")
    assert CellItemsRole in roles and CalciumRole in roles


def test_a_note_repaints_its_day_header(plan_doc, qtbot):
    model = WeekGridModel(plan_doc)
    with qtbot.wait_signal(model.headerDataChanged) as blocker:
        plan_doc.set_note(TUESDAY, "Dinner out")
    assert blocker.args == [Qt.Orientation.Horizontal, 1, 1]
    assert model.headerData(1, Qt.Orientation.Horizontal).endswith("✎")
    assert "Dinner out" in model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


def test_render_cache_is_dropped_for_changed_days(plan_doc):
    model = WeekGridModel(plan_doc)
    index = model.index_for(MONDAY, "lunch")
    assert index.data(CellItemsRole) == ()
    plan_doc.place(MONDAY, "lunch", _milk(plan_doc))
    assert len(index.data(CellItemsRole)) == 1


def test_switching_week_keeps_shape_and_refreshes(plan_doc, qtbot):
    model = WeekGridModel(plan_doc)
    plan_doc.place(MONDAY, "lunch", _milk(plan_doc))
    with qtbot.assert_not_emitted(model.modelReset):
        plan_doc.show_week(WEEK.shifted(1))
    assert model.dates[0] == MONDAY + dt.timedelta(days=7)
    assert model.index(2, 0).data(CellItemsRole) == ()


def test_changing_slots_resets_the_model(plan_doc, qtbot):
    model = WeekGridModel(plan_doc)
    person = plan_doc.person
    fewer = dataclasses.replace(person, slots=person.slots[:3])
    with qtbot.wait_signal(model.modelReset):
        plan_doc.save_person(fewer)
    assert model.rowCount() == 3


def test_set_data_pushes_an_undoable_command(plan_doc, qtbot):
    model = WeekGridModel(plan_doc)
    index = model.index_for(TUESDAY, "dinner")
    entry = _milk(plan_doc)
    assert model.setData(index, entry, NewEntryRole)
    assert plan_doc.undo_stack.count() == 1
    assert plan_doc.repo.week(plan_doc.person.id, WEEK).day(TUESDAY).entries("dinner") == (entry,)
    assert not model.setData(index, "milk", NewEntryRole)  # only entries
    with qtbot.wait_signal(plan_doc.error) as blocker:
        assert not model.setData(index, entry, NewEntryRole)  # the same item twice
    assert "already in the plan" in blocker.args[0]
    assert not model.setData(index, entry, Qt.ItemDataRole.EditRole)


def test_findings_mark_their_cells(plan_doc, qtbot):
    from bonewise.core.checks import Finding
    from bonewise.core.targets import HEANEY_1990

    model = WeekGridModel(plan_doc)
    finding = Finding("calcium_per_sitting", "Too much calcium at once.", HEANEY_1990, MONDAY,
                      "breakfast", "calcium_mg")
    with qtbot.wait_signal(model.dataChanged) as blocker:
        model.set_findings([finding])
    assert blocker.args[0] == model.index_for(MONDAY, "breakfast")
    assert model.index_for(MONDAY, "breakfast").data(FindingsRole) == (finding,)
    with qtbot.assert_not_emitted(model.dataChanged):
        model.set_findings([finding])  # unchanged: no repaint


def test_mime_round_trip_and_plain_text(plan_doc):
    model = WeekGridModel(plan_doc)
    entry = _milk(plan_doc)
    plan_doc.place(MONDAY, "breakfast", entry)
    mime = model.mimeData([model.index_for(MONDAY, "breakfast")])
    assert mime.text() == "Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and vitamin D · 1 cup (244 g)"
    payload = read_entries_mime(mime)
    assert payload.person_id == plan_doc.person.id and payload.week == str(WEEK)
    assert payload.entries == ((MONDAY, "breakfast", entry),)


def test_damaged_clipboard_data_is_refused_with_a_sentence():
    for raw in (b"\xff\xfe", b"{}", b"[]", b'[{"food_id": "01079", "grams": "lots"}]',
                b'[{"food_id": "01079", "grams": NaN}]', b'[{"food_id": "01079", "grams": -5}]',
                b'["<script>"]', b'[{"food_id": "01079", "grams": 10, "date": "yesterday"}]'):
        mime = QMimeData()
        mime.setData(ENTRY_MIME, raw)
        try:
            read_entries_mime(mime)
        except BonewiseError as exc:
            assert str(exc).endswith(".")
        else:
            raise AssertionError(f"accepted {raw!r}")
