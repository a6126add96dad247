"""What a change to a ledger does: the data that changed, and its effect on entry into force.

A reviewer of a pull request that edits the ledger wants two answers: *what was recorded
differently* (a participant added, a date corrected, the treaty's rule changed) and *what that
does* (one more counted instrument, a threshold reached, a party's date moved). ``diff_ledgers``
answers both from two validated ledgers evaluated at the same as-of date. Pure: no I/O.

Participants are matched by ``code`` (the n-th occurrence of a code with the n-th, should a
ledger repeat one), so a renamed participant is a change of ``name``, not a removal and an
addition. The order of participants, comments and formatting are not data and are ignored.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, NamedTuple, Optional

from hanoi_cli.core.ledger.dates import DateSpan
from hanoi_cli.core.ledger.models import Ledger, Participant, Period
from hanoi_cli.core.rules.engine import Evaluation, ThresholdInstrument, TreatyStatus, evaluate

ChangeKind = Literal["added", "removed", "corrected"]
ChangeLabel = Literal["added", "removed", "corrected", "updated"]

_FRESHNESS_KEYS = frozenset({"checked", "reported.as_of"})
"""Dates that say when something was read: moving later, they are updated, not corrected."""


class FieldChange(NamedTuple):
    """One key whose value differs: ``old`` is None when it was added, ``new`` when removed.

    Values are plain data (ISO date strings, numbers, booleans, lists, dicts), ready for JSON.
    """

    field: str  # a ledger key; nested treaty keys are dotted: entry_into_force.threshold
    old: Any
    new: Any
    read_later: bool = False
    """A figure read again at a later date (``reported`` counts whose ``as_of`` moved later)."""

    @property
    def kind(self) -> ChangeKind:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "corrected"

    @property
    def label(self) -> ChangeLabel:
        """How the change reads: ``kind``, except a freshness date moving later, or a figure read
        again at that later date, which is "updated" (``kind`` stays "corrected" for the JSON
        ``change`` contract)."""
        if self.kind == "corrected" and (self.read_later or (self.field in _FRESHNESS_KEYS and _later(self))):
            return "updated"
        return self.kind


def _later(change: FieldChange) -> bool:
    return str(change.new) > str(change.old)


class ParticipantChange(NamedTuple):
    """A participant added, removed or changed; ``fields`` are its recorded keys or differences.

    For an added participant every key it records but its name is an "added" change; for a
    removed one every key it recorded is a "removed" change. ``name`` is the newer name.
    """

    code: str
    name: str
    change: Literal["added", "removed", "changed"]
    fields: tuple[FieldChange, ...]


class EffectSnapshot(NamedTuple):
    """The figures of one side's evaluation that a change to the ledger can move."""

    status: TreatyStatus
    threshold: int
    counted_instruments: int
    signatories: int
    parties: int
    threshold_date: Optional[date]
    threshold_instruments: tuple[ThresholdInstrument, ...]
    entry_into_force: Optional[date]


class PartyEffect(NamedTuple):
    """A participant whose entry-into-force date or status differs between the two sides.

    ``None`` on one side for a participant that is not in that ledger (status too).
    """

    code: str
    name: str
    entry_into_force_before: Optional[date]
    entry_into_force_after: Optional[date]
    status_before: Optional[str]
    status_after: Optional[str]


@dataclass(frozen=True)
class LedgerDiff:
    """Everything that differs between two ledgers, and what it does as of ``as_of``."""

    as_of: date
    treaty_title: str  # the newer ledger's display title
    treaty_id: str
    treaty: tuple[FieldChange, ...]
    added: tuple[ParticipantChange, ...]
    removed: tuple[ParticipantChange, ...]
    changed: tuple[ParticipantChange, ...]
    before: EffectSnapshot
    after: EffectSnapshot
    parties: tuple[PartyEffect, ...]  # per-party entry into force or status that moved

    @property
    def has_changes(self) -> bool:
        """Whether the recorded data differs (the effect can only move when it does)."""
        return bool(self.treaty or self.added or self.removed or self.changed)

    @property
    def effect_changed(self) -> bool:
        return self.before != self.after or bool(self.parties)


def plain(value: Any) -> Any:
    """A model value as plain data: dates as ISO strings, periods and rules as dicts, tuples as lists."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, DateSpan):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [plain(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return str(value)


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Nested treaty data as ``{dotted key: plain value}``; a period or a list is one value."""
    if dataclasses.is_dataclass(value) and not isinstance(value, (type, Period)):
        flat: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            flat.update(_flatten(getattr(value, f.name), f"{prefix}{f.name}."))
        return flat
    return {prefix.rstrip("."): plain(value)}


def _field_changes(old: dict[str, Any], new: dict[str, Any], order: tuple[str, ...] = ()) -> tuple[FieldChange, ...]:
    """The keys whose values differ: ``new``'s keys, then those only ``old`` has, or in ``order``."""
    keys = list(new) + [key for key in old if key not in new]
    if order:
        keys.sort(key=order.index)
    return tuple(FieldChange(key, old.get(key), new.get(key)) for key in keys if old.get(key) != new.get(key))


# A participant's keys in ledger order; ``code`` identifies it and is never a change. A long-form
# fact's evidence follows its key, dotted: ``ratification.source``.
_RECORDED_KEYS = tuple(f.name for f in dataclasses.fields(Participant) if f.name not in ("code", "facts"))
_PARTICIPANT_KEYS = tuple(
    dotted
    for key in _RECORDED_KEYS
    for dotted in (key, *(f"{key}.{part}" for part in ("evidence", "notification", "source")))
)


def participant_data(participant: Participant) -> dict[str, Any]:
    """The keys a participant records, as plain data; defaults (``kind: state``, no groups) omitted."""
    data: dict[str, Any] = {}
    for key in _RECORDED_KEYS:
        value = getattr(participant, key)
        if value is None or value == () or (key == "kind" and value == "state"):
            continue
        data[key] = plain(value)
    for fact in participant.facts:
        for part, value in (("evidence", fact.evidence), ("notification", fact.notification), ("source", fact.sources)):
            if value:
                data[f"{fact.action}.{part}"] = plain(value)
    return data


def _without_name(participant: Participant) -> dict[str, Any]:
    """What an added or removed participant records, its name aside (it heads the change)."""
    data = participant_data(participant)
    del data["name"]
    return data


def _keyed(items: tuple[Any, ...], code_of: Any = lambda participant: participant.code) -> dict[tuple[str, int], Any]:
    """Items keyed by (code, occurrence): the n-th of a repeated code meets the n-th."""
    seen: dict[str, int] = {}
    keyed = {}
    for item in items:
        code = code_of(item)
        nth = seen.get(code, 0)
        seen[code] = nth + 1
        keyed[(code, nth)] = item
    return keyed


def _snapshot(evaluation: Evaluation) -> EffectSnapshot:
    return EffectSnapshot(
        status=evaluation.status,
        threshold=evaluation.threshold,
        counted_instruments=evaluation.counted_instruments,
        signatories=evaluation.signatories,
        parties=evaluation.party_count,
        threshold_date=evaluation.threshold_date,
        threshold_instruments=evaluation.threshold_instruments,
        entry_into_force=evaluation.entry_into_force,
    )


def _party_effects(old: Evaluation, new: Evaluation) -> tuple[PartyEffect, ...]:
    old_outcomes = _keyed(old.parties, lambda outcome: outcome.participant.code)
    new_outcomes = _keyed(new.parties, lambda outcome: outcome.participant.code)
    keys = list(new_outcomes) + [key for key in old_outcomes if key not in new_outcomes]
    effects = []
    for key in keys:
        before, after = old_outcomes.get(key), new_outcomes.get(key)
        eif_before = before.entry_into_force if before else None
        eif_after = after.entry_into_force if after else None
        status_before = before.status if before else None
        status_after = after.status if after else None
        if eif_before == eif_after and status_before == status_after:
            continue
        name = (after or before).participant.name  # type: ignore[union-attr]
        effects.append(PartyEffect(key[0], name, eif_before, eif_after, status_before, status_after))
    return tuple(effects)


def diff_ledgers(old: Ledger, new: Ledger, as_of: date) -> LedgerDiff:
    """Compare ``old`` with ``new`` and evaluate both as of ``as_of``."""
    old_participants, new_participants = _keyed(old.participants), _keyed(new.participants)
    added, removed, changed = [], [], []
    for key, participant in new_participants.items():
        previous = old_participants.get(key)
        if previous is None:
            fields = _field_changes({}, _without_name(participant), _PARTICIPANT_KEYS)
            added.append(ParticipantChange(participant.code, participant.name, "added", fields))
            continue
        if previous is participant:  # an edit's result keeps the participants it did not touch
            continue
        fields = _field_changes(participant_data(previous), participant_data(participant), _PARTICIPANT_KEYS)
        if fields:
            changed.append(ParticipantChange(participant.code, participant.name, "changed", fields))
    for key, participant in old_participants.items():
        if key not in new_participants:
            fields = _field_changes(_without_name(participant), {}, _PARTICIPANT_KEYS)
            removed.append(ParticipantChange(participant.code, participant.name, "removed", fields))

    old_evaluation, new_evaluation = evaluate(old, as_of), evaluate(new, as_of)
    return LedgerDiff(
        as_of=as_of,
        treaty_title=new.treaty.display_title,
        treaty_id=new.treaty.id,
        treaty=_read_later(_field_changes(_flatten(old.treaty), _flatten(new.treaty))),
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        before=_snapshot(old_evaluation),
        after=_snapshot(new_evaluation),
        parties=_party_effects(old_evaluation, new_evaluation),
    )


def _read_later(changes: tuple[FieldChange, ...]) -> tuple[FieldChange, ...]:
    """The ``reported`` counts changed along with a later ``reported.as_of`` are read later (a sync
    brings the depositary's newer figures), not corrected."""
    moved = any(
        change.field == "reported.as_of" and change.kind == "corrected" and _later(change) for change in changes
    )
    if not moved:
        return changes
    return tuple(
        change._replace(read_later=True)
        if change.field.startswith("reported.") and change.field != "reported.as_of"
        else change
        for change in changes
    )


def empty_like(ledger: Ledger) -> Ledger:
    """The same treaty with no participants: the "before" of a ledger that did not exist yet."""
    return Ledger(treaty=ledger.treaty, participants=())
