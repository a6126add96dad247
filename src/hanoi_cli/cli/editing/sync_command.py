"""``hanoi sync``: bring a ledger in line with the depositary's status file, in one edit transaction."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Any, Optional

import typer

from hanoi_cli.cli.guard import UsageProblem, guarded, report_problems, tell_notes
from hanoi_cli.cli.options import (
    FormatChoice,
    as_of_option,
    as_of_or_today,
    format_choices,
    status_file_option,
    timeout_option,
)
from hanoi_cli.render import sync as render_sync

if TYPE_CHECKING:
    from hanoi_cli.core.commands.sync import SyncMode

    SyncFormat = FormatChoice  # to the type checker, one of the formats; to Typer, this command's choices
else:
    SyncFormat = format_choices("SyncFormat", render_sync.RENDERERS)


SYNC_LEDGER_HELP = (
    "Ledger file to sync. Default: $HANOI_LEDGER, else data/signatories.yaml of the source checkout hanoi runs "
    "from; an installed hanoi syncs a copy in your data folder, which the other commands then read."
)


def sync(
    ledger: Optional[str] = typer.Argument(None, metavar="[LEDGER]", help=SYNC_LEDGER_HELP, show_default=False),
    source: Optional[str] = status_file_option("Default: treaty.status_url, else the URL computed from treaty.id."),
    check: bool = typer.Option(
        False, "--check", help="Write nothing; exit 1 if the ledger differs from the depositary."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print what would change; write nothing."),
    output_format: SyncFormat = typer.Option("text", "--format", "-f", case_sensitive=False, help="Output format."),
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
    with guarded(json_errors=output_format == "json"):
        from hanoi_cli.core.commands.sync import sync as run_sync
        from hanoi_cli.core.reading.ledger_paths import editable_ledger, resolve_ledger

        writes = not (check or dry_run)
        refresh = _refreshed_copy(ledger)
        copy_to = None
        try:
            if refresh is not None:  # an installed hanoi: its copy in the user's data folder
                path = str(refresh) if refresh.is_file() else resolve_ledger(None)
                copy_to = None if refresh.is_file() else str(refresh)
            else:
                path = editable_ledger(ledger) if writes else resolve_ledger(ledger)
        except ValueError as exc:
            raise UsageProblem(str(exc)) from None
        if path == "-":  # read twice (for its URL, then under the lock): standard input cannot be
            raise UsageProblem("hanoi sync reads the ledger from its file: give a path, not - (standard input)")
        read_on = as_of_or_today(as_of)
        mode: SyncMode = "check" if check else "dry-run" if dry_run else "sync"
        result = run_sync(path, source=source, as_of=read_on, mode=mode, timeout=timeout, copy_to=copy_to)
        report_problems(list(result.plan.problems))
        tell_notes(result.notes)
        report_problems(list(result.warnings))
        render_sync.RENDERERS[output_format.value](result, sys.stdout)
        if result.exit_code:
            raise typer.Exit(result.exit_code)


def _refreshed_copy(given: Optional[str]) -> Any:
    """The copy in the user's data folder that a sync with no ledger refreshes on an installed
    hanoi (None when a ledger is named, in $HANOI_LEDGER, or hanoi runs from a checkout)."""
    import os

    from hanoi_cli.core.reading.ledger_paths import LEDGER_ENV, is_installed, refreshed_ledger

    if given or os.environ.get(LEDGER_ENV, "").strip() or not is_installed():
        return None
    return refreshed_ledger()
