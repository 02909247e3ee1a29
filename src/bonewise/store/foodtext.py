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
    {"fish", "nuts", "seeds", "spices", "cereals", "cereal", "mollusks", "crustaceans", "game meat",
     "beverages", "snacks", "cereals ready-to-eat", "alcoholic beverage", "alcoholic beverages",
     "soft drink", "potato"}
)  # FNDDS names potato dishes "Potato, french fries", "Potato, hash brown"
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
    "meatless": 3.0,  # "Chicken, meatless" is a substitute, not chicken
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
    "pickled": 1.0,
    "fried": 0.5,
    "iced": 0.5,
    "bottled": 0.5,
    "canned": 0.75,
    "frozen": 0.5,
    # most plant drinks and juices sold are fortified; the unfortified kind is the exception
    "unfortified": 1.0,
    "original": -1.5,  # "Soymilk, original …": the plain product
    # special-diet variants come after the usual food
    "reduced": 0.5,
    "nonfat": 0.5,
    "lowfat": 0.5,
    "low": 0.5,
    "gluten": 1.0,
    "sodium": 0.5,
    "diet": 0.5,
    "lactose": 0.5,
    # speciality drinks come after the everyday one ("tea" is a cup of tea)
    "kombucha": 1.5,
    "bubble": 1.5,
    # herbal infusions come after tea made from tea leaves
    "herbal": 0.5,
    "chamomile": 0.5,
    "hibiscus": 0.5,
    "ginger": 0.5,
}
# Flavoured variants come after the plain food, when the flavour qualifies it ("Walnuts,
# honey roasted"), not when it is the food ("Honey", "Chocolate milk").
FLAVOUR_PRIOR = dict.fromkeys(("chocolate", "strawberry", "vanilla", "flavored", "flavor", "honey"), 1.5)
# SR food groups of prepared, branded or regional foods come after basic foods.
GROUP_PRIOR = {"03": 4.0, "21": 4.0, "36": 4.0, "35": 3.0, "22": 2.0, "25": 1.0, "19": 1.0}
# How commonly a food is eaten, by where it comes from: FNDDS survey foods are the foods
# people report eating, as they eat them; SR24 also describes ingredients and commodities.
DATA_TYPE_PRIOR = {"survey_fndds_food": -2.0}
# FNDDS's "NFS" (not further specified) food is the one a survey records when a person
# names only the food ("cheese", "milk"): the generic, consumption-weighted choice. It
# counts only when the query names what it is the generic of (see ``_generic_bonus``).
# "NS as to …" (cooking method, fat, form) is the same one level down.
NFS_BONUS = 3.0
QUALIFIED_NFS_BONUS = 1.0
GENERIC_BONUS_MAX = NFS_BONUS  # the most a score can fall below its food's prior
NS_AS_TO_PRIOR = -1.5
# FNDDS words that say how a food was eaten, not what it is ("skin not eaten", "Tea, hot, leaf").
_NEUTRAL_WORDS = frozenset({"eaten", "not", "ns", "nfs", "original", "added", "no", "hot", "leaf"})
_NOT_SPECIFIED = re.compile(r"^\s*(nfs|ns as to\b.*)$")
# At most this much of the prior comes from SR24's analysis depth (nutrients and measures).
_ANALYSIS_PRIOR_CAP = 1.5
_BRAND = re.compile(r"\b[A-Z][A-Z'&]{2,}")  # SR24 writes brand names in capitals

# Words that say how a food was prepared, cut or kept, not which food it is: "Tomatoes, raw"
# and "Tomatoes, NS as to form, cooked" are one food in two forms, and so are an egg
# "boiled or poached" and one "cooked, hard-boiled". Fat, flavour, species and canned
# (with bones) are not forms: they change what a serving gives. Frying adds a little fat, but
# "eggs" are eggs however cooked until she says "fried".
FORM_WORDS = frozenset(
    "raw fresh cooked boiled hard soft steamed baked roasted roast grilled broiled poached stewed "
    "fried sauteed rotisserie scrambled toasted microwaved heated unheated prepared drained frozen thawed chilled "
    "ripe year round average grated shredded sliced chopped diced".split()
)
# Uncooked grains and pulses weigh about a third of cooked ones: for them raw is another food.
_SWELLING_GROUPS = frozenset({"Cereal Grains and Pasta", "Legumes and Legume Products", "Breakfast Cereals"})
_UNCOOKED = frozenset({"raw", "uncooked", "unprepared", "dry"})
# Words that say a name is the plain food, or is not specified further: they name nothing.
_PLAIN_MARKS = frozenset({"plain", "regular", "nfs", "ns"})
PLAIN_FORM_WINDOW = 1.0  # a plainer form this close to the best hit is what a person means

EXACT, PREFIX, FUZZY = 0, 1, 2
_KIND_COST = (0.0, 4.0, 5.0)
_OUTSIDE_HEAD_COST = 4.0
_NEXT_TO_HEAD_COST = 1.5  # the first word after the head ("Cheese, cottage") is nearly part of it
_POSITION_COST = 0.5  # per word before the match, up to three words
_STEM_ONLY_COST = 0.25  # "oats" matches "Oats" a little better than "Oat bran"
_UNMATCHED_HEAD_COST = 1.0  # per head word the query does not name: "prune" → "Prune juice" is another food
# A word naming only the first part of a head whose last word is another thing ("salad" in
# "Salad dressing", "apple" in "Apple juice") is far from naming that thing.
_OTHER_THING_COST = 1.0
# A head that names its own kind of the food ("French toast") when the person said another
# word for the kind, found only further on in the name ("wholemeal toast").
_OTHER_KIND_COST = 1.0
_JOINED_FOOD_COST = 1.0  # more for an unnamed word after "and"/"with" in a head: "Peas and carrots" is a mix
_COMPLETE_WORD_PREFIX_COST = 3.0  # "egg" typed in full is rather egg than the start of "eggplant"
_JOINERS = frozenset({"and", "with", "in"})
_NOUN_ENDS = _JOINERS | {"or", "on", "of", "for", "from", "without", "w"}  # "or" names alternatives ("Egg omelet or scrambled egg")
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
    """A name cut into words; the first ``head_len`` words are its head, and ``parts``
    says where each comma-separated part of the name starts."""

    words: tuple[str, ...]
    head_len: int
    parts: tuple[int, ...] = (0,)
    # Where each word stands for ranking: stop words and "NS as to …" parts take no place,
    # so "toasted" in "Bread, NS as to major flour, toasted" is the word after the head.
    places: tuple[int, ...] = ()

    def place(self, position: int) -> int:
        return self.places[position] if self.places else position

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
    if rest_parts and fold(parts[0]).strip() in CLASS_HEADS and not _NOT_SPECIFIED.match(fold(rest_parts[0])):
        head += tokens(rest_parts[0])
        rest_parts = rest_parts[1:]
    rest = [w for part in rest_parts for w in tokens(part)]
    starts, at = [], 0
    places, place = [], 0
    for number, part in enumerate(parts):
        starts.append(at)
        part_words = tokens(part)
        at += len(part_words)
        silent = number > 0 and _NOT_SPECIFIED.match(fold(part)) is not None
        for w in part_words:
            places.append(place)
            place += not (silent or w in STOPWORDS)
    return NameWords(tuple(head + rest), len(head), tuple(starts), tuple(places))


def prior(
    name: str,
    words: NameWords,
    *,
    group_code: str = "",
    nutrient_count: int | None = None,
    measure_count: int = 0,
    reference: bool = False,
    data_type: str = "",
) -> float:
    """Static part of the ranking (lower comes first), independent of the query.

    Fewer words beyond the stop words, plain forms ("raw", "whole"), no brand name,
    a basic food group, how commonly the food is eaten (FNDDS survey foods, and among
    them the "not further specified" generic one), and – among SR24 foods – a
    thoroughly analysed entry: USDA measures staple foods for more nutrients and gives
    them more household measures.
    """
    value = _extra_words(name) + sum(WORD_PRIOR.get(w, 0.0) for w in set(words.words))
    value += sum(FLAVOUR_PRIOR.get(w, 0.0) for w in set(words.rest))
    value += GROUP_PRIOR.get(group_code, 0.0) + DATA_TYPE_PRIOR.get(data_type, 0.0)
    parts = [fold(part).strip() for part in name.split(",")]
    if "nfs" not in parts and any(_NOT_SPECIFIED.match(part) for part in parts[1:]):
        value += NS_AS_TO_PRIOR
    if _BRAND.search(name) and data_type != "survey_fndds_food":
        value += 3.0
    if reference and nutrient_count is not None:
        depth = 0.15 * (min(nutrient_count, 70) - 50 + 2 * min(measure_count, 6))
        value -= max(-_ANALYSIS_PRIOR_CAP, min(_ANALYSIS_PRIOR_CAP, depth))
    return round(value, 4)


def _extra_words(name: str) -> float:
    """How much a name says beyond the food itself: distinct content words (not stop
    words, numbers or fat levels), where words after the third comma-separated part
    (fortification, packaging details) count a quarter. "NFS" and "NS as to …" parts
    say the food is not specified further, and "excluding …" what it is not, so they add nothing."""
    seen: set[str] = set()
    total = 0.0
    index = 0  # parts that name something ("100%" does not)
    for number, part in enumerate(name.split(",")):
        if number and (_NOT_SPECIFIED.match(fold(part)) or fold(part).strip().startswith("excluding")):
            continue
        # A phrase joined by hyphens ("ready-to-eat") is one word of description.
        words = []
        for chunk in fold(part).split():
            parts = tokens(chunk)
            content = [w for w in parts if not _plain(w)]
            phrase = len(parts) > 1 and any(w in STOPWORDS for w in parts)
            words += ["-".join(content)] if phrase and content else content
        for w in words:
            if w not in seen:
                seen.add(w)
                total += 1.0 if index < 3 else 0.25
        index += bool(words)
    return total


def _plain(word: str) -> bool:
    """A word that says nothing about which food: a stop word, fat level, number or survey phrase."""
    return word in STOPWORDS or word in VARIANT_WORDS or word in _NEUTRAL_WORDS or word.isdigit()


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
    """One word of what the person typed. ``fuzzy`` allows a one-letter typo; ``complete``
    says the word is a whole word of some food name, so a longer word it starts is less
    likely meant ("fried egg" is not "Fried eggplant")."""

    text: str
    stem: str
    fuzzy: bool = False
    complete: bool = False


@dataclass(frozen=True)
class QuerySlot:
    """A word or phrase the person typed, and the ways it may be written in food names.

    The first alternative is the words as typed; the others come from the reviewed
    alias table ("porridge" → "oatmeal", "semi skimmed" → "reduced fat") and cost a
    little more, so a food named as the person wrote it comes first.
    """

    alternatives: tuple[tuple[QueryWord, ...], ...]

    @property
    def typed(self) -> tuple[QueryWord, ...]:
        return self.alternatives[0]


ALIAS_COST = 0.5
MAX_ALIAS_WORDS = 4


class Aliases:
    """Groups of words and phrases that name the same food ("courgette", "zucchini").

    Phrases are compared by the singular of each word, so "prawns" finds the group of
    "prawn". Built from the reviewed ``resources/aliases.csv``.
    """

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        self._phrases: dict[tuple[str, ...], set[int]] = {}
        self._groups: list[tuple[tuple[str, ...], ...]] = []
        # Words of one-word groups are one word inside phrases too: "natural yoghurt" is
        # "natural yogurt". A word names the group it first appears in, so two groups
        # sharing a word ("biscuit") do not merge into one.
        self._word_class: dict[str, str] = {}
        parsed = [tuple(dict.fromkeys(p for p in (tuple(query_words(t, MAX_ALIAS_WORDS)) for t in g) if p)) for g in groups]
        for index, phrases in enumerate(parsed):
            for phrase in phrases:
                if len(phrase) == 1:
                    self._word_class.setdefault(stem(phrase[0]), f"#{index}")
        self._single_words = sorted({p[0] for phrases in parsed for p in phrases if len(p) == 1})
        for phrases in parsed:
            index = len(self._groups)
            self._groups.append(phrases)
            for phrase in phrases:
                self._phrases.setdefault(self._key(phrase), set()).add(index)

    def _key(self, words: Sequence[str]) -> tuple[str, ...]:
        return tuple(self._word_class.get(stem(w), stem(w)) for w in words)

    def __len__(self) -> int:
        return len(self._groups)

    @property
    def groups(self) -> tuple[tuple[tuple[str, ...], ...], ...]:
        return tuple(self._groups)

    def split(self, words: Sequence[str]) -> list[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]]:
        """``words`` cut into phrases, longest known phrase first, each with its other names."""
        keys = list(self._key(words))
        result = []
        i = 0
        while i < len(words):
            for length in range(min(MAX_ALIAS_WORDS, len(words) - i), 0, -1):
                groups = self._phrases.get(tuple(keys[i : i + length]))
                if groups:
                    typed = tuple(words[i : i + length])
                    typed_stems = tuple(stem(w) for w in typed)
                    others = tuple(
                        dict.fromkeys(
                            p for g in sorted(groups) for p in self._groups[g]
                            if tuple(stem(w) for w in p) != typed_stems
                        )
                    )
                    result.append((typed, others))
                    i += length
                    break
            else:
                result.append(((words[i],), ()))
                i += 1
        return result

    def spelled(self, word: str) -> str | None:
        """The one-word name in some group that ``word`` is one letter away from ("porrige"
        → "porridge"), or None; the first in alphabetical order when several are."""
        if word in self._single_words:
            return None
        return next((w for w in self._single_words if within_one_edit(word, w)), None)

    def completing(self, prefix: str) -> tuple[tuple[str, ...], ...]:
        """Phrases of every group with a one-word member that starts with ``prefix``
        ("porrid" → porridge, oatmeal), for a word still being typed."""
        found: dict[tuple[str, ...], None] = {}
        for group in self._groups:
            if any(len(p) == 1 and p[0].startswith(prefix) for p in group):
                found.update(dict.fromkeys(group))
        return tuple(found)


def query_words(text: str, limit: int = MAX_QUERY_TOKENS) -> list[str]:
    """The distinct words of a query, in order, at most ``limit``.

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
    return unique[:limit]


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


def _word_cost(qw: QueryWord, words: NameWords, common: Mapping[str, float]) -> tuple[float, int] | None:
    """The best match of one query word in a name, and where: an exact word beats the
    start of a longer word ("egg" before "eggplant"), which beats a typo; a match in the
    head beats one further on ("Milk, whole" before "Candies, milk chocolate"); earlier
    words beat later ones; a completed prefix prefers common words ("mil" → milk before
    millet)."""
    best: tuple[float, int] | None = None
    first, fuzzy, head_len = qw.text[0], qw.fuzzy, words.head_len
    head_place = words.place(head_len) if head_len < len(words.words) else None
    for position, token in enumerate(words.words):
        # Exact and prefix matches share the first letter; only typos need a closer look.
        if token[0] != first and not fuzzy:
            continue
        kind = match_kind(qw, token)
        if kind is None:
            continue
        place = words.place(position)
        cost = _KIND_COST[kind] + min(place, 3) * _POSITION_COST
        if position >= head_len:
            # A word for how the food was prepared belongs to it wherever the name puts it ("toasted").
            cost += _NEXT_TO_HEAD_COST if place == head_place or token in FORM_WORDS else _OUTSIDE_HEAD_COST
        if kind == EXACT and token != qw.text:
            cost += _STEM_ONLY_COST
        elif kind != EXACT:
            cost -= common.get(token, 0.0)
            if kind == PREFIX and qw.complete:
                cost += _COMPLETE_WORD_PREFIX_COST
        if best is None or cost < best[0]:
            best = (cost, position)
    return best


def _alternative_cost(
    alternative: Sequence[QueryWord], words: NameWords, common: Mapping[str, float]
) -> tuple[float, list[int]] | None:
    """Cost of one way of writing a slot; words found side by side in order, stop words
    aside (a phrase: "soy milk" in "Soy milk, sweetened", "spaghetti meat sauce" in
    "Spaghetti with meat sauce"), pay for the position of the first only."""
    cost, positions = 0.0, []
    for qw in alternative:
        found = _word_cost(qw, words, common)
        if found is None:
            return None
        cost += found[0]
        positions.append(found[1])
    if len(positions) > 1 and all(
        b > a and all(w in STOPWORDS for w in words.words[a + 1 : b])
        for a, b in zip(positions, positions[1:], strict=False)
    ):
        cost -= _POSITION_COST * sum(min(words.place(p), 3) for p in positions[1:])
    return cost, positions


def score(
    query: Sequence[QuerySlot],
    words: NameWords,
    static_prior: float,
    common: Mapping[str, float],
) -> float | None:
    """Ranking score of a name for a query (lower is better); None if a slot is missing.

    Each slot takes its best way of being written in the name (an alias costs
    ``ALIAS_COST`` more and counts as many words as were typed). Words of the name's
    head that the query does not name make it another food ("Prune juice" for
    "prunes", "Chicken nuggets" for "chicken"). The static prior breaks the rest.
    """
    total = 0.0
    used: set[int] = set()
    for slot in query:
        typed = len(slot.typed)
        best: tuple[float, list[int], float] | None = None
        for index, alternative in enumerate(slot.alternatives):
            found = _alternative_cost(alternative, words, common)
            if found is None:
                continue
            cost, positions = found
            if index:
                cost = cost * typed / len(alternative) + ALIAS_COST
            # Naming more of the head is worth what leaving it unnamed would cost.
            covered = sum(1 for i in positions if i < words.head_len)
            if best is None or cost - _UNMATCHED_HEAD_COST * covered < best[2]:
                best = (cost, positions, cost - _UNMATCHED_HEAD_COST * covered)
        if best is None:
            return None
        total += best[0]
        used.update(best[1])
    # A class word before the food's own name ("Fish, salmon", "Beverages, coffee") is not another food.
    first = words.parts[1] if len(words.parts) > 1 and words.parts[1] < words.head_len else 0
    # In a head that joins foods ("Peas and carrots", "Rum and cola") an unnamed one is another food.
    joined = _JOINED_FOOD_COST if any(w in _JOINERS for w in words.head) else 0.0
    unmatched = sum(
        1 + joined for i, w in enumerate(words.head)
        if i >= first and i not in used and w not in STOPWORDS and not w.isdigit()
    )
    noun = _head_noun(words, first)
    if noun is not None and noun not in used and any(first <= i < noun for i in used):
        unmatched += _OTHER_THING_COST  # "salad" named the salad in "Salad dressing", not what it is
    elif noun is not None and noun in used and any(i >= words.head_len for i in used) and any(
        i not in used and words.words[i] not in STOPWORDS for i in range(first, noun)
    ):
        # "wholemeal toast": her own word for the kind, and the head another ("French toast")
        unmatched += _OTHER_KIND_COST
    return _TOKEN_WEIGHT * (total + _UNMATCHED_HEAD_COST * unmatched) + static_prior - _generic_bonus(words, used)


def _head_noun(words: NameWords, first: int) -> int | None:
    """Where the word that says what a food is stands in a head of several words: the
    last one before a joiner or preposition ("dressing" in "Salad dressing", "omelet" in
    "Egg omelet or scrambled egg", "sandwich" in "Ham sandwich on wheat"); None for a
    head of one word."""
    end = next((i for i in range(first, words.head_len) if words.words[i] in _NOUN_ENDS), words.head_len)
    content = [i for i in range(first, end) if words.words[i] not in STOPWORDS and not words.words[i].isdigit()]
    return content[-1] if len(content) > 1 else None


def _generic_bonus(words: NameWords, used: set[int]) -> float:
    """The bonus of an FNDDS "…, NFS" food when the query names what it is the generic of.

    Every comma part before "NFS" must be named in full, except a class word at the start
    ("Cheese, Mozzarella, NFS" for "mozzarella", "Fish, salmon, NFS" for "salmon"); a part
    only partly named is another food ("Blackeyed peas, NFS" is not "peas", "Chicken
    nuggets, NFS" not "chicken"). An unnamed qualifier after the head ("Rice, cooked,
    NFS" for "rice") leaves half the bonus.
    """
    try:
        nfs = words.words.index("nfs")
    except ValueError:
        return 0.0
    starts = [s for s in words.parts if s < nfs] or [0]
    bonus = NFS_BONUS
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else nfs
        content = [i for i in range(start, end) if words.words[i] not in STOPWORDS and not words.words[i].isdigit()]
        named = sum(1 for i in content if i in used)
        if named == len(content):
            continue
        if named:
            return 0.0  # a part named only in part: a different food
        if k == 0 and len(starts) > 1:
            continue  # the class word the query may leave out
        bonus = QUALIFIED_NFS_BONUS
    return bonus



def unsaid_words(name: str, said: frozenset[str]) -> frozenset[str]:
    """The words of a food's name that tell which food it is, less the words the person
    said (compared as singulars): "Egg, duck, whole, fresh, raw" for "eggs" leaves
    {duck, fresh, raw}. Stop words, numbers, plain marks and "NS as to …" parts name
    nothing; nor does "whole" (the whole egg, not its white) except in a milk's name,
    where it is a fat level."""
    words = tokens(name)
    milky = "milk" in words
    found = set()
    for number, part in enumerate(name.split(",")):
        if number and _NOT_SPECIFIED.match(fold(part)):
            continue
        for word in tokens(part):
            if word in STOPWORDS or word in _PLAIN_MARKS or word.isdigit() or (word == "whole" and not milky):
                continue
            if word not in said and stem(word) not in said:
                found.add(stem(word))
    return frozenset(found)


def another_form(best: str, other: str, said: frozenset[str], group: str = "") -> bool:
    """True when the food named ``other`` is only another form of the food named ``best``,
    for a person who said the words ``said`` (their singulars): the same words but for
    how it was prepared ("Tomatoes, raw" and "Tomatoes, NS as to form, cooked"), or
    ``best`` with more words the person did not say ("Egg, duck, whole, fresh, raw" of
    "Egg, whole, raw", "Bagel, multigrain" of "Bagel"). Either way she named ``best``.

    Raw and cooked grains or pulses are different foods (``_SWELLING_GROUPS``). A food
    not specified further ("Milk, NFS") stands for its kinds, so a kind of it (reduced
    fat milk) is still a different choice.
    """
    mine, theirs = unsaid_words(best, said), unsaid_words(other, said)
    if (mine ^ theirs) & _UNCOOKED and group in _SWELLING_GROUPS:
        return False
    mine, theirs = mine - FORM_WORDS, theirs - FORM_WORDS
    if not mine <= theirs:
        return False  # a sibling: it lacks something the best one is
    unspecified = any(fold(part).strip() == "nfs" for part in best.split(",")[1:])
    return not (theirs - mine and unspecified)


def plainer_form(best: str, other: str, said: frozenset[str]) -> bool:
    """True when ``other`` names the same food as ``best`` with fewer words the person did
    not say, forms aside: "Cabbage, raw" is plainer than "Cabbage, red, raw" for
    "cabbage"; "Egg, whole, raw" is not plainer than "Egg, whole, raw, fresh"."""
    return unsaid_words(other, said) - FORM_WORDS < unsaid_words(best, said) - FORM_WORDS
