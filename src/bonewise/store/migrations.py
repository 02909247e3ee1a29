"""Schema of the user store, as an ordered list of migrations.

Add a migration by appending a function named ``mNNN_what``; never edit one that
has shipped. Each runs in a transaction together with its record. The record is
the table sqlite-utils' ``Migrations`` kept (stores written by earlier versions
carry it), with the same columns and unique index, so both read the same history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from itertools import takewhile

from bonewise.store.sqldb import Database

MigrationStep = Callable[[Database], None]

_SET = "bonewise"  # the migration set's name in the record
_TABLE = "_sqlite_migrations"


class Migrations:
    def __init__(self) -> None:
        self.steps: list[MigrationStep] = []

    def add(self, step: MigrationStep) -> MigrationStep:
        """Register ``step`` after the others (a decorator)."""
        assert step.__name__ not in self.names(), f"migration {step.__name__} is registered twice"
        self.steps.append(step)
        return step

    def names(self) -> list[str]:
        return [step.__name__ for step in self.steps]

    def applied(self, db: Database) -> list[str]:
        """The names of the migrations applied to ``db``, in order; reads only."""
        if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [_TABLE]).fetchone() is None:
            return []
        rows = db.execute(f"SELECT name FROM {_TABLE} WHERE migration_set = ? ORDER BY rowid", [_SET])
        return [name for (name,) in rows]

    def apply(self, db: Database, stop_before: Collection[str] = ()) -> None:
        """Apply the pending migrations in order, each with its record in one transaction.

        ``stop_before`` names migrations not to reach (tests build older schemas with it).
        """
        done = set(self.applied(db))
        pending = list(takewhile(lambda step: step.__name__ not in stop_before,
                                 (step for step in self.steps if step.__name__ not in done)))
        if not pending:
            return
        db.execute(
            f"CREATE TABLE IF NOT EXISTS {_TABLE} "
            "(id INTEGER PRIMARY KEY, migration_set TEXT, name TEXT, applied_at TEXT)"
        )
        db.execute(f"CREATE UNIQUE INDEX IF NOT EXISTS idx_{_TABLE}_migration_set_name ON {_TABLE} (migration_set, name)")
        for step in pending:
            with db.atomic():
                step(db)
                db.execute(
                    f"INSERT INTO {_TABLE} (migration_set, name, applied_at) VALUES (?, ?, ?)",
                    [_SET, step.__name__, str(dt.datetime.now(dt.UTC))],
                )


MIGRATIONS = Migrations()


@MIGRATIONS.add
def m001_custom_foods(db: Database) -> None:
    # Foods the user typed in. nutrients_json maps nutrient key -> value per 100 g;
    # a key that is absent is unknown. measures_json is a list of [name, grams, amount].
    db.execute(
        """
        CREATE TABLE custom_foods (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'custom',
            food_group TEXT NOT NULL DEFAULT 'My foods',
            aisle TEXT NOT NULL DEFAULT 'Other',
            nutrients_json TEXT NOT NULL DEFAULT '{}',
            measures_json TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            deleted INTEGER NOT NULL DEFAULT 0
        )
        """
    )



@MIGRATIONS.add
def m002_people(db: Database) -> None:
    # name is kept exactly as typed; name_key (NFC + casefold, computed by the
    # repository) makes names unique case-insensitively for every script, which
    # SQLite's ASCII-only NOCASE cannot. slots_json lists the meal slots in display
    # order; target_overrides_json maps nutrient key -> [low, high] (null = no bound).
    db.execute(
        """
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            weight_kg REAL,
            t_score REAL,
            vitamin_d_lab_ng_ml REAL,
            vitamin_d_lab_date TEXT,
            on_warfarin INTEGER NOT NULL DEFAULT 0,
            soy TEXT NOT NULL DEFAULT 'any',
            dairy_free INTEGER NOT NULL DEFAULT 0,
            vegetarian INTEGER NOT NULL DEFAULT 0,
            slots_json TEXT NOT NULL,
            target_overrides_json TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        )
        """
    )


@MIGRATIONS.add
def m003_recipes(db: Database) -> None:
    # Recipes are shared by everyone in the data folder. entries_json is a list of
    # entries shaped like plan entries (food_id or recipe_id, grams, measure, count).
    db.execute(
        """
        CREATE TABLE recipes (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            portions REAL NOT NULL,
            entries_json TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        )
        """
    )


@MIGRATIONS.add
def m004_plans(db: Database) -> None:
    # One row per planned item. The primary key (person, date, slot, position) is
    # also the index that loads one person's week with a single range scan.
    # Deleting a person deletes their plans; a recipe still in a plan cannot be
    # deleted (no cascade), so a planned meal never silently loses an item.
    db.execute(
        """
        CREATE TABLE plan_entries (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            slot_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            entry_id TEXT NOT NULL,
            food_id TEXT,
            recipe_id TEXT REFERENCES recipes(id),
            grams REAL NOT NULL,
            measure TEXT,
            count REAL,
            PRIMARY KEY (person_id, date, slot_id, position),
            CHECK (food_id IS NOT NULL OR recipe_id IS NOT NULL)
        ) WITHOUT ROWID
        """
    )
    db.execute(
        "CREATE INDEX plan_entries_recipe ON plan_entries(recipe_id) WHERE recipe_id IS NOT NULL"
    )
    db.execute(
        """
        CREATE TABLE day_notes (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            note TEXT NOT NULL,
            PRIMARY KEY (person_id, date)
        ) WITHOUT ROWID
        """
    )


@MIGRATIONS.add
def m005_settings(db: Database) -> None:
    # Application settings as key -> JSON value.
    db.execute(
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value_json TEXT NOT NULL) WITHOUT ROWID"
    )


@MIGRATIONS.add
def m008_health_record(db: Database) -> None:
    # A person's dated health record (core.record): one row per entry, history kept.
    # item: the drug, DXA site or exercise kind; value/value2: the entry's numbers;
    # interval: how often a bone drug is given ("6m", "1w").
    db.execute(
        """
        CREATE TABLE record_entries (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            kind TEXT NOT NULL,
            date TEXT NOT NULL,
            item TEXT NOT NULL DEFAULT '',
            value REAL,
            value2 REAL,
            interval TEXT,
            PRIMARY KEY (person_id, id)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX record_entries_by_date ON record_entries(person_id, date)")
    # A dated 25(OH)D value already kept on the person becomes the record's first entry.
    db.execute(
        """
        INSERT INTO record_entries (person_id, id, kind, date, value)
        SELECT id, lower(hex(randomblob(16))), 'vitamin_d', vitamin_d_lab_date, vitamin_d_lab_ng_ml
        FROM people WHERE vitamin_d_lab_ng_ml IS NOT NULL AND vitamin_d_lab_date IS NOT NULL
        """
    )


@MIGRATIONS.add
def m006_person_birth_year(db: Database) -> None:
    # The year of birth picks age-dependent limits (calcium: 2,500 mg at 19-50, 2,000 mg
    # from 51; IOM 2011). NULL: not recorded, and the 51-and-over limit applies.
    db.execute("ALTER TABLE people ADD COLUMN birth_year INTEGER")


@MIGRATIONS.add
def m007_person_diet(db: Database) -> None:
    # A person's diet, allergies (JSON list of core.plan.Allergen values), foods never
    # wanted (JSON list of food ids), whether they eat natto, and on warfarin their
    # usual daily vitamin K (µg; NULL = the 90 µg adequate intake). The old flags map
    # onto them: vegetarian becomes the vegetarian diet, dairy-free a milk allergy
    # (both leave out every dairy food), and are then dropped so there is one truth.
    for column, declaration in (
        ("diet", "TEXT NOT NULL DEFAULT 'none'"),
        ("allergies_json", "TEXT NOT NULL DEFAULT '[]'"),
        ("dislikes_json", "TEXT NOT NULL DEFAULT '[]'"),
        ("eats_natto", "INTEGER NOT NULL DEFAULT 0"),
        ("vitamin_k_usual_ug", "REAL"),
    ):
        db.execute(f"ALTER TABLE people ADD COLUMN {column} {declaration}")
    db.execute("UPDATE people SET diet = 'vegetarian' WHERE vegetarian = 1")
    db.execute("UPDATE people SET allergies_json = '[\"milk\"]' WHERE dairy_free = 1")
    db.execute("ALTER TABLE people DROP COLUMN dairy_free")
    db.execute("ALTER TABLE people DROP COLUMN vegetarian")


def known_names() -> list[str]:
    return MIGRATIONS.names()
