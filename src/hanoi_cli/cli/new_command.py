"""``hanoi new``: a new ledger for any treaty of the UN Treaty Collection, from its status file."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any, Optional

import typer

from hanoi_cli.cli.guard import UsageProblem, guarded, report_problems
from hanoi_cli.cli.options import as_of_option, as_of_or_today, status_file_option, timeout_option

RULE_HELP = (
    "The rule of entry into force, in the ledger's own entry_into_force format, when the quoted article "
    "cannot be read: '{threshold: 55, after: {days: 30}}'."
)


def new(
    treaty_id: str = typer.Argument(..., metavar="ID", help="The depositary's id, e.g. XVIII-16.", show_default=False),
    source: Optional[str] = status_file_option("Default: the URL computed from ID."),
    output: Optional[str] = typer.Option(
        None,
        "--output",
        "-o",
        metavar="FILE",
        help="Write the ledger here (never over an existing file).",
        show_default=False,
    ),
    rule: Optional[str] = typer.Option(None, "--rule", metavar="YAML", help=RULE_HELP, show_default=False),
    timeout: float = timeout_option(),
    as_of: Optional[date] = as_of_option(
        "The day the status file is read (its facts are as of then). Default: today, or $HANOI_TODAY."
    ),
) -> None:
    """Write a new ledger for a treaty from the depositary's status file.

    Treaty, title, adoption, signatures and instruments from the UN Treaty Collection; the rule of
    entry into force read from the article the status file quotes. Without -o the YAML is printed.
    """
    with guarded():
        from hanoi_cli.core.depositary.new_ledger import deposits_by, new_ledger_text, withdrawn_warnings, written_rows
        from hanoi_cli.core.depositary.source import read_status_source
        from hanoi_cli.core.depositary.status_file import parse_status

        read_on = as_of_or_today(as_of)
        found = read_status_source(source, status_url_field=None, treaty_id=treaty_id, timeout=timeout)
        status = parse_status(found.data, found.read_from, treaty_id=treaty_id)  # problems point at the file read
        by_then = deposits_by(status, status.in_force_on)
        entry_into_force, quoted = _rule(rule, status.eif_text, status.in_force_on, by_then)
        text = new_ledger_text(
            status, found.url, read_on, entry_into_force, later_parties_quoted=quoted, treaty_id=treaty_id
        )
        report_problems([*status.warnings, *withdrawn_warnings(status, found.url)])
        _refuse_unless_valid(text, output or f"{treaty_id}.yaml", read_on)
        if output is None:
            sys.stdout.write(text)
            return
        _write_new(output, text)
        sys.stderr.write(f"Wrote {output}: {written_rows(status)} participants from {found.url}.\n")


def _rule(given: Optional[str], quoted: str, in_force_on: Optional[date], by_then: int) -> tuple[dict[str, Any], bool]:
    """The rule from ``--rule``, else as read from the quoted article; a usage error when neither."""
    from hanoi_cli.core.depositary.eif_rule import IN_FORCE_RULE_HELP, rule_for_new

    if given is not None:
        import yaml

        try:
            value = yaml.safe_load(given)
        except yaml.YAMLError as exc:
            raise UsageProblem(f"--rule is not YAML: {str(exc).splitlines()[0]}") from None
        if not isinstance(value, dict):
            raise UsageProblem("--rule takes a mapping such as '{threshold: 55, after: {days: 30}}'")
    else:
        value = None
    reading = rule_for_new(value, quoted, in_force_on, by_then)
    if reading.rule is None and in_force_on is not None:
        raise UsageProblem(f"{reading.reason}: give it with {IN_FORCE_RULE_HELP}")
    if reading.rule is None:
        shown = " ".join(quoted.split()) or "(the status file quotes no article)"
        if len(shown) > 300:
            shown = shown[:297] + "..."
        raise UsageProblem(
            f"the rule of entry into force cannot be read from what the status file quotes ({reading.reason}): "
            f"{shown!r}; give it with --rule '{{threshold: N, after: {{days: D}}}}' (the ledger's entry_into_force format)"
        )
    return reading.rule, reading.later_parties_quoted


def _refuse_unless_valid(text: str, name: str, read_on: date) -> None:
    """The new ledger passes ``hanoi validate`` (its warnings are shown), or nothing is written."""
    from hanoi_cli.core.ledger.problems import LedgerError, Problem
    from hanoi_cli.core.payloads.validation import validate_ledger

    report = validate_ledger(text=text, name=name, as_of=read_on)
    if report.errors or report.ledger is None:
        note = Problem(
            "new-ledger-refused", "nothing was written: the new ledger would not be valid", name, severity="note"
        )
        raise LedgerError([*(report.errors or report.problems), note], report.exit_code())
    report_problems(report.warnings)


def _write_new(path: str, text: str) -> None:
    """Write a file that must not exist yet, atomically (never over another file)."""
    from hanoi_cli.core.editing import atomic

    if Path(path).exists():
        raise UsageProblem(f"{path} exists: hanoi new never overwrites a file (choose another -o, or delete it)")
    atomic.write_atomic(path, text.encode("utf-8"), expected=None, name=path)
