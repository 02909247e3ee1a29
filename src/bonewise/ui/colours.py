"""Colours that stay readable on light and dark themes: WCAG contrast, computed, not hoped for.

Text must reach a contrast ratio of 4.5:1 against what it is drawn on, and marks
that carry meaning (bars, lines) 3:1 (WCAG 2.1, success criteria 1.4.3 and 1.4.11).
A colour that falls short on the current background is moved towards black or
white, keeping its hue, until it reaches the ratio.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

TEXT_CONTRAST = 4.5  # WCAG AA, normal text
GRAPHIC_CONTRAST = 3.0  # WCAG AA, graphical objects and large text


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor) -> float:
    """WCAG relative luminance (0 black … 1 white)."""
    return (0.2126 * _channel(colour.redF()) + 0.7152 * _channel(colour.greenF())
            + 0.0722 * _channel(colour.blueF()))


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two opaque colours, 1 … 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(base: QColor, tint: QColor, share: float) -> QColor:
    """``tint`` laid over ``base`` at ``share`` opacity, as one opaque colour."""
    return QColor.fromRgbF(*(b + (t - b) * share for b, t in (
        (base.redF(), tint.redF()), (base.greenF(), tint.greenF()), (base.blueF(), tint.blueF()))))


def is_dark(background: QColor) -> bool:
    return luminance(background) < 0.18


def readable_on(colour: QColor, background: QColor, ratio: float = TEXT_CONTRAST) -> QColor:
    """``colour``, or the nearest shade of it towards black (on a light background) or white
    (on a dark one) that has at least ``ratio`` contrast with ``background``."""
    if contrast_ratio(colour, background) >= ratio:
        return QColor(colour)
    end = QColor("white") if is_dark(background) else QColor("black")
    low, high = 0.0, 1.0
    for _ in range(20):
        middle = (low + high) / 2
        if contrast_ratio(mix(colour, end, middle), background) >= ratio:
            high = middle
        else:
            low = middle
    return mix(colour, end, high)


def secondary_text(text: QColor, background: QColor, ratio: float = TEXT_CONTRAST) -> QColor:
    """Text as faint as it may be and still be read: ``text`` moved towards ``background``
    as far as the contrast ``ratio`` allows (amounts, past days, notes)."""
    low, high = 0.0, 1.0
    if contrast_ratio(text, background) <= ratio:
        return QColor(text)
    for _ in range(20):
        middle = (low + high) / 2
        if contrast_ratio(mix(text, background, middle), background) >= ratio:
            low = middle
        else:
            high = middle
    return mix(text, background, low)


def secondary_on_base(palette: QPalette, group: QPalette.ColorGroup = QPalette.ColorGroup.Active) -> QColor:
    """Secondary text for item views (drawn on the Base colour)."""
    return secondary_text(palette.color(group, QPalette.ColorRole.Text),
                          palette.color(group, QPalette.ColorRole.Base))
