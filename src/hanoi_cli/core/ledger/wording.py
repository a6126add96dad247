"""How hanoi writes numbers and dates in English prose: one home for plurals, ordinals and long dates.

Sentences are pasted into articles and reports, so they follow treaty-office usage (``14 December
2005``, ``the 40th instrument``) and never depend on the machine's locale.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Optional

from hanoi_cli.core.ledger.dates import MONTH_NAMES

# How a treaty's status reads in tables and sentences (here, not in the status payload, so sync and
# diff name a status without loading it). The words of the press and the depositary ("not in force");
# the JSON values stay as they are.
STATUS_LABELS = {"not_reached": "not in force", "pending": "pending", "in_force": "in force"}


def plural(count: float, word: str, plural_form: Optional[str] = None, *, shown: Optional[str] = None) -> str:
    """``1 file``, ``2 files``; ``plural_form`` for the irregular (``treaty``, ``treaties``);
    ``shown`` writes the number another way (``1.5``) while ``count`` still decides the form."""
    number = shown if shown is not None else str(count)
    return f"{number} {word if count == 1 else plural_form or word + 's'}"


def ordinal(number: int) -> str:
    """``1st``, ``2nd``, ``11th``, ``40th``."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def long_date(value: date) -> str:
    """``14 December 2005``: how treaty offices write dates in prose."""
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"  # not strftime: locale-free


def iso(value: Optional[date]) -> Optional[str]:
    """A date as ISO 8601 text for payloads, ``None`` kept as ``None``."""
    return value.isoformat() if value is not None else None


def closest(word: str, choices: Iterable[str]) -> Optional[str]:
    """The choice a mistyped ``word`` most likely meant (``stauts`` -> ``status``), or None."""
    from difflib import get_close_matches

    found = get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return found[0] if found else None
