"""Telling screen readers what happened when nothing they follow changes (a save, an item)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent


def announce(source: QObject, message: str) -> None:
    """Have a screen reader say ``message`` (Qt ≥ 6.8; nothing happens without one running)."""
    if QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(source, message))
