"""The one edit transaction: every command that rewrites a ledger goes through ``edit_ledger``.

Lock, read, decode, transform, validate the result with the same code as ``hanoi validate``,
encode like the original, write atomically and refuse if the file changed meanwhile. The
transformation is a function from text to an ``Edit``; it may apply many actions at once (a
depositary sync records dozens), and still the file is read once, validated once, written once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, Optional

from hanoi_cli.core.editing import atomic
from hanoi_cli.core.editing.edit import Edit
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem
from hanoi_cli.core.ledger.wording import plural
from hanoi_cli.core.reading.loader import (
    collector_paused,
    decode,
    display_name,
    forget_recomposed,
    keep_in_cache,
    read_bytes,
)

if TYPE_CHECKING:
    from hanoi_cli.core.ledger.models import Ledger


@dataclass(frozen=True)
class Outcome:
    """What a transaction did: the text before and after, the edit, the result's warnings."""

    name: str
    before: str
    edit: Edit
    warnings: tuple[Problem, ...]
    written: bool
    ledger: Optional[Ledger] = None  # the edited ledger as validated: None when unchanged or not validated


Transformation = Callable[[str], Edit]


def edit_ledger(
    path: str | Path,
    transform: Transformation,
    *,
    as_of: Optional[date],
    write: bool = True,
    validate: bool = True,
    name: Optional[str] = None,
) -> Outcome:
    """Apply ``transform`` to the ledger at ``path`` in one transaction.

    With ``write=False`` (a dry run, a check) nothing is locked or written, but the result is
    still validated as of ``as_of`` (unless ``validate=False``), so a dry run refuses what a
    real run would.
    """
    label = name or display_name(path)
    if write:
        atomic.check_writable(path, label)
    # The collector is paused throughout (see ``loader``): the edit composes, validates and checks
    # the ledger more than once, and the collector's passes over all those objects cost a quarter
    # of the time of an edit of 50,000 participants.
    with atomic.locked(path, label) if write else nullcontext(), collector_paused():
        original = read_bytes(path)
        before = decode_for_editing(original, label)
        edit = transform(before)
        warnings: list[Problem] = []
        ledger = None
        if edit.changed and validate:
            if as_of is None:
                raise ValueError("validating an edit needs an as-of date")
            warnings, ledger = require_valid_edit(edit.text, label, as_of=as_of, original=before)
        written = False
        if edit.changed and write:
            atomic.write_atomic(path, encode_like(original, edit.text), expected=original, name=label)
            written = True
    forget_recomposed()
    if not written:  # the file as it was: the next command finds its ledger in the cache
        keep_in_cache(original, text=before)
    return Outcome(label, before, edit, tuple(warnings), written, ledger)


def decode_for_editing(original: bytes, name: str) -> str:
    """The text the edits work on: UTF-8 without its byte-order mark (``encode_like`` puts it
    back). Line ends stay as they are: the text editor keeps LF, CRLF and CR, and writes new
    lines with the file's own."""
    return decode(original, name)


def encode_like(original: bytes, text: str) -> bytes:
    """``text`` as bytes, with the original file's byte-order mark if it had one."""
    data = text.encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if original.startswith(b"\xef\xbb\xbf") else data


def require_valid_edit(
    text: str, name: str, *, as_of: date, original: Optional[str] = None
) -> tuple[list[Problem], Ledger]:
    """The warnings of the edited ``text`` and the ledger it models (so no caller parses it again);
    a LedgerError if the edit makes the ledger invalid.

    What ``hanoi validate`` rejects is never written, with one exception that keeps contributors
    unblocked: a ledger that already had problems (``original``'s) may take an edit that adds
    none; the warning says how many it has. Problems the edit itself causes are refused, at the
    lines of the edited text (the file on disk is unchanged).
    """
    from hanoi_cli.core.commands.validate import validate_ledger

    report = validate_ledger(text=text, name=name, as_of=as_of)
    if not report.errors and report.ledger is not None:
        return report.warnings, report.ledger
    before = None
    if original is not None:  # its problems are counted, not shown (unless it cannot be modelled)
        before = validate_ledger(text=original, name=name, as_of=as_of, located=False, warnings=False)
    already = len(before.errors) if before is not None else 0
    if report.ledger is not None and before is not None and before.ledger is not None and already:
        left = Counter((problem.code, problem.message) for problem in before.errors)
        caused = []
        for problem in report.errors:
            key = (problem.code, problem.message)
            if left[key]:
                left[key] -= 1
            else:
                caused.append(problem)
        if not caused:
            message = f"the ledger already has {plural(already, 'problem')} (hanoi validate); this edit adds none"
            warning = Problem("ledger-already-invalid", message, name, severity="warning")
            return [*report.warnings, warning], report.ledger
        _refuse(caused, name, already, ExitCode.PROBLEMS)
    if report.ledger is None and before is not None and before.ledger is None:  # neither can be used: the file's lines
        _refuse(before.errors or list(before.problems), name, 0, before.exit_code(), edited=False)
    _refuse(report.errors or list(report.problems), name, already, report.exit_code())


def require_valid_new(text: str, name: str, *, as_of: date) -> list[Problem]:
    """The warnings of a new ledger's ``text``; a LedgerError (nothing is written) if it is not valid."""
    from hanoi_cli.core.commands.validate import validate_ledger

    report = validate_ledger(text=text, name=name, as_of=as_of)
    if report.errors or report.ledger is None:
        note = Problem(
            "new-ledger-refused", "nothing was written: the new ledger would not be valid", name, severity="note"
        )
        _refuse(report.errors or list(report.problems), name, 0, report.exit_code(), note=note)
    return report.warnings


def _refuse(
    problems: list[Problem],
    name: str,
    already: int,
    code: ExitCode,
    *,
    edited: bool = True,
    note: Optional[Problem] = None,
) -> NoReturn:
    """Raise the refusal: the problems, and a note that nothing was written (and why the lines may not match)."""
    if note is None:
        where = " (line numbers are those of the edited text)" if edited else ""
        if already:
            where += f"; the ledger already had {plural(already, 'problem')} (hanoi validate)"
        message = f"nothing was written: the result would not be a valid ledger{where}"
        note = Problem("edit-refused", message, name, severity="note")
    raise LedgerError([*problems, note], ExitCode.USAGE if code is ExitCode.USAGE else ExitCode.PROBLEMS)


def unified_diff(before: str, after: str, name: str) -> str:
    """The change as a unified diff, ``patch -p0`` style, for ``--dry-run`` and ``--check``."""
    from hanoi_cli.core.editing.text_diff import unified_diff as diff

    return diff(before, after, name)
