"""What a food is in a meal (its role), which meals it suits, and what it contains.

A planner that only counts nutrients puts olive oil alone at lunch and four
starches on one plate. Meals are built from roles instead (meal-sense.md §3): a
lunch is a protein food, a vegetable and at most one starchy food; oil, butter,
dressings and condiments go with other foods. The same roles count fruit and
vegetables toward the WHO's 400 g a day (starchy roots do not count).

What a food contains (milk, lactose, egg, fish, shellfish, nuts, wheat, soy,
sesame, meat) decides whether a diet or an allergy leaves it out.

Both come from two reviewed tables in ``resources/``, never from ad-hoc string
tests in code:

- ``food_roles.csv``: the first row that matches a food gives its role, its meals and
  whether people eat it every day (milk, yogurt, plant drinks, juice, breakfast cereal);
- ``food_contents.csv``: every matching row adds what it names, and what any
  matching row removes is removed ("Peanut butter" matches "butter" and adds
  milk, but the "peanut butter" row removes it again), so the order of rows
  does not matter.

A row matches by the food's SR24 food group (the first two digits of an SR id,
or the group of any other food), its WWEIA food category (FoodData Central
survey foods) and words of its name. Name words are whole words of the
case- and accent-folded name, a plural "s"/"es" allowed; ``^`` ties a phrase
to the start of the name, where SR24 puts what the food is ("Potatoes, baked"
is a potato, "Soup, potato" is a soup). Contents from names are a best effort:
a label is the only complete list of allergens, and the app says so.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from bonewise.core.foods import Food
from bonewise.core.plan import MealSlot
from bonewise.paths import resources_dir

ROLES_FILE = "food_roles.csv"
CONTENTS_FILE = "food_contents.csv"
GROUPS_FILE = "food_groups.csv"


class Role(StrEnum):
    """A food's part in a meal. The value is what the tables and JSON say."""

    PROTEIN = "protein"  # main protein food: meat, fish, eggs, beans, lentils, tofu
    STARCHY = "starchy"  # bread, cereals, rice, pasta, potatoes and other starchy roots
    VEGETABLE = "vegetable"
    FRUIT = "fruit"
    DAIRY = "dairy"  # milk, yogurt, cheese, or a fortified plant alternative
    FAT = "fat"  # oils, butter, spreads, dressings, sauces, sugar and condiments
    NUTS = "nuts"  # nuts and seeds
    DRINK = "drink"
    DISH = "dish"  # a mixed dish: soup, stew, sandwich, a restaurant meal
    SWEET = "sweet"  # sweets, cakes, sweet drinks, snack foods: never planned
    SUPPLEMENT = "supplement"
    OTHER = "other"  # ingredients, baby foods, drinks with alcohol: never planned

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def counts_as_fruit_or_vegetable(self) -> bool:
        """Toward the WHO 400 g a day; potatoes and other starchy roots are STARCHY, so never."""
        return self in (Role.VEGETABLE, Role.FRUIT)


_LABELS = {
    Role.PROTEIN: "protein food",
    Role.STARCHY: "starchy food",
    Role.VEGETABLE: "vegetable",
    Role.FRUIT: "fruit",
    Role.DAIRY: "dairy or alternative",
    Role.FAT: "fat or condiment",
    Role.NUTS: "nuts and seeds",
    Role.DRINK: "drink",
    Role.DISH: "mixed dish",
    Role.SWEET: "sweet or snack food",
    Role.SUPPLEMENT: "supplement",
    Role.OTHER: "other",
}


class Contains(StrEnum):
    """What a food is or contains, as far as diets and the major allergens care."""

    MEAT = "meat"  # meat and poultry
    FISH = "fish"
    CRUSTACEAN = "crustacean"  # shrimp, crab, lobster
    MOLLUSC = "mollusc"  # clams, mussels, squid
    MILK = "milk"
    LACTOSE = "lactose"
    EGG = "egg"
    TREE_NUT = "tree-nut"
    PEANUT = "peanut"
    WHEAT = "wheat"
    SOY = "soy"
    SESAME = "sesame"
    ANIMAL = "animal"  # other animal products: honey, gelatin
    NATTO = "natto"

    @property
    def label(self) -> str:
        return _CONTAINS_LABELS.get(self, self.value)


_CONTAINS_LABELS = {
    Contains.MEAT: "meat",
    Contains.CRUSTACEAN: "shellfish",
    Contains.MOLLUSC: "molluscs",
    Contains.TREE_NUT: "tree nuts",
    Contains.PEANUT: "peanuts",
    Contains.ANIMAL: "an animal product",
}

MEAL_KINDS: tuple[str, ...] = ("breakfast", "lunch", "dinner", "snack")


def meal_kind(slot: MealSlot) -> str:
    """Which kind of meal a slot is, by its id or name; other main meals count as lunch."""
    text = f"{slot.id} {slot.name}".casefold()
    for kind in ("breakfast", "lunch", "dinner"):
        if kind in text:
            return kind
    if "supper" in text:
        return "dinner"
    return "lunch" if slot.main_meal else "snack"


@dataclass(frozen=True)
class FoodProfile:
    """A food as a meal planner sees it: its role, the meals it suits, what it contains."""

    role: Role
    meals: frozenset[str]  # some of MEAL_KINDS; empty: never planned
    contains: frozenset[Contains]
    daily: bool = False  # eaten every day in most homes (milk, yogurt, plant drinks, juice, cereal)
    kind: str = ""  # what a person calls it (food_kind): canned and baked salmon are both "salmon"

    @property
    def fruit_or_vegetable(self) -> bool:
        return self.role.counts_as_fruit_or_vegetable


# --------------------------------------------------------------------------- the tables


@dataclass(frozen=True)
class _Match:
    """Which foods a table row is about: a group, a category and name phrases (any may be blank)."""

    group: str
    category: str
    phrases: re.Pattern[str] | None

    def matches(self, group: str, category: str, name: str) -> bool:
        if self.group and self.group != group:
            return False
        if self.category and self.category != category:
            return False
        return self.phrases is None or self.phrases.search(name) is not None


@dataclass(frozen=True)
class RoleRow:
    match: _Match
    role: Role
    meals: frozenset[str]
    daily: bool
    note: str


@dataclass(frozen=True)
class ContentsRow:
    match: _Match
    add: frozenset[Contains]
    remove: frozenset[Contains]
    note: str


def fold_name(text: str) -> str:
    """Lower case, accents dropped, every run of other characters one space: "crème, 2%" → "creme 2"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


# USDA names put the general name first, then the type, then the preparation ("Fish, salmon,
# sockeye, canned"; "Salmon, baked" in the survey foods). Under a class word the type is the
# food a person names ("salmon"); under a general word the type tells two foods apart
# (cheddar and gouda are two cheeses, black and white beans two beans).
_CLASS_WORDS = frozenset({"fish", "crustaceans", "mollusks", "game meat"})
_GENERAL_WORDS = frozenset({
    "beans", "cheese", "nuts", "seeds", "cereals", "cereals ready to eat", "oil", "spices",
    "beverages", "soup", "vegetables", "fruit", "peas", "lentils", "yogurt", "snacks", "sauce",
})


def food_kind(name: str) -> str:
    """What a person calls the food, the same for its cuts, cans and cooking methods:
    "Fish, salmon, sockeye, canned" and "Salmon, baked" are "salmon", "Egg, whole, cooked,
    scrambled" is "egg", "Cheese, cheddar" is "cheese cheddar". Variety is counted in these:
    salmon on three days running is salmon three days running, whichever can it came from."""
    terms = [fold_name(t) for t in name.split(",")]
    terms = [t for t in terms if t]
    if not terms:
        return ""
    head = terms[0]
    if len(terms) > 1 and head in _CLASS_WORDS:
        head = terms[1]
    elif len(terms) > 1 and head in _GENERAL_WORDS:
        head = f"{head} {terms[1]}"
    words = head.split()
    last = words[-1]
    if last.endswith("ies") and len(last) > 4:
        words[-1] = last[:-3] + "y"  # berries → berry
    elif last.endswith(("ches", "shes", "oes")) and len(last) > 4:
        words[-1] = last[:-2]  # peaches, radishes, potatoes
    elif last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        words[-1] = last[:-1]  # eggs, sardines, almonds
    return " ".join(words)


def _phrases(text: str, where: str) -> re.Pattern[str] | None:
    """``a b|^c`` as one pattern of whole words; the last word of each phrase may take s/es."""
    parts = []
    for raw in text.split("|"):
        raw = raw.strip()
        anchored = raw.startswith("^")
        words = fold_name(raw.removeprefix("^")).split()
        if not words:
            raise ValueError(f"{where}: an empty phrase in {text!r}")
        body = r"\s".join(re.escape(w) for w in words)
        parts.append(("^" if anchored else r"\b") + body + r"(?:e?s)?\b")
    return re.compile("|".join(parts)) if parts else None


def _match(row: dict[str, str], where: str) -> _Match:
    group = (row.get("group") or "").strip()
    if group and not re.fullmatch(r"\d\d", group):
        raise ValueError(f"{where}: group must be two digits, got {group!r}")
    words = (row.get("words") or "").strip()
    return _Match(
        group, fold_name(row.get("category") or ""), _phrases(words, where) if words else None
    )


def _rows(text: str, name: str, wanted: set[str]) -> Iterable[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or not wanted <= set(reader.fieldnames):
        raise ValueError(f"{name}: the header must name {sorted(wanted)}")
    for row in reader:
        yield reader.line_num, row


def parse_roles(text: str) -> tuple[RoleRow, ...]:
    """Parse food_roles.csv; ValueError names the line of anything malformed."""
    rows = []
    for line, row in _rows(text, ROLES_FILE, {"group", "category", "words", "role", "meals"}):
        where = f"{ROLES_FILE} line {line}"
        try:
            role = Role((row["role"] or "").strip())
        except ValueError:
            raise ValueError(f"{where}: unknown role {row['role']!r}") from None
        meals = frozenset((row["meals"] or "").split())
        if not meals <= set(MEAL_KINDS):
            raise ValueError(f"{where}: meals must be some of {', '.join(MEAL_KINDS)}")
        if role in (Role.SWEET, Role.OTHER) and meals:
            raise ValueError(f"{where}: a {role.value} food is never planned, so it suits no meal")
        daily = (row.get("daily") or "").strip()
        if daily not in ("", "yes"):
            raise ValueError(f"{where}: daily must be yes or empty, got {daily!r}")
        rows.append(RoleRow(_match(row, where), role, meals, daily == "yes", (row.get("note") or "").strip()))
    return tuple(rows)


def _contains(text: str, where: str) -> frozenset[Contains]:
    try:
        return frozenset(Contains(w) for w in text.split())
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None


def parse_contents(text: str) -> tuple[ContentsRow, ...]:
    """Parse food_contents.csv; ValueError names the line of anything malformed."""
    rows = []
    for line, row in _rows(text, CONTENTS_FILE, {"group", "category", "words", "add", "remove"}):
        where = f"{CONTENTS_FILE} line {line}"
        add, remove = _contains(row["add"] or "", where), _contains(row["remove"] or "", where)
        if not add and not remove:
            raise ValueError(f"{where}: a row must add or remove something")
        rows.append(ContentsRow(_match(row, where), add, remove, (row.get("note") or "").strip()))
    return tuple(rows)


@dataclass(frozen=True)
class Classifier:
    """Classifies foods with the two tables; ``shipped()`` reads the ones in resources/."""

    roles: Sequence[RoleRow]
    contents: Sequence[ContentsRow]
    group_codes: dict[str, str]  # food group name -> SR group code

    @classmethod
    def from_files(cls, folder: Path) -> Classifier:
        groups: dict[str, str] = {}
        with (folder / GROUPS_FILE).open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                groups[row["name"]] = row["code"]
        return cls(
            parse_roles((folder / ROLES_FILE).read_text(encoding="utf-8")),
            parse_contents((folder / CONTENTS_FILE).read_text(encoding="utf-8")),
            groups,
        )

    def group_code(self, food: Food) -> str:
        """The food's SR24 group code ("11"), or "" for a food in no SR group (a custom food)."""
        code = self.group_codes.get(food.group, "")
        return code if code.isdigit() else ""

    def profile(self, food: Food) -> FoodProfile:
        group, category = self.group_code(food), fold_name(getattr(food, "category", "") or "")
        name = fold_name(food.name)
        contains: set[Contains] = set()
        removed: set[Contains] = set()
        for row in self.contents:
            if row.match.matches(group, category, name):
                contains |= row.add
                removed |= row.remove
        contents = frozenset(contains - removed)
        kind = food_kind(food.name)
        if food.is_supplement:
            return FoodProfile(
                Role.SUPPLEMENT, frozenset({"breakfast", "lunch", "dinner"}), contents, kind=kind
            )
        for role_row in self.roles:
            if role_row.match.matches(group, category, name):
                return FoodProfile(role_row.role, role_row.meals, contents, role_row.daily, kind)
        return FoodProfile(Role.OTHER, frozenset(), contents, kind=kind)


@functools.cache
def shipped_classifier() -> Classifier:
    """The classifier over the reviewed tables shipped in resources/ (read once)."""
    return Classifier.from_files(resources_dir())


_PROFILES: dict[tuple[str, str, str, str, bool], FoodProfile] = {}


def profile_of(food: Food) -> FoodProfile:
    """The role, meals and contents of ``food`` by the shipped tables (remembered per food)."""
    key = (food.id, food.name, food.group, getattr(food, "category", "") or "", food.is_supplement)
    found = _PROFILES.get(key)
    if found is None:
        if len(_PROFILES) > 50_000:  # a long session of edited custom foods: start over
            _PROFILES.clear()
        found = _PROFILES[key] = shipped_classifier().profile(food)
    return found
