"""Calcium at each sitting of one day, against the amount the gut absorbs well at once."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from bonewise.core.checks import SITTING_MARK, SITTING_SEVERITY
from bonewise.core.totals import format_amount
from bonewise.core.words import counted

from bonewise.ui.colours import GRAPHIC_CONTRAST, TEXT_CONTRAST, readable_on
from bonewise.ui.gauges.style import OKABE_ITO, muted_colour, severity_colour

if TYPE_CHECKING:
    from bonewise.core.plan import MealSlot
    from bonewise.core.totals import Totals

CALCIUM = "calcium_mg"
FLAG_SYMBOL = SITTING_MARK
MIN_NAME_CHARS = 4  # a meal name is cut to no less than about this many characters
MIN_BAR_CHARS = 4  # the shortest bar, in character widths


@dataclass(frozen=True)
class SittingRow:
    """One meal as the strip shows it (worked out on change, painted as is)."""

    slot_id: str
    name: str
    value: float  # calcium in the meal (a lower bound when ``lower_bound``)
    empty: bool  # nothing planned in this meal
    lower_bound: bool
    flagged: bool  # the core found too much calcium at this sitting
    text: str  # "640 mg ▲", "≥ 320 mg", "—"
    description: str  # a sentence for tooltips and screen readers


def sitting_rows(meals: Sequence[tuple[MealSlot, Totals | None]], flagged: Collection[str]
                 ) -> tuple[SittingRow, ...]:
    """The strip's rows: each meal's calcium, whether data is missing, and the core's flag."""
    rows = []
    for slot, totals in meals:
        total = totals.get(CALCIUM) if totals is not None else None
        items, unknown = (0, 0) if total is None else (total.items, total.unknown)
        empty = total is None or items == 0
        value = 0.0 if total is None or empty else total.value
        lower = not empty and unknown > 0
        is_flagged = slot.id in flagged
        if empty:
            text, description = "—", f"{slot.name}: nothing planned."
        else:
            amount = format_amount(value, CALCIUM)
            text = ("≥ " if lower else "") + amount + (f" {FLAG_SYMBOL}" if is_flagged else "")
            description = f"{slot.name}: {'at least ' if lower else ''}{amount} of calcium"
            if lower:
                description += f" ({unknown} of {counted(items, 'food')} without calcium data)"
            description += ", more than is absorbed well at once." if is_flagged else "."
        rows.append(SittingRow(slot.id, slot.name, value, empty, lower, is_flagged, text,
                               description))
    return tuple(rows)


class SittingStrip(QWidget):
    """Small horizontal bars, one per meal, with the 500–600 mg zone shaded and its top marked.

    Meals the core flagged carry the note mark (ℹ) and a different colour, so the flag reads without colour.
    """

    def __init__(self, parent: QWidget | None = None, *, soft_cap: tuple[float, float] = (500, 600)):
        super().__init__(parent)
        self._soft_low, self._soft_high = soft_cap
        self._rows: tuple[SittingRow, ...] = ()
        self._scale = soft_cap[1] * 1.5
        self._name_w = self._value_w = 0
        self._names: tuple[str, ...] = ()  # meal names elided to the name column
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Calcium at each sitting")
        self._relayout_columns()

    @property
    def rows(self) -> tuple[SittingRow, ...]:
        return self._rows

    def set_meals(self, meals: Sequence[tuple[MealSlot, Totals | None]], flagged: Collection[str] = ()
                  ) -> None:
        """Show these meals; ``flagged`` holds the slot ids the core warned about."""
        rows = sitting_rows(meals, frozenset(flagged))
        if rows == self._rows:
            return
        count_changed = len(rows) != len(self._rows)
        self._rows = rows
        top = max((r.value for r in rows), default=0.0)
        self._scale = max(self._soft_high * 1.5, top * 1.08)
        self._relayout_columns()
        self.setAccessibleDescription(" ".join(r.description for r in rows)
                                      or "No meals to show.")
        if count_changed:
            self.updateGeometry()
        self.update()

    # --- geometry ---------------------------------------------------------------------------
    def _row_height(self) -> int:
        return self.fontMetrics().height() + max(4, self.fontMetrics().height() // 3)

    def _relayout_columns(self) -> None:
        fm = self.fontMetrics()
        x = fm.horizontalAdvance("x")
        widest = max((fm.horizontalAdvance(r.name) for r in self._rows),
                     default=fm.horizontalAdvance("Breakfast"))
        # The amounts are never cut; a long meal name is, rather than squeezing the bars
        # away (its tooltip names it): at most 18 characters' room, less in a narrow panel.
        self._value_w = max([fm.horizontalAdvance(r.text) for r in self._rows]
                            + [fm.horizontalAdvance(f"≥ 1,000 mg {FLAG_SYMBOL}")])
        room = self.width() - self._value_w - x * (MIN_BAR_CHARS + 2)
        self._name_w = max(min(widest, x * 18, room), x * MIN_NAME_CHARS)
        self._names = tuple(fm.elidedText(r.name, Qt.TextElideMode.ElideRight, self._name_w)
                            for r in self._rows)

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        rows = max(len(self._rows), 1)
        widest = max((fm.horizontalAdvance(r.name) for r in self._rows), default=0)
        return QSize(min(widest, fm.horizontalAdvance("x") * 18) + self._value_w
                     + fm.horizontalAdvance("x") * 24, rows * self._row_height() + 2)

    def minimumSizeHint(self) -> QSize:
        x = self.fontMetrics().horizontalAdvance("x")
        return QSize(x * (MIN_NAME_CHARS + MIN_BAR_CHARS + 2) + self._value_w,
                     self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout_columns()

    def value_column_width(self) -> int:
        """Room for the amounts: the widest of them always fits."""
        return self._value_w

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._relayout_columns()
            self.updateGeometry()

    def _row_at(self, y: float) -> SittingRow | None:
        i = int(y // self._row_height())
        return self._rows[i] if 0 <= i < len(self._rows) else None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event = cast(QHelpEvent, event)
            row = self._row_at(help_event.pos().y())
            if row is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(help_event.globalPos(), row.description, self)
            return True
        return super().event(event)

    # --- painting ---------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fm = self.fontMetrics()
        gap = fm.horizontalAdvance("x")
        row_h = self._row_height()
        bar_left = self._name_w + gap
        bar_w = max(self.width() - bar_left - self._value_w - gap * 2, 10)
        text = pal.color(QPalette.ColorRole.WindowText)
        background = pal.color(QPalette.ColorRole.Window)
        muted = readable_on(muted_colour(pal), background)
        # Bars and marks 3:1 against the background, words 4.5:1 (WCAG AA), light or dark.
        ok = readable_on(QColor(OKABE_ITO["bluish_green"]), background, GRAPHIC_CONTRAST)
        # A flagged sitting in its finding's colour, as the findings list and the grid show it.
        flag = severity_colour(SITTING_SEVERITY)
        too_much = readable_on(flag, background, GRAPHIC_CONTRAST)
        too_much_text = readable_on(flag, background, TEXT_CONTRAST)
        zone = QColor(OKABE_ITO["orange"])
        zone.setAlpha(60)

        def x(v: float) -> float:
            return bar_left + min(v / self._scale, 1.0) * bar_w

        for i, row in enumerate(self._rows):
            top = i * row_h
            line = QRectF(0, top, self.width(), row_h)
            p.setPen(muted if row.empty else text)
            p.drawText(QRectF(0, top, self._name_w, row_h), Qt.AlignmentFlag.AlignLeft
                       | Qt.AlignmentFlag.AlignVCenter, self._names[i])
            bar = QRectF(bar_left, line.center().y() - row_h * 0.3, bar_w, row_h * 0.6)
            # The soft cap: a shaded, hatched zone from 500 to 600 mg, a firm line at 600.
            p.setPen(Qt.PenStyle.NoPen)
            track = QColor(pal.color(QPalette.ColorRole.Mid))
            track.setAlpha(50)
            p.setBrush(track)
            p.drawRect(bar)
            zone_rect = QRectF(x(self._soft_low), bar.top(), x(self._soft_high) - x(self._soft_low),
                               bar.height())
            p.setBrush(zone)
            p.drawRect(zone_rect)
            p.setBrush(QBrush(QColor(OKABE_ITO["orange"]).darker(120), Qt.BrushStyle.BDiagPattern))
            p.drawRect(zone_rect)
            if not row.empty and row.value > 0:
                fill = too_much if row.flagged else ok
                inner = bar.adjusted(0, bar.height() * 0.2, 0, -bar.height() * 0.2)
                p.setBrush(fill)
                p.drawRect(QRectF(bar_left, inner.top(), x(row.value) - bar_left, inner.height()))
                if row.lower_bound:
                    p.setPen(QPen(fill, 1.5, Qt.PenStyle.DashLine))
                    end = min(x(row.value) + inner.height() * 2, bar.right())
                    p.drawLine(QPointF(x(row.value), inner.center().y()),
                               QPointF(end, inner.center().y()))
                    p.setPen(Qt.PenStyle.NoPen)
            p.setPen(QPen(too_much, 2))
            p.drawLine(QPointF(x(self._soft_high), bar.top()), QPointF(x(self._soft_high), bar.bottom()))
            value_rect = QRectF(self.width() - self._value_w, top, self._value_w, row_h)
            colour = too_much_text if row.flagged else (muted if row.empty else text)
            p.setPen(colour)
            font = p.font()
            font.setBold(row.flagged)
            p.setFont(font)
            p.drawText(value_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       row.text)
            font.setBold(False)
            p.setFont(font)
        if not self._rows:
            p.setPen(muted)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       "No meals to show.")
        p.end()

