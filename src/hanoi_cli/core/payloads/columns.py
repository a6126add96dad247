"""The columns of the participants table, in one place for the CSV, the JSON and the Python API.

A leaf module (no imports of the models), so the API can name its columns without loading them.
"""

from __future__ import annotations

# Columns of the participants table, in order (CSV header and JSON participant keys).
PARTICIPANT_COLUMNS = (
    "name",
    "code",
    "kind",
    "signature",
    "instrument",
    "deposited",
    "counted",
    "entry_into_force",
    "status",
    "reservations",
    "declarations",
    "denunciation",
    "sources",
    "notes",
    "domestic_approval",
    "confirmed_by_depositary",
    "evidence",
    "signature_evidence",
    "instrument_evidence",
    "instrument_notification",
)


def _table_columns() -> tuple[str, ...]:
    """The API's participants table: the same columns plus ``signature_earliest`` (a signature
    span's first day) after ``signature``, and ``sources, notes`` after ``confirmed_by_depositary``,
    the order docs/python-api.md published before the evidence columns were added at the end."""
    columns = [column for column in PARTICIPANT_COLUMNS if column not in ("sources", "notes")]
    columns.insert(columns.index("signature") + 1, "signature_earliest")
    at = columns.index("confirmed_by_depositary") + 1
    return (*columns[:at], "sources", "notes", *columns[at:])


TABLE_PARTICIPANT_COLUMNS = _table_columns()
