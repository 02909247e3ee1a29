"""Bonewise: an offline meal planner for bone health during aromatase-inhibitor therapy."""

__version__ = "0.1.0"
APP_NAME = "Bonewise"
