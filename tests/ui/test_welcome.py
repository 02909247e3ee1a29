"""The first run: the welcome on an empty data folder, its checks, the person and the example week."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from bonewise.core.plan import IsoWeek, Person

from bonewise.ui import app
from bonewise.ui.weekgrid.view import WeekGridView
from bonewise.ui.welcome import ExampleWeekBar, WelcomeDialog

TODAY = dt.date(2026, 12, 2)  # the clock of these tests: a Wednesday
THIS_WEEK = IsoWeek.of(TODAY)


def items(plan) -> list:
    return [e for day in plan.days for entries in day.meals.values() for e in entries]


@pytest.fixture
def session(qtbot, data_dir):
    """The real window over an empty data folder and the shipped food store."""
    opened = app.open_window(data_dir)
    opened.window.document.today = lambda: TODAY
    qtbot.add_widget(opened.window)
    yield opened
    opened.window.close()
    opened.close()


def answer_with(monkeypatch, answer):
    """Let ``answer(dialog)`` stand in for the user of every modal dialog the grid asks."""
    asked = []

    def ask(dialog):
        asked.append(dialog)
        answer(dialog)
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(WeekGridView, "ask", staticmethod(ask))
    return asked


def test_the_welcome_appears_on_an_empty_folder_and_not_once_someone_exists(session, monkeypatch):
    asked = answer_with(monkeypatch, lambda dialog: None)
    session.window.first_run()
    assert [type(d) for d in asked] == [WelcomeDialog]
    session.window.first_run()  # "Me" was added when the welcome was left unanswered
    assert len(asked) == 1


def test_someone_already_there_gets_no_welcome(session, monkeypatch):
    session.repo.save_person(Person(name="Ana"))
    asked = answer_with(monkeypatch, lambda dialog: None)
    session.window.first_run()
    assert asked == []


def test_keyboard_only_a_bad_weight_is_refused_with_a_message(qtbot, session):
    dialog = WelcomeDialog(session.window.document, session.window)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Zoe")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.weight, "640")
    assert "between 20 and 400 kg" in dialog.weight_note.text()  # said while typing
    qtbot.keyClick(dialog.weight, Qt.Key.Key_Return)  # Enter is Next
    assert dialog.pages.currentIndex() == 0
    assert dialog.problem.text() == "⚠ The body weight must be between 20 and 400 kg, not 640 kg."
    assert session.repo.people() == []
    dialog.weight.setText("sixty")
    assert not dialog.go_next()
    assert "“sixty” is not a number" in dialog.problem.text()
    dialog.weight.setText("64,5")  # a decimal comma is fine
    assert "Protein target: 64.5–77.4 g a day" in dialog.weight_note.text()
    qtbot.keyClick(dialog.weight, Qt.Key.Key_Return)
    assert dialog.pages.currentIndex() == 1
    assert session.repo.people()[0].weight_kg == 64.5


@pytest.mark.parametrize(("typed", "message"), [
    ("-12", "A T-score of -12 is not plausible"),
    ("low", "T-score: “low” is not a number."),
    ("nan", "T-score: type an ordinary number."),
])  # fmt: skip
def test_a_bad_t_score_is_refused_with_a_message(qtbot, session, typed, message):
    dialog = WelcomeDialog(session.window.document, session.window)
    qtbot.add_widget(dialog)
    dialog.name.setText("Zoë")
    dialog.t_score.setText(typed)
    assert message in dialog.t_score_note.text()
    assert not dialog.go_next()
    assert message in dialog.problem.text()
    assert dialog.pages.currentIndex() == 0 and session.repo.people() == []


def test_the_t_score_is_explained_with_its_who_category_and_source(qtbot, session):
    dialog = WelcomeDialog(session.window.document, session.window)
    qtbot.add_widget(dialog)
    dialog.t_score.setText("−2.7")  # the typographic minus, as printed on scan reports
    assert dialog.t_score_note.text().startswith("Osteoporosis (WHO 1994).")
    dialog.t_score.setText("-1.0")
    assert dialog.t_score_note.text().startswith("Normal (WHO 1994).")


def test_a_name_is_needed_and_any_unicode_is_kept(qtbot, session):
    dialog = WelcomeDialog(session.window.document, session.window)
    qtbot.add_widget(dialog)
    assert not dialog.go_next()
    assert dialog.problem.text() == "⚠ Type a name: whose meals are you planning?"
    dialog.name.setText("  Zoë Ωμέγα 李 <b>&amp;</b> 🦴 ")
    assert dialog.go_next()
    assert session.repo.people()[0].name == "Zoë Ωμέγα 李 <b>&amp;</b> 🦴"


def test_back_changes_the_same_person(qtbot, session):
    dialog = WelcomeDialog(session.window.document, session.window)
    qtbot.add_widget(dialog)
    dialog.name.setText("Zoë")
    assert dialog.go_next()
    dialog.back_button.click()
    dialog.weight.setText("58")
    dialog.warfarin.setChecked(True)
    assert dialog.go_next()
    (person,) = session.repo.people()
    assert (person.weight_kg, person.on_warfarin) == (58.0, True)
    assert dialog.warfarin_text.isVisibleTo(dialog)  # the example was not planned for warfarin


def fill_in_and_take_the_example(dialog):
    dialog.name.setText("Zoë")
    dialog.weight.setText("64")
    dialog.t_score.setText("-1.8")
    dialog.warfarin.setChecked(True)
    dialog.next_button.click()
    assert dialog.pages.currentIndex() == 1
    dialog.example_button.click()


def test_finishing_creates_the_person_and_the_example_week(session, monkeypatch):
    answer_with(monkeypatch, fill_in_and_take_the_example)
    window, doc = session.window, session.window.document
    window.first_run()
    (person,) = session.repo.people()
    assert (person.name, person.weight_kg, person.t_score, person.on_warfarin) == ("Zoë", 64.0, -1.8, True)
    assert doc.person == person and doc.iso_week == THIS_WEEK
    assert window.windowTitle().startswith("Bonewise — Zoë — week ")
    assert len(items(session.repo.week(person.id, THIS_WEEK))) == 86  # on disk, not only on screen
    assert doc.undo_stack.count() == 1 and doc.undo_stack.undoText() == "Add Example Week"
    bar = window.findChild(ExampleWeekBar)
    assert bar is not None and "Week" in bar.text.text()
    assert window.gauges.gauge("calcium_mg").reading.label != "0 of 1,200–1,500 mg"
    # Taking the example back is one step, and the bar goes with it.
    doc.undo_stack.undo()
    assert items(session.repo.week(person.id, THIS_WEEK)) == []
    assert window.findChild(ExampleWeekBar) is None


def test_on_a_saturday_the_example_fills_next_week(session, monkeypatch):
    """From Friday on, most of this week is past: the week worth planning is the next one."""
    session.window.document.today = lambda: dt.date(2026, 12, 5)
    texts = []

    def look_then_take(dialog):
        dialog.name.setText("Zoë")
        dialog.next_button.click()
        texts.append((dialog.example_button.text(), dialog.example_text.text()))
        dialog.example_button.click()

    answer_with(monkeypatch, look_then_take)
    session.window.first_run()
    doc = session.window.document
    next_week = IsoWeek(2026, 50)
    assert doc.iso_week == next_week
    assert len(items(session.repo.week(doc.person.id, next_week))) == 86
    assert items(session.repo.week(doc.person.id, THIS_WEEK)) == []
    button, text = texts[0]
    assert button == "Fill next week with the example"
    assert text.startswith("Bonewise can fill next week (week 50, 7–13 Dec 2026)")


def test_clear_leaves_the_week_empty_in_one_click_and_undo_brings_it_back(session, monkeypatch):
    answer_with(monkeypatch, fill_in_and_take_the_example)
    window, doc = session.window, session.window.document
    window.first_run()
    person_id = doc.person.id
    window.findChild(ExampleWeekBar).clear_button.click()
    assert items(session.repo.week(person_id, THIS_WEEK)) == []
    assert window.findChild(ExampleWeekBar) is None
    assert "Example week cleared" in window.statusBar().currentMessage()
    doc.undo_stack.undo()
    assert len(items(session.repo.week(person_id, THIS_WEEK))) == 86


def test_clear_keeps_what_the_user_added(session, monkeypatch):
    answer_with(monkeypatch, fill_in_and_take_the_example)
    window, doc = session.window, session.window.document
    window.first_run()
    monday = THIS_WEEK.monday()
    assert doc.add_food(monday, "lunch", "01009", "1 oz")  # cheddar of her own
    window.findChild(ExampleWeekBar).clear_example()
    (left,) = items(session.repo.week(doc.person.id, THIS_WEEK))
    assert left.food_id == "01009"


def test_keep_hides_the_bar_and_keeps_the_week(session, monkeypatch):
    answer_with(monkeypatch, fill_in_and_take_the_example)
    window, doc = session.window, session.window.document
    window.first_run()
    window.findChild(ExampleWeekBar).keep_button.click()
    assert window.findChild(ExampleWeekBar) is None
    assert len(items(session.repo.week(doc.person.id, THIS_WEEK))) == 86


def test_an_empty_week_on_request(session, monkeypatch):
    def empty(dialog):
        dialog.name.setText("Zoë")
        dialog.next_button.click()
        dialog.empty_button.click()

    answer_with(monkeypatch, empty)
    session.window.first_run()
    assert session.window.document.person.name == "Zoë"
    assert items(session.window.document.week) == []
    assert session.window.findChild(ExampleWeekBar) is None


def test_escape_on_the_second_step_keeps_the_person(qtbot, session, monkeypatch):
    def escape(dialog):
        dialog.name.setText("Zoë")
        dialog.next_button.click()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    answer_with(monkeypatch, escape)
    session.window.first_run()
    assert [p.name for p in session.repo.people()] == ["Zoë"]
    assert items(session.window.document.week) == []


def test_escape_at_once_leaves_a_usable_window(qtbot, session, monkeypatch):
    answer_with(monkeypatch, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    window = session.window
    window.first_run()
    assert window.document.person.name == "Me"
    assert "Edit People" in window.statusBar().currentMessage()
    assert window.actions_by_name["edit_people"].isEnabled()
    assert window.actions_by_name["add_food"].isEnabled()


def test_the_fields_have_accessible_names(qtbot, session):
    dialog = WelcomeDialog(session.window.document, session.window)
    qtbot.add_widget(dialog)
    for field in (dialog.name, dialog.weight, dialog.birth_year, dialog.t_score):
        assert field.accessibleName()
        assert field.accessibleDescription()  # the note under it, for screen readers
    form = dialog.name.parentWidget()
    from PySide6.QtWidgets import QLabel

    buddies = {label.buddy() for label in form.findChildren(QLabel) if label.buddy()}
    assert {dialog.name, dialog.weight, dialog.birth_year, dialog.t_score} <= buddies


def test_the_year_of_birth_is_explained_and_kept(qtbot, session):
    dialog = WelcomeDialog(session.window.document, session.window, today=dt.date(2026, 11, 30))
    qtbot.add_widget(dialog)
    assert "depends on age" in dialog.birth_year_note.text()
    dialog.name.setText("Ana")
    dialog.birth_year.setText("1982")
    assert dialog.birth_year_note.text().startswith("Upper limit for calcium: 2,500 mg a day (ages 19–50")
    dialog.birth_year.setText("2015")
    assert dialog.birth_year_note.text().startswith("⚠ The year of birth must be between 1900 and")
    assert not dialog.go_next()
    assert dialog.focusWidget() in (dialog.birth_year, None)
    assert "year of birth" in dialog.problem.text()
    dialog.birth_year.setText("1982")
    assert dialog.go_next()
    assert session.repo.people()[0].birth_year == 1982


def test_the_intro_promises_as_many_steps_as_the_welcome_has(qtbot, session):
    """It once said "four questions" over "Step 1 of 2"."""
    import re

    from PySide6.QtWidgets import QLabel

    dialog = WelcomeDialog(session.window.document, session.window)
    qtbot.add_widget(dialog)
    pages = dialog.pages.count()
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    steps = [re.search(r"Step (\d) of (\d)", t) for t in texts]
    assert sorted(int(m[1]) for m in steps if m) == list(range(1, pages + 1))
    assert {int(m[2]) for m in steps if m} == {pages}
    intro = next(t for t in texts if "short steps" in t)
    assert intro.startswith("Bonewise helps") and "Two short steps: who the plan is for, then" in intro
    assert "questions" not in " ".join(texts)


def test_a_food_store_without_the_example_foods_says_so_and_keeps_the_person(qtbot, tmp_path,
                                                                               monkeypatch):
    from shell_data import ShellFoods

    from bonewise.store.repository import Repository

    from bonewise.ui.document import PlanDocument
    from bonewise.ui.mainwindow import MainWindow
    from bonewise.ui.settings import SettingsStore

    with Repository.in_memory() as repo:
        window = MainWindow(PlanDocument(repo, ShellFoods()), SettingsStore.in_folder(tmp_path))
        qtbot.add_widget(window)
        problems = []
        monkeypatch.setattr(window, "show_problem", problems.append)
        window.document.error.disconnect()
        window.document.error.connect(window.show_problem)
        answer_with(monkeypatch, fill_in_and_take_the_example)
        window.first_run()
        assert [p.name for p in repo.people()] == ["Zoë"]
        assert problems == ["The example week needs food 08121, which is not in the food store."]
        assert items(window.document.week) == [] and window.document.undo_stack.count() == 0
        assert window.findChild(ExampleWeekBar) is None
