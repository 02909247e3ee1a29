"""The start-up dialog for a damaged user store: repair it (saying first what that brings back
and what it lacks), start empty when nothing can be brought back, or quit.

Whatever the choice, the damaged file is kept (renamed aside), never deleted; an
empty store is only started when the user picks that button.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bonewise import APP_NAME
from bonewise.errors import BonewiseError
from bonewise.store import recovery
from bonewise.store.instancelock import Holder, InstanceLock


class Choice(Enum):
    REPAIR = "repair"
    START_EMPTY = "start_empty"
    QUIT = "quit"


class RecoveryDialog(QDialog):
    """Explains what is wrong with the store and what a repair would bring back; ``choice`` holds
    the answer. ``repair`` is the prepared repair (None when nothing can be salvaged or restored)."""

    def __init__(self, health: recovery.Health, repair: recovery.Repair | None = None,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.health = health
        self.repair = repair
        self.choice = Choice.QUIT
        self.setWindowTitle(f"{APP_NAME}: your plans could not be opened")
        self.setModal(True)

        layout = QVBoxLayout(self)
        problem = QLabel(health.problem)
        problem.setWordWrap(True)
        problem.setTextFormat(Qt.TextFormat.PlainText)  # a path may contain "<" or "&"
        layout.addWidget(problem)
        if health.state is recovery.State.NEWER:
            advice = "Use the newer version of Bonewise that wrote it. Nothing was changed."
        elif repair is not None:
            advice = (
                f"{repair.describe()} Bonewise keeps the damaged file next to it under a new "
                "name; nothing is deleted."
            )
        else:
            advice = (
                "Nothing could be read from it, and there is no readable backup to restore. "
                "Bonewise keeps the damaged file next to it under a new name; nothing is deleted."
            )
        self.advice = QLabel(advice)
        self.advice.setWordWrap(True)
        self.advice.setTextFormat(Qt.TextFormat.PlainText)  # names of people and foods
        layout.addWidget(self.advice)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.repair_button = self.empty_button = None
        if repair is not None:
            point = repair.backup
            label = (f"Restore the backup of {point.when()}" if repair.whole_backup and point
                     else "Repair and open")  # fmt: skip
            self.repair_button = QPushButton(label)
            self.repair_button.clicked.connect(lambda: self._choose(Choice.REPAIR))
            buttons.addWidget(self.repair_button)
        elif health.state is recovery.State.DAMAGED:
            self.empty_button = QPushButton("Start with an empty store")
            self.empty_button.clicked.connect(lambda: self._choose(Choice.START_EMPTY))
            buttons.addWidget(self.empty_button)
        self.quit_button = QPushButton("Quit")
        self.quit_button.clicked.connect(lambda: self._choose(Choice.QUIT))
        buttons.addWidget(self.quit_button)
        layout.addLayout(buttons)
        (self.repair_button or self.quit_button).setDefault(True)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        if choice is Choice.QUIT:
            self.reject()
        else:
            self.accept()


def offer_recovery(data_dir: Path, parent: QWidget | None = None) -> bool:
    """Prepare the repair of the store in ``data_dir``, show what it would do, carry out the choice.

    Returns True when the store can now be opened, False when the user quit or the
    repair failed (a message box then says why). Call it with the store closed.
    """
    health = recovery.diagnose(data_dir)
    if health.usable:
        return True
    try:
        with InstanceLock(data_dir, Holder.COMMAND):
            repair = None
            if health.state is recovery.State.DAMAGED:
                QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # salvaging reads it all
                try:
                    repair = recovery.prepare_repair(data_dir)
                except recovery.NoBackupError:
                    repair = None
                finally:
                    QApplication.restoreOverrideCursor()
            dialog = RecoveryDialog(health, repair, parent)
            dialog.exec()
            if dialog.choice is Choice.QUIT:
                if repair is not None:
                    repair.discard()
                return False
            if repair is None:
                repair = recovery.prepare_repair(data_dir, start_empty=True)
            result = repair.carry_out()
    except BonewiseError as exc:
        QMessageBox.critical(parent, f"{APP_NAME}: repair failed", str(exc))
        return False
    QMessageBox.information(parent, APP_NAME, result.describe())
    return True
