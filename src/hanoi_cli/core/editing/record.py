"""``hanoi record``: one action date for one participant, found by code or name, added when new.

``record`` and the refusals that explain, at the file's own lines, why an edit is not made; the
changes themselves are collected on an ``EditSession`` (``session``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, Optional

from hanoi_cli.core.editing.edit import Edit
from hanoi_cli.core.editing.session import EditSession, describe, located_problem, schema_problems
from hanoi_cli.core.ledger.instruments import ACTIONS, ledger_key
from hanoi_cli.core.ledger.models import INSTRUMENT_TYPES
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem


def normalize_action(action: str) -> Optional[str]:
    """``domestic-approval`` and ``Domestic_Approval`` are ``domestic_approval``; None if unknown."""
    return ledger_key(action, ACTIONS)


def country_name(code: str) -> Optional[str]:
    """The name a new participant gets: the UN's short name where ``participant_lookup`` knows it,
    else ISO's; None for an unknown code. ``--name`` sets it exactly."""
    from hanoi_cli.core.ledger.participant_lookup import un_short_name

    return un_short_name(code)


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
    notification: Optional[str] = None,
    evidence: Optional[str] = None,
) -> Edit:
    """Set ``action`` (a key of ``ACTIONS``) to ``on`` for the participant ``who`` (code or name).

    A participant not in the ledger is added (``who`` must then be its code) at its place in name
    order. An existing different date is only changed with ``replace``, and so is an instrument of
    another type (a participant has at most one): its line is rewritten in place, comment kept.
    ``source``, ``notification`` and ``evidence``: the fact's evidence, in the form ``fact_forms`` picks.
    """
    from hanoi_cli.core.editing.fact_forms import FactEvidence, fact_date, value_to_write

    given = FactEvidence(source, notification, evidence)
    session = EditSession(text, name)
    index = session.find(who)
    _refuse_what_the_edit_cannot_repair(session, index)
    if index is None:
        return _record_new(session, who, action, on, given, new_name, kind)
    data = session.data[index]
    label = f"{data.get('name')} ({data.get('code')})"
    _refuse_new_only_options(session, index, label, new_name, kind)
    value, source, note = value_to_write(data, action, on, given)
    notes = (note,) if note else ()
    removed = (
        _drop_other_instruments(session, index, label, action, on, replace, value) if action in INSTRUMENT_TYPES else []
    )
    changed = bool(removed)
    existing = fact_date(data.get(action))
    if existing is not None and describe(existing) == describe(on) and not changed:
        changed, message = _same_fact(session, index, action, value, label)
    else:
        if existing is not None and not replace:
            message = f"{label} already has {action} {describe(existing)}: use --replace to change it to {describe(on)}"
            where, path = session.where(index, action), f"participants[{index}].{action}"
            raise LedgerError([located_problem("date-recorded", message, name, where, path)], ExitCode.USAGE)
        if action not in session.pending(index).renamed:
            session.set(index, action, value)
        changed = True
        message = f"{label}: {action} {describe(on)}" + (f" (was {describe(existing)})" if existing is not None else "")
        if removed:
            message += f" (removed {' and '.join(removed)})"
    added, message = _add_source(session, index, message, source, given.source if isinstance(value, dict) else None)
    if not (changed or added):
        return Edit(text, message, False)
    return Edit(session.render(), message, True, notes)


def _same_fact(session: EditSession, index: int, action: str, value: Any, label: str) -> tuple[bool, str]:
    """The fact is recorded already: only its evidence may change (whether it did, and the message)."""
    before = session.data[index].get(action)
    if isinstance(value, dict) and value != before:
        session.set(index, action, value)
        return True, f"{label}: {action} {describe(value['date'])}, its evidence updated"
    return False, f"{label} already has {action} {describe(value['date'] if isinstance(value, dict) else value)}"


def _add_source(
    session: EditSession, index: int, message: str, source: Optional[str], own: Optional[str]
) -> tuple[bool, str]:
    """``source`` joins the participant's sources (whether it did, and the message saying so);
    ``own``, a source the fact keeps itself, is only said."""
    if source and session.add_source(index, source):
        listed = isinstance(session.current(index, "source"), list)
        return True, message + (f"; source {source} added" if listed else f"; source {source}")
    return False, message + (f"; source {own}" if own else "")


def _refuse_what_the_edit_cannot_repair(session: EditSession, index: Optional[int]) -> None:
    """A ledger the schema rejects is refused at once, with its problems at the file's own lines,
    unless every problem is in the participant being edited (the edit may be what repairs it):
    validating the result would only find them again, one composition later."""
    problems = schema_problems(session)
    if not problems:
        return
    own = f"participants[{index}]" if index is not None else None
    if own is None or any(
        not (problem.path or "").startswith(own) for problem in problems if problem.code != "more-problems"
    ):
        message = "nothing was written: the ledger itself does not pass hanoi validate (at the lines of the file)"
        note = Problem("edit-refused", message, session.name, severity="note")
        raise LedgerError([*problems, note])


def _refuse_new_only_options(
    session: EditSession, index: int, label: str, new_name: Optional[str], kind: Optional[str]
) -> None:
    """``--name`` and ``--kind`` describe a new participant: for an existing one they must agree."""
    data, name = session.data[index], session.name
    if new_name is not None and new_name != data.get("name"):
        message = f"{label} is already in the ledger under that name; --name only names a new participant"
        raise LedgerError(
            [located_problem("name-mismatch", message, name, session.where(index, "name"))], ExitCode.USAGE
        )
    if kind and (data.get("kind") or "state") != kind:
        recorded = data.get("kind") or "state"
        message = f"{label} is recorded as kind {recorded!r}; --kind only describes a new participant"
        raise LedgerError(
            [located_problem("kind-mismatch", message, name, session.where(index, "kind"))], ExitCode.USAGE
        )


def _drop_other_instruments(
    session: EditSession, index: int, label: str, action: str, on: date | str, replace: bool, value: Any
) -> list[str]:
    """Refuse (without ``replace``) or drop an instrument of another type; returns what was dropped.

    The first one is rewritten in place (``ratification: x  # c`` -> ``accession: y  # c``), so
    its line keeps its comment and its place, which is model order too (instruments are adjacent).
    """
    from hanoi_cli.core.editing.fact_forms import fact_date

    data = session.data[index]
    others = [other for other in INSTRUMENT_TYPES if other != action and other in data]
    if others and not replace:
        other = others[0]
        message = (
            f"{label} already has {other} {describe(fact_date(data[other]))}; a participant has at most one "
            f"instrument: use --replace to change it to {action}"
        )
        where, path = session.where(index, other), f"participants[{index}].{other}"
        raise LedgerError([located_problem("instrument-recorded", message, session.name, where, path)], ExitCode.USAGE)
    removed = []
    for number, other in enumerate(others):
        removed.append(f"{other} {describe(fact_date(data[other]))}")
        if number == 0 and action not in data:
            session.replace_key(index, other, action, value)
        else:
            session.remove(index, other)
    return removed


def _record_new(
    session: EditSession,
    who: str,
    action: str,
    on: date | str,
    given: Any,
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
        raise LedgerError([located_problem("unknown-participant", message, name)], ExitCode.USAGE)
    display = new_name
    if display is None:
        display = country_name(code)
        if display is None:
            message = (
                f"{code} is not an ISO 3166-1 alpha-3 code known to pycountry: give the participant's name with --name"
            )
            raise LedgerError([located_problem("unknown-country-code", message, name)], ExitCode.USAGE)
        notes.append(
            f"added {code} as {display!r} (the UN's short name, else ISO 3166's); the depositary's name may differ: "
            "set it with --name"
        )
    entry: dict[str, Any] = {"name": display, "code": code}
    if kind and kind != "state":
        entry["kind"] = kind
    from hanoi_cli.core.editing.fact_forms import value_to_write

    entry[action], source, note = value_to_write({}, action, on, given)
    if source:
        entry["source"] = source
    if note:
        notes.append(note)
    session.add(entry)
    return Edit(session.render(), f"added {display} ({code}) with {action} {describe(on)}", True, tuple(notes))


def _close_names(participants: Iterable[dict[str, Any]], wanted: str) -> str:
    from hanoi_cli.core.ledger.participant_lookup import resolve

    return " or ".join(repr(candidate) for candidate in resolve(wanted, list(participants)).suggestions)
