"""``hanoi validate``: check ledgers before they are merged, locally, in pre-commit or in CI."""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import TYPE_CHECKING, Optional

import typer

from hanoi_cli.cli.guard import UsageProblem, guarded
from hanoi_cli.cli.options import (
    AS_OF_DEFAULT_HELP,
    FormatChoice,
    as_of_option,
    as_of_or_today,
    format_choices,
    stdin_at_most_once,
)
from hanoi_cli.render import validation as render_validate

if TYPE_CHECKING:
    ValidateFormat = FormatChoice  # to the type checker, one of the formats; to Typer, this command's choices
else:
    ValidateFormat = format_choices("ValidateFormat", render_validate.RENDERERS, first=("auto",))


def _resolve_format(chosen: ValidateFormat, in_github_actions: bool) -> str:
    """The renderer's name; ``auto``: GitHub annotations inside GitHub Actions, plain text elsewhere."""
    if chosen == "auto":
        return "github" if in_github_actions else "text"
    return chosen.value


def validate(
    paths: Optional[list[str]] = typer.Argument(
        None,
        metavar="[PATH]...",
        help="Ledger files to check (- for standard input). Default: $HANOI_LEDGER, else the shipped ledger.",
        show_default=False,
    ),
    output_format: ValidateFormat = typer.Option(
        "auto",
        "--format",
        "-f",
        case_sensitive=False,
        help="auto (github inside GitHub Actions, else text), text, json or github.",
    ),
    strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors (exit 1)."),
    ignore: list[str] = typer.Option(
        [],
        "--ignore",
        metavar="CODE",
        help="Leave out a treaty check by its code, e.g. --ignore accession-by-signatory. Repeatable.",
    ),
    as_of: Optional[date] = as_of_option(
        "Check as of this date (YYYY-MM-DD): a date after it is an error (date-after-as-of). " + AS_OF_DEFAULT_HELP
    ),
) -> None:
    """Check ledgers: YAML, schema, dates, codes and treaty rules.

    Exit 0 when every file is valid, 1 when errors were found (warnings too with --strict),
    2 when a file cannot be read.
    """
    in_github_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    chosen = _resolve_format(output_format, in_github_actions)
    with guarded(json_errors=chosen == "json"):
        from hanoi_cli.cli.options import read_ledger_path
        from hanoi_cli.core.commands.validate import validate as run_validate
        from hanoi_cli.core.rules.checks import parse_ignored

        as_of = as_of_or_today(as_of)
        targets = list(paths) if paths else [read_ledger_path(None)]
        stdin_at_most_once(targets)
        try:
            ignored = parse_ignored(ignore)
        except ValueError as exc:
            raise UsageProblem(str(exc), where="--ignore") from None
        result = run_validate(targets, as_of=as_of, strict=strict, ignore=ignored)
        render_validate.RENDERERS[chosen](result, sys.stdout)
        if chosen == "github" or in_github_actions:
            render_validate.append_step_summary(result.reports, strict=strict)
    raise typer.Exit(int(result.exit_code))
