"""The plan-bundle format: its version, its limits, and the check that turns JSON into core values.

``parse_bundle`` checks a bundle completely before anything is written; every
error names the JSON path of the first bad field. The format is documented in
docs/plan-bundle.md.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from bonewise.core.foods import Food, FoodKind, Measure
from bonewise.core.nutrients import BY_KEY
from bonewise.core.plan import (
    DAYS_PER_WEEK,
    Allergen,
    DayPlan,
    Diet,
    Entry,
    IsoWeek,
    MealSlot,
    Person,
    Recipe,
    SoyPreference,
)
from bonewise.core.record import Interval, Kind, RecordEntry
from bonewise.core.rules import (
    MAX_DISLIKES,
    MAX_FOOD_ID,
    MAX_FOOD_NAME,
    MAX_GRAMS,
    MAX_LABEL,
    MAX_MEASURES,
    MAX_PERSON_NAME,
    MAX_RECIPE_DEPTH,
    MAX_RECIPE_NAME,
    MAX_RECIPE_PORTIONS,
    MAX_RECORD_ENTRIES,
    MAX_SLOT_ID,
    MAX_SLOT_NAME,
    MAX_SLOTS,
    MAX_STORED_COUNT,
    MAX_STORED_NOTE_CHARS,
    MAX_SUPPLEMENT_PER_100G,
    MIN_COUNT,
    MIN_GRAMS,
    MIN_RECIPE_PORTIONS,
    as_float,
    check_date,
    check_diet,
    check_name,
    check_person,
    check_record_entry,
    check_usual_vitamin_k,
    check_week,
    recipe_depths,
    visible_text,
)
from bonewise.core.targets import (
    check_birth_year,
    check_lab_value,
    check_override,
    check_weight,
    t_score_category,
)
from bonewise.errors import BonewiseError

FORMAT = "bonewise-plan-bundle"
VERSION = 4  # 2 added the health record, 3 the year of birth, 4 diet, allergies, dislikes, natto, usual vitamin K
READABLE_VERSIONS = (1, 2, 3, 4)  # 1 to 3 had dairy_free and vegetarian flags instead of a diet
MAX_BYTES = 20 * 1024 * 1024
MAX_WEEKS = 520  # ten years
MAX_ITEMS_PER_MEAL = 200
MAX_RECIPES = 2_000
MAX_CUSTOM_FOODS = 5_000
MAX_RECIPE_ID = 100  # the app writes 32 hex digits
MAX_RECORD_ID = 64
MAX_INFO_TEXT = 100  # exported_at, generator


class BundleError(BonewiseError):
    """A bundle that cannot be read or imported; the message names the bad field."""


@dataclass(frozen=True)
class Bundle:
    """A bundle that passed every check (entries still refer to the bundle's own ids)."""

    person: Person
    weeks: tuple[tuple[IsoWeek, tuple[DayPlan, ...]], ...]
    recipes: tuple[Recipe, ...]  # in an order where contained recipes come first
    custom_foods: tuple[Food, ...]
    record: tuple[RecordEntry, ...] = ()  # the person's health record (version 2)


def parse_bundle(data: bytes | str) -> Bundle:
    """Check ``data`` completely against its format version; BundleError names the first bad field."""
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


def is_custom_id(food_id: str) -> bool:
    # Custom foods are "u<rowid>" in the user store: meaningless in another data folder.
    return food_id.startswith("u")


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
# Matched whole (fullmatch) and with ASCII digits only: "$" would let a trailing line break
# through, and \d would take other scripts' digits, neither of which the format allows.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WEEK = re.compile(r"([0-9]{4})-W([0-9]{2})")
_INTERVAL = re.compile(r"[1-9][0-9]{0,2}[wm]")  # as the app writes one: 1w, 6m, 12m


def path_key(key: str) -> str:
    if _IDENT.match(key) and len(key) <= 40:
        return f".{key}"
    return f"[{visible_text(json.dumps(key, ensure_ascii=False))}]"


def _at(path: str, key: str) -> str:
    """The JSON path of ``key`` inside ``path`` ("weeks[0].days", "meals[\"Früh stück\"]")."""
    return f"{path}{path_key(key)}".removeprefix(".")


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

    def text(self, value: Any, path: str, *, limit: int) -> str:
        if not isinstance(value, str):
            raise self.fail(path, f"must be text, got {_show(value)}")
        if len(value) > limit:  # counted as written, before trimming, as the JSON Schema counts it
            raise self.fail(path, f"is too long ({len(value)} characters; at most {limit})")
        try:
            return check_name(value, "the text", limit)
        except BonewiseError as exc:
            raise self.fail(path, str(exc).removeprefix("the text ").rstrip(".")) from None

    def boolean(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, f"must be true or false, got {_show(value)}")
        return value

    def number(self, value: Any, path: str, low: float, high: float) -> float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if ok and isinstance(value, float) and not math.isfinite(value):
            ok = False
        if not (ok and low <= value <= high):
            raise self.fail(path, f"must be a number from {_plain(low)} to {_plain(high)}, got {_show(value)}")
        return float(value)

    def checked(self, check: Any, value: Any, path: str) -> Any:
        """``check(value)`` with the core's own rule; its message gets the field's path."""
        try:
            return check(value)
        except BonewiseError as exc:
            raise self.fail(path, str(exc)) from None

    def optional_number(self, value: Any, path: str, low: float, high: float) -> float | None:
        return None if value is None else self.number(value, path, low, high)

    def date(self, value: Any, path: str) -> dt.date:
        if isinstance(value, str) and _DATE.fullmatch(value):
            try:
                date = dt.date.fromisoformat(value)
            except ValueError:
                pass
            else:
                return self.checked(lambda d: check_date(d, "the date"), date, path)
        raise self.fail(path, f"must be a date written YYYY-MM-DD, got {_show(value)}")

    # -- the parts

    def bundle(self, raw: Any) -> Bundle:
        if not isinstance(raw, dict):
            raise self.fail("", f"A plan bundle must be a JSON object, got {_show(raw)}.")
        if raw.get("format") != FORMAT:
            raise self.fail("format", f"must be {json.dumps(FORMAT)}, got {_show(raw.get('format'))}"
                            " (this is not a Bonewise plan bundle)")
        version = raw.get("version")
        if type(version) is not int or version not in READABLE_VERSIONS:
            raise self.fail("version", f"this Bonewise reads versions 1 to {VERSION} of bundles, got "
                            f"{_show(version)}; a newer Bonewise may read it")
        self.obj(raw, "", {"format", "version", "person", "weeks"},
                 {"exported_at", "generator", "recipes", "custom_foods", *(("record",) if version >= 2 else ())})
        for key in ("exported_at", "generator"):
            if key in raw:
                self.text(raw[key], key, limit=MAX_INFO_TEXT)
        person = self.person(raw["person"], "person", version)
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
        raw_record = self.array(raw.get("record", []), "record", MAX_RECORD_ENTRIES)
        record = tuple(self.record_entry(r, f"record[{i}]") for i, r in enumerate(raw_record))
        return Bundle(person, tuple(weeks), recipes, custom, record)

    def record_entry(self, raw: Any, path: str) -> RecordEntry:
        raw = self.obj(raw, path, {"id", "kind", "date"}, {"item", "value", "value2", "interval"})
        kind = raw["kind"]
        if not isinstance(kind, str) or kind not in {k.value for k in Kind}:
            choices = ", ".join(json.dumps(k.value) for k in Kind)
            raise self.fail(f"{path}.kind", f"must be one of {choices}, got {_show(kind)}")
        values: list[float | None] = []
        for key in ("value", "value2"):
            value = raw.get(key)
            number = None if value is None else as_float(value)  # a huge integer becomes infinity
            if value is not None and (number is None or not math.isfinite(number)):
                raise self.fail(f"{path}.{key}", f"must be a number, got {_show(value)}")
            values.append(number)
        interval = raw.get("interval")
        if interval is not None:
            if not (isinstance(interval, str) and _INTERVAL.fullmatch(interval)):
                raise self.fail(f"{path}.interval", f"not an interval: {_show(interval)} "
                                "(write 1w for weekly, 6m for every 6 months)")
            interval = Interval.parse(interval)
        item = raw.get("item", "")
        if not isinstance(item, str):  # compared with the kind's words exactly as written
            raise self.fail(f"{path}.item", f"must be text, got {_show(item)}")
        entry = RecordEntry(Kind(kind), self.date(raw["date"], f"{path}.date"), item, values[0], values[1],
                            interval=interval, id=self.text(raw["id"], f"{path}.id", limit=MAX_RECORD_ID))
        return self.checked(check_record_entry, entry, path)

    def person(self, raw: Any, path: str, version: int = VERSION) -> Person:
        fields = {"weight_kg", "t_score", "vitamin_d_lab_ng_ml", "vitamin_d_lab_date",
                  "on_warfarin", "soy", "slots", "target_overrides",
                  *(("birth_year",) if version >= 3 else ())}
        fields |= ({"dairy_free", "vegetarian"} if version < 4 else
                   {"diet", "allergies", "dislikes", "eats_natto", "vitamin_k_usual_ug"})
        raw = self.obj(raw, path, {"name"}, fields)
        name = self.text(raw["name"], f"{path}.name", limit=MAX_PERSON_NAME)
        lab_date = raw.get("vitamin_d_lab_date")
        soy = raw.get("soy", SoyPreference.ANY.value)
        if not isinstance(soy, str) or soy not in {s.value for s in SoyPreference}:
            choices = ", ".join(json.dumps(s.value) for s in SoyPreference)
            raise self.fail(f"{path}.soy", f"must be one of {choices}, got {_show(soy)}")
        slots = []
        raw_slots = self.array(raw.get("slots", [{"id": s.id, "name": s.name, "main_meal": s.main_meal}
                                                 for s in Person("x").slots]), f"{path}.slots", MAX_SLOTS)
        for i, raw_slot in enumerate(raw_slots):
            p = f"{path}.slots[{i}]"
            raw_slot = self.obj(raw_slot, p, {"id", "name"}, {"main_meal"})
            slots.append(MealSlot(self.text(raw_slot["id"], f"{p}.id", limit=MAX_SLOT_ID),
                                  self.text(raw_slot["name"], f"{p}.name", limit=MAX_SLOT_NAME),
                                  self.boolean(raw_slot.get("main_meal", False), f"{p}.main_meal")))
        overrides = {}
        raw_overrides = raw.get("target_overrides", {})
        if not isinstance(raw_overrides, dict):
            raise self.fail(f"{path}.target_overrides", f"must be an object, got {_show(raw_overrides)}")
        for key, band in raw_overrides.items():
            p = f"{path}.target_overrides{path_key(key)}"
            if not isinstance(band, list) or len(band) != 2:
                raise self.fail(p, f"must be a [low, high] pair, got {_show(band)}")
            overrides[key] = self.checked(lambda b, k=key: check_override(k, *b), band, p)
        weight, t_score, lab = (raw.get(k) for k in ("weight_kg", "t_score", "vitamin_d_lab_ng_ml"))
        born = raw.get("birth_year")
        if version < 4:  # the old flags leave out the same foods as these
            vegetarian = self.boolean(raw.get("vegetarian", False), f"{path}.vegetarian")
            dairy_free = self.boolean(raw.get("dairy_free", False), f"{path}.dairy_free")
            diet = Diet.VEGETARIAN if vegetarian else Diet.NONE
            allergies: Any = [Allergen.MILK] if dairy_free else []
            dislikes: Any = []
        else:
            diet = raw.get("diet", Diet.NONE.value)
            allergies = self.array(raw.get("allergies", []), f"{path}.allergies", len(Allergen))
            dislikes = self.array(raw.get("dislikes", []), f"{path}.dislikes", MAX_DISLIKES)
        diet, allergies, dislikes = self.checked(lambda d: check_diet(*d), (diet, allergies, dislikes),
                                                 f"{path}.diet")
        usual_k = raw.get("vitamin_k_usual_ug")
        if usual_k is not None:
            usual_k = self.checked(check_usual_vitamin_k, usual_k, f"{path}.vitamin_k_usual_ug")
        person = Person(
            name=name,
            weight_kg=None if weight is None else self.checked(check_weight, weight, f"{path}.weight_kg"),
            birth_year=None if born is None else self.checked(check_birth_year, born, f"{path}.birth_year"),
            t_score=None if t_score is None else self.checked(_t_score, t_score, f"{path}.t_score"),
            vitamin_d_lab_ng_ml=(
                None if lab is None else self.checked(check_lab_value, lab, f"{path}.vitamin_d_lab_ng_ml")
            ),
            vitamin_d_lab_date=None if lab_date is None else self.date(lab_date, f"{path}.vitamin_d_lab_date"),
            on_warfarin=self.boolean(raw.get("on_warfarin", False), f"{path}.on_warfarin"),
            soy=SoyPreference(soy),
            diet=diet,
            allergies=allergies,
            dislikes=dislikes,
            eats_natto=self.boolean(raw.get("eats_natto", False), f"{path}.eats_natto"),
            vitamin_k_usual_ug=usual_k,
            slots=tuple(slots),
            target_overrides=MappingProxyType(overrides),
        )
        try:  # the remaining rules (unique slot ids and names, low <= high) are the store's
            return check_person(person)
        except BonewiseError as exc:
            raise self.fail(path, str(exc)) from None

    def entry(self, raw: Any, path: str, recipe_ids: set[str]) -> Entry:
        if isinstance(raw, dict) and "recipe_id" in raw:
            raw = self.obj(raw, path, {"recipe_id", "portions"}, set())
            recipe_id = self.text(raw["recipe_id"], f"{path}.recipe_id", limit=MAX_RECIPE_ID)
            if recipe_id not in recipe_ids:
                raise self.fail(f"{path}.recipe_id", f"{_show(recipe_id)} is not among the bundle's recipes")
            portions = self.number(raw["portions"], f"{path}.portions", MIN_COUNT, MAX_STORED_COUNT)
            return Entry(None, 0.0, None, portions, recipe_id)
        raw = self.obj(raw, path, {"food_id", "grams"}, {"measure", "count"})
        food_id = self.text(raw["food_id"], f"{path}.food_id", limit=MAX_FOOD_ID)
        grams = self.number(raw["grams"], f"{path}.grams", MIN_GRAMS, MAX_GRAMS)
        measure = None if raw.get("measure") is None else self.text(raw["measure"], f"{path}.measure", limit=MAX_LABEL)
        count = self.optional_number(raw.get("count"), f"{path}.count", MIN_COUNT, MAX_STORED_COUNT)
        return Entry(food_id, grams, measure, count)

    def entries(self, raw: Any, path: str, recipe_ids: set[str]) -> tuple[Entry, ...]:
        items = self.array(raw, path, MAX_ITEMS_PER_MEAL)
        return tuple(self.entry(e, f"{path}[{i}]", recipe_ids) for i, e in enumerate(items))

    def week(self, raw: Any, path: str, slot_ids: set[str], recipe_ids: set[str],
             seen: set[IsoWeek]) -> tuple[IsoWeek, tuple[DayPlan, ...]]:
        raw = self.obj(raw, path, {"week", "days"}, set())
        text = raw["week"]
        match = _WEEK.fullmatch(text) if isinstance(text, str) else None
        try:
            week = IsoWeek(int(match[1]), int(match[2])) if match else None
        except ValueError:
            week = None
        if week is None:
            raise self.fail(f"{path}.week", f"must be an ISO week written YYYY-Www that exists, "
                            f"got {_show(text)}")
        self.checked(lambda w: check_week(w, "the week"), week, f"{path}.week")
        if week in seen:
            raise self.fail(f"{path}.week", f"{week} appears twice")
        days: dict[dt.date, DayPlan] = {}
        for d, raw_day in enumerate(self.array(raw["days"], f"{path}.days", DAYS_PER_WEEK)):
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
            if len(note) > MAX_STORED_NOTE_CHARS:
                raise self.fail(f"{p}.note", f"is {len(note)} characters; at most {MAX_STORED_NOTE_CHARS}")
            raw_meals = raw_day.get("meals", {})
            if not isinstance(raw_meals, dict):
                raise self.fail(f"{p}.meals", f"must be an object, got {_show(raw_meals)}")
            meals = {}
            for slot_id, raw_entries in raw_meals.items():
                mp = f"{p}.meals{path_key(slot_id)}"
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
            recipe_id = self.text(raw_recipe["id"], f"{p}.id", limit=MAX_RECIPE_ID)
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
                self.text(raw_recipe["name"], f"{p}.name", limit=MAX_RECIPE_NAME), entries,
                self.number(raw_recipe["portions"], f"{p}.portions", MIN_RECIPE_PORTIONS, MAX_RECIPE_PORTIONS),
                recipe_id,
            )
        return self._ordered(built, {rid: r for rid, (r, _) in parsed.items()})

    def _ordered(self, recipes: dict[str, Recipe], index: dict[str, int]) -> tuple[Recipe, ...]:
        """Recipes with every contained recipe before its container; a cycle, or recipes nested
        more than MAX_RECIPE_DEPTH deep, is an error (found without recursion, so that the
        ordering below recurses at most that deep)."""
        for recipe_id, depth in sorted(recipe_depths(recipes).items(), key=lambda kv: index[kv[0]]):
            if depth == math.inf:
                raise self.fail(f"recipes[{index[recipe_id]}]",
                                "contains itself (or a recipe that does) through its entries")  # fmt: skip
            if depth > MAX_RECIPE_DEPTH:
                raise self.fail(f"recipes[{index[recipe_id]}]",
                                f"holds recipes {depth:.0f} levels deep; at most {MAX_RECIPE_DEPTH} "
                                "may sit inside one another")  # fmt: skip
        done: dict[str, Recipe] = {}

        def visit(recipe_id: str) -> None:
            if recipe_id in done:
                return
            for entry in recipes[recipe_id].entries:
                if entry.recipe_id is not None:
                    visit(entry.recipe_id)
            done[recipe_id] = recipes[recipe_id]

        for recipe_id in recipes:
            visit(recipe_id)
        return tuple(done.values())

    def custom_food(self, raw: Any, path: str) -> Food:
        raw = self.obj(raw, path, {"id", "name", "nutrients"}, {"kind", "measures"})
        food_id = self.text(raw["id"], f"{path}.id", limit=MAX_FOOD_ID)
        kind = raw.get("kind", FoodKind.CUSTOM.value)
        if kind not in (FoodKind.CUSTOM.value, FoodKind.SUPPLEMENT.value):
            raise self.fail(f"{path}.kind", f'must be "custom" or "supplement", got {_show(kind)}')
        raw_nutrients = raw["nutrients"]
        if not isinstance(raw_nutrients, dict):
            raise self.fail(f"{path}.nutrients", f"must be an object, got {_show(raw_nutrients)}")
        nutrients = {}
        for key, value in raw_nutrients.items():
            p = f"{path}.nutrients{path_key(key)}"
            if key not in BY_KEY:
                raise self.fail(p, "is not a known nutrient key (such as calcium_mg)")
            nutrients[key] = self.number(value, p, 0, MAX_SUPPLEMENT_PER_100G)
        measures = []
        for i, raw_measure in enumerate(self.array(raw.get("measures", []), f"{path}.measures", MAX_MEASURES)):
            p = f"{path}.measures[{i}]"
            raw_measure = self.obj(raw_measure, p, {"name", "grams"}, {"amount"})
            measures.append(Measure(
                self.text(raw_measure["name"], f"{p}.name", limit=MAX_LABEL),
                self.number(raw_measure["grams"], f"{p}.grams", MIN_GRAMS, MAX_GRAMS),
                self.number(raw_measure.get("amount", 1.0), f"{p}.amount", MIN_COUNT, MAX_STORED_COUNT),
            ))
        return Food(food_id, self.text(raw["name"], f"{path}.name", limit=MAX_FOOD_NAME), FoodKind(kind),
                    group="", aisle="", nutrients=MappingProxyType(nutrients), measures=tuple(measures))
