"""What screen readers get beyond Qt's defaults: gauges with a value, and announcements.

Custom-painted readings (the nutrient gauges and chips) present themselves through
QAccessible as a progress bar with a name ("Calcium"), a description (state,
reading, target, data coverage, limit), a value text ("2,097 mg") and the value
interface (the amount, from 0 to the top of the scale). Any widget with an
``accessible_value()`` method gets this interface; :func:`install` puts the factory
in place once per process.

An announcement tells a screen reader about something that happened without the
focus moving: a file saved, the item chosen inside a meal.

:class:`FocusFrames` keeps the keyboard focus visible on widgets whose style shows
none (a list with nothing chosen yet, text that can be selected with the keyboard):
it draws a ring over the focused one's edge.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol, cast

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleValueChangeEvent,
    QAccessibleValueInterface,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QAbstractScrollArea, QAccessibleWidget, QApplication, QLabel, QWidget


class Reading(Protocol):
    """A widget that shows a reading: it says it as a value for screen readers."""

    def accessible_value(self) -> AccessibleValue: ...


class AccessibleValue(NamedTuple):
    """A reading as numbers and words: ``current`` between ``minimum`` and ``maximum``."""

    current: float
    minimum: float
    maximum: float
    text: str  # "2,097 mg", "unknown", "nothing planned"


class _Value(QAccessibleValueInterface):
    """The value interface of a reading widget (read-only: a gauge is not a slider)."""

    def __init__(self, widget: Reading):
        super().__init__()
        self._widget = widget

    def _value(self) -> AccessibleValue:
        return self._widget.accessible_value()

    def currentValue(self) -> float:
        return self._value().current

    def minimumValue(self) -> float:
        return self._value().minimum

    def maximumValue(self) -> float:
        return self._value().maximum

    def minimumStepSize(self) -> float:
        return 0.0

    def setCurrentValue(self, value: object) -> None:
        """Readings are computed from the plan; a screen reader cannot set one."""


class ReadingAccessible(QAccessibleWidget):
    """A custom-painted reading as a screen reader meets it."""

    def __init__(self, widget: QWidget):
        super().__init__(widget, QAccessible.Role.ProgressBar)
        self._reading = cast(Reading, widget)
        self._value = _Value(self._reading)

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Value:
            return self._reading.accessible_value().text
        return super().text(kind)

    # Qt's stub says int (a void*); PySide6 turns the returned interface into that pointer.
    def interface_cast(self, kind: QAccessible.InterfaceType) -> object:  # type: ignore[override]
        if kind == QAccessible.InterfaceType.ValueInterface:
            return self._value
        return super().interface_cast(kind)


def _factory(_class_name: str, thing: QObject) -> ReadingAccessible | None:
    if isinstance(thing, QWidget) and hasattr(thing, "accessible_value"):
        return ReadingAccessible(thing)
    return None


_installed = False


def install() -> None:
    """Put the factory for reading widgets in place (once; later calls do nothing)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def value_changed(widget: QWidget, value: float) -> None:
    """Tell a screen reader (if one is running) that a reading changed."""
    if QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleValueChangeEvent(widget, value))


def announce(source: QObject, message: str) -> None:
    """Have a screen reader say ``message`` (Qt ≥ 6.8; nothing happens without one running)."""
    if QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(source, message))


OWN_FOCUS = "draws_own_focus"  # a widget property: True when the widget paints its own focus


def needs_focus_frame(widget: QWidget) -> bool:
    """True for widgets the style draws no focus for: lists and other scrolling views (unless
    they paint their own) and labels that take the focus to let their text be selected."""
    if widget.property(OWN_FOCUS):
        return False
    return isinstance(widget, (QAbstractScrollArea, QLabel))


class FocusRing(QWidget):
    """A ring in the highlight colour drawn over the edge of the widget it sits in."""

    def __init__(self) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
        p.setPen(pen)
        p.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        p.end()


class FocusFrames(QObject):
    """Keeps the keyboard focus in sight on the widgets of ``window`` whose style shows none:
    a :class:`FocusRing` goes over the focused one, and follows its size."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window
        self._ring: FocusRing | None = None
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_focus)

    def ring(self) -> FocusRing | None:
        return self._ring if self._ring is not None and shiboken6.isValid(self._ring) else None

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(self._window):
            return
        ring = self.ring()
        if ring is not None:
            framed = ring.parentWidget()
            if framed is not None:
                framed.removeEventFilter(self)
            ring.hide()
        if new is None or new.window() is not self._window or not needs_focus_frame(new):
            return
        if ring is None:  # the first, or the last went with the widget it sat in
            ring = self._ring = FocusRing()
        ring.setParent(new)
        ring.setGeometry(new.rect())
        ring.show()
        ring.raise_()
        new.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        ring = self.ring()
        if event.type() == QEvent.Type.Resize and ring is not None and ring.parentWidget() is watched:
            ring.setGeometry(watched.rect())
        return False
