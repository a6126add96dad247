"""The value a text edit returns: the new text, what changed in a sentence, and notes.

Every editor (``record``, ``fmt``, a depositary sync) returns one, and the edit transaction
(``commands.transaction``) judges and writes it.
"""

from __future__ import annotations

from typing import NamedTuple


class Edit(NamedTuple):
    """New ledger text and one sentence saying what changed (no change: nothing to do)."""

    text: str
    message: str
    changed: bool
    notes: tuple[str, ...] = ()
