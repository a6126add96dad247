"""Pydantic's view of the ledger models: validation of plain data, and the JSON Schema.

Building the validator costs tens of milliseconds, so it is built once per process and only by
commands that really validate (a ledger found in the cache is not validated again).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from hanoi_cli.core.ledger.models import Ledger


@lru_cache(maxsize=1)
def ledger_adapter() -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(Ledger)


def validate_ledger_data(data: Any) -> Ledger:
    """Type and check plain data (dicts, lists, strings) as a ledger; raises ValidationError."""
    return ledger_adapter().validate_python(data)
