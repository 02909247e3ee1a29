"""The planner's rules by name: what a slack, a relaxation or a shortfall is about."""

from __future__ import annotations

from enum import StrEnum


class Rule(StrEnum):
    """A rule the planner keeps or a requirement it tries to meet (the value is the JSON id)."""

    TARGET = "target"  # a nutrient's daily lower end
    ENERGY_LOW = "energy_low"
    ENERGY_HIGH = "energy_high"
    PROTEIN_PER_MEAL = "protein_per_meal"
    VITAMIN_K_STEADY = "vitamin_k_steady"
    CALCIUM_PER_MEAL = "calcium_per_meal"
    VARIETY = "variety"
