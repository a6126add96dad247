"""The forecast as a fan: the record's counted instruments, then the 10/50/90% paths to the threshold.

``hanoi chart --forecast`` draws it for a treaty not yet at its threshold, and ``fan_svg`` is what
a page inlines (``hanoi report``). A fan, not a band on the threshold line: it shows that the count
is expected to speed up, and how uncertain the path is, from today's count to the threshold.
Deterministic like the other charts (fixed ids, no dates or versions in the metadata); matplotlib
is imported only here.
"""

from __future__ import annotations

import io
from html import escape
from typing import Any, Optional

from hanoi_cli.core.rules.forecast import Forecast, fan
from hanoi_cli.core.rules.timeline import counts_by_day, events
from hanoi_cli.render.chart_image import Size

WIDTH_INCHES, HEIGHT_INCHES, DPI = 10.0, 5.6, 100
SVG_ID = "hanoi-fan"
_INK, _FAN, _GREY = "#1a1a1a", "#1f5fa8", "#6b6b6b"


def describe_fan(result: Forecast) -> str:
    """The picture in words, for its ``<desc>`` (screen readers)."""
    evaluation = result.evaluation
    title = evaluation.treaty.display_title
    parts = [
        f"Counted instruments of the {title} ({evaluation.treaty.id}) from {result.window_start.isoformat()} to "
        f"{evaluation.as_of.isoformat()}: {evaluation.counted_instruments} of {evaluation.threshold}."
    ]
    lines = forecast_lines(result)
    if lines:
        parts.append(f"Forecast fan: the 10%, 50% and 90% paths of the count to the threshold. {'. '.join(lines)}.")
    return " ".join(parts)


def forecast_lines(result: Forecast) -> list[str]:
    """The threshold's and the entry into force's month, most likely and the 80% interval, in the
    words of the forecast's sentence (the picture must not seem to contradict what is quoted)."""
    from hanoi_cli.core.ledger.wording import ordinal
    from hanoi_cli.core.payloads.projection import interval_months

    lines = []
    threshold = result.evaluation.threshold
    for label, quantiles in (
        (f"{ordinal(threshold)} counted instrument", result.threshold),
        ("Entry into force", result.entry_into_force),
    ):
        if quantiles is not None and quantiles.median is not None:
            median, low, high = interval_months(quantiles, result)
            lines.append(f"{label}: most likely {median} (80% interval: {low} to {high})")
    return lines


def render_fan(
    result: Forecast,
    image_format: str,
    *,
    svg_id: Optional[str] = None,
    title: Optional[str] = None,
    size: Optional[Size] = None,
    source_line: Optional[str] = None,
) -> bytes:
    """The fan chart of ``result`` as SVG or PNG bytes; ChartsUnavailable without matplotlib.

    ``title`` replaces the picture's own, ``size`` its size and resolution, and ``source_line``
    is printed small at its foot, as ``hanoi chart`` does for its other pictures."""
    from hanoi_cli.render.chart_image import INSTALL_HINT, ChartsUnavailable

    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError:
        raise ChartsUnavailable(
            f"charts need matplotlib, which is not installed; install it with: {INSTALL_HINT}"
        ) from None
    name = svg_id or SVG_ID
    settings: dict[Any, Any] = {  # matplotlib types its keys as a Literal of every rc name
        "svg.hashsalt": name,
        "svg.id": name,
        "svg.fonttype": "none",
        "font.family": ["DejaVu Sans", "sans-serif"],
        "font.sans-serif": ["DejaVu Sans"],
        "font.size": 12 if size is not None and size.compact else 10,  # a phone's picture is shrunk less
        "path.simplify": False,
    }
    size = size or Size(WIDTH_INCHES, HEIGHT_INCHES, DPI)
    heading = title or _title(result)
    with matplotlib.rc_context(settings):
        figure = Figure(figsize=(size.width, size.height), dpi=size.dpi)
        # The same room in inches at any size: ticks, axis and legend below; the source line under them.
        wide = size.width >= 8
        columns = 3 if wide else 2  # five legend entries: two rows wide, three narrow
        foot = _foot(figure, result, size, source_line)
        figure.subplots_adjust(
            left=0.75 / size.width,
            right=1 - 0.25 / size.width,
            top=1 - 0.4 / size.height,
            bottom=min(0.6, (1.62 + foot + (0.2 if columns == 2 else 0.0)) / size.height),
        )
        axes = figure.add_subplot()
        _draw(axes, result, heading, legend_at=(foot + 0.02) / size.height, columns=columns, facts_inside=wide)
        if size.compact:
            _iso_axis(axes, compact=True)
        buffer = io.BytesIO()
        if image_format == "svg":
            figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "hanoi"})
            return _titled(buffer.getvalue().decode("utf-8"), name, heading, describe_fan(result))
        figure.savefig(buffer, format="png", dpi=size.dpi, metadata={"Software": None})
        return buffer.getvalue()


def _foot(figure: Any, result: Forecast, size: Size, source_line: Optional[str]) -> float:
    """Write the picture's foot: the source line, and over it a narrow picture's forecast lines
    (a wide one has them inside, under the fan); returns the inches they take."""
    import textwrap

    lines = textwrap.wrap(source_line, int(size.width * 15)) if source_line else []
    credit = 0.08 + 0.17 * len(lines) if lines else 0.0
    facts = [] if size.width >= 8 else _narrow_lines(forecast_lines(result), size.width)
    if facts:
        figure.text(0.01, (credit + 0.04) / size.height, "\n".join(facts), fontsize=9, color=_INK, va="bottom")
    if lines:
        figure.text(0.01, 0.012, "\n".join(lines), fontsize=8, color=_GREY, va="bottom")
    return credit + (0.2 * len(facts) + 0.1 if facts else 0.0)


def _narrow_lines(lines: list[str], width_inches: float) -> list[str]:
    """Forecast lines for under a narrow picture's legend: each most likely month on a line, its
    interval on the next, wrapped to the picture's width."""
    import textwrap

    halves = [half for line in lines for half in line.replace(" (", "\n(", 1).split("\n")]
    return [part for half in halves for part in textwrap.wrap(half, int(width_inches * 12))]


def fan_svg(result: Forecast, svg_id: str = SVG_ID) -> str:
    """The fan as an element to inline in an HTML page (no XML declaration or metadata)."""
    from hanoi_cli.render.chart_image import inline_svg

    return inline_svg(render_fan(result, "svg", svg_id=svg_id))


def _title(result: Forecast) -> str:
    evaluation = result.evaluation
    return f"{evaluation.treaty.display_title} ({evaluation.treaty.id}): forecast as of {evaluation.as_of.isoformat()}"


def _draw(
    axes: Any, result: Forecast, title: str, legend_at: float = 0.0, columns: int = 3, facts_inside: bool = True
) -> None:
    evaluation = result.evaluation
    record = [(result.window_start, 0), *counts_by_day(events(evaluation))]
    record = [(day, count) for day, count in record if day <= evaluation.as_of]
    record.append((evaluation.as_of, evaluation.counted_instruments))
    axes.step([d for d, _ in record], [c for _, c in record], where="post", color=_INK, linewidth=2,
              label="Counted instruments (record)")  # fmt: skip
    rows = fan(result)
    if rows:
        days = [row[0] for row in rows]
        axes.fill_between(days, [row[1] for row in rows], [row[3] for row in rows], color=_FAN, alpha=0.25,
                          linewidth=0, label="Forecast: 10% to 90% of paths")  # fmt: skip
        axes.plot(days, [row[2] for row in rows], color=_FAN, linestyle="--", linewidth=1.8,
                  label="Forecast: median path")  # fmt: skip
        for column, style in ((1, ":"), (3, ":")):
            axes.plot(days, [row[column] for row in rows], color=_FAN, linestyle=style, linewidth=1)
    axes.axhline(evaluation.threshold, color=_GREY, linestyle="-.", linewidth=1.2,
                 label=f"Threshold: {evaluation.threshold}")  # fmt: skip
    axes.axvline(
        evaluation.as_of, color=_GREY, linestyle=":", linewidth=1, label=f"As of {evaluation.as_of.isoformat()}"
    )
    if facts_inside:  # in the empty corner under the fan (a narrow picture has them under its legend)
        corner = {"transform": axes.transAxes, "ha": "right", "fontsize": 9, "va": "bottom"}
        for height, line in zip((0.10, 0.04), forecast_lines(result)):
            axes.text(0.99, height, line, **corner)
    axes.set_ylim(0, evaluation.threshold * 1.08)
    axes.set_ylabel("Counted instruments")
    axes.set_title(title, fontsize=11, loc="left", y=1.0)  # y given: no title placement on draw (chart_image)
    _iso_axis(axes)
    axes.grid(True, color="#e0e0e0", linewidth=0.6)
    axes.set_axisbelow(True)
    axes.figure.legend(
        loc="lower center", bbox_to_anchor=(0.5, legend_at), ncols=columns, fontsize="small", frameon=False
    )


def _iso_axis(axes: Any, *, compact: bool = False) -> None:
    from matplotlib.dates import AutoDateLocator, DateFormatter

    axes.xaxis.set_major_locator(AutoDateLocator(minticks=2 if compact else 4, maxticks=5 if compact else 10))
    axes.xaxis.set_major_formatter(DateFormatter("%Y" if compact else "%Y-%m-%d"))
    for label in axes.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")


def _titled(svg: str, svg_id: str, title: str, description: str) -> bytes:
    """``role="img"``, ``<title>`` and ``<desc>`` first in the root element, as the other charts have."""
    start = svg.index("<svg")
    end = svg.index(">", start)
    tag = svg[start:end] + f' role="img" aria-labelledby="{svg_id}-title {svg_id}-desc">'
    labels = (
        f'\n <title id="{svg_id}-title">{escape(title)}</title>\n <desc id="{svg_id}-desc">{escape(description)}</desc>'
    )
    return (svg[:start] + tag + labels + svg[end + 1 :]).encode("utf-8")
