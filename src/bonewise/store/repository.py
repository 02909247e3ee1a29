"""The user store: people, their week plans, recipes and settings, mapped to core values.

This module owns those tables; ``store/customfoods.py`` owns the custom foods,
reached as ``Repository.custom_foods``. The connection never leaves ``store/``
(a test checks it). It is in autocommit mode, so every method that writes is
durable when it returns; the ones that write more than one row do it in a single
transaction, and ``Repository.transaction()`` makes several calls one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from bonewise.core.plan import (
    Allergen,
    DayPlan,
    Diet,
    Entry,
    IsoWeek,
    MealSlot,
    Person,
    Recipe,
    SoyPreference,
    WeekPlan,
    new_id,
)
from bonewise.core.record import HealthRecord, Interval, Kind, RecordEntry, sorted_entries
from bonewise.core.rules import (
    MAX_PERSON_NAME,
    MAX_RECORD_ENTRIES,
    check_entry,
    check_person,
    check_recipe,
    check_recipe_nesting,
    check_record_entry,
    check_stored_note,
    name_key,
    visible_text,
)
from bonewise.errors import BonewiseError
from bonewise.store import backups
from bonewise.store.customfoods import CustomFoods
from bonewise.store.salvage import within_gap
from bonewise.store.sqldb import Database
from bonewise.store.userdb import open_user_db, user_db_path


class NotFoundError(BonewiseError):
    """A person, recipe or setting the caller asked for does not exist."""


class Repository:
    """People, week plans, recipes and settings in one user database."""

    def __init__(self, db: Database, data_dir: Path | None = None) -> None:
        self.db = db  # for store/ only: nothing outside it touches the connection
        self.data_dir = data_dir
        self._conn: sqlite3.Connection = db.conn
        self.custom_foods = CustomFoods(db)

    @classmethod
    def open(cls, data_dir: Path) -> Repository:
        """Back up the user store in ``data_dir`` (at most daily), then open and migrate it."""
        data_dir = Path(data_dir)
        backups.rolling_backup(data_dir)
        return cls(open_user_db(user_db_path(data_dir)), data_dir)

    @classmethod
    def in_memory(cls) -> Repository:
        """A fresh, empty store that lives only as long as the object (tests, previews)."""
        return cls(open_user_db(None))

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Make the writes inside one: all of them reach the disk, or none (it nests)."""
        with self.db.atomic():
            yield

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- people ---------------------------------------------------------------

    def people(self) -> list[Person]:
        """Everyone in the store, in the order they were added."""
        rows = self._conn.execute(f"SELECT {_PERSON_COLUMNS} FROM people ORDER BY id")
        return [_person_from_row(row) for row in rows]

    def person(self, person_id: int) -> Person:
        """The person with ``person_id``; raises NotFoundError if there is none."""
        row = self._conn.execute(
            f"SELECT {_PERSON_COLUMNS} FROM people WHERE id = ?", (person_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"There is no person with id {person_id}.")
        return _person_from_row(row)

    def find_person(self, name: str) -> Person | None:
        """The person called ``name`` (ignoring case, spaces around it and invisible characters),
        or None."""
        key = name_key(name)
        row = self._conn.execute(
            f"SELECT {_PERSON_COLUMNS} FROM people WHERE name_key = ?", (key,)
        ).fetchone()
        if row is not None:
            return _person_from_row(row)
        # A key stored before invisible characters were left out of keys differs: compare anew.
        return next((p for p in self.people() if name_key(p.name) == key), None)

    def person_by_name(self, name: str) -> Person:
        """The person called ``name`` (case-insensitive); NotFoundError names who exists."""
        found = self.find_person(name)
        if found is None:
            known = [p.name for p in self.people()]
            hint = f" Known people: {', '.join(known)}." if known else " No one has been added yet."
            raise NotFoundError(f"There is no person called '{visible_text(name.strip())}'.{hint}")
        return found

    def save_person(self, person: Person) -> Person:
        """Add ``person`` (id None) or update them; returns the stored person with its id.

        Raises BonewiseError for an invalid field, a name someone else already has,
        or removing a meal slot that still holds planned items.
        """
        person = check_person(person)
        values = _person_values(person)
        try:
            with self.db.atomic():
                if person.id is None:
                    cursor = self._conn.execute(
                        f"INSERT INTO people ({', '.join(values)}) "
                        f"VALUES ({', '.join('?' * len(values))})",
                        tuple(values.values()),
                    )
                    saved = replace(person, id=cursor.lastrowid)
                else:
                    old = self.person(person.id)
                    self._check_removed_slots(old, person)
                    self._conn.execute(
                        f"UPDATE people SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                        (*values.values(), person.id),
                    )
                    saved = person
                self._record_lab_value(saved)
                return saved
        except sqlite3.IntegrityError:
            raise BonewiseError(
                f"There is already a person called '{person.name}'; choose another name."
            ) from None

    def delete_person(self, person_id: int) -> None:
        """Delete a person together with all their plans and day notes."""
        cursor = self._conn.execute("DELETE FROM people WHERE id = ?", (person_id,))
        if cursor.rowcount == 0:
            raise NotFoundError(f"There is no person with id {person_id}.")

    def _check_removed_slots(self, old: Person, new: Person) -> None:
        removed = {s.id for s in old.slots} - {s.id for s in new.slots}
        if not removed:
            return
        names = {s.id: s.name for s in old.slots}
        marks = ", ".join("?" * len(removed))
        # Entries in a slot the person no longer has would be invisible yet still counted.
        busy = self._conn.execute(
            f"SELECT slot_id, count(*) FROM plan_entries WHERE person_id = ? "
            f"AND slot_id IN ({marks}) GROUP BY slot_id ORDER BY slot_id",
            (old.id, *sorted(removed)),
        ).fetchone()
        if busy is not None:
            slot_id, count = busy
            raise BonewiseError(
                f"The meal '{names[slot_id]}' still holds {count} planned "
                f"item{'s' if count != 1 else ''}; clear or move them before removing it."
            )

    # -- the health record -------------------------------------------------------

    def record(self, person_id: int) -> HealthRecord:
        """The person's health record, oldest entry first."""
        self.person(person_id)
        rows = self._conn.execute(
            "SELECT id, kind, date, item, value, value2, interval FROM record_entries "
            "WHERE person_id = ?", (person_id,),
        ).fetchall()  # fmt: skip
        return HealthRecord(sorted_entries(_record_entry_from_row(row) for row in rows))

    def add_record_entries(self, person_id: int, entries: Iterable[RecordEntry]) -> None:
        """Add entries to the person's record, in one transaction (an entry with a known id replaces it)."""
        entries = [check_record_entry(e) for e in entries]
        self.person(person_id)
        with self.db.atomic():
            count = self._conn.execute(
                "SELECT count(*) FROM record_entries WHERE person_id = ?", (person_id,)
            ).fetchone()[0]
            if count + len(entries) > MAX_RECORD_ENTRIES:
                raise BonewiseError(f"A health record holds at most {MAX_RECORD_ENTRIES:,} entries.")
            self._conn.executemany(
                "INSERT OR REPLACE INTO record_entries (person_id, id, kind, date, item, value, value2, interval) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(person_id, e.id, e.kind.value, e.date.isoformat(), e.item, e.value, e.value2,
                  None if e.interval is None else str(e.interval)) for e in entries],
            )  # fmt: skip
            self._sync_latest(person_id)

    def remove_record_entries(self, person_id: int, entry_ids: Iterable[str]) -> list[RecordEntry]:
        """Remove entries by id; returns what was removed (for undo). NotFoundError for an unknown id."""
        record = {e.id: e for e in self.record(person_id).entries}
        ids = list(dict.fromkeys(entry_ids))
        missing = [i for i in ids if i not in record]
        if missing:
            raise NotFoundError(f"The health record has no entry '{visible_text(missing[0])}'.")
        with self.db.atomic():
            self._conn.executemany(
                "DELETE FROM record_entries WHERE person_id = ? AND id = ?", [(person_id, i) for i in ids]
            )
            self._sync_latest(person_id)
        return [record[i] for i in ids]

    def _record_lab_value(self, person: Person) -> None:
        # A dated blood level set on the person (welcome, People dialog, `person set`) is
        # also an entry of the record, so the record holds every value ever entered.
        if person.vitamin_d_lab_ng_ml is None or person.vitamin_d_lab_date is None:
            return
        date = person.vitamin_d_lab_date.isoformat()
        known = self._conn.execute(
            "SELECT 1 FROM record_entries WHERE person_id = ? AND kind = ? AND date = ? AND value = ?",
            (person.id, Kind.VITAMIN_D.value, date, person.vitamin_d_lab_ng_ml),
        ).fetchone()
        if known is None:
            self._conn.execute(
                "INSERT INTO record_entries (person_id, id, kind, date, value) VALUES (?, ?, ?, ?, ?)",
                (person.id, new_id(), Kind.VITAMIN_D.value, date, person.vitamin_d_lab_ng_ml),
            )

    def _sync_latest(self, person_id: int) -> None:
        # The person's single 25(OH)D value (read by the checks and the welcome) follows
        # the newest one in the record, so the two never disagree.
        row = self._conn.execute(
            "SELECT value, date FROM record_entries WHERE person_id = ? AND kind = ? "
            "ORDER BY date DESC, id LIMIT 1", (person_id, Kind.VITAMIN_D.value),
        ).fetchone()  # fmt: skip
        if row is not None:
            self._conn.execute(
                "UPDATE people SET vitamin_d_lab_ng_ml = ?, vitamin_d_lab_date = ? WHERE id = ?",
                (row[0], row[1], person_id),
            )

    # -- plans ----------------------------------------------------------------

    def week(self, person_id: int, week: IsoWeek) -> WeekPlan:
        """The person's plan for ``week``; days with nothing saved are empty."""
        self.person(person_id)
        dates = week.dates()
        first, last = dates[0].isoformat(), dates[-1].isoformat()
        meals: dict[str, dict[str, list[Entry]]] = {d.isoformat(): {} for d in dates}
        for date, slot_id, entry_id, food_id, recipe_id, grams, measure, count in self._conn.execute(
            "SELECT date, slot_id, entry_id, food_id, recipe_id, grams, measure, count "
            "FROM plan_entries WHERE person_id = ? AND date BETWEEN ? AND ? "
            "ORDER BY date, slot_id, position",
            (person_id, first, last),
        ):
            meals[date].setdefault(slot_id, []).append(
                Entry(food_id, grams, measure, count, recipe_id, entry_id)
            )
        notes = dict(
            self._conn.execute(
                "SELECT date, note FROM day_notes WHERE person_id = ? AND date BETWEEN ? AND ?",
                (person_id, first, last),
            )
        )
        days = tuple(
            DayPlan(
                d,
                MappingProxyType({k: tuple(v) for k, v in meals[d.isoformat()].items()}),
                notes.get(d.isoformat(), ""),
            )
            for d in dates
        )
        return WeekPlan(person_id, week, days)

    def save_days(self, person_id: int, days: Iterable[DayPlan]) -> None:
        """Replace the person's saved entries and notes for each of ``days``, in one transaction.

        Everything is checked before anything is written: the person exists, every
        slot is one of theirs, every recipe exists, every quantity is sane.
        """
        days = list(days)
        person = self.person(person_id)
        slot_ids = {s.id for s in person.slots}
        rows: list[tuple[Any, ...]] = []
        notes: list[tuple[int, str, str]] = []
        recipe_ids: set[str] = set()
        seen: set[dt.date] = set()
        for day in days:
            date = day.date
            if type(date) is not dt.date:
                raise BonewiseError(f"A day's date must be a date, got {date!r}.")
            if date in seen:
                raise BonewiseError(f"{date.isoformat()} appears twice in one save.")
            seen.add(date)
            iso = date.isoformat()
            for slot_id, entries in day.meals.items():
                if slot_id not in slot_ids:
                    raise BonewiseError(
                        f"{person.name} has no meal slot with id '{slot_id}' (on {iso})."
                    )
                for position, entry in enumerate(entries):
                    check_entry(entry, f"{iso} {slot_id} item {position + 1}")
                    if entry.recipe_id is not None:
                        recipe_ids.add(entry.recipe_id)
                    rows.append(
                        (person_id, iso, slot_id, position, entry.id, entry.food_id,
                         entry.recipe_id, float(entry.grams), entry.measure,
                         None if entry.count is None else float(entry.count))
                    )
            note = check_stored_note(day.note)
            if note:
                notes.append((person_id, iso, note))
        self._require_recipes(recipe_ids)
        keys = [(person_id, d.isoformat()) for d in seen]
        with self.db.atomic():
            self._conn.executemany(
                "DELETE FROM plan_entries WHERE person_id = ? AND date = ?", keys
            )
            self._conn.executemany("DELETE FROM day_notes WHERE person_id = ? AND date = ?", keys)
            self._conn.executemany(
                "INSERT INTO plan_entries (person_id, date, slot_id, position, entry_id, "
                "food_id, recipe_id, grams, measure, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            self._conn.executemany(
                "INSERT INTO day_notes (person_id, date, note) VALUES (?, ?, ?)", notes
            )

    def save_week(self, plan: WeekPlan) -> None:
        """Save all seven days of ``plan`` for ``plan.person_id``."""
        if plan.person_id is None:
            raise BonewiseError("This week plan belongs to no one; save the person first.")
        self.save_days(plan.person_id, plan.days)

    def planned_weeks(self, person_id: int) -> list[IsoWeek]:
        """The weeks in which the person has at least one entry or note, oldest first."""
        self.person(person_id)
        dates = self._conn.execute(
            "SELECT DISTINCT date FROM plan_entries WHERE person_id = ? "
            "UNION SELECT date FROM day_notes WHERE person_id = ?",
            (person_id, person_id),
        )
        return sorted({IsoWeek.of(dt.date.fromisoformat(d)) for (d,) in dates},
                      key=lambda w: (w.year, w.week))

    def _require_recipes(self, recipe_ids: set[str]) -> None:
        if not recipe_ids:
            return
        marks = ", ".join("?" * len(recipe_ids))
        found = {
            r for (r,) in self._conn.execute(
                f"SELECT id FROM recipes WHERE id IN ({marks})", tuple(recipe_ids)
            )
        }
        missing = sorted(recipe_ids - found)
        if missing:
            raise NotFoundError(f"There is no recipe with id '{visible_text(missing[0])}'.")

    # -- recipes --------------------------------------------------------------

    def recipes(self) -> dict[str, Recipe]:
        """All recipes by id, ordered by name."""
        rows = self._conn.execute("SELECT id, name, portions, entries_json FROM recipes")
        found = [_recipe_from_row(row) for row in rows]
        found.sort(key=lambda r: (r.name.casefold(), r.id))
        return {r.id: r for r in found}

    def recipe(self, recipe_id: str) -> Recipe:
        row = self._conn.execute(
            "SELECT id, name, portions, entries_json FROM recipes WHERE id = ?", (recipe_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"There is no recipe with id '{visible_text(str(recipe_id))}'.")
        return _recipe_from_row(row)

    def save_recipe(self, recipe: Recipe) -> Recipe:
        """Add or replace (by id) a recipe; returns it as stored.

        A recipe may contain other recipes, but never itself, directly or not, and
        never more than ``MAX_RECIPE_DEPTH`` levels deep, for it or for any recipe
        that holds it.
        """
        recipe = check_recipe(recipe)
        with self.db.atomic():
            inner = {e.recipe_id for e in recipe.entries if e.recipe_id is not None}
            self._require_recipes(inner - {recipe.id})
            check_recipe_nesting({**self.recipes(), recipe.id: recipe})
            self._conn.execute(
                "INSERT INTO recipes (id, name, portions, entries_json) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
                "portions = excluded.portions, entries_json = excluded.entries_json",
                (recipe.id, recipe.name, float(recipe.portions),
                 json.dumps([_entry_to_json(e) for e in recipe.entries],
                            ensure_ascii=False, allow_nan=False)),
            )
        return recipe

    def delete_recipe(self, recipe_id: str) -> None:
        """Delete a recipe that no plan and no other recipe uses."""
        recipe = self.recipe(recipe_id)
        (planned,) = self._conn.execute(
            "SELECT count(*) FROM plan_entries WHERE recipe_id = ?", (recipe_id,)
        ).fetchone()
        if planned:
            raise BonewiseError(
                f"The recipe '{recipe.name}' is in {planned} planned meal item"
                f"{'s' if planned != 1 else ''}; remove it from the plans before deleting it."
            )
        users = [r.name for r in self.recipes().values()
                 if any(e.recipe_id == recipe_id for e in r.entries)]
        if users:
            raise BonewiseError(
                f"The recipe '{recipe.name}' is part of the recipe '{users[0]}'; "
                "remove it there before deleting it."
            )
        self._conn.execute("DELETE FROM recipes WHERE id = ?", (recipe_id,))

    # -- settings -------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        """All settings as a plain dict of JSON values."""
        return {k: json.loads(v) for k, v in self._conn.execute(
            "SELECT key, value_json FROM settings ORDER BY key")}

    def setting(self, key: str, default: Any = None) -> Any:
        row = self._conn.execute("SELECT value_json FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        """Store ``value`` (any finite JSON value) under ``key``; None removes the setting."""
        if not isinstance(key, str) or not key.strip() or len(key) > MAX_PERSON_NAME:
            raise BonewiseError(f"A setting needs a short, non-empty name, got {key!r}.")
        if value is None:
            self._conn.execute("DELETE FROM settings WHERE key = ?", (key,))
            return
        try:
            encoded = json.dumps(value, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise BonewiseError(f"The setting '{key}' cannot be stored: {exc}.") from None
        self._conn.execute(
            "INSERT INTO settings (key, value_json) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json",
            (key, encoded),
        )

    # -- repair: what a store holds, and filling a salvaged store's gaps ------------

    def contents(self) -> StoreContents:
        """The people, planned days, health-record entries, custom foods and recipes, by name."""
        names = dict(self._conn.execute("SELECT id, name FROM people"))

        def dated(query: str) -> frozenset[tuple[str, dt.date]]:
            found = set()
            for person_id, date in self._conn.execute(query):
                try:
                    found.add((names[person_id], dt.date.fromisoformat(date)))
                except (KeyError, TypeError, ValueError):
                    continue  # a salvaged row without its person, or with a mangled date
            return frozenset(found)

        return StoreContents(
            people=frozenset(names.values()),
            days=dated("SELECT person_id, date FROM plan_entries UNION SELECT person_id, date FROM day_notes"),
            records=dated("SELECT person_id, date FROM record_entries"),
            custom_foods=self.custom_foods.live_names(),
            recipes=frozenset(n for (n,) in self._conn.execute("SELECT name FROM recipes")),
        )

    def fill_gaps_from(self, backup: Path, gaps: Mapping[str, tuple[Any, Any]]) -> StoreContents:
        """Add from the store at ``backup`` what this salvaged store lost to damage.

        ``gaps`` maps each table that could not be read whole to the keys of the rows
        read on either side of the damage (None: it reaches that end). Only backup
        rows in that stretch of keys are candidates, so a row deleted since the backup
        elsewhere in the table stays deleted. People are matched by name; a planned day
        in the stretch is taken whole from the backup (its items, or its note), since
        the salvage may hold only part of it. Returns what was added.
        ``backup`` must have this schema.
        """
        before = self.contents()
        taken_days: set[tuple[str, dt.date]] = set()
        self._conn.execute("ATTACH DATABASE ? AS backup", (str(backup),))
        try:
            with self.db.atomic():
                if "people" in gaps:
                    in_gap, values = within_gap("b.id", gaps["people"], 1)
                    # The backup's id where it is free, so that salvaged plan rows whose
                    # person could not be read find them again.
                    for leave_out, free in (("", "AND b.id NOT IN (SELECT id FROM main.people)"), ("id", "")):
                        columns = self._columns("people", leave_out)
                        self._conn.execute(
                            f"INSERT INTO people ({columns}) SELECT {columns} FROM backup.people b "
                            f"WHERE {in_gap} AND b.name_key NOT IN (SELECT name_key FROM main.people) {free}",
                            values,
                        )
                for table in ("plan_entries", "day_notes"):
                    if table in gaps:
                        taken_days |= self._fill_days(table, gaps[table])
                if "record_entries" in gaps:
                    self._fill_records(gaps["record_entries"])
                if "custom_foods" in gaps:
                    self.custom_foods.fill_gap_from("backup", gaps["custom_foods"])
                for table, key in (("recipes", "id"), ("settings", "key")):
                    if table in gaps:
                        in_gap, values = within_gap(f"b.{key}", gaps[table], 1)
                        columns = self._columns(table)
                        self._conn.execute(
                            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM backup.{table} b "
                            f"WHERE {in_gap} AND b.{key} NOT IN (SELECT {key} FROM main.{table})",
                            values,
                        )
        finally:
            self._conn.execute("DETACH DATABASE backup")
        added = self.contents().minus(before)
        return dataclasses.replace(added, days=frozenset(taken_days))

    def _columns(self, table: str, leave_out: str = "") -> str:
        return ", ".join(row[1] for row in self._conn.execute(f"PRAGMA main.table_info({table})")
                         if row[1] != leave_out)  # fmt: skip

    def _fill_days(self, table: str, gap: tuple[Any, Any]) -> set[tuple[str, dt.date]]:
        """Replace this store's rows of ``table`` for each backup day within ``gap`` by the backup's;
        returns those days (person's name, date)."""
        in_gap, values = within_gap("(m.id, t.date)", gap, 2)
        self._conn.execute(
            "CREATE TEMP TABLE gap_days AS SELECT DISTINCT m.id AS person_id, b.id AS backup_id, t.date "
            f"FROM backup.{table} t JOIN backup.people b ON b.id = t.person_id "
            f"JOIN main.people m ON m.name_key = b.name_key WHERE {in_gap}",
            values,
        )
        try:
            days = {(name, dt.date.fromisoformat(date)) for name, date in self._conn.execute(
                "SELECT p.name, g.date FROM temp.gap_days g JOIN main.people p ON p.id = g.person_id")}  # fmt: skip
            rest = self._columns(table, leave_out="person_id")
            taken = ", ".join(f"t.{c}" for c in rest.split(", "))
            self._conn.execute(
                f"DELETE FROM {table} WHERE (person_id, date) IN (SELECT person_id, date FROM temp.gap_days)"
            )
            self._conn.execute(
                f"INSERT INTO {table} (person_id, {rest}) SELECT g.person_id, {taken} "
                f"FROM backup.{table} t JOIN temp.gap_days g ON g.backup_id = t.person_id AND g.date = t.date"
            )
        finally:
            self._conn.execute("DROP TABLE temp.gap_days")
        return days

    def _fill_records(self, gap: tuple[Any, Any]) -> None:
        """Add the backup's health-record entries within ``gap`` that this store lacks."""
        in_gap, values = within_gap("(m.id, t.id)", gap, 2)
        rest = self._columns("record_entries", leave_out="person_id")
        taken = ", ".join(f"t.{c}" for c in rest.split(", "))
        self._conn.execute(
            f"INSERT OR IGNORE INTO record_entries (person_id, {rest}) SELECT m.id, {taken} "
            "FROM backup.record_entries t JOIN backup.people b ON b.id = t.person_id "
            f"JOIN main.people m ON m.name_key = b.name_key WHERE {in_gap}",
            values,
        )

    def drop_orphans(self) -> int:
        """Remove planned items, notes and record entries whose person or recipe is gone;
        returns how many.

        A salvaged store may hold rows whose person or recipe could not be read: they
        could be neither shown nor saved again (they stay in the damaged file).
        """
        with self.db.atomic():
            items = self._conn.execute(
                "DELETE FROM plan_entries WHERE person_id NOT IN (SELECT id FROM people) "
                "OR (recipe_id IS NOT NULL AND recipe_id NOT IN (SELECT id FROM recipes))"
            ).rowcount
            others = sum(
                self._conn.execute(f"DELETE FROM {table} WHERE person_id NOT IN (SELECT id FROM people)").rowcount
                for table in ("day_notes", "record_entries")
            )
        return items + others


@dataclass(frozen=True)
class StoreContents:
    """What a store holds, in what a person would miss: people, planned days, own foods, recipes."""

    people: frozenset[str] = frozenset()
    days: frozenset[tuple[str, dt.date]] = frozenset()  # (person's name, a date with items or a note)
    records: frozenset[tuple[str, dt.date]] = frozenset()  # (person's name, a date in their record)
    custom_foods: frozenset[str] = frozenset()
    recipes: frozenset[str] = frozenset()

    def minus(self, other: StoreContents) -> StoreContents:
        """What this holds that ``other`` lacks."""
        return StoreContents(*(getattr(self, f.name) - getattr(other, f.name)
                               for f in dataclasses.fields(self)))  # fmt: skip

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f.name) for f in dataclasses.fields(self))

    def describe(self) -> str:
        """"1 person (Ann), 3 planned days (Zoë: 1 to 3 December 2026) and 1 custom food (Kefir)"."""
        parts = []
        if self.people:
            parts.append(_counted(len(self.people), "person", "people", sorted(self.people)))
        for dated, one, many in ((self.days, "planned day", "planned days"),
                                 (self.records, "health-record date", "health-record dates")):  # fmt: skip
            if dated:
                by_person: dict[str, list[dt.date]] = {}
                for name, date in dated:
                    by_person.setdefault(name, []).append(date)
                spans = [f"{name}: {_span(min(ds), max(ds))}" for name, ds in sorted(by_person.items())]
                parts.append(_counted(len(dated), one, many, spans))
        if self.custom_foods:
            parts.append(_counted(len(self.custom_foods), "custom food", "custom foods",
                                  sorted(self.custom_foods)))  # fmt: skip
        if self.recipes:
            parts.append(_counted(len(self.recipes), "recipe", "recipes", sorted(self.recipes)))
        if not parts:
            return "nothing"
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _counted(n: int, one: str, many: str, names: list[str], shown: int = 3) -> str:
    listed = "; ".join(visible_text(name, 60) for name in names[:shown])
    more = f"; and {len(names) - shown} more" if len(names) > shown else ""
    return f"{n} {one if n == 1 else many} ({listed}{more})"


def _span(first: dt.date, last: dt.date) -> str:
    def day(d: dt.date) -> str:
        return f"{d.day} {d:%B} {d.year}"

    return day(first) if first == last else f"{day(first)} to {day(last)}"


# -- row mapping --------------------------------------------------------------------

_PERSON_COLUMNS = (
    "id, name, weight_kg, t_score, vitamin_d_lab_ng_ml, vitamin_d_lab_date, on_warfarin, "
    "soy, diet, allergies_json, dislikes_json, eats_natto, vitamin_k_usual_ug, slots_json, "
    "target_overrides_json, birth_year"
)


def _person_values(person: Person) -> dict[str, Any]:
    return {
        "name": person.name,
        "name_key": name_key(person.name),
        "weight_kg": person.weight_kg,
        "birth_year": person.birth_year,
        "t_score": person.t_score,
        "vitamin_d_lab_ng_ml": person.vitamin_d_lab_ng_ml,
        "vitamin_d_lab_date": (
            None if person.vitamin_d_lab_date is None else person.vitamin_d_lab_date.isoformat()
        ),
        "on_warfarin": int(person.on_warfarin),
        "soy": person.soy.value,
        "diet": person.diet.value,
        "allergies_json": json.dumps(sorted(a.value for a in person.allergies)),
        "dislikes_json": json.dumps(sorted(person.dislikes), ensure_ascii=False),
        "eats_natto": int(person.eats_natto),
        "vitamin_k_usual_ug": person.vitamin_k_usual_ug,
        "slots_json": json.dumps(
            [{"id": s.id, "name": s.name, "main_meal": s.main_meal} for s in person.slots],
            ensure_ascii=False,
        ),
        "target_overrides_json": json.dumps(
            {k: list(v) for k, v in person.target_overrides.items()}, ensure_ascii=False
        ),
    }


def _person_from_row(row: tuple[Any, ...]) -> Person:
    (pid, name, weight, t_score, lab, lab_date, warfarin, soy, diet, allergies_json,
     dislikes_json, natto, usual_k, slots_json, overrides_json, birth_year) = row
    return Person(
        name=name,
        id=pid,
        weight_kg=weight,
        birth_year=birth_year,
        t_score=t_score,
        vitamin_d_lab_ng_ml=lab,
        vitamin_d_lab_date=None if lab_date is None else dt.date.fromisoformat(lab_date),
        on_warfarin=bool(warfarin),
        soy=SoyPreference(soy),
        diet=Diet(diet),
        allergies=frozenset(Allergen(a) for a in json.loads(allergies_json)),
        dislikes=frozenset(json.loads(dislikes_json)),
        eats_natto=bool(natto),
        vitamin_k_usual_ug=usual_k,
        slots=tuple(MealSlot(s["id"], s["name"], s["main_meal"]) for s in json.loads(slots_json)),
        target_overrides=MappingProxyType(
            {k: (v[0], v[1]) for k, v in json.loads(overrides_json).items()}
        ),
    )


def _entry_to_json(entry: Entry) -> dict[str, Any]:
    fields = {
        "id": entry.id, "food_id": entry.food_id, "recipe_id": entry.recipe_id,
        "grams": entry.grams, "measure": entry.measure, "count": entry.count,
    }
    return {k: v for k, v in fields.items() if v is not None}


def _entry_from_json(data: Mapping[str, Any]) -> Entry:
    return Entry(data.get("food_id"), data["grams"], data.get("measure"), data.get("count"),
                 data.get("recipe_id"), data["id"])


def _recipe_from_row(row: tuple[Any, ...]) -> Recipe:
    rid, name, portions, entries_json = row
    return Recipe(name, tuple(_entry_from_json(e) for e in json.loads(entries_json)), portions, rid)


def _record_entry_from_row(row: tuple[Any, ...]) -> RecordEntry:
    entry_id, kind, date, item, value, value2, interval = row
    return RecordEntry(Kind(kind), dt.date.fromisoformat(date), item, value, value2,
                       None if interval is None else Interval.parse(interval), entry_id)  # fmt: skip
