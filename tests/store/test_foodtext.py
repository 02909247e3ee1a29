"""Food-name words and ranking, without a database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bonewise.store.foodtext import (
    EXACT,
    FUZZY,
    PREFIX,
    Aliases,
    QuerySlot,
    QueryWord,
    another_form,
    deletions,
    fold,
    match_kind,
    name_words,
    plainer_form,
    prior,
    query_words,
    score,
    stem,
    tokens,
    unsaid_words,
    within_one_edit,
)


def test_fold_ignores_case_and_accents():
    assert fold("Crème Fraîche") == "creme fraiche"
    assert fold("ÆBLE") == "æble"  # a letter of its own, not an accented one
    assert tokens("Crème-fraîche, 30% (light)") == ["creme", "fraiche", "30", "light"]


def test_tokens_keep_any_script_and_drop_symbols():
    assert tokens("Творог 🙂 豆腐 & <b>") == ["творог", "豆腐", "b"]
    assert tokens('"*" AND -') == ["and"]


@pytest.mark.parametrize(
    ("word", "singular"),
    [("apples", "apple"), ("berries", "berry"), ("peaches", "peach"), ("tomatoes", "tomato"),
     ("eggs", "egg"), ("asparagus", "asparagus"), ("molasses", "molass"), ("egg", "egg")],
)
def test_stem_makes_plurals_meet(word, singular):
    assert stem(word) == singular


def test_head_is_first_part_or_the_part_after_a_class_word():
    milk = name_words("Milk, whole, 3.25% milkfat")
    assert milk.head == ("milk",)
    assert milk.rest == ("whole", "3", "25", "milkfat")
    assert name_words("Candies, milk chocolate").head == ("candies",)
    assert name_words("Fish, salmon, Atlantic, raw").head == ("fish", "salmon")
    assert name_words("Natto").head == ("natto",)


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [("yoghurt", "yogurt", True), ("brocoli", "broccoli", True), ("mikl", "milk", True),
     ("milc", "milk", True), ("milk", "milk", True), ("salmon", "lemons", False),
     ("chese", "cheese", True), ("cheese", "chess", False), ("", "a", True), ("ab", "abcd", False)],
)
def test_within_one_edit(a, b, close):
    assert within_one_edit(a, b) is close
    assert within_one_edit(b, a) is close


def test_symmetric_deletions_meet_for_one_edit():
    assert deletions("broccoli") & deletions("brocoli")
    assert deletions("yogurt") & deletions("yoghurt")


def test_query_words_drop_stop_words_but_keep_the_one_being_typed():
    assert query_words("cheese and crackers") == ["cheese", "crackers"]
    assert query_words("sausage an") == ["sausage", "an"]
    assert query_words("with") == ["with"]
    assert query_words("milk MILK Milk") == ["milk"]
    assert query_words("a b c d e f g h") == ["b", "c", "d", "e", "f", "g"]
    assert len(query_words(" ".join(f"w{i}" for i in range(50)))) == 6
    assert query_words("") == []
    assert query_words(None) == []  # type: ignore[arg-type]


def test_match_kinds():
    egg = QueryWord("egg", "egg")
    assert match_kind(egg, "egg") == EXACT
    assert match_kind(egg, "eggs") == EXACT
    assert match_kind(egg, "eggplant") == PREFIX
    assert match_kind(egg, "leg") is None
    assert match_kind(QueryWord("yoghurt", "yoghurt", fuzzy=True), "yogurt") == FUZZY
    assert match_kind(QueryWord("yoghurt", "yoghurt"), "yogurt") is None


def _score(query: str, name: str) -> float | None:
    words = name_words(name)
    return score([QuerySlot(((QueryWord(w, stem(w)),),)) for w in query_words(query)], words, prior(name, words), {})


def test_exact_word_beats_longer_word():
    assert _score("egg", "Egg, whole, raw, fresh") < _score("egg", "Eggplant, raw")


def test_head_beats_a_later_part():
    assert _score("milk", "Milk, whole, 3.25% milkfat, with added vitamin D") < _score(
        "milk", "Candies, milk chocolate"
    )


def test_word_order_does_not_matter_and_every_word_must_match():
    name = "Cheese, cheddar"
    assert _score("cheddar cheese", name) == _score("cheese cheddar", name)
    assert _score("cheddar cheese biscuit", name) is None


def test_plain_forms_come_first():
    assert prior("Spinach, raw", name_words("Spinach, raw")) < prior(
        "Spinach, canned, regular pack, drained solids", name_words("Spinach, canned, regular pack, drained solids")
    )
    human = "Milk, human, mature, fluid"
    cow = "Milk, whole, 3.25% milkfat"
    assert prior(cow, name_words(cow)) < prior(human, name_words(human))


@given(st.text(max_size=300))
def test_query_words_never_fail_and_stay_bounded(text):
    words = query_words(text)
    assert len(words) <= 6
    assert all(w and w == fold(w) for w in words)


def test_a_word_typed_in_full_prefers_itself_to_a_longer_word():
    words = name_words("Fried eggplant")
    complete = QuerySlot(((QueryWord("egg", "egg", complete=True),),))
    still_typing = QuerySlot(((QueryWord("egg", "egg"),),))
    fried = QuerySlot(((QueryWord("fried", "fried"),),))
    assert score([fried, complete], words, 0.0, {}) > score([fried, still_typing], words, 0.0, {})


def test_an_unnamed_head_word_makes_another_food():
    assert _score("prunes", "Prune, dried") < _score("prunes", "Prune juice, 100%")
    assert _score("chicken", "Chicken, roasted") < _score("chicken", "Chicken nuggets, NFS")
    # a food joined to another in the head is a mix: more so
    assert _score("peas", "Green peas, frozen") < _score("peas", "Peas and carrots, frozen")


def test_nfs_is_the_generic_only_of_what_the_query_names():
    fndds = "survey_fndds_food"

    def ranked(query: str, name: str) -> float:
        words = name_words(name)
        return score([QuerySlot(((QueryWord(w, stem(w)),),)) for w in query_words(query)], words,
                     prior(name, words, data_type=fndds), {})

    assert ranked("cheese", "Cheese, NFS") < ranked("cheese", "Cheese, Cheddar")
    assert ranked("mozzarella", "Cheese, Mozzarella, NFS") < ranked("mozzarella", "Cheese, Mozzarella, part skim")
    # "Blackeyed peas, NFS" is the generic of blackeyed peas, not of peas
    assert ranked("peas", "Blackeyed peas, NFS") == ranked("peas", "Blackeyed peas, cooked") - 1.0  # one word fewer


def test_words_in_order_beside_each_other_read_as_a_phrase():
    words = name_words("Spaghetti with meat sauce")
    phrase = QuerySlot(((QueryWord("spaghetti", "spaghetti"), QueryWord("meat", "meat"), QueryWord("sauce", "sauce")),))
    assert score([phrase], words, 0.0, {}) < score([phrase], name_words("Spaghetti sauce with meat"), 0.0, {})


def test_aliases_join_groups_and_spellings():
    aliases = Aliases([["courgette", "zucchini"], ["yogurt", "yoghurt"], ["natural yogurt", "plain yogurt"],
                       ["biscuit", "cookie"], ["scone", "biscuit"]])
    assert aliases.split(["courgettes"]) == [(("courgettes",), (("zucchini",),))]
    # a spelling of a word inside a phrase still finds the phrase
    assert (("plain", "yogurt")) in aliases.split(["natural", "yoghurt"])[0][1]
    # a word two groups share does not merge them: a scone is a biscuit, not a cookie
    assert aliases.split(["scone"]) == [(("scone",), (("biscuit",),))]
    assert dict(aliases.split(["biscuit"]))[("biscuit",)] == (("cookie",), ("scone",))
    assert aliases.split(["bread", "jam"]) == [(("bread",), ()), (("jam",), ())]
    assert ("zucchini",) in aliases.completing("courg")


SAID_EGGS = frozenset({"eggs", "egg"})


@pytest.mark.parametrize(
    ("best", "other", "said", "group", "same"),
    [
        # cooked or raw, fried or boiled: one food in two forms
        ("Tomatoes, raw", "Tomatoes, NS as to form, cooked", {"tomato"}, "", True),
        ("Egg, whole, raw, fresh", "Egg, whole, fried, NS as to fat", SAID_EGGS, "", True),
        ("Egg, whole, boiled or poached", "Egg, whole, cooked, hard-boiled", {"egg", "boiled"}, "", True),
        # more words she did not say: a kind of what she named
        ("Egg, whole, raw, fresh", "Egg, duck, whole, fresh, raw", SAID_EGGS, "", True),
        ("Egg, whole, raw, fresh", "Egg, yolk, raw, fresh", SAID_EGGS, "", True),
        ("Bagel", "Bagel, multigrain", {"bagel"}, "", True),
        ("Egg, whole, fried, NS as to fat", "Egg, whole, fried, NS as to fat type", SAID_EGGS, "", True),
        # a different food: siblings that differ in what they are
        ("Soy milk, unsweetened", "Soy milk, sweetened", {"soy", "milk"}, "", False),
        ("Wine, red", "Wine, white", {"wine"}, "", False),
        ("Egg, duck, whole, fresh, raw", "Egg, whole, raw, fresh", SAID_EGGS, "", False),
        # a food not specified further stands for its kinds: the fat level is the question
        ("Milk, NFS", "Milk, reduced fat (2%)", {"milk"}, "", False),
        ("Milk, NFS", "Milk, whole", {"milk"}, "", False),
        ("Rice, cooked, NFS", "Rice, white, cooked, NS as to fat", {"rice"}, "", False),
        # "whole" is a fat level in a milk's name, not the whole of a food
        ("Milk, whole", "Milk, reduced fat (2%)", {"milk"}, "", False),
        # raw grains and pulses weigh a third of cooked ones
        ("Rice, white, long-grain, raw", "Rice, white, long-grain, cooked", {"rice", "white"},
         "Cereal Grains and Pasta", False),
        ("Lentils, raw", "Lentils, boiled", {"lentil"}, "Legumes and Legume Products", False),
        ("Carrots, raw", "Carrots, cooked, boiled", {"carrot"}, "Vegetables and Vegetable Products", True),
    ],
)
def test_another_form_of_the_same_food(best, other, said, group, same):
    assert another_form(best, other, frozenset(said), group) is same


def test_a_plainer_form_says_fewer_unsaid_words_forms_aside():
    assert plainer_form("Cabbage, red, raw", "Cabbage, raw", frozenset({"cabbage"}))
    assert not plainer_form("Cabbage, raw", "Cabbage, red, raw", frozenset({"cabbage"}))
    assert not plainer_form("Egg, whole, raw, fresh", "Egg, whole, raw", SAID_EGGS)  # only a form fewer
    # a word she said is no extra: canned tuna is not less plain than tuna NFS for "canned tuna"
    assert not plainer_form("Fish, tuna, canned", "Fish, tuna, NFS", frozenset({"canned", "tuna"}))


def test_unsaid_words_leave_out_what_was_said_and_what_names_nothing():
    assert unsaid_words("Egg, duck, whole, fresh, raw", SAID_EGGS) == {"duck", "fresh", "raw"}
    assert unsaid_words("Milk, whole", frozenset({"milk"})) == {"whole"}
    assert unsaid_words("Yogurt, Greek, NS as to type of milk, plain", frozenset({"yogurt"})) == {"greek"}


def test_a_class_word_takes_the_next_part_unless_it_is_not_specified():
    assert name_words("Potato, french fries, NFS").head == ("potato", "french", "fries")
    assert name_words("Fish, NFS").head == ("fish",)


def test_the_last_word_of_a_head_says_what_the_food_is():
    # "salad" names the salad of a salad dressing: a dressing is another thing
    assert _score("salad", "Pea salad") < _score("salad", "Salad dressing, NFS, for salads")
    assert _score("apple", "Apple, raw") < _score("apple", "Apple juice, 100%")
    # a preposition ends the noun: a ham sandwich on wheat is a sandwich
    assert _score("ham sandwich", "Ham sandwich on wheat") < _score("ham sandwich", "Ham sandwich wrap")


def test_a_kind_said_beats_a_head_that_names_its_own_kind():
    """"whole grain toast": the head of "French toast" names another kind than the one said."""
    def gap(query: str) -> float:
        return _score(query, "French toast, whole grain") - _score(query, "Toast, whole grain")

    assert gap("whole grain toast") >= gap("toast") + 2.0  # the kind said costs French toast more
    assert _score("whole grain toast", "Toast, whole grain") < _score("whole grain toast", "French toast, whole grain")


def test_a_word_for_how_a_food_was_prepared_counts_wherever_the_name_puts_it():
    near, far = _score("boiled egg", "Egg, boiled"), _score("boiled egg", "Egg, whole, boiled or poached")
    assert far - near <= 2 * 0.5 * 2  # only the position, not the cost of a word outside the head
    assert _score("egg yolk", "Egg, whole, raw, yolk") - _score("egg yolk", "Egg, yolk, raw") >= 4.0
