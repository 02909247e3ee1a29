"""The document builder: fonts, escaping, header, page numbers, page sizes."""

from __future__ import annotations

import pytest
from pdf_helpers import pdf_page_sizes, pdf_pages, pdf_text
from reportlab.platypus import PageBreak

from bonewise.errors import BonewiseError
from bonewise.export.document import PageSetup, page_size_for_locale, render
from bonewise.export.fonts import MISSING_GLYPH, printable, register_fonts
from bonewise.export.styles import esc, styles_for

NAMES = ["Zoë", "Ørsted", "Łódź", "Ψ", "Иванова", "<b>bold?</b>", "Tom & Jerry", "\"quoted\" 'single'"]


class TextSection:
    """A minimal section: some paragraphs of user text, optionally over several pages."""

    def __init__(self, texts, *, header="Zoë · week 49", title="Test", pages=1, landscape=False):
        self.texts, self.header, self.title, self.pages, self.landscape = texts, header, title, pages, landscape

    def flowables(self, styles, width, height):
        out = []
        for page in range(self.pages):
            if page:
                out.append(PageBreak())
            out += [styles.p(t) for t in self.texts]
        return out


def test_user_text_prints_exactly_as_typed():
    text = pdf_text(render([TextSection(NAMES)]))
    for name in NAMES:
        assert name in text


def test_header_names_person_and_week_and_markup_in_it_prints_as_typed():
    data = render([TextSection(["x"], header="Mum <i>&amp;</i> · week 49, 2026", title="Week plan")])
    first_line = pdf_text(data, layout=True).splitlines()[0]
    assert "Bonewise · Mum <i>&amp;</i> · week 49, 2026" in first_line
    assert "Week plan" in first_line


def test_every_page_says_which_page_of_how_many_and_carries_the_disclaimer():
    pages = pdf_pages(render([TextSection(["a"], pages=3), TextSection(["b"], pages=2, landscape=True)]))
    assert len(pages) == 5
    for number, page in enumerate(pages, 1):
        assert f"page {number} of 5" in page
        assert "not medical advice" in page


def test_sections_start_on_their_own_page_in_their_orientation():
    data = render([TextSection(["portrait"]), TextSection(["wide"], landscape=True)])
    (w1, h1), (w2, h2) = pdf_page_sizes(data)
    assert w1 < h1 and w2 > h2
    first, second = pdf_pages(data)
    assert "portrait" in first and "wide" not in first
    assert "wide" in second and "portrait" not in second


def test_letter_and_a4_page_sizes():
    a4 = pdf_page_sizes(render([TextSection(["x"])], PageSetup("A4")))
    letter = pdf_page_sizes(render([TextSection(["x"])], PageSetup("Letter")))
    assert [(round(w), round(h)) for w, h in a4] == [(595, 842)]
    assert letter == [(612.0, 792.0)]


def test_unknown_page_size_is_a_clear_error():
    with pytest.raises(BonewiseError, match="A4 or Letter"):
        PageSetup("A3")


@pytest.mark.parametrize(
    ("name", "size"),
    [("en_US.UTF-8", "Letter"), ("en_CA", "Letter"), ("es_MX.utf8", "Letter"), ("de_DE.UTF-8", "A4"),
     ("en_GB", "A4"), ("C.UTF-8", "A4"), ("", "A4"), ("fr_FR@euro", "A4")],
)  # fmt: skip
def test_paper_size_follows_the_locale(name, size):
    assert page_size_for_locale(name) == size


def test_large_print_uses_bigger_type():
    assert styles_for(True).body.fontSize >= 1.3 * styles_for(False).body.fontSize
    pages_normal = pdf_pages(render([TextSection(NAMES * 12)]))
    pages_large = pdf_pages(render([TextSection(NAMES * 12)], PageSetup(large_print=True)))
    assert len(pages_large) > len(pages_normal)


def test_styles_and_fonts_are_built_once():
    assert styles_for(False) is styles_for(False)
    assert register_fonts() is register_fonts()


def test_characters_the_font_lacks_become_a_visible_box_not_a_crash():
    assert printable("山田 Zoë 😀") == f"{MISSING_GLYPH}{MISSING_GLYPH} Zoë {MISSING_GLYPH}"
    text = pdf_text(render([TextSection(["山田太郎 and Zoë"])]))
    assert f"{MISSING_GLYPH * 4} and Zoë" in text


def test_controls_are_dropped_and_accents_composed():
    assert printable("Zoe\u0308\x00\x1b\tok\u200b") == "Zoë ok"
    assert esc("a < b & c > d") == "a &lt; b &amp; c &gt; d"


def test_nothing_to_export_is_an_error():
    with pytest.raises(BonewiseError, match="at least one section"):
        render([])
