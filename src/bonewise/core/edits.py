"""Every way a plan changes: pure functions that take a week and return the new week and what changed.

A ``WeekPlan`` is immutable, so each verb builds a new one and returns
``(new_week, PlanChange)``, the change naming the dates it touched. The window
(through one generic undo command, ``ui/undo.py``), the command line and the
auto-planner all call these functions, so an edit means the same wherever it is
made. Bad input raises BonewiseError with one sentence, and nothing changes.
Meals are stored without empty slots, so two plans with the same items compare
equal however they were built. The example week is ``core.example_week``'s verb.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol

from bonewise.core.plan import DayPlan, Entry, IsoWeek, Person, WeekPlan, new_id
from bonewise.core.rules import clean_note, quoted
from bonewise.errors import BonewiseError


@dataclass(frozen=True)
class PlanChange:
    """The dates an edit touched (the UI refreshes these days and their totals)."""

    dates: frozenset[dt.date]

    def __or__(self, other: PlanChange) -> PlanChange:
        return PlanChange(self.dates | other.dates)


NO_CHANGE = PlanChange(frozenset())

# What the undo layer applies: a verb with its arguments bound, e.g.
# ``lambda week: edits.place(week, date, "lunch", entry)``.
Edit = Callable[[WeekPlan], tuple[WeekPlan, PlanChange]]


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


# --------------------------------------------------------------------------- several items


def fresh_copies(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    """Copies of ``entries`` with new ids, so they can sit in a plan beside the originals."""
    return _fresh(entries)


def remove_entries(week: WeekPlan, entry_ids: Iterable[str]) -> tuple[WeekPlan, PlanChange]:
    """Take several items out of the plan (Delete, the second half of Cut, Clear Example Week)."""
    change = NO_CHANGE
    for entry_id in entry_ids:
        week, one = remove(week, entry_id)
        change |= one
    return week, change


def move_entries(
    week: WeekPlan,
    entry_ids: Sequence[str],
    date: dt.date,
    slot_id: str,
    index: int | None = None,
    copy: bool = False,
) -> tuple[WeekPlan, PlanChange]:
    """Move (or, with ``copy``, duplicate) items into one meal at ``index``, keeping their order.

    ``index`` is the drop position as the user sees the meal before the move: an
    item taken from above that position in the same meal moves it up by one.
    """
    change = NO_CHANGE
    for entry_id in entry_ids:
        if index is not None and not copy:
            src_date, src_slot, _ = find_entry(week, entry_id)
            if (src_date, src_slot) == (date, slot_id):
                position = [e.id for e in week.day(src_date).entries(src_slot)].index(entry_id)
                if position < index:
                    index -= 1
        week, one = move(week, entry_id, date, slot_id, index, copy)
        change |= one
        if index is not None:
            index += 1
    return week, change


def place_entries(
    week: WeekPlan, entries: Sequence[Entry], date: dt.date, slot_id: str, index: int | None = None
) -> tuple[WeekPlan, PlanChange]:
    """Put several items into one meal, in order, from ``index`` (default: after what is there)."""
    change = NO_CHANGE
    for offset, entry in enumerate(entries):
        week, one = place(week, date, slot_id, entry, None if index is None else index + offset)
        change |= one
    return week, change


def replace_day(
    week: WeekPlan, date: dt.date, meals: Mapping[str, Sequence[Entry]]
) -> tuple[WeekPlan, PlanChange]:
    """Give ``date`` exactly ``meals`` (slot id -> items), as Paste Day does; its note stays."""
    week, change = clear_day(week, date)
    for slot_id, entries in meals.items():
        week, _ = place_entries(week, entries, date, slot_id)
    return week, change


class Placement(Protocol):
    """One item an auto-plan adds (``core.autoplan.Added`` is one)."""

    @property
    def date(self) -> dt.date: ...

    @property
    def slot_id(self) -> str: ...

    @property
    def entry(self) -> Entry: ...


def apply_auto_plan(week: WeekPlan, added: Iterable[Placement]) -> tuple[WeekPlan, PlanChange]:
    """Place every item an auto-plan chose, after what each meal already holds."""
    change = NO_CHANGE
    for item in added:
        week, one = place(week, item.date, item.slot_id, item.entry)
        change |= one
    return week, change


# --------------------------------------------------------------------------- whole weeks


def is_planned(week: WeekPlan) -> bool:
    """True when any day of ``week`` has an item or a note (copying onto it would replace them)."""
    return any(any(day.meals.values()) or day.note for day in week.days)


def require_slots(person: Person, slot_ids: Iterable[str], names: Mapping[str, str] | None = None) -> None:
    """BonewiseError unless ``person`` has every meal in ``slot_ids``.

    ``names`` gives the meals' names where they come from someone else's plan.
    """
    missing = set(slot_ids) - {s.id for s in person.slots}
    if missing:
        first = min(missing)
        shown = (names or {}).get(first, first)
        raise BonewiseError(
            f"{person.name} has no meal “{shown}”; add it in People ▸ Edit People first."
        )


def check_copy_week(
    source: WeekPlan, source_person: Person, target_week: IsoWeek, target_person: Person
) -> None:
    """BonewiseError unless ``source`` can be copied onto ``target_person``'s ``target_week``."""
    if (target_person.id, target_week) == (source_person.id, source.week):
        raise BonewiseError(
            "A week cannot be copied onto itself; choose another week or another person."
        )
    used = {slot for day in source.days for slot, entries in day.meals.items() if entries}
    require_slots(target_person, used, {s.id: s.name for s in source_person.slots})


def copy_week(
    source: WeekPlan, source_person: Person, target: WeekPlan, target_person: Person
) -> tuple[WeekPlan, PlanChange]:
    """``target`` replaced by a copy of ``source``: Monday onto Monday, notes too, fresh ids.

    The target may be another week, another person, or both, but not the source
    itself; the target person must have every meal the source uses.
    """
    check_copy_week(source, source_person, target.week, target_person)
    days = tuple(
        DayPlan(
            date=date,
            meals=MappingProxyType({slot: _fresh(es) for slot, es in day.meals.items() if es}),
            note=day.note,
        )
        for date, day in zip(target.week.dates(), source.days, strict=True)
    )
    copied = WeekPlan(person_id=target.person_id, week=target.week, days=days)
    return copied, PlanChange(frozenset(target.week.dates()))
