"""Help ▸ Bonewise Guide: F1 opens it, its shortcut table is the window's, and it stays offline."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence, QTextDocument
from shell_data import WEEK

from bonewise.core.status import Status
from bonewise.store.backups import KEEP

from bonewise.ui.guide import SECTIONS, GuideDialog, guide_html, shortcut_rows
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
    return win


def open_guide_with_f1(qtbot, window) -> GuideDialog:
    window.activateWindow()
    qtbot.wait_until(lambda: window.isActiveWindow())
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_F1)
    guide = window.findChild(GuideDialog)
    assert guide is not None and guide.isVisible()
    return guide


def test_f1_opens_the_guide_from_the_week(qtbot, window):
    guide = open_guide_with_f1(qtbot, window)
    assert guide.windowTitle() == "Bonewise Guide"
    text = guide.browser.toPlainText()
    assert text.startswith("Bonewise guide")
    assert "planning aid, not medical advice" in text
    # Pressed again it is the same window, brought forward (not a second one).
    guide.hide()
    qtbot.keyClick(window.grid, Qt.Key.Key_F1)
    assert window.findChildren(GuideDialog) == [guide] and guide.isVisible()


def test_the_help_menu_offers_the_guide_about_and_about_qt(window):
    help_menu = window.menuBar().actions()[-1].menu()
    texts = [a.text().replace("&", "") for a in help_menu.actions()]
    assert texts == ["Bonewise Guide", "About Bonewise", "About Qt"]
    assert "F1" in [k.toString() for k in window.actions_by_name["guide"].shortcuts()]


def test_the_shortcut_table_lists_the_real_shortcuts(window):
    rows = {(menu, command): keys for menu, command, keys in shortcut_rows(window.menuBar())}
    assert rows[("Help", "Bonewise Guide")] == "F1"
    assert rows[("File", "Export PDF")] == "Ctrl+E"
    assert rows[("Edit", "Undo")].startswith("Ctrl+Z")
    assert rows[("Edit", "Day Note")] == "Ctrl+Shift+N"
    assert rows[("Go", "Previous Week")] == "Alt+Left or Ctrl+PgUp"
    assert rows[("View", "Foods")] == "F9"
    assert ("File", "Export Shopping List") not in rows  # no shortcut, so not in the table


def test_the_table_follows_a_changed_shortcut(qtbot, window):
    window.actions_by_name["day_note"].setShortcut(QKeySequence("Ctrl+Alt+J"))
    guide = open_guide_with_f1(qtbot, window)
    text = guide.browser.toPlainText()
    assert "Ctrl+Alt+J" in text and "Ctrl+Shift+N" not in text


def test_only_anchors_inside_the_guide_are_linked(qtbot, window):
    html = guide_html(window.menuBar(), "/home/zoë/data")
    links = re.findall(r"href='([^']*)'", html)
    anchors = set(re.findall(r"name='([^']*)'", html))
    assert links and all(link.startswith("#") and link[1:] in anchors for link in links)
    assert {anchor for anchor, _ in SECTIONS} <= anchors
    guide = GuideDialog(window)
    qtbot.add_widget(guide)
    assert not guide.browser.openExternalLinks() and not guide.browser.openLinks()
    guide.follow(QUrl("https://example.org/tracker"))
    assert guide.browser.source().isEmpty()


def test_the_guide_reads_its_facts_from_the_code(window):
    document = QTextDocument()
    document.setHtml(guide_html(window.menuBar(), "/home/zoë/<bonewise>"))
    text = " ".join(document.toPlainText().split())
    for status in Status:
        assert f"{status.symbol} {status.words.capitalize()}" in text
    assert "A minimum (protein, vitamin D" in text and "more is never a warning" in text
    assert "1 µg = 40 IU" in text
    assert "2,500 mg at ages 19–50, 2,000 mg at ages 51 and over a day (IOM 2011)" in text
    assert "from 600 mg of calcium (Heaney 1990)" in text
    assert "from 500 mg taken in one go (Heaney 1991)" in text
    assert f"keeps the last {KEEP} of these copies" in text
    assert "in one folder: /home/zoë/<bonewise>." in text  # escaped in the HTML, shown as it is
    assert "“at least … · N foods unknown”" in text
