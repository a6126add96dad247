"""Each participant's standing on a date, in the few classes a world map can colour.

The map tells apart: signed only; an instrument deposited (counted, or not counted where the
rule says so); the treaty in force for it; a denunciation notified or in effect. A regional
economic integration organization (the EU) is kept apart, since it is not a territory of its own.
The classes come from ``engine.evaluate`` (one place decides what is established by the date).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from hanoi_cli.core.rules.engine import Evaluation, PartyOutcome

MapClass = Literal["in_force", "deposited", "signed", "denounced", "listed"]

# In the order of the legend: the furthest step first.
MAP_CLASSES: tuple[MapClass, ...] = ("in_force", "deposited", "signed", "denounced", "listed")
MAP_LABELS: dict[MapClass, str] = {
    "in_force": "In force for it",
    "deposited": "Instrument deposited",
    "signed": "Signed",
    "denounced": "Denounced",
    "listed": "Listed, nothing established by this date",
}


@dataclass(frozen=True)
class MapStanding:
    name: str
    code: str
    reio: bool
    standing: MapClass
    counted: bool  # a deposit that counts toward the threshold


def standing_of(party: PartyOutcome) -> MapClass:
    if party.status in ("denounced", "withdrawn"):
        return "denounced"
    if party.status == "in_force":
        return "in_force"
    if party.status in ("deposited", "pending"):
        return "deposited"
    if party.status == "signatory":
        return "signed"
    return "listed"


def map_standings(evaluation: Evaluation) -> list[MapStanding]:
    """Every participant of the ledger with its class on the evaluation's as-of date, in ledger order."""
    return [
        MapStanding(
            name=party.participant.name,
            code=party.participant.code,
            reio=party.participant.kind == "reio",
            standing=standing_of(party),
            counted=party.counted and party.deposited is not None,
        )
        for party in evaluation.parties
    ]
