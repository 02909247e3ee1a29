"""File > Export PDF…, Print… and Export Shopping List… over a plan document (no real dialogs)."""

from __future__ import annotations

import os
import subprocess
from types import MappingProxyType

import pytest
from shell_data import MONDAY, TUESDAY, WEEK

from bonewise.core.plan import DayPlan, Entry, IsoWeek, Person
from bonewise.export.document import PageSetup

from bonewise.ui import export_actions
from bonewise.ui.export_actions import ExportActions, ExportChoice, safe_file_name, week_file_name
from bonewise.ui.export_dialog import ExportDialog, ShoppingListDialog

MILK = "01079"


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         check=True).stdout.decode()  # fmt: skip
    return " ".join(out.split())


def fake_xdg_open(folder, monkeypatch, status: int | None):
    """A stand-in for xdg-open on PATH that notes what it was asked to open and ends with
    ``status`` (3: no program for the file); None: there is no xdg-open at all."""
    folder.mkdir(exist_ok=True)
    log = folder / "opened.txt"
    log.touch()
    script = folder / "xdg-open"
    if status is None:
        script.unlink(missing_ok=True)
    else:
        script.write_text(f'#!/bin/sh\necho "$1" >> "{log}"\nexit {status}\n')
        script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}/usr/bin{os.pathsep}/bin")
    return log


def opened(actions, qtbot) -> list[str]:
    """What xdg-open was asked to open, once the opener has seen it end."""
    qtbot.waitUntil(lambda: not actions.opener.busy(), timeout=10_000)
    return actions.calls["opened"].read_text().splitlines()


@pytest.fixture
def actions(qtbot, plan_doc, monkeypatch, tmp_path):
    """Export actions on a main window, with the save dialog and message boxes replaced and a
    stand-in xdg-open (a PDF viewer that opens everything)."""
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    # Before the window closes: let the stand-in xdg-open finish (the app's window stops the
    # watch when it closes; this bare one does not).
    qtbot.addWidget(window, before_close_func=lambda _w: qtbot.waitUntil(
        lambda: not window.findChild(export_actions.FileOpener).busy(), timeout=10_000))
    plan_doc.repo.save_days(plan_doc.person.id, [
        DayPlan(MONDAY, MappingProxyType({"breakfast": (Entry(MILK, 244, "cup", 1),),
                                          "bedtime": (Entry("sup-ca-carbonate-600", 1, "tablet", 1),)})),
    ])  # fmt: skip
    plan_doc.show(plan_doc.person.id, WEEK)
    calls = {"saved_to": tmp_path / "out.pdf", "errors": [], "asked": [], "offered": [],
             "opened": fake_xdg_open(tmp_path / "bin", monkeypatch, 0), "want_folder": False}

    def ask(parent, title, suggested):
        calls["asked"].append(suggested)
        return calls["saved_to"]

    def offer(parent, path):
        calls["offered"].append(path)
        return calls["want_folder"]

    monkeypatch.setattr(export_actions, "ask_save_path", ask)
    monkeypatch.setattr(export_actions, "offer_folder", offer)
    monkeypatch.setattr(export_actions, "show_error", lambda parent, title, msg: calls["errors"].append(msg))
    acts = ExportActions(plan_doc, window, clock=lambda: MONDAY)  # the shown week is not over
    acts.calls = calls
    window.show()
    return acts


def test_the_actions_have_their_shortcuts(actions):
    from PySide6.QtGui import QKeySequence

    assert actions.export_pdf_action.shortcut() == QKeySequence("Ctrl+E")
    assert actions.print_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert [a.text() for a in actions.actions()] == ["&Export PDF…", "&Print…", "Export &Shopping List…"]


def test_export_pdf_writes_the_chosen_sections_and_opens_the_file(actions, qtbot):
    choice = ExportChoice(("plan", "summary"), PageSetup("Letter", True), open_after=True)
    path = actions.export_pdf(choice)
    assert path == actions.calls["saved_to"]
    assert path.read_bytes().startswith(b"%PDF")
    text = pdf_text(path)
    assert "Week plan for Zoë" in text and "Bone health summary for Zoë" in text
    assert "Nutrient report for" not in text
    assert opened(actions, qtbot) == [str(path)]
    assert actions.calls["offered"] == []
    assert [p.name for p in actions.calls["asked"]] == ["Bonewise Zoë 30 Nov–6 Dec 2026.pdf"]
    # "Saved to out.pdf — Open Folder" in the status bar.
    notice = actions.notice
    assert notice.isVisible() and notice.path == path
    assert notice.label.wordings()[0] == "Saved to out.pdf —"
    assert notice.label.toolTip() == f"Saved to {path}"
    notice.folder_button.click()
    assert opened(actions, qtbot) == [str(path), str(path.parent)]
    # The choice is remembered for next time.
    settings = actions.document.repo.settings()
    assert settings["export_sections"] == ["plan", "summary"]
    assert (settings["page_size"], settings["large_print"]) == ("Letter", True)


def test_cancelling_the_save_dialog_writes_nothing(actions, qtbot):
    actions.calls["saved_to"] = None
    assert actions.export_pdf(ExportChoice(("plan",), PageSetup())) is None
    assert opened(actions, qtbot) == []
    assert not actions.notice.isVisible()


@pytest.mark.parametrize("status", [3, None])  # xdg-open finds no viewer; there is no xdg-open
def test_with_no_pdf_viewer_it_says_so_and_offers_the_folder(actions, qtbot, tmp_path, monkeypatch,
                                                             status):
    fake_xdg_open(tmp_path / "bin", monkeypatch, status)
    path = actions.export_pdf(ExportChoice(("plan",), PageSetup(), open_after=True))
    qtbot.waitUntil(lambda: actions.calls["offered"] == [path], timeout=10_000)
    assert actions.notice.isVisible() and path.is_file()  # saved all the same
    # The folder is wanted, but nothing can open a folder either: its name is the answer.
    actions.calls["want_folder"] = True
    actions.calls["offered"].clear()
    actions._could_not_open(path)
    qtbot.waitUntil(lambda: bool(actions.calls["errors"]), timeout=10_000)
    assert actions.calls["errors"] == [f"No program on this computer could open the folder "
                                       f"{path.parent}. Your PDF is saved there."]


def test_the_next_export_starts_in_the_folder_of_the_last(actions, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    actions.calls["saved_to"] = folder / "first.pdf"
    actions.export_pdf(ExportChoice(("plan",), PageSetup(), open_after=False))
    actions.export_pdf(ExportChoice(("plan",), PageSetup(), open_after=False))
    assert actions.calls["asked"][1] == folder / "Bonewise Zoë 30 Nov–6 Dec 2026.pdf"


@pytest.mark.parametrize(("who", "week", "name"), [
    ("Bonewise Zoë", IsoWeek(2026, 49), "Bonewise Zoë 30 Nov–6 Dec 2026.pdf"),
    ("Bonewise Ana/Luis: “Mamá”?", IsoWeek(2026, 53), "Bonewise Ana-Luis- “Mamá” 28 Dec 2026–3 Jan 2027.pdf"),
    ("Bonewise 李\u202e\nx", IsoWeek(2027, 1), "Bonewise 李--x 4 Jan–10 Jan 2027.pdf"),
    ("Bonewise " + "a" * 200, IsoWeek(2026, 9), "Bonewise " + "a" * 71 + " 23 Feb–1 Mar 2026.pdf"),
])
def test_file_names_use_the_week_s_dates(who, week, name):
    assert week_file_name(who, week) == name


def test_safe_file_names_are_never_empty():
    assert safe_file_name(" ./.. ") == "bonewise"


def test_a_write_error_is_shown_not_raised(actions, tmp_path):
    actions.calls["saved_to"] = tmp_path / "missing" / "plan.pdf"
    assert actions.export_pdf(ExportChoice(("plan",), PageSetup())) is None
    assert actions.calls["errors"] and "does not exist" in actions.calls["errors"][0]


def test_shopping_list_for_chosen_people(actions):
    doc = actions.document
    mum = doc.save_person(Person("Mum <&>"))
    doc.repo.save_days(mum.id, [DayPlan(TUESDAY, MappingProxyType({"dinner": (Entry(MILK, 488, "cup", 2),)}))])
    path = actions.export_shopping_list([doc.person.id, mum.id], ExportChoice(("shopping",), PageSetup(), False))
    text = pdf_text(path)
    assert "Shopping list for Zoë and Mum <&>" in text
    assert text.count("Milk, reduced fat") == 1
    assert "Mon Breakfast (Zoë); Tue Dinner (Mum <&>)" in text
    assert actions.calls["asked"][0].name == "Bonewise shopping list Zoë and Mum -& 30 Nov–6 Dec 2026.pdf"


def test_print_renders_every_page_of_the_same_document(actions, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    choice = ExportChoice(("plan", "summary", "shopping"), PageSetup())
    pages = actions.print_week(choice, printer)
    exported = actions.export_pdf(choice)
    info = subprocess.run(["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True, text=True).stdout
    expected = subprocess.run(["pdfinfo", str(exported)], capture_output=True, text=True).stdout
    count = next(line for line in expected.splitlines() if line.startswith("Pages:"))
    assert pages == int(count.split()[1])
    assert count in info


def test_export_dialog_choice_and_ok_needs_a_section(qtbot):
    dialog = ExportDialog(PageSetup("Letter", True), ["plan", "shopping"])
    qtbot.addWidget(dialog)
    choice = dialog.choice()
    assert choice.sections == ("plan", "shopping")
    assert choice.setup == PageSetup("Letter", True)
    for name in ("plan", "shopping"):
        dialog.set_checked(name, False)
    from PySide6.QtWidgets import QDialogButtonBox

    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_shopping_dialog_lists_people_with_the_current_one_ticked(qtbot):
    dialog = ShoppingListDialog([(1, "Zoë"), (2, "Mum")], [1], PageSetup())
    qtbot.addWidget(dialog)
    assert dialog.chosen_people() == [1]


def test_the_shopping_list_starts_today_unless_past_days_are_asked_for(actions):
    actions.clock = lambda: TUESDAY  # Monday's milk and tablet are eaten already
    path = actions.export_shopping_list([actions.document.person.id], ExportChoice(("shopping",), PageSetup(), False))
    text = pdf_text(path)
    assert "Milk, reduced fat" not in text and "Days already past (Mon) are left out." in text
    assert "Zoë: nothing planned for 1 Dec – 6 Dec 2026." in text
    choice = ExportChoice(("shopping",), PageSetup(), False, include_past=True)
    text = pdf_text(actions.export_shopping_list([actions.document.person.id], choice))
    assert "Milk, reduced fat" in text and "left out" not in text


def _staple(dialog, food_name):
    from PySide6.QtCore import Qt

    items = [dialog.staples.item(i) for i in range(dialog.staples.count())]
    found = [i for i in items if i.text().startswith(food_name)]
    assert found, [i.text() for i in items]
    return found[0], Qt.CheckState


def test_ticking_a_staple_leaves_it_off_and_unticking_puts_it_back(actions, monkeypatch):
    from PySide6.QtWidgets import QDialog

    ticks = {"Milk, reduced fat": True}

    def run_dialog(dialog):
        for name, at_home in ticks.items():
            item, state = _staple(dialog, name)
            item.setCheckState(state.Checked if at_home else state.Unchecked)
        dialog.open_box.setChecked(False)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ShoppingListDialog, "exec", run_dialog)
    text = pdf_text(actions.export_shopping_list())
    assert "Left out because they are always at home (pantry): Milk, reduced fat" in text
    assert text.count("Milk, reduced fat") == 1  # only in that line, not as an item to buy
    zoe = actions.document.person.id
    assert actions.document.repo.settings()["pantry"] == {"people": {str(zoe): [MILK]}}
    # Next time it shows ticked; unticking puts it back on the list.
    ticks["Milk, reduced fat"] = False
    text = pdf_text(actions.export_shopping_list())
    assert "always at home" not in text and "Milk, reduced fat" in text
    assert actions.document.repo.settings()["pantry"] == {"people": {}}


def test_the_staples_list_follows_the_people_chosen(qtbot, actions):
    doc = actions.document
    mum = doc.save_person(Person("Mum"))
    doc.repo.save_days(mum.id, [DayPlan(TUESDAY, MappingProxyType({"dinner": (Entry(MILK, 488, "cup", 2),)}))])
    dialog = ShoppingListDialog([(doc.person.id, "Zoë"), (mum.id, "Mum")], [doc.person.id], PageSetup(),
                                planned_foods=actions._planned_foods)  # fmt: skip
    qtbot.addWidget(dialog)
    texts = [dialog.staples.item(i).text() for i in range(dialog.staples.count())]
    assert [t.split(",")[0].split(" 600")[0] for t in texts] == ["Calcium carbonate", "Milk"]
    from PySide6.QtCore import Qt

    dialog.people.item(1).setCheckState(Qt.CheckState.Checked)
    texts = [dialog.staples.item(i).text() for i in range(dialog.staples.count())]
    assert sum(t.startswith("Milk") for t in texts) == 2 and any(t.endswith("— Mum") for t in texts)


def test_no_person_shown_is_a_message(actions):
    actions.document.clear_shown()
    assert actions.export_pdf(ExportChoice(("plan",), PageSetup())) is None
    assert actions.calls["errors"] == ["Choose a person and a week first."]


def test_the_section_order_is_the_users_choice(qtbot):
    dialog = ExportDialog(PageSetup(), ["report", "summary"])
    qtbot.addWidget(dialog)
    assert dialog.choice().sections == ("report", "summary")  # the order remembered from last time
    dialog.sections_list.setCurrentRow(1)
    dialog.move_section(-1)
    assert dialog.choice().sections == ("summary", "report")
    dialog.set_checked("shopping", True)
    assert dialog.choice().sections == ("summary", "report", "shopping")
    assert dialog.past_box.isEnabled()
    default = ExportDialog(PageSetup())
    qtbot.addWidget(default)
    assert default.choice().sections[0] == "summary"  # the appointment page first by default
