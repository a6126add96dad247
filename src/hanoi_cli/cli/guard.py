"""Turn what can go wrong while a command runs into a message on stderr and a fixed exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import typer

from hanoi_cli import __version__
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem
from hanoi_cli.core.ledger.wording import plural
from hanoi_cli.core.payloads.envelope import error_envelope
from hanoi_cli.render.formats import dump_json

TRACEBACK_ENV = "HANOI_TRACEBACK"


# The ``file`` of a problem that is about the command line, not about a file.
COMMAND_LINE = "<command line>"


class UsageProblem(Exception):
    """Bad input that is not a ledger's fault (an unparsable HANOI_TODAY, say): exit 2.

    ``code`` and ``where`` (an option, a variable, ``-``) make it a ``Problem`` for the JSON error
    envelope; on stderr it stays one ``Error: ...`` line.
    """

    def __init__(self, message: str, *, code: str = "usage-error", where: str = COMMAND_LINE) -> None:
        super().__init__(message)
        self.problem = Problem(code, message, where)


def report_problems(problems: list[Problem]) -> None:
    """``path:line:col: error[code] message`` lines on stderr, then a count."""
    for problem in problems:
        sys.stderr.write(problem.format() + "\n")
    errors = sum(1 for problem in problems if problem.severity == "error")
    if errors:
        sys.stderr.write(f"Found {plural(errors, 'error')}.\n")


def tell_notes(notes: Sequence[str]) -> None:
    """A result's notes on stderr, one line each: what a user should know that is not a located problem."""
    for note in notes:
        sys.stderr.write(note + "\n")


def report_internal_error(exc: BaseException) -> ExitCode:
    """Say on stderr that hanoi has a bug (never a bare traceback); return the exit code for it."""
    sys.stderr.write(
        f"hanoi {__version__}: internal error: {type(exc).__name__}: {exc}\n"
        f"This is a bug in hanoi; please report it with the command you ran. "
        f"Set {TRACEBACK_ENV}=1 to see the traceback.\n"
    )
    return ExitCode.INTERNAL


def _drop_buffered_output() -> None:
    """Point standard output at the null device, so the interpreter's last flush of what is still
    buffered has nowhere to fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a test's buffer): nothing to flush
        pass


def quiet_broken_pipe() -> ExitCode:
    """The reader went away (``hanoi status | head -1``): end quietly with exit code 0."""
    _drop_buffered_output()
    return ExitCode.OK


def is_output_error(exc: OSError) -> bool:
    """Whether writing standard output failed (disk full, quota, I/O error), not reading a file."""
    import errno

    return exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG) and exc.filename is None


def cannot_write_output(exc: OSError) -> ExitCode:
    """``> /dev/full``: say so on stderr and exit 2, like any output that cannot be written."""
    try:
        sys.stderr.write(f"Error: cannot write output: {exc.strerror or exc}\n")
        sys.stderr.flush()
    except OSError:
        pass
    _drop_buffered_output()  # so the interpreter's last flush does not fail again
    return ExitCode.USAGE


@contextmanager
def guarded(*, json_errors: bool = False) -> Iterator[None]:
    """Run a command body; map known failures to exit codes and bugs to exit code 3.

    With ``json_errors`` every failure, whatever its cause (a ledger's problems, a usage error, a
    date past 9999-12-31, a bug), also prints the JSON error envelope on stdout (``status:
    "error"`` and the problems), so a script reading stdout always gets JSON. Each branch below
    only turns its exception into problems; ``fail`` is the one way out.
    """

    def fail(problems: list[Problem], code: ExitCode) -> typer.Exit:
        if json_errors:
            sys.stdout.write(dump_json(error_envelope(problems)))
        return typer.Exit(code)

    try:
        yield
        sys.stdout.flush()  # a closed pipe or a full disk shows here, inside the guard, not at exit
    except BrokenPipeError:
        raise typer.Exit(quiet_broken_pipe()) from None
    except OSError as exc:
        if not is_output_error(exc):
            if os.environ.get(TRACEBACK_ENV):
                raise
            raise typer.Exit(report_internal_error(exc)) from None
        raise typer.Exit(cannot_write_output(exc)) from None
    except LedgerError as exc:
        report_problems(exc.problems)
        raise fail(exc.problems, exc.exit_code) from None
    except UsageProblem as exc:
        sys.stderr.write(f"Error: {exc}\n")
        raise fail([exc.problem], ExitCode.USAGE) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except OverflowError as exc:  # date arithmetic past 9999-12-31: a date in the ledger or an option far too late
        message = overflow_message(exc)
        sys.stderr.write(f"Error: {message}\n")
        raise fail([Problem("out-of-range", message, COMMAND_LINE)], ExitCode.USAGE) from None
    except Exception as exc:
        if os.environ.get(TRACEBACK_ENV):
            raise
        code = report_internal_error(exc)
        raise fail([Problem("internal-error", f"{type(exc).__name__}: {exc}", "hanoi")], code) from None


def overflow_message(exc: OverflowError) -> str:
    """What a date past the calendar's end means; the core's own message when it has one."""
    text = str(exc)
    if "9999-12-31" in text:  # ``dates.add_period`` already says which date and why
        return text
    return f"a date cannot be computed ({text}): hanoi computes dates up to 9999-12-31"
