"""The side panels' titles follow View ▸ Zoom, and their Float and Close buttons work by mouse and keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from shell_data import WEEK

from bonewise.ui.docktitle import DockTitleBar
from bonewise.ui.mainwindow import MainWindow
from bonewise.ui.settings import SettingsStore


@pytest.fixture
def window(qtbot, plan_doc, tmp_path):
    settings = SettingsStore.in_folder(tmp_path)
    settings.save(settings.load().__class__(last_person_id=plan_doc.person.id, last_week=WEEK))
    win = MainWindow(plan_doc, settings)
    qtbot.add_widget(win)
    win.show()
    qtbot.wait_exposed(win)
    yield win
    win.zoom(0)


def docks(window):
    return [window.browser_dock, window.gauge_dock, window.suggestion_actions.dock]


def test_every_side_panel_has_a_title_bar_that_names_it(window):
    for dock in docks(window):
        bar = dock.titleBarWidget()
        assert isinstance(bar, DockTitleBar)
        title = dock.windowTitle()
        assert bar.label.text() == bar.accessibleName() == title
        assert bar.close_button.accessibleName() == f"Close {title}"
        assert bar.float_button.accessibleName() == f"Float {title}"


def test_the_title_grows_and_shrinks_with_the_zoom(window):
    bar = window.gauge_dock.titleBarWidget()
    size = bar.label.font().pointSizeF()
    height, icon = bar.sizeHint().height(), bar.close_button.iconSize().height()
    window.zoom(1)
    window.zoom(1)
    QApplication.processEvents()
    assert bar.label.font().pointSizeF() == pytest.approx(QApplication.font().pointSizeF())
    assert bar.label.font().pointSizeF() > size
    assert bar.sizeHint().height() > height and bar.close_button.iconSize().height() > icon
    window.zoom(-1)
    window.zoom(-1)
    window.zoom(-1)
    QApplication.processEvents()
    assert bar.label.font().pointSizeF() < size and bar.sizeHint().height() < height


def test_float_and_close_do_what_the_style_s_buttons_did(window, qtbot):
    dock = window.gauge_dock
    bar = dock.titleBarWidget()
    qtbot.mouseClick(bar.float_button, Qt.MouseButton.LeftButton)
    assert dock.isFloating() and bar.float_button.accessibleName() == "Dock Nutrients"
    qtbot.mouseClick(bar.float_button, Qt.MouseButton.LeftButton)
    assert not dock.isFloating() and bar.float_button.toolTip() == "Float Nutrients"
    qtbot.mouseClick(bar.close_button, Qt.MouseButton.LeftButton)
    assert not dock.isVisible() and not dock.toggleViewAction().isChecked()
    dock.toggleViewAction().trigger()  # View ▸ Nutrients brings it back
    assert dock.isVisible()


def test_the_buttons_are_reached_with_tab_and_pressed_with_space(window, qtbot):
    bar = window.gauge_dock.titleBarWidget()
    assert bar.close_button.focusPolicy() & Qt.FocusPolicy.TabFocus
    bar.close_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(bar.close_button, Qt.Key.Key_Space)
    assert not window.gauge_dock.isVisible()


def test_a_panel_that_may_not_float_has_no_float_button(window):
    dock = window.browser_dock
    dock.setFeatures(dock.features() & ~dock.DockWidgetFeature.DockWidgetFloatable)
    assert dock.titleBarWidget().float_button.isHidden()
    assert not dock.titleBarWidget().close_button.isHidden()


def test_every_text_in_the_window_follows_the_zoom(window):
    """Not only the panels' titles: no widget keeps the size its font had when it was made
    (a smaller note, the dose reminder's style sheet, a food's name)."""
    before = {w: w.font().pointSizeF() for w in window.findChildren(QWidget) if w.font().pointSizeF() > 0}
    window.zoom(1)
    window.zoom(1)
    QApplication.processEvents()
    stuck = sorted({f"{type(w).__name__} {w.objectName() or w.accessibleName()!r}"
                    for w, size in before.items() if w.font().pointSizeF() == pytest.approx(size)})
    assert stuck == []
