"""Reading a plan bundle into the user store: all or nothing, reusing what already exists."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from bonewise.core.foods import Food
from bonewise.core.plan import DayPlan, Entry, IsoWeek, MealSlot, Person, Recipe, new_id
from bonewise.core.record import RecordEntry
from bonewise.core.rules import check_name, name_key
from bonewise.errors import BonewiseError
from bonewise.store.bundles.foods import BundleFoods, default_foods
from bonewise.store.bundles.schema import (
    MAX_BYTES,
    Bundle,
    BundleError,
    is_custom_id,
    parse_bundle,
    path_key,
)
from bonewise.store.repository import Repository
from bonewise.store.userfiles import read_user_file


@dataclass(frozen=True)
class ImportSummary:
    person: Person
    new_person: bool
    weeks: tuple[IsoWeek, ...]
    entries: int
    recipes_added: int
    custom_foods_added: int
    record_added: int = 0  # health-record entries added

    def describe(self) -> str:
        """One sentence saying what the import did."""
        weeks = ", ".join(str(w) for w in self.weeks) or "no weeks"
        who = f"{self.person.name} (new person)" if self.new_person else self.person.name
        items = f"{self.entries} item{'s' if self.entries != 1 else ''}"
        extra = []
        if self.recipes_added:
            extra.append(f"{self.recipes_added} recipe{'s' if self.recipes_added != 1 else ''}")
        if self.custom_foods_added:
            n = self.custom_foods_added
            extra.append(f"{n} custom food{'s' if n != 1 else ''}")
        if self.record_added:
            n = self.record_added
            extra.append(f"{n} health-record entr{'ies' if n != 1 else 'y'}")
        added = f"; added {', '.join(extra[:-1]) + ' and ' if len(extra) > 1 else ''}{extra[-1]}" if extra else ""
        return f"Imported {weeks} with {items} for {who}{added}."


def read_bundle_file(path: Path) -> bytes:
    """The bytes of a bundle file: an ordinary file of at most 20 MB (store/userfiles.py)."""
    try:
        return read_user_file(path, limit=MAX_BYTES, what="a plan bundle")
    except BonewiseError as exc:
        raise BundleError(str(exc)) from None


def import_bundle(
    repo: Repository,
    data: bytes | str,
    *,
    foods: BundleFoods | None = None,
    as_name: str | None = None,
) -> ImportSummary:
    """Import a plan bundle; all or nothing.

    The person is the bundle's (or ``as_name``). If someone of that name already
    exists, the imported weeks replace those weeks of theirs, their profile stays
    as it is, and meal slots the bundle uses but they lack are added. Otherwise
    the person is created from the bundle's profile. Custom foods and recipes are
    reused when an identical one exists, otherwise added.
    """
    bundle = parse_bundle(data)
    foods = foods if foods is not None else default_foods(repo)
    _check_food_ids(bundle, foods)
    name = bundle.person.name if as_name is None else check_name(as_name, "The new name")
    with repo.transaction():
        food_map, foods_added = _import_custom_foods(bundle.custom_foods, foods)
        recipe_map, recipes_added = _import_recipes(repo, bundle.recipes, food_map)
        existing = repo.find_person(name)
        if existing is None:
            person = repo.save_person(dataclasses.replace(bundle.person, name=name, id=None))
        else:
            person = repo.save_person(_with_slots(existing, bundle.person.slots))
        days = [
            DayPlan(day.date, MappingProxyType({
                slot: tuple(_remap(e, food_map, recipe_map) for e in entries)
                for slot, entries in day.meals.items()
            }), day.note)
            for _, week_days in bundle.weeks
            for day in week_days
        ]
        repo.save_days(person.saved_id, days)
        record_added = _import_record(repo, person.saved_id, bundle.record)
    return ImportSummary(
        person=person,
        new_person=existing is None,
        weeks=tuple(w for w, _ in bundle.weeks),
        entries=sum(len(es) for d in days for es in d.meals.values()),
        recipes_added=recipes_added,
        custom_foods_added=foods_added,
        record_added=record_added,
    )


def _import_record(repo: Repository, person_id: int, entries: Sequence[RecordEntry]) -> int:
    """Add the bundle's record entries the person does not have yet (same id, or same facts)."""
    have = repo.record(person_id).entries
    ids = {e.id for e in have}
    facts = {_facts(e) for e in have}
    new = [e for e in entries if e.id not in ids and _facts(e) not in facts]
    if new:
        repo.add_record_entries(person_id, new)
    return len(new)


def _facts(entry: RecordEntry) -> tuple[Any, ...]:
    return (entry.kind, entry.date, entry.item, entry.value, entry.value2, entry.interval)


def _check_food_ids(bundle: Bundle, foods: BundleFoods) -> None:
    included = {f.id for f in bundle.custom_foods}
    places: list[tuple[str, Entry]] = []
    for w, (_, days) in enumerate(bundle.weeks):
        for d, day in enumerate(days):
            for slot, entries in day.meals.items():
                places += [(f"weeks[{w}].days[{d}].meals{path_key(slot)}[{i}]", e)
                           for i, e in enumerate(entries)]
    for r, recipe in enumerate(bundle.recipes):
        places += [(f"recipes[{r}].entries[{i}]", e) for i, e in enumerate(recipe.entries)]
    checked: dict[str, bool] = {}
    for where, entry in places:
        food_id = entry.food_id
        if entry.recipe_id is not None or food_id is None or food_id in included:
            continue
        if food_id not in checked:
            checked[food_id] = not is_custom_id(food_id) and foods.get(food_id) is not None
        if not checked[food_id]:
            raise BundleError(
                f"{where}.food_id: unknown food {json.dumps(food_id, ensure_ascii=False)} "
                "(not in the food store and not among the bundle's custom_foods)"
            )


def _import_custom_foods(custom: Sequence[Food], foods: BundleFoods) -> tuple[dict[str, str], int]:
    mapping, added = {}, 0
    for i, food in enumerate(custom):
        same = _find_same_food(food, foods)
        if same is None:
            try:
                same = foods.add_custom(food.name, food.nutrients, food.measures, kind=food.kind)
            except BonewiseError as exc:
                raise BundleError(f"custom_foods[{i}]: {exc}") from None
            added += 1
        mapping[food.id] = same.id
    return mapping, added


def _find_same_food(food: Food, foods: BundleFoods) -> Food | None:
    """A local custom food with the same name, kind, nutrients and measures, if any."""
    candidates = [food.id] if is_custom_id(food.id) else []
    try:
        candidates += [h.food_id for h in foods.search(food.name, limit=50)]
    except BonewiseError:
        pass
    for food_id in dict.fromkeys(candidates):
        local = foods.get(food_id)
        if local is not None and is_custom_id(local.id) and _same_food(local, food):
            return local
    return None


def _same_food(a: Food, b: Food) -> bool:
    return (
        a.name == b.name
        and a.kind == b.kind
        and dict(a.nutrients) == dict(b.nutrients)
        and tuple((m.name, m.grams, m.amount) for m in a.measures)
        == tuple((m.name, m.grams, m.amount) for m in b.measures)
    )


def _import_recipes(
    repo: Repository, recipes: Sequence[Recipe], food_map: Mapping[str, str]
) -> tuple[dict[str, str], int]:
    local = repo.recipes()
    mapping: dict[str, str] = {}
    added = 0
    for recipe in recipes:  # contained recipes first, so their new ids are known
        entries = tuple(_remap(e, food_map, mapping) for e in recipe.entries)
        mine = local.get(recipe.id)
        if mine is not None and _same_recipe(mine, recipe.name, recipe.portions, entries):
            mapping[recipe.id] = mine.id
            continue
        new = Recipe(recipe.name, entries, recipe.portions, recipe.id if mine is None else new_id())
        repo.save_recipe(new)
        mapping[recipe.id] = new.id
        added += 1
    return mapping, added


def _same_recipe(mine: Recipe, name: str, portions: float, entries: tuple[Entry, ...]) -> bool:
    def shape(es: Iterable[Entry]) -> list[tuple[Any, ...]]:
        return [(e.food_id, e.recipe_id, e.grams, e.measure, e.count) for e in es]

    return (mine.name, mine.portions, shape(mine.entries)) == (name, portions, shape(entries))


def _remap(entry: Entry, food_map: Mapping[str, str], recipe_map: Mapping[str, str]) -> Entry:
    if entry.recipe_id is not None:
        return dataclasses.replace(entry, recipe_id=recipe_map[entry.recipe_id])
    if entry.food_id is None:
        return entry
    return dataclasses.replace(entry, food_id=food_map.get(entry.food_id, entry.food_id))


def _with_slots(person: Person, wanted: Sequence[MealSlot]) -> Person:
    """``person`` with any of ``wanted``'s slot ids they lack appended (names kept unique)."""
    have = {s.id for s in person.slots}
    names = {name_key(s.name) for s in person.slots}
    slots = list(person.slots)
    for slot in wanted:
        if slot.id in have:
            continue
        name, n = slot.name, 1
        while name_key(name) in names:
            n += 1
            name = f"{slot.name} ({n})"
        slots.append(MealSlot(slot.id, name, slot.main_meal))
        names.add(name_key(name))
    return dataclasses.replace(person, slots=tuple(slots))

