"""Meal items on the clipboard: the JSON the grid writes, and reading it (or plain text) back.

The clipboard can hold anything another program put there, so every item read
back is checked by ``core.rules`` before it can reach a plan, and plain text is
read one line per item through whatever turns "milk 1 cup" into an entry (the
grid passes its food-and-amount reader). The Qt side (``ui/weekgrid``) only moves
these bytes and this text in and out of ``QMimeData``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bonewise.core.plan import Entry
from bonewise.core.rules import check_entry
from bonewise.errors import BonewiseError

MAX_PASTED_ENTRIES = 500  # items in one clipboard payload
MAX_PASTED_LINES = 50  # lines of text: each is a search, so fewer

Located = tuple[dt.date | None, str | None, Entry]  # (date, slot id, entry); None where the data left it out


@dataclass(frozen=True)
class ClipboardItems:
    """Items read back from the clipboard, with where they came from."""

    entries: tuple[Located, ...]
    person_id: int | None
    week: str | None  # "2026-W49"
    whole_day: bool = False


@dataclass(frozen=True)
class CopiedItem:
    """One item as it goes onto the clipboard: where it is, and how it reads as text."""

    date: dt.date | None
    slot_id: str | None
    entry: Entry
    name: str
    amount: str


def items_json(items: Iterable[CopiedItem], person_id: int | None, week: str | None,
               whole_day: bool = False) -> tuple[bytes, str]:
    """The items as the grid's JSON, and as lines of text for other programs ("Milk · 1 cup")."""
    records = []
    lines = []
    for item in items:
        entry = item.entry
        records.append({
            "id": entry.id, "food_id": entry.food_id, "recipe_id": entry.recipe_id,
            "grams": entry.grams, "measure": entry.measure, "count": entry.count,
            "date": item.date.isoformat() if item.date else None, "slot_id": item.slot_id,
            "person_id": person_id, "week": week, "whole_day": whole_day, "name": item.name,
        })
        lines.append(f"{item.name} · {item.amount}")
    return json.dumps(records, ensure_ascii=False).encode("utf-8"), "\n".join(lines)


def items_from_json(data: bytes) -> ClipboardItems:
    """Items from the grid's JSON; BonewiseError when it is not a list of sane entries."""
    try:
        records = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BonewiseError("The meal items on the clipboard are damaged.") from None
    if not isinstance(records, list) or not records:
        raise BonewiseError("The clipboard holds no meal items.")
    if len(records) > MAX_PASTED_ENTRIES:
        raise BonewiseError(f"The clipboard holds more than {MAX_PASTED_ENTRIES} items.")
    located = []
    for record in records:
        if not isinstance(record, dict):
            raise BonewiseError("The meal items on the clipboard are damaged.")
        try:
            entry = Entry(
                food_id=record.get("food_id"), grams=record.get("grams"),  # type: ignore[arg-type]  # checked next
                measure=record.get("measure"), count=record.get("count"),
                recipe_id=record.get("recipe_id"), id=str(record.get("id") or "x"),
            )
            check_entry(entry, "An item on the clipboard")
            date = dt.date.fromisoformat(record["date"]) if record.get("date") else None
        except (TypeError, ValueError):
            raise BonewiseError("The meal items on the clipboard are damaged.") from None
        slot = record.get("slot_id")
        located.append((date, slot if isinstance(slot, str) else None, entry))
    first = records[0]
    person_id = first.get("person_id") if isinstance(first.get("person_id"), int) else None
    week = first.get("week") if isinstance(first.get("week"), str) else None
    return ClipboardItems(tuple(located), person_id, week, bool(first.get("whole_day")))


def entries_from_text(text: str, read_line: Callable[[str], Entry]) -> tuple[Entry, ...]:
    """One entry per non-blank line of ``text``, each read by ``read_line`` ("milk 1 cup").

    A line that cannot be read stops the paste with a sentence naming the line.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise BonewiseError("The clipboard holds nothing to paste.")
    if len(lines) > MAX_PASTED_LINES:
        raise BonewiseError(
            f"The clipboard holds more than {MAX_PASTED_LINES} lines; paste fewer at a time."
        )
    entries = []
    for line in lines:
        try:
            entries.append(read_line(line))
        except BonewiseError as exc:
            raise BonewiseError(f"Cannot paste “{line.strip()[:60]}”: {exc}") from None
    return tuple(entries)
