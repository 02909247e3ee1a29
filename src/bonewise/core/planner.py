"""Pure edits of a week plan: each returns the new week and what changed.

A ``WeekPlan`` is immutable, so every operation builds a new one and returns a
``PlanChange`` naming the dates it touched; the UI repaints only those days and
an undo command simply keeps the old week. Meals are stored without empty
slots, so two plans with the same items compare equal however they were built.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from bonewise.core.foods import Food, Measure
from bonewise.core.plan import DayPlan, Entry, IsoWeek, Recipe, WeekPlan, new_id
from bonewise.core.rules import (
    MAX_GRAMS,
    check_count,
    check_grams,
    clean_note,
    quoted,
    valid_amount,
)
from bonewise.core.units import GRAMS_PER_UNIT
from bonewise.errors import BonewiseError


@dataclass(frozen=True)
class PlanChange:
    """The dates an edit touched (the UI refreshes these days and their totals)."""

    dates: frozenset[dt.date]


# --------------------------------------------------------------------------- amounts


def find_measure(food: Food, name: str) -> tuple[Measure, float]:
    """The measure called ``name`` and the grams of one unit of it.

    "0.5 cup" matches a measure's full label (one unit = its grams); "cup" matches
    its name (one unit = grams per single cup). A plural ("tablets", "slices",
    "cups") is accepted for a singular measure name, and a measure's first word
    ("can" for "can (3.75 oz)") when no other measure starts with it. Raises
    BonewiseError with the food's measures when nothing matches.
    """
    if not isinstance(name, str) or not name.strip():
        raise BonewiseError("The measure name is empty.")
    wanted = " ".join(name.split()).casefold()
    for m in food.measures:
        if m.label.casefold() == wanted:
            return m, m.grams
    candidates = [wanted]
    if wanted.endswith("es"):
        candidates.append(wanted[:-2])
    if wanted.endswith("s"):
        candidates.append(wanted[:-1])
    for candidate in candidates:
        for m in food.measures:
            if m.name.casefold() == candidate:
                return m, m.grams_per_unit
    # People type the first word of a household measure; USDA names add the detail
    # ("can (3.75 oz)", "cup, shredded"). Taken only when exactly one measure fits.
    starting = [
        m for m in food.measures
        if any(m.name.casefold().startswith(c) and m.name[len(c):len(c) + 1] in (" ", ",", "(")
               for c in candidates)
    ]
    if len(starting) == 1:
        return starting[0], starting[0].grams_per_unit
    known = ", ".join(f"“{m.name}”" for m in food.measures[:8]) or "none (use grams)"
    raise BonewiseError(f"{food.name} has no measure called {quoted(name)}; its measures are {known}.")


def entry_for(
    food: Food, *, grams: object = None, measure: str | None = None, count: object = 1
) -> Entry:
    """A plan entry for ``food``: either ``grams`` or ``count`` × ``measure``.

    The measure may be a household measure ("cup", "1 cup, chopped") or a
    supplement's dose ("tablet"); it is resolved to grams now, so totals never look
    it up again. Raises BonewiseError for anything that is not a finite amount
    above zero and within a sane maximum.
    """
    if (grams is None) == (measure is None):
        raise BonewiseError("Give either an amount in grams or a measure, not both or neither.")
    if grams is not None:
        return Entry(food_id=food.id, grams=check_grams(grams))
    times = check_count(count)
    found, unit_grams = find_measure(food, measure)  # type: ignore[arg-type]
    if unit_grams <= 0 or not math.isfinite(unit_grams):
        raise BonewiseError(f"The measure “{found.name}” of {food.name} has no usable weight.")
    total = unit_grams * times
    if not valid_amount(total):
        raise BonewiseError(
            f"{times:g} × {found.name} of {food.name} weighs {total:,.0f} g, more than the "
            f"{MAX_GRAMS:,.0f} g one item may have."
        )
    # Store the measure by name with the count in single units ("0.5 cup" × 2 -> 1 cup).
    return Entry(food_id=food.id, grams=total, measure=found.name, count=total / found.grams_per_unit)


def entry_for_recipe(recipe: Recipe, portions: object = 1) -> Entry:
    """A plan entry placing ``portions`` portions of ``recipe`` in a meal as one item."""
    return Entry(food_id=None, grams=0.0, count=check_count(portions), recipe_id=recipe.id)


_VULGAR = {c: Fraction(unicodedata.numeric(c)).limit_denominator(16) for c in "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"}
_AMOUNT = re.compile(
    r"""^(?:
        (?P<whole>\d+)\s+(?P<num>\d+)\s*/\s*(?P<den>\d+)   # 1 1/2
      | (?P<fnum>\d+)\s*/\s*(?P<fden>\d+)                  # 1/2
      | (?P<dec>\d*[.,]?\d+)                               # 1.5  1,5  .5  150
    )\s*(?:[x×*]\s+)?(?P<unit>.*)$""",
    re.VERBOSE | re.ASCII | re.DOTALL,
)
_AMBIGUOUS_COMMA = re.compile(r"^[1-9]\d{0,2},\d{3}$")  # "1,500": 1.5 or 1500?


def _spelled_fraction(char: str) -> str:
    fraction = _VULGAR.get(char)
    return char if fraction is None else f" {fraction.numerator}/{fraction.denominator} "


def parse_amount(text: object) -> tuple[float, str | None]:
    """Read an amount as people type it: ``(quantity, unit)``, unit None when absent.

    "150 g" -> (150, "g"); "1.5 cup" -> (1.5, "cup"); "2 tablets" -> (2, "tablets");
    "½ cup" and "1/2 cup" -> (0.5, "cup"); "1 ½ cups" -> (1.5, "cups"); "1,5" -> (1.5, None)
    (decimal comma); full-width digits are accepted. "1,500" is refused as
    ambiguous. The only exception it raises is BonewiseError.
    """
    if not isinstance(text, str):
        raise BonewiseError(f"Type an amount such as “150 g” or “1 cup”, not {quoted(text)}.")
    shown = quoted(text.strip())
    # Spell out vulgar fractions first ("1½" -> "1 1/2"), then fold full-width digits.
    spelled = "".join(_spelled_fraction(c) for c in text)
    cleaned = " ".join(unicodedata.normalize("NFKC", spelled).replace("\u2044", "/").split())
    if cleaned[:1] in ("-", "\u2212"):
        raise BonewiseError(f"The amount must be a number above zero, not {shown}.")
    match = _AMOUNT.match(cleaned)
    if not match or (match["unit"] and not match["unit"][0].isalpha()):
        raise BonewiseError(f"Type an amount such as “150 g” or “1 cup”, not {shown}.")
    if match["dec"] is not None:
        if _AMBIGUOUS_COMMA.match(match["dec"]):
            whole, part = match["dec"].split(",")
            raise BonewiseError(f"{shown} is ambiguous: write {whole}{part} or {whole}.{part}.")
        quantity = float(match["dec"].replace(",", "."))
    else:
        num, den = (match["num"], match["den"]) if match["whole"] else (match["fnum"], match["fden"])
        if float(den) == 0:
            raise BonewiseError(f"{shown} divides by zero.")
        quantity = float(match["whole"] or 0) + float(num) / float(den)
    if not math.isfinite(quantity) or quantity <= 0:
        raise BonewiseError(f"The amount must be a number above zero, not {shown}.")
    unit = match["unit"].strip().rstrip(".").strip() or None
    return quantity, unit


def entry_from_text(food: Food, text: object) -> Entry:
    """An entry for ``food`` from typed text: "150 g", "2 tablets", "1 cup", or a bare number.

    A bare number means grams, except for a supplement, where it means doses of
    its first dose measure ("2" -> 2 tablets).
    """
    quantity, unit = parse_amount(text)
    if unit is None:
        if food.is_supplement and food.measures:
            return entry_for(food, measure=food.measures[0].name, count=quantity)
        return entry_for(food, grams=quantity)
    factor = GRAMS_PER_UNIT.get(unit.casefold())
    if factor is not None and food.measure(unit) is None:
        return entry_for(food, grams=quantity * factor)
    return entry_for(food, measure=unit, count=quantity)


# --------------------------------------------------------------------------- locating


def _day_index(week: WeekPlan, date: object) -> int:
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise BonewiseError(f"Not a date: {quoted(date)}.")
    index = (date - week.week.monday()).days
    if not 0 <= index < len(week.days):
        raise BonewiseError(f"{date.isoformat()} is not in week {week.week}.")
    return index


def _check_slot(slot_id: object) -> str:
    if not isinstance(slot_id, str) or not slot_id.strip():
        raise BonewiseError("Choose a meal to put the food in.")
    return slot_id


def _find(week: WeekPlan, entry_id: str) -> tuple[int, str, int]:
    """(day index, slot id, position) of the entry with ``entry_id``."""
    for d, day in enumerate(week.days):
        for slot_id, entries in day.meals.items():
            for i, entry in enumerate(entries):
                if entry.id == entry_id:
                    return d, slot_id, i
    raise BonewiseError("That item is no longer in the plan.")


def find_entry(week: WeekPlan, entry_id: str) -> tuple[dt.date, str, Entry]:
    """Where the entry with ``entry_id`` is: (date, slot id, entry). BonewiseError if absent."""
    d, slot_id, i = _find(week, entry_id)
    return week.days[d].date, slot_id, week.days[d].meals[slot_id][i]


def _has_id(week: WeekPlan, entry_id: str) -> bool:
    return any(e.id == entry_id for day in week.days for es in day.meals.values() for e in es)


def _with_meal(day: DayPlan, slot_id: str, entries: tuple[Entry, ...]) -> DayPlan:
    meals = dict(day.meals)
    if entries:
        meals[slot_id] = entries
    else:
        meals.pop(slot_id, None)  # no empty slots, so equal plans compare equal
    return dataclasses.replace(day, meals=MappingProxyType(meals))


def _with_days(week: WeekPlan, changed: Mapping[int, DayPlan]) -> WeekPlan:
    days = tuple(changed.get(i, day) for i, day in enumerate(week.days))
    return dataclasses.replace(week, days=days)


def _insert(entries: tuple[Entry, ...], entry: Entry, index: object) -> tuple[Entry, ...]:
    if index is None:
        at = len(entries)
    else:
        if isinstance(index, bool) or not isinstance(index, int):
            raise BonewiseError(f"Not a position in a meal: {quoted(index)}.")
        at = min(max(index, 0), len(entries))  # clamp: dropping past the end appends
    return entries[:at] + (entry,) + entries[at:]


def _change(*dates: dt.date) -> PlanChange:
    return PlanChange(frozenset(dates))


# --------------------------------------------------------------------------- edits


def place(
    week: WeekPlan, date: dt.date, slot_id: str, entry: Entry, index: int | None = None
) -> tuple[WeekPlan, PlanChange]:
    """Put ``entry`` into the meal ``slot_id`` on ``date`` (at ``index``, default the end)."""
    d = _day_index(week, date)
    _check_slot(slot_id)
    if not isinstance(entry, Entry):
        raise BonewiseError("Only a food or recipe entry can be placed in a meal.")
    if _has_id(week, entry.id):
        raise BonewiseError("That item is already in the plan; copy it instead.")
    day = week.days[d]
    new_day = _with_meal(day, slot_id, _insert(day.entries(slot_id), entry, index))
    return _with_days(week, {d: new_day}), _change(day.date)


def remove(week: WeekPlan, entry_id: str) -> tuple[WeekPlan, PlanChange]:
    """Take the entry with ``entry_id`` out of the plan."""
    d, slot_id, i = _find(week, entry_id)
    day = week.days[d]
    entries = day.meals[slot_id]
    new_day = _with_meal(day, slot_id, entries[:i] + entries[i + 1 :])
    return _with_days(week, {d: new_day}), _change(day.date)


def replace(week: WeekPlan, entry_id: str, new_entry: Entry) -> tuple[WeekPlan, PlanChange]:
    """Swap the entry with ``entry_id`` for ``new_entry`` in the same place.

    The item keeps its id (it is the same item with a new amount or food), so a
    selection or an undo step that refers to it still finds it.
    """
    if not isinstance(new_entry, Entry):
        raise BonewiseError("Only a food or recipe entry can replace an item.")
    d, slot_id, i = _find(week, entry_id)
    day = week.days[d]
    entries = day.meals[slot_id]
    kept = dataclasses.replace(new_entry, id=entry_id)
    new_day = _with_meal(day, slot_id, entries[:i] + (kept,) + entries[i + 1 :])
    return _with_days(week, {d: new_day}), _change(day.date)


def move(
    week: WeekPlan,
    entry_id: str,
    date: dt.date,
    slot_id: str,
    index: int | None = None,
    copy: bool = False,
) -> tuple[WeekPlan, PlanChange]:
    """Move the entry to ``slot_id`` on ``date`` at ``index``; with ``copy`` leave it and add a copy.

    A copy gets a fresh id. ``index`` counts positions in the destination meal as it
    is after the item has been taken out.
    """
    dst = _day_index(week, date)
    _check_slot(slot_id)
    src, src_slot, i = _find(week, entry_id)
    entry = week.days[src].meals[src_slot][i]
    if copy:
        moved, removed = dataclasses.replace(entry, id=new_id()), week
    else:
        moved = entry
        removed, _ = remove(week, entry_id)
    day = removed.days[dst]
    new_day = _with_meal(day, slot_id, _insert(day.entries(slot_id), moved, index))
    return _with_days(removed, {dst: new_day}), _change(week.days[src].date, day.date)


def _fresh(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    return tuple(dataclasses.replace(e, id=new_id()) for e in entries)


def copy_meal(
    week: WeekPlan,
    src_date: dt.date,
    src_slot_id: str,
    dst_date: dt.date,
    dst_slot_id: str,
    *,
    replace_existing: bool = False,
) -> tuple[WeekPlan, PlanChange]:
    """Copy every item of one meal into another (fresh ids).

    By default the copies are added after what the destination meal already has;
    with ``replace_existing`` they take its place.
    """
    s = _day_index(week, src_date)
    d = _day_index(week, dst_date)
    _check_slot(dst_slot_id)
    copies = _fresh(week.days[s].entries(src_slot_id))
    day = week.days[d]
    kept = () if replace_existing else day.entries(dst_slot_id)
    new_day = _with_meal(day, dst_slot_id, kept + copies)
    return _with_days(week, {d: new_day}), _change(day.date)


def copy_day(
    week: WeekPlan, src_date: dt.date, dst_date: dt.date, *, replace_existing: bool = True
) -> tuple[WeekPlan, PlanChange]:
    """Make ``dst_date``'s meals a copy of ``src_date``'s (fresh ids).

    By default the destination's meals are replaced, so the two days end up alike;
    with ``replace_existing=False`` the copies are added after each meal's items.
    The destination keeps its own note: a note belongs to its date.
    """
    s = _day_index(week, src_date)
    d = _day_index(week, dst_date)
    src, dst = week.days[s], week.days[d]
    meals = {} if replace_existing else dict(dst.meals)
    for slot_id, entries in src.meals.items():
        meals[slot_id] = meals.get(slot_id, ()) + _fresh(entries)
    new_day = dataclasses.replace(dst, meals=MappingProxyType(meals))
    return _with_days(week, {d: new_day}), _change(dst.date)


def clear_day(week: WeekPlan, date: dt.date) -> tuple[WeekPlan, PlanChange]:
    """Remove every item of ``date``; its note stays (clear it with ``set_note``)."""
    d = _day_index(week, date)
    day = week.days[d]
    return _with_days(week, {d: dataclasses.replace(day, meals=MappingProxyType({}))}), _change(day.date)


def set_note(week: WeekPlan, date: dt.date, note: object) -> tuple[WeekPlan, PlanChange]:
    """Set the free-text note of ``date`` (any characters, up to 2,000)."""
    d = _day_index(week, date)
    text = clean_note(note)
    day = week.days[d]
    return _with_days(week, {d: dataclasses.replace(day, note=text)}), _change(day.date)


def copy_week(src: WeekPlan, dst_week: IsoWeek, dst_person_id: int | None) -> WeekPlan:
    """``src`` laid onto ``dst_week`` for ``dst_person_id``: Monday to Monday, fresh entry ids.

    Notes are copied too. Copying to the same person's same week is allowed and
    simply duplicates the ids-fresh plan.
    """
    days = tuple(
        DayPlan(
            date=date,
            meals=MappingProxyType({slot: _fresh(es) for slot, es in day.meals.items() if es}),
            note=day.note,
        )
        for date, day in zip(dst_week.dates(), src.days, strict=True)
    )
    return WeekPlan(person_id=dst_person_id, week=dst_week, days=days)
