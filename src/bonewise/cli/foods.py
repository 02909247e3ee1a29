"""``bonewise foods …``: search the food store, show a food, add your own food."""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from typing import Any

from bonewise.cli._userargs import (
    editing_folder,
    parse_number,
    print_json,
    print_table,
    text_width,
)
from bonewise.core.foods import Food, FoodKind, Measure
from bonewise.core.measures import amount_of
from bonewise.core.nutrients import BY_KEY, NUTRIENTS, vitamin_d_ug
from bonewise.core.phrases import Understanding, understand
from bonewise.core.rules import MAX_FOOD_NAME, quoted
from bonewise.errors import BonewiseError
from bonewise.paths import data_dir
from bonewise.store.foodstore import MAX_SEARCH_LIMIT, FoodStore

_LEADING_AMOUNT = re.compile(r"^\s*(\d+(?:\.\d+)?|\d+/[1-9]\d*)\s+(\S.*)$")


def register(subparsers: Any) -> None:
    foods = subparsers.add_parser(
        "foods", help="search, show or add foods",
        description="The food store: USDA SR24 foods, typical supplements and your own foods.",
    )
    verbs = foods.add_subparsers(dest="foods_command", metavar="ACTION")

    search = verbs.add_parser(
        "search", help="find foods by name",
        description="Find foods by name: words in any order, word starts, accents and case ignored.",
    )
    search.add_argument("text", nargs="+", metavar="TEXT", help="what to look for, e.g. cheddar cheese")
    search.add_argument("--limit", metavar="N", default="20", help="at most N foods (default 20)")
    search.add_argument("--json", action="store_true", help="print JSON instead of a table")
    search.set_defaults(handler=search_foods)

    show = verbs.add_parser(
        "show", help="show a food's nutrients and measures",
        description="Nutrients per 100 g with units, household measures, and vitamin K2 with its source "
                    "and evidence.",
    )
    show.add_argument("food_id", metavar="FOOD_ID", help="an id from `foods search`, e.g. 01079")
    show.add_argument("--json", action="store_true", help="print JSON instead of text")
    show.set_defaults(handler=show_food)

    parse = verbs.add_parser(
        "parse", help="read typed text into a food and an amount",
        description='What the week grid would add for typed text ("2 eggs", "a glass of milk", '
                    '"semi-skimmed milk 200 ml"): the food, its amount in grams and in its own measure, '
                    "and other foods that fit about as well.",
    )
    parse.add_argument("text", nargs="+", metavar="TEXT", help='what a person types, e.g. "2 eggs"')
    parse.add_argument("--meal", metavar="NAME",
                       help="the meal it is for, e.g. dinner: a usual serving is larger at lunch and dinner")
    parse.add_argument("--json", action="store_true", help="print JSON instead of text")
    parse.set_defaults(handler=parse_text)

    add = verbs.add_parser(
        "add", help="add your own food",
        description="Add your own food with nutrients per 100 g; prints its new id.",
    )
    add.add_argument("--name", required=True, metavar="NAME", help=f"any name, up to {MAX_FOOD_NAME} characters")
    add.add_argument("--nutrient", action="append", default=[], metavar="KEY=VALUE",
                     help="a nutrient per 100 g, e.g. calcium_mg=120 (repeat for more)")
    add.add_argument("--measure", action="append", default=[], metavar="NAME=GRAMS",
                     help='a household measure, e.g. "cup=244" or "1 slice=28" (repeat for more)')
    add.add_argument("--json", action="store_true", help="print the new food as JSON")
    add.set_defaults(handler=add_food)


def _open_store(args: argparse.Namespace) -> FoodStore:
    return FoodStore.open(data_dir(args.data_dir))


# ---------------------------------------------------------------------- search


def search_foods(args: argparse.Namespace) -> int:
    limit = _parse_limit(args.limit)
    text = " ".join(args.text)
    with _open_store(args) as store:
        hits = store.search(text, limit)
    if args.json:
        print_json([{"id": h.food_id, "name": h.name, "kind": h.kind.value, "group": h.group} for h in hits])
        return 0
    if not hits:
        print(f"No food matches {_shorten(text)!r}.")
        return 0
    print_table(("ID", "NAME", "GROUP"), [(h.food_id, h.name, h.group) for h in hits])
    return 0


def _parse_limit(text: str) -> int:
    cleaned = text.strip()
    if not cleaned.isascii() or not cleaned.isdigit() or not 1 <= int(cleaned) <= MAX_SEARCH_LIMIT:
        raise BonewiseError(f"--limit must be a whole number from 1 to {MAX_SEARCH_LIMIT:,}, not {_shorten(text)!r}.")
    return int(cleaned)


# ---------------------------------------------------------------------- parse


def parse_text(args: argparse.Namespace) -> int:
    text = " ".join(args.text)
    with _open_store(args) as store:
        understood = understand(text, store, args.meal)
    entry = understood.entry()
    if args.json:
        print_json(understanding_json(understood))
        return 0
    amount = amount_of(entry, understood.food).with_grams
    if understood.corrected is not None:
        print(f"Showing results for {quoted(understood.corrected)}.")
    print(f"{amount} of {understood.food.name} (food {understood.food.id})")
    if understood.alternatives:
        print("Other foods that fit about as well (add one with: bonewise plan add … --food ID):")
        print_table(("ID", "NAME"), [(h.food_id, h.name) for h in understood.alternatives])
    return 0


def understanding_json(understood: Understanding) -> dict[str, Any]:
    """What typed text means as plain data (documented in the README)."""
    entry = understood.entry()
    return {
        "food_id": understood.food.id,
        "name": understood.food.name,
        "grams": entry.grams,
        "measure": entry.measure,  # null: the amount is in grams
        "count": entry.count,
        "amount": understood.portion.label,
        "corrected": understood.corrected,  # the words searched for when a word was read as a near spelling
        "alternatives": [{"food_id": h.food_id, "name": h.name} for h in understood.alternatives],
    }


# ---------------------------------------------------------------------- show


def show_food(args: argparse.Namespace) -> int:
    with _open_store(args) as store:
        food = store.get(args.food_id.strip())
        if food is None:
            raise BonewiseError(
                f"There is no food with id {_shorten(args.food_id)!r}; find ids with: bonewise foods search TEXT"
            )
        serving = store.usual_serving(food)
    if args.json:
        print_json(food_json(food, serving))
    else:
        print_food(food, serving)
    return 0


def food_json(food: Food, serving: Measure | None = None) -> dict[str, Any]:
    """A food as plain data: nutrients per 100 g with units, measures, K2 with its source."""
    known = {
        n.key: {"label": n.label, "unit": n.unit, "value": food.nutrients[n.key]}
        for n in NUTRIENTS
        if n.key in food.nutrients
    }
    vitamin_d = food.nutrients.get("vitamin_d_iu")
    data: dict[str, Any] = {
        "id": food.id,
        "name": food.name,
        "kind": food.kind.value,
        "group": food.group,
        "aisle": food.aisle,
        "source": food.source,
        "nutrients_per_100g": known,
        "unknown_nutrients": [n.key for n in NUTRIENTS if n.key not in food.nutrients],
        "vitamin_d": None if vitamin_d is None else {"iu": vitamin_d, "ug": round(vitamin_d_ug(vitamin_d), 4)},
        "measures": [{"amount": m.amount, "name": m.name, "grams": m.grams} for m in food.measures],
        "k2": None,
    }
    if serving is not None:
        data["usual_serving"] = {
            "amount": serving.amount,
            "name": serving.name,
            "grams": serving.grams,
            "nutrients": {k: round(v * serving.grams / 100, 6) for k, v in food.nutrients.items()},
        }
    if food.k2 is not None:
        data["k2"] = {
            "ug_per_100g": food.k2.ug_per_100g,
            "source": food.k2.source,
            "evidence": food.k2.evidence,
            "k2_table_row": food.k2.row_id or None,
            "description": food.k2.description,
            "country": food.k2.country or None,
            "all_forms_measured": food.k2.complete,  # false: a lower bound ("at least")
            "note": food.k2.note,
        }
    return data


def print_food(food: Food, serving: Measure) -> None:
    print(food.name)
    print(f"  id {food.id} · {food.source} · {food.group} · aisle: {food.aisle}")
    print()
    print("Measures")
    if food.measures:
        width = max(text_width(m.label) for m in food.measures)
        for m in food.measures:
            print(f"  {m.label}{' ' * (width - text_width(m.label))}  {_number(m.grams)} g")
    else:
        print("  none given; amounts are in grams")
    print(f"  usual serving: {serving.label} ({_number(serving.grams)} g)")
    print()
    known = sum(1 for n in NUTRIENTS if n.key in food.nutrients)
    print(f"Per 100 g ({known} of {len(NUTRIENTS)} nutrients known)")
    category = None
    for n in NUTRIENTS:
        if n.key not in food.nutrients:
            continue
        if n.category != category:
            category = n.category
            print(f"  {category}")
        text = _amount(n.key, food.nutrients[n.key])
        if n.key == "vitamin_k1_ug":
            text += " (phylloquinone; not counted as K2)"
        elif n.key == "vitamin_k2_ug":
            text += " (estimate, see below)"
        print(f"    {n.label:<30} {text}")
    unknown = [n.label for n in NUTRIENTS if n.key not in food.nutrients]
    if food.is_supplement:
        print(f"  Per {serving.label} (nominal {_number(serving.grams)} g):")
        for n in NUTRIENTS:
            if n.key in food.nutrients:
                print(f"    {n.label:<30} {_amount(n.key, food.nutrients[n.key] * serving.grams / 100)}")
        print("  Other nutrients: not on the label.")
    elif unknown:
        print(f"  Unknown for this food: {', '.join(unknown)}.")
    if food.is_supplement and food.k2 is None:
        return
    print()
    print("Vitamin K2")
    if food.k2 is None:
        print("  unknown: no K2 value is linked to this food (unknown is not zero)")
    else:
        k2 = food.k2
        row = f", K2 table row {k2.row_id}" if k2.row_id else ""
        least = "" if k2.complete else "at least "
        print(f"  {least}{_number(k2.ug_per_100g)} µg per 100 g (estimate; {k2.coverage})")
        country = f" ({k2.country})" if k2.country else ""
        print(f"  source: {k2.source}{row}: {k2.description}{country}")
        print(f"  evidence: {k2.evidence}")
        if k2.note:
            print(f"  note: {k2.note}")


# ---------------------------------------------------------------------- add


def add_food(args: argparse.Namespace) -> int:
    nutrients = _parse_nutrients(args.nutrient)
    measures = [_parse_measure(text) for text in args.measure]
    with editing_folder(args), _open_store(args) as store:
        food = store.add_custom(args.name, nutrients, measures, kind=FoodKind.CUSTOM)
        serving = store.usual_serving(food)
    if args.json:
        print_json(food_json(food, serving))
    else:
        print(food.id)
    return 0


def _parse_nutrients(items: Sequence[str]) -> dict[str, float]:
    nutrients: dict[str, float] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise BonewiseError(f"--nutrient must look like calcium_mg=120, not {_shorten(item)!r}.")
        if key in nutrients:
            raise BonewiseError(f"--nutrient {key} is given twice.")
        # An unknown key is reported by the store, which also suggests a close one.
        nutrients[key] = parse_number(value, f"--nutrient {key}", example="120")
    return nutrients


def _parse_measure(item: str) -> Measure:
    name, sep, grams_text = item.rpartition("=")
    if not sep or not name.strip():
        raise BonewiseError(f'--measure must look like "cup=244" or "1 slice=28", not {_shorten(item)!r}.')
    grams = parse_number(re.sub(r"\s*g\s*$", "", grams_text), f"--measure {name.strip()}", example="244")
    amount = 1.0
    leading = _LEADING_AMOUNT.match(name)
    if leading:
        number, name = leading.groups()
        top, _, bottom = number.partition("/")
        amount = float(top) / float(bottom) if bottom else float(top)
    return Measure(name.strip(), grams, amount)


def _amount(key: str, value: float) -> str:
    """``value`` with its unit; vitamin D also in µg (1 µg = 40 IU)."""
    text = f"{_number(value)} {BY_KEY[key].unit}"
    if key == "vitamin_d_iu":
        text += f" ({_number(round(vitamin_d_ug(value), 3))} µg)"
    return text


def _number(value: float) -> str:
    """A stored value as SR24 gives it: no rounding beyond float noise, thousands separated."""
    value = round(value, 6)
    return f"{int(value):,}" if value.is_integer() else f"{value:,}"


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
