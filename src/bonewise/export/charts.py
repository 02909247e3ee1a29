"""Bar charts for the nutrient report, drawn with reportlab.graphics.

Each chart shows its target band as a shaded strip and its upper limit as a
dashed line, so a bar is read against the target without a legend; a bar
whose day has foods without data is marked "≥" (the true amount is higher).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from bonewise.export.fonts import FONT, FONT_BOLD, printable
from bonewise.export.styles import ACCENT, BAND, INK, MUTED, RULE, WARN

# Series colours for meals, told apart by lightness as well as hue.
MEAL_COLOURS = (
    colors.HexColor("#1f5f66"),
    colors.HexColor("#8fc1c6"),
    colors.HexColor("#c0792a"),
    colors.HexColor("#f0c58c"),
    colors.HexColor("#5b3f8c"),
    colors.HexColor("#b7a6d6"),
    colors.HexColor("#4d4d4d"),
    colors.HexColor("#bdbdbd"),
)
INCOMPLETE = colors.HexColor("#8fb5b9")  # a bar that is only a lower bound


def nice_scale(maximum: float, ticks: int = 4) -> tuple[float, float]:
    """(top, step) of a value axis from 0 that holds ``maximum`` with round tick steps."""
    if not math.isfinite(maximum) or maximum <= 0:
        return 1.0, 0.25
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return step * math.ceil(maximum / step - 1e-9), step


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 or value == 0 else f"{value:,.1f}".rstrip("0").rstrip(".")


def _style_axes(chart: Any, days: Sequence[str], top: float, step: float, font_size: float) -> None:
    """The axes every Bonewise bar chart shares: 0 to ``top`` with a light grid, days below."""
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, step
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = font_size
    chart.valueAxis.labelTextFormat = _number
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e0e0e0")
    chart.valueAxis.strokeColor = RULE
    chart.categoryAxis.categoryNames = [printable(d) for d in days]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = font_size
    chart.categoryAxis.strokeColor = RULE


def day_chart(
    title: str,
    days: Sequence[str],
    values: Sequence[float | None],
    complete: Sequence[bool],
    *,
    low: float | None,
    high: float | None,
    limit: float | None,
    width: float,
    height: float,
    font_size: float = 7.5,
) -> Drawing:
    """One nutrient over the days: bars, the target band and the upper limit.

    ``values`` holds None where no bar is drawn: a day with nothing planned ("—"),
    or, when ``complete`` is False for it too, a day with no data at all ("?").
    """
    drawing = Drawing(width, height, initialFontName=FONT)
    drawing.add(String(0, height - font_size - 1, printable(title), fontName=FONT_BOLD,
                       fontSize=font_size + 1, fillColor=INK))  # fmt: skip
    left, bottom, top_pad = font_size * 4.2, font_size * 2.2, font_size * 2.6
    chart = VerticalBarChart()
    chart.x, chart.y = left, bottom
    chart.width, chart.height = width - left - 4, height - bottom - top_pad
    shown = [v or 0.0 for v in values]
    marks = [v for v in (low, high, limit) if v is not None]
    # The limit only stretches the axis when it is near the bars, so small bars stay readable.
    near = [m for m in marks if m <= 1.6 * max(shown + [low or 0, high or 0, 1e-9])]
    top, step = nice_scale(max(shown + near) * 1.08)
    chart.data = [shown]
    _style_axes(chart, days, top, step, font_size)
    chart.barSpacing, chart.groupSpacing = 0, chart.width / len(days) * 0.3
    chart.bars.strokeColor = None
    chart.bars[0].fillColor = ACCENT
    for i, (value, whole) in enumerate(zip(values, complete, strict=True)):
        if value is not None and not whole:
            chart.bars[(0, i)].fillColor = INCOMPLETE

    def y_of(v: float) -> float:
        return chart.y + min(v, top) / top * chart.height

    if low is not None or high is not None:
        band_low = y_of(low or 0.0)
        band_high = y_of(high) if high is not None else chart.y + chart.height
        drawing.add(Rect(chart.x, band_low, chart.width, band_high - band_low, fillColor=BAND,
                         strokeColor=None))  # fmt: skip
    drawing.add(chart)
    if limit is not None and limit <= top:
        y = y_of(limit)
        drawing.add(Line(chart.x, y, chart.x + chart.width, y, strokeColor=WARN, strokeWidth=1,
                         strokeDashArray=[3, 2]))  # fmt: skip
    slot = chart.width / len(days)
    for i, (value, whole) in enumerate(zip(values, complete, strict=True)):
        if value is None:
            drawing.add(String(chart.x + slot * (i + 0.5), chart.y + 2, "—" if whole else "?",
                               fontName=FONT, fontSize=font_size, fillColor=MUTED,
                               textAnchor="middle"))  # fmt: skip
        elif not whole:
            drawing.add(String(chart.x + slot * (i + 0.5), y_of(value) + 2, "≥", fontName=FONT_BOLD,
                               fontSize=font_size, fillColor=INK, textAnchor="middle"))  # fmt: skip
    return drawing


def meal_chart(
    title: str,
    days: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    cap: float | None,
    cap_label: str,
    width: float,
    height: float,
    font_size: float = 7.5,
) -> Drawing:
    """Grouped bars: one group per day, one bar per meal, with a dashed per-sitting cap."""
    drawing = Drawing(width, height, initialFontName=FONT)
    drawing.add(String(0, height - font_size - 1, printable(title), fontName=FONT_BOLD,
                       fontSize=font_size + 1, fillColor=INK))  # fmt: skip
    legend_rows = math.ceil(len(series) / 4)
    left, bottom = font_size * 4.2, font_size * (3.0 + 2.1 * legend_rows)
    chart = VerticalBarChart()
    chart.x, chart.y = left, bottom
    chart.width, chart.height = width - left - 4, height - bottom - font_size * 2.6
    values = [v for _, vs in series for v in vs]
    top, step = nice_scale(max(values + [(cap or 0) * 1.1, 1e-9]) * 1.08)
    chart.data = [list(vs) for _, vs in series] or [[0.0] * len(days)]
    _style_axes(chart, days, top, step, font_size)
    chart.barSpacing, chart.groupSpacing = 0.5, 6
    chart.bars.strokeColor = None
    for i in range(len(series)):
        chart.bars[i].fillColor = MEAL_COLOURS[i % len(MEAL_COLOURS)]
    drawing.add(chart)
    if cap is not None and cap <= top:
        y = chart.y + cap / top * chart.height
        drawing.add(Line(chart.x, y, chart.x + chart.width, y, strokeColor=WARN, strokeWidth=1,
                         strokeDashArray=[3, 2]))  # fmt: skip
        # Say what the line is beside the title, where no bar can cover it.
        key_y = height - font_size + 2
        right = chart.x + chart.width
        label = printable(cap_label)
        drawing.add(String(right, key_y - font_size, label, fontName=FONT, fontSize=font_size,
                           fillColor=WARN, textAnchor="end"))  # fmt: skip
        start = right - stringWidth(label, FONT, font_size) - 4
        drawing.add(Line(start - 18, key_y - font_size * 0.7, start, key_y - font_size * 0.7,
                         strokeColor=WARN, strokeWidth=1, strokeDashArray=[3, 2]))  # fmt: skip
    if series:
        legend = Legend()
        legend.x, legend.y = chart.x, chart.y - font_size * 2.4
        legend.fontName, legend.fontSize = FONT, font_size
        legend.alignment = "right"
        legend.dx = legend.dy = font_size
        legend.deltax = chart.width / 4
        legend.colorNamePairs = [
            (MEAL_COLOURS[i % len(MEAL_COLOURS)], printable(name)) for i, (name, _) in enumerate(series)
        ]
        legend.columnMaximum = legend_rows
        drawing.add(legend)
    return drawing


def trend_chart(
    title: str,
    series: Sequence[tuple[str, Sequence[tuple[dt.date, float]]]],
    *,
    references: Sequence[tuple[float, str]] = (),
    width: float,
    height: float,
    font_size: float = 7.5,
) -> Drawing:
    """Values over time, one line per series, with dashed reference lines (e.g. T −2.5).

    Dates are placed by their real distance, so a scan two years back sits two years
    back; a series with one value is a single dot.
    """
    drawing = Drawing(width, height, initialFontName=FONT)
    drawing.add(String(0, height - font_size - 1, printable(title), fontName=FONT_BOLD,
                       fontSize=font_size + 1, fillColor=INK))  # fmt: skip
    shown = [(label, sorted(points)) for label, points in series if points]
    legend_h = font_size * 1.6 if len(shown) > 1 else 0
    plot = LinePlot()
    plot.x, plot.y = font_size * 4.0, font_size * 2.4 + legend_h
    plot.width, plot.height = width - plot.x - font_size * 5.5, height - plot.y - font_size * 2.6
    days = [d.toordinal() for _, points in shown for d, _ in points] or [dt.date.today().toordinal()]
    values = [v for _, points in shown for _, v in points] + [v for v, _ in references]
    low, high = min(values, default=0.0), max(values, default=1.0)
    pad = max((high - low) * 0.15, 0.5)
    low, high = low - pad, high + pad
    first, last = min(days), max(days)
    span = max(last - first, 60)
    plot.data = [[(d.toordinal(), v) for d, v in points] for _, points in shown] or [[(first, low)]]
    low_x, high_x = first - span * 0.08, last + span * 0.08
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = low_x, high_x
    if span > 540:  # years apart: a tick each 1 January, labelled with the year
        years = range(dt.date.fromordinal(int(low_x)).year + 1, dt.date.fromordinal(int(high_x)).year + 1)
        plot.xValueAxis.valueSteps = [dt.date(y, 1, 1).toordinal() for y in years]
        plot.xValueAxis.labelTextFormat = lambda o: str(dt.date.fromordinal(int(o)).year)
    else:
        plot.xValueAxis.valueSteps = sorted({first, last})
        plot.xValueAxis.labelTextFormat = lambda o: dt.date.fromordinal(int(o)).strftime("%b %Y")
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax = low, high
    plot.yValueAxis.labelTextFormat = lambda v: f"{v:.1f}".replace("-", "−") if abs(high - low) < 10 else f"{v:.0f}"
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName, axis.labels.fontSize = FONT, font_size
        axis.strokeColor = RULE
    plot.yValueAxis.visibleGrid = True
    plot.yValueAxis.gridStrokeColor = colors.HexColor("#e0e0e0")
    for i in range(len(shown)):
        plot.lines[i].strokeColor = MEAL_COLOURS[(i * 2) % len(MEAL_COLOURS)]
        plot.lines[i].strokeWidth = 1.4
        plot.lines[i].symbol = makeMarker("FilledCircle", size=font_size * 0.55)
        plot.lines[i].symbol.fillColor = MEAL_COLOURS[(i * 2) % len(MEAL_COLOURS)]
    if not shown:
        plot.lines[0].strokeColor = colors.white  # an empty frame: "no data" is said beside it
    drawing.add(plot)
    for value, label in references:
        y = plot.y + (value - low) / (high - low) * plot.height
        drawing.add(Line(plot.x, y, plot.x + plot.width, y, strokeColor=WARN, strokeWidth=0.8,
                         strokeDashArray=[3, 2]))  # fmt: skip
        drawing.add(String(plot.x + plot.width + 2, y - font_size * 0.35, printable(label), fontName=FONT,
                           fontSize=font_size * 0.9, fillColor=WARN))  # fmt: skip
    x = plot.x
    for i, (label, _) in enumerate(shown if len(shown) > 1 else []):
        colour = MEAL_COLOURS[(i * 2) % len(MEAL_COLOURS)]
        drawing.add(Rect(x, font_size * 0.3, font_size * 0.8, font_size * 0.8, fillColor=colour, strokeColor=None))
        text = printable(label)
        drawing.add(String(x + font_size * 1.1, font_size * 0.35, text, fontName=FONT, fontSize=font_size,
                           fillColor=INK))  # fmt: skip
        x += font_size * 2 + stringWidth(text, FONT, font_size)
    return drawing
