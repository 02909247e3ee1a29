"""People ▸ Health record: the dated entries of one person's record, and a form to add one.

The table is a real model/view (``RecordModel`` over ``core.record``), newest
entry first. Adding and removing go through ``PlanDocument``, so each is one
undo step (Ctrl+Z in the main window) and the window's dose reminder follows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bonewise.core.record import (
    ITEMS,
    KIND_NAMES,
    HealthRecord,
    Interval,
    Kind,
    RecordEntry,
    dose_reminders,
)
from bonewise.core.rules import check_record_entry
from bonewise.core.targets import ng_per_ml_from_nmol
from bonewise.errors import BonewiseError

if TYPE_CHECKING:
    from bonewise.ui.document import PlanDocument

COLUMNS = ("Date", "What", "Value")
EntryIdRole = Qt.ItemDataRole.UserRole + 1
INTERVALS = (("every week", "1w"), ("every month", "1m"), ("every 3 months", "3m"),
             ("every 6 months", "6m"), ("every year", "12m"))  # fmt: skip
# What the value fields mean for each kind: (first field's label, second field's label or "").
VALUE_FIELDS = {
    Kind.AROMATASE_INHIBITOR: ("", ""),
    Kind.BONE_DRUG_DOSE: ("", ""),
    Kind.DXA: ("T-score:", ""),
    Kind.VITAMIN_D: ("Level:", ""),
    Kind.FRAX: ("Major osteoporotic (%):", "Hip (%):"),
    Kind.FALLS: ("Falls in the last year:", ""),
    Kind.EXERCISE: ("Minutes a week:", ""),
}


class RecordModel(QAbstractTableModel):
    """One row per record entry, newest first: date, what, value."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: tuple[RecordEntry, ...] = ()

    def set_record(self, record: HealthRecord) -> None:
        self.beginResetModel()
        self._entries = tuple(reversed(record.entries))
        self.endResetModel()

    def entry(self, row: int) -> RecordEntry:
        return self._entries[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (entry.date.strftime("%d %b %Y").lstrip("0"), entry.label, entry.value_text)[index.column()]
        if role == EntryIdRole:
            return entry.id
        return None


class RecordTab(QWidget):
    """The Health record tab of the People dialog."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._today = today or document.today  # the window's clock unless given one
        self._person_id: int | None = None

        intro = QLabel(
            "What the bone clinic asks about, each with its date; older values are kept as "
            "history. Bonewise records what you enter and gives no advice on drugs.", self)
        intro.setWordWrap(True)
        self.reminder = QLabel(self)
        self.reminder.setWordWrap(True)
        self.reminder.setAccessibleName("Next bone-drug dose")
        bold = self.reminder.font()  # bold only: the size still follows View ▸ Zoom
        bold.setBold(True)
        self.reminder.setFont(bold)
        self.model = RecordModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Health record")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.remove_button = QPushButton("Re&move Entry", self)
        self.remove_button.clicked.connect(self.remove_selected)

        self.kind = QComboBox(self)
        self.kind.setAccessibleName("What to record")
        for kind in Kind:
            self.kind.addItem(KIND_NAMES[kind], kind)
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        self.date.setAccessibleName("Date of the entry")
        self.item = QComboBox(self)
        self.item.setAccessibleName("Drug, site or kind")
        self.value = QLineEdit(self)
        self.value2 = QLineEdit(self)
        self.unit = QComboBox(self)
        self.unit.addItems(["ng/mL", "nmol/L"])
        self.unit.setAccessibleName("Unit of the blood level")
        self.interval = QComboBox(self)
        self.interval.setAccessibleName("How often the drug is given")
        for text, code in INTERVALS:
            self.interval.addItem(text, code)
        self.add_button = QPushButton("&Add to Record", self)
        self.add_button.setDefault(False)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_entry)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem with the entry")

        self.item_label = QLabel("&Which:", self)
        self.value_label = QLabel("&Value:", self)
        self.value2_label = QLabel("Se&cond value:", self)
        self.interval_label = QLabel("&Given:", self)
        for label, field in ((self.item_label, self.item), (self.value_label, self.value),
                             (self.value2_label, self.value2), (self.interval_label, self.interval)):  # fmt: skip
            label.setBuddy(field)
        self.form = QFormLayout()
        self.form.addRow("&Record:", self.kind)
        self.form.addRow("&Date:", self.date)
        self.form.addRow(self.item_label, self.item)
        value_row = QHBoxLayout()
        value_row.addWidget(self.value, 1)
        value_row.addWidget(self.unit)
        self.form.addRow(self.value_label, value_row)
        self.form.addRow(self.value2_label, self.value2)
        self.form.addRow(self.interval_label, self.interval)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reminder)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        document.record_changed.connect(self._record_changed)
        self._kind_changed()
        self.set_person(None)

    # -- showing ------------------------------------------------------------------------

    def set_person(self, person_id: int | None) -> None:
        """Show this person's record (None: a person not saved yet, nothing to show)."""
        self._person_id = person_id
        today = self._today()
        self.date.setDate(QDate(today.year, today.month, today.day))
        for widget in (self.table, self.add_button, self.remove_button, self.kind):
            widget.setEnabled(person_id is not None)
        self._refresh()

    def _record_changed(self, person_id: int) -> None:
        if person_id == self._person_id:
            self._refresh()

    def _refresh(self) -> None:
        record = self._document.record(self._person_id) if self._person_id is not None else HealthRecord()
        self.model.set_record(record)
        self.table.resizeColumnsToContents()
        reminders = dose_reminders(record, self._today())
        self.reminder.setText(" ".join(r.message for r in reminders))
        self.reminder.setVisible(bool(reminders))
        self.problem.clear()

    def _kind_changed(self) -> None:
        """Show the fields the chosen kind of entry has, named for what they hold."""
        kind = Kind(self.kind.currentData())
        items = ITEMS[kind]
        self.item.clear()
        if items is not None:
            self.item.addItems([i.value for i in items])
        first, second = VALUE_FIELDS[kind]
        self.value_label.setText(f"&{first}" if first else "&Value:")
        self.value2_label.setText(second or "Second value:")
        shown = ((self.item_label, self.item, items is not None), (self.value_label, self.value, bool(first)),
                 (self.value2_label, self.value2, bool(second)),
                 (self.interval_label, self.interval, kind is Kind.BONE_DRUG_DOSE))  # fmt: skip
        for label, field, visible in shown:
            label.setVisible(visible)
            field.setVisible(visible)
        self.unit.setVisible(kind is Kind.VITAMIN_D)
        if kind is Kind.BONE_DRUG_DOSE:
            self.interval.setCurrentIndex(3)  # every 6 months, as for denosumab
        self.value.setPlaceholderText({Kind.DXA: "e.g. −2.1", Kind.VITAMIN_D: "e.g. 32",
                                       Kind.FRAX: "e.g. 12", Kind.FALLS: "e.g. 0",
                                       Kind.EXERCISE: "e.g. 60"}.get(kind, ""))  # fmt: skip

    # -- editing ------------------------------------------------------------------------

    def entry_from_form(self) -> RecordEntry:
        """The entry the form describes; BonewiseError with one sentence otherwise."""
        from bonewise.ui.people import parse_number

        kind = Kind(self.kind.currentData())
        date = cast(dt.date, self.date.date().toPython())
        item = self.item.currentText() if ITEMS[kind] is not None else ""
        first, second = VALUE_FIELDS[kind]
        value = parse_number(self.value.text(), first.rstrip(":")) if first else None
        value2 = parse_number(self.value2.text(), second.rstrip(":")) if second else None
        if first and value is None and not (kind is Kind.FRAX and value2 is not None):
            raise BonewiseError(f"{KIND_NAMES[kind]}: type the {first.rstrip(':').lower()}.")
        if kind is Kind.VITAMIN_D and value is not None and self.unit.currentText() == "nmol/L":
            value = round(ng_per_ml_from_nmol(value), 1)
        interval = Interval.parse(self.interval.currentData()) if kind is Kind.BONE_DRUG_DOSE else None
        return check_record_entry(RecordEntry(kind, date, item, value, value2, interval), today=self._today())

    def add_entry(self) -> bool:
        if self._person_id is None:
            return False
        try:
            entry = self.entry_from_form()
            self._document.add_record_entries(self._person_id, [entry])
        except BonewiseError as exc:
            self.problem.setText(str(exc))
            return False
        self.value.clear()
        self.value2.clear()
        return True

    def remove_selected(self) -> bool:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if self._person_id is None or not rows:
            self.problem.setText("Select the entries to remove first.")
            return False
        ids = [self.model.entry(r).id for r in rows]
        try:
            self._document.remove_record_entries(self._person_id, ids)
        except BonewiseError as exc:
            self.problem.setText(str(exc))
            return False
        return True
