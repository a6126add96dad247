"""What hanoi says to people, in the language of ``--lang`` (issue 26).

Each sentence here is a whole message of the catalogues (``hanoi_cli/locale``), its facts filled in
as placeholders, so a translator can order them as the language needs. The message ids are the
English sentences of ``payloads.status``, ``payloads.evidence``, ``payloads.projection`` and
``rules.freshness``; English output itself never comes through here (``--lang en`` keeps those),
except one participant's sentence (``hanoi status --participant``), written here only.

A Russian ordinal may be declined: every ``{nth}`` placeholder comes with ``{nth_gen}``, the
genitive ("40-го"), which the catalogue tests accept in its place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Optional

from hanoi_cli.core.ledger.evidence import STATEMENTS, Evidence
from hanoi_cli.core.payloads.evidence import facts_of
from hanoi_cli.core.payloads.unmet import unmet_requirements

MASCULINE_STATUS = "masculine status"  # a status word agreeing with a masculine title

if TYPE_CHECKING:
    from hanoi_cli.core.commands.status import Asked
    from hanoi_cli.core.ledger.dates import DateSpan
    from hanoi_cli.core.ledger.language import Translator
    from hanoi_cli.core.ledger.models import Participant, Treaty
    from hanoi_cli.core.rules.engine import Evaluation, PartyOutcome
    from hanoi_cli.core.rules.forecast import Forecast
    from hanoi_cli.core.rules.scenario import Projection

# Russian ordinals in the genitive: the number with the case ending, as the press abbreviates them.
_GENITIVE_ORDINAL = {"ru": "{n}-го"}


def _nth(tr: Translator, number: int) -> dict[str, str]:
    """``nth`` and its genitive ``nth_gen`` for a message that names a rank."""
    pattern = _GENITIVE_ORDINAL.get(tr.lang)
    return {
        "nth": tr.ordinal(number),
        "nth_gen": pattern.format(n=tr.number(number)) if pattern else tr.ordinal(number),
    }


ordinal_values = _nth  # for the pictures' forecast lines (render.fan_chart)


def _today(fallback: date) -> date:
    """Today (``$HANOI_TODAY`` when set), or ``fallback`` when that variable is unusable."""
    from hanoi_cli.core.ledger.dates import resolve_today

    try:
        return resolve_today()
    except ValueError:
        return fallback


class Words:
    """The words of one language for ``status``, ``project`` and ``forecast``: sentences, labels,
    table headings and flags, participants' names and the treaty's title."""

    def __init__(self, tr: Translator) -> None:
        self.tr = tr
        self.lang = tr.lang

    # --- names ---

    def title(self, treaty: Treaty) -> str:
        """The short title as the language's press writes it."""
        return self.tr.short_title(treaty.id, treaty.display_title)

    def sentence_title(self, treaty: Treaty) -> str:
        """The short title as a sentence holds it (an English one inside "le traité « ... »")."""
        return self.tr.title_in_sentence(treaty.id, treaty.display_title)

    def gender(self, treaty: Treaty) -> str:
        """The grammatical gender a sentence about ``treaty`` agrees with."""
        return self.tr.title_gender(treaty.id)

    def long_title(self, treaty: Treaty) -> str:
        return self.tr.title(treaty.id, treaty.title)

    def name(self, participant: Participant) -> str:
        return self.tr.participant(participant.name, participant.code)

    def days(self, count: int) -> str:
        return self.tr.plural("{n} day", "{n} days", count)

    # --- the status sentence ---

    def status_sentence(self, evaluation: Evaluation) -> str:
        tr = self.tr
        gender = self.gender(evaluation.treaty)
        title = self.sentence_title(evaluation.treaty)
        if evaluation.threshold_date is None or evaluation.entry_into_force is None:
            return self._not_reached(evaluation, title)
        when = tr.long_date(evaluation.entry_into_force)
        trigger = self.trigger(evaluation)
        if evaluation.status == "in_force":
            return tr.agree(
                gender,
                "The {title} entered into force on {date}, after {trigger}.",
                title=title,
                date=when,
                trigger=trigger,
            )
        days = self.days((evaluation.entry_into_force - evaluation.as_of).days)
        if evaluation.as_of != _today(evaluation.as_of):
            return tr.agree(
                gender,
                "The {title} enters into force on {date} ({days} after {as_of}), after {trigger}.",
                title=title,
                date=when,
                days=days,
                as_of=tr.long_date(evaluation.as_of),
                trigger=trigger,
            )
        return tr.agree(
            gender,
            "The {title} enters into force on {date} (in {days}), after {trigger}.",
            title=title,
            date=when,
            days=days,
            trigger=trigger,
        )

    def trigger(self, evaluation: Evaluation, names: Optional[list[str]] = None) -> str:
        """What met the threshold: the instrument(s) and who deposited them."""
        tr = self.tr
        assert evaluation.threshold_date is not None
        if names is None:
            names = [self.name(party.participant) for party in evaluation.threshold_parties]
        on = tr.long_date(evaluation.threshold_date)
        if len(names) == 1 and evaluation.threshold_ordinal is not None:
            return tr(
                "the {nth} counted instrument, deposited by {name} on {date}",
                name=names[0],
                date=on,
                **_nth(tr, evaluation.threshold_ordinal),
            )
        if names:
            return tr("the counted instruments deposited on {date} by {names}", date=on, names=tr.join(names))
        return tr("the threshold was reached on {date}", date=on)

    def missing(self, evaluation: Evaluation) -> str:
        """Everything still missing: the instruments, then each unmet group condition."""
        tr = self.tr
        gender = self.gender(evaluation.treaty)
        parts = []
        if evaluation.needed:
            parts.append(
                tr.plural(
                    "{n} more instrument of ratification, acceptance, approval or accession",
                    "{n} more instruments of ratification, acceptance, approval or accession",
                    evaluation.needed,
                )
            )
        parts += [
            tr(
                "at least {at_least} from the group {group} (has {have})",
                at_least=requirement.at_least,
                group=repr(requirement.group),
                have=requirement.have,
            )
            for requirement in unmet_requirements(evaluation)
        ]
        return tr.join(parts) if parts else tr.agree(gender, "its conditions to be met")

    def period(self, evaluation: Evaluation) -> str:
        """``90 days``, ``3 months``, ``1 month and 10 days``: the period of entry into force."""
        tr = self.tr
        after = evaluation.treaty.entry_into_force.after
        parts = [tr.plural("{n} month", "{n} months", after.months)] if after.months else []
        if after.days or not parts:
            parts.append(self.days(after.days))
        return tr.join(parts)

    def _not_reached(self, evaluation: Evaluation, title: str) -> str:
        tr = self.tr
        gender = self.gender(evaluation.treaty)
        adopted = evaluation.treaty.adopted
        if adopted is not None and evaluation.as_of < adopted:
            return tr.agree(
                gender,
                "The {title} was not yet adopted on {as_of}; it was adopted on {adopted}.",
                title=title,
                as_of=tr.long_date(evaluation.as_of),
                adopted=tr.long_date(adopted),
            )
        values: dict[str, Any] = {"title": title, "wanted": self.missing(evaluation), "period": self.period(evaluation)}
        unmet = unmet_requirements(evaluation)
        first_of_month = evaluation.treaty.entry_into_force.after.first_of_next_month
        if unmet:
            groups = tr.join([repr(requirement.group) for requirement in unmet])
            if first_of_month:
                return tr.agree(
                    gender,
                    "The {title} is not in force: it needs {wanted}; it enters into force on the first day of the "
                    "month following {period} after the deposit that meets the conditions on {groups}.",
                    groups=groups,
                    **values,
                )
            return tr.agree(
                gender,
                "The {title} is not in force: it needs {wanted}; it enters into force {period} after the deposit that "
                "meets the conditions on {groups}.",
                groups=groups,
                **values,
            )
        values.update(_nth(tr, evaluation.threshold))
        if first_of_month:
            return tr.agree(
                gender,
                "The {title} is not in force: it needs {wanted}; it enters into force on the first day of the month "
                "following {period} after the deposit of the {nth}.",
                **values,
            )
        return tr.agree(
            gender,
            "The {title} is not in force: it needs {wanted}; it enters into force {period} after the deposit of the {nth}.",
            **values,
        )

    # --- the quotable sentence (who signed, who deposited, as of when, what it needs) ---

    def quotable_sentence(self, evaluation: Evaluation) -> str:
        """``payloads.status.quotable_sentence`` in this language: one line the press can quote."""
        tr = self.tr
        treaty = evaluation.treaty
        if treaty.adopted is not None and evaluation.as_of < treaty.adopted:
            return self.status_sentence(evaluation)
        checked = treaty.checked if treaty.checked is not None and treaty.checked <= evaluation.as_of else None
        clauses = [self._signed(evaluation)] if treaty.signature_stage else []
        deposited = self._deposited(evaluation, after_signatures=bool(clauses))
        if checked is not None:
            clauses.append(tr("{clause} (record checked on {date})", clause=deposited, date=tr.long_date(checked)))
        else:
            clauses.append(tr("{clause} (as of {date})", clause=deposited, date=tr.long_date(evaluation.as_of)))
        clauses.append(self._entry(evaluation))
        sentence = tr("{phrases}.", phrases=tr("; ").join(clauses))
        return sentence[0].upper() + sentence[1:]

    def _signed(self, evaluation: Evaluation) -> str:
        tr = self.tr
        gender = self.gender(evaluation.treaty)
        signed = [party.participant for party in evaluation.parties if party.signature is not None]
        states = sum(1 for participant in signed if participant.kind == "state")
        names = [tr.plural("{n} State", "{n} States", states)] if states else []
        names += [self.in_sentence(participant) for participant in signed if participant.kind != "state"]
        if not names:
            return tr.agree(gender, "no State has signed")
        return tr.agree_plural(gender, "{who} has signed", "{who} have signed", len(signed), who=tr.join(names))

    def in_sentence(self, participant: Participant) -> str:
        """An organization's name as it reads inside a sentence (``l'Union européenne``)."""
        return self.tr.participant_in_sentence(participant.name, participant.code)

    def _deposited(self, evaluation: Evaluation, after_signatures: bool) -> str:
        tr = self.tr
        count = evaluation.party_count
        kinds = {party.instrument for party in evaluation.parties if party.instrument and party.status != "withdrawn"}
        full = bool(kinds - {"ratification"})
        if count == 0 and after_signatures:
            if full:
                return tr("none has deposited an instrument of ratification, acceptance, approval or accession")
            return tr("none has deposited an instrument of ratification")
        if count == 0:
            if full:
                return tr(
                    "no participant has deposited an instrument of ratification, acceptance, approval or accession"
                )
            return tr("no participant has deposited an instrument of ratification")
        if after_signatures and full:
            return tr.plural(
                "{n} has deposited an instrument of ratification, acceptance, approval or accession",
                "{n} have deposited instruments of ratification, acceptance, approval or accession",
                count,
            )
        if after_signatures:
            return tr.plural(
                "{n} has deposited an instrument of ratification",
                "{n} have deposited instruments of ratification",
                count,
            )
        if full:
            return tr.plural(
                "{n} participant has deposited an instrument of ratification, acceptance, approval or accession",
                "{n} participants have deposited instruments of ratification, acceptance, approval or accession",
                count,
            )
        return tr.plural(
            "{n} participant has deposited an instrument of ratification",
            "{n} participants have deposited instruments of ratification",
            count,
        )

    def _entry(self, evaluation: Evaluation) -> str:
        tr = self.tr
        gender = self.gender(evaluation.treaty)
        if evaluation.entry_into_force is not None and evaluation.threshold_date is not None:
            when = tr.long_date(evaluation.entry_into_force)
            if evaluation.status == "in_force":
                return tr.agree(gender, "it entered into force on {date}", date=when)
            return tr.agree(gender, "it enters into force on {date}", date=when)
        values: dict[str, Any] = {"period": self.period(evaluation), **_nth(tr, evaluation.threshold)}
        first_of_month = evaluation.treaty.entry_into_force.after.first_of_next_month
        unmet = unmet_requirements(evaluation)
        if unmet:
            values["conditions"] = tr.join(
                [
                    tr(
                        "at least {at_least} from the group {group} (has {have})",
                        at_least=requirement.at_least,
                        group=repr(requirement.group),
                        have=requirement.have,
                    )
                    for requirement in unmet
                ]
            )
            if first_of_month:
                return tr.agree(
                    gender,
                    "it enters into force on the first day of the month following {period} after the {nth}, with {conditions}",
                    **values,
                )
            return tr.agree(gender, "it enters into force {period} after the {nth}, with {conditions}", **values)
        if first_of_month:
            return tr.agree(
                gender,
                "it enters into force on the first day of the month following {period} after the {nth}",
                **values,
            )
        return tr.agree(gender, "it enters into force {period} after the {nth}", **values)

    # --- the lines around it ---

    def status_label(self, status: str, treaty: Optional[Treaty] = None) -> str:
        """The status as a word; agreeing with ``treaty``'s title where the language needs it
        (Russian "не вступила в силу" for a Convention, "не вступил в силу" for a Protocol)."""
        labels = {"not_reached": "not in force", "pending": "pending", "in_force": "in force"}  # as STATUS_LABELS
        if status in ("invalid", "unreadable"):
            return self.tr.context("status", status)
        label = labels.get(status, status)
        from hanoi_cli.core.ledger.language import GENDERED_LANGUAGES, MASCULINE

        if treaty is not None and self.gender(treaty) == MASCULINE and self.lang in GENDERED_LANGUAGES:
            return self.tr.context(MASCULINE_STATUS, label)
        return self.tr.context("status", label)

    def window_phrase(self, treaty: Treaty, as_of: date) -> Optional[str]:
        """The signature window: open until, closed on, opens on; None when the ledger gives none."""
        tr = self.tr
        gender = self.gender(treaty)
        window = treaty.signature
        if window is None or (window.opens is None and window.closes is None):
            return None
        if window.opens is not None and window.opens > as_of:
            return tr.agree(
                gender,
                "opens for signature on {date}, {when}",
                date=tr.long_date(window.opens),
                when=self._from(window.opens, as_of),
            )
        if window.closes is None:
            return tr.agree(gender, "open for signature")
        if window.closes < as_of:
            return tr.agree(gender, "closed for signature on {date}", date=tr.long_date(window.closes))
        return tr.agree(
            gender,
            "open for signature until {date}, {when}",
            date=tr.long_date(window.closes),
            when=self._from(window.closes, as_of),
        )

    def _from(self, day: date, as_of: date) -> str:
        tr = self.tr
        count = (day - as_of).days
        if count == 0:
            return tr("the last day")
        if as_of == _today(as_of):
            return tr.plural("{n} day from now", "{n} days from now", count)
        return tr.plural("{n} day after {date}", "{n} days after {date}", count, date=tr.long_date(as_of))

    def coverage(self, evaluation: Evaluation) -> Optional[str]:
        """How much of what was reported elsewhere the ledger lists (``payloads.status.coverage_sentence``)."""
        from hanoi_cli.core.payloads.status import reported_counts

        tr = self.tr
        compared = reported_counts(evaluation)
        if compared is None:
            return None
        reported, counts = compared
        on = tr.long_date(reported.as_of) if reported.as_of is not None else None
        parts = []
        if all(have <= said for _, have, said in counts):
            for noun, have, said in counts:
                if noun == "signatories":
                    parts.append(tr("{have} of {said} reported signatories", have=have, said=said))
                else:
                    parts.append(tr("{have} of {said} reported parties", have=have, said=said))
        if parts:
            listed = tr.join(parts)
            if on:
                return tr("The ledger lists {counts} (reported as of {date}).", counts=listed, date=on)
            return tr("The ledger lists {counts}.", counts=listed)
        sentences = []
        for noun, have, said in counts:
            label = tr.context("heading", "Signatories" if noun == "signatories" else "Parties")
            values: dict[str, Any] = {"label": label, "have": have, "said": said}
            if on is None:
                if have == said:
                    sentences.append(tr("{label}: {have}, as reported.", **values))
                elif have < said:
                    sentences.append(tr("{label}: {have} of {said} reported.", **values))
                else:
                    sentences.append(tr("{label}: {have} recorded; {said} were reported.", **values))
            elif have == said:
                sentences.append(tr("{label}: {have}, as reported on {date}.", date=on, **values))
            elif have < said:
                sentences.append(tr("{label}: {have} of {said} reported on {date}.", date=on, **values))
            else:
                sentences.append(tr("{label}: {have} recorded; {said} were reported on {date}.", date=on, **values))
        return " ".join(sentences)

    def evidence(self, evaluation: Evaluation) -> Optional[str]:
        """How well the counted instruments and signatures are established (``payloads.evidence``)."""
        from hanoi_cli.core.payloads.evidence import counted_evidence, signature_evidence

        tr = self.tr
        phrases = []
        for kind, split in (
            ("instruments", counted_evidence(evaluation)),
            ("signatures", signature_evidence(evaluation)),
        ):
            total = sum(split.values())
            if not total:
                continue
            parts = [tr("{n} confirmed by the depositary", n=split["depositary"])]
            if split["official"]:
                parts.append(tr("{n} official", n=split["official"]))
            if split["reported"]:
                parts.append(tr("{n} reported", n=split["reported"]))
            if split["unsourced"]:
                parts.append(tr("{n} unsourced", n=split["unsourced"]))
            if kind == "instruments":
                head = tr.plural("{n} counted instrument", "{n} counted instruments", total)
            else:
                head = tr.plural("{n} signature", "{n} signatures", total)
            phrases.append(tr("{what}: {split}", what=head, split=tr(", ").join(parts)))
        return tr("{phrases}.", phrases=tr("; ").join(phrases)) if phrases else None

    def evidence_filter(self, evaluation: Evaluation) -> Optional[str]:
        """What ``--evidence LEVEL`` left out (``payloads.evidence.evidence_filter_sentence``)."""
        level = evaluation.evidence_filter
        if level is None:
            return None
        if level == "depositary":
            return self.tr(
                "Counting only facts established at the level depositary or better (--evidence depositary): "
                "official, reported and unsourced facts are left out."
            )
        if level == "official":
            return self.tr(
                "Counting only facts established at the level official or better (--evidence official): reported "
                "and unsourced facts are left out."
            )
        return self.tr(
            "Counting only facts established at the level reported or better (--evidence reported): unsourced facts "
            "are left out."
        )

    def age(self, days: Optional[int]) -> str:
        """A record's age for the summary table: ``383 days``, ``today`` (``payloads.many_ledgers.age_cell``)."""
        if days is None:
            return ""
        if days < 0:
            return self.tr("after as-of")
        return self.tr("today") if days == 0 else self.days(days)

    def freshness(self, evaluation: Evaluation) -> Optional[str]:
        """When the record was last checked against the depositary (``rules.freshness``)."""
        tr = self.tr
        checked = evaluation.treaty.checked
        if checked is None:
            return None
        count = (evaluation.as_of - checked).days
        when = tr.long_date(checked)
        if count < 0:
            return tr("Record checked against the depositary on {date}, after this date.", date=when)
        if count == 0:
            return tr("Record checked against the depositary on {date}, today.", date=when)
        return tr.plural(
            "Record checked against the depositary on {date}, {n} day ago.",
            "Record checked against the depositary on {date}, {n} days ago.",
            count,
            date=when,
        )

    def tally(self, statuses: list[str]) -> str:
        """``3 treaties: 1 in force, 1 not in force, 1 invalid`` (``payloads.many_ledgers.tally``)."""
        tr = self.tr
        counts = {
            status: statuses.count(status) for status in ("in_force", "pending", "not_reached", "invalid", "unreadable")
        }
        parts = []
        if counts["in_force"]:
            parts.append(tr("{n} in force", n=counts["in_force"]))
        if counts["pending"]:
            parts.append(tr("{n} pending", n=counts["pending"]))
        if counts["not_reached"]:
            parts.append(tr("{n} not in force", n=counts["not_reached"]))
        if counts["invalid"]:
            parts.append(tr("{n} invalid", n=counts["invalid"]))
        if counts["unreadable"]:
            parts.append(tr("{n} unreadable", n=counts["unreadable"]))
        return tr.plural("{n} treaty: {parts}", "{n} treaties: {parts}", len(statuses), parts=tr(", ").join(parts))

    # --- the table ---

    def flag(self, word: str) -> str:
        return self.tr.context("flag", word)

    def flags(self, party: PartyOutcome, evaluation: Evaluation) -> list[str]:
        from hanoi_cli.core.payloads.status import flags

        return [self.flag(word) for word in flags(party, evaluation)]

    def evidence_legend(self, word: str) -> str:
        """What an evidence flag of the table means."""
        tr = self.tr
        if word == "official":
            return tr("official, from a government's official text, not the depositary's record")
        if word == "reported":
            return tr("reported, reported by the press or a secondary source only")
        return tr("unsourced, no source recorded for it")

    def heading(self, word: str) -> str:
        return self.tr.context("heading", word)

    def instrument(self, kind: str) -> str:
        return self.tr.context("instrument", kind.replace("_", " "))

    # --- the feed (one item per event) ---

    def feed_running(self, count: int, threshold: int) -> str:
        return self.tr("{count} of {threshold} counted instruments", count=count, threshold=threshold)

    def feed_item_title(self, title: str, running: str) -> str:
        return self.tr("{title} ({running})", title=title, running=running)

    def feed_item_summary(self, summary: str, running: str) -> str:
        return self.tr("{summary} Running count: {running}.", summary=summary, running=running)

    def feed_event(
        self,
        kind: str,
        treaty: Treaty,
        name: str,
        day: date,
        instrument: Optional[str] = None,
        detail: str = "",
        counted: bool = True,
    ) -> tuple[str, str]:
        """An event's title and summary (``payloads.feed``): ``name`` already in this language,
        ``instrument`` the instrument's type, ``detail`` a signature's interval."""
        tr = self.tr
        gender = self.gender(treaty)
        values: dict[str, Any] = {
            "name": name,
            "date": tr.long_date(day),
            **tr.title_cases(treaty.id, treaty.display_title),
        }
        if kind == "signature":
            return self._feed_signature(gender, detail, values)
        if kind == "domestic_approval":
            return (
                tr.agree(gender, "{name} approves the {title} at home", **values),
                tr.agree(
                    gender,
                    "{name}'s domestic approval of the {title} on {date}; not a deposit, so it does not count yet.",
                    **values,
                ),
            )
        if kind == "deposit":
            values["instrument"] = self.instrument(instrument or "ratification")
            if counted:
                title = tr("{name} deposits its instrument of {instrument}", **values)
            else:
                title = tr("{name} deposits its instrument of {instrument}, not counted", **values)
            return title, tr.agree(
                gender,
                "{name} deposited its instrument of {instrument} of the {title} with the depositary on {date}.",
                **values,
            )
        if kind == "denunciation":
            return (
                tr.agree(gender, "{name} denounces the {title}", **values),
                tr.agree(gender, "{name} notified its denunciation of the {title} on {date}.", **values),
            )
        if kind == "withdrawal":
            return (
                tr("{name}'s denunciation takes effect", **values),
                tr.agree(gender, "{name}'s denunciation of the {title} took effect on {date}.", **values),
            )
        return tr.agree(gender, "The {title} enters into force", **values), tr.agree(
            gender, "The {title} entered into force on {date}.", **values
        )

    def _feed_signature(self, gender: str, detail: str, values: dict[str, Any]) -> tuple[str, str]:
        """A signature's title and summary; ``detail`` the interval of a signature known only to lie in it."""
        tr = self.tr
        title = tr.agree(gender, "{name} signs the {title}", **values)
        if "/" in detail:
            start, end = (date.fromisoformat(part) for part in detail.split("/"))
            return title, tr.agree(
                gender,
                "{name} signed the {title} on a day between {start} and {end}.",
                start=tr.long_date(start),
                end=tr.long_date(end),
                **values,
            )
        return title, tr.agree(gender, "{name} signed the {title} on {date}.", **values)

    def feed_threshold(self, evaluation: Evaluation, day: date) -> tuple[str, str]:
        """The threshold reached: title and summary, with the date of entry into force it sets."""
        tr = self.tr
        gender = self.gender(evaluation.treaty)
        treaty = evaluation.treaty
        values: dict[str, Any] = {
            "threshold": evaluation.threshold,
            "date": tr.long_date(day),
            **_nth(tr, evaluation.threshold_ordinal or evaluation.threshold),
            **tr.title_cases(treaty.id, treaty.display_title),
        }
        title = tr("Threshold reached: {threshold} counted instruments", **values)
        if evaluation.entry_into_force is None:
            return title, tr(
                "With the {nth} counted instrument, deposited on {date}, the threshold of {threshold} is reached.",
                **values,
            )
        return title, tr.agree(
            gender,
            "With the {nth} counted instrument, deposited on {date}, the threshold of {threshold} is reached; the {title} "
            "enters into force on {eif}.",
            eif=tr.long_date(evaluation.entry_into_force),
            **values,
        )

    def _window_values(self, evaluation: Evaluation, closes: date) -> dict[str, Any]:
        """The values both signature-window items fill in: the closing date, signatories, the title's cases."""
        treaty = evaluation.treaty
        return {
            "date": self.tr.long_date(closes),
            "signatories": evaluation.signatories,
            **self.tr.title_cases(treaty.id, treaty.display_title),
        }

    def feed_window_closing(self, evaluation: Evaluation, closes: date) -> tuple[str, str]:
        tr = self.tr
        gender = self.gender(evaluation.treaty)
        values = self._window_values(evaluation, closes)
        return tr.agree(gender, "The {title} closes for signature on {date}", **values), tr.agree_plural(
            gender,
            "{n} day left to sign the {title}: it is open for signature until {date}; afterwards States join by "
            "accession. {signatories} signatories so far.",
            "{n} days left to sign the {title}: it is open for signature until {date}; afterwards States join by "
            "accession. {signatories} signatories so far.",
            (closes - evaluation.as_of).days,
            **values,
        )

    def feed_window_closed(self, evaluation: Evaluation, closes: date) -> tuple[str, str]:
        tr = self.tr
        gender = self.gender(evaluation.treaty)
        values = self._window_values(evaluation, closes)
        return tr.agree(gender, "The {title} is closed for signature", **values), tr.agree(
            gender,
            "The {title} was open for signature until {date}, with {signatories} signatories; States now join by accession.",
            **values,
        )

    # --- project and forecast ---

    def projection_sentence(self, projection: Projection) -> str:
        from hanoi_cli.core.rules.scenario import PACE_PREFIX

        tr = self.tr
        gender = self.gender(projection.projected.treaty)
        evaluation = projection.projected
        title = self.sentence_title(evaluation.treaty)
        if evaluation.threshold_date is None or evaluation.entry_into_force is None:
            return tr.agree(
                gender,
                "Under these assumptions the {title} does not enter into force: it would still need {wanted}.",
                title=title,
                wanted=self.missing(evaluation),
            )
        pace = [party for party in evaluation.threshold_parties if party.participant.code.startswith(PACE_PREFIX)]
        names = None
        if len(pace) > 1:
            names = [self.name(party.participant) for party in evaluation.threshold_parties if party not in pace]
            names.append(tr.plural("{n} pace deposit", "{n} pace deposits", len(pace)))
        trigger = self.trigger(evaluation, names)
        current = projection.current.entry_into_force
        if current is not None and current <= projection.as_of and current == evaluation.entry_into_force:
            return tr.agree(
                gender,
                "The {title} entered into force on {date}, after {trigger}; the assumptions do not change that date.",
                title=title,
                date=tr.long_date(current),
                trigger=trigger,
            )
        return tr.agree(
            gender,
            "Under these assumptions the {title} would enter into force on {date}, after {trigger}.",
            title=title,
            date=tr.long_date(evaluation.entry_into_force),
            trigger=trigger,
        )

    def pace_sentence(self, projection: Projection) -> Optional[str]:
        """``payloads.projection.pace_sentence`` in this language: what the assumed pace contributed."""
        from hanoi_cli.core.payloads.unmet import unmet_requirements

        tr = self.tr
        pace = projection.pace
        if pace is None:
            return None
        per_month = pace.per_month
        # A fraction (2.5 a month) takes the form a language gives a fraction: Russian the genitive
        # singular (the form of 2), Arabic the singular after a figure (the form of 100).
        count = int(per_month) if per_month == int(per_month) else (100 if self.lang == "ar" else 2)
        rate = tr.plural(
            "{n} counted instrument a month", "{n} counted instruments a month", count, n=tr.figure(per_month)
        )
        used = projection.pace_used
        values: dict[str, Any] = {"rate": rate, "start": projection.as_of.isoformat()}
        deposits = tr.plural("{n} pace deposit", "{n} pace deposits", len(used))
        if projection.pace_cannot_help:
            unmet = unmet_requirements(projection.projected)
            if unmet:
                return tr(
                    "Pace: {rate} from {start}; pace deposits belong to no group, so they cannot meet the condition "
                    "on {groups}.",
                    groups=tr.join([repr(requirement.group) for requirement in unmet]),
                    **values,
                )
            return tr(
                "Pace: {rate} from {start}; {deposits} would not reach the threshold.", deposits=deposits, **values
            )
        if not used:
            return tr("Pace: {rate}; no pace deposit was needed before the threshold.", **values)
        return tr(
            "Pace: {rate} from {start}: {deposits} up to the threshold, the last on {last}.",
            deposits=deposits,
            last=used[-1].deposited.isoformat(),
            **values,
        )

    def forecast_sentence(self, result: Forecast) -> str:
        tr = self.tr
        gender = self.gender(result.evaluation.treaty)
        evaluation = result.evaluation
        title = self.sentence_title(evaluation.treaty)
        if evaluation.status == "in_force" and evaluation.entry_into_force is not None:
            return tr.agree(
                gender,
                "The {title} entered into force on {date}.",
                title=title,
                date=tr.long_date(evaluation.entry_into_force),
            )
        if evaluation.status == "pending" and evaluation.entry_into_force is not None:
            return tr.agree(
                gender,
                "The threshold was reached; the {title} enters into force on {date}.",
                title=title,
                date=tr.long_date(evaluation.entry_into_force),
            )
        eif = result.entry_into_force
        if eif is None or eif.median is None:
            return tr.agree(gender, "No forecast for the {title}: see the notes.", title=title)
        later = tr("after {date}", date=tr.month_year(result.horizon))
        high = tr.month_year(eif.high) if eif.high is not None else later
        low = tr.month_year(eif.low) if eif.low is not None else later
        values = {
            "title": title,
            "needed": tr.plural(
                "{n} more instrument of ratification, acceptance, approval or accession",
                "{n} more instruments of ratification, acceptance, approval or accession",
                result.needed,
            ),
            "median": tr.month_year(eif.median),
            "low": low,
            "high": high,
            "share": tr.percent("80%"),
        }
        if result.incomplete:
            return tr.agree(
                gender,
                "The {title} needs {needed}; it would most likely enter into force in {median} ({share} interval: "
                "{low} to {high}) if the ledger holds every deposit; it may lack some, and the interval is widened for that.",
                **values,
            )
        return tr.agree(
            gender,
            "The {title} needs {needed}; it would most likely enter into force in {median} ({share} interval: {low} to {high}).",
            **values,
        )


class EnglishWords(Words):
    """``--lang en``: the English sentences of the payloads themselves, so that asking for English
    gives exactly what hanoi says without ``--lang`` (and JSON its ``localized`` object)."""

    def status_sentence(self, evaluation: Evaluation) -> str:
        from hanoi_cli.core.payloads.status import status_sentence

        return status_sentence(evaluation)

    def quotable_sentence(self, evaluation: Evaluation) -> str:
        from hanoi_cli.core.payloads.status import quotable_sentence, record_checked

        return quotable_sentence(evaluation, record_checked(evaluation))

    def window_phrase(self, treaty: Treaty, as_of: date) -> Optional[str]:
        from hanoi_cli.core.payloads.status import signature_window_phrase

        return signature_window_phrase(treaty, as_of)

    def coverage(self, evaluation: Evaluation) -> Optional[str]:
        from hanoi_cli.core.payloads.status import coverage_sentence

        return coverage_sentence(evaluation)

    def evidence(self, evaluation: Evaluation) -> Optional[str]:
        from hanoi_cli.core.payloads.evidence import evidence_sentence

        return evidence_sentence(evaluation)

    def freshness(self, evaluation: Evaluation) -> Optional[str]:
        from hanoi_cli.core.rules.freshness import freshness

        return freshness(evaluation)["summary"]

    def status_label(self, status: str, treaty: Optional[Treaty] = None) -> str:
        from hanoi_cli.core.payloads.status import STATUS_LABELS

        return STATUS_LABELS.get(status, status)

    def projection_sentence(self, projection: Projection) -> str:
        from hanoi_cli.core.payloads.projection import projection_sentence

        return projection_sentence(projection)

    def pace_sentence(self, projection: Projection) -> Optional[str]:
        from hanoi_cli.core.payloads.projection import pace_sentence

        return pace_sentence(projection)

    def forecast_sentence(self, result: Forecast) -> str:
        from hanoi_cli.core.payloads.projection import forecast_sentence

        return forecast_sentence(result)


def words_for(lang: Optional[str]) -> Optional[Words]:
    """The ``Words`` of ``lang``, or None for no ``--lang`` (English, as always)."""
    if lang is None:
        return None
    from hanoi_cli.core.ledger.language import Translator

    translator = Translator(lang)
    return EnglishWords(translator) if translator.english else Words(translator)


def localized_status(words: Words, evaluation: Evaluation) -> dict[str, Any]:
    """The ``localized`` object ``--lang`` adds to ``hanoi status --format json``: the sentences
    people read, in that language; every other key of the payload stays as it is."""
    return {
        "lang": words.lang,
        "short_title": words.title(evaluation.treaty),
        "title": words.long_title(evaluation.treaty),
        "summary": words.status_sentence(evaluation),
        "sentence": words.quotable_sentence(evaluation),
        "signature_window": words.window_phrase(evaluation.treaty, evaluation.as_of),
        "reported": words.coverage(evaluation),
        "evidence": words.evidence(evaluation),
        "freshness": words.freshness(evaluation),
    }


def localized_summary(words: Words, treaty: Treaty, summary: str) -> dict[str, Any]:
    """The ``localized`` object ``--lang`` adds to the JSON of ``hanoi project`` and ``hanoi forecast``:
    the language, the short title and the one sentence people read."""
    return {"lang": words.lang, "short_title": words.title(treaty), "summary": summary}


# --- one participant's answer (``hanoi status --participant``) ---
#
# ``France signed the Hanoi Convention on 25 October 2025 (confirmed by the depositary) and has not
# deposited an instrument of ratification, acceptance or approval as of 4 December 2026.`` Written
# once, through the translator: English is the messages themselves (``english()``), every other
# language their translations. Each date is the engine's (``PartyOutcome``): a participant's entry
# into force is never computed here, only said. A country the ledger does not list has signed
# nothing the ledger knows of, as of the evaluation date.


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
    """The words of the English messages themselves (no ``--lang``): one participant's sentence is
    written once, here, for every language."""
    from hanoi_cli.core.ledger.language import Translator

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
    # What is not recorded is known not to have happened only up to the record's last check: a
    # stale record says "has not deposited ... as of" the day it was checked, never today.
    checked = treaty.checked
    as_of = tr.long_date(min(evaluation.as_of, checked) if checked is not None else evaluation.as_of)
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
            return tr.agree(
                gender, "the {title} entered into force for {name} on {date}", name=name, date=when, **titles
            )
        return tr.agree(gender, "the {title} enters into force for {name} on {date}", name=name, date=when, **titles)
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


# The words looked up by value rather than written out (a flag, a heading, a status), each with
# its context; the catalogue tests check that every one is translated.
LOOKED_UP: dict[str, tuple[str, ...]] = {
    "status": ("not in force", "pending", "in force", "invalid", "unreadable"),
    MASCULINE_STATUS: ("not in force", "pending", "in force"),
    "flag": (
        "REIO",
        "reservations",
        "declarations",
        "withdrawn",
        "denounced",
        "domestic approval",
        "official",
        "reported",
        "unsourced",
        "new",
        "not counted",
    ),
    "heading": (
        "Participant",
        "Code",
        "Signature",
        "Deposit",
        "In force",
        "Flags",
        "Signatories",
        "Parties",
        "Instrument",
        "Deposited",
        "Entry into force",
        "Assumed",
        "Treaty",
        "Id",
        "Counted",
        "Status",
        "Threshold date",
        "Threshold",
        "Ledger",
        "Checked",
        "Age",
    ),
    "forecast": ("median", "Threshold reached", "Entry into force"),
    # map_status.MAP_LABELS: the map's classes, in the page's legend and notes
    "map": (
        "In force for it",
        "Instrument deposited",
        "Signed",
        "Denounced",
        "Listed, nothing established by this date",
        "Not a participant",
    ),
    "instrument": (
        "ratification",
        "acceptance",
        "approval",
        "accession",
        "succession",
        "formal confirmation",
        "definitive signature",
        "consent to be bound",
        "participation",
        "simplified procedure",
        "application",
    ),
}
