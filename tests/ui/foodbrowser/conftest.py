"""The real food store (shipped reference foods) with a fresh user store for each test."""

from __future__ import annotations

import pytest

from bonewise import paths
from bonewise.store.customfoods import CustomFoods
from bonewise.store.foodstore import FoodStore
from bonewise.store.userdb import open_user_db


@pytest.fixture
def foods(tmp_path):
    store = FoodStore(paths.reference_db_path(), CustomFoods(open_user_db(tmp_path / "user.sqlite")))
    yield store
    store.close()
