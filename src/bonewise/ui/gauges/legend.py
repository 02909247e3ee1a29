"""What the parts of a gauge's bar mean: small drawings of each part with its words.

The swatches are drawn by the gauge's own painting functions, so the legend can
never show a part differently from the bars it explains. Entries flow onto as
many lines as the width needs; none is ever cut.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from bonewise.ui.fitting import smaller_font
from bonewise.ui.gauges.gauge import (
    paint_band,
    paint_chevron,
    paint_limit,
    paint_more_tail,
    paint_reference,
    paint_track,
    paint_value,
    value_rect,
    widest_word,
    wrap_text,
)
from bonewise.ui.gauges.style import muted_colour

# (part of the bar, what it means)
BAR_PARTS = (
    ("food", "from food"),
    ("supplements", "from supplements (hatched)"),
    ("band", "target range"),
    ("limit", "upper limit"),
    ("more", "more: some foods have no data"),
    ("beyond", "beyond the end of the scale"),
    ("reference", "reference dose, not a target"),
)


class BarLegend(QWidget):
    """A swatch and a few words for each part of a bar, wrapped to the width."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName("Parts of a gauge's bar")
        self.setAccessibleDescription("; ".join(f"{part}: {words}" for part, words in BAR_PARTS) + ".")
        self._boxes: dict[int, list[tuple[QRectF, str, tuple[str, ...]]]] = {}  # by width, for the font

    def entries(self) -> tuple[str, ...]:
        return tuple(words for _part, words in BAR_PARTS)

    def _font(self) -> QFont:
        return smaller_font(self.font())

    def _swatch(self) -> QSize:
        fm = QFontMetrics(self._font())
        return QSize(fm.horizontalAdvance("x") * 4, fm.height())

    def entry_boxes(self, width: int) -> list[tuple[QRectF, str, tuple[str, ...]]]:
        """(box, part, lines of words) of each entry, flowed into ``width`` pixels; an entry
        wider than a line gets a line of its own and wraps its words. The words never change,
        so each width is flowed once per font (layouts ask at every edit of the plan)."""
        if width not in self._boxes:
            self._boxes[width] = self._flow(width)
        return self._boxes[width]

    def _flow(self, width: int) -> list[tuple[QRectF, str, tuple[str, ...]]]:
        fm = QFontMetrics(self._font())
        swatch, gap = self._swatch(), fm.horizontalAdvance("x")
        text_room = max(width - swatch.width() - gap, 1)
        x = y = 0
        row_height = 0
        out = []
        for part, words in BAR_PARTS:
            lines = tuple(wrap_text(fm, words, text_room))
            entry = swatch.width() + gap + max(fm.horizontalAdvance(line) for line in lines)
            height = fm.height() * len(lines)
            if x and x + entry > width:
                x, y, row_height = 0, y + row_height + 2, 0
            out.append((QRectF(x, y, entry, height), part, lines))
            row_height = max(row_height, height)
            x += entry + gap * 2
        return out

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(max(box.bottom() for box, _part, _lines in self.entry_boxes(max(width, 1)))) + 2

    def sizeHint(self) -> QSize:
        width = QFontMetrics(self._font()).horizontalAdvance("x") * 52
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        fm = QFontMetrics(self._font())
        width = self._swatch().width() + fm.horizontalAdvance("x") + widest_word(
            self._font(), *(words for _part, words in BAR_PARTS))
        return QSize(width, self.heightForWidth(width))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._boxes.clear()
            self.updateGeometry()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = self._font()
        fm = QFontMetrics(font)
        p.setFont(font)
        pal = self.palette()
        ink = muted_colour(pal)
        swatch, gap = self._swatch(), fm.horizontalAdvance("x")
        for box, part, lines in self.entry_boxes(self.width()):
            x, y = box.left(), box.top()
            bar = QRectF(x, y + fm.height() * 0.15, swatch.width(), fm.height() * 0.7)
            inner = value_rect(bar)
            if part == "food":
                paint_value(p, inner, ink)
            elif part == "supplements":
                paint_value(p, inner, ink, supplements=True)
            elif part == "band":
                paint_track(p, bar, pal)
                paint_band(p, bar.adjusted(bar.width() * 0.2, 0, -bar.width() * 0.2, 0))
            elif part == "limit":
                paint_track(p, bar, pal)
                paint_limit(p, bar.center().x(), bar)
            elif part == "more":
                paint_value(p, QRectF(inner.left(), inner.top(), inner.width() * 0.4, inner.height()), ink)
                paint_more_tail(p, inner.left() + inner.width() * 0.4, inner, ink, bar.right())
            elif part == "beyond":
                paint_value(p, inner, ink)
                paint_chevron(p, QRectF(inner.right() - inner.height() * 1.6, inner.top(),
                                        inner.height() * 1.4, inner.height()), pal)
            else:
                paint_track(p, bar, pal)
                paint_reference(p, bar.center().x(), bar, pal)
            p.setPen(ink)
            for i, line in enumerate(lines):
                p.drawText(QRectF(x + swatch.width() + gap, y + i * fm.height(),
                                  fm.horizontalAdvance(line) + 1, fm.height()),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)
        p.end()
