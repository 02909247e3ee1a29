"""Colours, words and number formats shared by the gauge widgets.

State colours come from the Okabe–Ito palette, which stays distinguishable with
the common forms of colour blindness; every state also has a word and a shape
(the reading's symbol), so colour is never the only cue.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from bonewise.core.nutrients import BY_KEY
from bonewise.core.totals import format_amount

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#8C8C8C",
}

_STATE_COLOUR = {
    "unknown": OKABE_ITO["grey"],
    "below": OKABE_ITO["orange"],
    "in_band": OKABE_ITO["bluish_green"],
    "above_band": OKABE_ITO["blue"],
    "over_limit": OKABE_ITO["vermillion"],
    "tracked": OKABE_ITO["reddish_purple"],
}

BAND_COLOUR = QColor(OKABE_ITO["bluish_green"])
LIMIT_COLOUR = QColor(OKABE_ITO["vermillion"])


def state_colour(state: str) -> QColor:
    """The fill colour for a gauge state (grey for anything unexpected)."""
    return QColor(_STATE_COLOUR.get(state, OKABE_ITO["grey"]))


def unit_of(key: str) -> str:
    nutrient = BY_KEY.get(key)
    return nutrient.unit if nutrient else ""


def short_label(key: str) -> str:
    """The nutrient's name without the bracketed chemistry ("Vitamin K2")."""
    nutrient = BY_KEY.get(key)
    if nutrient is None:
        return key
    return nutrient.label.split(" (")[0]


def amount_text(key: str, value: float | None) -> str:
    """``value`` of nutrient ``key`` with its unit (vitamin D also in µg); None reads "unknown"."""
    return "unknown" if value is None else format_amount(value, key)


def muted_colour(palette: QPalette, role: QPalette.ColorRole = QPalette.ColorRole.WindowText) -> QColor:
    """Secondary text: the text colour two thirds of the way from the background.

    Qt's "disabled" text is too pale to read comfortably; this keeps a contrast
    of about 5:1 on light and dark themes alike.
    """
    text = palette.color(role)
    back = palette.color(QPalette.ColorRole.Window if role == QPalette.ColorRole.WindowText
                         else QPalette.ColorRole.Base)
    mix = 0.68
    return QColor.fromRgbF(back.redF() + (text.redF() - back.redF()) * mix,
                           back.greenF() + (text.greenF() - back.greenF()) * mix,
                           back.blueF() + (text.blueF() - back.blueF()) * mix)
