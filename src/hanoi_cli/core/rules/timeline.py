"""Every event of a ledger in date order, with the running count of counted instruments.

Events: signatures, domestic approvals, deposits, notifications of denunciation, denunciations
taking effect (the instrument stops counting), and the treaty's entry into force (also when it is
still ahead of the as-of date: it is then ``scheduled``). Built from ``engine.evaluate``, so what
counts and what is established by the as-of date is decided in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hanoi_cli.core.ledger.models import INSTRUMENT_LABELS
from hanoi_cli.core.rules.as_of import record_as_of
from hanoi_cli.core.rules.engine import Evaluation

# Order of events on one day: what a reader expects to see first.
_ORDER = {
    "signature": 0,
    "domestic_approval": 1,
    "deposit": 2,
    "denunciation": 3,
    "withdrawal": 4,
    "entry_into_force": 5,
}
COLUMNS = ("date", "event", "name", "code", "detail", "change", "counted_instruments")


@dataclass(frozen=True)
class Event:
    day: date
    event: str  # signature, domestic_approval, deposit, denunciation, withdrawal, entry_into_force
    name: str
    code: str
    detail: str  # instrument type, "not counted", a signature interval, "scheduled" ...
    change: int  # +1 / -1 on the count of counted instruments
    counted_instruments: int = 0  # running count after this event


def events(evaluation: Evaluation) -> list[Event]:
    """The ledger's events up to the as-of date (and the treaty's date if known), in order."""
    found: list[Event] = []
    for party in evaluation.parties:
        participant = party.participant
        name, code = participant.name, participant.code
        if party.signature is not None:
            detail = party.signature.isoformat() if not party.signature.exact else ""
            found.append(Event(party.signature.latest, "signature", name, code, detail, 0))
        approval = record_as_of(participant, evaluation.as_of).domestic_approval
        if approval is not None:
            found.append(Event(approval, "domestic_approval", name, code, "not a deposit", 0))
        if party.deposited is not None and party.instrument is not None:
            label = INSTRUMENT_LABELS[party.instrument]
            detail = label if party.counted else f"{label}, not counted"
            found.append(Event(party.deposited, "deposit", name, code, detail, 1 if party.counted else 0))
        if party.denunciation is not None:
            found.append(Event(party.denunciation, "denunciation", name, code, "notification", 0))
            effective = party.denunciation_effective
            if effective is not None and effective <= evaluation.as_of:
                found.append(
                    Event(effective, "withdrawal", name, code, "denunciation takes effect", -1 if party.counted else 0)
                )
    if evaluation.entry_into_force is not None:
        scheduled = evaluation.entry_into_force > evaluation.as_of
        found.append(
            Event(
                evaluation.entry_into_force,
                "entry_into_force",
                evaluation.treaty.display_title,
                "",
                "scheduled" if scheduled else "",
                0,
            )
        )
    found.sort(key=lambda event: (event.day, _ORDER[event.event]))
    running = 0
    counted = []
    for event in found:
        running += event.change
        counted.append(Event(event.day, event.event, event.name, event.code, event.detail, event.change, running))
    return counted


def window_start(evaluation: Evaluation) -> date:
    """Where the record's window opens: the opening for signature; else adoption; else the first
    recorded event; else the as-of date (never after it). The forecast counts its exposure from here
    and charts start here."""
    treaty, as_of = evaluation.treaty, evaluation.as_of
    if treaty.signature is not None and treaty.signature.opens is not None:
        return min(treaty.signature.opens, as_of)
    if treaty.adopted is not None:
        return min(treaty.adopted, as_of)
    participants = [party.participant for party in evaluation.parties]
    found = [p.signature.earliest for p in participants if p.signature is not None]
    found += [p.instrument[1] for p in participants if p.instrument is not None]
    return min([as_of, *found])


def counts_by_day(timeline: list[Event]) -> list[tuple[date, int]]:
    """The count of counted instruments after each day that changed it."""
    steps: list[tuple[date, int]] = []
    for event in timeline:
        if event.change:
            if steps and steps[-1][0] == event.day:
                steps[-1] = (event.day, event.counted_instruments)
            else:
                steps.append((event.day, event.counted_instruments))
    return steps
