"""Render ``hanoi export``: the tidy table as CSV (a header, one line per row) or JSON (the envelope,
then the rows as objects under ``events`` or ``panel``). Dates are ISO 8601 dates, flags ``true``/``false``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from hanoi_cli.core.payloads.envelope import envelope
from hanoi_cli.render.formats import csv_text, dump_json, for_excel, writing

if TYPE_CHECKING:
    from hanoi_cli.core.commands.export import ExportResult


def plain(value: Any) -> Any:
    """A cell as JSON and CSV write it: a date as ``YYYY-MM-DD``, anything else as it is."""
    return value.isoformat() if isinstance(value, date) else value


def export_payload(result: ExportResult) -> dict[str, Any]:
    """The JSON document of ``hanoi export --format json``."""
    rows = [{column: plain(row[column]) for column in result.columns} for row in result.rows]
    return envelope(as_of=result.as_of.isoformat(), columns=list(result.columns), **{result.kind: rows})


def to_csv(result: ExportResult) -> str:
    return csv_text(result.columns, ([plain(row[column]) for column in result.columns] for row in result.rows))


def to_json(result: ExportResult) -> str:
    return dump_json(export_payload(result))


RENDERERS: dict[str, Callable[[ExportResult, TextIO], None]] = {
    "csv": writing(to_csv),
    "csv-excel": for_excel(to_csv),  # the CSV as Excel opens it right (a BOM, CRLF)
    "json": writing(to_json),
}
