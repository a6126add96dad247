"""``hanoi feed``: an Atom feed of the ledger's events (and a shields.io badge), for readers who follow a treaty."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional

import typer

from hanoi_cli.cli.guard import UsageProblem, guarded
from hanoi_cli.cli.options import LEDGER_HELP, as_of_option, as_of_or_today, lang_option, read_ledger_path


def feed(
    ledger: Optional[str] = typer.Argument(None, metavar="LEDGER", help=LEDGER_HELP, show_default=False),
    output: Path = typer.Option(
        ..., "--output", "-o", metavar="FILE", help="The feed to write: FILE.xml (or .atom), or - for standard output."
    ),
    as_of: Optional[date] = as_of_option(),
    page_url: Optional[str] = typer.Option(
        None, "--link", metavar="URL", help="The published page the feed belongs to (its alternate link)."
    ),
    feed_url: Optional[str] = typer.Option(
        None, "--self", metavar="URL", help="Where the feed itself is published (its self link)."
    ),
    badge_file: Optional[Path] = typer.Option(
        None, "--badge", metavar="FILE", help='Also write a shields.io endpoint badge (JSON: "ratifications 3/40").'
    ),
    lang: Optional[str] = lang_option(),
) -> None:
    """Write an Atom feed of the ledger's events, one entry per event.

    Signatures, deposits, denunciations, the threshold reached, entry into force and the signature
    window closing, newest first, each with a stable id, the running count and its sources. Rebuild
    it daily (the window's days left) and publish it beside the page; --badge writes the numbers
    for a README badge."""
    with guarded():
        from hanoi_cli.cli.publishing import write_or_print
        from hanoi_cli.core.commands.publish import feed as run_feed
        from hanoi_cli.render.publication.atom_feed import render_badge, render_feed

        if str(output) != "-" and output.suffix.lower() not in (".xml", ".atom"):
            raise UsageProblem(f"--output must end in .xml or .atom (or be - for standard output), not {output.name!r}")
        if badge_file is not None and badge_file.suffix.lower() != ".json":
            raise UsageProblem(f"--badge must end in .json, not {badge_file.name!r}")
        for url in (page_url, feed_url):
            if url is not None and not url.startswith(("https://", "http://")):
                raise UsageProblem(f"--link and --self take an http(s) address, not {url!r}")
        evaluation = run_feed(read_ledger_path(ledger), as_of_or_today(as_of)).evaluation
        from hanoi_cli.core.payloads.localized import words_for

        document, entries = render_feed(evaluation, page_url=page_url, feed_url=feed_url, words=words_for(lang))
        write_or_print(output, document, f"{entries} entries")
        if badge_file is not None:
            badge, message = render_badge(evaluation)
            write_or_print(badge_file, badge, f"badge {message}")
