"""The UN depositary's names of participants: one shipped table, for every layer that names States.

``untc_names.csv`` (beside this module) holds the UN's spellings that ISO does not use, the
European Union, and former names. The depositary reader (``core.depositary.names``) matches status
tables against it; ``participant_lookup`` finds participants by these names and names new ones
with ``depositary_name``. Moved here from ``core.depositary`` so that the ledger layer can use it.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Optional

from hanoi_cli.core.ledger.names import name_key

TABLE_FILE = "untc_names.csv"


class NameEntry(NamedTuple):
    """One row of the shipped table."""

    name: str
    code: str
    kind: str
    current: bool  # the name the depositary writes today (one per code); False: a former spelling


@lru_cache(maxsize=1)
def name_table() -> tuple[NameEntry, ...]:
    """The shipped table of UN depositary names, read once."""
    text = Path(__file__).with_name(TABLE_FILE).read_text(encoding="utf-8")  # beside this module, as installed
    rows = csv.DictReader(io.StringIO(text))
    return tuple(
        NameEntry(
            unicodedata.normalize("NFC", row["name"].strip()),
            row["code"].strip(),
            row["kind"].strip(),
            row["current"].strip() == "yes",
        )
        for row in rows
    )


@lru_cache(maxsize=1)
def table_by_key() -> dict[str, tuple[str, str]]:
    """``name_key`` of every name in the table (current and former) to ``(code, kind)``."""
    return {name_key(entry.name): (entry.code, entry.kind) for entry in name_table()}


def depositary_name(code: str) -> Optional[str]:
    """The UN's current short name for a code: the shipped table's, else ISO's where it is not
    inverted ("Viet Nam"), else None."""
    wanted = code.strip().upper()
    for entry in name_table():
        if entry.code == wanted and entry.current:
            return entry.name
    import pycountry

    country = pycountry.countries.get(alpha_3=wanted)
    if country is None:
        return None
    name = country.name
    if "," in name:  # ISO's inverted form ("Korea, Republic of") is never the UN's
        name = getattr(country, "official_name", None) or getattr(country, "common_name", None) or name
    return name
