"""CustomFoodDialog: clear messages for bad input, and foods the search then finds."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt

from bonewise import paths
from bonewise.core.foods import FoodKind, Measure

from bonewise.ui.foodbrowser.customfood import AISLES, SUPPLEMENT_AISLE, CustomFoodDialog

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def dialog(qtbot, foods):
    d = CustomFoodDialog(foods)
    qtbot.add_widget(d)
    return d


def fill(dialog, name="Oat porridge", measure=("bowl", "250"), **values):
    dialog._name.setText(name)
    for key, text in values.items():
        dialog._fields[key].setText(text)
    if measure is not None:
        dialog._measures.rows()[0][0].setText(measure[0])
        dialog._measures.rows()[0][1].setText(measure[1])


def save(dialog) -> bool:
    dialog.accept()
    return dialog.result() == CustomFoodDialog.DialogCode.Accepted


def test_typed_food_is_saved_and_found_by_search(qtbot, dialog, foods):
    qtbot.keyClicks(dialog._name, "Oat porridge with milk")
    qtbot.keyClicks(dialog._fields["calcium_mg"], "95")
    qtbot.keyClicks(dialog._fields["protein_g"], "4,2")  # a decimal comma is fine
    rows = dialog._measures.rows()
    qtbot.keyClicks(rows[0][0], "bowl")
    qtbot.keyClicks(rows[0][1], "250")
    assert save(dialog), dialog.error_text()
    food = dialog.food
    assert food.id.startswith("u") and food.kind is FoodKind.CUSTOM
    assert food.nutrients == {"calcium_mg": 95.0, "protein_g": 4.2}  # blank fields stay unknown
    assert food.measures == (Measure("bowl", 250.0),)
    assert food.aisle == "Other"
    assert food.id in [h.food_id for h in foods.search("oat porridge")]


@pytest.mark.parametrize("name", [
    "Zoë’s crème brûlée", "Борщ с 🥬", "納豆ご飯", 'Tom & Jerry\'s "<b>soup</b>"',
])
def test_any_unicode_name_is_kept_as_typed(dialog, foods, name):
    fill(dialog, name=name, calcium_mg="50")
    assert save(dialog), dialog.error_text()
    assert dialog.food.name == name
    assert foods.get(dialog.food.id).name == name


@pytest.mark.parametrize("field, text, message", [
    ("calcium_mg", "abc", "Calcium must be a number, not “abc”."),
    ("calcium_mg", "NaN", "Calcium must be a number, not “NaN”."),
    ("calcium_mg", "-3", "Calcium cannot be negative"),
    ("protein_g", "250", "Protein: 250 g in 100 g is more than a food can hold"),
    ("vitamin_d_iu", "1,000", "Vitamin D: “1,000” is ambiguous"),
])
def test_bad_numbers_are_refused_with_a_sentence_and_focus(qtbot, dialog, foods, field, text, message):
    dialog.show()
    fill(dialog, calcium_mg="10")
    dialog._fields[field].setText(text)
    assert not save(dialog)
    assert message in dialog.error_text()
    assert dialog.error_text().startswith("⚠ ")
    qtbot.wait_until(dialog._fields[field].hasFocus)
    assert dialog.food is None
    assert not [h for h in foods.search("oat porridge") if h.kind is FoodKind.CUSTOM]  # nothing was saved


@pytest.mark.parametrize("setup, message", [
    (lambda d: d._name.setText("   "), "Give the food a name."),
    (lambda d: [e.clear() for e in d._fields.values()], "Enter at least one nutrient amount."),
    (lambda d: d._measures.rows()[0][1].setText("0"), "must be more than zero"),
    (lambda d: d._measures.rows()[0][1].setText(""), "Type how many grams one “bowl” weighs."),
    (lambda d: d._measures.rows()[0][0].setText(""), "Name the measure"),
])
def test_missing_parts_are_named(dialog, setup, message):
    fill(dialog, calcium_mg="10")
    setup(dialog)
    assert not save(dialog)
    assert message in dialog.error_text()


def test_duplicate_measures_and_nutrients_are_refused(dialog):
    fill(dialog, calcium_mg="10")
    dialog._measures.add_row("Bowl", "300")
    assert not save(dialog)
    assert "The measure “Bowl” is listed twice." in dialog.error_text()
    dialog._measures.rows()[1][0].setText("mug")
    combo, edit = dialog._others.add_row("zinc_mg", "1.2")
    dialog._others.add_row("zinc_mg", "1.5")
    assert not save(dialog)
    assert "Zinc (mg) is entered twice." in dialog.error_text()


def test_other_nutrients_and_empty_measure_rows(dialog):
    fill(dialog, calcium_mg="10", measure=None)  # the empty first measure row is ignored
    dialog._others.add_row("zinc_mg", "1.2")
    assert save(dialog), dialog.error_text()
    assert dialog.food.nutrients == {"calcium_mg": 10.0, "zinc_mg": 1.2}
    assert dialog.food.measures == ()


def test_the_store_has_the_last_word(dialog):
    # Each value is plausible alone, together they weigh more than 100 g per 100 g.
    fill(dialog, protein_g="60", fiber_g="1")
    dialog._others.add_row("fat_g", "60")
    assert not save(dialog)
    assert "more than 100 g per 100 g" in dialog.error_text()


def test_a_supplement_is_entered_per_dose(qtbot, foods):
    dialog = CustomFoodDialog(foods, kind=FoodKind.SUPPLEMENT)
    qtbot.add_widget(dialog)
    assert dialog.supplement and dialog._aisle.currentText() == SUPPLEMENT_AISLE
    dialog._name.setText("Calcium citrate + D3 (my brand)")
    dialog._dose.setText("chewable")
    dialog._fields["calcium_mg"].setText("500")
    dialog._fields["vitamin_d_iu"].setText("800")
    assert save(dialog), dialog.error_text()
    food = dialog.food
    assert food.kind is FoodKind.SUPPLEMENT
    assert food.measures == (Measure("chewable", 1.0),)
    assert food.nutrients == {"calcium_mg": 50_000.0, "vitamin_d_iu": 80_000.0}  # 100 × per dose
    assert food.amount_in("calcium_mg", 1.0) == 500.0
    assert food.id in [s.id for s in foods.supplements()]


def test_editing_shows_the_stored_values_and_saves_changes(qtbot, foods):
    food = foods.add_custom("Kefir", {"calcium_mg": 130.0, "zinc_mg": 0.4}, [Measure("glass", 250.0)])
    dialog = CustomFoodDialog(foods, food)
    qtbot.add_widget(dialog)
    assert dialog.windowTitle() == "Edit custom food"
    assert dialog._name.text() == "Kefir"
    assert dialog._fields["calcium_mg"].text() == "130"
    assert dialog._others.rows()[0][0].currentData() == "zinc_mg"
    assert [(n.text(), g.text()) for n, g in dialog._measures.rows()] == [("glass", "250")]
    assert not dialog._is_supplement.isEnabled()
    dialog._fields["calcium_mg"].setText("120.5")
    dialog._aisle.setCurrentText("Dairy & eggs")
    assert save(dialog), dialog.error_text()
    stored = foods.get(food.id)
    assert stored.nutrients["calcium_mg"] == 120.5 and stored.aisle == "Dairy & eggs"


def test_editing_a_supplement_shows_amounts_per_dose(qtbot, foods):
    food = foods.add_custom("D3 drops", {"vitamin_d_iu": 40_000.0}, [Measure("drop", 1.0)],
                            kind=FoodKind.SUPPLEMENT)
    dialog = CustomFoodDialog(foods, food)
    qtbot.add_widget(dialog)
    assert dialog._fields["vitamin_d_iu"].text() == "400"
    assert dialog._dose.text() == "drop"


def test_cancel_saves_nothing(qtbot, dialog, foods):
    fill(dialog, calcium_mg="10")
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.food is None and not [h for h in foods.search("oat porridge") if h.kind is FoodKind.CUSTOM]


def test_aisles_are_those_of_the_shipped_foods():
    with open(paths.resources_dir() / "food_groups.csv", encoding="utf-8") as f:
        shipped = {row["aisle"] for row in csv.DictReader(f)}
    assert set(AISLES) <= shipped
