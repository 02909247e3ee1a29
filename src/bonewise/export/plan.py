"""The week-plan section: the 7-day grid for the kitchen, day totals against targets, flags."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable, KeepTogether, Spacer, TableStyle

from bonewise.core.checks import PER_SITTING_KINDS, SITTING_MARK
from bonewise.core.nutrients import TARGET_KEYS, label_of
from bonewise.core.status import Severity, legend
from bonewise.core.totals import format_amount
from bonewise.export.labels import day_label
from bonewise.export.report import reading_cell
from bonewise.export.styles import (
    ACCENT,
    ACCENT_LIGHT,
    FAINT,
    MUTED,
    RULE,
    WARN,
    WARN_LIGHT,
    Para,
    Styles,
    Table,
    esc,
)
from bonewise.export.week import WeekFacts, target_sources, target_text

SITTING_FLAG = SITTING_MARK
SHOWN_IN_TABLES = PER_SITTING_KINDS | {"upper_limit"}
_PAD_X, _PAD_Y = 6.0, 3.5  # a grid cell's padding: left + right, and top (= bottom)


def fit_in_height(flowables: list[Flowable], width: float, room: float) -> list[list[Flowable]]:
    """``flowables`` in consecutive groups that each fit ``room`` points tall (usually one group).

    A flowable taller than ``room`` on its own is split (a paragraph between its lines).
    """
    groups: list[list[Flowable]] = [[]]
    used = 0.0
    queue = list(flowables)
    while queue:
        item = queue.pop(0)
        need = item.wrap(width, room)[1] + item.getSpaceBefore() + item.getSpaceAfter()
        if used + need <= room:
            groups[-1].append(item)
            used += need
            continue
        parts = item.split(width, room - used - item.getSpaceBefore()) if need > room else []
        if len(parts) >= 2:
            groups[-1].append(parts[0])
            queue[0:0] = parts[1:]
        elif not groups[-1]:
            groups[-1].append(item)  # cannot be split and fits no page: let it overflow
        else:
            queue.insert(0, item)
        groups.append([])
        used = 0.0
    return [group for group in groups if group] or [[]]


@dataclass(frozen=True)
class PlanSection:
    facts: WeekFacts
    title: str = "Week plan"
    landscape: bool = True

    @property
    def header(self) -> str:
        return self.facts.header

    def flowables(self, styles: Styles, width: float, height: float) -> list[Flowable]:
        facts = self.facts
        out: list[Flowable] = [
            styles.markup(f"Week plan for {esc(facts.person.name)}", styles.title),
        ]
        if not any(day.meals for day in facts.plan.days):
            out.append(styles.p("Nothing is planned for this week yet."))
            return out
        # The key to the symbols goes first, so it is never left alone on a page.
        out += [self._legend(styles), Spacer(1, styles.body_size * 0.4)]
        label_w = max(width * 0.14, styles.body_size * 9)
        day_w = (width - label_w) / 7
        widths = [label_w] + [day_w] * 7
        out.append(self._grid(styles, widths, height))
        out.append(Spacer(1, styles.body_size * 0.8))
        # The totals are read as one table: a page break inside it would strand a row.
        out.append(KeepTogether([self._totals(styles, widths), self._target_sources(styles)]))
        flags = self._flags(styles)
        if flags:
            out += [Spacer(1, styles.body_size * 0.6), *flags]
        return out

    # ------------------------------------------------------------------ grid

    def _grid(self, styles: Styles, widths: list[float], height: float) -> Table:
        facts = self.facts
        head = [Para("", styles.grid_head)] + [
            Para(esc(day_label(day.date)), styles.grid_head) for day in facts.plan.days
        ]
        # A meal's row never splits across pages: it moves to the next page whole, under
        # the repeated day header. One too tall for any page goes on in a "continued" row.
        head_h = max(p.wrap(w - _PAD_X, height)[1] for p, w in zip(head, widths, strict=True))
        room = height - head_h - 2 * _PAD_Y - 4
        rows: list[list[object]] = [list(head)]
        commands: list[tuple] = []
        for slot in facts.slots:
            if not any(day.entries(slot.id) for day in facts.plan.days):
                continue  # a meal nobody planned this week would only add an empty row
            cells: list[list[Flowable]] = []
            flagged: list[bool] = []
            for col, day in enumerate(facts.plan.days, start=1):
                cell: list[Flowable] = []
                for entry in day.entries(slot.id):
                    name, amount = facts.entry_label(entry, short=True)
                    cell.append(Para(f"• {esc(name)} <b>{esc(amount)}</b>", styles.grid_item))
                sitting = any(f.kind in PER_SITTING_KINDS for f in facts.findings_for(day.date, slot.id))
                if sitting:
                    calcium = facts.summary.meals[col - 1][slot.id]["calcium_mg"]
                    flag = f"{SITTING_FLAG} {esc(format_amount(calcium.value, 'calcium_mg'))} calcium in one sitting"
                    cell.append(Para(f'<font color="{WARN.hexval()}"><b>{flag}</b></font>', styles.small))
                cells.append(cell)
                flagged.append(sitting)
            rows += self._rows_that_fit(slot.name, cells, flagged, styles, widths, room, commands, len(rows))
        if any(day.note.strip() for day in facts.plan.days):
            notes = [[Para(esc(day.note), styles.small)] for day in facts.plan.days]
            rows += self._rows_that_fit("Notes", notes, [False] * 7, styles, widths, room, commands, len(rows))
        table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, 0), ACCENT_LIGHT),
                    ("BACKGROUND", (0, 1), (0, -1), FAINT),
                    ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                    ("LINEBELOW", (0, 0), (-1, 0), 1.2, ACCENT),
                    ("TOPPADDING", (0, 0), (-1, -1), _PAD_Y),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD_Y),
                    ("LEFTPADDING", (0, 0), (-1, -1), _PAD_X / 2),
                    ("RIGHTPADDING", (0, 0), (-1, -1), _PAD_X / 2),
                    *commands,
                ]
            )
        )
        return table

    @staticmethod
    def _rows_that_fit(
        label: str, cells: list[list[Flowable]], flagged: list[bool], styles: Styles,
        widths: list[float], room: float, commands: list[tuple], first_row: int,
    ) -> list[list[object]]:
        """One grid row for a meal, or several ("Dinner", "Dinner (continued)") if it is taller than a page."""
        chunks = [fit_in_height(cell, w - _PAD_X, room) for cell, w in zip(cells, widths[1:], strict=True)]
        rows: list[list[object]] = []
        for k in range(max(len(c) for c in chunks)):
            name = label if k == 0 else f"{label} (continued)"
            rows.append([Para(f"<b>{esc(name)}</b>", styles.cell)] + [c[k] if k < len(c) else [] for c in chunks])
        for col, sitting in enumerate(flagged, start=1):
            if sitting:
                commands.append(("BACKGROUND", (col, first_row), (col, first_row + len(rows) - 1), WARN_LIGHT))
        return rows

    # ------------------------------------------------------------------ totals

    def _totals(self, styles: Styles, widths: list[float]) -> Table:
        facts = self.facts
        rows: list[list[object]] = [
            [Para("<b>Day totals</b>", styles.cell),
             *(Para(esc(day_label(day.date)), styles.cell_center) for day in facts.plan.days)]
        ]
        commands: list[tuple] = []
        for key in TARGET_KEYS:
            target = facts.targets[key]
            label = (
                f"<b>{esc(label_of(key).partition(' (')[0])}</b><br/>"
                f'<font size="{styles.small.fontSize}" color="{MUTED.hexval()}">'
                f"{esc(target_text(target))}</font>"
            )
            row: list[object] = [Para(label, styles.cell)]
            for col, readings in enumerate(facts.summary.days, start=1):
                cell, over = reading_cell(readings[key], styles)
                if over:
                    commands.append(("BACKGROUND", (col, len(rows)), (col, len(rows)), WARN_LIGHT))
                row.append(cell)
            rows.append(row)
        table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("BACKGROUND", (0, 0), (-1, 0), ACCENT_LIGHT),
                    ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                    *commands,
                ]
            )
        )
        return table

    def _target_sources(self, styles: Styles) -> Para:
        """Where each target in the day totals comes from, in one line under the table."""
        parts = [
            f"{label_of(key).partition(' (')[0]}: {target_sources(self.facts.targets[key])}"
            for key in TARGET_KEYS
        ]
        return styles.p("Sources of the targets: " + " · ".join(parts) + ".", styles.small)

    def _legend(self, styles: Styles) -> Para:
        parts = [legend()]
        sitting = sorted({f.source.short for f in self.facts.findings if f.kind in PER_SITTING_KINDS})
        cite = f" ({'; '.join(sitting)})" if sitting else ""
        parts.append(f"{SITTING_FLAG} more calcium in one sitting than the body absorbs well{cite}")
        parts.append("“at least”: some foods have no data, so the true amount is higher")
        return Para(esc(" · ".join(parts)), styles.small)

    def _flags(self, styles: Styles) -> list[Flowable]:
        # Per-sitting calcium and upper limits are already marked in the grid and the
        # totals; the rest (e.g. vitamin K swings on warfarin) is said here in words.
        warnings = [
            f for f in self.facts.findings
            if f.severity is Severity.WARNING and f.kind not in SHOWN_IN_TABLES
        ]  # fmt: skip
        if not warnings:
            return []
        out: list[Flowable] = [styles.p("Flags this week", styles.subheading)]
        for finding in warnings:
            when = f"{day_label(finding.date)}: " if finding.date else ""
            out.append(Para(f"{finding.severity.symbol} {esc(when + finding.message)}", styles.bullet))
        return out

