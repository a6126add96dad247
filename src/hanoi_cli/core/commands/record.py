"""``hanoi record``: one action (a signature, a deposit, ...) recorded in a ledger, in one edit transaction."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from hanoi_cli.core.commands.transaction import Outcome


def record(
    path: str | Path,
    *,
    who: str,
    action: str,
    on: date | str,
    as_of: date,
    source: Optional[str] = None,
    new_name: Optional[str] = None,
    kind: Optional[str] = None,
    replace: bool = False,
    write: bool = True,
    notification: Optional[str] = None,
    evidence: Optional[str] = None,
) -> Outcome:
    """Record ``action`` by ``who`` (a code or a name) on ``on`` (a date, or a span for a signature
    as the depositary gives one) in the ledger at ``path``; validated as of ``as_of``, written unless
    ``write`` is false (a dry run). ``source``, ``notification`` and ``evidence`` are the fact's
    evidence (``core.ledger.evidence``). The outcome's edit says what changed and carries its notes."""
    from hanoi_cli.core.commands.transaction import edit_ledger
    from hanoi_cli.core.editing import record as editing
    from hanoi_cli.core.editing.edit import Edit
    from hanoi_cli.core.reading.loader import display_name

    label = display_name(path)

    def transform(text: str) -> Edit:
        return editing.record(
            text,
            label,
            who=who,
            action=action,
            on=on,
            source=source,
            new_name=new_name,
            kind=kind,
            replace=replace,
            notification=notification,
            evidence=evidence,
        )

    return edit_ledger(path, transform, as_of=as_of, write=write, name=label)
