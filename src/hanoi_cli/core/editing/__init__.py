"""Editing ledgers: text edits that keep every untouched byte, the value they return, atomic writes."""
