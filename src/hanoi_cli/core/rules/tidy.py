"""Tidy tables for analysis: one row per action (``EVENT_COLUMNS``), or one per participant and year
(``PANEL_COLUMNS``). ``hanoi export`` writes them and the Python API (``led.events()``) returns them.

Cells are plain values: ``date`` objects (written as ISO 8601 dates, which pandas parses), booleans,
integers and strings; never an interval. A signature recorded as "25 or 26 October" has ``date``
26 October (the day from which it is established, as every command counts it) and ``date_earliest``
25 October; for every other row the two are equal. The column lists are a contract like the JSON keys:
columns are only ever added.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hanoi_cli.core.ledger.evidence import depositary_hosts, evidence_of
from hanoi_cli.core.ledger.models import INSTRUMENT_TYPES, Ledger
from hanoi_cli.core.rules.engine import evaluate, instrument_counts

EVENT_COLUMNS = (
    "treaty",
    "participant",
    "code",
    "kind",
    "action",
    "date",
    "date_earliest",
    "counted",
    "source",
    "evidence",
)
PANEL_COLUMNS = (
    "treaty",
    "participant",
    "code",
    "kind",
    "year",
    "as_of",
    "status",
    "signatory",
    "party",
    "counted",
    "in_force",
)

# Order of actions on one day, as the timeline orders its events.
_ACTION_ORDER = {"signature": 0, "domestic_approval": 1, **{kind: 2 for kind in INSTRUMENT_TYPES}, "denunciation": 3}


def event_rows(ledger: Ledger, as_of: date) -> list[dict[str, Any]]:
    """Every action on record by ``as_of``, in date order (ledger order within a day): signature,
    domestic approval, the instrument (by its type: ratification, accession ...) and denunciation.

    ``counted``: whether the row is an instrument that counts toward the threshold; ``source``: the
    action's own sources (else the participant's), space-separated; ``evidence``: how well it is
    established (``depositary``, ``official``, ``reported``, or empty when unsourced), as ``hanoi status``
    judges it."""
    treaty = ledger.treaty
    rule = treaty.entry_into_force
    hosts = depositary_hosts(treaty)
    rows = []
    for index, participant in enumerate(ledger.participants):
        base = {
            "treaty": treaty.id,
            "participant": participant.name,
            "code": participant.code,
            "kind": participant.kind,
        }
        actions: list[tuple[str, date, date, bool]] = []
        if participant.signature is not None:
            actions.append(("signature", participant.signature.latest, participant.signature.earliest, False))
        if participant.domestic_approval is not None:
            approval = participant.domestic_approval
            actions.append(("domestic_approval", approval, approval, False))
        if participant.instrument is not None:
            kind, deposited = participant.instrument
            actions.append((kind, deposited, deposited, instrument_counts(rule, participant)))
        if participant.denunciation is not None:
            actions.append(("denunciation", participant.denunciation, participant.denunciation, False))
        for action, day, earliest, counted in actions:
            if day <= as_of:
                evidence = evidence_of(participant, action, hosts)
                row = {**base, "action": action, "date": day, "date_earliest": earliest, "counted": counted}
                row.update(source=" ".join(evidence.sources), evidence=evidence.level)
                rows.append((day, _ACTION_ORDER[action], index, row))
    rows.sort(key=lambda item: item[:3])
    return [row for *_, row in rows]


def first_year(ledger: Ledger, as_of: date) -> int:
    """The panel's first year: the treaty's adoption, else its earliest recorded action, else ``as_of``'s."""
    if ledger.treaty.adopted is not None:
        return min(ledger.treaty.adopted.year, as_of.year)
    days = [row["date_earliest"] for row in event_rows(ledger, as_of)]
    return min(days).year if days else as_of.year


def panel_rows(ledger: Ledger, as_of: date) -> list[dict[str, Any]]:
    """One row per participant and year, from ``first_year`` to ``as_of``'s year, each judged on the
    year's last day (``as_of`` for its own year) by the rules engine, as ``hanoi status --as-of`` would.

    ``party``: bound by an instrument (not withdrawn); ``counted``: that instrument counts toward the
    threshold; ``in_force``: the treaty is in force for the participant."""
    rows = []
    for year in range(first_year(ledger, as_of), as_of.year + 1):
        day = min(date(year, 12, 31), as_of)
        evaluation = evaluate(ledger, day)
        for outcome in evaluation.parties:
            participant = outcome.participant
            party = outcome.instrument is not None and outcome.status != "withdrawn"
            rows.append(
                {
                    "treaty": ledger.treaty.id,
                    "participant": participant.name,
                    "code": participant.code,
                    "kind": participant.kind,
                    "year": year,
                    "as_of": day,
                    "status": outcome.status,
                    "signatory": outcome.signature is not None,
                    "party": party,
                    "counted": party and outcome.counted,
                    "in_force": party and outcome.entry_into_force is not None and outcome.entry_into_force <= day,
                }
            )
    return rows
