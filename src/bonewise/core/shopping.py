"""One merged shopping list for the chosen days and people (pure; the PDF only lays it out).

Every item of every chosen meal is merged per food, across meals, days and
people, with recipes expanded into their ingredients. Cooked grains, pasta and
legumes become the dry food that is bought, and each food's total is said in
the unit a shop sells it in (``core.purchase``). Each food gets exactly one
line; a person with nothing planned on the chosen days gets a line saying so,
and the foods a person always has at home (their pantry) are left off for them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from bonewise.core.foods import Food, FoodLookup
from bonewise.core.plan import Entry, Person, Recipe, WeekPlan
from bonewise.core.purchase import CookingYield, Quantity, buy_quantity, cooking_yields, weight_text
from bonewise.core.recipes import RecipeBook

PANTRY_SETTING = "pantry"  # settings key: the foods each person always has at home
SUPPLEMENT_AISLE = "Supplements"
UNKNOWN_AISLE = "Other"

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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
    grams: float  # total weight to buy (nominal dose weight for supplements)
    quantity: Quantity
    uses: tuple[Use, ...]
    uses_text: str  # "Mon breakfast, Wed lunch (Zoë); Tue dinner (Mum)"
    is_supplement: bool = False
    cooked_grams: float = 0.0  # of that weight, planned as the cooked food (bought dry)

    @property
    def weight_hint(self) -> str:
        """The weight beside a count or volume ("400 g"), and what a dry weight cooks to."""
        parts = []
        if not self.is_supplement and not self.quantity.is_weight and self.grams:
            parts.append(weight_text(self.grams))
        if self.cooked_grams:
            parts.append(f"dry weight, for {weight_text(self.cooked_grams)} cooked")
        return ", ".join(parts)


@dataclass(frozen=True)
class AisleGroup:
    aisle: str
    rows: tuple[ShoppingRow, ...]


@dataclass(frozen=True)
class ShoppingList:
    people: tuple[str, ...]
    dates: tuple[dt.date, ...]  # the chosen days, in order
    aisles: tuple[AisleGroup, ...]
    pantry_left_out: tuple[str, ...]  # "Oil, olive (Zoë)": planned foods left out as staples
    notes: tuple[str, ...]  # items that could not be listed, in plain words
    nothing_planned: tuple[str, ...] = ()  # people with no food planned on the chosen days
    past_days: tuple[dt.date, ...] = ()  # days of the weeks left out because they are over

    @property
    def rows(self) -> tuple[ShoppingRow, ...]:
        return tuple(row for group in self.aisles for row in group.rows)

    @property
    def is_empty(self) -> bool:
        return not self.aisles


@dataclass(frozen=True)
class Pantry:
    """The foods each person always has at home, left off that person's shopping.

    Stored in the settings as ``{"people": {"<person id>": [food ids]}}``; a
    plain list (how earlier versions kept one pantry for everyone) still counts
    for every person.
    """

    by_person: Mapping[int, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    everyone: frozenset[str] = frozenset()

    def of(self, person_id: int | None) -> frozenset[str]:
        return self.everyone | self.by_person.get(person_id, frozenset()) if person_id is not None else self.everyone

    def with_food(self, person_id: int, food_id: str, at_home: bool) -> Pantry:
        """This pantry with ``food_id`` ticked (or unticked) for one person.

        Unticking a food of the older shared list takes it off that list.
        """
        mine = set(self.by_person.get(person_id, frozenset()))
        (mine.add if at_home else mine.discard)(food_id)
        people = {k: v for k, v in self.by_person.items() if k != person_id}
        if mine:
            people[person_id] = frozenset(mine)
        everyone = self.everyone if at_home else self.everyone - {food_id}
        return Pantry(MappingProxyType(people), everyone)

    def to_setting(self) -> dict:
        return {
            "people": {str(k): sorted(v) for k, v in sorted(self.by_person.items()) if v},
            **({"everyone": sorted(self.everyone)} if self.everyone else {}),
        }


NO_PANTRY = Pantry()


def pantry_from_settings(settings: Mapping[str, object]) -> Pantry:
    """The pantry kept under settings["pantry"]; anything malformed counts as empty."""
    value = settings.get(PANTRY_SETTING)
    if isinstance(value, (list, tuple)):
        return Pantry(everyone=_ids(value))
    if not isinstance(value, Mapping):
        return Pantry()
    people = value.get("people")
    by_person: dict[int, frozenset[str]] = {}
    if isinstance(people, Mapping):
        for key, ids in people.items():
            try:
                person_id = int(key)
            except (TypeError, ValueError):
                continue
            if isinstance(ids, (list, tuple)):
                by_person[person_id] = _ids(ids)
    everyone = value.get("everyone")
    return Pantry(MappingProxyType(by_person), _ids(everyone) if isinstance(everyone, (list, tuple)) else frozenset())


def _ids(values: Iterable[object]) -> frozenset[str]:
    return frozenset(str(v) for v in values if isinstance(v, (str, int)) and not isinstance(v, bool))


def build_shopping_list(
    plans: Sequence[tuple[Person, WeekPlan]],
    foods: FoodLookup,
    recipes: Mapping[str, Recipe],
    *,
    pantry: Pantry = NO_PANTRY,
    dates: Collection[dt.date] | None = None,
    from_day: dt.date | None = None,
    yields: Mapping[str, CookingYield] | None = None,
) -> ShoppingList:
    """Merge the plans of one or more people into one list grouped by aisle.

    Args:
        plans: (person, week plan) pairs; several people share one list.
        foods: where food ids are looked up.
        recipes: recipe id -> recipe, expanded into ingredients.
        pantry: what each person always has at home; left off for that person.
        dates: the chosen days; None means every day of the given weeks.
        from_day: leave out the days before it (usually today: what is eaten is
            bought); they are reported as ``past_days``.
        yields: cooked food id -> cooking yield; None means the shipped table.
    """
    yields = cooking_yields() if yields is None else yields
    book = RecipeBook.of(recipes)
    grams: dict[str, float] = defaultdict(float)
    cooked: dict[str, float] = defaultdict(float)  # planned cooked grams, by the dry food bought
    by_measure: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    uses: dict[str, dict[Use, None]] = defaultdict(dict)  # ordered set
    notes: dict[str, None] = {}
    left_out: dict[tuple[str, str], None] = {}  # (food id, person)
    chosen_dates: set[dt.date] = set()
    past: set[dt.date] = set()
    nothing: list[str] = []
    dry_known: dict[str, bool] = {}

    for person, week in plans:
        slot_names = {slot.id: slot.name for slot in person.slots}
        slot_order = {slot.id: i for i, slot in enumerate(person.slots)}
        at_home = pantry.of(person.id)
        planned = False
        for day in week.days:
            if from_day is not None and day.date < from_day:
                past.add(day.date)
                continue
            if dates is not None and day.date not in dates:
                continue
            chosen_dates.add(day.date)
            for slot_id in sorted(day.meals, key=lambda s: (slot_order.get(s, len(slot_order)), s)):
                use = Use(person.name, day.date, slot_id, slot_names.get(slot_id, slot_id))
                for entry in day.meals[slot_id]:
                    for food_id, g, measure in _expand(entry, book, notes):
                        planned = True
                        bought = yields.get(food_id)
                        if bought is not None and not _known(bought.dry_id, foods, dry_known):
                            bought = None  # the dry food is missing: list what was planned
                        buy_id = bought.dry_id if bought is not None else food_id
                        if buy_id in at_home or food_id in at_home:
                            left_out[(buy_id, person.name)] = None
                            continue
                        if bought is not None:
                            cooked[buy_id] += g
                            g = g / bought.factor
                        elif measure:
                            by_measure[buy_id][measure] += g
                        grams[buy_id] += g
                        uses[buy_id][use] = None
        if not planned:
            nothing.append(person.name)

    found = _lookup(foods, {*grams, *(food_id for food_id, _ in left_out)})
    people = tuple(dict.fromkeys(person.name for person, _ in plans))
    show_dates = _spans_weeks(chosen_dates)
    rows: list[ShoppingRow] = []
    for food_id, total in grams.items():
        food = found.get(food_id)
        if food is None:
            notes[f"A planned food (id {food_id}) is no longer in the food list."] = None
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
                cooked_grams=cooked.get(food_id, 0.0),
            )
        )

    groups: dict[str, list[ShoppingRow]] = defaultdict(list)
    for row in rows:
        groups[row.aisle].append(row)

    # Supplements come last: they are usually bought elsewhere than the food.
    def aisle_key(aisle: str) -> tuple[bool, bool, str]:
        only_supplements = all(row.is_supplement for row in groups[aisle])
        return only_supplements, aisle == UNKNOWN_AISLE, aisle.casefold()

    aisles = tuple(
        AisleGroup(aisle, tuple(sorted(groups[aisle], key=lambda r: r.name.casefold())))
        for aisle in sorted(groups, key=aisle_key)
    )
    staples: dict[str, list[str]] = defaultdict(list)
    for food_id, name in left_out:
        food = found.get(food_id)
        if food is not None:
            staples[food.name].append(name)
    pantry_text = tuple(
        f"{food} ({', '.join(names)})" if len(people) > 1 else food
        for food, names in sorted(staples.items(), key=lambda kv: kv[0].casefold())
    )
    return ShoppingList(
        people=people,
        dates=tuple(sorted(chosen_dates)),
        aisles=aisles,
        pantry_left_out=pantry_text,
        notes=tuple(notes),
        nothing_planned=tuple(nothing),
        past_days=tuple(sorted(past)),
    )


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
    entry: Entry, book: RecipeBook, notes: dict[str, None]
) -> Iterable[tuple[str, float, str | None]]:
    """(food id, grams, measure name) for a food entry, or for each food of a recipe's portions."""
    if entry.recipe_id is None:
        if entry.food_id and math.isfinite(entry.grams) and entry.grams > 0:
            yield entry.food_id, entry.grams, entry.measure
        return
    flat = book.flat(entry.recipe_id)
    for problem in flat.problems:
        notes[f"Not all of a planned recipe could be listed: {problem}."] = None
    portions = entry.count if entry.count and math.isfinite(entry.count) and entry.count > 0 else 1.0
    for (food_id, measure), grams in flat.grams.items():
        yield food_id, grams * portions, measure


def _known(food_id: str, foods: FoodLookup, seen: dict[str, bool]) -> bool:
    if food_id not in seen:
        seen[food_id] = foods.get(food_id) is not None
    return seen[food_id]


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


def _day_label(date: dt.date, show_date: bool) -> str:
    label = _WEEKDAYS[date.weekday()]
    return f"{label} {date.day} {_MONTHS[date.month - 1]}" if show_date else label


def _spans_weeks(dates: Collection[dt.date]) -> bool:
    """Weekday names alone are ambiguous once the days come from more than one week."""
    return len({d.isocalendar()[:2] for d in dates}) > 1
