"""The details of one food: every nutrient per 100 g and per chosen measure, with sources."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from bonewise.core.foods import Food, FoodKind, Measure
from bonewise.core.nutrients import BY_KEY, NUTRIENTS, SUPPORTING_KEYS, TARGET_KEYS
from bonewise.core.totals import format_amount

from bonewise.ui.fitting import follow_zoom
from bonewise.ui.foodbrowser.summary import K2, is_k2_estimate, measure_text, per_100g

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

BONE_GROUP = "Bone health"
# Always listed, "unknown" when missing: the planned nutrients, the supporting row, and K1
# (which matters on warfarin). Other nutrients appear only when the food has a value.
_ALWAYS = TARGET_KEYS + ("vitamin_k1_ug",) + SUPPORTING_KEYS
_BONE_KEYS = TARGET_KEYS + ("vitamin_k1_ug",)
HUNDRED_GRAMS = Measure("g", 100.0, 100.0)
_GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_LINE_FLAGS = _GROUP_FLAGS | Qt.ItemFlag.ItemNeverHasChildren


@dataclass(frozen=True)
class NutrientLine:
    key: str
    label: str
    per_100g: str
    per_measure: str
    note: str  # tooltip: the K2 source, "unknown" explained


@dataclass(frozen=True)
class NutrientGroup:
    name: str
    lines: tuple[NutrientLine, ...]


def nutrient_groups(food: Food, measure: Measure) -> tuple[NutrientGroup, ...]:
    """The food's nutrients grouped by category, the bone-health ones first."""
    def line(key: str, label: str) -> NutrientLine:
        value = per_100g(food, key)
        if value is None:
            return NutrientLine(key, label, "unknown", "unknown",
                                "No data for this food; it counts as unknown, not as zero.")
        here = value * measure.grams / 100.0
        if is_k2_estimate(food, key) and food.k2 is not None:
            k2 = food.k2
            return NutrientLine(key, label, f"≈ {format_amount(value, key)}", f"≈ {format_amount(here, key)}",
                                f"Estimate from {k2.source} (evidence: {k2.evidence}), "
                                f"measured in: {k2.description}")
        return NutrientLine(key, label, format_amount(value, key), format_amount(here, key), "")

    groups = [NutrientGroup(BONE_GROUP, tuple(line(k, _label(k)) for k in _BONE_KEYS))]
    by_category: dict[str, list[NutrientLine]] = {}
    for nutrient in NUTRIENTS:
        if nutrient.key in _BONE_KEYS:
            continue
        if nutrient.key in _ALWAYS or per_100g(food, nutrient.key) is not None:
            by_category.setdefault(nutrient.category, []).append(line(nutrient.key, _label(nutrient.key)))
    groups.extend(NutrientGroup(name, tuple(lines)) for name, lines in by_category.items())
    return tuple(groups)


def _label(key: str) -> str:
    return BY_KEY[key].label


class NutrientTreeModel(QAbstractItemModel):
    """Categories as top-level rows, nutrients beneath; columns: name, per 100 g, per measure."""

    HEADERS = ("Nutrient", "per 100 g")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: tuple[NutrientGroup, ...] = ()
        self._measure_header = "per serving"

    def set_food(self, food: Food | None, measure: Measure = HUNDRED_GRAMS) -> None:
        self.beginResetModel()
        self._groups = nutrient_groups(food, measure) if food is not None else ()
        self._measure_header = f"per {measure_text(food, measure)}" if food is not None else "per serving"
        self.endResetModel()

    def groups(self) -> tuple[NutrientGroup, ...]:
        return self._groups

    # Top-level rows have internal id 0; a nutrient row's id is its group's row + 1.
    def index(self, row: int, column: int, parent: _Index = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        if parent.internalId() == 0:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: _Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: _Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()].lines)
        return 0

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 3

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            group = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return group.name
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        line = self._groups[index.internalId() - 1].lines[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = (line.label, line.per_100g, line.per_measure)[index.column()]
            if role == Qt.ItemDataRole.AccessibleTextRole and index.column() > 0:
                header = self.headerData(index.column(), Qt.Orientation.Horizontal)
                return f"{line.label} {header}: {text}"
            return text
        if role == Qt.ItemDataRole.ToolTipRole and line.note:
            return line.note
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and section == 2:
            return self._measure_header  # the column may be narrower than this header
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if section < len(self.HEADERS):
            return self.HEADERS[section]
        return self._measure_header if section == 2 else None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _GROUP_FLAGS if index.internalId() == 0 else _LINE_FLAGS


def k2_note(food: Food) -> str:
    """Where the K2 figure comes from and how firm it is; a literature value is an estimate."""
    value = per_100g(food, K2)
    if value is None:
        return ("K2 is unknown for this food: no published measurement is linked to it. "
                "It counts as unknown, not as zero.")
    if food.is_supplement:
        dose = food.measures[0] if food.measures else None
        amount = format_amount(value * dose.grams / 100.0, K2) if dose else format_amount(value, K2)
        text = f"K2 from the label: {amount} per {dose.name if dose else 'dose'}"
        source = food.k2.source if food.k2 is not None else food.source
        text += f" ({source})." if source else "."
    elif food.kind is not FoodKind.REFERENCE or food.k2 is None:
        return f"K2 as entered for this food: {format_amount(value, K2)} per 100 g."
    else:
        k2 = food.k2
        text = (f"K2 is an estimate: {format_amount(k2.ug_per_100g, K2)} per 100 g, from {k2.source} "
                f"({k2.description}; evidence: {k2.evidence}). Menaquinone content varies a lot "
                "between products and regions.")
    note = food.k2.note if food.k2 is not None else ""
    return f"{text} {note}".strip() if note else text


def k2_summary(food: Food) -> str:
    """One line about the K2 figure for the pane; ``k2_note`` has the whole story."""
    value = per_100g(food, K2)
    if value is None:
        return "K2: unknown for this food (no published measurement); it counts as unknown, not zero."
    if food.is_supplement:
        dose = food.measures[0] if food.measures else None
        if dose is None:
            return f"K2 from the label: {format_amount(value, K2)} per 100 g."
        return f"K2 from the label: {format_amount(value * dose.grams / 100.0, K2)} per {dose.name}."
    if food.kind is not FoodKind.REFERENCE or food.k2 is None:
        return f"K2 as entered for this food: {format_amount(value, K2)} per 100 g."
    if not food.k2.complete:
        return (f"K2 at least {format_amount(value, K2)} per 100 g, an estimate from some menaquinones only "
                f"({food.k2.source}; evidence: {food.k2.evidence}).")
    return (f"K2 ≈ {format_amount(value, K2)} per 100 g is an estimate "
            f"({food.k2.source}; evidence: {food.k2.evidence}).")


def _title_font(font: QFont) -> QFont:
    """The food's name: bold, a little larger than the text."""
    title = QFont(font)
    title.setBold(True)
    if font.pointSizeF() > 0:
        title.setPointSizeF(font.pointSizeF() * 1.15)
    else:
        title.setPixelSize(round(font.pixelSize() * 1.15))
    return title


class FoodDetails(QWidget):
    """Name, source, a measure chooser and the nutrient tree; edit/delete for the user's foods."""

    edit_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._food: Food | None = None
        self._measures: tuple[Measure, ...] = ()
        self._title = QLabel()
        follow_zoom(self._title, _title_font)
        self._title.setWordWrap(True)
        self._title.setTextFormat(Qt.TextFormat.PlainText)
        self._title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._meta = QLabel()
        self._meta.setWordWrap(True)
        self._meta.setTextFormat(Qt.TextFormat.PlainText)
        self._measure = QComboBox()
        self._measure.setAccessibleName("Amount to show")
        self._measure.currentIndexChanged.connect(self._on_measure)
        self._model = NutrientTreeModel(self)
        self._tree = QTreeView()
        self._tree.setModel(self._model)
        self._tree.setUniformRowHeights(True)
        self._tree.setAlternatingRowColors(True)
        self._tree.setAccessibleName("Nutrients")
        header = self._tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The amount columns are sized from our own strings (see _fit_columns): asking the view
        # to size them to their contents measures every cell through the style on each food.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self._k2 = QLabel()
        self._k2.setWordWrap(True)
        self._k2.setTextFormat(Qt.TextFormat.PlainText)
        self._k2.setAccessibleName("About the K2 value")
        self._edit = QPushButton("Edit…")
        self._delete = QPushButton("Delete…")
        self._edit.clicked.connect(lambda: self._food and self.edit_requested.emit(self._food.id))
        self._delete.clicked.connect(lambda: self._food and self.delete_requested.emit(self._food.id))

        form = QFormLayout()
        form.addRow("Show amounts for", self._measure)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._edit)
        buttons.addWidget(self._delete)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._title)
        layout.addWidget(self._meta)
        layout.addLayout(form)
        layout.addWidget(self._tree, 1)
        layout.addWidget(self._k2)
        layout.addLayout(buttons)
        self.set_food(None)

    @property
    def food(self) -> Food | None:
        return self._food

    def model(self) -> NutrientTreeModel:
        return self._model

    def tree(self) -> QTreeView:
        return self._tree

    def set_food(self, food: Food | None, measure: Measure | None = None) -> None:
        """Show ``food`` with amounts for ``measure`` (default: 100 g)."""
        self._food = food
        editable = food is not None and food.id.startswith("u")
        self._edit.setVisible(editable)
        self._delete.setVisible(editable)
        self._measure.blockSignals(True)
        self._measure.clear()
        if food is None:
            self._title.setText("No food selected")
            self._meta.setText("Search for a food to see its nutrients.")
            self._measures = ()
            self._k2.clear()
            self._k2.setToolTip("")
            self._measure.setEnabled(False)
            self._model.set_food(None)
            self._measure.blockSignals(False)
            return
        self._title.setText(food.name)
        kind = {FoodKind.SUPPLEMENT: "Supplement", FoodKind.CUSTOM: "My food"}.get(food.kind, "Food")
        meta = [kind, food.group or food.aisle, f"Source: {food.source}" if food.source else ""]
        self._meta.setText(" · ".join(p for p in meta if p))
        self._measures = food.measures if food.is_supplement else food.measures + (HUNDRED_GRAMS,)
        for m in self._measures:
            self._measure.addItem(measure_text(food, m))
        chosen = measure if measure in self._measures else self._measures[0] if self._measures else HUNDRED_GRAMS
        self._measure.setCurrentIndex(self._measures.index(chosen) if chosen in self._measures else -1)
        self._measure.setEnabled(len(self._measures) > 1)
        self._measure.blockSignals(False)
        self._k2.setText(k2_summary(food))
        note = k2_note(food)
        self._k2.setToolTip(note)
        self._k2.setAccessibleDescription(note)
        self._model.set_food(food, chosen)
        # A supplement's dose has a nominal weight, so "per 100 g" would mean nothing.
        self._tree.setColumnHidden(1, food.is_supplement)
        self._fit_columns()
        self._tree.expandAll()

    def _on_measure(self, row: int) -> None:
        if self._food is not None and 0 <= row < len(self._measures):
            self._model.set_food(self._food, self._measures[row])
            self._fit_columns()
            self._tree.expandAll()

    def _fit_columns(self) -> None:
        """Width of the amount columns: their widest value plus the cell margins.

        A header counts only up to the width of "per serving": a long measure name
        ("per 1 cup, drained (149 g)") would otherwise squeeze the nutrient names,
        and the measure is spelled out in the chooser above and the header's tooltip.
        """
        fm = self._tree.fontMetrics()
        header_fm = self._tree.header().fontMetrics()
        margin = fm.horizontalAdvance("xx") + 2 * self._tree.style().pixelMetric(
            self._tree.style().PixelMetric.PM_FocusFrameHMargin)
        lines = [line for group in self._model.groups() for line in group.lines]
        for column, attr in ((1, "per_100g"), (2, "per_measure")):
            header = self._model.headerData(column, Qt.Orientation.Horizontal) or ""
            header_width = min(header_fm.horizontalAdvance(header), header_fm.horizontalAdvance("per serving"))
            widest = max([fm.horizontalAdvance(getattr(line, attr)) for line in lines]
                         + [header_width + header_fm.horizontalAdvance("xx")])
            self._tree.header().resizeSection(column, widest + margin)
