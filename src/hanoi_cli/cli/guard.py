"""Turn what can go wrong while a command runs into a message on stderr and a fixed exit code,
and make standard output take any text in any console encoding (``prepare_stdout``)."""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

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


# Standard output in any encoding: never a crash because the console lacks a character.
#
# Windows writes a piped or redirected stdout in the ANSI code page (cp1252), and
# PYTHONIOENCODING=ascii or an old locale does the same elsewhere; a participant's name, the
# progress bar's blocks or an arrow then raised UnicodeEncodeError. Chosen before any output:
# machine output (--format json/csv/markdown/github, hanoi new's ledger, hanoi schema) is written
# in UTF-8 whatever the console's encoding, so it stays exact (JSON is UTF-8 by its RFC; pandas,
# jq and GitHub's job summary read UTF-8); human views keep the console's encoding, and a
# character it lacks becomes its nearest ASCII (█ #, → ->, Côte Cote) or "?". Rich already draws
# ASCII table rules for such a console.

FALLBACK_ERRORS = "hanoi-ascii-fallback"

# Commands whose standard output is a file's content, whatever --format says.
_FILE_COMMANDS = frozenset({"new", "schema"})
_HUMAN_FORMATS = frozenset({"table", "text"})

# The glyphs hanoi's own views use, in ASCII; other characters lose their accents or become "?".
_ASCII = {
    "█": "#",
    "░": ".",
    "┃": "|",
    "│": "|",
    "┤": "|",
    "├": "|",
    "─": "-",
    "→": "->",
    "←": "<-",
    "·": "-",
    "…": "...",
    "–": "-",
    "—": "-",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "×": "x",
    "≥": ">=",
    "≤": "<=",
    "✓": "v",
    "✗": "x",
    "\u00a0": " ",
}


def requested_format(args: list[str]) -> str | None:
    """The value of ``--format`` on a command line (``-f json``, ``--format=json``, ``-fjson``), lower case."""
    for position, arg in enumerate(args):
        if arg == "--":
            break
        if arg in ("--format", "-f") and position + 1 < len(args):
            return args[position + 1].lower()
        if arg.startswith("--format="):
            return arg.partition("=")[2].lower()
        if arg.startswith("-f") and not arg.startswith("--") and len(arg) > 2:
            return arg[2:].lower()
    return None


def _nearest_ascii(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: what the console cannot show, as the closest text it can."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    import unicodedata

    out = []
    for char in error.object[error.start : error.end]:
        stand_in = _ASCII.get(char)
        if stand_in is None:
            stand_in = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode() or "?"
        out.append(stand_in)
    return "".join(out), error.end


def _is_unicode(encoding: str | None) -> bool:
    try:
        return codecs.lookup(encoding or "").name.startswith("utf")
    except LookupError:
        return False


def prepare_stdout(args: list[str], stream: Any = None, messages: Any = None) -> None:
    """Make ``stream`` (stdout) and ``messages`` (stderr, always for people) able to take any text,
    before the command writes to them."""
    stream = sys.stdout if stream is None else stream
    messages = sys.stderr if messages is None else messages
    if _narrow(messages):
        messages.reconfigure(errors=_fallback_errors())
    if not _narrow(stream):
        return
    command = next((arg for arg in args if not arg.startswith("-")), None)
    if command in _FILE_COMMANDS or requested_format(args) not in (None, *_HUMAN_FORMATS):
        stream.reconfigure(encoding="utf-8")
        return
    stream.reconfigure(errors=_fallback_errors())


def _narrow(stream: Any) -> bool:
    """A text stream whose encoding cannot take every character, and that can be reconfigured."""
    return hasattr(stream, "reconfigure") and not _is_unicode(getattr(stream, "encoding", None))


def _fallback_errors() -> str:
    try:
        codecs.lookup_error(FALLBACK_ERRORS)
    except LookupError:
        codecs.register_error(FALLBACK_ERRORS, _nearest_ascii)
    return FALLBACK_ERRORS
