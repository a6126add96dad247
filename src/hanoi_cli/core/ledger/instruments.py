"""The instruments and dated actions a ledger records, and every way they are spelt.

One table: the ledger key, the label used in sentences and tables, and the symbol the UN Treaty
Collection prints after a date in its status tables (``6 Aug 1986 a`` is an accession). Users type
``domestic-approval``, ``Definitive signature`` or ``accession``; ``ledger_key`` reads them all.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Optional

# The instruments a participant can deposit, as ledger keys. A participant has at most one.
INSTRUMENT_TYPES: tuple[str, ...] = (
    "ratification",
    "acceptance",
    "approval",
    "accession",
    "succession",
    "definitive_signature",  # a signature not subject to ratification
    "formal_confirmation",  # an international organization's equivalent of ratification
)

# How each instrument type reads in sentences and tables: the key with spaces.
INSTRUMENT_LABELS: dict[str, str] = {kind: kind.replace("_", " ") for kind in INSTRUMENT_TYPES}

# The UN Treaty Collection's suffix after a date in a status table; a bare date is a ratification
# (each status file also prints its own legend in the column heading, which readers check).
UNTC_SYMBOLS: dict[str, str] = {
    "ratification": "",
    "acceptance": "A",
    "approval": "AA",
    "accession": "a",
    "succession": "d",
    "formal_confirmation": "c",
    "definitive_signature": "s",
}

# What ``hanoi record`` can set on a participant: the instruments and the other dated actions.
ACTIONS: tuple[str, ...] = ("signature", *INSTRUMENT_TYPES, "domestic_approval", "denunciation")


def ledger_key(text: str, allowed: Iterable[str] = ACTIONS) -> Optional[str]:
    """``Domestic-Approval``, ``definitive signature`` and ``formal_confirmation`` as ledger keys;
    None if the spelling names none of ``allowed``."""
    key = "_".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
    return key if key in tuple(allowed) else None
