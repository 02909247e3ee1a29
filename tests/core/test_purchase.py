"""The cooking-yields table, checked against the shipped food store it was derived from."""

from __future__ import annotations

import csv
import re
import sqlite3

import pytest

from bonewise import paths
from bonewise.core.purchase import YIELDS_FILE, cooking_yields, parse_yields

ROWS = list(csv.DictReader((paths.resources_dir() / YIELDS_FILE).open(encoding="utf-8")))


@pytest.fixture(scope="module")
def store():
    with sqlite3.connect(f"file:{paths.reference_db_path()}?mode=ro", uri=True) as conn:
        yield {i: (n, w) for i, n, w in conn.execute("SELECT id, name, water_g FROM foods")}


def test_every_yield_is_the_dry_matter_ratio_of_its_two_foods(store):
    assert len(ROWS) >= 100
    for row in ROWS:
        (cooked_name, cooked_water), (dry_name, dry_water) = store[row["cooked_id"]], store[row["dry_id"]]
        assert (row["cooked_name"], row["dry_name"]) == (cooked_name, dry_name)
        assert (float(row["cooked_water_g"]), float(row["dry_water_g"])) == (cooked_water, dry_water)
        assert float(row["yield"]) == round((100 - dry_water) / (100 - cooked_water), 2), row["cooked_id"]


def test_each_pair_is_a_cooked_food_and_its_dry_form(store):
    for row in ROWS:
        assert re.search(r"cooked|boiled|prepared", row["cooked_name"], re.I), row["cooked_name"]
        assert re.search(r"\b(dry|raw|uncooked)\b", row["dry_name"], re.I), row["dry_name"]
        assert not re.search(r"\bcooked\b", row["dry_name"]), row["dry_name"]
        # The same food: the first word (rice, beans, spaghetti ...) matches.
        assert row["cooked_name"].split(",")[0].split()[0] == row["dry_name"].split(",")[0].split()[0]
        assert 2.0 <= float(row["yield"]) <= 7.5


def test_the_everyday_staples_are_covered():
    table = cooking_yields()
    for cooked in ("08121", "20037", "20045", "20121", "20100", "16070", "16057", "16015", "20137"):
        assert cooked in table  # oatmeal, brown and white rice, spaghetti, macaroni, lentils, chickpeas, beans, quinoa


@pytest.mark.parametrize("text, message", [
    ("a,b\n1,2\n", "header"),
    ("cooked_id,dry_id,yield\n1,2,x\n", "line 2: yield must be a number"),
    ("cooked_id,dry_id,yield\n1,1,2.5\n", "line 2: needs two ids"),
    ("cooked_id,dry_id,yield\n1,2,0.5\n", "line 2: needs two ids and a yield above 1"),
    ("cooked_id,dry_id,yield\n1,2,2.5\n1,3,2.5\n", "line 3: 1 is listed twice"),
])  # fmt: skip
def test_a_malformed_yields_table_fails_naming_the_line(text, message):
    with pytest.raises(ValueError, match=message):
        parse_yields(text)
