"""The core's findings (warnings and notes) as a list model, and a delegate that wraps them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from bonewise.ui.gauges.style import OKABE_ITO, muted_colour

if TYPE_CHECKING:
    from bonewise.core.checks import Finding

FindingRole = Qt.ItemDataRole.UserRole + 1  # the core Finding
SourceRole = Qt.ItemDataRole.UserRole + 2  # "Source: IOM 2011"
SymbolRole = Qt.ItemDataRole.UserRole + 3  # "⚠" or "ℹ"

_SYMBOLS = {"warning": "⚠", "info": "ℹ"}
_SEVERITY_WORDS = {"warning": "Warning", "info": "Note"}

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def finding_symbol(finding: Finding) -> str:
    return _SYMBOLS.get(finding.severity, "•")


def finding_where(finding: Finding) -> str:
    """The day (and meal) a finding is about, as a short phrase, or ""."""
    if finding.date is None:
        return ""
    day = f"{finding.date:%a} {finding.date.day} {finding.date:%b}"
    return day if finding.slot_id is None else f"{day}, {finding.slot_id.replace('-', ' ')}"


class FindingListModel(QAbstractListModel):
    """Read-only rows over a list of core ``Finding``s, in the order the core gives them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._findings: tuple[Finding, ...] = ()

    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Replace the list; does nothing (and so costs no relayout) when it is unchanged."""
        findings = tuple(findings)
        if findings == self._findings:
            return
        self.beginResetModel()
        self._findings = findings
        self.endResetModel()

    def findings(self) -> tuple[Finding, ...]:
        return self._findings

    def finding(self, row: int) -> Finding:
        return self._findings[row]

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._findings)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        f = self._findings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f.message
        if role == SourceRole:
            return f"Source: {f.source.short}"
        if role == SymbolRole:
            return finding_symbol(f)
        if role == FindingRole:
            return f
        if role == Qt.ItemDataRole.ToolTipRole:
            where = finding_where(f)
            lines = [f.message, f"Source: {f.source.citation or f.source.short}"]
            if where:
                lines.append(f"Click to show {where}.")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            severity = _SEVERITY_WORDS.get(f.severity, f.severity.capitalize())
            return f"{severity}: {f.message} Source: {f.source.short}."
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


@dataclass(frozen=True)
class _RowMetrics:
    pad: int
    symbol_w: int
    text_w: int
    line_h: int
    small: QFont
    small_h: int


class FindingDelegate(QStyledItemDelegate):
    """Draws a finding as its symbol, the wrapped message, and its source on a smaller line."""

    _CACHE_LIMIT = 4000

    def __init__(self, parent=None):
        super().__init__(parent)
        # Wrapping a sentence is the costly part of a row's size, and the same sentences come
        # back after every edit (the list is rebuilt each time), so their heights are kept,
        # as are the few measures that depend only on the font and the width.
        self._heights: dict[tuple[str, int, str], int] = {}
        self._metrics: dict[tuple[str, int], _RowMetrics] = {}

    def _row_metrics(self, option: QStyleOptionViewItem) -> _RowMetrics:
        widget = option.widget
        width = widget.viewport().width() if hasattr(widget, "viewport") else option.rect.width()
        key = (option.font.key(), width)
        metrics = self._metrics.get(key)
        if metrics is None:
            fm = option.fontMetrics
            pad = max(3, fm.height() // 4)
            symbol_w = fm.horizontalAdvance("⚠") + pad * 2
            small = QFont(option.font)
            if small.pointSizeF() > 0:
                small.setPointSizeF(max(small.pointSizeF() * 0.9, 6.0))
            metrics = _RowMetrics(pad, symbol_w, max(width - symbol_w - pad, fm.horizontalAdvance("x") * 10),
                                  fm.height(), small, QFontMetrics(small).height())
            if len(self._metrics) > 64:
                self._metrics.clear()
            self._metrics[key] = metrics
        return metrics

    def _wrapped_height(self, option: QStyleOptionViewItem, width: int, text: str) -> int:
        key = (option.font.key(), width, text)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) >= self._CACHE_LIMIT:
                self._heights.clear()
            rect = option.fontMetrics.boundingRect(QRect(0, 0, width, 100_000),
                                                   int(Qt.TextFlag.TextWordWrap), text)
            height = self._heights[key] = rect.height()
        return height

    def _layout(self, option: QStyleOptionViewItem, index: _Index) -> tuple[QRect, QRect, QRect, QFont]:
        m = self._row_metrics(option)
        message_h = self._wrapped_height(option, m.text_w, index.data() or "")
        top = option.rect.top() + m.pad
        left = option.rect.left()
        return (QRect(left + m.pad, top, m.symbol_w - m.pad, m.line_h),
                QRect(left + m.symbol_w, top, m.text_w, message_h),
                QRect(left + m.symbol_w, top + message_h, m.text_w, m.small_h), m.small)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        m = self._row_metrics(option)
        message_h = self._wrapped_height(option, m.text_w, index.data() or "")
        return QSize(m.symbol_w + m.text_w, message_h + m.small_h + m.pad * 2)

    def paint(self, painter, option: QStyleOptionViewItem, index: _Index) -> None:
        # Only the row's background (selection, hover, focus) comes from the style; the text is ours.
        widget = option.widget
        if widget is not None:
            widget.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter,
                                         widget)
        symbol_rect, message_rect, source_rect, small = self._layout(option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        finding = index.data(FindingRole)
        symbol_colour = OKABE_ITO["vermillion"] if finding.severity == "warning" else OKABE_ITO["blue"]
        painter.setPen(option.palette.color(text_role) if selected else symbol_colour)
        painter.drawText(symbol_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                         index.data(SymbolRole))
        painter.setPen(option.palette.color(text_role))
        painter.drawText(message_rect, int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop),
                         index.data())
        painter.setFont(small)
        muted = option.palette.color(text_role)
        if not selected:
            muted = muted_colour(option.palette, QPalette.ColorRole.Text)
        painter.setPen(muted)
        painter.drawText(source_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                         index.data(SourceRole))
        painter.restore()
