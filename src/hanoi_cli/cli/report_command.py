"""``hanoi report``: one self-contained HTML page about one or more treaties, for publication."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Optional

import typer

from hanoi_cli.cli.guard import UsageProblem, guarded
from hanoi_cli.cli.options import LEDGER_HELP, as_of_option, as_of_or_today, stdin_at_most_once

SEED_HELP = "Random seed of the forecast (with --forecast): the same seed gives the same page."


def report(
    ledgers: Optional[list[str]] = typer.Argument(
        None,
        metavar="[LEDGER]...",
        help=LEDGER_HELP + " With several, a summary table and one section each.",
        show_default=False,
    ),
    output: Path = typer.Option(..., "--output", "-o", metavar="FILE", help="The page to write: FILE.html."),
    as_of: Optional[date] = as_of_option(),
    with_forecast: bool = typer.Option(False, "--forecast", help="Add the forecast (hanoi forecast) to each treaty."),
    seed: Optional[int] = typer.Option(None, "--seed", min=0, help=SEED_HELP),
) -> None:
    """Write a one-file HTML page: status, chart and participants.

    The headline and sentence of hanoi status, progress toward the threshold, the chart inline as
    SVG, the participants with their dates, flags and sources, and the ledger's header notes. It
    fetches nothing: no script, no external style or font. Needs matplotlib and Jinja2:
    pip install 'hanoi-cli[charts]'."""
    with guarded():
        from hanoi_cli.cli.publishing import draw, tell_seed, write_output
        from hanoi_cli.core.commands.publish import load_for_publishing

        if output.suffix.lower() not in (".html", ".htm"):
            raise UsageProblem(f"--output must end in .html, not {output.name!r}")
        paths = list(ledgers or [None])  # type: ignore[list-item]
        stdin_at_most_once([path or "" for path in paths])
        as_of = as_of_or_today(as_of)
        if with_forecast and seed is None:  # one fresh seed for every treaty, told on stderr
            import random

            seed = random.SystemRandom().randrange(2**32)
            tell_seed(seed)
        from hanoi_cli.cli.options import read_ledger_path

        loaded = [
            load_for_publishing(read_ledger_path(path), as_of, with_forecast=with_forecast, seed=seed) for path in paths
        ]
        from hanoi_cli.core.rules.freshness import stale_warning

        for item in loaded:  # said on the page too
            stale = stale_warning(item.evaluation)
            if stale:
                sys.stderr.write(f"{item.name}: warning: {stale}\n")

        from hanoi_cli.core.reading.header_comment import header_comment
        from hanoi_cli.render.chart_image import inline_svg
        from hanoi_cli.render.html_page import TemplatesUnavailable, TreatyPage, render_page

        pages = []
        for index, item in enumerate(loaded):
            svg = inline_svg(draw([item.chart], "svg", svg_id=f"chart-{index + 1}"))
            sentence = notes = None
            if item.forecast is not None:
                from hanoi_cli.core.payloads.projection import forecast_sentence

                sentence, notes = forecast_sentence(item.forecast), item.forecast.notes
            pages.append(
                TreatyPage(
                    evaluation=item.evaluation,
                    chart_svg=svg,
                    header=header_comment(item.text),
                    source_name=Path(item.name).name,
                    forecast_sentence=sentence,
                    forecast_notes=notes or (),
                )
            )
        try:
            page = render_page(pages, as_of)
        except TemplatesUnavailable as exc:
            raise UsageProblem(str(exc)) from None
        write_output(output, page.encode("utf-8"))
