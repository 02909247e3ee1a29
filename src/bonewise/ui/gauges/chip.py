"""A compact reading of one supporting nutrient (fiber, omega-3, sodium, caffeine, vitamin K)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from bonewise.core.totals import format_amount

from bonewise.ui.accessibility import AccessibleValue
from bonewise.ui.colours import GRAPHIC_CONTRAST, readable_on
from bonewise.ui.fitting import smaller_font
from bonewise.ui.gauges.gauge import (
    gauge_texts,
    reading_value,
    target_sentence,
    widest_word,
    wrapped,
)
from bonewise.ui.gauges.style import muted_colour, short_label, status_colour

if TYPE_CHECKING:
    from bonewise.core.status import Reading
    from bonewise.core.totals import Total


def chip_value(total: Total | None) -> str:
    """The amount, marked "≥" when some foods lack data; "no data", "nothing planned", or "—"
    when there is no reading at all."""
    if total is None:
        return "—"
    if total.items == 0 or total.is_unknown:
        return total.amount_text()
    amount = format_amount(total.value, total.key)
    return amount if total.complete else f"≥ {amount}"


CHIP_LEFT = 8  # the coloured edge and a gap before the text


class NutrientChip(QWidget):
    """Three short lines: the name, the symbol and amount, the target. Emits ``selected``."""

    selected = Signal(str)

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._key = key
        self._reading: Reading | None = None
        self._name = short_label(key)
        self._lines = (self._name, "—", "")
        self._wrapped: tuple[tuple[str, ...], ...] = ((self._name,), ("—",), ())
        self._wrap_cache: dict[int, tuple[tuple[str, ...], ...]] = {}  # by width, for these lines and font
        self._minimum: int | None = None  # the narrowest width, for these lines and font
        self._colour = status_colour(None)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName(self._name)

    @property
    def key(self) -> str:
        return self._key

    @property
    def lines(self) -> tuple[str, str, str]:
        return self._lines

    @property
    def reading(self) -> Reading | None:
        return self._reading

    def set_reading(self, reading: Reading | None) -> None:
        """Show a new reading; a no-op when nothing changed."""
        if reading == self._reading:
            return
        self._reading = reading
        status = reading.status if reading is not None else None
        self._colour = status_colour(status)
        value = chip_value(reading.total if reading is not None else None)
        symbol = status.symbol if status is not None else ""
        phrase = reading.target.phrase() if reading is not None else ""
        self._lines = (self._name, f"{symbol} {value}".strip(), phrase)
        self._wrap_cache.clear()
        texts = gauge_texts(self._key, reading)
        self.setToolTip(texts.tooltip)
        self.setAccessibleDescription(f"{texts.description} "
                                      f"{target_sentence(reading.target if reading else None, texts.description)}")
        min_width, self._minimum = self._min_width(), None
        self._wrap()
        if self._min_width() != min_width:
            self.updateGeometry()  # the value's widest word changed (a new height: _wrap asked)
        self.update()

    def _small_font(self) -> QFont:
        return smaller_font(self.font())

    def accessible_value(self) -> AccessibleValue:
        """The reading for screen readers (the chip is a progress bar to them, as a gauge is)."""
        reading = self._reading
        return reading_value(self._key, reading.target if reading else None,
                             reading.total if reading else None)

    def _wrapped_for(self, width: int) -> tuple[tuple[str, ...], ...]:
        """The three lines wrapped to ``width`` (the widget's width less its left edge);
        a line too long for it goes on over more lines, never cut. Layouts ask for the same
        widths many times per edit, so each is worked out once per lines and font."""
        if width in self._wrap_cache:
            return self._wrap_cache[width]
        inner = max(width - CHIP_LEFT - 2, 1)
        name, value, target = self._lines
        lines = (wrapped(self._bold_font(), name, inner), wrapped(self.font(), value, inner),
                 wrapped(self._small_font(), target, inner))
        self._wrap_cache[width] = lines
        return lines

    def _height_of(self, wrapped: tuple[tuple[str, ...], ...]) -> int:
        fm = self.fontMetrics()
        pad = max(3, fm.height() // 5)
        small = QFontMetrics(self._small_font()).height()
        return pad * 2 + fm.height() * (len(wrapped[0]) + len(wrapped[1])) + small * len(wrapped[2])

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._height_of(self._wrapped_for(width))

    def wrapped_lines(self) -> tuple[tuple[str, ...], ...]:
        """The name, value and target lines as painted at the current width."""
        return self._wrapped

    def sizeHint(self) -> QSize:
        width = self.fontMetrics().horizontalAdvance("x") * 18
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        width = self._min_width()
        return QSize(width, self.heightForWidth(max(self.width(), width)))

    def _min_width(self) -> int:
        # Never narrower than a number with its unit ("2,300 mg" stays on one line).
        if self._minimum is None:
            fm = self.fontMetrics()
            self._minimum = max(fm.horizontalAdvance("x") * 10,
                                widest_word(self.font(), self._lines[1]) + CHIP_LEFT + 2,
                                widest_word(self._small_font(), self._lines[2]) + CHIP_LEFT + 2)
        return self._minimum

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._wrap()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._wrap_cache.clear()
            self._minimum = None
            self._wrap()
            self.updateGeometry()

    def _wrap(self) -> None:
        wrapped = self._wrapped_for(self.width())
        if self._height_of(wrapped) != self._height_of(self._wrapped):
            self.updateGeometry()
        self._wrapped = wrapped

    def _bold_font(self) -> QFont:
        bold = QFont(self.font())
        bold.setBold(True)
        return bold

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.selected.emit(self._key)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fm = self.fontMetrics()
        pad = max(3, fm.height() // 5)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        # A coloured left edge as a quick cue; the symbol and words carry the meaning.
        base = QColor(pal.color(QPalette.ColorRole.Base))
        p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2) if self.hasFocus()
                 else QPen(pal.color(QPalette.ColorRole.Mid), 1))
        p.setBrush(base)
        p.drawRoundedRect(rect, 4, 4)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(readable_on(self._colour, base, GRAPHIC_CONTRAST))
        p.drawRoundedRect(QRectF(rect.left() + 1, rect.top() + 1, 4, rect.height() - 2), 2, 2)
        width = self.width() - CHIP_LEFT - 2
        y = pad
        names, values, targets = self._wrapped
        small_h = QFontMetrics(self._small_font()).height()
        for font, colour, lines, height in (
            (self._bold_font(), pal.color(QPalette.ColorRole.Text), names, fm.height()),
            (self.font(), pal.color(QPalette.ColorRole.Text), values, fm.height()),
            (self._small_font(), muted_colour(pal, QPalette.ColorRole.Text), targets, small_h),
        ):
            p.setFont(font)
            p.setPen(colour)
            for text_line in lines:
                p.drawText(QRectF(CHIP_LEFT, y, width, height), Qt.AlignmentFlag.AlignVCenter, text_line)
                y += height
        p.end()
