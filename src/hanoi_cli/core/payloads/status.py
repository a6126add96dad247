"""What ``hanoi status`` says, as plain data and plain sentences, whatever the output format.

The JSON payload is a contract (README, "JSON output"): keys are only ever added. Dates are ISO
8601 strings; a signature whose day is not established is an ISO 8601 interval.
"""

from __future__ import annotations

from typing import Any, Optional

from hanoi_cli.core.ledger.models import INSTRUMENT_LABELS, Treaty
from hanoi_cli.core.ledger.problems import SCHEMA_VERSION
from hanoi_cli.core.ledger.wording import iso, long_date, ordinal, plural
from hanoi_cli.core.payloads.envelope import envelope
from hanoi_cli.core.rules.engine import Evaluation, PartyOutcome

__all__ = ["INSTRUMENT_LABELS", "SCHEMA_VERSION"]  # re-exported for the renderers

# How a treaty's status reads in tables and sentences.
STATUS_LABELS = {"not_reached": "not reached", "pending": "pending", "in_force": "in force"}


# Columns of the participants table, in order (CSV header and JSON participant keys).
PARTICIPANT_COLUMNS = (
    "name",
    "code",
    "kind",
    "signature",
    "instrument",
    "deposited",
    "counted",
    "entry_into_force",
    "status",
    "reservations",
    "declarations",
    "denunciation",
)


def status_sentence(evaluation: Evaluation) -> str:
    """One sentence: when it enters (or entered) into force and why, or what it still needs."""
    title = evaluation.treaty.display_title
    if evaluation.threshold_date is None or evaluation.entry_into_force is None:
        return _not_reached_sentence(evaluation, title)
    when = long_date(evaluation.entry_into_force)
    trigger = threshold_trigger(evaluation)
    if evaluation.status == "in_force":
        return f"The {title} entered into force on {when}, after {trigger}."
    days = (evaluation.entry_into_force - evaluation.as_of).days
    return f"The {title} enters into force on {when} (in {plural(days, 'day')}), after {trigger}."


def threshold_trigger(evaluation: Evaluation) -> str:
    """What met the threshold: the instrument(s) and who deposited them, for sentences."""
    assert evaluation.threshold_date is not None
    names = [party.participant.name for party in evaluation.threshold_parties]
    on = long_date(evaluation.threshold_date)
    if len(names) == 1 and evaluation.threshold_ordinal is not None:
        return f"the {ordinal(evaluation.threshold_ordinal)} counted instrument, deposited by {names[0]} on {on}"
    if names:
        listed = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
        return f"the counted instruments deposited on {on} by {listed}"
    return f"the threshold was reached on {on}"


def _not_reached_sentence(evaluation: Evaluation, title: str) -> str:
    needed = evaluation.needed
    unmet = [req for req in evaluation.requirements if not req.met]
    parts = []
    if needed:
        parts.append(plural(needed, "more counted instrument"))
    for req in unmet:
        parts.append(f"at least {req.at_least} from the group {req.group!r} (has {req.have})")
    wanted = " and ".join(parts) if parts else "its conditions to be met"
    after = evaluation.treaty.entry_into_force.after
    instrument = f"the deposit of the {ordinal(evaluation.threshold)} counted instrument"
    if after.first_of_next_month:
        when = f"on the first day of the month following {after.describe()} after {instrument}"
    else:
        when = f"{after.describe()} after {instrument}"
    return f"The {title} is not yet in force: it needs {wanted}; it enters into force {when}."


def flags(party: PartyOutcome) -> list[str]:
    """Short markers for the table: REIO, reservations, declarations, denounced."""
    participant = party.participant
    marks = []
    if participant.kind == "reio":
        marks.append("REIO")
    if participant.reservations:
        marks.append("reservations")
    if participant.declarations:
        marks.append("declarations")
    if party.status == "withdrawn":
        marks.append("withdrawn")
    elif party.denunciation is not None:
        marks.append("denounced")
    return marks


def participant_record(party: PartyOutcome) -> dict[str, Any]:
    participant = party.participant
    return {
        "name": participant.name,
        "code": participant.code,
        "kind": participant.kind,
        "signature": party.signature.isoformat() if party.signature else None,
        "instrument": party.instrument,
        "deposited": iso(party.deposited),
        "counted": party.counted,
        "entry_into_force": iso(party.entry_into_force),
        "status": party.status,
        "reservations": bool(participant.reservations),
        "declarations": bool(participant.declarations),
        "denunciation": iso(party.denunciation),
    }


def coverage_sentence(evaluation: Evaluation) -> Optional[str]:
    """How much of what was reported elsewhere the ledger lists, for an incomplete record.

    ``The ledger lists 63 of 76 reported signatories and 0 of 3 reported parties (reported as of
    6 May 2026).`` None when the ledger has no ``reported`` figures.
    """
    reported = evaluation.treaty.reported
    if reported is None or (reported.signatories is None and reported.parties is None):
        return None
    parts = []
    if reported.signatories is not None:
        parts.append(f"{evaluation.signatories} of {reported.signatories} reported signatories")
    if reported.parties is not None:
        parts.append(f"{evaluation.party_count} of {reported.parties} reported parties")
    sentence = "The ledger lists " + " and ".join(parts)
    if reported.as_of is not None:
        sentence += f" (reported as of {long_date(reported.as_of)})"
    return sentence + "."


def reported_payload(evaluation: Evaluation) -> Optional[dict[str, Any]]:
    reported = evaluation.treaty.reported
    if reported is None:
        return None
    return {
        "signatories": reported.signatories,
        "parties": reported.parties,
        "as_of": iso(reported.as_of),
        "source": reported.source,
        "summary": coverage_sentence(evaluation),
    }


def treaty_record(treaty: Treaty) -> dict[str, Any]:
    """The ``treaty`` object of every JSON payload: ``{id, short_title, title}``."""
    return {"id": treaty.id, "short_title": treaty.display_title, "title": treaty.title}


def status_payload(evaluation: Evaluation) -> dict[str, Any]:
    """The JSON document of ``hanoi status --format json``."""
    treaty = evaluation.treaty
    return envelope(
        treaty=treaty_record(treaty),
        as_of=evaluation.as_of.isoformat(),
        status=evaluation.status,
        summary=status_sentence(evaluation),
        threshold=evaluation.threshold,
        counted_instruments=evaluation.counted_instruments,
        needed=evaluation.needed,
        signatories=evaluation.signatories,
        parties=evaluation.party_count,
        reported=reported_payload(evaluation),
        threshold_date=iso(evaluation.threshold_date),
        threshold_instruments=[instrument.record() for instrument in evaluation.threshold_instruments],
        entry_into_force=iso(evaluation.entry_into_force),
        requirements=[
            {"group": req.group, "at_least": req.at_least, "have": req.have, "met": req.met}
            for req in evaluation.requirements
        ],
        participants=[participant_record(party) for party in evaluation.parties],
    )
