"""One function per command: each runs its pipeline (read, judge, edit, evaluate) and returns one result."""
