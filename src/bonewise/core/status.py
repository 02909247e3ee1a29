"""How a total reads against its target: one status, its symbol, its words, its weight.

The words follow the kind of target (targets.md §1b): a floor exceeded is still
"target met", never an alarm; a band exceeded is "above target", a note; only an
upper limit or a ceiling crossed is a warning. The window, the command line and
the PDF all print these same symbols and words.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bonewise.core.targets import LimitScope, Source, Target, TargetKind
from bonewise.core.totals import Total, format_amount


class Severity(Enum):
    """How much a status or finding weighs; lists show the heaviest first."""

    WARNING = "warning"  # an upper limit or ceiling crossed, warfarin, a lab value to discuss
    BELOW = "below"  # short of a target
    NOTE = "note"  # worth knowing: more than a band, a light main meal, a heavy calcium sitting

    @property
    def rank(self) -> int:
        return _RANKS[self]

    @property
    def symbol(self) -> str:
        """The mark before a finding in the window, the command line and the PDF."""
        return _SEVERITY_SYMBOLS[self]

    @property
    def words(self) -> str:
        """The weight in words, for screen readers and legends: "Warning"."""
        return _SEVERITY_WORDS[self]


_RANKS = {Severity.WARNING: 0, Severity.BELOW: 1, Severity.NOTE: 2}
_SEVERITY_SYMBOLS = {Severity.WARNING: "⚠", Severity.BELOW: "▽", Severity.NOTE: "ℹ"}
_SEVERITY_WORDS = {Severity.WARNING: "Warning", Severity.BELOW: "Below target", Severity.NOTE: "Note"}


class Status(Enum):
    """The reading of one total against its target. ``value`` is the id JSON carries."""

    MET = "met"
    MET_SO_FAR = "met_so_far"  # a band's low end met by the foods with data; others may pass its top
    UNDER_CEILING = "under_ceiling"
    UNDER_SO_FAR = "under_so_far"  # a ceiling not crossed by the foods with data; others lack it
    BELOW = "below"
    BELOW_SO_FAR = "below_so_far"  # the foods with data fall short; the others may make it up
    ABOVE = "above"
    OVER_LIMIT = "over_limit"
    OVER_CEILING = "over_ceiling"
    TRACKED = "tracked"
    NEEDS_WEIGHT = "needs_weight"
    NO_DATA = "no_data"
    NOTHING_PLANNED = "nothing_planned"

    @property
    def symbol(self) -> str:
        """A shape for the status, so colour is never the only cue."""
        return _SYMBOLS[self]

    @property
    def words(self) -> str:
        """The status in words: "target met", "over the upper limit"."""
        return _WORDS[self]

    @property
    def severity(self) -> Severity | None:
        """The weight of this status as a finding; None when there is nothing to say."""
        return _SEVERITY.get(self)

    @property
    def text(self) -> str:
        """Symbol and words: "✓ target met"."""
        return f"{self.symbol} {self.words}"


_SYMBOLS = {
    Status.NO_DATA: "?",
    Status.NOTHING_PLANNED: "–",
    Status.BELOW: "▽",
    Status.BELOW_SO_FAR: "▽",
    Status.MET: "✓",
    Status.MET_SO_FAR: "?",
    Status.ABOVE: "△",
    Status.UNDER_CEILING: "✓",
    Status.UNDER_SO_FAR: "?",
    Status.OVER_CEILING: "▲",
    Status.OVER_LIMIT: "▲",
    Status.TRACKED: "○",
    Status.NEEDS_WEIGHT: "○",
}
_WORDS = {
    Status.NO_DATA: "no data",
    Status.NOTHING_PLANNED: "nothing planned",
    Status.BELOW: "below target",
    Status.BELOW_SO_FAR: "below target so far",
    Status.MET: "target met",
    Status.MET_SO_FAR: "target met so far",
    Status.ABOVE: "above target",
    Status.UNDER_CEILING: "under the ceiling",
    Status.UNDER_SO_FAR: "under the ceiling so far",
    Status.OVER_CEILING: "above the ceiling",
    Status.OVER_LIMIT: "over the upper limit",
    Status.TRACKED: "tracked, no target",
    Status.NEEDS_WEIGHT: "no body weight recorded",
}
_SEVERITY = {
    Status.OVER_LIMIT: Severity.WARNING,
    Status.OVER_CEILING: Severity.WARNING,
    Status.BELOW: Severity.BELOW,
    Status.BELOW_SO_FAR: Severity.BELOW,
    Status.ABOVE: Severity.NOTE,
}


def legend() -> str:
    """Every symbol with its words, one entry per symbol: "✓ target met, under the ceiling · …"."""
    by_symbol: dict[str, list[str]] = {}
    for status in Status:
        by_symbol.setdefault(status.symbol, []).append(status.words)
    return " · ".join(f"{symbol} {', '.join(words)}" for symbol, words in by_symbol.items())


def limit_counted(total: Total, target: Target) -> float:
    """What counts toward the target's upper limit: everything, or supplements only."""
    return total.from_supplements if target.limit_scope is LimitScope.SUPPLEMENTS else total.value


def status_of(total: Total, target: Target) -> Status:
    """Read ``total`` against ``target`` (same nutrient) by the target's kind.

    A lower bound (some foods lack data) over a limit or a ceiling, or above a
    band, is surely there, and one that meets a floor surely meets it. Every other
    reading of a lower bound is only "so far": the foods without data may make up a
    shortfall, pass a band's top or cross a ceiling. A lower bound of nothing is no
    data, never a zero.
    """
    if total.items == 0:
        return Status.NOTHING_PLANNED
    if target.upper_limit is not None and limit_counted(total, target) > target.upper_limit:
        return Status.OVER_LIMIT
    if total.is_unknown:
        return Status.NO_DATA
    if target.kind is TargetKind.REFERENCE:
        return Status.TRACKED
    if target.per_kg:
        return Status.NEEDS_WEIGHT
    low, high, value = target.low, target.high, total.value
    if target.kind is TargetKind.CEILING:
        if high is not None and value > high:
            return Status.OVER_CEILING
        return Status.UNDER_CEILING if total.complete else Status.UNDER_SO_FAR
    if low is not None and value < low:
        return Status.BELOW if total.complete else Status.BELOW_SO_FAR
    if target.kind is TargetKind.BAND and high is not None:
        if value > high:
            return Status.ABOVE
        if not total.complete:
            return Status.MET_SO_FAR
    return Status.MET


@dataclass(frozen=True)
class Reading:
    """One nutrient over one period (a day, or the daily average of the planned days),
    read against its target: what every view prints about it."""

    total: Total
    target: Target
    status: Status

    @property
    def key(self) -> str:
        return self.total.key

    @property
    def unit(self) -> str:
        return self.total.unit

    @property
    def value(self) -> float | None:
        """The amount (a lower bound when some foods lack data), or None when unknown."""
        return self.total.amount

    @property
    def amount_text(self) -> str:
        """ "1,210 mg", "at least 850 mg", "no data", "nothing planned"."""
        return self.total.amount_text()

    @property
    def sources(self) -> tuple[Source, ...]:
        """The target's source, then the limit's if it is another."""
        found = (self.target.source, self.target.limit_source)
        return tuple(dict.fromkeys(s for s in found if s is not None))

    @property
    def label(self) -> str:
        """The reading in one line: "1,210 mg · target 1,200–1,500 mg",
        "at least 850 mg · target at least 800–1,000 IU · 2 of 9 foods unknown"."""
        status, target, total = self.status, self.target, self.total
        if status is Status.NOTHING_PLANNED:
            return "nothing planned"
        if status is Status.NO_DATA:
            return f"no data · {total.coverage_text()}"
        amount = self.amount_text
        if status is Status.OVER_LIMIT and target.limit_scope is LimitScope.SUPPLEMENTS:
            supplements = format_amount(total.from_supplements, total.key)
            text = f"{amount} · {supplements} from supplements, over the {target.limit_text()} limit"
        elif status is Status.OVER_LIMIT:
            text = f"{amount} · over the {target.limit_text()} upper limit"
        elif status is Status.NEEDS_WEIGHT:
            text = f"{amount} · {target.phrase()} (no body weight recorded)"
        else:
            text = f"{amount} · {target.phrase()}"
        return text if total.complete else f"{text} · {total.coverage_text()}"


def read(total: Total, target: Target) -> Reading:
    """``total`` read against ``target`` (same nutrient key)."""
    if total.key != target.key:
        raise ValueError(f"total for {total.key} read against target for {target.key}")
    return Reading(total, target, status_of(total, target))
