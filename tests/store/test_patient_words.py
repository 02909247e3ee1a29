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


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("2 eggs", "Egg, whole"),  # not raw against cooked against a duck egg
        ("an egg", "Egg, whole"),
        ("tomato", "Tomatoes, raw"),  # not raw against cooked
        ("a bagel", "Bagel"),  # not plain against multigrain
        ("peanut butter", "Peanut butter"),  # not regular against reduced fat
        ("a slice of wholemeal bread", "Bread, whole wheat"),  # not against the toasted one
        ("cabbage", "Cabbage, raw"),  # the plain cabbage before the red one at the same score
    ],
)
def test_forms_of_one_food_do_not_ask(shipped, typed, name):
    """Enter adds the plain form at once when the close hits are only its other forms."""
    found = understand(typed, shipped)
    assert found.food.name.startswith(name) and not found.ambiguous, (found.food.name, found.alternatives)


@pytest.mark.parametrize("typed", ["a glass of wine", "a cup of rice", "soy milk", "lactose free milk"])
def test_different_foods_that_fit_alike_still_ask(shipped, typed):
    """Red or white, white or brown, sweetened or not, which fat level: a real choice."""
    assert understand(typed, shipped).ambiguous


def test_a_unit_said_leaves_out_choices_that_do_not_come_in_it(shipped):
    tuna = understand("a tin of tuna", shipped)
    assert "canned" in tuna.food.name
    assert all(shipped.get(h.food_id).measure("can") or "canned" in h.name for h in tuna.alternatives)


def test_milk_alone_is_the_surveys_milk_with_its_fat_levels_listed_next(shipped):
    """A dietitian's decision, see README: USDA codes "Milk, NFS" when the fat level is not
    said; the kinds are the next hits to pick from, and any fat level said finds its kind."""
    found = understand("milk", shipped, "breakfast")
    assert found.food.name == "Milk, NFS"
    assert {"Milk, whole", "Milk, fat free (skim)", "Milk, reduced fat (2%)"} <= {h.name for h in found.hits[:6]}
    assert understand("semi-skimmed milk", shipped).food.name.startswith("Milk, reduced fat")


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        # a qualifier steers to the food that has it, not to another dish sharing the head word
        ("wholemeal toast", "Bread, whole wheat, toasted"),  # not French toast
        ("rye toast", "Bread, rye, toasted"),
        # the last word of a head says what a food is: salad alone is not a dressing
        ("salad", "Mixed salad greens"),
        ("salad dressing", "Salad dressing"),
        ("potato salad", "Potato salad"),
        # UK milk named by its fat level alone
        ("a glass of full fat", "Milk, whole"),
        ("skimmed", "Milk, fat free"),
        # FNDDS potato dishes: "Potato" is a class word before the dish
        ("a hash brown", "Potato, hash brown"),
    ],
)
def test_qualifiers_and_head_words_find_the_food_meant(shipped, typed, name):
    assert understand(typed, shipped).food.name.startswith(name), typed


@pytest.mark.parametrize(("typed", "read", "name"), [("aubergene", "aubergine", "Eggplant"),
                                                     ("poridge", "porridge", "Oatmeal")])
def test_a_misspelt_other_name_is_read_and_said(shipped, typed, read, name):
    """A UK word one letter off is read as the word of the alias table, and the change is said."""
    found = shipped.find(typed, 5)
    assert found.corrected == read and found.hits[0].name.startswith(name)
    assert understand(typed, shipped).ambiguous  # a corrected word is shown before anything is added


@pytest.mark.parametrize(("typed", "name"), [("cornflakes with semi skimmed milk", "Cereal, corn flakes"),
                                             ("weetabix with skimmed milk", "Cereals ready-to-eat, WEETABIX"),
                                             ("yoghurt with honey and walnuts", "Yogurt")])
def test_the_food_before_with_is_what_was_eaten_when_no_food_has_it_all(shipped, typed, name):
    """Not the milk poured on it: the words after "with" named what was added."""
    assert understand(typed, shipped, "breakfast").food.name.startswith(name)
