"""``hanoi status``: how many instruments, and when the treaty enters into force."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from typing import Optional

import typer

from hanoi_cli.cli.guard import UsageProblem, guarded


class StatusFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


def parse_as_of(value: str) -> date:
    """Parser for ``--as-of``: strict YYYY-MM-DD, a usage error (exit 2) otherwise."""
    from hanoi_cli.core.dates import parse_iso_date

    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


LEDGER_ARGUMENT_HELP = (
    "Ledger file (YAML), or - for standard input. Default: $HANOI_LEDGER, else the Hanoi "
    "Convention ledger shipped with hanoi."
)
AS_OF_HELP = "Evaluate as of this date (YYYY-MM-DD); events after it are ignored. Default: today, or $HANOI_TODAY."


def status(
    ledger: Optional[str] = typer.Argument(None, metavar="LEDGER", help=LEDGER_ARGUMENT_HELP, show_default=False),
    as_of: Optional[date] = typer.Option(None, "--as-of", metavar="DATE", help=AS_OF_HELP, parser=parse_as_of),
    output_format: StatusFormat = typer.Option(
        StatusFormat.table, "--format", "-f", case_sensitive=False, help="Output format."
    ),
) -> None:
    """Show counted instruments, the entry-into-force date and every participant."""
    with guarded(json_errors=output_format is StatusFormat.json):
        from hanoi_cli.core.dates import resolve_today
        from hanoi_cli.core.engine import evaluate
        from hanoi_cli.core.loader import load_ledger
        from hanoi_cli.core.sources import resolve_ledger

        if as_of is None:
            try:
                as_of = resolve_today()
            except ValueError as exc:
                raise UsageProblem(str(exc)) from None
        loaded = load_ledger(resolve_ledger(ledger))
        evaluation = evaluate(loaded.ledger, as_of)

        from hanoi_cli.cli import render_status

        if output_format is StatusFormat.table:
            render_status.print_table(evaluation)
        elif output_format is StatusFormat.json:
            sys.stdout.write(render_status.to_json(evaluation))
        elif output_format is StatusFormat.csv:
            sys.stdout.write(render_status.to_csv(evaluation))
        else:
            sys.stdout.write(render_status.to_markdown(evaluation))
