"""``hanoi diff``: two ledgers (or one and its git revision) compared, and the effect of the change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Optional

from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem

if TYPE_CHECKING:
    from hanoi_cli.core.ledger.models import Ledger
    from hanoi_cli.core.rules.ledger_diff import LedgerDiff


@dataclass(frozen=True)
class DiffResult:
    """What changed from ``old_name`` to ``new_name`` and its effect as of the date (``diff``);
    ``new_file``: the base revision lacks the file, so every participant is added; ``exit_code``:
    1 when asked to fail on a change and the data differ."""

    diff: LedgerDiff
    old_name: str
    new_name: str
    new_file: bool = False
    warnings: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()
    exit_code: ExitCode = ExitCode.OK


def diff(
    new: str, *, old: Optional[str] = None, base: Optional[str] = None, as_of: date, fail_on_change: bool = False
) -> DiffResult:
    """Compare ``old`` (a path, ``-``: standard input) or ``new`` at git revision ``base`` with ``new``."""
    from hanoi_cli.core.rules.ledger_diff import diff_ledgers, empty_like

    old_ledger, new_ledger, old_name, new_name = _load_both(old, new, base)
    new_file = old_ledger is None
    if old_ledger is None:  # a file the base revision does not have: compare with no participants
        old_ledger = empty_like(new_ledger)
    result = diff_ledgers(old_ledger, new_ledger, as_of)
    notes = (f"note: {old_name} does not exist: every participant is shown as added",) if new_file else ()
    code = ExitCode.PROBLEMS if fail_on_change and result.has_changes else ExitCode.OK
    return DiffResult(result, old_name, new_name, new_file, (), notes, code)


def _load_side(path: str) -> tuple[Ledger, str]:
    """A validated ledger from a path (``-``: standard input) and its display name."""
    from hanoi_cli.core.reading.loader import read_ledger

    loaded = read_ledger(path)
    return loaded.ledger, loaded.name


def _load_revision(path: str, revision: str) -> tuple[Optional[Ledger], str]:
    """The ledger at ``path`` as of git ``revision``: ``(None, name)`` if the revision lacks it."""
    from hanoi_cli.core.reading.git_revision import read_at_revision
    from hanoi_cli.core.reading.loader import read_ledger

    found = read_at_revision(path, revision)
    if found.data is None:
        return None, found.name
    return read_ledger(data=found.data, name=found.name).ledger, found.name


def _load_both(old: Optional[str], new: str, base: Optional[str]) -> tuple[Optional[Ledger], Ledger, str, str]:
    """Both sides, or one LedgerError with the problems of both (exit 2 if either is unreadable).

    The old side is ``None`` when ``--base`` names a revision that does not have the file.
    """
    problems: list[Problem] = []
    worst = ExitCode.OK

    def attempt(load: Callable[..., Any], *args: Optional[str]) -> Any:
        nonlocal worst
        try:
            return load(*args)
        except LedgerError as exc:
            problems.extend(problem for problem in exc.problems if problem not in problems)
            worst = max(worst, exc.exit_code)
            return None

    old_side = attempt(_load_revision, new, base) if base is not None else attempt(_load_side, old)
    new_side = attempt(_load_side, new)
    if problems:
        raise LedgerError(problems, ExitCode(worst))
    return old_side[0], new_side[0], old_side[1], new_side[1]
