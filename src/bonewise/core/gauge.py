"""How a total reads against its target: a state, a bar position, a text symbol and a label.

The UI picks colours from ``state``; ``symbol`` and ``label`` carry the same
news in shape and words, so nobody has to tell red from green.
"""

from __future__ import annotations

from dataclasses import dataclass

from bonewise.core.targets import LimitScope, Target, band_text
from bonewise.core.totals import Total, format_number

SYMBOLS = {
    "unknown": "?",
    "below": "▽",
    "in_band": "✓",
    "above_band": "△",
    "over_limit": "▲",
    "tracked": "○",
}
STATUS_TEXT = {
    "unknown": "no data",
    "below": "below target",
    "in_band": "within target",
    "above_band": "above target",
    "over_limit": "over the upper limit",
    "tracked": "tracked, no target",
}


@dataclass(frozen=True)
class GaugeReading:
    """One gauge: ``state`` is one of "unknown", "below", "in_band", "above_band",
    "over_limit", "tracked"."""

    state: str
    fraction: float  # value / (high end of the band, else its low end); 0 when there is no scale
    symbol: str  # text shape for the state, for colour-blind readers
    label: str  # "1,210 of 1,200–1,500 mg", "at least 850 of 1,200–1,500 mg · 2 of 9 foods unknown"
    status: str  # the state in words: "within target"
    complete: bool  # False when some foods lack data, so the value is a lower bound
    low_mark: float | None = None  # the band's low end on the same scale as ``fraction``
    limit_mark: float | None = None  # the upper limit on that scale


def _state(total: Total, target: Target) -> str:
    if total.known == 0 and total.unknown > 0 and total.value == 0:
        return "unknown"
    if target.upper_limit is not None:
        counted = total.from_supplements if target.limit_scope is LimitScope.SUPPLEMENTS else total.value
        if counted > target.upper_limit:  # a lower bound over the limit is surely over it
            return "over_limit"
    if not target.has_band:
        return "tracked"
    if target.low is not None and total.value < target.low:
        return "below"
    if target.high is not None and total.value > target.high:
        return "above_band"
    return "in_band"


def _label(state: str, total: Total, target: Target) -> str:
    unit = total.unit
    value = format_number(total.value)
    if state == "unknown":
        return total.describe()
    if state == "over_limit":
        limit = f"{format_number(target.upper_limit)} {unit}"
        if target.limit_scope is LimitScope.SUPPLEMENTS:
            text = (
                f"{value} {unit} · {format_number(total.from_supplements)} {unit} from supplements, "
                f"over the {limit} limit for supplements"
            )
        else:
            text = f"{value} {unit} · over the {limit} upper limit"
    elif target.tracked_only:
        word = "your reference" if target.personal else "trial reference"
        reference = f" · {word} {format_number(target.low)} {unit}" if target.low else ""
        text = f"{value} {unit}{reference}"
    elif target.per_kg:
        text = f"{value} {unit} · target {band_text(target.low, target.high, 'g per kg')} (no body weight recorded)"
    elif target.low is not None and target.high is not None:
        text = f"{value} of {band_text(target.low, target.high, unit)}"
    elif target.low is not None:
        text = f"{value} of {format_number(target.low)} {unit}"
    elif target.high is not None:
        text = f"{value} {unit} · {band_text(None, target.high, unit)}"
    else:
        text = f"{value} {unit}"
    if total.complete:
        return text
    foods = "food" if total.items == 1 else "foods"
    return f"at least {text} · {total.unknown} of {total.items} {foods} unknown"


def gauge_reading(total: Total, target: Target) -> GaugeReading:
    """Read ``total`` against ``target`` (same nutrient key) for a gauge."""
    if total.key != target.key:
        raise ValueError(f"total for {total.key} read against target for {target.key}")
    state = _state(total, target)
    scale = target.high if target.high is not None else target.low
    if target.per_kg or not scale:
        scale = None
    fraction = 0.0 if scale is None or state == "unknown" else total.value / scale
    return GaugeReading(
        state=state,
        fraction=fraction,
        symbol=SYMBOLS[state],
        label=_label(state, total, target),
        status="no body weight recorded" if target.per_kg and state == "tracked" else STATUS_TEXT[state],
        complete=total.complete,
        low_mark=None if scale is None or target.low is None else target.low / scale,
        limit_mark=None if scale is None or target.upper_limit is None else target.upper_limit / scale,
    )
