"""FoodBrowser over the real food store: search as you type, activation, filters, details."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from bonewise.core.foods import FoodKind, Measure

from bonewise.ui.foodbrowser.browser import FOOD_MIME, FoodBrowser
from bonewise.ui.foodbrowser.customfood import CustomFoodDialog
from bonewise.ui.foodbrowser.model import SummaryRole

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def browser(qtbot, foods):
    widget = FoodBrowser(foods)
    qtbot.add_widget(widget)
    widget.resize(600, 700)
    widget.show()
    return widget


def search(qtbot, browser, text):
    """Type ``text`` and wait until the debounced search has shown its results."""
    browser.search_field().clear()
    qtbot.keyClicks(browser.search_field(), text)
    qtbot.wait_until(lambda: not browser._timer.isActive())
    return [r.food_id for r in browser.model().rows()]


def test_typing_searches_as_you_type(qtbot, browser, foods):
    ids = search(qtbot, browser, "sardine")
    assert ids and ids[:5] == [h.food_id for h in foods.search("sardine", limit=50)][:5]
    assert all("sardine" in browser.model().index(i).data().lower() for i in range(3))
    assert "found" in browser._status.text()
    search(qtbot, browser, "qqqzzzx")
    assert browser.model().rowCount() == 0
    assert browser._status.text().startswith("No food matches")


def test_each_hit_shows_five_nutrients_for_a_usual_serving(qtbot, browser, foods):
    search(qtbot, browser, "kale raw")
    row = browser.model().rows()[0]
    food = foods.get(row.food_id)
    serving = foods.usual_serving(food)
    assert row.summary.startswith(f"{serving.label} ({serving.grams:g} g): Ca ")
    assert "K2 ?" in row.summary  # no K2 data for kale: shown as unknown, never 0
    for short in ("Ca ", "D ", "K2 ", "Mg ", "Protein "):
        assert f" {short}" in f" {row.summary.split(': ', 1)[1]}"


def test_enter_in_the_search_field_activates_the_top_hit(qtbot, browser):
    ids = search(qtbot, browser, "natto")
    with qtbot.wait_signal(browser.food_activated) as blocker:
        qtbot.keyClick(browser.search_field(), Qt.Key.Key_Return)
    assert blocker.args == [ids[0]] == ["16113"]


def test_enter_right_after_typing_does_not_wait_for_the_pause(qtbot, browser):
    browser.search_field().setText("natto")  # the search is still pending
    assert browser._timer.isActive()
    with qtbot.wait_signal(browser.food_activated) as blocker:
        qtbot.keyClick(browser.search_field(), Qt.Key.Key_Enter)
    assert blocker.args == ["16113"]


def test_arrow_keys_in_the_search_field_choose_a_hit(qtbot, browser):
    ids = search(qtbot, browser, "yogurt")
    qtbot.keyClick(browser.search_field(), Qt.Key.Key_Down)
    assert browser.current_food_id() == ids[1]
    assert browser.search_field().hasFocus()
    with qtbot.wait_signal(browser.food_activated) as blocker:
        qtbot.keyClick(browser.search_field(), Qt.Key.Key_Return)
    assert blocker.args == [ids[1]]


def test_enter_and_double_click_in_the_list_activate(qtbot, browser):
    ids = search(qtbot, browser, "milk")
    view = browser.results()
    view.setFocus()
    view.setCurrentIndex(browser.model().index(2))
    with qtbot.wait_signal(browser.food_activated) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [ids[2]]
    rect = view.visualRect(browser.model().index(1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.wait_signal(browser.food_activated) as blocker:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [ids[1]]


def test_a_single_click_only_selects(qtbot, browser):
    search(qtbot, browser, "milk")
    view = browser.results()
    rect = view.visualRect(browser.model().index(1))
    with qtbot.assert_not_emitted(browser.food_activated):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert browser.details().food.id == browser.model().rows()[1].food_id


def test_hits_drag_their_food_id(qtbot, browser):
    ids = search(qtbot, browser, "natto")
    model = browser.model()
    mime = model.mimeData([model.index(0)])
    assert bytes(mime.data(FOOD_MIME)).decode("utf-8") == ids[0]
    assert browser.results().dragEnabled()


def test_live_model_passes_qtmodeltester(qtbot, qtmodeltester, browser):
    search(qtbot, browser, "cheese")
    qtmodeltester.check(browser.model(), force_py=True)


def test_supplements_filter(qtbot, browser, foods):
    browser.set_filter("supplements")
    assert browser._new.text() == "New supplement…"  # and the dialog opens on "supplement"
    shipped = [f.id for f in foods.supplements()]
    assert [r.food_id for r in browser.model().rows()] == shipped  # listed without typing
    ids = search(qtbot, browser, "calcium")
    assert ids and all(foods.get(i).kind is FoodKind.SUPPLEMENT for i in ids)
    browser.set_filter("all")
    assert any(foods.get(i).kind is FoodKind.REFERENCE for i in search(qtbot, browser, "calcium"))
    with pytest.raises(ValueError):
        browser.set_filter("vegan")


def test_my_foods_filter_shows_only_the_users_foods(qtbot, browser, foods):
    mine = foods.add_custom("Oma’s cheese soup", {"calcium_mg": 120.0}, [Measure("bowl", 250.0)])
    browser.set_filter("mine")
    assert search(qtbot, browser, "cheese") == [mine.id]
    assert browser.model().index(0).data(SummaryRole).startswith("1 bowl (250 g): Ca 300 mg · D ?")


def test_details_follow_the_current_hit(qtbot, browser, foods):
    search(qtbot, browser, "natto")
    details = browser.details()
    assert details.food.id == "16113"
    assert "Schurgers" in details._k2.text() and "estimate" in details._k2.text()
    browser.search_field().clear()
    browser.set_filter("supplements")
    assert browser.select_food("sup-k2-mk7-180")
    assert details.food.id == "sup-k2-mk7-180"
    assert details.tree().isColumnHidden(1)  # "per 100 g" of a nominal tablet means nothing
    assert "180 µg per capsule" in details._k2.text()


def test_focus_search_selects_the_text(qtbot, browser):
    browser.search_field().setText("kale")
    browser.results().setFocus()
    browser.focus_search()
    qtbot.wait_until(browser.search_field().hasFocus)
    assert browser.search_field().selectedText() == "kale"


def test_closing_stops_a_pending_search(qtbot, browser):
    """A search still waiting for the typing pause must not run after the window closes:
    the food store is closed next (issue 11)."""
    browser.search_field().setText("kale")
    assert browser._timer.isActive()
    browser.close()
    assert not browser._timer.isActive()


def test_new_custom_food_is_found_and_selected(qtbot, browser, foods, monkeypatch):
    def fill_and_save(dialog):
        dialog._name.setText("Zoë’s crème brûlée ☕")  # accents: setText, not keyClicks
        dialog._fields["calcium_mg"].setText("110")
        dialog._measures.rows()[0][0].setText("ramekin")
        dialog._measures.rows()[0][1].setText("120")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(CustomFoodDialog, "exec", fill_and_save)
    with qtbot.wait_signal(browser.foods_changed):
        food = browser.new_custom_food()
    assert food is not None and food.name == "Zoë’s crème brûlée ☕"
    assert browser.current_food_id() == food.id
    assert food.id in search(qtbot, browser, "creme brulee")


def test_edit_and_delete_a_custom_food(qtbot, browser, foods, monkeypatch):
    food = foods.add_custom("Lentil soup", {"protein_g": 6.0}, [Measure("bowl", 250.0)])
    search(qtbot, browser, "lentil soup")
    browser.select_food(food.id)
    assert not browser.details()._edit.isHidden()

    def change_and_save(dialog):
        dialog._fields["calcium_mg"].setText("25")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(CustomFoodDialog, "exec", change_and_save)
    edited = browser.edit_custom_food(food.id)
    assert edited.nutrients["calcium_mg"] == 25.0 and foods.get(food.id).nutrients["protein_g"] == 6.0

    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert browser.delete_custom_food(food.id)
    assert food.id not in search(qtbot, browser, "lentil soup")
    assert not browser.delete_custom_food("01079")  # shipped foods cannot be deleted
