"""The appointment summary: one page for the oncology visit.

Who the person is (T-score and its WHO category, vitamin D blood level if
recorded), what the planned days give on average against the targets, the
supplement schedule as planned (what, how much, with which meal), points worth
raising, and a box for the person's own questions.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from reportlab.platypus import Flowable, KeepInFrame, Spacer, TableStyle

from bonewise.core.nutrients import TARGET_KEYS, label_of
from bonewise.core.targets import T_SCORE_CATEGORIES, t_score_category, vitamin_d_lab_reading
from bonewise.core.totals import format_amount, format_number
from bonewise.errors import BonewiseError
from bonewise.export.fonts import FONT_BOLD, printable
from bonewise.export.labels import MONTHS, days_text
from bonewise.export.report import nutrient_heading
from bonewise.export.styles import (
    ACCENT,
    ACCENT_LIGHT,
    INK,
    RULE,
    Para,
    Styles,
    Table,
    esc,
    status_markup,
)
from bonewise.export.week import WeekFacts, target_sources, target_text


def nutrient_word(key: str) -> str:
    """The nutrient as a word in a sentence: "calcium", "vitamin D", "vitamin K2"."""
    name = label_of(key).partition(" (")[0]
    return "vitamin" + name[len("Vitamin") :] if name.startswith("Vitamin") else name.lower()


@dataclass(frozen=True)
class SupplementDose:
    """One line of the supplement schedule."""

    name: str
    amount: str  # "1 tablet (600 mg calcium)"
    slot: str  # the meal it is taken with
    days: str  # "every day", "Mon–Fri"


def supplement_schedule(facts: WeekFacts) -> list[SupplementDose]:
    """The supplements in the plan, grouped by product, dose and meal."""
    order = {slot.id: i for i, slot in enumerate(facts.slots)}
    names = {slot.id: slot.name for slot in facts.slots}
    doses: dict[tuple[int, str, str, str], list[dt.date]] = defaultdict(list)
    for day in facts.plan.days:
        for slot_id, entries in day.meals.items():
            for entry in entries:
                food = facts.foods.get(entry.food_id or "")
                if food is None or not food.is_supplement:
                    continue
                _, amount = facts.entry_label(entry)
                content = [
                    f"{format_amount(value, key)} {nutrient_word(key)}"
                    for key in TARGET_KEYS
                    if (value := food.amount_in(key, entry.grams))
                ]
                if content:
                    amount += f" ({', '.join(content)})"
                doses[(order.get(slot_id, len(order)), slot_id, food.name, amount)].append(day.date)
    week = facts.plan.week.dates()
    return [
        SupplementDose(name, amount, names.get(slot_id, slot_id), days_text(dates, week))
        for (_, slot_id, name, amount), dates in sorted(doses.items(), key=lambda kv: kv[0])
    ]


class QuestionsBox(Flowable):
    """A ruled box that fills the rest of the page, for questions written by hand."""

    def __init__(self, title: str, line_gap: float, min_height: float):
        super().__init__()
        self.title, self.line_gap, self.min_height = title, line_gap, min_height

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = max(self.min_height, avail_height - 2)
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        size = self.line_gap * 0.45
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1)
        canvas.roundRect(0, 0, self.width, self.height, 6)
        canvas.setFillColor(INK)
        canvas.setFont(FONT_BOLD, size)
        top = self.height - size * 1.8
        canvas.drawString(size, top, printable(self.title))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        y = top - self.line_gap
        while y > self.line_gap * 0.4:
            canvas.line(size, y, self.width - size, y)
            y -= self.line_gap


# The summary's tables with a header row: compact, so the page fits on one sheet.
_HEADED_TABLE = TableStyle([
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("BACKGROUND", (0, 0), (-1, 0), ACCENT_LIGHT),
    ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ("LEFTPADDING", (0, 0), (-1, -1), 2),
])  # fmt: skip


@dataclass(frozen=True)
class SummarySection:
    facts: WeekFacts
    prepared: dt.date = field(default_factory=dt.date.today)
    title: str = "Appointment summary"
    landscape: bool = False

    @property
    def header(self) -> str:
        return self.facts.header

    def flowables(self, styles: Styles, width: float, height: float) -> list[Flowable]:
        facts = self.facts
        week = facts.plan.week
        prepared = f"{self.prepared.day} {MONTHS[self.prepared.month - 1]} {self.prepared.year}"
        content: list[Flowable] = [
            styles.markup(f"Nutrition summary for {esc(facts.person.name)}", styles.title),
            styles.p(
                f"Planned meals of week {week.week}, {week.year}, prepared with Bonewise on "
                f"{prepared}. A planning aid to discuss with the care team, not medical advice.",
                styles.small,
            ),
            *self._about(styles, width),
            *self._intake(styles, width),
            *self._supplements(styles, width),
            *self._points(styles),
            Spacer(1, styles.body_size * 0.6),
        ]
        box_min = styles.body_size * 2.2 * 6
        box = QuestionsBox("Questions for my care team", styles.body_size * 2.2, box_min)
        if styles.large:
            # Shrinking large print to one page would undo it: let it run on instead.
            return [*content, box]
        return [KeepInFrame(width, height - box_min, content, mode="shrink"), box]

    def _about(self, styles: Styles, width: float) -> list[Flowable]:
        person = self.facts.person
        rows: list[tuple[str, str]] = []
        rows.append(("Body weight", f"{person.weight_kg:g} kg" if person.weight_kg else "not recorded"))
        if person.t_score is not None:
            try:
                category, source = t_score_category(person.t_score)
                rows.append((
                    "Bone density (T-score)",
                    f"{format_number(person.t_score).replace('-', '−')}: {category} ({source.short}). "
                    f"{T_SCORE_CATEGORIES[category]}",
                ))  # fmt: skip
            except BonewiseError as exc:
                rows.append(("Bone density (T-score)", str(exc)))
        else:
            rows.append(("Bone density (T-score)", "not recorded"))
        if person.vitamin_d_lab_ng_ml is not None:
            try:
                reading = vitamin_d_lab_reading(person.vitamin_d_lab_ng_ml)
                when = person.vitamin_d_lab_date
                measured = f" Measured {when.day} {MONTHS[when.month - 1]} {when.year}." if when else ""
                rows.append(("Vitamin D blood level (25(OH)D)",
                             f"{reading.text}{measured} ({reading.source.short})"))  # fmt: skip
            except BonewiseError as exc:
                rows.append(("Vitamin D blood level (25(OH)D)", str(exc)))
        else:
            rows.append(("Vitamin D blood level (25(OH)D)", "not recorded"))
        if person.on_warfarin:
            rows.append(("Warfarin", "Takes warfarin: the plan is checked for steady vitamin K and natto."))
        personal = [
            f"{label_of(t.key)} {target_text(t)}" for t in self.facts.targets.values() if t.personal
        ]
        if personal:
            rows.append(("Personal targets", "; ".join(personal)))
        table = Table(
            [[Para(f"<b>{esc(k)}</b>", styles.cell), Para(esc(v), styles.cell)] for k, v in rows],
            colWidths=[width * 0.27, width * 0.73], hAlign="LEFT",
        )  # fmt: skip
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ]))  # fmt: skip
        return [styles.p("About me", styles.heading), table]

    def _intake(self, styles: Styles, width: float) -> list[Flowable]:
        summary = self.facts.summary
        planned = summary.days_planned
        rows: list[list[object]] = [[
            Para(f"<b>{h}</b>", styles.cell)
            for h in ("Nutrient", "Average a day", "Target (source)", "Status")
        ]]  # fmt: skip
        for key, reading in summary.average.items():
            total, target = reading.total, reading.target
            amount = esc(total.describe())
            if total.from_supplements > 0:
                amount += f"<br/>{esc(format_amount(total.from_supplements, key))} from supplements"
            status = status_markup(reading.status, esc(reading.status.text))
            rows.append([
                Para(f"<b>{nutrient_heading(key)}</b>", styles.cell),
                Para(amount, styles.cell),
                Para(f"{esc(target_text(target))} ({esc(target_sources(target))})", styles.cell),
                Para(status, styles.cell),
            ])  # fmt: skip
        table = Table(rows, colWidths=[width * f for f in (0.16, 0.32, 0.36, 0.16)], hAlign="LEFT")
        table.setStyle(_HEADED_TABLE)
        days = "day" if planned == 1 else "days"
        return [styles.p(f"Average intake over {planned} planned {days}", styles.heading), table]

    def _supplements(self, styles: Styles, width: float) -> list[Flowable]:
        schedule = supplement_schedule(self.facts)
        out: list[Flowable] = [styles.p("Supplement schedule as planned", styles.heading)]
        if not schedule:
            out.append(styles.p("No supplements are planned this week.", styles.body))
            return out
        rows: list[list[object]] = [[
            Para(f"<b>{h}</b>", styles.cell) for h in ("Supplement", "How much", "With", "Days")
        ]]  # fmt: skip
        for dose in schedule:
            rows.append([Para(esc(v), styles.cell) for v in (dose.name, dose.amount, dose.slot, dose.days)])
        table = Table(rows, colWidths=[width * f for f in (0.30, 0.34, 0.16, 0.20)], hAlign="LEFT")
        table.setStyle(_HEADED_TABLE)
        out.append(table)
        return out

    def _points(self, styles: Styles) -> list[Flowable]:
        """The findings heaviest first: week-level ones in full, per-day ones gathered by kind
        into one line (what, how many, on which days, the sources) so the page stays one page."""
        week = self.facts.plan.week.dates()
        lines = []
        for group in self.facts.summary.warnings:
            dated = [f for f in group.findings if f.date is not None]
            lines += [f.message for f in group.findings if f.date is None]
            if dated:
                days = days_text([f.date for f in dated], week)
                sources = "; ".join(sorted({f.source.short for f in dated}))
                lines.append(f"{group.title}: {len(dated)}, on {days} ({sources}).")
        if not lines:
            return []
        out: list[Flowable] = [styles.p("Points to talk about", styles.heading)]
        out += [Para(f"• {esc(line)}", styles.bullet) for line in lines]
        return out
