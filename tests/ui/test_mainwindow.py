"""MainWindow: title, menus and shortcuts, navigation, zoom, people, gauges, restore on restart."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from shell_data import MONDAY, TODAY, TUESDAY, WEEK

from bonewise.core import phrases
from bonewise.core.checks import Finding
from bonewise.core.plan import IsoWeek, Person
from bonewise.core.status import Severity
from bonewise.core.targets import HEANEY_1990

from bonewise.ui.docktitle import DockTitleBar
from bonewise.ui.mainwindow import MainWindow
from bonewise.ui.settings import SettingsStore


@pytest.fixture
def settings(tmp_path):
    return SettingsStore.in_folder(tmp_path)


@pytest.fixture
def window(qtbot, plan_doc, settings):
    settings.save(settings.load().__class__(last_person_id=plan_doc.person.id, last_week=WEEK))
    win = MainWindow(plan_doc, settings)
    qtbot.add_widget(win)
    win.show()
    qtbot.wait_exposed(win)
    return win


def shortcut(window, name):
    return [k.toString() for k in window.actions_by_name[name].shortcuts()]


def test_title_names_app_person_and_week(window):
    assert window.windowTitle() == "Bonewise — Zoë — week 49, 2026"


def test_menus_have_the_standard_shortcuts(window):
    assert "Ctrl+Q" in shortcut(window, "quit")
    assert shortcut(window, "undo")[0] == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in shortcut(window, "redo")
    assert shortcut(window, "zoom_in")[0] == "Ctrl+="
    assert shortcut(window, "zoom_out") == ["Ctrl+-"]
    assert shortcut(window, "zoom_reset") == ["Ctrl+0"]
    assert shortcut(window, "previous_week") == ["Alt+Left", "Ctrl+PgUp"]
    assert shortcut(window, "next_week") == ["Alt+Right", "Ctrl+PgDown"]
    assert shortcut(window, "jump_date") == ["Ctrl+G"]
    assert shortcut(window, "delete") == ["Del"]
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Edit", "View", "Go", "People", "Help"]
    everything = [a.text().replace("&", "") for menu in window.menuBar().actions()
                  for a in menu.menu().actions()]
    # The printed documents (ui/export_actions.py) open the File menu.
    file_menu = window.menuBar().actions()[0].menu()
    assert [a.text().replace("&", "") for a in file_menu.actions()][:3] == [
        "Export PDF…", "Print…", "Export Shopping List…"]
    assert file_menu.actions()[0].shortcut().toString() == "Ctrl+E"
    assert file_menu.actions()[1].shortcut().toString() == "Ctrl+P"
    assert everything.count("Print…") == 1


def test_toolbar_undo_and_redo_stay_short_and_name_the_step_elsewhere(window, plan_doc):
    """A long food name once pushed the toolbar wide ("Undo Add Soymilk, original and …")."""
    from PySide6.QtWidgets import QToolButton

    plan_doc.add_food(MONDAY, "breakfast", "01079", "1 cup")
    plan_doc.undo_stack.undo()
    buttons = {b.defaultAction().objectName(): b for b in window.toolbar.findChildren(QToolButton)
               if b.defaultAction() is not None}
    assert buttons["undo"].text() == "Undo" and buttons["redo"].text() == "Redo"
    step = "Add Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and vitamin D"
    assert window.redo_action.text().replace("&", "") == f"Redo {step}"  # as the Edit menu shows it
    assert window.redo_action.toolTip() == f"Redo {step} (Ctrl+Shift+Z)"
    assert window.undo_action.toolTip() == "Undo (Ctrl+Z)"
    assert window.edit_menu.actions()[1] is window.redo_action


def test_every_action_with_a_shortcut_has_a_unique_one(window):
    seen = {}
    for name, action in window.actions_by_name.items():
        for key in action.shortcuts():
            assert key.toString() not in seen, f"{name} and {seen.get(key.toString())} share {key.toString()}"
            seen[key.toString()] = name


def test_week_navigation(qtbot, window, plan_doc):
    qtbot.keyClick(window.grid, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert plan_doc.iso_week == IsoWeek(2026, 50)
    assert window.windowTitle().endswith("week 50, 2026")
    window.actions_by_name["previous_week"].trigger()
    window.actions_by_name["previous_week"].trigger()
    assert plan_doc.iso_week == IsoWeek(2026, 48)
    window.go_this_week()
    assert plan_doc.iso_week == IsoWeek.of(TODAY)
    assert window.grid.current_date() == TODAY
    window.go_to_date(dt.date(2027, 1, 1))
    assert plan_doc.iso_week == IsoWeek(2026, 53)
    assert window.grid.current_date() == dt.date(2027, 1, 1)


def test_jump_to_date_dialog(window, plan_doc, monkeypatch):
    def answer(dialog):
        from PySide6.QtCore import QDate

        dialog.calendar.setSelectedDate(QDate(2026, 12, 24))
        return True

    monkeypatch.setattr(type(window.grid), "ask", staticmethod(answer))
    window.actions_by_name["jump_date"].trigger()
    assert window.grid.current_date() == dt.date(2026, 12, 24)


def test_zoom_scales_the_app_font_and_is_remembered(window, settings):
    base = QApplication.font().pointSizeF()
    window.actions_by_name["zoom_in"].trigger()
    window.actions_by_name["zoom_in"].trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(base * 1.2)
    assert settings.load().zoom_percent == 120
    window.actions_by_name["zoom_reset"].trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(base)


def test_gauges_follow_every_edit_and_the_selected_day(window, plan_doc):
    calcium = window.gauges.gauge("calcium_mg")
    window.grid.select_cell(TUESDAY, "lunch")
    food = plan_doc.foods.get("15088")
    plan_doc.place(TUESDAY, "lunch", phrases.entry_from_text(food, "100 g"))
    assert calcium.reading.label == "382 mg · target 1,200–1,500 mg"
    window.grid.select_cell(MONDAY, "lunch")
    assert calcium.reading.label == "nothing planned"
    window.gauges.set_view_mode("week")
    assert window.week_view_action.isChecked()
    # The week's daily average is over its one planned day, as in the warnings and the PDF.
    assert calcium.reading.label.startswith("382 mg")
    assert window.gauges._caption.text() == "Daily average of 1 planned day"
    assert window.presenter.summary.average["calcium_mg"] == calcium.reading


def test_per_sitting_findings_mark_the_cell(window, plan_doc):
    from bonewise.ui.weekgrid.model import FindingsRole

    cheese = plan_doc.foods.get("01009")
    plan_doc.place(MONDAY, "dinner", phrases.entry_from_text(cheese, "100 g"))  # 721 mg at once
    index = window.grid.grid_model.index_for(MONDAY, "dinner")
    assert [f.kind for f in index.data(FindingsRole)] == ["calcium_per_sitting"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_flagged_sitting_is_painted_in_the_colour_its_finding_has_in_the_list(window, plan_doc, scheme):
    from bonewise.core.checks import SITTING_SEVERITY

    from bonewise.ui.gauges.style import severity_colour
    from bonewise.ui.weekgrid.delegate import calcium_hint_rect

    window.set_colour_scheme(scheme, remember=False)
    cheese = plan_doc.foods.get("01009")
    plan_doc.place(MONDAY, "dinner", phrases.entry_from_text(cheese, "100 g"))  # 721 mg at once
    grid = window.grid
    rect = calcium_hint_rect(grid.visualRect(grid.grid_model.index_for(MONDAY, "dinner")), grid.font())
    image = grid.viewport().grab(rect).toImage()
    # The most colourful pixel of the calcium line carries its hue (the rest is antialiasing).
    inked = max((image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())),
                key=lambda c: c.hsvSaturationF())
    assert inked.hsvSaturationF() > 0.3
    assert SITTING_SEVERITY is Severity.NOTE  # a note: blue in the list, so blue here
    assert inked.hueF() == pytest.approx(severity_colour(Severity.NOTE).hueF(), abs=0.04)
    window.set_colour_scheme("system", remember=False)


def test_clicking_a_finding_selects_its_meal(window, plan_doc):
    finding = Finding("calcium_per_sitting", "Too much at once.", HEANEY_1990, TUESDAY, "dinner",
                      "calcium_mg")
    window.gauges.finding_activated.emit(finding.date, finding.slot_id)
    assert (window.grid.current_date(), window.grid.current_slot_id()) == (TUESDAY, "dinner")
    window.gauges.finding_activated.emit(TUESDAY + dt.timedelta(days=14), None)
    assert plan_doc.iso_week == IsoWeek(2026, 51)


def test_adding_from_the_browser_goes_into_the_current_meal(window, plan_doc):
    window.grid.select_cell(TUESDAY, "dinner")
    window.browser.food_activated.emit("11233")
    (entry,) = plan_doc.week.day(TUESDAY).entries("dinner")
    assert (entry.food_id, entry.grams) == ("11233", 67.0)


def test_edit_keys_belong_to_the_grid(qtbot, window, plan_doc):
    entry = phrases.entry_from_text(plan_doc.foods.get("01079"), "1 cup")
    plan_doc.place(MONDAY, "breakfast", entry)
    window.browser.focus_search()
    qtbot.keyClick(window.browser.search_field(), Qt.Key.Key_Delete)
    assert plan_doc.week.day(MONDAY).entries("breakfast") == (entry,)
    window.grid.setFocus()
    window.grid.select_entry(entry.id)
    qtbot.keyClick(window.grid, Qt.Key.Key_Delete)
    assert plan_doc.week.day(MONDAY).entries("breakfast") == ()
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert plan_doc.week.day(MONDAY).entries("breakfast") == (entry,)


def test_person_switcher(window, plan_doc):
    ana = plan_doc.save_person(Person(name="Ana"))
    assert [window.person_combo.itemText(i) for i in range(window.person_combo.count())] == ["Zoë", "Ana"]
    window.person_combo.setCurrentIndex(1)
    window.person_combo.activated.emit(1)
    assert plan_doc.person.id == ana.id
    assert window.windowTitle() == "Bonewise — Ana — week 49, 2026"
    assert [a.text() for a in window.switch_menu.actions()] == ["Zoë", "Ana"]


def test_status_bar_shows_coverage_and_saving(window, plan_doc):
    assert window.coverage_label.text() == "Nothing planned this week yet"
    salmon = plan_doc.foods.get("15076")
    plan_doc.place(MONDAY, "dinner", phrases.entry_from_text(salmon, "3 oz"))
    # One item, not "1 items"; as much as fits the status bar, the whole in the tooltip.
    full = "1 item · data for: Ca 1/1 · D 0/1 · K2 0/1 · Mg 1/1 · protein 1/1"
    assert window.coverage_label.wordings() == (full, "1 item · data missing for D, K2", "1 item")
    assert window.coverage_label.accessibleName() == full
    assert window.coverage_label.toolTip().startswith(full)
    window.resize(1600, window.height())
    assert window.coverage_label.text() == full
    window.resize(500, window.height())
    assert window.coverage_label.text() in window.coverage_label.wordings()[1:]
    assert window.saved_label.text().startswith("✓ Saved")


def test_problems_are_shown_without_blocking(window, qtbot):
    window.grid.problem.emit("That item is no longer in the plan.")
    assert window.statusBar().currentMessage() == "⚠ That item is no longer in the plan."
    assert window.problem_box.isVisible()
    window.problem_box.close()


def test_layout_person_and_week_come_back(qtbot, plan_doc, settings):
    first = MainWindow(plan_doc, settings)
    qtbot.add_widget(first)
    first.show()
    first.resize(640, 470)  # the offscreen screen is 800 × 600
    plan_doc.show_week(IsoWeek(2027, 3))
    first.gauge_dock.hide()
    first.gauges.set_view_mode("week")
    first.close()
    second = MainWindow(plan_doc, settings)
    qtbot.add_widget(second)
    second.show()
    assert plan_doc.iso_week == IsoWeek(2027, 3)
    assert second.size().width() == 640
    assert not second.gauge_dock.isVisible()
    assert second.gauges.view_mode() == "week"


def test_first_run_asks_for_a_person(qtbot, shell_repo, shell_foods, settings, monkeypatch):
    from bonewise.ui.document import PlanDocument

    doc = PlanDocument(shell_repo, shell_foods)
    window = MainWindow(doc, settings)
    qtbot.add_widget(window)
    assert window.windowTitle() == "Bonewise"

    def answer(dialog):
        dialog.name.setText("Zoë")
        dialog.accept()
        return True

    monkeypatch.setattr(type(window.grid), "ask", staticmethod(answer))
    window.first_run()
    assert doc.person.name == "Zoë"
    assert window.windowTitle().startswith("Bonewise — Zoë — week ")


def test_first_run_cancelled_still_gives_a_usable_window(qtbot, shell_repo, shell_foods, settings,
                                                        monkeypatch):
    from bonewise.ui.document import PlanDocument

    doc = PlanDocument(shell_repo, shell_foods)
    window = MainWindow(doc, settings)
    qtbot.add_widget(window)
    monkeypatch.setattr(type(window.grid), "ask", staticmethod(lambda dialog: False))
    window.first_run()
    assert doc.person.name == "Me"
    assert "Edit People" in window.statusBar().currentMessage()


def test_keyboard_shortcut_texts_are_native(window):
    assert window.actions_by_name["delete"].shortcut() == QKeySequence("Del")


def test_the_grid_context_menu_offers_the_edit_verbs(window, plan_doc):
    from PySide6.QtCore import QPoint

    entry = phrases.entry_from_text(plan_doc.foods.get("01079"), "1 cup")
    plan_doc.place(MONDAY, "breakfast", entry)
    window.grid.context_menu_requested.emit(QPoint(10, 10))
    texts = [a.text().replace("&", "") for a in window.context_menu.actions() if a.text()]
    assert texts[:2] == ["Add Food…", "Change Amount…"]
    assert {"Cut", "Copy", "Paste", "Delete", "Copy Day", "Paste Day", "Copy Day To",
            "Clear Day", "Day Note…"} <= set(texts)
    assert window.actions_by_name["change_amount"].isEnabled()
    copy_to = next(a.menu() for a in window.context_menu.actions() if a.menu())
    copy_to.aboutToShow.emit()
    days = copy_to.actions()
    assert len(days) == 7 and not days[0].isEnabled() and days[1].isEnabled()  # not onto itself
    days[1].trigger()
    assert [e.food_id for e in plan_doc.week.day(TUESDAY).entries("breakfast")] == ["01079"]
    window.context_menu.close()


def _items(repo, person_id, week):
    plan = repo.week(person_id, week)
    return sorted((d.date.weekday(), slot, e.food_id, e.grams) for d in plan.days
                  for slot, es in d.meals.items() for e in es)


def _answer_copy(monkeypatch, window, person_id, date):
    def answer(dialog):
        from PySide6.QtCore import QDate

        dialog.person_box.setCurrentIndex(dialog.person_box.findData(person_id))
        dialog.calendar.setSelectedDate(QDate(date.year, date.month, date.day))
        return True

    monkeypatch.setattr(type(window.grid), "ask", staticmethod(answer))


def test_copy_week_to_another_person_is_one_undo_step(window, plan_doc, monkeypatch):
    repo = plan_doc.repo
    plan_doc.place(MONDAY, "breakfast", phrases.entry_from_text(plan_doc.foods.get("01079"), "1 cup"))
    plan_doc.place(TUESDAY, "lunch", phrases.entry_from_text(plan_doc.foods.get("15088"), "100 g"))
    zoe = plan_doc.person.id
    mum = repo.save_person(Person("Mum")).id
    _answer_copy(monkeypatch, window, mum, dt.date(2026, 12, 9))  # any day of week 50
    assert window.copy_week_action.text() == "Copy &Week To…"
    assert window.copy_week_to()
    assert _items(repo, mum, IsoWeek(2026, 50)) == _items(repo, zoe, WEEK)
    assert plan_doc.is_shown(mum, IsoWeek(2026, 50))  # the copy is on screen
    plan_doc.undo_stack.undo()
    assert _items(repo, mum, IsoWeek(2026, 50)) == []


def test_copy_week_over_a_planned_week_asks_first(window, plan_doc, monkeypatch):
    repo = plan_doc.repo
    plan_doc.place(MONDAY, "breakfast", phrases.entry_from_text(plan_doc.foods.get("01079"), "1 cup"))
    zoe = plan_doc.person.id
    next_monday = dt.date(2026, 12, 7)
    plan_doc.show(zoe, IsoWeek(2026, 50))
    plan_doc.place(next_monday, "dinner", phrases.entry_from_text(plan_doc.foods.get("15088"), "100 g"))
    planned = _items(repo, zoe, IsoWeek(2026, 50))
    plan_doc.show(zoe, WEEK)
    _answer_copy(monkeypatch, window, zoe, next_monday)
    questions = []
    monkeypatch.setattr(window, "confirm", lambda q: questions.append(q) or False)
    assert not window.copy_week_to()
    assert "already has meals" in questions[0]
    assert _items(repo, zoe, IsoWeek(2026, 50)) == planned  # declined: untouched
    monkeypatch.setattr(window, "confirm", lambda q: True)
    assert window.copy_week_to()
    assert _items(repo, zoe, IsoWeek(2026, 50)) == _items(repo, zoe, WEEK)


def test_copy_week_onto_itself_is_explained(window, plan_doc, monkeypatch):
    _answer_copy(monkeypatch, window, plan_doc.person.id, MONDAY)
    problems = []
    monkeypatch.setattr(window, "show_problem", problems.append)
    assert not window.copy_week_to()
    assert "another week or another person" in problems[0]


def test_closing_the_window_stops_the_pending_work_of_its_parts(qtbot, window):
    """Docked widgets get no close event of their own; their timers must not fire after the
    stores close at exit (issue 11)."""
    from PySide6.QtCore import QTimer

    window.browser.search_field().setText("kale")
    assert any(timer.isActive() for timer in window.findChildren(QTimer))
    window.close()
    assert not any(timer.isActive() for timer in window.findChildren(QTimer))


# --- the side panels' title bars (ui/docktitle.py) and the zoom ---------------------------------


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
