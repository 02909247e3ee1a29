"""Colours that stay readable on light and dark themes: WCAG contrast, computed, not hoped for.

Text must reach a contrast ratio of 4.5:1 against what it is drawn on, and marks
that carry meaning (bars, lines) 3:1 (WCAG 2.1, success criteria 1.4.3 and 1.4.11).
A colour that falls short on the current background is moved towards black or
white, keeping its hue, until it reaches the ratio.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor

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
    """``tint`` laid over ``base`` at ``share`` opacity, as one opaque 8-bit colour.

    8 bits, as the screen shows it: ``readable_on`` works on 8-bit colours, so a shade
    chosen for a mixed background reaches its contrast on the background painted."""
    mixed = QColor.fromRgbF(*(b + (t - b) * share for b, t in (
        (base.redF(), tint.redF()), (base.greenF(), tint.greenF()), (base.blueF(), tint.blueF()))))
    return QColor.fromRgba(mixed.rgba())


def is_dark(background: QColor) -> bool:
    return luminance(background) < 0.18


def readable_on(colour: QColor, background: QColor, ratio: float = TEXT_CONTRAST) -> QColor:
    """``colour``, or the nearest shade of it towards black (on a light background) or white
    (on a dark one) that has at least ``ratio`` contrast with ``background``."""
    return QColor.fromRgba(_readable_on(colour.rgba(), background.rgba(), ratio))


def secondary_text(text: QColor, background: QColor, ratio: float = TEXT_CONTRAST) -> QColor:
    """Text as faint as it may be and still be read: ``text`` moved towards ``background``
    as far as the contrast ``ratio`` allows (amounts, past days, notes)."""
    return QColor.fromRgba(_secondary_text(text.rgba(), background.rgba(), ratio))


# Painting asks for the same few pairs over and over: each is worked out once (colours as ARGB).


@lru_cache(maxsize=512)
def _readable_on(colour_argb: int, background_argb: int, ratio: float) -> int:
    colour, background = QColor.fromRgba(colour_argb), QColor.fromRgba(background_argb)
    end = QColor("white") if is_dark(background) else QColor("black")
    return _furthest(colour, end, background, ratio, towards_contrast=True)


@lru_cache(maxsize=512)
def _secondary_text(text_argb: int, background_argb: int, ratio: float) -> int:
    text, background = QColor.fromRgba(text_argb), QColor.fromRgba(background_argb)
    if contrast_ratio(text, background) <= ratio:
        return text_argb
    return _furthest(text, background, background, ratio, towards_contrast=False)


def _furthest(start: QColor, end: QColor, background: QColor, ratio: float, *,
              towards_contrast: bool) -> int:
    """The 8-bit colour on the way from ``start`` to ``end`` that keeps ``ratio`` against
    ``background``: the first one that reaches it (``towards_contrast``), else the last.

    Towards black or white every channel moves the same way, so the contrast only rises
    once the colour is past the background's lightness (before that it falls from a failing
    start): the answer changes once, and halving the 256 steps finds where in 8 tries rather
    than 256 (start-up asks for ~20 pairs). Towards the background the channels may move in
    opposite directions; halving then finds a step that passes next to one that does not.
    """

    def step(i: int) -> int:
        return mix(start, end, i / 255).rgba()

    def passes(i: int) -> bool:
        return contrast_ratio(QColor.fromRgba(step(i)), background) >= ratio

    first, last = passes(0), passes(255)
    if towards_contrast:
        if first or not last:
            return step(0) if first else step(255)
    elif not first or last:
        return step(255) if last else start.rgba()
    low, high = 0, 255  # passes(low) == first, passes(high) == last: the change is between
    while high - low > 1:
        middle = (low + high) // 2
        if passes(middle) == first:
            low = middle
        else:
            high = middle
    return step(high) if towards_contrast else step(low)
