"""Typer-free rendering of payloads: Rich tables, Markdown, CSV, JSON and annotations."""
