"""The gauge panel: nutrient gauges, supporting nutrients, calcium per sitting, findings."""
