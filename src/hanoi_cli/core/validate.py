"""Everything ``hanoi validate`` checks in one ledger, as a report of located problems.

The same entry points serve the editing commands (``hanoi record`` and ``hanoi fmt`` refuse to
write what this module rejects), so a ledger is judged the same way wherever it is touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional

from hanoi_cli.core.loader import LoadedLedger, decode, display_name, parse_ledger_with_nodes, read_bytes
from hanoi_cli.core.models import Ledger
from hanoi_cli.core.problems import ExitCode, LedgerError, Problem


@dataclass(frozen=True)
class FileReport:
    """The outcome for one file: its problems (errors and warnings) and, if it parsed, the ledger."""

    name: str
    problems: tuple[Problem, ...] = ()
    ledger: Optional[Ledger] = None
    unreadable: bool = False  # could not be read at all (exit code 2)
    checked: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "warning"]

    def exit_code(self, *, strict: bool = False) -> ExitCode:
        if self.unreadable:
            return ExitCode.USAGE
        if self.errors or (strict and self.warnings):
            return ExitCode.PROBLEMS
        return ExitCode.OK


def validate_text(text: str, name: str, *, as_of: date) -> FileReport:
    """Parse, model and check ledger text; never raises for a bad ledger."""
    from hanoi_cli.core.checks import check_ledger

    try:
        loaded, root = parse_ledger_with_nodes(text, name)
    except LedgerError as exc:
        return FileReport(name, tuple(exc.problems), None, exc.exit_code is ExitCode.USAGE)
    problems = check_ledger(loaded.ledger, root, name, as_of=as_of)
    return FileReport(name, tuple(problems), loaded.ledger)


def validate_path(path: str | Path, *, as_of: date) -> FileReport:
    """Read (``-``: standard input) and validate one ledger file."""
    name = display_name(path)
    try:
        text = decode(read_bytes(path), name)
    except LedgerError as exc:
        return FileReport(name, tuple(exc.problems), None, exc.exit_code is ExitCode.USAGE)
    return validate_text(text, name, as_of=as_of)


def require_valid(text: str, name: str, *, as_of: date) -> LoadedLedger:
    """The ledger in ``text`` if it has no errors, else a LedgerError with every problem.

    For commands that write a ledger: they must never write one that ``hanoi validate`` rejects.
    """
    report = validate_text(text, name, as_of=as_of)
    if report.errors or report.ledger is None:
        raise LedgerError(list(report.errors) or list(report.problems))
    return LoadedLedger(ledger=report.ledger, name=name)
