"""``hanoi sync``: bring a ledger in line with the depositary's status file, in one edit transaction."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from typing import Any, NamedTuple, Optional

import typer

from hanoi_cli.cli.guard import UsageProblem, guarded, report_problems
from hanoi_cli.cli.options import as_of_option, as_of_or_today, renderer_for, status_file_option, timeout_option
from hanoi_cli.core.ledger.problems import ExitCode


class SyncFormat(str, Enum):
    text = "text"
    table = "table"  # the same human format as text, as every command accepts both
    json = "json"
    markdown = "markdown"


SYNC_LEDGER_HELP = (
    "Ledger file to sync. Default: $HANOI_LEDGER, else data/signatories.yaml of the source checkout hanoi runs from."
)


def sync(
    ledger: Optional[str] = typer.Argument(None, metavar="[LEDGER]", help=SYNC_LEDGER_HELP, show_default=False),
    source: Optional[str] = status_file_option("Default: treaty.status_url, else the URL computed from treaty.id."),
    check: bool = typer.Option(
        False, "--check", help="Write nothing; exit 1 if the ledger differs from the depositary."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print what would change; write nothing."),
    output_format: SyncFormat = typer.Option(
        SyncFormat.text, "--format", "-f", case_sensitive=False, help="Output format."
    ),
    timeout: float = timeout_option(),
    as_of: Optional[date] = as_of_option(
        "The day the status file is read, and the date the result is validated and evaluated as of. "
        "Default: today, or $HANOI_TODAY."
    ),
) -> None:
    """Update a ledger from the UN Treaty Collection's status record.

    Signature dates, instruments and withdrawals come from the depositary; everything else in the
    ledger (domestic approvals, groups, notes, comments, layout) is kept byte for byte. One read,
    one validation, one atomic write; a result that does not validate writes nothing.
    """
    with guarded(json_errors=output_format is SyncFormat.json):
        from hanoi_cli.core.depositary.source import read_status_source
        from hanoi_cli.core.depositary.status_file import parse_status
        from hanoi_cli.core.reading.ledger_paths import editable_ledger, resolve_ledger
        from hanoi_cli.core.reading.loader import read_ledger

        writes = not (check or dry_run)
        try:
            path = editable_ledger(ledger) if writes else resolve_ledger(ledger)
        except ValueError as exc:
            raise UsageProblem(str(exc)) from None
        if path == "-":  # read twice (for its URL, then under the lock): standard input cannot be
            raise UsageProblem("hanoi sync reads the ledger from its file: give a path, not - (standard input)")
        read_on = as_of_or_today(as_of)
        first = read_ledger(path)  # for its URL: the fetch happens before the lock, never under it
        treaty = first.ledger.treaty
        found = read_status_source(source, status_url_field=treaty.status_url, treaty_id=treaty.id, timeout=timeout)
        status = parse_status(found.data, found.read_from, treaty_id=treaty.id)  # problems point at the file read
        mode = "check" if check else "dry-run" if dry_run else "sync"
        result = _apply(path, first, status, found.url, read_on, write=writes, mode=mode)
        report_problems([*status.warnings, *result.outcome.plan.skipped, *result.warnings])
        _print(result.outcome, output_format)
        if result.outcome.plan.problems:
            raise typer.Exit(ExitCode.PROBLEMS)
        if check and not result.outcome.plan.in_sync:
            raise typer.Exit(ExitCode.PROBLEMS)


class _Applied(NamedTuple):
    """The sync's result, and the warnings of the ledger it produced."""

    outcome: Any
    warnings: Any


def _apply(path: str, first: Any, status: Any, url: str, read_on: date, *, write: bool, mode: str) -> _Applied:
    """Plan against the text read under the lock, apply in one transaction, and measure the effect.

    ``first`` is the ledger as read for its URL; the text under the lock is parsed again only if
    the file changed meanwhile (a ``hanoi record`` racing the fetch)."""
    from hanoi_cli.core.depositary.sync_edits import apply_plan
    from hanoi_cli.core.depositary.sync_payload import SyncResult
    from hanoi_cli.core.depositary.sync_plan import plan_sync
    from hanoi_cli.core.editing.transaction import Edit, edit_ledger
    from hanoi_cli.core.reading.loader import decode, read_ledger
    from hanoi_cli.core.rules.ledger_diff import diff_ledgers

    label = first.name
    first_text = decode(first.data, label)
    seen: dict[str, Any] = {}

    def transform(text: str) -> Edit:
        before = first.ledger if text == first_text else read_ledger(text=text, name=label).ledger
        plan = plan_sync(status, before, url, read_on)
        seen.update(before=before, plan=plan)
        if plan.problems:  # names that match nothing: nothing is written until they are added
            return Edit(text, "names that match no participant", False)
        return apply_plan(text, plan, label)

    outcome = edit_ledger(path, transform, as_of=read_on, write=write, name=label)
    after = outcome.ledger if outcome.ledger is not None else seen["before"]  # validated, not parsed again
    reported = seen["before"].treaty.reported
    result = SyncResult(
        ledger=label,
        status=status,
        plan=seen["plan"],
        effect=diff_ledgers(seen["before"], after, read_on),
        written=outcome.written,
        mode=mode,
        reported_before=None if reported is None else f"{reported.signatories} signatories, {reported.parties} parties",
    )
    if seen["plan"].problems:
        report_problems(list(seen["plan"].problems))
    for withdrawn in seen["plan"].withdrawn:
        sys.stderr.write(
            f"note: {withdrawn.name} has withdrawn; record the date of denunciation: {withdrawn.command}\n"
        )
    return _Applied(result, outcome.warnings)


def _print(result: Any, output_format: SyncFormat) -> None:
    from hanoi_cli.render import sync as render_sync

    renderers = {"human": render_sync.to_text, "json": render_sync.to_json, "markdown": render_sync.to_markdown}
    sys.stdout.write(renderers[renderer_for(output_format)](result))
