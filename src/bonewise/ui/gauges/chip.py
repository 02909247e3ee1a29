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

from bonewise.ui.gauges.gauge import gauge_texts
from bonewise.ui.gauges.style import muted_colour, short_label, status_colour

if TYPE_CHECKING:
    from bonewise.core.status import Reading
    from bonewise.core.totals import Total


def chip_value(total: Total | None) -> str:
    """The amount, marked "≥" when some foods lack data; "no data", or "—" for nothing planned."""
    if total is None or total.items == 0:
        return "—"
    if total.is_unknown:
        return "no data"
    amount = format_amount(total.value, total.key)
    return amount if total.complete else f"≥ {amount}"


class NutrientChip(QWidget):
    """Three short lines: the name, the symbol and amount, the target. Emits ``selected``."""

    selected = Signal(str)

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._key = key
        self._reading: Reading | None = None
        self._name = short_label(key)
        self._lines = (self._name, "—", "")
        self._elided = self._lines
        self._colour = status_colour(None)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
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
        texts = gauge_texts(self._key, reading)
        self.setToolTip(texts.tooltip)
        self.setAccessibleDescription(texts.description)
        self._elide()
        self.update()

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(max(font.pointSizeF() * 0.9, 6.0))
        return font

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        pad = max(3, fm.height() // 5)
        small = QFontMetrics(self._small_font()).height()
        return QSize(fm.horizontalAdvance("x") * 18, pad * 2 + fm.height() * 2 + small)

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance("x") * 10, hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
            self._elide()

    def _elide(self) -> None:
        width = max(self.width() - 8, 0)
        fm, small = self.fontMetrics(), QFontMetrics(self._small_font())
        mode = Qt.TextElideMode.ElideRight
        self._elided = (fm.elidedText(self._lines[0], mode, width),
                        fm.elidedText(self._lines[1], mode, width),
                        small.elidedText(self._lines[2], mode, width))

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
        p.setBrush(self._colour)
        p.drawRoundedRect(QRectF(rect.left() + 1, rect.top() + 1, 4, rect.height() - 2), 2, 2)
        left = 8
        width = self.width() - left - 2
        y = pad
        name, value, target = self._elided
        text = pal.color(QPalette.ColorRole.Text)
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(text)
        p.drawText(QRectF(left, y, width, fm.height()), Qt.AlignmentFlag.AlignVCenter, name)
        y += fm.height()
        p.setFont(self.font())
        p.drawText(QRectF(left, y, width, fm.height()), Qt.AlignmentFlag.AlignVCenter, value)
        y += fm.height()
        p.setFont(self._small_font())
        p.setPen(muted_colour(pal, QPalette.ColorRole.Text))
        p.drawText(QRectF(left, y, width, QFontMetrics(self._small_font()).height()),
                   Qt.AlignmentFlag.AlignVCenter, target)
        p.end()
