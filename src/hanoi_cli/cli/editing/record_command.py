"""``hanoi record``: set one dated action of one participant, writing the ledger atomically."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from typing import Optional

import typer

from hanoi_cli.cli.guard import UsageProblem, guarded, report_problems
from hanoi_cli.cli.options import AS_OF_DEFAULT_HELP, as_of_option, as_of_or_today

EDIT_LEDGER_HELP = (
    "Ledger file to edit. Default: $HANOI_LEDGER, else data/signatories.yaml of the source checkout "
    "hanoi runs from (never the copy inside an installed package)."
)
ACTIONS_HELP = (
    "signature, ratification, acceptance, approval, accession, succession, definitive-signature, "
    "formal-confirmation, domestic-approval or denunciation."
)


class Level(str, Enum):
    depositary = "depositary"
    official = "official"
    reported = "reported"


class Kind(str, Enum):
    state = "state"
    reio = "reio"
    organization = "organization"


def _action(value: str) -> str:
    from hanoi_cli.core.editing.record import normalize_action

    action = normalize_action(value)
    if action is None:
        from hanoi_cli.core.ledger.instruments import ACTIONS
        from hanoi_cli.core.ledger.wording import closest

        near = closest(value.replace("_", "-"), [name.replace("_", "-") for name in ACTIONS])
        hint = f" (did you mean {near!r}?)" if near else ""
        raise typer.BadParameter(f"{value!r} is not an action{hint}: one of {ACTIONS_HELP}")
    return action


def record(
    participant: str = typer.Argument(
        ...,
        metavar="CODE-OR-NAME",
        help="The participant: its code (any case) or a name (the ledger's, an ISO or common name, a word prefix).",
        show_default=False,
    ),
    action: str = typer.Argument(
        ..., metavar="ACTION", help=f"What it did: {ACTIONS_HELP}", callback=_action, show_default=False
    ),
    on: str = typer.Argument(
        ...,
        metavar="DATE",
        help="When (YYYY-MM-DD; a signature may be an interval YYYY-MM-DD/YYYY-MM-DD).",
        show_default=False,
    ),
    ledger: Optional[str] = typer.Option(
        None, "--ledger", "-l", metavar="PATH", help=EDIT_LEDGER_HELP, show_default=False
    ),
    source: Optional[str] = typer.Option(
        None,
        "--source",
        metavar="URL",
        help="Where the fact comes from (a URL): kept with the fact itself, or with the participant's sources where that means the same.",
    ),
    notification: Optional[str] = typer.Option(
        None,
        "--notification",
        metavar="C.N.NUMBER",
        help="The depositary's notification of the fact, e.g. C.N.123.2026.TREATIES-XVIII.16.",
        show_default=False,
    ),
    evidence: Optional[Level] = typer.Option(
        None,
        "--evidence",
        case_sensitive=False,
        help="How well the fact is established: depositary, official (a government's text) or reported (press).",
        show_default=False,
    ),
    name: Optional[str] = typer.Option(
        None,
        "--name",
        help="Name of a new participant, as the depositary writes it. Default: the UN's short name, else its ISO 3166 name.",
    ),
    kind: Optional[Kind] = typer.Option(
        None, "--kind", case_sensitive=False, help="Kind of a new participant. Default: state."
    ),
    replace: bool = typer.Option(
        False, "--replace", help="Change a date (or the type of instrument) already recorded."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the change as a unified diff; write nothing."),
    as_of: Optional[date] = as_of_option("Validate the edited ledger as of this date. " + AS_OF_DEFAULT_HELP),
) -> None:
    """Record a signature, deposit or other action in a ledger.

    The file is written atomically, under a lock.

    A participant not in the ledger is added. Nothing is written unless the edited ledger passes `hanoi validate`; comments and layout are kept.
    """
    with guarded():
        from hanoi_cli.core.commands.record import record as run_record
        from hanoi_cli.core.commands.transaction import unified_diff
        from hanoi_cli.core.ledger.dates import parse_date_span, parse_iso_date
        from hanoi_cli.core.reading.ledger_paths import editable_ledger

        _check_fact_options(source, notification)
        try:
            path = editable_ledger(ledger, how="with --ledger")
            when: date | str = parse_iso_date(on) if "/" not in on or action != "signature" else on
            if isinstance(when, str):
                parse_date_span(when)
        except ValueError as exc:
            raise UsageProblem(str(exc)) from None

        outcome = run_record(
            path,
            who=participant,
            action=action,
            on=when,
            as_of=as_of_or_today(as_of),
            source=source,
            new_name=name,
            kind=kind.value if kind else None,
            replace=replace,
            write=not dry_run,
            notification=notification.strip() if notification else None,
            evidence=evidence.value if evidence else None,
        )
        label = outcome.name
        edit = outcome.edit
        report_problems(list(outcome.warnings))
        for note in edit.notes:
            sys.stderr.write(f"note: {note}\n")
        if not edit.changed:
            sys.stderr.write(f"Nothing to change: {edit.message}.\n")
        elif dry_run:
            sys.stdout.write(unified_diff(outcome.before, edit.text, label))
            sys.stderr.write(f"Dry run, nothing written: {edit.message}.\n")
        else:
            sys.stderr.write(f"Recorded in {label}: {edit.message}.\n")


def _check_fact_options(source: Optional[str], notification: Optional[str]) -> None:
    """A source is a URL and a notification has the depositary's pattern: refused before reading."""
    from hanoi_cli.core.ledger.evidence import NOTIFICATION, is_url

    if source is not None and not is_url(source):
        raise UsageProblem(f"--source {source!r} is not a URL (http:// or https://)")
    if notification is not None and not NOTIFICATION.match(notification.strip()):
        raise UsageProblem(
            f"--notification {notification!r} is not a depositary notification such as C.N.123.2026.TREATIES-XVIII.16"
        )
