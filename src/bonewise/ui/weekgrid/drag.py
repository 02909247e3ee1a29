"""Drag and drop in the week grid: what a drag carries, where a drop lands, the edit it makes.

``WeekGridView`` forwards its drag events to ``GridDragDrop``. A drop is one undo
step through the document: items dragged within the shown week move (Ctrl copies),
anything else is pasted, and a food from the browser is added with its usual serving.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeGuard

from PySide6.QtCore import QMimeData, QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import QTableView

from bonewise.core.clipboard import Located

from bonewise.ui.foodbrowser.browser import FOOD_MIME
from bonewise.ui.weekgrid.delegate import MealCellDelegate
from bonewise.ui.weekgrid.model import ENTRY_MIME, WeekGridModel, read_entries_mime

if TYPE_CHECKING:
    from bonewise.ui.document import PlanDocument

DropTarget = tuple[QModelIndex, int]  # the cell and the position among its items


def accepts(mime: QMimeData | None) -> TypeGuard[QMimeData]:
    """Whether ``mime`` holds meal items or a food from the browser."""
    return mime is not None and (mime.hasFormat(ENTRY_MIME) or mime.hasFormat(FOOD_MIME))


def insert_from_mime(document: PlanDocument, mime: QMimeData, date: dt.date, slot_id: str,
                     position: int | None) -> bool:
    """Add the items or the browser's food in ``mime`` to a meal at ``position`` (None: at the end)."""
    if mime.hasFormat(ENTRY_MIME):
        entries = [e for _, _, e in read_entries_mime(mime).entries]
        return document.paste_entries(entries, date, slot_id, position)
    food_id = bytes(mime.data(FOOD_MIME).data()).decode("utf-8", "replace")
    return document.add_food(date, slot_id, food_id, None, position)


class GridDragDrop:
    """The grid's drags and drops, and the line that shows where a drop will land."""

    def __init__(self, view: QTableView, model: WeekGridModel, delegate: MealCellDelegate,
                 document: PlanDocument, selected: Callable[[], Sequence[Located]],
                 attempt: Callable[[Callable[[], object]], bool]) -> None:
        self._view = view
        self._model = model
        self._delegate = delegate
        self._document = document
        self._selected = selected  # the items a drag carries
        self._attempt = attempt  # runs an edit, saying any BonewiseError
        self._target: DropTarget | None = None

    # -- the source ----------------------------------------------------------------------

    def start(self) -> None:
        located = self._selected()
        if not located:
            return
        mime = self._model.entries_mime(located)
        drag = QDrag(self._view)
        drag.setMimeData(mime)
        drag.setPixmap(self._pixmap(mime.text()))
        # The drop does the move as one undo step, so the source never removes anything
        # itself (QAbstractItemView would otherwise clear the dragged cells).
        drag.exec(Qt.DropAction.CopyAction | Qt.DropAction.MoveAction, Qt.DropAction.MoveAction)

    def _pixmap(self, text: str) -> QPixmap:
        view = self._view
        lines = text.splitlines()[:6]
        metrics = view.fontMetrics()
        width = min(360, max((metrics.horizontalAdvance(line) for line in lines), default=80) + 16)
        height = metrics.height() * len(lines) + 8
        pixmap = QPixmap(width, height)
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        painter.setBrush(view.palette().base())
        painter.setPen(view.palette().highlight().color())
        painter.drawRoundedRect(pixmap.rect().adjusted(0, 0, -1, -1), 4, 4)
        painter.setPen(view.palette().text().color())
        for i, line in enumerate(lines):
            painter.drawText(QRect(8, 4 + i * metrics.height(), width - 16, metrics.height()),
                             Qt.AlignmentFlag.AlignLeft,
                             metrics.elidedText(line, Qt.TextElideMode.ElideRight, width - 16))
        painter.end()
        return pixmap

    # -- the target ----------------------------------------------------------------------

    def _place(self, pos: QPoint) -> DropTarget:
        """The cell under ``pos`` and the position among its items to insert at."""
        index = self._view.indexAt(pos)
        if not index.isValid():
            return index, 0
        count = len(self._model.entries(index))
        lines = self._delegate.item_rects(self._view.visualRect(index), self._view.font(), count)
        return index, sum(1 for line in lines if line.center().y() < pos.y())

    def enter(self, event: QDragEnterEvent) -> None:
        if accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def move(self, event: QDragMoveEvent) -> None:
        index, position = self._place(event.position().toPoint())
        if not index.isValid() or not accepts(event.mimeData()):
            event.ignore()
            self._set_target(None)
            return
        copy = (
            event.mimeData().hasFormat(FOOD_MIME)
            or bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            or event.source() is not self._view
        )
        event.setDropAction(Qt.DropAction.CopyAction if copy else Qt.DropAction.MoveAction)
        event.accept()
        self._set_target((index, position))

    def leave(self) -> None:
        self._set_target(None)

    def _set_target(self, target: DropTarget | None) -> None:
        if target != self._target:
            self._target = target
            self._view.viewport().update()

    def drop_event(self, event: QDropEvent) -> None:
        self._set_target(None)
        index, position = self._place(event.position().toPoint())
        mime = event.mimeData()
        if not index.isValid() or not accepts(mime):
            event.ignore()
            return
        copy = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        self.drop(mime, index, position, copy=copy, from_self=event.source() is self._view)
        # Tell the source nothing is left for it to remove.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()

    def drop(self, mime: QMimeData, index: QModelIndex, position: int, *, copy: bool,
             from_self: bool) -> bool:
        """Put dropped foods or items into the cell ``index`` at ``position``."""
        date, slot_id = self._model.dates[index.column()], self._model.slots[index.row()].id
        doc = self._document

        def drop() -> bool:
            if from_self and mime.hasFormat(ENTRY_MIME):
                payload = read_entries_mime(mime)
                if doc.person is not None and (payload.person_id, payload.week) == (
                        doc.person.id, str(doc.iso_week)):
                    ids = [e.id for _, _, e in payload.entries]
                    return doc.move_entries(ids, date, slot_id, position, copy=copy)
            return insert_from_mime(doc, mime, date, slot_id, position)

        return self._attempt(drop)

    def paint_target(self) -> None:
        """Outline the cell a drop would land in, with a line where its items would go."""
        if self._target is None:
            return
        view = self._view
        index, position = self._target
        rect = view.visualRect(index)
        count = len(self._model.entries(index))
        y = self._delegate.insertion_y(rect, view.font(), position)
        painter = QPainter(view.viewport())
        pen = painter.pen()
        pen.setColor(view.palette().highlight().color())
        pen.setWidth(3)
        painter.setPen(pen)
        painter.drawRect(rect.adjusted(1, 1, -2, -2))
        if count:
            painter.drawLine(rect.left() + 4, y, rect.right() - 4, y)
        painter.end()
