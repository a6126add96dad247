"""The rules engine: from a ledger and an as-of date to the treaty's and each party's dates.

Pure functions over the models; no I/O. The rule is data (``EntryIntoForceRule``):

* counted instruments are those of the types in ``counts`` (all types without it), except a
  REIO's or another international organization's when ``count_reio`` is false;
* the threshold date is the earliest date on which at least ``threshold`` counted instruments
  are in effect and every ``requires`` condition holds;
* the treaty enters into force on max(threshold date + ``after``, ``not_before``);
* a party that deposited by the threshold date (or, with ``later_parties_from:
  entry_into_force``, by the treaty's date) enters into force with the treaty; a later one on
  max(treaty date, its deposit + ``later_parties``).

Everything is judged as of a date: events after it are ignored, so the same ledger answers
"what was the status on 1 March?" as well as "what is it today?".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, NamedTuple, Optional

from hanoi_cli.core.ledger.dates import DateSpan
from hanoi_cli.core.ledger.models import EntryIntoForceRule, Ledger, Participant, Treaty
from hanoi_cli.core.rules.as_of import record_as_of

TreatyStatus = Literal["not_reached", "pending", "in_force"]
PartyStatus = Literal["listed", "signatory", "deposited", "pending", "in_force", "denounced", "withdrawn"]


@dataclass(frozen=True)
class PartyOutcome:
    """One participant as of the evaluation date."""

    participant: Participant
    signature: Optional[DateSpan]  # established by the as-of date
    instrument: Optional[str]  # the instrument's type, if deposited by the as-of date
    deposited: Optional[date]
    counted: bool  # whether its instrument counts toward the threshold
    entry_into_force: Optional[date]  # for this party; None while the treaty's date is unknown
    denunciation: Optional[date]  # notification, if made by the as-of date
    denunciation_effective: Optional[date]
    status: PartyStatus


@dataclass(frozen=True)
class RequirementProgress:
    group: str
    at_least: int
    have: int

    @property
    def met(self) -> bool:
        return self.have >= self.at_least


@dataclass(frozen=True)
class ThresholdInstrument:
    """A counted instrument deposited on the threshold date: the one that brought the count up."""

    name: str
    code: str
    deposited: date

    def record(self) -> dict[str, str]:
        """As the JSON payloads give it (status, project and diff)."""
        return {"name": self.name, "code": self.code, "deposited": self.deposited.isoformat()}


@dataclass(frozen=True)
class Evaluation:
    """The treaty's status as of ``as_of``."""

    treaty: Treaty
    as_of: date
    status: TreatyStatus
    threshold: int
    counted_instruments: int  # counted instruments in effect on the as-of date
    threshold_date: Optional[date]
    entry_into_force: Optional[date]
    threshold_ordinal: Optional[int]  # counted instruments on the threshold date (40 for "the 40th")
    threshold_parties: tuple[PartyOutcome, ...]  # counted deposits made on the threshold date
    parties: tuple[PartyOutcome, ...]  # every participant, in ledger order
    requirements: tuple[RequirementProgress, ...] = field(default=())
    evidence_filter: Optional[str] = None
    """The level ``--evidence`` restricted the record to (None: every fact counts); set by the
    status command, so every output of the evaluation can say what it counted."""

    @property
    def threshold_instruments(self) -> tuple[ThresholdInstrument, ...]:
        return tuple(
            ThresholdInstrument(party.participant.name, party.participant.code, party.deposited)
            for party in self.threshold_parties
            if party.deposited is not None
        )

    @property
    def signatories(self) -> int:
        return sum(1 for party in self.parties if party.signature is not None)

    @property
    def party_count(self) -> int:
        """Participants bound by an instrument on the as-of date (a withdrawn one is not)."""
        return sum(1 for party in self.parties if party.instrument and party.status != "withdrawn")

    @property
    def needed(self) -> int:
        """Counted instruments still missing for the threshold (0 once it is met)."""
        if self.threshold_date is not None:
            return 0
        return max(0, self.threshold - self.counted_instruments)


def treaty_date(rule: EntryIntoForceRule, threshold_date: date) -> date:
    """The treaty's date for a threshold date: ``after``, then never before ``not_before``."""
    result = rule.after.add_to(threshold_date)
    if rule.not_before is not None and rule.not_before > result:
        return rule.not_before
    return result


def instrument_counts(rule: EntryIntoForceRule, participant: Participant) -> bool:
    """Whether this participant's instrument counts toward the threshold: its type is one the rule
    counts (every type without ``counts``), and a REIO's or organization's only with ``count_reio``."""
    if rule.counts is not None:
        instrument = participant.instrument
        if instrument is None or instrument[0] not in rule.counts:
            return False
    return participant.kind == "state" or rule.count_reio


def evaluate(ledger: Ledger, as_of: date) -> Evaluation:
    """Evaluate ``ledger`` as of ``as_of``: treaty status, dates, and each party's date."""
    treaty = ledger.treaty
    rule = treaty.entry_into_force

    # What the record shows on the as-of date.
    views = [_view(treaty, participant, as_of) for participant in ledger.participants]

    threshold_date, ordinal = _threshold_date(rule, views)
    in_force_on = treaty_date(rule, threshold_date) if threshold_date is not None else None

    outcomes = tuple(_outcome(view, rule, threshold_date, in_force_on, as_of) for view in views)
    in_effect = [view for view in views if view.counted and view.in_effect_on(as_of)]
    group_counts = Counter(group for view in in_effect for group in view.participant.groups)

    if in_force_on is None:
        status: TreatyStatus = "not_reached"
    elif in_force_on > as_of:
        status = "pending"
    else:
        status = "in_force"

    return Evaluation(
        treaty=treaty,
        as_of=as_of,
        status=status,
        threshold=rule.threshold,
        counted_instruments=len(in_effect),
        threshold_date=threshold_date,
        entry_into_force=in_force_on,
        threshold_ordinal=ordinal,
        # A counted outcome always has a deposit date, so with no threshold date this is empty.
        threshold_parties=tuple(
            outcome for outcome in outcomes if outcome.counted and outcome.deposited == threshold_date
        ),
        parties=outcomes,
        requirements=tuple(
            RequirementProgress(req.group, req.at_least, group_counts[req.group]) for req in rule.requires
        ),
    )


class _View(NamedTuple):
    """A participant with every event after the as-of date removed."""

    participant: Participant
    signature: Optional[DateSpan]
    instrument: Optional[str]
    deposited: Optional[date]
    counted: bool
    denunciation: Optional[date]
    denunciation_effective: Optional[date]

    def in_effect_on(self, day: date) -> bool:
        if self.deposited is None or self.deposited > day:
            return False
        return self.denunciation_effective is None or self.denunciation_effective > day


def _view(treaty: Treaty, participant: Participant, as_of: date) -> _View:
    seen = record_as_of(participant, as_of)
    instrument, deposited = seen.instrument or (None, None)
    # A notification of denunciation denounces an instrument already deposited; one without such
    # an instrument (or dated before it) has nothing to end, so it never cancels a deposit.
    denunciation = seen.denunciation
    if denunciation is not None and (deposited is None or denunciation < deposited):
        denunciation = None
    effective = None
    if denunciation is not None:
        period = treaty.denunciation_takes_effect
        effective = period.add_to(denunciation) if period is not None else denunciation
    return _View(
        participant=participant,
        signature=seen.signature,
        instrument=instrument,
        deposited=deposited,
        counted=deposited is not None and instrument_counts(treaty.entry_into_force, participant),
        denunciation=denunciation,
        denunciation_effective=effective,
    )


def _threshold_date(rule: EntryIntoForceRule, views: list[_View]) -> tuple[Optional[date], Optional[int]]:
    """The first date on which the threshold and every requirement hold, and the count then.

    A sweep over the dates on which counted instruments take or lose effect; all events of one
    date are applied before the condition is checked, so same-day deposits are treated alike.
    """
    changes: dict[date, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    for view in views:
        if not view.counted or view.deposited is None:
            continue
        groups = view.participant.groups
        changes[view.deposited].append((1, groups))
        if view.denunciation_effective is not None:
            changes[max(view.denunciation_effective, view.deposited)].append((-1, groups))

    total = 0
    per_group: Counter[str] = Counter()
    for day in sorted(changes):
        for delta, groups in changes[day]:
            total += delta
            for group in groups:
                per_group[group] += delta
        if total >= rule.threshold and all(per_group[req.group] >= req.at_least for req in rule.requires):
            return day, total
    return None, None


def _outcome(
    view: _View,
    rule: EntryIntoForceRule,
    threshold_date: Optional[date],
    treaty_date: Optional[date],
    as_of: date,
) -> PartyOutcome:
    party_date: Optional[date] = None
    if view.deposited is not None and threshold_date is not None and treaty_date is not None:
        cutoff = threshold_date if rule.later_parties_from == "threshold" else treaty_date
        if view.deposited <= cutoff:
            party_date = treaty_date
        else:
            party_date = max(treaty_date, rule.later_parties.add_to(view.deposited))
        if view.denunciation_effective is not None and view.denunciation_effective <= party_date:
            party_date = None  # withdrawn before the treaty ever entered into force for it

    status: PartyStatus
    if view.denunciation_effective is not None and view.denunciation_effective <= as_of:
        status = "withdrawn"
    elif view.denunciation is not None:
        status = "denounced"
    elif view.deposited is not None:
        if party_date is None:
            status = "deposited"
        else:
            status = "in_force" if party_date <= as_of else "pending"
    else:
        status = "signatory" if view.signature is not None else "listed"

    return PartyOutcome(
        participant=view.participant,
        signature=view.signature,
        instrument=view.instrument,
        deposited=view.deposited,
        counted=view.counted,
        entry_into_force=party_date,
        denunciation=view.denunciation,
        denunciation_effective=view.denunciation_effective,
        status=status,
    )
