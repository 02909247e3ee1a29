"""The search-hit list model: roles, drag payload, model contract."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from bonewise.core.foods import FoodKind

from bonewise.ui.foodbrowser.model import (
    FOOD_MIME,
    BadgeRole,
    FoodHitModel,
    FoodIdRole,
    HitRow,
    KindRole,
    SummaryRole,
)

ROWS = [
    HitRow("01079", "Milk, reduced fat", FoodKind.REFERENCE, "Dairy and Egg Products",
           "1 cup (244 g): Ca 293 mg · D 120 IU · K2 ? · Mg 26.8 mg · Protein 8.1 g"),
    HitRow("sup-ca", "Calcium carbonate 600 mg", FoodKind.SUPPLEMENT, "Supplements",
           "1 tablet: Ca 600 mg · D ? · K2 ? · Mg ? · Protein ?"),
    HitRow("u7", "Зоин суп <b>&</b> 🍲", FoodKind.CUSTOM, "Soups", "1 bowl (250 g): Ca ? · D ?"),
]


@pytest.fixture
def model(qapp):
    m = FoodHitModel()
    m.set_rows(ROWS)
    return m


def test_model_passes_qtmodeltester(qtmodeltester, model):
    qtmodeltester.check(model, force_py=True)


def test_roles(model):
    milk, tablet, soup = (model.index(i) for i in range(3))
    assert milk.data() == ROWS[0].name and milk.data(FoodIdRole) == "01079"
    assert milk.data(SummaryRole).startswith("1 cup (244 g): Ca 293 mg")
    assert milk.data(BadgeRole) == "" and tablet.data(BadgeRole) == "supplement"
    assert soup.data(BadgeRole) == "my food" and soup.data(KindRole) == "custom"
    assert soup.data() == "Зоин суп <b>&</b> 🍲"  # any text kept exactly as typed
    assert soup.data(Qt.ItemDataRole.AccessibleTextRole).startswith("Зоин суп <b>&</b> 🍲 (my food).")
    assert model.row_of("u7") == 2 and model.row_of("nope") is None


def test_drag_carries_the_food_id(model):
    assert model.mimeTypes() == [FOOD_MIME]
    assert model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
    mime = model.mimeData([model.index(2)])
    assert bytes(mime.data(FOOD_MIME)).decode("utf-8") == "u7"
    assert model.mimeData([]) is None


def test_unchanged_rows_do_not_reset(qtbot, model):
    with qtbot.assert_not_emitted(model.modelReset):
        model.set_rows(list(ROWS))
    with qtbot.wait_signal(model.modelReset):
        model.set_rows(ROWS[:1])
