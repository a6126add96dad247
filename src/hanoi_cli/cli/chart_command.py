"""``hanoi chart``: the ledger's counted instruments as a picture (SVG or PNG) for publication."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from hanoi_cli.cli.guard import UsageProblem, guarded
from hanoi_cli.cli.options import LEDGER_HELP, as_of_option, as_of_or_today, stdin_at_most_once

SEED_HELP = "Random seed of the forecast (with --forecast): the same seed gives the same picture."
IMAGE_SUFFIXES = {".svg": "svg", ".png": "png"}


class AlignBy(str, Enum):
    opening = "opening"
    calendar = "calendar"


def chart(
    ledger: Optional[str] = typer.Argument(None, metavar="LEDGER", help=LEDGER_HELP, show_default=False),
    output: Path = typer.Option(
        ..., "--output", "-o", metavar="FILE", help="The picture to write: FILE.svg or FILE.png."
    ),
    as_of: Optional[date] = as_of_option(),
    with_forecast: bool = typer.Option(
        False,
        "--forecast",
        help="Draw the forecast (hanoi forecast) as a fan: the 10/50/90% paths of the count to the threshold.",
    ),
    seed: Optional[int] = typer.Option(None, "--seed", min=0, help=SEED_HELP),
    compare: Optional[list[str]] = typer.Option(
        None, "--compare", metavar="LEDGER", help="Another treaty's ledger to draw on the same axes (repeatable)."
    ),
    align: Optional[AlignBy] = typer.Option(
        None,
        "--align",
        case_sensitive=False,
        help="x axis: days since opening for signature (the default with --compare) or calendar dates.",
    ),
) -> None:
    """Draw the ledger's counted instruments as an SVG or PNG chart.

    A step line of counted instruments, the threshold, the threshold date, the date of entry into
    force and the as-of date; with --forecast, for a treaty not yet at its threshold, a fan of the
    10/50/90% paths of the count from today to the threshold (hanoi forecast's model); with
    --compare other treaties as a share of their own threshold. Needs matplotlib:
    pip install 'hanoi-cli[charts]'."""
    with guarded():
        from hanoi_cli.cli.publishing import draw, draw_fan, tell_seed, write_output
        from hanoi_cli.core.commands.publish import load_for_publishing

        image_format = IMAGE_SUFFIXES.get(output.suffix.lower())
        if image_format is None:
            raise UsageProblem(f"--output must end in .svg or .png, not {output.name!r}")
        stdin_at_most_once([ledger or "", *(compare or [])])
        as_of = as_of_or_today(as_of)
        from hanoi_cli.cli.options import read_ledger_path

        first = load_for_publishing(read_ledger_path(ledger), as_of, with_forecast=with_forecast, seed=seed)
        if first.forecast is not None and first.forecast.draws and not compare:
            write_output(output, draw_fan(first.forecast, image_format))  # a fan, while there is a forecast
        else:
            charts = [first.chart]
            charts += [load_for_publishing(other, as_of).chart for other in compare or []]
            write_output(output, draw(charts, image_format, align=align.value if align else None))
        if first.forecast is not None and seed is None:
            tell_seed(first.forecast.seed)
