"""Many edits at once, for the depositary sync: the action types and ``apply``, which collects them
all on one ``EditSession`` and writes them in one pass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple, Optional, Union

from hanoi_cli.core.editing.key_order import PARTICIPANT_ORDER, rank
from hanoi_cli.core.editing.session import EditSession, Value, describe, located_problem
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError


class SetParticipantField(NamedTuple):
    """Set one key of the participant with this code (added at its place in model order)."""

    code: str
    field: str
    value: Value


class RemoveParticipantField(NamedTuple):
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


class AddSource(NamedTuple):
    """Add a URL to the participant's sources: a scalar becomes a list; a URL already there is kept."""

    code: str
    url: str


class SetTreatyField(NamedTuple):
    """Set a key of ``treaty``; a mapping value (``reported``) is merged key by key."""

    key: str
    value: Value


LedgerAction = Union[SetParticipantField, RemoveParticipantField, AddParticipant, AddSource, SetTreatyField]


def apply(text: str, actions: Sequence[LedgerAction], name: str = "<ledger>") -> tuple[str, list[str]]:
    """Apply every action to one composition of ``text``, written in one pass; returns the new
    text and one message per action that changed something. A code that is not in the ledger
    (nor added by an earlier action) is a usage error, located at nothing: the ledger is unchanged."""
    session = EditSession(text, name)
    messages: list[str] = []
    for action in actions:
        message = _apply_one(session, action)
        if message:
            messages.append(message)
    if not messages:
        return text, messages
    return session.render(), messages


def _apply_one(session: EditSession, action: LedgerAction) -> Optional[str]:
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
        return f"treaty: {action.key} {describe(_plainly(action.value))}"
    if isinstance(action, AddParticipant):
        code = action.code.strip().upper()
        if session.find_added(code) is not None or session.code_index(code) is not None:
            raise LedgerError(
                [located_problem("participant-exists", f"{code} is already in the ledger", session.name)],
                ExitCode.USAGE,
            )
        entry: dict[str, Any] = {"name": action.name, "code": code}
        if action.kind and action.kind != "state":
            entry["kind"] = action.kind
        for key, value in sorted(action.fields, key=lambda pair: rank(pair[0], PARTICIPANT_ORDER)):
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
        was = f" (was {describe(_plainly(before))})" if before is not None else ""
        return f"{label}: {action.field} {describe(_plainly(action.value))}{was}"
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
        return f"{label}: {action.field} {describe(_plainly(action.value))}"
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
    ordered = sorted(entry.items(), key=lambda pair: rank(pair[0], PARTICIPANT_ORDER))
    entry.clear()
    entry.update(ordered)


def _index_of(session: EditSession, code: str) -> int:
    index = session.code_index(code)
    if index is not None:
        return index
    raise LedgerError(
        [located_problem("unknown-participant", f"no participant is coded {code!r}", session.name)], ExitCode.USAGE
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
