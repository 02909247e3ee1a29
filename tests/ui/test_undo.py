"""The undo step: each user verb is one step; undo and redo restore model and repository."""

from __future__ import annotations

from shell_data import MONDAY, TUESDAY, WEEK

from bonewise.core import amounts, edits
from bonewise.core.plan import DayPlan

from bonewise.ui.weekgrid.model import CellItemsRole, WeekGridModel


def milk(doc, cups=1.0):
    return amounts.entry_for(doc.foods.get("01079"), measure="cup", count=cups)


def cheese(doc, oz=1.0):
    return amounts.entry_for(doc.foods.get("01009"), measure="oz", count=oz)


def stored(doc, date=MONDAY):
    return doc.repo.week(doc.person.id, WEEK).day(date)


def names(model, date, slot):
    return [i.name.split(",")[0] for i in model.index_for(date, slot).data(CellItemsRole)]


def test_place_undo_redo_touch_model_and_repository(plan_doc):
    model = WeekGridModel(plan_doc)
    entry = milk(plan_doc)
    assert plan_doc.apply("Add milk", lambda w: edits.place(w, MONDAY, "breakfast", entry))
    assert stored(plan_doc).entries("breakfast") == (entry,)
    assert names(model, MONDAY, "breakfast") == ["Milk"]
    plan_doc.undo_stack.undo()
    assert stored(plan_doc).entries("breakfast") == ()
    assert names(model, MONDAY, "breakfast") == []
    plan_doc.undo_stack.redo()
    assert stored(plan_doc).entries("breakfast") == (entry,)


def test_each_verb_is_one_undo_step_with_a_readable_name(plan_doc):
    a, b = milk(plan_doc), cheese(plan_doc)
    plan_doc.place(MONDAY, "breakfast", a)
    plan_doc.place(MONDAY, "breakfast", b)
    plan_doc.remove_entries([a.id])
    stack = plan_doc.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == [
        "Add Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and vitamin D",
        "Add Cheese, cheddar",
        "Remove Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and vitamin D",
    ]
    stack.undo()
    assert stored(plan_doc).entries("breakfast") == (a, b)


def test_change_amount_keeps_the_item_and_its_place(plan_doc):
    a, b = milk(plan_doc), cheese(plan_doc)
    plan_doc.place(MONDAY, "lunch", a)
    plan_doc.place(MONDAY, "lunch", b)
    plan_doc.change_entry(a.id, milk(plan_doc, 2))
    first = stored(plan_doc).entries("lunch")[0]
    assert (first.id, first.grams, first.count) == (a.id, 488.0, 2.0)
    plan_doc.undo_stack.undo()
    assert stored(plan_doc).entries("lunch") == (a, b)


def test_move_and_copy_between_cells(plan_doc):
    a, b, c = milk(plan_doc), cheese(plan_doc), milk(plan_doc, 0.5)
    for e in (a, b, c):
        plan_doc.place(MONDAY, "breakfast", e)
    plan_doc.move_entries([a.id, c.id], TUESDAY, "dinner", 0)
    assert stored(plan_doc).entries("breakfast") == (b,)
    assert stored(plan_doc, TUESDAY).entries("dinner") == (a, c)
    plan_doc.move_entries([b.id], TUESDAY, "dinner", 1, copy=True)
    dinner = stored(plan_doc, TUESDAY).entries("dinner")
    assert [e.grams for e in dinner] == [a.grams, b.grams, c.grams]
    assert dinner[1].id != b.id  # a copy is a new item
    plan_doc.undo_stack.undo()
    plan_doc.undo_stack.undo()
    assert stored(plan_doc).entries("breakfast") == (a, b, c)
    assert stored(plan_doc, TUESDAY).entries("dinner") == ()


def test_reordering_within_a_meal_counts_the_item_itself(plan_doc):
    a, b, c = milk(plan_doc), cheese(plan_doc), milk(plan_doc, 0.5)
    for e in (a, b, c):
        plan_doc.place(MONDAY, "breakfast", e)
    plan_doc.move_entries([a.id], MONDAY, "breakfast", 2)  # drop between b and c
    assert stored(plan_doc).entries("breakfast") == (b, a, c)
    plan_doc.move_entries([c.id], MONDAY, "breakfast", 0)
    assert stored(plan_doc).entries("breakfast") == (c, b, a)


def test_dropping_an_item_where_it_is_adds_no_undo_step(plan_doc):
    a = milk(plan_doc)
    plan_doc.place(MONDAY, "breakfast", a)
    count = plan_doc.undo_stack.count()
    assert not plan_doc.move_entries([a.id], MONDAY, "breakfast", 0)
    assert plan_doc.undo_stack.count() == count


def test_paste_gives_fresh_ids_and_redo_keeps_them(plan_doc):
    a = milk(plan_doc)
    plan_doc.paste_entries([a, a], TUESDAY, "lunch")
    pasted = stored(plan_doc, TUESDAY).entries("lunch")
    assert len(pasted) == 2 and len({e.id for e in pasted}) == 2 and a.id not in {e.id for e in pasted}
    plan_doc.undo_stack.undo()
    plan_doc.undo_stack.redo()
    # Later steps may refer to these ids, so redo must bring back the same ones.
    assert stored(plan_doc, TUESDAY).entries("lunch") == pasted


def test_copy_day_clear_day_and_paste_day(plan_doc):
    a, b = milk(plan_doc), cheese(plan_doc)
    plan_doc.place(MONDAY, "breakfast", a)
    plan_doc.place(MONDAY, "dinner", b)
    plan_doc.copy_day(MONDAY, TUESDAY)
    tuesday = stored(plan_doc, TUESDAY)
    assert [e.grams for e in tuesday.entries("breakfast")] == [a.grams]
    assert [e.grams for e in tuesday.entries("dinner")] == [b.grams]
    plan_doc.clear_day(MONDAY)
    assert stored(plan_doc).meals == {}
    plan_doc.paste_day({"lunch": [b]}, MONDAY)
    assert [e.grams for e in stored(plan_doc).entries("lunch")] == [b.grams]
    for _ in range(3):
        plan_doc.undo_stack.undo()
    assert stored(plan_doc).entries("breakfast") == (a,)
    assert stored(plan_doc, TUESDAY).meals == {}


def test_clearing_an_empty_day_adds_no_step(plan_doc):
    assert not plan_doc.clear_day(TUESDAY)
    assert plan_doc.undo_stack.count() == 0


def test_notes_any_text(plan_doc):
    text = "Dîner chez Zoë <b>&</b> 寿司 🍣 «кефир»"
    plan_doc.set_note(TUESDAY, text)
    assert stored(plan_doc, TUESDAY).note == text
    plan_doc.undo_stack.undo()
    assert stored(plan_doc, TUESDAY).note == ""


def test_undo_of_an_edit_in_another_week_brings_that_week_back(plan_doc):
    a = milk(plan_doc)
    plan_doc.place(MONDAY, "breakfast", a)
    plan_doc.show_week(WEEK.shifted(2))
    plan_doc.undo_stack.undo()
    assert plan_doc.iso_week == WEEK
    assert stored(plan_doc).entries("breakfast") == ()


def test_undo_works_for_another_person_too(plan_doc):
    from bonewise.core.plan import Person

    a = milk(plan_doc)
    zoe_id = plan_doc.person.id
    plan_doc.place(MONDAY, "breakfast", a)
    other = plan_doc.save_person(Person(name="Ana"))
    plan_doc.show(other.id, WEEK)
    plan_doc.undo_stack.undo()
    assert plan_doc.person.id == zoe_id
    assert stored(plan_doc).entries("breakfast") == ()


def test_a_failing_edit_reports_and_leaves_no_step(plan_doc, qtbot):
    with qtbot.wait_signal(plan_doc.error) as blocker:
        plan_doc.remove_entries(["no-such-id"])
    assert "no longer in the plan" in blocker.args[0]
    assert plan_doc.undo_stack.count() == 0


def test_snapshots_replay_exact_days(plan_doc):
    a = milk(plan_doc)
    assert plan_doc.apply("Add", lambda w: edits.place(w, MONDAY, "breakfast", a))
    plan_doc.undo_stack.undo()
    assert stored(plan_doc) == DayPlan(MONDAY)


def test_a_failed_save_leaves_screen_and_stack_as_they_were(plan_doc, qtbot, monkeypatch):
    import sqlite3

    from bonewise.ui.weekgrid.model import WeekGridModel

    model = WeekGridModel(plan_doc)

    def broken(person_id, days):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(plan_doc.repo, "save_days", broken)
    with qtbot.wait_signal(plan_doc.error) as blocker:
        assert not plan_doc.place(MONDAY, "breakfast", milk(plan_doc))
    assert "could not be saved (disk I/O error)" in blocker.args[0]
    assert plan_doc.undo_stack.count() == 0
    assert plan_doc.week.day(MONDAY).entries("breakfast") == ()
    assert names(model, MONDAY, "breakfast") == []
