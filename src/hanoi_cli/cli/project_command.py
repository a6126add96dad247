"""``hanoi project``: what if these participants deposited on these dates?"""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Any, Optional

import typer

from hanoi_cli.cli.guard import UsageProblem, guarded, report_problems, tell_notes
from hanoi_cli.cli.options import (
    LEDGER_HELP,
    FormatChoice,
    as_of_option,
    as_of_or_today,
    format_choices,
    lang_option,
    parse_as_of,
    value_parser,
)
from hanoi_cli.render import projection as render_projection

if TYPE_CHECKING:
    ProjectFormat = FormatChoice  # to the type checker, one of the formats; to Typer, this command's choices
else:
    ProjectFormat = format_choices("ProjectFormat", render_projection.RENDERERS)


_parse_assumption = value_parser("hanoi_cli.core.rules.scenario", "parse_assumption")
_parse_pace = value_parser("hanoi_cli.core.rules.scenario", "parse_pace")


def project(
    ledger: Optional[str] = typer.Argument(None, metavar="LEDGER", help=LEDGER_HELP, show_default=False),
    assume: list[str] = typer.Option(
        [],
        "--assume",
        "-a",
        metavar="WHO=[TYPE:]DATE",
        parser=_parse_assumption,
        help="A hypothetical deposit: FRA=2027-01-10 (a ratification) or GHA=accession:2027-02-01; a code "
        "in any case or a name, as hanoi record finds participants. Repeatable.",
    ),
    assume_file: Optional[str] = typer.Option(
        None, "--assume-file", metavar="FILE", help="A scenario file (YAML) of assumed deposits."
    ),
    pace: Optional[str] = typer.Option(
        None,
        "--pace",
        metavar="N/month",
        parser=_parse_pace,
        help="N more counted instruments a month from the as-of date, spread evenly.",
    ),
    as_of: Optional[date] = as_of_option(),
    output_format: ProjectFormat = typer.Option("table", "--format", "-f", case_sensitive=False, help="Output format."),
    fail_if_later_than: Optional[date] = typer.Option(
        None,
        "--fail-if-later-than",
        metavar="DATE",
        parser=parse_as_of,
        help="Exit 1 if the projected entry into force is later than DATE, or never reached (a CI gate).",
    ),
    lang: Optional[str] = lang_option(),
) -> None:
    """Project entry into force under hypothetical deposits.

    Assumed deposits are laid over the record; the ledger is never written."""
    assumptions: list[Any] = list(assume)
    parsed_pace: Any = pace
    with guarded(json_errors=output_format == "json"):
        from hanoi_cli.cli.options import read_ledger_path
        from hanoi_cli.core.commands.project import NothingToProject
        from hanoi_cli.core.commands.project import project as run_project

        as_of = as_of_or_today(as_of)
        try:
            result = run_project(
                read_ledger_path(ledger),
                as_of,
                assumptions,
                parsed_pace,
                scenario_file=assume_file,
                fail_if_later_than=fail_if_later_than,
            )
        except NothingToProject as exc:
            raise UsageProblem(str(exc)) from None
        report_problems(list(result.warnings))
        renderers = render_projection.RENDERERS
        if lang is not None:
            from hanoi_cli.core.payloads.localized import words_for

            renderers = render_projection.renderers_for(words_for(lang))
        renderers[output_format.value](result, sys.stdout)
        tell_notes(result.notes)
        if result.exit_code:
            raise typer.Exit(result.exit_code)
