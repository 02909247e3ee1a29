"""People ▸ Health Record: dated entries added and removed as undo steps, and the dose reminder."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate

from bonewise.core.record import Interval, Kind, RecordEntry

from bonewise.ui.people import PeopleDialog
from bonewise.ui.settings import SettingsStore

TODAY = dt.date(2026, 12, 5)


@pytest.fixture
def settings(tmp_path):
    return SettingsStore.in_folder(tmp_path)


@pytest.fixture
def dialog(qtbot, plan_doc):
    widget = PeopleDialog(plan_doc)
    widget.record_tab._today = lambda: TODAY
    widget.record_tab.set_person(plan_doc.person.id)
    qtbot.add_widget(widget)
    return widget


def choose(tab, kind: Kind) -> None:
    tab.kind.setCurrentIndex(tab.kind.findData(kind))


def rows(tab):
    model = tab.model
    return [tuple(model.data(model.index(r, c)) for c in range(3)) for r in range(model.rowCount())]


def test_entries_are_added_dated_and_kept_as_history(dialog, plan_doc):
    tab = dialog.record_tab
    choose(tab, Kind.DXA)
    assert tab.value_label.text() == "&T-score:" and tab.item.count() == 4 and not tab.interval.isVisibleTo(tab)
    tab.item.setCurrentText("lumbar spine")
    tab.date.setDate(QDate(2024, 5, 10))
    tab.value.setText("−2,1")  # typographic minus and a decimal comma
    assert tab.add_entry()
    tab.date.setDate(QDate(2026, 5, 10))
    tab.value.setText("-2.4")
    assert tab.add_entry()
    assert rows(tab) == [("10 May 2026", "DXA T-score, lumbar spine", "−2.4"),
                         ("10 May 2024", "DXA T-score, lumbar spine", "−2.1")]  # fmt: skip
    assert [e.value for e in plan_doc.record(plan_doc.person.id).entries] == [-2.1, -2.4]


def test_a_blood_level_in_nmol_is_stored_in_ng_and_becomes_the_latest(dialog, plan_doc):
    tab = dialog.record_tab
    choose(tab, Kind.VITAMIN_D)
    tab.unit.setCurrentText("nmol/L")
    tab.date.setDate(QDate(2026, 11, 20))
    tab.value.setText("75")
    assert tab.add_entry()
    assert plan_doc.person.vitamin_d_lab_ng_ml == 30.0  # the gauges and checks read the newest
    assert dialog.lab.text() == "30"  # and the profile shows it, so saving keeps it
    dialog.accept()
    assert plan_doc.repo.person(plan_doc.person.id).vitamin_d_lab_ng_ml == 30.0


def test_adding_and_removing_are_undo_steps(dialog, plan_doc):
    tab = dialog.record_tab
    choose(tab, Kind.FALLS)
    tab.value.setText("1")
    assert tab.add_entry()
    assert plan_doc.undo_stack.undoText() == "Add Falls in the last year to the Health Record"
    tab.table.selectRow(0)
    assert tab.remove_selected() and rows(tab) == []
    plan_doc.undo_stack.undo()
    assert [r[1] for r in rows(tab)] == ["Falls in the last year"]
    plan_doc.undo_stack.undo()
    assert rows(tab) == []
    plan_doc.undo_stack.redo()
    assert len(rows(tab)) == 1


@pytest.mark.parametrize("kind, value, message", [
    (Kind.DXA, "", "DXA T-score: type the t-score."),
    (Kind.DXA, "low", "T-score: “low” is not a number."),
    (Kind.VITAMIN_D, "300", "not plausible; check the unit"),
    (Kind.FALLS, "1.5", "whole number"),
])  # fmt: skip
def test_a_bad_entry_is_said_in_one_sentence_and_nothing_is_added(dialog, plan_doc, kind, value, message):
    tab = dialog.record_tab
    choose(tab, kind)
    tab.value.setText(value)
    assert not tab.add_entry()
    assert message in tab.problem.text()
    assert plan_doc.record(plan_doc.person.id).entries == ()


def test_a_future_date_is_refused(dialog, plan_doc):
    tab = dialog.record_tab
    choose(tab, Kind.EXERCISE)
    tab.value.setText("60")
    tab.date.setDate(QDate(2027, 1, 1))
    assert not tab.add_entry() and "is in the future" in tab.problem.text()


def test_a_late_denosumab_dose_is_said_in_the_tab_and_above_the_week(qtbot, dialog, plan_doc, settings):
    from bonewise.ui.mainwindow import MainWindow

    tab = dialog.record_tab
    choose(tab, Kind.BONE_DRUG_DOSE)
    assert tab.interval.currentData() == "6m" and not tab.value.isVisibleTo(tab)
    tab.item.setCurrentText("denosumab")
    tab.date.setDate(QDate(2026, 5, 20))
    assert tab.add_entry()
    assert "The next denosumab dose was due on 20 Nov 2026, 15 days ago." in tab.reminder.text()
    window = MainWindow(plan_doc, settings)
    qtbot.add_widget(window)
    window.update_dose_banner(TODAY)
    assert window.dose_banner.isVisibleTo(window)
    assert "Zoë: The next denosumab dose was due on 20 Nov 2026" in window.dose_banner.text()
    plan_doc.add_record_entries(plan_doc.person.id, [RecordEntry(
        Kind.BONE_DRUG_DOSE, dt.date(2026, 11, 28), "denosumab", interval=Interval.parse("6m"))])
    window.update_dose_banner(TODAY)
    assert not window.dose_banner.isVisibleTo(window)  # given on 28 Nov: the next is in May
