"""Render the summary of many ledgers (one row per treaty) as a Rich table, JSON, CSV or Markdown.

A ledger that could not be used keeps its row, marked ``invalid`` or ``unreadable`` with empty
cells; its problems go to stderr (``status_command``), never into the table.
"""

from __future__ import annotations

from datetime import date

from hanoi_cli.core.ledger.wording import plural
from hanoi_cli.core.payloads.many_ledgers import SUMMARY_COLUMNS, SummaryRow, summary_payload, summary_record, tally
from hanoi_cli.core.payloads.unmet import unmet_text
from hanoi_cli.render.formats import csv_text, dump_json, md_cell, md_row
from hanoi_cli.render.status import STATUS_LABELS, STATUS_STYLES

HEADERS = ("Treaty", "Id", "Counted", "Status", "Threshold", "In force", "Ledger")


def _label(status: str) -> str:
    return STATUS_LABELS.get(status, status)  # "invalid" and "unreadable" read as they are


def _cells(row: SummaryRow) -> tuple[str, ...]:
    """The human columns: counted instruments as ``4 / 3``, empty cells where nothing is known."""
    record = summary_record(row)
    counted = "" if row.evaluation is None else f"{record['counted_instruments']} / {record['threshold']}"
    return (
        record["short_title"] or "",
        record["id"] or "",
        counted,
        _label(row.status),
        record["threshold_date"] or "",
        record["entry_into_force"] or "",
        row.path,
    )


def to_json(rows: list[SummaryRow], as_of: date) -> str:
    return dump_json(summary_payload(rows, as_of))


def _csv_row(row: SummaryRow) -> list[object]:
    record = summary_record(row)
    codes = dict.fromkeys(problem.code for problem in row.problems)  # unique, in order
    if row.evaluation is not None:  # one cell: ``coe-member 1/3; eu 0/2``
        record["unmet_requirements"] = unmet_text(row.evaluation)
    return [*(record[column] for column in SUMMARY_COLUMNS), " ".join(codes)]


def to_csv(rows: list[SummaryRow]) -> str:
    """The ``SUMMARY_COLUMNS`` and ``error``: the codes of a failed ledger's problems."""
    return csv_text((*SUMMARY_COLUMNS, "error"), (_csv_row(row) for row in rows))


def _headline(rows: list[SummaryRow], as_of: date) -> str:
    return f"Status of {plural(len(rows), 'treaty', 'treaties')} as of {as_of.isoformat()}"


def to_markdown(rows: list[SummaryRow], as_of: date) -> str:
    lines = [
        f"## {_headline(rows, as_of)}",
        "",
        "| Treaty | Id | Counted | Status | Threshold date | Entry into force | Ledger |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        cells = list(_cells(row))  # md_row escapes them; the marks added here need no escaping
        if row.evaluation is None:
            cells[3] = f"**{cells[3]}**"
        cells[-1] = f"`{cells[-1]}`" if cells[-1] else ""
        lines.append(md_row(cells))
    lines += ["", md_cell(tally(rows)) + "."]
    return "\n".join(lines) + "\n"


def print_table(rows: list[SummaryRow], as_of: date) -> None:
    """A headline, one row per treaty, and a tally of the statuses."""
    from rich import box
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False)
    console.print(Text(_headline(rows, as_of), style="bold"))
    console.print()
    cells = [_cells(row) for row in rows]
    # Widths come from the data so Rich measures nothing (most of the cost of a long table); the
    # treaty title and the path share what is left, the path keeping at least half of its share.
    widths = [max(cell_len(cell) for cell in column) for column in zip(HEADERS, *cells)]
    spare = console.width - sum(widths[1:-1]) - 2 * (len(HEADERS) - 1)  # padding and divider
    title_width = max(min(widths[0], spare - min(widths[-1], spare // 2)), min(widths[0], 10))
    widths[-1] = max(spare - title_width, min(widths[-1], 8))
    widths[0] = title_width
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", padding=(0, 1, 0, 0), pad_edge=False, show_edge=False)
    for header, width in zip(HEADERS, widths):
        wraps = header in ("Treaty", "Ledger")
        table.add_column(header, width=width, no_wrap=not wraps, overflow="fold" if wraps else "ellipsis")
    for row, row_cells in zip(rows, cells):
        texts = [Text(cell) for cell in row_cells]
        style = STATUS_STYLES.get(row.status, "bold red")
        texts[3].stylize(style)
        texts[-1].stylize("dim")
        table.add_row(*texts)
    console.print(table)
    console.print(Text(tally(rows) + "."))
