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


def validate_edited_data(data: Any, before: Any, ledger: Ledger) -> Ledger:
    """``validate_ledger_data(data)`` for an edit of ``before`` (plain data that validated to
    ``ledger``): only the participants whose data the edit changed are validated again.

    The schema judges each participant on its own (no rule spans two), so one whose data is the
    same, key order included, validates to the same ``Participant``. The changed ones are those
    between the longest unchanged start and end of the list. Any problem, and any data not shaped
    like ``before``, is found by validating the whole, so problems are located exactly as before.
    """
    import dataclasses

    from pydantic import ValidationError

    old = before.get("participants") if isinstance(before, dict) else None
    new = data.get("participants") if isinstance(data, dict) else None
    if not isinstance(old, list) or not isinstance(new, list) or len(old) != len(ledger.participants):
        return validate_ledger_data(data)
    limit = min(len(old), len(new))
    start = 0
    while start < limit and _same(new[start], old[start]):
        start += 1
    end = 0
    while end < limit - start and _same(new[-1 - end], old[-1 - end]):
        end += 1
    try:
        part = validate_ledger_data({**data, "participants": new[start : len(new) - end]})
    except ValidationError:
        return validate_ledger_data(data)  # the problems, at their places in the whole list
    kept = ledger.participants
    return dataclasses.replace(part, participants=kept[:start] + part.participants + kept[len(kept) - end :])


def _same(new: Any, old: Any) -> bool:
    """Equal plain data with keys in the same order (a participant's long-form facts keep the
    order of its keys)."""
    if new != old:
        return False
    if isinstance(new, dict):
        nested = (_same(value, old[key]) for key, value in new.items() if isinstance(value, (dict, list)))
        return list(new) == list(old) and all(nested)
    if isinstance(new, list):
        return all(_same(value, other) for value, other in zip(new, old) if isinstance(value, (dict, list)))
    return True
