"""Render an ``Evaluation`` as a Rich table, JSON, CSV or Markdown.

Machine formats (JSON, CSV) carry only the payload; the table is for people on a terminal and the
Markdown for pull-request comments and reports.
"""

from __future__ import annotations

from hanoi_cli.core.payloads.status import (
    INSTRUMENT_LABELS,
    PARTICIPANT_COLUMNS,
    STATUS_LABELS,
    coverage_sentence,
    flags,
    participant_record,
    status_payload,
    status_sentence,
)
from hanoi_cli.core.rules.engine import Evaluation
from hanoi_cli.render.formats import csv_text, dump_json, md_cell, md_row

STATUS_STYLES = {"not_reached": "yellow", "pending": "cyan", "in_force": "green"}


def to_json(evaluation: Evaluation) -> str:
    return dump_json(status_payload(evaluation))


def to_csv(evaluation: Evaluation) -> str:
    """One row per participant; empty cells for what is not recorded; ISO dates."""
    records = (participant_record(party) for party in evaluation.parties)
    return csv_text(PARTICIPANT_COLUMNS, ([record[column] for column in PARTICIPANT_COLUMNS] for record in records))


def to_markdown(evaluation: Evaluation) -> str:
    treaty = evaluation.treaty
    lines = [
        f"## {md_cell(treaty.display_title)} ({md_cell(treaty.id)}): status as of {evaluation.as_of.isoformat()}",
        "",
        f"**{evaluation.counted_instruments} / {evaluation.threshold}** counted instruments · "
        f"{evaluation.signatories} signatories · {evaluation.party_count} parties · "
        f"status: **{STATUS_LABELS[evaluation.status]}**",
        "",
        md_cell(status_sentence(evaluation)),
        "",
    ]
    coverage = coverage_sentence(evaluation)
    if coverage:
        lines += [f"_{md_cell(coverage)}_", ""]
    lines += [
        "| Participant | Code | Signature | Instrument | Deposited | Entry into force | Flags |",
        "|---|---|---|---|---|---|---|",
    ]
    for party in evaluation.parties:
        record = participant_record(party)
        cells = [
            record["name"],
            record["code"],
            record["signature"] or "",
            INSTRUMENT_LABELS.get(record["instrument"] or "", ""),
            record["deposited"] or "",
            record["entry_into_force"] or "",
            ", ".join(flags(party)),
        ]
        lines.append(md_row(cells))
    return "\n".join(lines) + "\n"


# The UN Treaty Collection's marks after a date of deposit; a date alone is a ratification.
UNTC_SYMBOLS = {
    "ratification": "",
    "acceptance": "A",
    "approval": "AA",
    "accession": "a",
    "succession": "d",
    "definitive_signature": "s",
    "formal_confirmation": "c",
}


def _deposit_cell(instrument: str | None, deposited: str | None) -> str:
    if not instrument or not deposited:
        return ""
    return f"{deposited} {UNTC_SYMBOLS[instrument]}".rstrip()


def _short_span(value: str | None) -> str:
    """``2025-10-25/2025-10-26`` -> ``2025-10-25/26``: the ISO 8601 abbreviated interval."""
    if not value or "/" not in value:
        return value or ""
    start, end = value.split("/")
    for cut in (8, 5):  # same month: keep the day; same year: keep month and day
        if start[:cut] == end[:cut]:
            return f"{start}/{end[cut:]}"
    return value


def print_table(evaluation: Evaluation) -> None:
    """The human view: a headline with a progress bar, then one row per participant."""
    from rich import box
    from rich.cells import cell_len
    from rich.console import Console
    from rich.progress_bar import ProgressBar
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False)
    treaty = evaluation.treaty

    console.print(
        Text.assemble(
            (treaty.display_title, "bold"),
            (f"  {treaty.id}  as of ", "dim"),
            evaluation.as_of.isoformat(),
            "  ",
            (STATUS_LABELS[evaluation.status], f"bold {STATUS_STYLES[evaluation.status]}"),
        )
    )
    progress = Table.grid(padding=(0, 1))
    progress.add_row(
        Text("Counted instruments"),
        ProgressBar(
            total=evaluation.threshold, completed=min(evaluation.counted_instruments, evaluation.threshold), width=30
        ),
        Text(f"{evaluation.counted_instruments} / {evaluation.threshold}", style="bold"),
    )
    console.print(progress)
    console.print(Text(f"Signatories {evaluation.signatories} · Parties {evaluation.party_count}"))
    console.print(Text(status_sentence(evaluation)))
    coverage = coverage_sentence(evaluation)
    if coverage:
        console.print(Text(coverage, style="yellow"))
    console.print()

    rows = []
    for party in evaluation.parties:
        record = participant_record(party)
        rows.append(
            (
                record["name"],
                record["code"],
                _short_span(record["signature"]),
                _deposit_cell(record["instrument"], record["deposited"]),
                record["entry_into_force"] or "",
                ", ".join(flags(party)),
            )
        )
    headers = ("Participant", "Code", "Signature", "Deposit", "In force", "Flags")
    # Every column but the first gets its width from the data: Rich then has nothing to measure,
    # which is most of the cost of a long table. Participant names take the rest and wrap.
    widths = [max(cell_len(cell) for cell in column) for column in zip(headers, *rows)]
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False)
    table.add_column(headers[0], min_width=min(14, widths[0]), ratio=1)
    for header, width in zip(headers[1:], widths[1:]):
        table.add_column(header, width=width, no_wrap=header != "Flags")
    styles = ("", "", "", "", "", "dim")
    for party, row in zip(evaluation.parties, rows):
        cells = [Text(cell, style=style) for cell, style in zip(row, styles)]
        if party.status == "pending":
            cells[4].stylize("cyan")
        table.add_row(*cells)
    console.print(table)
    used = sorted({party.instrument for party in evaluation.parties if party.instrument} - {"ratification"})
    if used:
        legend = " · ".join(f"{UNTC_SYMBOLS[kind]} {INSTRUMENT_LABELS[kind]}" for kind in used)
        console.print(Text(f"Deposit: a date alone is a ratification; {legend}.", style="dim"))
