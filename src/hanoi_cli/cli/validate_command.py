"""``hanoi validate``: check ledgers before they are merged, locally, in pre-commit or in CI."""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import Enum
from typing import Optional

import typer

from hanoi_cli.cli.guard import UsageProblem, guarded
from hanoi_cli.cli.options import AS_OF_DEFAULT_HELP, as_of_option, as_of_or_today, renderer_for, stdin_at_most_once


class ValidateFormat(str, Enum):
    auto = "auto"
    text = "text"
    table = "table"
    json = "json"
    github = "github"


def _resolve_format(chosen: ValidateFormat, in_github_actions: bool) -> ValidateFormat:
    """``auto``: GitHub annotations inside GitHub Actions, plain text elsewhere."""
    if chosen is ValidateFormat.auto:
        return ValidateFormat.github if in_github_actions else ValidateFormat.text
    return chosen


def _colour_wanted() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def validate(
    paths: Optional[list[str]] = typer.Argument(
        None,
        metavar="[PATH]...",
        help="Ledger files to check (- for standard input). Default: $HANOI_LEDGER, else the shipped ledger.",
        show_default=False,
    ),
    output_format: ValidateFormat = typer.Option(
        ValidateFormat.auto,
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
    with guarded(json_errors=chosen is ValidateFormat.json):
        from hanoi_cli.cli.options import read_ledger_path
        from hanoi_cli.core.payloads.validation import validate_paths, worst_exit_code
        from hanoi_cli.core.rules.checks import parse_ignored

        as_of = as_of_or_today(as_of)
        targets = list(paths) if paths else [read_ledger_path(None)]
        stdin_at_most_once(targets)
        try:
            ignored = parse_ignored(ignore)
        except ValueError as exc:
            raise UsageProblem(str(exc), where="--ignore") from None
        reports = validate_paths(targets, as_of=as_of, ignore=ignored)

        from hanoi_cli.render import validation as render_validate

        renderers = {
            "human": lambda: render_validate.to_text(reports, strict=strict, colour=_colour_wanted()),
            "json": lambda: render_validate.to_json(reports, as_of=as_of, strict=strict),
            "github": lambda: render_validate.to_github(reports, strict=strict),
        }
        sys.stdout.write(renderers[renderer_for(chosen)]())
        if chosen is ValidateFormat.github or in_github_actions:
            render_validate.append_step_summary(reports, strict=strict)
        code = worst_exit_code(reports, strict=strict)
    raise typer.Exit(int(code))
