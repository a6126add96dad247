"""Draw ``ChartData`` as an SVG or PNG picture with matplotlib, for articles and web pages.

matplotlib is an optional extra (``hanoi-cli[charts]``) and is imported only here, inside
``render_chart``: no other command pays for it. The figure is built without pyplot (no global
state, no display, no backend to choose), and the output is deterministic: fixed SVG ids, no
dates or software versions in the metadata, text kept as text. Every mark differs by line style
or marker as well as colour, so the picture reads in grey scale; dates on the axis are ISO 8601.
"""

from __future__ import annotations

import io
import re
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Optional

from hanoi_cli.core.rules.chart_data import Align, ChartData

if TYPE_CHECKING:
    from hanoi_cli.core.ledger.language import Translator
    from hanoi_cli.core.payloads.localized import Words

# How to install the charts extra, said as the command that works for this very installation: a
# bare `pip install` may be another Python's pip, and a pipx or uv tool environment has no pip on
# PATH at all; the hint names the tool that owns this interpreter, or this interpreter itself.
CHARTS_EXTRA = "'hanoi-cli[charts]'"


def charts_install_hint(prefix: str | None = None, executable: str | None = None) -> str:
    """The command that adds matplotlib and Jinja2 to the environment hanoi runs in."""
    parts = Path(prefix or sys.prefix).parts
    if "pipx" in parts and "venvs" in parts:
        return f"pipx install --force {CHARTS_EXTRA}"
    if "uv" in parts and "tools" in parts:
        return f"uv tool install --force {CHARTS_EXTRA}"
    return f"{shlex.quote(executable or sys.executable)} -m pip install {CHARTS_EXTRA}"


INSTALL_HINT = charts_install_hint()

ImageFormat = Literal["svg", "png"]
WIDTH_INCHES, HEIGHT_INCHES, DPI = 10.0, 5.6, 100  # a PNG of 1000 x 560 pixels
SVG_ID = "hanoi-chart"
MIN_SPAN = timedelta(days=30)  # a chart of one day (as of the opening) still gets an axis

# Compared treaties: each its own line style and marker (and a colour, never the only difference).
_COMPARE_STYLES: tuple[tuple[Any, str, str], ...] = (  # a line style is a name or a dash pattern
    ("--", "s", "#1f5fa8"),
    ("-.", "^", "#b35806"),
    (":", "D", "#4d9221"),
    ((0, (5, 1, 1, 1)), "v", "#762a83"),
)
_INK, _GREY, _BLUE = "#1a1a1a", "#6b6b6b", "#1f5fa8"


class ChartsUnavailable(Exception):
    """matplotlib is not installed: the message says how to install it."""


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise ChartsUnavailable(
            f"charts need matplotlib, which is not installed; install it with: {INSTALL_HINT}"
        ) from None
    return matplotlib


def translator(words: Optional[Words]) -> Translator:
    """The picture's words: those of ``words``, or English (the messages' ids are the English
    text, so an English picture is the same with or without ``--lang en``)."""
    from hanoi_cli.core.ledger.language import Translator

    return words.tr if words is not None else Translator("en")


def describe(charts: Sequence[ChartData], align: Align, words: Optional[Words] = None) -> str:
    """A plain-language account of the picture, for its ``<desc>`` (screen readers)."""
    tr = translator(words)
    first = charts[0]
    title = tr.short_title(first.treaty_id, first.title)
    as_of = first.as_of.isoformat()
    parts = [
        tr(
            "Step chart of the counted instruments of the {title} ({id}) from {start} to {as_of}, against its "
            "threshold of {threshold}: {count} counted as of {as_of}.",
            title=title,
            id=first.treaty_id,
            start=first.start.isoformat(),
            as_of=as_of,
            threshold=first.threshold,
            count=first.counted_instruments,
        )
    ]
    if first.signatories and len(charts) == 1:
        parts.append(tr("Signatures, drawn as a second line: {n} by {date}.", n=first.signatories, date=as_of))
    if first.threshold_date is not None:
        parts.append(tr("The threshold was reached on {date}.", date=first.threshold_date.isoformat()))
    if first.entry_into_force is not None:
        parts.append(tr("Entry into force: {date}.", date=first.entry_into_force.isoformat()))
    if first.band is not None and first.forecasts:
        values = {
            "median": first.band.median.isoformat(),
            "share": tr.percent("80%"),
            "low": first.band.low.isoformat(),
            "high": first.band.high.isoformat(),
        }
        if first.band.open_ended:
            parts.append(
                tr("Forecast of the threshold date: median {median}, {share} band {low} to {high} or later.", **values)
            )
        else:
            parts.append(tr("Forecast of the threshold date: median {median}, {share} band {low} to {high}.", **values))
    if len(charts) > 1:
        parts.append(_describe_compared(charts, align, tr))
    return " ".join(parts)


def _describe_compared(charts: Sequence[ChartData], align: Align, tr: Translator) -> str:
    """The compared treaties in words: each one's count against its threshold, and the alignment."""
    others = tr("; ").join(
        tr(
            "{title}: {count} of {threshold} as of {date}",
            title=tr.short_title(other.treaty_id, other.title),
            count=other.counted_instruments,
            threshold=other.threshold,
            date=other.as_of.isoformat(),
        )
        for other in charts[1:]
    )
    if align == "opening":
        return tr.plural(
            "Compared with {n} other treaty, each as a share of its own threshold, aligned by days since each "
            "opened for signature: {others}.",
            "Compared with {n} other treaties, each as a share of its own threshold, aligned by days since "
            "each opened for signature: {others}.",
            len(charts) - 1,
            others=others,
        )
    return tr.plural(
        "Compared with {n} other treaty, each as a share of its own threshold, aligned by calendar dates: {others}.",
        "Compared with {n} other treaties, each as a share of its own threshold, aligned by calendar dates: {others}.",
        len(charts) - 1,
        others=others,
    )


def title_of(charts: Sequence[ChartData], words: Optional[Words] = None) -> str:
    tr = translator(words)
    first = charts[0]
    title = tr.short_title(first.treaty_id, first.title)
    if len(charts) > 1:
        return tr("{title} compared: counted instruments as a share of the threshold", title=title)
    values = {"title": title, "id": first.treaty_id, "date": first.as_of.isoformat()}
    if first.signatories:
        return tr("{title} ({id}): signatures and counted instruments as of {date}", **values)
    return tr("{title} ({id}): counted instruments as of {date}", **values)


@dataclass(frozen=True)
class Size:
    """The picture's size in inches and its resolution (a PNG is width × dpi pixels wide)."""

    width: float = WIDTH_INCHES
    height: float = HEIGHT_INCHES
    dpi: int = DPI

    @property
    def compact(self) -> bool:
        """Narrow pictures (a phone's column) get fewer legend columns and ticks."""
        return self.width < 8


# Languages matplotlib letters right with DejaVu Sans (Latin, Cyrillic, Vietnamese). Arabic it
# cannot: it neither joins the letters nor orders them right to left. Chinese it can with a CJK font.
DRAWN_LANGUAGES = frozenset({"en", "fr", "es", "ru", "vi", "id"})
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Source Han Sans",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
)
FONTS = ("DejaVu Sans",)
CJK_FILE_HINTS = ("cjk", "wqy", "sourcehan", "droidsansfallback", "uming", "ukai")


@dataclass(frozen=True)
class Lettering:
    """What a matplotlib picture is written in: ``words`` (None: English) and the font families."""

    words: Optional[Words]
    fonts: tuple[str, ...] = FONTS
    note: Optional[str] = None  # why the picture stays in English, for stderr


def cjk_font() -> Optional[str]:
    """An installed font family with Chinese glyphs: one matplotlib's font manager knows, or one
    installed since it cached its list of fonts (looked for among the system's font files)."""
    from matplotlib import font_manager

    def known() -> Optional[str]:
        installed = {font.name for font in font_manager.fontManager.ttflist}
        return next((name for name in CJK_FONTS if name in installed), None)

    if known() is None:
        for path in font_manager.findSystemFonts():
            if any(hint in Path(path).name.lower().replace("-", "") for hint in CJK_FILE_HINTS):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):  # an unreadable font file is no font
                    continue
    return known()


def lettering(words: Optional[Words]) -> Lettering:
    """The language a picture can honestly be lettered in: ``words``'s, or English with a note
    (Arabic; Chinese without a CJK font), never letters unjoined, reversed or drawn as boxes."""
    if words is None or words.lang in DRAWN_LANGUAGES:
        return Lettering(words)
    if words.lang == "zh":
        font = cjk_font()
        if font is not None:
            return Lettering(words, ("DejaVu Sans", font))
        return Lettering(
            None,
            note="the charts' text is in English: no font with Chinese characters is installed "
            "(install Noto Sans CJK or WenQuanYi Zen Hei)",
        )
    return Lettering(
        None, note="the charts' text is in English: matplotlib cannot join Arabic letters or set them right to left"
    )


# The picture the page shows on narrow screens: about 500 CSS px wide, so its 12-point text stays
# about 9 px tall on a 390 px phone.
PHONE = Size(5.2, 5.8, DPI)


def render_chart(
    charts: Sequence[ChartData],
    image_format: ImageFormat,
    *,
    align: Optional[Align] = None,
    svg_id: Optional[str] = None,
    title: Optional[str] = None,
    size: Size = Size(),
    source_line: Optional[str] = None,
    words: Optional[Words] = None,
) -> bytes:
    """The picture of ``charts`` (the first is the ledger; any others are compared with it).

    ``align`` defaults to ``opening`` when comparing and ``calendar`` otherwise; ``svg_id`` names
    the SVG (and salts its inner ids), so several charts can share one HTML page; ``title``
    replaces the picture's own; ``source_line`` is printed small at its foot (the credit);
    ``words`` letters it in their language where matplotlib can (``lettering``).
    """
    matplotlib = _matplotlib()
    from matplotlib.figure import Figure

    letters = lettering(words)
    tr = translator(letters.words)
    compare = len(charts) > 1
    align = align or ("opening" if compare else "calendar")
    settings = {
        "svg.hashsalt": svg_id or SVG_ID,  # clip-path and marker ids from a fixed salt, not a random one
        "svg.id": svg_id or SVG_ID,
        "svg.fonttype": "none",  # text stays text: searchable, selectable, read by screen readers
        # Measured with DejaVu Sans (shipped with matplotlib: the same on every machine); a viewer
        # without it falls back to its own sans-serif.
        "font.family": ["DejaVu Sans", "sans-serif"],
        "font.sans-serif": ["DejaVu Sans"],
        "font.size": 12 if size.compact else 10,
        "path.simplify": False,  # every step of the curve is a point of the path
    }
    settings.update(font_settings(letters))
    with matplotlib.rc_context(settings):
        figure = Figure(figsize=(size.width, size.height), dpi=size.dpi)
        axes = figure.add_subplot()
        if compare:
            _draw_compared(axes, charts, align, tr)
        else:
            _draw_one(axes, charts[0], align, tr)
        heading = title or title_of(charts, letters.words)
        credit = _wrapped(source_line, size) if source_line else []
        rows, title_lines = _dress(axes, charts, align, compare, heading, size, len(credit), tr)
        if credit:
            figure.text(0.01, 0.012, "\n".join(credit), fontsize=8 if not size.compact else 9, color=_GREY, va="bottom")
        _place_axes(figure, size, rows, title_lines, len(credit))
        buffer = io.BytesIO()
        if image_format == "svg":
            figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "hanoi"})
            text = buffer.getvalue().decode("utf-8")
            return _accessible_svg(text, svg_id or SVG_ID, heading, describe(charts, align, letters.words))
        figure.savefig(buffer, format="png", dpi=size.dpi, metadata={"Software": None})
        return buffer.getvalue()


def font_settings(letters: Lettering) -> dict[str, Any]:
    """The rc settings of a script DejaVu Sans lacks: its font after DejaVu (glyph by glyph fallback)."""
    if letters.fonts == FONTS:
        return {}
    import logging

    # a CJK font without a bold face: matplotlib says so on stderr for each bold title; it draws the regular one
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    return {"font.family": [*letters.fonts, "sans-serif"], "font.sans-serif": list(letters.fonts)}


def _wrapped(text: str, size: Size) -> list[str]:
    """``text`` in lines that fit the picture's width (about 13 characters of small type per inch)."""
    import textwrap

    lines = textwrap.wrap(text, int(size.width * (11 if size.compact else 15))) or [text]
    return fitted(lines, size.width - 0.15, 9 if size.compact else 8, text=text)


# Where a line may break: at spaces, or between Chinese characters; a word and the year after it
# ("September 2027", "septembre 2027") stay together, as do an ISO date's parts.
_BREAKABLE = re.compile(
    r"\s+|[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]"
    r"|[^\s\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]+ \d{4}(?![\d-])"
    r"|[^\s\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]+"
)


def fitted(
    lines: list[str], room: float, fontsize: Any, weight: str = "normal", *, text: Optional[str] = None
) -> list[str]:
    """``lines`` as they are when each fits in ``room`` inches, else ``text`` (default: the lines
    joined) re-wrapped by measured width.

    Lines are first cut by a count of characters (cheap, and right for English); a wider script or
    a longer language (Cyrillic, French) can still run off the picture: the font's own widths decide
    then. Lines break between words, or between Chinese characters; a word longer than the room
    stays whole (an ISO date, a file name).
    """
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    font = FontProperties(size=fontsize, weight=weight)  # the family of the rc settings in force

    def width(line: str) -> float:
        return float(text_to_path.get_text_width_height_descent(line, font, ismath=False)[0]) / 72

    if all(width(line) <= room for line in lines):
        return lines
    found = [""]
    for token in _BREAKABLE.findall(" ".join(lines) if text is None else text):
        if token.isspace():
            found[-1] += " " if found[-1] else ""
        elif not found[-1] or width(found[-1] + token) <= room:
            found[-1] += token
        else:
            found[-1] = found[-1].rstrip()
            found.append(token)
    return [line.rstrip() for line in found]


def legend_columns(labels: list[str], columns: int, room: float) -> int:
    """At most ``columns`` columns of legend, fewer where the labels (measured) would run off the picture."""
    from matplotlib import rcParams
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    font = FontProperties(size="small")
    em = font.get_size_in_points() / 72
    widths = [float(text_to_path.get_text_width_height_descent(label, font, ismath=False)[0]) / 72 for label in labels]
    handle = (rcParams["legend.handlelength"] + rcParams["legend.handletextpad"]) * em
    while columns > 1:
        rows = -(-len(widths) // columns)
        chunks = [widths[start : start + rows] for start in range(0, len(widths), rows)]
        needed = (
            sum(max(chunk) + handle for chunk in chunks) + (len(chunks) - 1) * rcParams["legend.columnspacing"] * em
        )
        if needed <= room:
            break
        columns -= 1
    return columns


def _place_axes(figure: Any, size: Size, legend_rows: int, title_lines: int, credit_lines: int) -> None:
    """Margins in inches, turned into the figure's fractions: fixed room for the title, the tick
    labels, the legend's rows and the source line (a layout engine would measure every label,
    which costs a third of the drawing)."""
    scale = 1.2 if size.compact else 1.0
    left, right, top = _left(size), 0.25, 0.15 + 0.24 * scale * title_lines
    ticks = 0.3 if size.compact else 0.95  # level tick labels and no axis title on a phone; rotated otherwise
    bottom = ticks + legend_rows * 0.22 * scale + (0.12 + 0.17 * credit_lines if credit_lines else 0.1)
    figure.subplots_adjust(
        left=left / size.width,
        right=1 - right / size.width,
        top=1 - top / size.height,
        bottom=min(0.6, bottom / size.height),
    )


def _left(size: Size) -> float:
    """The axes' left margin in inches (room for the count's tick labels and the axis title)."""
    return 0.7 * (1.2 if size.compact else 1.0)


def _draw_one(axes: Any, data: ChartData, align: Align, tr: Translator) -> None:
    """One treaty: its count, the threshold and its dates, the forecast band and the as-of line, on
    axes scaled to hold them all (drawn in this order, which is the SVG's order)."""
    points = data.series()
    _draw_signatures(axes, data, align, tr)
    _draw_count(axes, data, align, points, tr)
    _draw_threshold_marks(axes, data, align, tr)
    _draw_band(axes, data, align, data.threshold, tr)
    axes.axvline(
        data.x(data.as_of, align),
        linestyle=":",
        color=_GREY,
        linewidth=1.2,
        label=tr("As of {date}", date=data.as_of.isoformat()),
        gid="as-of",
    )
    _scale_axes(axes, data, align, points, tr)


def _late(data: ChartData) -> bool:
    """Whether the as-of date lies in the right half of the axis (labels at the line's end then sit to its left)."""
    last = max(data.end, data.start + MIN_SPAN)
    return (data.as_of - data.start) * 2 > (last - data.start)


def _draw_signatures(axes: Any, data: ChartData, align: Align, tr: Translator) -> None:
    """Signatures as a thinner blue step line under the count, with its total at the end."""
    points = data.signature_series()
    if not points:
        return
    axes.plot(
        [data.x(day, align) for day, _ in points],
        [count for _, count in points],
        drawstyle="steps-post",
        color=_BLUE,
        linewidth=1.6,
        label=tr("Signatures: {n}", n=data.signatories),
        gid="signatures",
    )
    axes.annotate(
        tr.plural("{n} signed", "{n} signed", data.signatories),
        (data.x(data.as_of, align), data.signatories),
        xytext=(-4 if _late(data) else 4, 5),
        textcoords="offset points",
        ha="right" if _late(data) else "left",
        va="bottom",
        color=_BLUE,
        fontsize="small",
        gid="signatures-label",
    )


def _draw_count(axes: Any, data: ChartData, align: Align, points: Sequence[tuple[date, int]], tr: Translator) -> None:
    """The count as a step line, with a dot on each day it changed (up to the as-of date), and a
    label at its end ("0 of 40 counted"), so that a count still at zero is seen, not hidden on the axis."""
    xs = [data.x(day, align) for day, _ in points]
    axes.plot(
        xs,
        [count for _, count in points],
        drawstyle="steps-post",
        color=_INK,
        linewidth=2.4,
        label=tr(
            "Counted instruments: {count} of {threshold}", count=data.counted_instruments, threshold=data.threshold
        ),
        gid="counted-instruments",
        clip_on=False,
        zorder=3,
    )
    axes.annotate(
        tr("{count} of {threshold} counted", count=data.counted_instruments, threshold=data.threshold),
        (xs[-1], points[-1][1]),
        xytext=(-4 if _late(data) else 4, 5),
        textcoords="offset points",
        ha="right" if _late(data) else "left",
        va="bottom",
        color=_INK,
        fontsize="small",
        fontweight="bold",
        gid="counted-label",
    )
    changes = [(day, count) for day, count in data.steps if data.start <= day <= data.as_of]
    if changes:
        axes.plot(
            [data.x(day, align) for day, _ in changes],
            [count for _, count in changes],
            linestyle="none",
            marker="o",
            markersize=4,
            color=_INK,
            gid="count-changes",
        )


def _draw_threshold_marks(axes: Any, data: ChartData, align: Align, tr: Translator) -> None:
    """The threshold as a dashed line, the day it was reached (if in view) and entry into force as a star."""
    axes.axhline(
        data.threshold,
        linestyle="--",
        color=_GREY,
        linewidth=1.2,
        label=tr("Threshold: {n}", n=data.threshold),
        gid="threshold",
    )
    if data.threshold_date is not None and data.threshold_date <= data.end:
        axes.axvline(
            data.x(data.threshold_date, align),
            linestyle="-.",
            color=_INK,
            linewidth=1,
            label=tr("Threshold reached: {date}", date=data.threshold_date.isoformat()),
            gid="threshold-date",
        )
    if data.entry_into_force is not None:
        axes.plot(
            [data.x(data.entry_into_force, align)],
            [data.threshold],
            linestyle="none",
            marker="*",
            markersize=12,
            color=_INK,
            label=tr("Entry into force: {date}", date=data.entry_into_force.isoformat()),
            gid="entry-into-force",
        )


def _scale_axes(axes: Any, data: ChartData, align: Align, points: Sequence[tuple[date, int]], tr: Translator) -> None:
    """Room above the threshold or the highest count, at least a month of days, and whole-number ticks."""
    from matplotlib.ticker import MaxNLocator

    top = max(data.threshold, max((count for _, count in points), default=0), data.signatories, 1)
    axes.set_ylim(0, top * 1.12)
    first, last = data.start, max(data.end, data.start + MIN_SPAN)
    margin = (last - first) * 0.02  # the as-of line clear of the frame
    axes.set_xlim(data.x(first, align), data.x(last + margin, align))
    axes.set_ylabel(tr("Participants") if data.signatories else tr("Counted instruments"))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))


def _draw_band(axes: Any, data: ChartData, align: Align, level: float, tr: Translator) -> None:
    band = data.band
    if band is None or not data.forecasts:  # a threshold already reached has its own mark
        return
    ends = {"share": tr.percent("80%"), "low": band.low.isoformat(), "high": band.high.isoformat()}
    if band.open_ended:
        label = tr("Forecast {share} band: {low} to {high} or later", **ends)
    else:
        label = tr("Forecast {share} band: {low} to {high}", **ends)
    axes.axvspan(
        data.x(band.low, align),
        data.x(band.high, align),
        facecolor="#d9d9d9",
        edgecolor=_GREY,
        hatch="//",
        linewidth=0,
        alpha=0.5,
        label=label,
        gid="forecast-band",
    )
    axes.plot(
        [data.x(band.median, align)],
        [level],
        linestyle="none",
        marker="D",
        markersize=7,
        markerfacecolor="white",
        markeredgecolor=_INK,
        label=tr("Forecast median: {date}", date=band.median.isoformat()),
        gid="forecast-median",
    )


def _draw_compared(axes: Any, charts: Sequence[ChartData], align: Align, tr: Translator) -> None:
    series = [data.series() for data in charts]
    for index, (data, points) in enumerate(zip(charts, series)):
        if index == 0:
            style, marker, colour, width = "-", "o", _INK, 2.2
        else:
            style, marker, colour = _COMPARE_STYLES[(index - 1) % len(_COMPARE_STYLES)]
            width = 1.6
        axes.plot(
            [data.x(day, align) for day, _ in points],
            [100 * data.share(count) for _, count in points],
            drawstyle="steps-post",
            linestyle=style,
            color=colour,
            linewidth=width,
            label=tr(
                "{title} ({id}), threshold {threshold}",
                title=tr.short_title(data.treaty_id, data.title),
                id=data.treaty_id,
                threshold=data.threshold,
            ),
            gid=f"curve-{index}",
        )
        axes.plot(
            [data.x(points[-1][0], align)],
            [100 * data.share(points[-1][1])],
            linestyle="none",
            marker=marker,
            markersize=6,
            color=colour,
            gid=f"curve-{index}-as-of",
        )
    _draw_band(axes, charts[0], align, 100.0, tr)
    label = tr("Threshold ({share})", share=tr.percent("100%"))
    axes.axhline(100, linestyle="--", color=_GREY, linewidth=1.2, label=label, gid="threshold")
    ends = [data.x(day, align) for data in charts for day in (data.start, max(data.end, data.start + MIN_SPAN))]
    axes.set_xlim(min(ends), max(ends))
    top = max([100.0] + [100 * data.share(count) for data, points in zip(charts, series) for _, count in points])
    axes.set_ylim(0, top * 1.12)
    axes.set_ylabel(tr("Share of the threshold (%)"))


def _dress(
    axes: Any,
    charts: Sequence[ChartData],
    align: Align,
    compare: bool,
    title: str,
    size: Size,
    credit_lines: int,
    tr: Translator,
) -> tuple[int, int]:
    """Title, axis labels, ISO dates or day counts on the x axis, grid and legend; returns the
    legend's number of rows and the title's number of lines (the room they need)."""
    import textwrap

    from matplotlib import dates as mdates

    lines = textwrap.wrap(title, int(size.width * (7 if size.compact else 11))) or [title]
    lines = fitted(lines, size.width - _left(size) - 0.1, "large", "bold", text=title)  # starts over the axes
    # y given: nothing is drawn above the axes, and matplotlib would otherwise measure every
    # artist on each draw to place the title (a fifth of drawing a chart); the picture is the same
    axes.set_title("\n".join(lines), loc="left", fontsize="large", fontweight="bold", y=1.0)
    if align == "calendar":
        # a month (2026-07) takes about 0.65 inch on a phone: at most as many as the axes hold
        most = min(5, max(2, int((size.width - _left(size) - 0.25) / 0.65))) if size.compact else 8
        locator = mdates.AutoDateLocator(minticks=2 if size.compact else 3, maxticks=most)
        locator.intervald[mdates.MONTHLY] = [1, 2, 3, 4, 6, 12]  # a year of months in three ticks, no warning
        axes.xaxis.set_major_locator(locator)
        # ISO 8601 either way; on a phone the month (2026-07) leaves room for level labels
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m" if size.compact else "%Y-%m-%d"))
        if not size.compact:
            axes.set_xlabel(tr("Date"))
            for label in axes.get_xticklabels():
                label.set_rotation(30)
                label.set_horizontalalignment("right")
    else:
        axes.set_xlabel(tr("Days since opening for signature"))
    axes.grid(True, color="#e0e0e0", linewidth=0.6)
    axes.set_axisbelow(True)
    handles, labels = axes.get_legend_handles_labels()
    columns = legend_columns(labels, 1 if size.compact else (2 if compare else 3), size.width - 0.1)
    if columns == 1:  # a long label on two lines (the handle takes about half an inch)
        labels = ["\n".join(fitted([label], size.width - 0.75, "small")) for label in labels]
    rows = -(-len(handles) // columns) + sum(label.count("\n") for label in labels)
    axes.figure.legend(
        handles,
        labels,
        loc="lower left",
        bbox_to_anchor=(0.0, (0.06 + 0.17 * credit_lines) / size.height),
        ncols=columns,
        fontsize="small",
        frameon=False,
    )
    return rows, len(lines)


def _accessible_svg(svg: str, svg_id: str, title: str, description: str) -> bytes:
    """The SVG with ``role="img"``, a ``<title>`` and a ``<desc>`` first in the root element.

    matplotlib writes the title only into its RDF metadata, which screen readers do not read.
    Its stylesheet (``*{stroke-...}``) is scoped to this picture, so that inlined in a page it
    styles nothing else.
    """
    match = re.search(r"<svg\b[^>]*>", svg)
    assert match is not None, "matplotlib wrote no <svg> element"
    tag = match.group(0)[:-1] + f' role="img" aria-labelledby="{svg_id}-title {svg_id}-desc">'
    labels = (
        f'\n <title id="{svg_id}-title">{escape(title)}</title>\n <desc id="{svg_id}-desc">{escape(description)}</desc>'
    )
    rest = svg[match.end() :].replace("*{stroke-linejoin", f"#{svg_id} *{{stroke-linejoin", 1)
    rest = _prefix_ids(rest, svg_id)
    return (svg[: match.start()] + tag + labels + rest).encode("utf-8")


def _prefix_ids(svg: str, prefix: str) -> str:
    """Every id inside the picture (and each reference to it) prefixed, so that two charts on one
    page never share an id (matplotlib numbers its groups ``figure_1``, ``line2d_1`` ... in each)."""
    ids = set(re.findall(r'\bid="([^"]+)"', svg))

    def renamed(match: re.Match[str]) -> str:
        name = match.group(2)
        return f"{match.group(1)}{prefix}-{name}" if name in ids else match.group(0)

    return re.sub(r'(\bid="|href="#|url\(#)([^")]+)', renamed, svg)


def inline_svg(svg: bytes) -> str:
    """The SVG as an element to put inside HTML: no XML declaration, DOCTYPE or RDF metadata."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg") :].strip()
    return re.sub(r"\s*<metadata>.*?</metadata>", "", text, count=1, flags=re.DOTALL)
