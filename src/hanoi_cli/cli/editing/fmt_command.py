"""``hanoi fmt``: rewrite ledgers in their one canonical form, or check that they are in it."""

from __future__ import annotations

import sys
from datetime import date
from typing import Optional

import typer

from hanoi_cli.cli.guard import UsageProblem, guarded, report_problems
from hanoi_cli.cli.options import AS_OF_DEFAULT_HELP, as_of_option, as_of_or_today
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError
from hanoi_cli.core.ledger.wording import plural

FMT_LEDGERS_HELP = (
    "Ledger files. Default: $HANOI_LEDGER, else data/signatories.yaml of the source checkout hanoi runs from."
)


def fmt(
    paths: Optional[list[str]] = typer.Argument(None, metavar="[LEDGER]...", help=FMT_LEDGERS_HELP, show_default=False),
    check: bool = typer.Option(
        False, "--check", help="Write nothing; print a diff and exit 1 if a file is not canonical."
    ),
    as_of: Optional[date] = as_of_option("Validate the formatted ledger as of this date. " + AS_OF_DEFAULT_HELP),
) -> None:
    """Rewrite ledgers in canonical form, keeping every comment.

    The canonical form: participants by name, keys in a fixed order, ISO dates.

    Comments are kept; formatting twice changes nothing; nothing is written that does not pass `hanoi validate`.
    """
    with guarded():
        from hanoi_cli.core.reading.ledger_paths import editable_ledger

        try:
            # --check looks at the very file fmt would write, never the copy inside an installed package
            targets = list(paths or []) or [editable_ledger(None)]
        except ValueError as exc:
            raise UsageProblem(str(exc)) from None
        if "-" in targets:
            raise UsageProblem("hanoi fmt formats files in place: give paths, not - (standard input)")
        if not check:
            as_of = as_of_or_today(as_of)
        worst = ExitCode.OK
        changed = failed = 0
        for path in targets:
            code, was_changed = _format_one(path, check=check, as_of=as_of)
            worst = max(worst, code)
            changed += was_changed
            failed += code is not ExitCode.OK
        canonical = len(targets) - changed - failed
        if worst is not ExitCode.OK or changed or len(targets) > 1:
            parts = [
                f"{plural(changed, 'file')} {'would be reformatted' if check else 'reformatted'}",
                f"{canonical} already canonical",
            ]
            if failed:
                parts.append(f"{failed} with errors")
            sys.stderr.write(", ".join(parts) + ".\n")
        if check and changed:
            worst = max(worst, ExitCode.PROBLEMS)
        if worst is not ExitCode.OK:
            raise typer.Exit(worst)


def _format_one(path: str, *, check: bool, as_of: Optional[date]) -> tuple[ExitCode, bool]:
    """Format (or check) one file; report its problems; return its exit code and whether it changed."""
    from hanoi_cli.core.commands.fmt import fmt as run_fmt
    from hanoi_cli.core.commands.transaction import unified_diff
    from hanoi_cli.core.reading.loader import display_name

    label = display_name(path)
    try:
        outcome = run_fmt(path, as_of=as_of, check=check)
    except LedgerError as exc:
        report_problems(exc.problems)
        return exc.exit_code, False
    if not outcome.edit.changed:
        return ExitCode.OK, False
    if check:
        sys.stdout.write(unified_diff(outcome.before, outcome.edit.text, label))
        sys.stderr.write(f"would reformat {label}\n")
    else:
        report_problems(list(outcome.warnings))
        sys.stderr.write(f"reformatted {label}\n")
    return ExitCode.OK, True
