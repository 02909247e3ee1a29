"""Fixtures for the desktop-shell tests: a small food store with SR24 values, a plan document."""

from __future__ import annotations

import pytest
from shell_data import TODAY, WEEK, ShellFoods

from bonewise.core.plan import Person
from bonewise.store.repository import Repository


@pytest.fixture
def shell_foods():
    return ShellFoods()


@pytest.fixture
def shell_repo():
    repo = Repository.in_memory()
    yield repo
    repo.close()


@pytest.fixture
def zoe(shell_repo):
    return shell_repo.save_person(Person(name="Zoë", weight_kg=62.0))


@pytest.fixture
def plan_doc(qapp, shell_repo, shell_foods, zoe):
    """A document showing Zoë's week 49 of 2026, over an in-memory store; today is its Wednesday."""
    from bonewise.ui.document import PlanDocument

    doc = PlanDocument(shell_repo, shell_foods, today=lambda: TODAY)
    doc.show(zoe.id, WEEK)
    yield doc
    doc.undo_stack.clear()
    doc.deleteLater()


@pytest.fixture
def bea_doc(qapp):
    """Bea (70 kg) with an empty week 49 of 2026, over the shipped food store (the planner's foods)."""
    from bonewise.paths import reference_db_path
    from bonewise.store.foodstore import FoodStore

    from bonewise.ui.document import PlanDocument

    repo = Repository.in_memory()
    foods = FoodStore(reference_db_path(), repo.custom_foods)
    bea = repo.save_person(Person("Bea", weight_kg=70))
    document = PlanDocument(repo, foods)
    document.show(bea.id, WEEK)
    yield document
    document.undo_stack.clear()
    foods.close()
    repo.close()

