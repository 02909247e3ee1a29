"""The start-up dialog for a damaged store, and the app's way through it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox
from reliability_data import fill_store, folder_bytes

from bonewise.core.plan import Person
from bonewise.store import backups, recovery
from bonewise.store.repository import Repository

from bonewise.ui import app
from bonewise.ui.recovery import Choice, RecoveryDialog, offer_recovery

TAKEN = dt.datetime(2026, 11, 26, 16, 12)


@pytest.fixture
def damaged(tmp_path):
    """A store holding Zoë (backed up on 26 November 2026, 16:12) and Ann, then wrecked."""
    folder = tmp_path / "data <&> folder"
    with Repository.open(folder) as repo:
        fill_store(repo)
        backups.take_backup(folder, now=TAKEN)
        repo.save_person(Person("Ann"))
    (folder / "bonewise.sqlite").write_bytes(b"\x00garbage\xff" * 500)
    return folder


@pytest.fixture
def messages(monkeypatch):
    """Message boxes are recorded instead of shown."""
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(("info", a[2])))
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(("error", a[2])))
    return shown


def answer(monkeypatch, choice: Choice) -> list[RecoveryDialog]:
    """Make the dialog, when shown, press the button for ``choice``."""
    seen = []

    def exec_(dialog):
        seen.append(dialog)
        button = {Choice.REPAIR: dialog.repair_button, Choice.START_EMPTY: dialog.empty_button,
                  Choice.QUIT: dialog.quit_button}[choice]  # fmt: skip
        button.click()
        return dialog.result()

    monkeypatch.setattr(RecoveryDialog, "exec", exec_)
    return seen


def prepared(folder):
    health = recovery.diagnose(folder)
    return health, recovery.prepare_repair(folder)


def test_offers_the_dated_backup_and_says_what_it_lacks(qtbot, damaged):
    health, repair = prepared(damaged)
    dialog = RecoveryDialog(health, repair)
    qtbot.add_widget(dialog)
    assert dialog.repair_button.text() == "Restore the backup of 26 November 2026, 16:12"
    assert dialog.empty_button is None  # there is something better than nothing
    assert dialog.quit_button.text() == "Quit"
    assert dialog.repair_button.isDefault()
    assert "anything changed after 26 November 2026, 16:12" in dialog.advice.text()
    assert "nothing is deleted" in dialog.advice.text()
    dialog.repair_button.click()
    assert dialog.choice is Choice.REPAIR and dialog.result() == RecoveryDialog.DialogCode.Accepted
    repair.discard()


def test_without_a_backup_only_an_empty_store_or_quit(qtbot, damaged):
    backups.latest_backup(damaged).path.unlink()
    dialog = RecoveryDialog(recovery.diagnose(damaged))
    qtbot.add_widget(dialog)
    assert dialog.repair_button is None and dialog.empty_button is not None
    assert "no readable backup" in dialog.advice.text()
    dialog.quit_button.click()
    assert dialog.choice is Choice.QUIT and dialog.result() == RecoveryDialog.DialogCode.Rejected


def test_a_newer_store_can_only_be_left(qtbot, tmp_path):
    from bonewise.store.userdb import open_user_db

    db = open_user_db(tmp_path / "bonewise.sqlite")
    db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('bonewise', 'm999_x', 'x')")
    db.conn.close()
    dialog = RecoveryDialog(recovery.diagnose(tmp_path))
    qtbot.add_widget(dialog)
    assert dialog.repair_button is None and dialog.empty_button is None
    assert "newer version" in dialog.advice.text() and "m999_x" in dialog.health.problem


def test_the_problem_and_the_plan_are_shown_as_plain_text(qtbot, damaged):
    health, repair = prepared(damaged)
    dialog = RecoveryDialog(health, repair)
    qtbot.add_widget(dialog)
    labels = dialog.findChildren(type(dialog.advice))
    assert any("<&>" in w.text() for w in labels)
    assert all(w.textFormat().name == "PlainText" for w in labels)
    repair.discard()


def test_repair_brings_back_the_backup_and_keeps_the_damaged_file(qapp, damaged, monkeypatch, messages):
    garbage = (damaged / "bonewise.sqlite").read_bytes()
    answer(monkeypatch, Choice.REPAIR)
    assert offer_recovery(damaged) is True
    with Repository.open(damaged) as repo:
        assert [p.name for p in repo.people()] == ["Zoë"]
    kept = list(damaged.glob("bonewise.sqlite.damaged-*"))
    assert [p.read_bytes() for p in kept if not p.name.endswith(("-wal", "-shm"))] == [garbage]
    assert messages[0][0] == "info" and "26 November 2026, 16:12" in messages[0][1]
    assert "kept as" in messages[0][1]


def test_start_empty_only_when_chosen(qapp, damaged, monkeypatch, messages):
    backups.latest_backup(damaged).path.unlink()
    answer(monkeypatch, Choice.START_EMPTY)
    assert offer_recovery(damaged) is True
    with Repository.open(damaged) as repo:
        assert repo.people() == []
    assert list(damaged.glob("bonewise.sqlite.damaged-*"))


def test_quit_changes_nothing(qapp, damaged, monkeypatch, messages):
    before = folder_bytes(damaged)
    answer(monkeypatch, Choice.QUIT)
    assert offer_recovery(damaged) is False
    assert folder_bytes(damaged) == before and messages == []


def test_a_failed_repair_is_explained_and_moves_nothing(qapp, damaged, monkeypatch, messages):
    before = folder_bytes(damaged)
    answer(monkeypatch, Choice.REPAIR)
    monkeypatch.setattr(recovery.Repair, "carry_out",
                        lambda self: (_ for _ in ()).throw(recovery.BonewiseError("disk full")))
    assert offer_recovery(damaged) is False
    assert messages == [("error", "disk full")]
    assert {k: v for k, v in folder_bytes(damaged).items() if ".restoring" not in k} == before


def test_the_app_offers_recovery_at_start_and_then_opens_the_window(qapp, damaged, monkeypatch,
                                                                     messages):
    seen = answer(monkeypatch, Choice.REPAIR)
    windows = []

    class OneTurn:
        """The application, whose event loop runs one turn instead of until quit.

        Quitting a real loop would leave Qt's quit flag set for every later test.
        """

        def __init__(self, qt_options=()):
            assert list(qt_options) == []

        def exec(self):
            qapp.processEvents()
            windows.extend(w for w in qapp.topLevelWidgets() if w.isVisible())
            return 0

    monkeypatch.setattr(app, "application", OneTurn)
    assert app.run_gui(damaged) == 0
    assert len(seen) == 1 and seen[0].health.state is recovery.State.DAMAGED
    assert any("Zoë" in w.windowTitle() for w in windows)
    for window in windows:
        window.close()
