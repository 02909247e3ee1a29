"""A person's dated health record: what the bone clinic asks about, as history, not one value.

Each entry is dated and kept: the aromatase inhibitor and when it started, each
dose of a bone-modifying drug with its interval (so the next dose is known, and
a denosumab dose that is due or late is said), DXA T-scores by site, 25(OH)D
blood levels, FRAX if given, falls in the last year, and exercise minutes a week
by kind. Bonewise only records what the person enters; it never advises on drugs.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from bonewise.core.plan import new_id

DUE_SOON_DAYS = 28  # a dose due within four weeks is shown as coming up


class Kind(StrEnum):
    """What an entry records."""

    AROMATASE_INHIBITOR = "ai"  # which drug, started on the date
    BONE_DRUG_DOSE = "dose"  # a dose of a bone-modifying drug given on the date, and its interval
    DXA = "dxa"  # a T-score at one site, measured on the date
    VITAMIN_D = "vitamin_d"  # a 25(OH)D blood level, in ng/mL
    FRAX = "frax"  # 10-year fracture risk, major osteoporotic and hip, in %
    FALLS = "falls"  # falls in the year up to the date
    EXERCISE = "exercise"  # minutes a week of one kind of exercise, as of the date


class AromataseInhibitor(StrEnum):
    ANASTROZOLE = "anastrozole"
    LETROZOLE = "letrozole"
    EXEMESTANE = "exemestane"


class BoneDrug(StrEnum):
    ALENDRONATE = "alendronate"
    RISEDRONATE = "risedronate"
    IBANDRONATE = "ibandronate"
    ZOLEDRONIC_ACID = "zoledronic acid"
    DENOSUMAB = "denosumab"


class DxaSite(StrEnum):
    LUMBAR_SPINE = "lumbar spine"
    FEMORAL_NECK = "femoral neck"
    TOTAL_HIP = "total hip"
    FOREARM = "forearm"


class ExerciseKind(StrEnum):
    BALANCE = "balance"
    RESISTANCE = "resistance"
    AEROBIC = "aerobic"


# The word each entry's ``item`` is drawn from, by kind (None: no item).
ITEMS: dict[Kind, type[StrEnum] | None] = {
    Kind.AROMATASE_INHIBITOR: AromataseInhibitor,
    Kind.BONE_DRUG_DOSE: BoneDrug,
    Kind.DXA: DxaSite,
    Kind.VITAMIN_D: None,
    Kind.FRAX: None,
    Kind.FALLS: None,
    Kind.EXERCISE: ExerciseKind,
}
KIND_NAMES = {
    Kind.AROMATASE_INHIBITOR: "Aromatase inhibitor",
    Kind.BONE_DRUG_DOSE: "Bone drug dose",
    Kind.DXA: "DXA T-score",
    Kind.VITAMIN_D: "25(OH)D blood level",
    Kind.FRAX: "FRAX 10-year risk",
    Kind.FALLS: "Falls in the last year",
    Kind.EXERCISE: "Exercise",
}

_INTERVAL = re.compile(r"^\s*(\d{1,3})\s*([wm])\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Interval:
    """How often a drug is given: every ``count`` weeks or months."""

    count: int
    unit: str  # "w" or "m"

    @classmethod
    def parse(cls, text: str) -> Interval:
        """ "6m" (every 6 months), "1w" (weekly), "12m"; ValueError otherwise."""
        match = _INTERVAL.match(text or "")
        if not match or int(match[1]) == 0:
            raise ValueError(f"not an interval: {text!r} (write 1w for weekly, 6m for every 6 months)")
        return cls(int(match[1]), match[2].lower())

    def after(self, day: dt.date) -> dt.date:
        """The date one interval after ``day`` (calendar months: 31 Aug + 6m = 28 Feb)."""
        if self.unit == "w":
            return day + dt.timedelta(weeks=self.count)
        month = day.month - 1 + self.count
        year, month = day.year + month // 12, month % 12 + 1
        return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"

    @property
    def text(self) -> str:
        """ "every week", "every 6 months", "every month"."""
        word = "week" if self.unit == "w" else "month"
        return f"every {word}" if self.count == 1 else f"every {self.count} {word}s"


@dataclass(frozen=True)
class RecordEntry:
    """One dated fact. ``value`` and ``value2`` mean what ``kind`` says (see Kind)."""

    kind: Kind
    date: dt.date
    item: str = ""  # the drug, the DXA site or the exercise kind
    value: float | None = None  # T-score, ng/mL, FRAX major %, falls, minutes a week
    value2: float | None = None  # FRAX hip %
    interval: Interval | None = None  # bone drug doses
    id: str = field(default_factory=new_id)

    @property
    def label(self) -> str:
        """ "DXA T-score, lumbar spine", "Bone drug dose, denosumab"."""
        name = KIND_NAMES[self.kind]
        return f"{name}, {self.item}" if self.item else name

    @property
    def value_text(self) -> str:
        """The entry's value as read aloud: "−2.1", "32 ng/mL (80 nmol/L)", "every 6 months"."""
        from bonewise.core.targets import nmol_per_l_from_ng

        kind = self.kind
        if kind is Kind.AROMATASE_INHIBITOR:
            return "started"
        if kind is Kind.BONE_DRUG_DOSE:
            return f"given, {self.interval.text}" if self.interval else "given"
        if kind is Kind.DXA and self.value is not None:
            return signed(self.value)
        if kind is Kind.VITAMIN_D and self.value is not None:
            return f"{self.value:g} ng/mL ({nmol_per_l_from_ng(self.value):.0f} nmol/L)"
        if kind is Kind.FRAX:
            major = "no data" if self.value is None else f"{self.value:g} %"
            hip = "no data" if self.value2 is None else f"{self.value2:g} %"
            return f"major osteoporotic {major}, hip {hip}"
        if kind is Kind.FALLS and self.value is not None:
            return f"{self.value:g}"
        if kind is Kind.EXERCISE and self.value is not None:
            return f"{self.value:g} min a week"
        return "no data"


@dataclass(frozen=True)
class HealthRecord:
    """All of one person's entries, oldest first."""

    entries: tuple[RecordEntry, ...] = ()

    def of(self, kind: Kind, item: str | None = None) -> tuple[RecordEntry, ...]:
        """The entries of one kind (and item), oldest first."""
        return tuple(e for e in self.entries if e.kind is kind and (item is None or e.item == item))

    def latest(self, kind: Kind, item: str | None = None) -> RecordEntry | None:
        found = self.of(kind, item)
        return found[-1] if found else None

    def exercise_now(self) -> dict[str, RecordEntry]:
        """The latest minutes a week of each kind of exercise."""
        return {k.value: e for k in ExerciseKind if (e := self.latest(Kind.EXERCISE, k.value)) is not None}

    def dxa_dates(self) -> tuple[dt.date, ...]:
        return tuple(sorted({e.date for e in self.of(Kind.DXA)}))


def sorted_entries(entries: Iterable[RecordEntry]) -> tuple[RecordEntry, ...]:
    """Oldest first; on one day in the order of Kind, then item."""
    order = {k: i for i, k in enumerate(Kind)}
    return tuple(sorted(entries, key=lambda e: (e.date, order[e.kind], e.item)))


@dataclass(frozen=True)
class DoseReminder:
    """When the next dose of a bone-modifying drug is due, and how that stands today."""

    drug: str
    last_dose: dt.date
    interval: Interval
    next_due: dt.date
    status: str  # "ok", "soon" (within four weeks), "due" (today), "overdue"
    days: int  # days until due (negative: days overdue)

    @property
    def message(self) -> str:
        """One sentence for the window and the page; it says when, never what to do with the drug."""
        when = day_text(self.next_due)
        if self.status == "overdue":
            text = f"The next {self.drug} dose was due on {when}, {-self.days} days ago."
        elif self.status == "due":
            text = f"The next {self.drug} dose is due today ({when})."
        else:
            text = f"The next {self.drug} dose is due on {when}, in {self.days} days."
        if self.drug == BoneDrug.DENOSUMAB and self.status in ("due", "overdue", "soon"):
            text += (" A late denosumab dose lets bone be lost quickly: contact your care team "
                     "if it is not booked.")  # fmt: skip
        return text


def dose_reminders(record: HealthRecord, today: dt.date) -> list[DoseReminder]:
    """For each drug dosed, the next dose from its latest dose and interval (latest drug first)."""
    reminders = []
    for drug in {e.item for e in record.of(Kind.BONE_DRUG_DOSE)}:
        last = record.latest(Kind.BONE_DRUG_DOSE, drug)
        if last is None or last.interval is None:
            continue
        due = last.interval.after(last.date)
        days = (due - today).days
        status = "overdue" if days < 0 else "due" if days == 0 else "soon" if days <= DUE_SOON_DAYS else "ok"
        reminders.append(DoseReminder(drug, last.date, last.interval, due, status, days))
    return sorted(reminders, key=lambda r: r.last_dose, reverse=True)


def day_text(day: dt.date) -> str:
    """ "14 Oct 2026"."""
    return f"{day.day} {calendar.month_abbr[day.month]} {day.year}"


def signed(value: float) -> str:
    """A T-score with a true minus sign: "−2.1", "+0.4", "0.0"."""
    text = f"{value:+.1f}" if value else "0.0"
    return text.replace("-", "−")
