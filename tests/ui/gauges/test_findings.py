"""FindingListModel and its delegate."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QListView

from bonewise.core.checks import Finding
from bonewise.core.targets import HEANEY_1990, IOM_2011

from bonewise.ui.gauges.findings import (
    FindingDelegate,
    FindingListModel,
    FindingRole,
    SourceRole,
    SymbolRole,
)

DAY = dt.date(2026, 11, 30)
FINDINGS = [
    Finding("calcium_per_sitting", "Dinner has 934 mg of calcium <at once> & more (Heaney 1990).",
            HEANEY_1990, DAY, "dinner", "calcium_mg", "warning"),
    Finding("below_target", "The week averages 700 mg of calcium a day, below 1,200 mg (IOM 2011).",
            IOM_2011, None, None, "calcium_mg", "info"),
]


@pytest.fixture
def model(qapp):
    m = FindingListModel()
    m.set_findings(FINDINGS)
    return m


def test_model_passes_qtmodeltester(qtmodeltester, model):
    qtmodeltester.check(model, force_py=True)


def test_empty_model_passes_qtmodeltester(qtmodeltester):
    qtmodeltester.check(FindingListModel(), force_py=True)


def test_rows_carry_message_source_symbol_and_the_finding(model):
    first = model.index(0)
    assert first.data() == FINDINGS[0].message  # text kept exactly as the core wrote it
    assert first.data(SourceRole) == "Source: Heaney 1990"
    assert first.data(SymbolRole) == "⚠"
    assert model.index(1).data(SymbolRole) == "ℹ"
    assert first.data(FindingRole) is FINDINGS[0]
    assert first.data(Qt.ItemDataRole.AccessibleTextRole).startswith("Warning: Dinner has")
    assert "Click to show Mon 30 Nov, dinner" in first.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(5).data() is None
    assert model.rowCount(first) == 0


def test_same_findings_again_do_not_reset_the_view(qtbot, model):
    with qtbot.assert_not_emitted(model.modelReset):
        model.set_findings(list(FINDINGS))
    with qtbot.wait_signal(model.modelReset):
        model.set_findings(FINDINGS[:1])
    assert model.rowCount() == 1


def test_delegate_wraps_long_messages_into_taller_rows(qtbot, model):
    view = QListView()
    qtbot.add_widget(view)
    view.setModel(model)
    delegate = FindingDelegate(view)
    view.setItemDelegate(delegate)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.resize(700, 300)
    view.show()
    wide = view.sizeHintForRow(0)
    view.resize(180, 300)
    qtbot.wait_until(lambda: view.viewport().width() < 200)
    assert view.sizeHintForRow(0) > wide
    assert not view.grab().toImage().isNull()
    assert QModelIndex().data() is None
