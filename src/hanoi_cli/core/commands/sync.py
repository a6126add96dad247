"""``hanoi sync``: bring a ledger in line with the depositary's status file, in one edit transaction.

Read the ledger (for its status URL), fetch and parse the status file before any lock is taken,
then plan against the text read under the lock, apply the plan, validate and write once, and
measure the effect. Nothing is printed: the result carries the warnings and notes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Literal, Optional

from hanoi_cli.core.ledger.problems import ExitCode, Problem

if TYPE_CHECKING:
    from hanoi_cli.core.depositary.status_file import DepositaryStatus
    from hanoi_cli.core.depositary.sync_plan import SyncPlan
    from hanoi_cli.core.ledger.models import Ledger
    from hanoi_cli.core.reading.loader import LoadedLedger
    from hanoi_cli.core.rules.ledger_diff import LedgerDiff

SyncMode = Literal["sync", "dry-run", "check"]


@dataclass(frozen=True)
class SyncResult:
    """A sync, whatever became of it.

    ``plan``: what the depositary's record changes (its ``problems``: rows that match no
    participant, nothing written then); ``effect``: what those changes do to the treaty;
    ``written``: whether the ledger file was replaced; ``warnings``: the headings and rows of the
    status file read past (located there), then the synced ledger's own (``hanoi validate``'s); ``notes``: sentences for the user (a withdrawn participant).
    """

    ledger: str
    status: DepositaryStatus
    plan: SyncPlan
    effect: LedgerDiff
    written: bool
    mode: SyncMode
    reported_before: Optional[str] = None  # "72 signatories, 0 parties", or None when the ledger had no report
    warnings: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def exit_code(self) -> ExitCode:
        """1 when names matched nothing, or with ``--check`` when the ledger is out of sync."""
        if self.plan.problems or (self.mode == "check" and not self.plan.in_sync):
            return ExitCode.PROBLEMS
        return ExitCode.OK


def sync(
    path: str,
    *,
    source: Optional[str] = None,
    as_of: date,
    mode: SyncMode = "sync",
    timeout: float = 30.0,
    copy_to: Optional[str] = None,
) -> SyncResult:
    """Sync the ledger at ``path`` (a file, never standard input) from ``source`` (a URL, a file,
    ``-``; default: the ledger's status URL), read on ``as_of``; write only in ``sync`` mode.

    With ``copy_to`` (an installed hanoi's refreshed copy, not made yet), ``path`` is the shipped
    ledger: the copy is made from it once the status file was read, and it is the copy that is
    synced, so a failed fetch changes nothing.

    The cyclic garbage collector is paused throughout (as the loader pauses it for a read): one
    ledger and one bounded status file make few cycles, and its passes over what a sync imports
    and builds were a thirtieth of a cold sync."""
    from hanoi_cli.core.reading.loader import collector_paused

    with collector_paused():
        return _sync(path, source, as_of, mode, timeout, copy_to)


def _sync(
    path: str, source: Optional[str], as_of: date, mode: SyncMode, timeout: float, copy_to: Optional[str]
) -> SyncResult:
    from hanoi_cli.core.depositary.source import read_status_source
    from hanoi_cli.core.depositary.status_file import parse_status
    from hanoi_cli.core.reading.loader import read_ledger

    first = read_ledger(path, remember=True)  # for its URL: the fetch happens before the lock, never under it
    treaty = first.ledger.treaty
    found = read_status_source(
        source, status_url_field=treaty.status_url, treaty_id=treaty.id, timeout=timeout, ledger=first
    )
    status = parse_status(found.data, found.read_from, treaty_id=treaty.id)  # problems located at what was read
    notes: tuple[str, ...] = ()
    if status.made_for_tests:
        notes = (_refuse_test_data(found.read_from, copy_to or path),)
    if copy_to is not None and mode == "sync":
        path = _start_copy(copy_to, first.data or b"")
        first = read_ledger(path, remember=True)
        notes = (f"note: refreshing a copy of the installed ledger in {copy_to}",)
    result = apply_status(path, first, status, found.url, as_of, mode=mode)
    return replace(result, notes=notes + result.notes) if notes else result


def _refuse_test_data(read_from: str, target: str) -> str:
    """A status file made for the tests (invented deposits) is never synced into the shipped ledger
    nor the refreshed copy the read commands use: refused, exit 2. Into any other ledger (a copy made
    to try sync), the note it returns says the deposits are invented."""
    from pathlib import Path

    from hanoi_cli.core.ledger.problems import LedgerError
    from hanoi_cli.core.reading.ledger_paths import refreshed_ledger, shipped_ledger

    def same(one: Path, other: Path) -> bool:
        try:
            return one.resolve() == other.resolve() or (one.exists() and other.exists() and one.samefile(other))
        except OSError:
            return False

    if any(same(Path(target), real) for real in (shipped_ledger(), refreshed_ledger())):
        message = (
            f"{read_from} is a status file made for hanoi's tests (its deposits are invented): it is never "
            f"synced into the shipped ledger or its refreshed copy ({target}). Try sync on a copy: "
            f"cp {target} /tmp/hanoi-copy.yaml && hanoi sync /tmp/hanoi-copy.yaml --from "
            f"{read_from} --dry-run"
        )
        raise LedgerError([Problem("test-status-file", message, read_from)], ExitCode.USAGE)
    return f"note: {read_from} is a status file made for hanoi's tests: its deposits are invented; use {target} only to try sync"


def _start_copy(copy: str, data: bytes) -> str:
    """The refreshed copy begins as the shipped ledger, written atomically in its (new) folder."""
    from pathlib import Path

    from hanoi_cli.core.editing.atomic import write_atomic
    from hanoi_cli.core.ledger.problems import LedgerError

    folder = Path(copy).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        message = f"cannot make the data folder {folder}: {exc.strerror or exc}"
        raise LedgerError([Problem("not-writable", message, copy)], ExitCode.USAGE) from None
    write_atomic(copy, data, expected=None, name=copy)
    return copy


def apply_status(
    path: str, first: LoadedLedger, status: DepositaryStatus, url: str, read_on: date, *, mode: SyncMode
) -> SyncResult:
    """Plan against the text read under the lock, apply in one transaction, and measure the effect.

    ``first`` is the ledger as read for its URL; the text under the lock is parsed again only if
    the file changed meanwhile (a ``hanoi record`` racing the fetch)."""
    from hanoi_cli.core.commands.transaction import edit_ledger
    from hanoi_cli.core.depositary.sync_edits import apply_plan
    from hanoi_cli.core.depositary.sync_plan import plan_sync
    from hanoi_cli.core.editing.edit import Edit
    from hanoi_cli.core.reading.loader import decode, read_ledger
    from hanoi_cli.core.rules.ledger_diff import diff_ledgers

    label = first.name
    assert first.data is not None  # read from a path: the bytes are kept
    first_text = decode(first.data, label)
    planned: list[tuple[Ledger, SyncPlan]] = []  # the last plan made under the lock, and its ledger

    def transform(text: str) -> Edit:
        before = first.ledger if text == first_text else read_ledger(text=text, name=label).ledger
        plan = plan_sync(status, before, url, read_on)
        planned.append((before, plan))
        if plan.problems:  # names that match nothing: nothing is written until they are added
            return Edit(text, "names that match no participant", False)
        return apply_plan(text, plan, label)

    outcome = edit_ledger(path, transform, as_of=read_on, write=mode == "sync", name=label)
    before, plan = planned[-1]
    after = outcome.ledger if outcome.ledger is not None else before  # validated, not parsed again
    reported = before.treaty.reported
    notes = tuple(
        f"note: {withdrawn.name} has withdrawn; record the date of denunciation: {withdrawn.command}"
        for withdrawn in plan.withdrawn
    )
    return SyncResult(
        ledger=label,
        status=status,
        plan=plan,
        effect=diff_ledgers(before, after, read_on),
        written=outcome.written,
        mode=mode,
        reported_before=None if reported is None else f"{reported.signatories} signatories, {reported.parties} parties",
        warnings=(*status.warnings, *plan.skipped, *outcome.warnings),  # rows read past, then the ledger's own
        notes=notes,
    )
