"""What ``hanoi sync`` says, as plain data: the JSON document and the lines of its text and Markdown.

The JSON is a contract (docs/commands/sync-and-new.md): keys are only ever added.
"""

from __future__ import annotations

from typing import Any, Optional

from hanoi_cli.core.commands.sync import SyncResult
from hanoi_cli.core.ledger.evidence import LEVEL_WORDS
from hanoi_cli.core.ledger.wording import plural
from hanoi_cli.core.payloads.diff import NOTHING, effect_rows, snapshot_record
from hanoi_cli.core.payloads.envelope import envelope


def shown(value: Optional[str]) -> str:
    return NOTHING if value is None else value


def change_lines(result: SyncResult) -> list[str]:
    """One line per change: ``Azerbaijan (AZE)  acceptance: — → 2026-03-09``."""
    lines = [f"{c.name} ({c.code})  {c.field}: {shown(c.old)} → {shown(c.new)}" for c in result.plan.changes]
    plan = result.plan
    if plan.reported_changed:
        counts = [f"{plan.reported[key]} {key}" for key in ("signatories", "parties") if plan.reported[key] is not None]
        new = ", ".join(counts) or "no counts (the status file has none)"
        lines.append(
            f"treaty.reported: {shown(result.reported_before)} → {new} (as of {plan.reported['as_of'].isoformat()})"
        )
    return lines


def addition_lines(result: SyncResult) -> list[str]:
    return [
        f"{a.name} ({a.code}{', REIO' if a.kind == 'reio' else ', organization' if a.kind == 'organization' else ''})"
        + (f": {', '.join(f'{key} {value}' for key, value in a.fields)}" if a.fields else "")
        for a in result.plan.added
    ]


def confirmation_lines(result: SyncResult) -> list[str]:
    """One line per fact the depositary confirms: ``Algeria (DZA)  signature 2025-10-25: reported → depositary``."""
    return [
        f"{c.name} ({c.code})  {c.field} {c.date}: {LEVEL_WORDS[c.was]} → depositary" for c in result.plan.confirmed
    ]


def not_in_source_lines(result: SyncResult) -> list[str]:
    return [f"{item.name} ({item.code})  {item.field}: {item.value}" for item in result.plan.not_in_source]


def headline(result: SyncResult) -> str:
    plan = result.plan
    counts = f"{plural(len(plan.changes), 'change')}, {len(plan.added)} added"
    if plan.confirmed:
        counts += f", {plural(len(plan.confirmed), 'fact')} confirmed by the depositary"
    if plan.in_sync:
        return f"{result.ledger} is in sync with {plan.source_url} (read on {plan.read_on.isoformat()})."
    verb = {"sync": "Synced", "dry-run": "Would sync (dry run, nothing written)", "check": "Out of sync"}[result.mode]
    if result.mode == "sync" and not result.written:
        verb = "Not synced"
    return f"{verb}: {result.ledger} from {plan.source_url} (read on {plan.read_on.isoformat()}): {counts}."


def sync_payload(result: SyncResult) -> dict[str, Any]:
    """The JSON document of ``hanoi sync --format json``."""
    plan, status = result.plan, result.status
    return envelope(
        ledger=result.ledger,
        source={
            "url": plan.source_url,
            "read_on": plan.read_on.isoformat(),
            "signatories": status.signatories,
            "parties": status.parties,
        },
        in_sync=plan.in_sync,
        changes=[{"code": c.code, "name": c.name, "field": c.field, "old": c.old, "new": c.new} for c in plan.changes],
        added=[{"code": a.code, "name": a.name, "kind": a.kind, "fields": a.as_dict()} for a in plan.added],
        confirmed=[
            {
                "code": c.code,
                "name": c.name,
                "field": c.field,
                "date": c.date,
                "old_evidence": c.was,
                "new_evidence": "depositary",
            }
            for c in plan.confirmed
        ],
        not_in_source=[
            {"code": n.code, "name": n.name, "field": n.field, "value": n.value} for n in plan.not_in_source
        ],
        withdrawn=[{"code": w.code, "name": w.name, "command": w.command} for w in plan.withdrawn],
        unmatched=[{"name": u.name, "row": u.row, "command": u.command} for u in plan.unmatched],
        skipped=[
            {"code": p.code, "message": p.message, "line": p.line, "path": p.path}
            for p in (*status.warnings, *plan.skipped)
        ],
        reported={**plan.reported, "as_of": plan.reported["as_of"].isoformat(), "changed": plan.reported_changed},
        effect={"before": snapshot_record(result.effect.before), "after": snapshot_record(result.effect.after)},
        written=result.written,
    )


def effect_table(result: SyncResult) -> list[tuple[str, str, str]]:
    """``(label, before, after)`` for the effect on entry into force, as ``hanoi diff`` shows it."""
    return effect_rows(result.effect)
