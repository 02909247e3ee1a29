"""The user's own foods: the only code that reads or writes the user store's ``custom_foods`` table.

A custom food's id is "u" and its row id ("u12"), which means nothing in another
data folder. Deleting one only hides it from search: plans that used it keep
their numbers. Every write is checked by ``core.rules`` first and is one
statement, so it is durable and whole when it returns.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from bonewise.core.foods import Food, FoodKind, K2Estimate, Measure
from bonewise.core.nutrients import BY_KEY
from bonewise.core.rules import (
    as_float,
    check_food_kind,
    check_food_name,
    check_label,
    check_measures,
    check_nutrients,
    valid_amount,
)
from bonewise.errors import BonewiseError
from bonewise.store.salvage import within_gap
from bonewise.store.sqldb import Database

CUSTOM_GROUP = "My foods"
CUSTOM_AISLE = "Other"
CUSTOM_SUPPLEMENT_GROUP = "My supplements"
SUPPLEMENT_AISLE = "Pharmacy & supplements"
CUSTOM_SOURCE = "Your own entry"

_CUSTOM_ID = re.compile(r"u[1-9][0-9]{0,15}")


def is_custom_id(food_id: object) -> bool:
    """True for the id of a user's own food ("u12"), whether or not it still exists."""
    return isinstance(food_id, str) and _CUSTOM_ID.fullmatch(food_id) is not None


class CustomFoods:
    """The ``custom_foods`` table of one user store, mapped to core ``Food`` values."""

    def __init__(self, db: Database) -> None:
        self._conn: sqlite3.Connection = db.conn

    def get(self, food_id: str) -> Food | None:
        """The custom food with this id, deleted or not; None if there is none."""
        if not is_custom_id(food_id):
            return None
        row = self._conn.execute(
            "SELECT name, kind, food_group, aisle, nutrients_json, measures_json FROM custom_foods WHERE id = ?",
            (int(food_id[1:]),),
        ).fetchone()
        if row is None:
            return None
        name, kind, group, aisle, nutrients_text, measures_text = row
        nutrients = _stored_nutrients(nutrients_text)
        k2 = None
        if "vitamin_k2_ug" in nutrients:
            k2 = K2Estimate(nutrients["vitamin_k2_ug"], CUSTOM_SOURCE, "entered by you", 0, name)
        return Food(
            id=food_id, name=str(name), kind=_kind(kind), group=str(group), aisle=str(aisle),
            nutrients=nutrients, measures=_stored_measures(measures_text), k2=k2, source=CUSTOM_SOURCE,
        )

    def searchable(self) -> list[tuple[str, str, FoodKind, str]]:
        """(id, name, kind, group) of every food not deleted, oldest first."""
        return [
            # str(): the file may have been edited by hand
            (f"u{rowid}", str(name), _kind(kind), str(group))
            for rowid, name, kind, group in self._conn.execute(
                "SELECT id, name, kind, food_group FROM custom_foods WHERE deleted = 0 ORDER BY id"
            )
        ]

    def live_names(self) -> frozenset[str]:
        """The names of the foods not deleted (what a repair reports kept or lost)."""
        return frozenset(str(n) for (n,) in self._conn.execute("SELECT name FROM custom_foods WHERE deleted = 0"))

    def fill_gap_from(self, attached: str, gap: tuple[Any, Any]) -> None:
        """Copy from the store attached as ``attached`` the foods whose ids lie in ``gap`` (the
        stretch a damaged page hid from a salvage) and which this store lacks; ids are kept,
        so the plans that use them find them."""
        in_gap, values = within_gap("b.id", gap, 1)
        columns = ", ".join(row[1] for row in self._conn.execute("PRAGMA main.table_info(custom_foods)"))
        self._conn.execute(
            f"INSERT INTO custom_foods ({columns}) SELECT {columns} FROM {attached}.custom_foods b "
            f"WHERE {in_gap} AND b.id NOT IN (SELECT id FROM main.custom_foods)",
            values,
        )

    def supplement_ids(self) -> list[str]:
        """The ids of the user's own supplements, by name."""
        return [
            f"u{rowid}"
            for (rowid,) in self._conn.execute(
                "SELECT id FROM custom_foods WHERE kind = ? AND deleted = 0 ORDER BY name, id",
                (FoodKind.SUPPLEMENT.value,),
            )
        ]

    def stamp(self) -> tuple[int, int]:
        """Changes whenever this store changes (here or in another process): for caches."""
        (version,) = self._conn.execute("PRAGMA data_version").fetchone()
        return version, self._conn.total_changes

    def add(
        self,
        name: str,
        nutrients: Mapping[str, float],
        measures: Sequence[Measure],
        kind: FoodKind = FoodKind.CUSTOM,
        *,
        aisle: str = "",
    ) -> Food:
        """Save a new food (nutrients per 100 g), in one write; returns it with its id."""
        clean_kind = check_food_kind(kind)
        group, default_aisle = _default_group(clean_kind)
        values = (
            check_food_name(name),
            clean_kind.value,
            group,
            check_label(aisle, "aisle") or default_aisle,
            _nutrients_json(check_nutrients(nutrients, clean_kind)),
            _measures_json(check_measures(measures)),
        )
        cursor = self._conn.execute(
            "INSERT INTO custom_foods (name, kind, food_group, aisle, nutrients_json, measures_json) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            values,
        )
        food = self.get(f"u{cursor.lastrowid}")
        assert food is not None  # just written, in this connection
        return food

    def update(self, food: Food) -> None:
        """Replace a custom food's name, kind, group, aisle, nutrients and measures."""
        if not isinstance(food, Food):
            raise BonewiseError("Only a food can be saved.")
        rowid = self._live_rowid(food.id)
        clean_kind = check_food_kind(food.kind)
        default_group, default_aisle = _default_group(clean_kind)
        values = (
            check_food_name(food.name),
            clean_kind.value,
            check_label(food.group, "food group") or default_group,
            check_label(food.aisle, "aisle") or default_aisle,
            _nutrients_json(check_nutrients(food.nutrients, clean_kind)),
            _measures_json(check_measures(food.measures)),
        )
        self._conn.execute(
            "UPDATE custom_foods SET name = ?, kind = ?, food_group = ?, aisle = ?, "
            "nutrients_json = ?, measures_json = ? WHERE id = ?",
            (*values, rowid),
        )

    def delete(self, food_id: str) -> None:
        """Hide a custom food from search; its record stays so old plans keep their numbers."""
        rowid = self._live_rowid(food_id)
        self._conn.execute("UPDATE custom_foods SET deleted = 1 WHERE id = ?", (rowid,))

    def _live_rowid(self, food_id: object) -> int:
        if not is_custom_id(food_id):
            shown = food_id if isinstance(food_id, str) else repr(food_id)
            raise BonewiseError(f"{shown} is not one of your own foods; only those can be changed.")
        rowid = int(food_id[1:])  # type: ignore[index]  # a custom id is text
        row = self._conn.execute("SELECT deleted FROM custom_foods WHERE id = ?", (rowid,)).fetchone()
        if row is None or row[0]:
            raise BonewiseError(f"There is no food {food_id} among your own foods.")
        return rowid


def _kind(stored: object) -> FoodKind:
    return FoodKind.SUPPLEMENT if stored == FoodKind.SUPPLEMENT.value else FoodKind.CUSTOM


def _default_group(kind: FoodKind) -> tuple[str, str]:
    if kind is FoodKind.SUPPLEMENT:
        return CUSTOM_SUPPLEMENT_GROUP, SUPPLEMENT_AISLE
    return CUSTOM_GROUP, CUSTOM_AISLE


def _nutrients_json(nutrients: Mapping[str, float]) -> str:
    return json.dumps(dict(sorted(nutrients.items())), ensure_ascii=False)


def _measures_json(measures: Sequence[Measure]) -> str:
    return json.dumps([[m.name, m.grams, m.amount] for m in measures], ensure_ascii=False)


def _stored_nutrients(text: str) -> dict[str, float]:
    """Nutrients from the user store, keeping only well-formed values (the file may be old or edited)."""
    try:
        raw = json.loads(text)
    except (TypeError, ValueError):
        return {}
    if not isinstance(raw, dict):
        return {}
    clean = {}
    for key, value in raw.items():
        number = as_float(value)
        if key in BY_KEY and number is not None and math.isfinite(number) and number >= 0:
            clean[key] = number
    return clean


def _stored_measures(text: str) -> tuple[Measure, ...]:
    try:
        raw = json.loads(text)
    except (TypeError, ValueError):
        return ()
    measures = []
    for item in raw if isinstance(raw, list) else ():
        if not isinstance(item, list) or len(item) not in (2, 3) or not isinstance(item[0], str):
            continue
        grams = as_float(item[1])
        amount = as_float(item[2]) if len(item) == 3 else 1.0
        if grams is not None and amount is not None and valid_amount(grams) and valid_amount(amount):
            measures.append(Measure(item[0], grams, amount))
    return tuple(measures)
