"""The one edit transaction (core.commands.transaction): one read, one validation, one write."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import SAMPLE
from hanoi_cli.core.commands import transaction
from hanoi_cli.core.commands.transaction import edit_ledger
from hanoi_cli.core.editing import atomic
from hanoi_cli.core.editing.edit import Edit
from hanoi_cli.core.editing.record import record
from hanoi_cli.core.ledger.problems import LedgerError

AS_OF = date(2024, 1, 1)


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.yaml"
    path.write_bytes(SAMPLE.read_bytes())
    return path


def test_many_actions_are_read_validated_and_written_once(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"read": 0, "validate": 0, "write": 0}

    def counting(name: str, real):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls[name] += 1
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(transaction, "read_bytes", counting("read", transaction.read_bytes))
    monkeypatch.setattr(transaction, "require_valid_edit", counting("validate", transaction.require_valid_edit))
    monkeypatch.setattr(atomic, "write_atomic", counting("write", atomic.write_atomic))

    def two_actions(text: str) -> Edit:
        first = record(text, "ledger.yaml", who="VNM", action="ratification", on=date(2022, 3, 1))
        second = record(first.text, "ledger.yaml", who="NOR", action="domestic_approval", on=date(2021, 1, 5))
        return Edit(second.text, f"{first.message}; {second.message}", True)

    outcome = edit_ledger(ledger, two_actions, as_of=AS_OF)
    assert calls == {"read": 1, "validate": 1, "write": 1}
    assert outcome.written
    written = ledger.read_text(encoding="utf-8")
    assert "ratification: 2022-03-01" in written and "domestic_approval: 2021-01-05" in written


def test_a_result_that_does_not_validate_writes_nothing(ledger: Path) -> None:
    before = ledger.read_bytes()
    with pytest.raises(LedgerError) as error:
        edit_ledger(ledger, lambda text: Edit(text.replace("threshold:", "threshold: -"), "broken", True), as_of=AS_OF)
    assert "edit-refused" in [problem.code for problem in error.value.problems]
    assert ledger.read_bytes() == before


def test_a_dry_run_validates_but_neither_locks_nor_writes(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_lock(*args: object, **kwargs: object) -> None:
        raise AssertionError("a dry run must not lock")

    monkeypatch.setattr(atomic, "locked", no_lock)
    before = ledger.read_bytes()
    outcome = edit_ledger(ledger, lambda text: Edit(text + "# more\n", "a comment", True), as_of=AS_OF, write=False)
    assert not outcome.written and outcome.edit.text.endswith("# more\n")
    assert ledger.read_bytes() == before


@pytest.mark.parametrize("ending", [b"\r\n", b"\r"], ids=["CRLF", "CR"])
def test_line_ends_and_a_byte_order_mark_come_back_as_they_were(ledger: Path, ending: bytes) -> None:
    ledger.write_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes().replace(b"\n", ending))

    def ratify(text: str) -> Edit:
        return record(text, "ledger.yaml", who="VNM", action="ratification", on=date(2022, 3, 1))

    edit_ledger(ledger, ratify, as_of=AS_OF)
    data = ledger.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"ratification: 2022-03-01" + ending in data
    other = b"\r" if ending == b"\n" else b"\n"
    assert other not in data.replace(b"\r\n", b"") if ending == b"\r\n" else b"\n" not in data


def test_a_file_with_mixed_line_ends_keeps_every_one(ledger: Path) -> None:
    lines = SAMPLE.read_bytes().split(b"\n")
    mixed = b"".join(line + (b"\r\n" if index % 2 else b"\n") for index, line in enumerate(lines[:-1]))
    ledger.write_bytes(mixed)

    def ratify(text: str) -> Edit:
        return record(text, "ledger.yaml", who="VNM", action="ratification", on=date(2022, 3, 1))

    edit_ledger(ledger, ratify, as_of=AS_OF)
    after = ledger.read_bytes()
    added = [line for line in after.splitlines(keepends=True) if b"ratification: 2022-03-01" in line]
    assert len(added) == 1
    assert after.replace(added[0], b"") == mixed  # every other byte, line ends included, as it was


def test_a_ledger_swapped_for_a_named_pipe_while_waiting_for_the_lock_is_refused(
    ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 21 item 8: the regular-file check held only before the lock; a pipe swapped in while
    hanoi waited for it blocked record, sync and fmt forever."""
    import fcntl
    import os
    import threading
    import types

    waiting = threading.Event()
    monkeypatch.setattr(
        atomic, "time", types.SimpleNamespace(monotonic=atomic.time.monotonic, sleep=lambda _: waiting.set())
    )
    outcome: list[BaseException] = []

    def edit() -> None:
        try:
            edit_ledger(ledger, lambda text: Edit(text + "\n", "a blank line", True), as_of=AS_OF)
        except BaseException as exc:
            outcome.append(exc)

    holder = os.open(ledger, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    worker = threading.Thread(target=edit, daemon=True)
    worker.start()
    assert waiting.wait(5)
    pipe = ledger.with_name("pipe")
    os.mkfifo(pipe)
    os.replace(pipe, ledger)
    os.close(holder)  # releases the lock
    worker.join(5)
    if worker.is_alive():  # unblock the stuck open() so the process can end
        os.close(os.open(ledger, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(5)
        pytest.fail("the edit blocked on the named pipe")
    assert len(outcome) == 1 and isinstance(outcome[0], LedgerError)
    assert outcome[0].problems[0].code == "not-a-file" and outcome[0].exit_code == 2


def test_a_temporary_file_left_by_a_killed_write_is_removed_on_the_next_write(ledger: Path) -> None:
    """Issue 21 item 11: kill -9 between mkstemp and os.replace left '.ledger.yaml.XXXXXXXX.tmp'."""
    leftover = ledger.with_name(f".{ledger.name}.k1ll_9ab.tmp")
    leftover.write_text("half a ledger")
    unrelated = [ledger.with_name(f".{ledger.name}.notmine.tmp"), ledger.with_name(".other.yaml.abcdefgh.tmp")]
    for path in unrelated:
        path.write_text("keep")
    edit_ledger(ledger, lambda text: Edit(text + "\n", "a blank line", True), as_of=AS_OF)
    assert not leftover.exists()
    assert all(path.exists() for path in unrelated)
    assert sorted(p.name for p in ledger.parent.iterdir()) == sorted([ledger.name, *(p.name for p in unrelated)])
