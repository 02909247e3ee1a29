"""core.clipboard: the grid's clipboard JSON round-trips, and anything else is refused in one sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from bonewise.core.clipboard import (
    MAX_PASTED_LINES,
    CopiedItem,
    entries_from_text,
    items_from_json,
    items_json,
)
from bonewise.core.plan import Entry
from bonewise.errors import BonewiseError

MONDAY = dt.date(2026, 11, 30)


def test_items_round_trip_with_where_they_came_from():
    milk = Entry("01079", 244.0, "cup", 1.0)
    data, text = items_json([CopiedItem(MONDAY, "breakfast", milk, "Milk", "1 cup")], 3, "2026-W49")
    assert text == "Milk · 1 cup"
    items = items_from_json(data)
    assert items.entries == ((MONDAY, "breakfast", milk),)
    assert (items.person_id, items.week, items.whole_day) == (3, "2026-W49", False)


@pytest.mark.parametrize("raw", [
    b"\xff\xfe", b"{}", b"[]", b'[{"food_id": "01079", "grams": "lots"}]', b"[" * 100_000,
    b'[{"food_id": "01079", "grams": -5}]', b'["<script>"]',
    b'[{"food_id": "01079", "grams": 10, "date": "yesterday"}]',
    b'[' + b",".join([b'{"food_id": "01079", "grams": 1}'] * 501) + b']',
])
def test_anything_else_is_refused_with_one_sentence(raw):
    with pytest.raises(BonewiseError, match=r"clipboard.*\.$"):
        items_from_json(raw)


def test_text_is_read_one_line_at_a_time_through_the_given_reader():
    read = {"milk 1 cup": Entry("01079", 244.0), "kale": Entry("11233", 67.0)}
    assert entries_from_text("milk 1 cup\n\n  \nkale\n", read.__getitem__) == tuple(read.values())


def test_a_line_that_cannot_be_read_is_named():
    def reader(line: str) -> Entry:
        raise BonewiseError("No food matches “zzz”.")

    with pytest.raises(BonewiseError, match="^Cannot paste “zzz”: No food matches"):
        entries_from_text("zzz", reader)
    with pytest.raises(BonewiseError, match="nothing to paste"):
        entries_from_text(" \n", reader)
    with pytest.raises(BonewiseError, match=f"more than {MAX_PASTED_LINES} lines"):
        entries_from_text("milk\n" * (MAX_PASTED_LINES + 1), reader)
