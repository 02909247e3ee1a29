"""Light and dark: the app's colours follow the system's colour scheme, live, or the user's choice.

Qt (6.5 and later) reports the desktop's scheme through ``QStyleHints.colorScheme`` and
says when it changes. Where the platform hands Qt a dark palette itself (Windows,
macOS, GNOME and KDE with their Qt themes) nothing more is needed; where it reports a
dark scheme but leaves the palette light, Bonewise puts in a dark palette of its own.
View ▸ Colours can also fix light or dark regardless of the desktop.

Every colour the app paints itself is checked against the palette it lands on
(``ui/colours.py``), so it keeps WCAG AA contrast in both. Printed PDFs do not use
Qt's palette at all: they stay black on white.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from bonewise.ui.colours import GRAPHIC_CONTRAST, is_dark, mix, readable_on
from bonewise.ui.fitting import follow_zoom

SYSTEM, LIGHT, DARK = "system", "light", "dark"
SCHEMES = (SYSTEM, LIGHT, DARK)

_ROLE = QPalette.ColorRole
_DARK = {  # (active, disabled); in the spirit of Fusion's own light palette
    _ROLE.Window: ("#2b2b2e", "#2b2b2e"),
    _ROLE.WindowText: ("#e6e6e6", "#8a8a8a"),
    _ROLE.Base: ("#1f1f22", "#242427"),
    _ROLE.AlternateBase: ("#28282c", "#28282c"),
    _ROLE.ToolTipBase: ("#3a3a3e", "#3a3a3e"),
    _ROLE.ToolTipText: ("#f0f0f0", "#f0f0f0"),
    _ROLE.PlaceholderText: ("#a0a0a0", "#707070"),
    _ROLE.Text: ("#ececec", "#8a8a8a"),
    _ROLE.Button: ("#35353a", "#303034"),
    _ROLE.ButtonText: ("#e6e6e6", "#8a8a8a"),
    _ROLE.BrightText: ("#ffffff", "#ffffff"),
    _ROLE.Light: ("#4a4a50", "#4a4a50"),
    _ROLE.Midlight: ("#3c3c42", "#3c3c42"),
    _ROLE.Mid: ("#5a5a60", "#4a4a50"),
    _ROLE.Dark: ("#19191b", "#19191b"),
    _ROLE.Shadow: ("#0a0a0a", "#0a0a0a"),
    _ROLE.Highlight: ("#3d7ebf", "#4a4a50"),
    _ROLE.HighlightedText: ("#ffffff", "#b0b0b0"),
    _ROLE.Link: ("#7ab8f5", "#7a9cbd"),
    _ROLE.LinkVisited: ("#b89cf0", "#9c8cbd"),
}
_LIGHT = {  # what Fusion uses on a desktop without a theme of its own
    _ROLE.Window: ("#efefef", "#efefef"),
    _ROLE.WindowText: ("#000000", "#8c8c8c"),
    _ROLE.Base: ("#ffffff", "#efefef"),
    _ROLE.AlternateBase: ("#f7f7f7", "#f7f7f7"),
    _ROLE.ToolTipBase: ("#ffffdc", "#ffffdc"),
    _ROLE.ToolTipText: ("#000000", "#000000"),
    _ROLE.PlaceholderText: ("#6e6e6e", "#9e9e9e"),
    _ROLE.Text: ("#000000", "#8c8c8c"),
    _ROLE.Button: ("#efefef", "#efefef"),
    _ROLE.ButtonText: ("#000000", "#8c8c8c"),
    _ROLE.BrightText: ("#ffffff", "#ffffff"),
    _ROLE.Light: ("#ffffff", "#ffffff"),
    _ROLE.Midlight: ("#cacaca", "#cacaca"),
    _ROLE.Mid: ("#b8b8b8", "#b8b8b8"),
    _ROLE.Dark: ("#9f9f9f", "#bebebe"),
    _ROLE.Shadow: ("#767676", "#b1b1b1"),
    _ROLE.Highlight: ("#308cc6", "#919191"),
    _ROLE.HighlightedText: ("#ffffff", "#ffffff"),
    _ROLE.Link: ("#0000ff", "#0000ff"),
    _ROLE.LinkVisited: ("#ff00ff", "#ff00ff"),
}


def _palette(colours: dict) -> QPalette:
    palette = QPalette()
    for role, (normal, disabled) in colours.items():
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, role, QColor(normal))
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return palette


def dark_palette() -> QPalette:
    return _palette(_DARK)


def light_palette() -> QPalette:
    return _palette(_LIGHT)


class Theme(QObject):
    """The app's colour scheme: "system" (the default, following the desktop live), "light"
    or "dark". One per application; get it with :meth:`of`."""

    changed = Signal(bool)  # True when the app is now dark

    def __init__(self, app: QGuiApplication):
        super().__init__(app)
        self._app = app
        self._choice = SYSTEM
        self._ours = False  # True while a palette of ours is in place
        self._system = app.styleHints().colorScheme()
        app.styleHints().colorSchemeChanged.connect(self._on_system_scheme)

    @classmethod
    def of(cls, app: QGuiApplication | None = None) -> Theme:
        owner = app if app is not None else cast(QGuiApplication, QGuiApplication.instance())
        found = owner.findChild(cls)
        return found if found is not None else cls(owner)

    @property
    def choice(self) -> str:
        return self._choice

    def is_dark(self) -> bool:
        return is_dark(self._app.palette().color(QPalette.ColorRole.Window))

    def set_choice(self, choice: str) -> None:
        if choice not in SCHEMES:
            raise ValueError(f"unknown colour scheme {choice!r}")
        self._choice = choice
        hints = self._app.styleHints()
        if hasattr(hints, "setColorScheme"):  # Qt 6.8: ask platforms that can switch natively
            if choice == SYSTEM:
                hints.unsetColorScheme()
            else:
                hints.setColorScheme(Qt.ColorScheme.Dark if choice == DARK else Qt.ColorScheme.Light)
        self._apply()

    def _on_system_scheme(self, scheme: Qt.ColorScheme) -> None:
        self._system = scheme
        if self._choice == SYSTEM:
            self._apply()

    def _wanted_dark(self) -> bool | None:
        """True or False, or None when the desktop does not say (then its palette stands)."""
        if self._choice != SYSTEM:
            return self._choice == DARK
        if self._system == Qt.ColorScheme.Dark:
            return True
        if self._system == Qt.ColorScheme.Light:
            return False
        return None

    def _apply(self) -> None:
        wanted = self._wanted_dark()
        if self._ours:  # back to the platform's own palette first
            self._app.setPalette(QPalette())
            self._ours = False
        if wanted is not None and wanted != self.is_dark():
            self._app.setPalette(dark_palette() if wanted else light_palette())
            self._ours = True
        self.changed.emit(self.is_dark())


WARNING_COLOUR = QColor("#D55E00")  # Okabe–Ito vermillion: problems, always with a ⚠ and words


class WarningLabel(QLabel):
    """A label for a problem: vermillion text, made dark or light enough to read on the
    current background (and made again when the palette changes, light or dark)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._recolour()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._recolour()

    def _recolour(self) -> None:
        palette = self.palette()
        colour = readable_on(WARNING_COLOUR, palette.color(QPalette.ColorRole.Window))
        if palette.color(QPalette.ColorRole.WindowText) != colour:
            palette.setColor(QPalette.ColorRole.WindowText, colour)
            self.setPalette(palette)


class AlertBanner(QLabel):
    """A strip that asks for action (a bone-drug dose due): a vermillion tint of the window's
    own colour, with words and frame made readable on it, in light and dark alike."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self._recolour()
        follow_zoom(self)  # a style sheet fixes the font it had when it was set

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._recolour()

    def colours(self) -> tuple[QColor, QColor, QColor]:
        """(background, words, frame) for the application's palette (the label's own palette
        carries its style sheet's colours, so tinting that would tint the tint)."""
        palette = QApplication.palette(self)
        background = mix(palette.color(QPalette.ColorRole.Window), WARNING_COLOUR, 0.15)
        return (background, readable_on(palette.color(QPalette.ColorRole.WindowText), background),
                readable_on(WARNING_COLOUR, background, GRAPHIC_CONTRAST))

    def _recolour(self) -> None:
        background, words, frame = self.colours()
        sheet = (f"AlertBanner {{ background: {background.name()}; color: {words.name()}; "
                 f"border: 1px solid {frame.name()}; padding: 6px; }}")
        if self.styleSheet() != sheet:  # setting it again would send another palette change
            self.setStyleSheet(sheet)
