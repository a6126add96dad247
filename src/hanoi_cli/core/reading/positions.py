"""Where a value is in a ledger file: from a key path (``participants[3].ratification``) to its
YAML node, and so to a line and column. Used to locate Pydantic's errors and ``hanoi validate``'s
findings alike; it walks the nodes through ``nodes`` and needs nothing else (no Pydantic).
"""

from __future__ import annotations

from typing import Any, Optional

from hanoi_cli.core.reading.nodes import is_mapping, is_sequence, key_index


def follow(root: Any, loc: list[Any], *, last_is_key: bool) -> tuple[Any, Any, Any, list[Any]]:
    """Follow ``loc`` through the nodes: (key node, value node, parent node, parts that exist).

    A part that is not in the YAML names a union member (Pydantic adds e.g. ``'constrained-str'``)
    and is skipped, except a missing key (``last_is_key``), whose value node is then None.
    """
    parent: Any = None
    key_node: Any = None
    node: Any = root
    parts: list[Any] = []
    for index, part in enumerate(loc):
        if is_mapping(node) and isinstance(part, str):
            found = _pair(node, part)
            if found is not None:
                parent, (key_node, node) = node, found
                parts.append(part)
            elif last_is_key and index == len(loc) - 1:
                parent, key_node, node = node, None, None
                parts.append(part)
        elif is_sequence(node) and isinstance(part, int) and part < len(node.value):
            parent, key_node, node = node, None, node.value[part]
            parts.append(part)
    return key_node, node, parent, parts


def _pair(mapping: Any, key: str) -> Any:
    """The first ``(key node, value node)`` of ``key``: a scan of a small mapping (a participant's
    few keys: cheaper than indexing each of 50,000 of them), the kept index of a big one."""
    pairs = mapping.value
    if len(pairs) > 16:
        return key_index(mapping).get(key)
    for pair in pairs:
        if pair[0].value == key:  # a key that is a list or mapping never equals a text
            return pair
    return None


def position(root: Any, node: Any) -> Optional[tuple[int, int]]:
    """0-based ``(line, column)`` where ``node`` starts in the text ``root`` was composed from
    (``start_mark``'s, without making a mark); None for no node."""
    if node is None:
        return None
    mark = node.start_mark
    shift = root.__dict__.get("_hanoi_shift") if hasattr(root, "__dict__") else None
    if shift is None or mark.index < shift.boundary or id(node) in shift.fresh:
        return mark.line, mark.column
    return mark.line + shift.lines, mark.column


def start_mark(root: Any, node: Any) -> Any:
    """Where ``node`` starts in the text ``root`` was composed from: its own mark, unless ``root``
    is an edited text composed again only where it changed (``recompose``), whose unchanged nodes
    after the change have moved down; None for no node."""
    if node is None:
        return None
    shift = getattr(root, "__dict__", {}).get("_hanoi_shift")
    return node.start_mark if shift is None else shift.start_mark(node)


def format_path(parts: list[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
