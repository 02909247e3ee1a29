"""FindingTreeModel (groups by kind with counts, heaviest first) and its delegate."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTreeView

from bonewise.core.checks import Finding, grouped
from bonewise.core.status import Severity
from bonewise.core.targets import ESCEO_2014, HEANEY_1990, IOM_2011

from bonewise.ui.gauges.findings import (
    FindingDelegate,
    FindingRole,
    FindingTreeModel,
    GroupRole,
    SeverityRole,
    SourceRole,
    SymbolRole,
)

DAY = dt.date(2026, 11, 30)
SITTING = Finding("calcium_per_sitting", "Dinner has 934 mg of calcium <at once> & more (Heaney 1990).",
                  HEANEY_1990, DAY, "dinner", "calcium_mg")
LIMIT = Finding("upper_limit", "On Monday the plan gives 2,097 mg of calcium, over the limit (IOM 2011).",
                IOM_2011, DAY, None, "calcium_mg")
BELOW = Finding("below_target", "The week averages 700 mg of calcium a day, below 1,200 mg (IOM 2011).",
                IOM_2011, None, None, "calcium_mg")
PROTEIN = [Finding("protein_per_meal", f"Breakfast on day {i} has 12 g of protein (ESCEO 2014).", ESCEO_2014,
                   DAY + dt.timedelta(days=i), "breakfast", "protein_g") for i in range(3)]
FINDINGS = [SITTING, *PROTEIN, BELOW, LIMIT]  # in no particular order


@pytest.fixture
def model(qapp):
    m = FindingTreeModel()
    m.set_groups(grouped(FINDINGS))
    return m


def test_model_passes_qtmodeltester(qtmodeltester, model):
    qtmodeltester.check(model, force_py=True)


def test_empty_model_passes_qtmodeltester(qtmodeltester):
    qtmodeltester.check(FindingTreeModel(), force_py=True)


def test_groups_come_heaviest_first_and_a_group_of_one_is_its_finding(model):
    top = [model.index(row, 0) for row in range(model.rowCount())]
    assert [i.data(SeverityRole) for i in top] == [Severity.WARNING, Severity.BELOW, Severity.NOTE,
                                                    Severity.NOTE]
    assert top[0].data() == LIMIT.message and top[0].data(FindingRole) is LIMIT
    assert model.rowCount(top[0]) == 0
    assert top[3].data() == "Main meals with less than 20 g of protein: 3"
    assert top[3].data(FindingRole) is None and top[3].data(GroupRole).count == 3
    assert [model.index(i, 0, top[3]).data(FindingRole) for i in range(3)] == PROTEIN
    assert top[3].data(SourceRole) == "Source: ESCEO 2014"


def test_finding_rows_carry_message_source_symbol_and_the_finding(model):
    sitting = model.finding_index(SITTING)
    assert sitting.data() == SITTING.message  # text kept exactly as the core wrote it
    assert sitting.data(SourceRole) == "Source: Heaney 1990"
    assert sitting.data(SymbolRole) == "ℹ"
    assert model.finding_index(LIMIT).data(SymbolRole) == "⚠"
    assert model.finding_index(BELOW).data(SymbolRole) == "▽"
    assert model.finding_index(LIMIT).data(Qt.ItemDataRole.AccessibleTextRole).startswith("Warning: On Monday")
    assert "Click to show Mon 30 Nov, dinner" in sitting.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(9, 0).data() is None
    assert not model.finding_index(Finding("vitamin_d_lab", "x", IOM_2011, None, None, None)).isValid()


def test_same_groups_again_do_not_reset_the_view(qtbot, model):
    with qtbot.assert_not_emitted(model.modelReset):
        model.set_groups(grouped(list(FINDINGS)))
    with qtbot.wait_signal(model.modelReset):
        model.set_groups(grouped(FINDINGS[:1]))
    assert model.rowCount() == 1 and model.findings() == (SITTING,)


def test_delegate_wraps_long_messages_into_taller_rows(qtbot, model):
    view = QTreeView()
    qtbot.add_widget(view)
    view.setHeaderHidden(True)
    view.setModel(model)
    view.setItemDelegate(FindingDelegate(view))
    view.setUniformRowHeights(False)
    view.resize(700, 300)
    view.expandAll()
    view.show()
    index = model.finding_index(LIMIT)
    wide = view.sizeHintForIndex(index).height()
    view.resize(180, 300)
    qtbot.wait_until(lambda: view.viewport().width() < 200)
    view.doItemsLayout()
    assert view.sizeHintForIndex(index).height() > wide
    assert not view.grab().toImage().isNull()
    assert QModelIndex().data() is None
