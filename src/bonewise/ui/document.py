"""The open plan: the stores, the person and week on screen, the undo stack, and the edit verbs.

Every verb checks its input with the core (raising BonewiseError with a sentence
for the user) and then pushes one undo command. Commands write through
:meth:`PlanDocument.write_days`, which saves at once and tells the views which
days changed. Views never change the plan themselves.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from bonewise.core import planner
from bonewise.core.foods import Food
from bonewise.core.plan import DayPlan, Entry, IsoWeek, Person, Recipe, WeekPlan, new_id
from bonewise.errors import BonewiseError

from bonewise.ui import undo


@dataclass(frozen=True)
class ShownChange:
    """What an edit changed on screen: the days (as the core's PlanChange names them),
    and of those the meals whose items differ and the days whose note differs, so a
    view repaints just those cells."""

    dates: frozenset[dt.date]
    cells: frozenset[tuple[dt.date, str]]
    notes: frozenset[dt.date]


def shown_change(old: WeekPlan, days: Mapping[dt.date, DayPlan]) -> ShownChange:
    cells, notes = set(), set()
    for date, day in days.items():
        before = old.day(date)
        for slot_id in before.meals.keys() | day.meals.keys():
            if before.entries(slot_id) != day.entries(slot_id):
                cells.add((date, slot_id))
        if before.note != day.note:
            notes.add(date)
    return ShownChange(frozenset(days), frozenset(cells), frozenset(notes))


class PlanDocument(QObject):
    """Repository + food store + what is on screen. Widgets get it through their constructor."""

    shown_changed = Signal()  # another person or week is on screen (or the person was edited)
    plan_changed = Signal(object)  # ShownChange: days, meals and notes of the shown week
    people_changed = Signal()  # someone was added, renamed or removed
    saved = Signal()  # a change reached the disk
    error = Signal(str)  # a command failed while undoing or redoing
    focus_entry = Signal(str)  # an item was just added or moved: views make it current

    def __init__(self, repo, foods, parent: QObject | None = None):
        super().__init__(parent)
        self.repo = repo
        self.foods = foods
        self.undo_stack = QUndoStack(self)
        self.last_saved: dt.datetime | None = None
        self._person: Person | None = None
        self._week: WeekPlan | None = None
        self._recipes: dict[str, Recipe] | None = None

    # -- what is shown --------------------------------------------------------------

    @property
    def person(self) -> Person | None:
        return self._person

    @property
    def week(self) -> WeekPlan | None:
        """The shown week plan (None until a person is shown)."""
        return self._week

    @property
    def iso_week(self) -> IsoWeek | None:
        return None if self._week is None else self._week.week

    @property
    def recipes(self) -> Mapping[str, Recipe]:
        if self._recipes is None:
            self._recipes = self.repo.recipes()
        return self._recipes

    def show(self, person_id: int, week: IsoWeek) -> None:
        """Put ``person_id``'s plan for ``week`` on screen."""
        person = self.repo.person(person_id)
        self._person = person
        self._week = self.repo.week(person_id, week)
        self.shown_changed.emit()

    def show_week(self, week: IsoWeek) -> None:
        if self._person is not None and week != self.iso_week:
            self.show(self._person.id, week)

    def clear_shown(self) -> None:
        self._person = None
        self._week = None
        self.shown_changed.emit()

    def is_shown(self, person_id: int, week: IsoWeek) -> bool:
        return (
            self._person is not None and self._person.id == person_id and self.iso_week == week
        )

    def week_of(self, person_id: int, week: IsoWeek) -> WeekPlan:
        """The plan of ``person_id`` for ``week``, from memory when it is the shown one."""
        if self.is_shown(person_id, week):
            return self._week
        return self.repo.week(person_id, week)

    def write_days(self, person_id: int, week: IsoWeek, days: Mapping[dt.date, DayPlan]) -> None:
        """Save ``days`` at once and refresh the screen.

        An undo of an edit made in another week (or for another person) brings that
        week on screen, so the user sees what was undone.
        """
        self.repo.save_days(person_id, days.values())
        self.last_saved = dt.datetime.now()
        if self.is_shown(person_id, week):
            start = week.monday()
            by_index = {(d - start).days: day for d, day in days.items()}
            change = shown_change(self._week, days)
            self._week = dataclasses.replace(
                self._week,
                days=tuple(by_index.get(i, day) for i, day in enumerate(self._week.days)),
            )
            self.plan_changed.emit(change)
        else:
            self.show(person_id, week)
        self.saved.emit()

    # -- people ------------------------------------------------------------------------

    def people(self) -> list[Person]:
        return self.repo.people()

    def save_person(self, person: Person) -> Person:
        """Add or update a person; the screen follows if it is the shown person."""
        stored = self.repo.save_person(person)
        self.people_changed.emit()
        if self._person is not None and self._person.id == stored.id:
            self._person = stored
            self.shown_changed.emit()
        return stored

    def delete_person(self, person_id: int) -> None:
        """Delete a person and their plans. Undo history is dropped: it may refer to them."""
        self.repo.delete_person(person_id)
        self.undo_stack.clear()
        if self._person is not None and self._person.id == person_id:
            self.clear_shown()
        self.people_changed.emit()

    # -- foods ---------------------------------------------------------------------

    def food(self, food_id: str | None) -> Food | None:
        return None if food_id is None else self.foods.get(food_id)

    def item_name(self, entry: Entry) -> str:
        """What the user calls this item: the food's or recipe's name."""
        if entry.recipe_id is not None:
            recipe = self.recipes.get(entry.recipe_id)
            return recipe.name if recipe else "Deleted recipe"
        food = self.food(entry.food_id)
        return food.name if food else f"Unknown food {entry.food_id}"

    def usual_entry(self, food_id: str) -> Entry:
        """An entry of one usual serving of the food (the first sensible measure, else 100 g)."""
        food = self._require_food(food_id)
        serving = self.foods.usual_serving(food)
        if serving in food.measures:
            return planner.entry_for(food, measure=serving.label)
        return planner.entry_for(food, grams=serving.grams)

    def _require_food(self, food_id: str) -> Food:
        food = self.food(food_id)
        if food is None:
            raise BonewiseError(f"There is no food with id {food_id!r} in the food store.")
        return food

    # -- edit verbs (each pushes one undo command) ----------------------------------------

    def _shown(self) -> tuple[int, IsoWeek]:
        if self._person is None or self._week is None:
            raise BonewiseError("Add a person first: plans belong to someone.")
        return self._person.id, self._week.week

    def _check_slot(self, slot_id: str) -> None:
        if slot_id not in {s.id for s in self._person.slots}:
            raise BonewiseError(f"{self._person.name} has no meal called {slot_id!r}.")

    def _push(self, command: undo.PlanCommand, focus: str | None = None) -> bool:
        self.undo_stack.push(command)
        ok = command.succeeded
        if ok and focus is not None:
            self.focus_entry.emit(focus)
        return ok

    def place(self, date: dt.date, slot_id: str, entry: Entry, index: int | None = None) -> bool:
        """Put ``entry`` into a meal of the shown week."""
        person_id, week = self._shown()
        self._check_slot(slot_id)
        return self._push(
            undo.PlaceFoodCommand(self, person_id, week, date, slot_id, entry, index,
                                      f"Add {self.item_name(entry)}"),
            focus=entry.id,
        )

    def add_food(self, date: dt.date, slot_id: str, food_id: str, amount: str | None = None,
                 index: int | None = None) -> bool:
        """Add a food with a typed amount ("1 cup", "150 g"), or one usual serving."""
        food = self._require_food(food_id)
        if amount and amount.strip():
            entry = planner.entry_from_text(food, amount)
        else:
            entry = self.usual_entry(food_id)
        return self.place(date, slot_id, entry, index)

    def remove_entries(self, entry_ids: Sequence[str], text: str | None = None) -> bool:
        person_id, week = self._shown()
        if not entry_ids:
            return False
        return self._push(undo.RemoveEntryCommand(
            self, person_id, week, tuple(entry_ids), text or self._label("Remove", entry_ids)))

    def change_entry(self, entry_id: str, new_entry: Entry) -> bool:
        """Give an item a new amount (or measure); it keeps its place and its id."""
        person_id, week = self._shown()
        return self._push(undo.ChangeAmountCommand(
            self, person_id, week, entry_id, new_entry,
            f"Change amount of {self.item_name(new_entry)}"), focus=entry_id)

    def move_entries(self, entry_ids: Sequence[str], date: dt.date, slot_id: str,
                     index: int | None = None, copy: bool = False) -> bool:
        """Move (or copy) items of the shown week to one meal, keeping their order."""
        person_id, week = self._shown()
        self._check_slot(slot_id)
        if not entry_ids:
            return False
        verb = "Copy" if copy else "Move"
        return self._push(undo.MoveEntriesCommand(
            self, person_id, week, tuple(entry_ids), date, slot_id, index, copy,
            self._label(verb, entry_ids)), focus=None if copy else entry_ids[-1])

    def paste_entries(self, entries: Sequence[Entry], date: dt.date, slot_id: str,
                      index: int | None = None) -> bool:
        """Place copies (fresh ids) of ``entries`` into one meal."""
        person_id, week = self._shown()
        self._check_slot(slot_id)
        entries = [dataclasses.replace(e, id=new_id()) for e in entries]
        if not entries:
            return False
        return self._push(undo.PasteEntriesCommand(
            self, person_id, week, tuple(entries), date, slot_id, index,
            self._label("Paste", entries)), focus=entries[-1].id)

    def copy_day(self, src: dt.date, dst: dt.date) -> bool:
        """Make ``dst`` a copy of ``src`` (both in the shown week)."""
        person_id, week = self._shown()
        return self._push(undo.CopyDayCommand(
            self, person_id, week, src, dst,
            f"Copy {src:%A} to {dst:%A}"))

    def copy_week_to(self, person_id: int, week: IsoWeek) -> bool:
        """Make ``person_id``'s ``week`` a copy of the shown week, as one undo step."""
        source_person, source_week = self._shown()
        if (person_id, week) == (source_person, source_week):
            raise BonewiseError("Choose another week or another person to copy this week to.")
        target = self.repo.person(person_id)
        used = {slot for day in self._week.days for slot, entries in day.meals.items() if entries}
        missing = used - {slot.id for slot in target.slots}
        if missing:
            names = {s.id: s.name for s in self._person.slots}
            raise BonewiseError(
                f"{target.name} has no meal “{names.get(min(missing), min(missing))}”; add it in People first."
            )
        return self._push(undo.CopyWeekCommand(
            self, person_id, week, self._week,
            f"Copy Week to {target.name}, week {week.week}"))

    def paste_day(self, meals: Mapping[str, Sequence[Entry]], dst: dt.date) -> bool:
        """Replace the meals of ``dst`` with copies of ``meals`` (slot id -> entries)."""
        person_id, week = self._shown()
        slots = {s.id for s in self._person.slots}
        unknown = [s for s in meals if s not in slots]
        if unknown:
            raise BonewiseError(
                f"{self._person.name} has no meal {unknown[0]!r}; add it in People first."
            )
        fresh = {s: tuple(dataclasses.replace(e, id=new_id()) for e in es) for s, es in meals.items()}
        return self._push(undo.PasteDayCommand(
            self, person_id, week, fresh, dst, f"Paste day into {dst:%A}"))

    def clear_day(self, date: dt.date) -> bool:
        person_id, week = self._shown()
        return self._push(undo.ClearDayCommand(self, person_id, week, date, f"Clear {date:%A}"))

    def set_note(self, date: dt.date, note: str) -> bool:
        person_id, week = self._shown()
        return self._push(undo.SetNoteCommand(
            self, person_id, week, date, note, f"Edit note for {date:%A}"))

    def _label(self, verb: str, items: Iterable) -> str:
        items = list(items)
        if len(items) == 1:
            item = items[0]
            entry = item if isinstance(item, Entry) else self._entry(item)
            if entry is not None:
                return f"{verb} {self.item_name(entry)}"
        return f"{verb} {len(items)} items"

    def _entry(self, entry_id: str) -> Entry | None:
        try:
            return planner.find_entry(self._week, entry_id)[2]
        except BonewiseError:
            return None
