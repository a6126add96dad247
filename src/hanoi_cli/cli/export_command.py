"""``hanoi export``: the tidy table of every action (or a participant-year panel) for analysis."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Optional

import typer

from hanoi_cli.cli.guard import guarded
from hanoi_cli.cli.options import (
    LEDGER_HELP,
    FormatChoice,
    as_of_option,
    as_of_or_today,
    format_choices,
    stdin_at_most_once,
)
from hanoi_cli.render import export as render_export

if TYPE_CHECKING:
    ExportFormat = FormatChoice  # to the type checker, one of the formats; to Typer, this command's choices
else:
    ExportFormat = format_choices("ExportFormat", render_export.RENDERERS)

PANEL_HELP = "One row per participant and year (status on 31 December, or the as-of date) instead of one per action."


def export(
    ledgers: Optional[list[str]] = typer.Argument(
        None,
        metavar="[LEDGER]...",
        help=LEDGER_HELP + " With several, their rows one after the other.",
        show_default=False,
    ),
    as_of: Optional[date] = as_of_option(),
    output_format: ExportFormat = typer.Option("csv", "--format", "-f", case_sensitive=False, help="Output format."),
    panel: bool = typer.Option(False, "--panel", help=PANEL_HELP),
) -> None:
    """Tidy CSV or JSON for analysis: one row per action or per year.

    Columns of the event table: treaty, participant, code, kind, action, date, date_earliest,
    counted, source, evidence. A signature known only to a span of days has date (its last day) and
    date_earliest (its first); dates are YYYY-MM-DD, which pandas and R parse as dates.
    """
    with guarded(json_errors=output_format == "json"):
        from hanoi_cli.cli.options import read_ledger_path
        from hanoi_cli.core.commands.export import export as run_export

        paths = ledgers or []
        stdin_at_most_once(paths)
        as_of = as_of_or_today(as_of)
        result = run_export([read_ledger_path(path) for path in paths] or [read_ledger_path(None)], as_of, panel=panel)
        render_export.RENDERERS[output_format.value](result, sys.stdout)
