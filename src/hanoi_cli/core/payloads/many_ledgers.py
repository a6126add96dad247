"""Many ledgers at once: one summary row per treaty, and a marked row for a ledger that fails.

``hanoi status A.yaml B.yaml ...`` reads every ledger even when some cannot be used, so one bad
file never hides the others; each row keeps its problems and its exit code, and the command exits
with the worst. The JSON envelope is a contract (README, "Many ledgers"): keys are only added.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hanoi_cli.core.commands.status import SummaryRow
from hanoi_cli.core.ledger.wording import iso
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
LATER_COLUMNS = ("unmet_requirements",)


def summary_record(row: SummaryRow) -> dict[str, Any]:
    """A row as plain data: the ``SUMMARY_COLUMNS`` (``None`` where unknown), then ``error``."""
    evaluation = row.evaluation
    if evaluation is None:
        record: dict[str, Any] = dict.fromkeys((*SUMMARY_COLUMNS, *LATER_COLUMNS))
        record["status"] = row.status
        record["path"] = row.path
        record["error"] = {"exit_code": int(row.exit_code), "problems": [problem.to_dict() for problem in row.problems]}
        return record
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
    }


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
