"""MealCellDelegate: paints a meal as a list of items with amounts, and edits by typing a food.

A cell is a small list. The view keeps which item of the current cell is "current"
(``WeekGridView.current_entry_id``); the delegate paints that line highlighted and
tells the view which line a point falls on. Colours only repeat what text and
symbols already say.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from bonewise.core.checks import PER_SITTING_KINDS, SITTING_MARK
from bonewise.core.status import Severity
from bonewise.core.totals import format_number

from bonewise.ui.colours import mix, readable_on, secondary_text
from bonewise.ui.fitting import smaller_font
from bonewise.ui.gauges.style import severity_colour
from bonewise.ui.weekgrid.editor import FoodEntryEditor
from bonewise.ui.weekgrid.model import (
    CalciumRole,
    CellItemsRole,
    FindingsRole,
    NewEntryRole,
    PastRole,
)

if TYPE_CHECKING:
    from bonewise.core.checks import Finding
    from bonewise.core.totals import Total

    from bonewise.ui.document import PlanDocument

PAD_X = 6
PAD_Y = 4
LINE_GAP = 2
MIN_WIDTH = 110
COMPACT_BELOW_CHARS = 28  # cells narrower than this many "x" show each item on two lines
NARROWEST_CALCIUM = "Ca 888 mg"  # a day is at least this wide, however little it holds
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
PAST_WASH = 0.07  # how much of the text colour tints the cells of past days


_SMALL: dict[str, QFont] = {}
_ITEM_HEIGHTS: dict[tuple[str, bool], int] = {}
_HINT_WIDTHS: dict[tuple[str, str], int] = {}  # (small font's key, calcium line) -> its width


def _small(font: QFont) -> QFont:
    """The font for amounts and the calcium line: 85 % of ``font`` (made once per font)."""
    key = font.key()
    if key not in _SMALL:
        _SMALL[key] = smaller_font(font, 0.85)
    return _SMALL[key]


def fit_name(name: str, metrics: QFontMetrics, width: float) -> str:
    """The most of ``name`` that fits: whole, cut at a comma, else elided.

    USDA names run from general to specific ("Fish, sardine, Atlantic, canned in
    oil, …"), so dropping the last parts keeps what identifies the food. The first
    two parts stay together ("Nuts, alm…" rather than "Nuts"), and bracketed
    chemistry goes before the words do. The full name is always in the tooltip.
    """
    if metrics.horizontalAdvance(name) <= width:
        return name
    plain = _PARENTHESES.sub("", name).strip()
    for text in (name, plain):
        parts = text.split(", ")
        for end in range(len(parts) - 1, 1, -1):
            head = ", ".join(parts[:end])
            if metrics.horizontalAdvance(head) <= width:
                return head
    return metrics.elidedText(", ".join(plain.split(", ")[:2]), Qt.TextElideMode.ElideRight, int(width))


def fit_amount(amount: str, metrics: QFontMetrics, width: float) -> str:
    """The full amount if it fits, else the measure alone ("1 cup"), else elided."""
    if metrics.horizontalAdvance(amount) <= width:
        return amount
    short = amount.split(" (")[0]
    if metrics.horizontalAdvance(short) <= width:
        return short
    return metrics.elidedText(short, Qt.TextElideMode.ElideRight, int(width))


class MealCellDelegate(QStyledItemDelegate):
    """Draws each item ("name … amount", or name over amount in a narrow cell), then calcium."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        # Fitting text measures it several times; the same names are painted over and
        # over, so the fitted strings are kept (keyed by text, width and font).
        self._fitted: dict[tuple[str, str, int, str], str] = {}

    def _fit(self, fit: Callable[[str, QFontMetrics, float], str], text: str, metrics: QFontMetrics, font: QFont, width: float) -> str:
        key = (fit.__name__, text, int(width), font.key())
        found = self._fitted.get(key)
        if found is None:
            if len(self._fitted) > 20_000:
                self._fitted.clear()
            found = self._fitted[key] = fit(text, metrics, int(width))
        return found

    # -- geometry ---------------------------------------------------------------------

    @staticmethod
    def compact(font: QFont, width: int) -> bool:
        """True when a cell of ``width`` shows each item on two lines (name, then amount)."""
        return width < QFontMetrics(font).horizontalAdvance("x") * COMPACT_BELOW_CHARS

    @staticmethod
    def min_day_width(font: QFont, hints: Iterable[str] = ()) -> int:
        """The narrowest a day may get at ``font``: every calcium line in ``hints`` (those of
        the shown week) fits whole, and a day is never narrower than "Ca 888 mg"."""
        small = _small(font)
        key = small.key()
        if len(_HINT_WIDTHS) > 4096:
            _HINT_WIDTHS.clear()
        widths = []
        for hint in (NARROWEST_CALCIUM, *hints):
            width = _HINT_WIDTHS.get((key, hint))
            if width is None:  # measured once per font: the other days' figures stay as they were
                width = _HINT_WIDTHS[(key, hint)] = QFontMetrics(small).horizontalAdvance(hint)
            widths.append(width)
        return max(widths) + 2 * PAD_X + 4

    @staticmethod
    def item_height(font: QFont, width: int) -> int:
        """Height of one item: one line, or two (name, then a smaller amount) when narrow."""
        key = (font.key(), MealCellDelegate.compact(font, width))
        if key not in _ITEM_HEIGHTS:
            line = QFontMetrics(font).height() + LINE_GAP * 2
            _ITEM_HEIGHTS[key] = line + QFontMetrics(_small(font)).height() if key[1] else line
        return _ITEM_HEIGHTS[key]

    def item_rects(self, option_rect: QRect, font: QFont, count: int) -> list[QRect]:
        """Where each item is drawn inside a cell."""
        height = self.item_height(font, option_rect.width())
        return [
            QRect(option_rect.left() + 2, option_rect.top() + PAD_Y + i * height,
                  option_rect.width() - 4, height)
            for i in range(count)
        ]

    def item_at(self, option_rect: QRect, font: QFont, count: int, y: int) -> int | None:
        """The index of the item at height ``y``, or None (below the items)."""
        row = (y - option_rect.top() - PAD_Y) // self.item_height(font, option_rect.width())
        return int(row) if 0 <= row < count else None

    def insertion_y(self, option_rect: QRect, font: QFont, position: int) -> int:
        """Where a drop at ``position`` among the items is shown."""
        return option_rect.top() + PAD_Y + position * self.item_height(font, option_rect.width())

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        items = index.data(CellItemsRole) or ()
        view = option.widget
        width = view.columnWidth(index.column()) if hasattr(view, "columnWidth") else MIN_WIDTH
        height = PAD_Y * 2 + max(len(items), 1) * self.item_height(option.font, width)
        height += QFontMetrics(_small(option.font)).height() + LINE_GAP  # the calcium line
        return QSize(MIN_WIDTH, height)

    # -- painting -----------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        view = cast(QAbstractItemView | None, opt.widget)
        palette = opt.palette
        rect = opt.rect
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        is_current_cell = view is not None and view.currentIndex() == index
        focused_view = view is not None and view.hasFocus()
        group = QPalette.ColorGroup.Active if focused_view else QPalette.ColorGroup.Inactive
        items = index.data(CellItemsRole) or ()
        calcium = index.data(CalciumRole)
        findings = index.data(FindingsRole) or ()
        past = bool(index.data(PastRole))
        current_id = (
            view.current_entry_id() if is_current_cell and hasattr(view, "current_entry_id") else None  # type: ignore[union-attr]  # is_current_cell: there is a view
        )

        painter.save()
        base = palette.color(group, QPalette.ColorRole.Base)
        text_colour = palette.color(group, QPalette.ColorRole.Text)
        if past:
            # A day gone by: a grey wash and fainter (still readable) words.
            base = mix(base, text_colour, PAST_WASH)
            painter.fillRect(rect, base)
        if selected:
            # The view has already filled the cell with the highlight colour; a cell
            # here is a list, so its selection is a light tint and a frame instead
            # (mixed here: one opaque fill is much cheaper than blending).
            base = mix(base, palette.color(group, QPalette.ColorRole.Highlight), 0.15)
            painter.fillRect(rect, base)
            painter.setPen(palette.color(group, QPalette.ColorRole.Highlight))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        muted = secondary_text(text_colour, base)
        if past:
            text_colour = muted

        font = opt.font
        metrics = QFontMetrics(font)
        small = _small(font)
        small_metrics = QFontMetrics(small)
        compact = self.compact(font, rect.width())
        for item, box in zip(items, self.item_rects(rect, font, len(items)), strict=True):
            inner = box.adjusted(PAD_X - 2, LINE_GAP, -(PAD_X - 2), 0)
            # The current item: filled while the week has the keyboard focus, only outlined
            # when the focus is elsewhere, so where the keys act is always plain to see.
            is_current = item.entry_id == current_id and focused_view
            if item.entry_id == current_id:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                highlight = palette.color(group, QPalette.ColorRole.Highlight)
                painter.setPen(Qt.PenStyle.NoPen if is_current else highlight)
                painter.setBrush(highlight if is_current else Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(QRectF(box).adjusted(1.5, 0.5, -1.5, -0.5), 3, 3)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            colour = (palette.color(group, QPalette.ColorRole.HighlightedText)
                      if is_current else text_colour)
            if compact:
                name_rect = QRect(inner.left(), inner.top(), inner.width(), metrics.height())
                amount_rect = QRect(inner.left(), name_rect.bottom() + 1, inner.width(),
                                    small_metrics.height())
                amount = self._fit(fit_amount, item.amount, small_metrics, small, amount_rect.width())
                amount_font, align = small, Qt.AlignmentFlag.AlignLeft
            else:
                amount = self._fit(fit_amount, item.amount, metrics, font, inner.width() * 0.5)
                width = metrics.horizontalAdvance(amount)
                name_rect = QRect(inner.left(), inner.top(), inner.width() - width - 8,
                                  metrics.height())
                amount_rect = QRect(inner.left(), inner.top(), inner.width(), metrics.height())
                amount_font, align = font, Qt.AlignmentFlag.AlignRight
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(name_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             self._fit(fit_name, item.name, metrics, font, name_rect.width()))
            painter.setFont(amount_font)
            painter.setPen(colour if is_current else muted)
            painter.drawText(amount_rect, Qt.AlignmentFlag.AlignVCenter | align, amount)

        hint_rect = calcium_hint_rect(rect, font)
        painter.setFont(small)
        if items and calcium is not None:
            text, severity = calcium_hint(calcium, findings)
            painter.setPen(muted if severity is None else readable_on(severity_colour(severity), base))
            painter.drawText(hint_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
                             | Qt.TextFlag.TextDontClip,
                             self._fit(fit_calcium, text, small_metrics, small, hint_rect.width()))
        elif not items and is_current_cell:
            painter.setPen(muted)
            first = QRect(rect.left() + PAD_X, rect.top() + PAD_Y, rect.width() - 2 * PAD_X,
                          metrics.height() + 2 * LINE_GAP)
            painter.drawText(first, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             small_metrics.elidedText("Type to add…", Qt.TextElideMode.ElideRight,
                                                      first.width()))
        if is_current_cell and focused_view and not current_id:
            focus = QStyleOptionViewItem(opt)
            focus.rect = rect.adjusted(2, 2, -2, -2)
            focus.state |= QStyle.StateFlag.State_KeyboardFocusChange
            style = view.style() if view is not None else QApplication.style()
            style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, view)
        painter.restore()

    # -- editing: typing a food -----------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QWidget:
        slots = getattr(index.model(), "slots", ())
        slot_id = slots[index.row()].id if 0 <= index.row() < len(slots) else None
        editor = FoodEntryEditor(self._document, parent, slot_id)
        editor.accepted.connect(lambda: self._finish(editor, commit=True))
        editor.cancelled.connect(lambda: self._finish(editor, commit=False))
        return editor

    def _finish(self, editor: FoodEntryEditor, commit: bool) -> None:
        if commit:
            self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        """A new item each time: the editor starts empty (or with the key that opened it)."""

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex) -> None:
        # Only an entry the user confirmed with Enter is added; leaving the cell discards.
        entry = cast(FoodEntryEditor, editor).accepted_entry
        if entry is not None:
            cast(FoodEntryEditor, editor).accepted_entry = None
            model.setData(index, entry, NewEntryRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        rect = QRect(option.rect)
        hint = editor.sizeHint()
        holder = editor.parentWidget()
        viewport = holder.rect() if holder is not None else rect
        width = max(rect.width(), min(hint.width(), viewport.width()))
        left = min(rect.left(), max(0, viewport.right() - width))
        editor.setGeometry(QRect(left, rect.top(), width, hint.height()))

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        # The editor decides about Enter, Escape and losing focus itself (it must not
        # commit half-typed text); the base filter would commit on focus-out.
        if isinstance(editor, FoodEntryEditor) and event.type() in (
            QEvent.Type.KeyPress, QEvent.Type.FocusOut
        ):
            return False
        return super().eventFilter(editor, event)


def fit_calcium(text: str, metrics: QFontMetrics, width: float) -> str:
    """The calcium line, shortened only by words, never in its figure: "ℹ Ca ≥ 1,249 mg",
    else "ℹ ≥ 1,249 mg", else "ℹ ≥ 1,249" (the cell's tooltip says it in full)."""
    shorter = (text, text.replace("Ca ", "", 1), text.replace("Ca ", "", 1).removesuffix(" mg"))
    return next((t for t in shorter if metrics.horizontalAdvance(t) <= width), shorter[-1])


def calcium_hint_rect(option_rect: QRect, font: QFont) -> QRect:
    """Where the calcium line goes: at the foot of the cell, so a row's figures line up."""
    small_metrics = QFontMetrics(_small(font))
    return QRect(option_rect.left() + PAD_X, option_rect.bottom() - PAD_Y - small_metrics.height(),
                 option_rect.width() - 2 * PAD_X, small_metrics.height())


def calcium_hint(calcium: Total, findings: Sequence[Finding]) -> tuple[str, Severity | None]:
    """The cell's calcium line and the severity of the core's flag on this sitting (None: not flagged).

    "Ca 420 mg", "Ca ≥ 420 mg" (some foods without data), "ℹ Ca 720 mg" (flagged, with the mark of its finding).
    """
    flags = sorted((f.severity for f in findings if f.kind in PER_SITTING_KINDS), key=lambda s: s.rank)
    flagged = flags[0] if flags else None
    if calcium.known == 0:
        text = "Ca unknown"
    else:
        text = f"Ca {'≥ ' if calcium.unknown else ''}{format_number(calcium.value)} mg"
    return (f"{SITTING_MARK} {text}" if flagged else text), flagged
