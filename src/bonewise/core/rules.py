"""What may go into a plan or the user store: the limits, the checks, and their messages.

Every layer that accepts input calls these: the plan edits, the repository
before it writes, the bundle checker, the custom-food store and dialog, the
command line. A check returns the cleaned value or raises BonewiseError with one
sentence for the user. The clinical ranges (body weight, T-score, vitamin D lab
value, personal target bands) belong to ``core.targets``, which the person check
calls, so each of those is written once too.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from difflib import get_close_matches
from fractions import Fraction
from types import MappingProxyType

from bonewise.core.foods import FoodKind, Measure
from bonewise.core.nutrients import BY_KEY, KEYS
from bonewise.core.plan import (
    Allergen,
    Diet,
    Entry,
    IsoWeek,
    MealSlot,
    Person,
    Recipe,
    SoyPreference,
    new_id,
)
from bonewise.core.record import ITEMS, KIND_NAMES, Kind, RecordEntry
from bonewise.core.targets import (
    MAX_T_SCORE,
    MIN_T_SCORE,
    check_birth_year,
    check_lab_value,
    check_override,
    check_weight,
    t_score_category,
)
from bonewise.errors import BonewiseError

# -- limits -------------------------------------------------------------------------

MAX_GRAMS = 100_000.0  # 100 kg: more than anyone plans for one item, or one measure weighs
MAX_COUNT = 1_000.0  # measures, doses or portions a user gives one item
MAX_RECIPE_PORTIONS = 1_000.0
# The least that is an amount: amounts show to 0.01, so less would read "0 g" yet count; a
# recipe that makes a tiny fraction of a portion would multiply its contents without bound.
MIN_GRAMS = 0.01
MIN_COUNT = 0.01  # measures, doses or portions of one item
MIN_RECIPE_PORTIONS = 0.1  # what a recipe makes
# A recipe may hold recipes that hold recipes…, to this many levels (a recipe of foods only is
# level 1): a sauce in a lasagne in a party menu is 3. Deeper nests are mistakes or attacks.
MAX_RECIPE_DEPTH = 8
MAX_NOTE_CHARS = 2_000  # a day note as typed
# What the store (and so a plan bundle) accepts: wider than what can be typed, so a
# file written by another version is never refused for a value the store can hold.
MAX_STORED_COUNT = 10_000.0
MAX_STORED_NOTE_CHARS = 10_000

# The years Bonewise plans in and dates records in: far from the calendar's own ends (year 1,
# 9999), where a week or a step to the next one would fall off it.
FIRST_YEAR = 1900
LAST_YEAR = 2999

MAX_PERSON_NAME = 100
MAX_SLOTS = 20
MAX_SLOT_ID = 40
MAX_SLOT_NAME = 60
MAX_RECIPE_NAME = 200
MAX_FOOD_NAME = 200
MAX_LABEL = 100  # a measure's name, a food group, an aisle
MAX_MEASURES = 50

# Upper bounds per 100 g of a food by unit: more is physically impossible, or a typo.
MAX_PER_100G: Mapping[str, float] = MappingProxyType(
    {"g": 100.0, "mg": 100_000.0, "µg": 100_000_000.0, "IU": 10_000_000.0, "kcal": 900.0}
)
# A supplement is stored per nominal 1 g dose, so 100 × what one dose holds.
MAX_SUPPLEMENT_PER_100G = 100_000_000.0
# The parts of a food that weigh something; together at most 100 g per 100 g (5 g for rounding).
MASS_KEYS = ("protein_g", "fat_g", "carbs_g", "water_g", "alcohol_g", "ash_g")
MAX_MASS_PER_100G = 105.0


# -- text ---------------------------------------------------------------------------

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


# Characters that take no room: zero-width spaces and joiners, the BOM, bidi controls (all of
# Unicode's "format" category), and the Hangul fillers that render as nothing.
_FILLERS = frozenset("\u034f\u115f\u1160\u3164\uffa0")


def invisible(char: str) -> bool:
    """True for a character that shows nothing: "Zoë" and "Zoë" + U+200B look the same."""
    return unicodedata.category(char) == "Cf" or char in _FILLERS


def trim(text: str) -> str:
    """``text`` without spaces or invisible characters at either end."""
    start, end = 0, len(text)
    while start < end and (text[start].isspace() or invisible(text[start])):
        start += 1
    while end > start and (text[end - 1].isspace() or invisible(text[end - 1])):
        end -= 1
    return text[start:end]


def name_key(name: str) -> str:
    """The form under which names are compared: NFC and case-folded, without invisible
    characters anywhere (so "Zo" + U+200B + "ë" is "Zoë") or spaces at the ends."""
    seen = "".join(c for c in unicodedata.normalize("NFC", name) if not invisible(c)).strip()
    return unicodedata.normalize("NFC", seen.casefold())


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Crème Fraîche" → "creme fraiche"."""
    # Decompose before and after case folding, so that folding twice changes nothing.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def visible_text(text: str, limit: int = 40) -> str:
    """``text`` fit for a one-line message: characters a terminal acts on escaped, cut short."""
    shown = "".join(
        f"\\u{ord(c):04x}"
        if unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") or c in _BIDI_CONTROLS
        else c
        for c in text
    )
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def shown_path(path: str | os.PathLike[str]) -> str:
    """A file or folder name for a message: controls escaped, a very long path cut short."""
    return visible_text(os.fsdecode(path), 160)


def quoted(value: object, limit: int = 40) -> str:
    """``value`` in quotation marks on one line, cut short: “1,5 cups”."""
    text = value if isinstance(value, str) else repr(value)
    text = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)  # one line, no escapes
    return f"“{text[:limit]}…”" if len(text) > limit else f"“{text}”"


def _printable(text: str) -> bool:
    return not any(unicodedata.category(c) in ("Cc", "Cs") for c in text)


def check_name(name: object, what: str, limit: int = MAX_PERSON_NAME) -> str:
    """A display name trimmed of surrounding spaces and invisible characters; any script or
    symbol is fine (and a joiner inside an emoji or a word stays).

    Control characters (line breaks, tabs, NUL) and lone surrogates are refused
    because they break one-line displays and cannot be stored as UTF-8.
    """
    if not isinstance(name, str):
        raise BonewiseError(f"{what} must be text, got {name!r}.")
    trimmed = trim(name)
    if not trimmed:
        raise BonewiseError(f"{what} must not be empty (nor only spaces or invisible characters).")
    if len(trimmed) > limit:
        raise BonewiseError(f"{what} is too long ({len(trimmed)} characters; at most {limit}).")
    for char in trimmed:
        if unicodedata.category(char) in ("Cc", "Cs"):
            raise BonewiseError(
                f"{what} must not contain control characters such as line breaks "
                f"(found U+{ord(char):04X})."
            )
    return trimmed


def _without_controls(text: str) -> str:
    """Line ends made plain ("\\r\\n" and a lone "\\r" become "\\n"); other control characters
    (NUL, escape sequences a terminal would act on) dropped; line breaks and tabs kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")


def clean_note(note: object) -> str:
    """A day note as typed: any characters but control ones, plain line ends, at most 2,000."""
    if not isinstance(note, str):
        raise BonewiseError("A note must be text.")
    text = _without_controls(note)
    if len(text) > MAX_NOTE_CHARS:
        raise BonewiseError(f"A note can be at most {MAX_NOTE_CHARS:,} characters long.")
    return text


def check_stored_note(note: object) -> str:
    """A day note the store can hold (UTF-8, at most 10,000 characters), cleaned like a typed one
    (a note from a file may hold a NUL or an escape sequence)."""
    if not isinstance(note, str):
        raise BonewiseError(f"A day note must be text, got {note!r}.")
    if len(note) > MAX_STORED_NOTE_CHARS:
        raise BonewiseError(
            f"A day note is too long ({len(note)} characters; at most {MAX_STORED_NOTE_CHARS})."
        )
    if any(unicodedata.category(c) == "Cs" for c in note):
        raise BonewiseError("A day note contains an invalid character (a lone surrogate).")
    return _without_controls(note)


# -- dates ----------------------------------------------------------------------------


def check_date(date: object, what: str = "The date") -> dt.date:
    """``date`` if it is a date in the years Bonewise works with; else one sentence."""
    if type(date) is not dt.date:
        raise BonewiseError(f"{what} must be a date, got {date!r}.")
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise BonewiseError(
            f"{what} {date.isoformat()} is outside the years Bonewise works with "
            f"({FIRST_YEAR} to {LAST_YEAR})."
        )
    return date


def check_week(week: IsoWeek, what: str = "The week") -> IsoWeek:
    """``week`` if all its days lie in the years Bonewise works with; else one sentence."""
    monday = week.monday()
    # The Monday first: the Sunday of a week at the calendar's very end does not exist.
    if not FIRST_YEAR <= monday.year <= LAST_YEAR or (monday + dt.timedelta(days=6)).year > LAST_YEAR:
        raise BonewiseError(
            f"{what} {week} is outside the years Bonewise works with ({FIRST_YEAR} to {LAST_YEAR})."
        )
    return week


# -- numbers and amounts ------------------------------------------------------------


def valid_amount(value: object) -> bool:
    """A usable quantity: a finite number from 0.01 up to 100 kg (not a bool)."""
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and MIN_GRAMS <= value <= MAX_GRAMS
    )


def number(value: object, what: str) -> float:
    """``value`` as a float, or a clear error for text, bools, NaN and infinities."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Fraction)):
        raise BonewiseError(f"The {what} must be a number, not {quoted(value)}.")
    try:
        result = float(value)
    except OverflowError:  # an int with hundreds of digits
        result = math.inf
    if not math.isfinite(result):
        raise BonewiseError(f"The {what} must be a finite number.")
    return result


def check_grams(grams: object) -> float:
    """``grams`` as a float if it is a usable weight (finite, > 0, ≤ 100 kg); else BonewiseError."""
    value = number(grams, "amount in grams")
    if not valid_amount(value):
        raise BonewiseError(
            f"The amount must be at least {MIN_GRAMS:g} g and at most {MAX_GRAMS:,.0f} g, not {value:g} g."
        )
    return value


def check_count(count: object) -> float:
    """``count`` as a float if it is a usable number of measures, doses or portions."""
    value = number(count, "count")
    if not MIN_COUNT <= value <= MAX_COUNT:
        raise BonewiseError(f"The count must be at least {MIN_COUNT:g} and at most {MAX_COUNT:,.0f}, not {value:g}.")
    return value


def check_portions(portions: object) -> float:
    """How many portions a recipe makes: more than 0 and at most 1,000."""
    count = number(portions, "number of portions")
    if not MIN_RECIPE_PORTIONS <= count <= MAX_RECIPE_PORTIONS:
        raise BonewiseError(
            f"A recipe makes at least {MIN_RECIPE_PORTIONS:g} and at most {MAX_RECIPE_PORTIONS:,.0f} "
            f"portions, not {count:g}."
        )
    return count


def _in_range(value: object, what: str, low: float, high: float, *, low_open: bool = False) -> float:
    ok = (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and (value > low if low_open else value >= low)
        and value <= high
    )
    if not ok:
        bound = f"more than {low:g}" if low_open else f"at least {low:g}"
        raise BonewiseError(f"{what} must be a number {bound} and at most {high:g}, got {value!r}.")
    return float(value)  # type: ignore[arg-type]  # ok says it is a number


# -- plan entries and recipes ----------------------------------------------------------


def check_entry(entry: object, where: str) -> Entry:
    """``entry`` if it is a sane food or recipe item the store can hold; else BonewiseError."""
    if not isinstance(entry, Entry):
        raise BonewiseError(f"{where}: not a plan entry ({entry!r}).")
    if not isinstance(entry.id, str) or not entry.id:
        raise BonewiseError(f"{where}: the entry has no id.")
    if entry.recipe_id is not None:
        if not isinstance(entry.recipe_id, str) or not entry.recipe_id:
            raise BonewiseError(f"{where}: the recipe id must be text, got {entry.recipe_id!r}.")
        _in_range(entry.count, f"{where}: the number of portions", MIN_COUNT, MAX_STORED_COUNT)
        _in_range(entry.grams, f"{where}: grams", 0, MAX_GRAMS)
    else:
        if not isinstance(entry.food_id, str) or not entry.food_id:
            raise BonewiseError(f"{where}: an item needs a food or a recipe.")
        if not valid_amount(entry.grams):
            raise BonewiseError(
                f"{where}: grams must be a number from {MIN_GRAMS:g} to {MAX_GRAMS:.0f}, "
                f"got {entry.grams!r}."
            )
        if entry.count is not None:
            _in_range(entry.count, f"{where}: count", MIN_COUNT, MAX_STORED_COUNT)
    if entry.measure is not None:
        check_name(entry.measure, f"{where}: the measure name")
    return entry


def check_recipe(recipe: object) -> Recipe:
    """``recipe`` with its name trimmed, or BonewiseError naming the first bad field.

    Whether the recipes it contains exist (and never contain it) is the store's
    to check: it knows the other recipes.
    """
    if not isinstance(recipe, Recipe):
        raise BonewiseError(f"Not a recipe: {recipe!r}.")
    name = check_name(recipe.name, "A recipe's name", MAX_RECIPE_NAME)
    if not isinstance(recipe.id, str) or not recipe.id:
        raise BonewiseError(f"The recipe '{name}' has no id.")
    portions = check_portions(recipe.portions)
    entries = tuple(recipe.entries)
    if not entries:
        raise BonewiseError(f"The recipe '{name}' has no ingredients.")
    for i, entry in enumerate(entries):
        check_entry(entry, f"The recipe '{name}', ingredient {i + 1}")
        if entry.recipe_id == recipe.id:
            raise BonewiseError(f"The recipe '{name}' cannot contain itself.")
    return Recipe(name, entries, portions, recipe.id)


def recipe_depths(recipes: Mapping[str, Recipe]) -> dict[str, float]:
    """How deep each recipe nests: 1 for one of foods only, else 1 + its deepest inner recipe;
    ``math.inf`` for a recipe that contains itself, directly or not, or one that holds such a
    recipe. A recipe that is not in ``recipes`` counts as nothing. Iterative: a chain of any
    length is measured without recursion."""
    depths: dict[str, float] = {}
    for root in recipes:
        if root in depths:
            continue
        path, on_path = [root], {root}
        pending = [iter(_inner_ids(recipes[root]))]
        while pending:
            child = next(pending[-1], None)
            if child is None:
                current = path.pop()
                pending.pop()
                on_path.discard(current)
                inner = [depths[c] for c in _inner_ids(recipes[current]) if c in recipes]
                depths[current] = 1 + max(inner, default=0)
            elif child in recipes and child not in depths:
                if child in on_path:
                    depths[child] = math.inf  # a loop: everything that reaches it can never end
                else:
                    path.append(child)
                    on_path.add(child)
                    pending.append(iter(_inner_ids(recipes[child])))
    return depths


def _inner_ids(recipe: Recipe) -> list[str]:
    return list(dict.fromkeys(e.recipe_id for e in recipe.entries if e.recipe_id is not None))


def check_recipe_nesting(recipes: Mapping[str, Recipe]) -> None:
    """BonewiseError unless every recipe nests at most MAX_RECIPE_DEPTH levels and none contains
    itself; the message names the recipe."""
    for recipe_id, depth in recipe_depths(recipes).items():
        name = recipes[recipe_id].name
        if depth == math.inf:
            raise BonewiseError(
                f"The recipe '{visible_text(name)}' cannot contain itself, directly or through another recipe."
            )
        if depth > MAX_RECIPE_DEPTH:
            raise BonewiseError(
                f"The recipe '{visible_text(name)}' would hold recipes {depth:.0f} levels deep; at most "
                f"{MAX_RECIPE_DEPTH} may sit inside one another."
            )


def make_recipe(
    name: object, entries: Iterable[Entry], portions: object = 1, *, recipe_id: str | None = None
) -> Recipe:
    """A checked recipe: a name, at least one ingredient, portions in (0, 1000]."""
    return check_recipe(Recipe(name, tuple(entries), portions, recipe_id or new_id()))  # type: ignore[arg-type]


# -- people --------------------------------------------------------------------------


def check_person(person: object) -> Person:
    """``person`` with names trimmed and numbers as floats, or BonewiseError naming the first bad field."""
    if not isinstance(person, Person):
        raise BonewiseError(f"Not a person: {person!r}.")
    name = check_name(person.name, "A person's name")
    # The clinical ranges are the targets', so whatever is stored can be planned with.
    weight = None if person.weight_kg is None else check_weight(person.weight_kg)
    birth_year = None if person.birth_year is None else check_birth_year(person.birth_year)
    t_score = None
    if person.t_score is not None:
        t_score_category(person.t_score)
        t_score = float(person.t_score)
    lab = None if person.vitamin_d_lab_ng_ml is None else check_lab_value(person.vitamin_d_lab_ng_ml)
    if person.vitamin_d_lab_date is not None:
        check_date(person.vitamin_d_lab_date, "The vitamin D lab date")
    try:
        soy = SoyPreference(person.soy)
    except ValueError:
        choices = ", ".join(s.value for s in SoyPreference)
        raise BonewiseError(f"Soy preference must be one of {choices}, got {person.soy!r}.") from None
    for flag in ("on_warfarin", "eats_natto"):
        if not isinstance(getattr(person, flag), bool):
            raise BonewiseError(f"{flag} must be true or false, got {getattr(person, flag)!r}.")
    diet, allergies, dislikes = check_diet(person.diet, person.allergies, person.dislikes)
    usual_k = None if person.vitamin_k_usual_ug is None else check_usual_vitamin_k(person.vitamin_k_usual_ug)
    slots = check_slots(person.slots)
    overrides = {}
    for key, band in dict(person.target_overrides).items():
        try:
            low, high = band
        except (TypeError, ValueError):
            raise BonewiseError(f"The target for {key} must be a (low, high) pair, got {band!r}.") from None
        overrides[key] = check_override(key, low, high)
    return Person(
        name=name, id=person.id, weight_kg=weight, birth_year=birth_year, t_score=t_score,
        vitamin_d_lab_ng_ml=lab, vitamin_d_lab_date=person.vitamin_d_lab_date,
        on_warfarin=person.on_warfarin, soy=soy, diet=diet, allergies=allergies,
        dislikes=dislikes, eats_natto=person.eats_natto, vitamin_k_usual_ug=usual_k,
        slots=slots, target_overrides=MappingProxyType(overrides),
    )


MAX_DISLIKES = 500
MAX_FOOD_ID = 40
# A usual daily vitamin K intake (µg) worth planning around: US intakes run from about 50 to
# a few hundred µg a day; a number outside this range is a typo or another unit.
MIN_USUAL_VITAMIN_K_UG, MAX_USUAL_VITAMIN_K_UG = 10.0, 1000.0


def check_diet(
    diet: object, allergies: Iterable[object], dislikes: Iterable[object]
) -> tuple[Diet, frozenset[Allergen], frozenset[str]]:
    """A person's diet, allergies and never-wanted food ids, or BonewiseError naming the first bad one."""
    clean_diet = next((d for d in Diet if d == diet), None)  # a Diet or its text
    if clean_diet is None:
        choices = ", ".join(d.value for d in Diet)
        raise BonewiseError(f"The diet must be one of {choices}, not {quoted(diet)}.") from None
    clean_allergies = set()
    for allergy in allergies:
        allergen = next((a for a in Allergen if a == allergy), None)
        if allergen is None:
            choices = ", ".join(a.value for a in Allergen)
            raise BonewiseError(f"An allergy must be one of {choices}, not {quoted(allergy)}.")
        clean_allergies.add(allergen)
    clean_dislikes = set()
    for food_id in dislikes:
        if not isinstance(food_id, str) or not food_id.strip() or len(food_id) > MAX_FOOD_ID:
            raise BonewiseError(f"A food never wanted must be a food id such as 15088, not {quoted(food_id)}.")
        clean_dislikes.add(food_id.strip())
    if len(clean_dislikes) > MAX_DISLIKES:
        raise BonewiseError(f"At most {MAX_DISLIKES:,} foods can be marked as never wanted.")
    return clean_diet, frozenset(clean_allergies), frozenset(clean_dislikes)


def check_usual_vitamin_k(value: object) -> float:
    """A usual daily vitamin K intake in µg (10–1,000), or BonewiseError."""
    return _in_range(value, "The usual daily vitamin K (µg)", MIN_USUAL_VITAMIN_K_UG, MAX_USUAL_VITAMIN_K_UG)


def check_slots(slots: Iterable[object]) -> tuple[MealSlot, ...]:
    """A person's meal slots: 1 to 20, ids and names unique, names trimmed."""
    slots = tuple(slots)
    if not slots or len(slots) > MAX_SLOTS:
        raise BonewiseError(f"A person needs between 1 and {MAX_SLOTS} meal slots, got {len(slots)}.")
    ids: set[str] = set()
    names: set[str] = set()
    clean = []
    for slot in slots:
        if not isinstance(slot, MealSlot):
            raise BonewiseError(f"Not a meal slot: {slot!r}.")
        check_name(slot.id, "A meal slot id", MAX_SLOT_ID)
        slot_name = check_name(slot.name, "A meal slot name", MAX_SLOT_NAME)
        if slot.id in ids:
            raise BonewiseError(f"Two meal slots share the id '{slot.id}'.")
        if name_key(slot_name) in names:
            raise BonewiseError(f"Two meal slots are called '{slot_name}'.")
        ids.add(slot.id)
        names.add(name_key(slot_name))
        clean.append(MealSlot(slot.id, slot_name, bool(slot.main_meal)))
    return tuple(clean)


# -- custom foods ----------------------------------------------------------------------


def check_food_kind(kind: object) -> FoodKind:
    """A user's own food is a food or a supplement (never shipped reference data)."""
    if isinstance(kind, str) and kind in (FoodKind.CUSTOM.value, FoodKind.SUPPLEMENT.value):
        return FoodKind(kind)
    raise BonewiseError("Your own food must be of kind “custom” or “supplement”.")


def check_food_name(name: object) -> str:
    if not isinstance(name, str):
        raise BonewiseError("A food's name must be text.")
    clean = trim(name)
    if not clean:
        raise BonewiseError("A food needs a name (spaces and invisible characters are not one).")
    if len(clean) > MAX_FOOD_NAME:
        raise BonewiseError(f"A food's name can have at most {MAX_FOOD_NAME} characters, not {len(clean):,}.")
    if not _printable(clean):
        raise BonewiseError("A food's name cannot contain control characters such as line breaks.")
    return clean


def check_label(text: object, what: str) -> str:
    """A short one-line label (a measure's name, a group, an aisle); "" when blank."""
    if not isinstance(text, str) or not trim(text):
        return ""
    clean = trim(text)
    if len(clean) > MAX_LABEL or not _printable(clean):
        raise BonewiseError(f"The {what} must be one line of at most {MAX_LABEL} characters.")
    return clean


def max_per_100g(unit: str, kind: FoodKind) -> float:
    """The most of a nutrient in ``unit`` that 100 g of a food (or of a supplement) can hold."""
    limit = MAX_PER_100G.get(unit, math.inf)
    if kind is FoodKind.SUPPLEMENT:
        limit = min(limit * 100, MAX_SUPPLEMENT_PER_100G)
    return limit


def as_float(value: object) -> float | None:
    """A Python number as a float (an integer too large for a float becomes infinity)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return float(value)
    except OverflowError:
        return math.inf


def _shown(value: object) -> str:
    """A short, printable picture of a value for an error message."""
    try:
        text = str(value)
    except ValueError:  # an integer with more digits than Python will print
        return "a number with thousands of digits"
    return repr(text if len(text) <= 40 else text[:39] + "…")


def check_nutrients(nutrients: object, kind: FoodKind) -> dict[str, float]:
    """Nutrient amounts per 100 g: known keys, finite, not negative, physically possible."""
    if not isinstance(nutrients, Mapping):
        raise BonewiseError("Nutrients must map nutrient keys to amounts per 100 g.")
    clean: dict[str, float] = {}
    for key, raw in nutrients.items():
        nutrient = BY_KEY.get(key) if isinstance(key, str) else None
        if nutrient is None:
            close = get_close_matches(key, KEYS, n=1) if isinstance(key, str) else []
            hint = f"; did you mean {close[0]}?" if close else "; see the nutrient keys in `bonewise foods show`."
            raise BonewiseError(f"{_shown(key)} is not a known nutrient{hint}")
        value = as_float(raw)
        if value is None or not math.isfinite(value):
            raise BonewiseError(f"{key} must be a finite number, not {_shown(raw)}.")
        if value < 0:
            raise BonewiseError(f"{key} cannot be negative.")
        limit = max_per_100g(nutrient.unit, kind)
        if value > limit:
            raise BonewiseError(
                f"{key} of {value:,g} {nutrient.unit} per 100 g is not plausible (at most {limit:,g})."
            )
        clean[key] = value
    if kind is FoodKind.CUSTOM and sum(clean.get(k, 0.0) for k in MASS_KEYS) > MAX_MASS_PER_100G:
        raise BonewiseError(
            "Protein, fat, carbohydrate, water, alcohol and ash add up to more than 100 g per 100 g."
        )
    return clean


def check_measures(measures: object) -> tuple[Measure, ...]:
    """A food's household measures: named, each weighing more than 0 and at most 100 kg, no repeats."""
    if isinstance(measures, (str, bytes)) or not isinstance(measures, Sequence):
        raise BonewiseError("Measures must be a list of household measures.")
    if len(measures) > MAX_MEASURES:
        raise BonewiseError(f"A food can have at most {MAX_MEASURES} measures.")
    clean, seen = [], set()
    for m in measures:
        if not isinstance(m, Measure):
            raise BonewiseError("Each measure needs a name and its weight in grams.")
        name = check_label(m.name, "measure name")
        if not name:
            raise BonewiseError("Each measure needs a name, such as “cup” or “slice”.")
        grams, amount = as_float(m.grams), as_float(m.amount)
        if grams is None or not valid_amount(grams):
            raise BonewiseError(f"The measure “{name}” needs a weight above 0 and at most 100,000 g.")
        if amount is None or not valid_amount(amount):
            raise BonewiseError(f"The measure “{name}” needs an amount above 0.")
        if fold(name) in seen:
            raise BonewiseError(f"The measure “{name}” is given twice.")
        seen.add(fold(name))
        clean.append(Measure(name, grams, amount))
    return tuple(clean)



# -- the health record ------------------------------------------------------------------

MAX_RECORD_ENTRIES = 2_000  # per person: decades of tests, doses and notes
EARLIEST_RECORD_DATE = dt.date(1950, 1, 1)
MAX_FALLS_A_YEAR = 365
MAX_EXERCISE_MINUTES = 5_000  # a week: about 12 hours a day


def check_record_entry(entry: object, *, today: dt.date | None = None) -> RecordEntry:
    """A well-formed record entry; one sentence saying what is wrong otherwise.

    ``today``, when given, refuses dates after it: the record holds what happened.
    """
    if not isinstance(entry, RecordEntry) or not isinstance(entry.kind, Kind):
        raise BonewiseError("A health record entry is malformed.")
    what = KIND_NAMES[entry.kind]
    if not isinstance(entry.date, dt.date) or not EARLIEST_RECORD_DATE <= entry.date <= dt.date(2100, 12, 31):
        raise BonewiseError(f"{what}: the date must be a calendar date between 1950 and 2100.")
    if today is not None and entry.date > today:
        raise BonewiseError(f"{what}: {entry.date.isoformat()} is in the future; record what has happened.")
    items = ITEMS[entry.kind]
    if items is not None and entry.item not in {i.value for i in items}:
        choices = ", ".join(i.value for i in items)
        raise BonewiseError(f"{what}: {quoted(entry.item)} is not one of {choices}.")
    if items is None and entry.item:
        raise BonewiseError(f"{what} takes no drug, site or kind.")
    kind, value = entry.kind, entry.value
    if kind is Kind.DXA:
        t_score_category(_in_range(value, "A T-score", MIN_T_SCORE, MAX_T_SCORE))
    elif kind is Kind.VITAMIN_D:
        check_lab_value(value)
    elif kind is Kind.FRAX:
        if value is None and entry.value2 is None:
            raise BonewiseError("FRAX: give the major osteoporotic risk, the hip risk, or both, in %.")
        for risk, name in ((value, "The FRAX major osteoporotic risk"), (entry.value2, "The FRAX hip risk")):
            if risk is not None:
                _in_range(risk, f"{name} (%)", 0, 100)
    elif kind is Kind.FALLS:
        falls = _in_range(value, "The number of falls", 0, MAX_FALLS_A_YEAR)
        if not falls.is_integer():
            raise BonewiseError(f"The number of falls must be a whole number, got {falls:g}.")
    elif kind is Kind.EXERCISE:
        _in_range(value, "Exercise minutes a week", 0, MAX_EXERCISE_MINUTES)
    elif value is not None:
        raise BonewiseError(f"{what} takes no number.")
    if kind is Kind.BONE_DRUG_DOSE and entry.interval is None:
        raise BonewiseError("A bone drug dose needs its interval, e.g. 6m for every 6 months or 1w for weekly.")
    if kind is not Kind.BONE_DRUG_DOSE and entry.interval is not None:
        raise BonewiseError(f"{what} takes no interval; only a bone drug dose has one.")
    if kind is not Kind.FRAX and entry.value2 is not None:
        raise BonewiseError(f"{what} takes one number only.")
    return entry
