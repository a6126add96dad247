"""``hanoi chart``: the ledger's counted instruments as a picture (SVG or PNG) for publication."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from hanoi_cli.cli.guard import UsageProblem, guarded
from hanoi_cli.cli.options import (
    LEDGER_HELP,
    FormatChoice,
    as_of_option,
    as_of_or_today,
    format_choices,
    lang_option,
    stdin_at_most_once,
)

SEED_HELP = "Random seed of the forecast (with --forecast): the same seed gives the same picture."
IMAGE_SUFFIXES = {".svg": "svg", ".png": "png"}


class AlignBy(str, Enum):
    opening = "opening"
    calendar = "calendar"


if TYPE_CHECKING:
    ImageFormat = FormatChoice  # to the type checker, one of the formats; to Typer, svg or png
else:
    ImageFormat = format_choices("ImageFormat", IMAGE_SUFFIXES.values())  # --format: what the suffix would pick


def chart(
    ledger: Optional[str] = typer.Argument(None, metavar="LEDGER", help=LEDGER_HELP, show_default=False),
    output: Path = typer.Option(
        ...,
        "--output",
        "-o",
        metavar="FILE",
        help="The picture to write: FILE.svg or FILE.png, or - for standard output (SVG unless --format png).",
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
    world_map: bool = typer.Option(
        False, "--map", help="Draw a world map of the participants' standing on the date instead of the chart."
    ),
    title: Optional[str] = typer.Option(None, "--title", help="The picture's title (default: treaty and date)."),
    width: int = typer.Option(1000, "--width", min=200, max=8000, help="Width in pixels at 100 dpi."),
    height: Optional[int] = typer.Option(
        None, "--height", min=150, max=8000, help="Height in pixels at 100 dpi. Default: 560 (map: 0.62 of the width)."
    ),
    dpi: int = typer.Option(
        100, "--dpi", min=50, max=600, help="PNG resolution: --dpi 200 doubles the pixels, same layout."
    ),
    image_format: Optional[ImageFormat] = typer.Option(
        None, "--format", "-f", case_sensitive=False, help="svg or png. Default: from the --output suffix."
    ),
    lang: Optional[str] = lang_option(),
) -> None:
    """Draw the ledger's signatures and counted instruments, or a map.

    A step line of counted instruments and one of signatures, the threshold, the threshold date,
    the date of entry into force and the as-of date, and a source line; with --forecast, for a
    treaty not yet at its threshold, a fan of the 10/50/90% paths of the count from today to the
    threshold (hanoi forecast's model); with --compare other treaties as a share of their own
    threshold. With --map, a world map of each participant's standing on the date instead. Needs
    matplotlib: pip install 'hanoi-cli[charts]'."""
    with guarded():
        from hanoi_cli.cli.publishing import credit_of, draw, draw_fan, draw_map, picture_words, write_or_print
        from hanoi_cli.core.commands.publish import load_for_publishing
        from hanoi_cli.render.chart_image import Size

        to_stdout = str(output) == "-"
        chosen = (
            image_format.value if image_format else ("svg" if to_stdout else IMAGE_SUFFIXES.get(output.suffix.lower()))
        )
        if chosen is None:
            raise UsageProblem(f"--output must end in .svg or .png (or give --format), not {output.name!r}")
        if world_map and (compare or with_forecast):
            raise UsageProblem("--map draws one ledger's participants; it takes neither --compare nor --forecast")
        stdin_at_most_once([ledger or "", *(compare or [])])
        as_of = as_of_or_today(as_of)
        from hanoi_cli.cli.options import read_ledger_path

        first = load_for_publishing(read_ledger_path(ledger), as_of, with_forecast=with_forecast, seed=seed)
        pixels_high = height or (round(width * 0.62) if world_map else 560)
        size = Size(width / 100, pixels_high / 100, dpi)
        from hanoi_cli.core.payloads.localized import words_for

        words = words_for(lang)
        if world_map:
            picture = draw_map(first, chosen, title=title, words=words, width=size.width, height=size.height, dpi=dpi)
        elif first.forecast is not None and first.forecast.draws and not compare:  # a fan, while there is a forecast
            words = picture_words(words)
            picture = draw_fan(
                first.forecast, chosen, title=title, size=size, source_line=credit_of(first, words), words=words
            )
        else:
            words = picture_words(words)
            charts = [first.chart]
            charts += [load_for_publishing(other, as_of).chart for other in compare or []]
            picture = draw(
                charts,
                chosen,
                align=align.value if align else None,
                title=title,
                size=size,
                source_line=credit_of(first, words),
                words=words,
            )
        scale = dpi / 100 if chosen == "png" else 1
        write_or_print(output, picture, f"{round(width * scale)}×{round(pixels_high * scale)} px")
