"""What the record shows on a date: the one "as of" cut every rule and projection starts from.

A ledger records facts with their dates; asked about an earlier day, hanoi sees only the facts
dated on or before it (a signature interval only once its last day has passed). Whether a fact
still matters, such as a notification of denunciation without an instrument to denounce, is the
rules engine's question, not the cut's: the cut only ever removes what had not happened yet.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from hanoi_cli.core.ledger.models import INSTRUMENT_TYPES, Participant

_DATED = (*INSTRUMENT_TYPES, "denunciation", "domestic_approval")


def record_as_of(participant: Participant, as_of: date) -> Participant:
    """The participant as its record stood on ``as_of``: every later fact dropped."""
    changes: dict[str, Any] = {key: None for key in _DATED if (value := getattr(participant, key)) and value > as_of}
    if participant.signature is not None and participant.signature.latest > as_of:
        changes["signature"] = None
    return replace(participant, **changes) if changes else participant
