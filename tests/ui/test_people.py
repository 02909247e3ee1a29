"""PeopleDialog: add, edit, validate, reorder meals, override and reset targets, remove."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from shell_data import WEEK

from bonewise.core.plan import Allergen, Diet, Person

from bonewise.ui.people import PeopleDialog, parse_number


@pytest.fixture
def dialog(qtbot, plan_doc):
    widget = PeopleDialog(plan_doc)
    qtbot.add_widget(widget)
    return widget


def test_opens_on_the_shown_person(dialog, plan_doc):
    assert dialog.people_list.currentItem().text() == "Zoë"
    assert dialog.name.text() == "Zoë"
    assert dialog.weight.text() == "62"


def test_edits_are_saved_on_close(dialog, plan_doc):
    dialog.weight.setText("64,5")  # a decimal comma is fine
    dialog.t_score.setText("−1.8")  # so is the typographic minus
    dialog.lab.setText("27")
    dialog.lab_dated.setChecked(True)
    dialog.lab_date.setDate(QDate(2026, 10, 14))
    dialog.warfarin.setChecked(True)
    dialog.soy.setCurrentIndex(1)
    dialog.accept()
    person = plan_doc.repo.person(plan_doc.person.id)
    assert (person.weight_kg, person.t_score, person.vitamin_d_lab_ng_ml) == (64.5, -1.8, 27.0)
    assert person.vitamin_d_lab_date == dt.date(2026, 10, 14)
    assert person.on_warfarin and person.soy.value == "whole_foods"
    assert plan_doc.person == person  # the window follows


def test_the_year_of_birth_says_which_calcium_limit_applies(dialog, plan_doc):
    assert dialog.birth_year.text() == ""
    assert "2,500 mg at ages 19–50, 2,000 mg at ages 51 and over (IOM 2011)" in dialog.birth_year_note.text()
    dialog.birth_year.setText("1988")
    assert dialog.birth_year_note.text() == "Upper limit for calcium: 2,500 mg a day (ages 19–50; IOM 2011)."
    assert "Institute of Medicine" in dialog.birth_year_note.toolTip()
    assert dialog.birth_year.accessibleDescription() == dialog.birth_year_note.text()
    dialog.birth_year.setText("1950")
    assert "2,000 mg a day (ages 51 and over; IOM 2011)" in dialog.birth_year_note.text()
    dialog.accept()
    assert plan_doc.repo.person(plan_doc.person.id).birth_year == 1950
    again = PeopleDialog(plan_doc)
    assert again.birth_year.text() == "1950"
    again.birth_year.setText("")
    again.accept()
    assert plan_doc.repo.person(plan_doc.person.id).birth_year is None
    again.deleteLater()


def test_diet_allergies_dislikes_natto_and_usual_vitamin_k(dialog, plan_doc):
    dialog.diet.setCurrentIndex(dialog.diet.findData(Diet.LACTOSE_FREE))
    dialog.allergies[Allergen.TREE_NUTS].setChecked(True)
    dialog.allergies[Allergen.SESAME].setChecked(True)
    dialog.natto.setChecked(True)
    dialog._search_dislikes("sardine")  # what typing in the box does; the list offers the food
    dialog._add_dislike(next(iter(dialog._dislike_ids)))
    assert dialog.dislikes.count() == 1 and dialog.dislike_search.text() == ""
    assert not dialog.usual_k.isEnabled()  # only on warfarin
    dialog.warfarin.setChecked(True)
    dialog.usual_k.setText("120")
    dialog.accept()
    person = plan_doc.repo.person(plan_doc.person.id)
    assert (person.diet, person.allergies, person.eats_natto, person.vitamin_k_usual_ug) == (
        Diet.LACTOSE_FREE, {Allergen.TREE_NUTS, Allergen.SESAME}, True, 120.0)
    assert person.dislikes == {"15088"}


def test_a_usual_vitamin_k_out_of_range_is_refused(dialog, plan_doc):
    dialog.warfarin.setChecked(True)
    dialog.usual_k.setText("5")
    assert not dialog.save_current()
    assert "The usual daily vitamin K (µg) must be a number at least 10" in dialog.problem.text()
    dialog.usual_k.setText("")
    assert dialog.save_current()


def test_t_score_and_lab_value_are_explained_as_you_type(dialog):
    dialog.t_score.setText("-1.8")
    assert dialog.t_score_note.text().startswith("Osteopenia (WHO 1994)")
    dialog.t_score.setText("-3")
    assert dialog.t_score_note.text().startswith("Osteoporosis")
    dialog.lab.setText("20")
    assert dialog.lab_note.text().startswith("= 50 nmol/L.")


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("weight", "abc", "Body weight: “abc” is not a number."),
        ("weight", "5", "The body weight must be between 20 and 400 kg, not 5 kg."),
        ("weight", "nan", "Body weight: type an ordinary number."),
        ("t_score", "-12", "A T-score of -12 is not plausible"),
        ("birth_year", "1850", "The year of birth must be between 1900 and"),
        ("birth_year", "19x0", "Year of birth: “19x0” is not a number."),
        ("lab", "500", "is not plausible; check the unit"),
        ("name", "   ", "Give the person a name."),
    ],
)
def test_bad_values_are_refused_with_a_sentence(dialog, plan_doc, field, text, message):
    getattr(dialog, field).setText(text)
    dialog.accept()
    assert dialog.result() != PeopleDialog.DialogCode.Accepted
    assert message in dialog.problem.text()
    assert plan_doc.repo.person(plan_doc.person.id).weight_kg == 62.0  # nothing saved


def test_adding_a_person_with_any_name(dialog, plan_doc):
    dialog.add_person()
    assert dialog.name.hasFocus() or dialog.name.text() == ""
    dialog.name.setText("Ана «Мария» <&> 🌿")
    dialog.accept()
    names = [p.name for p in plan_doc.people()]
    assert names == ["Zoë", "Ана «Мария» <&> 🌿"]
    assert dialog.chosen_person_id() == plan_doc.people()[1].id


def test_a_duplicate_name_is_refused(dialog, plan_doc):
    dialog.add_person()
    dialog.name.setText("zoë")
    dialog.accept()
    assert "already a person called" in dialog.problem.text()
    assert len(plan_doc.people()) == 1


def test_switching_person_saves_the_one_left(dialog, plan_doc):
    other = plan_doc.save_person(Person(name="Ana"))
    dialog._fill_list(select=plan_doc.person.id)
    dialog.weight.setText("70")
    dialog.people_list.setCurrentRow(1)
    assert dialog.name.text() == "Ana"
    assert plan_doc.repo.person(plan_doc.person.id).weight_kg == 70.0
    assert other.id == dialog.people_list.currentItem().data(Qt.ItemDataRole.UserRole + 1)


def test_meals_rename_reorder_add(dialog, plan_doc):
    dialog.slots.item(1).setText("Elevenses")
    dialog.slots.setCurrentRow(5)
    dialog.move_slot(-1)
    dialog.add_slot()
    dialog.slots.item(6).setText("Late tea")
    dialog.accept()
    slots = plan_doc.repo.person(plan_doc.person.id).slots
    assert [s.name for s in slots] == ["Breakfast", "Elevenses", "Lunch", "Afternoon snack",
                                       "Bedtime", "Dinner", "Late tea"]
    assert slots[1].id == "morning-snack"  # renaming keeps the planned items


def test_removing_a_meal_that_holds_items_is_refused(dialog, plan_doc):
    from bonewise.core import amounts

    food = plan_doc.foods.get("01079")
    plan_doc.place(WEEK.monday(), "bedtime", amounts.entry_for(food, measure="cup"))
    dialog._load(plan_doc.repo.person(plan_doc.person.id), dialog.people_list.currentItem())
    dialog.slots.setCurrentRow(5)
    dialog.remove_slot()
    dialog.accept()
    assert "still holds 1 planned item" in dialog.problem.text()


def test_target_overrides_and_reset(dialog, plan_doc):
    row = dialog.target_rows["calcium_mg"]
    assert "1,200–1,500 mg" in row.default.text() and "NCCN 2009" in row.default.text()
    assert row.default.toolTip()  # the full citation
    row.low.setText("1000")
    row.high.setText("1200")
    dialog.target_rows["protein_g"].low.setText("1.2")
    assert dialog.save_current()
    person = plan_doc.repo.person(plan_doc.person.id)
    assert dict(person.target_overrides) == {"calcium_mg": (1000.0, 1200.0), "protein_g": (1.2, None)}
    dialog.reset_target("calcium_mg")
    assert row.low.text() == ""
    dialog.reset_target(None)
    dialog.accept()
    assert dict(plan_doc.repo.person(plan_doc.person.id).target_overrides) == {}


def test_a_reversed_target_band_is_refused(dialog):
    row = dialog.target_rows["calcium_mg"]
    row.low.setText("1500")
    row.high.setText("1000")
    assert not dialog.save_current()
    assert dialog.problem.text().startswith("⚠ Calcium:")


def test_removing_a_person_asks_first(dialog, plan_doc, monkeypatch):
    monkeypatch.setattr(dialog, "confirm", lambda question: False)
    dialog.remove_person()
    assert len(plan_doc.people()) == 1
    monkeypatch.setattr(dialog, "confirm", lambda question: "Zoë" in question)
    dialog.remove_person()
    assert plan_doc.people() == [] and plan_doc.person is None
    assert dialog.name.text() == ""  # an empty form for a new person


def test_parse_number():
    assert parse_number("", "x") is None
    assert parse_number(" 1,5 ", "x") == 1.5
    assert parse_number("−2.5", "x") == -2.5
    with pytest.raises(Exception, match="not a number"):
        parse_number("1,000,000", "x")
