"""Hostile names and search text: stored exactly (trimmed of spaces and invisible characters) or
refused clearly, changing nothing.

Food names (with any nutrients and measures), person names (through the
repository and through ``bonewise person add``) and search text: any Unicode,
markup, SQL and FTS syntax, control characters, lone surrogates, very long text.
"""

from __future__ import annotations

import math

import pytest
from fuzzing import assert_clear_message, fuzz
from hypothesis import given
from hypothesis import strategies as st
from reliability_data import dump, dump_file, foods_for

from bonewise import cli
from bonewise.core.foods import FoodKind, Measure
from bonewise.core.nutrients import BY_KEY
from bonewise.core.plan import Person
from bonewise.core.rules import trim
from bonewise.errors import BonewiseError
from bonewise.store.foodstore import SearchHit
from bonewise.store.repository import Repository

HOSTILE = st.sampled_from([
    "<script>alert(1)</script>", "<b>bold</b> & <i>", "&amp; &lt;", "'; DROP TABLE people; --",
    '"quoted"', "Robert'); --", "\x1b[2J\x1b[31mred", "line\nbreak", "tab\there", "nul\x00byte",
    "\r\n", "\u202eevil\u202c", "\u200b", "\ufeffbom", "\ud800lone", "a\udfff", "🦴🥛🧀", "👩🏽‍⚕️",
    "Zoë", "ZOË", "zoe\u0308", "Зоя", "佐伊", "ゾーイ", "زوي", "ज़ोई", " padded ", "x" * 99, "x" * 101,
    "x" * 10_000, "NEAR(milk cheese)", "milk*", '"milk', "milk OR", "AND", "NOT", "^milk", "name:milk",
    "-milk", "(milk", "{milk}", "%", "_", "\\", "*", "''", "1e309", "NaN", "",
])  # fmt: skip
NAMES = st.text() | HOSTILE | st.builds(lambda a, b: a + b, HOSTILE, st.text(max_size=10))
NUMBERS = (st.floats() | st.integers(-(10**20), 10**20)
           | st.sampled_from([10**400, math.nan, -0.0, 1e12, 2**1023, "120", None, True]))  # fmt: skip
NUTRIENTS = st.dictionaries(st.sampled_from(sorted(BY_KEY)) | st.text(max_size=12), NUMBERS, max_size=4)
MEASURES = st.lists(st.builds(Measure, NAMES, NUMBERS, NUMBERS), max_size=3) | st.sampled_from([[], None, "cup"])


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    repo = Repository.open(tmp_path_factory.mktemp("store"))
    foods = foods_for(repo)
    yield repo, foods
    foods.close()
    repo.close()


@fuzz("names: custom food name, nutrients and measures", 400)
@given(NAMES, NUTRIENTS, MEASURES, st.sampled_from([FoodKind.CUSTOM, FoodKind.SUPPLEMENT, "custom",
                                                    "reference", None]))
def test_custom_foods_are_stored_exactly_or_refused_clearly(store, name, nutrients, measures, kind):
    repo, foods = store
    before = dump(repo.db.conn)
    try:
        food = foods.add_custom(name, nutrients, measures, kind=kind)
    except Exception as exc:  # noqa: BLE001
        assert_clear_message(exc)
        assert dump(repo.db.conn) == before
        return
    assert food.name == trim(name)
    again = foods.get(food.id)
    assert again == food
    assert all(math.isfinite(v) and v >= 0 for v in food.nutrients.values())
    assert all(math.isfinite(m.grams) and m.grams > 0 for m in food.measures)
    assert all(isinstance(h, SearchHit) for h in foods.search(name))


@fuzz("names: person name through the repository", 300)
@given(NAMES)
def test_person_names_are_stored_exactly_or_refused_clearly(store, name):
    repo, _ = store
    before = dump(repo.db.conn)
    try:
        person = repo.save_person(Person(name))
    except Exception as exc:  # noqa: BLE001
        assert_clear_message(exc)
        assert dump(repo.db.conn) == before
        return
    assert person.name == trim(name)
    assert repo.person_by_name(name).id == person.id
    assert repo.person_by_name(trim(name).upper()).id == person.id or name.upper() != name.upper()
    # The same name with an invisible character added is the same person, not a second one.
    assert repo.person_by_name(name + "\u200b").id == person.id
    repo.delete_person(person.id)


@pytest.fixture(scope="module")
def cli_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    Repository.open(folder).close()
    return folder


@fuzz("names: bonewise person add NAME", 80)
@given(NAMES)
def test_person_add_on_the_command_line(cli_folder, capsys, name):
    store = cli_folder / "bonewise.sqlite"
    before = dump_file(store)
    code = cli.main(["--data-dir", str(cli_folder), "person", "add", "--", name])
    out, err = capsys.readouterr()
    if code == 0:
        assert err == "" and out.startswith("Added ")
        with Repository.open(cli_folder) as repo:
            assert repo.person_by_name(name).name == trim(name)
            repo.delete_person(repo.person_by_name(name).id)
        return
    assert dump_file(store) == before
    assert code == 1, err
    assert err.startswith("bonewise: error: ") and err.count("\n") == 1, err


@fuzz("search: any text and limit", 500)
@given(NAMES | st.text(alphabet='"*^():-+ NEAROTDab{}[],.%_\\\'', max_size=30),
       st.integers(-5, 5000) | st.sampled_from([0, 1, 20, 10**30]))
def test_search_never_fails_and_changes_nothing(store, text, limit):
    repo, foods = store
    before = dump(repo.db.conn)
    hits = foods.search(text, limit=limit)
    assert isinstance(hits, list) and all(isinstance(h, SearchHit) for h in hits)
    assert len(hits) <= max(0, min(limit, 1000))
    assert len({h.food_id for h in hits}) == len(hits)
    assert dump(repo.db.conn) == before


def test_a_huge_integer_nutrient_is_refused_clearly(store):
    repo, foods = store
    before = dump(repo.db.conn)
    with pytest.raises(BonewiseError):
        foods.add_custom("Huge", {"calcium_mg": 10**400}, [])
    assert dump(repo.db.conn) == before
