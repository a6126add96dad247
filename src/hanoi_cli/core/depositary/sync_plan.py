"""What a sync would change in a ledger: a pure comparison of a status file with the ledger.

The depositary is authoritative for what it records: each participant's signature date, the type
and date of its instrument, and whether it has withdrawn. Everything else in the ledger (domestic
approvals, groups, notes, reservations, comments) is not its business and is never touched. A
fact the ledger has and the depositary does not show is kept and listed in ``not_in_source``.

Each change is one ledger key: a changed type of instrument is two changes (the old key removed,
the new key set), so an edit transaction can apply them as they are. A signature recorded as an
interval (``2025-10-25/2025-10-26``) that holds the depositary's day becomes that day. A name the
depositary now spells differently (``Netherlands`` -> ``Netherlands (Kingdom of the)``), matched
through the shipped table, is a change of ``name``.

Withdrawal. The table shows only that a participant has withdrawn (its dates in brackets); the
ledger's ``denunciation`` is the date of the notification, which the table does not give (it is in
an end note). So a participant of the ledger shown withdrawn without a ``denunciation`` is listed
in ``withdrawn`` with the ``hanoi record … denunciation DATE`` command to complete it, and counts
as a difference (the ledger counts it as a party); a withdrawn row the ledger does not have is not
added (it could only be added as a party) but listed in ``skipped``, a located warning with the
commands that add it by hand, and is no difference: the depositary's counts leave it out too, so
a sync's own result agrees with them. A date is never invented. A ``denunciation`` the table does not show (no brackets, or not in the
table) is kept and listed in ``not_in_source``: a denunciation takes effect only later, and the
table may not show it yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple, Optional

from hanoi_cli.core.depositary.names import match_rows, resolver
from hanoi_cli.core.depositary.status_file import DepositaryStatus, StatusRow
from hanoi_cli.core.ledger.evidence import STATEMENTS, depositary_hosts, evidence_of, host, source_list
from hanoi_cli.core.ledger.models import INSTRUMENT_TYPES, Ledger, Participant
from hanoi_cli.core.ledger.names import name_key
from hanoi_cli.core.ledger.problems import Problem


class Change(NamedTuple):
    """One ledger key of one participant: ``old`` and ``new`` as the ledger writes them (None: absent)."""

    code: str
    name: str
    field: str
    old: Optional[str]
    new: Optional[str]
    sources: tuple[str, ...] = ()
    """What backs the old fact (a short-form fact's are the participant's): a correction by the
    depositary keeps them, next to the status URL, when the fact is written in the long form."""
    notification: Optional[str] = None
    """The old fact's notification, kept while it can still be the deposit's (same key, not dated
    before the corrected date's year)."""


class Addition(NamedTuple):
    """A participant the ledger does not have, with the keys to write (ISO dates)."""

    code: str
    name: str
    kind: str
    fields: tuple[tuple[str, str], ...]

    def as_dict(self) -> dict[str, str]:
        return dict(self.fields)


class Confirmation(NamedTuple):
    """A fact the ledger has with the date the depositary shows, established below the depositary's
    level (official, reported or unsourced): a sync records that the depositary confirms it.

    ``was``: its level before (None: unsourced); ``sources`` and ``notification``: what backs it
    now (a short-form fact's are the participant's), kept; ``by_participant``: the participant is
    all short form and every dated fact of it is one the depositary confirms, so the status URL
    joins the participant's sources and the ledger stays in the short form; otherwise the fact is
    written in the long form with ``evidence: depositary`` and the status URL among its sources."""

    code: str
    name: str
    field: str
    date: str
    was: Optional[str]
    sources: tuple[str, ...]
    notification: Optional[str]
    by_participant: bool


class NotInSource(NamedTuple):
    """A fact in the ledger that the depositary's record does not show; kept as it is."""

    code: str
    name: str
    field: str
    value: str


class Withdrawn(NamedTuple):
    """A participant the depositary shows as withdrawn while the ledger has no denunciation date."""

    code: str
    name: str
    command: str
    """The command that records the denunciation once its date is known (from the status file's end notes)."""


class Unmatched(NamedTuple):
    """A name in the status file that matches nothing: no code can be guessed for it."""

    name: str
    row: int
    command: str
    """The ``hanoi record`` command that would add it, with ``<CODE>`` to fill in."""
    problem: Problem


@dataclass(frozen=True)
class SyncPlan:
    """Everything a sync would do, and what it cannot do by itself."""

    source_url: str
    read_on: date
    changes: tuple[Change, ...]
    added: tuple[Addition, ...]
    not_in_source: tuple[NotInSource, ...]
    unmatched: tuple[Unmatched, ...]
    withdrawn: tuple[Withdrawn, ...]
    reported: dict[str, Any]
    """The new ``treaty.reported``: signatories, parties (None when the file has no ``Status``), as_of, source."""
    reported_changed: bool
    """Whether the counts or their source differ from the ledger's (a new ``as_of`` alone does not count)."""
    problems: tuple[Problem, ...] = field(default=())
    """Errors: unmatched names and rows that resolve to a code twice."""
    skipped: tuple[Problem, ...] = field(default=())
    """Warnings: withdrawn rows the ledger does not have, left out (see the module docstring)."""
    confirmed: tuple[Confirmation, ...] = field(default=())
    """Facts the depositary confirms with the same date that the ledger holds at a weaker level."""
    long_form: frozenset[str] = frozenset()
    """Codes of participants whose facts carry their own evidence (the long form): a synced fact
    of theirs is written in the long form too, crediting the depositary."""

    @property
    def in_sync(self) -> bool:
        """Nothing to write and nothing to complete by hand: what ``hanoi sync --check`` asks."""
        pending = (self.changes, self.added, self.confirmed, self.unmatched, self.withdrawn, self.problems)
        return not (any(pending) or self.reported_changed)

    def touched_codes(self) -> tuple[str, ...]:
        """Participants whose keys change or that are added: the ones that get the source URL."""
        seen: dict[str, None] = {}
        for change in self.changes:
            seen.setdefault(change.code)
        for addition in self.added:
            seen.setdefault(addition.code)
        for confirmation in self.confirmed:
            if confirmation.by_participant:
                seen.setdefault(confirmation.code)
        return tuple(seen)


def _iso(value: Any) -> Optional[str]:
    return None if value is None else value.isoformat()


def _action(key: str) -> str:
    """A ledger key as ``hanoi record`` spells the action."""
    return key.replace("_", "-")


def _record_command(
    code: str, row: StatusRow, source_url: str, *, name: Optional[str] = None, only_signature: bool = False
) -> str:
    if row.instrument is not None and not only_signature:
        action, when = _action(row.instrument.kind), row.instrument.date.isoformat()
    elif row.signature is not None:
        action, when = "signature", row.signature.isoformat()
    else:
        action, when = "signature", "<DATE>"
    import shlex  # only where a command is suggested

    words = ["hanoi", "record", code, action, when]
    if name is not None:
        words += ["--name", name]
    words += ["--source", source_url]
    return " ".join(word if word.startswith("<") else shlex.quote(word) for word in words)


def record_commands(code: str, row: StatusRow, source_url: str) -> list[str]:
    """The ``hanoi record`` commands that add a withdrawn row by hand: its facts, then its denunciation."""
    commands = []
    if row.signature is not None and row.instrument is not None:
        commands.append(_record_command(code, row, source_url, name=row.name, only_signature=True))
    commands.append(_record_command(code, row, source_url, name=row.name))
    return [*commands, _denunciation_command(code, source_url)]


def _depositary_facts(row: StatusRow) -> dict[str, date]:
    facts: dict[str, date] = {}
    if row.signature is not None:
        facts["signature"] = row.signature
    if row.instrument is not None:
        facts[row.instrument.kind] = row.instrument.date
    return facts


def _compare(participant: Participant, row: StatusRow, changes: list[Change], missing: list[NotInSource]) -> None:
    code, name = participant.code, participant.name
    span = participant.signature
    if row.signature is not None:
        if span is None or not (span.exact and span.earliest == row.signature):
            backing = _backing(participant, "signature", row.signature)
            changes.append(Change(code, name, "signature", _iso(span), row.signature.isoformat(), *backing))
    elif span is not None:
        missing.append(NotInSource(code, name, "signature", span.isoformat()))
    held = participant.instrument
    shown = row.instrument
    if shown is None:
        if held is not None:
            missing.append(NotInSource(code, name, held[0], held[1].isoformat()))
        return
    if held is not None and held[0] != shown.kind:
        changes.append(Change(code, name, held[0], held[1].isoformat(), None))
        held = None
    if held is None or held[1] != shown.date:
        backing = _backing(participant, shown.kind, shown.date) if held else ((), None)
        changes.append(
            Change(code, name, shown.kind, _iso(held[1]) if held else None, shown.date.isoformat(), *backing)
        )


def _backing(participant: Participant, key: str, corrected: date) -> tuple[tuple[str, ...], Optional[str]]:
    """The sources and notification of the fact ``key`` that a corrected date keeps (see ``Change``)."""
    fact = participant.fact(key)
    if fact is None:
        return tuple(source_list(participant.source)), None
    notification = fact.notification
    if notification is not None and int(notification.split(".")[3]) < corrected.year:
        notification = None  # a notification is issued on the deposit or after, never a year before
    return tuple(fact.sources), notification


def _kept_facts(participant: Participant) -> list[tuple[str, str]]:
    """The depositary's kind of fact that a ledger participant holds: signature, instrument, denunciation."""
    facts = []
    if participant.signature is not None:
        facts.append(("signature", participant.signature.isoformat()))
    for key in INSTRUMENT_TYPES:
        value = getattr(participant, key)
        if value is not None:
            facts.append((key, value.isoformat()))
    if participant.denunciation is not None:
        facts.append(("denunciation", participant.denunciation.isoformat()))
    return facts


def plan_sync(status: DepositaryStatus, ledger: Ledger, source_url: str, read_on: date) -> SyncPlan:
    """Compare the status file with the ledger; ``source_url`` is credited for every fact taken."""
    by_code = {participant.code: participant for participant in ledger.participants}
    hosts = depositary_hosts(ledger.treaty)  # what the ledger's readers take for the depositary's
    credited = host(source_url)  # a fact a sync credited to the status URL is the depositary's already
    found = _Findings(hosts=hosts | {credited} if credited else hosts, lends=credited is not None)
    matched: set[str] = set()
    for row, resolved, first in match_rows(status.rows, resolver(ledger.participants)):
        if resolved is None:
            _unmatched(row, status.source, source_url, found)
            continue
        code, kind = resolved
        if first is not None:
            message = f"row {row.number}: {row.name!r} and row {first.number} ({first.name!r}) are both {code}"
            found.problems.append(row.problem("duplicate-participant", message, status.source))
            continue
        matched.add(code)
        participant = by_code.get(code)
        if participant is None and row.withdrawn:
            commands = " and ".join(record_commands(code, row, source_url))
            message = (
                f"row {row.number} ({row.name}) has withdrawn (its dates are in brackets) and the table does not "
                f"give the date of its denunciation, so it is not added; add it with {commands}"
            )
            found.skipped.append(row.problem("withdrawn-participant", message, status.source, "warning"))
        elif participant is None:
            _add_participant(row, code, kind, source_url, found)
        else:
            _compare_participant(participant, row, source_url, found)
            _confirm(participant, row, found)
    for participant in ledger.participants:
        if participant.code not in matched:
            facts = _kept_facts(participant)
            found.missing.extend(NotInSource(participant.code, participant.name, key, value) for key, value in facts)
    found.added.sort(key=lambda addition: name_key(addition.name))
    reported: dict[str, Any] = {
        "signatories": status.signatories,  # None when the file has no Status element: nothing invented
        "parties": status.parties,
        "as_of": read_on,
        "source": source_url,
        "evidence": "depositary",
    }
    old = ledger.treaty.reported
    counted = (status.signatories, status.parties, source_url)
    return SyncPlan(
        source_url=source_url,
        read_on=read_on,
        changes=tuple(found.changes),
        added=tuple(found.added),
        not_in_source=tuple(found.missing),
        unmatched=tuple(found.unmatched),
        withdrawn=tuple(found.withdrawn),
        reported=reported,
        reported_changed=old is None or (old.signatories, old.parties, old.source) != counted,
        problems=tuple(found.problems),
        skipped=tuple(found.skipped),
        confirmed=tuple(found.confirmed),
        long_form=frozenset(participant.code for participant in ledger.participants if participant.facts),
    )


@dataclass
class _Findings:
    """What the comparison has found so far, row by row: the lists a ``SyncPlan`` is made of."""

    changes: list[Change] = field(default_factory=list)
    added: list[Addition] = field(default_factory=list)
    missing: list[NotInSource] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    withdrawn: list[Withdrawn] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    confirmed: list[Confirmation] = field(default_factory=list)
    hosts: frozenset[Any] = frozenset()
    """The depositary's hosts: a fact sourced there is already the depositary's."""
    lends: bool = False
    """Whether the status URL is one (a web address) that can join a participant's sources, as it
    does for every participant a sync touches; if not, a confirmation takes the long form."""


def _confirm(participant: Participant, row: StatusRow, found: _Findings) -> None:
    """The facts of ``participant`` the row shows with the same date, held below the depositary's level."""
    shown = {key: value.isoformat() for key, value in _depositary_facts(row).items()}
    held = dict(_kept_facts(participant))
    weaker = []
    for key, when in shown.items():
        if held.get(key) != when:
            continue  # a different date is a change, not a confirmation
        evidence = evidence_of(participant, key, found.hosts)
        if evidence.level != "depositary":
            weaker.append((key, when, evidence))
    if not weaker:
        return
    # The participant's own sources may back the short-form facts only when each of them is one the
    # depositary confirms (no domestic approval, reservation or declaration, which it never shows):
    # otherwise the status URL would lend its level to a fact it does not show.
    # (A participant a change touches gets the status URL among its sources anyway.)
    short_only = not participant.facts
    others = [key for key in ("domestic_approval", *STATEMENTS) if getattr(participant, key) is not None]
    all_confirmed = not others and all(shown.get(key) == value for key, value in held.items())
    touched = any(change.code == participant.code for change in found.changes)
    by_participant = found.lends and short_only and (all_confirmed or touched)
    for key, when, evidence in weaker:
        found.confirmed.append(
            Confirmation(
                participant.code,
                participant.name,
                key,
                when,
                evidence.level,
                evidence.sources,
                evidence.notification,
                by_participant,
            )
        )


def _unmatched(row: StatusRow, file: str, source_url: str, found: _Findings) -> None:
    """A row whose name matches nobody: a problem, with the command that would add it."""
    command = _record_command("<CODE>", row, source_url, name=row.name)
    message = (
        f"row {row.number}: {row.name!r} matches no participant of the ledger, no UN depositary name hanoi "
        f"knows and no ISO 3166 name exactly; add it with its code: {command}"
    )
    problem = row.problem("unknown-participant-name", message, file)
    found.unmatched.append(Unmatched(row.name, row.number, command, problem))
    found.problems.append(problem)


def _add_participant(row: StatusRow, code: str, kind: str, source_url: str, found: _Findings) -> None:
    """A row the ledger lacks becomes an addition with the depositary's facts (and, if withdrawn, the
    command that records its denunciation)."""
    fields = tuple((key, value.isoformat()) for key, value in _depositary_facts(row).items())
    found.added.append(Addition(code, row.name, kind, fields))
    if row.withdrawn:
        found.withdrawn.append(Withdrawn(code, row.name, _denunciation_command(code, source_url)))


def _compare_participant(participant: Participant, row: StatusRow, source_url: str, found: _Findings) -> None:
    """A participant in both: its name, dates and withdrawal as the depositary shows them."""
    code = participant.code
    if name_key(participant.name) != name_key(row.name):
        found.changes.append(Change(code, participant.name, "name", participant.name, row.name))
    _compare(participant, row, found.changes, found.missing)
    if row.withdrawn and participant.denunciation is None:
        found.withdrawn.append(Withdrawn(code, row.name, _denunciation_command(code, source_url)))
    elif participant.denunciation is not None and not row.withdrawn:
        found.missing.append(NotInSource(code, participant.name, "denunciation", participant.denunciation.isoformat()))


def _denunciation_command(code: str, source_url: str) -> str:
    import shlex  # only where a command is suggested

    quoted = code if code.startswith("<") else shlex.quote(code)
    return f"hanoi record {quoted} denunciation <DATE> --source {shlex.quote(source_url)}"
