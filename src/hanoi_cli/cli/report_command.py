"""``hanoi report``: one self-contained HTML page about one or more treaties, for publication."""

from __future__ import annotations

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
    output: Path = typer.Option(
        ..., "--output", "-o", metavar="FILE", help="The page to write: FILE.html, or - for standard output."
    ),
    as_of: Optional[date] = as_of_option(),
    with_forecast: bool = typer.Option(False, "--forecast", help="Add the forecast (hanoi forecast) to each treaty."),
    seed: Optional[int] = typer.Option(None, "--seed", min=0, help=SEED_HELP),
    fragment: bool = typer.Option(
        False, "--fragment", help="Write the block alone, to embed in another page (no <html>, <head> or <body>)."
    ),
    with_map: bool = typer.Option(True, "--map/--no-map", help="Include the world map of the participants."),
    feed_url: Optional[str] = typer.Option(
        None, "--feed", metavar="URL", help="The address of the treaty's Atom feed (hanoi feed), linked from the page."
    ),
) -> None:
    """Write a one-file HTML page: status, chart and participants.

    The answer first (counted instruments of the threshold, entry into force or the forecast, the
    signature window, the record's age), then the chart and the world map inline as SVG, the
    participants (a table that becomes cards on a phone) with their dates, flags and sources, and
    the sources as numbered notes. It fetches nothing and needs no script: one file, for a screen
    or for print. Needs matplotlib and Jinja2: pip install 'hanoi-cli[charts]'."""
    with guarded():
        from hanoi_cli.cli.publishing import credit_of, draw, tell_seed, write_or_print
        from hanoi_cli.core.commands.publish import load_for_publishing

        if feed_url is not None:
            from urllib.parse import urlsplit

            if urlsplit(feed_url).scheme not in ("", "http", "https"):
                raise UsageProblem(f"--feed takes an http(s) address or a relative path, not {feed_url!r}")
        if str(output) != "-" and output.suffix.lower() not in (".html", ".htm"):
            raise UsageProblem(f"--output must end in .html (or be - for standard output), not {output.name!r}")
        paths = list(ledgers or [None])  # type: ignore[list-item]
        stdin_at_most_once([path or "" for path in paths])
        as_of = as_of_or_today(as_of)
        if with_forecast and seed is None:  # one fresh seed for every treaty, told on stderr
            import random

            seed = random.SystemRandom().randrange(2**32)
            tell_seed(seed)
        loaded = [load_for_publishing(path, as_of, with_forecast=with_forecast, seed=seed) for path in paths]

        from hanoi_cli.core.reading.header_comment import header_comment
        from hanoi_cli.core.rules.map_status import map_standings
        from hanoi_cli.core.rules.timeline import events
        from hanoi_cli.render import world_map
        from hanoi_cli.render.chart_image import PHONE, inline_svg
        from hanoi_cli.render.html_page import TemplatesUnavailable, TreatyPage, render_page

        pages = []
        for index, item in enumerate(loaded):
            credit = credit_of(item)
            svg = inline_svg(draw([item.chart], "svg", svg_id=f"chart-{index + 1}", source_line=credit))
            narrow = inline_svg(
                draw([item.chart], "svg", svg_id=f"chart-{index + 1}-narrow", size=PHONE, source_line=credit)
            )
            map_parts: dict = {}
            if with_map:
                standings = map_standings(item.evaluation)
                plan = world_map.plan(standings)
                map_parts = {
                    "map_svg": world_map.render_map_svg(
                        standings,
                        title=world_map.map_title(item.evaluation),
                        svg_id=f"map-{index + 1}",
                        legend=False,
                    ),
                    "map_legend": tuple(world_map.legend_classes(plan)),
                    "map_apart": tuple(world_map.reio_line(reio) for reio in plan.reios),
                    "not_on_map": world_map.not_on_map_line(plan),
                    "map_disclaimer": world_map.DISCLAIMER + " " + world_map.GEOMETRY_CREDIT + ".",
                }
            happened = [event.day for event in events(item.evaluation) if event.day <= item.evaluation.as_of]
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
                    chart_svg_narrow=narrow,
                    forecast_band=item.chart.band if item.chart.forecasts else None,
                    latest_event=max(happened, default=None),
                    **map_parts,
                )
            )
        try:
            page = render_page(pages, as_of, fragment=fragment, feed_url=feed_url)
        except TemplatesUnavailable as exc:
            raise UsageProblem(str(exc)) from None
        data = page.encode("utf-8")
        write_or_print(output, data, f"{len(data) // 1024} KB")
