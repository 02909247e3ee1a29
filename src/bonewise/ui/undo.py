"""Undo commands: one small class per user verb, each a thin wrapper over a core.planner edit.

A command knows the person and the ISO week it edits, not the screen, so it can
be undone after the user has moved to another week. The first ``redo`` runs the
planner function on the stored week; it keeps the days as they were before and
after, and ``undo``/later ``redo`` write those days back. Replaying the snapshots
(rather than re-running the edit) keeps entry ids stable: a copy or a paste
creates fresh ids, and later commands in the stack refer to exactly those.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping

from PySide6.QtGui import QUndoCommand

from bonewise.core import planner
from bonewise.core.plan import DayPlan, Entry, IsoWeek, WeekPlan
from bonewise.core.planner import PlanChange
from bonewise.errors import BonewiseError


class PlanCommand(QUndoCommand):
    """Base class: apply ``edit`` to the stored week once, then replay day snapshots."""

    def __init__(self, document, person_id: int, week: IsoWeek, text: str):
        super().__init__(text)
        self.document = document
        self.person_id = person_id
        self.week = week
        self.succeeded = False
        self._before: dict[dt.date, DayPlan] | None = None
        self._after: dict[dt.date, DayPlan] | None = None

    def edit(self, week: WeekPlan) -> tuple[WeekPlan, PlanChange]:
        """The core edit this command stands for."""
        raise NotImplementedError

    def redo(self) -> None:
        if self._after is None:
            try:
                current = self.document.week_of(self.person_id, self.week)
                new, change = self.edit(current)
            except BonewiseError as exc:
                # QUndoStack.push drops an obsolete command right after this redo.
                self.setObsolete(True)
                self.document.error.emit(str(exc))
                return
            before = {d: current.day(d) for d in change.dates}
            after = {d: new.day(d) for d in change.dates}
            if before == after:  # e.g. clearing an empty day: not worth an undo step
                self.setObsolete(True)
                return
            self._before, self._after = before, after
            if not self._write(self._after):
                self.setObsolete(True)  # never saved: it must not become an undo step
                return
        elif not self._write(self._after):
            return
        self.succeeded = True

    def undo(self) -> None:
        if self._before is not None:
            self._write(self._before)

    def _write(self, days: Mapping[dt.date, DayPlan]) -> bool:
        """Save ``days`` (the screen follows only once they are on disk); False if that failed."""
        try:
            self.document.write_days(self.person_id, self.week, days)
        except BonewiseError as exc:
            self.document.error.emit(str(exc))
            return False
        except (sqlite3.Error, OSError) as exc:
            self.document.error.emit(
                f"The change could not be saved ({exc}); the plan on screen is what is on disk."
            )
            return False
        return True


class PlaceFoodCommand(PlanCommand):
    """Add one item to a meal."""

    def __init__(self, document, person_id, week, date: dt.date, slot_id: str, entry: Entry,
                 index: int | None, text: str):
        super().__init__(document, person_id, week, text)
        self.date, self.slot_id, self.entry, self.index = date, slot_id, entry, index

    def edit(self, week):
        return planner.place(week, self.date, self.slot_id, self.entry, self.index)


class RemoveEntryCommand(PlanCommand):
    """Take one or more items out of the plan (Delete, and the second half of Cut)."""

    def __init__(self, document, person_id, week, entry_ids: tuple[str, ...], text: str):
        super().__init__(document, person_id, week, text)
        self.entry_ids = entry_ids

    def edit(self, week):
        dates: set[dt.date] = set()
        for entry_id in self.entry_ids:
            week, change = planner.remove(week, entry_id)
            dates |= change.dates
        return week, PlanChange(frozenset(dates))


class ChangeAmountCommand(PlanCommand):
    """Give an item a new amount or measure, in place."""

    def __init__(self, document, person_id, week, entry_id: str, new_entry: Entry, text: str):
        super().__init__(document, person_id, week, text)
        self.entry_id, self.new_entry = entry_id, new_entry

    def edit(self, week):
        return planner.replace(week, self.entry_id, self.new_entry)


class MoveEntriesCommand(PlanCommand):
    """Move (or, with ``copy``, duplicate) items into one meal, keeping their order."""

    def __init__(self, document, person_id, week, entry_ids: tuple[str, ...], date: dt.date,
                 slot_id: str, index: int | None, copy: bool, text: str):
        super().__init__(document, person_id, week, text)
        self.entry_ids, self.date, self.slot_id = entry_ids, date, slot_id
        self.index, self.copy = index, copy

    def edit(self, week):
        dates: set[dt.date] = set()
        index = self.index
        for entry_id in self.entry_ids:
            if index is not None and not self.copy:
                # The planner counts the index after taking the item out: an item that
                # sat above the drop point in the same meal shifts it up by one.
                src_date, src_slot, _ = planner.find_entry(week, entry_id)
                if (src_date, src_slot) == (self.date, self.slot_id):
                    position = [e.id for e in week.day(src_date).entries(src_slot)].index(entry_id)
                    if position < index:
                        index -= 1
            week, change = planner.move(week, entry_id, self.date, self.slot_id, index, self.copy)
            dates |= change.dates
            if index is not None:
                index += 1
        return week, PlanChange(frozenset(dates))


class PasteEntriesCommand(PlanCommand):
    """Place copies of items (from the clipboard or another week) into one meal."""

    def __init__(self, document, person_id, week, entries: tuple[Entry, ...], date: dt.date,
                 slot_id: str, index: int | None, text: str):
        super().__init__(document, person_id, week, text)
        self.entries, self.date, self.slot_id, self.index = entries, date, slot_id, index

    def edit(self, week):
        dates: set[dt.date] = set()
        for offset, entry in enumerate(self.entries):
            index = None if self.index is None else self.index + offset
            week, change = planner.place(week, self.date, self.slot_id, entry, index)
            dates |= change.dates
        return week, PlanChange(frozenset(dates))


class CopyDayCommand(PlanCommand):
    """Make one day of the week a copy of another."""

    def __init__(self, document, person_id, week, src: dt.date, dst: dt.date, text: str):
        super().__init__(document, person_id, week, text)
        self.src, self.dst = src, dst

    def edit(self, week):
        return planner.copy_day(week, self.src, self.dst)


class CopyWeekCommand(PlanCommand):
    """Make a week (this person's or someone else's) a copy of another week."""

    def __init__(self, document, person_id, week, source: WeekPlan, text: str):
        super().__init__(document, person_id, week, text)
        self.source = source

    def edit(self, week):
        copied = planner.copy_week(self.source, week.week, self.person_id)
        return copied, PlanChange(frozenset(week.week.dates()))


class PasteDayCommand(PlanCommand):
    """Replace a day's meals with a day from the clipboard (which may come from any week)."""

    def __init__(self, document, person_id, week, meals: Mapping[str, tuple[Entry, ...]],
                 dst: dt.date, text: str):
        super().__init__(document, person_id, week, text)
        self.meals, self.dst = meals, dst

    def edit(self, week):
        week, change = planner.clear_day(week, self.dst)
        for slot_id, entries in self.meals.items():
            for entry in entries:
                week, _ = planner.place(week, self.dst, slot_id, entry)
        return week, change


class ClearDayCommand(PlanCommand):
    """Remove every item of one day (its note stays)."""

    def __init__(self, document, person_id, week, date: dt.date, text: str):
        super().__init__(document, person_id, week, text)
        self.date = date

    def edit(self, week):
        return planner.clear_day(week, self.date)


class SetNoteCommand(PlanCommand):
    """Set a day's free-text note."""

    def __init__(self, document, person_id, week, date: dt.date, note: str, text: str):
        super().__init__(document, person_id, week, text)
        self.date, self.note = date, note

    def edit(self, week):
        return planner.set_note(week, self.date, self.note)
