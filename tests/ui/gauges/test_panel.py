"""GaugePanel: set_view with a week summary, the day/week toggle, findings, the per-sitting strip, "why"."""

from __future__ import annotations

import dataclasses

import pytest
from gaugedata import MONDAY
from PySide6.QtCore import Qt

from bonewise.core.nutrients import SUPPORTING_KEYS, TARGET_KEYS
from bonewise.core.plan import WeekPlan
from bonewise.core.summary import summarize_week

from bonewise.ui.gauges.findings import FindingRole
from bonewise.ui.gauges.panel import DAY, WEEK, GaugePanel

# The offscreen platform cannot pass a top-level window's size limits on; that is not ours.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def panel(qtbot, summary):
    p = GaugePanel()
    qtbot.add_widget(p)
    p.resize(480, 900)
    p.set_view(summary, MONDAY)
    p.show()
    return p


def finding_rows(panel):
    """(index, finding) of every finding row, groups opened."""
    view, model = panel.findings_view(), panel.findings_model()
    view.expandAll()
    rows = []
    for row in range(model.rowCount()):
        top = model.index(row, 0)
        children = [model.index(i, 0, top) for i in range(model.rowCount(top))] or [top]
        rows += [(index, index.data(FindingRole)) for index in children]
    return rows


def test_gauges_show_the_selected_day(panel, summary):
    for key in TARGET_KEYS + SUPPORTING_KEYS:
        widget = panel.gauge(key) if key in TARGET_KEYS else panel.chip(key)
        assert widget.accessibleDescription(), key
    calcium = summary.day(MONDAY)["calcium_mg"]
    assert panel.gauge("calcium_mg").reading == calcium
    assert calcium.label.startswith("at least 1,927 mg · target")  # soup: no data
    assert calcium.total.unknown == 1
    assert "no data for: Лентил soup" in panel.gauge("calcium_mg").texts.coverage
    assert "Monday 30 November 2026" in panel._caption.text()
    assert not panel.grab().toImage().isNull()


def test_week_toggle_shows_the_average_of_the_planned_days(qtbot, panel, summary):
    day_label = panel.gauge("calcium_mg").reading.label
    with qtbot.wait_signal(panel.view_mode_changed) as blocker:
        qtbot.mouseClick(panel._week_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [WEEK]
    assert panel.view_mode() == WEEK and panel.showing_week()
    # One day planned of seven: the average is that day's, not a seventh of it.
    assert summary.days_planned == 1
    assert panel.gauge("calcium_mg").reading == summary.average["calcium_mg"]
    assert summary.average["calcium_mg"].value == summary.day(MONDAY)["calcium_mg"].value
    assert panel._caption.text() == "Daily average of 1 planned day"
    panel.set_view_mode(DAY)
    assert panel.gauge("calcium_mg").reading.label == day_label
    with pytest.raises(ValueError):
        panel.set_view_mode("month")


def test_toggle_works_from_the_keyboard(qtbot, panel):
    panel._day_button.setFocus()
    qtbot.wait_until(panel._day_button.hasFocus)
    qtbot.keyClick(panel._day_button, Qt.Key.Key_Right)
    # Arrows move along the exclusive group; Space chooses.
    qtbot.keyClick(panel.focusWidget(), Qt.Key.Key_Space)
    assert panel.view_mode() == WEEK
    assert panel._day_button.accessibleName() or panel._day_button.text()


def test_without_a_selected_day_the_week_average_shows(panel, summary):
    panel.set_view(summary, None)
    assert panel.showing_week()
    assert not panel._day_button.isEnabled()
    assert panel.sittings().rows == ()


def test_per_sitting_strip_marks_the_meals_the_core_flagged(panel, summary):
    flagged = {f.slot_id for f in summary.findings_for(MONDAY) if f.kind == "calcium_per_sitting"}
    assert flagged == {"dinner", "bedtime"}  # tofu dinner, and a 600 mg tablet at once
    rows = {r.slot_id: r for r in panel.sittings().rows}
    assert {s for s, r in rows.items() if r.flagged} == flagged
    assert rows["dinner"].text.endswith("ℹ")
    assert rows["lunch"].empty


def test_findings_are_grouped_heaviest_first_with_counts(panel, summary):
    model = panel.findings_model()
    groups = model.groups()
    assert groups == summary.warnings
    ranks = [g.severity.rank for g in groups]
    assert ranks == sorted(ranks)
    headings = [model.index(row, 0).data() for row in range(model.rowCount())]
    for group, heading in zip(groups, headings, strict=True):
        assert heading == (group.heading if group.count > 1 else group.findings[0].message)
    assert [f for _, f in finding_rows(panel)] == list(summary.findings)


def test_clicking_a_finding_emits_its_day_and_meal(qtbot, panel):
    view_widget = panel.findings_view()
    index, finding = next((i, f) for i, f in finding_rows(panel) if f.slot_id == "dinner")
    panel._tabs.setCurrentIndex(0)
    view_widget.scrollTo(index)
    rect = view_widget.visualRect(index)
    with qtbot.wait_signal(panel.finding_activated) as blocker:
        qtbot.mouseClick(view_widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [MONDAY, "dinner"] == [finding.date, finding.slot_id]


def test_enter_on_a_finding_emits_too(qtbot, panel):
    view_widget = panel.findings_view()
    view_widget.setFocus()
    index, first = finding_rows(panel)[0]
    view_widget.setCurrentIndex(index)
    with qtbot.wait_signal(panel.finding_activated) as blocker:
        qtbot.keyClick(view_widget, Qt.Key.Key_Return)
    assert blocker.args == [first.date, first.slot_id]


def test_notes_start_closed_heavier_groups_open_and_a_choice_is_kept(panel, summary):
    view, model = panel.findings_view(), panel.findings_model()
    panel.set_view(None, None)
    panel.set_view(summary, MONDAY)
    opened = {g.kind: view.isExpanded(model.index(row, 0)) for row, g in enumerate(model.groups())
              if g.count > 1}
    assert opened and all(is_open == (g.severity.value != "note")
                          for g in model.groups() if g.kind in opened for is_open in [opened[g.kind]])
    row, group = next((r, g) for r, g in enumerate(model.groups()) if g.count > 1)
    view.setExpanded(model.index(row, 0), not opened[group.kind])
    panel.set_view(None, None)
    panel.set_view(summary, MONDAY)
    assert view.isExpanded(model.index(row, 0)) == (not opened[group.kind])


def test_findings_count_shows_in_the_tab(panel, summary):
    assert panel._tabs.tabText(0) == f"Warnings and notes ({len(summary.findings)})"
    panel.set_view(dataclasses.replace(summary, findings=()), MONDAY)
    assert panel._tabs.tabText(0) == "Warnings and notes"


def test_why_this_matters_follows_the_chosen_gauge(qtbot, panel):
    assert "Aromatase inhibitors" in panel.why_text()  # calcium first
    assert "A range: more than its top brings no extra benefit." in panel.why_text()
    qtbot.mouseClick(panel.gauge("vitamin_d_iu"), Qt.MouseButton.LeftButton)
    text = panel.why_text()
    assert "lets the gut take up calcium" in text
    assert "At least 800–1,000 IU (20–25 µg) a day. A minimum" in text
    assert "Upper limit" in text and "ASCO" in text
    assert panel._tabs.tabText(1) == "Why: Vitamin D"
    panel.chip("sodium_mg").setFocus()
    qtbot.wait_until(lambda: "Salt makes the kidneys" in panel.why_text())


def test_set_view_with_an_equal_summary_does_not_touch_the_findings_list(qtbot, panel, summary):
    again = dataclasses.replace(summary)
    with qtbot.assert_not_emitted(panel.findings_model().modelReset):
        panel.set_view(again, MONDAY)


def test_empty_week_reads_as_nothing_planned(panel, person, targets, week):
    empty = summarize_week(person, WeekPlan.empty(week.person_id, week.week), {}, {}, targets)
    panel.set_view(empty, MONDAY)
    assert panel.gauge("calcium_mg").reading.status.value == "nothing_planned"
    assert "nothing planned" in panel.gauge("calcium_mg").texts.state.lower()
    assert panel._tabs.tabText(0) == "Warnings and notes"
    assert not panel.grab().toImage().isNull()


def test_an_empty_gauge_says_nothing_planned_once(panel, person, targets):
    """Each empty gauge once said "nothing planned" twice (reading and coverage)."""
    from gaugedata import FOODS, WEEK

    from bonewise.core.plan import WeekPlan
    from bonewise.core.summary import summarize_week

    empty = summarize_week(person, WeekPlan.empty(person.id, WEEK), FOODS, {}, targets)
    for summary, day in ((None, None), (empty, MONDAY)):  # no person yet; a week with nothing in it
        panel.set_view(summary, day)
        for key in TARGET_KEYS:
            texts = panel.gauge(key).texts
            shown = " ".join((texts.state, texts.value, texts.coverage, texts.limit)).lower()
            assert shown.count("nothing planned") == 1, (key, shown)


def test_no_person_yet_shows_empty_gauges(qtbot):
    panel = GaugePanel()
    qtbot.add_widget(panel)
    panel.set_view(None, None)
    assert panel.showing_week()
    assert panel.gauge("calcium_mg").reading is None
    assert "nothing planned" in panel.gauge("calcium_mg").accessibleDescription().lower()
    assert "No target is set" in panel.why_text()
    panel.resize(400, 800)
    assert not panel.grab().toImage().isNull()
