"""Editing ledgers: text edits, the one edit transaction, atomic writes."""
