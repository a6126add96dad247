"""The command line: the Typer app, shared options, the error guard, and one module per command."""
