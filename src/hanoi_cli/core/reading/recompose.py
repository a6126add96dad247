"""The YAML nodes and plain data of an edited ledger, composed again only where the edit changed it.

An edit (``hanoi record``, ``hanoi sync``) changes a participant or two of a ledger that may list
50,000, and the edit transaction then validates and checks the whole result, which needs its nodes
(to locate problems) and its plain data. Composing the edited text from scratch costs as much as
reading the ledger (0.45 s for 50,000 participants). Here only the items of the participants list
that the edit's splices touch are composed again, on their own, at their own lines and columns;
every other node is the original's, unchanged, and a node after the change is found ``Shift.lines``
further down (``positions.start_mark`` asks the root for it).

Anything this does not recognise (a change outside the block list of participants, a layout it
cannot place, a text that does not compose on its own, a structural problem) is left to the full
composition, which reports the problems exactly. The result is handed to the next read of that
exact text, once (``loader``), and never to an edit: marks after the change are shifted only where
a problem is located, so a splice at them would land in the wrong place.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any, Optional

from hanoi_cli.core.reading.nodes import get, is_flow, is_sequence

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_DASH = re.compile(r" *- +")  # what precedes an item's first key on its line: indentation and the dash
SHIFT = "_hanoi_shift"  # where a recomposed root keeps its ``Shift`` (in the node's ``__dict__``)
PARTICIPANTS_DEPTH = 2  # the walk's depth of a participant: root 0, the list 1


class Shift:
    """How the original nodes kept in a recomposed tree moved: those from ``boundary`` (an index of
    the original text) on are ``index`` characters and ``lines`` lines further on, at the same
    column (the change ends at a line start); ``fresh`` are the ids of the nodes composed again,
    which are placed exactly. (A plain class: a dataclass costs ten times as much to make at import.)"""

    __slots__ = ("boundary", "fresh", "index", "lines")

    def __init__(self, boundary: int, index: int, lines: int, fresh: frozenset[int]) -> None:
        self.boundary, self.index, self.lines, self.fresh = boundary, index, lines, fresh

    def start_mark(self, node: Any) -> Any:
        mark = node.start_mark
        if mark.index < self.boundary or id(node) in self.fresh:
            return mark
        return _moved(mark, self.index, self.lines)


def _moved(mark: Any, index: int, lines: int) -> Any:
    import yaml

    return yaml.Mark(mark.name, mark.index + index, mark.line + lines, mark.column, mark.buffer, mark.pointer)


def recompose(
    original: str, root: Any, data: Any, spans: Sequence[tuple[int, int]], edited: str, name: str
) -> Optional[tuple[Any, Any]]:
    """The nodes and plain data of ``edited``, which is ``original`` (composed into ``root`` and
    ``data``) with the text between each ``(start, end)`` of ``spans`` replaced; None where only
    composing ``edited`` whole would do."""
    found = get(root, "participants") if spans else None
    rows = data.get("participants") if isinstance(data, dict) else None
    if found is None or not is_sequence(found[1]) or is_flow(found[1]) or not isinstance(rows, list):
        return None
    key, sequence = found
    items = sequence.value
    if not items or len(rows) != len(items):
        return None
    starts = [item.start_mark.index for item in items]
    first = min(bisect.bisect_right(starts, start) for start, _ in spans) - 1
    after = max(bisect.bisect_right(starts, end) for _, end in spans)  # the first item left as it is
    if first < 0 or 2 * (after - first) > len(items):  # most of the list: composing it whole costs no more
        return None
    begin = _dash_line(original, items[first])
    end = _dash_line(original, items[after]) if after < len(items) else sequence.end_mark.index
    if begin is None or end is None or not _at_line_start(original, end):
        return None
    if any(start < begin or stop > end for start, stop in spans):
        return None
    grown = len(edited) - len(original)
    if edited[:begin] != original[:begin] or edited[end + grown :] != original[end:]:  # cheap beside composing
        return None
    fragment = edited[begin : end + grown]
    line = items[first].start_mark.line
    composed = _compose_items(fragment, begin, line, name)
    if composed is None:
        return None
    fresh_root, fresh_rows, fresh = composed
    if fresh_root is not None and fresh_root.start_mark.column != sequence.start_mark.column:
        return None
    fresh_items = fresh_root.value if fresh_root is not None else []
    if first == 0 and not fresh_items:
        return None
    lines = len(_LINE_BREAK.findall(fragment)) - len(_LINE_BREAK.findall(original, begin, end))
    shift = Shift(end, grown, lines, fresh)
    import yaml

    start = fresh_root.start_mark if first == 0 else sequence.start_mark
    new_sequence = yaml.SequenceNode(
        sequence.tag,
        [*items[:first], *fresh_items, *items[after:]],
        start,
        _moved(sequence.end_mark, grown, lines),
        flow_style=sequence.flow_style,
    )
    pairs = [(k, new_sequence) if v is sequence and k is key else (k, v) for k, v in root.value]
    new_root = yaml.MappingNode(
        root.tag, pairs, root.start_mark, _moved(root.end_mark, grown, lines), flow_style=root.flow_style
    )
    new_root.__dict__[SHIFT] = shift
    new_data = dict(data)
    new_data["participants"] = [*rows[:first], *fresh_rows, *rows[after:]]
    return new_root, new_data


def _dash_line(text: str, item: Any) -> Optional[int]:
    """Where the line of a block item's dash starts, if the dash opens that line and its item
    starts on it (``  - name: ...``); None for any other layout."""
    start = item.start_mark.index
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    return line_start if _DASH.fullmatch(text, line_start, start) else None


def _at_line_start(text: str, index: int) -> bool:
    return index == 0 or index == len(text) or text[index - 1] in "\r\n"


def _compose_items(fragment: str, begin: int, line: int, name: str) -> Optional[tuple[Any, list[Any], frozenset[int]]]:
    """The fragment's block list (None when it holds no item), its items' plain data and the ids
    of its nodes, composed where it stands: padded with blank lines to its first line and with
    spaces to its first character, so that every mark is the one a whole composition gives.
    None if it does not compose on its own, or has a problem the walk reports."""
    import yaml

    from hanoi_cli.core.reading.loader import _fast_loader, _Walker, collector_paused

    padding = " " * (begin - line) + "\n" * line if line else ""
    with collector_paused():
        try:
            fresh_root = yaml.compose(padding + fragment, Loader=_fast_loader())
        except (yaml.YAMLError, RecursionError):
            return None
        if fresh_root is None:  # blank lines and comments: the edit removed the items
            return None, [], frozenset()
        if not isinstance(fresh_root, yaml.SequenceNode) or fresh_root.flow_style:
            return None
        walker = _Walker(name)
        rows = [walker.walk(item, PARTICIPANTS_DEPTH) for item in fresh_root.value]
    if walker.problems:
        return None
    return fresh_root, rows, _ids(fresh_root.value)


def _ids(nodes: list[Any]) -> frozenset[int]:
    """The ids of these nodes and of every node in them, keys included."""
    found: set[int] = set()
    pending = list(nodes)
    while pending:
        node = pending.pop()
        found.add(id(node))
        if is_sequence(node):
            pending += node.value
        elif not isinstance(node.value, str):  # a mapping: its keys and values
            pending += [part for pair in node.value for part in pair]
    return frozenset(found)
