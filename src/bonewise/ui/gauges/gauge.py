"""A custom-painted bullet gauge for one nutrient: value, target band, upper limit, coverage.

The core decides the status (``core.status.read``, through the week summary); this
widget only turns the reading into words and geometry when it changes, and paints
the cached result. The status is told by a word and a shape as well as by colour.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from bonewise.core.status import Status
from bonewise.core.targets import LimitScope, TargetKind
from bonewise.core.totals import format_amount
from bonewise.core.words import counted

from bonewise.ui.accessibility import AccessibleValue, value_changed
from bonewise.ui.accessibility import install as install_accessibility
from bonewise.ui.colours import GRAPHIC_CONTRAST, TEXT_CONTRAST, readable_on
from bonewise.ui.fitting import smaller_font
from bonewise.ui.gauges.style import (
    BAND_COLOUR,
    LIMIT_COLOUR,
    muted_colour,
    short_label,
    status_colour,
)

if TYPE_CHECKING:
    from bonewise.core.status import Reading
    from bonewise.core.targets import Target
    from bonewise.core.totals import Total

# The bar shows the target's top end at two thirds of its length, so a full day
# still has room to the right; a limit within 2.5 × the target is drawn on the
# bar, one further away (vitamin D's 4,000 IU) is named in words instead.
_HEADROOM = 1.5
_LIMIT_ON_SCALE = 2.5


@dataclass(frozen=True)
class GaugeScale:
    """Positions along the bar as fractions of its length (0 = left end, 1 = right end)."""

    value: float  # end of the value bar (clipped to 1)
    food: float  # where the supplement part of the bar starts
    band_low: float | None
    band_high: float | None  # None with a band_low: an open-ended "at least" band
    limit: float | None  # the upper-limit mark, when it is on the scale
    reference: float | None  # a tracked nutrient's reference dose (K2)
    overflow: bool  # the value runs past the right end
    lower_bound: bool  # some foods lack data, so the true value is higher


def gauge_scale(target: Target | None, total: Total | None) -> GaugeScale:
    """Where the parts of the gauge go along the bar, from the target and the total.

    A band is drawn between its ends; a floor from its low end on (anything above
    meets it); a ceiling from zero up to it.
    """
    value = total.value if total is not None and math.isfinite(total.value) else 0.0
    supplements = total.from_supplements if total is not None else 0.0
    tracked = target is not None and target.tracked_only
    # A band only when it is in the total's unit (protein without a body weight is per kg).
    banded = target if target is not None and target.has_band else None
    low = banded.low if banded is not None else None
    high = banded.high if banded is not None else None
    top_of_range = high
    if banded is not None and banded.kind is TargetKind.FLOOR and low is not None:
        high = None  # open to the right: more than the range still meets a floor
    reference = (target.low or target.high) if target is not None and tracked else None
    limit = target.upper_limit if target is not None else None
    limit_on_total = (
        limit is not None and target is not None and target.limit_scope is not LimitScope.SUPPLEMENTS
    )

    top = top_of_range or low or reference
    if top:
        span = top * _HEADROOM
        if limit is not None and limit_on_total and limit <= top * _LIMIT_ON_SCALE:
            span = max(span, limit * 1.1)
    else:
        span = max(value, limit or 0.0, 1.0) * 1.25

    def at(x: float | None) -> float | None:
        return None if x is None else min(max(x / span, 0.0), 1.0)

    return GaugeScale(
        value=at(value) or 0.0,
        food=at(max(value - supplements, 0.0)) or 0.0,
        band_low=at(low) if low is not None else (0.0 if high is not None else None),
        band_high=at(high),
        limit=at(limit) if limit is not None and limit_on_total and limit <= span else None,
        reference=at(reference),
        overflow=value > span,
        lower_bound=total is not None and total.unknown > 0 and value > 0,
    )


def reading_value(key: str, target: Target | None, total: Total | None) -> AccessibleValue:
    """A total as a value from 0 to the top of its target, limit or itself, and in words."""
    if total is None or total.items == 0:
        return AccessibleValue(0.0, 0.0, 1.0, "nothing planned")
    value = total.value if math.isfinite(total.value) else 0.0
    tops = [] if target is None or target.per_kg else [
        t for t in (target.high, target.low, target.upper_limit) if t is not None]
    top = max([*tops, value, 1.0])
    if total.known == 0:
        return AccessibleValue(0.0, 0.0, top, "unknown")
    amount = format_amount(value, key)
    return AccessibleValue(value, 0.0, top, amount if total.complete else f"at least {amount}")


def target_sentence(target: Target | None, said: str = "") -> str:
    """The target in a sentence, with its source: "Target 1,200–1,500 mg a day (NCCN 2009).";
    only "Target source: NCCN 2009." when ``said`` (what is read before it) names it already."""
    if target is None:
        return "No target set."
    phrase = target.phrase()
    if phrase in said:
        return f"Target source: {target.source.short}."
    return f"{phrase[:1].upper()}{phrase[1:]} a day ({target.source.short})."


@dataclass(frozen=True)
class GaugeTexts:
    """Everything the gauge writes, worked out once per change."""

    title: str
    state: str  # "✓ Target met"
    value: str  # "1,210 mg · target 1,200–1,500 mg"
    limit: str  # "limit 2,000 mg · IOM 2011" or ""
    coverage: str  # "no data for: Quinoa, cooked"
    description: str  # one sentence per line for screen readers
    tooltip: str  # rich text


def gauge_texts(key: str, reading: Reading | None) -> GaugeTexts:
    """The words of a gauge: what it reads, how complete the data is, which limit applies."""
    title = short_label(key)
    target = total = None
    status = Status.NOTHING_PLANNED if reading is None else reading.status
    state = f"{status.symbol} {status.words[:1].upper()}{status.words[1:]}"
    value = ""  # the state already says "nothing planned"
    if reading is not None:
        target, total = reading.target, reading.total
        # Nothing planned: the state says so; the reading's line gives the target instead.
        value = target.phrase() if reading.status is Status.NOTHING_PLANNED else reading.label
    limit, limit_sentence = _limit_text(target, total)
    coverage = _coverage_text(total)
    why = target.why if target is not None else ""
    sentences = (f"{title}: {state}", value, coverage, limit_sentence)
    description = " ".join(f"{p[:1].upper()}{p[1:]}." for p in sentences if p)
    return GaugeTexts(title, state, value, limit, coverage, description,
                      _tooltip(title, state, value, coverage, limit_sentence, why, target))


def _limit_text(target: Target | None, total: Total | None) -> tuple[str, str]:
    """The upper limit, short for the gauge ("limit 2,000 mg · IOM 2011") and as a sentence."""
    if target is None or target.upper_limit is None:
        return "", ""
    source = target.limit_source or target.source
    limit = target.limit_text()
    if target.limit_scope is LimitScope.SUPPLEMENTS:
        taken = format_amount(total.from_supplements if total else 0.0, target.key)
        return (f"limit {limit} · {source.short}",
                f"upper limit {limit}, {taken} planned ({source.short})")
    return f"limit {limit} · {source.short}", f"upper limit {limit} ({source.short})"


def _coverage_text(total: Total | None) -> str:
    """How complete the data is, naming the foods without data."""
    if total is None or total.items == 0:
        return ""  # the state or the reading already says nothing is planned
    if total.unknown:
        names = "; ".join(total.unknown_names)
        return f"no data for: {names}" if names else f"{total.unknown} of {counted(total.items, 'food')} unknown"
    return f"data for all {counted(total.known, 'food')}" if total.known > 1 else "data for 1 food"


def _tooltip(title: str, state: str, value: str, coverage: str, limit: str, why: str,
             target: Target | None) -> str:
    e = html.escape
    lines = [f"<b>{e(title)}</b> — {e(state)}", e(value), e(coverage)]
    if limit:
        lines.append(e(limit))
    if target is not None and target.note:
        lines.append(f"<i>{e(target.note)}</i>")
    parts = ["<p>" + "<br>".join(lines) + "</p>"]
    if why:
        parts.append(f"<p>{e(why)}</p>")
    if target is not None:
        sources = [target.source] + ([target.limit_source] if target.limit_source else [])
        cites = "<br>".join(e(s.citation or s.short) for s in dict.fromkeys(sources))
        parts.append(f"<p><i>Source:</i> {cites}</p>")
    return "<qt>" + "".join(parts) + "</qt>"


_UNIT_SPACE = re.compile(r"(?<=\d) (mg|µg|IU|g|kcal)\b")
_RANGE_BREAK = re.compile(r"(?<=\d–)(?=\d)")


@dataclass(frozen=True)
class GaugeLayout:
    """The texts fitted to one width, ready to paint. Nothing that carries a number or
    the state is ever cut: it wraps onto more lines and the gauge grows taller."""

    width: int
    state: tuple[str, ...]  # the state's words, wrapped
    state_beside: bool  # on the title's line, to the right (else on lines of their own below it)
    value: tuple[str, ...]  # the reading, wrapped
    coverage: tuple[str, ...]  # which foods lack data: names may be cut after two lines
    limit: tuple[str, ...]  # the upper limit and its source, wrapped
    limit_beside: bool  # on the coverage line, to the right (else below it)
    height: int


COVERAGE_LINES = 2  # more names than this are cut ("…"): every name is in the tooltip


@lru_cache(maxsize=1024)
def _pieces(text: str) -> tuple[tuple[str, str], ...]:
    """``text`` as (separator, piece) pairs that wrapping may not break. A number keeps its
    unit ("25 µg"), and a range may break after its dash ("1,600–" / "1,920 kcal"), so a
    wide band still fits a narrow chip. Kept: the same texts are wrapped at several widths."""
    pieces: list[tuple[str, str]] = []
    for word in _UNIT_SPACE.sub("\u00a0\\1", text).split(" "):
        for i, piece in enumerate(_RANGE_BREAK.split(word)):
            pieces.append(("" if i else " ", piece))
    return tuple(pieces)


def wrap_text(fm: QFontMetrics, text: str, width: int, max_lines: int | None = None) -> list[str]:
    """Greedy word wrap to ``width`` pixels. Words are never broken; with ``max_lines`` the
    last allowed line is elided (only for lists of names, whose tooltip has them all)."""
    if not text:
        return []
    lines: list[str] = []
    current = ""
    pieces = _pieces(text)
    for i, (sep, piece) in enumerate(pieces):
        candidate = f"{current}{sep}{piece}" if current else piece
        if not current or fm.horizontalAdvance(candidate) <= width:
            current = candidate
            continue
        if max_lines is not None and len(lines) == max_lines - 1:
            current = current + "".join(f"{s}{p}" for s, p in pieces[i:])
            break
        lines.append(current)
        current = piece
    lines.append(current)
    if max_lines is not None:
        lines[-1] = fm.elidedText(lines[-1], Qt.TextElideMode.ElideRight, width)
    return lines


# Laid-out texts by (font key, text, width, max lines), and widths by (font key, text): an edit
# changes a gauge's value, while its title, state, limit and coverage mostly stay the same.
_WRAPPED: dict[tuple[str, str, int, int | None], tuple[str, ...]] = {}
_ADVANCES: dict[tuple[str, str], int] = {}
_MEMO_LIMIT = 4096


def wrapped(font: QFont, text: str, width: int, max_lines: int | None = None) -> tuple[str, ...]:
    """``wrap_text`` in ``font``, each text worked out once per font and width."""
    key = (font.key(), text, width, max_lines)
    lines = _WRAPPED.get(key)
    if lines is None:
        if len(_WRAPPED) > _MEMO_LIMIT:
            _WRAPPED.clear()
        lines = _WRAPPED[key] = tuple(wrap_text(QFontMetrics(font), text, width, max_lines))
    return lines


def advance(font: QFont, text: str) -> int:
    """The width of ``text`` in ``font`` (``QFontMetrics.horizontalAdvance``), measured once."""
    key = (font.key(), text)
    width = _ADVANCES.get(key)
    if width is None:
        if len(_ADVANCES) > _MEMO_LIMIT:
            _ADVANCES.clear()
        width = _ADVANCES[key] = QFontMetrics(font).horizontalAdvance(text)
    return width


def widest_word(font: QFont, *texts: str) -> int:
    """The width of the longest unbreakable piece of ``texts`` (a number with its unit)."""
    return max((advance(font, p) for t in texts for _, p in _pieces(t) if p), default=0)


class NutrientGauge(QWidget):
    """One nutrient as a horizontal bullet gauge with its texts.

    Call :meth:`set_reading` whenever the totals change; painting only draws what
    that call worked out. Clicking or focusing the gauge emits ``selected``.
    """

    selected = Signal(str)  # the nutrient key

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._key = key
        self._reading: Reading | None = None
        self._scale = gauge_scale(None, None)
        self._texts = gauge_texts(key, None)
        self._layout = GaugeLayout(0, (), True, (), (), (), True, 0)
        self._layouts: dict[int, GaugeLayout] = {}  # by width, for the current texts and font
        self._highlighted = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName(self._texts.title)  # a progress bar with a value, to a screen reader
        install_accessibility()
        self._apply_texts()

    # --- public API -------------------------------------------------------------------------
    @property
    def key(self) -> str:
        return self._key

    @property
    def reading(self) -> Reading | None:
        return self._reading

    @property
    def text_layout(self) -> GaugeLayout:
        """The texts as painted at the current width."""
        return self._layout

    @property
    def texts(self) -> GaugeTexts:
        return self._texts

    @property
    def target(self) -> Target | None:
        return self._reading.target if self._reading is not None else None

    def set_reading(self, reading: Reading | None) -> None:
        """Show a new reading; a no-op when nothing changed (so edits elsewhere cost nothing)."""
        if reading == self._reading:
            return
        self._reading = reading
        self._scale = gauge_scale(self.target, reading.total if reading is not None else None)
        self._texts = gauge_texts(self._key, reading)
        self._apply_texts()
        value_changed(self, self.accessible_value().current)
        self.update()

    def accessible_value(self) -> AccessibleValue:
        """The reading for screen readers: the amount, from 0 to the top of the target
        (or the limit, or the amount itself when that is higher), and in words."""
        reading = self._reading
        return reading_value(self._key, reading.target if reading else None,
                             reading.total if reading else None)

    def set_highlighted(self, on: bool) -> None:
        """Mark this gauge as the one the "why this matters" text is about."""
        if on != self._highlighted:
            self._highlighted = on
            self.update()

    # --- geometry ---------------------------------------------------------------------------
    def _small_font(self) -> QFont:
        return smaller_font(self.font())

    def _title_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _metrics(self) -> tuple[int, int, int, int]:
        """(padding, line height, bar height, small line height) for the current font."""
        fm = self.fontMetrics()
        line = fm.height()
        return max(4, line // 4), line, round(line * 1.1), QFontMetrics(self._small_font()).height()

    def _layout_for(self, width: int) -> GaugeLayout:
        """The texts wrapped for ``width`` pixels. Layouts ask for the same few widths many
        times per edit (heightForWidth), so each is worked out once per texts and font."""
        layout = self._layouts.get(width)
        if layout is None:
            layout = self._layouts[width] = self._wrap_for(width)
        return layout

    def _wrap_for(self, width: int) -> GaugeLayout:
        pad, line, bar, small_h = self._metrics()
        inner = max(width - 2 * pad, 1)
        font, small = self.font(), self._small_font()
        texts = self._texts
        gap = advance(font, "  ")
        title = advance(self._title_font(), texts.title)
        state_beside = title + gap + advance(font, texts.state) <= inner
        state = (texts.state,) if state_beside else wrapped(font, texts.state, inner)
        value = wrapped(font, texts.value, inner)
        # The limit keeps its words and source, beside the coverage when both fit.
        limit_w = advance(small, texts.limit)
        limit_beside = not texts.limit or (
            limit_w + gap + advance(small, "x") * 16 <= inner
            and advance(small, texts.coverage) + gap + limit_w <= inner)
        limit = (texts.limit,) if texts.limit and limit_beside else wrapped(small, texts.limit, inner)
        room = inner - (limit_w + gap if texts.limit and limit_beside else 0)
        coverage = wrapped(small, texts.coverage, room, COVERAGE_LINES)
        small_lines = max(len(coverage), 1 if limit_beside and limit else 0)
        if not limit_beside:
            small_lines += len(limit)
        height = (pad * 2 + line * (1 if state_beside else 1 + len(state)) + pad + bar + pad
                  + line * len(value) + small_h * small_lines)
        return GaugeLayout(width, state, state_beside, value, coverage, limit, limit_beside, height)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._layout_for(width).height

    def sizeHint(self) -> QSize:
        width = self.fontMetrics().horizontalAdvance("x") * 52
        return QSize(width, self._layout_for(width).height)

    def minimumSizeHint(self) -> QSize:
        # Narrow enough for a side panel; never narrower than a number with its unit.
        fm, pad = self.fontMetrics(), self._metrics()[0]
        texts = self._texts
        width = max(fm.horizontalAdvance("x") * 20, widest_word(self.font(), texts.state, texts.value)
                    + 2 * pad, QFontMetrics(self._title_font()).horizontalAdvance(texts.title) + 2 * pad)
        return QSize(width, self._layout_for(max(self.width(), width)).height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._layouts.clear()
            self._relayout()
            self.updateGeometry()

    def _apply_texts(self) -> None:
        said = self._texts.description
        self.setAccessibleDescription(f"{said} {target_sentence(self.target, said)}")
        self.setToolTip(self._texts.tooltip)
        self._layouts.clear()
        self._relayout()

    def _relayout(self) -> None:
        """Lay the texts out for the current width; ask for a new height only if it changed."""
        old = self._layout.height
        self._layout = self._layout_for(self.width())
        if self._layout.height != old:
            self.updateGeometry()

    # --- interaction ------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.selected.emit(self._key)
        super().mousePressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.selected.emit(self._key)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    # --- painting ---------------------------------------------------------------------------
    def colours(self) -> GaugeColours:
        """What this gauge paints with, for its state and the current palette."""
        return gauge_colours(status_colour(self._reading.status if self._reading is not None else None),
                             self.palette())

    def paintEvent(self, event: QPaintEvent) -> None:
        pad, line, _bar_h, small_h = self._metrics()
        pal = self.palette()
        colours = self.colours()
        text, muted = colours.text, colours.muted
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w = self.width()

        if self.hasFocus() or self._highlighted:
            frame = QColor(pal.color(QPalette.ColorRole.Highlight))
            if not self.hasFocus():
                frame.setAlpha(110)
            p.setPen(QPen(frame, 2 if self.hasFocus() else 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 4, 4)

        # Line 1: the name; the state (shape + words) on its right, or on lines of its own.
        layout = self._layout
        y = pad
        p.setFont(self._title_font())
        p.setPen(text)
        p.drawText(QRectF(pad, y, w - 2 * pad, line), Qt.AlignmentFlag.AlignLeft
                   | Qt.AlignmentFlag.AlignVCenter, self._texts.title)
        p.setFont(self.font())
        p.setPen(colours.state_text)
        if layout.state_beside:
            p.drawText(QRectF(pad, y, w - 2 * pad, line), Qt.AlignmentFlag.AlignRight
                       | Qt.AlignmentFlag.AlignVCenter, layout.state[0])
        else:
            for state_line in layout.state:
                y += line
                p.drawText(QRectF(pad, y, w - 2 * pad, line), Qt.AlignmentFlag.AlignLeft
                           | Qt.AlignmentFlag.AlignVCenter, state_line)

        # The bar; in a right-to-left layout it fills from the right, as the words read.
        bar = self.bar_rect()
        p.save()
        if self.isRightToLeft():
            p.translate(bar.left() + bar.right(), 0)
            p.scale(-1, 1)
        self._paint_bar(p, bar, colours, pal)
        p.restore()

        # The reading (wrapped), then coverage with the limit on its right (or below it).
        y = round(bar.bottom()) + pad
        p.setPen(text)
        for text_line in layout.value:
            p.drawText(QRectF(pad, y, w - 2 * pad, line), Qt.AlignmentFlag.AlignLeft
                       | Qt.AlignmentFlag.AlignVCenter, text_line)
            y += line
        p.setFont(self._small_font())
        p.setPen(muted)
        top = y
        for coverage_line in layout.coverage:
            p.drawText(QRectF(pad, y, w - 2 * pad, small_h), Qt.AlignmentFlag.AlignLeft
                       | Qt.AlignmentFlag.AlignVCenter, coverage_line)
            y += small_h
        if layout.limit:
            p.setPen(colours.limit_text if self._scale.limit is not None else muted)
            if layout.limit_beside:
                p.drawText(QRectF(pad, top, w - 2 * pad, small_h), Qt.AlignmentFlag.AlignRight
                           | Qt.AlignmentFlag.AlignVCenter, layout.limit[0])
            else:
                for limit_line in layout.limit:
                    p.drawText(QRectF(pad, y, w - 2 * pad, small_h), Qt.AlignmentFlag.AlignLeft
                               | Qt.AlignmentFlag.AlignVCenter, limit_line)
                    y += small_h
        p.end()

    def bar_rect(self) -> QRectF:
        """Where the bar is drawn: under the title (and the state, when it has lines of its own)."""
        pad, line, bar_h, _small_h = self._metrics()
        layout = self._layout
        y = pad + line * (1 if layout.state_beside else 1 + len(layout.state)) + pad
        return QRectF(pad, y, self.width() - 2 * pad, bar_h)

    def _paint_bar(self, p: QPainter, rect: QRectF, colours: GaugeColours, pal: QPalette) -> None:
        s = self._scale
        colour = colours.bar
        x0, width = rect.left(), rect.width()

        def x(f: float) -> float:
            return x0 + f * width

        paint_track(p, rect, pal)
        if s.band_low is not None:
            high = s.band_high if s.band_high is not None else 1.0
            paint_band(p, QRectF(x(s.band_low), rect.top(), max(x(high) - x(s.band_low), 1),
                                 rect.height()), closed=s.band_high is not None, colour=colours.band)

        # Value bar, thinner than the band (a bullet graph); supplements hatched.
        inner = value_rect(rect)
        if s.value > 0:
            paint_value(p, QRectF(x0, inner.top(), x(s.food) - x0, inner.height()), colour)
            if s.value > s.food:
                paint_value(p, QRectF(x(s.food), inner.top(), x(s.value) - x(s.food), inner.height()),
                            colour, supplements=True)
            if s.lower_bound and not s.overflow:
                paint_more_tail(p, x(s.value), inner, colour, rect.right())
            if s.overflow:
                paint_chevron(p, QRectF(rect.right() - inner.height() * 1.6, inner.top(),
                                        inner.height() * 1.4, inner.height()), pal)

        if s.reference is not None:
            paint_reference(p, x(s.reference), rect, pal)

        if s.limit is not None:
            paint_limit(p, x(s.limit), rect, colours.limit)


# --- the parts of a bar, shared with the legend that explains them ----------------------------


def value_rect(rect: QRectF) -> QRectF:
    """The value bar inside a gauge's bar: thinner than the band behind it."""
    return rect.adjusted(0, rect.height() * 0.28, 0, -rect.height() * 0.28)


def paint_track(p: QPainter, rect: QRectF, pal: QPalette) -> None:
    track = QColor(pal.color(QPalette.ColorRole.Mid))
    track.setAlpha(70)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(track)
    p.drawRoundedRect(rect, 3, 3)


def paint_band(p: QPainter, band: QRectF, *, closed: bool = True, colour: QColor = BAND_COLOUR) -> None:
    """The target band: shaded, hatched so it reads without colour, with firm edges."""
    fill = QColor(colour)
    fill.setAlpha(55)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(fill)
    p.drawRect(band)
    hatch = QColor(colour)
    hatch.setAlpha(90)
    p.setBrush(QBrush(hatch, Qt.BrushStyle.BDiagPattern))
    p.drawRect(band)
    p.setPen(QPen(colour, 2))
    p.drawLine(QPointF(band.left(), band.top()), QPointF(band.left(), band.bottom()))
    if closed:
        p.drawLine(QPointF(band.right(), band.top()), QPointF(band.right(), band.bottom()))
    p.setPen(Qt.PenStyle.NoPen)


def paint_value(p: QPainter, rect: QRectF, colour: QColor, *, supplements: bool = False) -> None:
    """A part of the value bar: solid for food, lighter and hatched for supplements."""
    p.setPen(Qt.PenStyle.NoPen)
    if not supplements:
        p.setBrush(colour)
        p.drawRect(rect)
        return
    lighter = QColor(colour)
    lighter.setAlpha(120)
    p.setBrush(lighter)
    p.drawRect(rect)
    p.setBrush(QBrush(colour.darker(150), Qt.BrushStyle.FDiagPattern))
    p.drawRect(rect)


def paint_more_tail(p: QPainter, x: float, inner: QRectF, colour: QColor, right: float) -> None:
    """A dashed tail after the bar: the true amount is higher (some foods lack data)."""
    p.setPen(QPen(colour, 1.5, Qt.PenStyle.DashLine))
    tail = min(x + inner.height() * 2, right)
    p.drawLine(QPointF(x, inner.center().y()), QPointF(tail, inner.center().y()))
    p.setPen(Qt.PenStyle.NoPen)


def paint_chevron(p: QPainter, rect: QRectF, pal: QPalette) -> None:
    """Two chevrons at the bar's end: the value runs past the end of the scale."""
    p.setPen(QPen(pal.color(QPalette.ColorRole.Base), 2))
    for dx in (0.0, rect.width() / 2):
        p.drawLine(QPointF(rect.left() + dx, rect.top()),
                   QPointF(rect.left() + dx + rect.width() / 2, rect.center().y()))
        p.drawLine(QPointF(rect.left() + dx + rect.width() / 2, rect.center().y()),
                   QPointF(rect.left() + dx, rect.bottom()))
    p.setPen(Qt.PenStyle.NoPen)


def paint_reference(p: QPainter, x: float, rect: QRectF, pal: QPalette) -> None:
    """A tracked nutrient's reference dose: a neutral dotted tick, not a target."""
    p.setPen(QPen(pal.color(QPalette.ColorRole.WindowText), 1.5, Qt.PenStyle.DotLine))
    p.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
    p.setPen(Qt.PenStyle.NoPen)


def paint_limit(p: QPainter, x: float, rect: QRectF, colour: QColor = LIMIT_COLOUR) -> None:
    """The upper limit: a solid line with a downward triangle on top."""
    p.setPen(QPen(colour, 2.5))
    p.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
    tri = QPainterPath()
    size = rect.height() * 0.35
    tri.moveTo(x - size, rect.top())
    tri.lineTo(x + size, rect.top())
    tri.lineTo(x, rect.top() + size)
    tri.closeSubpath()
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    p.drawPath(tri)


@dataclass(frozen=True)
class GaugeColours:
    """The colours a gauge paints with, each checked against its background (WCAG AA):
    words 4.5:1, the bar, band edges and limit mark 3:1."""

    background: QColor
    text: QColor
    muted: QColor
    state_text: QColor  # the state's symbol and words
    bar: QColor  # the value bar
    band: QColor  # the target band's edges and hatching
    limit: QColor  # the upper-limit line and triangle
    limit_text: QColor


def gauge_colours(state: QColor, pal: QPalette) -> GaugeColours:
    """The state's colour and the fixed ones, made readable on ``pal``'s window colour."""
    background = pal.color(QPalette.ColorRole.Window)
    return GaugeColours(
        background=background,
        text=pal.color(QPalette.ColorRole.WindowText),
        muted=readable_on(muted_colour(pal), background),
        state_text=readable_on(state, background, TEXT_CONTRAST),
        bar=readable_on(state, background, GRAPHIC_CONTRAST),
        band=readable_on(BAND_COLOUR, background, GRAPHIC_CONTRAST),
        limit=readable_on(LIMIT_COLOUR, background, GRAPHIC_CONTRAST),
        limit_text=readable_on(LIMIT_COLOUR, background, TEXT_CONTRAST),
    )
