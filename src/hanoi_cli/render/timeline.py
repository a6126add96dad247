"""Render a timeline: an event table and a text chart of counted instruments, CSV or JSON.

The chart is plain text (block characters), so it reads the same in a terminal, a log or a
pull-request comment: one column per span of days, the count as a filled area, the threshold as
a dashed line, and with ``--forecast`` the 80% band of the threshold date shaded on that line.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Optional, TextIO

from hanoi_cli.core.payloads.timeline import event_record, timeline_payload
from hanoi_cli.core.rules.chart_data import chart_data
from hanoi_cli.core.rules.engine import Evaluation
from hanoi_cli.core.rules.timeline import COLUMNS, Event
from hanoi_cli.render.formats import csv_text, dump_json, for_excel, writing

if TYPE_CHECKING:
    from hanoi_cli.core.commands.timeline import TimelineResult
    from hanoi_cli.render.layout import Output

LABELS = {
    "signature": "signature",
    "domestic_approval": "domestic approval",
    "deposit": "deposit",
    "denunciation": "denunciation",
    "withdrawal": "withdrawal",
    "entry_into_force": "entry into force",
}


def band_record(result: Any) -> Optional[dict[str, Any]]:
    """The forecast's band for the JSON payload (None if there is no forecast)."""
    if result is None or result.threshold is None:
        return None
    from hanoi_cli.core.payloads.projection import forecast_payload

    payload = forecast_payload(result)
    return {key: payload[key] for key in ("threshold_date", "entry_into_force", "model", "notes")}


def to_json(evaluation: Evaluation, found: list[Event], result: Any = None) -> str:
    payload = timeline_payload(evaluation, found, band_record(result), with_forecast=result is not None)
    return dump_json(payload)


def to_csv(found: list[Event]) -> str:
    records = (event_record(event) for event in found)
    return csv_text(COLUMNS, ([record[column] for column in COLUMNS] for record in records))


def chart(
    steps: list[tuple[date, int]],
    threshold: int,
    start: date,
    end: date,
    *,
    band: Optional[tuple[date, date, date]] = None,
    known_until: Optional[date] = None,
    width: int = 60,
    height: int = 8,
) -> list[str]:
    """Lines of a text chart of the step function ``steps`` from ``start`` to ``end``.

    Columns after ``known_until`` (the as-of date) stay empty: the count there is not known.
    """
    end = max(end, start + timedelta(days=width - 1))
    span = (end - start).days
    days = [start + timedelta(days=round(column * span / (width - 1))) for column in range(width)]
    step_days = [day for day, _ in steps]
    values = []
    for day in days:
        position = bisect_right(step_days, day)
        values.append(steps[position - 1][1] if position else 0)
    top = max(threshold, max(values, default=0), 1)
    threshold_row = min(height - 1, height - round(threshold * height / top))  # 0 is the top row; never below the chart
    lines = []
    for row in range(height):
        level = height - row  # this row is filled where value reaches level/height of top
        cells = []
        for column, value in enumerate(values):
            known = known_until is None or days[column] <= known_until
            filled = known and value > 0 and value * height / top >= level - 0.5
            if filled:
                cells.append("█")
            elif row == threshold_row and band is not None and band[0] <= days[column] <= band[2]:
                nearest = column + 1 < width and days[column] <= band[1] < days[column + 1]
                cells.append("┃" if nearest else "░")
            elif row == threshold_row:
                cells.append("╌")
            else:
                cells.append(" ")
        label = f"{threshold:>4} ┤" if row == threshold_row else (f"{top:>4} ┤" if row == 0 else "     │")
        lines.append(label + "".join(cells))
    lines.append("   0 └" + "─" * width)
    left, right = start.isoformat(), end.isoformat()
    if len(left) + 1 + len(right) <= width:
        lines.append("      " + left + " " * (width - len(left) - len(right)) + right)
    else:  # too narrow for both dates on one line: the end date under the chart's end
        lines += ["      " + left, " " * max(0, 6 + width - len(right)) + right]
    return lines


def print_timeline(
    evaluation: Evaluation, found: list[Event], result: Any = None, *, stream: Optional[TextIO] = None
) -> None:
    """Events as a table, then the chart; with a forecast, its band and a line on it."""
    from rich.text import Text

    from hanoi_cli.render.layout import Output

    out = Output(stream=stream)
    treaty = evaluation.treaty
    out.prose(
        Text.assemble(
            (treaty.display_title, "bold"), (f"  {treaty.id}  timeline as of ", "dim"), evaluation.as_of.isoformat()
        )
    )
    _print_events(out, found)
    out.print()
    _print_chart(out, evaluation, found, result)


def _print_events(out: Output, found: list[Event]) -> None:
    """One row an event, entry into force in cyan and a change of the count in bold.

    Events, names and details wrap at spaces; dates, codes and counts are never cut or split; when
    they cannot fit, each event is a short block (render.layout)."""
    from hanoi_cli.render.layout import Column
    from hanoi_cli.render.layout import print_table as print_layout

    columns = (
        Column("Date"),
        Column("Event", "words"),
        Column("Participant", "words"),
        Column("Code"),
        Column("Detail", "words"),
        Column("Counted", justify="right"),
    )
    rows = []
    styles = []
    for event in found:
        style = "cyan" if event.event == "entry_into_force" else ("bold" if event.change else "")
        rows.append(
            (
                event.day.isoformat(),
                LABELS[event.event],
                event.name,
                event.code,
                event.detail,
                str(event.counted_instruments),
            )
        )
        styles.append((style,) * 6)
    if found:
        print_layout(out, columns, rows, head=(0, 1, 2), row_styles=styles)
    else:
        out.prose("No events recorded by this date.", style="dim")


def _print_chart(out: Output, evaluation: Evaluation, found: list[Event], result: Any) -> None:
    """The count against the threshold as a text chart as wide as the terminal allows, and with a
    forecast the sentence that reads its band."""
    from rich.text import Text

    data = chart_data(evaluation, forecast=result, timeline=found)
    band = None if data.band is None else (data.band.low, data.band.median, data.band.high)
    out.prose(Text(f"Counted instruments against the threshold ({evaluation.threshold})", style="bold"))
    for line in chart(
        list(data.steps),
        data.threshold,
        data.start,
        data.end,
        band=band,
        known_until=data.as_of,
        width=max(8, min(80, out.console.width - 8)),  # its 6-column scale too fits the terminal
    ):
        out.print(Text(line))
    if band is not None and data.forecasts:  # once the threshold is reached the band only repeats the record
        out.prose(
            Text(
                f"Forecast: threshold most likely around {band[1].isoformat()} (┃); 80% band {band[0].isoformat()} "
                f"to {band[2].isoformat()} (░). See hanoi forecast.",
                style="dim",
            )
        )
        for note in data.forecast_notes:
            out.prose(Text(note, style="dim"))


def _table(result: TimelineResult, stream: TextIO) -> None:
    print_timeline(result.evaluation, result.events, result.forecast, stream=stream)


RENDERERS: dict[str, Callable[[TimelineResult, TextIO], None]] = {
    "table": _table,
    "text": _table,
    "csv": writing(lambda result: to_csv(result.events)),
    "csv-excel": for_excel(lambda result: to_csv(result.events)),
    "json": writing(lambda result: to_json(result.evaluation, result.events, result.forecast)),
}
