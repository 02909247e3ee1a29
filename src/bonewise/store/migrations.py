"""Schema of the user store, as an ordered set of sqlite-utils migrations.

Add a migration by appending a function named ``mNNN_what``; never edit one that
has shipped. Each runs in a transaction together with its record.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("bonewise")


@MIGRATIONS()
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


def known_names() -> list[str]:
    return [m.name for m in MIGRATIONS._migrations]
