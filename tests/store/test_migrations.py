"""Schema migrations: from an empty file and from every earlier schema, data survives."""

from __future__ import annotations

import json
import sqlite3

import pytest

from bonewise.core.plan import Allergen, Diet, IsoWeek
from bonewise.store.migrations import MIGRATIONS, known_names
from bonewise.store.repository import Repository
from bonewise.store.sqldb import Database
from bonewise.store.userdb import open_user_db, user_db_path

# Rows written right after a migration ran, as an older Bonewise would have
# written them, and what the current repository must read back afterwards.
SEEDS = {
    "m001_custom_foods": [
        "INSERT INTO custom_foods (id, name, nutrients_json, measures_json) VALUES "
        "(7, 'Oma''s Quark <b>', '{\"calcium_mg\": 120.0}', '[[\"cup\", 240, 1]]')",
    ],
    "m002_people": [
        "INSERT INTO people (id, name, name_key, weight_kg, slots_json) VALUES "
        "(3, 'Zoë', 'zoë', 61.0, "
        "'[{\"id\": \"lunch\", \"name\": \"Lunch\", \"main_meal\": true}]')",
        "INSERT INTO people (id, name, name_key, vitamin_d_lab_ng_ml, vitamin_d_lab_date, slots_json) "
        "VALUES (4, 'Mum', 'mum', 27.5, '2026-10-14', '[]')",
    ],
    "m003_recipes": [
        "INSERT INTO recipes (id, name, portions, entries_json) VALUES "
        "('r1', 'Soup', 2, '[{\"id\": \"e1\", \"food_id\": \"11090\", \"grams\": 300}]')",
    ],
    "m004_plans": [
        "INSERT INTO plan_entries (person_id, date, slot_id, position, entry_id, food_id, grams) "
        "VALUES (3, '2026-11-30', 'lunch', 0, 'e2', 'u7', 150)",
        "INSERT INTO plan_entries (person_id, date, slot_id, position, entry_id, recipe_id, "
        "grams, count) VALUES (3, '2026-11-30', 'lunch', 1, 'e3', 'r1', 0, 1)",
        "INSERT INTO day_notes (person_id, date, note) VALUES (3, '2026-11-30', 'Kaffee ☕')",
    ],
    "m005_settings": [
        "INSERT INTO settings (key, value_json) VALUES ('font_scale', '1.25')",
    ],
    "m006_person_birth_year": [
        "UPDATE people SET birth_year = 1962 WHERE id = 4",
    ],
}

# Rows in columns a later migration replaced: written before it, read back through it.
LEGACY_SEEDS = {
    "m002_people": [  # the flags m007 turns into a diet and an allergy
        "INSERT INTO people (id, name, name_key, vegetarian, dairy_free, slots_json) VALUES "
        "(5, 'Ann', 'ann', 1, 1, '[{\"id\": \"lunch\", \"name\": \"Lunch\", \"main_meal\": true}]')",
    ],
}


def check_seeded_data(db_path, applied: list[str]) -> None:
    """Everything SEEDS wrote for the ``applied`` migrations reads back intact."""
    repo = Repository(open_user_db(db_path))
    try:
        if "m001_custom_foods" in applied:
            row = repo.db.execute("SELECT name, nutrients_json FROM custom_foods WHERE id = 7").fetchone()
            assert row[0] == "Oma's Quark <b>"
            assert json.loads(row[1]) == {"calcium_mg": 120.0}
        if "m002_people" in applied:
            zoe = repo.person_by_name("ZOË")
            assert (zoe.id, zoe.weight_kg, [s.id for s in zoe.slots]) == (3, 61.0, ["lunch"])
            # A person from before m006_person_birth_year has no year of birth recorded.
            assert zoe.birth_year is None
            mum = repo.person(4)
            assert mum.birth_year == (1962 if "m006_person_birth_year" in applied else None)
        if "m003_recipes" in applied:
            assert repo.recipe("r1").entries[0].grams == 300
        if "m004_plans" in applied:
            monday = repo.week(3, IsoWeek(2026, 49)).days[0]
            assert [(e.food_id, e.recipe_id) for e in monday.entries("lunch")] == [
                ("u7", None), (None, "r1")]
            assert monday.note == "Kaffee ☕"
        if "m005_settings" in applied:
            assert repo.settings() == {"font_scale": 1.25}

    finally:
        repo.close()


def test_migrate_from_empty(tmp_path):
    path = user_db_path(tmp_path)
    db = open_user_db(path)
    assert MIGRATIONS.applied(db) == known_names()
    assert {"custom_foods", "people", "recipes", "plan_entries", "day_notes", "settings"} <= {
        name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.conn.close()
    # Opening again applies nothing and changes nothing.
    again = open_user_db(path)
    assert MIGRATIONS.applied(again) == known_names()
    again.conn.close()


@pytest.mark.parametrize("stop", known_names()[1:])
def test_migrate_from_each_earlier_schema(tmp_path, stop):
    """Build the schema as it was before ``stop``, fill it, then open with every migration."""
    path = user_db_path(tmp_path)
    older = Database(sqlite3.connect(str(path), isolation_level=None))
    older.execute("PRAGMA foreign_keys=ON")
    applied: list[str] = []
    for name in known_names()[: known_names().index(stop)]:
        MIGRATIONS.apply(older, stop_before=known_names()[len(applied) + 1:])
        applied.append(name)
        for sql in SEEDS.get(name, []) + (LEGACY_SEEDS.get(name, []) if "m007_person_diet" not in applied else []):
            older.execute(sql)
    assert MIGRATIONS.applied(older) == applied
    older.conn.close()

    check_seeded_data(path, applied)
    if "m002_people" in applied and "m007_person_diet" not in applied:
        with Repository(open_user_db(path)) as repo:
            ann = repo.person_by_name("Ann")
            assert (ann.diet, ann.allergies, ann.eats_natto) == (Diet.VEGETARIAN, {Allergen.MILK}, False)
            assert repo.person_by_name("Zoë").diet is Diet.NONE
    db = open_user_db(path)
    assert MIGRATIONS.applied(db) == known_names()
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.conn.close()


def test_all_seeds_survive_a_full_migration(tmp_path):
    path = user_db_path(tmp_path)
    db = open_user_db(path)
    for name in known_names():
        for sql in SEEDS.get(name, []):
            db.execute(sql)
    db.conn.close()
    check_seeded_data(path, known_names())


def test_the_health_record_starts_with_the_blood_level_already_kept(tmp_path):
    path = user_db_path(tmp_path)
    older = Database(sqlite3.connect(str(path), isolation_level=None))
    MIGRATIONS.apply(older, stop_before=["m008_health_record"])
    for sql in SEEDS["m002_people"]:
        older.execute(sql)
    older.conn.close()
    repo = Repository(open_user_db(path))
    try:
        [entry] = repo.record(4).entries  # a dated 25(OH)D value on the person became an entry
        assert (entry.kind.value, entry.date.isoformat(), entry.value) == ("vitamin_d", "2026-10-14", 27.5)
        assert repo.record(3).entries == ()  # nothing to copy for Zoë
    finally:
        repo.close()


def test_a_store_migrated_by_sqlite_utils_reads_the_same_history(tmp_path):
    """Versions up to 0.2 recorded migrations with sqlite-utils; this is its table, as it wrote it."""
    path = user_db_path(tmp_path)
    older = Database(sqlite3.connect(str(path), isolation_level=None))
    older.execute('CREATE TABLE "_sqlite_migrations" (\n   "id" INTEGER PRIMARY KEY,\n'
                  '   "migration_set" TEXT,\n   "name" TEXT,\n   "applied_at" TEXT\n)')
    older.execute('CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"\n'
                  '    ON "_sqlite_migrations" ("migration_set", "name")')
    first_two = known_names()[:2]
    for step in MIGRATIONS.steps[:2]:
        step(older)
    for name in first_two:
        older.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                      "VALUES ('bonewise', ?, '2026-11-01 09:00:00.000000+00:00')", [name])
    older.conn.close()

    db = open_user_db(path)
    assert MIGRATIONS.applied(db) == known_names()  # the two were not run again
    records = db.execute("SELECT name, applied_at FROM _sqlite_migrations ORDER BY id").fetchall()
    assert records[:2] == [(name, "2026-11-01 09:00:00.000000+00:00") for name in first_two]
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE '%_sqlite_migrations%'").fetchone() == (2,)
    db.conn.close()


def test_a_migration_that_fails_leaves_no_record_and_no_change(tmp_path):
    from bonewise.store.migrations import Migrations

    steps = Migrations()

    @steps.add
    def m001_table(db: Database) -> None:
        db.execute("CREATE TABLE t (x INTEGER)")

    @steps.add
    def m002_broken(db: Database) -> None:
        db.execute("ALTER TABLE t ADD COLUMN y INTEGER")
        db.execute("this is not SQL")

    db = Database(sqlite3.connect(str(tmp_path / "s.sqlite"), isolation_level=None))
    with pytest.raises(sqlite3.OperationalError):
        steps.apply(db)
    assert steps.applied(db) == ["m001_table"]
    assert [row[1] for row in db.execute("PRAGMA table_info(t)")] == ["x"]
    assert not db.conn.in_transaction
    db.conn.close()
