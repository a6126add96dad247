"""``hanoi status``: how many instruments, and when the treaty enters into force."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Optional

import typer

from hanoi_cli.cli.guard import UsageProblem, guarded, report_problems
from hanoi_cli.cli.options import LEDGER_HELP, as_of_option, as_of_or_today, renderer_for, stdin_at_most_once

if TYPE_CHECKING:
    from hanoi_cli.core.ledger.models import Ledger


class Only(str, Enum):
    parties = "parties"
    signatories = "signatories"
    pending = "pending"


class SortBy(str, Enum):
    name = "name"
    signature = "signature"
    deposit = "deposit"


class StatusFormat(str, Enum):
    table = "table"
    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"


LEDGER_ARGUMENT_HELP = LEDGER_HELP + " With several, one summary row per treaty."
SUMMARY_HELP = "One summary row per treaty even for a single ledger (useful with a glob)."
BRIEF_HELP = "Only the headline and the sentence (table and markdown)."
ONLY_HELP = "Only these participants: parties, signatories, or pending (signed, no instrument yet)."
SORT_HELP = "Order participants by name, date of signature or date of deposit (undated last). Default: ledger order."
STRICT_HELP = "Exit 1 when the ledger has problems that hanoi validate would report (warnings included)."


def status(
    ledgers: Optional[list[str]] = typer.Argument(
        None, metavar="[LEDGER]...", help=LEDGER_ARGUMENT_HELP, show_default=False
    ),
    as_of: Optional[date] = as_of_option(),
    output_format: StatusFormat = typer.Option(
        StatusFormat.table, "--format", "-f", case_sensitive=False, help="Output format."
    ),
    summary: bool = typer.Option(False, "--summary", help=SUMMARY_HELP),
    brief: bool = typer.Option(False, "--brief", help=BRIEF_HELP),
    only: Optional[Only] = typer.Option(None, "--only", case_sensitive=False, help=ONLY_HELP, show_default=False),
    sort: Optional[SortBy] = typer.Option(None, "--sort", case_sensitive=False, help=SORT_HELP, show_default=False),
    strict: bool = typer.Option(False, "--strict", help=STRICT_HELP),
) -> None:
    """Counted instruments, entry into force and every participant.

    With several ledgers (or --summary), one row per treaty: counted instruments out of the
    threshold, status, threshold date and date of entry into force. A ledger that cannot be used
    keeps its row, marked invalid or unreadable, and its problems go to stderr; the exit code is
    the worst of all.

    A ledger that loads but has problems (a duplicate participant, an unknown code, a deposit
    before its signature) is still evaluated, with one line on stderr saying so; --strict makes
    that exit 1.
    """
    paths = ledgers or []
    many = summary or len(paths) > 1
    with guarded(json_errors=output_format is StatusFormat.json):
        from hanoi_cli.core.reading.ledger_paths import resolve_ledger

        stdin_at_most_once(paths)
        as_of = as_of_or_today(as_of)
        if many and (brief or only or sort):
            raise UsageProblem("--brief, --only and --sort are for a single ledger, not a summary of several")
        if brief and output_format in (StatusFormat.json, StatusFormat.csv):
            raise UsageProblem("--brief is for the table and markdown formats; json and csv always hold every field")
        if many:
            _summary([resolve_ledger(path) for path in paths] or [resolve_ledger(None)], as_of, output_format, strict)
            return

        from hanoi_cli.core.reading.loader import read_ledger
        from hanoi_cli.core.rules.engine import evaluate

        loaded = read_ledger(resolve_ledger(paths[0] if paths else None), keep_nodes=False)  # status locates nothing
        evaluation = evaluate(loaded.ledger, as_of)
        from hanoi_cli.core.payloads.status import select

        chosen = select(evaluation, only.value if only else None, sort.value if sort else None)
        # JSON keeps every participant, in ledger order, unless --only or --sort is given.
        participants = chosen if (only or sort) else None

        from hanoi_cli.render import status as render_status

        renderers = {
            "human": lambda: render_status.print_table(evaluation, participants, brief=brief),
            "json": lambda: sys.stdout.write(render_status.to_json(evaluation, participants)),
            "csv": lambda: sys.stdout.write(render_status.to_csv(evaluation, participants)),
            "markdown": lambda: sys.stdout.write(render_status.to_markdown(evaluation, participants, brief=brief)),
        }
        renderers[renderer_for(output_format)]()
        if _warn_of_problems(loaded.ledger, loaded.name, as_of, strict) and strict:
            raise typer.Exit(1)


def _warn_of_problems(ledger: Ledger, name: str, as_of: date, strict: bool) -> bool:
    """One stderr line when the ledger has problems ``validate`` would report; whether it has any.

    Errors count; with --strict warnings too, as ``validate --strict`` counts them. The checks are
    validate's own, without the hints that need pycountry, so status stays quick.
    """
    from hanoi_cli.core.ledger.dates import resolve_today
    from hanoi_cli.core.ledger.wording import plural
    from hanoi_cli.core.rules.checks import check_ledger

    try:
        today = resolve_today()
    except ValueError:
        today = as_of
    # Judged as of today (or the later --as-of): an --as-of in the past is no problem of the data.
    findings = check_ledger(ledger, as_of=max(as_of, today), hints=False)
    counted = len(findings) if strict else sum(1 for finding in findings if finding.severity == "error")
    if counted:
        sys.stderr.write(f"{name}: this ledger has {plural(counted, 'problem')}; run hanoi validate\n")
    return bool(counted)


def _summary(paths: list[str], as_of: date, output_format: StatusFormat, strict: bool) -> None:
    """One row per ledger on stdout, every problem on stderr, and the worst exit code.

    A ledger that was evaluated but has problems gets the single-ledger stderr line; with --strict
    it makes the exit code at least 1."""
    from hanoi_cli.core.payloads.many_ledgers import summarise, worst_exit_code
    from hanoi_cli.render import many_ledgers as render_summary

    rows = summarise(paths, as_of)
    renderers = {
        "human": lambda: render_summary.print_table(rows, as_of),
        "json": lambda: sys.stdout.write(render_summary.to_json(rows, as_of)),
        "csv": lambda: sys.stdout.write(render_summary.to_csv(rows)),
        "markdown": lambda: sys.stdout.write(render_summary.to_markdown(rows, as_of)),
    }
    renderers[renderer_for(output_format)]()
    report_problems([problem for row in rows for problem in row.problems])
    code = worst_exit_code(rows)
    from hanoi_cli.core.ledger.models import Ledger

    for row in rows:
        if row.evaluation is not None:
            ledger = Ledger(row.evaluation.treaty, tuple(party.participant for party in row.evaluation.parties))
            if _warn_of_problems(ledger, row.path, as_of, strict) and strict:
                code = max(code, 1)
    if code:
        raise typer.Exit(code)
