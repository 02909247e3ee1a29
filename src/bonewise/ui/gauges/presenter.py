"""The shown week as the core's week summary, handed to the gauges, the grid and the status bar.

The main window tells the presenter when the week changed (``refresh``) or only the
selected day did (``show_day``); the presenter asks the core for one
``WeekSummary`` and gives every view its part, so the gauges, the warnings, the
grid's flags and the coverage line never compute anything themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from bonewise.core.nutrients import TARGET_KEYS
from bonewise.core.summary import WeekSummarizer, WeekSummary
from bonewise.core.targets import Target, targets_for
from bonewise.core.words import counted
from bonewise.errors import BonewiseError

if TYPE_CHECKING:
    from bonewise.core.plan import IsoWeek, Person

    from bonewise.ui.document import PlanDocument
    from bonewise.ui.gauges.panel import GaugePanel
    from bonewise.ui.weekgrid.model import WeekGridModel

SHORT_NAMES = {
    "calcium_mg": "Ca",
    "vitamin_d_iu": "D",
    "vitamin_k2_ug": "K2",
    "magnesium_mg": "Mg",
    "protein_g": "protein",
}


def coverage_text(summary: WeekSummary | None) -> tuple[tuple[str, ...], str]:
    """The status bar's line on data coverage, from the fullest wording to the shortest (the
    status bar shows what fits), and its tooltip naming the foods without data."""
    if summary is None:
        return (), ""
    average = summary.average
    items = max((r.total.items for r in average.values()), default=0)
    if not items:
        return ("Nothing planned this week yet", "Nothing planned"), ""
    keys = [k for k in TARGET_KEYS if k in average]
    count = counted(items, "item")
    full = f"{count} · data for: " + " · ".join(
        f"{SHORT_NAMES[k]} {average[k].total.known}/{items}" for k in keys)
    lacking = [SHORT_NAMES[k] for k in keys if average[k].total.known < items]
    brief = f"{count} · data missing for {', '.join(lacking)}" if lacking else f"{count} · all with data"
    missing = sorted({n for k in keys for n in average[k].total.unknown_names})
    tip = (f"{full}\nHow many of this week's items have data for each nutrient. Items without "
           "data are not counted, so those totals are lower bounds (“at least”).")
    if missing:
        tip += "\nWithout some data: " + ", ".join(missing[:12]) + ("…" if len(missing) > 12 else "")
    return (full, brief, count), tip


class WeekSummaryPresenter(QObject):
    """Keeps the summary of the document's shown week, and shows it in the gauge panel and grid.

    Signals:
        summary_changed(WeekSummary | None): a new summary was computed (or none is shown).
        problem(str): the targets could not be read (a damaged personal target); one sentence.
    """

    summary_changed = Signal(object)
    problem = Signal(str)

    def __init__(self, document: PlanDocument, panel: GaugePanel, grid_model: WeekGridModel,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._document = document
        self._panel = panel
        self._grid_model = grid_model
        self._summary: WeekSummary | None = None
        self._summarizer = WeekSummarizer()  # after an edit, counts again only the days it changed
        self._day: dt.date | None = None
        self._targets_key: tuple[Person, IsoWeek] | None = None
        self._targets: Mapping[str, Target] = {}

    @property
    def summary(self) -> WeekSummary | None:
        """The summary of the shown week (None when no person or week is shown)."""
        return self._summary

    @property
    def day(self) -> dt.date | None:
        """The day the gauges show in "Selected day" mode."""
        return self._day

    def refresh(self, day: dt.date | None = None) -> None:
        """The shown week changed: summarise it again and show it, with ``day`` selected."""
        doc = self._document
        if doc.week is None or doc.person is None:
            self._summary = None
        else:
            self._summary = self._summarizer.summarize(doc.person, doc.week, doc.foods, doc.recipes,
                                                       self._targets_for(doc.person, doc.week.week))
        self._grid_model.set_findings(self._summary.findings if self._summary else ())
        self.summary_changed.emit(self._summary)
        self.show_day(day)

    def show_day(self, day: dt.date | None) -> None:
        """Only the selected day changed: the same summary, that day's gauges and meals."""
        summary = self._summary
        if summary is not None and day not in summary.dates:
            day = summary.dates[0]
        self._day = day if summary is not None else None
        self._panel.set_view(summary, self._day)

    def _targets_for(self, person: Person, week: IsoWeek) -> Mapping[str, Target]:
        # Targets depend on the person and, through age-dependent limits, on the week's year.
        if self._targets_key != (person, week):
            try:
                self._targets = targets_for(person, week.monday())
            except BonewiseError as exc:
                self.problem.emit(str(exc))
                self._targets = {}
            self._targets_key = (person, week)
        return self._targets
