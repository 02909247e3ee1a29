"""One merged shopping list for the chosen days and people (pure; the PDF only lays it out).

Every item of every chosen meal is merged per food, across meals, days and
people, with recipes expanded into their ingredients. The merged weight is then
said in a unit a shopper buys: a count of the household measure the user
planned with ("6 large" eggs, "2 containers (6 oz)"), millilitres or litres for
drinks planned in cups, spoons for a few spoonfuls, doses for supplements, and
grams or kilograms otherwise (cups of chopped kale are bought by weight). Each
food gets exactly one line.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from bonewise.core.foods import Food, FoodLookup, Measure
from bonewise.core.measures import plural_measure
from bonewise.core.plan import Entry, Person, Recipe, WeekPlan

PANTRY_SETTING = "pantry"  # settings key: list of food ids the user always has at home
SUPPLEMENT_AISLE = "Supplements"
UNKNOWN_AISLE = "Other"

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Millilitres in one household volume unit (US customary, as in USDA SR measures).
_VOLUME_ML = {
    "cup": 236.588,
    "cups": 236.588,
    "tbsp": 14.787,
    "tablespoon": 14.787,
    "tablespoons": 14.787,
    "tsp": 4.929,
    "teaspoon": 4.929,
    "teaspoons": 4.929,
    "fl oz": 29.574,
    "ml": 1.0,
    "l": 1000.0,
    "liter": 1000.0,
    "litre": 1000.0,
    "pint": 473.176,
    "pt": 473.176,
    "quart": 946.353,
    "qt": 946.353,
    "gallon": 3785.41,
    "gal": 3785.41,
}
_SPOONS = {
    "tbsp": "tbsp", "tablespoon": "tbsp", "tablespoons": "tbsp",
    "tsp": "tsp", "teaspoon": "tsp", "teaspoons": "tsp",
}  # fmt: skip
_WEIGHT_UNITS = {"oz", "ounce", "ounces", "lb", "lbs", "pound", "pounds", "g", "gram", "grams", "kg"}
# A "serving" is not something a shop sells, so such foods are listed by weight.
_SERVING_WORDS = {"serving", "servings", "nlea", "portion", "portions", "recipe", "batch"}
_FIRST_WORD = re.compile(r"^\s*(fl\.?\s*oz|[a-z]+)", re.IGNORECASE)

@dataclass(frozen=True)
class Quantity:
    """How much to buy: ``amount`` of ``unit`` ("1.3 kg", "6 large", "56 tablets")."""

    amount: float
    unit: str

    def __str__(self) -> str:
        return f"{_number(self.amount)} {self.unit}"


@dataclass(frozen=True)
class Use:
    """One meal that uses an item."""

    person: str
    date: dt.date
    slot_id: str
    slot_name: str


@dataclass(frozen=True)
class ShoppingRow:
    """One food on the list, merged over every chosen meal, day and person."""

    food_id: str
    name: str
    aisle: str
    grams: float  # total planned weight (nominal dose weight for supplements)
    quantity: Quantity
    uses: tuple[Use, ...]
    uses_text: str  # "Mon breakfast, Wed lunch (Zoë); Tue dinner (Mum)"
    is_supplement: bool = False

    @property
    def weight_hint(self) -> str:
        """The planned weight when the quantity is not already a weight ("about 300 g")."""
        if self.is_supplement or self.quantity.unit in ("g", "kg") or not self.grams:
            return ""
        return f"about {_grams_text(self.grams)}"


@dataclass(frozen=True)
class AisleGroup:
    aisle: str
    rows: tuple[ShoppingRow, ...]


@dataclass(frozen=True)
class ShoppingList:
    people: tuple[str, ...]
    dates: tuple[dt.date, ...]  # the chosen days, in order
    aisles: tuple[AisleGroup, ...]
    pantry_left_out: tuple[str, ...]  # names of planned foods not listed because they are staples
    notes: tuple[str, ...]  # items that could not be listed, in plain words

    @property
    def rows(self) -> tuple[ShoppingRow, ...]:
        return tuple(row for group in self.aisles for row in group.rows)

    @property
    def is_empty(self) -> bool:
        return not self.aisles


def pantry_from_settings(settings: Mapping[str, object]) -> frozenset[str]:
    """The pantry food ids kept under settings["pantry"]; anything malformed counts as none."""
    value = settings.get(PANTRY_SETTING)
    if not isinstance(value, (list, tuple, set, frozenset)):
        return frozenset()
    return frozenset(str(item) for item in value if isinstance(item, (str, int)))


def build_shopping_list(
    plans: Sequence[tuple[Person, WeekPlan]],
    foods: FoodLookup,
    recipes: Mapping[str, Recipe],
    *,
    pantry: Collection[str] = (),
    dates: Collection[dt.date] | None = None,
) -> ShoppingList:
    """Merge the plans of one or more people into one list grouped by aisle.

    Args:
        plans: (person, week plan) pairs; several people share one list.
        foods: where food ids are looked up.
        recipes: recipe id -> recipe, expanded into ingredients.
        pantry: food ids left off the list (staples the user keeps at home).
        dates: the chosen days; None means every day of the given weeks.
    """
    grams: dict[str, float] = defaultdict(float)
    by_measure: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    uses: dict[str, dict[Use, None]] = defaultdict(dict)  # ordered set
    notes: dict[str, None] = {}
    chosen_dates: set[dt.date] = set()

    for person, week in plans:
        slot_names = {slot.id: slot.name for slot in person.slots}
        slot_order = {slot.id: i for i, slot in enumerate(person.slots)}
        for day in week.days:
            if dates is not None and day.date not in dates:
                continue
            chosen_dates.add(day.date)
            for slot_id in sorted(day.meals, key=lambda s: (slot_order.get(s, len(slot_order)), s)):
                use = Use(person.name, day.date, slot_id, slot_names.get(slot_id, slot_id))
                for entry in day.meals[slot_id]:
                    for food_id, g, measure in _expand(entry, 1.0, recipes, (), notes):
                        grams[food_id] += g
                        if measure:
                            by_measure[food_id][measure] += g
                        uses[food_id][use] = None

    found = _lookup(foods, grams)
    people = tuple(dict.fromkeys(person.name for person, _ in plans))
    pantry_ids = frozenset(pantry)
    show_dates = _spans_weeks(chosen_dates)
    rows: list[ShoppingRow] = []
    left_out: list[str] = []
    for food_id, total in grams.items():
        food = found.get(food_id)
        if food is None:
            notes[f"A planned food (id {food_id}) is no longer in the food list."] = None
            continue
        if food_id in pantry_ids:
            left_out.append(food.name)
            continue
        food_uses = tuple(uses[food_id])
        rows.append(
            ShoppingRow(
                food_id=food_id,
                name=food.name,
                aisle=_aisle_of(food),
                grams=total,
                quantity=buy_quantity(food, total, by_measure.get(food_id, {})),
                uses=food_uses,
                uses_text=describe_uses(food_uses, show_person=len(people) > 1, show_date=show_dates),
                is_supplement=food.is_supplement,
            )
        )

    groups: dict[str, list[ShoppingRow]] = defaultdict(list)
    for row in rows:
        groups[row.aisle].append(row)
    # Supplements come last: they are usually bought elsewhere than the food.
    def aisle_key(aisle: str) -> tuple[bool, bool, str]:
        only_supplements = all(row.is_supplement for row in groups[aisle])
        return only_supplements, aisle == UNKNOWN_AISLE, aisle.casefold()

    aisle_order = sorted(groups, key=aisle_key)
    aisles = tuple(
        AisleGroup(aisle, tuple(sorted(groups[aisle], key=lambda r: r.name.casefold())))
        for aisle in aisle_order
    )
    return ShoppingList(
        people=people,
        dates=tuple(sorted(chosen_dates)),
        aisles=aisles,
        pantry_left_out=tuple(sorted(left_out, key=str.casefold)),
        notes=tuple(notes),
    )


def buy_quantity(food: Food, grams: float, grams_by_measure: Mapping[str, float]) -> Quantity:
    """Say ``grams`` of ``food`` in the unit a shopper buys it in.

    ``grams_by_measure`` tells which household measures the user planned with
    (measure name -> grams planned that way); the most used one decides the unit.
    """
    used = _used_measures(food, grams_by_measure)
    if food.is_supplement:
        dose = next(iter(used), None) or (food.measures[0] if food.measures else None)
        if dose is not None and dose.grams_per_unit > 0:
            return _count_of(dose, grams)
        return _weight(grams)
    counted = [m for m in used if _measure_kind(m) == "count"]
    if counted:
        return _count_of(counted[0], grams)
    volumes = [m for m in used if _measure_kind(m) == "volume"]
    if volumes and (_pourable(food) or _SPOONS.get(_unit_word(volumes[0]))):
        return _volume(volumes[0], grams)
    return _weight(grams)


def _pourable(food: Food) -> bool:
    """Drinks and other liquids: USDA gives them a measure in fluid ounces.

    Cups of chopped kale or cooked oats are bought by weight, not by the litre.
    """
    return any("fl oz" in m.name.casefold() for m in food.measures)


def _unit_word(measure: Measure) -> str:
    match = _FIRST_WORD.match(measure.name.strip().casefold())
    return re.sub(r"[.\s]+", " ", match[1]).strip() if match else ""


def describe_uses(uses: Iterable[Use], *, show_person: bool, show_date: bool = False) -> str:
    """ "Mon breakfast, Wed lunch (Zoë); Tue dinner (Mum)": meals grouped per person.

    A meal eaten on three or more days in a row is said once, as a range:
    "Mon–Fri Bedtime".
    """
    per_person: dict[str, dict[tuple[str, str], list[dt.date]]] = defaultdict(dict)
    for use in uses:
        per_person[use.person].setdefault((use.slot_id, use.slot_name), []).append(use.date)
    parts = []
    for person, slots in per_person.items():
        meals: list[tuple[dt.date, int, str]] = []
        for order, ((_, slot_name), days) in enumerate(slots.items()):
            for run in _runs(sorted(set(days))):
                first, last = run[0], run[-1]
                if len(run) >= 3:
                    label = f"{_day_label(first, show_date)}–{_day_label(last, show_date)}"
                    meals.append((first, order, f"{label} {slot_name}"))
                else:
                    meals += [(d, order, f"{_day_label(d, show_date)} {slot_name}") for d in run]
        text = ", ".join(label for _, _, label in sorted(meals))
        parts.append(f"{text} ({person})" if show_person else text)
    return "; ".join(parts)


def _runs(days: Sequence[dt.date]) -> list[list[dt.date]]:
    """Sorted dates split into runs of consecutive days."""
    runs: list[list[dt.date]] = []
    for day in days:
        if runs and (day - runs[-1][-1]).days == 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def _expand(
    entry: Entry,
    factor: float,
    recipes: Mapping[str, Recipe],
    open_recipes: tuple[str, ...],
    notes: dict[str, None],
) -> Iterable[tuple[str, float, str | None]]:
    """(food id, grams, measure name) for a food entry, or for each ingredient of a recipe."""
    if entry.recipe_id is None:
        if entry.food_id and math.isfinite(entry.grams) and entry.grams > 0:
            yield entry.food_id, entry.grams * factor, entry.measure
        return
    recipe = recipes.get(entry.recipe_id)
    if recipe is None:
        notes["A planned recipe no longer exists, so its ingredients are not listed."] = None
        return
    if recipe.id in open_recipes:  # a recipe that contains itself would never end
        notes[f"The recipe “{recipe.name}” contains itself; it is listed once."] = None
        return
    portions = entry.count if entry.count and math.isfinite(entry.count) and entry.count > 0 else 1.0
    makes = recipe.portions if math.isfinite(recipe.portions) and recipe.portions > 0 else 1.0
    for ingredient in recipe.entries:
        yield from _expand(
            ingredient, factor * portions / makes, recipes, (*open_recipes, recipe.id), notes
        )


def _lookup(foods: FoodLookup, ids: Iterable[str]) -> dict[str, Food]:
    get_many = getattr(foods, "get_many", None)
    if callable(get_many):
        return dict(get_many(list(ids)))
    found = {}
    for food_id in ids:
        food = foods.get(food_id)
        if food is not None:
            found[food_id] = food
    return found


def _aisle_of(food: Food) -> str:
    if food.aisle.strip():
        return food.aisle.strip()
    return SUPPLEMENT_AISLE if food.is_supplement else UNKNOWN_AISLE


def _used_measures(food: Food, grams_by_measure: Mapping[str, float]) -> list[Measure]:
    """The food's own measures the user planned with, most grams first."""
    weights: dict[Measure, float] = defaultdict(float)
    for name, g in grams_by_measure.items():
        measure = food.measure(name)
        if measure is not None and measure.grams_per_unit > 0:
            weights[measure] += g
    return sorted(weights, key=lambda m: -weights[m])


def _measure_kind(measure: Measure) -> str:
    """ "volume", "weight", "serving" or "count" (eggs, slices, tablets, containers ...)."""
    first = _unit_word(measure)
    if first in _VOLUME_ML:
        return "volume"
    if first in _WEIGHT_UNITS:
        return "weight"
    if first in _SERVING_WORDS or not first:
        return "serving"
    return "count"


def _count_of(measure: Measure, grams: float) -> Quantity:
    # Round before taking the ceiling so that 3.0000001 eggs stay 3 eggs.
    count = max(1, math.ceil(round(grams / measure.grams_per_unit, 2)))
    return Quantity(count, plural_measure(measure.name) if count != 1 else measure.name)


def _volume(measure: Measure, grams: float) -> Quantity:
    unit = _unit_word(measure)
    ml = grams / measure.grams_per_unit * _VOLUME_ML[unit]
    spoon = _SPOONS.get(unit)
    if spoon and ml < 60:
        # Spoonfuls of oil or spice are clearer as spoons than as a few millilitres.
        return Quantity(_ceil_to(grams / measure.grams_per_unit, 0.5), spoon)
    if ml >= 1000:
        return Quantity(_ceil_to(ml / 1000, 0.1), "L")
    return Quantity(_ceil_to(ml, 50 if ml >= 100 else 10), "ml")


def _weight(grams: float) -> Quantity:
    if grams >= 1000:
        return Quantity(_ceil_to(grams / 1000, 0.1), "kg")
    return Quantity(_ceil_to(grams, 10 if grams >= 100 else 5), "g")


def _ceil_to(value: float, step: float) -> float:
    steps = math.ceil(round(value / step, 6))
    return round(max(steps, 1) * step, 6)


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def _grams_text(grams: float) -> str:
    return str(_weight(grams))


def _day_label(date: dt.date, show_date: bool) -> str:
    label = _WEEKDAYS[date.weekday()]
    return f"{label} {date.day} {_MONTHS[date.month - 1]}" if show_date else label


def _spans_weeks(dates: Collection[dt.date]) -> bool:
    """Weekday names alone are ambiguous once the days come from more than one week."""
    return len({d.isocalendar()[:2] for d in dates}) > 1
