"""Draws a search hit on two lines: the food's name (with a badge) and its serving summary."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from bonewise.ui.fitting import smaller_font
from bonewise.ui.foodbrowser.model import BadgeRole, SummaryRole
from bonewise.ui.gauges.style import muted_colour

_Index = QModelIndex | QPersistentModelIndex


class FoodHitDelegate(QStyledItemDelegate):
    """Name in bold on the first line, badge ("supplement", "my food") right-aligned,
    the serving summary muted on the second line; both elided to the row width."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        fm = option.fontMetrics
        pad = max(3, fm.height() // 4)
        small = QFontMetrics(smaller_font(option.font))
        return QSize(fm.horizontalAdvance("x") * 40, pad * 2 + fm.height() + small.height())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        # Only the row's background (selection, hover, focus) comes from the style; the text is ours.
        widget = option.widget
        if widget is not None:
            widget.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter,
                                         widget)

        fm = option.fontMetrics
        pad = max(3, fm.height() // 4)
        rect = option.rect.adjusted(pad * 2, pad, -pad * 2, -pad)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = option.palette
        text_colour = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = text_colour if selected else muted_colour(pal, QPalette.ColorRole.Text)
        small_font = smaller_font(option.font)
        small = QFontMetrics(small_font)

        painter.save()
        badge = index.data(BadgeRole) or ""
        badge_w = small.horizontalAdvance(badge) + pad * 2 if badge else 0
        if badge:
            badge_rect = QRect(rect.right() - badge_w + 1, rect.top() + (fm.height() - small.height()) // 2,
                               badge_w, small.height())
            painter.setPen(muted)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(badge_rect.adjusted(0, 0, -1, -1), 3, 3)
            painter.setFont(small_font)
            painter.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, badge)

        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_colour)
        name_w = rect.width() - (badge_w + pad if badge else 0)
        name = QFontMetrics(bold).elidedText(index.data() or "", Qt.TextElideMode.ElideRight, name_w)
        painter.drawText(QRect(rect.left(), rect.top(), name_w, fm.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)

        painter.setFont(small_font)
        painter.setPen(muted)
        summary = small.elidedText(index.data(SummaryRole) or "", Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.left(), rect.top() + fm.height(), rect.width(), small.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, summary)
        painter.restore()
