"""Colours, words and number formats shared by the gauge widgets.

State colours come from the Okabe–Ito palette, which stays distinguishable with
the common forms of colour blindness; every state also has a word and a shape
(the reading's symbol), so colour is never the only cue.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from bonewise.core.nutrients import nutrient
from bonewise.core.status import Severity, Status
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

_STATUS_COLOUR = {
    Status.BELOW: OKABE_ITO["orange"],
    Status.BELOW_SO_FAR: OKABE_ITO["orange"],
    Status.MET: OKABE_ITO["bluish_green"],
    Status.UNDER_CEILING: OKABE_ITO["bluish_green"],
    Status.ABOVE: OKABE_ITO["blue"],
    Status.OVER_LIMIT: OKABE_ITO["vermillion"],
    Status.OVER_CEILING: OKABE_ITO["vermillion"],
    Status.TRACKED: OKABE_ITO["reddish_purple"],
    Status.NEEDS_WEIGHT: OKABE_ITO["reddish_purple"],
}

# One colour per severity wherever a finding is marked: the findings list, the week grid's
# calcium line, the sittings strip (a note is blue there too, never the warning's vermillion).
_SEVERITY_COLOUR = {
    Severity.WARNING: OKABE_ITO["vermillion"],
    Severity.BELOW: OKABE_ITO["orange"],
    Severity.NOTE: OKABE_ITO["blue"],
}

BAND_COLOUR = QColor(OKABE_ITO["bluish_green"])
LIMIT_COLOUR = QColor(OKABE_ITO["vermillion"])


def status_colour(status: Status | None) -> QColor:
    """The fill colour for a status (grey for no data, nothing planned or no reading)."""
    return QColor(OKABE_ITO["grey"] if status is None else _STATUS_COLOUR.get(status, OKABE_ITO["grey"]))


def severity_colour(severity: Severity) -> QColor:
    """The colour of a finding's mark and of whatever it flags, before ``readable_on``."""
    return QColor(_SEVERITY_COLOUR[severity])


def short_label(key: str) -> str:
    """The nutrient's name without the bracketed chemistry ("Vitamin K2", "Vitamin K, total")."""
    try:
        return nutrient(key).label.split(" (")[0]
    except KeyError:
        return key


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
