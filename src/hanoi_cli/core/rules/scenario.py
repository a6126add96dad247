"""What-if projections: hypothetical deposits laid over a ledger, then the ordinary rules engine.

A scenario is a list of assumed deposits (``--assume FRA=2027-01-10``, ``--assume
GHA=accession:2027-02-01``, or a scenario file) and optionally a steady pace (``--pace
2/month``). The ledger is first cut to what its record shows on the as-of date, the assumptions
are added with ``dataclasses.replace`` (a participant already in the ledger gets the instrument;
a code or a country name not in the ledger becomes a new participant), and ``engine.evaluate``
answers as for a real ledger. Nothing is ever written. Participants are found as ``hanoi record``
finds them (``participant_lookup``) and a new one's code is checked as ``hanoi validate`` checks it.

Assumptions are checked before use, each problem located (``file:line:col`` for a scenario file,
the option for the command line) and a usage error (exit code 2):

* ``unknown-participant``, ``ambiguous-participant``, ``not-a-new-participant`` (a name, kind or
  groups given for a participant of the ledger), and the code checks of ``hanoi validate``
  (``unknown-country-code``, ``reio-code``; ``user-assigned-code`` is only a warning);

* ``already-deposited``: the record already shows an instrument for that participant by the
  as-of date. Replacing a recorded deposit with a hypothetical one is never what a what-if means;
  evaluate an earlier ``--as-of`` to ask "what if it had come at another date".
* ``duplicate-assumption``: the same code assumed twice.
* ``assumed-before-as-of``: a hypothetical deposit dated before the as-of date contradicts the
  record on that date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Optional, Union

from hanoi_cli.core.ledger.dates import DAYS_PER_MONTH, parse_iso_date
from hanoi_cli.core.ledger.instruments import ledger_key
from hanoi_cli.core.ledger.models import INSTRUMENT_LABELS, INSTRUMENT_TYPES, EntryIntoForceRule, Ledger, Participant
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem
from hanoi_cli.core.ledger.wording import plural
from hanoi_cli.core.rules.as_of import record_as_of
from hanoi_cli.core.rules.engine import Evaluation, PartyOutcome, evaluate, instrument_counts

if TYPE_CHECKING:
    from hanoi_cli.core.ledger.participant_lookup import Resolution

CLI_SOURCE = "--assume"
CODE_PATTERN = re.compile(r"[A-Z]{3}")
_PACE = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*/\s*(month|year)\s*")
PACE_PREFIX = "pace-"  # codes of synthetic pace deposits: never a valid ledger code


@dataclass(frozen=True)
class Assumption:
    """One hypothetical deposit, and where it was written (for located problems).

    ``code`` is what was typed (a code in any case, or a name) until ``resolve_assumptions`` puts
    the participant's code there."""

    code: str
    instrument: str
    deposited: date
    name: Optional[str] = None
    kind: Optional[str] = None  # for a new participant: state (default) or reio
    groups: tuple[str, ...] = ()  # for a new participant: the groups its instrument counts in
    file: str = CLI_SOURCE
    line: Optional[int] = None
    column: Optional[int] = None

    def problem(self, code: str, message: str) -> Problem:
        return Problem(code, message, self.file, self.line, self.column)


@dataclass(frozen=True)
class Pace:
    """``N/month``: N more counted instruments per month, spread evenly from the as-of date."""

    per_month: float

    @property
    def interval_days(self) -> float:
        return DAYS_PER_MONTH / self.per_month

    def describe(self) -> str:
        return f"{plural(self.per_month, 'counted instrument', shown=f'{self.per_month:g}')} a month"


@dataclass(frozen=True)
class AssumedOutcome:
    """An assumed (or pace) deposit and what the projection gives it (pace ones are in ``pace_used``)."""

    code: str
    name: str
    instrument: str
    deposited: date
    counted: bool
    entry_into_force: Optional[date]
    new_participant: bool


@dataclass(frozen=True)
class Projection:
    """The record as of a date, and the same record with the assumptions laid over it."""

    as_of: date
    current: Evaluation
    projected: Evaluation
    assumed: tuple[AssumedOutcome, ...]  # explicit assumptions, in the order given
    pace: Optional[Pace]
    pace_used: tuple[AssumedOutcome, ...]  # pace deposits: up to the threshold date, or all tried when not reached
    warnings: tuple[Problem, ...] = ()  # about the assumptions (a user-assigned code), for stderr

    @property
    def pace_cannot_help(self) -> bool:
        """A pace was given, but the threshold is still not reached: a group condition pace
        deposits (which belong to no group) cannot meet."""
        return self.pace is not None and self.projected.threshold_date is None


def parse_assumption(text: str) -> Assumption:
    """``WHO=DATE`` (a ratification) or ``WHO=TYPE:DATE``, WHO a code or a name (resolved against
    the ledger later, as ``hanoi record`` resolves it); ValueError says what is wrong."""
    code, equals, rest = text.partition("=")
    code = " ".join(code.split())
    if not equals:
        raise ValueError(f"{text!r} is not CODE=DATE or CODE=TYPE:DATE (e.g. FRA=2027-01-10, GHA=accession:2027-02-01)")
    if not code:
        raise ValueError(f"{text!r} names no participant: give its code or name before '=', e.g. FRA=2027-01-10")
    kind_text, colon, date_text = rest.rpartition(":")
    instrument = "ratification"
    if colon:
        found = ledger_key(kind_text, INSTRUMENT_TYPES)
        if found is None:
            raise ValueError(f"{kind_text!r} is not an instrument type; one of {', '.join(INSTRUMENT_TYPES)}")
        instrument = found
    return Assumption(code=code, instrument=instrument, deposited=parse_iso_date(date_text))


def parse_pace(text: str) -> Pace:
    """``2/month``, ``0.5/month`` or ``12/year``; ValueError otherwise."""
    match = _PACE.fullmatch(text)
    if match is None:
        raise ValueError(f"{text!r} is not a pace: write N/month or N/year, e.g. 2/month")
    number = float(match.group(1))
    per_month = number if match.group(2) == "month" else number / 12
    if not 0 < per_month <= 1000:
        raise ValueError(f"{text!r}: the pace must be more than 0 and at most 1000 a month")
    return Pace(per_month)


# --- projecting -------------------------------------------------------------------------------


def resolve_assumptions(ledger: Ledger, assumptions: list[Assumption]) -> tuple[list[Assumption], list[Problem]]:
    """Each assumption's participant, found as ``hanoi record`` finds one (``participant_lookup``):
    the assumptions with the participant's code (and a new one's name), and the warnings (a
    user-assigned code). A query that names nobody, names several, or gives a code no check
    accepts is a located usage error, all of them raised together."""
    from hanoi_cli.core.ledger.participant_lookup import ambiguity, resolve

    participants = ledger.participants
    resolved: list[Assumption] = []
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for assumption in assumptions:
        query = assumption.code
        resolution = resolve(query, participants)
        if resolution.ambiguous:
            errors.append(assumption.problem("ambiguous-participant", ambiguity(resolution, participants)))
        elif resolution.index is not None:
            found = _as_listed_participant(assumption, resolution.index, participants)
            if isinstance(found, Assumption):
                resolved.append(found)
            else:
                errors.append(found)
        else:
            new, problem = _as_new_participant(assumption, resolution)
            if problem is not None:
                (warnings if problem.severity == "warning" else errors).append(problem)
            if new is not None:
                resolved.append(new)
    if errors:
        raise LedgerError(errors, ExitCode.USAGE)
    return resolved, warnings


def _as_listed_participant(
    assumption: Assumption, index: int, participants: tuple[Participant, ...]
) -> Union[Assumption, Problem]:
    """The assumption with the code of the ledger's participant it names, or why it cannot be: a name,
    kind or groups only describe a participant the ledger does not have."""
    from hanoi_cli.core.ledger.participant_lookup import resolve

    participant = participants[index]
    extra = [key for key in ("kind", "groups") if getattr(assumption, key)]
    if assumption.name and resolve(assumption.name, participants).index != index:
        extra.insert(0, "name")
    if extra:
        return assumption.problem(
            "not-a-new-participant",
            f"{participant.name} ({participant.code}) is in the ledger: {' and '.join(map(repr, extra))} "
            "only describe a new participant",
        )
    return replace(assumption, code=participant.code, name=None)


def _as_new_participant(
    assumption: Assumption, resolution: Resolution
) -> tuple[Optional[Assumption], Optional[Problem]]:
    """The assumption for a participant not in the ledger, named and coded, with the problem its code has:
    an error (no assumption then) or a warning (a user-assigned code)."""
    from hanoi_cli.core.ledger.un_names import depositary_name
    from hanoi_cli.core.rules.checks import code_finding

    query = assumption.code
    code = resolution.code or (query.upper() if CODE_PATTERN.fullmatch(query.upper()) else None)
    if code is None:
        hint = f"did you mean {' or '.join(map(repr, resolution.suggestions))}? " if resolution.suggestions else ""
        return None, assumption.problem(
            "unknown-participant",
            f"no participant is named or coded {query!r}, and no country has that name; {hint}"
            "to assume a new participant, give its ISO 3166-1 alpha-3 code",
        )
    name = assumption.name or depositary_name(code) or code
    finding = code_finding(code, assumption.kind or "state", name)
    new = replace(assumption, code=code, name=name)
    if finding is None:
        return new, None
    problem = assumption.problem(finding[0], finding[1])
    if finding[2] == "warning":
        return new, replace(problem, severity="warning")
    return None, problem


def check_assumptions(ledger: Ledger, assumptions: list[Assumption], as_of: date) -> list[Problem]:
    """Every reason the assumptions cannot be laid over this ledger as of ``as_of``."""
    by_code = {participant.code: participant for participant in ledger.participants}
    problems: list[Problem] = []
    seen: dict[str, Assumption] = {}
    for assumption in assumptions:
        earlier = seen.get(assumption.code)
        if earlier is not None:
            where = (
                f" (first at line {earlier.line})"
                if earlier.line is not None and earlier.file == assumption.file
                else ""
            )
            problems.append(
                assumption.problem(
                    "duplicate-assumption", f"{assumption.code} is assumed twice{where}: one deposit per participant"
                )
            )
            continue
        seen[assumption.code] = assumption
        if assumption.deposited < as_of:
            problems.append(
                assumption.problem(
                    "assumed-before-as-of",
                    f"the assumed deposit for {assumption.code} on {assumption.deposited.isoformat()} is before the as-of date "
                    f"{as_of.isoformat()}; to ask about the past, pass an earlier --as-of",
                )
            )
        participant = by_code.get(assumption.code)
        if participant is not None:
            recorded = record_as_of(participant, as_of).instrument
            if recorded is not None:
                kind, deposited = recorded
                problems.append(
                    assumption.problem(
                        "already-deposited",
                        f"{participant.name} ({participant.code}) already deposited its {INSTRUMENT_LABELS[kind]} on "
                        f"{deposited.isoformat()}; an assumption adds a deposit, it never replaces the record",
                    )
                )
    return problems


def pace_deposits_needed(rule: EntryIntoForceRule, participants: list[Participant]) -> int:
    """How many pace deposits reach the threshold even if nothing else came: the threshold less the
    counted instruments that stay in effect (a denounced one may lapse). Never more than the
    threshold (at most ``MAX_THRESHOLD``), so a projection builds at most that many participants."""
    lasting = sum(
        1
        for participant in participants
        if participant.instrument is not None
        and participant.denunciation is None
        and instrument_counts(rule, participant)
    )
    return max(0, rule.threshold - lasting)


def _evaluate_all(ledger: Ledger, participants: list[Participant], as_of: date) -> Evaluation:
    """The projected ledger as of its last deposit (never before ``as_of``): every assumption counts."""
    horizon = max([as_of, *(p.instrument[1] for p in participants if p.instrument)])
    return evaluate(replace(ledger, participants=tuple(participants)), horizon)


def project(ledger: Ledger, as_of: date, assumptions: list[Assumption], pace: Optional[Pace] = None) -> Projection:
    """Lay the assumptions (and pace deposits) over the record as of ``as_of`` and evaluate."""
    assumptions, warnings = resolve_assumptions(ledger, assumptions)
    problems = check_assumptions(ledger, assumptions, as_of)
    if problems:
        raise LedgerError(problems, ExitCode.USAGE)
    current = evaluate(ledger, as_of)
    participants, new_codes = _with_assumptions(ledger, as_of, assumptions)
    try:  # a very slow pace, or a deposit near the end of the calendar, leaves date's range
        projected, pace_codes = _evaluate_with_pace(ledger, participants, as_of, pace)
    except OverflowError:
        where = "--pace" if pace is not None else CLI_SOURCE
        problem = Problem(
            "out-of-range", "the projected dates go past 9999-12-31, the last date hanoi can compute", where
        )
        raise LedgerError([problem], ExitCode.USAGE) from None
    outcomes = {outcome.participant.code: outcome for outcome in projected.parties}
    return Projection(
        as_of=as_of,
        current=current,
        projected=projected,
        assumed=tuple(_assumed_outcome(outcomes[assumption.code], new_codes) for assumption in assumptions),
        pace=pace,
        pace_used=tuple(_assumed_outcome(outcomes[code], new_codes) for code in pace_codes),
        warnings=tuple(warnings),
    )


def _with_assumptions(ledger: Ledger, as_of: date, assumptions: list[Assumption]) -> tuple[list[Participant], set[str]]:
    """The record as of ``as_of`` with each assumed deposit added (to its participant, or as a new one),
    and the codes of the new participants."""
    participants = [record_as_of(participant, as_of) for participant in ledger.participants]
    index = {participant.code: position for position, participant in enumerate(participants)}
    new_codes: set[str] = set()
    for assumption in assumptions:
        position = index.get(assumption.code)
        deposit: dict[str, Any] = {assumption.instrument: assumption.deposited}
        if position is None:
            participants.append(
                Participant(
                    name=assumption.name or assumption.code,
                    code=assumption.code,
                    kind=assumption.kind or "state",  # type: ignore[arg-type]
                    groups=assumption.groups,
                    **deposit,
                )
            )
            index[assumption.code] = len(participants) - 1
            new_codes.add(assumption.code)
        else:
            participants[position] = replace(participants[position], **deposit)
    return participants, new_codes


def _evaluate_with_pace(
    ledger: Ledger, participants: list[Participant], as_of: date, pace: Optional[Pace]
) -> tuple[Evaluation, list[str]]:
    """The projected evaluation with the pace deposits that were needed, and their codes in date order.

    Enough pace deposits are added to reach the threshold alone; those dated after the threshold
    was reached (by other deposits) are dropped and the ledger evaluated again. OverflowError when
    a date passes the end of the calendar."""
    deposits: list[tuple[date, Participant]] = []  # the pace deposits, in date order
    if pace is not None:
        for number in range(1, pace_deposits_needed(ledger.treaty.entry_into_force, participants) + 1):
            day = as_of + timedelta(days=max(1, round(number * pace.interval_days)))
            deposits.append(
                (day, Participant(name=f"Pace deposit {number}", code=f"{PACE_PREFIX}{number}", ratification=day))
            )
    projected = _evaluate_all(ledger, [*participants, *(deposit for _, deposit in deposits)], as_of)
    limit = projected.threshold_date
    if limit is not None and deposits and deposits[-1][0] > limit:
        # Other deposits reached the threshold first: the later pace deposits were not needed.
        deposits = [(day, deposit) for day, deposit in deposits if day <= limit]
        projected = _evaluate_all(ledger, [*participants, *(deposit for _, deposit in deposits)], as_of)
    return projected, [deposit.code for _, deposit in deposits]


def _assumed_outcome(outcome: PartyOutcome, new_codes: set[str]) -> AssumedOutcome:
    """What became of one assumed (or pace) deposit in the projection."""
    assert outcome.instrument is not None and outcome.deposited is not None
    return AssumedOutcome(
        code=outcome.participant.code,
        name=outcome.participant.name,
        instrument=outcome.instrument,
        deposited=outcome.deposited,
        counted=outcome.counted,
        entry_into_force=outcome.entry_into_force,
        new_participant=outcome.participant.code in new_codes,
    )
