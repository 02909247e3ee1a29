"""Every size fits: at 200 % text in a 1366×768 window nothing that carries a number or a state
is cut. Gauges wrap their words, each day is at least as wide as its calcium figure (the week
scrolls sideways instead), and the week navigator stays out of any toolbar overflow menu.

The week is the app's example week over the shipped food store, so the texts are real ones
(long USDA names, warnings, a meal over the per-sitting calcium amount).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QToolBar

from bonewise.core.example_week import place_example_week
from bonewise.core.nutrients import SUPPORTING_KEYS, TARGET_KEYS
from bonewise.core.plan import IsoWeek, Person, WeekPlan
from bonewise.paths import reference_db_path
from bonewise.store.foodstore import FoodStore
from bonewise.store.repository import Repository

from bonewise.ui.document import PlanDocument
from bonewise.ui.mainwindow import MainWindow
from bonewise.ui.settings import SettingsStore, UiSettings
from bonewise.ui.weekgrid.delegate import (
    _small,
    calcium_hint,
    calcium_hint_rect,
    fit_calcium,
)
from bonewise.ui.weekgrid.model import CalciumRole, CellItemsRole, FindingsRole

WEEK = IsoWeek(2026, 49)
TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def example_store(tmp_path):
    repo = Repository.open(tmp_path / "data")
    foods = FoodStore(reference_db_path(), repo.custom_foods)
    person = repo.save_person(Person(name="Zoë Ana-María Fernández-Oyelaran", weight_kg=64.0,
                                     on_warfarin=True))
    plan, _ = place_example_week(WeekPlan.empty(person.id, WEEK), foods)
    repo.save_week(plan)
    yield repo, foods, person
    foods.close()
    repo.close()


@pytest.fixture
def base_font(qapp, qtbot):
    font = QFont(QApplication.font())
    yield font
    QApplication.setFont(font)
    qtbot.wait(5)  # closed widgets refit to the font at once, while their stores are open


def open_at(qtbot, tmp_path, example_store, *, zoom: int) -> MainWindow:
    repo, foods, person = example_store
    settings = SettingsStore.in_folder(tmp_path)
    settings.save(UiSettings(last_person_id=person.id, last_week=WEEK, zoom_percent=zoom))
    document = PlanDocument(repo, foods, today=lambda: TODAY)
    window = MainWindow(document, settings)
    qtbot.add_widget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.wait_exposed(window)
    qtbot.wait(50)  # deferred row fitting and relayouts
    return window


def plain(text: str) -> str:
    return text.replace("\u00a0", " ")


def unwrapped(lines: tuple[str, ...]) -> str:
    """Wrapped lines as one text again: a range broken after its dash has no space there."""
    return re.sub(r"(?<=\d–) (?=\d)", "", plain(" ".join(lines)))


def assert_gauges_whole(window: MainWindow) -> None:
    panel = window.gauges
    for key in TARGET_KEYS:
        gauge = panel.gauge(key)
        layout, texts = gauge.text_layout, gauge.texts
        assert layout.width == gauge.width()
        shown_state = unwrapped(layout.state)
        assert shown_state == texts.state, key  # every word of the state, none cut
        assert unwrapped(layout.value) == texts.value, key
        assert unwrapped(layout.limit) == texts.limit, key
        fm = gauge.fontMetrics()
        for line in (*layout.state, *layout.value):
            assert "…" not in line and fm.horizontalAdvance(line) <= gauge.width(), (key, line)
        # … and the gauge itself is inside the panel, not behind a sideways scroll.
        viewport = gauge.parentWidget().parentWidget()  # the content, in the scroll area's viewport
        right = gauge.mapTo(viewport, gauge.rect().topRight()).x()
        assert right <= viewport.width(), key
    for key in SUPPORTING_KEYS:
        chip = panel.chip(key)
        for line, wrapped in zip(chip.lines, chip.wrapped_lines(), strict=True):
            assert unwrapped(wrapped) == line, key


def assert_calcium_figures_whole(window: MainWindow) -> None:
    grid = window.grid
    model = grid.grid_model
    font = grid.font()
    metrics = QFontMetrics(_small(font))
    checked = 0
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            if not index.data(CellItemsRole):
                continue
            text, _flagged = calcium_hint(index.data(CalciumRole), index.data(FindingsRole) or ())
            rect = calcium_hint_rect(grid.visualRect(index), font)
            shown = fit_calcium(text, metrics, rect.width())
            assert shown == text, (row, column, text)  # not even shortened
            assert metrics.horizontalAdvance(shown) <= rect.width()
            checked += 1
    assert checked >= 30


@pytest.mark.parametrize("how", ["app zoom", "system font"])
def test_at_200_percent_no_state_or_calcium_figure_is_cut(qtbot, tmp_path, example_store,
                                                          base_font, how):
    if how == "system font":
        big = QFont(base_font)
        big.setPointSizeF(base_font.pointSizeF() * 2)
        QApplication.setFont(big)
    window = open_at(qtbot, tmp_path, example_store, zoom=200 if how == "app zoom" else 100)
    assert window.font().pointSizeF() == pytest.approx(base_font.pointSizeF() * 2)
    for mode in ("day", "week"):
        window.gauges.set_view_mode(mode)
        qtbot.wait(20)
        assert_gauges_whole(window)
    assert_calcium_figures_whole(window)
    # Seven days do not fit beside the gauges at this size: the week scrolls sideways.
    assert window.grid.horizontalScrollBar().maximum() > 0
    # The week navigator heads the week, never inside a toolbar's overflow menu.
    nav = window.week_nav
    assert not isinstance(nav.parentWidget(), QToolBar) and nav.isVisible()
    assert all(button.isVisible() for button in nav.buttons)
    assert nav.label.text() in nav.label.wordings()
    assert nav.label.width() >= nav.label.minimumSizeHint().width()
    # A long name is shortened in the person box, whole in its tooltip; the toolbar fits.
    combo = window.person_combo
    assert combo.width() < combo.fontMetrics().horizontalAdvance(combo.currentText())
    assert combo.toolTip().endswith(combo.currentText())
    assert window.toolbar.sizeHint().width() <= window.width()


def test_zooming_in_widens_the_gauge_panel_up_to_a_share_of_the_window(qtbot, tmp_path,
                                                                      example_store, base_font):
    window = open_at(qtbot, tmp_path, example_store, zoom=100)
    before = window.gauge_dock.width()
    for _ in range(10):
        window.zoom(1)
    qtbot.wait(20)
    assert window.settings.zoom_percent == 200
    assert before < window.gauge_dock.width() <= window.width() * 0.4 + 1
    assert_gauges_whole(window)
    assert_calcium_figures_whole(window)
