"""The edits ``hanoi record``, ``hanoi fmt`` and the depositary sync make to ledger text.

Rebuilt on ``yaml_text``: the ledger is composed once, as the reading path composes it, and each
change is a splice at the nodes' marks, so what no action touches stays byte for byte. Many actions
are collected against one composition and written in one pass (``apply``). Reading, locking and
writing are the edit transaction's job; judging the result is ``require_valid_edit``'s.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Optional, Union

from hanoi_cli.core.editing.transaction import Edit
from hanoi_cli.core.editing.yaml_text import (
    LayoutError,
    YamlText,
    get,
    is_flow,
    is_mapping,
    is_scalar,
    is_sequence,
    scalar_text,
)
from hanoi_cli.core.ledger.instruments import ACTIONS, ledger_key
from hanoi_cli.core.ledger.models import (
    INSTRUMENT_TYPES,
    EntryIntoForceRule,
    Participant,
    Period,
    Requirement,
    SignatureWindow,
    Treaty,
)
from hanoi_cli.core.ledger.names import name_key
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem


def _fields(cls: type) -> tuple[str, ...]:
    return tuple(item.name for item in dataclasses.fields(cls))


def _treaty_order() -> tuple[str, ...]:
    """The Treaty fields in model order, except the rule: after the descriptive keys, as the
    README's example writes it (the dataclass must list required fields first)."""
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

Value = Union[str, int, date, Sequence[str], Mapping[str, Any]]  # ints and bools are written plain


# --- actions for ``apply`` ------------------------------------------------------------------


@dataclass(frozen=True)
class SetParticipantField:
    """Set one key of the participant with this code (added at its place in model order)."""

    code: str
    field: str
    value: Value


@dataclass(frozen=True)
class RemoveParticipantField:
    code: str
    field: str


@dataclass(frozen=True)
class AddParticipant:
    """A new participant, inserted where name order puts it; ``fields`` after name, code and kind."""

    name: str
    code: str
    kind: str = "state"
    fields: tuple[tuple[str, Value], ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.fields, Mapping):
            object.__setattr__(self, "fields", tuple(self.fields.items()))


@dataclass(frozen=True)
class AddSource:
    """Add a URL to the participant's sources: a scalar becomes a list; a URL already there is kept."""

    code: str
    url: str


@dataclass(frozen=True)
class SetTreatyField:
    """Set a key of ``treaty``; a mapping value (``reported``) is merged key by key."""

    key: str
    value: Value


LedgerAction = Union[SetParticipantField, RemoveParticipantField, AddParticipant, AddSource, SetTreatyField]


# --- shared helpers ---------------------------------------------------------------------------


def normalize_action(action: str) -> Optional[str]:
    """``domestic-approval`` and ``Domestic_Approval`` are ``domestic_approval``; None if unknown."""
    return ledger_key(action, ACTIONS)


def country_name(code: str) -> Optional[str]:
    """The name a new participant gets: the UN's short name where ``participant_lookup`` knows it,
    else ISO's; None for an unknown code. ``--name`` sets it exactly."""
    from hanoi_cli.core.ledger.participant_lookup import un_short_name

    return un_short_name(code)


def _problem(
    code: str, message: str, name: str, where: Optional[tuple[int, int]] = None, path: Optional[str] = None
) -> Problem:
    line, column = where if where else (None, None)
    return Problem(code, message, name, line, column, path)


def _describe(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _raise_validation_problems(text: str, name: str, fallback: str) -> None:
    """Explain why ``text`` cannot be edited with the validator's located problems, if it has any."""
    from hanoi_cli.core.payloads.validation import validate_ledger

    report = validate_ledger(text=text, name=name, as_of=date.max)
    problems = list(report.errors) or [Problem("yaml-syntax", fallback, name, 1, 1)]
    raise LedgerError(problems, ExitCode.USAGE if report.unreadable else ExitCode.PROBLEMS)


def _layout_problem(doc: YamlText, exc: LayoutError) -> LedgerError:
    line = doc.line_starts()
    import bisect

    number = bisect.bisect_right(line, exc.index)
    column = exc.index - line[number - 1] + 1
    message = f"this layout cannot be edited in place ({exc}): edit the file by hand"
    return LedgerError([Problem("edit-unsupported-layout", message, doc.name, number, column)], ExitCode.USAGE)


# --- the ledger being edited -------------------------------------------------------------------


@dataclass
class _Changes:
    """What is pending for one existing mapping: keys to set, remove, rename, or to add list items to."""

    values: dict[str, Value] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)  # new key -> old key, replaced in place
    appended: dict[str, list[str]] = field(default_factory=dict)


class _Session:
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
        self.changes: dict[int, _Changes] = {}
        self.added: list[dict[str, Any]] = []
        self.treaty_changes = _Changes()

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
        wanted = code.strip().upper()
        return next((i for i, item in enumerate(self.data) if str(item.get("code", "")).upper() == wanted), None)

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

    def pending(self, index: int) -> _Changes:
        return self.changes.setdefault(index, _Changes())

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
                return _describe(before)
        if key in self.data[index] and key not in changes.removed:
            changes.removed.append(key)
        return _describe(before) if before is not None else ""

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
            raise _layout_problem(self.doc, exc) from None
        return self.doc.render()

    def _render_changes(self, mapping: Any, changes: _Changes, order: tuple[str, ...]) -> None:
        doc = self.doc
        flow = is_flow(mapping)
        renamed_from = set(changes.renamed.values())
        doc.remove_keys(mapping, [key for key in changes.removed if key not in renamed_from])
        gone = set(changes.removed) | renamed_from
        remaining = [pair[0].value for pair in mapping.value if pair[0].value not in gone]
        column = doc.key_column(mapping) if not flow else 0
        for key, value in changes.values.items():
            found = get(mapping, key)
            if key in changes.renamed:
                old_key, old_value = get(mapping, changes.renamed[key])
                doc.rename_key(old_key, key)
                doc.set_value(old_key, old_value, _inline(value, flow))
            elif found is not None and key not in gone:
                if isinstance(value, Mapping) and is_mapping(found[1]):
                    self._render_changes(found[1], _Changes(values=dict(value)), tuple(value))
                else:  # in place, on the key's line: a list or mapping in flow style
                    doc.set_value(found[0], found[1], _inline(value, flow))
            else:
                before = _anchor(remaining, key, order)
                first = bool(remaining) and before == remaining[0] and mapping.value[0][0].value in gone
                rendered = self._rendered(value, flow, column)
                doc.insert_key(mapping, key, rendered, before, (0, _rank(key, order), 0), first=first)
        for key, urls in changes.appended.items():
            self._append_items(mapping, key, urls, flow, column, (0, _rank(key, order), 1))

    def _rendered(self, value: Value, flow: bool, column: int) -> str:
        """YAML for a value: inline, or (a block list or mapping) lines starting with a line break."""
        if flow or isinstance(value, (str, date)):
            return _inline(value, flow)
        nl = self.doc.newline
        if isinstance(value, Mapping):
            step = self._indent_step()
            lines = [" " * (column + step) + f"{key}: {_inline(item, False)}" for key, item in value.items()]
        else:
            lines = [" " * (column + 2) + "- " + _inline(item, False) for item in value]
        return nl + nl.join(lines)

    def _indent_step(self) -> int:
        if not is_flow(self.treaty_node) and self.treaty_node.value:
            return max(1, self.doc.key_column(self.treaty_node))
        return 2

    def _append_items(self, mapping: Any, key: str, urls: list[str], flow: bool, column: int, rank: tuple) -> None:
        """Add list items after the value of ``key`` (a scalar becomes a list); ``rank``: after
        the keys inserted at the same place that come before it, before the next list item."""
        doc = self.doc
        key_node, value_node = get(mapping, key)
        nl = doc.newline
        if is_scalar(value_node):
            old = doc.source(value_node)
            if flow or value_node.style in ("|", ">"):
                doc.set_value(
                    key_node, value_node, "[" + ", ".join([old, *(scalar_text(u, flow=True) for u in urls)]) + "]"
                )
                return
            colon = doc.text.index(":", key_node.end_mark.index)
            doc.splice(colon + 1, value_node.end_mark.index, "")
            at = doc.content_end(value_node)
            lead = "" if doc.ends_line(at) else nl
            items = [old, *(scalar_text(url) for url in urls)]
            doc.splice(at, at, lead + "".join(" " * (column + 2) + "- " + item + nl for item in items), rank)
        elif is_flow(value_node):
            for url in urls:
                doc.insert_flow_item(value_node, len(value_node.value), scalar_text(url, flow=True), rank)
        else:
            dash, gap = doc.list_style(value_node)
            at = doc.content_end(value_node)
            lead = "" if doc.ends_line(at) else nl
            doc.splice(
                at, at, lead + "".join(" " * dash + "-" + " " * gap + scalar_text(url) + nl for url in urls), rank
            )

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
            # ``participants: []``: the list becomes a block list under its key
            dash = doc.column(self.list_key.start_mark.index) + 2
            colon = doc.text.index(":", self.list_key.end_mark.index)
            if rank == min((1, name_key(e["name"]), e["code"]) for e in self.added):
                doc.splice(colon + 1, sequence.end_mark.index, "")
            at = doc.content_end(sequence)
            lead = "" if doc.ends_line(at) else doc.newline
            doc.splice(at, at, lead + self._block_entry(entry, dash, 1), rank)

    def _block_entry(self, entry: dict[str, Any], dash: int, gap: int) -> str:
        nl = self.doc.newline
        column = dash + 1 + gap
        lines = []
        for number, (key, value) in enumerate(entry.items()):
            rendered = self._rendered(value, False, column)
            space = "" if rendered[:1] in "\r\n" else " "
            head = " " * dash + "-" + " " * gap if number == 0 else " " * column
            lines.append(f"{head}{key}:{space}{rendered}")
        return nl.join(lines) + nl

    def _flow_entry(self, entry: dict[str, Any]) -> str:
        return "{" + ", ".join(f"{key}: {_inline(value, True)}" for key, value in entry.items()) + "}"


def _inline(value: Value, flow: bool) -> str:
    if isinstance(value, bool):  # before int: a bool is an int
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return scalar_text(value, flow=flow)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key}: {_inline(item, True)}" for key, item in value.items()) + "}"
    return "[" + ", ".join(_inline(item, True) for item in value) + "]"


def _rank(key: str, order: tuple[str, ...]) -> int:
    return order.index(key) if key in order else len(order)


def _anchor(keys: list[str], key: str, order: tuple[str, ...]) -> Optional[str]:
    """The existing key a new one goes before: the first that follows it in ``order`` (None: last)."""
    mine = _rank(key, order)
    for existing in keys:
        if _rank(existing, order) > mine:
            return existing
    return None


# --- record -----------------------------------------------------------------------------------


def record(
    text: str,
    name: str,
    *,
    who: str,
    action: str,
    on: date | str,
    source: Optional[str] = None,
    new_name: Optional[str] = None,
    kind: Optional[str] = None,
    replace: bool = False,
) -> Edit:
    """Set ``action`` (a key of ``ACTIONS``) to ``on`` for the participant ``who`` (code or name).

    A participant not in the ledger is added (``who`` must then be its code) at its place in name
    order. An existing different date is only changed with ``replace``, and so is an instrument of
    another type (a participant has at most one): its line is rewritten in place, comment kept.
    ``source`` is added to the participant's sources.
    """
    session = _Session(text, name)
    index = session.find(who)
    _refuse_what_the_edit_cannot_repair(session, index)
    if index is None:
        return _record_new(session, who, action, on, source, new_name, kind)
    data = session.data[index]
    label = f"{data.get('name')} ({data.get('code')})"
    _refuse_new_only_options(session, index, label, new_name, kind)
    removed = _drop_other_instruments(session, index, label, action, on, replace) if action in INSTRUMENT_TYPES else []
    changed = bool(removed)
    existing = data.get(action)
    if existing is not None and _describe(existing) == _describe(on) and not changed:
        message = f"{label} already has {action} {_describe(on)}"
    else:
        if existing is not None and not replace:
            message = (
                f"{label} already has {action} {_describe(existing)}: use --replace to change it to {_describe(on)}"
            )
            where, path = session.where(index, action), f"participants[{index}].{action}"
            raise LedgerError([_problem("date-recorded", message, name, where, path)], ExitCode.USAGE)
        if action not in session.pending(index).renamed:
            session.set(index, action, on)
        changed = True
        message = f"{label}: {action} {_describe(on)}" + (
            f" (was {_describe(existing)})" if existing is not None else ""
        )
        if removed:
            message += f" (removed {' and '.join(removed)})"
    if source and session.add_source(index, source):
        changed = True
        listed = isinstance(session.current(index, "source"), list)
        message += f"; source {source} added" if listed else f"; source {source}"
    if not changed:
        return Edit(text, message, False)
    return Edit(session.render(), message, True)


def _refuse_what_the_edit_cannot_repair(session: _Session, index: Optional[int]) -> None:
    """A ledger the schema rejects is refused at once, with its problems at the file's own lines,
    unless every problem is in the participant being edited (the edit may be what repairs it):
    validating the result would only find them again, one composition later."""
    problems = _schema_problems(session)
    if not problems:
        return
    own = f"participants[{index}]" if index is not None else None
    if own is None or any(
        not (problem.path or "").startswith(own) for problem in problems if problem.code != "more-problems"
    ):
        message = "nothing was written: the ledger itself does not pass hanoi validate (at the lines of the file)"
        note = Problem("edit-refused", message, session.name, severity="note")
        raise LedgerError([*problems, note])


def _schema_problems(session: _Session) -> list[Problem]:
    """The schema's problems with the composed ledger, at the file's own lines (none: it passes)."""
    from pydantic import ValidationError

    from hanoi_cli.core.reading.validation_errors import problems_from_validation_error
    from hanoi_cli.core.reading.validator import validate_ledger_data

    try:
        validate_ledger_data(session.doc.data)
    except ValidationError as exc:
        return problems_from_validation_error(exc, session.doc.root, session.name)
    return []


def _refuse_new_only_options(
    session: _Session, index: int, label: str, new_name: Optional[str], kind: Optional[str]
) -> None:
    """``--name`` and ``--kind`` describe a new participant: for an existing one they must agree."""
    data, name = session.data[index], session.name
    if new_name is not None and new_name != data.get("name"):
        message = f"{label} is already in the ledger under that name; --name only names a new participant"
        raise LedgerError([_problem("name-mismatch", message, name, session.where(index, "name"))], ExitCode.USAGE)
    if kind and (data.get("kind") or "state") != kind:
        recorded = data.get("kind") or "state"
        message = f"{label} is recorded as kind {recorded!r}; --kind only describes a new participant"
        raise LedgerError([_problem("kind-mismatch", message, name, session.where(index, "kind"))], ExitCode.USAGE)


def _drop_other_instruments(
    session: _Session, index: int, label: str, action: str, on: date | str, replace: bool
) -> list[str]:
    """Refuse (without ``replace``) or drop an instrument of another type; returns what was dropped.

    The first one is rewritten in place (``ratification: x  # c`` -> ``accession: y  # c``), so
    its line keeps its comment and its place, which is model order too (instruments are adjacent).
    """
    data = session.data[index]
    others = [other for other in INSTRUMENT_TYPES if other != action and other in data]
    if others and not replace:
        other = others[0]
        message = (
            f"{label} already has {other} {_describe(data[other])}; a participant has at most one "
            f"instrument: use --replace to change it to {action}"
        )
        where, path = session.where(index, other), f"participants[{index}].{other}"
        raise LedgerError([_problem("instrument-recorded", message, session.name, where, path)], ExitCode.USAGE)
    removed = []
    for number, other in enumerate(others):
        removed.append(f"{other} {_describe(data[other])}")
        if number == 0 and action not in data:
            session.replace_key(index, other, action, on)
        else:
            session.remove(index, other)
    return removed


def _record_new(
    session: _Session,
    who: str,
    action: str,
    on: date | str,
    source: Optional[str],
    new_name: Optional[str],
    kind: Optional[str],
) -> Edit:
    name = session.name
    notes: list[str] = []
    from hanoi_cli.core.ledger.participant_lookup import country_code

    code = country_code(who) or who.strip().upper()
    if len(code) != 3 or not code.isalpha() or not code.isascii():
        close = _close_names(session.data, who)
        hint = f"; did you mean {close}?" if close else ""
        message = (
            f"no participant is named or coded {who!r}{hint} To add one, give its ISO 3166-1 alpha-3 code (and --name)"
        )
        raise LedgerError([_problem("unknown-participant", message, name)], ExitCode.USAGE)
    display = new_name
    if display is None:
        display = country_name(code)
        if display is None:
            message = (
                f"{code} is not an ISO 3166-1 alpha-3 code known to pycountry: give the participant's name with --name"
            )
            raise LedgerError([_problem("unknown-country-code", message, name)], ExitCode.USAGE)
        notes.append(
            f"added {code} as {display!r} (the UN's short name, else ISO 3166's); the depositary's name may differ: "
            "set it with --name"
        )
    entry: dict[str, Any] = {"name": display, "code": code}
    if kind and kind != "state":
        entry["kind"] = kind
    entry[action] = on
    if source:
        entry["source"] = source
    session.add(entry)
    return Edit(session.render(), f"added {display} ({code}) with {action} {_describe(on)}", True, tuple(notes))


def _close_names(participants: Iterable[dict[str, Any]], wanted: str) -> str:
    from hanoi_cli.core.ledger.participant_lookup import resolve

    return " or ".join(repr(candidate) for candidate in resolve(wanted, list(participants)).suggestions)


# --- many actions at once ---------------------------------------------------------------------


def apply(text: str, actions: Sequence[LedgerAction], name: str = "<ledger>") -> tuple[str, list[str]]:
    """Apply every action to one composition of ``text``, written in one pass; returns the new
    text and one message per action that changed something. A code that is not in the ledger
    (nor added by an earlier action) is a usage error, located at nothing: the ledger is unchanged."""
    session = _Session(text, name)
    messages: list[str] = []
    for action in actions:
        message = _apply_one(session, action)
        if message:
            messages.append(message)
    if not messages:
        return text, messages
    return session.render(), messages


def _apply_one(session: _Session, action: LedgerAction) -> Optional[str]:
    if isinstance(action, SetTreatyField):
        current = session.treaty_changes.values.get(action.key)
        if current is None and action.key in session.doc.data["treaty"]:
            current = session.doc.data["treaty"][action.key]
        wanted, current = _plainly(action.value), _plainly(current)
        if isinstance(wanted, dict) and isinstance(current, dict):  # merged key by key: only new values change it
            if all(current.get(k) == v for k, v in wanted.items()):
                return None
        elif wanted == current:
            return None
        session.treaty_changes.values[action.key] = action.value
        return f"treaty: {action.key} {_describe(_plainly(action.value))}"
    if isinstance(action, AddParticipant):
        code = action.code.strip().upper()
        if session.find_added(code) is not None or session.code_index(code) is not None:
            raise LedgerError(
                [_problem("participant-exists", f"{code} is already in the ledger", session.name)], ExitCode.USAGE
            )
        entry: dict[str, Any] = {"name": action.name, "code": code}
        if action.kind and action.kind != "state":
            entry["kind"] = action.kind
        for key, value in sorted(action.fields, key=lambda pair: _rank(pair[0], PARTICIPANT_ORDER)):
            entry[key] = value
        session.add(entry)
        return f"added {action.name} ({code})"
    added = session.find_added(action.code)
    if added is not None:
        return _apply_to_added(added, action)
    index = _index_of(session, action.code)
    label = f"{session.data[index].get('name')} ({session.data[index].get('code')})"
    if isinstance(action, SetParticipantField):
        before = session.current(index, action.field)
        if before is not None and _plainly(before) == _plainly(action.value):
            return None
        session.set(index, action.field, action.value)
        was = f" (was {_describe(_plainly(before))})" if before is not None else ""
        return f"{label}: {action.field} {_describe(_plainly(action.value))}{was}"
    if isinstance(action, RemoveParticipantField):
        removed = session.remove(index, action.field)
        return None if removed is None else f"{label}: removed {action.field} {removed}".rstrip()
    if isinstance(action, AddSource):
        return f"{label}: source {action.url} added" if session.add_source(index, action.url) else None
    raise TypeError(f"not a ledger action: {action!r}")


def _apply_to_added(entry: dict[str, Any], action: LedgerAction) -> Optional[str]:
    label = f"{entry['name']} ({entry['code']})"
    if isinstance(action, SetParticipantField):
        entry[action.field] = action.value
        _put_in_order(entry)
        return f"{label}: {action.field} {_describe(_plainly(action.value))}"
    if isinstance(action, RemoveParticipantField):
        return f"{label}: removed {action.field}" if entry.pop(action.field, None) is not None else None
    if isinstance(action, AddSource):
        sources = entry.get("source")
        listed = [] if sources is None else [sources] if isinstance(sources, str) else list(sources)
        if action.url in listed:
            return None
        entry["source"] = action.url if not listed else [*listed, action.url]
        _put_in_order(entry)
        return f"{label}: source {action.url} added"
    raise TypeError(f"not a ledger action: {action!r}")


def _put_in_order(entry: dict[str, Any]) -> None:
    """A participant being added, its keys in model order (unknown keys last, as they came)."""
    ordered = sorted(entry.items(), key=lambda pair: _rank(pair[0], PARTICIPANT_ORDER))
    entry.clear()
    entry.update(ordered)


def _index_of(session: _Session, code: str) -> int:
    index = session.code_index(code)
    if index is not None:
        return index
    raise LedgerError(
        [_problem("unknown-participant", f"no participant is coded {code!r}", session.name)], ExitCode.USAGE
    )


def _plainly(value: Any) -> Any:
    """A value as the loader reads it back: text, a list of texts, or a mapping of texts."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, date)):
        return value.isoformat() if isinstance(value, date) else str(value)
    if isinstance(value, (list, tuple)):
        return [_plainly(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _plainly(item) for key, item in value.items()}
    return value


# --- fmt --------------------------------------------------------------------------------------

_DATE_KEYS = {
    "participant": ACTIONS,
    "treaty": ("adopted",),
    "window": WINDOW_ORDER,
    "rule": ("not_before",),
}


def canonical(text: str, name: str) -> str:
    """The canonical form of a ledger: participants sorted by name (ignoring case and accents,
    then by code), keys in the model's order, quoted dates written plain ``YYYY-MM-DD``.

    Whole blocks move (a key or an item with the comment lines directly above it); each keeps its
    own text and indentation style, and a flow mapping is written anew only when its order or a
    date in it changes. Stages from the inside out, each a pass over a fresh composition, so no
    two moves overlap. Idempotent.
    """
    session = _Session(text, name)
    _require_valid_input(session)
    stages = (_stage_dates, _stage_inner, _stage_rule, _stage_treaty, _stage_sort, _stage_root)
    for number, stage in enumerate(stages):
        try:
            stage(session)
        except LayoutError as exc:
            raise _layout_problem(session.doc, exc) from None
        if session.doc.splices:
            text = session.doc.render()
            if stages[number + 1 :] == (_stage_root,) and _root_in_order(session):
                break  # sorting moved no root key: composing the sorted text again would find nothing to do
            session = _Session(text, name)
    return text


def _root_in_order(session: _Session) -> bool:
    """Whether the root's keys already stand in ``ROOT_ORDER`` (so ``_stage_root`` leaves them)."""
    keys = [pair[0].value for pair in session.doc.root.value]
    return sorted(range(len(keys)), key=lambda position: (_rank(keys[position], ROOT_ORDER), position)) == list(
        range(len(keys))
    )


def _require_valid_input(session: _Session) -> None:
    """fmt repairs nothing: a ledger the schema rejects is refused with its problems where they are."""
    problems = _schema_problems(session)
    if problems:
        raise LedgerError(problems)


def _child(mapping: Any, key: str) -> Any:
    found = get(mapping, key) if mapping is not None and is_mapping(mapping) else None
    return found[1] if found else None


def _rule(session: _Session) -> Any:
    return _child(session.treaty_node, "entry_into_force")


def _unquoted_date(node: Any) -> Optional[str]:
    """The plain text of a quoted date or date interval, None if it is not one."""
    from hanoi_cli.core.ledger.dates import parse_date_span, parse_iso_date

    if not is_scalar(node) or node.style not in ("'", '"'):
        return None
    for parse in (parse_iso_date, parse_date_span):
        try:
            parse(node.value)
        except ValueError:
            continue
        return node.value if scalar_text(node.value) == node.value else None
    return None


def _stage_dates(session: _Session) -> None:
    """Quoted dates in block mappings become plain (those in flow mappings go with their rewrite)."""
    targets = [(node, _DATE_KEYS["participant"]) for node in session.nodes]
    targets.append((session.treaty_node, _DATE_KEYS["treaty"]))
    targets.append((_child(session.treaty_node, "signature"), _DATE_KEYS["window"]))
    targets.append((_rule(session), _DATE_KEYS["rule"]))
    for mapping, keys in targets:
        if mapping is None or not is_mapping(mapping) or is_flow(mapping):
            continue
        for key_node, value_node in mapping.value:
            if key_node.value in keys:
                plain = _unquoted_date(value_node)
                if plain is not None:
                    session.doc.replace_scalar(value_node, plain)


def _reorder(session: _Session, mapping: Any, order: tuple[str, ...], date_keys: tuple[str, ...] = ()) -> None:
    if mapping is None or not is_mapping(mapping) or not mapping.value:
        return
    doc = session.doc
    keys = [pair[0].value for pair in mapping.value]
    wanted = sorted(range(len(keys)), key=lambda position: (_rank(keys[position], order), position))
    if not is_flow(mapping):
        doc.reorder_block(mapping, wanted)
        return
    values = []
    for key_node, value_node in mapping.value:
        plain = _unquoted_date(value_node) if key_node.value in date_keys else None
        values.append(plain if plain is not None else doc.source(value_node))
    changed = values != [doc.source(pair[1]) for pair in mapping.value]
    if (wanted == list(range(len(keys))) and not changed) or doc.flow_entries_have_comments(mapping):
        return  # a flow mapping with comments inside keeps its order: rewriting it would lose them
    entries = [(doc.source(mapping.value[position][0]), values[position]) for position in wanted]
    if any(not is_scalar(mapping.value[position][0]) for position in wanted):
        return
    doc.rewrite_flow_mapping(mapping, entries)


def _stage_inner(session: _Session) -> None:
    treaty, rule = session.treaty_node, _rule(session)
    _reorder(session, _child(treaty, "signature"), WINDOW_ORDER, _DATE_KEYS["window"])
    _reorder(session, _child(treaty, "denunciation_takes_effect"), PERIOD_ORDER)
    for key in ("after", "later_parties"):
        _reorder(session, _child(rule, key), PERIOD_ORDER)
    requires = _child(rule, "requires")
    if requires is not None and is_sequence(requires):
        for requirement in requires.value:
            _reorder(session, requirement, REQUIREMENT_ORDER)
    for node in session.nodes:
        _reorder(session, node, PARTICIPANT_ORDER, _DATE_KEYS["participant"])


def _stage_rule(session: _Session) -> None:
    _reorder(session, _rule(session), RULE_ORDER, _DATE_KEYS["rule"])


def _stage_treaty(session: _Session) -> None:
    _reorder(session, session.treaty_node, TREATY_ORDER, _DATE_KEYS["treaty"])


def _stage_sort(session: _Session) -> None:
    def sort_key(position: int) -> tuple[str, str]:
        item = session.data[position]
        return name_key(str(item.get("name") or "")), str(item.get("code") or "")

    order = sorted(range(len(session.nodes)), key=sort_key)
    if order == list(range(len(order))):
        return
    doc, sequence = session.doc, session.list_node
    if not is_flow(sequence):
        doc.reorder_block(sequence, order)
    elif not doc.flow_entries_have_comments(sequence):
        new = "[" + ", ".join(doc.source(session.nodes[position]) for position in order) + "]"
        doc.splice(sequence.start_mark.index, sequence.end_mark.index, new)


def _stage_root(session: _Session) -> None:
    _reorder(session, session.doc.root, ROOT_ORDER)
