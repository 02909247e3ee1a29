"""The Auto-plan dialog: it plans on opening, previews totals and checks, Enter adds it as one step."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from shell_data import MONDAY, TUESDAY, WEEK

from bonewise.core.checks import check_day
from bonewise.core.foodroles import Contains
from bonewise.core.plan import Diet, Person
from bonewise.core.targets import targets_for

from bonewise.ui.autoplan import AutoPlanDialog

WEDNESDAY = MONDAY + dt.timedelta(days=2)


@pytest.fixture
def doc(bea_doc):
    return bea_doc


def opened(qtbot, doc, date, week=False, today=MONDAY) -> AutoPlanDialog:
    """The dialog as the user sees it: shown, and planned once it has painted."""
    dialog = AutoPlanDialog(doc, date, week, today=today)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=60_000)
    return dialog


def items(doc, date):
    return [e for entries in doc.week.day(date).meals.values() for e in entries]


def test_it_plans_on_opening_and_enter_adds_the_day_as_one_undo_step(qtbot, doc):
    dialog = opened(qtbot, doc, TUESDAY)
    result = dialog.plan
    assert result.added and result.shortfalls == ()
    text = dialog.preview.toPlainText()
    assert "Tuesday 1 December" in text and "Adds" in text
    assert "Totals with the plan" in text and "Energy" in text and "ESPEN 2017" in text
    assert "What a dietitian checks" in text and "✓ Fruit and vegetables a day" in text
    assert "✗" not in text
    assert dialog.apply_button.isDefault()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert len(items(doc, TUESDAY)) == len(result.added)
    kinds = {f.kind for f in check_day(doc.person, doc.week.day(TUESDAY), doc.foods, {}, targets_for(doc.person))}
    assert not kinds & {"calcium_per_sitting", "upper_limit", "diet"}
    assert doc.undo_stack.count() == 1 and doc.undo_stack.undoText().startswith("Auto-plan")
    ids = {e.id for e in items(doc, TUESDAY)}
    doc.undo_stack.undo()
    assert items(doc, TUESDAY) == []
    doc.undo_stack.redo()
    assert {e.id for e in items(doc, TUESDAY)} == ids
    assert doc.repo.week(doc.person.id, WEEK).day(TUESDAY) == doc.week.day(TUESDAY)  # saved at once


def test_the_week_keeps_what_was_planned_and_skips_days_that_have_passed(qtbot, doc):
    doc.add_food(WEDNESDAY, "breakfast", "01079", "2 cup")
    dialog = opened(qtbot, doc, WEDNESDAY, week=True, today=WEDNESDAY)
    meals = dialog.meals
    assert meals.item(0, 0).text() == "day passed" and meals.item(0, 2).text() == "planned"
    assert {a.date for a in dialog.plan.added} == set(WEEK.dates()[2:])
    assert any("Monday and Tuesday have passed" in n for n in dialog.plan.notes)
    dialog.include_past.setChecked(True)  # a choice changed: Enter plans again first
    assert dialog.plan is None and meals.item(0, 0).text() == "fill"
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.plan is not None
    assert {a.date for a in dialog.plan.added} == set(WEEK.dates())
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert doc.undo_stack.count() == 2  # the milk, then the whole week in one step
    assert [e.food_id for e in doc.week.day(WEDNESDAY).entries("breakfast")] == ["01079"]


def test_planning_a_week_says_how_far_it_is_day_by_day(qtbot, doc):
    dialog = AutoPlanDialog(doc, MONDAY, True, today=MONDAY)
    qtbot.add_widget(dialog)
    said = []
    set_text = dialog.status.setText
    dialog.status.setText = lambda text: (said.append(text), set_text(text))
    dialog.compute()
    progress = [t for t in said if t.startswith("Planning… ") and "days chosen" in t]
    assert progress == [f"Planning… {n} of 7 days chosen." for n in range(1, 8)]
    assert said[-1].startswith("Planned in")


def test_an_unticked_meal_is_locked(qtbot, doc):
    dialog = opened(qtbot, doc, TUESDAY)
    lunch = dialog.meals.item([s.id for s in doc.person.slots].index("lunch"), 0)
    lunch.setCheckState(Qt.CheckState.Unchecked)
    assert lunch.text() == "locked" and dialog.plan is None
    assert dialog.options().locked == {(TUESDAY, "lunch")}
    result = dialog.compute()
    assert "lunch" not in {a.slot_id for a in result.added}
    assert "Locked, so left empty: Lunch on Tuesday." in dialog.preview.toPlainText()


def test_a_day_with_its_main_meals_planned_is_left_unless_asked(qtbot, doc):
    for slot in ("breakfast", "lunch", "dinner"):
        doc.add_food(TUESDAY, slot, "09003")
    dialog = opened(qtbot, doc, TUESDAY)
    assert dialog.plan.added == () and "Nothing to add" in dialog.preview.toPlainText()
    assert dialog.meals.item(1, 0).text() == "day planned"
    dialog.fill_planned.setChecked(True)
    result = dialog.compute()
    assert result.added and {a.slot_id for a in result.added} <= {"morning-snack", "afternoon-snack", "bedtime"}


def test_a_profile_is_kept_and_shown(qtbot, doc):
    vegan = doc.save_person(Person("Vera", weight_kg=60, diet=Diet.VEGAN))
    doc.show(vegan.id, WEEK)
    dialog = opened(qtbot, doc, TUESDAY)
    assert dialog.profile.text().startswith("For Vera: vegan; energy 1,500–1,800 kcal")
    animal = {Contains.MILK, Contains.EGG, Contains.MEAT, Contains.FISH}
    assert not any(a.candidate.profile.contains & animal for a in dialog.plan.added)
    dialog.reject()
