"""Plan bundles: round trips, and rejected bundles that change nothing."""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import dataclass
from types import MappingProxyType

import pytest

from bonewise.core.foods import Food, FoodKind, Measure
from bonewise.core.plan import Allergen, DayPlan, Diet, Entry, IsoWeek, MealSlot, Person, Recipe
from bonewise.errors import BonewiseError
from bonewise.store import bundles
from bonewise.store.bundles import BundleError, export_bundle, import_bundle, parse_bundle
from bonewise.store.repository import Repository

WEEK = IsoWeek(2026, 49)
MONDAY = WEEK.monday()
TWO_WEEKS = (WEEK, WEEK.shifted(1))
MILK = Food("01079", "Milk, 2%", FoodKind.REFERENCE, "Dairy", "Dairy",
            {"calcium_mg": 120.0}, (Measure("cup", 244.0),))
KALE = Food("11233", "Kale, raw", FoodKind.REFERENCE, "Vegetables", "Produce", {"calcium_mg": 150.0})


@dataclass(frozen=True)
class Hit:
    food_id: str


class FakeFoods:
    """Reference foods from a dict; custom foods in the user db's custom_foods table, like FoodStore."""

    def __init__(self, repo: Repository, reference=(MILK, KALE)):
        self.db = repo.db
        self.reference = {f.id: f for f in reference}

    def get(self, food_id):
        if food_id in self.reference:
            return self.reference[food_id]
        if not food_id.startswith("u") or not food_id[1:].isdigit():
            return None
        row = self.db.execute(
            "SELECT name, kind, nutrients_json, measures_json FROM custom_foods WHERE id = ?",
            (int(food_id[1:]),),
        ).fetchone()
        if row is None:
            return None
        return Food(food_id, row[0], FoodKind(row[1]), "My foods", "Other", json.loads(row[2]),
                    tuple(Measure(n, g, a) for n, g, a in json.loads(row[3])))

    def search(self, text, limit=20):
        rows = self.db.execute("SELECT id FROM custom_foods WHERE name = ?", (text,)).fetchall()
        return [Hit(f"u{r[0]}") for r in rows][:limit]

    def add_custom(self, name, nutrients, measures, kind=FoodKind.CUSTOM):
        if "calcium_mg" in nutrients and nutrients["calcium_mg"] > 50_000:
            raise BonewiseError("Calcium per 100 g cannot be above 50,000 mg.")
        cursor = self.db.execute(
            "INSERT INTO custom_foods (name, kind, nutrients_json, measures_json) VALUES (?, ?, ?, ?)",
            (name, kind.value, json.dumps(dict(nutrients)),
             json.dumps([[m.name, m.grams, m.amount] for m in measures])),
        )
        return self.get(f"u{cursor.lastrowid}")


def meals(**slots):
    return MappingProxyType({k: tuple(v) for k, v in slots.items()})


@pytest.fixture
def source():
    """A store with Zoë's plan for two weeks, using a recipe (with a sub-recipe) and a custom food."""
    repo = Repository.in_memory()
    foods = FakeFoods(repo)
    quark = foods.add_custom("Oma's Quark <b>", {"calcium_mg": 95.0, "protein_g": 12.0},
                             [Measure("Löffel", 30.0)])
    tabs = foods.add_custom("Calcium 500 + D3 🙂", {"calcium_mg": 50_000.0, "vitamin_d_iu": 40_000.0},
                            [Measure("tablet", 1.0)], kind=FoodKind.SUPPLEMENT)
    stock = repo.save_recipe(Recipe("Stock", (Entry("11233", 400),), 4))
    soup = repo.save_recipe(Recipe("Kale soup", (Entry(None, 0, None, 1.0, stock.id),
                                                 Entry(quark.id, 60, "Löffel", 2.0)), 2))
    repo.save_recipe(Recipe("Unused", (Entry("01079", 100),)))
    zoe = repo.save_person(Person(
        '<b>Zoë & "Mum"</b>', weight_kg=58.0, birth_year=1978, t_score=-1.9, on_warfarin=True,
        vitamin_k_usual_ug=120.0, diet=Diet.PESCATARIAN,
        allergies=frozenset({Allergen.SESAME, Allergen.PEANUTS}), dislikes=frozenset({"15088"}),
        eats_natto=True,
        vitamin_d_lab_ng_ml=24.0, vitamin_d_lab_date=dt.date(2026, 10, 2),
        slots=(MealSlot("breakfast", "Frühstück", True), MealSlot("lunch", "Lunch", True),
               MealSlot("late snack", "Snack 🌙")),
        target_overrides=MappingProxyType({"calcium_mg": (1000.0, 1200.0)}),
    ))
    repo.save_days(zoe.id, [
        DayPlan(MONDAY, meals(breakfast=[Entry("01079", 244, "cup", 1.0), Entry(tabs.id, 1, "tablet", 1.0)],
                              lunch=[Entry(None, 0, None, 1.5, soup.id)]), "Arzttermin 10:00 ☎"),
        DayPlan(MONDAY + dt.timedelta(days=6), meals(**{"late snack": [Entry(quark.id, 150)]})),
        DayPlan(MONDAY + dt.timedelta(days=7), meals(lunch=[Entry("11233", 80)])),
    ])
    yield repo, foods, zoe
    repo.close()


@pytest.fixture
def target():
    repo = Repository.in_memory()
    yield repo, FakeFoods(repo)
    repo.close()


def snapshot(repo):
    return list(repo.db.conn.iterdump())


def bundle_of(source, weeks=TWO_WEEKS):
    repo, foods, zoe = source
    return export_bundle(repo, zoe.id, weeks, foods=foods)


def plan_shape(repo, person_id, week, foods):
    """A week as comparable data: food names, grams, recipe names, notes (ids differ between stores)."""
    recipes = repo.recipes()

    def entry(e):
        if e.recipe_id:
            r = recipes[e.recipe_id]
            return ("recipe", r.name, r.portions, e.count, tuple(entry(x) for x in r.entries))
        return (foods.get(e.food_id).name, e.grams, e.measure, e.count)

    return [(d.date, d.note, {s: [entry(e) for e in es] for s, es in d.meals.items()})
            for d in repo.week(person_id, week).days]


# -- round trips ------------------------------------------------------------------------


def test_export_is_plain_versioned_json(source):
    bundle = bundle_of(source)
    assert (bundle["format"], bundle["version"]) == ("bonewise-plan-bundle", 4)
    assert bundle["person"]["birth_year"] == 1978
    assert json.loads(json.dumps(bundle)) == bundle
    assert [w["week"] for w in bundle["weeks"]] == ["2026-W49", "2026-W50"]
    assert [len(w["days"]) for w in bundle["weeks"]] == [7, 7]
    assert {r["name"] for r in bundle["recipes"]} == {"Stock", "Kale soup"}  # not "Unused"
    assert {f["name"] for f in bundle["custom_foods"]} == {"Oma's Quark <b>", "Calcium 500 + D3 🙂"}
    assert bundle["weeks"][0]["days"][0]["meals"]["breakfast"][0] == {
        "food_id": "01079", "grams": 244.0, "measure": "cup", "count": 1.0}


def test_round_trip_into_another_store(source, target):
    repo, foods, zoe = source
    data = json.dumps(bundle_of(source), ensure_ascii=False)
    other, other_foods = target
    summary = import_bundle(other, data, foods=other_foods)
    assert summary.new_person and summary.person.name == zoe.name
    assert summary.weeks == (WEEK, WEEK.shifted(1))
    assert (summary.entries, summary.recipes_added, summary.custom_foods_added) == (5, 2, 2)
    assert "Imported 2026-W49, 2026-W50 with 5 items" in summary.describe()
    imported = other.person(summary.person.id)
    assert imported == Person(**{**zoe.__dict__, "id": imported.id})
    for week in (WEEK, WEEK.shifted(1)):
        assert plan_shape(other, imported.id, week, other_foods) == plan_shape(repo, zoe.id, week, foods)
    # Exporting again from the new store gives the same bundle, up to ids and time.
    again = export_bundle(other, imported.id, [WEEK, WEEK.shifted(1)], foods=other_foods)
    assert strip_ids(again) == strip_ids(bundle_of(source))


def strip_ids(bundle):
    text = json.dumps({k: v for k, v in bundle.items() if k != "exported_at"}, sort_keys=True)
    for i, f in enumerate(bundle["custom_foods"]):
        text = text.replace(json.dumps(f["id"]), f'"food{i}"')
    for i, r in enumerate(bundle["recipes"]):
        text = text.replace(json.dumps(r["id"]), f'"recipe{i}"')
    for i, e in enumerate(bundle.get("record", [])):
        text = text.replace(json.dumps(e["id"]), f'"record{i}"')
    return json.loads(text)


def test_importing_twice_reuses_recipes_and_foods_and_replaces_the_weeks(source, target):
    data = json.dumps(bundle_of(source))
    other, other_foods = target
    import_bundle(other, data, foods=other_foods)
    once = snapshot(other)
    second = import_bundle(other, data, foods=other_foods)
    assert not second.new_person
    assert (second.recipes_added, second.custom_foods_added) == (0, 0)
    # Same content; only the (fresh) entry ids of the replaced weeks differ.
    def without_entry_ids(dump):
        return [line for line in dump if "plan_entries" not in line]
    assert without_entry_ids(snapshot(other)) == without_entry_ids(once)
    assert other.db.execute("SELECT count(*) FROM plan_entries").fetchone() == (5,)


def test_import_into_same_store_reuses_everything(source):
    repo, foods, zoe = source
    before = plan_shape(repo, zoe.id, WEEK, foods)
    summary = import_bundle(repo, json.dumps(bundle_of(source)), foods=foods)
    assert (summary.new_person, summary.recipes_added, summary.custom_foods_added) == (False, 0, 0)
    assert plan_shape(repo, zoe.id, WEEK, foods) == before


def test_import_as_a_new_name(source):
    repo, foods, zoe = source
    summary = import_bundle(repo, json.dumps(bundle_of(source)), foods=foods, as_name="Людмила")
    assert summary.new_person and summary.person.name == "Людмила"
    assert plan_shape(repo, summary.person.id, WEEK, foods) == plan_shape(repo, zoe.id, WEEK, foods)


def test_merge_keeps_the_profile_replaces_the_weeks_and_adds_missing_slots(source, target):
    other, other_foods = target
    mum = other.save_person(Person('<B>ZOË & "MUM"</B>', weight_kg=70.0))
    friday = MONDAY + dt.timedelta(days=4)
    other.save_days(mum.id, [DayPlan(friday, meals(dinner=[Entry("01079", 100)])),
                             DayPlan(MONDAY - dt.timedelta(days=1), meals(dinner=[Entry("01079", 5)]))])
    summary = import_bundle(other, json.dumps(bundle_of(source, [WEEK])), foods=other_foods)
    merged = other.person(mum.id)
    assert summary.person.id == mum.id and not summary.new_person
    assert merged.weight_kg == 70.0 and merged.name == mum.name
    assert [s.id for s in merged.slots][-1] == "late snack"  # the only slot id mum lacked
    week = other.week(mum.id, WEEK)
    assert week.day(friday).meals == {}  # the imported week replaced the whole week
    assert other.week(mum.id, WEEK.shifted(-1)).days[-1].entries("dinner")[0].grams == 5


def test_a_missing_day_is_an_empty_day(source, target):
    bundle = bundle_of(source, [WEEK])
    bundle["weeks"][0]["days"] = bundle["weeks"][0]["days"][:1]
    other, other_foods = target
    summary = import_bundle(other, json.dumps(bundle), foods=other_foods)
    days = other.week(summary.person.id, WEEK).days
    assert days[0].meals and all(not d.meals for d in days[1:])


def test_export_refuses_a_vanished_custom_food(source):
    repo, foods, zoe = source
    repo.db.execute("DELETE FROM custom_foods")
    with pytest.raises(BonewiseError, match="custom food that no longer exists"):
        export_bundle(repo, zoe.id, [WEEK], foods=foods)


def test_write_and_read_a_file(source, tmp_path):
    path = tmp_path / "zoë plan.json"
    bundles.write_bundle(bundle_of(source), path, data_dir=None)
    assert parse_bundle(bundles.read_bundle_file(path)).person.name == '<b>Zoë & "Mum"</b>'
    assert [p.name for p in tmp_path.iterdir()] == ["zoë plan.json"]
    with pytest.raises(BundleError, match="does not exist"):
        bundles.read_bundle_file(tmp_path / "missing.json")
    with pytest.raises(BundleError, match="folder"):
        bundles.read_bundle_file(tmp_path)


# -- rejected bundles ---------------------------------------------------------------------


def edit(bundle, path, value):
    """Set ``bundle`` at a dotted path ("weeks.0.days.0.note"); value DELETE removes the key."""
    parts = path.split(".")
    node = bundle
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    last = int(parts[-1]) if isinstance(node, list) else parts[-1]
    if value is DELETE:
        del node[last]
    else:
        node[last] = value


DELETE = object()
B = "weeks.0.days.0.meals.breakfast.0"

BAD_EDITS = [
    ("version", 5, r"^version: this Bonewise reads versions 1 to 4 of bundles, got 5"),
    ("person.birth_year", 1961.5, "person.birth_year: The year of birth must be a whole year"),
    ("person.birth_year", "1961", "person.birth_year: The year of birth must be a whole year"),
    ("person.birth_year", 2020, "person.birth_year: The year of birth must be between 1900 and"),
    ("person.diet", "keto", "person.diet: The diet must be one of none, lactose-free, vegetarian, vegan"),
    ("person.allergies", ["gluten"], "person.diet: An allergy must be one of milk, egg"),
    ("person.allergies", "milk", "person.allergies: must be a list"),
    ("person.dislikes", [15088], "person.diet: A food never wanted must be a food id"),
    ("person.eats_natto", "yes", "person.eats_natto: must be true or false"),
    ("person.vitamin_k_usual_ug", 5000, r"person.vitamin_k_usual_ug: The usual daily vitamin K \(µg\) must be"),
    ("person.dairy_free", True, "person.dairy_free: is not a field of this format"),
    ("version", "1", "version: .*got \"1\""),
    ("version", True, "version: .*got true"),
    ("format", "something-else", "format: .*not a Bonewise plan bundle"),
    ("person", DELETE, "^person: is missing$"),
    ("surprise", 1, "^surprise: is not a field of this format$"),
    ("person.name", "", "person.name: must not be empty"),
    ("person.name", "a\u0000b", "person.name: must not contain control characters"),
    ("person.name", 42, "person.name: must be text, got 42"),
    ("person.weight_kg", -60, "person.weight_kg: The body weight must be between 20 and 400 kg, not -60 kg"),
    ("person.weight_kg", "60", "person.weight_kg: The body weight must be a number"),
    ("person.vitamin_d_lab_ng_ml", 300, "person.vitamin_d_lab_ng_ml: .*not plausible; check the unit"),
    ("person.t_score", "low", "person.t_score: A T-score must be a number"),
    ("person.on_warfarin", "yes", "person.on_warfarin: must be true or false"),
    ("person.soy", "pills", "person.soy: must be one of"),
    ("person.soy", ["any"], "person.soy: must be one of .*got a list"),
    ("person.vitamin_d_lab_date", "2026-02-30", "person.vitamin_d_lab_date: must be a date"),
    ("person.vitamin_d_lab_date", "20261002", "person.vitamin_d_lab_date: must be a date"),
    ("person.target_overrides.calcium_mg", [1300, 1000], "person.target_overrides.calcium_mg: The lower end of a target cannot be above its upper end"),
    ("person.target_overrides.iron_mg", [10, None], "person.target_overrides.iron_mg: Bonewise has no target for"),
    ("person.target_overrides.calcium_mg", [None, None], "person.target_overrides.calcium_mg: A target needs a lower end"),
    ("person.target_overrides.calcium_mg", [1], r"person.target_overrides.calcium_mg: must be a \[low, high\] pair"),
    ("person.slots.1.id", "breakfast", "person: Two meal slots share the id"),
    ("weeks", {}, "weeks: must be a list, got an object"),
    ("weeks.0.week", "2026-W54", "weeks\\[0\\].week: must be an ISO week"),
    ("weeks.0.week", "2026-W9", "weeks\\[0\\].week: must be an ISO week"),
    # Written exactly as the format says: no line break after it, ASCII digits (JSON Schema's [0-9]).
    ("weeks.0.week", "2026-W49\n", "weeks\\[0\\].week: must be an ISO week"),
    ("weeks.0.week", "\u0662\u0660\u0662\u0666-W49", "weeks\\[0\\].week: must be an ISO week"),
    ("person.name", "x" * 100 + " ", r"person.name: is too long \(101 characters; at most 100\)"),
    ("person.dislikes", ["  " + "1" * 39], "person.diet: A food never wanted must be a food id"),
    ("weeks.1.week", "2026-W49", r"weeks\[1\].week: 2026-W49 appears twice"),
    ("weeks.0.days.3.date", "2026-12-24", r"weeks\[0\].days\[3\].date: 2026-12-24 is not in week 2026-W49"),
    ("weeks.0.days.3.date", "2026-11-30", r"weeks\[0\].days\[3\].date: 2026-11-30 appears twice"),
    ("weeks.0.days.0.note", ["x"], r"weeks\[0\].days\[0\].note: must be text, got a list"),
    ("weeks.0.days.0.meals.elevenses", [], r"meals.elevenses: is not the id of one of person.slots"),
    (f"{B}.grams", -5, r"^weeks\[0\].days\[0\].meals.breakfast\[0\].grams: must be a number from 0.01 to 100,000, got -5$"),
    (f"{B}.grams", 0, r"breakfast\[0\].grams: must be a number from 0.01 to"),
    (f"{B}.grams", 4e-324, r"breakfast\[0\].grams: must be a number from 0.01 to"),
    (f"{B}.grams", "244", r"breakfast\[0\].grams: .*got \"244\""),
    (f"{B}.grams", None, r"breakfast\[0\].grams: .*got null"),
    (f"{B}.grams", 1e300, r"breakfast\[0\].grams: .*got 1e\+300"),
    (f"{B}.grams", 10**400, r"breakfast\[0\].grams: .*got 1000000000"),
    (f"{B}.count", -1, r"breakfast\[0\].count: must be a number from 0.01 to"),
    (f"{B}.food_id", "99999", r"breakfast\[0\].food_id: unknown food \"99999\""),
    (f"{B}.food_id", "u999", r"breakfast\[0\].food_id: unknown food \"u999\""),
    (f"{B}.extra", 1, r"breakfast\[0\].extra: is not a field of this format"),
    ("weeks.0.days.0.meals.lunch.0.recipe_id", "nope", r"lunch\[0\].recipe_id: \"nope\" is not among the bundle's recipes"),
    ("weeks.0.days.0.meals.lunch.0.portions", 0, r"lunch\[0\].portions: must be a number from 0.01 to"),
    ("recipes.0.portions", -2, r"recipes\[0\].portions: must be a number from 0.1 to"),
    ("recipes.0.portions", 1e-6, r"recipes\[0\].portions: must be a number from 0.1 to"),
    ("recipes.0.entries", [], r"recipes\[0\].entries: must list at least one ingredient"),
    ("custom_foods.0.nutrients.calcium", 5, r"custom_foods\[0\].nutrients.calcium: is not a known nutrient key"),
    ("custom_foods.0.nutrients.calcium_mg", -1, r"custom_foods\[0\].nutrients.calcium_mg: must be a number from 0"),
    ("custom_foods.0.measures.0.grams", 0, r"custom_foods\[0\].measures\[0\].grams: must be a number from 0.01 to"),
    ("custom_foods.0.kind", "reference", r"custom_foods\[0\].kind: must be \"custom\" or \"supplement\""),
]


@pytest.mark.parametrize("path, value, message", BAD_EDITS, ids=[f"{p}={v!r}"[:60] for p, v, _ in BAD_EDITS])
def test_bad_bundles_are_rejected_naming_the_field_and_change_nothing(source, target, path, value, message):
    bundle = copy.deepcopy(bundle_of(source))
    edit(bundle, path, value)
    other, other_foods = target
    other.save_person(Person("Somebody"))
    before = snapshot(other)
    with pytest.raises(BundleError, match=message):
        import_bundle(other, json.dumps(bundle, ensure_ascii=False), foods=other_foods)
    assert snapshot(other) == before


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"format": "bonewise-plan-bundle", "version": 1, "person": {"na', "not valid JSON .*is the file complete"),
        ("", "not valid JSON"),
        ("[1, 2]", "must be a JSON object, got a list"),
        ('{"format": "bonewise-plan-bundle", "format": "x"}', "appears twice"),
        ('{"a": NaN}', "NaN is not a number a bundle may contain"),
        ('{"a": -Infinity}', "-Infinity is not a number"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"a": ' + "9" * 5000 + "}", "not acceptable JSON"),
    ],
)
def test_unreadable_bundles_are_rejected(target, text, message):
    other, other_foods = target
    before = snapshot(other)
    with pytest.raises(BundleError, match=message):
        import_bundle(other, text, foods=other_foods)
    assert snapshot(other) == before


def test_truncated_file_and_binary_junk_change_nothing(source, target):
    data = json.dumps(bundle_of(source)).encode()
    other, other_foods = target
    before = snapshot(other)
    for cut in (10, len(data) // 2, len(data) - 1):
        with pytest.raises(BundleError, match="is the file complete"):
            import_bundle(other, data[:cut], foods=other_foods)
    with pytest.raises(BundleError, match="not UTF-8"):
        import_bundle(other, b"\xff\xfe\x00junk", foods=other_foods)
    assert snapshot(other) == before


def test_oversized_bundle_is_rejected_before_parsing(target, monkeypatch):
    other, other_foods = target
    with pytest.raises(BundleError, match="at most 20 MB"):
        import_bundle(other, b" " * (bundles.MAX_BYTES + 1), foods=other_foods)


def test_recipe_cycle_is_rejected(source, target):
    bundle = bundle_of(source)
    stock = next(r for r in bundle["recipes"] if r["name"] == "Stock")
    soup = next(r for r in bundle["recipes"] if r["name"] == "Kale soup")
    stock["entries"].append({"recipe_id": soup["id"], "portions": 1})
    other, other_foods = target
    with pytest.raises(BundleError, match="contains itself"):
        import_bundle(other, json.dumps(bundle), foods=other_foods)


def test_a_failure_late_in_the_import_rolls_everything_back(source, target):
    """The food store refuses the second custom food after the first was written: nothing stays."""
    bundle = bundle_of(source)
    tabs = next(f for f in bundle["custom_foods"] if f["kind"] == "supplement")
    tabs["nutrients"]["calcium_mg"] = 60_000.0  # within the bundle's bounds, beyond the store's
    bundle["custom_foods"].sort(key=lambda f: f["kind"])  # the plain food goes first and is added
    other, other_foods = target
    before = snapshot(other)
    with pytest.raises(BundleError, match=r"custom_foods\[1\]: Calcium per 100 g"):
        import_bundle(other, json.dumps(bundle), foods=other_foods)
    assert snapshot(other) == before


def test_as_name_is_checked(source, target):
    other, other_foods = target
    with pytest.raises(BonewiseError, match="must not be empty"):
        import_bundle(other, json.dumps(bundle_of(source)), foods=other_foods, as_name="  ")


# -- with the real food store ---------------------------------------------------------


def test_round_trip_and_rollback_with_the_shipped_food_store(tmp_path):
    """Custom foods go through FoodStore.add_custom inside the import's transaction."""
    from bonewise.paths import reference_db_path
    from bonewise.store.foodstore import FoodStore

    with Repository.open(tmp_path / "a") as repo, FoodStore(reference_db_path(), repo.custom_foods) as foods:
        quark = foods.add_custom("Quark <40%>", {"calcium_mg": 95.0}, [Measure("Löffel", 30.0)])
        zoe = repo.save_person(Person("Zoë"))
        repo.save_days(zoe.id, [DayPlan(MONDAY, meals(lunch=[Entry(quark.id, 60), Entry("01079", 244)]))])
        bundle = export_bundle(repo, zoe.id, [WEEK])  # the default food store
    with Repository.open(tmp_path / "b") as other, FoodStore(reference_db_path(), other.custom_foods) as foods:
        summary = import_bundle(other, json.dumps(bundle))
        assert summary.custom_foods_added == 1
        lunch = other.week(summary.person.id, WEEK).days[0].entries("lunch")
        assert [foods.get(e.food_id).name for e in lunch] == ["Quark <40%>", foods.get("01079").name]
        assert import_bundle(other, json.dumps(bundle)).custom_foods_added == 0  # reused
        # The store refuses a second food the bundle format allows: nothing of the import stays.
        bundle["custom_foods"].append({"id": "u99", "name": "Impossible", "nutrients":
                                       {"protein_g": 90.0, "fat_g": 90.0}})
        bundle["weeks"][0]["days"][0]["meals"]["lunch"].append({"food_id": "u99", "grams": 10})
        bundle["person"]["name"] = "Someone new"
        before = snapshot(other)
        with pytest.raises(BundleError, match=r"^custom_foods\[1\]: .*more than 100 g per 100 g"):
            import_bundle(other, json.dumps(bundle))
        assert snapshot(other) == before


def _before_diets(bundle):
    """``bundle`` as versions 1 to 3 wrote a person: no diet, allergies, dislikes or natto."""
    for key in ("diet", "allergies", "dislikes", "eats_natto", "vitamin_k_usual_ug"):
        del bundle["person"][key]
    return bundle


def test_a_version_3_bundle_still_imports_with_its_flags_as_a_diet_and_an_allergy(source, target):
    bundle = _before_diets(bundle_of(source))
    bundle["version"] = 3
    bundle["person"]["vegetarian"] = True
    bundle["person"]["dairy_free"] = True
    other, other_foods = target
    summary = import_bundle(other, json.dumps(bundle), foods=other_foods)
    imported = other.person(summary.person.id)
    assert (imported.diet, imported.allergies, imported.dislikes) == (Diet.VEGETARIAN, {Allergen.MILK}, frozenset())
    bundle["person"]["diet"] = "vegan"
    with pytest.raises(BundleError, match="person.diet: is not a field of this format"):
        parse_bundle(json.dumps(bundle))


# -- the health record (format version 2 on) -------------------------------------------------


def _record_entries():
    from bonewise.core.record import Interval, Kind, RecordEntry

    return [
        RecordEntry(Kind.AROMATASE_INHIBITOR, dt.date(2025, 3, 1), "letrozole"),
        RecordEntry(Kind.BONE_DRUG_DOSE, dt.date(2026, 6, 1), "denosumab", interval=Interval.parse("6m")),
        RecordEntry(Kind.DXA, dt.date(2026, 5, 10), "lumbar spine", -2.1),
        RecordEntry(Kind.FRAX, dt.date(2026, 5, 10), value=14.0),
        RecordEntry(Kind.EXERCISE, dt.date(2026, 9, 1), "balance", 45.0),
    ]


def test_the_health_record_travels_in_the_bundle_once(source, target):
    repo, _, zoe = source
    repo.add_record_entries(zoe.id, _record_entries())
    bundle = bundle_of(source)
    assert [e["kind"] for e in bundle["record"]] == ["ai", "dxa", "frax", "dose", "exercise", "vitamin_d"]
    assert set(bundle["record"][3]) == {"id", "kind", "date", "item", "interval"}  # no value: no key
    other, other_foods = target
    summary = import_bundle(other, json.dumps(bundle), foods=other_foods)
    # The blood level came in with the person; the five other entries were added.
    assert "5 health-record entries" in summary.describe()
    mine = repo.record(zoe.id).entries

    def facts(entries):
        return [(e.kind, e.date, e.item, e.value, e.value2, e.interval) for e in entries]

    assert facts(other.record(summary.person.id).entries) == facts(mine)
    again = import_bundle(other, json.dumps(bundle), foods=other_foods)  # nothing twice
    assert again.record_added == 0 and len(other.record(summary.person.id).entries) == len(mine)


def test_a_version_1_bundle_still_imports(source, target):
    bundle = _before_diets(bundle_of(source))
    bundle["version"] = 1
    del bundle["record"], bundle["person"]["birth_year"]
    other, other_foods = target
    summary = import_bundle(other, json.dumps(bundle), foods=other_foods)
    assert summary.weeks == TWO_WEEKS
    [lab] = other.record(summary.person.id).entries  # the blood level the person carried
    assert (lab.kind.value, lab.value, lab.date) == ("vitamin_d", 24.0, dt.date(2026, 10, 2))
    bundle["record"] = []
    with pytest.raises(BundleError, match="record: is not"):
        parse_bundle(json.dumps(bundle))  # version 1 had no record


def test_a_version_2_bundle_imports_without_a_year_of_birth(source, target):
    bundle = _before_diets(bundle_of(source))
    bundle["version"] = 2
    with pytest.raises(BundleError, match="person.birth_year: is not a field of this format"):
        parse_bundle(json.dumps(bundle))  # version 2 had no year of birth
    del bundle["person"]["birth_year"]
    other, other_foods = target
    summary = import_bundle(other, json.dumps(bundle), foods=other_foods)
    assert other.person(summary.person.id).birth_year is None


@pytest.mark.parametrize("entry, message", [
    ({"id": "a", "kind": "xray", "date": "2026-01-01"}, r"record\[0\]\.kind: must be one of"),
    ({"id": "a", "kind": "dxa", "date": "2026-01-01", "item": "total hip", "value": "low"},
     r"record\[0\]\.value: must be a number"),
    ({"id": "a", "kind": "dxa", "date": "2026-13-01", "item": "total hip", "value": -1}, r"record\[0\]\.date"),
    ({"id": "a", "kind": "dose", "date": "2026-01-01", "item": "denosumab", "interval": "often"},
     r"record\[0\]\.interval: not an interval"),
    ({"id": "a", "kind": "vitamin_d", "date": "2026-01-01", "value": 900}, r"record\[0\]: .*not plausible"),
    # An integer too large for a float is a refusal, not an OverflowError.
    ({"id": "a", "kind": "falls", "date": "2026-01-01", "value": 10**400}, r"record\[0\]\.value: must be a number"),
    ({"id": "a", "kind": "dose", "date": "2026-01-01", "item": "denosumab", "interval": " 6 M"},
     r"record\[0\]\.interval: not an interval"),
    ({"id": "a", "kind": "dose", "date": "2026-01-01", "item": "denosumab", "interval": "\u0666m"},
     r"record\[0\]\.interval: not an interval"),
    ({"id": "a", "kind": "falls", "date": "2026-01-01", "value": 1, "interval": "6m"},
     r"record\[0\]: Falls in the last year takes no interval"),
    ({"id": "a", "kind": "ai", "date": "2026-01-01", "item": " letrozole"}, r"record\[0\]: .*is not one of"),
    ({"id": "a", "kind": "ai", "date": "2026-01-01", "item": 7}, r"record\[0\]\.item: must be text"),
])  # fmt: skip
def test_a_bad_record_entry_is_named_by_its_path(source, entry, message):
    bundle = bundle_of(source)
    bundle["record"] = [entry]
    with pytest.raises(BundleError, match=message):
        parse_bundle(json.dumps(bundle))
