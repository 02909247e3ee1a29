"""Paragraph styles, colours and the escaping every piece of user text goes through.

Styles are built once per process for each print size (normal, large) and then
shared, so exporting many weeks does not rebuild them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus import Table as _ReportlabTable

from bonewise.core.status import Status
from bonewise.export.fonts import FONT, FONT_BOLD, printable, register_fonts
from bonewise.export.hyphens import hyphenate_frags

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
ACCENT = colors.HexColor("#1f5f66")  # headings, bars
ACCENT_LIGHT = colors.HexColor("#e6eff0")  # table headers
BAND = colors.HexColor("#d5ebd9")  # the target band behind bars
GOOD = colors.HexColor("#2e7d32")
WARN = colors.HexColor("#b3261e")
WARN_LIGHT = colors.HexColor("#fbe3e1")
RULE = colors.HexColor("#9a9a9a")
FAINT = colors.HexColor("#f4f4f4")


_STATUS_COLOURS = {
    Status.OVER_LIMIT: WARN,
    Status.OVER_CEILING: WARN,
    Status.MET: GOOD,
    Status.UNDER_CEILING: GOOD,
}


def status_markup(status: Status, text: str) -> str:
    """``text`` (already escaped) coloured for ``status``: red over a limit or ceiling, green
    when met; bold when it is a warning. The symbol in the text says the same without colour."""
    colour = _STATUS_COLOURS.get(status)
    if colour is not None:
        text = f'<font color="{colour.hexval()}">{text}</font>'
    return f"<b>{text}</b>" if is_alarm(status) else text


def is_alarm(status: Status) -> bool:
    """True for a status the tables shade: over an upper limit or above a ceiling."""
    return status in (Status.OVER_LIMIT, Status.OVER_CEILING)


def esc(text: object) -> str:
    """User text made safe inside a Paragraph: printable, with <, > and & escaped."""
    return escape(printable(str(text)))


class Para(Paragraph):
    """A Paragraph that keeps its line breaks for a width it has already been wrapped to.

    A table wraps each cell several times at the same width (to size rows, to
    split across pages, to draw); breaking the lines once is the bulk of the
    export time for a full week.
    """

    _wrapped: tuple[float, object] | None = None  # (width, the line breaks made for it)
    # Parsed markup by (text, style name): a plan repeats the same items day after day
    # and week after week, and parsing is a fifth of the export time. Bounded in size.
    _parsed: dict[tuple[str, str], list] = {}
    _PARSED_MAX = 20_000
    # The same parsed text at the same width needs the same soft hyphens (usually none).
    _hyphenated: dict[tuple[str, str, float], list[Any] | None] = {}
    _key: tuple[str, str] | None = None
    frags: list[Any]  # reportlab's parsed text runs

    def __init__(self, text: Any, style: Any = None, bulletText: Any = None, frags: Any = None,  # noqa: N803
                 **kwargs: Any) -> None:
        if frags is not None or not isinstance(text, str) or style is None or bulletText:
            # reportlab itself makes pieces this way when it splits a paragraph.
            super().__init__(text, style, bulletText, frags, **kwargs)
            return
        key = (text, style.name)
        frags = Para._parsed.get(key)
        super().__init__(text, style, frags=frags, **kwargs)
        if frags is None and self.style is style:
            if len(Para._parsed) >= Para._PARSED_MAX:
                Para._parsed.clear()
                Para._hyphenated.clear()
            Para._parsed[key] = self.frags
        if self.frags is Para._parsed.get(key):
            self._key = key

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # A copy made while splitting may carry the mark but not the same lines: check both.
        done = self._wrapped
        if done is not None and done[0] == avail_width and done[1] is self.__dict__.get("blPara"):
            return self.width, self.height
        self._hyphenate_long_words(avail_width)
        size = super().wrap(avail_width, avail_height)
        self._wrapped = (avail_width, self.blPara)
        return size

    def _hyphenate_long_words(self, avail_width: float) -> None:
        """Soft hyphens in each word wider than a whole line, so it breaks with a "-".

        reportlab would cut such a word at any letter, without a hyphen ("app" / "roximate").
        """
        style = self.style
        line = avail_width - style.leftIndent - style.rightIndent - max(style.firstLineIndent, 0)
        frags: list[Any] | None
        if self._key is None:  # a piece reportlab split off: its runs are its own
            frags = hyphenate_frags(self.frags, line, stringWidth)
        else:
            cache_key = (*self._key, line)
            if cache_key in Para._hyphenated:
                frags = Para._hyphenated[cache_key]
            else:
                frags = Para._hyphenated[cache_key] = hyphenate_frags(self.frags, line, stringWidth)
        if frags is not None:
            self.frags = frags


class Table(_ReportlabTable):
    """A reportlab Table whose cells default to the embedded font.

    reportlab's cell default is Helvetica, which it names in the PDF without
    embedding it, even when every cell holds a Paragraph of another font.
    """

    def __init__(self, data: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(data, *args, **kwargs)
        self.setStyle([("FONTNAME", (0, 0), (-1, -1), FONT)])


@dataclass(frozen=True)
class Styles:
    """The type sizes and paragraph styles of one print size."""

    large: bool
    body_size: float
    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    cell_center: ParagraphStyle
    grid: ParagraphStyle  # items in the week grid, read from the fridge door
    grid_head: ParagraphStyle
    grid_item: ParagraphStyle  # a bullet line in a grid cell, wrapped lines indented
    bullet: ParagraphStyle  # a bullet line of body text
    small_bullet: ParagraphStyle  # a hanging line of small print (sources, notes)
    reference: ParagraphStyle  # a numbered reference at the end: compact small print

    def p(self, text: object, style: ParagraphStyle | None = None) -> Para:
        """A Paragraph of plain user text (escaped)."""
        return Para(esc(text), style or self.body)

    def markup(self, markup: str, style: ParagraphStyle | None = None) -> Para:
        """A Paragraph of markup built by our code; user parts must already be esc()'d."""
        return Para(markup, style or self.body)


@functools.cache
def styles_for(large_print: bool = False) -> Styles:
    """The styles for normal (10 pt body) or large print (14 pt body); built once each."""
    register_fonts()
    size = 14.0 if large_print else 10.0

    def style(name: str, scale: float, **kw: Any) -> ParagraphStyle:
        font_size = round(size * scale, 1)
        kw.setdefault("fontName", FONT)
        kw.setdefault("textColor", INK)
        return ParagraphStyle(
            f"bw-{name}-{'large' if large_print else 'normal'}",
            fontSize=font_size,
            leading=round(font_size * 1.25, 1),
            **kw,
        )

    return Styles(
        large=large_print,
        body_size=size,
        title=style("title", 1.8, fontName=FONT_BOLD, textColor=ACCENT, spaceAfter=size * 0.6),
        heading=style("heading", 1.3, fontName=FONT_BOLD, textColor=ACCENT, spaceBefore=size,
                      spaceAfter=size * 0.4, keepWithNext=1),  # fmt: skip
        subheading=style("subheading", 1.1, fontName=FONT_BOLD, spaceBefore=size * 0.6,
                         spaceAfter=size * 0.3, keepWithNext=1),  # fmt: skip
        body=style("body", 1.0, spaceAfter=size * 0.3),
        small=style("small", 0.85, textColor=MUTED),
        cell=style("cell", 0.9),
        cell_bold=style("cell-bold", 0.9, fontName=FONT_BOLD),
        cell_right=style("cell-right", 0.9, alignment=TA_RIGHT),
        cell_center=style("cell-center", 0.9, alignment=TA_CENTER),
        grid=style("grid", 1.0),
        grid_head=style("grid-head", 1.05, fontName=FONT_BOLD, alignment=TA_CENTER),
        grid_item=style("grid-item", 1.0, leftIndent=size * 0.8, firstLineIndent=-size * 0.8,
                        spaceAfter=size * 0.15),  # fmt: skip
        bullet=style("bullet", 1.0, leftIndent=size * 1.2, firstLineIndent=-size * 1.2,
                     spaceAfter=size * 0.3),  # fmt: skip
        small_bullet=style("small-bullet", 0.85, leftIndent=size, firstLineIndent=-size,
                           spaceAfter=size * 0.3),  # fmt: skip
        reference=style("reference", 0.75, leftIndent=size * 1.4, firstLineIndent=-size * 1.4,
                        spaceAfter=size * 0.12),  # fmt: skip
    )
