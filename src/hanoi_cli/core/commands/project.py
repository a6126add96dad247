"""``hanoi project``: assumed deposits (from the command line and a scenario file) laid over a ledger.

Parsing a YAML file of assumptions is reading input, not a treaty rule, so it lives here; the
projection itself is ``rules.scenario.project``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from hanoi_cli.core.ledger.dates import parse_iso_date
from hanoi_cli.core.ledger.models import INSTRUMENT_TYPES
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem
from hanoi_cli.core.reading.nodes import is_mapping, is_scalar, is_sequence, pairs
from hanoi_cli.core.rules.scenario import CODE_PATTERN, Assumption

if TYPE_CHECKING:
    from hanoi_cli.core.rules.scenario import Pace, Projection


class NothingToProject(ValueError):
    """Neither an assumption nor a pace was given: a usage error."""


@dataclass(frozen=True)
class ProjectResult:
    """A projection (``projection``: the record and the projected evaluation side by side), the
    assumptions' warnings (a user-assigned code), a note when the projected entry into force is
    later than the date asked for, and the exit code (1 then)."""

    projection: Projection
    warnings: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()
    exit_code: ExitCode = ExitCode.OK


def project(
    path: str | Path,
    as_of: date,
    assumptions: list[Assumption],
    pace: Optional[Pace] = None,
    *,
    scenario_file: Optional[str] = None,
    fail_if_later_than: Optional[date] = None,
) -> ProjectResult:
    """Project the ledger at ``path`` under ``assumptions`` (after those of ``scenario_file``) and ``pace``."""
    from hanoi_cli.core.reading.loader import read_ledger
    from hanoi_cli.core.rules.scenario import project as run_projection

    if scenario_file is not None:
        assumptions = [*load_scenario(scenario_file), *assumptions]
    if not assumptions and pace is None:
        raise NothingToProject("nothing to project: give --assume, --assume-file or --pace")
    projection = run_projection(read_ledger(path).ledger, as_of, assumptions, pace)
    notes: tuple[str, ...] = ()
    code = ExitCode.OK
    if fail_if_later_than is not None:
        projected = projection.projected.entry_into_force
        if projected is None or projected > fail_if_later_than:
            when = projected.isoformat() if projected is not None else "never under these assumptions"
            notes = (f"Projected entry into force ({when}) is later than {fail_if_later_than.isoformat()}.",)
            code = ExitCode.PROBLEMS
    return ProjectResult(projection, tuple(projection.warnings), notes, code)


_ENTRY_KEYS = ("code", "name", "kind", "groups")


def parse_scenario(text: str, name: str) -> list[Assumption]:
    """A scenario file's assumptions; every problem located, raised together (exit code 2).

    The format (documented in docs/commands/project.md)::

        assume:
          - code: FRA
            ratification: 2027-01-10
          - code: XKX
            name: Kosovo          # for a participant not in the ledger; defaults to its name, else the code
            groups: [coe-member]  # for a new participant
            accession: 2027-03-01
          - name: Iran            # a participant of the ledger, by name as `hanoi record` finds it
            ratification: 2027-04-01
    """
    from hanoi_cli.core.reading.loader import compose

    try:
        root, _data = compose(text, name)
    except LedgerError as exc:
        raise LedgerError(exc.problems, ExitCode.USAGE) from None
    findings = _Findings(name)
    assumptions = [_assumption_from_entry(entry, findings) for entry in _assume_entries(root, findings)]
    if findings.problems:
        raise LedgerError(findings.problems, ExitCode.USAGE)
    return [assumption for assumption in assumptions if assumption is not None]


@dataclass
class _Findings:
    """The problems found in one scenario file so far, each located at the YAML node it is about."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def at(self, node: Any, code: str, message: str) -> None:
        self.problems.append(Problem.at(code, message, self.file, node.start_mark))


def _assume_entries(root: Any, findings: _Findings) -> list[Any]:
    """The nodes listed under ``assume``: the file's only key, which must hold a list."""
    import difflib

    assume_node = None
    for key, value in pairs(root):
        if key.value == "assume":
            assume_node = value
        else:
            hint = difflib.get_close_matches(key.value, ("assume",), n=1)
            findings.at(
                key,
                "unknown-key",
                f"unknown key {key.value!r}"
                + (f"; did you mean {hint[0]!r}?" if hint else "; a scenario has only 'assume'"),
            )
    if assume_node is None:
        findings.at(root, "missing-key", "a scenario needs the key 'assume': a list of assumed deposits")
    elif not is_sequence(assume_node):
        findings.at(assume_node, "invalid-type", "'assume' must be a list of assumed deposits")
    return assume_node.value if is_sequence(assume_node) else []


def _assumption_from_entry(entry: Any, findings: _Findings) -> Optional[Assumption]:
    """One entry of ``assume`` as an assumption; None when it has a problem, every problem recorded."""
    if not is_mapping(entry):
        findings.at(entry, "invalid-type", "each assumption is a mapping, e.g. {code: FRA, ratification: 2027-01-10}")
        return None
    fields, instruments, keys_ok = _entry_fields(entry, findings)
    participant_ok = _check_participant_fields(entry, fields, findings)
    groups = _entry_groups(fields.get("groups"), findings)
    kind_node: Any = fields.get("kind")
    kind_ok = not (is_scalar(kind_node) and kind_node.value not in ("state", "reio", "organization"))
    if not kind_ok:
        findings.at(
            kind_node, "invalid-choice", f"kind must be 'state', 'reio' or 'organization', not {kind_node.value!r}"
        )
    deposit = _entry_deposit(entry, instruments, findings)
    if not (keys_ok and participant_ok and kind_ok) or groups is None or deposit is None:
        return None
    code_node: Any = fields.get("code")
    name_node: Any = fields.get("name")
    mark = entry.start_mark
    return Assumption(
        code=code_node.value if code_node is not None else name_node.value,
        instrument=deposit[0],
        deposited=deposit[1],
        name=name_node.value if name_node is not None and name_node.value else None,
        kind=kind_node.value if kind_node is not None else None,
        groups=groups,
        file=findings.file,
        line=mark.line + 1,
        column=mark.column + 1,
    )


def _entry_fields(entry: Any, findings: _Findings) -> tuple[dict[str, Any], list[tuple[str, Any]], bool]:
    """An entry's keys sorted into fields (code, name, kind, groups) and instruments (any spelling of a
    type), and whether every key was one of them."""
    import difflib

    spellings = {spelling: kind for kind in INSTRUMENT_TYPES for spelling in (kind, kind.replace("_", "-"))}
    fields: dict[str, Any] = {}
    instruments: list[tuple[str, Any]] = []
    ok = True
    for key, value in pairs(entry):
        if key.value in spellings:
            instruments.append((spellings[key.value], value))
        elif key.value in _ENTRY_KEYS:
            fields[key.value] = value
        else:
            hint = difflib.get_close_matches(key.value, [*_ENTRY_KEYS, *INSTRUMENT_TYPES], n=1)
            message = f"unknown key {key.value!r}" + (f"; did you mean {hint[0]!r}?" if hint else "")
            findings.at(key, "unknown-key", message)
            ok = False
    return fields, instruments, ok


def _check_participant_fields(entry: Any, fields: dict[str, Any], findings: _Findings) -> bool:
    """Whether code, name and kind are text and the participant is given by a well-formed code or a name."""
    ok = True
    for key in ("code", "name", "kind"):  # groups: see _entry_groups
        if key in fields and not is_scalar(fields[key]):
            findings.at(fields[key], "invalid-type", f"{key!r} must be text")
            ok = False
    code_node = fields.get("code")
    if code_node is None and fields.get("name") is None:
        findings.at(entry, "missing-key", "an assumption needs 'code' or 'name', e.g. code: FRA")
        ok = False
    elif is_scalar(code_node) and not CODE_PATTERN.fullmatch(code_node.value.upper()):
        findings.at(
            code_node,
            "invalid-code",
            f"{code_node.value!r} is not a participant code: three letters (ISO 3166-1 alpha-3), e.g. FRA; "
            "a participant can also be given by 'name'",
        )
        ok = False
    return ok


def _entry_groups(groups_node: Any, findings: _Findings) -> Optional[tuple[str, ...]]:
    """The groups of a new participant (none if the key is absent); None when they are not a list of names."""
    if groups_node is None:
        return ()
    if is_sequence(groups_node) and all(is_scalar(item) and item.value for item in groups_node.value):
        return tuple(item.value for item in groups_node.value)
    findings.at(groups_node, "invalid-type", "'groups' must be a list of group names, e.g. [coe-member]")
    return None


def _entry_deposit(entry: Any, instruments: list[tuple[str, Any]], findings: _Findings) -> Optional[tuple[str, date]]:
    """The one assumed deposit of an entry, ``(instrument type, date)``; None when it is missing, doubled or
    badly dated."""
    if not instruments:
        findings.at(
            entry,
            "missing-key",
            f"an assumption needs one instrument and its date, e.g. ratification: 2027-01-10 (one of {', '.join(INSTRUMENT_TYPES)})",
        )
        return None
    if len(instruments) > 1:
        findings.at(
            instruments[1][1],
            "multiple-instruments",
            "an assumption is one deposit, but this one has " + " and ".join(kind for kind, _ in instruments),
        )
        return None
    instrument, date_node = instruments[0]
    if not is_scalar(date_node):
        findings.at(date_node, "invalid-date", "expected a date in the form YYYY-MM-DD")
        return None
    try:
        return instrument, parse_iso_date(date_node.value)
    except ValueError as exc:
        findings.at(date_node, "invalid-date", str(exc))
        return None


def load_scenario(path: str) -> list[Assumption]:
    """Read and parse a scenario file (``-``: standard input)."""
    from hanoi_cli.core.reading.loader import decode, display_name, read_bytes

    name = display_name(path)
    return parse_scenario(decode(read_bytes(path), name), name)
