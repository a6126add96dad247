"""``--evidence LEVEL``: the record with only the facts established at that level or better.

For those who want the depositary's figure alone (``--evidence depositary``): a signature or an
instrument known only from the press is left out, as if not recorded, and every count and date
follows from what is left.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hanoi_cli.core.ledger.evidence import at_least, depositary_hosts, evidence_of
from hanoi_cli.core.ledger.models import INSTRUMENT_TYPES, Ledger

# The depositary's acts: what a level can leave out. A domestic approval is never counted anyway.
FILTERED = ("signature", *INSTRUMENT_TYPES, "denunciation")


def with_evidence(ledger: Ledger, level: str) -> Ledger:
    """``ledger`` without the signatures, instruments and denunciations weaker than ``level``."""
    hosts = depositary_hosts(ledger.treaty)
    participants = []
    for participant in ledger.participants:
        weak: dict[str, Any] = {
            key: None
            for key in FILTERED
            if getattr(participant, key) is not None and not at_least(evidence_of(participant, key, hosts).level, level)
        }
        participants.append(replace(participant, **weak) if weak else participant)
    return replace(ledger, participants=tuple(participants))
