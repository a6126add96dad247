"""The command-line layer: Typer commands and Rich rendering on top of the core."""
