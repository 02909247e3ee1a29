"""What a dietitian checks in a planned week (meal-sense.md), as named rules and a rubric.

The bone targets say how much calcium, vitamin D and protein; these rules say
whether the week is food a person would eat: meals built like meals, fruit and
vegetables every day, energy for the body weight, variety, natto only for those
who eat it, and on warfarin a steady vitamin K. The auto-planner keeps them (it
imports :class:`Rule` and the numbers here) and :func:`rubric` checks any week,
planned by hand or not, with ``core.totals`` and ``core.checks``.

When a person's foods cannot meet every rule, the planner gives up the ones
with the lowest :attr:`Rule.priority` first (variety, then fruit and vegetables,
energy, the bone targets, the shape of meals, and last a steady vitamin K on
warfarin) and says which it gave up. Rules with no priority are never crossed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from bonewise.core.checks import (
    PROTEIN_PER_MAIN_MEAL_G,
    check_week,
    vitamin_k_band,
)
from bonewise.core.diet import profile_conflicts
from bonewise.core.foodroles import Contains, FoodProfile, Role, meal_kind, profile_of
from bonewise.core.foods import Food, FoodLookup
from bonewise.core.nutrients import unit_of, vitamin_d_ug
from bonewise.core.plan import DayPlan, Entry, MealSlot, Person, Recipe, WeekPlan
from bonewise.core.targets import (
    ESCEO_2014,
    HEANEY_1990,
    IOM_2001,
    IOM_2011,
    Source,
    Target,
    targets_for,
)
from bonewise.core.totals import PLAN_KEYS, Total, day_totals, format_amount, format_number

# --------------------------------------------------------------------------- sources

WHO_2020 = Source(
    "WHO 2020",
    "World Health Organization. Healthy diet. Fact sheet no. 394 (updated 2018 and 2020).\n"
    "At least 400 g (five portions) of fruit and vegetables a day; potatoes, sweet potatoes, "
    "cassava and other starchy roots do not count. Read in several copies of the fact sheet.",
)
DGA_2020 = Source(
    "DGA 2020–2025",
    "U.S. Department of Agriculture and U.S. Department of Health and Human Services. Dietary "
    "Guidelines for Americans, 2020–2025. 9th ed. December 2020. Appendix 2 (estimated calorie "
    "needs: about 1,600 kcal a day for sedentary women over 50, 2,000–2,200 for active ones) and "
    "Appendix 3 (USDA dietary patterns).",
)
FDA_RACC = Source(
    "FDA, 21 CFR 101.12",
    "U.S. Food and Drug Administration. Reference amounts customarily consumed per eating "
    "occasion. 21 CFR 101.12. The standard servings of US food labels (milk 240 mL, yogurt 170 g, "
    "cheese 30 g, cooked fish or meat 85 g, vegetables 85 g, fruit 140 g, bread 50 g).",
)
MEAL_PRACTICE = Source(
    "Bonewise default",
    "How a meal is put together (a protein food, a vegetable and at most one starchy food at lunch "
    "and dinner; oils, butter and condiments with other foods; variety over the week) is what "
    "dietitians and cooks apply, not a number from a guideline; Bonewise uses it as a default. "
    "See meal-sense.md in the project's references.",
)

FRUIT_VEG_G = 400.0  # WHO: at least 400 g a day, starchy roots excluded
DEFAULT_ENERGY_KCAL = (1600.0, 2200.0)  # DGA 2020–2025 Appendix 2, without a body weight
DISTINCT_FOODS_PER_WEEK = 25  # meal-sense.md: about 30 different foods a week
PROTEIN_DAYS_IN_A_ROW = 2  # the same main protein food at most two days running
# A requirement within 0.1 % counts as met: the planner's MILP stops once it is provably
# within a few foods' cost of the best plan, and 0.1 % of a requirement costs more than that.
MET_TOLERANCE = 0.001
NATTO_SERVING_G = 30.0  # a small serving: at most twice the 15 g portion of the food store (FDA RACC)


class Rule(Enum):
    """A rule of a planned week. ``priority``: higher is given up later; None: never crossed."""

    # Never crossed.
    UPPER_LIMIT = ("upper_limit", None, "every daily upper limit, with its scope")
    CALCIUM_PER_MEAL = ("calcium_per_meal", None, "at most 600 mg of calcium in one meal")
    PROFILE = ("profile", None, "the person's diet, allergies and foods never wanted")
    NATTO = ("natto", None, "natto only for people who eat it, at most one small serving a day, never on warfarin")
    ONE_STARCHY = ("one_starchy", None, "at most one starchy food in a meal")
    FAT_WITH_FOOD = ("fat_with_food", None, "oils, butter, spreads and condiments only with a food they go on or in")
    PORTIONS = ("portions", None, "portions of half to twice a standard serving")
    # Requirements, given up lowest priority first.
    VITAMIN_K_STEADY = ("vitamin_k_steady", 6, "on warfarin, each day's vitamin K within the steady band")
    MAIN_PROTEIN = ("main_protein", 5, "a protein food at lunch and dinner")
    VEGETABLES = ("vegetables", 5, "vegetables at lunch and dinner")
    BREAKFAST_BASE = ("breakfast_base", 5, "breakfast built on cereal or bread, dairy or eggs")
    TARGET = ("target", 4, "each bone target's daily amount")
    PROTEIN_PER_MEAL = ("protein_per_meal", 4, "20 g of protein at each main meal")
    ENERGY_LOW = ("energy_low", 3, "energy within the band for the body weight (not below)")
    ENERGY_HIGH = ("energy_high", 3, "energy within the band for the body weight (not above)")
    FRUIT_VEG = ("fruit_veg", 2, "at least 400 g of fruit and vegetables a day")
    MAX_PER_WEEK = ("max_per_week", 1, "each food (everyday ones such as milk aside) at most a few times a week")
    PROTEIN_STREAK = ("protein_streak", 1, "the same main protein food at most two days in a row")
    IDENTICAL_DAYS = ("identical_days", 1, "no two days the same")
    DISTINCT_FOODS = ("distinct_foods", 1, "at least 25 different foods a week")

    def __init__(self, key: str, priority: int | None, text: str):
        self.key = key
        self.priority = priority
        self.text = text

    @property
    def never_crossed(self) -> bool:
        return self.priority is None

    @classmethod
    def by_key(cls, key: str) -> Rule:
        return next(r for r in cls if r.key == key)


RELAXATION_ORDER: tuple[Rule, ...] = tuple(
    sorted((r for r in Rule if r.priority is not None), key=lambda r: r.priority or 0)
)


# --------------------------------------------------------------------------- energy


@dataclass(frozen=True)
class EnergyBand:
    low: float
    high: float
    source: Source
    basis: str  # "25–30 kcal per kg × 70 kg", "set for Ann"

    @property
    def text(self) -> str:
        return f"{format_number(self.low)}–{format_number(self.high)} kcal ({self.basis}, {self.source.short})"


def energy_band(person: Person, targets: Mapping[str, Target] | None = None) -> EnergyBand:
    """The day's energy band: the energy target for the body weight (25–30 kcal/kg, ESPEN 2017,
    or the person's own band), else without a weight the DGA range for women over 50."""
    energy = (targets or targets_for(person)).get("energy_kcal")
    if energy is not None and energy.low is not None and energy.high is not None and not energy.per_kg:
        return EnergyBand(energy.low, energy.high, energy.source, energy.note.rstrip(".") or "your band")
    low, high = DEFAULT_ENERGY_KCAL
    return EnergyBand(low, high, DGA_2020, "no body weight recorded")


# --------------------------------------------------------------------------- meals as roles


@dataclass(frozen=True)
class Item:
    """One food in a meal, with its weight and profile (a recipe counts as its foods)."""

    food: Food
    grams: float
    profile: FoodProfile
    entry_id: str


def items_of(entry: Entry, foods: FoodLookup, recipes: Mapping[str, Recipe]) -> Iterator[Item]:
    """The foods in ``entry`` with their grams; a recipe's foods scaled to the portions eaten."""
    yield from _items(entry, foods, recipes, 1.0, entry.id, frozenset())


def _items(entry: Entry, foods: FoodLookup, recipes: Mapping[str, Recipe], scale: float,
           entry_id: str, seen: frozenset[str]) -> Iterator[Item]:  # fmt: skip
    if entry.recipe_id is not None:
        recipe = recipes.get(entry.recipe_id)
        if recipe is None or recipe.id in seen or not (recipe.portions > 0 and math.isfinite(recipe.portions)):
            return
        inner = scale * (entry.count or 1.0) / recipe.portions
        for e in recipe.entries:
            yield from _items(e, foods, recipes, inner, entry_id, seen | {recipe.id})
        return
    food = foods.get(entry.food_id) if entry.food_id is not None else None
    if food is not None:
        yield Item(food, entry.grams * scale, profile_of(food), entry_id)


def meal_roles(items: Iterable[Item]) -> Counter[Role]:
    """How many foods of each role a meal has (supplements left out)."""
    return Counter(it.profile.role for it in items if it.profile.role is not Role.SUPPLEMENT)


# Foods a fat, spread or condiment goes on or in.
FAT_CARRIERS = frozenset({Role.STARCHY, Role.VEGETABLE, Role.PROTEIN, Role.DISH})
STARCHY = frozenset({Role.STARCHY, Role.DISH})  # at most one of these in a meal (a dish has its starch)
MAIN_PROTEIN = frozenset({Role.PROTEIN, Role.DISH})  # what makes lunch or dinner a meal, with a vegetable
BREAKFAST_BASE = frozenset({Role.STARCHY, Role.DAIRY, Role.PROTEIN, Role.DISH})  # cereal, bread, dairy, eggs

# How many foods of each role a meal may hold, by kind of meal.
_ROLE_CAPS: Mapping[str, Mapping[Role, int]] = {
    "breakfast": {Role.PROTEIN: 1, Role.DAIRY: 2, Role.FRUIT: 2, Role.NUTS: 1, Role.FAT: 1,
                  Role.DRINK: 1, Role.VEGETABLE: 1, Role.DISH: 1},
    "lunch": {Role.PROTEIN: 1, Role.VEGETABLE: 2, Role.DAIRY: 1, Role.FRUIT: 1, Role.NUTS: 1,
              Role.FAT: 1, Role.DRINK: 1, Role.DISH: 1},
    "snack": {Role.PROTEIN: 1, Role.VEGETABLE: 1, Role.DAIRY: 1, Role.FRUIT: 1, Role.NUTS: 1,
              Role.FAT: 1, Role.DRINK: 1, Role.STARCHY: 1, Role.DISH: 0},
}  # fmt: skip


def role_caps(kind: str) -> Mapping[Role, int]:
    """How many foods of each role a meal of ``kind`` may hold (roles not named: no cap)."""
    return _ROLE_CAPS["lunch" if kind == "dinner" else kind]


def meal_takes(role: Role, roles: Counter[Role], kind: str) -> bool:
    """Whether a meal of ``kind`` already holding ``roles`` takes one more food of ``role``."""
    if role is Role.SUPPLEMENT:
        return True
    cap = role_caps(kind).get(role)
    if cap is not None and roles[role] >= cap:
        return False
    if role in STARCHY and sum(roles[r] for r in STARCHY) >= 1:
        return False
    return role is not Role.FAT or any(roles[r] for r in FAT_CARRIERS)


def stand_alone_fat(roles: Counter[Role]) -> bool:
    """A fat, spread or condiment with no food in the meal to go on or in (oil as a lunch)."""
    return roles[Role.FAT] > 0 and not any(roles[r] for r in FAT_CARRIERS)


def fruit_veg_grams(items: Iterable[Item]) -> float:
    return math.fsum(it.grams for it in items if it.profile.fruit_or_vegetable)


# --------------------------------------------------------------------------- the rubric


@dataclass(frozen=True)
class Row:
    """One line of the rubric: a rule on a day (or the week), met or not, in numbers."""

    rule: Rule
    date: dt.date | None  # None for the week as a whole
    passed: bool
    value: str  # what the plan has: "430 g", "1,712 kcal", "1 starchy food at most"
    required: str  # what the rule asks: "at least 400 g"
    source: Source
    detail: str = ""  # which meal or food, when it did not pass
    amount: float | None = None  # the number behind ``value``, to give a range over days
    unit: str = ""
    key: str | None = None  # the nutrient of a TARGET row

    @property
    def family(self) -> tuple[str, str | None]:
        """Rows that read as one line: both energy rules are "energy"; each target its own."""
        name = "energy" if self.rule in (Rule.ENERGY_LOW, Rule.ENERGY_HIGH) else self.rule.key
        return name, self.key


@dataclass(frozen=True)
class Line:
    """One rule over the days: "✓ Fruit and vegetables a day: 412–560 g (at least 400 g, WHO 2020)"."""

    rule: Rule  # the first row's rule (both energy rules read as one line)
    key: str | None  # the nutrient of a bone target's line
    title: str
    passed: bool
    value: str
    required: str
    source: Source
    where: str  # the days (and meals) that did not pass, "" when all did

    @property
    def text(self) -> str:
        mark = "✓" if self.passed else "✗"
        missed = f"; not met on {self.where}" if self.where else ""
        return f"{mark} {self.title}: {self.value}{missed} ({self.required}, {self.source.short})"


_TITLES = {
    "fruit_veg": "Fruit and vegetables a day", "energy": "Energy a day",
    "one_starchy": "Starchy foods in one meal", "fat_with_food": "Fats or condiments on their own",
    "vegetables": "Vegetables at lunch and dinner", "main_protein": "A protein food at lunch and dinner",
    "natto": "Natto", "profile": "Foods the diet, allergies or dislikes leave out",
    "vitamin_k_steady": "Vitamin K (K1 + K2) a day", "protein_per_meal": "Protein at each main meal",
    "upper_limit": "Days over an upper limit", "calcium_per_meal": "Meals over 600 mg of calcium",
    "distinct_foods": "Different foods this week", "identical_days": "Days exactly alike",
    "protein_streak": "Same main protein food three days running",
}  # fmt: skip


@dataclass(frozen=True)
class Rubric:
    rows: tuple[Row, ...]

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.rows)

    def failures(self) -> list[Row]:
        return [r for r in self.rows if not r.passed]

    def lines(self) -> list[Line]:
        """One line per rule (and per bone target), the days summed up, in the order checked."""
        groups: dict[tuple[str, str | None], list[Row]] = {}
        for row in self.rows:
            groups.setdefault(row.family, []).append(row)
        out = []
        for (name, key), rows in groups.items():
            title = f"{_label(key)[:1].upper()}{_label(key)[1:]} a day" if key else _TITLES[name]
            amounts = [r.amount for r in rows if r.amount is not None]
            if name == "natto" and not any(amounts):
                value = "none"
            elif amounts and rows[0].unit:
                low, high = min(amounts), max(amounts)
                unit = rows[0].unit
                value = _range(low, high, unit)
                if key == "vitamin_d_iu":  # both units, so neither is guessed
                    value += f" ({_range(vitamin_d_ug(low), vitamin_d_ug(high), 'µg')})"
            else:
                value = next((r.value for r in rows if not r.passed), rows[0].value)
            failed = [r for r in rows if not r.passed]
            where = ", ".join(_day_name(r.date) + (f" ({r.detail})" if r.detail else "") if r.date else r.detail
                              for r in failed)  # fmt: skip
            out.append(Line(rows[0].rule, key, title, not failed, value, rows[0].required, rows[0].source, where))
        return out


_BONE_KEYS = ("calcium_mg", "vitamin_d_iu", "magnesium_mg", "protein_g")
_LIMIT_SOURCES = {Rule.UPPER_LIMIT: IOM_2011, Rule.CALCIUM_PER_MEAL: HEANEY_1990}


def _day_name(date: dt.date) -> str:
    return f"{date:%a} {date.day}"


def rubric(
    person: Person,
    week: WeekPlan,
    foods: FoodLookup,
    recipes: Mapping[str, Recipe],
    targets: Mapping[str, Target],
    dates: Sequence[dt.date] | None = None,
) -> Rubric:
    """Every rule of meal-sense.md on the planned days among ``dates`` (default: the week).

    A day with nothing planned is left out; the week's rows (different foods) are
    judged when all seven days are planned.
    """
    wanted = [d for d in (dates or week.week.dates()) if any(week.day(d).meals.values())]
    band = energy_band(person, targets)
    rows: list[Row] = []
    slots = {s.id: s for s in person.slots}
    findings = check_week(person, week, foods, recipes, targets)
    used: dict[dt.date, set[str]] = {}
    proteins: dict[dt.date, set[str]] = {}
    contents: dict[dt.date, tuple] = {}
    for date in wanted:
        day = week.day(date)
        meals = {sid: [it for e in es for it in items_of(e, foods, recipes)] for sid, es in day.meals.items() if es}
        rows += _day_rows(person, day, meals, slots, band, targets, foods, recipes)
        # Foods are counted as people name them: canned and baked salmon are one food.
        used[date] = {it.profile.kind or it.food.id for its in meals.values() for it in its
                      if not it.food.is_supplement}  # fmt: skip
        proteins[date] = {it.profile.kind or it.food.id for its in meals.values() for it in its
                          if it.profile.role is Role.PROTEIN}  # fmt: skip
        contents[date] = tuple(sorted((sid, e.food_id or e.recipe_id or "", round(e.grams, 1), e.count or 0)
                                      for sid, es in day.meals.items() for e in es))  # fmt: skip
    day_findings = [f for f in findings if f.date in wanted]
    for kind, rule in (("upper_limit", Rule.UPPER_LIMIT), ("calcium_per_sitting", Rule.CALCIUM_PER_MEAL)):
        found = [f for f in day_findings if f.kind == kind]
        rows.append(Row(rule, None, not found, "none" if not found else f"{len(found)}", "none",
                        found[0].source if found else _LIMIT_SOURCES[rule], found[0].message if found else ""))  # fmt: skip
    rows += _week_rows(week, wanted, used, proteins, contents)
    return Rubric(tuple(rows))


def _day_rows(person: Person, day: DayPlan, meals: Mapping[str, list[Item]], slots: Mapping[str, MealSlot],
              band: EnergyBand, targets: Mapping[str, Target], foods: FoodLookup,
              recipes: Mapping[str, Recipe]) -> list[Row]:  # fmt: skip
    date = day.date
    rows: list[Row] = []
    totals = day_totals(day, foods, recipes, PLAN_KEYS + ("energy_kcal",))
    every = [it for its in meals.values() for it in its]
    grams = fruit_veg_grams(every)
    rows.append(Row(Rule.FRUIT_VEG, date, grams >= FRUIT_VEG_G * (1 - MET_TOLERANCE), f"{grams:,.0f} g",
                    f"at least {FRUIT_VEG_G:,.0f} g", WHO_2020, amount=grams, unit="g"))  # fmt: skip
    energy = totals["energy_kcal"]
    rows.append(Row(Rule.ENERGY_LOW if energy.value < band.low else Rule.ENERGY_HIGH, date,
                    _within(energy.value, band.low, band.high), f"{energy.value:,.0f} kcal",
                    f"{band.low:,.0f}–{band.high:,.0f} kcal", band.source, amount=energy.value,
                    unit="kcal"))  # fmt: skip
    most_starchy, loose_fat, no_veg, no_protein = 0, [], [], []
    for slot_id, items in meals.items():
        roles = meal_roles(items)
        most_starchy = max(most_starchy, roles[Role.STARCHY] + roles[Role.DISH])
        name = slots[slot_id].name if slot_id in slots else slot_id
        if stand_alone_fat(roles):
            loose_fat.append(name)
        kind = meal_kind(slots[slot_id]) if slot_id in slots else "snack"
        if kind in ("lunch", "dinner"):
            if not roles[Role.VEGETABLE]:
                no_veg.append(name)
            if not (roles[Role.PROTEIN] or roles[Role.DISH]):
                no_protein.append(name)
    rows.append(Row(Rule.ONE_STARCHY, date, most_starchy <= 1, f"{most_starchy} in one meal at most",
                    "at most 1 per meal", MEAL_PRACTICE, amount=most_starchy, unit="at most"))  # fmt: skip
    rows.append(Row(Rule.FAT_WITH_FOOD, date, not loose_fat, "none" if not loose_fat else ", ".join(loose_fat),
                    "none", MEAL_PRACTICE, ", ".join(loose_fat)))  # fmt: skip
    rows.append(Row(Rule.VEGETABLES, date, not no_veg, "every day" if not no_veg else "missing",
                    "at lunch and dinner", MEAL_PRACTICE, ", ".join(no_veg)))  # fmt: skip
    rows.append(Row(Rule.MAIN_PROTEIN, date, not no_protein, "every day" if not no_protein else "missing",
                    "at lunch and dinner", MEAL_PRACTICE, ", ".join(no_protein)))  # fmt: skip
    natto = [it for it in every if Contains.NATTO in it.profile.contains]
    natto_ok = not natto or (person.eats_natto and not person.on_warfarin and len(natto) <= 1
                             and natto[0].grams <= NATTO_SERVING_G)  # fmt: skip
    grams_natto = sum(i.grams for i in natto)
    rows.append(Row(Rule.NATTO, date, natto_ok, "none", "by choice, at most one serving of 30 g a day, never on "
                    "warfarin", MEAL_PRACTICE, f"{len(natto)} serving(s), {grams_natto:,.0f} g" if natto else "",
                    amount=grams_natto, unit="g"))  # fmt: skip
    conflicts = [f"{it.food.name}: {c.reason}" for it in every for c in profile_conflicts(person, it.food)]
    rows.append(Row(Rule.PROFILE, date, not conflicts, "none" if not conflicts else f"{len(conflicts)} food(s)",
                    "none", MEAL_PRACTICE, "; ".join(conflicts)))  # fmt: skip
    if person.on_warfarin:
        k_band = vitamin_k_band(person)
        k = totals["vitamin_k1_ug"].value + totals["vitamin_k2_ug"].value
        rows.append(Row(Rule.VITAMIN_K_STEADY, date, _within(k, k_band.low, k_band.high),
                        f"{k:,.0f} µg", f"{k_band.low:,.0f}–{k_band.high:,.0f} µg, ±30 % around "
                        f"{k_band.usual:,.0f} µg, an app default", IOM_2001, amount=k, unit="µg"))  # fmt: skip
    for key in _BONE_KEYS:
        t = targets.get(key)
        if t is None or t.low is None or t.per_kg or t.tracked_only:
            continue
        total: Total = totals[key]
        rows.append(Row(Rule.TARGET, date, total.value >= t.low * (1 - MET_TOLERANCE),
                        format_amount(total.value, key), f"at least {format_amount(t.low, key)}", t.source,
                        amount=total.value, unit=unit_of(key), key=key))  # fmt: skip
    short_meals = []
    for slot_id, items in meals.items():
        slot = slots.get(slot_id)
        if slot is None or not slot.main_meal or all(it.food.is_supplement for it in items):
            continue
        protein = math.fsum((it.food.amount_in("protein_g", it.grams) or 0.0) for it in items)
        if protein < PROTEIN_PER_MAIN_MEAL_G * (1 - MET_TOLERANCE):
            short_meals.append(f"{slot.name} {protein:.0f} g")
    rows.append(Row(Rule.PROTEIN_PER_MEAL, date, not short_meals, "every main meal" if not short_meals else "short",
                    f"at least {PROTEIN_PER_MAIN_MEAL_G:g} g", ESCEO_2014, ", ".join(short_meals)))  # fmt: skip
    return rows


def _range(low: float, high: float, unit: str) -> str:
    if format_number(low) == format_number(high):
        return f"{format_number(low)} {unit}"
    return f"{format_number(low)}–{format_number(high)} {unit}"


def _within(value: float, low: float, high: float) -> bool:
    return low * (1 - MET_TOLERANCE) <= value <= high * (1 + MET_TOLERANCE)


def _label(key: str) -> str:
    return {"calcium_mg": "calcium", "vitamin_d_iu": "vitamin D", "magnesium_mg": "magnesium",
            "protein_g": "protein"}[key]  # fmt: skip


def _week_rows(week: WeekPlan, wanted: Sequence[dt.date], used: Mapping[dt.date, set[str]],
               proteins: Mapping[dt.date, set[str]], contents: Mapping[dt.date, tuple]) -> list[Row]:  # fmt: skip
    rows: list[Row] = []
    distinct = set().union(*used.values()) if used else set()
    if len(wanted) == len(week.days):
        rows.append(Row(Rule.DISTINCT_FOODS, None, len(distinct) >= DISTINCT_FOODS_PER_WEEK,
                        f"{len(distinct)} foods", f"at least {DISTINCT_FOODS_PER_WEEK}", MEAL_PRACTICE,
                        f"{len(distinct)} foods"))  # fmt: skip
    same = [(a, b) for i, a in enumerate(wanted) for b in wanted[i + 1:] if contents[a] == contents[b]]
    rows.append(Row(Rule.IDENTICAL_DAYS, None, not same, "none" if not same else f"{len(same)} pair(s)", "none",
                    MEAL_PRACTICE,
                    ", ".join(f"{_day_name(a)} = {_day_name(b)}" for a, b in same)))  # fmt: skip
    streaks = []
    for i in range(PROTEIN_DAYS_IN_A_ROW, len(wanted)):
        run = wanted[i - PROTEIN_DAYS_IN_A_ROW : i + 1]
        if (run[-1] - run[0]).days != PROTEIN_DAYS_IN_A_ROW:
            continue  # not consecutive days
        common = set.intersection(*(proteins[d] for d in run))
        streaks += [f"{kind} to {_day_name(run[-1])}" for kind in sorted(common)]
    rows.append(Row(Rule.PROTEIN_STREAK, None, not streaks, "none" if not streaks else f"{len(streaks)} run(s)",
                    f"at most {PROTEIN_DAYS_IN_A_ROW} days in a row", MEAL_PRACTICE, "; ".join(streaks)))  # fmt: skip
    return rows

