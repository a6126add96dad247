"""``hanoi diff``: what a change to a ledger does, for the reviewer of a pull request."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any, Optional

import typer

from hanoi_cli.cli.guard import UsageProblem, guarded
from hanoi_cli.cli.options import as_of_option, as_of_or_today, renderer_for, stdin_at_most_once

if TYPE_CHECKING:
    from hanoi_cli.core.ledger.models import Ledger
    from hanoi_cli.core.ledger.problems import Problem


class DiffFormat(str, Enum):
    text = "text"
    table = "table"
    markdown = "markdown"
    json = "json"


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
    from hanoi_cli.core.ledger.problems import ExitCode, LedgerError

    problems: list[Problem] = []
    worst = ExitCode.OK

    def attempt(load: Callable[..., Any], *args: str) -> Any:
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


def diff(
    paths: list[str] = typer.Argument(
        ...,
        metavar="OLD NEW | NEW --base REF",
        help="Two ledger files (one may be - for standard input), or one with --base.",
        show_default=False,
    ),
    base: Optional[str] = typer.Option(
        None, "--base", metavar="REF", help="Compare NEW with the same path at this git revision (e.g. origin/main)."
    ),
    as_of: Optional[date] = as_of_option(),
    output_format: DiffFormat = typer.Option(
        DiffFormat.text, "--format", "-f", case_sensitive=False, help="Output format."
    ),
    exit_code: bool = typer.Option(
        False, "--exit-code", help="Exit 1 when the ledgers' data differ, 0 when not (like git diff --exit-code)."
    ),
) -> None:
    """What changed between two ledgers, and its effect."""
    with guarded(json_errors=output_format is DiffFormat.json):
        from hanoi_cli.core.rules.ledger_diff import diff_ledgers, empty_like

        if base is not None and len(paths) != 1:
            raise UsageProblem("with --base, give one ledger: hanoi diff NEW --base REF")
        if base is None and len(paths) != 2:
            raise UsageProblem("give two ledgers, hanoi diff OLD NEW, or one with --base REF")
        if base is not None and paths[0] == "-":
            raise UsageProblem("--base needs a file in a git repository, not standard input")
        stdin_at_most_once(paths, "only one side can be read from standard input (-)")
        as_of = as_of_or_today(as_of)

        old, new = (None, paths[0]) if base is not None else (paths[0], paths[1])
        old_ledger, new_ledger, old_name, new_name = _load_both(old, new, base)
        new_file = old_ledger is None
        if old_ledger is None:  # a file the base revision does not have: compare with no participants
            old_ledger = empty_like(new_ledger)
        result = diff_ledgers(old_ledger, new_ledger, as_of)
        if new_file:
            sys.stderr.write(f"note: {old_name} does not exist: every participant is shown as added\n")

        from hanoi_cli.render import diff as render_diff

        renderers = {
            "human": lambda: render_diff.print_text(result, old_name, new_name, new_file=new_file),
            "json": lambda: sys.stdout.write(render_diff.to_json(result, old_name, new_name, new_file=new_file)),
            "markdown": lambda: sys.stdout.write(
                render_diff.to_markdown(result, old_name, new_name, new_file=new_file)
            ),
        }
        renderers[renderer_for(output_format)]()
    if exit_code and result.has_changes:
        raise typer.Exit(1)
