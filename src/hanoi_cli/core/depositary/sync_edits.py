"""A sync plan as ledger edits: one list of actions, applied in one pass of the text editor.

Each change of the plan is one key; every participant whose keys change, and every one added,
gets the status URL among its sources (next to those already there); ``treaty.reported`` is set
from the status counts when they, or their source, changed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hanoi_cli.core.depositary.sync_plan import SyncPlan
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
        else:
            actions.append(SetParticipantField(change.code, change.field, _value(change.field, change.new)))
    for addition in plan.added:
        fields = tuple((key, _value(key, value)) for key, value in addition.fields)
        actions.append(AddParticipant(addition.name, addition.code, addition.kind, fields))
    actions += [AddSource(code, plan.source_url) for code in plan.touched_codes()]
    if plan.reported_changed:
        actions.append(SetTreatyField("reported", dict(plan.reported)))
    return actions


def apply_plan(text: str, plan: SyncPlan, name: str) -> Edit:
    """The ledger text with the plan applied; unchanged text when there is nothing to do."""
    new_text, messages = apply(text, plan_actions(plan), name)
    return Edit(new_text, "; ".join(messages) if messages else "already in sync", new_text != text)
