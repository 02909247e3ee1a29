"""Side panels (docks) whose title follows the app's zoom.

QDockWidget paints its own title with the font it had when it was made, so after
View ▸ Zoom the panels' titles kept their first size. Each dock gets a title bar
of ordinary widgets instead (a label, Float and Close), which take the
application font like everything else.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStyle,
    QToolButton,
    QWidget,
)

Feature = QDockWidget.DockWidgetFeature


def side_panel(title: str, name: str, widget: QWidget, window: QMainWindow,
               area: Qt.DockWidgetArea) -> QDockWidget:
    """A movable, closable, floatable dock in ``area`` of ``window`` holding ``widget``,
    with a title bar that follows the zoom. ``name`` keeps its place across restarts."""
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    dock.setFeatures(Feature.DockWidgetMovable | Feature.DockWidgetClosable | Feature.DockWidgetFloatable)
    dock.setTitleBarWidget(DockTitleBar(dock))
    window.addDockWidget(area, dock)
    return dock


class DockTitleBar(QWidget):
    """The dock's title, then Float and Close, as the style's own title bar has them.

    Presses on the title are left to the dock, so dragging and double-clicking it still
    move, float and dock the panel. The buttons are Tab stops with spoken names
    ("Close Nutrients"); View ▸ (the panel's name) shows and hides it as before.
    """

    def __init__(self, dock: QDockWidget):
        super().__init__(dock)
        self._dock = dock
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.float_button = self._button(QStyle.StandardPixmap.SP_TitleBarNormalButton, self._toggle_floating)
        self.close_button = self._button(QStyle.StandardPixmap.SP_TitleBarCloseButton, dock.close)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 1, 1, 1)
        layout.setSpacing(0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.float_button)
        layout.addWidget(self.close_button)
        dock.windowTitleChanged.connect(self._name)
        dock.topLevelChanged.connect(lambda _floating: self._name(dock.windowTitle()))
        dock.featuresChanged.connect(self._show_buttons)
        self._name(dock.windowTitle())
        self._show_buttons(dock.features())
        self._size_icons()

    def _button(self, icon: QStyle.StandardPixmap, slot: Callable[[], object]) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(self.style().standardIcon(icon, None, self))
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(slot)
        return button

    def _toggle_floating(self) -> None:
        self._dock.setFloating(not self._dock.isFloating())

    def _name(self, title: str) -> None:
        self.label.setText(title)
        self.setAccessibleName(title)
        float_words = f"Dock {title}" if self._dock.isFloating() else f"Float {title}"
        for button, words in ((self.float_button, float_words), (self.close_button, f"Close {title}")):
            button.setToolTip(words)
            button.setAccessibleName(words)

    def _show_buttons(self, features: Feature) -> None:
        self.float_button.setVisible(bool(features & Feature.DockWidgetFloatable))
        self.close_button.setVisible(bool(features & Feature.DockWidgetClosable))

    def _size_icons(self) -> None:
        side = QFontMetrics(self.font()).height()
        for button in (self.float_button, self.close_button):
            button.setIconSize(QSize(side, side))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._size_icons()  # the buttons grow and shrink with the title
        super().changeEvent(event)
