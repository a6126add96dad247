"""Options every command shares, so ``--as-of`` means and reads the same everywhere."""

from __future__ import annotations

from datetime import date
from typing import Optional

import typer

from hanoi_cli.cli.guard import UsageProblem

LEDGER_HELP = (
    "Ledger file (YAML), or - for standard input. Default: $HANOI_LEDGER, else the Hanoi "
    "Convention ledger shipped with hanoi."
)
AS_OF_HELP = "Evaluate as of this date (YYYY-MM-DD); events after it are ignored. Default: today, or $HANOI_TODAY."


def parse_as_of(value: str) -> date:
    """Parser for ``--as-of`` and other date options: strict YYYY-MM-DD, a usage error (exit 2) otherwise."""
    from hanoi_cli.core.dates import parse_iso_date

    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def as_of_or_today(as_of: Optional[date]) -> date:
    """The ``--as-of`` date, else today (``$HANOI_TODAY`` when set; a bad value is a usage error)."""
    if as_of is not None:
        return as_of
    from hanoi_cli.core.dates import resolve_today

    try:
        return resolve_today()
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None
