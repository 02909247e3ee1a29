"""The week's findings as a tree: groups by kind with counts, heaviest first, then each finding.

The groups come from the core (``WeekSummary.warnings``): over a limit first, then
below a target, then notes. A group of one finding is shown as that finding; a
larger group is a heading ("Main meals with less than 20 g of protein: 5") whose
rows are its findings, each still pointing at its day and meal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView, QWidget

from bonewise.core.status import Severity

from bonewise.ui.colours import readable_on
from bonewise.ui.fitting import smaller_font
from bonewise.ui.gauges.style import muted_colour, severity_colour

if TYPE_CHECKING:
    from bonewise.core.checks import Finding, FindingGroup

FindingRole = Qt.ItemDataRole.UserRole + 1  # the core Finding (None on a group heading)
SourceRole = Qt.ItemDataRole.UserRole + 2  # "Source: IOM 2011"
SymbolRole = Qt.ItemDataRole.UserRole + 3  # "⚠", "▽" or "ℹ"
GroupRole = Qt.ItemDataRole.UserRole + 4  # the core FindingGroup the row belongs to
SeverityRole = Qt.ItemDataRole.UserRole + 5  # the core Severity


_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_TOP = 0  # internal id of a top-level row; a finding inside group g has id g + 1


def finding_where(finding: Finding) -> str:
    """The day (and meal) a finding is about, as a short phrase, or ""."""
    if finding.date is None:
        return ""
    day = f"{finding.date:%a} {finding.date.day} {finding.date:%b}"
    return day if finding.slot_id is None else f"{day}, {finding.slot_id.replace('-', ' ')}"


def _sources(findings: Sequence[Finding]) -> str:
    return "; ".join(dict.fromkeys(f.source.short for f in findings))


class FindingTreeModel(QAbstractItemModel):
    """Read-only tree over the core's finding groups, in the order the core gives them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: tuple[FindingGroup, ...] = ()

    def set_groups(self, groups: Sequence[FindingGroup]) -> None:
        """Replace the tree; does nothing (and so costs no relayout) when it is unchanged."""
        groups = tuple(groups)
        if groups == self._groups:
            return
        self.beginResetModel()
        self._groups = groups
        self.endResetModel()

    def groups(self) -> tuple[FindingGroup, ...]:
        return self._groups

    def findings(self) -> tuple[Finding, ...]:
        """Every finding, in the order shown."""
        return tuple(f for group in self._groups for f in group.findings)

    def finding_index(self, finding: Finding) -> QModelIndex:
        """The row that shows ``finding`` (invalid when it is not shown)."""
        for row, group in enumerate(self._groups):
            if finding in group.findings:
                if group.count == 1:
                    return self.index(row, 0)
                return self.index(group.findings.index(finding), 0, self.index(row, 0))
        return QModelIndex()

    # -- QAbstractItemModel ---------------------------------------------------------------------

    def index(self, row: int, column: int = 0, parent: _Index = _ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _TOP) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != _TOP or parent.row() >= len(self._groups):
            return QModelIndex()
        group = self._groups[parent.row()]
        if group.count < 2 or row >= group.count:
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, index: _Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: _Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0 or parent.internalId() != _TOP:
            return 0
        group = self._groups[parent.row()]
        return group.count if group.count > 1 else 0

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 1

    def _row(self, index: _Index) -> tuple[FindingGroup, Finding | None] | None:
        """(group, finding) of a row; the finding is None on a group heading."""
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            if not 0 <= index.row() < len(self._groups):
                return None
            group = self._groups[index.row()]
            return group, (group.findings[0] if group.count == 1 else None)
        group = self._groups[index.internalId() - 1]
        return (group, group.findings[index.row()]) if 0 <= index.row() < group.count else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        if row is None:
            return None
        group, finding = row
        if role == FindingRole:
            return finding
        if role == GroupRole:
            return group
        if role == SeverityRole:
            return group.severity
        if role == SymbolRole:
            return group.severity.symbol
        if finding is None:
            return self._heading_data(group, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return finding.message
        if role == SourceRole:
            return f"Source: {finding.source.short}"
        if role == Qt.ItemDataRole.ToolTipRole:
            where = finding_where(finding)
            lines = [finding.message, f"Source: {finding.source.citation or finding.source.short}"]
            if where:
                lines.append(f"Click to show {where}.")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{group.severity.words}: {finding.message} Source: {finding.source.short}."
        return None

    def _heading_data(self, group: FindingGroup, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return group.heading
        if role == SourceRole:
            sources = _sources(group.findings)
            return f"{'Sources' if ';' in sources else 'Source'}: {sources}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{group.heading}. Open the group to see each one; click one to show its day."
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{group.severity.words}: {group.heading}."
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.rowCount(index) == 0:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags


class FindingTreeView(QTreeView):
    """The tree of findings; rows are wrapped text, so a new width lays them out again.

    (A QTreeView keeps row heights until its model changes; wrapped rows need new
    heights whenever the width changes.)
    """

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()


@dataclass(frozen=True)
class _RowMetrics:
    pad: int
    symbol_w: int
    text_w: int
    line_h: int
    small: QFont
    small_h: int


class FindingDelegate(QStyledItemDelegate):
    """Draws a row as its symbol, the wrapped message, and its source on a smaller line."""

    _CACHE_LIMIT = 4000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Wrapping a sentence is the costly part of a row's size, and the same sentences come
        # back after every edit (the tree is rebuilt each time), so their heights are kept,
        # as are the few measures that depend only on the font and the width.
        self._heights: dict[tuple[str, int, str], int] = {}
        self._metrics: dict[tuple[str, int], _RowMetrics] = {}

    def _row_metrics(self, option: QStyleOptionViewItem, index: _Index) -> _RowMetrics:
        widget: Any = option.widget  # a view: a tree has indentation and root arrows
        width = widget.viewport().width() if hasattr(widget, "viewport") else option.rect.width()
        if hasattr(widget, "indentation"):  # a tree: each level, and the root's arrows, take room
            levels = (1 if index.parent().isValid() else 0) + (1 if widget.rootIsDecorated() else 0)
            width -= widget.indentation() * levels
        key = (option.font.key(), width)
        metrics = self._metrics.get(key)
        if metrics is None:
            fm = option.fontMetrics
            pad = max(3, fm.height() // 4)
            symbol_w = fm.horizontalAdvance("⚠") + pad * 2
            small = smaller_font(option.font)
            metrics = _RowMetrics(pad, symbol_w, max(width - symbol_w - pad, fm.horizontalAdvance("x") * 10),
                                  fm.height(), small, QFontMetrics(small).height())
            if len(self._metrics) > 64:
                self._metrics.clear()
            self._metrics[key] = metrics
        return metrics

    def _wrapped_height(self, option: QStyleOptionViewItem, font: QFont, width: int, text: str) -> int:
        key = (font.key(), width, text)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) >= self._CACHE_LIMIT:
                self._heights.clear()
            rect = QFontMetrics(font).boundingRect(QRect(0, 0, width, 100_000),
                                                   int(Qt.TextFlag.TextWordWrap), text)
            height = self._heights[key] = rect.height()
        return height

    @staticmethod
    def _font(option: QStyleOptionViewItem, index: _Index) -> QFont:
        font = QFont(option.font)
        if index.data(FindingRole) is None:
            font.setBold(True)
        return font

    def _layout(self, option: QStyleOptionViewItem, index: _Index) -> tuple[QRect, QRect, QRect, QFont]:
        m = self._row_metrics(option, index)
        message_h = self._wrapped_height(option, self._font(option, index), m.text_w, index.data() or "")
        top = option.rect.top() + m.pad
        left = option.rect.left()
        return (QRect(left + m.pad, top, m.symbol_w - m.pad, m.line_h),
                QRect(left + m.symbol_w, top, m.text_w, message_h),
                QRect(left + m.symbol_w, top + message_h, m.text_w, m.small_h), m.small)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        m = self._row_metrics(option, index)
        message_h = self._wrapped_height(option, self._font(option, index), m.text_w, index.data() or "")
        return QSize(m.symbol_w + m.text_w, message_h + m.small_h + m.pad * 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        # Only the row's background (selection, hover, focus) comes from the style; the text is ours.
        widget = option.widget
        if widget is not None:
            widget.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter,
                                         widget)
        symbol_rect, message_rect, source_rect, small = self._layout(option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        severity = index.data(SeverityRole)
        symbol_colour = readable_on(severity_colour(severity or Severity.NOTE),
                                    option.palette.color(QPalette.ColorRole.Base))
        painter.setPen(option.palette.color(text_role) if selected else symbol_colour)
        painter.drawText(symbol_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                         index.data(SymbolRole))
        painter.setPen(option.palette.color(text_role))
        painter.setFont(self._font(option, index))
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
