"""docs/plan-bundle.schema.json states the plan-bundle format; these tests keep it and the checker together.

- Its limits and word lists are the constants and enums of the code (nothing written twice drifts).
- Every bundle Bonewise exports, of every version it reads, passes it.
- On many mutated bundles the schema and the import agree: whatever the schema rejects,
  Bonewise refuses with one sentence and without changing the store; whatever the schema
  accepts, Bonewise imports, unless the refusal is one of the checks JSON Schema cannot
  state (CHECKER_ONLY below, also listed in the schema's description).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bonewise.core import amounts, edits, rules, targets
from bonewise.core.example_week import place_example_week
from bonewise.core.foods import FoodKind, Measure
from bonewise.core.nutrients import BY_KEY
from bonewise.core.plan import (
    DAYS_PER_WEEK,
    Allergen,
    Diet,
    IsoWeek,
    MealSlot,
    Person,
    SoyPreference,
    WeekPlan,
)
from bonewise.core.record import ITEMS, Interval, Kind, RecordEntry
from bonewise.errors import BonewiseError
from bonewise.paths import reference_db_path
from bonewise.store.bundles import export_bundle, import_bundle, schema
from bonewise.store.foodstore import FoodStore
from bonewise.store.repository import Repository

SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "plan-bundle.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
WEEK = IsoWeek(2026, 49)
MILK, KALE, CHEDDAR, SARDINES = "01079", "11233", "01009", "15088"


def at(pointer: str) -> Any:
    node = SCHEMA
    for part in pointer.split("/"):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def record_kind(kind: Kind) -> dict[str, Any]:
    """The rules the schema gives entries of ``kind``."""
    [then] = [c["then"] for c in SCHEMA["$defs"]["record_entry"]["allOf"]
              if c["if"]["properties"]["kind"]["const"] == kind.value]  # fmt: skip
    return then


# -- the schema's numbers and words are the code's --------------------------------------

P = "$defs/person_common/properties"
V4 = "$defs/person_v4/properties"
DAY = "$defs/week/properties/days/items/properties"
FOOD = "$defs/food_entry/properties"
CUSTOM = "$defs/custom_food/properties"
MEASURE = f"{CUSTOM}/measures/items/properties"
DATE_LENGTH = len("YYYY-MM-DD")

BOUNDS: dict[tuple[str, str], float] = {
    ("properties/weeks", "maxItems"): schema.MAX_WEEKS,
    ("properties/recipes", "maxItems"): schema.MAX_RECIPES,
    ("properties/custom_foods", "maxItems"): schema.MAX_CUSTOM_FOODS,
    ("properties/record", "maxItems"): rules.MAX_RECORD_ENTRIES,
    ("$defs/info_text", "maxLength"): schema.MAX_INFO_TEXT,
    ("$defs/date", "maxLength"): DATE_LENGTH,
    (f"{P}/name", "maxLength"): rules.MAX_PERSON_NAME,
    (f"{P}/weight_kg", "minimum"): targets.MIN_WEIGHT_KG,
    (f"{P}/weight_kg", "maximum"): targets.MAX_WEIGHT_KG,
    (f"{P}/t_score", "minimum"): targets.MIN_T_SCORE,
    (f"{P}/t_score", "maximum"): targets.MAX_T_SCORE,
    (f"{P}/vitamin_d_lab_ng_ml", "maximum"): targets.MAX_LAB_NG_ML,
    (f"{P}/slots", "maxItems"): rules.MAX_SLOTS,
    (f"{P}/slots/items/properties/id", "maxLength"): rules.MAX_SLOT_ID,
    (f"{P}/slots/items/properties/name", "maxLength"): rules.MAX_SLOT_NAME,
    (f"{P}/target_overrides/additionalProperties", "minItems"): 2,  # [low, high]
    (f"{P}/target_overrides/additionalProperties", "maxItems"): 2,
    (f"{P}/target_overrides/additionalProperties/items", "maximum"): targets.MAX_TARGET_VALUE,
    ("$defs/birth_year", "minimum"): targets.EARLIEST_BIRTH_YEAR,
    (f"{V4}/allergies", "maxItems"): len(Allergen),
    (f"{V4}/dislikes", "maxItems"): rules.MAX_DISLIKES,
    (f"{V4}/dislikes/items", "maxLength"): rules.MAX_FOOD_ID,
    (f"{V4}/vitamin_k_usual_ug", "minimum"): rules.MIN_USUAL_VITAMIN_K_UG,
    (f"{V4}/vitamin_k_usual_ug", "maximum"): rules.MAX_USUAL_VITAMIN_K_UG,
    ("$defs/week/properties/week", "maxLength"): len("YYYY-Www"),
    ("$defs/week/properties/days", "maxItems"): DAYS_PER_WEEK,
    (f"{DAY}/note", "maxLength"): rules.MAX_STORED_NOTE_CHARS,
    (f"{DAY}/meals/propertyNames", "maxLength"): rules.MAX_SLOT_ID,
    ("$defs/entries", "maxItems"): schema.MAX_ITEMS_PER_MEAL,
    (f"{FOOD}/food_id", "maxLength"): rules.MAX_FOOD_ID,
    (f"{FOOD}/grams", "minimum"): rules.MIN_GRAMS,
    (f"{FOOD}/grams", "maximum"): rules.MAX_GRAMS,
    (f"{FOOD}/measure", "maxLength"): rules.MAX_LABEL,
    (f"{FOOD}/count", "minimum"): rules.MIN_COUNT,
    (f"{FOOD}/count", "maximum"): rules.MAX_STORED_COUNT,
    ("$defs/recipe_entry/properties/recipe_id", "maxLength"): schema.MAX_RECIPE_ID,
    ("$defs/recipe_entry/properties/portions", "minimum"): rules.MIN_COUNT,
    ("$defs/recipe_entry/properties/portions", "maximum"): rules.MAX_STORED_COUNT,
    ("$defs/recipe/properties/id", "maxLength"): schema.MAX_RECIPE_ID,
    ("$defs/recipe/properties/name", "maxLength"): rules.MAX_RECIPE_NAME,
    ("$defs/recipe/properties/portions", "minimum"): rules.MIN_RECIPE_PORTIONS,
    ("$defs/recipe/properties/portions", "maximum"): rules.MAX_RECIPE_PORTIONS,
    (f"{CUSTOM}/id", "maxLength"): rules.MAX_FOOD_ID,
    (f"{CUSTOM}/name", "maxLength"): rules.MAX_FOOD_NAME,
    (f"{CUSTOM}/nutrients/additionalProperties", "maximum"): rules.MAX_SUPPLEMENT_PER_100G,
    (f"{CUSTOM}/measures", "maxItems"): rules.MAX_MEASURES,
    (f"{MEASURE}/name", "maxLength"): rules.MAX_LABEL,
    (f"{MEASURE}/grams", "minimum"): rules.MIN_GRAMS,
    (f"{MEASURE}/grams", "maximum"): rules.MAX_GRAMS,
    (f"{MEASURE}/amount", "minimum"): rules.MIN_COUNT,
    (f"{MEASURE}/amount", "maximum"): rules.MAX_STORED_COUNT,
    ("$defs/record_entry/properties/id", "maxLength"): schema.MAX_RECORD_ID,
    ("$defs/record_entry/properties/date", "maxLength"): DATE_LENGTH,
}
# Record entries: (kind, field, keyword) → the bound in core.rules / core.targets.
RECORD_BOUNDS: dict[tuple[Kind, str, str], float] = {
    (Kind.DXA, "value", "minimum"): targets.MIN_T_SCORE,
    (Kind.DXA, "value", "maximum"): targets.MAX_T_SCORE,
    (Kind.VITAMIN_D, "value", "maximum"): targets.MAX_LAB_NG_ML,
    (Kind.FRAX, "value", "maximum"): 100,  # a percentage
    (Kind.FRAX, "value2", "maximum"): 100,
    (Kind.FALLS, "value", "maximum"): rules.MAX_FALLS_A_YEAR,
    (Kind.EXERCISE, "value", "maximum"): rules.MAX_EXERCISE_MINUTES,
}
BOUND_KEYWORDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength",
                  "minItems", "maxItems")  # fmt: skip
# Bounds that need no constant: "not negative", "more than zero", "not empty".
PLAIN_BOUNDS = {("minimum", 0), ("exclusiveMinimum", 0), ("minLength", 1), ("minItems", 1)}


def test_the_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize(("pointer", "keyword"), list(BOUNDS), ids=[f"{p}:{k}" for p, k in BOUNDS])
def test_each_limit_is_the_codes_constant(pointer, keyword):
    assert at(pointer)[keyword] == BOUNDS[pointer, keyword]


def test_each_record_limit_is_the_codes_constant():
    for (kind, field, keyword), value in RECORD_BOUNDS.items():
        assert record_kind(kind)["properties"][field][keyword] == value, (kind, field, keyword)


def _bounds(node: Any, pointer: str = "") -> Iterator[tuple[str, str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in BOUND_KEYWORDS:
                yield pointer, key, value
            else:
                yield from _bounds(value, f"{pointer}/{key}".lstrip("/"))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _bounds(value, f"{pointer}/{i}")


def test_no_limit_in_the_schema_is_a_number_of_its_own():
    """Every bound in the schema is tied to a constant above (or is plainly 0 or "not empty"),
    so a limit changed in the code cannot leave the schema behind unnoticed."""
    record_pointers = {
        (f"$defs/record_entry/allOf/{i}/then/properties/{field}", keyword)
        for i, condition in enumerate(SCHEMA["$defs"]["record_entry"]["allOf"])
        for (kind, field, keyword) in RECORD_BOUNDS
        if condition["if"]["properties"]["kind"]["const"] == kind.value
    }
    loose = [(p, k, v) for p, k, v in _bounds(SCHEMA)
             if (p, k) not in BOUNDS and (p, k) not in record_pointers and (k, v) not in PLAIN_BOUNDS]
    assert not loose, f"bounds not tied to a constant: {loose}"


def test_the_word_lists_are_the_core_enums():
    assert at("properties/format")["const"] == schema.FORMAT
    assert at("properties/version")["enum"] == list(schema.READABLE_VERSIONS)
    assert max(schema.READABLE_VERSIONS) == schema.VERSION
    assert at(f"{P}/soy")["enum"] == [s.value for s in SoyPreference]
    assert at(f"{V4}/diet")["enum"] == [d.value for d in Diet]
    assert at(f"{V4}/allergies/items")["enum"] == [a.value for a in Allergen]
    assert at(f"{P}/target_overrides/propertyNames")["enum"] == list(targets.default_targets())
    assert at("$defs/nutrient_key")["enum"] == list(BY_KEY)
    assert at(f"{CUSTOM}/kind")["enum"] == [FoodKind.CUSTOM.value, FoodKind.SUPPLEMENT.value]
    assert at("$defs/record_entry/properties/kind")["enum"] == [k.value for k in Kind]
    for kind, words in ITEMS.items():
        item = record_kind(kind)["properties"]["item"]
        assert item == ({"const": ""} if words is None else {"enum": [w.value for w in words]}), kind


def test_every_version_has_its_own_person():
    by_version = {c["if"]["properties"]["version"]["const"]: c["then"] for c in SCHEMA["allOf"]}
    assert sorted(by_version) == list(schema.READABLE_VERSIONS)


def _matches(pointer: str, text: str) -> bool:
    return re.search(at(pointer)["pattern"], text) is not None


def test_the_date_patterns_span_the_years_the_code_allows():
    first, last = rules.FIRST_YEAR, rules.LAST_YEAR
    assert _matches("$defs/date", f"{first}-01-01") and _matches("$defs/date", f"{last}-12-31")
    assert not _matches("$defs/date", f"{first - 1}-12-31") and not _matches("$defs/date", f"{last + 1}-01-01")
    week = "$defs/week/properties/week"
    assert _matches(week, f"{first}-W01") and _matches(week, f"{last}-W52")
    assert not _matches(week, f"{first - 1}-W52") and not _matches(week, "2026-W54")
    record_date = "$defs/record_entry/properties/date"
    earliest = rules.EARLIEST_RECORD_DATE
    assert _matches(record_date, earliest.isoformat()) and _matches(record_date, "2100-12-31")
    assert not _matches(record_date, (earliest - dt.timedelta(days=1)).isoformat())
    assert not _matches(record_date, "2101-01-01")
    interval = "$defs/record_entry/properties/interval"
    assert all(_matches(interval, str(Interval.parse(t))) for t in ("1w", "6m", "12m", "999w"))
    assert not any(_matches(interval, t) for t in ("0w", "06m", "6M", " 6m", "1000w", "6d"))


# -- real bundles --------------------------------------------------------------------------


def _record() -> list[RecordEntry]:
    day = dt.date(2026, 5, 10)
    return [
        RecordEntry(Kind.AROMATASE_INHIBITOR, dt.date(2025, 3, 1), "letrozole"),
        RecordEntry(Kind.BONE_DRUG_DOSE, dt.date(2026, 6, 1), "denosumab", interval=Interval.parse("6m")),
        RecordEntry(Kind.BONE_DRUG_DOSE, dt.date(2026, 6, 8), "alendronate", interval=Interval.parse("1w")),
        RecordEntry(Kind.DXA, day, "lumbar spine", -2.1),
        RecordEntry(Kind.VITAMIN_D, day, value=31.5),
        RecordEntry(Kind.FRAX, day, value=14.0),
        RecordEntry(Kind.FRAX, day + dt.timedelta(days=1), value=12.0, value2=3.1),
        RecordEntry(Kind.FALLS, day, value=2.0),
        RecordEntry(Kind.EXERCISE, dt.date(2026, 9, 1), "balance", 45.0),
    ]


def _bundles(repo: Repository, foods: FoodStore) -> dict[str, dict[str, Any]]:
    """Real exports: the example week, nested recipes, a health record, custom foods, people and weeks."""
    out: dict[str, dict[str, Any]] = {}
    ann = repo.save_person(Person("Ann", birth_year=1961))
    plan, _ = place_example_week(WeekPlan.empty(ann.saved_id, WEEK), foods)
    repo.save_week(plan)
    out["example week"] = export_bundle(repo, ann.saved_id, [WEEK], foods=foods)

    zoe = repo.save_person(Person(
        "Zoë 🦴", weight_kg=58.5, birth_year=1970, t_score=-2.6, vitamin_d_lab_ng_ml=24.0,
        vitamin_d_lab_date=dt.date(2026, 10, 2), on_warfarin=True, soy=SoyPreference.WHOLE_FOODS,
        diet=Diet.LACTOSE_FREE_PESCATARIAN, allergies=frozenset({Allergen.SESAME, Allergen.PEANUTS}),
        dislikes=frozenset({SARDINES}), eats_natto=False, vitamin_k_usual_ug=120.0,
        slots=(MealSlot("breakfast", "Frühstück", True), MealSlot("lunch", "Mittag", True),
               MealSlot("late snack", "Snack 🌙")),
        target_overrides=MappingProxyType({"calcium_mg": (1000.0, 1200.0), "sodium_mg": (None, 1500.0),
                                           "protein_g": (1.2, None)}),
    ))  # fmt: skip
    quark = foods.add_custom("Oma's Quark", {"calcium_mg": 95.0, "protein_g": 12.0}, [Measure("Löffel", 30.0)])
    drops = foods.add_custom("D3 drops", {"vitamin_d_iu": 100_000.0}, [Measure("drop", 1.0, 1.0)],
                             kind=FoodKind.SUPPLEMENT)  # fmt: skip
    sauce = repo.save_recipe(rules.make_recipe("Cheese sauce", [amounts.entry_for(foods.get(CHEDDAR), grams=60),
                                                                amounts.entry_for(quark, measure="Löffel")]))
    bake = repo.save_recipe(rules.make_recipe("Kale bake", [amounts.entry_for(foods.get(KALE), grams=300),
                                                            amounts.entry_for_recipe(sauce, 1.0)], portions=3))
    menu = repo.save_recipe(rules.make_recipe("Party menu", [amounts.entry_for_recipe(bake, 2.0)], portions=6))
    weeks = [WEEK.shifted(n) for n in range(3)]
    for n, week in enumerate(weeks):
        plan = repo.week(zoe.saved_id, week)
        monday = week.monday()
        plan, _ = edits.place(plan, monday, "breakfast", amounts.entry_for(foods.get(MILK), measure="cup"))
        plan, _ = edits.place(plan, monday, "late snack", amounts.entry_for(drops, measure="drop", count=2))
        plan, _ = edits.place(plan, monday + dt.timedelta(days=n + 2), "lunch",
                              amounts.entry_for_recipe(menu if n else bake, 1.5))  # fmt: skip
        plan, _ = edits.set_note(plan, monday, f"Week {n + 1}: Arzttermin 10:00 ☎\nthen walk")
        repo.save_week(plan)
    repo.add_record_entries(zoe.saved_id, _record())
    out["nested recipes, custom foods, record, three weeks"] = export_bundle(repo, zoe.saved_id, weeks, foods=foods)
    out["an empty week"] = export_bundle(repo, zoe.saved_id, [WEEK.shifted(10)], foods=foods)
    out["no weeks"] = export_bundle(repo, ann.saved_id, [], foods=foods)
    return out


def older(bundle: dict[str, Any], version: int) -> dict[str, Any]:
    """``bundle`` as an earlier version wrote it (the fields that version had)."""
    old = copy.deepcopy(bundle)
    old["version"] = version
    person = old["person"]
    person["dairy_free"] = "milk" in person.pop("allergies")
    person["vegetarian"] = person.pop("diet") == "vegetarian"
    for key in ("dislikes", "eats_natto", "vitamin_k_usual_ug"):
        del person[key]
    if version < 3:
        del person["birth_year"]
    if version < 2:
        del old["record"]
    return old


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, dict[str, Any]]:
    repo = Repository.open(tmp_path_factory.mktemp("source"))
    foods = FoodStore(reference_db_path(), repo.custom_foods)
    try:
        current = _bundles(repo, foods)
    finally:
        foods.close()
        repo.close()
    full = current["nested recipes, custom foods, record, three weeks"]
    return current | {f"version {v}": older(full, v) for v in (1, 2, 3)}


def _problems(bundle: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(bundle)]


def test_every_exported_bundle_passes_the_schema(exported):
    full = exported["nested recipes, custom foods, record, three weeks"]
    assert len(full["recipes"]) == 3 and len(full["custom_foods"]) == 2
    assert len(full["record"]) == 10  # the nine above and the blood level the person carries
    assert {e["kind"] for e in full["record"]} == {k.value for k in Kind}
    assert len(exported["example week"]["weeks"][0]["days"]) == DAYS_PER_WEEK
    for name, bundle in exported.items():
        assert _problems(json.loads(json.dumps(bundle))) == [], name


def test_a_newer_field_in_an_older_version_fails_the_schema(exported):
    v3 = exported["version 3"]
    assert not VALIDATOR.is_valid(v3 | {"person": v3["person"] | {"diet": "vegan"}})
    assert not VALIDATOR.is_valid(exported["version 1"] | {"record": []})
    v2 = exported["version 2"]
    assert not VALIDATOR.is_valid(v2 | {"person": v2["person"] | {"birth_year": 1970}})
    v4 = exported["nested recipes, custom foods, record, three weeks"]
    assert not VALIDATOR.is_valid(v4 | {"person": v4["person"] | {"dairy_free": True}})


# -- agreement on mutated bundles ----------------------------------------------------------

# What Bonewise refuses although the schema accepts it: the rules JSON Schema cannot state
# (they compare one part of the bundle with another, with the food store or with today's
# date, or look at text beyond its length). Each is named in the schema's description.
CHECKER_ONLY: dict[str, str] = {
    "a recipe_id not among the bundle's recipes": r"is not among the bundle's recipes",
    "a food_id in neither the food store nor custom_foods": r"unknown food",
    "a meal that is not one of person.slots": r"is not the id of one of person\.slots",
    "a recipe containing itself or nested too deep": r"contains itself|levels deep",
    "a date outside its week": r"is not in week",
    "a week, day, recipe or custom food given twice": r"appears twice",
    "two meal slots with one id or one name": r"Two meal slots (share the id|are called)",
    "a date or week that does not exist": r"must be a date written YYYY-MM-DD|must be an ISO week written",
    "blank text, or control characters inside text": r"must not be empty|control characters|food id such as",
    "a year of birth less than 19 years ago": r"The year of birth must be between",
    "a target band upside down, a floor without low end, a ceiling with one":
        r"cannot be above its upper end|is a minimum|is a maximum",
    "nutrients beyond what 100 g can hold for their unit": r"custom_foods\[\d+\]: .*(not plausible|more than 100 g)",
    "a measure named twice": r"is given twice",
    "a lone surrogate in a note": r"invalid character",
}


def checker_only_reason(message: str) -> str | None:
    return next((name for name, pattern in CHECKER_ONLY.items() if re.search(pattern, message)), None)


@pytest.fixture(scope="module")
def target(tmp_path_factory) -> Iterator[tuple[Repository, FoodStore]]:
    """The store bundles are imported into; it already holds a person with a week."""
    repo = Repository.open(tmp_path_factory.mktemp("target"))
    foods = FoodStore(reference_db_path(), repo.custom_foods)
    person = repo.save_person(Person("Zoë 🦴"))
    plan, _ = edits.place(repo.week(person.saved_id, WEEK), WEEK.monday(), "lunch",
                          amounts.entry_for(foods.get(KALE), grams=80))  # fmt: skip
    repo.save_week(plan)
    yield repo, foods
    foods.close()
    repo.close()


def _dump(repo: Repository) -> list[str]:
    return list(repo.db.conn.iterdump())


def imported(target: tuple[Repository, FoodStore], bundle: Any) -> str | None:
    """Import ``bundle``: None if it was imported, else the refusal (after checking that it is
    one sentence and that the store is as it was)."""
    repo, foods = target
    before = _dump(repo)
    try:
        import_bundle(repo, json.dumps(bundle, ensure_ascii=False), foods=foods)
    except BonewiseError as exc:
        message = str(exc)
        assert message.strip() and "\n" not in message and "Traceback" not in message
        assert _dump(repo) == before, f"a refused import changed the store: {message}"
        return message
    return None


def agree(target: tuple[Repository, FoodStore], bundle: Any) -> None:
    """The schema and Bonewise agree on ``bundle`` (see the module's docstring)."""
    problem = next(VALIDATOR.iter_errors(bundle), None)
    refusal = imported(target, bundle)
    if problem is not None:
        assert refusal is not None, f"the schema rejects ({problem.message}) but Bonewise imported it"
    elif refusal is not None:
        assert checker_only_reason(refusal), f"the schema accepts but Bonewise refuses: {refusal}"


NUMBERS = st.sampled_from([
    -1, 0, 0.001, 0.01, 0.1, 1, 2.5, 10, 19.9, 20, 100, 100.5, 250, 250.1, 365, 366, 400, 400.5, 1000,
    1000.5, 1900, 1961, 1961.5, 5000, 5001, 10_000, 10_000.5, 100_000, 100_001, 1_000_000, 1_000_001,
    1e8, 1e8 + 1, 1e300, 10**400, -(10**400),
])  # fmt: skip
WORDS = st.sampled_from([
    "", " ", "x", "Zoë", "none", "vegan", "keto", "milk", "gluten", "any", "pills", "custom", "supplement",
    "reference", "ai", "dxa", "xray", "letrozole", "total hip", "balance", "6m", "1w", "0w", "6M", "12m",
    "2026-11-30", "2026-12-07", "2026-02-30", "1899-12-31", "3000-01-01", "2026-W49", "2026-W50",
    "2026-W53", "2026-W54", "2026-W49\n", "breakfast", "lunch", "01079", "u1", "calcium_mg", "iron_mg",
    "a\u0000b", "\u200b", "x" * 40, "x" * 41, "x" * 60, "x" * 61, "x" * 64, "x" * 65, "x" * 100,
    "x" * 101, "x" * 200, "x" * 201, "x" * 10_000 + "!",
])  # fmt: skip
ODD_VALUES = st.sampled_from([None, True, False, [], {}, [1, 2], {"a": 1}])
FIELDS = st.sampled_from([
    "extra", "record", "birth_year", "diet", "allergies", "dislikes", "dairy_free", "vegetarian",
    "eats_natto", "vitamin_k_usual_ug", "note", "meals", "measure", "count", "amount", "kind", "item",
    "value", "value2", "interval", "recipe_id", "portions", "food_id", "grams",
])  # fmt: skip


def _nodes(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, node
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in items:
        if not (isinstance(child, str) and len(child) > 1000):
            yield from _nodes(child, (*path, key))


@st.composite
def mutated(draw: st.DrawFn, bundles: list[dict[str, Any]]) -> Any:
    """One of ``bundles`` with one to three changes: a key dropped or added, a value of the wrong
    type, a number or a word from near the format's limits and lists, a list emptied or grown,
    another version."""
    doc = copy.deepcopy(draw(st.sampled_from(bundles)))
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):  # mostly one change: near the format's edges
        path, node = draw(st.sampled_from(list(_nodes(doc))))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        how = draw(st.sampled_from(["like", "like", "like", "drop", "add", "value", "number", "word", "list",
                                    "version"]))  # fmt: skip
        if how == "like" and isinstance(node, (int, float)) and not isinstance(node, bool):
            # a number near this one (often still right), or one near a limit
            parent[path[-1]] = draw(st.sampled_from([node * 0.5, node * 2, node + 1, -node]) | NUMBERS)
            continue
        if how == "like":
            how = "word"
        if how == "version":
            doc["version"] = draw(st.sampled_from([*schema.READABLE_VERSIONS, 0, 5, 4.5]))
        elif how == "add" and isinstance(node, dict):
            node[draw(FIELDS)] = draw(ODD_VALUES | NUMBERS | WORDS)
        elif how == "list" and isinstance(node, list):
            if node and draw(st.booleans()):
                node.append(copy.deepcopy(node[-1]))
            else:
                node.clear()
        elif path and how == "drop" and isinstance(parent, dict):
            del parent[path[-1]]
        elif path:
            parent[path[-1]] = draw({"value": ODD_VALUES, "number": NUMBERS}.get(how, WORDS))
    return doc


AGREEMENT_CASES = 150


def _small(bundle: dict[str, Any]) -> dict[str, Any]:
    """``bundle`` with its first week's planned days only: mutations of it check as much, faster."""
    doc = copy.deepcopy(bundle)
    doc["weeks"] = [{"week": w["week"], "days": [d for d in w["days"] if d["meals"]]} for w in doc["weeks"][:1]]
    return doc


@pytest.fixture(scope="module")
def small_bundles(exported) -> list[dict[str, Any]]:
    """The exports but the example week (checked whole above; its 60 items only slow the schema down)."""
    return [_small(b) for name, b in exported.items() if name != "example week"]


@settings(max_examples=AGREEMENT_CASES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])  # fmt: skip
@given(st.data())
def test_schema_and_checker_agree_on_mutated_bundles(target, small_bundles, data):
    agree(target, data.draw(mutated(small_bundles)))


def _edited(bundle: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """``bundle`` with ``value`` at ``path``; in a list, "dose" is the first record entry of that kind."""
    doc = copy.deepcopy(bundle)
    *parents, last = path.split("/")
    node = doc
    for part in parents:
        node = node[_key(node, part)]
    node[_key(node, last)] = value
    return doc


def _key(node: Any, part: str) -> Any:
    if isinstance(node, dict):
        return part
    return int(part) if part.isdigit() else next(i for i, e in enumerate(node) if e["kind"] == part)


E = "weeks/0/days/0/meals/breakfast/0"
R = "recipes/0/entries/1"  # the kale bake's cheese sauce


@pytest.mark.parametrize(("path", "value"), [
    ("person/birth_year", 1961.5), ("person/birth_year", "1961"), ("person/birth_year", 1899),
    ("person/diet", "keto"), ("person/allergies", ["gluten"]), ("person/allergies", ["milk"] * 10),
    ("person/dislikes", ["x" * 41]), ("person/name", "x" * 101), ("person/name", ""), ("person/weight_kg", 19.9),
    ("person/t_score", 10.5), ("person/vitamin_d_lab_ng_ml", 0), ("person/vitamin_k_usual_ug", 9),
    ("person/slots", []), ("person/slots/0/id", "x" * 41), ("person/target_overrides/calcium_mg", [None, None]),
    ("person/target_overrides/iron_mg", [1, 2]), ("person/target_overrides/calcium_mg", [1, 2, 3]),
    ("person/soy", "pills"), ("person/extra", 1), ("version", 5), ("format", "x"),
    ("weeks/0/week", "2026-W54"), ("weeks/0/week", "2026-W49\n"), ("weeks/0/days/0/date", "2026-13-01"),
    ("weeks/0/days/0/note", "x" * 10_001), (f"{E}/grams", 0.001), (f"{E}/grams", True),
    (f"{E}/grams", 10**400), (f"{E}/count", 10_001), (f"{E}/measure", "x" * 101), (f"{E}/food_id", "x" * 41),
    (f"{R}/recipe_id", 5), ("recipes/0/portions", 0.05), ("recipes/0/entries", []), ("recipes/0/name", 1),
    ("custom_foods/0/kind", "reference"), ("custom_foods/0/nutrients/calcium", 1),
    ("custom_foods/0/nutrients/calcium_mg", -1), ("custom_foods/0/measures/0/amount", 0),
    ("record/ai/kind", "xray"), ("record/ai/date", "1949-12-31"), ("record/ai/item", "tamoxifen"),
    ("record/dose/interval", "06m"), ("record/dose/interval", None), ("record/vitamin_d/value", 251),
    ("record/falls/value", 2.5), ("record/frax/value2", 101), ("record/dxa/value2", 1), ("record/ai/value", 1),
    ("record/exercise/item", ""), ("record/frax/value", None),
])  # fmt: skip
def test_what_the_schema_rejects_bonewise_refuses(target, exported, path, value):
    bundle = _edited(exported["nested recipes, custom foods, record, three weeks"], path, value)
    assert _problems(bundle), "the schema should reject this"
    assert imported(target, bundle) is not None


@pytest.mark.parametrize(("reason", "path", "value"), [
    ("a recipe_id not among the bundle's recipes", f"{R}/recipe_id", "nope"),
    ("a food_id in neither the food store nor custom_foods", f"{E}/food_id", "99999"),
    ("a meal that is not one of person.slots", "weeks/0/days/0/meals/elevenses", []),
    ("a date outside its week", "weeks/0/days/0/date", "2026-12-24"),
    ("a week, day, recipe or custom food given twice", "weeks/1/week", "2026-W49"),
    ("two meal slots with one id or one name", "person/slots/1/name", "frühstück"),
    ("a date or week that does not exist", "weeks/0/week", "2025-W53"),
    ("a date or week that does not exist", "weeks/0/days/0/date", "2026-02-30"),
    ("blank text, or control characters inside text", "person/name", " \u200b "),
    ("blank text, or control characters inside text", "person/name", "Zo\u0007ë"),
    ("a year of birth less than 19 years ago", "person/birth_year", dt.date.today().year),
    ("a target band upside down, a floor without low end, a ceiling with one",
     "person/target_overrides/calcium_mg", [1300, 1000]),
    ("a target band upside down, a floor without low end, a ceiling with one",
     "person/target_overrides/protein_g", [None, 2]),
    ("nutrients beyond what 100 g can hold for their unit", "custom_foods/0/nutrients/protein_g", 150),
    ("a measure named twice", "custom_foods/0/measures",
     [{"name": "Löffel", "grams": 30}, {"name": "löffel", "grams": 20}]),
    ("a lone surrogate in a note", "weeks/0/days/0/note", "\ud800"),
])  # fmt: skip
def test_what_only_bonewise_refuses(target, exported, reason, path, value):
    """The legitimate differences: each passes the schema and is refused with its reason."""
    bundle = _edited(exported["nested recipes, custom foods, record, three weeks"], path, value)
    assert _problems(bundle) == []
    refusal = imported(target, bundle)
    assert refusal is not None and checker_only_reason(refusal) == reason, refusal


def test_a_recipe_loop_passes_the_schema_and_is_refused(target, exported):
    bundle = copy.deepcopy(exported["nested recipes, custom foods, record, three weeks"])
    first, last = bundle["recipes"][0], bundle["recipes"][-1]
    last["entries"].append({"recipe_id": first["id"], "portions": 1})
    first["entries"].append({"recipe_id": last["id"], "portions": 1})
    assert _problems(bundle) == []
    assert checker_only_reason(imported(target, bundle) or "") == "a recipe containing itself or nested too deep"


def test_numbers_json_cannot_hold_are_refused_before_the_schema_sees_them(target, exported):
    """NaN and Infinity are not JSON: the reader refuses them (the schema would take NaN for a number)."""
    text = json.dumps(exported["version 1"], allow_nan=True).replace('"weight_kg": 58.5', '"weight_kg": NaN')
    assert "NaN" in text
    with pytest.raises(BonewiseError, match="not acceptable JSON"):
        import_bundle(target[0], text, foods=target[1])
    assert math.isnan(json.loads(text)["person"]["weight_kg"])
