"""``hanoi forecast``: when will the threshold be reached, with what uncertainty?"""

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
    lang_option,
    ledger_or_treaty,
    parse_as_of,
    treaty_option,
)
from hanoi_cli.render import forecast as render_forecast

if TYPE_CHECKING:
    ForecastFormat = FormatChoice  # to the type checker, one of the formats; to Typer, this command's choices
else:
    ForecastFormat = format_choices("ForecastFormat", render_forecast.RENDERERS)


def forecast(
    ledger: Optional[str] = typer.Argument(None, metavar="LEDGER", help=LEDGER_HELP, show_default=False),
    as_of: Optional[date] = as_of_option(),
    by: Optional[date] = typer.Option(
        None, "--by", metavar="DATE", parser=parse_as_of, help="Also give the probability of entry into force by DATE."
    ),
    seed: Optional[int] = typer.Option(
        None,
        "--seed",
        min=0,
        help="Random seed: the same seed gives the same output. Default: derived from the ledger and the as-of date, so the same question gives the same answer.",
    ),
    simulations: int = typer.Option(20_000, "--simulations", min=100, max=1_000_000, help="Monte Carlo draws."),
    output_format: ForecastFormat = typer.Option(
        "table", "--format", "-f", case_sensitive=False, help="Output format."
    ),
    treaty: Optional[str] = treaty_option(),
    lang: Optional[str] = lang_option(),
) -> None:
    """Forecast entry into force: the median and an 80% interval."""
    with guarded(json_errors=output_format == "json"):
        from hanoi_cli.cli.options import read_ledger_path
        from hanoi_cli.core.commands.forecast import forecast as run_forecast

        as_of = as_of_or_today(as_of)
        path = read_ledger_path(ledger_or_treaty(ledger, treaty))
        result = run_forecast(path, as_of, simulations=simulations, seed=seed, by=by)
        renderers = render_forecast.RENDERERS
        if lang is not None:
            from hanoi_cli.core.payloads.localized import words_for

            renderers = render_forecast.renderers_for(words_for(lang))
        renderers[output_format.value](result, sys.stdout)
        from hanoi_cli.core.rules.freshness import stale_warning

        stale = stale_warning(result.evaluation, "hanoi sync" + (f" {ledger}" if ledger else ""))
        if stale:  # a forecast from an old record reads its silence as a slow treaty: say so, as status does
            sys.stderr.write(f"{path}: warning: {stale}\n")
