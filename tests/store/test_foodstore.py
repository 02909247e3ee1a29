"""The food store over the shipped reference data: values, K2, supplements, search, custom foods."""

from __future__ import annotations

import hashlib
import math
import shutil
import sqlite3
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bonewise.core.foods import Food, FoodKind, Measure
from bonewise.core.nutrients import BY_SR_NAME, KEYS
from bonewise.errors import BonewiseError
from bonewise.paths import reference_db_path
from bonewise.store.customfoods import CustomFoods
from bonewise.store.foodbuild import content_checksum
from bonewise.store.foodstore import FoodStore, SearchHit
from bonewise.store.foodtext import name_words, prior
from bonewise.store.userdb import open_user_db

FIXTURES = Path(__file__).parents[1] / "fixtures" / "sr24" / "usda_sr24"
FIXTURE_IDS = sorted(
    line.split("|")[0] for line in (FIXTURES / "foods.index").read_text().splitlines() if line
)


@pytest.fixture(scope="module")
def shipped() -> FoodStore:
    """The shipped store without a user store (read-only tests)."""
    with FoodStore(reference_db_path()) as store:
        yield store


@pytest.fixture
def user_db():
    return open_user_db(None)


@pytest.fixture
def store(user_db) -> FoodStore:
    """The shipped store with a fresh in-memory user store."""
    with FoodStore(reference_db_path(), CustomFoods(user_db)) as food_store:
        yield food_store


def ids(hits: list[SearchHit]) -> list[str]:
    return [h.food_id for h in hits]


# ---------------------------------------------------------------------- stored values


@pytest.mark.parametrize("food_id", FIXTURE_IDS)
def test_stored_values_match_the_source_xml(shipped, food_id):
    root = ElementTree.parse(FIXTURES / f"{food_id}.xml").getroot()
    food = shipped.get(food_id)
    assert food is not None
    assert food.name == root.get("name")
    assert food.kind is FoodKind.REFERENCE and food.source == "USDA SR24"
    expected = {BY_SR_NAME[n.get("name")].key: float(n.get("amount")) for n in root.iter("nutrient")}
    sr_nutrients = {k: v for k, v in food.nutrients.items() if k != "vitamin_k2_ug"}
    assert sr_nutrients == expected
    measures = [Measure(m.get("name"), float(m.get("grams")), float(m.get("amount"))) for m in root.iter("measure")]
    assert list(food.measures[: len(measures)]) == measures  # the reviewed table may add some after them
    assert all(m.name == "handful" for m in food.measures[len(measures):])


def test_absent_nutrients_are_unknown_not_zero(shipped):
    oats = shipped.get("20038")  # SR24 gives no vitamin K for oats
    assert "vitamin_k1_ug" not in oats.nutrients
    assert oats.per_100g("vitamin_k1_ug") is None
    filled_milk = shipped.get("01059")  # no vitamin D
    assert filled_milk.per_100g("vitamin_d_iu") is None
    assert shipped.get("01079").per_100g("fiber_g") == 0.0  # a measured zero stays zero


def test_units_and_groups(shipped):
    milk = shipped.get("01079")
    assert milk.nutrients["vitamin_d_iu"] == 49.0  # SR24 "Vitamin D" is in IU
    assert milk.nutrients["calcium_mg"] == 120.0
    assert milk.amount_in("calcium_mg", 244) == pytest.approx(292.8)  # one cup
    assert (milk.group, milk.aisle) == ("Dairy and Egg Products", "Dairy & eggs")
    assert shipped.get("23572").group == "Beef Products"  # id outside the numbered groups
    assert shipped.get("43130").group == "Legumes and Legume Products"  # meatless frankfurter


def test_shipped_store_is_complete_and_matches_its_checksum():
    conn = sqlite3.connect(reference_db_path().resolve().as_uri() + "?mode=ro", uri=True)
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    counts = dict(conn.execute("SELECT data_type, count(*) FROM foods GROUP BY data_type"))
    assert counts["SR24"] == 7907 and counts["supplement label"] == 13
    assert counts["survey_fndds_food"] > 3500 and counts["branded_food"] >= 1
    assert content_checksum(conn) == meta["content_sha256"]
    assert reference_db_path().stat().st_size < 30 * 1024 * 1024  # DESIGN.md budget
    conn.close()


def test_retired_foods_are_left_out(shipped):
    assert shipped.get("03266") is None  # only in deprecated.index
    assert shipped.get("13156") is not None  # in both lists: current


# ---------------------------------------------------------------------- vitamin K


def test_natto_has_k2_with_source_and_evidence(shipped):
    natto = shipped.get("16113")
    assert natto.k2 is not None
    # The Dutch total of all menaquinones beats the Japanese MK-7 value, which leaves the other forms out.
    assert natto.nutrients["vitamin_k2_ug"] == natto.k2.ug_per_100g == 1103.4
    assert natto.k2.source == "Schurgers & Vermeer 2000" and natto.k2.complete
    assert natto.k2.evidence == "unverified"
    assert natto.k2.row_id == 1
    assert "939 (Kamao et al. 2007" in natto.k2.note  # the other sources are named


def test_k1_is_never_counted_as_k2(shipped):
    broccoli = shipped.get("11090")
    assert broccoli.nutrients["vitamin_k1_ug"] > 100
    assert broccoli.k2 is None and "vitamin_k2_ug" not in broccoli.nutrients
    conn = sqlite3.connect(reference_db_path().resolve().as_uri() + "?mode=ro", uri=True)
    # Every K2 value comes from a linked K2 row, never from SR24's vitamin K ...
    unlinked = conn.execute(
        "SELECT count(*) FROM foods WHERE vitamin_k2_ug IS NOT NULL AND id NOT IN "
        "(SELECT food_id FROM k2_estimates WHERE chosen = 1)"
    ).fetchone()[0]
    assert unlinked == 0
    # ... and never from rows whose number includes K1 (total vitamin K) or is only a range.
    with_k1 = {
        row_id for (row_id,) in conn.execute(
            "SELECT row_id FROM k2_sources WHERE total_vitk_incl_k1_ug_per_100g != '' "
            "OR total_mk_range_low_ug_per_100g != ''"
        )
    }
    used = {row_id for (row_id,) in conn.execute("SELECT row_id FROM k2_estimates")}
    assert with_k1 and not (with_k1 & used)
    conn.close()


def test_foods_without_a_k2_row_are_unknown_for_k2(shipped):
    conn = sqlite3.connect(reference_db_path().resolve().as_uri() + "?mode=ro", uri=True)
    with_k2 = conn.execute("SELECT count(*) FROM foods WHERE vitamin_k2_ug IS NOT NULL").fetchone()[0]
    chosen = conn.execute("SELECT count(*) FROM k2_estimates WHERE chosen = 1").fetchone()[0]
    assert with_k2 == chosen < 400
    conn.close()
    assert shipped.get("01079").per_100g("vitamin_k2_ug") is None


def test_k2_winner_rule_and_derived_whole_egg(shipped):
    gouda = shipped.get("01022")
    assert gouda.k2.ug_per_100g == 76.3 and gouda.k2.complete  # the Dutch total beats MK-9 alone (32)
    assert "32 (FrieslandCampina" in gouda.k2.note
    cream_cheese = shipped.get("01017").k2
    assert cream_cheese.country == "USA" and not cream_cheese.complete  # USDA's MK-4 before Australia's MK-5
    assert shipped.get("05062").k2.country == "Netherlands"  # all forms measured, before US or Australian MK-4
    yolk = shipped.get("01125")
    egg = shipped.get("01123")
    assert egg.k2.ug_per_100g == pytest.approx(0.34 * yolk.k2.ug_per_100g, abs=0.001)
    assert "Derived" in egg.k2.note


# ---------------------------------------------------------------------- supplements


def test_supplements_have_dose_measures_and_100x_values(shipped):
    supplements = {f.id: f for f in shipped.supplements()}
    assert len(supplements) == 13
    expected = {
        "sup-calcium-carbonate-500": ("calcium_mg", 500, "tablet"),
        "sup-calcium-carbonate-600": ("calcium_mg", 600, "tablet"),
        "sup-calcium-citrate-200": ("calcium_mg", 200, "tablet"),
        "sup-calcium-citrate-315": ("calcium_mg", 315, "tablet"),
        "sup-vitamin-d3-400": ("vitamin_d_iu", 400, "softgel"),
        "sup-vitamin-d3-1000": ("vitamin_d_iu", 1000, "softgel"),
        "sup-vitamin-d3-2000": ("vitamin_d_iu", 2000, "softgel"),
        "sup-vitamin-d2-1000": ("vitamin_d_iu", 1000, "tablet"),
        "sup-k2-mk7-90": ("vitamin_k2_ug", 90, "capsule"),
        "sup-k2-mk7-180": ("vitamin_k2_ug", 180, "capsule"),
        "sup-magnesium-oxide-250": ("magnesium_mg", 250, "tablet"),
    }
    for food_id, (key, per_dose, unit) in expected.items():
        food = supplements[food_id]
        assert food.kind is FoodKind.SUPPLEMENT and food.aisle == "Pharmacy & supplements"
        dose = food.measure(unit)
        assert dose is not None and dose.grams == 1.0
        assert food.amount_in(key, dose.grams) == pytest.approx(per_dose)
        assert shipped.usual_serving(food) == dose
    mk7 = supplements["sup-k2-mk7-180"]
    assert mk7.k2.ug_per_100g == 18_000 and mk7.k2.evidence == "label"


# ---------------------------------------------------------------------- lookup


def test_get_unknown_and_odd_ids(shipped):
    for odd in ("99999", "", "u0", "u", "u１", "x" * 10_000, None, 1079):
        assert shipped.get(odd) is None
    assert shipped.get("01079") is shipped.get("01079")  # cached
    found = shipped.get_many(["01079", "nope", "16113"])
    assert set(found) == {"01079", "16113"}


def test_usual_serving(shipped):
    assert shipped.usual_serving(shipped.get("01079")).name == "cup"
    assert shipped.usual_serving(shipped.get("01123")).grams < 100  # one egg, not a cup of eggs
    bare = Food("x", "Bare", FoodKind.CUSTOM, "My foods", "Other")
    assert shipped.usual_serving(bare) == Measure("g", 100.0, 100.0)


def test_missing_damaged_or_foreign_reference_file(tmp_path):
    with pytest.raises(BonewiseError, match="missing"):
        FoodStore(tmp_path / "nothing.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(BonewiseError, match="cannot be read"):
        FoodStore(junk)
    other = tmp_path / "other layout #1.sqlite"
    shutil.copy(reference_db_path(), other)
    conn = sqlite3.connect(other)
    conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(BonewiseError, match="layout 999"):
        FoodStore(other)


def test_reference_file_is_never_written(tmp_path):
    copy = tmp_path / "foods.sqlite"
    shutil.copy(reference_db_path(), copy)
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    with FoodStore(copy, CustomFoods(open_user_db(tmp_path / "user.sqlite"))) as food_store:
        food_store.search("milk")
        food_store.get("01079")
        food_store.add_custom("Quark", {"protein_g": 12}, [])
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("foods")) == ["foods.sqlite"]


# ---------------------------------------------------------------------- search


def test_milk_gives_plain_milks_before_milk_chocolate(shipped):
    hits = shipped.search("milk", 100)
    plain = [i for i, h in enumerate(hits) if h.name.startswith("Milk, ") and "chocolate" not in h.name.lower()]
    chocolate = [i for i, h in enumerate(hits) if "milk chocolate" in h.name.lower()]
    assert len(plain) >= 4 and plain[3] < 12
    assert all(plain[3] < i for i in chocolate)


def test_egg_gives_the_whole_egg_before_eggplant(shipped):
    hits = shipped.search("egg", 200)
    assert hits[0].name.startswith("Egg, whole")
    assert "11209" not in ids(hits[:20])  # eggplant


def test_words_in_any_order(shipped):
    assert ids(shipped.search("cheddar cheese"))[0] == "01009"
    assert ids(shipped.search("cheese cheddar"))[0] == "01009"
    assert ids(shipped.search("Cheese,   CHEDDAR!"))[0] == "01009"


def test_prefixes(shipped):
    assert any("sardine" in h.name.lower() for h in shipped.search("sard", 5))
    assert "sardines" in shipped.search("sardines", 5)[0].name.lower()
    assert "01009" in ids(shipped.search("ched chee", 5))


def test_one_letter_typos(shipped):
    assert shipped.search("yoghurt", 5)[0].name.startswith("Yogurt")
    assert ids(shipped.search("brocoli", 3))[0] == "11090"
    assert ids(shipped.search("chese chedar", 3))[0] == "01009"


def test_accents_are_ignored(store):
    creme = store.add_custom("Crème fraîche", {"fat_g": 30}, [])
    assert creme.id in ids(store.search("creme"))
    assert creme.id in ids(store.search("CRÈME FRAÎCHE"))
    assert "18313" in ids(store.search("crème", 50))  # SR24 "Pie, coconut creme"


def test_supplements_and_custom_foods_are_ranked_with_the_rest(store):
    assert store.search("calcium citrate")[0].kind is FoodKind.SUPPLEMENT
    assert store.search("k2")[0].food_id.startswith("sup-k2")
    quark = store.add_custom("Quark, plain, low fat", {"protein_g": 12, "calcium_mg": 90}, [])
    hits = store.search("quark")
    assert hits[0] == SearchHit(quark.id, "Quark, plain, low fat", FoodKind.CUSTOM, "My foods")
    assert quark.id in ids(store.search("low fat qua"))


@pytest.mark.parametrize(
    "text",
    ['"', "'", "*", "-", "&", "<", ">", "AND", "OR", "NOT", "NEAR", "milk AND", "milk OR chocolate",
     '"milk', "milk*", "-milk", "^milk", "{head}: milk", "head:milk", "(milk", "milk)", "a:b",
     "%", "_", "\\", "\x00", "\n\t", "' OR 1=1 --", "🙂", "豆腐", "Творог", "ﷺ", "\u200b", "   ", ""],
)
def test_hostile_queries_are_safe(store, text):
    hits = store.search(text)
    assert isinstance(hits, list)
    assert all(isinstance(h, SearchHit) for h in hits)


def test_huge_and_odd_inputs(store):
    assert store.search("milk " * 2000)  # 10 kB of text
    assert store.search("x" * 10_000) == []
    assert store.search("milk", 0) == []
    assert len(store.search("m", 1000)) <= 1000
    assert len(store.search("milk", -5)) == 0
    assert store.search("milk", float("nan"))  # an odd limit falls back to the default
    assert store.search(None) == []  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=120))
def test_search_never_raises(shipped, text):
    for hit in shipped.search(text, 10):
        assert isinstance(hit, SearchHit)


@settings(max_examples=100, deadline=None)
@given(words=st.lists(st.sampled_from(["milk", "AND", '"', "*", "ch", "brocoli", "-", "egg", "NEAR/2", "{"]), max_size=8))
def test_search_never_raises_on_fts_syntax(shipped, words):
    shipped.search(" ".join(words))


# ---------------------------------------------------------------------- custom foods


def test_custom_food_round_trip_and_search(store):
    name = "Oma's Quark <b> & \"friends\" 🙂"
    food = store.add_custom(name, {"calcium_mg": 120, "protein_g": 11.5}, [Measure("cup", 225.0), Measure("tbsp", 15.0, 1.0)])
    assert food.id.startswith("u") and food.name == name and food.kind is FoodKind.CUSTOM
    assert food.nutrients == {"calcium_mg": 120.0, "protein_g": 11.5}
    assert store.get(food.id) == food
    assert food.id in ids(store.search("quark"))
    assert food.id in ids(store.search("friends oma"))


def test_custom_food_lives_only_in_the_user_store(tmp_path):
    user = open_user_db(tmp_path / "user.sqlite")
    with FoodStore(reference_db_path(), CustomFoods(user)) as first:
        food = first.add_custom("Quarkspeise", {"protein_g": 11}, [])
    with FoodStore(reference_db_path(), CustomFoods(open_user_db(tmp_path / "user.sqlite"))) as again:
        assert again.get(food.id).name == "Quarkspeise"
    with FoodStore(reference_db_path(), CustomFoods(open_user_db(tmp_path / "other.sqlite"))) as other:
        assert other.get(food.id) is None
        assert other.search("quarkspeise") == []


def test_update_and_delete_custom(store):
    food = store.add_custom("Kefir", {"calcium_mg": 100}, [])
    changed = Food(food.id, "Kefir, homemade", FoodKind.CUSTOM, "Dairy", "Fridge", {"calcium_mg": 130}, (Measure("glass", 200.0),))
    store.update_custom(changed)
    again = store.get(food.id)
    assert (again.name, again.group, again.aisle, again.nutrients) == ("Kefir, homemade", "Dairy", "Fridge", {"calcium_mg": 130.0})
    assert food.id in ids(store.search("homemade"))
    store.delete_custom(food.id)
    assert food.id not in ids(store.search("kefir"))
    assert store.get(food.id) is not None  # old plans keep their numbers
    with pytest.raises(BonewiseError, match="no food"):
        store.delete_custom(food.id)
    with pytest.raises(BonewiseError, match="only those"):
        store.delete_custom("01079")
    with pytest.raises(BonewiseError, match="only those"):
        store.update_custom(store.get("01079"))


def test_custom_k2_is_shown_as_the_users_own_estimate(store):
    food = store.add_custom("Homemade natto", {"vitamin_k2_ug": 800}, [])
    assert food.k2 is not None and food.k2.ug_per_100g == 800 and food.k2.source == "Your own entry"
    assert store.add_custom("Plain rice", {"vitamin_k1_ug": 1}, []).k2 is None


def test_skim_milk_k2_is_a_measured_zero(shipped):
    skim = shipped.get("01085")
    assert skim.nutrients["vitamin_k2_ug"] == 0.0
    assert "detection limit" in skim.k2.note


def test_custom_supplement(store):
    tablet = store.add_custom("My calcium + D3", {"calcium_mg": 60_000, "vitamin_d_iu": 80_000}, [Measure("tablet", 1.0)], kind=FoodKind.SUPPLEMENT)
    assert tablet.is_supplement and tablet.aisle == "Pharmacy & supplements"
    assert tablet.id in [f.id for f in store.supplements()]


@pytest.mark.parametrize(
    ("name", "nutrients", "measures", "message"),
    [
        ("", {}, [], "needs a name"),
        ("   ", {}, [], "needs a name"),
        ("x" * 201, {}, [], "at most 200"),
        ("line\nbreak", {}, [], "control characters"),
        (42, {}, [], "must be text"),
        ("Bad", {"calcium": 5}, [], "did you mean calcium_mg"),
        ("Bad", {"calcium_mg": -1}, [], "negative"),
        ("Bad", {"calcium_mg": math.nan}, [], "must be a finite number"),
        ("Bad", {"calcium_mg": math.inf}, [], "must be a finite number"),
        ("Bad", {"calcium_mg": "120"}, [], "must be a finite number"),
        ("Bad", {"calcium_mg": True}, [], "must be a finite number"),
        ("Bad", {"calcium_mg": 10**400}, [], "must be a finite number"),
        ("Bad", {10**5000: 1}, [], "thousands of digits"),
        ("Bad", {}, [Measure("cup", 10**400)], "weight above 0"),
        ("Bad", {"protein_g": 150}, [], "not plausible"),
        ("Bad", {"energy_kcal": 5000}, [], "not plausible"),
        ("Bad", {"protein_g": 60, "fat_g": 60}, [], "more than 100 g"),
        ("Bad", {}, [Measure("cup", 0.0)], "weight above 0"),
        ("Bad", {}, [Measure("cup", -3.0)], "weight above 0"),
        ("Bad", {}, [Measure("cup", math.nan)], "weight above 0"),
        ("Bad", {}, [Measure("", 10.0)], "needs a name"),
        ("Bad", {}, [Measure("cup", 10.0), Measure("Cup", 12.0)], "twice"),
        ("Bad", {}, [("cup", 10.0)], "name and its weight"),
        ("Bad", {}, "cup", "list of household measures"),
        ("Bad", [("calcium_mg", 1)], [], "map nutrient keys"),
    ],
)
def test_custom_food_validation(store, user_db, name, nutrients, measures, message):
    with pytest.raises(BonewiseError, match=message):
        store.add_custom(name, nutrients, measures)
    assert user_db.execute("SELECT count(*) FROM custom_foods").fetchone()[0] == 0


def test_custom_kind_must_be_custom_or_supplement(store):
    with pytest.raises(BonewiseError, match="custom"):
        store.add_custom("Milk", {}, [], kind=FoodKind.REFERENCE)


def test_without_a_user_store_custom_foods_cannot_be_saved(shipped):
    with pytest.raises(BonewiseError, match="No user database"):
        shipped.add_custom("Quarkspeise", {}, [])
    assert shipped.get("u1") is None


def test_unicode_names_are_kept_as_typed(store):
    for name in ("Творог 5 %", "豆腐（絹）", "Crème brûlée", "Ωmega 🐟 mix"):
        food = store.add_custom(name, {}, [])
        assert store.get(food.id).name == name


def test_custom_foods_written_elsewhere_are_seen(tmp_path):
    path = tmp_path / "user.sqlite"
    with FoodStore(reference_db_path(), CustomFoods(open_user_db(path))) as food_store:
        assert food_store.search("quarkspeise") == []
        other = open_user_db(path)  # e.g. the window while the command line adds a food
        other.execute("INSERT INTO custom_foods (name) VALUES ('Quarkspeise')")
        assert [h.name for h in food_store.search("quarkspeise")] == ["Quarkspeise"]


def test_nutrient_keys_are_all_columns():
    conn = sqlite3.connect(reference_db_path().resolve().as_uri() + "?mode=ro", uri=True)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(foods)")}
    conn.close()
    assert set(KEYS) <= columns


def test_a_name_made_of_symbols_is_found_by_typing_it(store):
    food = store.add_custom("🙂 🥛", {}, [])
    assert ids(store.search(" 🙂 🥛 ")) == [food.id]
    assert store.search("🙂") == []


def test_stored_search_words_match_the_current_text_rules():
    """Changing foodtext without rebuilding the store would rank with stale words."""
    conn = sqlite3.connect(reference_db_path().resolve().as_uri() + "?mode=ro", uri=True)
    rows = conn.execute(
        f"SELECT f.name, f.data_type, f.category, f.group_code, f.words, f.head_len, f.prior, "
        f"(SELECT count(*) FROM measures m WHERE m.rank = f.rank), "
        f"{' + '.join(f'({k} IS NOT NULL)' for k in KEYS if k != 'vitamin_k2_ug')} FROM foods f"
    ).fetchall()
    conn.close()
    for name, data_type, category, group, words, head_len, stored_prior, measures, known in rows:
        expected = name_words(name)
        assert (words, head_len) == (" ".join(expected.words), expected.head_len), name
        # SR24's own nutrients only: K2 is linked after the ranking is computed.
        assert stored_prior == prior(
            name, expected, group_code=group, nutrient_count=known, measure_count=measures,
            reference=data_type == "SR24",
            data_type="survey_fndds_food" if data_type == "SR24" and category else data_type,
        ), name
