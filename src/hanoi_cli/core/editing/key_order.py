"""The order keys take in a ledger: the models' field order, which ``hanoi fmt`` writes, where
``record`` and ``sync`` insert a new key, and what ``hanoi new`` writes a new ledger in.

One of the editing modules (``session``, ``record``, ``actions``, ``canonical``); this one is at the
bottom with ``yaml_text`` and imports neither.
"""

from __future__ import annotations

import dataclasses
from typing import Optional

from hanoi_cli.core.ledger.models import (
    EntryIntoForceRule,
    Participant,
    Period,
    Requirement,
    SignatureWindow,
    Treaty,
)


def _fields(cls: type) -> tuple[str, ...]:
    return tuple(item.name for item in dataclasses.fields(cls))


def _treaty_order() -> tuple[str, ...]:
    """The Treaty fields in model order, except the rule: after the descriptive keys, as the
    ledger format's example (docs/reference/ledger-format.md) writes it (the dataclass must list required fields first)."""
    names = [name for name in _fields(Treaty) if name != "entry_into_force"]
    names.insert(names.index("signature") + 1, "entry_into_force")
    return tuple(names)


ROOT_ORDER = ("treaty", "participants")
TREATY_ORDER = _treaty_order()
PARTICIPANT_ORDER = _fields(Participant)
RULE_ORDER = _fields(EntryIntoForceRule)
PERIOD_ORDER = _fields(Period)
WINDOW_ORDER = _fields(SignatureWindow)
REQUIREMENT_ORDER = _fields(Requirement)


def rank(key: str, order: tuple[str, ...]) -> int:
    """Where ``key`` goes in ``order``: unknown keys after every known one."""
    return order.index(key) if key in order else len(order)


def anchor(keys: list[str], key: str, order: tuple[str, ...]) -> Optional[str]:
    """The existing key a new one goes before: the first that follows it in ``order`` (None: last)."""
    mine = rank(key, order)
    for existing in keys:
        if rank(existing, order) > mine:
            return existing
    return None
