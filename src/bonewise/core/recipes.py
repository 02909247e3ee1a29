"""Looking inside recipes: each recipe flattened once into the foods of one portion.

A recipe may hold other recipes (at most ``rules.MAX_RECIPE_DEPTH`` levels, never
itself). Everything that looks inside one (totals, checks, the shopping list, the
printed plan) goes through a ``RecipeBook``, which flattens each recipe at most once
and keeps the result: a wide, deep nest then costs a step per recipe, not one per
path through it (six levels of ten recipes are a million paths). A recipe the book
cannot follow (missing, nested too deeply, or containing itself, as an older store
or a hand-edited file may hold) is reported, never followed.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from bonewise.core.plan import Recipe
from bonewise.core.rules import MAX_RECIPE_DEPTH, MIN_RECIPE_PORTIONS, recipe_depths


@dataclass(frozen=True)
class Flat:
    """One portion of a recipe as foods, and what in it could not be followed."""

    grams: Mapping[tuple[str, str | None], float]  # (food id, measure name) -> grams in a portion
    problems: tuple[str, ...] = ()  # "Soup (a recipe that contains itself)", one per problem

    @property
    def complete(self) -> bool:
        return not self.problems


_NOTHING = Flat(MappingProxyType({}))


class RecipeBook(Mapping[str, Recipe]):
    """The recipes by id, read like the mapping they wrap, and flattened on demand, once each.

    Make a new book when the recipes change; the flattening does not depend on the
    foods, so a book stays right while they change.
    """

    def __init__(self, recipes: Mapping[str, Recipe]):
        self.recipes = recipes
        self._depths: dict[str, float] | None = None
        self._flat: dict[str, Flat] = {}

    @classmethod
    def of(cls, recipes: Mapping[str, Recipe]) -> RecipeBook:
        """``recipes`` itself when it is a book already (keeping what it has worked out)."""
        return recipes if isinstance(recipes, RecipeBook) else cls(recipes)

    def __getitem__(self, recipe_id: str) -> Recipe:
        return self.recipes[recipe_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.recipes)

    def __len__(self) -> int:
        return len(self.recipes)

    def depth(self, recipe_id: str) -> float:
        """How deep the recipe nests (``math.inf`` when it contains itself); 0 when unknown."""
        if self._depths is None:
            self._depths = recipe_depths(self.recipes)
        return self._depths.get(recipe_id, 0)

    def problem(self, recipe_id: str) -> str | None:
        """Why the recipe cannot be looked inside whole, or None when it can."""
        recipe = self.recipes.get(recipe_id)
        if recipe is None:
            return f"missing recipe {recipe_id}"
        if not (_usable(recipe.portions) and recipe.portions >= MIN_RECIPE_PORTIONS):
            # An older store may hold 1e-300 portions: a portion would be infinite.
            return f"{recipe.name} (a recipe without a sane number of portions)"
        depth = self.depth(recipe_id)
        if depth == math.inf:
            return f"{recipe.name} (a recipe that contains itself)"
        if depth > MAX_RECIPE_DEPTH:
            return f"{recipe.name} (recipes nested more than {MAX_RECIPE_DEPTH} deep)"
        return None

    def flat(self, recipe_id: str) -> Flat:
        """One portion of the recipe as grams of foods (by the measure the user chose).

        A recipe nested too deeply, or containing itself, gives its own foods and
        those of the inner recipes that can be followed, and says what it left out.
        """
        known = self._flat.get(recipe_id)
        if known is None:
            known = self._flat[recipe_id] = self._flatten(recipe_id)
        return known

    def _flatten(self, recipe_id: str) -> Flat:
        recipe = self.recipes.get(recipe_id)
        problem = self.problem(recipe_id)
        if recipe is None or not (_usable(recipe.portions) and recipe.portions >= MIN_RECIPE_PORTIONS):
            return Flat(_NOTHING.grams, (problem,) if problem else ())
        grams: dict[tuple[str, str | None], float] = {}
        problems: dict[str, None] = dict.fromkeys([problem] if problem else [])
        for entry in recipe.entries:
            if entry.recipe_id is not None:
                inner_problem = self.problem(entry.recipe_id)
                if inner_problem is not None:  # not followed: that keeps every path finite
                    problems[inner_problem] = None
                    continue
                inner = self.flat(entry.recipe_id)  # at most MAX_RECIPE_DEPTH calls deep
                portions = entry.count if entry.count is not None and _usable(entry.count) else 1.0
                scale = portions / recipe.portions
                for key, amount in inner.grams.items():
                    grams[key] = grams.get(key, 0.0) + amount * scale
                problems.update(dict.fromkeys(inner.problems))
            elif entry.food_id and _usable(entry.grams):
                key = (entry.food_id, entry.measure)
                grams[key] = grams.get(key, 0.0) + entry.grams / recipe.portions
        return Flat(MappingProxyType(grams), tuple(problems))


def _usable(value: object) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value) and value > 0
