"""The food browser: search, details, custom foods and supplements."""
