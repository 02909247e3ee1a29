"""WeekGridModel: the shown week plan as a table, meal slots as rows and days as columns.

The model is a thin adapter: ``data()`` reads the document's current WeekPlan.
The only thing it keeps is a per-cell render cache (item lines and the meal's
calcium), dropped for the days a PlanChange names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from bonewise.core.clipboard import ClipboardItems, CopiedItem, Located, items_from_json, items_json
from bonewise.core.foods import Food
from bonewise.core.measures import amount_of
from bonewise.core.plan import Entry, MealSlot
from bonewise.core.totals import Total, format_number, meal_totals
from bonewise.core.words import counted
from bonewise.errors import BonewiseError

from bonewise.ui.colours import secondary_text
from bonewise.ui.foodbrowser.browser import FOOD_MIME

if TYPE_CHECKING:
    from bonewise.core.checks import Finding

    from bonewise.ui.document import PlanDocument, ShownChange

# Custom roles (what the delegate, the view and tests read).
EntriesRole = Qt.ItemDataRole.UserRole + 1  # tuple[Entry, ...] of the cell, in order
CellItemsRole = Qt.ItemDataRole.UserRole + 2  # tuple[CellItem, ...]: one display line per entry
CalciumRole = Qt.ItemDataRole.UserRole + 3  # core Total of calcium in this meal (one sitting)
DateRole = Qt.ItemDataRole.UserRole + 4  # dt.date of the column
SlotIdRole = Qt.ItemDataRole.UserRole + 5  # meal slot id of the row
NewEntryRole = Qt.ItemDataRole.UserRole + 6  # setData only: an Entry to add to the cell
FindingsRole = Qt.ItemDataRole.UserRole + 7  # tuple of core Findings about this meal
PastRole = Qt.ItemDataRole.UserRole + 8  # True for a day before today (drawn dimmed)

CELL_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.AccessibleDescriptionRole,
    EntriesRole,
    CellItemsRole,
    CalciumRole,
    FindingsRole,
]
FINDING_ROLES = [Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole, FindingsRole]

ENTRY_MIME = "application/x-bonewise-entries"  # JSON list of entries (clipboard, drag)
CALCIUM_KEY = "calcium_mg"


@dataclass(frozen=True)
class CellItem:
    """One line of a cell: which entry, what it is, how much."""

    entry_id: str
    name: str
    amount: str  # "1 cup (244 g)"
    calcium_mg: float | None  # None: the food has no calcium data

    @property
    def text(self) -> str:
        return f"{self.name} · {self.amount}"


@dataclass(frozen=True)
class _CellRender:
    items: tuple[CellItem, ...]
    calcium: Total


def amount_text(entry: Entry, food: Food | None) -> str:
    """How much, as people say it: "1 cup (244 g)", "150 g", "2 tablets", "1½ portions"."""
    return amount_of(entry, food).with_grams


class WeekGridModel(QAbstractTableModel):
    """Rows are the shown person's meal slots, columns the seven days of the shown week."""

    def __init__(self, document: PlanDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._slots: tuple[MealSlot, ...] = ()
        self._dates: tuple[dt.date, ...] = ()
        self._cache: dict[tuple[int, int], _CellRender] = {}
        self._findings: dict[tuple[dt.date, str], tuple] = {}
        self._load_shape()
        document.shown_changed.connect(self._on_shown_changed)
        document.plan_changed.connect(self._on_plan_changed)

    # -- shape -----------------------------------------------------------------------

    def _load_shape(self) -> None:
        person, week = self._document.person, self._document.week
        self._slots = tuple(person.slots) if person is not None and week is not None else ()
        self._dates = week.week.dates() if week is not None and person is not None else ()
        self._cache.clear()

    def reload(self) -> None:
        """Read every cell again (e.g. after a custom food was renamed or deleted)."""
        self._on_shown_changed()

    def _on_shown_changed(self) -> None:
        person, week = self._document.person, self._document.week
        slots = tuple(person.slots) if person is not None and week is not None else ()
        dates = week.week.dates() if week is not None and person is not None else ()
        if [s.id for s in slots] == [s.id for s in self._slots] and len(dates) == len(self._dates):
            # Same rows and columns (another week, or a renamed slot): keep the selection.
            self._slots, self._dates = slots, dates
            self._cache.clear()
            if slots:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(slots) - 1, len(dates) - 1), CELL_ROLES
                )
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(dates) - 1)
                self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(slots) - 1)
            return
        self.beginResetModel()
        self._load_shape()
        self.endResetModel()

    def _on_plan_changed(self, change: ShownChange) -> None:
        """Repaint only the meals whose items changed, and the headers whose note did."""
        for date, slot_id in change.cells:
            index = self.index_for(date, slot_id)
            if index.isValid():
                self._cache.pop((index.row(), index.column()), None)
                self.dataChanged.emit(index, index, CELL_ROLES)
        for date in change.notes:
            column = self.column_of(date)
            if column is not None:
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)

    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Attach the core's findings to the meals they name; repaint only cells that differ."""
        by_cell: dict[tuple[dt.date, str], list] = {}
        for finding in findings:
            if finding.date is not None and finding.slot_id is not None:
                by_cell.setdefault((finding.date, finding.slot_id), []).append(finding)
        new = {cell: tuple(found) for cell, found in by_cell.items()}
        changed = [c for c in new.keys() | self._findings.keys() if new.get(c) != self._findings.get(c)]
        self._findings = new
        for date, slot_id in changed:
            index = self.index_for(date, slot_id)
            if index.isValid():
                self.dataChanged.emit(index, index, FINDING_ROLES)

    def findings_at(self, index: QModelIndex | QPersistentModelIndex) -> tuple:
        if not self._valid(index):
            return ()
        return self._findings.get((self._dates[index.column()], self._slots[index.row()].id), ())

    # -- lookups used by the view ------------------------------------------------------

    @property
    def slots(self) -> tuple[MealSlot, ...]:
        return self._slots

    @property
    def dates(self) -> tuple[dt.date, ...]:
        return self._dates

    def column_of(self, date: dt.date) -> int | None:
        try:
            return self._dates.index(date)
        except ValueError:
            return None

    def row_of(self, slot_id: str) -> int | None:
        for row, slot in enumerate(self._slots):
            if slot.id == slot_id:
                return row
        return None

    def index_for(self, date: dt.date, slot_id: str) -> QModelIndex:
        row, column = self.row_of(slot_id), self.column_of(date)
        if row is None or column is None:
            return QModelIndex()
        return self.index(row, column)

    def entries(self, index: QModelIndex | QPersistentModelIndex) -> tuple[Entry, ...]:
        week = self._document.week
        if week is None or not self._valid(index):
            return ()
        return week.days[index.column()].entries(self._slots[index.row()].id)

    # -- Qt model API --------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._slots)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._dates)

    def _valid(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return (
            index.isValid()
            and index.model() is self
            and 0 <= index.row() < len(self._slots)
            and 0 <= index.column() < len(self._dates)
        )

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemIsDropEnabled
        )

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        if role == DateRole:
            return self._dates[index.column()]
        if role == SlotIdRole:
            return self._slots[index.row()].id
        if role == EntriesRole:
            return self.entries(index)
        if role == FindingsRole:
            return self.findings_at(index)
        if role == PastRole:
            return self._dates[index.column()] < self._document.today()
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.AccessibleDescriptionRole,
            CellItemsRole,
            CalciumRole,
        ):
            return None
        render = self._render(index)
        if role == CellItemsRole:
            return render.items
        if role == CalciumRole:
            return render.calcium
        if role == Qt.ItemDataRole.DisplayRole:
            return "\n".join(item.text for item in render.items)
        date = self._dates[index.column()]
        slot = self._slots[index.row()]
        warnings = [f.message for f in self.findings_at(index)]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return spoken_meal(slot.name, date, render.items, render.calcium, warnings)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            today = self._document.today()
            when = " (today)" if date == today else " (past)" if date < today else ""
            count = counted(len(render.items), "item") if render.items else "Nothing planned"
            return f"{date:%A} {date.day} {date:%B %Y}{when}. {count}. Type a food to add it."
        where = f"{slot.name}, {date:%A} {date.day} {date:%B}"
        if not render.items:
            return f"{where}: nothing planned yet. Type a food to add it."
        calcium = f"Calcium in this meal: {render.calcium.describe()}"
        return (
            f"<b>{_html(where)}</b><br>"
            + "<br>".join(_html(item.text) for item in render.items)
            + f"<br><i>{_html(calcium)}</i>"
            + "".join(f"<br>⚠ {_html(w)}" for w in warnings)
        )

    def _render(self, index: QModelIndex | QPersistentModelIndex) -> _CellRender:
        key = (index.row(), index.column())
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        doc = self._document
        entries = self.entries(index)
        items = []
        for entry in entries:
            food = doc.food(entry.food_id)
            calcium = None
            if food is not None:
                calcium = food.amount_in(CALCIUM_KEY, entry.grams)
            items.append(CellItem(entry.id, doc.item_name(entry), amount_text(entry, food), calcium))
        total = meal_totals(entries, doc.foods, doc.recipes, (CALCIUM_KEY,))[CALCIUM_KEY]
        render = _CellRender(tuple(items), total)
        self._cache[key] = render
        return render

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Adding through the model pushes an undo command; the model never edits itself."""
        if not self._valid(index) or role != NewEntryRole or not isinstance(value, Entry):
            return False
        try:
            return self._document.place(
                self._dates[index.column()], self._slots[index.row()].id, value
            )
        except BonewiseError as exc:  # called from Qt (a delegate): report, never raise
            self._document.error.emit(str(exc))
            return False

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._dates):
                return None
            date = self._dates[section]
            note = self._document.week.days[section].note if self._document.week else ""
            if role == Qt.ItemDataRole.DisplayRole:
                mark = "  ✎" if note else ""
                return f"{date:%a} {date.day}{mark}"  # the month is in the week navigator
            today = self._document.today()
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                text = f"{date:%A} {date.day} {date:%B %Y}"
                if date == today:
                    text += " (today)"
                elif date < today:
                    text += " (past)"
                return f"{text}\nNote: {note}" if note else text
            if role == Qt.ItemDataRole.FontRole and date == today:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole and date < today:
                palette = QGuiApplication.palette()
                return secondary_text(palette.color(QPalette.ColorRole.ButtonText),
                                      palette.color(QPalette.ColorRole.Button))
            if role == PastRole:
                return date < today
            if role == DateRole:
                return date
            return None
        if not 0 <= section < len(self._slots):
            return None
        slot = self._slots[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return two_lines(slot.name)  # "Afternoon\nsnack": a narrow header leaves the days room
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{slot.name} (main meal)" if slot.main_meal else slot.name
        if role == SlotIdRole:
            return slot.id
        return None

    # -- drag and drop, clipboard ----------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ENTRY_MIME, FOOD_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """All entries of the given cells, as ENTRY_MIME JSON and plain text lines."""
        cells = sorted({(i.column(), i.row()) for i in indexes if self._valid(i)})
        located = [
            (self._dates[c], self._slots[r].id, e)
            for c, r in cells
            for e in self.entries(self.index(r, c))
        ]
        return self.entries_mime(located)

    def entries_mime(self, located: Sequence[Located]) -> QMimeData:
        """Mime data for ``located`` = [(date, slot id, Entry)] of the shown week."""
        doc = self._document
        person_id = doc.person.id if doc.person is not None else None
        week = str(doc.iso_week) if doc.iso_week is not None else None
        return make_entries_mime(
            [CopiedItem(date, slot_id, entry, doc.item_name(entry), amount_text(entry, doc.food(entry.food_id)))
             for date, slot_id, entry in located],
            person_id,
            week,
        )


# -- the ENTRY_MIME payload (its JSON is core.clipboard's) ------------------------------------------


def make_entries_mime(located: Iterable[CopiedItem], person_id: int | None, week: str | None,
                      whole_day: bool = False) -> QMimeData:
    """ENTRY_MIME (the items as JSON) plus a plain-text version for other programs."""
    data, text = items_json(located, person_id, week, whole_day)
    mime = QMimeData()
    mime.setData(ENTRY_MIME, data)
    mime.setText(text)
    return mime


def read_entries_mime(mime: QMimeData | None) -> ClipboardItems:
    """Items from ENTRY_MIME; BonewiseError when the data is not a list of sane entries."""
    if mime is None or not mime.hasFormat(ENTRY_MIME):
        raise BonewiseError("The clipboard holds no meal items.")
    return items_from_json(bytes(mime.data(ENTRY_MIME).data()))


def spoken_amount(amount: str) -> str:
    """An amount as a screen reader needs it: the measure without the grams in brackets."""
    return amount.split(" (")[0]


def spoken_calcium(calcium: Total) -> str:
    """ "318 mg calcium", "at least 318 mg calcium", "calcium unknown"."""
    if calcium.known == 0:
        return "calcium unknown"
    amount = f"{format_number(calcium.value)} mg calcium"
    return amount if calcium.complete else f"at least {amount}"


def spoken_item(item: CellItem, position: int, count: int) -> str:
    """One item of a meal, with where it stands: "Milk, reduced fat 1 cup (244 g), 293 mg
    calcium, 2 of 3"."""
    calcium = ("calcium unknown" if item.calcium_mg is None
               else f"{format_number(item.calcium_mg)} mg calcium")
    return f"{item.name} {item.amount}, {calcium}, {position + 1} of {count}"


def spoken_meal(meal: str, date: dt.date, items: Sequence[CellItem], calcium: Total,
                warnings: Sequence[str] = ()) -> str:
    """What a screen reader says for a meal, item by item:
    "Breakfast, Monday: oats 1 cup, milk 1 cup, 318 mg calcium"."""
    where = f"{meal}, {date:%A}"
    if not items:
        return f"{where}: nothing planned"
    said = ", ".join(f"{item.name} {spoken_amount(item.amount)}" for item in items)
    return f"{where}: {said}, {spoken_calcium(calcium)}" + "".join(f". Warning: {w}" for w in warnings)


def two_lines(name: str) -> str:
    """``name`` over two lines, split at the space that makes the longer line shortest."""
    words = name.split(" ")
    if len(words) < 2:
        return name
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    first, second = min(splits, key=lambda pair: max(len(pair[0]), len(pair[1])))
    return f"{first}\n{second}"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

