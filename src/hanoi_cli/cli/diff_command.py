"""``hanoi diff``: what a change to a ledger does, for the reviewer of a pull request."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Optional

import typer

from hanoi_cli.cli.guard import UsageProblem, guarded, tell_notes
from hanoi_cli.cli.options import FormatChoice, as_of_option, as_of_or_today, format_choices, stdin_at_most_once
from hanoi_cli.render import diff as render_diff

if TYPE_CHECKING:
    DiffFormat = FormatChoice  # to the type checker, one of the formats; to Typer, this command's choices
else:
    DiffFormat = format_choices("DiffFormat", render_diff.RENDERERS)


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
    output_format: DiffFormat = typer.Option("text", "--format", "-f", case_sensitive=False, help="Output format."),
    exit_code: bool = typer.Option(
        False, "--exit-code", help="Exit 1 when the ledgers' data differ, 0 when not (like git diff --exit-code)."
    ),
) -> None:
    """What changed between two ledgers, and its effect."""
    with guarded(json_errors=output_format == "json"):
        from hanoi_cli.core.commands.diff import diff as run_diff

        if base is not None and len(paths) != 1:
            raise UsageProblem("with --base, give one ledger: hanoi diff NEW --base REF")
        if base is None and len(paths) != 2:
            raise UsageProblem("give two ledgers, hanoi diff OLD NEW, or one with --base REF")
        if base is not None and paths[0] == "-":
            raise UsageProblem("--base needs a file in a git repository, not standard input")
        stdin_at_most_once(paths, "only one side can be read from standard input (-)")
        as_of = as_of_or_today(as_of)

        old, new = (None, paths[0]) if base is not None else (paths[0], paths[1])
        result = run_diff(new, old=old, base=base, as_of=as_of, fail_on_change=exit_code)
        tell_notes(result.notes)
        render_diff.RENDERERS[output_format.value](result, sys.stdout)
    if result.exit_code:
        raise typer.Exit(result.exit_code)
