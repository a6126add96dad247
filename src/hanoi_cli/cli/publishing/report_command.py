"""``hanoi report``: one self-contained HTML page about one or more treaties, for publication."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Optional

import typer

from hanoi_cli.cli.guard import UsageProblem, guarded
from hanoi_cli.cli.options import LEDGER_HELP, as_of_option, as_of_or_today, lang_option, stdin_at_most_once

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
    lang: Optional[str] = lang_option(),
) -> None:
    """Write a one-file HTML page: answer, chart, map and participants.

    The answer first (counted instruments of the threshold, entry into force or the forecast, the
    signature window, the record's age), then the chart and the world map inline as SVG, the
    participants (a table that becomes cards on a phone) with their dates, flags and sources, and
    the sources as numbered notes. It fetches nothing and needs no script: one file, for a screen
    or for print. Needs matplotlib and Jinja2: pip install 'hanoi-cli[charts]'."""
    with guarded():
        from hanoi_cli.cli.publishing import write_or_print
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
        from hanoi_cli.cli.options import read_ledger_path

        loaded = [
            load_for_publishing(read_ledger_path(path), as_of, with_forecast=with_forecast, seed=seed) for path in paths
        ]
        from hanoi_cli.core.rules.freshness import stale_warning

        for item in loaded:  # said on the page too
            stale = stale_warning(item.evaluation)
            if stale:
                sys.stderr.write(f"{item.name}: warning: {stale}\n")

        from hanoi_cli.core.payloads.localized import words_for
        from hanoi_cli.render.chart_image import ChartsUnavailable
        from hanoi_cli.render.html_page import TemplatesUnavailable, render_page, treaty_page

        words = words_for(lang)
        from hanoi_cli.cli.publishing import picture_words

        picture_words(words)  # the note, when the charts keep English text (the page's own text is HTML)
        try:
            pages = [treaty_page(item, index, with_map=with_map, words=words) for index, item in enumerate(loaded)]
        except ChartsUnavailable as exc:
            raise UsageProblem(str(exc)) from None
        try:
            page = render_page(pages, as_of, fragment=fragment, feed_url=feed_url, words=words)
        except TemplatesUnavailable as exc:
            raise UsageProblem(str(exc)) from None
        data = page.encode("utf-8")
        write_or_print(output, data, f"{len(data) // 1024} KB")
