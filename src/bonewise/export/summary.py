"""The appointment summary: the page a patient hands over at the bone clinic.

What the clinician looks at (ASCO 2019): the aromatase inhibitor and when it
started; the bone-modifying drug, its interval, the last dose and the next one due;
DXA T-scores by site and 25(OH)D levels over time, each as a small table and a
trend chart; FRAX with its caveat; falls and exercise; calcium and vitamin D split
into food and supplements; the points to discuss; a box for the person's own
questions. Every value carries its date; what was never entered reads "not
recorded", never a blank. One page, two at most, in type read at arm's length;
the full references are at the end of the document.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from reportlab.platypus import Flowable, Spacer, TableStyle

from bonewise.core.nutrients import TARGET_KEYS, label_of
from bonewise.core.plan import Person
from bonewise.core.record import (
    DxaSite,
    ExerciseKind,
    HealthRecord,
    Kind,
    day_text,
    dose_reminders,
    signed,
)
from bonewise.core.targets import (
    ASCO_2019,
    LAB_LOW_NG_ML,
    LAB_RANGE,
    WHO_1994,
    Source,
    nmol_per_l_from_ng,
    t_score_category,
    vitamin_d_lab_reading,
)
from bonewise.core.totals import Total, format_amount
from bonewise.export.charts import trend_chart
from bonewise.export.fonts import FONT_BOLD, printable
from bonewise.export.labels import days_text
from bonewise.export.report import nutrient_heading
from bonewise.export.styles import (
    ACCENT,
    ACCENT_LIGHT,
    INK,
    RULE,
    WARN,
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

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = max(self.min_height, avail_height - 2)
        return self.width, self.height

    def draw(self) -> None:
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
    record: HealthRecord = HealthRecord()
    prepared: dt.date = field(default_factory=dt.date.today)
    title: str = "Appointment summary"
    landscape: bool = False

    @property
    def header(self) -> str:
        return self.facts.header

    def sources(self) -> list[Source]:
        """What this page cites besides the week's targets and findings."""
        return [ASCO_2019, WHO_1994, LAB_RANGE]

    def flowables(self, styles: Styles, width: float, height: float) -> list[Flowable]:
        facts = self.facts
        week = facts.plan.week
        content: list[Flowable] = [
            styles.markup(f"Bone health summary for {esc(facts.person.name)}", styles.title),
            styles.p(
                f"Prepared with Bonewise on {day_text(self.prepared)} from the health record as entered and "
                f"the meals planned for week {week.week}, {week.year}. A planning aid to discuss with the "
                "care team, not medical advice. Short source names point to the references at the end.",
                styles.small,
            ),
            *self._treatment(styles, width),
            *self._bone_density(styles, width),
            *self._vitamin_d(styles, width),
            *self._intake(styles, width),
            *self._supplements(styles, width),
            *self._points(styles),
            Spacer(1, styles.body_size * 0.6),
        ]
        line_gap = styles.body_size * 2.2
        return [*content, QuestionsBox("Questions for my care team", line_gap, line_gap * 4)]

    # -- the record -------------------------------------------------------------------

    def _treatment(self, styles: Styles, width: float) -> list[Flowable]:
        record, person = self.record, self.facts.person
        rows: list[tuple[str, str]] = []
        ai = record.latest(Kind.AROMATASE_INHIBITOR)
        rows.append(("Aromatase inhibitor", f"{ai.item}, started {day_text(ai.date)}" if ai else NOT_RECORDED))
        reminders = dose_reminders(record, self.prepared)
        if reminders:
            for r in reminders:
                due = {"overdue": f"<b>{-r.days} days overdue</b>", "due": "<b>due today</b>",
                       "soon": f"in {r.days} days", "ok": f"in {r.days} days"}[r.status]  # fmt: skip
                colour = WARN.hexval() if r.status in ("overdue", "due") else INK.hexval()
                rows.append((f"Bone drug: {r.drug}", f"{esc(r.interval.text)} · last dose {day_text(r.last_dose)} · "
                             f'next due <font color="{colour}">{day_text(r.next_due)}, {due}</font>'))  # fmt: skip
        else:
            rows.append(("Bone-modifying drug", NOT_RECORDED))
        frax = record.latest(Kind.FRAX)
        rows.append(("FRAX 10-year risk", (
            f"{esc(frax.value_text)} ({day_text(frax.date)}). <i>FRAX is not validated in people with cancer "
            f"({ASCO_2019.short}).</i>" if frax else NOT_RECORDED)))  # fmt: skip
        falls = record.latest(Kind.FALLS)
        rows.append(("Falls in the last year", f"{falls.value:g} (as of {day_text(falls.date)})" if falls else NOT_RECORDED))
        exercise = record.exercise_now()
        if exercise:
            parts = [f"{k.value} {exercise[k.value].value:g} min" if k.value in exercise else f"{k.value}: no data"
                     for k in ExerciseKind]  # fmt: skip
            since = max(e.date for e in exercise.values())
            rows.append(("Exercise a week", f"{' · '.join(parts)} (as of {day_text(since)})"))
        else:
            rows.append(("Exercise a week", NOT_RECORDED))
        rows.append(("Body weight", f"{person.weight_kg:g} kg" if person.weight_kg else NOT_RECORDED))
        if person.on_warfarin:
            rows.append(("Warfarin", "Takes warfarin: the plan is checked for steady vitamin K and natto."))
        table = Table(
            [[Para(f"<b>{esc(k)}</b>", styles.cell), Para(v, styles.cell)] for k, v in rows],
            colWidths=[width * 0.27, width * 0.73], hAlign="LEFT",
        )  # fmt: skip
        table.setStyle(_PLAIN_TABLE)
        return [styles.p("Treatment and record", styles.heading), table]

    def _bone_density(self, styles: Styles, width: float) -> list[Flowable]:
        record = self.record
        heading = styles.p("Bone density (DXA T-scores)", styles.heading)
        dates = record.dxa_dates()
        if not dates:
            t = self.facts.person.t_score
            text = NOT_RECORDED if t is None else f"{signed(t)}, no date or site recorded"
            if t is not None:
                category, source = t_score_category(t)
                text += f": {category} ({source.short})"
            return [heading, styles.markup(esc(text), styles.body)]
        sites = [s.value for s in DxaSite if record.of(Kind.DXA, s.value)]
        shown = list(reversed(dates))[:MAX_ROWS]
        rows: list[list[object]] = [[Para("<b>Date</b>", styles.cell), *(
            Para(f"<b>{esc(s)}</b>", styles.cell) for s in sites)]]  # fmt: skip
        for day in shown:
            cells = []
            for site in sites:
                found = [e for e in record.of(Kind.DXA, site) if e.date == day]
                cells.append(Para(signed(found[-1].value) if found else "—", styles.cell))  # type: ignore[arg-type]
            rows.append([Para(day_text(day), styles.cell), *cells])
        latest = [e for e in record.of(Kind.DXA) if e.date == dates[-1]]
        lowest = min(latest, key=lambda e: e.value)  # type: ignore[arg-type, return-value]
        category, source = t_score_category(lowest.value)  # type: ignore[arg-type]
        note = styles.p(f"Lowest at the latest scan: {signed(lowest.value)} at the {lowest.item}: "  # type: ignore[arg-type]
                        f"{category} ({source.short}). — : not measured.", styles.small)  # fmt: skip
        chart = trend_chart(
            "T-score over time", [(s, [(e.date, e.value) for e in record.of(Kind.DXA, s)]) for s in sites],  # type: ignore[misc]
            references=[(-1.0, "−1.0"), (-2.5, "−2.5")], width=width * 0.46, height=width * 0.22,
            font_size=styles.small.fontSize * 0.9,
        )  # fmt: skip
        return [heading, self._side_by_side(rows, [note], chart, width)]

    def _vitamin_d(self, styles: Styles, width: float) -> list[Flowable]:
        heading = styles.p("Vitamin D blood level (25(OH)D)", styles.heading)
        levels = vitamin_d_history(self.record, self.facts.person)
        if not levels:
            return [heading, styles.p(NOT_RECORDED, styles.body)]
        rows: list[list[object]] = [[Para(f"<b>{h}</b>", styles.cell) for h in ("Date", "ng/mL", "nmol/L")]]
        for day, ng in list(reversed(levels))[:MAX_ROWS]:
            rows.append([Para(day_text(day), styles.cell), Para(f"{ng:g}", styles.cell),
                         Para(f"{nmol_per_l_from_ng(ng):.0f}", styles.cell)])  # fmt: skip
        reading = vitamin_d_lab_reading(levels[-1][1])
        note = styles.p(f"Latest: {reading.text} ({reading.source.short})", styles.small)
        chart = trend_chart("ng/mL over time", [("25(OH)D", levels)], references=[(LAB_LOW_NG_ML, "30")],
                            width=width * 0.46, height=width * 0.19, font_size=styles.small.fontSize * 0.9)  # fmt: skip
        return [heading, self._side_by_side(rows, [note], chart, width)]

    @staticmethod
    def _side_by_side(rows: list[list[object]], notes: list[Flowable], chart: Flowable, width: float) -> Table:
        """A small history table (with its note) on the left, its trend chart on the right."""
        left_w = width * 0.52
        columns = len(rows[0])
        history = Table(rows, colWidths=[left_w * 0.34] + [left_w * 0.66 / (columns - 1)] * (columns - 1),
                        hAlign="LEFT")  # fmt: skip
        history.setStyle(_HEADED_TABLE)
        outer = Table([[[history, Spacer(1, 3), *notes], chart]], colWidths=[left_w + 6, width - left_w - 6],
                      hAlign="LEFT")  # fmt: skip
        outer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
        return outer

    # -- the planned week ---------------------------------------------------------------

    def _intake(self, styles: Styles, width: float) -> list[Flowable]:
        summary = self.facts.summary
        planned = summary.days_planned
        rows: list[list[object]] = [[
            Para(f"<b>{h}</b>", styles.cell)
            for h in ("Nutrient", "From food", "From supplements", "Total a day", "Target (source)", "Status")
        ]]  # fmt: skip
        keys = INTAKE_KEYS + (WARFARIN_KEYS if self.facts.person.on_warfarin else ())
        for key in keys:
            reading = summary.average.get(key)
            if reading is None:
                continue
            total, target = reading.total, reading.target
            food, supplements = food_and_supplements(total)
            rows.append([
                Para(f"<b>{nutrient_heading(key)}</b>", styles.cell),
                Para(esc(food), styles.cell),
                Para(esc(supplements), styles.cell),
                Para(esc(total.describe()), styles.cell),
                Para(f"{esc(target_text(target))} ({esc(target_sources(target))})", styles.cell),
                Para(status_markup(reading.status, esc(reading.status.text)), styles.cell),
            ])  # fmt: skip
        table = Table(rows, colWidths=[width * f for f in (0.13, 0.14, 0.14, 0.17, 0.26, 0.16)], hAlign="LEFT")
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
        """What to raise: the record's own points first, then the week's findings heaviest first,
        each behind its severity mark. A finding alone of its kind prints whole; more of one kind
        are gathered into one line: what, how many, about which nutrients, on which days, the sources."""
        week = self.facts.plan.week.dates()
        lines = [("•", line) for line in record_points(self.record, self.facts.person, self.prepared)]
        for group in self.facts.summary.warnings:
            mark = group.severity.symbol
            dated = [f for f in group.findings if f.date is not None]
            if len(dated) == 1:
                dated = []
            lines += [(mark, f.message) for f in group.findings if f not in dated]
            if dated:
                days = days_text([f.date for f in dated if f.date is not None], week)
                sources = "; ".join(sorted({f.source.short for f in dated}))
                unnamed = [w for w in group.nutrient_words if w.casefold() not in group.title.casefold()]
                about = f" ({', '.join(unnamed)})" if unnamed else ""
                lines.append((mark, f"{group.title}: {len(dated)}{about}, on {days} ({sources})."))
        if not lines:
            return []
        out: list[Flowable] = [styles.p("Points to talk about", styles.heading)]
        out += [Para(f"{mark} {esc(line)}", styles.bullet) for mark, line in lines]
        return out


def vitamin_d_history(record: HealthRecord, person: Person) -> list[tuple[dt.date, float]]:
    """(date, ng/mL) of every 25(OH)D result, oldest first; the person's own dated value included."""
    levels = {(e.date, e.value) for e in record.of(Kind.VITAMIN_D) if e.value is not None}
    if person.vitamin_d_lab_ng_ml is not None and person.vitamin_d_lab_date is not None:
        levels.add((person.vitamin_d_lab_date, person.vitamin_d_lab_ng_ml))
    return sorted(levels)


def food_and_supplements(total: Total) -> tuple[str, str]:
    """The part of a daily average from food and from supplements: ("650 mg", "600 mg")."""
    if total.items == 0:
        return "—", "—"
    supplements = format_amount(total.from_supplements, total.key) if total.from_supplements else "none"
    if total.known == 0:
        return "no data", supplements
    food = format_amount(max(total.value - total.from_supplements, 0.0), total.key)
    return (food if total.complete else f"at least {food}"), supplements


def record_points(record: HealthRecord, person: Person, today: dt.date) -> list[str]:
    """Points the record raises, in plain words with their sources; never advice on a drug."""
    lines = [r.message for r in dose_reminders(record, today) if r.status in ("overdue", "due", "soon")]
    dates = record.dxa_dates()
    if dates:
        latest = [e for e in record.of(Kind.DXA) if e.date == dates[-1]]
        low = [e for e in latest if e.value is not None and e.value <= -2.5]
        if low:
            sites = ", ".join(f"{e.item} {signed(e.value)}" for e in low)  # type: ignore[arg-type]
            lines.append(f"T-score at or below −2.5 on {day_text(dates[-1])} ({sites}): the level at which "
                         f"{ASCO_2019.short} advises a bone-modifying agent.")  # fmt: skip
        for site in [s.value for s in DxaSite if any(e.item == s.value for e in latest)]:
            history = record.of(Kind.DXA, site)
            if len(history) >= 2 and history[-1].value is not None and history[-2].value is not None:
                change = history[-1].value - history[-2].value
                if change <= -0.3:
                    lines.append(f"{site.capitalize()} T-score {signed(history[-2].value)} on "
                                 f"{day_text(history[-2].date)}, {signed(history[-1].value)} on "
                                 f"{day_text(history[-1].date)}: a fall of {-change:.1f}.")  # fmt: skip
    frax = record.latest(Kind.FRAX)
    if frax is not None and ((frax.value or 0) >= 20 or (frax.value2 or 0) >= 3):
        lines.append(f"FRAX at or above {ASCO_2019.short}'s threshold (20 % major or 3 % hip) on "
                     f"{day_text(frax.date)}; FRAX is not validated in people with cancer.")  # fmt: skip
    falls = record.latest(Kind.FALLS)
    if falls is not None and (falls.value or 0) >= 1:
        lines.append(f"{falls.value:g} fall{'s' if falls.value != 1 else ''} in the year to {day_text(falls.date)}.")
    exercise = record.exercise_now()
    missing = [k.value for k in ExerciseKind if (e := exercise.get(k.value)) is None or not e.value]
    if exercise and missing:
        lines.append(f"No {' or '.join(missing)} exercise recorded; {ASCO_2019.short} advises a mix of balance, "
                     "resistance and aerobic exercise.")  # fmt: skip
    return lines


NOT_RECORDED = "not recorded"
MAX_ROWS = 5  # history rows per table: the page stays one page, the chart shows the rest
INTAKE_KEYS = ("calcium_mg", "vitamin_d_iu", "protein_g", "magnesium_mg")
WARFARIN_KEYS = ("vitamin_k_total_ug", "vitamin_k2_ug")  # on warfarin, vitamin K is asked about too
_PLAIN_TABLE = TableStyle([
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ("LEFTPADDING", (0, 0), (-1, -1), 2),
])  # fmt: skip
