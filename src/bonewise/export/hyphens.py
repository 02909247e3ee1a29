"""Breaking a word that is wider than its column, with a hyphen where a reader expects one.

reportlab wraps text at spaces; a single word wider than the whole column it
cuts at whatever letter fits, with no hyphen ("app" / "roximate"). Such words
get soft hyphens instead: at the syllable breaks of an English hyphenation
dictionary (Pyphen, the patterns TeX and LibreOffice use) and, inside a piece
that is still too wide (a long number, a code), between any two characters.
reportlab then breaks at the last soft hyphen that fits and prints a "-" there.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

SOFT_HYPHEN = "\xad"
_LETTERS = re.compile(r"[^\W\d_]{4,}")  # runs of letters worth looking up


@functools.cache
def _dictionary() -> Any:
    import pyphen  # loaded only when a word needs breaking

    # At least two letters before a break and three after it: "ap-proximate", not "approximat-e".
    return pyphen.Pyphen(lang="en_US", left=2, right=3)


def syllable_breaks(word: str) -> list[int]:
    """Offsets in ``word`` where the dictionary allows a hyphen (inside its runs of letters)."""
    found: list[int] = []
    for run in _LETTERS.finditer(word):
        found += [run.start() + p for p in _dictionary().positions(run.group())]
    return found


def soft_hyphenate(word: str, width: Callable[[str], float], max_width: float) -> str:
    """``word`` with soft hyphens where it may break so that every piece fits ``max_width``.

    ``width`` measures a piece of text (with the hyphen printed after it). A word
    that already fits is returned unchanged.
    """
    if width(word) <= max_width or len(word) < 2:
        return word
    breaks = {p for p in syllable_breaks(word) if _breakable(word, p)}
    edges = [0, *sorted(breaks), len(word)]
    for start, end in zip(edges, edges[1:], strict=False):
        if width(word[start:end] + "-") > max_width:
            breaks.update(p for p in range(start + 1, end) if _breakable(word, p))
    out = []
    for i, ch in enumerate(word):
        if i in breaks:
            out.append(SOFT_HYPHEN)
        out.append(ch)
    return "".join(out)


def _breakable(word: str, at: int) -> bool:
    # Never beside an existing hyphen or a soft hyphen: that would print "--".
    return 0 < at < len(word) and "-" not in word[at - 1 : at + 1] and SOFT_HYPHEN not in word[at - 1 : at + 1]


_RUN = re.compile(r"[^ \t\n\r]+")


def hyphenate_frags(frags: list[Any], line_width: float,
                    measure: Callable[[str, str, float], float]) -> list[Any] | None:
    """reportlab's parsed text runs with soft hyphens in every word wider than ``line_width``.

    A word may span runs ("AT&amp;T" is three): its width is the sum of its pieces
    in their own fonts. ``measure(text, font, size)`` is the text width. Returns
    new runs (the given ones are shared with other paragraphs and stay as they
    are), or None when every word fits.
    """
    texts: list[Any] = [f.text if isinstance(getattr(f, "text", None), str) else None for f in frags]
    widths = [measure(t, f.fontName, f.fontSize) if t else 0.0 for t, f in zip(texts, frags, strict=True)]
    if sum(widths) <= line_width:
        return None  # the common case: the whole paragraph fits on one line
    words: list[list[tuple[int, int, int]]] = []  # each word: its pieces (run, start, end)
    joined = False  # the previous run ended inside a word
    for i, (text, frag) in enumerate(zip(texts, frags, strict=True)):
        if text is None or getattr(frag, "lineBreak", False) or hasattr(frag, "cbDefn"):
            joined = False
            continue
        runs = list(_RUN.finditer(text))
        for k, run in enumerate(runs):
            if not (k == 0 and joined and run.start() == 0):
                words.append([])
            words[-1].append((i, run.start(), run.end()))
        joined = bool(runs) and runs[-1].end() == len(text) or (joined and not text)
    inserts: dict[int, set[int]] = {}  # run index -> offsets that get a soft hyphen
    for pieces in words:
        word = "".join(texts[i][a:b] for i, a, b in pieces)
        first = frags[pieces[0][0]]
        true_width = sum(measure(texts[i][a:b], frags[i].fontName, frags[i].fontSize) for i, a, b in pieces)
        if true_width <= line_width:
            continue
        scale = true_width / max(measure(word, first.fontName, first.fontSize), 1e-6)
        def scaled(s: str, f: Any = first, k: float = scale) -> float:
            return measure(s, f.fontName, f.fontSize) * k

        marked = soft_hyphenate(word, scaled, line_width)
        offset = 0  # position in ``word`` of the current piece's start
        breaks = [i for i, ch in enumerate(marked.replace(SOFT_HYPHEN, "\0")) if ch == "\0"]
        at_word = [b - n for n, b in enumerate(breaks)]  # offsets in the unmarked word
        for i, a, b in pieces:
            for p in at_word:
                if offset < p < offset + (b - a) or (p == offset and offset > 0):
                    inserts.setdefault(i, set()).add(a + p - offset)
            offset += b - a
    if not inserts:
        return None
    out = list(frags)
    for i, offsets in inserts.items():
        text = texts[i]
        out[i] = frags[i].clone(text="".join(SOFT_HYPHEN + ch if n in offsets else ch for n, ch in enumerate(text)))
    return out
