"""What ``hanoi chart`` and ``hanoi report`` share on the command line: drawing and writing the file."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from hanoi_cli.cli.guard import UsageProblem

if TYPE_CHECKING:
    from hanoi_cli.core.commands.publish import Published
    from hanoi_cli.core.rules.chart_data import ChartData
    from hanoi_cli.core.rules.forecast import Forecast


def draw(
    charts: Sequence[ChartData],
    image_format: Any,
    *,
    align: Optional[str] = None,
    svg_id: Optional[str] = None,
    **options: Any,
) -> bytes:
    """The picture, or a usage error (exit 2) saying how to install matplotlib when it is missing.

    ``options`` go to ``render_chart`` (title, size, source_line)."""
    from hanoi_cli.render.chart_image import ChartsUnavailable, render_chart

    try:
        return render_chart(charts, image_format, align=align, svg_id=svg_id, **options)  # type: ignore[arg-type]
    except ChartsUnavailable as exc:
        raise UsageProblem(str(exc)) from None


def draw_fan(result: Forecast, image_format: Any, **options: Any) -> bytes:
    """The forecast's fan chart, or a usage error saying how to install matplotlib.

    ``options`` go to ``render_fan`` (title, size, source_line)."""
    from hanoi_cli.render.chart_image import ChartsUnavailable
    from hanoi_cli.render.fan_chart import render_fan

    try:
        return render_fan(result, image_format, **options)
    except ChartsUnavailable as exc:
        raise UsageProblem(str(exc)) from None


def draw_map(
    item: Published, image_format: Any, *, title: Optional[str] = None, words: Any = None, **options: Any
) -> bytes:
    """The world map of one ledger's participants as SVG or PNG (PNG needs matplotlib); its legend,
    notes and title in the language of ``words`` (a PNG only where matplotlib can write it)."""
    from hanoi_cli.core.rules.map_status import map_standings
    from hanoi_cli.render.chart_image import ChartsUnavailable
    from hanoi_cli.render.publication.world_map import map_title, png_words, render_map_png, render_map_svg

    standings = map_standings(item.evaluation)
    if image_format == "svg":
        heading = title or map_title(item.evaluation, words)
        credit = credit_of(item, words)
        return render_map_svg(standings, title=heading, source_line=credit, words=words).encode("utf-8")
    words = png_words(words)
    heading = title or map_title(item.evaluation, words)
    credit = credit_of(item, words)
    try:
        return render_map_png(standings, title=heading, source_line=credit, words=words, **options)
    except ChartsUnavailable as exc:
        raise UsageProblem(str(exc)) from None


def credit_of(item: Published, words: Any = None) -> str:
    """The source line of a picture of ``item``, in the language of ``words`` (English without)."""
    from hanoi_cli.render.publication.sources import credit_line

    return credit_line(Path(item.name).name, item.evaluation.treaty.source, item.evaluation.as_of, words)


def picture_words(words: Any) -> Any:
    """The words a matplotlib picture is lettered in: ``words``, or None (English) with a note on
    stderr where matplotlib cannot letter the language (Arabic; Chinese without a CJK font)."""
    if words is None:
        return None
    from hanoi_cli.render.chart_image import lettering

    letters = lettering(words)
    if letters.note:
        sys.stderr.write(f"note: {letters.note}\n")
    return letters.words


def write_or_print(path: Path, data: bytes, what: str) -> None:
    """Write ``data`` to ``path`` (``-``: standard output) and say on stderr what was written."""
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_output(path, data)
    sys.stderr.write(f"Wrote {path} ({what}).\n")


def write_output(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (never a half-written picture or page)."""
    from hanoi_cli.core.editing.atomic import write_atomic

    if not path.parent.is_dir():
        raise UsageProblem(f"cannot write {path}: there is no folder {path.parent}")
    try:
        current: Optional[bytes] = path.read_bytes()
    except FileNotFoundError:
        current = None
    except IsADirectoryError:
        raise UsageProblem(f"{path} is a folder; give a file name to --output") from None
    except OSError as exc:
        raise UsageProblem(f"cannot write {path}: {exc.strerror or exc}") from None
    write_atomic(path, data, expected=current, name=str(path))
