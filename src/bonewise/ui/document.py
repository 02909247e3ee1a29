"""The open plan: the stores, the person and week on screen, the undo stack, and the edit verbs.

Every verb checks its input with the core (raising BonewiseError with a sentence
for the user) and then hands a ``core.edits`` function to :meth:`PlanDocument.apply`,
which wraps it in one undo step (``ui/undo.py``) and is the only code that pushes
onto the undo stack. The step writes through :meth:`PlanDocument.write_days`, which
saves at once and tells the views which days changed. Views never change the plan
themselves.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from bonewise.core import edits, phrases
from bonewise.core.edits import Edit
from bonewise.core.example_week import place_example_week
from bonewise.core.foods import Food
from bonewise.core.phrases import Understanding
from bonewise.core.plan import DayPlan, Entry, IsoWeek, Person, Recipe, WeekPlan
from bonewise.core.recipes import RecipeBook
from bonewise.core.record import HealthRecord, RecordEntry
from bonewise.core.rules import check_record_entry
from bonewise.core.words import counted
from bonewise.errors import BonewiseError

from bonewise.ui.undo import EditCommand, RecordCommand

if TYPE_CHECKING:  # types only: ui.app opens the stores and hands them in
    from bonewise.store.foodstore import FoodStore
    from bonewise.store.repository import Repository


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
    record_changed = Signal(int)  # the id of the person whose health record changed
    saved = Signal()  # a change reached the disk
    error = Signal(str)  # a command failed while undoing or redoing
    focus_entry = Signal(str)  # an item was just added or moved: views make it current

    def __init__(self, repo: Repository, foods: FoodStore, parent: QObject | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.repo = repo
        self.foods = foods
        # The clock every view asks for "today" (the week to open on, past days); tests set it.
        self.today = today
        self.undo_stack = QUndoStack(self)
        self.last_saved: dt.datetime | None = None
        self._person: Person | None = None
        self._week: WeekPlan | None = None
        self._recipes: RecipeBook | None = None

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
            # A book: each recipe is flattened once while the window shows it, not per repaint.
            self._recipes = RecipeBook(self.repo.recipes())
        return self._recipes

    def show(self, person_id: int, week: IsoWeek) -> None:
        """Put ``person_id``'s plan for ``week`` on screen."""
        person = self.repo.person(person_id)
        self._person = person
        self._week = self.repo.week(person_id, week)
        self.shown_changed.emit()

    def show_week(self, week: IsoWeek) -> None:
        if self._person is not None and week != self.iso_week:
            self.show(self._person.saved_id, week)

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
        if self._week is not None and self.is_shown(person_id, week):
            return self._week
        return self.repo.week(person_id, week)

    def write_days(self, person_id: int, week: IsoWeek, days: Mapping[dt.date, DayPlan]) -> None:
        """Save ``days`` at once and refresh the screen.

        An undo of an edit made in another week (or for another person) brings that
        week on screen, so the user sees what was undone.
        """
        self.repo.save_days(person_id, days.values())
        self.last_saved = dt.datetime.now()
        shown = self._week
        if shown is not None and self.is_shown(person_id, week):
            start = week.monday()
            by_index = {(d - start).days: day for d, day in days.items()}
            change = shown_change(shown, days)
            self._week = dataclasses.replace(
                shown, days=tuple(by_index.get(i, day) for i, day in enumerate(shown.days))
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

    # -- the health record -----------------------------------------------------------

    def record(self, person_id: int) -> HealthRecord:
        return self.repo.record(person_id)

    def add_record_entries(self, person_id: int, entries: Sequence[RecordEntry]) -> None:
        """Add entries to a person's record as one undo step; BonewiseError for a bad entry."""
        entries = tuple(check_record_entry(e) for e in entries)
        self.repo.person(person_id)
        what = entries[0].label if len(entries) == 1 else f"{len(entries)} entries"
        self.undo_stack.push(RecordCommand(self, person_id, f"Add {what} to the Health Record", add=entries))

    def remove_record_entries(self, person_id: int, entry_ids: Sequence[str]) -> None:
        """Remove entries from a person's record as one undo step."""
        wanted = set(entry_ids)
        removed = tuple(e for e in self.repo.record(person_id).entries if e.id in wanted)
        if len(removed) != len(wanted):
            raise BonewiseError("That health-record entry no longer exists.")
        what = removed[0].label if len(removed) == 1 else f"{len(removed)} entries"
        self.undo_stack.push(RecordCommand(self, person_id, f"Remove {what} from the Health Record", remove=removed))

    def write_record(self, person_id: int, *, add: Sequence[RecordEntry], remove: Sequence[RecordEntry]) -> None:
        """Apply a record change (the undo command's redo and undo both come here)."""
        try:
            if remove:
                self.repo.remove_record_entries(person_id, [e.id for e in remove])
            if add:
                self.repo.add_record_entries(person_id, add)
        except BonewiseError as exc:
            self.error.emit(str(exc))
            return
        self.record_changed.emit(person_id)
        if self._person is not None and self._person.id == person_id:
            self._person = self.repo.person(person_id)  # its latest blood level follows the record
            self.shown_changed.emit()
        self.saved.emit()

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

    def usual_entry(self, food_id: str, slot_id: str | None = None) -> Entry:
        """One usual serving of the food at that meal (``core.portions.usual_portion``)."""
        return phrases.usual_entry(self._require_food(food_id), self.meal_words(slot_id))

    def understand(self, text: str, slot_id: str | None = None, pinned: str | None = None) -> Understanding:
        """What typed text ("2 eggs", "a glass of milk") means at that meal: the food, its
        amount and foods that fit about as well (``core.phrases``). ``pinned`` is the id of a
        food already picked; then the text is only the amount. BonewiseError says what is wrong."""
        food = self._require_food(pinned) if pinned is not None else None
        return phrases.understand(text, self.foods, self.meal_words(slot_id), food)

    def meal_words(self, slot_id: str | None) -> str | None:
        """How the shown person's meal is called ("lunch Lunch"), which sets a usual serving's size."""
        if slot_id is None:
            return None
        person = self._person
        slot = next((s for s in person.slots if s.id == slot_id), None) if person is not None else None
        return slot_id if slot is None else phrases.meal_words(slot)

    def _require_food(self, food_id: str) -> Food:
        food = self.food(food_id)
        if food is None:
            raise BonewiseError(f"There is no food with id {food_id!r} in the food store.")
        return food

    # -- edit verbs (each is one undo step) ------------------------------------------------

    def apply(self, text: str, edit: Edit, *, person_id: int | None = None,
              week: IsoWeek | None = None, focus: str | None = None) -> EditCommand | None:
        """Apply a ``core.edits`` verb as one undo step; the only place that pushes onto the stack.

        ``edit`` gets the stored plan of ``person_id``'s ``week`` (default: what is
        shown) and returns the new plan and what changed. Returns the step once the
        change is on disk, or None (the error signal has said why, or nothing changed).
        """
        if person_id is None or week is None:
            shown_person, shown_week = self._shown()
            person_id = shown_person if person_id is None else person_id
            week = shown_week if week is None else week
        command = EditCommand(self, person_id, week, text, edit)
        self.undo_stack.push(command)
        if not command.succeeded:
            return None
        if focus is not None:
            self.focus_entry.emit(focus)
        return command

    def _shown(self) -> tuple[int, IsoWeek]:
        return self.shown_person().saved_id, self.shown_week().week

    def shown_person(self) -> Person:
        """The person on screen; BonewiseError (a sentence for the user) when there is none."""
        if self._person is None:
            raise BonewiseError("Add a person first: plans belong to someone.")
        return self._person

    def shown_week(self) -> WeekPlan:
        """The week plan on screen; BonewiseError when no one is shown."""
        if self._week is None:
            raise BonewiseError("Add a person first: plans belong to someone.")
        return self._week

    def place(self, date: dt.date, slot_id: str, entry: Entry, index: int | None = None) -> bool:
        """Put ``entry`` into a meal of the shown week."""
        edits.require_slots(self.shown_person(), [slot_id])
        return bool(self.apply(f"Add {self.item_name(entry)}",
                               lambda w: edits.place(w, date, slot_id, entry, index), focus=entry.id))

    def add_food(self, date: dt.date, slot_id: str, food_id: str, amount: str | None = None,
                 index: int | None = None) -> bool:
        """Add a food with a typed amount ("1 cup", "150 g", "2"), or one usual serving at that meal."""
        food = self._require_food(food_id)
        if amount and amount.strip():
            entry = phrases.entry_from_text(food, amount, self.meal_words(slot_id))
        else:
            entry = self.usual_entry(food_id, slot_id)
        return self.place(date, slot_id, entry, index)

    def remove_entries(self, entry_ids: Sequence[str], text: str | None = None, *,
                       person_id: int | None = None, week: IsoWeek | None = None) -> bool:
        """Take items out of the shown week (or of ``person_id``'s ``week``)."""
        if person_id is None or week is None:
            self._shown()
        if not entry_ids:
            return False
        ids = tuple(entry_ids)
        return bool(self.apply(text or self.label("Remove", ids),
                               lambda w: edits.remove_entries(w, ids), person_id=person_id, week=week))

    def change_entry(self, entry_id: str, new_entry: Entry) -> bool:
        """Give an item a new amount (or measure); it keeps its place and its id."""
        return bool(self.apply(f"Change amount of {self.item_name(new_entry)}",
                               lambda w: edits.replace(w, entry_id, new_entry), focus=entry_id))

    def move_entries(self, entry_ids: Sequence[str], date: dt.date, slot_id: str,
                     index: int | None = None, copy: bool = False) -> bool:
        """Move (or copy) items of the shown week to one meal, keeping their order."""
        edits.require_slots(self.shown_person(), [slot_id])
        if not entry_ids:
            return False
        ids = tuple(entry_ids)
        return bool(self.apply(self.label("Copy" if copy else "Move", ids),
                               lambda w: edits.move_entries(w, ids, date, slot_id, index, copy),
                               focus=None if copy else ids[-1]))

    def paste_entries(self, entries: Sequence[Entry], date: dt.date, slot_id: str,
                      index: int | None = None) -> bool:
        """Place copies (fresh ids) of ``entries`` into one meal."""
        edits.require_slots(self.shown_person(), [slot_id])
        fresh = edits.fresh_copies(entries)
        if not fresh:
            return False
        return bool(self.apply(self.label("Paste", fresh),
                               lambda w: edits.place_entries(w, fresh, date, slot_id, index),
                               focus=fresh[-1].id))

    def copy_day(self, src: dt.date, dst: dt.date) -> bool:
        """Make ``dst`` a copy of ``src`` (both in the shown week)."""
        return bool(self.apply(f"Copy {src:%A} to {dst:%A}", lambda w: edits.copy_day(w, src, dst)))

    def copy_week_to(self, person_id: int, week: IsoWeek) -> bool:
        """Make ``person_id``'s ``week`` a copy of the shown week, as one undo step."""
        source_person = self.shown_person()
        source = self.shown_week()
        target_person = self.repo.person(person_id)
        edits.check_copy_week(source, source_person, week, target_person)  # say why before asking
        return bool(self.apply(
            f"Copy Week to {target_person.name}, week {week.week}",
            lambda w: edits.copy_week(source, source_person, w, target_person),
            person_id=person_id, week=week))

    def paste_day(self, meals: Mapping[str, Sequence[Entry]], dst: dt.date) -> bool:
        """Replace the meals of ``dst`` with copies of ``meals`` (slot id -> entries)."""
        edits.require_slots(self.shown_person(), meals)
        fresh = {s: edits.fresh_copies(es) for s, es in meals.items()}
        return bool(self.apply(f"Paste day into {dst:%A}", lambda w: edits.replace_day(w, dst, fresh)))

    def clear_day(self, date: dt.date) -> bool:
        return bool(self.apply(f"Clear {date:%A}", lambda w: edits.clear_day(w, date)))

    def set_note(self, date: dt.date, note: str) -> bool:
        return bool(self.apply(f"Edit note for {date:%A}", lambda w: edits.set_note(w, date, note)))

    def apply_auto_plan(self, added: Sequence[edits.Placement], dates: int) -> bool:
        """Put what an auto-plan chose into the shown week, over ``dates`` days: one undo step."""
        if not added:
            return False
        count = len(added)
        text = f"Auto-plan {count} item{'s' if count != 1 else ''} over {dates} day{'s' if dates != 1 else ''}"
        return bool(self.apply(text, lambda w: edits.apply_auto_plan(w, added)))

    def add_example_week(self, person_id: int, week: IsoWeek) -> frozenset[str] | None:
        """Fill ``week`` with the example meals (one undo step); the ids it added, or None."""
        command = self.apply("Add Example Week", lambda w: place_example_week(w, self.foods),
                             person_id=person_id, week=week)
        return None if command is None else command.added_ids()

    def label(self, verb: str, items: Iterable[Entry | str]) -> str:
        """An undo step's name: "Move Milk" for one item, "Move 3 items" for several."""
        items = list(items)
        if len(items) == 1:
            item = items[0]
            entry = item if isinstance(item, Entry) else self._entry(item)
            if entry is not None:
                return f"{verb} {self.item_name(entry)}"
        return f"{verb} {counted(len(items), 'item')}"

    def _entry(self, entry_id: str) -> Entry | None:
        if self._week is None:
            return None
        try:
            return edits.find_entry(self._week, entry_id)[2]
        except BonewiseError:
            return None
