"""NutrientGauge: geometry and words from the core reading, painting, accessibility."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from gaugedata import total
from PySide6.QtCore import Qt

from bonewise.core.plan import Person
from bonewise.core.status import Status, read
from bonewise.core.targets import default_targets, targets_for

from bonewise.ui.gauges.gauge import NutrientGauge, gauge_scale, gauge_texts

TARGETS = targets_for(Person("Zoë", weight_kg=64.0))


# --- geometry (pure) -----------------------------------------------------------------------

def test_calcium_band_and_limit_sit_where_the_numbers_say():
    scale = gauge_scale(TARGETS["calcium_mg"], total("calcium_mg", 1100))
    span = 1500 * 1.5  # room to the right of the band, which includes the 2,000 mg limit
    assert scale.band_low == pytest.approx(1200 / span)
    assert scale.band_high == pytest.approx(1500 / span)
    assert scale.limit == pytest.approx(2000 / span)
    assert scale.value == pytest.approx(1100 / span)
    assert not scale.overflow and not scale.lower_bound


def test_a_far_limit_is_named_not_drawn():
    scale = gauge_scale(TARGETS["vitamin_d_iu"], total("vitamin_d_iu", 900))
    assert scale.limit is None  # 4,000 IU would squeeze the 800–1,000 band to a sliver
    assert scale.band_low == pytest.approx(800 / 1500) and scale.band_high is None  # a floor


def test_a_floor_is_open_to_the_right():
    scale = gauge_scale(TARGETS["vitamin_d_iu"], total("vitamin_d_iu", 1900))
    assert scale.band_low == pytest.approx(800 / 1500) and scale.band_high is None
    protein = gauge_scale(TARGETS["protein_g"], total("protein_g", 77))
    assert protein.band_high is None and protein.band_low == pytest.approx(64 / (76.8 * 1.5))


def test_a_ceiling_is_shaded_from_zero_up_to_it():
    scale = gauge_scale(TARGETS["sodium_mg"], total("sodium_mg", 1000))
    assert scale.band_low == 0.0 and scale.band_high == pytest.approx(1 / 1.5)


def test_a_supplement_only_limit_is_not_drawn_on_the_total():
    scale = gauge_scale(TARGETS["magnesium_mg"], total("magnesium_mg", 400, supplements=100))
    assert scale.limit is None
    assert scale.band_low is not None and scale.band_high is None  # "at least 320 mg": open band
    assert scale.food < scale.value  # the supplement part of the bar is its own segment


def test_k2_has_a_reference_tick_and_no_band():
    scale = gauge_scale(TARGETS["vitamin_k2_ug"], total("vitamin_k2_ug", 60))
    assert scale.band_low is None and scale.band_high is None
    assert scale.reference == pytest.approx(1 / 1.5)


def test_protein_without_body_weight_draws_no_band_in_the_wrong_unit():
    per_kg = default_targets()["protein_g"]
    assert per_kg.per_kg
    scale = gauge_scale(per_kg, total("protein_g", 70))
    assert scale.band_low is None and scale.band_high is None


def test_overflow_and_lower_bound_are_flagged():
    scale = gauge_scale(TARGETS["calcium_mg"], total("calcium_mg", 9000, known=3, unknown=1))
    assert scale.value == 1.0 and scale.overflow and scale.lower_bound


# --- words (pure) --------------------------------------------------------------------------

def texts(key, tot, target=None):
    return gauge_texts(key, read(tot, target or TARGETS[key]))


def test_vitamin_d_reads_in_iu_and_micrograms():
    t = texts("vitamin_d_iu", total("vitamin_d_iu", 920, known=4))
    assert t.value == "920 IU (23 µg) · target at least 800–1,000 IU (20–25 µg)"
    assert "4,000 IU (100 µg)" in t.limit and "IOM 2011" in t.limit


def test_a_floor_exceeded_reads_target_met():
    t = texts("protein_g", total("protein_g", 77, known=4))
    assert t.state == "✓ Target met" and t.value == "77 g · target at least 64.0–76.8 g"


def test_k2_is_tracked_against_a_trial_reference_not_a_target():
    t = texts("vitamin_k2_ug", total("vitamin_k2_ug", 42, known=2))
    assert t.value == "42 µg · trial reference 180 µg"
    assert t.state == f"{Status.TRACKED.symbol} Tracked, no target"
    assert "target 180" not in t.value


def test_missing_data_reads_as_a_lower_bound_and_names_the_foods():
    t = texts("calcium_mg", total("calcium_mg", 850, known=7, unknown=2, names=("Soup", "Stew")))
    assert t.value == "at least 850 mg · target 1,200–1,500 mg · 2 of 9 foods unknown"
    assert t.coverage == "no data for: Soup; Stew"
    assert t.state.startswith(Status.BELOW.symbol)


def test_all_unknown_is_never_shown_as_zero():
    t = texts("calcium_mg", total("calcium_mg", 0, known=0, unknown=3, names=("A", "B", "C")))
    assert t.state == "? No data"
    assert "0 mg" not in t.value and t.value.startswith("no data")


def test_supplement_limit_names_its_scope_and_source():
    t = texts("magnesium_mg", total("magnesium_mg", 500, known=3, supplements=400))
    assert t.state.startswith(Status.OVER_LIMIT.symbol)
    assert t.limit == "limit 350 mg from supplements · IOM 1997"
    assert "350 mg from supplements, 400 mg planned" in t.description


def test_the_calcium_limit_says_whom_it_is_for():
    young = targets_for(Person("Zoë", birth_year=1985), dt.date(2026, 1, 5))["calcium_mg"]
    t = gauge_texts("calcium_mg", read(total("calcium_mg", 2200, known=4), young))
    assert t.state == "△ Above target" and t.limit == "limit 2,500 mg (ages 19–50) · IOM 2011"


def test_tooltip_escapes_text_and_carries_why_and_citation():
    target = dataclasses.replace(TARGETS["sodium_mg"], why="Keep it < 2,300 mg & watch <b>salt</b>")
    t = texts("sodium_mg", total("sodium_mg", 1000), target)
    assert "&lt; 2,300 mg &amp; watch &lt;b&gt;salt&lt;/b&gt;" in t.tooltip
    assert "NASEM 2019" in t.tooltip or "National Academies" in t.tooltip


# --- widget --------------------------------------------------------------------------------

STATES = {
    Status.BELOW: ("calcium_mg", total("calcium_mg", 600, known=3)),
    Status.MET: ("calcium_mg", total("calcium_mg", 1300, known=5)),
    Status.MET_SO_FAR: ("calcium_mg", total("calcium_mg", 1300, known=4, unknown=1, names=("Cake",))),
    Status.BELOW_SO_FAR: ("calcium_mg", total("calcium_mg", 600, known=2, unknown=1, names=("Cake",))),
    Status.UNDER_SO_FAR: ("sodium_mg", total("sodium_mg", 900, known=2, unknown=1, names=("Cake",))),
    Status.ABOVE: ("calcium_mg", total("calcium_mg", 1700, known=5)),
    Status.OVER_LIMIT: ("calcium_mg", total("calcium_mg", 2600, known=5, supplements=1200)),
    Status.UNDER_CEILING: ("sodium_mg", total("sodium_mg", 1600, known=5)),
    Status.OVER_CEILING: ("sodium_mg", total("sodium_mg", 2600, known=5)),
    Status.TRACKED: ("vitamin_k2_ug", total("vitamin_k2_ug", 30, known=2, unknown=1, names=("Tofu",))),
    Status.NO_DATA: ("vitamin_d_iu", total("vitamin_d_iu", 0, known=0, unknown=2, names=("A", "B"))),
    Status.NOTHING_PLANNED: ("vitamin_d_iu", total("vitamin_d_iu", 0, known=0)),
}


@pytest.mark.parametrize("status", list(STATES), ids=lambda s: s.value)
def test_every_status_paints_and_tells_its_status_in_words(qtbot, status):
    key, tot = STATES[status]
    gauge = NutrientGauge(key)
    qtbot.add_widget(gauge)
    gauge.resize(gauge.sizeHint())
    reading = read(tot, TARGETS[key])
    assert reading.status is status
    gauge.set_reading(reading)
    image = gauge.grab().toImage()
    assert not image.isNull() and image.width() > 0
    description = gauge.accessibleDescription()
    assert status.symbol in description
    assert status.words in description.lower()
    assert gauge.accessibleName() == gauge.texts.title  # "Calcium": a progress bar to screen readers
    assert status.words in gauge.toolTip().lower()


def test_no_reading_paints_as_nothing_planned(qtbot):
    gauge = NutrientGauge("protein_g")
    qtbot.add_widget(gauge)
    gauge.resize(300, gauge.heightForWidth(300))
    assert not gauge.grab().toImage().isNull()
    assert "nothing planned" in gauge.accessibleDescription().lower()


def test_a_narrow_gauge_wraps_its_reading_instead_of_cutting_it(qtbot):
    gauge = NutrientGauge("vitamin_d_iu")
    qtbot.add_widget(gauge)
    tot = total("vitamin_d_iu", 727, known=10, unknown=2, names=("Tofu", "Soup"))
    gauge.set_reading(read(tot, TARGETS["vitamin_d_iu"]))
    wide, narrow = gauge.heightForWidth(2000), gauge.heightForWidth(220)
    assert narrow > wide
    gauge.show()
    gauge.resize(220, narrow)
    qtbot.wait_until(lambda: gauge.width() == 220)
    assert len(gauge.text_layout.value) > 1
    assert "".join(gauge.text_layout.value).replace("\u00a0", " ").replace(" ", "") == \
        gauge.texts.value.replace(" ", "")


def test_same_reading_again_does_no_work(qtbot, monkeypatch):
    gauge = NutrientGauge("calcium_mg")
    qtbot.add_widget(gauge)
    tot = total("calcium_mg", 1300, known=5)
    gauge.set_reading(read(tot, TARGETS["calcium_mg"]))
    calls = []
    monkeypatch.setattr(gauge, "update", lambda: calls.append(1))
    gauge.set_reading(read(tot, TARGETS["calcium_mg"]))  # equal, though a new object
    assert calls == []
    gauge.set_reading(read(total("calcium_mg", 1310, known=5), TARGETS["calcium_mg"]))
    assert calls == [1]


def test_clicking_selects_the_nutrient(qtbot):
    gauge = NutrientGauge("magnesium_mg")
    qtbot.add_widget(gauge)
    gauge.show()
    with qtbot.wait_signal(gauge.selected) as blocker:
        qtbot.mouseClick(gauge, Qt.MouseButton.LeftButton)
    assert blocker.args == ["magnesium_mg"]



def test_wrapping_keeps_a_number_with_its_unit_and_may_break_a_range_after_its_dash(qapp):
    from PySide6.QtGui import QFontMetrics

    from bonewise.ui.gauges.gauge import widest_word, wrap_text

    fm = QFontMetrics(qapp.font())
    narrow = fm.horizontalAdvance("1,920 kcal") + 2
    assert wrap_text(fm, "target 1,600–1,920 kcal", narrow) == ["target", "1,600–", "1,920\u00a0kcal"]
    assert wrap_text(fm, "target 1,600–1,920 kcal", 10_000) == ["target 1,600–1,920\u00a0kcal"]
    assert widest_word(qapp.font(), "target 1,600–1,920 kcal") == fm.horizontalAdvance("1,920\u00a0kcal")
    assert wrap_text(fm, "ages 19–50", 1) == ["ages", "19–", "50"]  # only between digits
    assert wrap_text(fm, "Vitamin K–rich", 1) == ["Vitamin", "K–rich"]


def test_a_right_to_left_layout_fills_the_bar_from_the_right(qtbot):
    images = {}
    for direction in (Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft):
        gauge = NutrientGauge("calcium_mg")
        qtbot.add_widget(gauge)
        gauge.setLayoutDirection(direction)
        gauge.set_reading(read(total("calcium_mg", 500, known=5), TARGETS["calcium_mg"]))
        gauge.resize(400, gauge.heightForWidth(400))
        images[direction] = (gauge.grab().toImage(), gauge.bar_rect())
    (ltr, bar), (rtl, _) = images.values()
    y = int(bar.center().y())
    near, far = int(bar.left()) + 6, int(bar.right()) - 6
    assert ltr.pixelColor(near, y) != ltr.pixelColor(far, y)  # 500 mg fills only the start of the bar
    assert rtl.pixelColor(far, y) == ltr.pixelColor(near, y)
    assert rtl.pixelColor(near, y) == ltr.pixelColor(far, y)


def test_wrapped_texts_follow_the_font_they_were_laid_out_in(qapp):
    from PySide6.QtGui import QFontMetrics

    from bonewise.ui.gauges.gauge import advance, wrap_text, wrapped

    font = qapp.font()
    text = "at least 1,210 mg · 2 of 9 foods unknown"
    width = QFontMetrics(font).horizontalAdvance("at least 1,210 mg") + 4
    assert wrapped(font, text, width) == tuple(wrap_text(QFontMetrics(font), text, width))
    assert advance(font, text) == QFontMetrics(font).horizontalAdvance(text)
    bigger = qapp.font()
    bigger.setPointSizeF(font.pointSizeF() * 2)
    assert wrapped(bigger, text, width) == tuple(wrap_text(QFontMetrics(bigger), text, width))
    assert len(wrapped(bigger, text, width)) > len(wrapped(font, text, width))
    assert advance(bigger, text) == QFontMetrics(bigger).horizontalAdvance(text) > advance(font, text)
