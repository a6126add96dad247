"""Load and dump ledger text with ruamel.yaml's round-trip mode, and move nodes with their comments.

Editing commands must leave every untouched line as it was: comments, key order, quoting, flow
mappings and line layout. ruamel.yaml keeps all of that, but it hangs the comment lines that
precede a key (or a list item) on the *previous* key's value; moving nodes naively would move a
comment away from what it describes. ``reorder_mapping`` and ``reorder_sequence`` detach those
comment lines first and re-attach them in front of the same node after the move.

Only the editing commands import this module (ruamel.yaml is slow to import).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from typing import Any, Optional

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

CANONICAL_INDENT = (2, 4, 2)  # mapping indent, sequence indent, dash offset: "  - name: ..."

_KEY_LINE = re.compile(r"^( +)[^ #\-\n]")
_DASH_LINE = re.compile(r"^( *)- ")


def detect_indent(text: str) -> tuple[int, int, int]:
    """The file's (mapping, sequence, offset) indentation, guessed from its first nested lines."""
    mapping, offset = CANONICAL_INDENT[0], None
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if line.startswith(("#", " ")) or not line.rstrip().endswith(":"):
            continue
        for following in lines[number + 1 :]:
            if not following.strip() or following.lstrip().startswith("#"):
                continue
            dash = _DASH_LINE.match(following)
            key = _KEY_LINE.match(following)
            if dash and offset is None:
                offset = len(dash.group(1))
            elif key and not dash:
                mapping = len(key.group(1))
            break
    if offset is None:
        offset = CANONICAL_INDENT[2]
    return mapping, offset + 2, offset


def make_yaml(indent: tuple[int, int, int] = CANONICAL_INDENT) -> YAML:
    """A round-trip YAML instance that keeps quotes and never wraps long lines."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 30
    yaml.allow_duplicate_keys = False
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def load(yaml: YAML, text: str) -> Any:
    return yaml.load(text)


def dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def is_block(node: Any) -> bool:
    """A non-empty mapping or list written in block style (its comments live inside it)."""
    return isinstance(node, (CommentedMap, CommentedSeq)) and len(node) > 0 and not node.fa.flow_style()


def _slot(container: Any, key: Any) -> tuple[list[Any], int]:
    """Where the comment after ``container[key]`` (a scalar or flow value) is stored."""
    if isinstance(container, CommentedMap):
        return container.ca.items.setdefault(key, [None, None, None, None]), 2
    return container.ca.items.setdefault(key, [None, None, None, None]), 0


def _tail_slot(container: Any, key: Any) -> tuple[list[Any], int]:
    """The slot holding the comment that follows the whole value at ``container[key]``."""
    value = container[key]
    while is_block(value):
        container = value
        key = list(value.keys())[-1] if isinstance(value, CommentedMap) else len(value) - 1
        value = container[key]
    return _slot(container, key)


def take_following_lines(container: Any, key: Any) -> str:
    """Detach the full comment (and blank) lines after ``container[key]``; keep its end-of-line comment."""
    entry, index = _tail_slot(container, key)
    token = entry[index]
    if token is None:
        return ""
    value = token.value
    cut = value.find("\n")
    if cut < 0:
        return ""
    own, following = value[: cut + 1], value[cut + 1 :]
    if "#" in own:
        token.value = own
    else:
        entry[index] = None
    return following


def put_following_lines(container: Any, key: Any, lines: str) -> None:
    """Attach comment lines (as returned by ``take_following_lines``) after ``container[key]``."""
    if not lines:
        return
    entry, index = _tail_slot(container, key)
    token = entry[index]
    if token is None:
        entry[index] = CommentToken("\n" + lines, CommentMark(0), None)
    else:
        token.value = (token.value if token.value.endswith("\n") else token.value + "\n") + lines


def put_header_lines(node: Any, lines: str) -> None:
    """Attach comment lines above the first key or item of ``node`` (after any already there)."""
    if not lines:
        return
    token = CommentToken(lines, CommentMark(0), None)
    comment = node.ca.comment
    if comment is not None and comment[0] is not None:
        # An end-of-line comment after the parent key (``treaty:  # ...``): ruamel.yaml shares
        # that token with the parent and writes only it, so the lines must follow it there.
        eol = comment[0]
        eol.value = (eol.value if eol.value.endswith("\n") else eol.value + "\n") + lines
    elif comment is not None and len(comment) > 1 and isinstance(comment[1], list):
        comment[1].append(token)
    else:
        node.ca.comment = [None, [token]]


def reorder_mapping(mapping: CommentedMap, order: Sequence[str]) -> bool:
    """Put the keys of ``mapping`` in ``order`` (unknown keys last, as they were), comments along.

    Returns whether anything moved.
    """
    keys = list(mapping.keys())
    rank = {name: position for position, name in enumerate(order)}
    wanted = sorted(keys, key=lambda name: (rank.get(name, len(rank)), keys.index(name)))
    if wanted == keys:
        return False
    # The lines before key i hang on key i-1; the lines after the last key end the mapping.
    leading = {keys[0]: ""}
    for before, name in zip(keys, keys[1:]):
        leading[name] = take_following_lines(mapping, before)
    trailer = take_following_lines(mapping, keys[-1])
    values = [(name, mapping[name], mapping.ca.items.pop(name, None)) for name in wanted]
    for name in keys:
        del mapping[name]
    for name, value, comment in values:
        mapping[name] = value
        if comment is not None:
            mapping.ca.items[name] = comment
    for before, name in zip(wanted, wanted[1:]):
        put_following_lines(mapping, before, leading[name])
    put_header_lines(mapping, leading[wanted[0]])  # a key that moved to the front keeps its comment
    put_following_lines(mapping, wanted[-1], trailer)
    return True


def reorder_sequence(parent: CommentedMap, key: str, sort_key: Callable[[Any], Any]) -> bool:
    """Sort the list ``parent[key]`` by ``sort_key``, each item keeping the comment lines above it.

    Comment lines above the first item stay at the top of the list (they usually head the list);
    the comment of an item that moves to the front goes below them.
    Returns whether anything moved.
    """
    items: CommentedSeq = parent[key]
    count = len(items)
    order = sorted(range(count), key=lambda position: sort_key(items[position]))
    if order == list(range(count)):
        return False
    leading = [""] + [take_following_lines(items, position) for position in range(count - 1)]
    trailer = take_following_lines(items, count - 1)
    scalar_comments = [items.ca.items.pop(position, None) for position in range(count)]
    moved = [items[position] for position in order]
    for position, old in enumerate(order):
        items[position] = moved[position]
        if scalar_comments[old] is not None:
            items.ca.items[position] = scalar_comments[old]
    for position in range(1, count):
        put_following_lines(items, position - 1, leading[order[position]])
    put_header_lines(items, leading[order[0]])  # an item that moved to the front keeps its comment
    put_following_lines(items, count - 1, trailer)
    return True


def line_of(container: Any, key: Any) -> Optional[tuple[int, int]]:
    """1-based (line, column) of the value at ``container[key]``, when ruamel.yaml recorded it."""
    try:
        if isinstance(container, CommentedMap):
            line, column = container.lc.value(key)
        else:
            line, column = container.lc.item(key)
    except (KeyError, TypeError, AttributeError):
        return None
    return line + 1, column + 1
