"""The edits ``hanoi record`` and ``hanoi fmt`` make to ledger text, and nothing else.

Each function takes the ledger's text and returns new text; reading, locking and writing are
``core.atomic``'s job, and judging the result is ``core.validate``'s (``require_valid_edit``: the
commands never write what ``hanoi validate`` rejects). Edits go through a ruamel.yaml round trip,
so comments, key order, quoting and the layout of every untouched line survive.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any, Optional

from hanoi_cli.core.editing import yaml_roundtrip  # ruamel.yaml: this module is loaded only by record and fmt
from hanoi_cli.core.editing.transaction import Edit
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
    return tuple(field.name for field in dataclasses.fields(cls))


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

_TREATY_DATES = ("adopted",)
_PARTICIPANT_DATES = ACTIONS  # every action is a date


def normalize_action(action: str) -> Optional[str]:
    """``domestic-approval`` and ``Domestic_Approval`` are ``domestic_approval``; None if unknown."""
    return ledger_key(action, ACTIONS)


def _problem(
    code: str, message: str, name: str, where: Optional[tuple[int, int]] = None, path: Optional[str] = None
) -> Problem:
    line, column = where if where else (None, None)
    return Problem(code, message, name, line, column, path)


def _load(text: str, name: str, indent: Optional[tuple[int, int, int]] = None) -> tuple[Any, Any]:
    """Round-trip load ``text``; a ledger ruamel.yaml cannot read is reported by the validator."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import YAMLError

    yaml = yaml_roundtrip.make_yaml(indent or yaml_roundtrip.detect_indent(text))
    try:
        data = yaml_roundtrip.load(yaml, text)
    except YAMLError as exc:
        # The validator (PyYAML) read it, so say what ruamel.yaml trips on, and where.
        mark = getattr(exc, "problem_mark", None)
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        where = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        _raise_validation_problems(text, name, f"the YAML cannot be edited: {what}", where)
    if (
        not isinstance(data, CommentedMap)
        or not isinstance(data.get("treaty"), CommentedMap)
        or not isinstance(data.get("participants"), CommentedSeq)
        or not all(isinstance(participant, CommentedMap) for participant in data["participants"])
    ):
        _raise_validation_problems(
            text, name, "the ledger cannot be edited: it needs a 'treaty' mapping and a 'participants' list"
        )
    return yaml, data


def _raise_validation_problems(text: str, name: str, fallback: str, where: tuple[int, int] = (1, 1)) -> None:
    """Explain why ``text`` cannot be edited with the validator's located problems, if it has any."""
    from hanoi_cli.core.payloads.validation import validate_ledger

    report = validate_ledger(text=text, name=name, as_of=date.max)
    problems = list(report.errors) or [Problem("yaml-syntax", fallback, name, *where)]
    raise LedgerError(problems, ExitCode.USAGE if report.unreadable else ExitCode.PROBLEMS)


def find_participant(participants: Any, wanted: str, name: str) -> Optional[int]:
    """Index of the participant ``wanted`` names (``participant_lookup.resolve``: codes, the ledger's
    names, ISO and common names, word prefixes); an ambiguous one is refused, listing the candidates."""
    from hanoi_cli.core.ledger.participant_lookup import refuse_if_ambiguous, resolve

    resolution = resolve(wanted, participants)
    refuse_if_ambiguous(resolution, participants, name)
    return resolution.index


def country_name(code: str) -> Optional[str]:
    """The name a new participant gets: the UN's short name where ``participant_lookup`` knows it
    ("Republic of Korea", "Iran (Islamic Republic of)"), else ISO's; None for an unknown code.
    ``--name`` sets it exactly."""
    from hanoi_cli.core.ledger.participant_lookup import un_short_name

    return un_short_name(code)


def _insert_position(mapping: Any, key: str, order: tuple[str, ...]) -> int:
    """Where ``key`` goes among the mapping's keys: before the first one that follows it in ``order``."""
    rank = {name: position for position, name in enumerate(order)}
    mine = rank.get(key, len(rank))
    for position, existing in enumerate(mapping.keys()):
        if rank.get(existing, len(rank)) > mine:
            return position
    return len(mapping)


def _set_key(mapping: Any, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Set ``mapping[key]``: in place if present, else at its canonical position, comments kept."""
    if key in mapping:
        mapping[key] = value
        return
    position = _insert_position(mapping, key, order)
    keys = list(mapping.keys())
    if position == len(keys) and keys:
        # The comment lines after the old last key belong to what follows the mapping.
        following = yaml_roundtrip.take_following_lines(mapping, keys[-1])
        mapping.insert(position, key, value)
        yaml_roundtrip.put_following_lines(mapping, key, following)
    else:
        mapping.insert(position, key, value)


def _describe(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


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
    another type (a participant has at most one).
    """
    from ruamel.yaml.comments import CommentedMap

    yaml, data = _load(text, name)
    participants = data["participants"]
    notes: list[str] = []
    index = find_participant(participants, who, name)
    if index is None:
        code = _new_participant_code(who)
        if len(code) != 3 or not code.isalpha() or not code.isascii():
            close = _close_names(participants, who)
            hint = f"; did you mean {close}?" if close else ""
            raise LedgerError(
                [
                    _problem(
                        "unknown-participant",
                        f"no participant is named or coded {who!r}{hint} To add one, give its ISO 3166-1 alpha-3 code (and --name)",
                        name,
                    )
                ],
                ExitCode.USAGE,
            )
        display = new_name
        if display is None:
            display = country_name(code)
            if display is None:
                raise LedgerError(
                    [
                        _problem(
                            "unknown-country-code",
                            f"{code} is not an ISO 3166-1 alpha-3 code known to pycountry: give the participant's name with --name",
                            name,
                        )
                    ],
                    ExitCode.USAGE,
                )
            notes.append(
                f"added {code} as {display!r} (the UN's short name, else ISO 3166's); the depositary's name may differ: set it with --name"
            )
        entry = CommentedMap()
        entry["name"] = display
        entry["code"] = code
        if kind and kind != "state":
            entry["kind"] = kind
        entry[action] = on
        if source:
            entry["source"] = source
        position = len(participants)
        for existing_index, existing in enumerate(participants):
            if name_key(str(existing.get("name", ""))) > name_key(display):
                position = existing_index
                break
        _insert_item(data, position, entry)
        message = f"added {display} ({code}) with {action} {_describe(on)}"
        return Edit(yaml_roundtrip.dump(yaml, data), message, True, tuple(notes))

    participant = participants[index]
    label = f"{participant.get('name')} ({participant.get('code')})"
    if new_name is not None and new_name != participant.get("name"):
        raise LedgerError(
            [
                _problem(
                    "name-mismatch",
                    f"{label} is already in the ledger under that name; --name only names a new participant",
                    name,
                    yaml_roundtrip.line_of(participant, "name"),
                )
            ],
            ExitCode.USAGE,
        )
    if kind and participant.get("kind", "state") != kind:
        raise LedgerError(
            [
                _problem(
                    "kind-mismatch",
                    f"{label} is recorded as kind {participant.get('kind', 'state')!r}; --kind only describes a new participant",
                    name,
                    yaml_roundtrip.line_of(participant, "kind"),
                )
            ],
            ExitCode.USAGE,
        )
    changed = False
    if action in INSTRUMENT_TYPES:
        for other in INSTRUMENT_TYPES:
            if other != action and other in participant:
                where = yaml_roundtrip.line_of(participant, other)
                if not replace:
                    raise LedgerError(
                        [
                            _problem(
                                "instrument-recorded",
                                f"{label} already has {other} {_describe(participant[other])}; a participant has at most one instrument: use --replace to change it to {action}",
                                name,
                                where,
                                f"participants[{index}].{other}",
                            )
                        ],
                        ExitCode.USAGE,
                    )
                _delete_key(participant, other)
                changed = True
    existing = participant.get(action)
    if existing is not None and _describe(existing) == _describe(on) and not changed:
        message = f"{label} already has {action} {_describe(on)}"
    else:
        if existing is not None and not replace:
            where = yaml_roundtrip.line_of(participant, action)
            raise LedgerError(
                [
                    _problem(
                        "date-recorded",
                        f"{label} already has {action} {_describe(existing)}: use --replace to change it to {_describe(on)}",
                        name,
                        where,
                        f"participants[{index}].{action}",
                    )
                ],
                ExitCode.USAGE,
            )
        _set_key(participant, action, on, PARTICIPANT_ORDER)
        changed = True
        message = f"{label}: {action} {_describe(on)}" + (
            f" (was {_describe(existing)})" if existing is not None else ""
        )
    recorded_source = participant.get("source")
    if source and isinstance(recorded_source, list):  # several sources: add this one, drop none
        if source not in recorded_source:
            recorded_source.append(source)
            changed = True
            message += f"; source {source} added"
    elif source and recorded_source != source:
        _set_key(participant, "source", source, PARTICIPANT_ORDER)
        changed = True
        message += f"; source {source}"
    if not changed:
        return Edit(text, message, False)
    return Edit(yaml_roundtrip.dump(yaml, data), message, True)


def _insert_item(data: Any, position: int, entry: Any) -> None:
    """Insert a new participant, keeping the comment lines above the item now after it in place."""
    participants = data["participants"]
    count = len(participants)
    if count == 0:
        # ``participants: []``: the comment lines after it follow the new item, not precede it.
        following = yaml_roundtrip.take_following_lines(data, "participants")
        participants.append(entry)
        yaml_roundtrip.put_following_lines(data, "participants", following)
        return
    if position == count:
        following = yaml_roundtrip.take_following_lines(participants, count - 1)
        participants.append(entry)
        yaml_roundtrip.put_following_lines(participants, count, following)
        return
    if position == 0:
        participants.insert(0, entry)
        return
    # The lines above item ``position`` hang on item ``position - 1``: they stay above it.
    above = yaml_roundtrip.take_following_lines(participants, position - 1)
    participants.insert(position, entry)
    yaml_roundtrip.put_following_lines(participants, position, above)


def _delete_key(mapping: Any, key: str) -> None:
    """Remove ``key``, keeping the comment lines that followed its value."""
    keys = list(mapping.keys())
    following = yaml_roundtrip.take_following_lines(mapping, key)
    position = keys.index(key)
    mapping.ca.items.pop(key, None)
    del mapping[key]
    if position > 0:
        yaml_roundtrip.put_following_lines(mapping, keys[position - 1], following)
    else:
        yaml_roundtrip.put_header_lines(mapping, following)


def _close_names(participants: Any, wanted: str) -> str:
    from hanoi_cli.core.ledger.participant_lookup import resolve

    return " or ".join(repr(candidate) for candidate in resolve(wanted, participants).suggestions)


def _new_participant_code(who: str) -> str:
    """The code of a participant not in the ledger: the country ``who`` names exactly, else ``who``."""
    from hanoi_cli.core.ledger.participant_lookup import country_code

    return country_code(who) or who.strip().upper()


def canonical(text: str, name: str) -> str:
    """The canonical form of a ledger: participants sorted by name (ignoring case and accents,
    then by code), keys in the model's order, dates written plain ``YYYY-MM-DD``, the canonical
    indentation; comments, quoting and flow style kept. Idempotent."""
    yaml, data = _load(text, name, yaml_roundtrip.CANONICAL_INDENT)
    yaml_roundtrip.reorder_mapping(data, ROOT_ORDER)
    treaty = data["treaty"]
    _canonical_treaty(treaty)
    participants = data["participants"]
    for participant in participants:  # `_load` has made sure each one is a mapping
        yaml_roundtrip.reorder_mapping(participant, PARTICIPANT_ORDER)
        _plain_dates(participant, _PARTICIPANT_DATES)
    yaml_roundtrip.reorder_sequence(
        data, "participants", lambda item: (name_key(str(item.get("name", ""))), str(item.get("code", "")))
    )
    return yaml_roundtrip.dump(yaml, data)


def _canonical_treaty(treaty: Any) -> None:
    yaml_roundtrip.reorder_mapping(treaty, TREATY_ORDER)
    _plain_dates(treaty, _TREATY_DATES)
    window = treaty.get("signature")
    if isinstance(window, dict):
        yaml_roundtrip.reorder_mapping(window, WINDOW_ORDER)
        _plain_dates(window, WINDOW_ORDER)
    if isinstance(treaty.get("denunciation_takes_effect"), dict):
        yaml_roundtrip.reorder_mapping(treaty["denunciation_takes_effect"], PERIOD_ORDER)
    rule = treaty.get("entry_into_force")
    if isinstance(rule, dict):
        yaml_roundtrip.reorder_mapping(rule, RULE_ORDER)
        _plain_dates(rule, ("not_before",))
        for key in ("after", "later_parties"):
            if isinstance(rule.get(key), dict):
                yaml_roundtrip.reorder_mapping(rule[key], PERIOD_ORDER)
        for requirement in rule.get("requires") or ():
            if isinstance(requirement, dict):
                yaml_roundtrip.reorder_mapping(requirement, REQUIREMENT_ORDER)


def _plain_dates(mapping: Any, keys: tuple[str, ...]) -> None:
    """A date written as quoted text becomes a plain ``YYYY-MM-DD`` (an interval plain text)."""
    from hanoi_cli.core.ledger.dates import parse_date_span, parse_iso_date

    for key in keys:
        value = mapping.get(key)
        if not isinstance(value, str) or type(value) is str:
            continue  # a plain scalar, already a date, or not there
        try:
            mapping[key] = parse_iso_date(value)
        except ValueError:
            try:
                parse_date_span(value)
            except ValueError:
                continue
            from ruamel.yaml.scalarstring import PlainScalarString

            mapping[key] = PlainScalarString(value)  # a plain str would inherit the old quotes
