"""Nutrient totals of meals, days and weeks, each with its data coverage.

Every amount is the food's value per 100 g × grams / 100, summed with
``math.fsum`` (exactly rounded, so a total does not depend on the order of the
items). Nothing is rounded here; rounding happens only in ``describe``.

A food without a value for a nutrient is *unknown*, never zero: it is counted
in ``Total.unknown`` and named in ``unknown_names``, and ``Total.value`` is then
a lower bound ("at least 850 mg"). Supplements are the one exception: their
label declares every nutrient the product provides, so a nutrient a supplement
does not list counts as 0 (a calcium tablet adds no protein and no unknown).

Sums of stored nutrients (total vitamin K = K1 + K2, see ``nutrients.SUMS``)
follow the same rule per item: known when every part is known, otherwise unknown
with its known parts counted toward the lower bound.

Recipes: an entry with ``recipe_id`` stands for ``count`` portions, i.e. each
ingredient × count / portions. It counts as one item (as the user sees it in the
meal); it is unknown for a nutrient if any ingredient is, and its known part
still counts toward the lower bound. A recipe or food that cannot be found (for
example deleted since) is an unknown item, named as such, rather than an error,
so a plan with a stale reference still opens and shows what it can.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress, repeat
from operator import is_
from typing import NamedTuple, cast

from bonewise.core.foods import Food, FoodKind, FoodLookup
from bonewise.core.nutrients import (
    BY_KEY,
    SUMS,
    SUPPORTING_KEYS,
    TARGET_KEYS,
    unit_of,
    vitamin_d_ug,
)
from bonewise.core.plan import DayPlan, Entry, Recipe, WeekPlan
from bonewise.core.recipes import RecipeBook

# The nutrients the planner works with: the five targets, the supporting row (with
# the total vitamin K), and K1 for the warfarin consistency check.
PLAN_KEYS: tuple[str, ...] = TARGET_KEYS + SUPPORTING_KEYS + ("vitamin_k1_ug",)
K2_KEY = "vitamin_k2_ug"
_NO_RECIPES: Mapping[str, Recipe] = {}


class Total(NamedTuple):
    """The amount of one nutrient in a set of items, with how much of it is known.

    A named tuple rather than a frozen dataclass: a week's recompute makes hundreds
    of these, and a tuple is built several times faster.
    """

    key: str
    value: float  # sum over items with data; a lower bound when any item is unknown
    known: int  # items with data for ``key``
    unknown: int  # items without data
    unknown_names: tuple[str, ...]  # which foods lack data (each named once)
    from_supplements: float  # the part of ``value`` that came from supplements

    @property
    def complete(self) -> bool:
        """True when every item has data, so ``value`` is the whole amount."""
        return self.unknown == 0

    @property
    def items(self) -> int:
        return self.known + self.unknown

    @property
    def unit(self) -> str:
        return unit_of(self.key)

    @property
    def is_unknown(self) -> bool:
        """True when the items with data give nothing and some items lack data.

        "At least 0" says nothing, so such a total is unknown (null, "no data"),
        never a zero to compare with a target.
        """
        return self.unknown > 0 and self.value == 0

    @property
    def amount(self) -> float | None:
        """The value, or None when it is unknown or nothing is counted."""
        return None if self.items == 0 or self.is_unknown else self.value

    def coverage_text(self) -> str:
        """ "2 of 9 foods unknown", or "" when every item has data."""
        if self.complete:
            return ""
        foods = "food" if self.items == 1 else "foods"
        return f"{self.unknown} of {self.items} {foods} unknown"

    def amount_text(self) -> str:
        """ "1,210 mg", "at least 850 mg" (some foods lack data), "no data", "nothing planned"."""
        if self.items == 0:
            return "nothing planned"
        if self.is_unknown:
            return "no data"
        amount = format_amount(self.value, self.key)
        return amount if self.complete else f"at least {amount}"

    def describe(self) -> str:
        """The value as a person reads it: "1,210 mg", "at least 850 mg · 2 of 9 foods unknown",
        or "no data · 3 of 3 foods unknown"."""
        if self.complete:
            return format_amount(self.value, self.key)
        if self.is_unknown:
            return f"no data · {self.coverage_text()}"
        return f"at least {format_amount(self.value, self.key)} · {self.coverage_text()}"


Totals = Mapping[str, Total]


def format_number(value: float) -> str:
    """A number rounded for reading: whole above 100, one decimal above 1, else two."""
    size = abs(value)
    digits = 0 if size >= 100 or size == 0 else 1 if size >= 1 else 2
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_amount(value: float, key: str) -> str:
    """``value`` with the unit of ``key``; vitamin D also in µg ("800 IU (20 µg)")."""
    text = f"{format_number(value)} {unit_of(key)}"
    if key == "vitamin_d_iu":
        text += f" ({format_number(vitamin_d_ug(value))} µg)"
    return text




# --------------------------------------------------------------------------- items


class _Item(NamedTuple):
    """One plan entry reduced to numbers, in ``keys`` order.

    ``values`` holds each amount, None where it is unknown. A recipe with some
    ingredients unknown for a key has None there and the known part of it in
    ``partial`` (it still counts toward the lower bound).
    """

    name: str
    values: tuple[float | None, ...]
    partial: tuple[float, ...] | None  # known parts of unknown values; None when there are none
    supplement: tuple[float, ...] | None  # supplement part per key; None when there is none


@lru_cache(maxsize=64)
def _sum_positions(keys: tuple[str, ...]) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Where the sums (``nutrients.SUMS``) sit in ``keys``, with their parts."""
    return tuple((i, SUMS[key]) for i, key in enumerate(keys) if key in SUMS)


def _food_row(food: Food, keys: tuple[str, ...]) -> _Item:
    """100 g of ``food``: its values per 100 g, worked out once per computation and scaled
    to each entry's grams (``_scaled``) with the same arithmetic, value × grams / 100."""
    get = food.nutrients.get
    sums = _sum_positions(keys)
    if food.kind is FoodKind.SUPPLEMENT:
        # A supplement label declares everything the product provides, so a nutrient it
        # does not list is absent (0), not unknown: a calcium tablet has no protein.
        per_100g: list[float] = [get(key, 0.0) for key in keys]
        for i, parts in sums:
            per_100g[i] = math.fsum(get(part, 0.0) for part in parts)
        amounts = tuple(per_100g)
        return _Item(food.name, amounts, None, amounts)
    values = list(map(get, keys))
    if food.k2 is not None and K2_KEY in keys:
        # The K2 estimate may live beside the nutrients rather than inside them.
        i = keys.index(K2_KEY)
        if values[i] is None:
            values[i] = food.k2.ug_per_100g
    partial: list[float] | None = None
    for i, parts in sums:
        known = []
        for part in parts:
            value = get(part)
            if value is None and part == K2_KEY and food.k2 is not None:
                value = food.k2.ug_per_100g
            if value is not None:
                known.append(value)
        amount = math.fsum(known)
        if len(known) == len(parts):
            values[i] = amount
        elif known:
            partial = partial or [0.0] * len(keys)
            partial[i] = amount
    return _Item(food.name, tuple(values), None if partial is None else tuple(partial), None)


def _scaled_item(row: _Item, grams: float) -> _Item:
    """``grams`` of the food whose 100 g are ``row``: each value × grams / 100."""
    values = tuple([None if v is None else v * grams / 100.0 for v in row.values])
    partial = None if row.partial is None else tuple([v * grams / 100.0 for v in row.partial])
    return _Item(row.name, values, partial, None if row.supplement is None else _scale(row.supplement, grams))


def _unknown_item(name: str, keys: Sequence[str]) -> _Item:
    return _Item(name, (None,) * len(keys), None, None)


class _Counting:
    """What one computation needs to count recipes: the book (each recipe flattened once) and
    each recipe's portion already counted for these keys."""

    def __init__(self, foods: FoodLookup, recipes: Mapping[str, Recipe], keys: tuple[str, ...]):
        self.foods, self.book, self.keys = foods, RecipeBook.of(recipes), keys
        self._portions: dict[str, _Item] = {}
        self._rows: dict[str, _Item | None] = {}  # 100 g of each food, by id; None: no such food

    def item(self, entry: Entry) -> _Item:
        if entry.recipe_id is not None:
            return self.recipe(entry.recipe_id, entry.count or 1.0)
        row = self.row(entry.food_id) if entry.food_id is not None else None
        if row is None:
            return _unknown_item(f"missing food {entry.food_id}", self.keys)
        return _scaled_item(row, entry.grams)

    def piece(self, entry: Entry) -> _Piece:
        """The entry as 100 g of its food and the grams to scale them to, or (a recipe, a
        missing food) as its item, already scaled."""
        if entry.recipe_id is None and entry.food_id is not None:
            row = self.row(entry.food_id)
            if row is not None:
                return row, entry.grams
        return self.item(entry), None

    def row(self, food_id: str) -> _Item | None:
        """The food's values per 100 g, looked up once per computation (a week names each
        food many times)."""
        if food_id in self._rows:
            return self._rows[food_id]
        food = self.foods.get(food_id)
        row = self._rows[food_id] = None if food is None else _food_row(food, self.keys)
        return row

    def recipe(self, recipe_id: str, portions: float) -> _Item:
        """``portions`` of the recipe as one item named after it."""
        portion = self._portions.get(recipe_id)
        if portion is None:
            portion = self._portions[recipe_id] = self._portion(recipe_id)
        return _Item(
            portion.name,
            tuple(None if v is None else v * portions for v in portion.values),
            None if portion.partial is None else tuple(v * portions for v in portion.partial),
            None if portion.supplement is None else tuple(v * portions for v in portion.supplement),
        )

    def _portion(self, recipe_id: str) -> _Item:
        recipe = self.book.get(recipe_id)
        flat = self.book.flat(recipe_id)
        if recipe is None or not flat.grams:  # missing, or nothing in it to count: the book says why
            why = flat.problems[0] if flat.problems else recipe.name if recipe is not None else recipe_id
            return _unknown_item(why, self.keys)
        inner = [
            _scaled_item(row, grams) if (row := self.row(food_id)) is not None
            else _unknown_item(f"missing food {food_id}", self.keys)
            for (food_id, _), grams in flat.grams.items()
        ]  # fmt: skip
        inner += [_unknown_item(problem, self.keys) for problem in flat.problems]
        values: list[float | None] = []
        partial: list[float] = []
        for i in range(len(self.keys)):
            parts = [it.values[i] for it in inner]
            parts += [it.partial[i] for it in inner if it.partial is not None]
            amount = math.fsum(p for p in parts if p is not None)
            complete = all(it.values[i] is not None for it in inner)
            values.append(amount if complete else None)
            partial.append(0.0 if complete else amount)
        supp = [it.supplement for it in inner if it.supplement is not None]
        supplement = tuple(math.fsum(s[i] for s in supp) for i in range(len(self.keys))) if supp else None
        return _Item(recipe.name, tuple(values), tuple(partial) if any(partial) else None, supplement)


def _check_keys(keys: Iterable[str]) -> tuple[str, ...]:
    keys = tuple(keys)
    for key in keys:
        if key not in BY_KEY and key not in SUMS:
            raise KeyError(f"unknown nutrient key {key!r}")
    return keys


class _Columns(NamedTuple):
    """Items turned on their side: for each key, every item's value in item order.

    The few items with a known part of an unknown value (``partial``) or with a supplement
    part (``supplement``) are kept by their position. A meal is then a stretch of its
    day's items and a week its days one after another, and the same values reach the
    same ``math.fsum`` as when the items are summed one list at a time.
    """

    names: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]  # per key
    partial: tuple[tuple[int, tuple[float, ...]], ...]  # (position, the item's known parts)
    supplement: tuple[tuple[int, tuple[float, ...]], ...]  # (position, the item's supplement part)


_Piece = tuple[_Item, float | None]  # an item and the grams to scale it to (None: as it is)


def _columns(items: Sequence[_Item], width: int) -> _Columns:
    """``items`` (each ``width`` values long) as columns."""
    return _scaled_columns([(it, None) for it in items], width)


def _scaled_columns(pieces: Sequence[_Piece], width: int) -> _Columns:
    """The items of ``pieces``, each scaled to its grams, as columns: one pass per key over
    the items (the hot path of every recompute: a week is 336 items × 12 keys)."""
    if not pieces:
        return _Columns((), ((),) * width, (), ())
    if all(g is not None for _, g in pieces):  # no recipe and no missing food: scale them all
        foods = cast(Sequence[tuple[_Item, float]], pieces)
        values = tuple(
            tuple([None if (v := it.values[i]) is None else v * g / 100.0 for it, g in foods])
            for i in range(width)
        )  # fmt: skip
    else:
        values = tuple(
            tuple([v if (v := it.values[i]) is None or g is None else v * g / 100.0 for it, g in pieces])
            for i in range(width)
        )  # fmt: skip
    return _Columns(
        tuple(it.name for it, _ in pieces),
        values,
        tuple((j, _scale(it.partial, g)) for j, (it, g) in enumerate(pieces) if it.partial is not None),
        tuple((j, _scale(it.supplement, g)) for j, (it, g) in enumerate(pieces) if it.supplement is not None),
    )


def _scale(amounts: tuple[float, ...], grams: float | None) -> tuple[float, ...]:
    return amounts if grams is None else tuple([v * grams / 100.0 for v in amounts])


def _joined(parts: Sequence[_Columns], width: int) -> _Columns:
    """Several lists of items (the days of a week) as one, in order."""
    parts = [p for p in parts if p.names]
    if len(parts) <= 1:
        return parts[0] if parts else _Columns((), ((),) * width, (), ())
    starts = [0]
    for part in parts[:-1]:
        starts.append(starts[-1] + len(part.names))
    return _Columns(
        tuple(chain.from_iterable(p.names for p in parts)),
        tuple(tuple(chain.from_iterable(p.values[i] for p in parts)) for i in range(width)),
        tuple((start + j, a) for start, p in zip(starts, parts, strict=True) for j, a in p.partial),
        tuple((start + j, a) for start, p in zip(starts, parts, strict=True) for j, a in p.supplement),
    )


def _total(key: str, columns: _Columns, i: int, lo: int = 0, hi: int | None = None) -> Total:
    """The total of ``key`` (column ``i``) over items ``lo`` to ``hi`` (default: all)."""
    whole = lo == 0 and hi is None
    column = columns.values[i] if whole else columns.values[i][lo:hi]
    end = len(columns.names) if hi is None else hi
    count = len(column)
    unknown = column.count(None)
    if unknown:
        # C-level filtering: this runs for every key of every day and meal of the week.
        names = columns.names if whole else columns.names[lo:hi]
        missing = tuple(dict.fromkeys(compress(names, map(is_, column, repeat(None)))))
        partial = [a[i] for j, a in columns.partial if lo <= j < end]
        value = math.fsum(chain(filter(None, column), partial))
    else:
        missing = ()
        value = math.fsum(filter(None, column))
    from_supp = math.fsum([a[i] for j, a in columns.supplement if lo <= j < end])
    return Total(key, value, count - unknown, unknown, missing, from_supp)


def _totals(columns: _Columns, keys: Sequence[str], where: Sequence[int] | None = None,
            lo: int = 0, hi: int | None = None) -> dict[str, Total]:
    """Totals of ``keys`` (at columns ``where``, default: in order) over items ``lo`` to ``hi``."""
    where = range(len(keys)) if where is None else where
    return {key: _total(key, columns, i, lo, hi) for key, i in zip(keys, where, strict=True)}


def _aggregate(items: Sequence[_Item], keys: Sequence[str]) -> dict[str, Total]:
    """Totals over ``items``."""
    return _totals(_columns(items, len(keys)), keys)


def _scaled(totals: Mapping[str, Total], divisor: float) -> dict[str, Total]:
    """``totals`` divided by ``divisor`` (an average); the coverage stays as it is."""
    return {
        key: Total(key, t.value / divisor, t.known, t.unknown, t.unknown_names, t.from_supplements / divisor)
        for key, t in totals.items()
    }


# --------------------------------------------------------------------------- public


def entry_amounts(
    entry: Entry,
    foods: FoodLookup,
    recipes: Mapping[str, Recipe] = _NO_RECIPES,
    keys: Iterable[str] = PLAN_KEYS,
) -> dict[str, float | None]:
    """The amount of each nutrient in one entry; None where it is not fully known."""
    keys = _check_keys(keys)
    return dict(zip(keys, _Counting(foods, recipes, keys).item(entry).values, strict=True))


def meal_totals(
    entries: Iterable[Entry],
    foods: FoodLookup,
    recipes: Mapping[str, Recipe] = _NO_RECIPES,
    keys: Iterable[str] = PLAN_KEYS,
) -> dict[str, Total]:
    """Totals over ``entries`` (a meal, or any list of entries)."""
    keys = _check_keys(keys)
    counting = _Counting(foods, recipes, keys)
    return _aggregate([counting.item(e) for e in entries], keys)


def day_totals(
    day: DayPlan,
    foods: FoodLookup,
    recipes: Mapping[str, Recipe] = _NO_RECIPES,
    keys: Iterable[str] = PLAN_KEYS,
) -> dict[str, Total]:
    """Totals over every meal of ``day``."""
    keys = _check_keys(keys)
    return _aggregate(_day_items(day, _Counting(foods, recipes, keys)), keys)


def _day_items(day: DayPlan, counting: _Counting) -> list[_Item]:
    return [counting.item(e) for entries in day.meals.values() for e in entries]


def slot_totals(
    day: DayPlan,
    foods: FoodLookup,
    recipes: Mapping[str, Recipe] = _NO_RECIPES,
    keys: Iterable[str] = PLAN_KEYS,
) -> dict[str, dict[str, Total]]:
    """Totals of each meal of ``day`` that has items: slot id -> totals."""
    keys = _check_keys(keys)
    counting = _Counting(foods, recipes, keys)
    return {
        slot: _aggregate([counting.item(e) for e in entries], keys)
        for slot, entries in day.meals.items()
        if entries
    }


def portion_totals(
    recipe: Recipe,
    foods: FoodLookup,
    recipes: Mapping[str, Recipe] = _NO_RECIPES,
    keys: Iterable[str] = PLAN_KEYS,
) -> dict[str, Total]:
    """Nutrients in one portion of ``recipe`` (its ingredients ÷ its portions).

    Here each ingredient counts as an item, so the coverage names the
    ingredients that lack data.
    """
    keys = _check_keys(keys)
    if not (recipe.portions > 0 and math.isfinite(recipe.portions)):
        return _aggregate([_unknown_item(recipe.name, keys)], keys)
    # The recipe as it stands (perhaps not saved yet) over the saved ones it holds.
    book = RecipeBook({**RecipeBook.of(recipes).recipes, recipe.id: recipe})
    problem = book.problem(recipe.id)
    if problem is not None:
        return _aggregate([_unknown_item(problem, keys)], keys)
    counting = _Counting(foods, book, keys)
    items = [counting.item(e) for e in recipe.entries]
    return _scaled(_aggregate(items, keys), recipe.portions)


@dataclass(frozen=True)
class WeekTotals:
    """Totals of each of the 7 days, of each meal, and the daily average of the planned days.

    ``average`` divides the week's sum by ``planned_days``, the days that have any
    item: an empty day is a day not yet planned, not a day of eating nothing. With
    no planned day it holds empty totals (nothing counted). ``meals`` holds each
    day's meals (slot id -> totals, meals with items) over ``meal_keys`` only.
    """

    days: tuple[Totals, ...]
    planned_days: int
    average: Totals
    meals: tuple[Mapping[str, Totals], ...] = ()
    meal_keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class DayCount:
    """One day's items reduced to numbers once: the day's totals, its meals' totals, and
    the columns a week sums. ``week_of_days`` makes a week of seven of them, so a day
    that did not change need not be counted again (``core.summary.WeekSummarizer``)."""

    keys: tuple[str, ...]
    meal_keys: tuple[str, ...]
    totals: Totals
    meals: Mapping[str, Totals]  # slot id -> totals over ``meal_keys``, meals with items
    columns: _Columns

    @property
    def planned(self) -> bool:
        """True when the day has any item."""
        return bool(self.columns.names)


def _keys_and_meal_keys(keys: Iterable[str], meal_keys: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    keys, meal_keys = _check_keys(keys), tuple(meal_keys)
    if not set(meal_keys) <= set(keys):
        raise KeyError(f"meal keys {sorted(set(meal_keys) - set(keys))} are not among the keys")
    return keys, meal_keys


def count_day(
    day: DayPlan,
    foods: FoodLookup,
    recipes: Mapping[str, Recipe] = _NO_RECIPES,
    keys: Iterable[str] = PLAN_KEYS,
    meal_keys: Iterable[str] = (),
) -> DayCount:
    """``day`` counted over ``keys``, with each meal over ``meal_keys`` (a part of ``keys``)."""
    keys, meal_keys = _keys_and_meal_keys(keys, meal_keys)
    return _count_day(day, _Counting(foods, recipes, keys), meal_keys)


def _count_day(day: DayPlan, counting: _Counting, meal_keys: tuple[str, ...]) -> DayCount:
    keys = counting.keys
    pieces: list[_Piece] = []
    bounds: dict[str, tuple[int, int]] = {}
    for slot, entries in day.meals.items():
        if entries:
            start = len(pieces)
            pieces += [counting.piece(e) for e in entries]
            bounds[slot] = (start, len(pieces))
    columns = _scaled_columns(pieces, len(keys))
    meals: dict[str, Totals] = {}
    if meal_keys:
        where = [keys.index(key) for key in meal_keys]
        meals = {slot: _totals(columns, meal_keys, where, lo, hi) for slot, (lo, hi) in bounds.items()}
    return DayCount(keys, meal_keys, _totals(columns, keys), meals, columns)


def week_of_days(days: Sequence[DayCount]) -> WeekTotals:
    """The week made of its days' counts (all over the same keys): each day as it is, and the
    average of the planned days, summed over every item of the week at once."""
    keys, meal_keys = days[0].keys, days[0].meal_keys
    if any(d.keys != keys or d.meal_keys != meal_keys for d in days):
        raise ValueError("the days of a week must be counted over the same keys")
    planned = sum(1 for d in days if d.planned)
    whole_week = _totals(_joined([d.columns for d in days], len(keys)), keys)
    return WeekTotals(
        days=tuple(d.totals for d in days),
        planned_days=planned,
        average=_scaled(whole_week, planned) if planned else whole_week,
        meals=tuple(d.meals for d in days) if meal_keys else (),
        meal_keys=meal_keys,
    )


def week_totals(
    week: WeekPlan,
    foods: FoodLookup,
    recipes: Mapping[str, Recipe] = _NO_RECIPES,
    keys: Iterable[str] = PLAN_KEYS,
    meal_keys: Iterable[str] = (),
) -> WeekTotals:
    """Totals of each day of ``week``, the daily average of its planned days, and each meal's
    totals over ``meal_keys`` (a part of ``keys``; none by default).

    Each item is reduced to numbers once; days, meals and the week sum the same items.
    """
    keys, meal_keys = _keys_and_meal_keys(keys, meal_keys)
    counting = _Counting(foods, recipes, keys)
    return week_of_days([_count_day(day, counting, meal_keys) for day in week.days])
