"""``hanoi export``: the tidy event table (or the participant-year panel) of one or more ledgers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class ExportResult:
    """The table: its ``kind`` (``events`` or ``panel``), its columns in order and its rows (plain values:
    dates as ``date``), every ledger's rows one after the other."""

    kind: str
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    as_of: date


def export(paths: Iterable[str | Path], as_of: date, *, panel: bool = False) -> ExportResult:
    """Read every ledger (``-``: standard input) and tabulate it as of ``as_of``; the first that
    cannot be read stops the export with its ``LedgerError`` (a table with a ledger missing would mislead)."""
    from hanoi_cli.core.reading.loader import read_ledger
    from hanoi_cli.core.rules.tidy import EVENT_COLUMNS, PANEL_COLUMNS, event_rows, panel_rows

    tabulate = panel_rows if panel else event_rows
    rows = [row for path in paths for row in tabulate(read_ledger(path).ledger, as_of)]
    return ExportResult("panel" if panel else "events", PANEL_COLUMNS if panel else EVENT_COLUMNS, rows, as_of)
