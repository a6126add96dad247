"""A sync plan as ledger edits: one list of actions, applied in one pass of the text editor.

Each change of the plan is one key; a fact the depositary confirms at a weaker level is written in
the long form with ``evidence: depositary`` and the status URL added to its sources (or, for a
participant all in the short form whose every fact the depositary confirms, the URL joins its
sources, so an old ledger keeps its form); every participant whose keys change, and every one added,
gets the status URL among its sources (next to those already there), except one whose facts carry
their own evidence: its synced facts are written in the long form, crediting the depositary; ``treaty.reported`` is set
from the status counts when they, or their source, changed; ``treaty.checked`` says the day the
record was compared with the depositary's (the answer's freshness), so it changes on a new day.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Optional

from hanoi_cli.core.depositary.sync_plan import Confirmation, SyncPlan
from hanoi_cli.core.editing.actions import (
    AddParticipant,
    AddSource,
    LedgerAction,
    RemoveParticipantField,
    SetParticipantField,
    SetTreatyField,
    apply,
)
from hanoi_cli.core.editing.edit import Edit
from hanoi_cli.core.editing.fact_forms import FactEvidence, long_form
from hanoi_cli.core.ledger.instruments import ACTIONS


def _value(field: str, text: str) -> Any:
    """A dated key's ISO text as a date (written plain), anything else as text."""
    if field in ACTIONS and "/" not in text:
        return date.fromisoformat(text)
    return text


def plan_actions(plan: SyncPlan) -> list[LedgerAction]:
    actions: list[LedgerAction] = []
    for change in plan.changes:
        if change.new is None:
            actions.append(RemoveParticipantField(change.code, change.field))
        elif change.code in plan.long_form and change.field in ACTIONS:  # the fact keeps its own evidence
            value = _depositary_value(change.field, change.new, change.sources, change.notification, plan)
            actions.append(SetParticipantField(change.code, change.field, value))
        else:
            actions.append(SetParticipantField(change.code, change.field, _value(change.field, change.new)))
    for confirmed in plan.confirmed:
        if not confirmed.by_participant:  # the fact records the depositary's confirmation itself
            actions.append(SetParticipantField(confirmed.code, confirmed.field, _confirmed_value(confirmed, plan)))
    for addition in plan.added:
        fields = tuple((key, _value(key, value)) for key, value in addition.fields)
        actions.append(AddParticipant(addition.name, addition.code, addition.kind, fields))
    touched = [code for code in plan.touched_codes() if code not in plan.long_form]
    actions += [AddSource(code, plan.source_url) for code in touched]
    if plan.reported_changed:
        reported = {key: value for key, value in plan.reported.items() if value is not None}  # no invented counts
        actions.append(SetTreatyField("reported", reported))
    actions.append(SetTreatyField("checked", plan.read_on))  # the record's freshness
    return actions


def _confirmed_value(confirmed: Confirmation, plan: SyncPlan) -> dict[str, Any]:
    """The long form of a fact the depositary confirms."""
    return _depositary_value(confirmed.field, confirmed.date, confirmed.sources, confirmed.notification, plan)


def _depositary_value(
    field: str, when: str, sources: tuple[str, ...], notification: Optional[str], plan: SyncPlan
) -> dict[str, Any]:
    """The long form of a fact the depositary confirms or corrects: its other sources (and
    notification) kept, the status URL added, ``evidence: depositary``."""
    listed = [*sources, *([] if plan.source_url in sources else [plan.source_url])]
    return long_form(_value(field, when), listed, FactEvidence(notification=notification, evidence="depositary"))


def _with_participants_key(text: str, name: str) -> str:
    """``participants: []`` written at the end of a ledger that has no ``participants`` key, which
    ``hanoi validate`` reads as an empty list; the editor needs the list to add to."""
    from hanoi_cli.core.editing.yaml_text import YamlText
    from hanoi_cli.core.ledger.problems import LedgerError
    from hanoi_cli.core.reading.nodes import get, is_mapping

    try:
        doc = YamlText(text, name)
    except LedgerError:  # the editor reports what it cannot read, located
        return text
    if not is_mapping(doc.root) or get(doc.root, "participants") is not None:
        return text
    newline = doc.newline
    return text + ("" if not text or text.endswith(newline) else newline) + "participants: []" + newline


def apply_plan(text: str, plan: SyncPlan, name: str) -> Edit:
    """The ledger text with the plan applied; unchanged text when there is nothing to do."""
    new_text, messages = apply(_with_participants_key(text, name), plan_actions(plan), name)
    if any(change.field == "name" for change in plan.changes):  # Swaziland -> Eswatini moves to its place
        from hanoi_cli.core.editing.canonical import sort_participants  # only a renamed participant moves

        new_text = sort_participants(new_text, name, unless_unsorted=text)
    return Edit(new_text, "; ".join(messages) if messages else "already in sync", new_text != text)
