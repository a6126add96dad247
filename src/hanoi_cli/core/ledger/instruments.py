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
    # Ways of becoming bound that some treaties name instead of the five above (UNTC's own headings):
    "consent_to_be_bound",  # a notification of consent to be bound (the weapons-convention protocols)
    "participation",  # participation under the treaty's own article (commodity agreements, protocols)
    "simplified_procedure",  # consent established by the simplified procedure (UNCLOS Part XI Agreement)
    "application",  # an undertaking to apply an annex (the specialized agencies' privileges and immunities)
)

# How each instrument type reads in sentences and tables: the key with spaces.
INSTRUMENT_LABELS: dict[str, str] = {kind: kind.replace("_", " ") for kind in INSTRUMENT_TYPES}

# The UN Treaty Collection's suffix after a date in a status table; a bare date is a ratification
# (each status file also prints its own legend in the column heading, which readers check). The
# depositary prints "P" for both consent to be bound and participation, and no letter for an
# annex's application (it is the only item of its column): hanoi's tables, which show a date alone
# as a ratification, need one symbol a kind, so those two have hanoi's own ("Pt", "ap").
UNTC_SYMBOLS: dict[str, str] = {
    "ratification": "",
    "acceptance": "A",
    "approval": "AA",
    "accession": "a",
    "succession": "d",
    "formal_confirmation": "c",
    "definitive_signature": "s",
    "consent_to_be_bound": "P",
    "participation": "Pt",
    "simplified_procedure": "p",
    "application": "ap",
}

# What ``hanoi record`` can set on a participant: the instruments and the other dated actions.
ACTIONS: tuple[str, ...] = ("signature", *INSTRUMENT_TYPES, "domestic_approval", "denunciation")


def ledger_key(text: str, allowed: Iterable[str] = ACTIONS) -> Optional[str]:
    """``Domestic-Approval``, ``definitive signature`` and ``formal_confirmation`` as ledger keys;
    None if the spelling names none of ``allowed``."""
    key = "_".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
    return key if key in tuple(allowed) else None
