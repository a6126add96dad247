"""The ledger being edited: one composition of its text, the changes collected against it, and
the text they make.

``EditSession`` decides *what* changes (``PendingChanges``: keys to set, remove, rename, append to)
and how a value reads as YAML (``inline_yaml``); *where* the text changes is ``YamlText``'s job, so
this module calls down into ``yaml_text`` and never the other way.

The editing modules, top to bottom: ``record`` (``hanoi record``), ``actions`` (``apply``, many
actions at once, for the depositary sync), ``canonical`` (``hanoi fmt``), all on this ``session``;
below it ``key_order`` and ``yaml_text``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NoReturn, Optional, Union

from hanoi_cli.core.editing.key_order import PARTICIPANT_ORDER, TREATY_ORDER, anchor, rank
from hanoi_cli.core.editing.yaml_text import LayoutError, YamlText, scalar_text
from hanoi_cli.core.ledger.names import name_key
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem
from hanoi_cli.core.reading.nodes import get, is_flow, is_mapping, is_scalar, is_sequence, key_texts, pair

Value = Union[str, int, date, Sequence[str], Mapping[str, Any]]  # ints and bools are written plain


def located_problem(
    code: str, message: str, name: str, where: Optional[tuple[int, int]] = None, path: Optional[str] = None
) -> Problem:
    line, column = where if where else (None, None)
    return Problem(code, message, name, line, column, path)


def describe(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _raise_validation_problems(text: str, name: str, fallback: str) -> NoReturn:
    """Explain why ``text`` cannot be edited with the reader's own located problems, if it has any."""
    from hanoi_cli.core.reading.loader import read_ledger

    try:
        read_ledger(text=text, name=name)
    except LedgerError as exc:
        errors = [problem for problem in exc.problems if problem.severity == "error"]
        raise LedgerError(errors or [Problem("yaml-syntax", fallback, name, 1, 1)], exc.exit_code) from None
    raise LedgerError([Problem("yaml-syntax", fallback, name, 1, 1)], ExitCode.PROBLEMS)


def layout_problem(doc: YamlText, exc: LayoutError) -> LedgerError:
    number, column = doc.position(exc.index)
    message = f"this layout cannot be edited in place ({exc}): edit the file by hand"
    return LedgerError([Problem("edit-unsupported-layout", message, doc.name, number, column)], ExitCode.USAGE)


@dataclass
class PendingChanges:
    """What is pending for one existing mapping: keys to set, remove, rename, or to add list items to."""

    values: dict[str, Value] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)  # new key -> old key, replaced in place
    appended: dict[str, list[str]] = field(default_factory=dict)


class EditSession:
    """A composed ledger, the changes collected so far, and the text they make (``render``)."""

    def __init__(self, text: str, name: str) -> None:
        self.name = name
        self.doc = YamlText(text, name)  # a ledger the loader cannot compose: its located problems
        root, data = self.doc.root, self.doc.data
        treaty = get(root, "treaty")
        participants = get(root, "participants")
        if (
            not isinstance(data, dict)
            or treaty is None
            or not is_mapping(treaty[1])
            or participants is None
            or not is_sequence(participants[1])
            or not all(is_mapping(item) for item in participants[1].value)
        ):
            _raise_validation_problems(
                self.doc.text,
                name,
                "the ledger cannot be edited: it needs a 'treaty' mapping and a 'participants' list",
            )
        self.treaty_node = treaty[1]
        self.list_key, self.list_node = participants
        self.nodes: list[Any] = list(self.list_node.value)
        self.data: list[dict[str, Any]] = list(data["participants"])
        self.changes: dict[int, PendingChanges] = {}
        self.added: list[dict[str, Any]] = []
        self.treaty_changes = PendingChanges()
        self._code_indexes: Optional[dict[str, int]] = None

    # --- reading, with what is pending --------------------------------------------------------

    def find(self, wanted: str) -> Optional[int]:
        """Index of the participant ``wanted`` names (``participant_lookup.resolve``: codes, the
        ledger's names, ISO and common names, word prefixes); an ambiguous one is refused."""
        from hanoi_cli.core.ledger.participant_lookup import refuse_if_ambiguous, resolve

        resolution = resolve(wanted, self.data)
        refuse_if_ambiguous(resolution, self.data, self.name)
        return resolution.index

    def find_added(self, code: str) -> Optional[dict[str, Any]]:
        """The participant coded ``code`` that an earlier action of this session adds, if any."""
        wanted = code.strip().upper()
        return next((entry for entry in self.added if entry["code"] == wanted), None)

    def code_index(self, code: str) -> Optional[int]:
        """Index of the ledger's participant coded ``code`` (any case), None if there is none."""
        if self._code_indexes is None:  # indexed once: hanoi sync looks up dozens of codes
            self._code_indexes = {}
            for i, item in enumerate(self.data):
                self._code_indexes.setdefault(str(item.get("code", "")).upper(), i)
        return self._code_indexes.get(code.strip().upper())

    def current(self, index: int, key: str) -> Any:
        changes = self.changes.get(index)
        if changes is not None:
            if key in changes.values:
                value = changes.values[key]
                return [*value] if isinstance(value, (list, tuple)) else value
            if key in changes.removed:
                return None
            if key in changes.appended:
                before = self.data[index].get(key)
                before = [before] if isinstance(before, str) else list(before or [])
                return before + changes.appended[key]
        return self.data[index].get(key)

    def where(self, index: int, key: str) -> Optional[tuple[int, int]]:
        found = get(self.nodes[index], key)
        return self.doc.mark_of(found[1]) if found else None

    def pending(self, index: int) -> PendingChanges:
        return self.changes.setdefault(index, PendingChanges())

    # --- changing ----------------------------------------------------------------------------

    def set(self, index: int, key: str, value: Value) -> None:
        changes = self.pending(index)
        if key in changes.removed:
            changes.removed.remove(key)
        changes.appended.pop(key, None)
        changes.values[key] = value

    def remove(self, index: int, key: str) -> Optional[str]:
        """Mark ``key`` for removal; returns its text as it reads now (None if absent)."""
        changes = self.pending(index)
        before = self.current(index, key)
        if before is None and key not in self.data[index]:
            return None
        changes.values.pop(key, None)
        changes.appended.pop(key, None)
        for new, old in list(changes.renamed.items()):
            if new == key:
                del changes.renamed[new]
                changes.removed.append(old)
                return describe(before)
        if key in self.data[index] and key not in changes.removed:
            changes.removed.append(key)
        return describe(before) if before is not None else ""

    def replace_key(self, index: int, old: str, new: str, value: Value) -> None:
        """``old: x`` becomes ``new: value`` on the same line (its comment kept)."""
        changes = self.pending(index)
        changes.values.pop(old, None)
        changes.renamed[new] = old
        changes.values[new] = value

    def add_source(self, index: int, url: str) -> bool:
        sources = self.current(index, "source")
        if sources is None or sources == "":
            self.set(index, "source", url)
            return True
        listed = [sources] if isinstance(sources, str) else list(sources)
        if url in listed:
            return False
        changes = self.pending(index)
        if "source" in changes.values:
            changes.values["source"] = [*listed, url]
        else:
            changes.appended.setdefault("source", []).append(url)
        return True

    def add(self, entry: dict[str, Any]) -> None:
        self.added.append(entry)

    # --- rendering ---------------------------------------------------------------------------

    def render(self) -> str:
        try:
            for index, changes in self.changes.items():
                self._render_changes(self.nodes[index], changes, PARTICIPANT_ORDER)
            if self.treaty_changes.values or self.treaty_changes.removed:
                self._render_changes(self.treaty_node, self.treaty_changes, TREATY_ORDER)
            self._render_added()
        except LayoutError as exc:
            raise layout_problem(self.doc, exc) from None
        text = self.doc.render()
        self._recompose(text)
        return text

    def _recompose(self, text: str) -> None:
        """The edited text's nodes and data, composed again only where it changed, for the
        transaction that validates it next (``reading.recompose``; a ledger with a byte-order mark
        or an edit it cannot place is composed whole)."""
        if not self.doc.splices or self.doc.bom or self.doc.data is None:
            return
        from hanoi_cli.core.reading.loader import remember_recomposed
        from hanoi_cli.core.reading.recompose import recompose

        spans = [(splice.start, splice.end) for splice in self.doc.splices]
        found = recompose(self.doc.text, self.doc.root, self.doc.data, spans, text, self.name)
        if found is not None:
            remember_recomposed(text, *found)

    def _render_changes(self, mapping: Any, changes: PendingChanges, order: tuple[str, ...]) -> None:
        doc = self.doc
        flow = is_flow(mapping)
        renamed_from = set(changes.renamed.values())
        doc.remove_keys(mapping, [key for key in changes.removed if key not in renamed_from])
        gone = set(changes.removed) | renamed_from
        remaining = [key for key in key_texts(mapping) if key not in gone]
        column = doc.key_column(mapping) if not flow else 0
        for key, value in changes.values.items():
            found = get(mapping, key)
            if key in changes.renamed:
                old_key, old_value = pair(mapping, changes.renamed[key])
                doc.rename_key(old_key, key)
                doc.set_value(old_key, old_value, inline_yaml(value, flow))
            elif found is not None and key not in gone:
                if isinstance(value, Mapping) and is_mapping(found[1]):
                    self._render_changes(found[1], _nested_changes(found[1], value), tuple(value))
                elif isinstance(value, Mapping) and not flow and is_scalar(found[1]) and not found[1].style:
                    # a short-form fact takes the long form: block lines under its key, as written by hand
                    step = self.doc.indent_step(self.treaty_node)
                    entries = [(key, self._rendered(item, False, column + step)) for key, item in value.items()]
                    self.doc.scalar_to_block_mapping(found[0], found[1], entries, column, step)
                else:  # in place, on the key's line: a list or mapping in flow style
                    doc.set_value(found[0], found[1], inline_yaml(value, flow))
            else:
                before = anchor(remaining, key, order)
                first = bool(remaining) and before == remaining[0] and mapping.value[0][0].value in gone
                rendered = self._rendered(value, flow, column)
                doc.insert_key(mapping, key, rendered, before, (0, rank(key, order), 0), first=first)
        for key, urls in changes.appended.items():
            self._append_items(mapping, key, urls, flow, column, (0, rank(key, order), 1))

    def _rendered(self, value: Value, flow: bool, column: int) -> str:
        """YAML for a value: inline, or (a block list or mapping) lines starting with a line break."""
        if flow or isinstance(value, (str, int, date)):
            return inline_yaml(value, flow)
        if isinstance(value, Mapping):
            entries = [(key, inline_yaml(item, False)) for key, item in value.items()]
            return self.doc.block_mapping_value(entries, column, self.doc.indent_step(self.treaty_node))
        return self.doc.block_list_value([inline_yaml(item, False) for item in value], column)

    def _append_items(self, mapping: Any, key: str, urls: list[str], flow: bool, column: int, rank: tuple) -> None:
        """Add list items after the value of ``key`` (a scalar becomes a list); ``rank``: after
        the keys inserted at the same place that come before it, before the next list item."""
        doc = self.doc
        key_node, value_node = pair(mapping, key)
        if is_scalar(value_node):
            old = doc.source(value_node)
            if flow or value_node.style in ("|", ">"):
                doc.set_value(
                    key_node, value_node, "[" + ", ".join([old, *(scalar_text(u, flow=True) for u in urls)]) + "]"
                )
                return
            doc.scalar_to_block_list(key_node, value_node, [old, *(scalar_text(url) for url in urls)], column, rank)
        elif is_flow(value_node):
            for url in urls:
                doc.insert_flow_item(value_node, len(value_node.value), scalar_text(url, flow=True), rank)
        else:
            doc.append_block_items(value_node, [scalar_text(url) for url in urls], rank)

    def _render_added(self) -> None:
        if not self.added:
            return
        doc, sequence = self.doc, self.list_node
        keys = [(name_key(str(item.get("name", ""))), item) for item in self.data]
        for entry in self.added:
            mine = name_key(entry["name"])
            position = next((number for number, (key, _) in enumerate(keys) if key > mine), len(keys))
            rank = (1, mine, entry["code"])  # after any key added to the item before it
            if is_flow(sequence) and sequence.value:
                doc.insert_flow_item(sequence, position, self._flow_entry(entry), rank)
                continue
            if sequence.value:
                dash, gap = doc.list_style(sequence)
                doc.insert_item(sequence, position, self._block_entry(entry, dash, gap), rank)
                continue
            # ``participants: []``: the list becomes a block list under its key; the first entry clears ``[]``
            dash, gap = doc.empty_list_style(self.list_key)
            first = rank == min((1, name_key(e["name"]), e["code"]) for e in self.added)
            doc.append_to_empty_list(self.list_key, sequence, self._block_entry(entry, dash, gap), rank, clear=first)

    def _block_entry(self, entry: dict[str, Any], dash: int, gap: int) -> str:
        column = dash + 1 + gap
        rendered = [(key, self._rendered(value, False, column)) for key, value in entry.items()]
        return self.doc.block_item(rendered, dash, gap)

    def _flow_entry(self, entry: dict[str, Any]) -> str:
        return "{" + ", ".join(f"{key}: {inline_yaml(value, True)}" for key, value in entry.items()) + "}"


def _nested_changes(mapping: Any, value: Mapping[str, Any]) -> PendingChanges:
    """The changes that make an existing mapping (a long-form fact) hold ``value``: a list that
    only grows (a fact's sources) gets its new items appended, in the list's own style."""
    changes = PendingChanges()
    for key, item in value.items():
        found = get(mapping, key)
        held = None if found is None else _texts(found[1])
        if held and isinstance(item, (list, tuple)) and list(item[: len(held)]) == held and len(item) > len(held):
            changes.appended[key] = [str(extra) for extra in item[len(held) :]]
        elif isinstance(item, str) and held == [item]:
            continue
        else:
            changes.values[key] = item
    return changes


def _texts(node: Any) -> Optional[list[str]]:
    """A scalar's or a list of scalars' texts; None for anything else."""
    if is_scalar(node):
        return [node.value]
    if is_sequence(node) and all(is_scalar(item) for item in node.value):
        return [item.value for item in node.value]
    return None


def inline_yaml(value: Value, flow: bool) -> str:
    if isinstance(value, bool):  # before int: a bool is an int
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return scalar_text(value, flow=flow)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key}: {inline_yaml(item, True)}" for key, item in value.items()) + "}"
    return "[" + ", ".join(inline_yaml(item, True) for item in value) + "]"


def schema_problems(session: EditSession) -> list[Problem]:
    """The schema's problems with the composed ledger, at the file's own lines (none: it passes).

    A ledger validated before (by this process, or by a read that cached it) is not validated
    again; the edit transaction caches one validated here if it leaves the file as it is."""
    from pydantic import ValidationError

    from hanoi_cli.core.reading.loader import cached_ledger, is_validated, remember_validated
    from hanoi_cli.core.reading.validation_errors import problems_from_validation_error
    from hanoi_cli.core.reading.validator import validate_ledger_data

    text = session.doc.text
    if is_validated(text):  # read and validated by this process already (hanoi sync)
        return []
    ledger = cached_ledger(text) if not session.doc.bom else None
    cached = ledger is not None
    if ledger is None:
        try:
            ledger = validate_ledger_data(session.doc.data)
        except ValidationError as exc:
            return problems_from_validation_error(exc, session.doc.root, session.name)
    remember_validated(text, ledger, session.doc.data, cached=cached)  # the transaction: not validated twice
    return []
