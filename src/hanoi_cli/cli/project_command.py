"""``hanoi project``: what if these participants deposited on these dates?"""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from typing import Any, Optional

import typer

from hanoi_cli.cli.guard import UsageProblem, guarded, report_problems
from hanoi_cli.cli.options import LEDGER_HELP, as_of_option, as_of_or_today, parse_as_of, renderer_for, value_parser


class ProjectFormat(str, Enum):
    table = "table"
    text = "text"
    json = "json"
    markdown = "markdown"


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
    output_format: ProjectFormat = typer.Option(
        ProjectFormat.table, "--format", "-f", case_sensitive=False, help="Output format."
    ),
    fail_if_later_than: Optional[date] = typer.Option(
        None,
        "--fail-if-later-than",
        metavar="DATE",
        parser=parse_as_of,
        help="Exit 1 if the projected entry into force is later than DATE, or never reached (a CI gate).",
    ),
) -> None:
    """Project entry into force under hypothetical deposits.

    Assumed deposits are laid over the record; the ledger is never written."""
    assumptions: list[Any] = list(assume)
    parsed_pace: Any = pace
    with guarded(json_errors=output_format is ProjectFormat.json):
        from hanoi_cli.cli.options import read_ledger_path
        from hanoi_cli.core.reading.loader import read_ledger
        from hanoi_cli.core.rules.scenario import load_scenario
        from hanoi_cli.core.rules.scenario import project as run_projection

        as_of = as_of_or_today(as_of)
        if assume_file is not None:
            assumptions = [*load_scenario(assume_file), *assumptions]
        if not assumptions and parsed_pace is None:
            raise UsageProblem("nothing to project: give --assume, --assume-file or --pace")
        loaded = read_ledger(read_ledger_path(ledger))
        projection = run_projection(loaded.ledger, as_of, assumptions, parsed_pace)
        report_problems(list(projection.warnings))

        from hanoi_cli.render import projection as render_projection

        renderers = {
            "human": lambda: render_projection.print_projection(projection),
            "json": lambda: sys.stdout.write(render_projection.projection_json(projection)),
            "markdown": lambda: sys.stdout.write(render_projection.projection_markdown(projection)),
        }
        renderers[renderer_for(output_format)]()

        if fail_if_later_than is not None:
            projected = projection.projected.entry_into_force
            if projected is None or projected > fail_if_later_than:
                when = projected.isoformat() if projected is not None else "never under these assumptions"
                sys.stderr.write(
                    f"Projected entry into force ({when}) is later than {fail_if_later_than.isoformat()}.\n"
                )
                raise typer.Exit(1)
