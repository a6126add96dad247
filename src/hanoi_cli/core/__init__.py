"""The pure core: models, loading, rules engine and payloads. Never imports typer or rich."""
