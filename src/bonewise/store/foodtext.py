"""How food names are read for search: folding, words, the head of a name, and the ranking.

The rebuild tool indexes names with these functions and FoodStore ranks hits with
them, so a name is cut into words the same way on both sides. Everything here is
pure and fast; nothing touches a database.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bonewise.core.rules import fold

MAX_QUERY_CHARS = 200  # as-you-type text longer than this is not a food name
MAX_QUERY_TOKENS = 6
MIN_FUZZY_LENGTH = 4  # "egs" → "eggs" is a guess too far; "yoghurt" → "yogurt" is not

_WORD = re.compile(r"[^\W_]+")  # runs of Unicode letters and digits

# SR24 names start with a class word for some groups ("Fish, salmon, …", "Nuts, almonds").
# For those the food's own noun is the second part, so it counts as the head too.
CLASS_HEADS = frozenset(
    {"fish", "nuts", "seeds", "spices", "cereals", "mollusks", "crustaceans", "game meat"}
)
# Words that say little about which food is meant: not counted as extra words.
STOPWORDS = frozenset(
    "a an and by for from in of on or per the to with without w added".split()
)
# Fat levels and plain forms name a variant of the same food, not another food.
VARIANT_WORDS = frozenset("fat lowfat nonfat reduced low free skim fluid regular".split())
# A reviewed nudge towards the plain food a person usually means (negative = earlier).
WORD_PRIOR = {
    "raw": -1.5,
    "whole": -1.0,
    "plain": -1.0,
    "fresh": -1.0,
    "human": 5.0,  # human milk
    "infant": 5.0,
    "babyfood": 5.0,
    "formula": 3.0,
    "commodity": 3.0,  # "USDA Commodity …" school-meal items
    "imitation": 2.0,
    "substitute": 2.0,
    "substitutes": 2.0,
    # processed forms come after the fresh one
    "dried": 0.5,
    "dry": 0.5,
    "dehydrated": 0.5,
    "powder": 0.5,
    "powdered": 0.5,
    "mix": 0.5,
    "instant": 0.5,
    "condensed": 0.5,
    "concentrate": 0.5,
    "sweetened": 0.5,
}
# SR food groups of prepared, branded or regional foods come after basic foods.
GROUP_PRIOR = {"03": 4.0, "21": 4.0, "36": 4.0, "35": 3.0, "22": 2.0, "25": 1.0, "19": 1.0}
_BRAND = re.compile(r"\b[A-Z][A-Z'&]{2,}")  # SR24 writes brand names in capitals

EXACT, PREFIX, FUZZY = 0, 1, 2
_KIND_COST = (0.0, 4.0, 5.0)
_OUTSIDE_HEAD_COST = 4.0
_POSITION_COST = 0.5  # per word before the match, up to three words
_TOKEN_WEIGHT = 2.0


def tokens(text: str) -> list[str]:
    """The words of ``text`` after folding; punctuation and symbols separate words."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """A crude English singular, so "apples" meets "apple" and "berries" meets "berry"."""
    if len(token) <= 3 or token.isdigit():
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return token[:-2]
    if token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


@dataclass(frozen=True)
class NameWords:
    """A name cut into words; the first ``head_len`` words are its head."""

    words: tuple[str, ...]
    head_len: int

    @property
    def head(self) -> tuple[str, ...]:
        return self.words[: self.head_len]

    @property
    def rest(self) -> tuple[str, ...]:
        return self.words[self.head_len :]


def name_words(name: str) -> NameWords:
    """Cut a food name into words and find its head.

    The first comma-separated part of an SR24 name is the food's head noun
    ("Milk, whole, …", "Candies, milk chocolate"); after a class word such as
    "Fish" or "Nuts" the second part belongs to the head as well.
    """
    parts = name.split(",")
    head = tokens(parts[0])
    rest_parts = parts[1:]
    if rest_parts and fold(parts[0]).strip() in CLASS_HEADS:
        head += tokens(rest_parts[0])
        rest_parts = rest_parts[1:]
    rest = [w for part in rest_parts for w in tokens(part)]
    return NameWords(tuple(head + rest), len(head))


def prior(
    name: str,
    words: NameWords,
    *,
    group_code: str = "",
    nutrient_count: int | None = None,
    measure_count: int = 0,
    reference: bool = False,
) -> float:
    """Static part of the ranking (lower comes first), independent of the query.

    Fewer words beyond the stop words, plain forms ("raw", "whole"), no brand name,
    a basic food group, and – for SR24 foods – a thoroughly analysed entry: USDA
    measures staple foods for more nutrients and gives them more household measures.
    """
    value = _extra_words(name) + sum(WORD_PRIOR.get(w, 0.0) for w in set(words.words))
    value += GROUP_PRIOR.get(group_code, 0.0)
    if reference:
        if _BRAND.search(name):
            value += 3.0
        if nutrient_count is not None:
            value -= 0.15 * (min(nutrient_count, 70) - 50 + 2 * min(measure_count, 6))
    return round(value, 4)


def _extra_words(name: str) -> float:
    """How much a name says beyond the food itself: distinct content words (not stop
    words, numbers or fat levels), where words after the third comma-separated part
    (fortification, packaging details) count a quarter."""
    seen: set[str] = set()
    total = 0.0
    for index, part in enumerate(name.split(",")):
        for w in tokens(part):
            if w in STOPWORDS or w in VARIANT_WORDS or w.isdigit() or w in seen:
                continue
            seen.add(w)
            total += 1.0 if index < 3 else 0.25
    return total


def within_one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one insertion, deletion,
    substitution or swap of two neighbouring letters."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    return a[i:] == b[i + 1 :]


def deletions(word: str) -> set[str]:
    """The word and every form of it with one letter left out (a symmetric-deletion key set)."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


@dataclass(frozen=True)
class QueryWord:
    """One word of what the person typed. ``fuzzy`` allows a one-letter typo."""

    text: str
    stem: str
    fuzzy: bool = False


def query_words(text: str) -> list[str]:
    """The distinct words of a query, in order, at most MAX_QUERY_TOKENS.

    Stop words are dropped unless one is the last word (it may be the start of a
    longer word still being typed) or the query has nothing else.
    """
    if not isinstance(text, str):
        return []
    words = tokens(text[:MAX_QUERY_CHARS])
    kept = [w for i, w in enumerate(words) if w not in STOPWORDS or i == len(words) - 1]
    if not kept:
        kept = words
    unique = list(dict.fromkeys(kept))
    return unique[:MAX_QUERY_TOKENS]


def match_kind(word: QueryWord, token: str) -> int | None:
    """How ``token`` of a name answers ``word``: EXACT, PREFIX, FUZZY or None."""
    if token == word.text or stem(token) == word.stem:
        return EXACT
    if token.startswith(word.text):
        return PREFIX
    if word.fuzzy and (within_one_edit(word.text, token) or within_one_edit(word.stem, stem(token))):
        return FUZZY
    return None


def commonness(document_frequency: int) -> float:
    """How much a completed prefix is helped by its word being common (0 for a rare word)."""
    return 0.5 * math.log10(1 + document_frequency)


def score(
    query: Sequence[QueryWord],
    words: NameWords,
    static_prior: float,
    common: Mapping[str, float],
) -> float | None:
    """Ranking score of a name for a query (lower is better); None if a word is missing.

    Each query word takes its best match in the name: an exact word beats the start of
    a longer word ("egg" before "eggplant"), which beats a typo; a match in the head
    beats one further on ("Milk, whole" before "Candies, milk chocolate"); earlier
    words beat later ones. A completed prefix prefers common words ("mil" → milk
    before millet; ``common`` maps a word to its ``commonness``). The static prior
    breaks the rest.
    """
    total = 0.0
    head_len = words.head_len
    for qw in query:
        best: float | None = None
        first, fuzzy = qw.text[0], qw.fuzzy
        for position, token in enumerate(words.words):
            # Exact and prefix matches share the first letter; only typos need a closer look.
            if token[0] != first and not fuzzy:
                continue
            kind = match_kind(qw, token)
            if kind is None:
                continue
            cost = _KIND_COST[kind] + min(position, 3) * _POSITION_COST
            if position >= head_len:
                cost += _OUTSIDE_HEAD_COST
            if kind != EXACT:
                cost -= common.get(token, 0.0)
            if best is None or cost < best:
                best = cost
        if best is None:
            return None
        total += best
    return _TOKEN_WEIGHT * total + static_prior

