"""Options every command shares, so ``--as-of`` means and reads the same everywhere."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from enum import Enum
from typing import Any, Optional

import typer

from hanoi_cli.cli.guard import UsageProblem

LEDGER_HELP = (
    "Ledger file (YAML), or - for standard input. Default: $HANOI_LEDGER, else the Hanoi "
    "Convention ledger shipped with hanoi."
)
AS_OF_DEFAULT_HELP = "Default: today, or $HANOI_TODAY."
AS_OF_HELP = "Evaluate as of this date (YYYY-MM-DD); events after it are ignored. " + AS_OF_DEFAULT_HELP
STDIN_ONCE = "standard input (-) can be read only once"

# The one format vocabulary: ``text`` and ``table`` name the same human format in every command,
# so a script or a habit from one command works in all; the others are each command's machine formats.
HUMAN_FORMATS = ("table", "text")


class FormatChoice(str, Enum):
    """A ``--format`` value: the base of every command's choices (``format_choices``), with no members
    of its own. A command module names its choices ``FormatChoice`` to the type checker and
    ``format_choices(...)`` to Typer (``if TYPE_CHECKING``), so the annotation is a type and the choices
    stay the renderer table's keys; code compares a value with strings (``output_format == "json"``)."""


def format_choices(name: str, renderers: Iterable[str], *, first: Sequence[str] = ()) -> type[FormatChoice]:
    """The ``--format`` choices of a command: the keys of its renderer table (``render.<feature>.RENDERERS``),
    in their order, after ``first`` (a choice that is not a renderer, such as validate's ``auto``).

    An ``Enum`` of strings, as Typer shows and parses choices (case-insensitively, in help as ``[a|b]``)."""
    # Enum's functional API on a member-less base: typeshed types only a literal call of it.
    return FormatChoice(name, [(key, key) for key in (*first, *renderers)])  # type: ignore[call-overload]


def value_parser(module: str, function: str) -> Callable[[str], Any]:
    """A Typer ``parser`` calling ``function`` of ``module`` (imported on first use, not at start-up).

    Its ``ValueError`` becomes a usage error (exit 2) naming the option.
    """

    def parse(value: str) -> Any:
        try:
            return getattr(importlib.import_module(module), function)(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None

    return parse


# Parser for ``--as-of`` and other date options: strict YYYY-MM-DD, a usage error (exit 2) otherwise.
parse_as_of = value_parser("hanoi_cli.core.ledger.dates", "parse_iso_date")


def as_of_option(help: str = AS_OF_HELP) -> Any:
    """The ``--as-of DATE`` option; ``help`` for a command that uses the date otherwise."""
    return typer.Option(None, "--as-of", metavar="DATE", help=help, parser=parse_as_of)


STATUS_FILE_HELP = (
    "The status file: an http(s) URL, a file, or - for standard input (a file is taken as a copy of the treaty's "
    "status URL, which its facts are credited to). "
)


def status_file_option(default_help: str) -> Any:
    """``--from PATH|URL|-``: the depositary's status file ``hanoi sync`` and ``hanoi new`` read."""
    return typer.Option(None, "--from", metavar="PATH|URL|-", help=STATUS_FILE_HELP + default_help, show_default=False)


def timeout_option() -> Any:
    """``--timeout SECONDS`` for a command that reads from the network."""
    return typer.Option(
        30.0, "--timeout", metavar="SECONDS", min=0.1, help="Time limit for the whole fetch, retries included."
    )


TREATY_HELP = (
    "Read the reference set's record of this treaty (the depositary's id, e.g. XVIII-12 for UNTOC) instead of a "
    "ledger file: real deposit records of treaties in force, shipped with hanoi."
)


def treaty_option() -> Any:
    return typer.Option(None, "--treaty", metavar="ID", help=TREATY_HELP, show_default=False)


def ledger_or_treaty(ledger: Optional[str], treaty: Optional[str]) -> Optional[str]:
    """The ledger path to read: the one given, or the reference record of ``--treaty`` (not both)."""
    if treaty is None:
        return ledger
    if ledger:
        raise UsageProblem("give a ledger file or --treaty, not both")
    from hanoi_cli.core.reading.reference_set import reference_path

    return str(reference_path(treaty))


def as_of_or_today(as_of: Optional[date]) -> date:
    """The ``--as-of`` date, else today (``$HANOI_TODAY`` when set; a bad value is a usage error)."""
    if as_of is not None:
        return as_of
    from hanoi_cli.core.ledger.dates import resolve_today

    try:
        return resolve_today()
    except ValueError as exc:
        raise UsageProblem(str(exc), code="invalid-date", where="HANOI_TODAY") from None


def stdin_at_most_once(paths: Sequence[str], message: str = STDIN_ONCE) -> None:
    """A usage error when ``-`` (standard input) is given more than once: it can be read once."""
    if paths.count("-") > 1:
        raise UsageProblem(message, where="-")


def read_ledger_path(given: Optional[str]) -> str:
    """The ledger a read command reads (``resolve_ledger``), saying on stderr when it is the copy
    refreshed by ``hanoi sync`` rather than the installed one."""
    from hanoi_cli.core.reading.ledger_paths import resolve_ledger, which_ledger_note

    path = resolve_ledger(given)
    note = which_ledger_note(path) if not given else None
    if note:
        import sys

        sys.stderr.write(f"note: {note}\n")
    return path


LANG_HELP = (
    "Language of what people read (headline, sentences, table headings and flags): ar, zh, en, fr, ru, es, vi or "
    "id. Default: $HANOI_LANG, else English. Machine output (JSON keys, CSV, codes, ISO dates) never changes; "
    "JSON gains a localized object."
)


def _language(value: str) -> Optional[str]:
    if not value.strip():
        return None  # HANOI_LANG set but empty: English, as without it
    from hanoi_cli.core.ledger.language import check_language

    try:
        return check_language(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def lang_option() -> Any:
    """``--lang LANG`` (and ``HANOI_LANG``): the language of sentences and headings; never guessed from the locale."""
    return typer.Option(None, "--lang", envvar="HANOI_LANG", metavar="LANG", help=LANG_HELP, parser=_language)
