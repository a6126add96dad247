"""What ``hanoi status`` says, as plain data and plain sentences, whatever the output format.

The JSON payload is a contract (docs/reference/json-output.md): keys are only ever added. Dates are ISO
8601 strings; a signature whose day is not established is an ISO 8601 interval.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Optional

from hanoi_cli.core.ledger.evidence import depositary_hosts
from hanoi_cli.core.ledger.models import INSTRUMENT_LABELS, Participant, Treaty
from hanoi_cli.core.ledger.problems import Problem
from hanoi_cli.core.ledger.wording import STATUS_LABELS, iso, long_date, ordinal, plural
from hanoi_cli.core.payloads.envelope import envelope
from hanoi_cli.core.payloads.evidence import (
    confirmed,
    counted_evidence,
    evidence_sentence,
    facts_of,
    facts_record,
    freshness,
    main_fact,
    signature_evidence,
    statements_made,
)
from hanoi_cli.core.payloads.unmet import deciding_deposit, missing_words, requirement_words, unmet_requirements
from hanoi_cli.core.rules.engine import Evaluation, PartyOutcome

__all__ = ["INSTRUMENT_LABELS", "STATUS_LABELS", "depositary_hosts", "statements_made"]  # re-exported for the renderers


# What the threshold counts, in the treaties' own words: spelled out where a reader meets it first.
INSTRUMENTS_IN_FULL = (
    "instrument of ratification, acceptance, approval or accession",
    "instruments of ratification, acceptance, approval or accession",
)
REIO_IN_FULL = "regional economic integration organization"


# What ``--only`` keeps, and the orders ``--sort`` gives.


def status_sentence(evaluation: Evaluation) -> str:
    """One sentence: when it enters (or entered) into force and why, or what it still needs."""
    title = evaluation.treaty.display_title
    if evaluation.threshold_date is None or evaluation.entry_into_force is None:
        return _not_reached_sentence(evaluation, title)
    when = long_date(evaluation.entry_into_force)
    trigger = threshold_trigger(evaluation)
    if evaluation.status == "in_force":
        return f"The {title} entered into force on {when}, after {trigger}."
    days = plural((evaluation.entry_into_force - evaluation.as_of).days, "day")
    if evaluation.as_of != _today(evaluation.as_of):
        return f"The {title} enters into force on {when} ({days} after {long_date(evaluation.as_of)}), after {trigger}."
    return f"The {title} enters into force on {when} (in {days}), after {trigger}."


def record_checked(evaluation: Evaluation) -> Optional[date]:
    """When the record was last checked against the depositary's (``treaty.checked``), if the
    ledger says and it was by the as-of date (a later check says nothing of the record then)."""
    checked = evaluation.treaty.checked
    return checked if checked is not None and checked <= evaluation.as_of else None


def quotable_sentence(evaluation: Evaluation, checked: Optional[date] = None) -> str:
    """The one sentence the press quotes: who signed, who ratified and as of when, what it needs.

    ``73 States and the European Union have signed; none has deposited an instrument of
    ratification (record checked on 16 November 2025); it enters into force 90 days after the
    40th.`` ``checked`` is when the record was last checked against the depositary's; without it
    the sentence gives the as-of date. Printed as one line, never hard-wrapped, so it pastes whole.
    """
    treaty = evaluation.treaty
    if treaty.adopted is not None and evaluation.as_of < treaty.adopted:
        return status_sentence(evaluation)
    clauses = [_signed_clause(evaluation)] if treaty.signature_stage else []
    deposited = _deposited_clause(evaluation, subject="none" if clauses else "no participant")
    when = f"record checked on {long_date(checked)}" if checked else f"as of {long_date(evaluation.as_of)}"
    clauses += [f"{deposited} ({when})", _entry_clause(evaluation)]
    sentence = "; ".join(clauses) + "."
    return sentence[0].upper() + sentence[1:]


def _signed_clause(evaluation: Evaluation) -> str:
    """``73 States and the European Union have signed``, ``1 State has signed``, ``none has signed``."""
    signed = [party.participant for party in evaluation.parties if party.signature is not None]
    states = sum(1 for participant in signed if participant.kind == "state")
    names = [plural(states, "State")] if states else []
    names += [_with_article(participant.name) for participant in signed if participant.kind != "state"]
    if not names:
        return "no State has signed"
    listed = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
    return f"{listed} {'has' if len(signed) == 1 else 'have'} signed"


def _with_article(name: str) -> str:
    """``the European Union``: an organization's name as it reads inside a sentence."""
    return name if name.lower().startswith("the ") else f"the {name}"


def _deposited_clause(evaluation: Evaluation, subject: str) -> str:
    """``none has deposited an instrument of ratification``, ``3 have deposited instruments of ...``."""
    count = evaluation.party_count
    kinds = {party.instrument for party in evaluation.parties if party.instrument and party.status != "withdrawn"}
    words = ("an instrument of ratification", "instruments of ratification")
    if kinds - {"ratification"}:
        words = (f"an {INSTRUMENTS_IN_FULL[0]}", INSTRUMENTS_IN_FULL[1])
    if count == 0:
        return f"{subject} has deposited {words[0]}"
    who = plural(count, "participant") if subject == "no participant" else str(count)
    clause = f"{who} {'has' if count == 1 else 'have'} deposited {words[count != 1]}"
    counted = evaluation.counted_instruments
    # Before the threshold a REIO's instrument, not counted in addition, must not read as the count.
    if counted < count and evaluation.threshold_date is None:
        counts = "none counts" if counted == 0 else f"{counted} count" + ("s" if counted == 1 else "")
        clause += f", of which {counts}"
        clause += f" toward the threshold of {evaluation.threshold}"
    return clause


def _entry_clause(evaluation: Evaluation) -> str:
    """``it enters into force 90 days after the 40th``, ``it entered into force on 28 September 2020``."""
    if evaluation.entry_into_force is not None and evaluation.threshold_date is not None:
        verb = "entered" if evaluation.status == "in_force" else "enters"
        return f"it {verb} into force on {long_date(evaluation.entry_into_force)}"
    after = evaluation.treaty.entry_into_force.after
    nth = ordinal(evaluation.threshold)
    when = (
        f"on the first day of the month following {after.describe()}" if after.first_of_next_month else after.describe()
    )
    conditions = [requirement_words(requirement) for requirement in unmet_requirements(evaluation)]
    also = f", with {' and '.join(conditions)}" if conditions else ""
    return f"it enters into force {when} after the {nth}{also}"


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
    adopted = evaluation.treaty.adopted
    if adopted is not None and evaluation.as_of < adopted:
        return (
            f"The {title} was not yet adopted on {long_date(evaluation.as_of)}; it was adopted on {long_date(adopted)}."
        )
    # The press's words: the instruments spelled out once, where the reader meets them first.
    wanted = missing_words(evaluation, INSTRUMENTS_IN_FULL)
    after = evaluation.treaty.entry_into_force.after
    instrument = deciding_deposit(evaluation, "" if evaluation.needed else " counted instrument")
    if after.first_of_next_month:
        when = f"on the first day of the month following {after.describe()} after {instrument}"
    else:
        when = f"{after.describe()} after {instrument}"
    return f"The {title} is not in force: it needs {wanted}; it enters into force {when}."


def sources(participant: Participant) -> list[str]:
    """A participant's ``source``, always as a list (empty when none is recorded)."""
    if participant.source is None:
        return []
    if isinstance(participant.source, str):
        return [participant.source]
    return list(participant.source)


def shows_evidence(evaluation: Evaluation) -> bool:
    """Whether rows carry an evidence flag: when the treaty names the depositary's page
    (``status_url`` or ``source``) or some fact states its own evidence; otherwise nothing could
    be confirmed and every row would say so. Answered once per evaluation (every row asks)."""
    cached = _SHOWS_EVIDENCE.get(id(evaluation))
    if cached is not None and cached[0] is evaluation:
        return cached[1]
    shown = bool(depositary_hosts(evaluation.treaty)) or any(party.participant.facts for party in evaluation.parties)
    _SHOWS_EVIDENCE.clear()  # one evaluation at a time is rendered
    _SHOWS_EVIDENCE[id(evaluation)] = (evaluation, shown)
    return shown


_SHOWS_EVIDENCE: dict[int, tuple[Evaluation, bool]] = {}


def domestic_approval(party: PartyOutcome, as_of: date) -> Optional[date]:
    """The domestic approval, if given by the as-of date (the one as-of cut, like every other fact)."""
    from hanoi_cli.core.rules.as_of import record_as_of

    return record_as_of(party.participant, as_of).domestic_approval


def flags(party: PartyOutcome, evaluation: Optional[Evaluation] = None) -> list[str]:
    """Short markers for the table: REIO, reservations, declarations, denounced, domestic approval,
    and how well the row's fact is established. The last two need the ``evaluation``.

    The row's fact (its instrument once deposited, else its signature) is flagged with its
    evidence level when the depositary does not confirm it: ``official``, ``reported`` or
    ``unsourced``; only where ``shows_evidence``.
    """
    participant = party.participant
    marks = []
    if participant.kind == "reio":
        marks.append("REIO")
    elif participant.kind == "organization":
        marks.append("organization")
    if statements_made(party):
        if participant.reservations:
            marks.append("reservations")
        if participant.declarations:
            marks.append("declarations")
    if party.status == "withdrawn":
        marks.append("withdrawn")
    elif party.denunciation is not None:
        marks.append("denounced")
    if evaluation is not None:
        if domestic_approval(party, evaluation.as_of) is not None:
            marks.append("domestic approval")
        evidence = main_fact(party, evaluation)
        if evidence is not None and evidence.level != "depositary" and shows_evidence(evaluation):
            marks.append(evidence.word)
    return marks


def participant_record(party: PartyOutcome, evaluation: Optional[Evaluation] = None) -> dict[str, Any]:
    """A participant as plain data (``core.payloads.columns.PARTICIPANT_COLUMNS``); provenance needs the ``evaluation``."""
    participant = party.participant
    made = statements_made(party)
    as_of = evaluation.as_of if evaluation is not None else None
    facts = facts_of(party, evaluation) if evaluation is not None else {}
    main = main_fact(party, evaluation, facts) if evaluation is not None else None
    instrument = facts.get(party.instrument or "")
    record = {
        "name": participant.name,
        "code": participant.code,
        "kind": participant.kind,
        "signature": party.signature.isoformat() if party.signature else None,
        "instrument": party.instrument,
        "deposited": iso(party.deposited),
        "counted": party.counted,
        "entry_into_force": iso(party.entry_into_force),
        "status": party.status,
        "reservations": made and bool(participant.reservations),
        "declarations": made and bool(participant.declarations),
        "denunciation": iso(party.denunciation),
        "sources": sources(participant),
        "notes": participant.notes,
        "domestic_approval": iso(domestic_approval(party, as_of)) if as_of else iso(participant.domestic_approval),
        "confirmed_by_depositary": confirmed(party, evaluation, facts) if evaluation is not None else False,
        "evidence": main.level if main else None,
        "signature_evidence": facts["signature"].level if "signature" in facts else None,
        "instrument_evidence": instrument.level if instrument else None,
        "instrument_notification": instrument.notification if instrument else None,
    }
    if evaluation is not None:
        record["facts"] = facts_record(party, evaluation, facts)
    return record


def signature_window_phrase(treaty: Treaty, as_of: date) -> Optional[str]:
    """``open for signature until 31 December 2026, 30 days from now``, ``closed for signature on
    31 December 2021``, ``opens for signature on ...``; None when the ledger gives no window.

    Days are counted from the as-of date, like every "in N days" of the status sentence; "from
    now" only when that date is today.
    """
    window = treaty.signature
    if window is None or (window.opens is None and window.closes is None):
        return None
    if window.opens is not None and window.opens > as_of:
        return f"opens for signature on {long_date(window.opens)}, {_from_now(window.opens, as_of)}"
    if window.closes is None:
        return "open for signature"
    if window.closes < as_of:
        return f"closed for signature on {long_date(window.closes)}"
    return f"open for signature until {long_date(window.closes)}, {_from_now(window.closes, as_of)}"


def _from_now(day: date, as_of: date) -> str:
    """``30 days from now`` on today's date; ``431 days after 26 October 2025`` for any other as-of
    date, where "now" would be wrong (ux review L4)."""
    days = (day - as_of).days
    if days == 0:
        return "the last day"
    return f"{plural(days, 'day')} {'from now' if as_of == _today(as_of) else 'after ' + long_date(as_of)}"


def _today(fallback: date) -> date:
    """Today (``$HANOI_TODAY`` when set), or ``fallback`` when that variable is unusable."""
    from hanoi_cli.core.ledger.dates import resolve_today

    try:
        return resolve_today()
    except ValueError:
        return fallback


def signature_window_payload(treaty: Treaty, as_of: date) -> Optional[dict[str, Any]]:
    window = treaty.signature
    if window is None:
        return None
    is_open = (window.opens is None or window.opens <= as_of) and (window.closes is None or window.closes >= as_of)
    return {
        "opens": iso(window.opens),
        "closes": iso(window.closes),
        "open": is_open,
        "summary": signature_window_phrase(treaty, as_of),
    }


def reported_as_of(evaluation: Evaluation) -> Optional[Any]:
    """``treaty.reported`` if it had been reported by the as-of date (or is undated), else None."""
    reported = evaluation.treaty.reported
    if reported is None or (reported.as_of is not None and reported.as_of > evaluation.as_of):
        return None
    return reported


def reported_counts(evaluation: Evaluation) -> Optional[tuple[Any, list[tuple[str, int, int]]]]:
    """The reported figures as of the evaluation date and, for each one reported, ``(noun, listed,
    reported)``; None when nothing was reported by then. Both languages' coverage sentences read this."""
    reported = reported_as_of(evaluation)
    if reported is None or (reported.signatories is None and reported.parties is None):
        return None
    counts = [
        ("signatories", evaluation.signatories, reported.signatories),
        ("parties", evaluation.party_count, reported.parties),
    ]
    return reported, [(noun, have, said) for noun, have, said in counts if said is not None]


def coverage_sentence(evaluation: Evaluation) -> Optional[str]:
    """How much of what was reported elsewhere the ledger lists, for an incomplete record.

    ``The ledger lists 63 of 76 reported signatories and 0 of 3 reported parties (reported as of
    6 May 2026).`` When the ledger holds more than was reported, it says so and never writes
    "4 of 3": ``Signatories: 4 recorded; 3 were reported on 6 May 2026.`` None when the ledger has
    no ``reported`` figures, or they were reported after the as-of date.
    """
    compared = reported_counts(evaluation)
    if compared is None:
        return None
    reported, counts = compared
    if all(have <= said for _, have, said in counts):
        sentence = "The ledger lists " + " and ".join(
            f"{have} of {said} reported {noun}" for noun, have, said in counts
        )
        if reported.as_of is not None:
            sentence += f" (reported as of {long_date(reported.as_of)})"
        return sentence + "."
    on = f" on {long_date(reported.as_of)}" if reported.as_of is not None else ""
    parts = []
    for noun, have, said in counts:
        if have == said:
            parts.append(f"{noun.capitalize()}: {have}, as reported{on}.")
        elif have < said:
            parts.append(f"{noun.capitalize()}: {have} of {said} reported{on}.")
        else:
            parts.append(f"{noun.capitalize()}: {have} recorded; {said} {'was' if said == 1 else 'were'} reported{on}.")
    return " ".join(parts)


def reported_payload(evaluation: Evaluation) -> Optional[dict[str, Any]]:
    """``treaty.reported`` as of the evaluation date: null when reported after it."""
    reported = reported_as_of(evaluation)
    if reported is None:
        return None
    return {
        "signatories": reported.signatories,
        "parties": reported.parties,
        "as_of": iso(reported.as_of),
        "source": reported.source,
        "evidence": reported.evidence,
        "summary": coverage_sentence(evaluation),
    }


def treaty_record(treaty: Treaty) -> dict[str, Any]:
    """The ``treaty`` object of every JSON payload: ``{id, short_title, title}``."""
    return {"id": treaty.id, "short_title": treaty.display_title, "title": treaty.title}


def status_payload(
    evaluation: Evaluation,
    participants: Optional[list[PartyOutcome]] = None,
    problems: Optional[Sequence[Problem]] = None,
) -> dict[str, Any]:
    """The JSON document of ``hanoi status --format json``; ``participants`` as ``select`` gave them
    (every participant, in ledger order, by default); ``problems``: what ``validate`` would report
    (the key appears when they were checked, so ``--strict``'s exit code has its reason in the JSON)."""
    treaty = evaluation.treaty
    chosen = evaluation.parties if participants is None else participants
    return envelope(
        treaty=treaty_record(treaty),
        as_of=evaluation.as_of.isoformat(),
        status=evaluation.status,
        summary=status_sentence(evaluation),
        sentence=quotable_sentence(evaluation, record_checked(evaluation)),
        threshold=evaluation.threshold,
        counted_instruments=evaluation.counted_instruments,
        needed=evaluation.needed,
        signatories=evaluation.signatories,
        parties=evaluation.party_count,
        reported=reported_payload(evaluation),
        evidence={
            **counted_evidence(evaluation),
            "signatures": signature_evidence(evaluation),
            "summary": evidence_sentence(evaluation),
        },
        evidence_filter=evaluation.evidence_filter,
        freshness=freshness(evaluation),
        threshold_date=iso(evaluation.threshold_date),
        threshold_instruments=[instrument.record() for instrument in evaluation.threshold_instruments],
        entry_into_force=iso(evaluation.entry_into_force),
        requirements=[
            {"group": req.group, "at_least": req.at_least, "have": req.have, "met": req.met}
            for req in evaluation.requirements
        ],
        participants=[participant_record(party, evaluation) for party in chosen],
        signature_window=signature_window_payload(treaty, evaluation.as_of),
        **({"problems": [problem.to_dict() for problem in problems]} if problems is not None else {}),
    )
