"""Helpers the ``person`` and ``plan`` commands share: the store, and strict argument parsing.

Arguments are parsed in the handlers rather than by argparse ``type=``, so that a bad
value gives one BonewiseError sentence (cli.main prints it) instead of a usage dump.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence, Set
from contextlib import contextmanager
from typing import Any

from bonewise.core.foods import Food
from bonewise.core.plan import IsoWeek
from bonewise.core.rules import check_date, check_week, shown_path, visible_text
from bonewise.errors import BonewiseError
from bonewise.paths import data_dir
from bonewise.store.instancelock import AlreadyRunningError, Holder, InstanceLock
from bonewise.store.repository import Repository

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NONE_WORDS = ("none", "-", "")


def open_repository(args: Any) -> Repository:
    """The user store of the data folder chosen by --data-dir (or the default)."""
    return Repository.open(data_dir(args.data_dir))


@contextmanager
def editing_folder(args: Any) -> Iterator[None]:
    """Hold the data folder's lock while a command writes.

    Another command holding it is waited for (a few seconds: its change takes a
    moment). An open window saves whole days from what it loaded, so a change
    written beside it would be overwritten at its next edit; refusing is the only
    safe answer then.
    """
    folder = data_dir(args.data_dir)
    lock = InstanceLock(folder, Holder.COMMAND)
    try:
        lock.acquire()
    except AlreadyRunningError:
        raise BonewiseError(
            f"Bonewise is open on {shown_path(folder)}: make this change in its window, "
            "or close the window and run the command again."
        ) from None
    try:
        yield
    finally:
        lock.release()


def food_by_id(foods: Any, food_id: str) -> Food:
    """The food with this id in the food store, or one sentence saying how to find ids."""
    food = foods.get(food_id.strip())
    if food is None:
        raise BonewiseError(
            f"There is no food with id '{visible_text(food_id.strip())}'; "
            "find ids with: bonewise foods search TEXT"
        )
    return food


def parse_number(text: str, option: str, *, example: str = "2.5") -> float:
    """A finite number from the command line; anything else is a clear error."""
    cleaned = text.strip()
    try:
        # float() would also take "1_000", "nan" and "inf"; none is a quantity.
        value = math.nan if "_" in cleaned else float(cleaned)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise BonewiseError(f"{option} must be a number such as {example}, not {_quote(text)}.")
    return value


def parse_optional_number(text: str, option: str, *, example: str = "2.5") -> float | None:
    """Like parse_number, but "none" (or "-") clears the value."""
    if text.strip().casefold() in NONE_WORDS:
        return None
    return parse_number(text, option, example=example)


def parse_date(text: str, option: str = "--date") -> dt.date:
    """A calendar date written YYYY-MM-DD."""
    if _DATE.match(text.strip()):
        try:
            date = dt.date.fromisoformat(text.strip())
        except ValueError:
            raise BonewiseError(f"{option}: {text.strip()} is not a date in the calendar.") from None
        return check_date(date, f"{option}:")
    raise BonewiseError(f"{option} must be a date written YYYY-MM-DD, not {_quote(text)}.")


def parse_week(text: str, option: str = "--week") -> IsoWeek:
    """An ISO week written YYYY-Www (2026-W49)."""
    try:
        week = IsoWeek.parse(text)
    except ValueError as exc:
        raise BonewiseError(f"{option}: {exc}.") from None
    return check_week(week, f"{option}:")


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write("\n")


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]], *, right: Set[int] = frozenset()) -> None:
    """Columns padded to the widest cell; wide (CJK) characters count as two."""
    table = [list(header), *[list(r) for r in rows]]
    widths = [max(text_width(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - text_width(cell))
            cells.append(pad + cell if i in right else cell + pad)
        print("  ".join(cells).rstrip())


def text_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide East Asian characters and emoji take two."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _quote(text: str, limit: int = 40) -> str:
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(shown)
