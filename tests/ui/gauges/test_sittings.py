"""The per-sitting calcium strip."""

from __future__ import annotations

from gaugedata import total

from bonewise.core.plan import MealSlot

from bonewise.ui.gauges.sittings import SittingStrip, sitting_rows

BREAKFAST, LUNCH, DINNER = MealSlot("breakfast", "Breakfast"), MealSlot("lunch", "Lunch"), \
    MealSlot("dinner", "Dinner")
MEALS = [
    (BREAKFAST, {"calcium_mg": total("calcium_mg", 392, known=3)}),
    (LUNCH, {"calcium_mg": total("calcium_mg", 0, known=0, unknown=0)}),
    (DINNER, {"calcium_mg": total("calcium_mg", 934, known=2, unknown=1, names=("Soup",))}),
]


def test_rows_show_amounts_lower_bounds_and_flags_in_text():
    breakfast, lunch, dinner = sitting_rows(MEALS, {"dinner"})
    assert breakfast.text == "392 mg" and not breakfast.flagged
    assert lunch.empty and lunch.text == "—"
    assert dinner.flagged and dinner.lower_bound
    assert dinner.text == "≥ 934 mg ℹ"
    assert "at least 934 mg" in dinner.description
    assert "more than is absorbed well at once" in dinner.description


def test_strip_paints_and_describes_every_meal(qtbot):
    strip = SittingStrip()
    qtbot.add_widget(strip)
    strip.set_meals(MEALS, {"dinner"})
    strip.resize(strip.sizeHint())
    assert not strip.grab().toImage().isNull()
    text = strip.accessibleDescription()
    assert "Breakfast: 392 mg" in text and "Lunch: nothing planned" in text and "Dinner" in text
    assert strip.sizeHint().height() >= 3 * strip.fontMetrics().height()


def test_an_unchanged_day_costs_no_relayout(qtbot, monkeypatch):
    strip = SittingStrip()
    qtbot.add_widget(strip)
    strip.set_meals(MEALS, {"dinner"})
    calls = []
    monkeypatch.setattr(strip, "updateGeometry", lambda: calls.append("geometry"))
    monkeypatch.setattr(strip, "update", lambda: calls.append("paint"))
    strip.set_meals(list(MEALS), ["dinner"])
    assert calls == []
    changed = MEALS[:2] + [(DINNER, {"calcium_mg": total("calcium_mg", 500, known=3)})]
    strip.set_meals(changed, ())
    assert calls == ["paint"]  # same number of rows: repaint, no new layout


def test_no_meals_paints_a_message(qtbot):
    strip = SittingStrip()
    qtbot.add_widget(strip)
    strip.set_meals([], ())
    strip.resize(300, 40)
    assert not strip.grab().toImage().isNull()
