"""``hanoi timeline``: every event in date order, and a chart of counted instruments."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Optional

import typer

from hanoi_cli.cli.guard import guarded
from hanoi_cli.cli.options import LEDGER_HELP, FormatChoice, as_of_option, as_of_or_today, format_choices
from hanoi_cli.render import timeline as render_timeline

if TYPE_CHECKING:
    TimelineFormat = FormatChoice  # to the type checker, one of the formats; to Typer, this command's choices
else:
    TimelineFormat = format_choices("TimelineFormat", render_timeline.RENDERERS)


def timeline(
    ledger: Optional[str] = typer.Argument(None, metavar="LEDGER", help=LEDGER_HELP, show_default=False),
    as_of: Optional[date] = as_of_option(),
    output_format: TimelineFormat = typer.Option(
        "table", "--format", "-f", case_sensitive=False, help="Output format."
    ),
    with_forecast: bool = typer.Option(False, "--forecast", help="Add the forecast's 80% band for the threshold date."),
    seed: Optional[int] = typer.Option(None, "--seed", min=0, help="Random seed of the forecast (with --forecast)."),
) -> None:
    """Every event in order with the running count, and a chart."""
    with guarded(json_errors=output_format == "json"):
        from hanoi_cli.cli.options import read_ledger_path
        from hanoi_cli.core.commands.timeline import timeline as run_timeline

        as_of = as_of_or_today(as_of)
        result = run_timeline(read_ledger_path(ledger), as_of, with_forecast=with_forecast, seed=seed)
        render_timeline.RENDERERS[output_format.value](result, sys.stdout)
