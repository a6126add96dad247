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
    "cannot be read: '{threshold: 55, after: {days: 30}}'. For a treaty already in force (its date is "
    "kept), only the later parties' period: '{later_parties: {days: 30}}'."
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
        from hanoi_cli.core.commands.new import RuleUnreadable
        from hanoi_cli.core.commands.new import new as run_new

        read_on = as_of_or_today(as_of)
        given = _parse_rule(rule) if rule is not None else None
        try:
            made = run_new(
                treaty_id, as_of=read_on, source=source, rule=given, timeout=timeout, name=output or f"{treaty_id}.yaml"
            )
        except RuleUnreadable as exc:
            raise UsageProblem(str(exc)) from None
        report_problems(list(made.warnings))
        if output is None:
            sys.stdout.write(made.text)
            return
        _write_new(output, made.text)
        sys.stderr.write(f"Wrote {output}: {made.participants} participants from {made.url}.\n")


def _parse_rule(given: str) -> dict[str, Any]:
    """``--rule`` as a mapping; a usage error when it is not YAML or not a mapping."""
    import yaml

    try:
        value = yaml.safe_load(given)
    except yaml.YAMLError as exc:
        raise UsageProblem(f"--rule is not YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(value, dict):
        raise UsageProblem("--rule takes a mapping such as '{threshold: 55, after: {days: 30}}'")
    return value


def _write_new(path: str, text: str) -> None:
    """Write a file that must not exist yet, atomically (never over another file)."""
    from hanoi_cli.core.editing import atomic

    if Path(path).exists():
        raise UsageProblem(f"{path} exists: hanoi new never overwrites a file (choose another -o, or delete it)")
    atomic.write_atomic(path, text.encode("utf-8"), expected=None, name=path)
