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
from typing import TYPE_CHECKING, Any, Optional

from hanoi_cli.core.rules.forecast import Forecast, fan
from hanoi_cli.core.rules.timeline import counts_by_day, events
from hanoi_cli.render.chart_image import Size, fitted, legend_columns, translator

if TYPE_CHECKING:
    from hanoi_cli.core.ledger.language import Translator
    from hanoi_cli.core.payloads.localized import Words

WIDTH_INCHES, HEIGHT_INCHES, DPI = 10.0, 5.6, 100
SVG_ID = "hanoi-fan"
_INK, _FAN, _GREY = "#1a1a1a", "#1f5fa8", "#6b6b6b"
# The longest forecast line that stays clear of the fan in a wide picture's corner (an English
# one is about 95 characters; French and Russian ones, longer, are split before their interval).
CORNER_CHARACTERS = 96


def describe_fan(result: Forecast, words: Optional[Words] = None) -> str:
    """The picture in words, for its ``<desc>`` (screen readers)."""
    tr = translator(words)
    evaluation = result.evaluation
    treaty = evaluation.treaty
    parts = [
        tr(
            "Counted instruments of the {title} ({id}) from {start} to {as_of}: {count} of {threshold}.",
            title=tr.short_title(treaty.id, treaty.display_title),
            id=treaty.id,
            start=result.window_start.isoformat(),
            as_of=evaluation.as_of.isoformat(),
            count=evaluation.counted_instruments,
            threshold=evaluation.threshold,
        )
    ]
    lines = forecast_lines(result, words)
    if lines:
        fan_words = tr(
            "Forecast fan: the {low}, {median} and {high} paths of the count to the threshold.",
            low=tr.percent("10%"),
            median=tr.percent("50%"),
            high=tr.percent("90%"),
        )
        parts.append(f"{fan_words} {'. '.join(lines)}.")
    return " ".join(parts)


def forecast_lines(result: Forecast, words: Optional[Words] = None) -> list[str]:
    """The threshold's and the entry into force's month, most likely and the 80% interval, in the
    words of the forecast's sentence (the picture must not seem to contradict what is quoted)."""
    if words is None:
        from hanoi_cli.core.payloads.projection import interval_months

        def months(quantiles: Any) -> tuple[str, str, str]:
            return interval_months(quantiles, result)
    else:
        tr = words.tr

        def months(quantiles: Any) -> tuple[str, str, str]:  # as Words.forecast_sentence says them
            later = tr("after {date}", date=tr.month_year(result.horizon))
            return tuple(  # type: ignore[return-value]
                tr.month_year(value) if value is not None else later
                for value in (quantiles.median, quantiles.low, quantiles.high)
            )

    tr = translator(words)
    lines = []
    threshold = result.evaluation.threshold
    share = tr.percent("80%")
    for kind, quantiles in (("threshold", result.threshold), ("entry", result.entry_into_force)):
        if quantiles is None or quantiles.median is None:
            continue
        median, low, high = months(quantiles)
        values = {"median": median, "low": low, "high": high, "share": share}
        if kind == "threshold":
            from hanoi_cli.core.payloads.localized import ordinal_values

            lines.append(
                tr(
                    "{nth} counted instrument: most likely {median} ({share} interval: {low} to {high})",
                    **ordinal_values(tr, threshold),
                    **values,
                )
            )
        else:
            lines.append(tr("Entry into force: most likely {median} ({share} interval: {low} to {high})", **values))
    return lines


def render_fan(
    result: Forecast,
    image_format: str,
    *,
    svg_id: Optional[str] = None,
    title: Optional[str] = None,
    size: Optional[Size] = None,
    source_line: Optional[str] = None,
    words: Optional[Words] = None,
) -> bytes:
    """The fan chart of ``result`` as SVG or PNG bytes; ChartsUnavailable without matplotlib.

    ``title`` replaces the picture's own, ``size`` its size and resolution, and ``source_line``
    is printed small at its foot, as ``hanoi chart`` does for its other pictures; ``words``
    letter it in their language where matplotlib can (``chart_image.lettering``)."""
    from hanoi_cli.render.chart_image import INSTALL_HINT, ChartsUnavailable, font_settings, lettering

    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError:
        raise ChartsUnavailable(
            f"charts need matplotlib, which is not installed; install it with: {INSTALL_HINT}"
        ) from None
    name = svg_id or SVG_ID
    letters = lettering(words)
    settings = _settings(name, size is not None and size.compact, font_settings(letters))
    words = letters.words
    size = size or Size(WIDTH_INCHES, HEIGHT_INCHES, DPI)
    heading = title or _title(result, words)
    with matplotlib.rc_context(settings):
        figure = Figure(figsize=(size.width, size.height), dpi=size.dpi)
        # The same room in inches at any size: ticks, axis and legend below; the source line under them.
        wide = size.width >= 8
        columns = 3 if wide else 2  # five legend entries: two rows wide, three narrow
        foot = _foot(figure, result, size, source_line, words, facts_below=not wide)
        axes = figure.add_subplot()
        # the title on as many lines as its language needs (a long title over a phone's column)
        title_lines = fitted([heading], size.width - 0.85, 11)
        rows, columns = _draw(
            axes,
            result,
            "\n".join(title_lines),
            words,
            legend_at=(foot + 0.02) / size.height,
            columns=columns,
            facts_inside=wide,
            room=size.width - 0.1,
        )
        _place(figure, axes, size, foot, rows, columns, len(title_lines))
        if size.compact:
            _iso_axis(axes, compact=True)
        buffer = io.BytesIO()
        if image_format == "svg":
            figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "hanoi"})
            return _titled(buffer.getvalue().decode("utf-8"), name, heading, describe_fan(result, words))
        figure.savefig(buffer, format="png", dpi=size.dpi, metadata={"Software": None})
        return buffer.getvalue()


def _settings(name: str, compact: bool, fonts: dict[str, Any]) -> dict[Any, Any]:
    """matplotlib's settings for the fan: fixed ids, text kept as text, DejaVu Sans (and ``fonts``)."""
    settings: dict[Any, Any] = {  # matplotlib types its keys as a Literal of every rc name
        "svg.hashsalt": name,
        "svg.id": name,
        "svg.fonttype": "none",
        "font.family": ["DejaVu Sans", "sans-serif"],
        "font.sans-serif": ["DejaVu Sans"],
        "font.size": 12 if compact else 10,  # a phone's picture is shrunk less
        "path.simplify": False,
    }
    return {**settings, **fonts}


def _place(figure: Any, axes: Any, size: Size, foot: float, rows: int, columns: int, title_lines: int) -> None:
    """The axes' margins in inches: the title's lines above; ticks, the legend's rows and the foot
    below; a long axis title (a longer language along a phone's short axis) on two lines."""
    if columns > 1:
        bottom = min(0.6, (1.62 + foot + 0.2 * (rows - 2)) / size.height)
    else:  # a legend in one column (a long language on a phone): its rows, the year ticks, the foot
        bottom = min(0.75, (0.65 + 0.21 * rows + foot) / size.height)
    top = (0.4 + 0.2 * (title_lines - 1)) / size.height
    left = 0.75
    label_lines = fitted([axes.get_ylabel()], size.height * (1 - top - bottom), "medium")
    if len(label_lines) > 1:
        axes.set_ylabel("\n".join(label_lines))
        left += 0.2 * (len(label_lines) - 1)
    figure.subplots_adjust(left=left / size.width, right=1 - 0.25 / size.width, top=1 - top, bottom=bottom)


def _foot(
    figure: Any, result: Forecast, size: Size, source_line: Optional[str], words: Optional[Words], *, facts_below: bool
) -> float:
    """Write the picture's foot: the source line, and over it the forecast lines when they go below
    (a narrow picture; a wide one has them inside, under the fan); returns the inches they take."""
    import textwrap

    lines = fitted(textwrap.wrap(source_line, int(size.width * 15)), size.width - 0.15, 8) if source_line else []
    credit = 0.08 + 0.17 * len(lines) if lines else 0.0
    facts = _narrow_lines(forecast_lines(result, words), size.width) if facts_below else []
    if facts:
        figure.text(0.01, (credit + 0.04) / size.height, "\n".join(facts), fontsize=9, color=_INK, va="bottom")
    if lines:
        figure.text(0.01, 0.012, "\n".join(lines), fontsize=8, color=_GREY, va="bottom")
    return credit + (0.2 * len(facts) + 0.1 if facts else 0.0)


def _narrow_lines(lines: list[str], width_inches: float) -> list[str]:
    """Forecast lines for under a narrow picture's legend: each most likely month on a line, its
    interval on the next, wrapped to the picture's width."""
    halves = [half for line in lines for half in line.replace(" (", "\n(", 1).replace("（", "\n（", 1).split("\n")]
    return [part for half in halves for part in fitted([half], width_inches - 0.15, 9)]  # measured, not counted


def fan_svg(result: Forecast, svg_id: str = SVG_ID, words: Optional[Words] = None) -> str:
    """The fan as an element to inline in an HTML page (no XML declaration or metadata)."""
    from hanoi_cli.render.chart_image import inline_svg

    return inline_svg(render_fan(result, "svg", svg_id=svg_id, words=words))


def _title(result: Forecast, words: Optional[Words] = None) -> str:
    tr = translator(words)
    treaty = result.evaluation.treaty
    return tr(
        "{title} ({id}): forecast as of {date}",
        title=tr.short_title(treaty.id, treaty.display_title),
        id=treaty.id,
        date=result.evaluation.as_of.isoformat(),
    )


def _draw(
    axes: Any,
    result: Forecast,
    title: str,
    words: Optional[Words],
    legend_at: float = 0.0,
    columns: int = 3,
    facts_inside: bool = True,
    room: float = WIDTH_INCHES,
) -> tuple[int, int]:
    """Draw the record, the fan, the threshold and the as-of line, with the title, axes and legend
    (in as many columns as fit in ``room`` inches); returns the legend's rows and columns."""
    tr: Translator = translator(words)
    evaluation = result.evaluation
    record = [(result.window_start, 0), *counts_by_day(events(evaluation))]
    record = [(day, count) for day, count in record if day <= evaluation.as_of]
    record.append((evaluation.as_of, evaluation.counted_instruments))
    axes.step([d for d, _ in record], [c for _, c in record], where="post", color=_INK, linewidth=2,
              label=tr("Counted instruments (record)"))  # fmt: skip
    rows = fan(result)
    if rows:
        days = [row[0] for row in rows]
        axes.fill_between(days, [row[1] for row in rows], [row[3] for row in rows], color=_FAN, alpha=0.25,
                          linewidth=0, label=tr("Forecast: {low} to {high} of paths", low=tr.percent("10%"),
                                                high=tr.percent("90%")))  # fmt: skip
        axes.plot(days, [row[2] for row in rows], color=_FAN, linestyle="--", linewidth=1.8,
                  label=tr("Forecast: median path"))  # fmt: skip
        for column, style in ((1, ":"), (3, ":")):
            axes.plot(days, [row[column] for row in rows], color=_FAN, linestyle=style, linewidth=1)
    axes.axhline(evaluation.threshold, color=_GREY, linestyle="-.", linewidth=1.2,
                 label=tr("Threshold: {n}", n=evaluation.threshold))  # fmt: skip
    axes.axvline(
        evaluation.as_of,
        color=_GREY,
        linestyle=":",
        linewidth=1,
        label=tr("As of {date}", date=evaluation.as_of.isoformat()),
    )
    if facts_inside:  # in the empty corner under the fan (a narrow picture has them under its legend)
        corner = {"transform": axes.transAxes, "ha": "right", "fontsize": 9, "va": "bottom"}
        lines = forecast_lines(result, words)
        if max(map(len, lines), default=0) > CORNER_CHARACTERS:  # each interval on a line of its own
            lines = [half for line in lines for half in line.replace(" (", "\n(", 1).split("\n")]
        for index, line in enumerate(lines):
            axes.text(0.99, 0.04 + 0.06 * (len(lines) - 1 - index), line, **corner)
    axes.set_ylim(0, evaluation.threshold * 1.08)
    axes.set_ylabel(tr("Counted instruments"))
    axes.set_title(title, fontsize=11, loc="left", y=1.0)  # y given: no title placement on draw (chart_image)
    _iso_axis(axes)
    axes.grid(True, color="#e0e0e0", linewidth=0.6)
    axes.set_axisbelow(True)
    return _legend(axes, legend_at, columns, room)


def _legend(axes: Any, legend_at: float, columns: int, room: float) -> tuple[int, int]:
    """The legend under the picture, in as many columns as fit; returns its rows and columns."""
    handles, labels = axes.get_legend_handles_labels()
    columns = legend_columns(labels, columns, room)
    if columns == 1:  # a phone's legend: a long label on two lines
        labels = ["\n".join(fitted([label], room - 0.6, "small")) for label in labels]
    axes.figure.legend(
        handles,
        labels,
        loc="lower center",
        bbox_to_anchor=(0.5, legend_at),
        ncols=columns,
        fontsize="small",
        frameon=False,
    )
    return -(-len(labels) // columns) + sum(label.count("\n") for label in labels), columns


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
