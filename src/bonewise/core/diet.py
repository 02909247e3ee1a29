"""A person's diet, allergies, dislikes, soy preference and natto: which foods they leave out, and why.

The planner and the suggestions never offer a food a person's profile leaves
out; a food the person enters by hand anyway is flagged by ``core.checks``, not
refused (people make exceptions). What a food contains comes from
``core.foodroles`` (its SR group, WWEIA category and name); a product label is
the only full list of allergens, which the wording says.

Natto is planned only for people who say they eat it, and never on warfarin:
about 5 g already holds the 50 µg of MK-7 linked with interference
(Schurgers 2007; meal-sense.md §3 and §5).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType

from bonewise.core.foodroles import Contains, FoodProfile, profile_of
from bonewise.core.foods import Food
from bonewise.core.plan import Allergen, Diet, Person, SoyPreference
from bonewise.core.targets import Source

_ANIMAL_SEAFOOD = frozenset({Contains.FISH, Contains.CRUSTACEAN, Contains.MOLLUSC})

DIET_LEAVES_OUT = MappingProxyType({
    Diet.NONE: frozenset(),
    Diet.LACTOSE_FREE: frozenset({Contains.LACTOSE}),
    Diet.VEGETARIAN: frozenset({Contains.MEAT}) | _ANIMAL_SEAFOOD,
    Diet.PESCATARIAN: frozenset({Contains.MEAT}),
    Diet.LACTOSE_FREE_VEGETARIAN: frozenset({Contains.MEAT, Contains.LACTOSE}) | _ANIMAL_SEAFOOD,
    Diet.LACTOSE_FREE_PESCATARIAN: frozenset({Contains.MEAT, Contains.LACTOSE}),
    Diet.VEGAN: frozenset({Contains.MEAT, Contains.MILK, Contains.LACTOSE, Contains.EGG, Contains.ANIMAL})
    | _ANIMAL_SEAFOOD,
})  # fmt: skip

ALLERGEN_LEAVES_OUT = MappingProxyType({
    Allergen.MILK: frozenset({Contains.MILK, Contains.LACTOSE}),
    Allergen.EGG: frozenset({Contains.EGG}),
    Allergen.FISH: frozenset({Contains.FISH}),
    Allergen.SHELLFISH: frozenset({Contains.CRUSTACEAN}),
    Allergen.TREE_NUTS: frozenset({Contains.TREE_NUT}),
    Allergen.PEANUTS: frozenset({Contains.PEANUT}),
    Allergen.WHEAT: frozenset({Contains.WHEAT}),
    Allergen.SOY: frozenset({Contains.SOY, Contains.NATTO}),
    Allergen.SESAME: frozenset({Contains.SESAME}),
})  # fmt: skip

DIET_NAMES = MappingProxyType({
    Diet.NONE: "no particular diet",
    Diet.LACTOSE_FREE: "lactose-free",
    Diet.VEGETARIAN: "vegetarian",
    Diet.VEGAN: "vegan",
    Diet.PESCATARIAN: "pescatarian",
    Diet.LACTOSE_FREE_VEGETARIAN: "lactose-free vegetarian",
    Diet.LACTOSE_FREE_PESCATARIAN: "lactose-free pescatarian",
})  # fmt: skip

ALLERGEN_NAMES = MappingProxyType({
    Allergen.MILK: "milk",
    Allergen.EGG: "egg",
    Allergen.FISH: "fish",
    Allergen.SHELLFISH: "crustacean shellfish",
    Allergen.TREE_NUTS: "tree nuts",
    Allergen.PEANUTS: "peanuts",
    Allergen.WHEAT: "wheat",
    Allergen.SOY: "soy",
    Allergen.SESAME: "sesame",
})  # fmt: skip

DIET_SOURCE = Source(
    "Your profile",
    "The diet, allergies and foods never wanted set for this person in People ▸ Edit People. "
    "The allergens are the nine major food allergens of US law: milk, egg, fish, crustacean "
    "shellfish, tree nuts, peanuts, wheat and soybeans (Food Allergen Labeling and Consumer "
    "Protection Act 2004) and sesame (FASTER Act 2021, Public Law 117-11). Bonewise judges what a "
    "food contains from its USDA food group, category and name; only a product's label lists "
    "every allergen.",
)


@dataclass(frozen=True)
class Restriction:
    """One reason a person's profile leaves a food out."""

    key: str  # stable id: "diet:vegan", "allergy:milk", "dislike", "natto", "warfarin", "soy"
    phrase: str  # completes "cannot be reached …": "without animal foods (vegan)"
    reason: str  # completes "<food> …": "contains milk (a milk allergy)"


def _diet_phrase(diet: Diet) -> str:
    return {
        Diet.LACTOSE_FREE: "without lactose",
        Diet.VEGETARIAN: "without meat or fish (vegetarian)",
        Diet.PESCATARIAN: "without meat (pescatarian)",
        Diet.VEGAN: "without animal foods (vegan)",
        Diet.LACTOSE_FREE_VEGETARIAN: "without meat, fish or lactose (lactose-free vegetarian)",
        Diet.LACTOSE_FREE_PESCATARIAN: "without meat or lactose (lactose-free pescatarian)",
    }[diet]


def combine_diets(diets: Iterable[Diet]) -> Diet:
    """The diet that keeps to all of ``diets`` at once: pescatarian and lactose-free make a
    lactose-free pescatarian diet, vegetarian and pescatarian a vegetarian one; vegan covers any."""
    union: frozenset[Contains] = frozenset().union(*(DIET_LEAVES_OUT[d] for d in diets))
    covering = [d for d in Diet if union <= DIET_LEAVES_OUT[d]]
    return min(covering, key=lambda d: len(DIET_LEAVES_OUT[d]))


def _named(found: frozenset[Contains]) -> str:
    names = [c.label for c in Contains if c in found]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def restrictions(
    person: Person, food: Food, profile: FoodProfile | None = None
) -> tuple[Restriction, ...]:
    """Every reason ``person``'s profile leaves ``food`` out, in a fixed order; () when none does.

    Natto counts here: the planner offers it only to people who eat it and never on
    warfarin. ``hand_entered`` findings use :func:`profile_conflicts`, which leaves
    the natto opt-in out (someone who types natto eats it).
    """
    profile = profile or profile_of(food)
    found = list(profile_conflicts(person, food, profile))
    if Contains.NATTO in profile.contains:
        if person.on_warfarin:
            found.append(
                Restriction(
                    "warfarin", "without natto (warfarin)", "is natto, never planned on warfarin"
                )
            )
        elif not person.eats_natto:
            found.append(
                Restriction(
                    "natto", "without natto", "is natto, planned only for people who eat it"
                )
            )
    return tuple(found)


def profile_conflicts(
    person: Person, food: Food, profile: FoodProfile | None = None
) -> tuple[Restriction, ...]:
    """The diet, allergies, dislikes and soy preference that ``food`` goes against."""
    if not (person.dislikes or person.allergies or person.diet is not Diet.NONE
            or person.soy is not SoyPreference.ANY):
        return ()  # nothing to go against (most people; this runs for every item at each edit)
    # The contents are looked up only for a diet, an allergy or soy avoided: the checks run
    # on every item at each edit, and the first lookup reads the classifier's tables.
    if person.diet is not Diet.NONE or person.allergies or person.soy is SoyPreference.AVOID:
        contains = (profile or profile_of(food)).contains
    else:
        contains = frozenset()
    found: list[Restriction] = []
    if food.id in person.dislikes:
        found.append(
            Restriction("dislike", "without the foods you never want", "is a food you never want")
        )
    diet_out = DIET_LEAVES_OUT[person.diet] & contains
    if diet_out:
        name = DIET_NAMES[person.diet]
        found.append(Restriction(f"diet:{person.diet.value}", _diet_phrase(person.diet),
                                 f"contains {_named(diet_out)}, which a {name} diet leaves out"))  # fmt: skip
    for allergen in Allergen:
        if allergen in person.allergies and ALLERGEN_LEAVES_OUT[allergen] & contains:
            name = ALLERGEN_NAMES[allergen]
            found.append(Restriction(f"allergy:{allergen.value}", f"without {name} (allergy)",
                                     f"contains {name}, listed as an allergy"))  # fmt: skip
    soy = frozenset({Contains.SOY, Contains.NATTO})
    if (
        person.soy is SoyPreference.AVOID
        and contains & soy
        and Allergen.SOY not in person.allergies
    ):
        found.append(Restriction("soy", "without soy", "contains soy, which you avoid"))
    if person.soy is not SoyPreference.ANY and "isoflavone" in food.name.casefold():
        found.append(Restriction("isoflavone", "without isoflavone pills",
                                 "is an isoflavone pill, and you keep to whole soy foods"))
    return tuple(found)


def profile_text(person: Person) -> str:
    """The person's profile in a few words: "vegan; allergies: peanuts, sesame; 2 foods never wanted"."""
    parts = []
    if person.diet is not Diet.NONE:
        parts.append(DIET_NAMES[person.diet])
    if person.allergies:
        names = [ALLERGEN_NAMES[a] for a in Allergen if a in person.allergies]
        parts.append("allergies: " + ", ".join(names))
    if person.dislikes:
        n = len(person.dislikes)
        parts.append(f"{n} food{'s' if n != 1 else ''} never wanted")
    if person.eats_natto and not person.on_warfarin:
        parts.append("eats natto")
    return "; ".join(parts)
