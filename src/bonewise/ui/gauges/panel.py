"""The gauge panel: five gauges, supporting nutrients, calcium per sitting, findings, and why.

``set_view`` is called after every edit, so it only stores values and hands them
to its children, each of which skips work when its part did not change. Nothing
here reads the database.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bonewise.core.checks import MEAL_CALCIUM_PER_SITTING_MG, SUPPLEMENT_CALCIUM_PER_SITTING_MG
from bonewise.core.gauge import STATUS_TEXT, SYMBOLS, gauge_reading
from bonewise.core.nutrients import SUPPORTING_KEYS, TARGET_KEYS
from bonewise.core.targets import HEANEY_1990, HEANEY_1991, band_text

from bonewise.ui.gauges.chip import NutrientChip
from bonewise.ui.gauges.findings import FindingDelegate, FindingListModel
from bonewise.ui.gauges.gauge import NutrientGauge
from bonewise.ui.gauges.sittings import FLAG_SYMBOL, SittingStrip
from bonewise.ui.gauges.style import amount_text, short_label

if TYPE_CHECKING:
    from bonewise.core.checks import Finding
    from bonewise.core.plan import MealSlot
    from bonewise.core.targets import Target
    from bonewise.core.totals import Totals

DAY, WEEK = "day", "week"
FINDINGS_TAB, WHY_TAB = 0, 1
PER_SITTING_KIND = "calcium_per_sitting"
# The shapes the gauges use, in words (the core defines both).
LEGEND = " · ".join(f"{SYMBOLS[s]} {STATUS_TEXT[s]}" for s in
                    ("in_band", "below", "above_band", "over_limit", "tracked", "unknown"))


def why_html(key: str, target: Target | None) -> str:
    """Plain-language "why this matters" for one nutrient, with its target and sources."""
    e = html.escape
    name = short_label(key)
    if target is None:
        return f"<p>No target is set for {e(name.lower())}.</p>"
    parts = [f"<p>{e(target.why)}</p>"] if target.why else []
    if target.tracked_only:
        band = "No official target; shown for comparison only."
    elif target.low is None and target.high is None:
        band = "No target set."
    else:
        band = band_text(target.low, target.high, target.unit) + " a day."
        band = band[0].upper() + band[1:]
    if target.note:
        band += f" {target.note}"
    parts.append(f"<p><b>Target:</b> {e(band)}<br><i>{e(target.source.citation or target.source.short)}</i></p>")
    if target.upper_limit is not None:
        scope = getattr(target.limit_scope, "value", target.limit_scope)
        counted = "from supplements only" if scope == "supplements" else "from food and supplements together"
        limit_source = target.limit_source or target.source
        parts.append(f"<p><b>Upper limit:</b> {e(amount_text(key, target.upper_limit))} a day, "
                     f"{counted}.<br><i>{e(limit_source.citation or limit_source.short)}</i></p>")
    return "".join(parts)


def _small_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = QFont(label.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(max(font.pointSizeF() * 0.9, 6.0))
    label.setFont(font)
    return label


def _heading(text: str) -> QLabel:
    label = QLabel(text)
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
        self._day_totals: Totals | None = None
        self._week_average: Totals = {}
        self._targets: Mapping[str, Target] = {}
        self._meals: list[tuple[MealSlot, Totals]] = []
        self._selected_key = TARGET_KEYS[0]
        self._why_target: Target | None = None

        content = QWidget()
        layout = QVBoxLayout(content)
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
        self._week_button.setToolTip("Show the daily average over the seven days of the week")
        self._mode_group.buttonToggled.connect(self._on_mode_button)
        toggle = QHBoxLayout()
        toggle.setSpacing(0)
        toggle.addWidget(self._day_button)
        toggle.addWidget(self._week_button)
        toggle.addStretch(1)
        layout.addLayout(toggle)
        self._caption = QLabel()
        self._caption.setAccessibleName("Gauges show")
        layout.addWidget(self._caption)

        self._gauges: dict[str, NutrientGauge] = {}
        for key in TARGET_KEYS:
            gauge = NutrientGauge(key)
            gauge.selected.connect(self.select_nutrient)
            self._gauges[key] = gauge
            layout.addWidget(gauge)
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
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        # Below: the findings and the explanation, as tabs, so both stay in reach at any height.
        self._findings_model = FindingListModel(self)
        self._findings_view = QListView()
        self._findings_view.setModel(self._findings_model)
        self._findings_view.setItemDelegate(FindingDelegate(self._findings_view))
        self._findings_view.setResizeMode(QListView.ResizeMode.Adjust)
        self._findings_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._findings_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._findings_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._findings_view.setAccessibleName("Warnings and notes")
        self._findings_view.clicked.connect(self._on_finding)
        self._findings_view.activated.connect(self._on_finding)
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
    def set_view(self, *, day: dt.date | None, day_totals: Totals | None, week_average: Totals,
                 targets: Mapping[str, Target], meals: Sequence[tuple[MealSlot, Totals]],
                 findings: Sequence[Finding]) -> None:
        """Show new numbers. Cheap: no database access, and unchanged parts are skipped."""
        self._day = day
        self._day_totals = day_totals
        self._week_average = week_average
        self._targets = targets
        self._meals = list(meals)
        self._findings_model.set_findings(findings)
        self._show_findings_empty(not findings)
        self._refresh()

    def view_mode(self) -> str:
        """ "day" (the selected day) or "week" (the week's daily average)."""
        return self._mode

    def set_view_mode(self, mode: str) -> None:
        if mode not in (DAY, WEEK):
            raise ValueError(f"unknown gauge view {mode!r}")
        (self._day_button if mode == DAY else self._week_button).setChecked(True)

    def showing_week(self) -> bool:
        """True when the gauges show the week average (chosen, or because no day is selected)."""
        return self._mode == WEEK or self._day_totals is None

    def gauge(self, key: str) -> NutrientGauge:
        return self._gauges[key]

    def chip(self, key: str) -> NutrientChip:
        return self._chips[key]

    def sittings(self) -> SittingStrip:
        return self._sittings

    def findings_view(self) -> QListView:
        return self._findings_view

    def findings_model(self) -> FindingListModel:
        return self._findings_model

    def why_text(self) -> str:
        return self._why.text()

    def select_nutrient(self, key: str) -> None:
        """Explain ``key`` in the "why this matters" section."""
        self._selected_key = key
        for gauge_key, gauge in self._gauges.items():
            gauge.set_highlighted(gauge_key == key)
        self._why_target = self._targets.get(key)
        self._tabs.setTabText(WHY_TAB, f"Why: {short_label(key)}")
        self._why.setText(why_html(key, self._why_target))

    # --- internals --------------------------------------------------------------------------
    def _on_mode_button(self, button, checked: bool) -> None:
        if not checked:
            return
        mode = button.property("mode")
        if mode != self._mode:
            self._mode = mode
            self._refresh()
            self.view_mode_changed.emit(mode)

    def _on_finding(self, index: QModelIndex) -> None:
        if index.isValid():
            finding = self._findings_model.finding(index.row())
            self.finding_activated.emit(finding.date, finding.slot_id)

    def _show_findings_empty(self, empty: bool) -> None:
        self._findings_stack.setCurrentWidget(self._no_findings if empty else self._findings_view)
        count = self._findings_model.rowCount()
        self._tabs.setTabText(FINDINGS_TAB, f"Warnings and notes ({count})" if count else "Warnings and notes")

    def _refresh(self) -> None:
        week = self.showing_week()
        totals = self._week_average if week else self._day_totals
        self._day_button.setEnabled(self._day_totals is not None)
        if week:
            self._caption.setText("Daily average over the 7 days of this week")
        else:
            self._caption.setText(f"{self._day:%A} {self._day.day} {self._day:%B %Y}"
                                  if self._day else "Selected day")
        for key, gauge in self._gauges.items():
            gauge.set_reading(*self._reading(key, totals))
        for key, chip in self._chips.items():
            chip.set_reading(*self._reading(key, totals))

        flagged = {f.slot_id for f in self._findings_model.findings()
                   if f.kind == PER_SITTING_KIND and f.date == self._day and f.slot_id}
        self._sittings.set_meals(self._meals if self._day is not None else [], flagged)
        self._sittings_heading.setText(
            f"Calcium at each sitting, {self._day:%a} {self._day.day} {self._day:%b}"
            if self._day else "Calcium at each sitting (select a day)")
        if self._targets.get(self._selected_key) != self._why_target:
            self.select_nutrient(self._selected_key)

    def _reading(self, key: str, totals: Totals | None):
        total = totals.get(key) if totals else None
        target = self._targets.get(key)
        if total is None or target is None:
            return None, target, total
        return gauge_reading(total, target), target, total
