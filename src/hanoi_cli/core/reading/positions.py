"""Where a value is in a ledger file: from a key path (``participants[3].ratification``) to its
YAML node, and so to a line and column. Used to locate Pydantic's errors and ``hanoi validate``'s
findings alike; it needs PyYAML's node classes and nothing else (no Pydantic).
"""

from __future__ import annotations

from typing import Any

import yaml


def follow(root: yaml.Node, loc: list[Any], *, last_is_key: bool) -> tuple[Any, Any, Any, list[Any]]:
    """Follow ``loc`` through the nodes: (key node, value node, parent node, parts that exist).

    A part that is not in the YAML names a union member (Pydantic adds e.g. ``'constrained-str'``)
    and is skipped, except a missing key (``last_is_key``), whose value node is then None.
    """
    parent: Any = None
    key_node: Any = None
    node: Any = root
    parts: list[Any] = []
    for index, part in enumerate(loc):
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            found = _keys(node).get(part)
            if found is not None:
                parent, (key_node, node) = node, found
                parts.append(part)
            elif last_is_key and index == len(loc) - 1:
                parent, key_node, node = node, None, None
                parts.append(part)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            parent, key_node, node = node, None, node.value[part]
            parts.append(part)
    return key_node, node, parent, parts


def _keys(node: yaml.MappingNode) -> dict[str, tuple[Any, Any]]:
    """The mapping's first (key node, value node) for each text key, indexed once per node: a
    ledger with 80,000 unknown keys is located in linear time, not by one scan per problem."""
    index = node.__dict__.get("_hanoi_keys")
    if index is None:
        index = {}
        for key, value in node.value:
            if isinstance(key.value, str):
                index.setdefault(key.value, (key, value))
        node.__dict__["_hanoi_keys"] = index
    return index


def format_path(parts: list[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
