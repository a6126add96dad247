"""How well the answer is established: each fact's evidence and the evidence of the counted
instruments and signatures. Shared by every output of ``hanoi status`` and the page.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Optional

from hanoi_cli.core.ledger.evidence import LEVELS, STATEMENTS, Evidence, depositary_hosts, evidence_of
from hanoi_cli.core.ledger.wording import plural
from hanoi_cli.core.rules.engine import Evaluation, PartyOutcome
from hanoi_cli.core.rules.freshness import freshness, stale_warning

__all__ = ["freshness", "stale_warning"]  # re-exported: every output says how fresh the record is


def statements_made(party: PartyOutcome) -> bool:
    """Whether the participant's reservations and declarations are on record by the as-of date.

    They are made on signing or on depositing and, made on signing, confirmed on depositing; so
    they count from the deposit where the ledger records one, else from the signature.
    """
    if party.participant.instrument is not None:
        return party.deposited is not None
    return party.signature is not None


def facts_of(party: PartyOutcome, evaluation: Evaluation) -> dict[str, Evidence]:
    """The evidence of each fact on record by the as-of date, in the ledger's key order."""
    hosts = depositary_hosts(evaluation.treaty)
    participant = party.participant
    keys = []
    if party.signature is not None:
        keys.append("signature")
    if party.instrument is not None and party.deposited is not None:
        keys.append(party.instrument)
    if party.denunciation is not None:
        keys.append("denunciation")
    approval = participant.domestic_approval
    if approval is not None and approval <= evaluation.as_of:
        keys.append("domestic_approval")
    if statements_made(party):
        keys += [key for key in STATEMENTS if getattr(participant, key)]
    return {key: evidence_of(participant, key, hosts) for key in keys}


def main_fact(party: PartyOutcome, evaluation: Evaluation, facts: Optional[dict[str, Evidence]] = None) -> Any:
    """The fact a row stands for: the instrument once deposited, else the signature (``facts``:
    ``facts_of`` already computed)."""
    facts = facts_of(party, evaluation) if facts is None else facts
    for key in (party.instrument, "signature"):
        if key and key in facts:
            return facts[key]
    return None


def facts_record(
    party: PartyOutcome, evaluation: Evaluation, facts: Optional[dict[str, Evidence]] = None
) -> dict[str, Any]:
    """``{action: {date, evidence, sources, notification, notification_url}}`` for the JSON
    (reservations and declarations: ``{text, ...}``, a list of texts)."""
    result = {}
    for key, evidence in (facts_of(party, evaluation) if facts is None else facts).items():
        value: Any = party.signature if key == "signature" else getattr(party.participant, key)  # a fact on record
        if key in STATEMENTS:
            result[key] = {"text": [value] if isinstance(value, str) else list(value), **evidence.record()}
        else:
            result[key] = {"date": value.isoformat(), **evidence.record()}
    return result


def confirmed(party: PartyOutcome, evaluation: Evaluation, facts: Optional[dict[str, Evidence]] = None) -> bool:
    """Whether the depositary confirms every act on record (signature, instrument, denunciation)."""
    facts = facts_of(party, evaluation) if facts is None else facts
    acts = [evidence for key, evidence in facts.items() if key not in ("domestic_approval", *STATEMENTS)]
    return bool(acts) and all(evidence.level == "depositary" for evidence in acts)


def counted_in_effect(party: PartyOutcome, as_of: date) -> bool:
    return (
        party.counted
        and party.deposited is not None
        and (party.denunciation_effective is None or party.denunciation_effective > as_of)
    )


def counted_evidence(evaluation: Evaluation) -> dict[str, int]:
    """How many counted instruments each level establishes (``unsourced``: none)."""
    split = {level: 0 for level in (*LEVELS, "unsourced")}
    for party in evaluation.parties:
        if counted_in_effect(party, evaluation.as_of):
            evidence = main_fact(party, evaluation)
            split[evidence.level if evidence and evidence.level else "unsourced"] += 1
    return split


def signature_evidence(evaluation: Evaluation) -> dict[str, int]:
    """How many signatures on record each level establishes (``unsourced``: none)."""
    split = {level: 0 for level in (*LEVELS, "unsourced")}
    hosts = depositary_hosts(evaluation.treaty)
    for party in evaluation.parties:
        if party.signature is not None:
            level = evidence_of(party.participant, "signature", hosts).level
            split[level or "unsourced"] += 1
    return split


_WORDS = {"depositary": "confirmed by the depositary", "official": "official", "reported": "reported"}


def _split_phrase(noun: str, split: dict[str, int]) -> Optional[str]:
    total = sum(split.values())
    if not total:
        return None
    parts = [f"{split['depositary']} {_WORDS['depositary']}"]
    parts += [
        f"{split[level]} {_WORDS.get(level, level)}" for level in ("official", "reported", "unsourced") if split[level]
    ]
    return f"{plural(total, noun)}: {', '.join(parts)}"


def evidence_filter_sentence(evaluation: Evaluation) -> Optional[str]:
    """What ``--evidence LEVEL`` left out, said where the counts are (None without the option)."""
    level = evaluation.evidence_filter
    if level is None:
        return None
    weaker = {"depositary": "official, reported and unsourced", "official": "reported and unsourced"}
    left_out = weaker.get(level, "unsourced")
    return f"Counting only facts established at the level {level} or better (--evidence {level}): {left_out} facts are left out."


def evidence_sentence(evaluation: Evaluation) -> Optional[str]:
    """``3 counted instruments: 0 confirmed by the depositary, 3 reported; 76 signatures: ...``
    (None when nothing is on record)."""
    phrases = [
        _split_phrase("counted instrument", counted_evidence(evaluation)),
        _split_phrase("signature", signature_evidence(evaluation)),
    ]
    found = [phrase for phrase in phrases if phrase]
    return "; ".join(found) + "." if found else None
