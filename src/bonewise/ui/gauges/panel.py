"""The gauge panel: five gauges, supporting nutrients, calcium per sitting, findings, and why.

``set_view`` takes the core's week summary after every edit, so it only stores it
and hands each child its part, and each child skips work when its part did not
change. Nothing here reads the database or computes a total.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from bonewise.core.checks import (
    MEAL_CALCIUM_PER_SITTING_MG,
    PER_SITTING_KINDS,
    SUPPLEMENT_CALCIUM_PER_SITTING_MG,
)
from bonewise.core.nutrients import SUPPORTING_KEYS, TARGET_KEYS
from bonewise.core.status import Severity, legend
from bonewise.core.targets import HEANEY_1990, HEANEY_1991, LimitScope, TargetKind

from bonewise.ui.fitting import follow_zoom, smaller_font
from bonewise.ui.gauges.chip import NutrientChip
from bonewise.ui.gauges.findings import (
    FindingDelegate,
    FindingRole,
    FindingTreeModel,
    FindingTreeView,
    GroupRole,
)
from bonewise.ui.gauges.gauge import NutrientGauge
from bonewise.ui.gauges.legend import BarLegend
from bonewise.ui.gauges.sittings import FLAG_SYMBOL, SittingStrip
from bonewise.ui.gauges.style import short_label

if TYPE_CHECKING:
    from bonewise.core.plan import MealSlot
    from bonewise.core.status import Reading
    from bonewise.core.summary import WeekSummary
    from bonewise.core.targets import Target
    from bonewise.core.totals import Totals

DAY, WEEK = "day", "week"
FINDINGS_TAB, WHY_TAB = 0, 1
# The shapes the gauges use, in words (the core defines both).
LEGEND = legend()
_KIND_WORDS = {
    TargetKind.FLOOR: "A minimum: more than this still meets it.",
    TargetKind.BAND: "A range: more than its top brings no extra benefit.",
    TargetKind.CEILING: "A maximum: stay under it.",
    TargetKind.REFERENCE: "Not a target; shown for comparison only.",
}


def why_html(key: str, target: Target | None) -> str:
    """Plain-language "why this matters" for one nutrient, with its target and sources."""
    e = html.escape
    name = short_label(key)
    if target is None:
        return f"<p>No target is set for {e(name.lower())}.</p>"
    parts = [f"<p>{e(target.why)}</p>"] if target.why else []
    band = f"{target.range_text()} a day. {_KIND_WORDS[target.kind]}"
    band = band[0].upper() + band[1:]
    if target.note:
        band += f" {target.note}"
    parts.append(f"<p><b>Target:</b> {e(band)}<br><i>{e(target.source.citation or target.source.short)}</i></p>")
    if target.upper_limit is not None:
        counted = ("counting supplements only" if target.limit_scope is LimitScope.SUPPLEMENTS
                   else "from food and supplements together")
        limit_source = target.limit_source or target.source
        parts.append(f"<p><b>Upper limit:</b> {e(target.limit_text())} a day, "
                     f"{counted}.<br><i>{e(limit_source.citation or limit_source.short)}</i></p>")
    return "".join(parts)


def _small_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    follow_zoom(label, smaller_font)
    return label


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)  # large text wraps rather than widening the panel
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


class GaugePanel(QWidget):
    """Gauges for the selected day or the week average, with warnings and explanations.

    Signals:
        finding_activated(date | None, slot_id | None): a finding was clicked or activated.
        view_mode_changed(str): the user switched between "day" and "week".
    """

    finding_activated = Signal(object, object)
    view_mode_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._mode = DAY
        self._day: dt.date | None = None
        self._summary: WeekSummary | None = None
        self._collapsed: set[str] = set()  # finding kinds whose group the user closed
        self._opened: set[str] = set()  # note kinds whose group the user opened
        self._selected_key = TARGET_KEYS[0]
        self._why_target: Target | None = None

        content = QWidget()
        layout = QVBoxLayout(content)
        self._content_layout = layout
        layout.setSpacing(layout.spacing() + 2)

        # Selected day / week average: two exclusive buttons, reachable with Tab, Space, arrows.
        self._day_button = QPushButton("Selected day")
        self._week_button = QPushButton("Week average")
        self._mode_group = QButtonGroup(self)
        for button, mode in ((self._day_button, DAY), (self._week_button, WEEK)):
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setProperty("mode", mode)
            self._mode_group.addButton(button)
        self._day_button.setChecked(True)
        self._day_button.setToolTip("Show the totals of the day selected in the week grid")
        self._week_button.setToolTip("Show the daily average over the days of this week that "
                                     "have something planned (empty days are left out)")
        self._mode_group.buttonToggled.connect(self._on_mode_button)
        # Side by side, or one above the other when the panel is too narrow for both.
        self._toggle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._toggle.setSpacing(0)
        self._toggle.addWidget(self._day_button)
        self._toggle.addWidget(self._week_button)
        self._toggle.addStretch(1)
        layout.addLayout(self._toggle)
        self._caption = QLabel()
        self._caption.setWordWrap(True)
        self._caption.setAccessibleName("Gauges show")
        layout.addWidget(self._caption)

        self._gauges: dict[str, NutrientGauge] = {}
        for key in TARGET_KEYS:
            gauge = NutrientGauge(key)
            gauge.selected.connect(self.select_nutrient)
            self._gauges[key] = gauge
            layout.addWidget(gauge)
        self._bar_legend = BarLegend()
        layout.addWidget(self._bar_legend)
        legend = _small_label(LEGEND)
        legend.setAccessibleName("Symbols used on the gauges")
        layout.addWidget(legend)
        self._legend = legend

        layout.addWidget(_heading("Supporting nutrients"))
        chips = QGridLayout()
        self._chips: dict[str, NutrientChip] = {}
        for i, key in enumerate(SUPPORTING_KEYS):
            chip = NutrientChip(key)
            chip.selected.connect(self.select_nutrient)
            self._chips[key] = chip
            chips.addWidget(chip, i // 2, i % 2)
        layout.addLayout(chips)

        self._sittings_heading = _heading("Calcium at each sitting")
        layout.addWidget(self._sittings_heading)
        self._sittings = SittingStrip(soft_cap=(SUPPLEMENT_CALCIUM_PER_SITTING_MG,
                                                MEAL_CALCIUM_PER_SITTING_MG))
        layout.addWidget(self._sittings)
        note = _small_label(
            f"The gut absorbs calcium best in amounts up to about "
            f"{SUPPLEMENT_CALCIUM_PER_SITTING_MG:,.0f}–{MEAL_CALCIUM_PER_SITTING_MG:,.0f} mg at a time "
            f"(shaded); {FLAG_SYMBOL} marks a sitting with more ({HEANEY_1990.short}; "
            f"{HEANEY_1991.short} for supplements).")
        layout.addWidget(note)
        layout.addStretch(1)

        scroll = QScrollArea()
        self._scroll = scroll
        scroll.setWidget(content)
        scroll.viewport().installEventFilter(self)  # the toggle follows the panel's width
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the gauges, which it scrolls to
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Everything inside wraps to the width; a scroll bar only when even that is too narrow.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

        # The findings and the explanation are tabs, so both stay in reach at any height.
        # Below: the findings by kind, heaviest first (over a limit, below a target, notes).
        self._findings_model = FindingTreeModel(self)
        self._findings_view = FindingTreeView()
        self._findings_view.setModel(self._findings_model)
        self._findings_view.setItemDelegate(FindingDelegate(self._findings_view))
        self._findings_view.setHeaderHidden(True)
        self._findings_view.setUniformRowHeights(False)
        self._findings_view.setWordWrap(True)
        self._findings_view.setIndentation(max(12, self._findings_view.fontMetrics().height()))
        self._findings_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._findings_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._findings_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._findings_view.setAccessibleName("Warnings and notes")
        self._findings_view.clicked.connect(self._on_finding)
        self._findings_view.activated.connect(self._on_finding)
        self._findings_view.expanded.connect(lambda index: self._remember_open(index, True))
        self._findings_view.collapsed.connect(lambda index: self._remember_open(index, False))
        self._findings_model.modelReset.connect(self._restore_open)
        self._no_findings = QLabel("Nothing to flag in this plan.")
        self._no_findings.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._findings_stack = QStackedWidget()
        self._findings_stack.addWidget(self._findings_view)
        self._findings_stack.addWidget(self._no_findings)

        self._why = QLabel()
        self._why.setWordWrap(True)
        self._why.setTextFormat(Qt.TextFormat.RichText)
        self._why.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self._why.setAccessibleName("Why this matters")
        why_scroll = QScrollArea()
        why_scroll.setWidget(self._why)
        why_scroll.setWidgetResizable(True)
        why_scroll.setFrameShape(QFrame.Shape.NoFrame)

        self._tabs = QTabWidget()
        self._tabs.setDocumentMode(True)
        self._tabs.setElideMode(Qt.TextElideMode.ElideNone)  # a count is never cut: tabs scroll
        self._tabs.setUsesScrollButtons(True)
        self._tabs.addTab(self._findings_stack, "Warnings and notes")
        self._tabs.addTab(why_scroll, "Why this matters")

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(scroll)
        splitter.addWidget(self._tabs)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter)

        self._show_findings_empty(True)
        self._refresh()
        self.select_nutrient(self._selected_key)

    # --- public API -------------------------------------------------------------------------
    def set_view(self, summary: WeekSummary | None, day: dt.date | None) -> None:
        """Show the week ``summary`` (None: nothing shown) with ``day`` as the selected day.

        Cheap: no database access, and unchanged parts are skipped.
        """
        self._summary = summary
        self._day = day if summary is not None and day in summary.dates else None
        self._findings_model.set_groups(summary.warnings if summary is not None else ())
        self._show_findings_empty(summary is None or not summary.findings)
        self._refresh()

    def summary(self) -> WeekSummary | None:
        return self._summary

    def view_mode(self) -> str:
        """ "day" (the selected day) or "week" (the week's daily average)."""
        return self._mode

    def set_view_mode(self, mode: str) -> None:
        if mode not in (DAY, WEEK):
            raise ValueError(f"unknown gauge view {mode!r}")
        (self._day_button if mode == DAY else self._week_button).setChecked(True)

    def showing_week(self) -> bool:
        """True when the gauges show the week average (chosen, or because no day is selected)."""
        return self._mode == WEEK or self._day is None

    def gauge(self, key: str) -> NutrientGauge:
        return self._gauges[key]

    def chip(self, key: str) -> NutrientChip:
        return self._chips[key]

    def sittings(self) -> SittingStrip:
        return self._sittings

    def bar_legend(self) -> BarLegend:
        return self._bar_legend

    def findings_view(self) -> QTreeView:
        return self._findings_view

    def findings_model(self) -> FindingTreeModel:
        return self._findings_model

    def why_text(self) -> str:
        return self._why.text()

    def select_nutrient(self, key: str) -> None:
        """Explain ``key`` in the "why this matters" section."""
        self._selected_key = key
        for gauge_key, gauge in self._gauges.items():
            gauge.set_highlighted(gauge_key == key)
        self._why_target = self._targets().get(key)
        self._tabs.setTabText(WHY_TAB, f"Why: {short_label(key)}")
        self._why.setText(why_html(key, self._why_target))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_toggle(cast(QResizeEvent, event).size().width())
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_toggle(self._scroll.viewport().width())

    def _fit_toggle(self, room: int) -> None:
        margins = self._content_layout.contentsMargins()
        both = self._day_button.sizeHint().width() + self._week_button.sizeHint().width()
        direction = (QBoxLayout.Direction.LeftToRight if both <= room - margins.left() - margins.right()
                     else QBoxLayout.Direction.TopToBottom)
        if self._toggle.direction() != direction:
            self._toggle.setDirection(direction)

    # --- internals --------------------------------------------------------------------------
    def _on_mode_button(self, button: QAbstractButton, checked: bool) -> None:
        if not checked:
            return
        mode = button.property("mode")
        if mode != self._mode:
            self._mode = mode
            self._refresh()
            self.view_mode_changed.emit(mode)

    def _on_finding(self, index: QModelIndex) -> None:
        finding = index.data(FindingRole) if index.isValid() else None
        if finding is not None:
            self.finding_activated.emit(finding.date, finding.slot_id)

    def _remember_open(self, index: QModelIndex, is_open: bool) -> None:
        kind = index.data(GroupRole).kind
        (self._opened.add if is_open else self._opened.discard)(kind)
        (self._collapsed.discard if is_open else self._collapsed.add)(kind)

    def _restore_open(self) -> None:
        """After a new list: warnings and shortfalls open, notes closed, unless the user chose."""
        view, model = self._findings_view, self._findings_model
        for row, group in enumerate(model.groups()):
            if group.count < 2:
                continue
            heavy = group.severity is not Severity.NOTE
            is_open = group.kind in self._opened or (heavy and group.kind not in self._collapsed)
            view.setExpanded(model.index(row, 0), is_open)

    def _show_findings_empty(self, empty: bool) -> None:
        self._findings_stack.setCurrentWidget(self._no_findings if empty else self._findings_view)
        count = len(self._summary.findings) if self._summary is not None else 0
        self._tabs.setTabText(FINDINGS_TAB, f"Warnings and notes ({count})" if count else "Warnings and notes")

    def _targets(self) -> Mapping[str, Target]:
        return self._summary.targets if self._summary is not None else {}

    def _refresh(self) -> None:
        summary, day = self._summary, self._day
        week = self.showing_week()
        readings: Mapping[str, Reading] = {}
        if summary is not None and (week or day is not None):
            readings = summary.average if week or day is None else summary.day(day)
        self._day_button.setEnabled(day is not None)
        if week:
            self._caption.setText(summary.average_text if summary is not None else "Week average")
        elif day is not None:
            self._caption.setText(f"{day:%A} {day.day} {day:%B %Y}")
        for key, gauge in self._gauges.items():
            gauge.set_reading(readings.get(key))
        for key, chip in self._chips.items():
            chip.set_reading(readings.get(key))

        meals: list[tuple[MealSlot, Totals | None]] = []
        flagged: set[str] = set()
        if summary is not None and day is not None:
            totals = summary.meals_on(day)
            meals = [(slot, totals.get(slot.id)) for slot in summary.person.slots]
            flagged = {f.slot_id for f in summary.findings_for(day)
                       if f.kind in PER_SITTING_KINDS and f.slot_id is not None}
        self._sittings.set_meals(meals, flagged)
        self._sittings_heading.setText(
            f"Calcium at each sitting, {day:%a} {day.day} {day:%b}"
            if day else "Calcium at each sitting (select a day)")
        if self._targets().get(self._selected_key) != self._why_target:
            self.select_nutrient(self._selected_key)
