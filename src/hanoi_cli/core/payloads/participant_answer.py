"""Where one participant stands: the sentence ``hanoi status --participant`` gives a journalist.

``France signed the Hanoi Convention on 25 October 2025 (confirmed by the depositary) and has not
deposited an instrument of ratification, acceptance or approval as of 4 December 2026.``

Written once, through the translator (``core.ledger.language``): English is the messages
themselves, every other language their translations (``locale/*/LC_MESSAGES/hanoi.po``). Each
fact's date is the engine's (``PartyOutcome``): a participant's entry into force is never computed
here, only said. A country the ledger does not list has signed nothing the ledger knows of, as of
the evaluation date.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional

from hanoi_cli.core.ledger.evidence import STATEMENTS, Evidence

if TYPE_CHECKING:
    from hanoi_cli.core.commands.participant_query import Asked
    from hanoi_cli.core.ledger.dates import DateSpan
    from hanoi_cli.core.payloads.localized import Words
    from hanoi_cli.core.rules.engine import Evaluation, PartyOutcome


@dataclass(frozen=True)
class Detail:
    """One fact behind the sentence: its label, evidence in words, notification and sources."""

    label: str
    evidence: str
    notification: Optional[str]
    sources: tuple[str, ...]

    def line(self) -> str:
        """``Signature: confirmed by the depositary; https://...``: the fact as one line."""
        refs = ([self.notification] if self.notification else []) + list(self.sources)
        return f"{self.label}: {self.evidence}" + (f"; {' '.join(refs)}" if refs else "")


def english() -> Words:
    """The words of the English messages (no ``--lang``)."""
    from hanoi_cli.core.ledger.language import Translator
    from hanoi_cli.core.payloads.localized import Words

    return Words(Translator("en"))


def evidence_words(words: Words, evidence: Optional[Evidence]) -> str:
    """A fact's evidence level in words: ``confirmed by the depositary``, ``official record``..."""
    tr = words.tr
    level = evidence.level if evidence is not None else None
    if level == "depositary":
        return tr.context("fact evidence", "confirmed by the depositary")
    if level == "official":
        return tr.context("fact evidence", "official record")
    if level == "reported":
        return tr.context("fact evidence", "reported, not confirmed by the depositary")
    return tr.context("fact evidence", "no source recorded")


def _span(words: Words, span: DateSpan) -> str:
    """``on 25 October 2025``, or ``between 25 October 2025 and 26 October 2025`` (the day not established)."""
    tr = words.tr
    if span.exact:
        return tr("on {date}", date=tr.long_date(span.latest))
    return tr("between {first} and {last}", first=tr.long_date(span.earliest), last=tr.long_date(span.latest))


def _subject(words: Words, name: str, code: str, kind: str) -> str:
    """The participant as a sentence's subject: an organization with its article (``The European Union``)."""
    if kind == "state":
        return words.tr.participant(name, code)
    return words.tr.participant_in_sentence(name, code)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(words: Words, evaluation: Evaluation, asked: Asked) -> str:
    """The one quotable sentence on ``asked`` (a ledger's participant, or a country it does not list)."""
    tr = words.tr
    treaty = evaluation.treaty
    gender = words.gender(treaty)
    titles = tr.title_cases(treaty.id, treaty.display_title)
    as_of = tr.long_date(evaluation.as_of)
    party = asked.party
    kind = party.participant.kind if party is not None else "state"
    name = _subject(words, asked.name, asked.code, kind)
    if party is None or (party.signature is None and party.deposited is None):
        text = tr.agree(
            gender,
            "{name} has not signed the {title} and has not deposited an instrument of ratification, acceptance, "
            "approval or accession, as of {date}.",
            name=name,
            date=as_of,
            **titles,
        )
        return _capital(text)
    from hanoi_cli.core.payloads.evidence import facts_of

    facts = facts_of(party, evaluation)
    clauses = [_acts(words, evaluation, party, facts, name, titles, as_of)]
    if party.deposited is not None:
        clauses.append(_entry(words, evaluation, party, name, titles))
    if party.denunciation is not None:
        clauses.append(_denunciation(words, party, name))
    return _capital(tr("{phrases}.", phrases=tr("; ").join(clauses)))


def _acts(
    words: Words,
    evaluation: Evaluation,
    party: PartyOutcome,
    facts: dict[str, Evidence],
    name: str,
    titles: dict[str, str],
    as_of: str,
) -> str:
    """Signed (when, how established) and deposited (which instrument, when, how established)."""
    tr = words.tr
    gender = words.gender(evaluation.treaty)
    signed = evidence = None
    if party.signature is not None:
        signed, evidence = _span(words, party.signature), evidence_words(words, facts.get("signature"))
    if party.deposited is None or party.instrument is None:
        assert signed is not None
        return tr.agree(
            gender,
            "{name} signed the {title} {signed} ({evidence}) and has not deposited an instrument of ratification, "
            "acceptance or approval as of {date}",
            name=name,
            signed=signed,
            evidence=evidence,
            date=as_of,
            **titles,
        )
    deposit = {
        "instrument": words.instrument(party.instrument),
        "deposited": tr.long_date(party.deposited),
        "deposit_evidence": evidence_words(words, facts.get(party.instrument)),
    }
    if signed is None:
        return tr.agree(
            gender,
            "{name} deposited its instrument of {instrument} to the {title} on {deposited} ({deposit_evidence})",
            name=name,
            **deposit,
            **titles,
        )
    return tr.agree(
        gender,
        "{name} signed the {title} {signed} ({evidence}) and deposited its instrument of {instrument} on "
        "{deposited} ({deposit_evidence})",
        name=name,
        signed=signed,
        evidence=evidence,
        **deposit,
        **titles,
    )


def _entry(words: Words, evaluation: Evaluation, party: PartyOutcome, name: str, titles: dict[str, str]) -> str:
    """When the treaty binds this party: the engine's date, or the ledger's rule while it has none."""
    tr = words.tr
    gender = words.gender(evaluation.treaty)
    if party.entry_into_force is not None:
        when = tr.long_date(party.entry_into_force)
        if party.entry_into_force <= evaluation.as_of:
            return tr.agree(gender, "the {title} entered into force for {name} on {date}", name=name, date=when, **titles)
        return tr.agree(gender, "the {title} enters into force for {name} on {date}", name=name, date=when, **titles)
    from hanoi_cli.core.payloads.localized import _nth

    values: dict[str, Any] = {"name": name, "period": words.period(evaluation), **_nth(tr, evaluation.threshold)}
    if evaluation.treaty.entry_into_force.after.first_of_next_month:
        return tr.agree(
            gender,
            "the {title} enters into force for {name} on the first day of the month following {period} after the "
            "deposit of the {nth} instrument",
            **values,
            **titles,
        )
    return tr.agree(
        gender,
        "the {title} enters into force for {name} {period} after the deposit of the {nth} instrument",
        **values,
        **titles,
    )


def _denunciation(words: Words, party: PartyOutcome, name: str) -> str:
    tr = words.tr
    assert party.denunciation is not None
    notified = tr.long_date(party.denunciation)
    if party.denunciation_effective is None:
        return tr("{name} notified its denunciation on {date}", name=name, date=notified)
    return tr(
        "{name} notified its denunciation on {date}, effective {effective}",
        name=name,
        date=notified,
        effective=tr.long_date(party.denunciation_effective),
    )


def details(words: Words, evaluation: Evaluation, party: Optional[PartyOutcome]) -> list[Detail]:
    """Each fact on record by the as-of date, with its evidence in words, notification and sources."""
    if party is None:
        return []
    from hanoi_cli.core.payloads.evidence import facts_of

    found = []
    for key, evidence in facts_of(party, evaluation).items():
        if key == "signature":
            label = words.heading("Signature")
        elif key in (party.instrument or "",):
            label = words.instrument(key)
        elif key == "denunciation":
            label = words.flag("denounced")
        elif key == "domestic_approval":
            label = words.flag("domestic approval")
        else:  # reservations, declarations
            label = words.flag(key) if key in STATEMENTS else key
        found.append(Detail(_capital(label), evidence_words(words, evidence), evidence.notification, evidence.sources))
    return found


def notes_line(words: Words, party: Optional[PartyOutcome]) -> Optional[str]:
    """The participant's notes as the ledger gives them, labelled."""
    if party is None or not party.participant.notes:
        return None
    return words.tr("Notes: {notes}", notes=" ".join(party.participant.notes.split()))


def sentences(evaluation: Evaluation, asked: tuple[Asked, ...], words: Optional[Words] = None) -> list[str]:
    """One sentence per participant asked for, in the order asked; in English without ``words``."""
    chosen = english() if words is None else words
    return [sentence(chosen, evaluation, one) for one in asked]


def asked_payload(asked: tuple[Asked, ...] | list[Asked] | Any) -> list[dict[str, Any]]:
    """The JSON's ``asked``: each query, the participant it names and whether the ledger lists it."""
    return [
        {"query": one.query, "name": one.name, "code": one.code, "in_ledger": one.party is not None} for one in asked
    ]
