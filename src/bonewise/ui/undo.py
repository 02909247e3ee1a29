"""The undo step: one generic command that applies a ``core.edits`` verb to a stored week.

A command knows the person and the ISO week it edits, not the screen, so it can
be undone after the user has moved to another week. The first ``redo`` runs the
edit on the stored week; it keeps the days as they were before and after, and
``undo``/later ``redo`` write those days back. Replaying the snapshots (rather
than re-running the edit) keeps entry ids stable: a copy or a paste creates
fresh ids, and later commands in the stack refer to exactly those.

Only ``PlanDocument.apply`` creates and pushes these (a test checks that nothing
else pushes onto the undo stack).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from bonewise.core.edits import Edit
from bonewise.core.plan import DayPlan, IsoWeek
from bonewise.core.record import RecordEntry
from bonewise.errors import BonewiseError

if TYPE_CHECKING:
    from bonewise.ui.document import PlanDocument


class EditCommand(QUndoCommand):
    """One user verb as one undo step: ``edit`` applied once, then replayed from day snapshots."""

    def __init__(self, document: PlanDocument, person_id: int, week: IsoWeek, text: str,
                 edit: Edit) -> None:
        super().__init__(text)
        self.document = document
        self.person_id = person_id
        self.week = week
        self.edit = edit
        self.succeeded = False
        self._before: dict[dt.date, DayPlan] | None = None
        self._after: dict[dt.date, DayPlan] | None = None

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

    def added_ids(self) -> frozenset[str]:
        """The ids of the items this step added (empty before it ran)."""
        if self._before is None or self._after is None:
            return frozenset()
        return _entry_ids(self._after.values()) - _entry_ids(self._before.values())

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


def _entry_ids(days: Iterable[DayPlan]) -> frozenset[str]:
    return frozenset(e.id for day in days for entries in day.meals.values() for e in entries)


class RecordCommand(QUndoCommand):
    """Adding or removing health-record entries as one undo step (undo does the reverse)."""

    def __init__(self, document: PlanDocument, person_id: int, text: str, *,
                 add: tuple[RecordEntry, ...] = (), remove: tuple[RecordEntry, ...] = ()) -> None:  # fmt: skip
        super().__init__(text)
        self.document, self.person_id, self.add, self.remove = document, person_id, add, remove

    def redo(self) -> None:
        self.document.write_record(self.person_id, add=self.add, remove=self.remove)

    def undo(self) -> None:
        self.document.write_record(self.person_id, add=self.remove, remove=self.add)
