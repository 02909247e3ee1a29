"""The foods the suggestions and the auto-planner may choose from, and how much of each.

A *candidate* is a food with one household measure, the counts of it that make a
realistic portion (0.5–2 cups of milk, 3–6 prunes), the meals it suits (no
sardines at breakfast) and tags that the person's flags act on (dairy, meat,
fish, soy, natto, isoflavone pills). The curated staples in
``resources/staples.csv`` carry all of this; a favourite or recently used food
that is not a staple gets its tags from its SR food group and name, its usual
serving, and suits every meal.
"""

from __future__ import annotations

import csv
import functools
import io
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bonewise.core.foods import Food, FoodLookup, Measure
from bonewise.core.plan import MealSlot, Person, SoyPreference, WeekPlan
from bonewise.paths import resources_dir

# Meal kinds a food may suit. Every slot of a person maps to one (see meal_kind).
MEAL_KINDS: tuple[str, ...] = ("breakfast", "lunch", "dinner", "snack")
# Supplements are taken with a meal (calcium carbonate needs food to be absorbed).
SUPPLEMENT_MEALS = frozenset({"breakfast", "lunch", "dinner"})

TAGS: frozenset[str] = frozenset({"dairy", "egg", "meat", "fish", "soy", "natto", "isoflavone"})
DEFAULT_PORTIONS: tuple[float, ...] = (0.5, 1.0, 1.5, 2.0)  # servings of the usual measure
SUPPLEMENT_PORTIONS: tuple[float, ...] = (1.0,)  # one dose per sitting

# SR food groups (first two digits of the id) whose foods are meat or fish.
_MEAT_GROUPS = frozenset({"05", "07", "10", "13", "17"})
_FISH_GROUPS = frozenset({"15"})
_SOY_WORDS = ("tofu", "soy", "edamame", "tempeh", "miso", "natto")
_DAIRY_WORDS = ("milk", "cheese", "yogurt", "yoghurt", "kefir", "butter", "cream", "whey", "quark")
_NOT_DAIRY_WORDS = ("soy", "almond", "oat", "rice", "coconut", "cashew", "peanut", "cocoa")


@dataclass(frozen=True)
class Restriction:
    """Why a food is left out for a person, in words that fit "cannot be reached …"."""

    key: str  # "dairy_free", "vegetarian", "soy_avoid", "soy_whole_foods", "warfarin"
    phrase: str  # "without dairy"


DAIRY_FREE = Restriction("dairy_free", "without dairy")
VEGETARIAN = Restriction("vegetarian", "without meat or fish")
SOY_AVOID = Restriction("soy_avoid", "without soy")
SOY_WHOLE_FOODS = Restriction("soy_whole_foods", "without isoflavone pills")
WARFARIN = Restriction("warfarin", "without natto (warfarin)")


@dataclass(frozen=True)
class Staple:
    """One row of the curated staples list."""

    food_id: str
    measure: str  # the measure's label as the food store gives it ("1 cup", "0.5 cup")
    portions: tuple[float, ...]  # counts of that measure that make a realistic portion
    meals: frozenset[str]
    tags: frozenset[str]
    name: str = ""  # for people reading the file


@dataclass(frozen=True)
class Candidate:
    """A food the planner may place: ``count`` × ``measure`` for each count in ``portions``."""

    food: Food
    measure: Measure
    portions: tuple[float, ...]  # ascending and evenly spaced (the solver counts steps)
    meals: frozenset[str]
    tags: frozenset[str] = frozenset()
    favourite: bool = False
    pantry: bool = False
    staple: bool = False

    @property
    def id(self) -> str:
        return self.food.id

    @property
    def is_supplement(self) -> bool:
        return self.food.is_supplement

    @property
    def usual_count(self) -> float:
        """The portion a person expects: one measure if that is an option, else a middle one."""
        return 1.0 if 1.0 in self.portions else self.portions[(len(self.portions) - 1) // 2]

    def grams(self, count: float) -> float:
        return self.measure.grams * count

    def amount(self, key: str, count: float = 1.0) -> float | None:
        """Nutrient in ``count`` × the measure; None when the food has no data for ``key``.

        A supplement's label lists what it contains, so a key it does not list is
        none of it rather than unknown.
        """
        value = per_100g(self.food, key)
        if value is None:
            return 0.0 if self.is_supplement else None
        return value * self.grams(count) / 100.0

    def portion_label(self, count: float) -> str:
        """ "1 cup", "0.5 × 1 can (3.75 oz)", "4 × 1 prune, pitted" — how a person reads it."""
        m = self.measure
        if count == 1:
            return m.label
        if m.amount == 1:
            return f"{count:g} {m.name}"
        return f"{count:g} × {m.label}"


@dataclass(frozen=True)
class Pool:
    """The candidates a person may get, and those their flags leave out (for explanations)."""

    candidates: tuple[Candidate, ...]
    excluded: tuple[tuple[Candidate, Restriction], ...] = ()
    skipped: tuple[tuple[str, str], ...] = field(default=())  # (food id, why) not usable at all

    def without_restriction(self, restriction: Restriction) -> tuple[Candidate, ...]:
        """The candidates if ``restriction`` did not apply (the others still do)."""
        extra = tuple(c for c, r in self.excluded if r == restriction)
        return tuple(sorted(self.candidates + extra, key=_order))

    @property
    def restrictions(self) -> tuple[Restriction, ...]:
        return tuple(dict.fromkeys(r for _, r in self.excluded))


def per_100g(food: Food, key: str) -> float | None:
    """A food's value per 100 g, taking K2 from its literature estimate when needed."""
    value = food.nutrients.get(key)
    if value is None and key == "vitamin_k2_ug" and food.k2 is not None:
        return food.k2.ug_per_100g
    return value


# --------------------------------------------------------------------------- staples


def parse_staples(text: str) -> tuple[Staple, ...]:
    """Parse the staples CSV (food_id, measure, portions, meals, tags, name).

    Raises ValueError naming the line for anything malformed, so a bad edit of
    the curated file fails its test rather than the planner.
    """
    reader = csv.DictReader(io.StringIO(text))
    wanted = {"food_id", "measure", "portions", "meals", "tags"}
    if reader.fieldnames is None or not wanted <= set(reader.fieldnames):
        raise ValueError(f"staples: the header must name {sorted(wanted)}")
    staples = []
    seen: set[str] = set()
    for row in reader:
        line = reader.line_num
        food_id = (row["food_id"] or "").strip()
        measure = (row["measure"] or "").strip()
        if not food_id or not measure:
            raise ValueError(f"staples line {line}: food_id and measure are required")
        if food_id in seen:
            raise ValueError(f"staples line {line}: {food_id} is listed twice")
        seen.add(food_id)
        try:
            portions = tuple(float(p) for p in (row["portions"] or "1").split())
        except ValueError:
            raise ValueError(f"staples line {line}: portions must be numbers") from None
        if not portions or not _evenly_spaced(portions):
            raise ValueError(
                f"staples line {line}: portions must be positive, ascending, evenly spaced"
            )
        meals = frozenset((row["meals"] or "").split())
        if not meals or not meals <= set(MEAL_KINDS):
            raise ValueError(f"staples line {line}: meals must be some of {', '.join(MEAL_KINDS)}")
        tags = frozenset((row["tags"] or "").split())
        if not tags <= TAGS:
            raise ValueError(f"staples line {line}: unknown tags {sorted(tags - TAGS)}")
        staples.append(
            Staple(food_id, measure, portions, meals, tags, (row.get("name") or "").strip())
        )
    return tuple(staples)


def load_staples(path: Path) -> tuple[Staple, ...]:
    return parse_staples(Path(path).read_text(encoding="utf-8"))


def _evenly_spaced(portions: Sequence[float]) -> bool:
    if any(not math.isfinite(p) or p <= 0 for p in portions):
        return False
    steps = [b - a for a, b in zip(portions, portions[1:], strict=False)]
    return all(s > 0 for s in steps) and all(math.isclose(s, steps[0]) for s in steps)


# --------------------------------------------------------------------------- meals and tags


def meal_kind(slot: MealSlot) -> str:
    """Which kind of meal a slot is, by its id or name; other main meals count as lunch."""
    text = f"{slot.id} {slot.name}".casefold()
    for kind in ("breakfast", "lunch", "dinner"):
        if kind in text:
            return kind
    if "supper" in text:
        return "dinner"
    return "lunch" if slot.main_meal else "snack"


def food_tags(food: Food) -> frozenset[str]:
    """Tags for a food that is not a staple: from its SR food group, else from its name."""
    name = food.name.casefold()
    tags: set[str] = set()
    group = food.id[:2] if food.id[:2].isdigit() and len(food.id) == 5 else None
    if group == "01":
        tags.add("egg" if name.startswith("egg") else "dairy")
    elif group in _MEAT_GROUPS:
        tags.add("meat")
    elif group in _FISH_GROUPS:
        tags.add("fish")
    elif group is None and any(w in name for w in _DAIRY_WORDS):
        if not any(w in name for w in _NOT_DAIRY_WORDS):
            tags.add("dairy")
    if any(w in name for w in _SOY_WORDS):
        tags.add("soy")
    if "natto" in name:
        tags.add("natto")
    if "isoflavone" in name:
        tags.add("isoflavone")
    return frozenset(tags)


def restriction_for(person: Person, tags: frozenset[str]) -> Restriction | None:
    """The first of the person's flags that rules out a food with ``tags``, if any."""
    if person.dairy_free and "dairy" in tags:
        return DAIRY_FREE
    if person.vegetarian and tags & {"meat", "fish"}:
        return VEGETARIAN
    if person.soy is SoyPreference.AVOID and tags & {"soy", "natto", "isoflavone"}:
        return SOY_AVOID
    if person.soy is SoyPreference.WHOLE_FOODS and "isoflavone" in tags:
        return SOY_WHOLE_FOODS
    if person.on_warfarin and "natto" in tags:
        return WARFARIN
    return None


# --------------------------------------------------------------------------- the pool


def _order(c: Candidate) -> tuple[str, str]:
    return (c.food.id, c.measure.label)


def build_pool(
    person: Person,
    foods: FoodLookup,
    staples: Iterable[Staple],
    *,
    favourites: Iterable[str] = (),
    recent: Iterable[str] = (),
    pantry: Iterable[str] = (),
    supplements: Iterable[Food] = (),
    serving: Callable[[Food], Measure] | None = None,
) -> Pool:
    """The person's candidates: staples, favourites, recent foods and (optionally) supplements.

    Foods the person's flags rule out go to ``Pool.excluded`` with the reason.
    A food is skipped when its measure is missing or it lacks energy or calcium
    data (the planner could not check the energy range or the per-meal calcium
    limit). ``serving`` gives the usual measure of a food that is not a staple
    (the food store's ``usual_serving``); without it the first measure, else 100 g.
    The order is fixed (by food id), so the same inputs always give the same plan.
    """
    favourite_ids = frozenset(favourites)
    pantry_ids = frozenset(pantry)
    chosen: dict[str, Candidate] = {}
    skipped: list[tuple[str, str]] = []

    def add(c: Candidate) -> None:
        why = _unusable(c)
        if why:
            skipped.append((c.food.id, why))
        else:
            chosen[c.food.id] = c

    for s in staples:
        food = foods.get(s.food_id)
        if food is None:
            skipped.append((s.food_id, "not in the food store"))
            continue
        measure = _measure_by_label(food, s.measure)
        if measure is None:
            skipped.append((s.food_id, f"has no measure “{s.measure}”"))
            continue
        tags = s.tags | (food_tags(food) & {"isoflavone"})
        add(Candidate(food, measure, s.portions, s.meals, tags, staple=True))
    for food in supplements:
        if food.id not in chosen and food.measures:
            add(
                Candidate(
                    food, food.measures[0], SUPPLEMENT_PORTIONS, SUPPLEMENT_MEALS, food_tags(food)
                )
            )
    for food_id in dict.fromkeys([*favourite_ids, *recent]):
        if food_id in chosen:
            continue
        food = foods.get(food_id)
        if food is None:
            continue
        if food.is_supplement:
            if not planner_supplements([food]):
                continue  # a K2 pill the person takes is theirs to plan, not the planner's
            measure = food.measures[0] if food.measures else None
            portions, meals = SUPPLEMENT_PORTIONS, SUPPLEMENT_MEALS
        else:
            measure, portions, meals = _serving(food, serving), DEFAULT_PORTIONS, frozenset(MEAL_KINDS)
        if measure is None:
            continue
        add(Candidate(food, measure, portions, meals, food_tags(food)))

    allowed: list[Candidate] = []
    excluded: list[tuple[Candidate, Restriction]] = []
    for food_id in sorted(chosen):
        c = chosen[food_id]
        c = Candidate(
            c.food, c.measure, c.portions, c.meals, c.tags,
            favourite=food_id in favourite_ids, pantry=food_id in pantry_ids, staple=c.staple,
        )  # fmt: skip
        restriction = restriction_for(person, c.tags)
        if restriction is None:
            allowed.append(c)
        else:
            excluded.append((c, restriction))
    return Pool(tuple(allowed), tuple(excluded), tuple(skipped))


# Supplements the planner may add: those for the targets that guidelines say to
# supplement when food falls short (ASCO 2019: calcium and vitamin D), and magnesium.
# K2 pills are left out: K2 has no target, and on warfarin they are a hazard.
PLANNER_SUPPLEMENT_KEYS = ("calcium_mg", "vitamin_d_iu", "magnesium_mg")


def planner_supplements(supplements: Iterable[Food]) -> list[Food]:
    """The supplements the planner may suggest: calcium, vitamin D or magnesium, and no K2."""
    return [
        s
        for s in supplements
        if s.is_supplement
        and any(s.nutrients.get(k) for k in PLANNER_SUPPLEMENT_KEYS)
        and not per_100g(s, "vitamin_k2_ug")
    ]


def _unusable(c: Candidate) -> str:
    if c.measure.grams <= 0 or not math.isfinite(c.measure.grams):
        return "its measure has no weight"
    if c.is_supplement:
        return ""
    for key, what in (("energy_kcal", "energy"), ("calcium_mg", "calcium")):
        if per_100g(c.food, key) is None:
            return f"has no {what} data"
    return ""


def _measure_by_label(food: Food, label: str) -> Measure | None:
    wanted = " ".join(label.split()).casefold()
    for m in food.measures:
        if m.label.casefold() == wanted:
            return m
    return None


def _serving(food: Food, serving: Callable[[Food], Measure] | None) -> Measure:
    if serving is not None:
        return serving(food)
    return food.measures[0] if food.measures else Measure("g", 100.0, 100.0)


FAVOURITE_USES = 3  # planned this often in the recent weeks, a food counts as a favourite
HISTORY_WEEKS = 4  # how many past weeks "recent" looks back


def favourites_and_recent(weeks: Iterable[WeekPlan]) -> tuple[list[str], list[str]]:
    """Food ids from past plans: (favourites, other recent foods), most used first."""
    counts = Counter(
        e.food_id for week in weeks for day in week.days for entries in day.meals.values()
        for e in entries if e.food_id
    )  # fmt: skip
    ordered = sorted(counts, key=lambda i: (-counts[i], i))
    favourites = [i for i in ordered if counts[i] >= FAVOURITE_USES]
    return favourites, [i for i in ordered if counts[i] < FAVOURITE_USES]


STAPLES_FILE = "staples.csv"


@functools.cache
def shipped_staples() -> tuple[Staple, ...]:
    """The curated staples shipped in resources/ (read once)."""
    return load_staples(resources_dir() / STAPLES_FILE)


def default_pool(
    person: Person,
    foods: FoodLookup,
    *,
    history: Iterable[WeekPlan] = (),
    pantry: Iterable[str] = (),
    supplements: Iterable[Food] = (),
) -> Pool:
    """The pool the app and the command line plan from.

    The shipped staples, the person's favourite and recent foods from ``history``
    (their past weeks), ``pantry`` marks, and those of ``supplements`` the planner
    may add. A food store's own usual serving is used when ``foods`` has one.
    """
    favourites, recent = favourites_and_recent(history)
    return build_pool(
        person,
        foods,
        shipped_staples(),
        favourites=favourites,
        recent=recent,
        pantry=pantry,
        supplements=planner_supplements(supplements),
        serving=getattr(foods, "usual_serving", None),
    )
