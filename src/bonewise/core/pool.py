"""The foods the suggestions and the auto-planner may choose from, and how much of each.

A *candidate* is a food with one household measure, the counts of it that make a
realistic portion (0.5–2 cups of milk, 3–6 prunes: within half to twice the FDA
reference amount, 21 CFR 101.12) and its profile from ``core.foodroles``: its
role in a meal, the meals it suits (no sardines at breakfast) and what it
contains. The curated staples in ``resources/staples.csv`` give the food, the
measure and the counts; a favourite or recently used food that is not a staple
gets 0.5–2 of its usual serving. The person's diet, allergies, dislikes, soy
preference and natto choice leave foods out (``core.diet``); those are kept
aside so an explanation can say "without dairy".
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bonewise.core.diet import Restriction, restrictions
from bonewise.core.foodroles import FoodProfile, Role, profile_of
from bonewise.core.foods import Food, FoodLookup, Measure
from bonewise.core.plan import Person, WeekPlan
from bonewise.paths import resources_dir

DEFAULT_PORTIONS: tuple[float, ...] = (0.5, 1.0, 1.5, 2.0)  # servings of the usual measure
SUPPLEMENT_PORTIONS: tuple[float, ...] = (1.0,)  # one dose per sitting


@dataclass(frozen=True)
class Staple:
    """One row of the curated staples list."""

    food_id: str
    measure: str  # the measure's label as the food store gives it ("1 cup", "0.5 cup")
    portions: tuple[float, ...]  # counts of that measure that make a realistic portion
    name: str = ""  # for people reading the file


@dataclass(frozen=True)
class Candidate:
    """A food the planner may place: ``count`` × ``measure`` for each count in ``portions``."""

    food: Food
    measure: Measure
    portions: tuple[float, ...]  # ascending and evenly spaced (the solver counts steps)
    profile: FoodProfile
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
    def role(self) -> Role:
        return self.profile.role

    @property
    def kind(self) -> str:
        """What a person calls the food (foodroles.food_kind); variety is counted in kinds."""
        return self.profile.kind or self.food.id

    @property
    def meals(self) -> frozenset[str]:
        return self.profile.meals

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
    """The candidates a person may get, and those their profile leaves out (for explanations)."""

    candidates: tuple[Candidate, ...]
    excluded: tuple[tuple[Candidate, Restriction], ...] = ()
    skipped: tuple[tuple[str, str], ...] = field(default=())  # (food id, why) not usable at all

    def without_restriction(self, restriction: Restriction) -> tuple[Candidate, ...]:
        """The candidates if ``restriction`` did not apply (the others still do); a diet is one
        restriction whatever each food's reason (milk, egg, honey: all "vegan")."""
        extra = tuple(c for c, r in self.excluded if r.key == restriction.key)
        return tuple(sorted(self.candidates + extra, key=_order))

    @property
    def restrictions(self) -> tuple[Restriction, ...]:
        """One restriction per key (the first food's reason), in the order found."""
        first: dict[str, Restriction] = {}
        for _, r in self.excluded:
            first.setdefault(r.key, r)
        return tuple(first.values())


def per_100g(food: Food, key: str) -> float | None:
    """A food's value per 100 g, taking K2 from its literature estimate when needed."""
    value = food.nutrients.get(key)
    if value is None and key == "vitamin_k2_ug" and food.k2 is not None:
        return food.k2.ug_per_100g
    return value


# --------------------------------------------------------------------------- staples


def parse_staples(text: str) -> tuple[Staple, ...]:
    """Parse the staples CSV (food_id, measure, portions, name).

    Raises ValueError naming the line for anything malformed, so a bad edit of
    the curated file fails its test rather than the planner.
    """
    reader = csv.DictReader(io.StringIO(text))
    wanted = {"food_id", "measure", "portions"}
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
        staples.append(Staple(food_id, measure, portions, (row.get("name") or "").strip()))
    return tuple(staples)


def load_staples(path: Path) -> tuple[Staple, ...]:
    return parse_staples(Path(path).read_text(encoding="utf-8"))


def _evenly_spaced(portions: Sequence[float]) -> bool:
    if any(not math.isfinite(p) or p <= 0 for p in portions):
        return False
    steps = [b - a for a, b in zip(portions, portions[1:], strict=False)]
    return all(s > 0 for s in steps) and all(math.isclose(s, steps[0]) for s in steps)


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

    Foods the person's profile leaves out go to ``Pool.excluded`` with the first
    reason. A food is skipped when its measure is missing, it is not a food that
    goes into a planned meal (a sweet, an ingredient, a drink with alcohol), or
    it lacks energy or calcium data (the planner could not check the energy
    range or the per-meal calcium limit). ``serving`` gives the usual measure of a
    food that is not a staple (the food store's ``usual_serving``); without it the
    first measure, else 100 g. The order is fixed (by food id), so the same
    inputs always give the same plan.
    """
    favourite_ids = frozenset(favourites)
    pantry_ids = frozenset(pantry)
    chosen: dict[str, Candidate] = {}
    skipped: list[tuple[str, str]] = []

    def add(
        food: Food, measure: Measure, portions: tuple[float, ...], staple: bool = False
    ) -> None:
        c = Candidate(food, measure, portions, profile_of(food), staple=staple)
        why = _unusable(c)
        if why:
            skipped.append((food.id, why))
        else:
            chosen[food.id] = c

    for s in staples:
        food = foods.get(s.food_id)
        if food is None:
            skipped.append((s.food_id, "not in the food store"))
            continue
        measure = _measure_by_label(food, s.measure)
        if measure is None:
            skipped.append((s.food_id, f"has no measure “{s.measure}”"))
            continue
        add(food, measure, s.portions, staple=True)
    for food in supplements:
        if food.id not in chosen and food.measures:
            add(food, food.measures[0], SUPPLEMENT_PORTIONS)
    for food_id in dict.fromkeys([*favourite_ids, *recent]):
        if food_id in chosen:
            continue
        food = foods.get(food_id)
        if food is None:
            continue
        if food.is_supplement:
            if not planner_supplements([food]) or not food.measures:
                continue  # a K2 pill the person takes is theirs to plan, not the planner's
            add(food, food.measures[0], SUPPLEMENT_PORTIONS)
        else:
            add(food, _serving(food, serving), DEFAULT_PORTIONS)

    allowed: list[Candidate] = []
    excluded: list[tuple[Candidate, Restriction]] = []
    for food_id in sorted(chosen):
        c = dataclasses.replace(
            chosen[food_id], favourite=food_id in favourite_ids, pantry=food_id in pantry_ids
        )
        found = restrictions(person, c.food, c.profile)
        if found:
            excluded.append((c, found[0]))
        else:
            allowed.append(c)
    if any(_vitamin_d3(c.food) for c in allowed):
        allowed = [c for c in allowed if not _vitamin_d2(c.food)]
    return Pool(tuple(allowed), tuple(excluded), tuple(skipped))


# Vitamin D2 raises blood 25(OH)D less than the same dose of D3 (Tripkovic 2012), so a D2 pill
# is planned only for a profile that leaves D3 out (vegan: D3 is mostly made from lanolin).
def _vitamin_d2(food: Food) -> bool:
    return food.is_supplement and "ergocalciferol" in food.name.casefold()


def _vitamin_d3(food: Food) -> bool:
    return food.is_supplement and "cholecalciferol" in food.name.casefold()


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
    if not c.meals:
        return f"a {c.role.label} is not planned as part of a meal"
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
