"""``hanoi status``: how many instruments, and when the treaty enters into force."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from typing import Optional

import typer

from hanoi_cli.cli.guard import guarded, report_problems
from hanoi_cli.cli.options import LEDGER_HELP, as_of_option, as_of_or_today, stdin_at_most_once


class StatusFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


LEDGER_ARGUMENT_HELP = LEDGER_HELP + " With several, one summary row per treaty."
SUMMARY_HELP = "One summary row per treaty even for a single ledger (useful with a glob)."


def status(
    ledgers: Optional[list[str]] = typer.Argument(
        None, metavar="[LEDGER]...", help=LEDGER_ARGUMENT_HELP, show_default=False
    ),
    as_of: Optional[date] = as_of_option(),
    output_format: StatusFormat = typer.Option(
        StatusFormat.table, "--format", "-f", case_sensitive=False, help="Output format."
    ),
    summary: bool = typer.Option(False, "--summary", help=SUMMARY_HELP),
) -> None:
    """Counted instruments, entry into force and every participant.

    With several ledgers (or --summary), one row per treaty: counted instruments out of the
    threshold, status, threshold date and date of entry into force. A ledger that cannot be used
    keeps its row, marked invalid or unreadable, and its problems go to stderr; the exit code is
    the worst of all.
    """
    paths = ledgers or []
    many = summary or len(paths) > 1
    with guarded(json_errors=output_format is StatusFormat.json and not many):
        from hanoi_cli.core.reading.ledger_paths import resolve_ledger

        stdin_at_most_once(paths)
        as_of = as_of_or_today(as_of)
        if many:
            _summary([resolve_ledger(path) for path in paths] or [resolve_ledger(None)], as_of, output_format)
            return

        from hanoi_cli.core.reading.loader import read_ledger
        from hanoi_cli.core.rules.engine import evaluate

        loaded = read_ledger(resolve_ledger(paths[0] if paths else None))
        evaluation = evaluate(loaded.ledger, as_of)

        from hanoi_cli.render import status as render_status

        if output_format is StatusFormat.table:
            render_status.print_table(evaluation)
        elif output_format is StatusFormat.json:
            sys.stdout.write(render_status.to_json(evaluation))
        elif output_format is StatusFormat.csv:
            sys.stdout.write(render_status.to_csv(evaluation))
        else:
            sys.stdout.write(render_status.to_markdown(evaluation))


def _summary(paths: list[str], as_of: date, output_format: StatusFormat) -> None:
    """One row per ledger on stdout, every problem on stderr, and the worst exit code."""
    from hanoi_cli.core.payloads.many_ledgers import summarise, worst_exit_code
    from hanoi_cli.render import many_ledgers as render_summary

    rows = summarise(paths, as_of)
    if output_format is StatusFormat.table:
        render_summary.print_table(rows, as_of)
    elif output_format is StatusFormat.json:
        sys.stdout.write(render_summary.to_json(rows, as_of))
    elif output_format is StatusFormat.csv:
        sys.stdout.write(render_summary.to_csv(rows))
    else:
        sys.stdout.write(render_summary.to_markdown(rows, as_of))
    report_problems([problem for row in rows for problem in row.problems])
    code = worst_exit_code(rows)
    if code:
        raise typer.Exit(code)
