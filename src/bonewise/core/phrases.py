"""What a person types for one item of a meal, read into a food and an amount.

"2 eggs", "eggs 2", "a glass of milk", "half a cup of yoghurt", "1½ cups cooked
spinach", "semi-skimmed milk 200 ml", "a tin of sardines", "cheddar 2 slices": the
amount may come first or last, in digits, fractions or words, with a unit or without
(then it counts the food's natural unit: two eggs, never two grams). The words left
name the food, which the food search finds. The grid editor, the command line and
paste all read text here, so the same words give the same item everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from bonewise.core.foods import Food, FoodSearch, Measure, SearchHit, SearchResult
from bonewise.core.plan import Entry, MealSlot
from bonewise.core.portions import SIZES as _SIZES
from bonewise.core.portions import (
    UNIT_WORDS,
    Portion,
    converts_without_measure,
    counted,
    household_unit,
    portion_of,
    usual_portion,
)
from bonewise.core.rules import check_count, check_grams, quoted
from bonewise.errors import BonewiseError

MAX_PHRASE_CHARS = 300
CLOSE_SCORE = 1.0  # hits this close to the best one are offered as alternatives
MAX_ALTERNATIVES = 5
SEARCHED = 20  # hits looked at for one that comes in the unit said
UNIT_CHOICE_SCORE = 6.0  # "a slice of toast": a food this close that comes in slices beats one that does not
DROP_ORDER_SCORE = 0.25  # per place down the order of words to leave out (see _closest)
BEFORE_JOINER_SCORE = 25.0  # leaving out the food before "with" is a last resort
MAIN_FOOD_SCORE = 22.0
MAIN_ALONE_SCORE = 15.0  # the food before "with" alone, when no food has the words after it too  # how much better the food before "with" must score to be taken alone

_NUMBER_WORDS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "half": 0.5,
    "quarter": 0.25, "third": 1 / 3, "couple": 2, "few": 3,
}  # fmt: skip
_SKIP = {"of", "x", "×", "*", "a", "an"}  # glue between an amount and the food ("a cup of", "2 x")
_VULGAR = {c: Fraction(unicodedata.numeric(c)).limit_denominator(16) for c in "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"}
_NUMBER = re.compile(r"^(\d+(?:[.,]\d+)?)$|^(\d+)/(\d+)$")
_GLUED = re.compile(r"^(\d+(?:[.,]\d+)?|\d+/\d+)([a-z]+)$")  # "200ml", "2x", "100g"
_TIMES = re.compile(r"^[x×](\d+)$")  # "x2"
_AMBIGUOUS_COMMA = re.compile(r"(?<![\d.,])([1-9]\d{0,2}),(\d{3})(?![\d.,])")  # "1,500": 1500 or 1.5?
_SCIENTIFIC = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?e[-+]?\d+(?![\w.])", re.IGNORECASE)  # "1e-300"
_NEGATIVE = re.compile(r"(?:^|\s)[-\u2212]\s*\.?\d")  # "-5 g", "− 2"
_JOINERS = frozenset({"with", "and", "in", "on", "plus"})
# Words that say which kind of a food, never a food alone.
_QUALIFIERS = frozenset(
    "plain brown white wholemeal wholegrain wholewheat low fat reduced free light lite skimmed semi full "
    "fresh raw cooked homemade organic natural unsweetened sweetened large small medium".split()
)


@dataclass(frozen=True)
class Phrase:
    """Typed text cut into the words naming the food and the amount said, if any."""

    food: str  # "" when only an amount was typed ("1 pot")
    quantity: float | None = None
    unit: str | None = None  # a name from portions.UNIT_WORDS, or a word of a measure ("fillet")
    said: str = field(default="", compare=False)  # the words of the amount ("2", "a glass", "half a cup"), for the same amount of another food


@dataclass(frozen=True)
class Understanding:
    """The item typed text stands for: the food, its amount, and foods it may have meant."""

    food: Food
    portion: Portion
    alternatives: tuple[SearchHit, ...] = ()  # close second choices, best first
    corrected: str | None = None  # "showing results for …" when a word was read as a near spelling
    searched: str = ""  # the words searched for
    hits: tuple[SearchHit, ...] = field(default=(), repr=False)

    @property
    def ambiguous(self) -> bool:
        """True when another food fits about as well, so a person should choose."""
        return bool(self.alternatives) or self.corrected is not None

    def entry(self) -> Entry:
        """The plan entry: in the food's own measure when the amount is one, else in grams."""
        grams = check_grams(self.portion.grams)
        if self.portion.measure is not None and self.food.measure(self.portion.measure) is not None:
            return Entry(food_id=self.food.id, grams=grams, measure=self.portion.measure,
                         count=check_count(self.portion.count))
        return Entry(food_id=self.food.id, grams=grams)


def meal_words(slot: MealSlot) -> str:
    """How a person's meal is called ("lunch Lunch", "m2 Second breakfast"): the words a
    usual serving's size is read from (``portions.is_main_meal``)."""
    return f"{slot.id} {slot.name}"


def read_phrase(text: str) -> Phrase:
    """Cut ``text`` into food words and an amount, before or after them.

    "2 eggs" and "eggs 2" -> (eggs, 2, no unit); "a glass of milk" -> (milk, 1, glass);
    "half a cup of yoghurt" -> (yoghurt, ½, cup); "1½ cups cooked spinach" -> (cooked
    spinach, 1.5, cup); "milk 200ml" -> (milk, 200, ml); "2% milk" keeps "2%" with the food.
    """
    if not isinstance(text, str):
        raise BonewiseError("Type a food, for example “2 eggs” or “milk 1 cup”.")
    _reject_ambiguous_comma(text[:MAX_PHRASE_CHARS])
    scientific = _SCIENTIFIC.search(text[:MAX_PHRASE_CHARS])
    if scientific:  # no food name holds one; read as words it would find a food by its letters
        raise BonewiseError(f"Write the amount as a plain number (“0.5 cup”, “200 g”), "
                            f"not {quoted(scientific.group())}.")
    tokens = _tokens(text[:MAX_PHRASE_CHARS])
    _reject_zero_amount(tokens)
    quantity, unit, start = _leading_amount(tokens)
    end = len(tokens)
    if quantity is None and unit is None:
        quantity, unit, end = _trailing_amount(tokens)
    food = " ".join(t for t in tokens[start:end])
    amount = list(tokens[:start]) + list(tokens[end:])
    while len(amount) > 1 and amount[-1] in _SKIP:
        amount.pop()  # "a glass of" -> "a glass"
    return Phrase(food.strip(" ,;:-"), quantity, unit, " ".join(amount))


def understand(
    text: str, foods: FoodSearch, meal: str | None = None, pinned: Food | None = None
) -> Understanding:
    """The food and amount ``text`` means, searching ``foods`` for the food words.

    ``pinned`` is a food already chosen (picked from the list); then the text gives only
    the amount (``portion_from_text``), and no text one usual serving. Raises BonewiseError with one sentence for the person.
    """
    if pinned is not None:
        if not isinstance(text, str) or not text.strip():
            return Understanding(pinned, usual_portion(pinned, meal))
        return Understanding(pinned, portion_from_text(pinned, text, meal))
    if not isinstance(text, str) or not text.strip():
        raise BonewiseError("Type a food, for example “2 eggs” or “milk 1 cup”.")
    phrase = read_phrase(text)
    if not phrase.food:
        raise BonewiseError(f"“{text.strip()[:60]}” gives an amount but no food; type the food too.")
    result = foods.find(phrase.food, SEARCHED)
    whole = phrase
    if not result.hits and (phrase.quantity is not None or phrase.unit is not None):
        # The "amount" may have been part of a name ("7 up"): try the words as typed.
        as_typed = foods.find(" ".join(_tokens(text)), SEARCHED)
        if as_typed.hits:
            whole, result = Phrase(" ".join(_tokens(text))), as_typed
    if result.hits:
        whole, result = _main_food(whole, result, foods)
    else:
        whole, result = _closest(whole, foods)
    if not result.hits:
        raise BonewiseError(f"No food matches “{phrase.food[:60]}”.")
    hits = result.hits
    chosen = _in_unit(hits, whole.unit, foods)
    food = foods.get(chosen.food_id)
    if food is None:
        raise BonewiseError("That food is no longer in the food store.")
    others = [h for h in hits if h.food_id != chosen.food_id]
    # Another form of the food chosen (cooked rather than raw) is not another food to ask
    # about, nor is a food that does not come in the unit she said ("a tin of tuna").
    close = tuple(h for h in others if h.score - chosen.score <= CLOSE_SCORE and h.form_of != chosen.food_id
                  and _comes_in(h, whole.unit, foods))[:MAX_ALTERNATIVES]
    return Understanding(food, _portion(food, whole, meal), close, result.corrected, whole.food, hits)


def entry_from_text(food: Food, text: object, meal: str | None = None) -> Entry:
    """The entry typed amount text gives a food already chosen: "1 cup", "2", "150 g",
    "200 ml", "2 tablets", "1 cup, chopped", "a slice" (see ``portion_from_text``)."""
    return Understanding(food, portion_from_text(food, text, meal)).entry()


def portion_from_text(food: Food, text: object, meal: str | None = None) -> Portion:
    """How much of a food already chosen typed amount text means.

    The words after the number may name one of the food's own measures as USDA lists it
    (that wins, so "1 oz" of cheddar is its "oz" measure); else the amount is read as
    ``understand`` reads it: a bare number counts the natural unit, never grams. Words
    that only repeat the food's name are allowed ("2 eggs" of "Egg, whole").
    """
    if not isinstance(text, str) or not text.strip():
        raise BonewiseError("Type an amount such as “150 g” or “1 cup”.")
    _reject_ambiguous_comma(text[:MAX_PHRASE_CHARS])
    tokens = _tokens(text[:MAX_PHRASE_CHARS])
    quantity, after = _quantity(tokens, 0)
    while after < len(tokens) and tokens[after] in ("x", "×", "*"):
        after += 1
    rest = tokens[after:]
    if rest:
        own = _named_measure(food, rest)
        if own is not None:
            return counted(own, check_count(1.0 if quantity is None else quantity))
    phrase = read_phrase(text)
    if phrase.food and not _names(food, phrase.food):
        raise BonewiseError(f"{food.name} has no measure called {quoted(' '.join(rest))}; "
                            f"{_measures_hint(food)}")
    return _portion(food, phrase, meal)


def with_food(text: str, food: Food, meal: str | None = None) -> Understanding:
    """The amount typed with other food words, of a food picked from the list instead."""
    phrase = read_phrase(text)
    return Understanding(food, _portion(food, Phrase("", phrase.quantity, phrase.unit), meal))


def _names(food: Food, words: str) -> bool:
    """True when every word is in the food's name ("2 eggs" of "Egg, whole"): it only repeats it."""
    name = food.name.casefold()
    return all(any(form in name for form in (w, w.removesuffix("s"), w.removesuffix("es"))) for w in words.split())


def usual_entry(food: Food, meal: str | None = None) -> Entry:
    """One usual serving of ``food`` at ``meal`` as a plan entry (see ``portions.usual_portion``)."""
    return Understanding(food, usual_portion(food, meal)).entry()


def _named_measure(food: Food, words: Sequence[str]) -> Measure | None:
    """The food's measure these typed words name: its full name ("cup, chopped",
    "can (3.75 oz)"), the name with the first word in the plural ("tablets", "cups
    chopped"), or – when only one measure starts so – its first word."""
    typed = list(words)
    forms = [typed]
    for suffix in ("es", "s"):
        if typed[0].endswith(suffix) and len(typed[0]) > len(suffix) + 1:
            forms.append([typed[0][: -len(suffix)], *typed[1:]])
    for form in forms:
        for m in food.measures:
            if form == _tokens(m.name):
                return m
    if len(typed) == 1:
        for form in forms:
            starting = [m for m in food.measures if _tokens(m.name)[:1] == form]
            if len(starting) == 1:
                return starting[0]
    return None


def _measures_hint(food: Food) -> str:
    known = ", ".join(f"“{m.name}”" for m in food.measures[:8])
    return f"its measures are {known}, or give grams." if known else "give the amount in grams."


def _reject_ambiguous_comma(text: str) -> None:
    """ "1,500" is 1500 to some and 1.5 to others: ask rather than guess. A negative
    amount ("-5 g") is refused here too, before the minus is read as a dash."""
    folded = unicodedata.normalize("NFKC", text)
    if _NEGATIVE.search(folded):
        raise BonewiseError(f"An amount must be more than zero, not {quoted(folded.strip())}.")
    match = _AMBIGUOUS_COMMA.search(folded)
    if match:
        whole, part = match[1], match[2]
        if part == "000":
            return  # "1,000 ml": nobody writes one litre so
        raise BonewiseError(f"“{whole},{part}” is ambiguous: write {whole}{part} or {whole}.{part}.")


def _closest(phrase: Phrase, foods: FoodSearch) -> tuple[Phrase, SearchResult]:
    """When no food has every word: the search that leaves one word out, said as a correction.

    A word that is one of the found food's measures is read as the unit ("5 cherry
    tomatoes", "cod fillet"). Otherwise the search with the best hit wins ("kale salad" is
    kale rather than salad dressing), leaving out what follows "with", "and", "in" or "on"
    before the food it follows ("latte with oat milk" is a latte), and, between equals, a
    unit word ("carrot sticks"), then the first word ("black coffee"). When leaving out one
    word is not enough, the food before "with" alone ("cornflakes with semi skimmed milk").
    """
    words = phrase.food.split()
    joiner = next((i for i, w in enumerate(words) if w in _JOINERS), None)
    order = list(range(len(words)))
    if joiner is not None:
        order = [i for i in reversed(order) if i > joiner] + [i for i in order if i < joiner]
    order.sort(key=lambda i: words[i] not in UNIT_WORDS)  # stable: unit words first
    options: list[tuple[float, Phrase, SearchResult, bool]] = []  # score, phrase, result, leaves out the main food
    for rank, skip in enumerate(order):
        if words[skip] in _JOINERS:
            continue
        kept = _trimmed([w for i, w in enumerate(words) if i != skip])
        if not kept or all(w in _QUALIFIERS for w in kept.split()):
            continue  # "plain omelette" less "omelette" names no food, only a kind of one
        result = foods.find(kept, SEARCHED)
        if not result.hits:
            continue
        if phrase.unit is None:
            top_score = result.hits[0].score
            for hit in result.hits:  # a close hit that comes in that unit ("cherry" tomatoes)
                found = foods.get(hit.food_id) if hit.score - top_score <= UNIT_CHOICE_SCORE else None
                if found is None:
                    break
                for unit in dict.fromkeys((words[skip], words[skip].removesuffix("s"), words[skip].removesuffix("es"))):
                    if household_unit(found, unit) is not None:
                        return Phrase(kept, phrase.quantity, unit, phrase.said), result
        drops_main = joiner is not None and skip < joiner
        penalty = DROP_ORDER_SCORE * rank + (BEFORE_JOINER_SCORE if drops_main else 0.0)
        options.append((result.hits[0].score + penalty,
                        Phrase(kept, phrase.quantity, phrase.unit, phrase.said),
                        SearchResult(result.hits, result.corrected or kept), drops_main))
    if joiner:
        # "cornflakes with semi skimmed milk": when no food has it all, the food before "with" alone
        # is what was eaten; the words after it named what was added.
        main = _trimmed(words[:joiner])
        result = foods.find(main, SEARCHED)
        if result.hits:  # then leaving out the food before "with" is never needed
            options = [o for o in options if not o[3]]
            options.append((result.hits[0].score + MAIN_ALONE_SCORE, Phrase(main, phrase.quantity, phrase.unit, phrase.said),
                            SearchResult(result.hits, result.corrected or main), False))
    if not options:
        return phrase, SearchResult(())
    _, best, result, _ = min(options, key=lambda option: option[0])
    return best, result


def _trimmed(words: Sequence[str]) -> str:
    """Words left after one is dropped, without a joiner or "of" left dangling at either
    end: "beans on toast" less "toast" is "beans", "knob of butter" less "knob" "butter"."""
    kept = list(words)
    while kept and (kept[0] in _JOINERS or kept[0] in _SKIP):
        kept.pop(0)
    while kept and (kept[-1] in _JOINERS or kept[-1] in _SKIP):
        kept.pop()
    return " ".join(kept)


def _main_food(phrase: Phrase, result: SearchResult, foods: FoodSearch) -> tuple[Phrase, SearchResult]:
    """"yogurt with berries": when a food has every word only by a far-fetched name (a
    branded cereal), the food before "with"/"and"/"in"/"on" alone is what was meant."""
    words = phrase.food.split()
    joiner = next((i for i, w in enumerate(words) if w in _JOINERS), None)
    if joiner is None or joiner == 0 or not result.hits:
        return phrase, result
    main = " ".join(words[:joiner])
    alone = foods.find(main, SEARCHED)
    if alone.hits and alone.hits[0].score + MAIN_FOOD_SCORE < result.hits[0].score:
        return Phrase(main, phrase.quantity, phrase.unit, phrase.said), SearchResult(alone.hits, alone.corrected or main)
    return phrase, result


def _in_unit(hits: Sequence[SearchHit], unit: str | None, foods: FoodSearch) -> SearchHit:
    """The best hit, or – when a household unit was said that it does not come in – the best
    close hit that does ("a slice of toast": bread, not French toast)."""
    top = hits[0]
    if unit is None or converts_without_measure(unit):
        return top
    for hit in hits:
        if hit.score - top.score > UNIT_CHOICE_SCORE:
            break
        food = foods.get(hit.food_id)
        if food is not None and household_unit(food, unit) is not None:
            return hit
    return top


def _comes_in(hit: SearchHit, unit: str | None, foods: FoodSearch) -> bool:
    """True when the food comes in the household unit said (any food does for grams, mL or no unit)."""
    if unit is None or converts_without_measure(unit):
        return True
    food = foods.get(hit.food_id)
    return food is not None and household_unit(food, unit) is not None


def _portion(food: Food, phrase: Phrase, meal: str | None) -> Portion:
    if phrase.unit is None and phrase.quantity is not None and phrase.food and not food.natural_unit:
        # "2 sardines": the food's own measure named like the food counts it.
        last = phrase.food.split()[-1]
        for unit in dict.fromkeys((last, last.removesuffix("s"), last.removesuffix("es"))):
            if household_unit(food, unit) is not None:
                phrase = Phrase(phrase.food, phrase.quantity, unit, phrase.said)
                break
    portion = portion_of(food, phrase.quantity, phrase.unit, meal)
    check_grams(portion.grams)
    return portion


# --------------------------------------------------------------------------- reading


def _reject_zero_amount(tokens: Sequence[str]) -> None:
    """ "0 g kale" is an amount of nothing, not a food named "0 g": refuse a zero before a unit
    (a zero elsewhere stays in the name: "0% yogurt", "trimmed to 0 fat")."""
    for i, word in enumerate(tokens):
        unit, after = _unit_at(tokens, i + 1)
        if _number(word) == 0 and unit is not None:
            said = " ".join(tokens[i:after])
            raise BonewiseError(f"An amount must be more than zero, not {quoted(said)}.")


def _tokens(text: str) -> list[str]:
    """Lower-case words with fractions spelled out ("1½" -> "1", "1/2") and glued units cut
    ("200ml" -> "200", "ml"); punctuation between words is dropped, "2%" kept."""
    spelled = "".join(f" {_VULGAR[c].numerator}/{_VULGAR[c].denominator} " if c in _VULGAR else c for c in text)
    clean = unicodedata.normalize("NFKC", spelled).replace("\u2044", "/").casefold()
    clean = re.sub(r"(?<![\d.,])([1-9]\d{0,2}),000(?![\d.,])", r"\g<1>000", clean)  # "1,000 ml"
    clean = re.sub(r"(\d),(\d)", r"\1.\2", clean)  # "1,5 l": a decimal comma
    words = []
    for raw in re.split(r"[\s,;:!?()\[\]\"]+", clean):
        word = raw.strip(".-–'’")
        if not word:
            continue
        glued = _GLUED.match(word)
        times = _TIMES.match(word)
        if glued and (glued[2] in UNIT_WORDS or glued[2] in ("x",)):
            words += [glued[1], glued[2]]
        elif times:
            words += ["x", times[1]]
        else:
            words.append(word)
    return words


def _number(word: str) -> float | None:
    match = _NUMBER.match(word)
    if match is None:
        return None
    if match[1] is not None:
        return float(match[1].replace(",", "."))
    den = int(match[3])
    return int(match[2]) / den if den else None


def _quantity(tokens: Sequence[str], i: int) -> tuple[float | None, int]:
    """A quantity starting at ``tokens[i]`` and the index after it, or (None, i).

    Digits ("2", "1.5", "1/2", "1 1/2"), words ("two", "a", "half", "a couple of",
    "half a dozen", "one and a half"), and "½" already spelled as "1/2".
    """
    n = len(tokens)
    value: float | None = None
    j = i
    if j < n and tokens[j] in ("a", "an") and j + 1 < n and tokens[j + 1] in ("half", "quarter", "third", "couple", "few", "dozen"):
        j += 1  # "a half", "a couple", "a dozen"
    if j < n and (_number(tokens[j]) is not None or tokens[j] in _NUMBER_WORDS):
        value = _number(tokens[j])
        value = float(_NUMBER_WORDS[tokens[j]]) if value is None else value
        if not value > 0:
            return None, i  # "0" is not an amount ("0% yogurt" keeps it in the name)
        j += 1
        if tokens[j - 1] in ("a", "an") and j < n and tokens[j] in ("half", "quarter", "third", "dozen"):
            value = float(_NUMBER_WORDS[tokens[j]])
            j += 1
        # "1 1/2", "one and a half", "2 and a half"
        if j < n and "/" in tokens[j] and _number(tokens[j]) is not None and value >= 1 and value == int(value):
            value += _number(tokens[j]) or 0.0
            j += 1
        elif j + 2 < n and tokens[j] == "and" and tokens[j + 1] in ("a", "an") and tokens[j + 2] in ("half", "quarter"):
            value += float(_NUMBER_WORDS[tokens[j + 2]])
            j += 3
        # "half a dozen", "half a cup" ("a" is the unit's article), "a couple of"
        if j + 1 < n and tokens[j] in ("a", "an") and tokens[j + 1] == "dozen":
            value *= 12
            j += 2
        elif j < n and tokens[j] == "dozen" and tokens[j - 1] != "dozen":
            value *= 12
            j += 1
    return value, j


def _unit_at(tokens: Sequence[str], i: int) -> tuple[str | None, int]:
    """A unit word (or two-word unit, "fl oz") at ``tokens[i]`` and the index after it."""
    if i + 1 < len(tokens) and f"{tokens[i]} {tokens[i + 1]}" in UNIT_WORDS:
        return UNIT_WORDS[f"{tokens[i]} {tokens[i + 1]}"], i + 2
    if i < len(tokens) and tokens[i] in UNIT_WORDS:
        return UNIT_WORDS[tokens[i]], i + 1
    return None, i


def _leading_amount(tokens: Sequence[str]) -> tuple[float | None, str | None, int]:
    """An amount at the start: "2 cups of", "a glass of", "half a", "slice of", "200 ml"."""
    quantity, j = _quantity(tokens, 0)
    k = j
    while k < len(tokens) and tokens[k] in ("x", "×", "*") and quantity is not None:
        k += 1
    if k < len(tokens) and tokens[k] in ("a", "an") and quantity is not None:
        k += 1  # "half a cup"
    unit, after = _unit_at(tokens, k)
    if unit in _SIZES and after >= len(tokens):  # "a large" alone names no food
        unit, after = None, k
    if unit in _SIZES:
        following, beyond = _unit_at(tokens, after)
        if following is not None and following not in _SIZES:
            unit, after = following, beyond  # "a small pot of", "a large glass of": the unit says it
    if unit is not None and (quantity is not None or (after < len(tokens) and tokens[after] == "of")):
        while after < len(tokens) and tokens[after] in ("of",):
            after += 1
        if after < len(tokens) or quantity is not None:
            return (1.0 if quantity is None else quantity), unit, after
    if quantity is None and unit in _SIZES and after < len(tokens):
        return 1.0, unit, after  # "large eggs", "small apple": one of that size
    if quantity is not None and j == len(tokens):
        return quantity, None, j  # "2": an amount alone
    if quantity is not None and j < len(tokens):
        while j < len(tokens) and tokens[j] in ("x", "×", "*", "of"):
            j += 1
        if j + 1 < len(tokens) and tokens[j - 1] == "of" and tokens[j] in ("a", "an"):
            j += 1  # "a quarter of a melon"
        if tokens[0] in ("a", "an") and j == 1:
            return 1.0, None, 1  # "a banana", "an apple"
        return quantity, None, j
    return None, None, 0


def _trailing_amount(tokens: Sequence[str]) -> tuple[float | None, str | None, int]:
    """An amount at the end: "eggs 2", "milk 200 ml", "cheddar 2 slices", "kale 1 cup", "tea x2"."""
    n = len(tokens)
    for start in range(max(1, n - 4), n):
        quantity, j = _quantity(tokens, start)
        if quantity is None or tokens[start] in ("a", "an"):
            continue
        if start > 0 and tokens[start - 1] in ("x", "×", "*"):
            food_end = start - 1
        else:
            food_end = start
        unit, after = _unit_at(tokens, j)
        if after == n and food_end > 0:
            return quantity, unit, food_end
        if unit is None and after == n - 1 and food_end > 0 and _word_unit(tokens[after]):
            return quantity, tokens[after], food_end  # "milk 2 buckets": a unit the food may not have
    return None, None, n


def _word_unit(word: str) -> bool:
    """A word after a trailing number that is read as a unit: letters, not "percent"."""
    return word.isalpha() and word not in ("percent", "pct", "fat", "and", "with", "or")
