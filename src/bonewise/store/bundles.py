"""Plan bundles: a person's weeks as versioned JSON, complete enough to import elsewhere.

A bundle carries the person's profile, the weeks, every recipe the weeks use and
every custom food the weeks or recipes use, so an import into another data
folder needs nothing but the shipped food store. The format is documented in
docs/plan-bundle.md. Import validates everything before writing anything and
writes in one transaction: a bundle that fails changes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

from bonewise import APP_NAME, __version__
from bonewise.core.foods import Food, FoodKind, Measure
from bonewise.core.nutrients import BY_KEY
from bonewise.core.plan import (
    DayPlan,
    Entry,
    IsoWeek,
    MealSlot,
    Person,
    Recipe,
    SoyPreference,
    new_id,
)
from bonewise.core.targets import check_lab_value, check_override, check_weight, t_score_category
from bonewise.errors import BonewiseError
from bonewise.store.repository import (
    MAX_COUNT,
    MAX_NOTE_LENGTH,
    MAX_PORTIONS,
    Repository,
    check_name,
    name_key,
    validate_person,
    visible_text,
)

FORMAT = "bonewise-plan-bundle"
VERSION = 1
MAX_BYTES = 20 * 1024 * 1024
MAX_WEEKS = 520  # ten years
MAX_ITEMS_PER_MEAL = 200
MAX_RECIPES = 2_000
MAX_CUSTOM_FOODS = 5_000
MAX_GRAMS = 100_000.0
MAX_NUTRIENT_PER_100G = 1e8  # supplements: 100 × a per-dose amount (50,000 IU -> 5,000,000)


class BundleError(BonewiseError):
    """A bundle that cannot be read or imported; the message names the bad field."""


class BundleFoods(Protocol):
    """What bundles need from the food store (``FoodStore`` provides it)."""

    def get(self, food_id: str) -> Food | None: ...

    def search(self, text: str, limit: int = 20) -> Sequence[Any]: ...

    def add_custom(
        self, name: str, nutrients: Mapping[str, float], measures: Sequence[Measure],
        kind: FoodKind = FoodKind.CUSTOM,
    ) -> Food: ...


@dataclass(frozen=True)
class ImportSummary:
    person: Person
    new_person: bool
    weeks: tuple[IsoWeek, ...]
    entries: int
    recipes_added: int
    custom_foods_added: int

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
        added = f"; added {' and '.join(extra)}" if extra else ""
        return f"Imported {weeks} with {items} for {who}{added}."


# -- export -------------------------------------------------------------------------


def export_bundle(
    repo: Repository, person_id: int, weeks: Iterable[IsoWeek], *, foods: BundleFoods | None = None
) -> dict[str, Any]:
    """The person's ``weeks`` with the recipes and custom foods they use, as a JSON-ready dict.

    Raises BonewiseError if a planned custom food or recipe no longer exists (the
    bundle would not be complete).
    """
    person = repo.person(person_id)
    foods = foods if foods is not None else _default_foods(repo)
    weeks = sorted(set(weeks), key=lambda w: (w.year, w.week))
    if len(weeks) > MAX_WEEKS:
        raise BonewiseError(f"A bundle holds at most {MAX_WEEKS} weeks, not {len(weeks)}.")
    slot_order = [s.id for s in person.slots]
    all_recipes = repo.recipes()
    used_recipes: dict[str, Recipe] = {}
    food_ids: set[str] = set()

    def note_entries(entries: Iterable[Entry]) -> None:
        for entry in entries:
            if entry.recipe_id is None:
                food_ids.add(entry.food_id)  # type: ignore[arg-type]
            elif entry.recipe_id not in used_recipes:
                recipe = all_recipes.get(entry.recipe_id)
                if recipe is None:
                    raise BonewiseError(f"The plan uses a recipe that no longer exists ({entry.recipe_id}).")
                used_recipes[recipe.id] = recipe
                note_entries(recipe.entries)

    out_weeks = []
    for week in weeks:
        plan = repo.week(person_id, week)
        days = []
        for day in plan.days:
            meals = {}
            for slot_id in slot_order + sorted(set(day.meals) - set(slot_order)):
                entries = day.entries(slot_id)
                if entries:
                    note_entries(entries)
                    meals[slot_id] = [_entry_json(e) for e in entries]
            days.append({"date": day.date.isoformat(), "note": day.note, "meals": meals})
        out_weeks.append({"week": str(week), "days": days})

    custom = []
    for food_id in sorted(f for f in food_ids if _is_custom_id(f)):
        food = foods.get(food_id)
        if food is None:
            raise BonewiseError(f"The plan uses a custom food that no longer exists ({food_id}).")
        custom.append(_food_json(food))

    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "generator": f"{APP_NAME} {__version__}",
        "person": person_json(person),
        "weeks": out_weeks,
        "recipes": [
            {"id": r.id, "name": r.name, "portions": r.portions,
             "entries": [_entry_json(e) for e in r.entries]}
            for r in used_recipes.values()
        ],
        "custom_foods": custom,
    }


def write_bundle(bundle: Mapping[str, Any], path: Path) -> None:
    """Write ``bundle`` to ``path`` as UTF-8 JSON, replacing the file only when complete."""
    path = Path(path)
    text = json.dumps(bundle, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    temp = None
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())  # a full disk may only say so here
        os.replace(temp, path)
    except OSError as exc:
        if temp is not None:  # never leave a half-written bundle behind
            Path(temp).unlink(missing_ok=True)
        raise BonewiseError(f"Could not write {path}: {exc.strerror or exc}.") from None


def read_bundle_file(path: Path) -> bytes:
    """The bytes of a bundle file, refusing folders, missing files and files over the cap."""
    path = Path(path)
    try:
        if path.is_dir():
            raise BundleError(f"{path} is a folder, not a plan bundle file.")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise BundleError(f"{path} is {size / 2**20:.1f} MB; a plan bundle may be at most 20 MB.")
        return path.read_bytes()
    except FileNotFoundError:
        raise BundleError(f"{path} does not exist.") from None
    except OSError as exc:
        raise BundleError(f"Could not read {path}: {exc.strerror or exc}.") from None


def _entry_json(entry: Entry) -> dict[str, Any]:
    if entry.recipe_id is not None:
        return {"recipe_id": entry.recipe_id, "portions": entry.count}
    out: dict[str, Any] = {"food_id": entry.food_id, "grams": entry.grams}
    if entry.measure is not None:
        out["measure"] = entry.measure
    if entry.count is not None:
        out["count"] = entry.count
    return out


def person_json(person: Person) -> dict[str, Any]:
    """A person as the bundle format writes them (also what `person list --json` prints)."""
    return {
        "name": person.name,
        "weight_kg": person.weight_kg,
        "t_score": person.t_score,
        "vitamin_d_lab_ng_ml": person.vitamin_d_lab_ng_ml,
        "vitamin_d_lab_date": (
            None if person.vitamin_d_lab_date is None else person.vitamin_d_lab_date.isoformat()
        ),
        "on_warfarin": person.on_warfarin,
        "soy": person.soy.value,
        "dairy_free": person.dairy_free,
        "vegetarian": person.vegetarian,
        "slots": [{"id": s.id, "name": s.name, "main_meal": s.main_meal} for s in person.slots],
        "target_overrides": {k: list(v) for k, v in person.target_overrides.items()},
    }


def _food_json(food: Food) -> dict[str, Any]:
    return {
        "id": food.id,
        "name": food.name,
        "kind": food.kind.value,
        "nutrients": dict(food.nutrients),
        "measures": [{"name": m.name, "grams": m.grams, "amount": m.amount} for m in food.measures],
    }


def _is_custom_id(food_id: str) -> bool:
    # Custom foods are "u<rowid>" in the user store: meaningless in another data folder.
    return food_id.startswith("u")


# -- import ---------------------------------------------------------------------------


def parse_bundle(data: bytes | str) -> Bundle:
    """Check ``data`` completely against format version 1; BundleError names the first bad field."""
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise BundleError(f"The bundle is {len(data) / 2**20:.1f} MB; at most 20 MB is accepted.")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise BundleError(f"The bundle is not UTF-8 text (byte {exc.start}).") from None
    elif isinstance(data, str):
        if len(data) > MAX_BYTES:
            raise BundleError("The bundle is larger than 20 MB.")
        text = data
    else:
        raise BundleError("A bundle must be JSON text.")
    try:
        raw = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise BundleError(
            f"The bundle is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "is the file complete?"
        ) from None
    except RecursionError:
        raise BundleError("The bundle is nested too deeply to be a plan bundle.") from None
    except ValueError as exc:  # NaN/Infinity, a duplicate key, or an absurdly long integer
        raise BundleError(f"The bundle is not acceptable JSON: {exc}.") from None
    return _Checker().bundle(raw)


@dataclass(frozen=True)
class Bundle:
    """A bundle that passed every check (entries still refer to the bundle's own ids)."""

    person: Person
    weeks: tuple[tuple[IsoWeek, tuple[DayPlan, ...]], ...]
    recipes: tuple[Recipe, ...]  # in an order where contained recipes come first
    custom_foods: tuple[Food, ...]


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
    foods = foods if foods is not None else _default_foods(repo)
    _check_food_ids(bundle, foods)
    name = bundle.person.name if as_name is None else check_name(as_name, "The new name")
    with repo.db.atomic():
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
        repo.save_days(person.id, days)  # type: ignore[arg-type]
    return ImportSummary(
        person=person,
        new_person=existing is None,
        weeks=tuple(w for w, _ in bundle.weeks),
        entries=sum(len(es) for d in days for es in d.meals.values()),
        recipes_added=recipes_added,
        custom_foods_added=foods_added,
    )


def _check_food_ids(bundle: Bundle, foods: BundleFoods) -> None:
    included = {f.id for f in bundle.custom_foods}
    places: list[tuple[str, Entry]] = []
    for w, (_, days) in enumerate(bundle.weeks):
        for d, day in enumerate(days):
            for slot, entries in day.meals.items():
                places += [(f"weeks[{w}].days[{d}].meals{_key(slot)}[{i}]", e)
                           for i, e in enumerate(entries)]
    for r, recipe in enumerate(bundle.recipes):
        places += [(f"recipes[{r}].entries[{i}]", e) for i, e in enumerate(recipe.entries)]
    checked: dict[str, bool] = {}
    for where, entry in places:
        food_id = entry.food_id
        if entry.recipe_id is not None or food_id in included:
            continue
        if food_id not in checked:
            checked[food_id] = not _is_custom_id(food_id) and foods.get(food_id) is not None
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
    candidates = [food.id] if _is_custom_id(food.id) else []
    try:
        candidates += [h.food_id for h in foods.search(food.name, limit=50)]
    except BonewiseError:
        pass
    for food_id in dict.fromkeys(candidates):
        local = foods.get(food_id)
        if local is not None and _is_custom_id(local.id) and _same_food(local, food):
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


def _default_foods(repo: Repository) -> BundleFoods:
    from bonewise.paths import reference_db_path
    from bonewise.store.foodstore import FoodStore

    return FoodStore(reference_db_path(), repo.db)


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number a bundle may contain")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the key {json.dumps(key, ensure_ascii=False)} appears twice in one object")
        out[key] = value
    return out


# -- validation -------------------------------------------------------------------------

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def _key(key: str) -> str:
    if _IDENT.match(key) and len(key) <= 40:
        return f".{key}"
    return f"[{visible_text(json.dumps(key, ensure_ascii=False))}]"


def _at(path: str, key: str) -> str:
    """The JSON path of ``key`` inside ``path`` ("weeks[0].days", "meals[\"Früh stück\"]")."""
    return f"{path}{_key(key)}".removeprefix(".")


def _t_score(value: Any) -> float:
    t_score_category(value)  # raises for anything that is not a plausible T-score
    return float(value)


def _plain(number: float) -> str:
    return f"{number:,.0f}" if number == int(number) else f"{number:,g}"


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return visible_text(json.dumps(value, ensure_ascii=False))


class _Checker:
    """Walks the raw JSON, building core values; every error names its JSON path."""

    def fail(self, path: str, message: str) -> BundleError:
        return BundleError(f"{path}: {message}" if path else message)

    def obj(self, value: Any, path: str, required: set[str], optional: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, f"must be an object, got {_show(value)}")
        missing = sorted(required - value.keys())
        if missing:
            raise self.fail(_at(path, missing[0]), "is missing")
        unknown = [key for key in value if key not in required and key not in optional]
        if unknown:
            raise self.fail(_at(path, unknown[0]), "is not a field of this format")
        return value

    def array(self, value: Any, path: str, limit: int) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(path, f"must be a list, got {_show(value)}")
        if len(value) > limit:
            raise self.fail(path, f"has {len(value)} items; at most {limit} are accepted")
        return value

    def text(self, value: Any, path: str, *, limit: int = 100) -> str:
        if not isinstance(value, str):
            raise self.fail(path, f"must be text, got {_show(value)}")
        try:
            return check_name(value, "the text", limit)
        except BonewiseError as exc:
            raise self.fail(path, str(exc).removeprefix("the text ").rstrip(".")) from None

    def boolean(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, f"must be true or false, got {_show(value)}")
        return value

    def number(self, value: Any, path: str, low: float, high: float, *, positive: bool = False) -> float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if ok and isinstance(value, float) and not math.isfinite(value):
            ok = False
        if ok:
            ok = (value > low if positive else value >= low) and value <= high
        if not ok:
            if positive and low == 0:
                what = f"a positive number no larger than {_plain(high)}"
            else:
                what = f"a number from {_plain(low)} to {_plain(high)}"
            raise self.fail(path, f"must be {what}, got {_show(value)}")
        return float(value)

    def checked(self, check: Any, value: Any, path: str) -> Any:
        """``check(value)`` with the core's own rule; its message gets the field's path."""
        try:
            return check(value)
        except BonewiseError as exc:
            raise self.fail(path, str(exc)) from None

    def optional_number(self, value: Any, path: str, low: float, high: float, **kw: bool) -> float | None:
        return None if value is None else self.number(value, path, low, high, **kw)

    def date(self, value: Any, path: str) -> dt.date:
        if isinstance(value, str) and _DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(path, f"must be a date written YYYY-MM-DD, got {_show(value)}")

    # -- the parts

    def bundle(self, raw: Any) -> Bundle:
        if not isinstance(raw, dict):
            raise self.fail("", f"A plan bundle must be a JSON object, got {_show(raw)}.")
        if raw.get("format") != FORMAT:
            raise self.fail("format", f"must be {json.dumps(FORMAT)}, got {_show(raw.get('format'))}"
                            " (this is not a Bonewise plan bundle)")
        version = raw.get("version")
        if type(version) is not int or version != VERSION:
            raise self.fail("version", f"this Bonewise reads version {VERSION} bundles, got "
                            f"{_show(version)}; a newer Bonewise may read it")
        self.obj(raw, "", {"format", "version", "person", "weeks"},
                 {"exported_at", "generator", "recipes", "custom_foods"})
        for key in ("exported_at", "generator"):
            if key in raw:
                self.text(raw[key], key)
        person = self.person(raw["person"], "person")
        slot_ids = {s.id for s in person.slots}
        custom = tuple(
            self.custom_food(f, f"custom_foods[{i}]")
            for i, f in enumerate(self.array(raw.get("custom_foods", []), "custom_foods", MAX_CUSTOM_FOODS))
        )
        ids = [f.id for f in custom]
        for i, food_id in enumerate(ids):
            if food_id in ids[:i]:
                raise self.fail(f"custom_foods[{i}].id", f"{_show(food_id)} appears twice")
        recipes = self.recipes(self.array(raw.get("recipes", []), "recipes", MAX_RECIPES))
        recipe_ids = {r.id for r in recipes}
        weeks = []
        raw_weeks = self.array(raw["weeks"], "weeks", MAX_WEEKS)
        seen_weeks: set[IsoWeek] = set()
        for w, raw_week in enumerate(raw_weeks):
            week, days = self.week(raw_week, f"weeks[{w}]", slot_ids, recipe_ids, seen_weeks)
            seen_weeks.add(week)
            weeks.append((week, days))
        return Bundle(person, tuple(weeks), recipes, custom)

    def person(self, raw: Any, path: str) -> Person:
        fields = {"weight_kg", "t_score", "vitamin_d_lab_ng_ml", "vitamin_d_lab_date",
                  "on_warfarin", "soy", "dairy_free", "vegetarian", "slots", "target_overrides"}
        raw = self.obj(raw, path, {"name"}, fields)
        name = self.text(raw["name"], f"{path}.name")
        lab_date = raw.get("vitamin_d_lab_date")
        soy = raw.get("soy", SoyPreference.ANY.value)
        if not isinstance(soy, str) or soy not in {s.value for s in SoyPreference}:
            choices = ", ".join(json.dumps(s.value) for s in SoyPreference)
            raise self.fail(f"{path}.soy", f"must be one of {choices}, got {_show(soy)}")
        slots = []
        raw_slots = self.array(raw.get("slots", [{"id": s.id, "name": s.name, "main_meal": s.main_meal}
                                                 for s in Person("x").slots]), f"{path}.slots", 20)
        for i, raw_slot in enumerate(raw_slots):
            p = f"{path}.slots[{i}]"
            raw_slot = self.obj(raw_slot, p, {"id", "name"}, {"main_meal"})
            slots.append(MealSlot(self.text(raw_slot["id"], f"{p}.id", limit=40),
                                  self.text(raw_slot["name"], f"{p}.name", limit=60),
                                  self.boolean(raw_slot.get("main_meal", False), f"{p}.main_meal")))
        overrides = {}
        raw_overrides = raw.get("target_overrides", {})
        if not isinstance(raw_overrides, dict):
            raise self.fail(f"{path}.target_overrides", f"must be an object, got {_show(raw_overrides)}")
        for key, band in raw_overrides.items():
            p = f"{path}.target_overrides{_key(key)}"
            if not isinstance(band, list) or len(band) != 2:
                raise self.fail(p, f"must be a [low, high] pair, got {_show(band)}")
            overrides[key] = self.checked(lambda b, k=key: check_override(k, *b), band, p)
        weight, t_score, lab = (raw.get(k) for k in ("weight_kg", "t_score", "vitamin_d_lab_ng_ml"))
        person = Person(
            name=name,
            weight_kg=None if weight is None else self.checked(check_weight, weight, f"{path}.weight_kg"),
            t_score=None if t_score is None else self.checked(_t_score, t_score, f"{path}.t_score"),
            vitamin_d_lab_ng_ml=(
                None if lab is None else self.checked(check_lab_value, lab, f"{path}.vitamin_d_lab_ng_ml")
            ),
            vitamin_d_lab_date=None if lab_date is None else self.date(lab_date, f"{path}.vitamin_d_lab_date"),
            on_warfarin=self.boolean(raw.get("on_warfarin", False), f"{path}.on_warfarin"),
            soy=SoyPreference(soy),
            dairy_free=self.boolean(raw.get("dairy_free", False), f"{path}.dairy_free"),
            vegetarian=self.boolean(raw.get("vegetarian", False), f"{path}.vegetarian"),
            slots=tuple(slots),
            target_overrides=MappingProxyType(overrides),
        )
        try:  # the remaining rules (unique slot ids and names, low <= high) are the store's
            return validate_person(person)
        except BonewiseError as exc:
            raise self.fail(path, str(exc)) from None

    def entry(self, raw: Any, path: str, recipe_ids: set[str]) -> Entry:
        if isinstance(raw, dict) and "recipe_id" in raw:
            raw = self.obj(raw, path, {"recipe_id", "portions"}, set())
            recipe_id = self.text(raw["recipe_id"], f"{path}.recipe_id", limit=100)
            if recipe_id not in recipe_ids:
                raise self.fail(f"{path}.recipe_id", f"{_show(recipe_id)} is not among the bundle's recipes")
            portions = self.number(raw["portions"], f"{path}.portions", 0, MAX_COUNT, positive=True)
            return Entry(None, 0.0, None, portions, recipe_id)
        raw = self.obj(raw, path, {"food_id", "grams"}, {"measure", "count"})
        food_id = self.text(raw["food_id"], f"{path}.food_id", limit=40)
        grams = self.number(raw["grams"], f"{path}.grams", 0, MAX_GRAMS, positive=True)
        measure = None if raw.get("measure") is None else self.text(raw["measure"], f"{path}.measure")
        count = self.optional_number(raw.get("count"), f"{path}.count", 0, MAX_COUNT, positive=True)
        return Entry(food_id, grams, measure, count)

    def entries(self, raw: Any, path: str, recipe_ids: set[str]) -> tuple[Entry, ...]:
        items = self.array(raw, path, MAX_ITEMS_PER_MEAL)
        return tuple(self.entry(e, f"{path}[{i}]", recipe_ids) for i, e in enumerate(items))

    def week(self, raw: Any, path: str, slot_ids: set[str], recipe_ids: set[str],
             seen: set[IsoWeek]) -> tuple[IsoWeek, tuple[DayPlan, ...]]:
        raw = self.obj(raw, path, {"week", "days"}, set())
        text = raw["week"]
        match = _WEEK.match(text) if isinstance(text, str) else None
        try:
            week = IsoWeek(int(match[1]), int(match[2])) if match else None
        except ValueError:
            week = None
        if week is None:
            raise self.fail(f"{path}.week", f"must be an ISO week written YYYY-Www that exists, "
                            f"got {_show(text)}")
        if week in seen:
            raise self.fail(f"{path}.week", f"{week} appears twice")
        days: dict[dt.date, DayPlan] = {}
        for d, raw_day in enumerate(self.array(raw["days"], f"{path}.days", 7)):
            p = f"{path}.days[{d}]"
            raw_day = self.obj(raw_day, p, {"date"}, {"note", "meals"})
            date = self.date(raw_day["date"], f"{p}.date")
            if IsoWeek.of(date) != week:
                raise self.fail(f"{p}.date", f"{date.isoformat()} is not in week {week}")
            if date in days:
                raise self.fail(f"{p}.date", f"{date.isoformat()} appears twice")
            note = raw_day.get("note", "")
            if not isinstance(note, str):
                raise self.fail(f"{p}.note", f"must be text, got {_show(note)}")
            if len(note) > MAX_NOTE_LENGTH:
                raise self.fail(f"{p}.note", f"is {len(note)} characters; at most {MAX_NOTE_LENGTH}")
            raw_meals = raw_day.get("meals", {})
            if not isinstance(raw_meals, dict):
                raise self.fail(f"{p}.meals", f"must be an object, got {_show(raw_meals)}")
            meals = {}
            for slot_id, raw_entries in raw_meals.items():
                mp = f"{p}.meals{_key(slot_id)}"
                if slot_id not in slot_ids:
                    raise self.fail(mp, "is not the id of one of person.slots")
                entries = self.entries(raw_entries, mp, recipe_ids)
                if entries:
                    meals[slot_id] = entries
            days[date] = DayPlan(date, MappingProxyType(meals), note)
        # The imported week replaces the whole week: a day not listed is empty.
        return week, tuple(days.get(date, DayPlan(date)) for date in week.dates())

    def recipes(self, raw: list[Any]) -> tuple[Recipe, ...]:
        parsed: dict[str, tuple[int, Any]] = {}
        for r, raw_recipe in enumerate(raw):
            p = f"recipes[{r}]"
            raw_recipe = self.obj(raw_recipe, p, {"id", "name", "portions", "entries"}, set())
            recipe_id = self.text(raw_recipe["id"], f"{p}.id")
            if recipe_id in parsed:
                raise self.fail(f"{p}.id", f"{_show(recipe_id)} appears twice")
            parsed[recipe_id] = (r, raw_recipe)
        ids = set(parsed)
        built: dict[str, Recipe] = {}
        for recipe_id, (r, raw_recipe) in parsed.items():
            p = f"recipes[{r}]"
            entries = self.entries(raw_recipe["entries"], f"{p}.entries", ids)
            if not entries:
                raise self.fail(f"{p}.entries", "must list at least one ingredient")
            built[recipe_id] = Recipe(
                self.text(raw_recipe["name"], f"{p}.name", limit=200), entries,
                self.number(raw_recipe["portions"], f"{p}.portions", 0, MAX_PORTIONS, positive=True),
                recipe_id,
            )
        return self._ordered(built, {rid: r for rid, (r, _) in parsed.items()})

    def _ordered(self, recipes: dict[str, Recipe], index: dict[str, int]) -> tuple[Recipe, ...]:
        """Recipes with every contained recipe before its container; a cycle is an error."""
        done: dict[str, Recipe] = {}
        visiting: set[str] = set()

        def visit(recipe_id: str) -> None:
            if recipe_id in done:
                return
            if recipe_id in visiting:
                raise self.fail(f"recipes[{index[recipe_id]}]", "contains itself through its entries")
            visiting.add(recipe_id)
            for entry in recipes[recipe_id].entries:
                if entry.recipe_id is not None:
                    visit(entry.recipe_id)
            visiting.discard(recipe_id)
            done[recipe_id] = recipes[recipe_id]

        for recipe_id in recipes:
            visit(recipe_id)
        return tuple(done.values())

    def custom_food(self, raw: Any, path: str) -> Food:
        raw = self.obj(raw, path, {"id", "name", "nutrients"}, {"kind", "measures"})
        food_id = self.text(raw["id"], f"{path}.id", limit=40)
        kind = raw.get("kind", FoodKind.CUSTOM.value)
        if kind not in (FoodKind.CUSTOM.value, FoodKind.SUPPLEMENT.value):
            raise self.fail(f"{path}.kind", f'must be "custom" or "supplement", got {_show(kind)}')
        raw_nutrients = raw["nutrients"]
        if not isinstance(raw_nutrients, dict):
            raise self.fail(f"{path}.nutrients", f"must be an object, got {_show(raw_nutrients)}")
        nutrients = {}
        for key, value in raw_nutrients.items():
            p = f"{path}.nutrients{_key(key)}"
            if key not in BY_KEY:
                raise self.fail(p, "is not a known nutrient key (such as calcium_mg)")
            nutrients[key] = self.number(value, p, 0, MAX_NUTRIENT_PER_100G)
        measures = []
        for i, raw_measure in enumerate(self.array(raw.get("measures", []), f"{path}.measures", 50)):
            p = f"{path}.measures[{i}]"
            raw_measure = self.obj(raw_measure, p, {"name", "grams"}, {"amount"})
            measures.append(Measure(
                self.text(raw_measure["name"], f"{p}.name"),
                self.number(raw_measure["grams"], f"{p}.grams", 0, MAX_GRAMS, positive=True),
                self.number(raw_measure.get("amount", 1.0), f"{p}.amount", 0, MAX_COUNT, positive=True),
            ))
        return Food(food_id, self.text(raw["name"], f"{path}.name", limit=200), FoodKind(kind),
                    group="", aisle="", nutrients=MappingProxyType(nutrients), measures=tuple(measures))
