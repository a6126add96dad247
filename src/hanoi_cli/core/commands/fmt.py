"""``hanoi fmt``: a ledger rewritten in canonical form, in one edit transaction."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from hanoi_cli.core.commands.transaction import Outcome


def fmt(path: str | Path, *, as_of: Optional[date], check: bool = False) -> Outcome:
    """Format the ledger at ``path`` (validated as of ``as_of`` and written), or with ``check`` only
    say whether it would change (nothing validated or written)."""
    from hanoi_cli.core.commands.transaction import edit_ledger
    from hanoi_cli.core.editing.canonical import canonical
    from hanoi_cli.core.editing.edit import Edit
    from hanoi_cli.core.reading.loader import display_name

    label = display_name(path)

    def transform(text: str) -> Edit:
        formatted = canonical(text, label)
        return Edit(formatted, "reformatted", formatted != text)

    return edit_ledger(path, transform, as_of=as_of, write=not check, validate=not check, name=label)
