"""GaugePanel: set_view, the day/week toggle, findings, the per-sitting strip and "why"."""

from __future__ import annotations

import pytest
from gaugedata import MONDAY
from PySide6.QtCore import Qt

from bonewise.core.nutrients import SUPPORTING_KEYS, TARGET_KEYS

from bonewise.ui.gauges.panel import DAY, WEEK, GaugePanel

# The offscreen platform cannot pass a top-level window's size limits on; that is not ours.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def panel(qtbot, view):
    p = GaugePanel()
    qtbot.add_widget(p)
    p.resize(480, 900)
    p.set_view(**view)
    p.show()
    return p


def test_gauges_show_the_selected_day(panel, view):
    for key in TARGET_KEYS + SUPPORTING_KEYS:
        widget = panel.gauge(key) if key in TARGET_KEYS else panel.chip(key)
        assert widget.accessibleDescription(), key
    calcium = view["day_totals"]["calcium_mg"]
    assert panel.gauge("calcium_mg").reading.label.startswith("at least 1,927 of")  # soup: no data
    assert calcium.unknown == 1
    assert "no data for: Лентил soup" in panel.gauge("calcium_mg").texts.coverage
    assert "Monday 30 November 2026" in panel._caption.text()
    assert not panel.grab().toImage().isNull()


def test_week_toggle_switches_totals_and_is_reported(qtbot, panel, view):
    day_label = panel.gauge("calcium_mg").reading.label
    with qtbot.wait_signal(panel.view_mode_changed) as blocker:
        qtbot.mouseClick(panel._week_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [WEEK]
    assert panel.view_mode() == WEEK and panel.showing_week()
    assert panel.gauge("calcium_mg").reading.label != day_label
    assert "average" in panel._caption.text().lower()
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


def test_without_a_selected_day_the_week_average_shows(panel, view):
    panel.set_view(**{**view, "day": None, "day_totals": None, "meals": []})
    assert panel.showing_week()
    assert not panel._day_button.isEnabled()
    assert panel.sittings().rows == ()


def test_per_sitting_strip_marks_the_meals_the_core_flagged(panel, view):
    flagged = {f.slot_id for f in view["findings"]
               if f.kind == "calcium_per_sitting" and f.date == MONDAY}
    assert flagged == {"dinner", "bedtime"}  # tofu dinner, and a 600 mg tablet at once
    rows = {r.slot_id: r for r in panel.sittings().rows}
    assert {s for s, r in rows.items() if r.flagged} == flagged
    assert rows["dinner"].text.endswith("▲")
    assert rows["lunch"].empty


def test_clicking_a_finding_emits_its_day_and_meal(qtbot, panel, view):
    view_widget = panel.findings_view()
    model = panel.findings_model()
    row = next(i for i, f in enumerate(model.findings()) if f.slot_id == "dinner")
    panel._tabs.setCurrentIndex(0)
    view_widget.scrollTo(model.index(row))
    rect = view_widget.visualRect(model.index(row))
    with qtbot.wait_signal(panel.finding_activated) as blocker:
        qtbot.mouseClick(view_widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [MONDAY, "dinner"]


def test_enter_on_a_finding_emits_too(qtbot, panel):
    view_widget = panel.findings_view()
    view_widget.setFocus()
    view_widget.setCurrentIndex(panel.findings_model().index(0))
    first = panel.findings_model().finding(0)
    with qtbot.wait_signal(panel.finding_activated) as blocker:
        qtbot.keyClick(view_widget, Qt.Key.Key_Return)
    assert blocker.args == [first.date, first.slot_id]


def test_findings_count_shows_in_the_tab(panel, view):
    count = len(view["findings"])
    assert panel._tabs.tabText(0) == f"Warnings and notes ({count})"
    panel.set_view(**{**view, "findings": []})
    assert panel._tabs.tabText(0) == "Warnings and notes"


def test_why_this_matters_follows_the_chosen_gauge(qtbot, panel, view):
    assert "Aromatase inhibitors" in panel.why_text()  # calcium first
    qtbot.mouseClick(panel.gauge("vitamin_d_iu"), Qt.MouseButton.LeftButton)
    text = panel.why_text()
    assert "lets the gut take up calcium" in text
    assert "800–1,000 IU a day" in text and "Upper limit" in text and "ASCO" in text
    assert panel._tabs.tabText(1) == "Why: Vitamin D"
    panel.chip("sodium_mg").setFocus()
    qtbot.wait_until(lambda: "Salt makes the kidneys" in panel.why_text())


def test_set_view_with_unchanged_values_does_not_touch_the_findings_list(qtbot, panel, view):
    with qtbot.assert_not_emitted(panel.findings_model().modelReset):
        panel.set_view(**view)


def test_empty_week_reads_as_nothing_planned(panel, view):
    empty = {key: total_ for key, total_ in view["week_average"].items()}
    for key in empty:
        empty[key] = type(empty[key])(key, 0.0, 0, 0, (), 0.0)
    panel.set_view(day=MONDAY, day_totals=empty, week_average=empty, targets=view["targets"],
                   meals=[], findings=[])
    assert "nothing planned" in panel.gauge("calcium_mg").texts.coverage
    assert not panel.grab().toImage().isNull()


def test_no_person_yet_shows_empty_gauges(qtbot):
    panel = GaugePanel()
    qtbot.add_widget(panel)
    panel.set_view(day=None, day_totals=None, week_average={}, targets={}, meals=[], findings=[])
    assert panel.showing_week()
    assert panel.gauge("calcium_mg").reading is None
    assert "nothing planned" in panel.gauge("calcium_mg").accessibleDescription().lower()
    assert "No target is set" in panel.why_text()
    panel.resize(400, 800)
    assert not panel.grab().toImage().isNull()
