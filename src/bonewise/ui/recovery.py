"""The start-up dialog for a damaged user store: restore the latest backup, start empty, or quit.

Whatever the choice, the damaged file is kept (renamed aside), never deleted; an
empty store is only started when the user picks that button.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
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
from bonewise.store.instancelock import InstanceLock


class Choice(Enum):
    RESTORE = "restore"
    START_EMPTY = "start_empty"
    QUIT = "quit"


class RecoveryDialog(QDialog):
    """Explains what is wrong with the store and offers the ways on; ``choice`` holds the answer."""

    def __init__(self, health: recovery.Health, parent: QWidget | None = None):
        super().__init__(parent)
        self.health = health
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
        else:
            advice = (
                "Bonewise keeps the damaged file next to it under a new name; nothing is deleted."
            )
            if health.restore_point is None:
                advice += " There is no readable backup to restore."
        self.advice = QLabel(advice)
        self.advice.setWordWrap(True)
        layout.addWidget(self.advice)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.restore_button = self.empty_button = None
        if health.state is recovery.State.DAMAGED or health.restore_point is not None:
            point = health.restore_point
            if point is not None:
                label = (
                    f"Restore the latest backup ({point.when()})"
                    if point.from_backup
                    else f"Restore the store as last saved ({point.when()})"
                )
                self.restore_button = QPushButton(label)
                self.restore_button.setToolTip(f"Bring back {point.describe()}.")
                self.restore_button.clicked.connect(lambda: self._choose(Choice.RESTORE))
                buttons.addWidget(self.restore_button)
            if health.state is recovery.State.DAMAGED:
                self.empty_button = QPushButton("Start with an empty store")
                self.empty_button.clicked.connect(lambda: self._choose(Choice.START_EMPTY))
                buttons.addWidget(self.empty_button)
        self.quit_button = QPushButton("Quit")
        self.quit_button.clicked.connect(lambda: self._choose(Choice.QUIT))
        buttons.addWidget(self.quit_button)
        layout.addLayout(buttons)
        (self.restore_button or self.quit_button).setDefault(True)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        if choice is Choice.QUIT:
            self.reject()
        else:
            self.accept()


def offer_recovery(data_dir: Path, parent: QWidget | None = None) -> bool:
    """Show the dialog for the store in ``data_dir`` and carry out the choice.

    Returns True when the store can now be opened, False when the user quit or the
    repair failed (a message box then says why). Call it with the store closed.
    """
    health = recovery.diagnose(data_dir)
    if health.usable:
        return True
    dialog = RecoveryDialog(health, parent)
    dialog.exec()
    if dialog.choice is Choice.QUIT:
        return False
    try:
        with InstanceLock(data_dir):
            result = recovery.set_aside_and_restore(
                data_dir, start_empty=dialog.choice is Choice.START_EMPTY
            )
    except BonewiseError as exc:
        QMessageBox.critical(parent, f"{APP_NAME}: repair failed", str(exc))
        return False
    QMessageBox.information(parent, APP_NAME, result.describe())
    return True
