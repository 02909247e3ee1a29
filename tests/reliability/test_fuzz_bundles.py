"""Hostile plan bundles: every one is imported whole or refused with a clear message, changing nothing.

The cases are random JSON documents, mutations of a real bundle (keys deleted,
values of the wrong type, NaN/Infinity literals, huge and tiny numbers, strange
text, duplicated keys, deep nesting) and byte-level damage (truncation, invalid
UTF-8, spliced junk). Each is imported into a store that already holds a person;
a refused import must leave an identical SQL dump of the store.
"""

from __future__ import annotations

import json
import math

import pytest
from fuzzing import assert_clear_message, fuzz
from hypothesis import given
from hypothesis import strategies as st
from reliability_data import dump, fill_store, foods_for

from bonewise.store import bundles
from bonewise.store.repository import Repository

ODD_TEXT = st.sampled_from([
    "", " ", "\n", "\t", "\x00", "\u200b", "\u202e", "\ud800", "\udfff", "\ufeff", "<b>&amp;</b>",
    "' OR 1=1 --", "Zoë", "ЗОЯ", "佐伊", "🦴🥛", "x" * 101, "x" * 5000, "2026-02-30", "2026-W53",
    "2026-W00", "NaN", "1e309", "-0", "None", "null", "u1", "u999999", "sup-nothing", "01079",
])  # fmt: skip
SPECIAL_NUMBERS = st.sampled_from([
    0, -0.0, -1, 1e-320, 5e-324, 1e308, 1e309, -1e309, 10**20, 10**400, 2**63, -(2**63),
    math.nan, math.inf, -math.inf, 0.1 + 0.2, 100_000, 100_000.000001, 1_000_001,
])  # fmt: skip
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30) | ODD_TEXT
    | SPECIAL_NUMBERS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12) | ODD_TEXT,
                                                                inner, max_size=5),
    max_leaves=25,
)  # fmt: skip


@pytest.fixture(scope="module")
def valid_bundle(tmp_path_factory):
    """A real bundle: Zoë's week with custom foods, a supplement and a recipe."""
    with Repository.open(tmp_path_factory.mktemp("source")) as repo:
        zoe = fill_store(repo)
        foods = foods_for(repo)
        bundle = bundles.export_bundle(repo, zoe.id, repo.planned_weeks(zoe.id), foods=foods)
        foods.close()
    return bundle


@pytest.fixture(scope="module")
def target(tmp_path_factory):
    """The store bundles are imported into: it already holds Ann and her week."""
    repo = Repository.open(tmp_path_factory.mktemp("target"))
    fill_store(repo, name="Ann")
    foods = foods_for(repo)
    yield repo, foods
    foods.close()
    repo.close()


def import_or_refuse(target, data: bytes | str) -> bool:
    """Import ``data``; True if it was imported, False if refused cleanly and nothing changed."""
    repo, foods = target
    before = dump(repo.db.conn)
    try:
        bundles.import_bundle(repo, data, foods=foods)
    except Exception as exc:  # noqa: BLE001 - anything but a clear BonewiseError is a bug
        assert_clear_message(exc)
        assert dump(repo.db.conn) == before, f"a refused import changed the store: {exc}"
        assert not repo.db.conn.in_transaction
        return False
    assert repo.db.execute("PRAGMA quick_check").fetchone() == ("ok",)
    return True


def to_json(value) -> str:
    # allow_nan writes NaN/Infinity literals, which a bundle must refuse.
    return json.dumps(value, ensure_ascii=False, allow_nan=True)


@fuzz("bundle: random JSON documents", 200)
@given(JSON)
def test_random_json_documents_are_refused_clearly(target, value):
    assert not import_or_refuse(target, to_json(value))


@st.composite
def mutated(draw, bundle):
    """The bundle with one value somewhere in it deleted, replaced or made strange."""
    doc = json.loads(json.dumps(bundle))
    parent, key = None, None
    node = doc
    # Walk down a random path; stop at a random depth.
    while isinstance(node, (dict, list)) and node and draw(st.integers(0, 4)) > 0:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        parent, key = node, draw(st.sampled_from(keys))
        node = node[key]
    how = draw(st.sampled_from(["delete", "json", "number", "text", "nest", "wrap", "empty"]))
    if parent is None:
        return draw(JSON) if how != "delete" else {}
    if how == "delete":
        del parent[key]
    elif how == "json":
        parent[key] = draw(JSON)
    elif how == "number":
        parent[key] = draw(SPECIAL_NUMBERS | st.floats() | st.integers())
    elif how == "text":
        parent[key] = draw(ODD_TEXT | st.text(max_size=50))
    elif how == "nest":
        parent[key] = [[[[{"a": [[node]]}]]]]
    elif how == "wrap":
        parent[key] = {"value": node}
    else:
        parent[key] = type(node)() if isinstance(node, (dict, list, str)) else None
    return doc


@fuzz("bundle: mutations of a valid bundle", 400)
@given(st.data())
def test_mutated_bundles_are_imported_whole_or_refused_clearly(target, valid_bundle, data):
    import_or_refuse(target, to_json(data.draw(mutated(valid_bundle))))


@st.composite
def damaged_bytes(draw, bundle):
    raw = to_json(bundle).encode("utf-8")
    how = draw(st.sampled_from(["truncate", "invalid utf-8", "splice", "duplicate key"]))
    at = draw(st.integers(0, len(raw)))
    if how == "truncate":
        return raw[:at]
    if how == "invalid utf-8":
        junk = draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80",
                                     b"\xc0\xaf", b"\x80"]))  # fmt: skip
        return raw[:at] + junk + raw[at:]
    if how == "splice":
        return raw[:at] + draw(st.binary(min_size=1, max_size=20)) + raw[at:]
    # a key repeated: a reader that kept the last one would see a different bundle
    return raw.replace(b'"format": ', b'"format": "x", "format": ', 1)


@fuzz("bundle: damaged bytes", 200)
@given(st.data())
def test_damaged_bundle_bytes_are_refused_clearly(target, valid_bundle, data):
    raw = data.draw(damaged_bytes(valid_bundle))
    imported = import_or_refuse(target, raw)
    if imported:  # only junk inside a string may survive, and then it is valid UTF-8 JSON
        json.loads(raw.decode("utf-8-sig"))


@pytest.mark.parametrize("text", [
    "[" * 100_000 + "]" * 100_000,
    '{"a":' * 50_000 + "1" + "}" * 50_000,
    '{"format": "bonewise-plan-bundle", "version": 1, "person": ' + "[" * 30_000 + "]" * 30_000 + "}",
    "9" * 5000,
    '{"format": "bonewise-plan-bundle", "version": 1e400}',
    '{"format": "bonewise-plan-bundle", "version": NaN}',
    '{"format": "bonewise-plan-bundle", "version": -Infinity}',
    "\ufeff\ufeff{}",
    "",
    "null",
])  # fmt: skip
def test_pathological_documents_are_refused_clearly(target, text):
    assert not import_or_refuse(target, text)
    assert not import_or_refuse(target, text.encode("utf-8", "surrogatepass"))


def test_the_valid_bundle_itself_imports(target, valid_bundle):
    assert import_or_refuse(target, to_json(valid_bundle))
