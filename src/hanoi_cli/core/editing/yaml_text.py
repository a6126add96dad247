"""Edit YAML text in place, guided by the marks of the nodes the reading path composes.

One parser reads and writes: the text is composed exactly as ``core.loader`` composes it (PyYAML's
C composer, BaseLoader resolver), and every edit is a splice of the original text at node marks.
What an edit does not touch stays byte for byte: values, quoting, comments, trailing spaces, tabs,
document markers, list style, and line endings (new lines use the file's own ending).

Marks: PyYAML's ``mark.index`` counts characters of the decoded text (not bytes, astral characters
count one), and a byte-order mark is not counted, so the BOM is taken off before composing and put
back after. Only ``\\r\\n``, ``\\r`` and ``\\n`` end lines here; the reader refuses a U+2028 that
would make the two disagree.

Splices are collected against the original text and applied once (``YamlText.render``), so any
number of edits costs one pass over the file. Work is linear in the file's size: line starts are
computed once, and every lookup is a bisection.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any, NamedTuple, Optional

from hanoi_cli.core.reading.nodes import is_flow, is_mapping, is_scalar, key_texts

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
BOM = "\ufeff"
# Characters that cannot start a plain scalar, and texts that must not be plain (nulls to the loader).
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_FLOW_UNSAFE = set(",[]{}")
_PRINTABLE_PLAIN = re.compile(r"[^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*")


class LayoutError(ValueError):
    """The text is valid YAML but laid out in a way these edits do not handle (never silently wrong)."""

    def __init__(self, message: str, index: int) -> None:
        super().__init__(message)
        self.index = index


class Splice(NamedTuple):
    """Replace ``text[start:end]`` by ``new``; ``rank`` orders insertions at the same place."""

    start: int
    end: int
    new: str
    rank: tuple = ()


def apply_splices(text: str, splices: Sequence[Splice]) -> str:
    """``text`` with every splice applied; insertions at a place go before a replacement starting there."""
    ordered = sorted(
        enumerate(splices), key=lambda pair: (pair[1].start, pair[1].end != pair[1].start, pair[1].rank, pair[0])
    )
    parts: list[str] = []
    position = 0
    for _, splice in ordered:
        if splice.start < position:
            raise ValueError(f"overlapping edits at character {splice.start}")
        parts.append(text[position : splice.start])
        parts.append(splice.new)
        position = splice.end
    parts.append(text[position:])
    return "".join(parts)


def plain_ok(value: str, *, flow: bool = False) -> bool:
    """Whether ``value`` may be written as a plain scalar and read back by the loader as this text."""
    if value in _NULLS or value != value.strip(" ") or not _PRINTABLE_PLAIN.fullmatch(value):
        return False
    if "\t" in value or ": " in value or " #" in value or value.endswith(":"):
        return False
    if value[0] in _INDICATORS and not (value[0] in "-?:" and len(value) > 1 and value[1] not in " \t" and not flow):
        return False
    if flow and (_FLOW_UNSAFE & set(value) or ":" in value):
        return False
    if value in ("---", "...") or value.startswith(("--- ", "... ")):
        return False
    return True


def quote(value: str) -> str:
    """Single quotes where they suffice, double quotes (with escapes) for line breaks and controls."""
    if _PRINTABLE_PLAIN.fullmatch(value) and "\t" not in value:
        return "'" + value.replace("'", "''") + "'"
    import json

    written = json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted strings,
    return (
        written.replace("\x85", "\\N").replace("\u2028", "\\L").replace("\u2029", "\\P")
    )  # but YAML breaks lines there


def scalar_text(value: str, *, flow: bool = False) -> str:
    """The YAML for a string value: plain when YAML allows it, quoted only when it must be."""
    return value if plain_ok(value, flow=flow) else quote(value)


def line_break_of(text: str) -> str:
    """The file's own line ending (its first one), ``\\n`` for a file of one line."""
    found = _LINE_BREAK.search(text)
    return found.group() if found else "\n"


class YamlText:
    """A ledger's text, its composed nodes, and the splices an edit has collected so far."""

    def __init__(self, text: str, name: str = "<ledger>", root: Any = None) -> None:
        self.bom = text.startswith(BOM)
        self.text = text[1:] if self.bom else text
        self.name = name
        if root is None:
            from hanoi_cli.core.reading.loader import compose

            root, self.data = compose(self.text, name)
        else:
            self.data = None
        self.root = root
        self.newline = line_break_of(self.text)
        self.splices: list[Splice] = []
        self._starts: Optional[list[int]] = None

    # --- positions ----------------------------------------------------------------------------

    def line_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *(found.end() for found in _LINE_BREAK.finditer(self.text))]
        return self._starts

    def line_start(self, index: int) -> int:
        starts = self.line_starts()
        return starts[bisect.bisect_right(starts, index) - 1]

    def next_line(self, index: int) -> int:
        """Where the line after the one holding ``index`` starts (the file's end on the last line)."""
        starts = self.line_starts()
        position = bisect.bisect_right(starts, index)
        return starts[position] if position < len(starts) else len(self.text)

    def column(self, index: int) -> int:
        return index - self.line_start(index)

    def content_end(self, node: Any) -> int:
        """The end of the last line a node's content is on (its end-of-line comment included)."""
        while not is_scalar(node) and not is_flow(node) and node.value:
            last = node.value[-1]
            node = last[1] if is_mapping(node) else last
        end = node.end_mark.index
        if is_scalar(node) and node.style in ("|", ">"):
            return self.line_start(end) if end < len(self.text) else end  # it already ends with its breaks
        if end > 0 and self.text[end - 1 : end] in ("\n", "\r") and end == self.line_start(end):
            return end
        return self.next_line(end)

    def ends_line(self, index: int) -> bool:
        return index > 0 and self.text[index - 1] in "\r\n"

    def position(self, index: int) -> tuple[int, int]:
        """1-based (line, column) of a character of the text."""
        starts = self.line_starts()
        number = bisect.bisect_right(starts, index)
        return number, index - starts[number - 1] + 1

    def mark_of(self, node: Any) -> tuple[int, int]:
        """1-based (line, column) of a node, as the loader's problems give them."""
        return node.start_mark.line + 1, node.start_mark.column + 1

    # --- splices ------------------------------------------------------------------------------

    def splice(self, start: int, end: int, new: str, rank: tuple = ()) -> None:
        self.splices.append(Splice(start, end, new, rank))

    def render(self) -> str:
        text = apply_splices(self.text, self.splices) if self.splices else self.text
        return BOM + text if self.bom else text

    # --- scalars ------------------------------------------------------------------------------

    def replace_scalar(self, node: Any, new: str, *, keep_comment_column: bool = True) -> None:
        """Replace a scalar's text by ``new`` (already YAML), keeping an end-of-line comment's column."""
        start, end = node.start_mark.index, node.end_mark.index
        if node.style in ("|", ">"):
            end = self.line_start(end) if end < len(self.text) else end
            if self.ends_line(end):
                end -= 2 if self.text[end - 2 : end] == "\r\n" else 1
        if self.text[start:end] == new:
            return
        if keep_comment_column:
            after = self.text[end : end + 200]
            gap = after[: len(after) - len(after.lstrip(" "))]
            if gap and self.text[end + len(gap) : end + len(gap) + 1] == "#":
                width = len(gap) - (len(new) - (end - start))  # the comment keeps its column,
                width = width if width >= 1 else len(gap)  # or its spacing when the value got longer
                self.splice(start, end + len(gap), new + " " * width)
                return
        self.splice(start, end, new)

    def set_value(self, key_node: Any, value_node: Any, new: str, *, flow: bool = False) -> None:
        """Give a key the inline value ``new`` (YAML text), whatever it held before."""
        if is_scalar(value_node) and not (value_node.value == "" and not value_node.style):
            self.replace_scalar(value_node, new)
            return
        colon = self.text.index(":", key_node.end_mark.index)
        if is_scalar(value_node) or is_flow(value_node):
            end = value_node.end_mark.index if not is_scalar(value_node) else colon + 1
            self.splice(colon + 1, max(end, colon + 1), " " + new)
            return
        end = self.content_end(value_node)  # a block collection: its lines go, the key line's comment stays
        tail = self.text[colon + 1 : self.next_line(colon)].rstrip("\r\n")
        comment = tail[len(tail) - len(tail.lstrip(" ")) :] if tail.strip().startswith("#") else ""
        spacing = tail[: len(tail) - len(tail.lstrip(" "))] if comment else ""
        self.splice(colon + 1, end, " " + new + spacing + comment + self.newline)

    # --- block values and items, as new text ---------------------------------------------------

    def indent_step(self, mapping: Any) -> int:
        """How far this file indents a mapping inside a mapping, judged by ``mapping`` (2 if it cannot tell)."""
        if not is_flow(mapping) and mapping.value:
            return max(1, self.key_column(mapping))
        return 2

    def block_list_value(self, items: Sequence[str], column: int) -> str:
        """YAML for a block list under a key at ``column`` (items already YAML): lines starting with a break."""
        nl = self.newline
        return nl + nl.join(" " * (column + 2) + "- " + item for item in items)

    def block_mapping_value(self, entries: Sequence[tuple[str, str]], column: int, step: int) -> str:
        """YAML for a block mapping under a key at ``column``, indented by ``step`` (values already YAML)."""
        nl = self.newline
        return nl + nl.join(" " * (column + step) + f"{key}: {value}" for key, value in entries)

    def block_item(self, entries: Sequence[tuple[str, str]], dash: int, gap: int) -> str:
        """A whole block list item holding a mapping, ``-`` at column ``dash`` and ``gap`` spaces after it;
        each value is YAML, inline or (a block value) lines starting with a break."""
        nl = self.newline
        column = dash + 1 + gap
        lines = []
        for number, (key, rendered) in enumerate(entries):
            head = " " * dash + "-" + " " * gap if number == 0 else " " * column
            space = "" if rendered[:1] in "\r\n" else " "
            lines.append(f"{head}{key}:{space}{rendered}")
        return nl.join(lines) + nl

    def scalar_to_block_mapping(
        self, key_node: Any, value_node: Any, entries: Sequence[tuple[str, str]], column: int, step: int
    ) -> None:
        """``key: a`` becomes a block mapping of ``entries`` (values YAML, inline or a block value
        starting with a break) under the key at ``column``; a comment on the key's line stays there."""
        colon = self.text.index(":", key_node.end_mark.index)
        self.splice(colon + 1, value_node.end_mark.index, "")
        at = self.content_end(value_node)
        lead = "" if self.ends_line(at) else self.newline
        lines = "".join(
            " " * (column + step) + f"{key}:{'' if value[:1] in chr(13) + chr(10) else ' '}{value}" + self.newline
            for key, value in entries
        )
        self.splice(at, at, lead + lines)

    def scalar_to_block_list(
        self, key_node: Any, value_node: Any, items: Sequence[str], column: int, rank: tuple = ()
    ) -> None:
        """``key: a`` becomes a block list of ``items`` (YAML, the old value first) under the key at ``column``."""
        colon = self.text.index(":", key_node.end_mark.index)
        self.splice(colon + 1, value_node.end_mark.index, "")
        at = self.content_end(value_node)
        lead = "" if self.ends_line(at) else self.newline
        self.splice(at, at, lead + "".join(" " * (column + 2) + "- " + item + self.newline for item in items), rank)

    def append_block_items(self, sequence: Any, items: Sequence[str], rank: tuple = ()) -> None:
        """Add scalar ``items`` (YAML) at the end of a block list, in the list's own dash style."""
        dash, gap = self.list_style(sequence)
        at = self.content_end(sequence)
        lead = "" if self.ends_line(at) else self.newline
        self.splice(at, at, lead + "".join(" " * dash + "-" + " " * gap + item + self.newline for item in items), rank)

    def empty_list_style(self, key_node: Any) -> tuple[int, int]:
        """(dash column, spaces after the dash) for items of an empty list (``key: []``) that becomes a block list."""
        return self.column(key_node.start_mark.index) + 2, 1

    def append_to_empty_list(self, key_node: Any, sequence: Any, lines: str, rank: tuple = (), *, clear: bool) -> None:
        """Add a block item (``lines``, ending with a break) to ``key: []``, which becomes a block list
        under its key; ``clear``: this is the first item added, so the ``[]`` goes."""
        if clear:
            colon = self.text.index(":", key_node.end_mark.index)
            self.splice(colon + 1, sequence.end_mark.index, "")
        at = self.content_end(sequence)
        lead = "" if self.ends_line(at) else self.newline
        self.splice(at, at, lead + lines, rank)

    # --- mappings -----------------------------------------------------------------------------

    def key_column(self, mapping: Any) -> int:
        return self.column(mapping.value[0][0].start_mark.index)

    def insert_key(
        self, mapping: Any, key: str, rendered: str, before: Optional[str], rank: tuple = (), *, first: bool = False
    ) -> None:
        """Add ``key`` with ``rendered`` (YAML for the value: inline, or lines starting with a break).

        It goes before the key ``before`` (None: after the last key), on its own line at the
        mapping's indentation, or as ``, key: value`` inside a flow mapping. The comment lines above
        ``before`` stay with it. ``first``: the keys above ``before`` are being removed, so the new
        key takes the first key's place.
        """
        if is_flow(mapping):
            self._insert_flow_entry(mapping, f"{key}: {rendered}", before, rank)
            return
        column = self.key_column(mapping)
        keys = key_texts(mapping)
        if before is None:
            at = self.content_end(mapping.value[-1][1])
            lead = "" if self.ends_line(at) or at == 0 else self.newline
            self.splice(at, at, lead + " " * column + f"{key}:{_space(rendered)}{rendered}" + self.newline, rank)
            return
        position = keys.index(before)
        key_start = mapping.value[position][0].start_mark.index
        if first or position == 0 or self.text[self.line_start(key_start) : key_start].strip(" "):
            # the first key, on a line that starts ``- ``: the new key takes its place on that line
            new = f"{key}:{_space(rendered)}{rendered}" + self.newline + " " * column
            self.splice(key_start, key_start, new, rank)
            return
        at = self.content_end(mapping.value[position - 1][1])
        self.splice(at, at, " " * column + f"{key}:{_space(rendered)}{rendered}" + self.newline, rank)

    def _insert_flow_entry(self, collection: Any, entry: str, before: Optional[str], rank: tuple) -> None:
        items = collection.value
        if not items:
            opening = collection.start_mark.index + 1
            self.splice(opening, opening, entry, rank)
            return
        if before is None:
            last = items[-1][1] if is_mapping(collection) else items[-1]
            at = last.end_mark.index
            self.splice(at, at, ", " + entry, rank)
            return
        keys = key_texts(collection)
        position = keys.index(before)
        at = items[position][0].start_mark.index
        self.splice(at, at, entry + ", ", rank)

    def remove_key(self, mapping: Any, key: str) -> str:
        """Remove ``key`` and its value (their lines in block style); returns the text removed."""
        return self.remove_keys(mapping, [key])[key]

    def remove_keys(self, mapping: Any, keys: Sequence[str]) -> dict[str, str]:
        """Remove several keys of one mapping in one go; returns each key's text as it was.

        Comment lines above a removed key stay: they may describe what follows. When the first key
        goes (the one on a ``- `` line, or the first in a flow mapping), the first key that stays
        takes its place, so the splices never overlap.
        """
        names = key_texts(mapping)
        gone = [position for position, name in enumerate(names) if name in set(keys)]
        removed: dict[str, str] = {}
        if not gone:
            return removed
        flow = is_flow(mapping)
        first_start = mapping.value[0][0].start_mark.index
        on_dash = not flow and bool(self.text[self.line_start(first_start) : first_start].strip(" "))
        handled: set[int] = set()
        if (flow or on_dash) and gone[0] == 0:
            staying = next((position for position in range(len(names)) if position not in gone), None)
            if staying is None and on_dash:
                raise LayoutError("cannot remove every key of a list item", first_start)
            last = staying if staying is not None else len(names)
            for position in range(last):
                key_node, value_node = mapping.value[position]
                removed[names[position]] = self._entry_text(key_node, value_node, flow)
                handled.add(position)
            if staying is not None:
                end = mapping.value[staying][0].start_mark.index
                if not flow:  # the comment lines above the key that moves up go above the item
                    above = self.text[self.content_end(mapping.value[staying - 1][1]) : self.line_start(end)]
                    if above:
                        dash_line = self.line_start(first_start)
                        self.splice(dash_line, dash_line, above, (2,))
            else:
                end = mapping.value[-1][1].end_mark.index
            self.splice(first_start, end, "")
        for position in gone:
            if position in handled:
                continue
            key_node, value_node = mapping.value[position]
            removed[names[position]] = self._entry_text(key_node, value_node, flow)
            if flow:
                self.splice(mapping.value[position - 1][1].end_mark.index, value_node.end_mark.index, "")
            else:
                self.splice(self.line_start(key_node.start_mark.index), self.content_end(value_node), "")
        return removed

    def _entry_text(self, key_node: Any, value_node: Any, flow: bool) -> str:
        """``key: value`` as written (in block style with its end-of-line comment)."""
        end = value_node.end_mark.index if flow else self.content_end(value_node)
        return self.text[key_node.start_mark.index : end].rstrip("\r\n")

    def rename_key(self, key_node: Any, new_key: str) -> None:
        self.splice(key_node.start_mark.index, key_node.end_mark.index, new_key)

    # --- sequences ----------------------------------------------------------------------------

    def dash_index(self, item: Any) -> int:
        """Where the ``-`` of a block sequence item is."""
        index = item.start_mark.index - 1
        while index >= 0 and self.text[index] in " \t\r\n":
            index -= 1
        if index < 0 or self.text[index] != "-":
            raise LayoutError("a list item whose dash could not be found", item.start_mark.index)
        return index

    def list_style(self, sequence: Any) -> tuple[int, int]:
        """(dash column, spaces after the dash) of a block sequence: ``  -   name`` is (2, 3)."""
        first = sequence.value[0]
        dash = self.dash_index(first)
        gap = first.start_mark.index - dash - 1
        if (
            gap < 1
            or "\n" in self.text[dash : first.start_mark.index]
            or "\r" in self.text[dash : first.start_mark.index]
        ):
            gap = 1
        return self.column(dash), gap

    def insert_item(self, sequence: Any, position: int, lines: str, rank: tuple = ()) -> None:
        """Insert ``lines`` (a whole block item, ``- `` included, ending with a line break) before
        item ``position`` (at the end when it is the length), above that item's comment lines."""
        items = sequence.value
        if position == 0:
            at = self.line_start(self.dash_index(items[0]))
        else:
            at = self.content_end(items[position - 1])
        lead = "" if at == 0 or self.ends_line(at) else self.newline
        self.splice(at, at, lead + lines, rank)

    def insert_flow_item(self, sequence: Any, position: int, entry: str, rank: tuple = ()) -> None:
        items = sequence.value
        if not items:
            opening = sequence.start_mark.index + 1
            self.splice(opening, opening, entry, rank)
        elif position >= len(items):
            at = items[-1].end_mark.index
            self.splice(at, at, ", " + entry, rank)
        else:
            at = items[position].start_mark.index
            self.splice(at, at, entry + ", ", rank)

    # --- moving blocks (fmt) ------------------------------------------------------------------

    def reorder_block(self, collection: Any, order: Sequence[int]) -> bool:
        """Put a block mapping's keys (or a block sequence's items) in ``order`` (old positions).

        Each child moves with the comment and blank lines directly above it; the lines above the
        first child stay at the top, and a child that moves to the front goes below them. The text
        of each child is kept as it is, its indentation given by the collection's column.
        """
        children = collection.value
        if list(order) == list(range(len(children))):
            return False
        mapping = is_mapping(collection)
        starts = [(pair[0].start_mark.index if mapping else self.dash_index(pair)) for pair in children]
        ends = [self.content_end(pair[1] if mapping else pair) for pair in children]
        column = self.column(starts[0])
        leads: list[str] = [""]
        for number in range(1, len(children)):
            line = self.line_start(starts[number])
            if self.text[line : starts[number]].strip(" ") or line < ends[number - 1]:
                raise LayoutError("two entries share a line", starts[number])
            leads.append(self.text[ends[number - 1] : line])
        bodies = []
        for start, end in zip(starts, ends, strict=True):
            body = self.text[start:end]
            if not self.ends_line(end):
                body += self.newline
            bodies.append(body)
        parts = []
        for place, old in enumerate(order):
            if place == 0:
                prefix_start = self.line_start(starts[0])
                parts.append(leads[old] + self.text[prefix_start : starts[0]] + bodies[old])
            else:
                parts.append(leads[old] + " " * column + bodies[old])
        region = "".join(parts)
        region_start, region_end = self.line_start(starts[0]), ends[-1]
        if not self.ends_line(region_end):
            region = region[: -len(self.newline)]
        self.splice(region_start, region_end, region)
        return True

    def flow_entries_have_comments(self, collection: Any) -> bool:
        return "#" in re.sub(r"'[^']*'|\"(?:[^\"\\]|\\.)*\"", "", self._flow_gaps(collection))

    def _flow_gaps(self, collection: Any) -> str:
        """The text of a flow collection outside its scalars (where a comment could be)."""
        parts, position = [], collection.start_mark.index
        nodes = (
            [node for pair in collection.value for node in pair] if is_mapping(collection) else list(collection.value)
        )
        for node in nodes:
            parts.append(self.text[position : node.start_mark.index])
            position = node.end_mark.index
        parts.append(self.text[position : collection.end_mark.index])
        return "".join(parts)

    def reorder_flow_sequence(self, sequence: Any, order: Sequence[int]) -> None:
        """Write a flow list anew as ``[item, ...]``, its items (as written) in ``order`` (old positions)."""
        items = sequence.value
        new = "[" + ", ".join(self.source(items[position]) for position in order) + "]"
        self.splice(sequence.start_mark.index, sequence.end_mark.index, new)

    def rewrite_flow_mapping(self, mapping: Any, entries: Sequence[tuple[str, str]]) -> None:
        """Write a flow mapping anew as ``{key: value, ...}`` (key and value given as YAML text)."""
        new = "{" + ", ".join(f"{key}: {value}" for key, value in entries) + "}"
        start, end = mapping.start_mark.index, mapping.end_mark.index
        if self.text[start:end] != new:
            fake = _Span(start, end)
            self.replace_scalar(fake, new)

    def source(self, node: Any) -> str:
        """A node's own text (a block collection: from its first child to the end of its content)."""
        return self.text[node.start_mark.index : node.end_mark.index]


class _Span:
    """A stand-in node for ``replace_scalar``: a span of text that is replaced whole."""

    id = "scalar"
    style = None

    def __init__(self, start: int, end: int) -> None:
        self.start_mark = _Mark(start)
        self.end_mark = _Mark(end)


class _Mark:
    """A stand-in for a YAML mark: only its ``index`` is read."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index


def _space(rendered: str) -> str:
    """No space before a value that starts on the next line (a block list or mapping)."""
    return "" if rendered[:1] in ("\r", "\n") else " "
