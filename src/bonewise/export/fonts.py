"""The embedded font (DejaVu Sans, shipped in resources/fonts) and text it can print.

reportlab's built-in fonts only cover Latin-1, so names such as "Łódź" or
"Ψ" would print as black boxes or vanish. DejaVu Sans covers Latin, Greek and
Cyrillic. It has no CJK glyphs, and reportlab cannot map characters beyond the
Basic Multilingual Plane (emoji) back to text; rather than print glyphs a PDF
viewer reads as the wrong letters, such characters are replaced by a visible
"□": the page stays honest about what it could not print, and nothing crashes.
"""

from __future__ import annotations

import functools
import unicodedata

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from bonewise.paths import resources_dir

FONT = "BonewiseSans"
FONT_BOLD = "BonewiseSans-Bold"
MISSING_GLYPH = "□"  # U+25A1, drawn in place of a character the font lacks

_BREAKS = frozenset("\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}


@functools.cache
def register_fonts() -> tuple[str, str]:
    """Register the regular and bold faces with reportlab, once per process."""
    folder = resources_dir() / "fonts"
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    # Let <b> inside a Paragraph switch to the bold face (there is no italic face).
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    return FONT, FONT_BOLD


@functools.cache
def _printable_codepoints() -> frozenset[int]:
    register_fonts()
    regular = set(pdfmetrics.getFont(FONT).face.charToGlyph)
    bold = set(pdfmetrics.getFont(FONT_BOLD).face.charToGlyph)
    # Only the Basic Multilingual Plane: reportlab's text map garbles characters
    # beyond it (DejaVu's few emoji would be read back as other letters).
    return frozenset(cp for cp in regular & bold if cp <= 0xFFFF)


def printable(text: str) -> str:
    """``text`` as the font can print it.

    Composed to NFC (so "e" + combining accent becomes "é"), control characters
    dropped (tabs and line breaks become spaces), and characters the font lacks
    replaced by MISSING_GLYPH.
    """
    text = unicodedata.normalize("NFC", str(text))
    if text.isascii() and text.isprintable():
        return text
    known = _printable_codepoints()
    out = []
    for ch in text:
        if ch in _BREAKS:
            out.append(" ")
        elif unicodedata.category(ch) in _INVISIBLE:
            continue  # controls, zero-width and direction marks have nothing to print
        else:
            out.append(ch if ord(ch) in known else MISSING_GLYPH)
    return "".join(out)

