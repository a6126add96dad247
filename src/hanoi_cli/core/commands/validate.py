"""Everything ``hanoi validate`` checks in one ledger, as a report of located problems.

The same entry points serve the edit transaction (``hanoi record`` and ``hanoi fmt`` refuse to
write what this module rejects), so a ledger is judged the same way wherever it is touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from hanoi_cli.core.ledger.models import Ledger
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem, in_file_order
from hanoi_cli.core.reading.loader import collector_paused, display_name, read_ledger

if TYPE_CHECKING:
    from hanoi_cli.core.rules.checks import Finding


@dataclass(frozen=True)
class ValidationResult:
    """The outcome for one file: its problems (errors and warnings) and, if it parsed, the ledger."""

    name: str
    problems: tuple[Problem, ...] = ()
    ledger: Optional[Ledger] = None
    unreadable: bool = False  # could not be read at all (exit code 2)

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


def validate_ledger(
    path: str | Path | None = None,
    *,
    text: Optional[str] = None,
    name: Optional[str] = None,
    as_of: date,
    ignore: frozenset[str] = frozenset(),
    located: bool = True,
    warnings: bool = True,
) -> ValidationResult:
    """Read (a ``path``, ``-`` for standard input, or ``text``), model and check one ledger;
    never raises for a bad ledger.

    A ledger read from a path may come from the cache; its YAML is then composed only if there
    are problems to locate, so checking a sound ledger costs little more than ``hanoi status``.
    The checks whose codes are in ``ignore`` are left out (``hanoi validate --ignore``). Without
    ``located`` the checks' problems have no line and column, and the YAML is never kept or
    composed for them (a caller that only counts problems: an edit of a ledger that had some).
    Without ``warnings`` only errors are reported (and the checks that only warn are not made).
    """
    from hanoi_cli.core.rules.checks import check_ledger

    label = name or (display_name(path) if path is not None else "<ledger>")
    try:
        loaded = read_ledger(path, text=text, name=label, keep_nodes=located)
    except LedgerError as exc:
        return ValidationResult(label, tuple(exc.problems), None, exc.exit_code is ExitCode.USAGE)
    findings = check_ledger(loaded.ledger, as_of=as_of, ignore=ignore, warnings=warnings)
    if not findings:
        return ValidationResult(label, (), loaded.ledger)
    if not located:
        unlocated = (Problem(item.code, item.message, label, severity=item.severity) for item in findings)
        return ValidationResult(label, tuple(unlocated), loaded.ledger)
    return ValidationResult(label, tuple(locate(findings, loaded.root(), label)), loaded.ledger)


def validate_paths(paths: list[str], *, as_of: date, ignore: frozenset[str] = frozenset()) -> list[ValidationResult]:
    """Validate many files, leaving out the checks in ``ignore``; the collector is paused across
    the batch (see ``loader``)."""
    with collector_paused():
        return [validate_ledger(path, as_of=as_of, ignore=ignore) for path in paths]


@dataclass(frozen=True)
class ValidateResult:
    """A ``hanoi validate`` run: one report per file, in order, judged as of ``as_of``;
    ``strict``: warnings count as errors (exit 1)."""

    reports: list[ValidationResult]
    as_of: date
    strict: bool = False

    @property
    def exit_code(self) -> ExitCode:
        return worst_exit_code(self.reports, strict=self.strict)


def validate(
    paths: list[str], *, as_of: date, strict: bool = False, ignore: frozenset[str] = frozenset()
) -> ValidateResult:
    """Check every file in ``paths`` (``-``: standard input), leaving out the checks in ``ignore``."""
    return ValidateResult(validate_paths(paths, as_of=as_of, ignore=ignore), as_of, strict)


def worst_exit_code(reports: list[ValidationResult], *, strict: bool = False) -> ExitCode:
    """The exit code for a run over several files: unreadable (2) beats problems (1) beats ok (0)."""
    return max((report.exit_code(strict=strict) for report in reports), default=ExitCode.OK)


def locate(findings: list[Finding], root: Any, name: str) -> list[Problem]:
    """Findings as problems at line and column (through the YAML ``root`` node), in file order."""
    from hanoi_cli.core.reading.positions import follow, format_path, position

    problems = []
    for finding in findings:
        key_node, value_node, parent, parts = follow(root, list(finding.loc), last_is_key=False)
        node = value_node if value_node is not None else (key_node or parent)
        at = position(root, node)
        line, column = (at[0] + 1, at[1] + 1) if at is not None else (None, None)
        path = format_path(parts) or None
        problems.append(Problem(finding.code, finding.message, name, line, column, path, finding.severity))
    return in_file_order(problems)
