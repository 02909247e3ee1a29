"""The core's findings (warnings and notes) as a list model, and a delegate that wraps them."""

from __future__ import annotations

from collections.abc import Sequence
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


class FindingDelegate(QStyledItemDelegate):
    """Draws a finding as its symbol, the wrapped message, and its source on a smaller line."""

    def _layout(self, option: QStyleOptionViewItem, index: _Index) -> tuple[QRect, QRect, QRect, QFont]:
        fm = option.fontMetrics
        pad = max(3, fm.height() // 4)
        width = option.rect.width()
        if option.widget is not None:
            width = option.widget.viewport().width() if hasattr(option.widget, "viewport") else width
        symbol_w = fm.horizontalAdvance("⚠") + pad * 2
        text_w = max(width - symbol_w - pad, fm.horizontalAdvance("x") * 10)
        flags = int(Qt.TextFlag.TextWordWrap)
        message = fm.boundingRect(QRect(0, 0, text_w, 100_000), flags, index.data() or "")
        small = QFont(option.font)
        if small.pointSizeF() > 0:
            small.setPointSizeF(max(small.pointSizeF() * 0.9, 6.0))
        source_h = QFontMetrics(small).height()
        top = option.rect.top() + pad
        left = option.rect.left()
        return (QRect(left + pad, top, symbol_w - pad, fm.height()),
                QRect(left + symbol_w, top, text_w, message.height()),
                QRect(left + symbol_w, top + message.height(), text_w, source_h), small)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        _, message, source, _ = self._layout(option, index)
        pad = max(3, option.fontMetrics.height() // 4)
        return QSize(message.right() - option.rect.left(), source.bottom() - message.top() + pad * 2)

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
