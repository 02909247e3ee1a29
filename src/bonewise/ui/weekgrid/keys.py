"""The week grid's own keys, and which verb of the grid each one runs.

Keys that are also menu shortcuts (Delete, Ctrl+C, Ctrl+V, Ctrl+Z) belong to the main
window's actions; any key not handled here goes on to QTableView, where the arrows
cross days and typing opens the food editor.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

_UP_DOWN = (Qt.Key.Key_Up, Qt.Key.Key_Down)
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


class KeyedGrid(Protocol):
    """The verbs of the grid that its keys run."""

    def has_current_cell(self) -> bool: ...

    def step_item(self, step: int) -> None: ...

    def move_current_item(self, step: int) -> bool: ...

    def start_adding(self, text: str = "") -> None: ...

    def change_amount(self) -> bool: ...

    def open_keyboard_menu(self) -> None: ...


def handle_key(grid: KeyedGrid, event: QKeyEvent) -> bool:
    """Run the verb ``event``'s key stands for; False when the key is not one of the grid's."""
    key, mods = event.key(), event.modifiers()
    plain = mods in _PLAIN
    step = -1 if key == Qt.Key.Key_Up else 1
    if plain and key in _UP_DOWN and grid.has_current_cell():
        grid.step_item(step)  # through the items of a meal, then on to the next meal
    elif mods == Qt.KeyboardModifier.AltModifier and key in _UP_DOWN:
        grid.move_current_item(step)
    elif plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        grid.start_adding()
    elif plain and key == Qt.Key.Key_F2:
        grid.change_amount()
    elif mods == Qt.KeyboardModifier.ShiftModifier and key == Qt.Key.Key_F10:
        grid.open_keyboard_menu()
    else:
        return False
    return True
