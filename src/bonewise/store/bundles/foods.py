"""What bundles need from the food store, and the store they use when given none."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from bonewise.core.foods import Food, FoodKind, Measure
from bonewise.store.repository import Repository


class BundleFoods(Protocol):
    """What bundles need from the food store (``FoodStore`` provides it)."""

    def get(self, food_id: str) -> Food | None: ...

    def search(self, text: str, limit: int = 20) -> Sequence[Any]: ...

    def add_custom(
        self, name: str, nutrients: Mapping[str, float], measures: Sequence[Measure],
        kind: FoodKind = FoodKind.CUSTOM,
    ) -> Food: ...


def default_foods(repo: Repository) -> BundleFoods:
    from bonewise.paths import reference_db_path
    from bonewise.store.foodstore import FoodStore

    return FoodStore(reference_db_path(), repo.custom_foods)

