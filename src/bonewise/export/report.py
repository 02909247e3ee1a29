"""The nutrient-report section: each day against the targets, charts, averages, coverage, sources."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable, KeepTogether, Spacer, TableStyle

from bonewise.core.checks import MEAL_CALCIUM_PER_SITTING_MG
from bonewise.core.gauge import STATUS_TEXT, SYMBOLS
from bonewise.core.nutrients import SUPPORTING_KEYS, TARGET_KEYS, label_of, unit_of
from bonewise.core.targets import HEANEY_1990, LimitScope
from bonewise.core.totals import Total, format_amount
from bonewise.export.charts import day_chart, meal_chart
from bonewise.export.labels import WEEKDAYS, day_label
from bonewise.export.styles import (
    ACCENT,
    ACCENT_LIGHT,
    FAINT,
    GOOD,
    MUTED,
    RULE,
    WARN,
    WARN_LIGHT,
    Para,
    Styles,
    Table,
    esc,
)
from bonewise.export.week import WeekFacts, average_totals, cell_amount, target_sources, target_text

_STATE_COLOURS = {"over_limit": WARN, "in_band": GOOD}
_MAX_NAMES = 12  # foods named per nutrient in the coverage notes


def _table_style(*extra: tuple) -> TableStyle:
    return TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT_LIGHT),
            ("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            *extra,
        ]
    )


def nutrient_heading(key: str) -> str:
    """The nutrient's short name for narrow table columns: "Vitamin K2" (no bracketed detail)."""
    return esc(label_of(key).partition(" (")[0])


def reading_cell(facts: WeekFacts, total: Total, styles: Styles) -> tuple[Para, bool]:
    """A total with its gauge symbol, coloured by state; True when it is over a limit."""
    if total.items == 0:
        return Para("—", styles.cell_center), False
    reading = facts.reading(total)
    text = f"{reading.symbol} {esc(cell_amount(total))}"
    colour = _STATE_COLOURS.get(reading.state)
    if colour is not None:
        text = f'<font color="{colour.hexval()}">{text}</font>'
    over = reading.state == "over_limit"
    return Para(f"<b>{text}</b>" if over else text, styles.cell_center), over


@dataclass(frozen=True)
class ReportSection:
    facts: WeekFacts
    title: str = "Nutrient report"
    landscape: bool = False

    @property
    def header(self) -> str:
        return self.facts.header

    def flowables(self, styles: Styles, width: float, height: float) -> list[Flowable]:
        facts = self.facts
        out: list[Flowable] = [
            styles.markup(f"Nutrient report for {esc(facts.person.name)}", styles.title),
            styles.p(
                "Amounts are the food's USDA value per 100 g × the grams planned. A food without "
                "data for a nutrient is counted as unknown, never as zero: such totals read "
                "“at least”, and the notes on data coverage name those foods.",
                styles.small,
            ),
        ]
        if not any(day.meals for day in facts.plan.days):
            out.append(styles.p("Nothing is planned for this week yet.", styles.body))
            out += self._sources(styles)
            return out
        out += self._day_table(styles, width)
        out += self._day_charts(styles, width)
        out += self._meal_chart(styles, width)
        out += self._averages(styles, width)
        out += self._coverage(styles)
        out += self._sources(styles)
        return out

    # ---------------------------------------------------------------- day table

    def _day_table(self, styles: Styles, width: float) -> list[Flowable]:
        facts = self.facts
        first = width * (0.14 if styles.large else 0.16)
        widths = [first] + [(width - first) / len(TARGET_KEYS)] * len(TARGET_KEYS)
        head: list[object] = [Para("<b>Day</b>", styles.cell)]
        for key in TARGET_KEYS:
            target = facts.targets[key]
            head.append(Para(
                f"<b>{nutrient_heading(key)}</b><br/>"
                f'<font size="{styles.small.fontSize}" color="{MUTED.hexval()}">'
                f"{esc(target_text(target))}<br/>({esc(target_sources(target))})</font>",
                styles.cell_center,
            ))  # fmt: skip
        rows = [head]
        extra: list[tuple] = []
        average, planned = average_totals(facts)
        lines = [(day_label(d.date), t) for d, t in zip(facts.plan.days, facts.totals.days, strict=True)]
        lines.append((f"Average of {planned} planned {'day' if planned == 1 else 'days'}", average))
        for label, totals in lines:
            row: list[object] = [Para(esc(label), styles.cell_bold if "Average" in label else styles.cell)]
            for col, key in enumerate(TARGET_KEYS, start=1):
                cell, over = reading_cell(facts, totals[key], styles)
                row.append(cell)
                if over:
                    extra.append(("BACKGROUND", (col, len(rows)), (col, len(rows)), WARN_LIGHT))
            rows.append(row)
        extra.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), FAINT))
        table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(_table_style(*extra))
        legend = " · ".join(
            f"{SYMBOLS[s]} {STATUS_TEXT[s]}"
            for s in ("in_band", "below", "above_band", "over_limit", "tracked", "unknown")
        )
        return [
            styles.p("Each day against the targets", styles.heading),
            table,
            Spacer(1, 3),
            styles.p(legend, styles.small),
        ]

    # ---------------------------------------------------------------- charts

    def _day_charts(self, styles: Styles, width: float) -> list[Flowable]:
        facts = self.facts
        font = styles.small.fontSize * 0.9
        chart_w = (width - 12) / 2
        chart_h = chart_w * (0.62 if styles.large else 0.52)
        days = [WEEKDAYS[d.date.weekday()] for d in facts.plan.days]
        drawings = []
        for key in TARGET_KEYS:
            target = facts.targets[key]
            totals = [t[key] for t in facts.totals.days]
            values = [None if t.items == 0 else t.value for t in totals]
            limit = target.upper_limit if target.limit_scope is LimitScope.TOTAL else None
            band_ok = target.has_band or target.tracked_only
            drawings.append(day_chart(
                f"{label_of(key)} ({unit_of(key)}) · {target.source.short}",
                days, values, [t.complete for t in totals],
                low=target.low if band_ok else None,
                high=target.high if target.has_band else None,
                limit=limit, width=chart_w, height=chart_h, font_size=font,
            ))  # fmt: skip
        note = styles.p(
            "Green strip: the target band (for vitamin K2 the trial reference, from its line up). "
            "Red dashed line: the upper limit for food and supplements together. A lighter bar "
            "marked ≥ is a lower bound: some foods that day have no data. — : nothing planned.",
            styles.small,
        )
        cells = drawings + [note]
        # One small table per pair of charts, so a page break can fall between pairs
        # and the heading stays with the first pair.
        pairs = []
        for i in range(0, len(cells), 2):
            pair = Table([cells[i : i + 2]], colWidths=[chart_w + 6] * 2, hAlign="LEFT")
            pair.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                      ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                      ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))  # fmt: skip
            pairs.append(pair)
        return [KeepTogether([styles.p("Day by day", styles.heading), pairs[0]]), *pairs[1:]]

    def _meal_chart(self, styles: Styles, width: float) -> list[Flowable]:
        facts = self.facts
        series = []
        for slot in facts.slots:
            values = [
                meals[slot.id]["calcium_mg"].value if slot.id in meals else 0.0
                for meals in facts.meal_totals
            ]
            if any(values):
                series.append((slot.name, values))
        days = [WEEKDAYS[d.date.weekday()] for d in facts.plan.days]
        cap_label = f"{MEAL_CALCIUM_PER_SITTING_MG:,.0f} mg per sitting ({HEANEY_1990.short})"
        drawing = meal_chart(
            "mg of calcium in each meal", days, series, cap=MEAL_CALCIUM_PER_SITTING_MG, cap_label=cap_label,
            width=width, height=width * (0.42 if styles.large else 0.34),
            font_size=styles.small.fontSize * 0.9,
        )  # fmt: skip
        text = styles.p(
            "The body takes up a smaller share of calcium the more arrives at once "
            f"({HEANEY_1990.short}), so calcium spread over several meals counts for more than "
            f"the same amount in one. Meals above the dashed line carry more than "
            f"{MEAL_CALCIUM_PER_SITTING_MG:,.0f} mg.",
            styles.small,
        )
        return [KeepTogether([styles.p("Calcium per meal", styles.heading), drawing, text])]

    # ---------------------------------------------------------------- averages

    def _averages(self, styles: Styles, width: float) -> list[Flowable]:
        facts = self.facts
        average, planned = average_totals(facts)
        widths = [width * f for f in (0.17, 0.29, 0.22, 0.14, 0.18)]
        rows: list[list[object]] = [[
            Para(f"<b>{h}</b>", styles.cell)
            for h in ("Nutrient", "Average a day", "Target", "Status", "Source")
        ]]  # fmt: skip
        extra: list[tuple] = []
        for key in TARGET_KEYS + SUPPORTING_KEYS:
            target = facts.targets[key]
            total = average[key]
            reading = facts.reading(total)
            status = f"{reading.symbol} {reading.status}"
            colour = _STATE_COLOURS.get(reading.state)
            if colour is not None:
                status = f'<font color="{colour.hexval()}">{esc(status)}</font>'
            else:
                status = esc(status)
            if reading.state == "over_limit":
                extra.append(("BACKGROUND", (0, len(rows)), (-1, len(rows)), WARN_LIGHT))
            supplements = ""
            if total.from_supplements > 0:
                supplements = f"<br/>{esc(format_amount(total.from_supplements, key))} from supplements"
            rows.append([
                Para(f"<b>{nutrient_heading(key)}</b>", styles.cell),
                Para(esc(total.describe()) + supplements, styles.cell),
                Para(esc(target_text(target)), styles.cell),
                Para(status, styles.cell),
                Para(esc(target_sources(target)), styles.cell),
            ])  # fmt: skip
        table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(_table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), *extra))
        return [KeepTogether([
            styles.p("Weekly averages", styles.heading),
            styles.p(
                f"Averaged over the {planned} planned {'day' if planned == 1 else 'days'} "
                "(days with nothing planned are left out, not counted as zero).",
                styles.small,
            ),
            table,
        ])]  # fmt: skip

    # ---------------------------------------------------------------- coverage

    def _coverage(self, styles: Styles) -> list[Flowable]:
        facts = self.facts
        average, _ = average_totals(facts)
        out: list[Flowable] = [styles.p("Notes on data coverage", styles.heading)]
        for key in TARGET_KEYS + SUPPORTING_KEYS:
            total = average[key]
            if total.items == 0:
                continue
            label = label_of(key)
            if total.complete:
                text = f"<b>{esc(label)}</b>: every planned item has data."
            else:
                names = list(total.unknown_names)
                shown = ", ".join(names[:_MAX_NAMES])
                more = f" and {len(names) - _MAX_NAMES} more" if len(names) > _MAX_NAMES else ""
                text = (
                    f"<b>{esc(label)}</b>: {total.known} of {total.items} planned items have data; "
                    f"no data for {esc(shown)}{more}."
                )
            out.append(Para(text, styles.bullet))
        k2 = facts.targets.get("vitamin_k2_ug")
        if k2 is not None and k2.note:
            out.append(styles.p(k2.note, styles.small))
        out.append(styles.p(
            "Vitamin K from USDA data is K1 (phylloquinone); K2 (menaquinones) comes from a "
            "separate literature table and is never added to it.", styles.small,
        ))  # fmt: skip
        return out

    def _sources(self, styles: Styles) -> list[Flowable]:
        out: list[Flowable] = [styles.p("Sources of every target, limit and flag", styles.heading)]
        for source in self.facts.sources():
            lines = [esc(line) for line in source.citation.splitlines() if line.strip()]
            out.append(Para(f"<b>{esc(source.short)}</b>: " + "<br/>".join(lines), styles.small_bullet))
        return out

