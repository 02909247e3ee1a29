"""Fixtures for the planning-core tests (foods with USDA SR24 values, see sr_foods.py)."""

from __future__ import annotations

import pytest

from bonewise.core.foods import Food

from .sr_foods import ALL_FOODS


@pytest.fixture
def foods() -> dict[str, Food]:
    """A dict is a FoodLookup: it has ``get(food_id)``."""
    return {f.id: f for f in ALL_FOODS}
