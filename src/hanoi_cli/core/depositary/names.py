"""A depositary's participant name to the ledger's code and kind: exact matches only.

In order: the ledger's own participants (names compared with ``core.ledger.names.name_key``, as hanoi
compares names everywhere), the shipped table of UN depositary names (``core.ledger.un_names``:
the UN's spellings ISO does not use, the European Union, former names), and ISO's exact names
(``participant_lookup.iso_name_code``, the table ``hanoi record`` finds countries by). Never
fuzzy: pycountry's fuzzy search turns "Republic of Korea" into North Korea, and a wrong code is
worse than an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Optional

from hanoi_cli.core.depositary.status_file import StatusRow
from hanoi_cli.core.depositary.text import clean
from hanoi_cli.core.ledger.names import name_key
from hanoi_cli.core.ledger.participant_lookup import iso_name_code
from hanoi_cli.core.ledger.un_names import table_by_key


def plain_name(name: str) -> str:
    """The name without footnote markers or markup, NFC-normalised, spacing collapsed."""
    return clean(name, trailing_markers=True).text


def resolve_code(name: str, ledger_participants: Iterable[Any] = ()) -> Optional[tuple[str, str]]:
    """``(code, kind)`` for a name as the depositary prints it, or None when nothing matches exactly.

    ``ledger_participants`` are objects with ``name``, ``code`` and ``kind`` (the ledger's
    ``Participant``): the ledger's own spelling wins, so a participant keeps its code.
    """
    return resolver(ledger_participants)(name)


def resolver(ledger_participants: Iterable[Any] = ()) -> Callable[[str], Optional[tuple[str, str]]]:
    """``resolve_code`` with the ledger's names keyed once, for a whole status table."""
    own: dict[str, tuple[str, str]] = {}
    for participant in ledger_participants:
        own.setdefault(name_key(participant.name), (participant.code, participant.kind))

    def resolve(name: str) -> Optional[tuple[str, str]]:
        key = name_key(plain_name(name))
        if not key:
            return None
        found = own.get(key) or table_by_key().get(key)
        if found:
            return found
        code = iso_name_code(key)  # pycountry is imported only for a name neither the ledger nor the table knows
        return (code, "state") if code else None

    return resolve


def match_rows(
    rows: Iterable[StatusRow], resolve: Callable[[str], Optional[tuple[str, str]]]
) -> Iterator[tuple[StatusRow, Optional[tuple[str, str]], Optional[StatusRow]]]:
    """Each status row with its ``(code, kind)`` (None: the name matches nothing) and the earlier
    row that is already that participant (None: the first). Two rows for one participant are the
    table's error, for ``sync`` and ``new`` to report, never merged."""
    seen: dict[str, StatusRow] = {}
    for row in rows:
        found = resolve(row.name)
        first = seen.setdefault(found[0], row) if found is not None else row
        yield row, found, None if first is row else first
