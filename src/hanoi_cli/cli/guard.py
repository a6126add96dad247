"""Turn what can go wrong while a command runs into a message on stderr and a fixed exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from hanoi_cli import __version__
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem
from hanoi_cli.core.ledger.wording import plural
from hanoi_cli.core.payloads.envelope import error_envelope
from hanoi_cli.render.formats import dump_json

TRACEBACK_ENV = "HANOI_TRACEBACK"


class UsageProblem(Exception):
    """Bad input that is not a ledger's fault (an unparsable HANOI_TODAY, say): exit 2."""


def report_problems(problems: list[Problem]) -> None:
    """``path:line:col: error[code] message`` lines on stderr, then a count."""
    for problem in problems:
        sys.stderr.write(problem.format() + "\n")
    errors = sum(1 for problem in problems if problem.severity == "error")
    if errors:
        sys.stderr.write(f"Found {plural(errors, 'error')}.\n")


def report_internal_error(exc: BaseException) -> ExitCode:
    """Say on stderr that hanoi has a bug (never a bare traceback); return the exit code for it."""
    sys.stderr.write(
        f"hanoi {__version__}: internal error: {type(exc).__name__}: {exc}\n"
        f"This is a bug in hanoi; please report it with the command you ran. "
        f"Set {TRACEBACK_ENV}=1 to see the traceback.\n"
    )
    return ExitCode.INTERNAL


@contextmanager
def guarded(*, json_errors: bool = False) -> Iterator[None]:
    """Run a command body; map known failures to exit codes and bugs to exit code 3.

    With ``json_errors`` a failure also prints a JSON envelope on stdout (``status: "error"``
    and the problems), so a script reading stdout always gets JSON.
    """
    try:
        yield
    except LedgerError as exc:
        report_problems(exc.problems)
        if json_errors:
            sys.stdout.write(dump_json(error_envelope(exc.problems)))
        raise typer.Exit(exc.exit_code) from None
    except UsageProblem as exc:
        sys.stderr.write(f"Error: {exc}\n")
        raise typer.Exit(ExitCode.USAGE) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except OverflowError as exc:  # date arithmetic past 9999-12-31: an --as-of or a date far too late
        sys.stderr.write(f"Error: a date cannot be computed: {exc}; use earlier dates.\n")
        raise typer.Exit(ExitCode.USAGE) from None
    except Exception as exc:
        if os.environ.get(TRACEBACK_ENV):
            raise
        raise typer.Exit(report_internal_error(exc)) from None
