"""Small matchers and getters over the nodes PyYAML composes: the one place that knows a node's shape.

Reading (``positions``, which locates problems), editing (``editing.yaml_text`` and the edits on
top of it) and scenario files all walk the same composed nodes; they ask here rather than each
testing node classes its own way. A node is told by its ``id`` (``"scalar"``, ``"sequence"``,
``"mapping"``), which every PyYAML node class sets, so this module needs no ``import yaml``, and
every matcher answers False for None (a key that is not there).
"""

from __future__ import annotations

from typing import Any, Optional, TypeGuard


def is_scalar(node: Any) -> TypeGuard[Any]:  # a node, not None: narrows ``Optional`` for the type checker
    return getattr(node, "id", None) == "scalar"


def is_mapping(node: Any) -> TypeGuard[Any]:  # a node, not None: narrows ``Optional`` for the type checker
    return getattr(node, "id", None) == "mapping"


def is_sequence(node: Any) -> TypeGuard[Any]:  # a node, not None: narrows ``Optional`` for the type checker
    return getattr(node, "id", None) == "sequence"


def is_flow(node: Any) -> bool:
    """Written ``{...}`` or ``[...]`` (a flow collection), not as indented lines."""
    return bool(getattr(node, "flow_style", False))


def key_texts(mapping: Any) -> list[Any]:
    """Each key node's value in order: the key's text for a scalar key (all a ledger has)."""
    return [pair[0].value for pair in mapping.value]


def pairs(mapping: Any) -> list[tuple[Any, Any]]:
    """A mapping node's ``(key node, value node)`` pairs whose key is a scalar."""
    return [(key, value) for key, value in mapping.value if is_scalar(key)]


def get(mapping: Any, key: str) -> Optional[tuple[Any, Any]]:
    """``(key node, value node)`` of ``key`` (its first occurrence) in a mapping node, None if absent."""
    for key_node, value_node in mapping.value:
        if is_scalar(key_node) and key_node.value == key:
            return key_node, value_node
    return None


def pair(mapping: Any, key: str) -> tuple[Any, Any]:
    """``(key node, value node)`` of a key the caller knows is there (``KeyError`` if it is not)."""
    found = get(mapping, key)
    if found is None:
        raise KeyError(key)
    return found


def value_of(mapping: Any, key: str) -> Any:
    """The value node of ``key``; None if ``mapping`` is not a mapping node or has no such key."""
    found = get(mapping, key) if is_mapping(mapping) else None
    return found[1] if found else None


def key_index(mapping: Any) -> dict[str, tuple[Any, Any]]:
    """The mapping's first ``(key node, value node)`` for each scalar key, indexed once per node (and
    kept on it): a ledger with 80,000 unknown keys is located in linear time, not one scan per problem."""
    index = mapping.__dict__.get("_hanoi_keys")
    if index is None:
        index = {}
        for key, value in mapping.value:
            if isinstance(key.value, str):
                index.setdefault(key.value, (key, value))
        mapping.__dict__["_hanoi_keys"] = index
    return index
