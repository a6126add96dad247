"""Render the summary of many ledgers (one row per treaty) as a Rich table, JSON, CSV or Markdown.

A ledger that could not be used keeps its row, marked ``invalid`` or ``unreadable`` with empty
cells; its problems go to stderr (``status_command``), never into the table.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Optional, TextIO

from hanoi_cli.core.commands.status import SummaryResult, SummaryRow
from hanoi_cli.core.ledger.wording import plural
from hanoi_cli.core.payloads.many_ledgers import (
    LATER_COLUMNS,
    SUMMARY_COLUMNS,
    age_cell,
    summary_payload,
    summary_record,
    tally,
)
from hanoi_cli.core.payloads.unmet import unmet_text
from hanoi_cli.render.formats import csv_text, dump_json, for_excel, md_cell, md_row, writing
from hanoi_cli.render.status import STATUS_LABELS, STATUS_STYLES

if TYPE_CHECKING:
    from hanoi_cli.core.payloads.localized import Words

HEADERS = ("Treaty", "Id", "Counted", "Status", "Threshold", "In force", "Ledger", "Checked", "Age")


def _label(status: str, words: Optional[Words] = None) -> str:
    if words is not None:
        return words.status_label(status)
    return STATUS_LABELS.get(status, status)  # "invalid" and "unreadable" read as they are


def _cells(row: SummaryRow, words: Optional[Words] = None) -> tuple[str, ...]:
    """The human columns: counted instruments as ``4 / 3``, empty cells where nothing is known."""
    record = summary_record(row)
    counted = "" if row.evaluation is None else f"{record['counted_instruments']} / {record['threshold']}"
    title = record["short_title"] or ""
    if words is not None and row.evaluation is not None:
        title = words.title(row.evaluation.treaty)
    return (
        title,
        record["id"] or "",
        counted,
        _label(row.status, words),
        record["threshold_date"] or "",
        record["entry_into_force"] or "",
        row.path,
        record["checked"] or "",
        age_cell(record) if words is None else words.age(record.get("checked_days")),
    )


def to_json(rows: list[SummaryRow], as_of: date) -> str:
    return dump_json(summary_payload(rows, as_of))


def _csv_row(row: SummaryRow) -> list[object]:
    record = summary_record(row)
    codes = dict.fromkeys(problem.code for problem in row.problems)  # unique, in order
    if row.evaluation is not None:  # one cell: ``coe-member 1/3; eu 0/2``
        record["unmet_requirements"] = unmet_text(row.evaluation)
    return [*(record[column] for column in SUMMARY_COLUMNS), " ".join(codes), *(record[c] for c in LATER_COLUMNS)]


def to_csv(rows: list[SummaryRow]) -> str:
    """The ``SUMMARY_COLUMNS``, ``error`` (the codes of a failed ledger's problems), then the
    ``LATER_COLUMNS``: a column is only ever added at the end."""
    return csv_text((*SUMMARY_COLUMNS, "error", *LATER_COLUMNS), (_csv_row(row) for row in rows))


def _headline(rows: list[SummaryRow], as_of: date, words: Optional[Words] = None) -> str:
    if words is not None:
        return words.tr.plural(
            "Status of {n} treaty as of {date}",
            "Status of {n} treaties as of {date}",
            len(rows),
            date=as_of.isoformat(),
        )
    return f"Status of {plural(len(rows), 'treaty', 'treaties')} as of {as_of.isoformat()}"


def _tally(rows: list[SummaryRow], words: Optional[Words] = None) -> str:
    return tally(rows) if words is None else words.tally([row.status for row in rows])


def to_markdown(rows: list[SummaryRow], as_of: date, words: Optional[Words] = None) -> str:
    head: tuple[str, ...] = (
        "Treaty",
        "Id",
        "Counted",
        "Status",
        "Threshold date",
        "Entry into force",
        "Ledger",
        "Checked",
        "Age",
    )
    if words is not None:
        head = tuple(words.heading(word) for word in head)
    lines = [f"## {_headline(rows, as_of, words)}", "", md_row(list(head)), "|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        cells = list(_cells(row, words))  # md_row escapes them; the marks added here need no escaping
        if row.evaluation is None:
            cells[3] = f"**{cells[3]}**"
        cells[6] = f"`{cells[6]}`" if cells[6] else ""
        lines.append(md_row(cells))
    lines += ["", md_cell(_tally(rows, words)) + "."]
    return "\n".join(lines) + "\n"


def print_table(
    rows: list[SummaryRow], as_of: date, *, stream: Optional[TextIO] = None, words: Optional[Words] = None
) -> None:
    """A headline, one row per treaty, and a tally of the statuses.

    Titles wrap; ids, counts, statuses, dates and paths are never cut or split (``render.layout``):
    when they cannot all fit, each treaty is a short block instead.
    """
    from rich.text import Text

    from hanoi_cli.render.layout import Column, Output
    from hanoi_cli.render.layout import print_table as print_layout

    out = Output(stream=stream)
    out.prose(Text(_headline(rows, as_of, words), style="bold"))
    out.print()
    heading = (lambda word: word) if words is None else words.heading
    columns = [Column(heading(header), "words" if header == "Treaty" else "fixed") for header in HEADERS]
    columns[6] = Column(heading("Ledger"), style="dim")
    styles = [("", "", "", STATUS_STYLES.get(row.status, "bold red"), "", "", "", "", _age_style(row)) for row in rows]
    print_layout(out, columns, [_cells(row, words) for row in rows], head=(0, 1), row_styles=styles)
    out.prose(_tally(rows, words) + ".")


def _age_style(row: SummaryRow) -> str:
    """A record past the freshness limit in yellow, as the single-ledger headline shows it."""
    return "yellow" if summary_record(row)["stale"] else ""


# --- one renderer per --format (``hanoi status A B ...``), each writing the result to a stream ---


def _table(result: SummaryResult, stream: TextIO) -> None:
    print_table(result.rows, result.as_of, stream=stream)


RENDERERS: dict[str, Callable[[SummaryResult, TextIO], None]] = {
    "table": _table,
    "text": _table,
    "json": writing(lambda result: to_json(result.rows, result.as_of)),
    "csv": writing(lambda result: to_csv(result.rows)),
    "csv-excel": for_excel(lambda result: to_csv(result.rows)),
    "markdown": writing(lambda result: to_markdown(result.rows, result.as_of)),
}


def renderers_for(words: Optional[Words]) -> dict[str, Callable[[SummaryResult, TextIO], None]]:
    """``RENDERERS`` with headings, statuses and titles in the language of ``--lang`` (``words``);
    JSON and CSV are machine output and never change."""
    if words is None:
        return RENDERERS

    def table(result: SummaryResult, stream: TextIO) -> None:
        print_table(result.rows, result.as_of, stream=stream, words=words)

    return {
        **RENDERERS,
        "table": table,
        "text": table,
        "markdown": writing(lambda result: to_markdown(result.rows, result.as_of, words)),
    }
