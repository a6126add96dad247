"""``hanoi timeline``: every event in date order, and a chart of counted instruments."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from typing import Optional

import typer

from hanoi_cli.cli.guard import guarded
from hanoi_cli.cli.options import LEDGER_HELP, as_of_option, as_of_or_today, renderer_for


class TimelineFormat(str, Enum):
    table = "table"
    text = "text"
    csv = "csv"
    json = "json"


def timeline(
    ledger: Optional[str] = typer.Argument(None, metavar="LEDGER", help=LEDGER_HELP, show_default=False),
    as_of: Optional[date] = as_of_option(),
    output_format: TimelineFormat = typer.Option(
        TimelineFormat.table, "--format", "-f", case_sensitive=False, help="Output format."
    ),
    with_forecast: bool = typer.Option(False, "--forecast", help="Add the forecast's 80% band for the threshold date."),
    seed: Optional[int] = typer.Option(None, "--seed", min=0, help="Random seed of the forecast (with --forecast)."),
) -> None:
    """Every event in order with the running count, and a chart."""
    with guarded(json_errors=output_format is TimelineFormat.json):
        from hanoi_cli.cli.options import read_ledger_path
        from hanoi_cli.core.reading.loader import read_ledger
        from hanoi_cli.core.rules.engine import evaluate
        from hanoi_cli.core.rules.timeline import events

        as_of = as_of_or_today(as_of)
        loaded = read_ledger(read_ledger_path(ledger))
        result = None
        if with_forecast:
            from hanoi_cli.core.rules.forecast import forecast

            result = forecast(loaded.ledger, as_of, seed=seed)
            evaluation = result.evaluation  # the forecast has evaluated the ledger already
        else:
            evaluation = evaluate(loaded.ledger, as_of)
        found = events(evaluation)

        from hanoi_cli.render import timeline as render_timeline

        renderers = {
            "human": lambda: render_timeline.print_timeline(evaluation, found, result),
            "csv": lambda: sys.stdout.write(render_timeline.to_csv(found)),
            "json": lambda: sys.stdout.write(render_timeline.to_json(evaluation, found, result)),
        }
        renderers[renderer_for(output_format)]()
