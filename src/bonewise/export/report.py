"""The nutrient-report section: each day against the targets, charts, averages, coverage, sources."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable, KeepTogether, Spacer, TableStyle

from bonewise.core.checks import MEAL_CALCIUM_PER_SITTING_MG
from bonewise.core.nutrients import TARGET_KEYS, VITAMIN_K_TOTAL, label_of, unit_of
from bonewise.core.status import Reading, Status, legend
from bonewise.core.targets import HEANEY_1990, LimitScope, TargetKind
from bonewise.core.totals import format_amount
from bonewise.export.charts import day_chart, meal_chart
from bonewise.export.labels import WEEKDAYS, day_label
from bonewise.export.styles import (
    ACCENT,
    ACCENT_LIGHT,
    FAINT,
    MUTED,
    RULE,
    WARN_LIGHT,
    Para,
    Styles,
    Table,
    esc,
    is_alarm,
    status_markup,
)
from bonewise.export.week import (
    WeekFacts,
    average_heading,
    cell_amount,
    target_sources,
    target_text,
)

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


def reading_cell(reading: Reading, styles: Styles) -> tuple[Para, bool]:
    """A reading with its status symbol, coloured by status; True when it is over a limit."""
    if reading.status is Status.NOTHING_PLANNED:
        return Para("—", styles.cell_center), False
    text = f"{reading.status.symbol} {esc(cell_amount(reading))}"
    return Para(status_markup(reading.status, text), styles.cell_center), is_alarm(reading.status)


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
            return out
        out += self._day_table(styles, width)
        out += self._day_charts(styles, width)
        out += self._meal_chart(styles, width)
        out += self._averages(styles, width)
        out += self._coverage(styles)
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
        summary = facts.summary
        lines = [(day_label(date), readings) for date, readings in zip(summary.dates, summary.days, strict=True)]
        lines.append((average_heading(summary), summary.average))
        for label, readings in lines:
            row: list[object] = [Para(esc(label), styles.cell_bold if "Average" in label else styles.cell)]
            for col, key in enumerate(TARGET_KEYS, start=1):
                cell, over = reading_cell(readings[key], styles)
                row.append(cell)
                if over:
                    extra.append(("BACKGROUND", (col, len(rows)), (col, len(rows)), WARN_LIGHT))
            rows.append(row)
        extra.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), FAINT))
        table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(_table_style(*extra))
        return [
            styles.p("Each day against the targets", styles.heading),
            table,
            Spacer(1, 3),
            styles.p(legend(), styles.small),
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
            totals = [readings[key].total for readings in facts.summary.days]
            values = [None if t.items == 0 or t.is_unknown else t.value for t in totals]
            limit = target.upper_limit if target.limit_scope is LimitScope.TOTAL else None
            band_ok = target.has_band or target.tracked_only
            drawings.append(day_chart(
                f"{label_of(key)} ({unit_of(key)}) · {target.source.short}",
                days, values, [t.complete for t in totals],
                low=target.low if band_ok else None,
                # A minimum is met anywhere above its low end: its strip runs to the top.
                high=target.high if target.has_band and target.kind is not TargetKind.FLOOR else None,
                limit=limit, width=chart_w, height=chart_h, font_size=font,
            ))  # fmt: skip
        note = styles.p(
            "Green strip: the target, between its ends for a range (calcium), from its lower end up "
            "for a minimum (vitamin D, magnesium, protein) and for vitamin K2's trial reference. "
            "Red dashed line: the upper limit for food and supplements together. A lighter bar "
            "marked ≥ is a lower bound: some foods that day have no data. ? : no data at all. "
            "— : nothing planned.",
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
                for meals in facts.summary.meals
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
        summary = self.facts.summary
        widths = [width * f for f in (0.17, 0.29, 0.22, 0.14, 0.18)]
        rows: list[list[object]] = [[
            Para(f"<b>{h}</b>", styles.cell)
            for h in ("Nutrient", "Average a day", "Target", "Status", "Source")
        ]]  # fmt: skip
        extra: list[tuple] = []
        for key, reading in summary.average.items():
            total, target = reading.total, reading.target
            if is_alarm(reading.status):
                extra.append(("BACKGROUND", (0, len(rows)), (-1, len(rows)), WARN_LIGHT))
            supplements = ""
            if total.from_supplements > 0:
                supplements = f"<br/>{esc(format_amount(total.from_supplements, key))} from supplements"
            rows.append([
                Para(f"<b>{nutrient_heading(key)}</b>", styles.cell),
                Para(esc(total.describe()) + supplements, styles.cell),
                Para(esc(target_text(target)), styles.cell),
                Para(status_markup(reading.status, esc(reading.status.text)), styles.cell),
                Para(esc(target_sources(target)), styles.cell),
            ])  # fmt: skip
        table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(_table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), *extra))
        planned = summary.days_planned
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
        summary = self.facts.summary
        out: list[Flowable] = [styles.p("Notes on data coverage", styles.heading)]
        for key, reading in summary.average.items():
            total = reading.total
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
        for key in ("vitamin_k2_ug", VITAMIN_K_TOTAL):
            target = self.facts.targets.get(key)
            if target is not None and target.note:
                out.append(styles.p(target.note, styles.small))
        out.append(styles.p(
            "Vitamin K from USDA data is K1 (phylloquinone); K2 (menaquinones) comes from a "
            "separate literature table. K1 is never counted as K2; the total line adds the two.",
            styles.small,
        ))  # fmt: skip
        return out + self._k2_sources(styles)

    def _k2_sources(self, styles: Styles) -> list[Flowable]:
        """Where each planned food's K2 estimate comes from, and how much it can be trusted."""
        rated = sorted(((f.name, f.k2) for f in self.facts.foods.values() if f.k2 is not None),
                       key=lambda pair: pair[0].casefold())
        if not rated:
            return []
        out: list[Flowable] = [styles.p(
            "Vitamin K2 of the planned foods (estimates per 100 g; a value that covers only some "
            "menaquinones is a lower bound):", styles.small,
        )]  # fmt: skip
        for name, k2 in rated:
            least = "" if k2.complete else "at least "
            country = f", {k2.country}" if k2.country else ""
            out.append(Para(
                f"{esc(name)}: {least}{format_amount(k2.ug_per_100g, 'vitamin_k2_ug')}; "
                f"{esc(k2.source)}{esc(country)}; evidence: {esc(k2.evidence)}",
                styles.small_bullet,
            ))  # fmt: skip
        return out
