"""Typed text read into a food and an amount: amounts first or last, in digits or words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.core.test_portions import ALMONDS, EGG, MILK, SALMON, SARDINES

from bonewise.core.foods import Food, FoodKind, SearchHit, SearchResult, Serving
from bonewise.core.phrases import Phrase, entry_from_text, read_phrase, understand, with_food
from bonewise.errors import BonewiseError


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("2 eggs", Phrase("eggs", 2.0, None)),
        ("eggs 2", Phrase("eggs", 2.0, None)),
        ("a glass of milk", Phrase("milk", 1.0, "glass")),
        ("half a cup of yoghurt", Phrase("yoghurt", 0.5, "cup")),
        ("1½ cups cooked spinach", Phrase("cooked spinach", 1.5, "cup")),
        ("1 1/2 cups cooked spinach", Phrase("cooked spinach", 1.5, "cup")),
        ("a handful of almonds", Phrase("almonds", 1.0, "handful")),
        ("a slice of bread", Phrase("bread", 1.0, "slice")),
        ("a chunk of cheese", Phrase("cheese", 1.0, "piece")),
        ("200 ml", Phrase("", 200.0, "ml")),
        ("semi-skimmed milk 200 ml", Phrase("semi-skimmed milk", 200.0, "ml")),
        ("milk 200ml", Phrase("milk", 200.0, "ml")),
        ("a tin of sardines", Phrase("sardines", 1.0, "can")),
        ("1 pot", Phrase("", 1.0, "container")),
        ("cheddar 2 slices", Phrase("cheddar", 2.0, "slice")),
        ("a banana", Phrase("banana", 1.0, None)),
        ("an apple", Phrase("apple", 1.0, None)),
        ("2% milk", Phrase("2% milk", None, None)),
        ("a couple of eggs", Phrase("eggs", 2.0, None)),
        ("half a dozen eggs", Phrase("eggs", 6.0, None)),
        ("one and a half cups milk", Phrase("milk", 1.5, "cup")),
        ("cup of coffee", Phrase("coffee", 1.0, "cup")),
        ("2 large eggs", Phrase("eggs", 2.0, "large")),
        ("a small pot of natural yogurt", Phrase("natural yogurt", 1.0, "container")),
        ("tea x2", Phrase("tea", 2.0, None)),
        ("1,000 ml water", Phrase("water", 1000.0, "ml")),
        ("cream of wheat", Phrase("cream of wheat", None, None)),
        ("a quarter of a melon", Phrase("melon", 0.25, None)),
        ("single cream 1 tbsp", Phrase("single cream", 1.0, "tbsp")),
        ("milk 1,5 cups", Phrase("milk", 1.5, "cup")),
        ("0,0", Phrase("0.0")),
    ],
)
def test_read_phrase(text, phrase):
    assert read_phrase(text) == phrase


@given(st.text(max_size=200))
@settings(max_examples=300)
def test_read_phrase_reads_any_text_or_says_why_not(text):
    try:
        phrase = read_phrase(text)
    except BonewiseError:  # a negative or ambiguous number ("-5 g", "1,500")
        return
    assert phrase.quantity is None or phrase.quantity > 0


@pytest.mark.parametrize("text", ["1e-300 cups milk", "milk 4E5 g", "2.5e+3 ml oat drink"])
def test_an_amount_in_scientific_notation_is_refused_not_searched_as_a_word(text):
    with pytest.raises(BonewiseError, match="plain number"):
        read_phrase(text)


class Foods:
    """A food search over a few foods: a hit for every food whose name has every word."""

    def __init__(self, *foods, corrected=None):
        self.foods = {f.id: f for f in foods}
        self.corrected = corrected

    def get(self, food_id):
        return self.foods.get(food_id)

    def find(self, text, limit=20):
        words = [w.rstrip("s") for w in text.lower().split()]
        hits = [
            SearchHit(f.id, f.name, f.kind, f.group, float(i))
            for i, f in enumerate(self.foods.values())
            if words and all(w in f.name.lower() for w in words)
        ]
        return SearchResult(tuple(hits[:limit]), self.corrected)


def test_understand_finds_the_food_and_weighs_the_amount():
    foods = Foods(EGG, MILK, SALMON, SARDINES, ALMONDS)
    two_eggs = understand("2 eggs", foods)
    assert (two_eggs.food.id, two_eggs.portion.grams, two_eggs.portion.label) == ("01123", 100.0, "2 large")
    assert two_eggs.entry().measure == "large" and two_eggs.entry().count == 2
    assert understand("eggs 2", foods).portion.grams == 100.0
    assert understand("a tin of sardines", foods).portion.grams == 92.0
    milk = understand("milk 200 ml", foods)
    assert milk.portion.grams == pytest.approx(206.0) and milk.entry().measure is None
    assert understand("salmon", foods, "dinner").portion.grams == 140.0
    assert understand("a handful of almonds", foods).portion.grams == 30.0


def test_understand_with_a_food_already_chosen_reads_the_amount_only():
    assert understand("1 cup", Foods(), pinned=MILK).portion.grams == 243.7


def test_a_unit_word_the_food_comes_in_is_read_as_the_unit():
    # no food is named "fillet": the word is the salmon's measure
    found = understand("salmon fillet", Foods(SALMON))
    assert found.portion.measure == "fillet (about 5 oz)" and found.corrected is None


def test_a_near_spelling_is_reported():
    found = understand("egs", Foods(EGG, corrected="eggs"))
    assert found.corrected == "eggs" and found.ambiguous


def test_clear_sentences_for_what_cannot_be_understood():
    foods = Foods(EGG)
    with pytest.raises(BonewiseError, match="no food"):
        understand("200 ml", foods)
    with pytest.raises(BonewiseError, match="No food matches"):
        understand("2 spaceship", foods)
    with pytest.raises(BonewiseError, match="Type a food"):
        understand("   ", foods)
    with pytest.raises(BonewiseError, match="grams"):
        understand("eggs 500", foods)  # 500 eggs: a number alone is a count


def test_a_food_already_chosen_takes_its_own_measure_names_or_any_amount():
    assert entry_from_text(EGG, "2").measure == "large"  # a bare number counts, never grams
    assert entry_from_text(EGG, "2 eggs").grams == 100.0  # words that repeat its name are fine
    assert entry_from_text(SARDINES, "2 cans").count == 2
    assert entry_from_text(MILK, "200 ml").grams == pytest.approx(206.0)
    assert understand("", Foods(), "breakfast", pinned=SALMON).portion.grams == 85.0  # usual serving
    with pytest.raises(BonewiseError, match="no measure called “buckets”"):
        entry_from_text(MILK, "2 buckets")


def test_an_unknown_unit_after_the_number_is_named_not_searched():
    with pytest.raises(BonewiseError, match="no measure called “buckets”"):
        understand("milk 2 buckets", Foods(MILK))


def test_the_same_amount_of_a_food_picked_instead():
    phrase = read_phrase("half a cup of yoghurt")
    assert phrase.said == "half a cup"
    assert with_food("half a cup of yoghurt", MILK).portion.grams == pytest.approx(121.85)
    assert read_phrase("a glass of milk").said == "a glass" and read_phrase("an apple").said == "an"


@pytest.mark.parametrize("text", ["-5 g", "milk −2 cups", "1,500 g milk", "0 g kale", "milk 0 fl oz"])
def test_negative_and_ambiguous_numbers_are_refused(text):
    with pytest.raises(BonewiseError, match="more than zero|ambiguous"):
        read_phrase(text)


def test_a_kind_word_left_alone_is_not_read_as_the_food():
    """ "plain omelette" has no food with both words: the omelette, not whatever is plain."""
    plain = Food("p1", "Yogurt, plain", FoodKind.REFERENCE, "Dairy and Egg Products", "Dairy & eggs",
                 serving=Serving(170.0, 170.0, "yogurt: 170 g"))
    omelet = Food("o1", "Omelette, cheese", FoodKind.REFERENCE, "Dairy and Egg Products", "Dairy & eggs",
                  serving=Serving(120.0, 120.0, "eggs: 120 g"))
    assert understand("plain omelette", Foods(plain, omelet)).food.id == "o1"
