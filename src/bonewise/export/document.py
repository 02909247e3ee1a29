"""The document builder: sections in, one PDF out, with header, footer and page numbers.

A section is anything with a title, a header line (person and week), an
orientation and a ``flowables(styles, width)`` method; the builder puts each
section on fresh pages of its orientation, draws the running header and the
footer ("page 2 of 5", "a planning aid, not medical advice"), and returns the
bytes; ``store.userfiles.write_user_file`` saves them where the user chose.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, Protocol

from reportlab.lib.pagesizes import A4, LETTER, landscape, portrait
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from bonewise import APP_NAME, __version__
from bonewise.errors import BonewiseError
from bonewise.export.fonts import FONT, FONT_BOLD, printable
from bonewise.export.options import (  # noqa: F401  (re-exported for callers)
    PAGE_SIZE_SETTING,
    PageSetup,
    page_setup_from_settings,
    page_size_for_locale,
)
from bonewise.export.styles import ACCENT, MUTED, RULE, Styles, styles_for

PAGE_SIZES = {"A4": A4, "Letter": LETTER}  # point sizes of the names in options.PAGE_SIZE_NAMES
DISCLAIMER = "A planning aid, not medical advice."

_MARGIN = 14 * mm


class Section(Protocol):
    """One part of a document (week plan, report, summary, shopping list)."""

    @property
    def title(self) -> str:
        """ "Week plan", shown at the top right of each of its pages."""

    @property
    def header(self) -> str:
        """ "Zoë · week 49, 2026 · 30 Nov – 6 Dec"."""

    @property
    def landscape(self) -> bool: ...

    def flowables(self, styles: Styles, width: float, height: float) -> list[Flowable]:
        """The content, laid out for a frame ``width`` × ``height`` points."""
        ...


class _SectionStart(Flowable):
    """Invisible marker: tells the page decorations which section this page belongs to."""

    def __init__(self, section: Section):
        super().__init__()
        self.section = section

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._bw_section = self.section


class _NumberedCanvas(Canvas):
    """Holds every page back until the end so each can say "page 2 of 5"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, 1):
            self.__dict__.update(state)
            x, y, size = self._bw_page_label_at
            self.setFont(FONT, size)
            self.setFillColor(MUTED)
            self.drawRightString(x, y, f"page {number} of {total}")
            super().showPage()
        super().save()


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis so it fits ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
    """Header (app, person and week; section title) and footer (disclaimer, page number)."""
    section: Section | None = getattr(canvas, "_bw_section", None)
    styles: Styles = doc._bw_styles
    page_w, page_h = canvas._pagesize
    size = 8.5 if not styles.large else 11.0
    left, right = _MARGIN, page_w - _MARGIN
    canvas.saveState()
    top = page_h - _MARGIN + 4
    title = printable(section.title) if section else ""
    canvas.setFont(FONT_BOLD, size)
    canvas.setFillColor(ACCENT)
    title_w = stringWidth(title, FONT_BOLD, size)
    canvas.drawRightString(right, top, title)
    header = f"{APP_NAME} · {printable(section.header)}" if section else APP_NAME
    canvas.setFont(FONT, size)
    canvas.setFillColor(MUTED)
    canvas.drawString(left, top, _fit(header, FONT, size, right - left - title_w - 12))
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(left, top - 4, right, top - 4)

    bottom = _MARGIN - size - 4
    canvas.line(left, bottom + size + 2, right, bottom + size + 2)
    label_room = stringWidth("page 000 of 000", FONT, size) + 12
    canvas.drawString(left, bottom, _fit(DISCLAIMER, FONT, size, right - left - label_room))
    canvas.restoreState()
    canvas._bw_page_label_at = (right, bottom, size)


def _templates(setup: PageSetup, styles: Styles) -> dict[str, PageTemplate]:
    paper = PAGE_SIZES[setup.size]
    header_room = styles.body_size * 1.6
    templates = {}
    for name, size in (("portrait", portrait(paper)), ("landscape", landscape(paper))):
        width, height = size
        frame = Frame(
            _MARGIN, _MARGIN, width - 2 * _MARGIN, height - 2 * _MARGIN - header_room,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=name,
        )  # fmt: skip
        templates[name] = PageTemplate(id=name, frames=[frame], onPageEnd=_decorate, pagesize=size)
    return templates


def render(sections: Sequence[Section], setup: PageSetup | None = None, *, title: str = "") -> bytes:
    """Lay out ``sections`` one after another and return the PDF bytes."""
    if not sections:
        raise BonewiseError("Nothing to export: choose at least one section.")
    setup = setup or PageSetup()
    styles = styles_for(setup.large_print)
    templates = _templates(setup, styles)
    first = "landscape" if sections[0].landscape else "portrait"
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=templates[first].pagesize,
        pageTemplates=[templates[first]] + [t for k, t in templates.items() if k != first],
        title=printable(title or sections[0].header),
        author=APP_NAME,
        creator=f"{APP_NAME} {__version__}",
        subject="Meal plan for bone health (planning aid, not medical advice)",
        # reportlab's first font is otherwise Helvetica, named on every page without
        # being embedded: print shops and PDF/A archives reject that.
        initialFontName=FONT,
    )
    doc._bw_styles = styles
    story: list[Flowable] = []
    for index, section in enumerate(sections):
        kind = "landscape" if section.landscape else "portrait"
        if index:
            story += [NextPageTemplate(kind), PageBreak()]
        frame = templates[kind].frames[0]
        story.append(_SectionStart(section))
        story += section.flowables(styles, frame._width, frame._height)
    doc.build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()
