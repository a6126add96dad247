"""Many ledgers at once: one summary row per treaty, and a marked row for a ledger that fails.

``hanoi status A.yaml B.yaml ...`` reads every ledger even when some cannot be used, so one bad
file never hides the others; each row keeps its problems and its exit code, and the command exits
with the worst. The JSON envelope is a contract (docs/commands/status.md, "Many ledgers"): keys are only added.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hanoi_cli.core.commands.status import SummaryRow
from hanoi_cli.core.ledger.wording import iso, plural
from hanoi_cli.core.payloads.envelope import envelope
from hanoi_cli.core.payloads.unmet import unmet_records

# Columns of a summary row, in order (CSV header; with ``error``, the keys of a JSON row).
SUMMARY_COLUMNS = (
    "short_title",
    "id",
    "counted_instruments",
    "threshold",
    "status",
    "threshold_date",
    "entry_into_force",
    "needed",
    "signatories",
    "parties",
    "path",
    "title",
)
# Columns added later go after ``error`` in the CSV, so every earlier column keeps its position.
LATER_COLUMNS = ("unmet_requirements", "checked", "checked_days", "stale")
# The record's freshness (``treaty.checked``), the last keys of a JSON row, after ``error``.
FRESHNESS_COLUMNS = ("checked", "checked_days", "stale")


def summary_record(row: SummaryRow) -> dict[str, Any]:
    """A row as plain data: the ``SUMMARY_COLUMNS`` (``None`` where unknown), then ``error``."""
    evaluation = row.evaluation
    if evaluation is None:
        record: dict[str, Any] = dict.fromkeys((*SUMMARY_COLUMNS, "unmet_requirements"))
        record["status"] = row.status
        record["path"] = row.path
        record["error"] = {"exit_code": int(row.exit_code), "problems": [problem.to_dict() for problem in row.problems]}
        return {**record, **dict.fromkeys(FRESHNESS_COLUMNS)}  # freshness after error, as for a treaty
    treaty = evaluation.treaty
    return {
        "short_title": treaty.display_title,
        "id": treaty.id,
        "counted_instruments": evaluation.counted_instruments,
        "threshold": evaluation.threshold,
        "status": evaluation.status,
        "threshold_date": iso(evaluation.threshold_date),
        "entry_into_force": iso(evaluation.entry_into_force),
        "needed": evaluation.needed,
        "signatories": evaluation.signatories,
        "parties": evaluation.party_count,
        "path": row.path,
        "title": treaty.title,
        "unmet_requirements": unmet_records(evaluation),
        "error": None,
        **_freshness(evaluation),
    }


def _freshness(evaluation: Any) -> dict[str, Any]:
    """When the record was last checked against the depositary, how many days before the as-of
    date, and whether that is past the limit (``HANOI_STALE_DAYS``); None when the ledger does not say."""
    from hanoi_cli.core.rules.freshness import freshness

    fresh = freshness(evaluation)
    if fresh["checked"] is None:
        return dict.fromkeys(FRESHNESS_COLUMNS)
    return {"checked": fresh["checked"], "checked_days": fresh["days"], "stale": fresh["stale"]}


def age_cell(record: dict[str, Any]) -> str:
    """The record's age for a table: ``383 days``, ``today``; empty when not recorded."""
    days = record.get("checked_days")
    if days is None:
        return ""
    if days < 0:
        return "after as-of"
    return "today" if days == 0 else plural(days, "day")


def summary_payload(rows: list[SummaryRow], as_of: date) -> dict[str, Any]:
    """The JSON document of ``hanoi status A B ... --format json``."""
    return envelope(
        as_of=as_of.isoformat(),
        treaties=[summary_record(row) for row in rows],
    )


def tally(rows: list[SummaryRow]) -> str:
    """``3 treaties: 1 in force, 1 not in force, 1 invalid``: statuses in a fixed order, in the words
    each row uses."""
    from hanoi_cli.core.payloads.status import STATUS_LABELS

    order = ("in_force", "pending", "not_reached", "invalid", "unreadable")
    counts = {status: 0 for status in order}
    for row in rows:
        counts[row.status] += 1
    parts = [f"{count} {STATUS_LABELS.get(status, status)}" for status, count in counts.items() if count]
    noun = "treaty" if len(rows) == 1 else "treaties"
    return f"{len(rows)} {noun}: " + ", ".join(parts) if parts else f"0 {noun}"
