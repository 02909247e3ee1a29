"""Search hits as a list model: one row per food, with its serving summary; drags a food id."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from bonewise.core.foods import FoodKind

FOOD_MIME = "application/x-bonewise-food"  # payload: the food id, UTF-8

FoodIdRole = Qt.ItemDataRole.UserRole + 1
SummaryRole = Qt.ItemDataRole.UserRole + 2  # "1 cup (244 g): Ca 293 mg · …"
KindRole = Qt.ItemDataRole.UserRole + 3  # FoodKind value: "reference", "supplement", "custom"
BadgeRole = Qt.ItemDataRole.UserRole + 4  # "supplement", "my food" or ""

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

_BADGES = {FoodKind.SUPPLEMENT: "supplement", FoodKind.CUSTOM: "my food"}


@dataclass(frozen=True)
class HitRow:
    """One search hit as the list shows it."""

    food_id: str
    name: str
    kind: FoodKind
    group: str
    summary: str  # the five target nutrients in a usual serving


class FoodHitModel(QAbstractListModel):
    """Rows of :class:`HitRow`; the browser fills it from the food store."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[HitRow, ...] = ()

    def set_rows(self, rows: Sequence[HitRow]) -> None:
        rows = tuple(rows)
        if rows == self._rows:
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rows(self) -> tuple[HitRow, ...]:
        return self._rows

    def row_of(self, food_id: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.food_id == food_id), None)

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role == FoodIdRole:
            return row.food_id
        if role == SummaryRole:
            return row.summary
        if role == KindRole:
            return row.kind.value
        if role == BadgeRole:
            return _BADGES.get(row.kind, "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.name}\n{row.group}\n{row.summary}" if row.group else f"{row.name}\n{row.summary}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            badge = _BADGES.get(row.kind)
            return f"{row.name}{f' ({badge})' if badge else ''}. {row.summary}"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemNeverHasChildren)

    def mimeTypes(self) -> list[str]:
        return [FOOD_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData | None:  # type: ignore[override]  # None: nothing to drag
        rows = [i.row() for i in indexes if i.isValid() and 0 <= i.row() < len(self._rows)]
        if not rows:
            return None
        mime = QMimeData()
        # One food per drag: the grid places a single food where it is dropped.
        row = self._rows[rows[0]]
        mime.setData(FOOD_MIME, row.food_id.encode("utf-8"))
        mime.setText(row.name)
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction
