"""Search by the words patients use: every alias resolves, typos are said, not swapped."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from bonewise.core.phrases import understand
from bonewise.paths import reference_db_path
from bonewise.store.foodstore import FoodStore
from bonewise.store.foodtext import query_words, stem, tokens

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped():
    with FoodStore(reference_db_path()) as store:
        yield store


def _groups() -> list[list[str]]:
    with (ROOT / "resources" / "aliases.csv").open(encoding="utf-8", newline="") as handle:
        return [[t.strip() for t in r["terms"].split("|")] for r in csv.DictReader(handle)]


def _names(name: str, term: str) -> bool:
    """True when every word of ``term`` is in the food's name (as a word or its singular)."""
    words = {stem(w) for w in tokens(name)}
    return all(stem(w) in words for w in query_words(term, 10))


@pytest.mark.parametrize("group", _groups(), ids=lambda g: g[0])
def test_every_alias_resolves_to_a_food_named_by_its_group(shipped, group):
    for term in group:
        hits = shipped.search(term, 3)
        assert hits, f"{term!r} finds nothing"
        assert any(_names(h.name, t) for h in hits for t in group), (term, [h.name for h in hits])


def test_exact_words_beat_typo_corrections_and_a_correction_is_said(shipped):
    greek = shipped.find("greek", 5)
    assert greek.corrected is None and all("greek" in h.name.lower() for h in greek.hits)
    typo = shipped.find("brocoli", 5)
    assert typo.corrected == "broccoli" and typo.hits[0].name.startswith("Broccoli")
    assert shipped.find("broccoli", 5).corrected is None


def test_uk_words_find_us_foods(shipped):
    for typed, wanted in (("courgette", "squash"), ("aubergine", "eggplant"), ("prawns", "shrimp"),
                          ("semi skimmed milk", "reduced fat"), ("porridge", "oatmeal"), ("soya milk", "soy"),
                          ("rocket", "arugula"), ("wholemeal bread", "whole wheat")):
        assert wanted in shipped.search(typed, 1)[0].name.lower(), typed


def test_the_generic_food_comes_first(shipped):
    """FNDDS's "not further specified" food is what people mean by the bare word."""
    assert shipped.search("cheese", 1)[0].name == "Cheese, NFS"  # not cream cheese
    assert shipped.search("beans", 1)[0].name == "Beans, NFS"  # not green snap beans
    assert shipped.search("oatmeal", 1)[0].name == "Oatmeal, NFS"  # not oatmeal bread
    assert shipped.search("soy milk", 1)[0].name.startswith("Soy milk")  # not "Milk, imitation, non-soy"


def test_the_patient_words_sample_is_understood(shipped):
    """reference/patient-words.md, as kept in bench/patient_words.csv (set "sample")."""
    with (ROOT / "bench" / "patient_words.csv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["set"] == "sample"]
    assert len(rows) >= 39
    for r in rows:
        found = understand(r["phrase"], shipped, r["meal"] or None)
        assert re.search(r["foods"], found.food.name, re.IGNORECASE), (r["phrase"], found.food.name)
        low, high = float(r["grams_low"]) * 0.85, float(r["grams_high"]) * 1.15
        assert low <= found.portion.grams <= high, (r["phrase"], found.portion)


def test_at_an_equal_score_the_name_that_says_least_comes_first(shipped):
    # "Croissants, cheese" and "Croissant" score the same for "croissant": the plain one is meant.
    hits = shipped.search("croissant", 2)
    assert hits[0].name == "Croissant" and hits[0].score == hits[1].score
