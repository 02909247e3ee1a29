"""The food details pane and its nutrient tree model."""

from __future__ import annotations

import dataclasses

import pytest
from browserdata import MILK, NATTO, TABLET
from PySide6.QtCore import QModelIndex, Qt

from bonewise.core.foods import Measure

from bonewise.ui.foodbrowser.details import (
    BONE_GROUP,
    FoodDetails,
    NutrientTreeModel,
    k2_note,
    k2_summary,
    nutrient_groups,
)


def lines(food, measure):
    return {line.key: line for group in nutrient_groups(food, measure) for line in group.lines}


def test_groups_put_bone_nutrients_first_and_keep_categories():
    groups = nutrient_groups(MILK, MILK.measures[0])
    assert groups[0].name == BONE_GROUP
    assert [line.key for line in groups[0].lines] == [
        "calcium_mg", "vitamin_d_iu", "vitamin_k2_ug", "magnesium_mg", "protein_g", "vitamin_k1_ug"]
    names = [g.name for g in groups]
    assert names[1:] == ["General", "Minerals", "Lipids"]  # only categories with something to show
    assert "zinc_mg" in {line.key for line in groups[2].lines}


def test_amounts_per_100_g_and_per_measure_with_units():
    milk = lines(MILK, MILK.measures[0])
    assert milk["calcium_mg"].per_100g == "120 mg"
    assert milk["calcium_mg"].per_measure == "293 mg"
    assert milk["vitamin_d_iu"].per_measure == "120 IU (3 µg)"
    assert milk["vitamin_k2_ug"].per_100g == "unknown"  # never 0
    assert milk["vitamin_k1_ug"].label == "Vitamin K1 (phylloquinone)"
    assert lines(MILK, Measure("fl oz", 30.5))["calcium_mg"].per_measure == "36.6 mg"


def test_k2_estimate_is_marked_with_its_source_and_evidence():
    natto = lines(NATTO, NATTO.measures[0])["vitamin_k2_ug"]
    assert natto.per_100g == "≈ 939 µg"
    assert "Kamao et al. 2007" in natto.note and "verified (abstract)" in natto.note
    note = k2_note(NATTO)
    assert note.startswith("K2 is an estimate") and "Kamao et al. 2007" in note
    assert "unknown" in k2_note(MILK)
    assert k2_summary(NATTO) == ("K2 ≈ 939 µg per 100 g is an estimate "
                                 "(Kamao et al. 2007; evidence: verified (abstract)).")
    assert k2_summary(MILK).startswith("K2: unknown")
    some_forms = dataclasses.replace(NATTO, k2=dataclasses.replace(NATTO.k2, complete=False))
    assert k2_summary(some_forms) == ("K2 at least 939 µg per 100 g, an estimate from some menaquinones only "
                                      "(Kamao et al. 2007; evidence: verified (abstract)).")
    assert k2_summary(TABLET) == "K2: unknown for this food (no published measurement); it counts " \
        "as unknown, not zero."


def test_k2_of_a_supplement_is_per_dose_from_the_label():
    capsule = dataclasses.replace(TABLET, nutrients={"vitamin_k2_ug": 18_000.0},
                                  measures=(Measure("capsule", 1.0),))
    assert k2_summary(capsule) == "K2 from the label: 180 µg per capsule."
    assert k2_note(capsule).startswith("K2 from the label: 180 µg per capsule")


@pytest.mark.parametrize("food", [MILK, NATTO, TABLET, None])
def test_tree_model_passes_qtmodeltester(qtmodeltester, food):
    model = NutrientTreeModel()
    model.set_food(food, food.measures[0] if food else Measure("g", 100, 100))
    qtmodeltester.check(model, force_py=True)


def test_tree_model_structure_and_header(qapp):
    model = NutrientTreeModel()
    model.set_food(MILK, MILK.measures[0])
    bone = model.index(0, 0)
    assert bone.data() == BONE_GROUP
    calcium = model.index(0, 2, bone)
    assert calcium.data() == "293 mg"
    assert model.parent(calcium) == bone
    assert model.headerData(2, Qt.Orientation.Horizontal) == "per 1 cup (244 g)"
    assert calcium.data(Qt.ItemDataRole.AccessibleTextRole) == "Calcium per 1 cup (244 g): 293 mg"
    assert model.rowCount(calcium) == 0 and not model.index(0, 0, calcium).isValid()
    assert model.parent(QModelIndex()) == QModelIndex()


def test_pane_follows_the_chosen_measure(qtbot):
    pane = FoodDetails()
    qtbot.add_widget(pane)
    pane.set_food(MILK, MILK.measures[1])
    assert pane.model().headerData(2, Qt.Orientation.Horizontal) == "per 1 fl oz (30.5 g)"
    pane._measure.setCurrentIndex(2)  # the 100 g row added after the food's own measures
    assert pane.model().headerData(2, Qt.Orientation.Horizontal) == "per 100 g"
    assert "USDA SR24" in pane._meta.text()
    assert pane._edit.isHidden()  # shipped foods cannot be edited
    pane.set_food(None)
    assert pane.model().rowCount() == 0
