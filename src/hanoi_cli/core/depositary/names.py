"""A depositary's participant name to the ledger's code and kind: exact matches only.

In order: the ledger's own participants (names compared with ``core.names.name_key``, as hanoi
compares names everywhere), the table of UN depositary names shipped next to this module
(``untc_names.csv``: the UN's spellings ISO does not use, the European Union, former names), and
pycountry's exact ``name``, ``official_name`` and ``common_name``. Never fuzzy: pycountry's fuzzy
search turns "Republic of Korea" into North Korea, and a wrong code is worse than an error.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple, Optional

from hanoi_cli.core.depositary.text import clean
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
    text = resources.files(__package__).joinpath(TABLE_FILE).read_text(encoding="utf-8")
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
def _table_by_key() -> dict[str, tuple[str, str]]:
    return {name_key(entry.name): (entry.code, entry.kind) for entry in name_table()}


@lru_cache(maxsize=1)
def _pycountry_by_key() -> dict[str, str]:
    import pycountry  # only a name neither the ledger nor the table knows pays for it

    found: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                found.setdefault(name_key(value), country.alpha_3)
    return found


def plain_name(name: str) -> str:
    """The name without footnote markers or markup, NFC-normalised, spacing collapsed."""
    return clean(name, trailing_markers=True).text


def resolve_code(name: str, ledger_participants: Iterable[Any] = ()) -> Optional[tuple[str, str]]:
    """``(code, kind)`` for a name as the depositary prints it, or None when nothing matches exactly.

    ``ledger_participants`` are objects with ``name``, ``code`` and ``kind`` (the ledger's
    ``Participant``): the ledger's own spelling wins, so a participant keeps its code.
    """
    return resolver(ledger_participants)(name)


def resolver(ledger_participants: Iterable[Any] = ()) -> Callable[[str], Optional[tuple[str, str]]]:
    """``resolve_code`` with the ledger's names keyed once, for a whole status table."""
    own: dict[str, tuple[str, str]] = {}
    for participant in ledger_participants:
        own.setdefault(name_key(participant.name), (participant.code, participant.kind))

    def resolve(name: str) -> Optional[tuple[str, str]]:
        key = name_key(plain_name(name))
        if not key:
            return None
        found = own.get(key) or _table_by_key().get(key)
        if found:
            return found
        code = _pycountry_by_key().get(key)
        return (code, "state") if code else None

    return resolve


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
