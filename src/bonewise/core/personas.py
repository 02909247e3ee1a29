"""People the auto-planner is checked against: the tests, ``bench/autoplan.py`` and docs/autoplan.md.

They span the body weights the app plans for and the profiles that make planning
hard: warfarin, a vegan diet, lactose-free with a nut allergy, someone who
dislikes fish, natto by choice, several allergies at once.
"""

from __future__ import annotations

from bonewise.core.plan import Allergen, Diet, Person, SoyPreference

# SR24 ids of the fish among the staples, for the person who never wants fish.
_FISH = frozenset({"15016", "15040", "15047", "15086", "15087", "15088", "15121", "15241"})

PERSONAS: tuple[Person, ...] = (
    Person("Ada, 50 kg", weight_kg=50),
    Person("Bea, 70 kg, eats natto", weight_kg=70, eats_natto=True),
    Person("Cleo, 95 kg, on warfarin", weight_kg=95, on_warfarin=True),
    Person("Dana, 58 kg, vegan", weight_kg=58, diet=Diet.VEGAN),
    Person("Eve, 64 kg, lactose-free, tree-nut and peanut allergy", weight_kg=64, diet=Diet.LACTOSE_FREE,
           allergies=frozenset({Allergen.TREE_NUTS, Allergen.PEANUTS})),
    Person("Fay, 80 kg, dislikes fish", weight_kg=80, dislikes=_FISH),
    Person("Gia, 55 kg, vegetarian, wheat allergy, no soy", weight_kg=55, diet=Diet.VEGETARIAN,
           allergies=frozenset({Allergen.WHEAT}), soy=SoyPreference.AVOID),
    Person("Hana, 88 kg, pescatarian, milk and egg allergy", weight_kg=88, diet=Diet.PESCATARIAN,
           allergies=frozenset({Allergen.MILK, Allergen.EGG})),
    Person("Iris, 92 kg, lactose-free pescatarian, sesame allergy", weight_kg=92,
           diet=Diet.LACTOSE_FREE_PESCATARIAN, allergies=frozenset({Allergen.SESAME})),
)  # fmt: skip
