"""``bonewise person pantry NAME``: the foods a person always has at home, left off their shopping lists."""

from __future__ import annotations

import argparse
from typing import Any

from bonewise.cli._userargs import editing_folder, food_by_id, open_repository, print_json
from bonewise.core.shopping import PANTRY_SETTING, pantry_from_settings
from bonewise.errors import BonewiseError
from bonewise.paths import data_dir
from bonewise.store.foodstore import FoodStore


def register_pantry(verbs: Any) -> None:
    pantry = verbs.add_parser(
        "pantry", help="foods a person always has at home",
        description="List, tick or untick the foods NAME always has at home; shopping lists leave "
        "them out for NAME (and still list what others need).",
    )  # fmt: skip
    pantry.add_argument("name", metavar="NAME")
    pantry.add_argument("--add", action="append", default=[], metavar="FOOD_ID",
                        help="tick a food as always at home (repeat for more)")  # fmt: skip
    pantry.add_argument("--remove", action="append", default=[], metavar="FOOD_ID",
                        help="put a food back on the shopping list (repeat for more)")  # fmt: skip
    pantry.add_argument("--json", action="store_true", help="print the list as JSON")
    pantry.set_defaults(handler=person_pantry)


def person_pantry(args: argparse.Namespace) -> int:
    changing = bool(args.add or args.remove)
    with FoodStore.open(data_dir(args.data_dir)) as foods:
        if changing:
            with editing_folder(args), open_repository(args) as repo:
                person = repo.person_by_name(args.name)
                pantry = pantry_from_settings(repo.settings())
                for food_id, at_home in [*((f, True) for f in args.add), *((f, False) for f in args.remove)]:
                    food = food_by_id(foods, food_id)
                    if not at_home and food.id not in pantry.of(person.id):
                        raise BonewiseError(f"{food.name} is not in {person.name}'s pantry.")
                    pantry = pantry.with_food(person.saved_id, food.id, at_home)
                repo.set_setting(PANTRY_SETTING, pantry.to_setting())
        else:
            with open_repository(args) as repo:
                person = repo.person_by_name(args.name)
                pantry = pantry_from_settings(repo.settings())
        ids = sorted(pantry.of(person.id))
        found = {i: foods.get(i) for i in ids}
    items = [{"food_id": i, "name": f.name if f else None} for i, f in found.items()]
    if args.json:
        print_json({"person": person.name, "pantry": items})
    elif not items:
        print(f"{person.name} has nothing ticked as always at home.")
    else:
        print(f"{person.name} always has at home (left off the shopping list):")
        for item in items:
            print(f"  {item['food_id']:>8}  {item['name'] or '(no longer in the food list)'}")
    return 0
