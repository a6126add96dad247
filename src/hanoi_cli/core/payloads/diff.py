"""What ``hanoi diff`` says, as plain data and plain strings, whatever the output format.

The JSON payload is a contract (docs/reference/json-output.md): keys are only ever added. The text and
Markdown renderers share the value wording and the effect rows defined here.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Optional

from hanoi_cli.core.ledger.models import Period
from hanoi_cli.core.ledger.wording import STATUS_LABELS, iso
from hanoi_cli.core.payloads.envelope import envelope
from hanoi_cli.core.rules.ledger_diff import EffectSnapshot, FieldChange, LedgerDiff, ParticipantChange, PartyEffect

NOTHING = "—"


def list_change(old: Any, new: Any) -> Optional[str]:
    """A list that gained or lost items, said item by item: ``+ C (added)``, ``+ C; - A (added,
    removed)``; None unless one side is a list (a single source may be a string) and items differ."""
    if old is None or new is None or not (isinstance(old, list) or isinstance(new, list)):
        return None
    before, after = (value if isinstance(value, list) else [value] for value in (old, new))
    added = [item for item in after if item not in before]
    removed = [item for item in before if item not in after]
    if not added and not removed:
        return None
    pieces = [f"+ {describe_value(item)}" for item in added] + [f"- {describe_value(item)}" for item in removed]
    kinds = ["added"] * bool(added) + ["removed"] * bool(removed)
    return f"{'; '.join(pieces)} ({', '.join(kinds)})"


def describe_value(value: Any) -> str:
    """A plain value (``ledger_diff.plain``) as short text: ``90 days``, ``a; b``, ``—`` for none."""
    if value is None:
        return NOTHING
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(describe_value(item) for item in value) if value else "none"
    if isinstance(value, dict):
        if set(value) == {"months", "days", "first_of_next_month"}:
            return _describe_period(value)
        if set(value) == {"group", "at_least"}:
            return f"at least {value['at_least']} from {value['group']}"
        return ", ".join(f"{key}: {describe_value(item)}" for key, item in value.items())
    return str(value)


def _describe_period(period: dict[str, Any]) -> str:
    text = Period(**period).describe()
    return text + ", then the 1st of the next month" if period["first_of_next_month"] else text


def _date(value: Optional[date]) -> str:
    return value.isoformat() if value is not None else NOTHING


def _threshold_instruments(snapshot: EffectSnapshot) -> str:
    if not snapshot.threshold_instruments:
        return NOTHING
    return "; ".join(
        f"{item.name} ({item.code}), {item.deposited.isoformat()}" for item in snapshot.threshold_instruments
    )


EFFECT_ROWS = (
    ("Counted instruments", lambda s: f"{s.counted_instruments} / {s.threshold}"),
    ("Status", lambda s: STATUS_LABELS[s.status]),
    ("Threshold date", lambda s: _date(s.threshold_date)),
    ("Threshold instrument", _threshold_instruments),
    ("Entry into force", lambda s: _date(s.entry_into_force)),
    ("Signatories", lambda s: str(s.signatories)),
    ("Parties", lambda s: str(s.parties)),
)


def effect_rows(diff: LedgerDiff) -> list[tuple[str, str, str]]:
    """``(label, before, after)`` for each figure of the effect summary, changed or not."""
    return [(label, text(diff.before), text(diff.after)) for label, text in EFFECT_ROWS]


def party_side(party: PartyEffect) -> tuple[str, str]:
    """Before and after for one party: ``2020-09-28 (in force)``, ``— (signatory)``, ``— (not listed)``."""

    def side(entry_into_force: Optional[date], status: Optional[str]) -> str:
        label = status.replace("_", " ") if status is not None else "not listed"
        return f"{_date(entry_into_force)} ({label})"

    return (
        side(party.entry_into_force_before, party.status_before),
        side(party.entry_into_force_after, party.status_after),
    )


def participants_summary(diff: LedgerDiff) -> str:
    return f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed"


def _field_record(change: FieldChange) -> dict[str, Any]:
    return {"field": change.field, "change": change.kind, "label": change.label, "old": change.old, "new": change.new}


def _participant_record(change: ParticipantChange) -> dict[str, Any]:
    return {"code": change.code, "name": change.name, "fields": [_field_record(field) for field in change.fields]}


def snapshot_record(snapshot: EffectSnapshot) -> dict[str, Any]:
    return {
        "status": snapshot.status,
        "threshold": snapshot.threshold,
        "counted_instruments": snapshot.counted_instruments,
        "signatories": snapshot.signatories,
        "parties": snapshot.parties,
        "threshold_date": iso(snapshot.threshold_date),
        "threshold_instruments": [item.record() for item in snapshot.threshold_instruments],
        "entry_into_force": iso(snapshot.entry_into_force),
    }


def diff_payload(diff: LedgerDiff, old_name: str, new_name: str, *, new_file: bool = False) -> dict[str, Any]:
    """The JSON document of ``hanoi diff --format json``."""
    return envelope(
        as_of=diff.as_of.isoformat(),
        old=old_name,
        new=new_name,
        new_file=new_file,
        changed=diff.has_changes,
        treaty=[_field_record(change) for change in diff.treaty],
        participants={
            "added": [_participant_record(change) for change in diff.added],
            "removed": [_participant_record(change) for change in diff.removed],
            "changed": [_participant_record(change) for change in diff.changed],
        },
        effect={
            "before": snapshot_record(diff.before),
            "after": snapshot_record(diff.after),
            "parties": [
                {
                    "code": party.code,
                    "name": party.name,
                    "entry_into_force": {
                        "before": iso(party.entry_into_force_before),
                        "after": iso(party.entry_into_force_after),
                    },
                    "status": {"before": party.status_before, "after": party.status_after},
                }
                for party in diff.parties
            ],
        },
    )
