"""What-if projections: hypothetical deposits laid over a ledger, then the ordinary rules engine.

A scenario is a list of assumed deposits (``--assume FRA=2027-01-10``, ``--assume
GHA=accession:2027-02-01``, or a scenario file) and optionally a steady pace (``--pace
2/month``). The ledger is first cut to what its record shows on the as-of date, the assumptions
are added with ``dataclasses.replace`` (a code already in the ledger gets the instrument; an
unknown code becomes a new participant), and ``engine.evaluate`` answers as for a real ledger.
Nothing is ever written.

Assumptions are checked before use, each problem located (``file:line:col`` for a scenario file,
the option for the command line) and a usage error (exit code 2):

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
from typing import Any, Optional

from hanoi_cli.core.ledger.dates import parse_iso_date
from hanoi_cli.core.ledger.instruments import ledger_key
from hanoi_cli.core.ledger.models import INSTRUMENT_TYPES, Ledger, Participant
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem
from hanoi_cli.core.ledger.wording import plural
from hanoi_cli.core.rules.as_of import record_as_of
from hanoi_cli.core.rules.engine import Evaluation, evaluate

CLI_SOURCE = "--assume"
_CODE = re.compile(r"[A-Z]{3}")
_PACE = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*/\s*(month|year)\s*")
DAYS_PER_MONTH = 365.2425 / 12
PACE_PREFIX = "pace-"  # codes of synthetic pace deposits: never a valid ledger code


@dataclass(frozen=True)
class Assumption:
    """One hypothetical deposit, and where it was written (for located problems)."""

    code: str
    instrument: str
    deposited: date
    name: Optional[str] = None
    kind: Optional[str] = None  # for a new participant: state (default) or reio
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
    pace_used: tuple[AssumedOutcome, ...]  # pace deposits up to the projected threshold date


def normalise_instrument(text: str) -> Optional[str]:
    """``domestic-approval``-style spellings to ledger keys; None if not an instrument type."""
    return ledger_key(text, INSTRUMENT_TYPES)


def parse_assumption(text: str) -> Assumption:
    """``CODE=DATE`` (a ratification) or ``CODE=TYPE:DATE``; ValueError says what is wrong."""
    code, equals, rest = text.partition("=")
    code = code.strip()
    if not equals:
        raise ValueError(f"{text!r} is not CODE=DATE or CODE=TYPE:DATE (e.g. FRA=2027-01-10, GHA=accession:2027-02-01)")
    if not _CODE.fullmatch(code):
        raise ValueError(f"{code!r} is not a participant code: three capital letters (ISO 3166-1 alpha-3), e.g. FRA")
    kind_text, colon, date_text = rest.rpartition(":")
    instrument = "ratification"
    if colon:
        found = normalise_instrument(kind_text)
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


# --- scenario files ---------------------------------------------------------------------------

_ENTRY_KEYS = ("code", "name", "kind")


def parse_scenario(text: str, name: str) -> list[Assumption]:
    """A scenario file's assumptions; every problem located, raised together (exit code 2).

    The format (documented in the README)::

        assume:
          - code: FRA
            ratification: 2027-01-10
          - code: XKX
            name: Kosovo          # for a code not in the ledger; defaults to the code
            accession: 2027-03-01
    """
    import difflib

    import yaml

    from hanoi_cli.core.reading.loader import compose

    try:
        root, _data = compose(text, name)
    except LedgerError as exc:
        raise LedgerError(exc.problems, ExitCode.USAGE) from None
    problems: list[Problem] = []

    def at(node: Any, code: str, message: str) -> None:
        problems.append(Problem.at(code, message, name, node.start_mark))

    def pairs(node: Any) -> list[tuple[Any, Any]]:
        return [(key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)]

    allowed_top = ("assume",)
    assume_node = None
    for key, value in pairs(root):
        if key.value == "assume":
            assume_node = value
        else:
            hint = difflib.get_close_matches(key.value, allowed_top, n=1)
            at(
                key,
                "unknown-key",
                f"unknown key {key.value!r}"
                + (f"; did you mean {hint[0]!r}?" if hint else "; a scenario has only 'assume'"),
            )
    if assume_node is None:
        at(root, "missing-key", "a scenario needs the key 'assume': a list of assumed deposits")
    elif not isinstance(assume_node, yaml.SequenceNode):
        at(assume_node, "invalid-type", "'assume' must be a list of assumed deposits")
    assumptions: list[Assumption] = []
    entries = assume_node.value if isinstance(assume_node, yaml.SequenceNode) else []
    instrument_spellings = {spelling: kind for kind in INSTRUMENT_TYPES for spelling in (kind, kind.replace("_", "-"))}
    for entry in entries:
        if not isinstance(entry, yaml.MappingNode):
            at(entry, "invalid-type", "each assumption is a mapping, e.g. {code: FRA, ratification: 2027-01-10}")
            continue
        fields: dict[str, Any] = {}
        instruments: list[tuple[str, Any]] = []
        ok = True
        for key, value in pairs(entry):
            if key.value in instrument_spellings:
                instruments.append((instrument_spellings[key.value], value))
            elif key.value in _ENTRY_KEYS:
                fields[key.value] = value
            else:
                hint = difflib.get_close_matches(key.value, [*_ENTRY_KEYS, *INSTRUMENT_TYPES], n=1)
                at(key, "unknown-key", f"unknown key {key.value!r}" + (f"; did you mean {hint[0]!r}?" if hint else ""))
                ok = False
        for key in ("code", "name", "kind"):
            if key in fields and not isinstance(fields[key], yaml.ScalarNode):
                at(fields[key], "invalid-type", f"{key!r} must be text")
                ok = False
        code_node = fields.get("code")
        if code_node is None:
            at(entry, "missing-key", "an assumption needs 'code', e.g. code: FRA")
            ok = False
        elif isinstance(code_node, yaml.ScalarNode) and not _CODE.fullmatch(code_node.value):
            at(
                code_node,
                "invalid-code",
                f"{code_node.value!r} is not a participant code: three capital letters, e.g. FRA",
            )
            ok = False
        kind_node = fields.get("kind")
        if isinstance(kind_node, yaml.ScalarNode) and kind_node.value not in ("state", "reio"):
            at(kind_node, "invalid-choice", f"kind must be 'state' or 'reio', not {kind_node.value!r}")
            ok = False
        if not instruments:
            at(
                entry,
                "missing-key",
                f"an assumption needs one instrument and its date, e.g. ratification: 2027-01-10 (one of {', '.join(INSTRUMENT_TYPES)})",
            )
            continue
        if len(instruments) > 1:
            at(
                instruments[1][1],
                "multiple-instruments",
                "an assumption is one deposit, but this one has " + " and ".join(kind for kind, _ in instruments),
            )
            continue
        instrument, date_node = instruments[0]
        deposited = None
        if not isinstance(date_node, yaml.ScalarNode):
            at(date_node, "invalid-date", "expected a date in the form YYYY-MM-DD")
        else:
            try:
                deposited = parse_iso_date(date_node.value)
            except ValueError as exc:
                at(date_node, "invalid-date", str(exc))
        if not ok or deposited is None or code_node is None:
            continue
        mark = entry.start_mark
        assumptions.append(
            Assumption(
                code=code_node.value,
                instrument=instrument,
                deposited=deposited,
                name=fields["name"].value if "name" in fields and fields["name"].value else None,
                kind=kind_node.value if kind_node is not None else None,
                file=name,
                line=mark.line + 1,
                column=mark.column + 1,
            )
        )
    if problems:
        raise LedgerError(problems, ExitCode.USAGE)
    return assumptions


def load_scenario(path: str) -> list[Assumption]:
    """Read and parse a scenario file (``-``: standard input)."""
    from hanoi_cli.core.reading.loader import decode, display_name, read_bytes

    name = display_name(path)
    return parse_scenario(decode(read_bytes(path), name), name)


# --- projecting -------------------------------------------------------------------------------


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
                        f"{participant.name} ({participant.code}) already deposited its {kind.replace('_', ' ')} on "
                        f"{deposited.isoformat()}; an assumption adds a deposit, it never replaces the record",
                    )
                )
    return problems


def project(ledger: Ledger, as_of: date, assumptions: list[Assumption], pace: Optional[Pace] = None) -> Projection:
    """Lay the assumptions (and pace deposits) over the record as of ``as_of`` and evaluate."""
    problems = check_assumptions(ledger, assumptions, as_of)
    if problems:
        raise LedgerError(problems, ExitCode.USAGE)
    current = evaluate(ledger, as_of)
    participants = [record_as_of(participant, as_of) for participant in ledger.participants]
    index = {participant.code: position for position, participant in enumerate(participants)}
    new_codes: set[str] = set()
    for assumption in assumptions:
        position = index.get(assumption.code)
        if position is None:
            participants.append(
                Participant(
                    name=assumption.name or assumption.code,
                    code=assumption.code,
                    kind=assumption.kind or "state",  # type: ignore[arg-type]
                    **{assumption.instrument: assumption.deposited},
                )
            )
            index[assumption.code] = len(participants) - 1
            new_codes.add(assumption.code)
        else:
            participants[position] = replace(participants[position], **{assumption.instrument: assumption.deposited})
    pace_codes: list[str] = []
    try:  # a very slow pace, or a deposit near the end of the calendar, leaves date's range
        if pace is not None:
            # Enough pace deposits to reach the threshold even if no other deposit came, plus one for
            # each denunciation that could take effect; later ones are dropped from the report.
            denunciations = sum(1 for participant in participants if participant.denunciation is not None)
            for number in range(1, ledger.treaty.entry_into_force.threshold + denunciations + 1):
                code = f"{PACE_PREFIX}{number}"
                deposited = as_of + timedelta(days=max(1, round(number * pace.interval_days)))
                participants.append(Participant(name=f"Pace deposit {number}", code=code, ratification=deposited))
                pace_codes.append(code)
        projected_ledger = replace(ledger, participants=tuple(participants))
        horizon = max([as_of, *(p.instrument[1] for p in participants if p.instrument)])
        projected = evaluate(projected_ledger, horizon)  # as of the last assumed deposit: all of them count
    except OverflowError:
        where = "--pace" if pace is not None else CLI_SOURCE
        problem = Problem(
            "out-of-range", "the projected dates go past 9999-12-31, the last date hanoi can compute", where
        )
        raise LedgerError([problem], ExitCode.USAGE) from None

    outcomes = {outcome.participant.code: outcome for outcome in projected.parties}

    def summarise(code: str) -> AssumedOutcome:
        outcome = outcomes[code]
        assert outcome.instrument is not None and outcome.deposited is not None
        return AssumedOutcome(
            code=code,
            name=outcome.participant.name,
            instrument=outcome.instrument,
            deposited=outcome.deposited,
            counted=outcome.counted,
            entry_into_force=outcome.entry_into_force,
            new_participant=code in new_codes,
        )

    limit = projected.threshold_date
    pace_used = tuple(
        summarise(code)
        for code in pace_codes
        if limit is not None and outcomes[code].deposited is not None and outcomes[code].deposited <= limit  # type: ignore[operator]
    )
    return Projection(
        as_of=as_of,
        current=current,
        projected=projected,
        assumed=tuple(summarise(assumption.code) for assumption in assumptions),
        pace=pace,
        pace_used=pace_used,
    )
