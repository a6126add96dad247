"""The rules: entry into force, checks, projections, forecasts and timelines over the models."""
