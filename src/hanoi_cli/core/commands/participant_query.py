"""``hanoi status --participant WHO``: which participants the user means, found as ``hanoi record``
finds one (``participant_lookup.resolve``: codes, names, ISO and common names, word prefixes).

A query that names nobody, or several, is a usage error (exit 2) with a stable code:
``unknown-participant`` (with "did you mean" when a name is close) or ``ambiguous-participant``
(listing the candidates); every bad query is reported at once. A real country the ledger does not
list is no error: it is asked for, without a row (``party`` is None).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem

if TYPE_CHECKING:
    from hanoi_cli.core.rules.engine import Evaluation, PartyOutcome


@dataclass(frozen=True)
class Asked:
    """One participant asked for: the query, the name and code it resolved to, and the ledger's
    outcome for it (None: a country the ledger does not list)."""

    query: str
    name: str
    code: str
    party: Optional[PartyOutcome] = None


def unknown_message(query: str, suggestions: Sequence[str]) -> str:
    hint = f"; did you mean {' or '.join(map(repr, suggestions))}?" if suggestions else ""
    return f"no participant is named or coded {query!r}, and no country has that name{hint}"


def find_asked(evaluation: Evaluation, queries: Sequence[str], file: str) -> tuple[Asked, ...]:
    """The participants ``queries`` name, in the order given, each once; a LedgerError (exit 2)
    listing every query that names nobody or several."""
    from hanoi_cli.core.ledger.participant_lookup import ambiguity, resolve, un_short_name

    parties = evaluation.parties
    listed = [party.participant for party in parties]
    found: dict[str, Asked] = {}
    problems = []
    for query in queries:
        resolution = resolve(query, listed)
        if resolution.ambiguous:
            problems.append(Problem("ambiguous-participant", ambiguity(resolution, listed), file))
        elif resolution.index is not None:
            party = parties[resolution.index]
            found.setdefault(party.participant.code, Asked(query, party.participant.name, party.participant.code, party))
        elif resolution.code is not None:
            name = un_short_name(resolution.code) or resolution.code
            found.setdefault(resolution.code, Asked(query, name, resolution.code))
        else:
            problems.append(Problem("unknown-participant", unknown_message(query, resolution.suggestions), file))
    if problems:
        raise LedgerError(problems, ExitCode.USAGE)
    return tuple(found.values())


def keep_asked(asked: Sequence[Asked], chosen: Optional[list[PartyOutcome]] = None) -> list[PartyOutcome]:
    """The rows of the participants asked for: in the order asked, or in ``chosen``'s order (what
    ``--only`` and ``--sort`` chose) when given."""
    rows = [one.party for one in asked if one.party is not None]
    if chosen is None:
        return rows
    kept = {id(party) for party in rows}
    return [party for party in chosen if id(party) in kept]


def participant_hint_problem(given: str) -> Optional[Problem]:
    """A note for ``hanoi status France`` when ``France`` is no file but names a participant of the
    default ledger (or a country): how to ask for it. None when it names neither, or is a path."""
    import os

    from hanoi_cli.core.ledger.participant_lookup import resolve

    if not given.strip() or os.sep in given or "/" in given or given.lower().endswith((".yaml", ".yml", ".json")):
        return None
    try:
        from hanoi_cli.core.reading.ledger_paths import resolve_ledger
        from hanoi_cli.core.reading.loader import read_ledger

        participants = read_ledger(resolve_ledger(None)).ledger.participants
    except (LedgerError, OSError, ValueError):
        return None
    resolution = resolve(given, participants)
    if resolution.index is None and not resolution.ambiguous and resolution.code is None:
        return None
    shown = given if given.replace(" ", "").replace("-", "").isalnum() and " " not in given else repr(given)
    return Problem(
        "participant-not-file",
        f"to see one participant: hanoi status --participant {shown}",
        given,
        severity="note",
    )
