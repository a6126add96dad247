"""Pydantic's view of the ledger models: validation of plain data, and the JSON Schema.

Building the validator through Pydantic costs tens of milliseconds (generating the core schema,
discovering plugins), so it is built once per process and only by commands that really validate
(a ledger found in the cache is not validated again). The core schema it generates is kept in the
cache (``core.reading.cache``), and a later process builds pydantic-core's validator straight from
it, without Pydantic's schema generation: a ledger just edited is read almost as fast as a cached
one. Validation goes through pydantic-core's ``SchemaValidator`` either way, so both paths behave
alike (Pydantic plugins, which observe validations, are not involved in either).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from hanoi_cli.core.ledger.models import Ledger


@lru_cache(maxsize=1)
def ledger_adapter() -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(Ledger)


@lru_cache(maxsize=1)
def ledger_validator() -> Any:
    """pydantic-core's validator of a ledger: from the cached core schema, else built by Pydantic
    (and its schema cached). A schema that cannot be read or used is only a slower start."""
    from pydantic_core import SchemaValidator

    from hanoi_cli.core.reading import cache

    folder = cache.cache_dir()
    if folder is not None:
        schema = cache.get_schema(folder, cache.schema_key())
        if schema is not None:
            try:
                return SchemaValidator(schema)
            except Exception:  # damaged yet unpicklable: build it again below
                pass
    schema = ledger_adapter().core_schema
    if folder is not None:
        cache.put_schema(folder, cache.schema_key(), schema)
    return SchemaValidator(schema)


def validate_ledger_data(data: Any) -> Ledger:
    """Type and check plain data (dicts, lists, strings) as a ledger; raises ValidationError.

    The cyclic garbage collector is paused meanwhile: validating allocates an object per value,
    and its passes over them made validating a ledger of 50,000 participants superlinear."""
    from hanoi_cli.core.reading.loader import collector_paused

    validate = ledger_validator().validate_python
    with collector_paused():
        return validate(data)
