"""``hanoi record`` and ``hanoi fmt`` through the real app, and the writes that can never lose anything."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DATA, GOLDEN, SAMPLE
from hanoi_cli.core.editing import atomic
from hanoi_cli.core.ledger.problems import LedgerError

TODAY = {"HANOI_TODAY": "2026-06-01"}
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.yaml"
    shutil.copyfile(SAMPLE, path)
    return path


def leftovers(folder: Path) -> list[str]:
    """Anything a write left beside the ledger (temporary or lock files)."""
    return sorted(name.name for name in folder.iterdir() if name.name.startswith("."))


def test_record_writes_the_edit(run, ledger: Path) -> None:
    result = run(
        "record",
        "GHA",
        "signature",
        "2020-05-01",
        "--ledger",
        str(ledger),
        "--source",
        "https://example.org/gh",
        env=TODAY,
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "Recorded in" in result.stderr and "Ghana (GHA): signature 2020-05-01" in result.stderr
    text = ledger.read_text(encoding="utf-8")
    # Ghana's accession is in the short form: the new signature keeps its source itself, so the
    # accession does not borrow it.
    assert (
        "    code: GHA\n    signature:\n      date: 2020-05-01\n      source: https://example.org/gh\n"
        "    accession: 2020-06-30\n" in text
    )
    assert '# unquoted: must stay the text "NO", not false' in text  # comments survive a record
    assert leftovers(ledger.parent) == []


def test_record_reads_hanoi_ledger(run, ledger: Path) -> None:
    result = run("record", "Ghana", "domestic-approval", "2020-04-01", env={**TODAY, "HANOI_LEDGER": str(ledger)})
    assert result.exit_code == 0, result.stderr
    assert "domestic_approval: 2020-04-01" in ledger.read_text(encoding="utf-8")


def test_dry_run_prints_a_diff_and_writes_nothing(run, ledger: Path) -> None:
    before = ledger.read_bytes()
    result = run("record", "VNM", "ratification", "2022-03-01", "-l", str(ledger), "--dry-run", env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [f"--- {ledger}", f"+++ {ledger}"]
    assert "+    ratification: 2022-03-01" in result.stdout.splitlines()
    assert "Dry run, nothing written" in result.stderr
    assert ledger.read_bytes() == before


def test_an_existing_date_needs_replace(run, ledger: Path) -> None:
    before = ledger.read_bytes()
    result = run("record", "NOR", "ratification", "2020-03-11", "-l", str(ledger), env=TODAY)
    assert result.exit_code == 2
    assert (
        f"{ledger}:20:19: error[date-recorded] Norway (NOR) already has ratification 2020-03-10: use --replace"
        in result.stderr
    )
    assert ledger.read_bytes() == before
    result = run("record", "NOR", "ratification", "2020-03-11", "-l", str(ledger), "--replace", env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert "ratification 2020-03-11 (was 2020-03-10)" in result.stderr
    assert "    ratification: 2020-03-11\n" in ledger.read_text(encoding="utf-8")


def test_the_same_date_again_changes_nothing(run, ledger: Path) -> None:
    before = ledger.stat()
    content = ledger.read_bytes()
    result = run("record", "nor", "ratification", "2020-03-10", "-l", str(ledger), env=TODAY)
    assert result.exit_code == 0
    assert "Nothing to change" in result.stderr
    after = ledger.stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)  # not even rewritten
    assert ledger.read_bytes() == content


def test_an_edit_the_validator_rejects_is_not_written(run, ledger: Path) -> None:
    text = ledger.read_text(encoding="utf-8").replace(
        "    accession: 2020-06-30\n", "    accession: 2020-06-30\n    ratifcation: 2020-07-01\n"
    )
    ledger.write_text(text, encoding="utf-8")
    before = ledger.read_bytes()
    result = run("record", "VNM", "ratification", "2022-03-01", "-l", str(ledger), env=TODAY)
    assert result.exit_code == 1
    assert "error[unknown-key] unknown key 'ratifcation'" in result.stderr
    assert "note[edit-refused] nothing was written" in result.stderr
    assert ledger.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["VNM", "ratification", "2026-07-01", "--as-of", "2026-06-01"], "date-after-as-of"),
        (["PER", "signature", "2020-12-01", "--replace"], "deposit-before-signature"),
        (["NOR", "signature", "2019-01-01", "--replace"], "signature-outside-window"),
    ],
)
def test_the_validators_checks_refuse_the_edit(run, ledger: Path, args: list[str], code: str) -> None:
    before = ledger.read_bytes()
    result = run("record", *args, "-l", str(ledger), env=TODAY)
    assert result.exit_code == 1, result.stderr
    assert f"error[{code}]" in result.stderr and "note[edit-refused]" in result.stderr
    assert ledger.read_bytes() == before


def test_warnings_of_the_edited_ledger_are_shown(run, ledger: Path) -> None:
    result = run("record", "XKX", "signature", "2020-02-01", "--name", "Kosovo", "-l", str(ledger), env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert "warning[user-assigned-code] XKX is a user-assigned code" in result.stderr
    assert "- name: Kosovo\n    code: XKX\n" in ledger.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["Narnia", "signature", "2020-01-01"], "unknown-participant"),
        (["XXX", "signature", "2020-01-01"], "unknown-country-code"),
    ],
)
def test_unknown_participants(run, ledger: Path, args: list[str], code: str) -> None:
    result = run("record", *args, "-l", str(ledger), env=TODAY)
    assert result.exit_code == 2
    assert f"error[{code}]" in result.stderr


def test_unknown_action_and_bad_date_are_usage_errors(run, ledger: Path) -> None:
    before = ledger.read_bytes()
    result = run("record", "NOR", "ratifcation", "2020-01-01", "-l", str(ledger), env=TODAY)
    assert result.exit_code == 2
    assert (
        "Error: Invalid value for 'ACTION': 'ratifcation' is not an action (did you mean 'ratification'?): "
        "one of signature, ratification," in result.stderr
    )
    result = run("record", "NOR", "accession", "2020-01-01/2020-01-02", "-l", str(ledger), env=TODAY)
    assert result.exit_code == 2
    assert "Error: '2020-01-01/2020-01-02' is not a date in the form YYYY-MM-DD" in result.stderr
    result = run("record", "NOR", "signature", "2020-01-01", "-l", "-", env=TODAY)
    assert result.exit_code == 2
    assert "Error: an edited ledger is written back to its file: give a path, not - (standard input)" in result.stderr
    assert ledger.read_bytes() == before


def test_a_new_participant_named_by_iso(run, ledger: Path) -> None:
    result = run("record", "KAZ", "signature", "2020-02-01", "-l", str(ledger), env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert "note: added KAZ as 'Kazakhstan'" in result.stderr and "--name" in result.stderr
    assert "  - name: Kazakhstan\n    code: KAZ\n    signature: 2020-02-01\n  - name: Norway" in ledger.read_text(
        encoding="utf-8"
    )


def test_a_new_reio(run, ledger: Path) -> None:
    result = run(
        "record",
        "AFU",
        "signature",
        "2020-02-01",
        "-l",
        str(ledger),
        "--name",
        "African Union",
        "--kind",
        "reio",
        env=TODAY,
    )
    assert result.exit_code == 0, result.stderr
    assert "  - name: African Union\n    code: AFU\n    kind: reio\n    signature: 2020-02-01\n" in ledger.read_text(
        encoding="utf-8"
    )


# --- nothing lost ---------------------------------------------------------------------------


def test_a_failure_just_before_the_replace_leaves_the_original(
    run, ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = ledger.read_bytes()

    def crash(*args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    result = run("record", "VNM", "ratification", "2022-03-01", "-l", str(ledger), env=TODAY)
    assert result.exit_code == 2
    assert "error[write-failed] the ledger was not changed: Input/output error" in result.stderr
    assert ledger.read_bytes() == before
    assert leftovers(ledger.parent) == []  # the temporary file is gone too


def test_a_crash_before_the_replace_leaves_the_original_for_fmt(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "messy.yaml"
    shutil.copyfile(DATA / "messy.yaml", path)
    before = path.read_bytes()
    monkeypatch.setattr(os, "replace", lambda *args: (_ for _ in ()).throw(KeyboardInterrupt()))
    result = run("fmt", str(path), env=TODAY)
    assert result.exit_code == 130  # interrupted
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_permissions_are_kept(run, ledger: Path) -> None:
    os.chmod(ledger, 0o640)
    assert run("record", "VNM", "ratification", "2022-03-01", "-l", str(ledger), env=TODAY).exit_code == 0
    assert stat.S_IMODE(ledger.stat().st_mode) == 0o640


def test_a_symbolic_link_stays_a_link(run, ledger: Path) -> None:
    link = ledger.parent / "link.yaml"
    link.symlink_to(ledger.name)
    assert run("record", "VNM", "ratification", "2022-03-01", "-l", str(link), env=TODAY).exit_code == 0
    assert link.is_symlink()
    assert "ratification: 2022-03-01" in ledger.read_text(encoding="utf-8")


@pytest.mark.skipif(IS_ROOT, reason="root ignores permission bits")
def test_a_read_only_file_gets_a_clear_error(run, ledger: Path) -> None:
    os.chmod(ledger, 0o444)
    before = ledger.read_bytes()
    result = run("record", "VNM", "ratification", "2022-03-01", "-l", str(ledger), env=TODAY)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{ledger}: error[not-writable] cannot write the ledger: the file is read-only")
    assert ledger.read_bytes() == before


@pytest.mark.skipif(IS_ROOT, reason="root ignores permission bits")
def test_a_read_only_folder_gets_a_clear_error(run, ledger: Path) -> None:
    os.chmod(ledger.parent, 0o555)
    try:
        result = run("record", "VNM", "ratification", "2022-03-01", "-l", str(ledger), env=TODAY)
    finally:
        os.chmod(ledger.parent, 0o755)
    assert result.exit_code == 2
    assert "error[not-writable]" in result.stderr and "is read-only" in result.stderr


def test_not_writable_messages_without_relying_on_permissions(
    run, ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same refusals, forced, so they are covered when the tests run as root."""
    before = ledger.read_bytes()
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda path, mode, **kw: False if Path(path) == ledger.resolve() else real_access(path, mode, **kw),
    )
    result = run("record", "VNM", "ratification", "2022-03-01", "-l", str(ledger), env=TODAY)
    assert result.exit_code == 2
    assert "error[not-writable] cannot write the ledger: the file is read-only" in result.stderr
    monkeypatch.setattr(os, "access", real_access)

    def no_folder(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", no_folder)
    result = run("record", "VNM", "ratification", "2022-03-01", "-l", str(ledger), env=TODAY)
    assert result.exit_code == 2
    assert (
        "error[not-writable]" in result.stderr and "is read-only (the new file is written beside it)" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert ledger.read_bytes() == before


def test_a_file_changed_since_it_was_read_is_not_overwritten(ledger: Path) -> None:
    read = ledger.read_bytes()
    ledger.write_bytes(read + b"# edited elsewhere\n")
    with pytest.raises(LedgerError) as error:
        atomic.write_atomic(ledger, b"new", expected=read)
    assert [problem.code for problem in error.value.problems] == ["file-changed"]
    assert ledger.read_bytes().endswith(b"# edited elsewhere\n")


def test_record_refuses_when_the_file_changes_under_it(run, ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hanoi_cli.core.editing import record as editing
    from hanoi_cli.core.editing.edit import Edit

    real_record = editing.record

    def meanwhile(*args: object, **kwargs: object) -> Edit:
        edit = real_record(*args, **kwargs)
        with open(ledger, "a", encoding="utf-8") as handle:  # an editor that ignores the lock
            handle.write("# edited elsewhere\n")
        return edit

    monkeypatch.setattr(editing, "record", meanwhile)
    result = run("record", "VNM", "ratification", "2022-03-01", "-l", str(ledger), env=TODAY)
    assert result.exit_code == 2
    assert "error[file-changed] the file changed on disk after hanoi read it" in result.stderr
    assert ledger.read_text(encoding="utf-8").endswith("# edited elsewhere\n")
    assert "2022-03-01" not in ledger.read_text(encoding="utf-8")


def test_concurrent_records_all_land(ledger: Path) -> None:
    """Several real processes edit one file at once: every edit is there afterwards."""
    edits = [
        ("NOR", "domestic_approval", "2020-01-10"),
        ("CHL", "domestic_approval", "2020-01-11"),
        ("GHA", "signature", "2020-02-12"),
        ("PER", "domestic_approval", "2020-01-13"),
        ("VNM", "ratification", "2021-06-01"),
        ("KAZ", "signature", "2020-02-15"),
    ]
    env = {**os.environ, **TODAY, "HANOI_NO_CACHE": "1"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "hanoi_cli", "record", code, action, day, "-l", str(ledger)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for code, action, day in edits
    ]
    outcomes = [(process.wait(timeout=120), process.stderr.read()) for process in processes]
    for process in processes:
        process.stderr.close()
    assert [code for code, _ in outcomes] == [0] * len(edits), outcomes
    text = ledger.read_text(encoding="utf-8")
    for _, action, day in edits:
        assert f"{action}: {day}" in text
    assert leftovers(ledger.parent) == []


def test_the_lock_follows_a_replaced_file(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer that waited on the old file locks the new one after a replace.

    The main thread holds the lock; a second thread waits in ``locked``; the main thread replaces
    the file and lets go. Inside its critical section the waiter must hold the lock on the file
    the path names now, so a fresh descriptor on the path cannot lock it (``flock`` locks belong
    to an open file, so threads contend like processes)."""
    fcntl = pytest.importorskip("fcntl")
    import threading
    import time

    waiting = threading.Event()
    real_sleep = time.sleep

    def sleep(seconds: float) -> None:  # ``locked`` sleeps only between failed attempts
        if threading.current_thread().name == "waiter":
            waiting.set()
        real_sleep(seconds)

    monkeypatch.setattr(atomic.time, "sleep", sleep)
    seen: dict[str, object] = {}

    def waiter() -> None:
        with atomic.locked(ledger, timeout=30):
            seen["content"] = ledger.read_bytes()
            with open(ledger, "rb") as probe:
                try:
                    fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    seen["path_locked"] = False
                except BlockingIOError:
                    seen["path_locked"] = True

    thread = threading.Thread(target=waiter, name="waiter")
    with atomic.locked(ledger):
        old_inode = os.stat(ledger).st_ino
        thread.start()
        assert waiting.wait(timeout=30), "the waiter never waited for the lock"
        replacement = ledger.with_name("replacement.yaml")
        replacement.write_bytes(b"replaced\n")
        os.replace(replacement, ledger)
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert os.stat(ledger).st_ino != old_inode
    assert seen == {"content": b"replaced\n", "path_locked": True}


def test_a_held_lock_times_out_with_a_clear_error(ledger: Path) -> None:
    fcntl = pytest.importorskip("fcntl")
    with open(ledger, "rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        code = "from hanoi_cli.core.editing import atomic\nimport sys\ntry:\n    with atomic.locked(sys.argv[1], timeout=0.2): pass\nexcept Exception as e:\n    print(e)"
        result = subprocess.run([sys.executable, "-c", code, str(ledger)], capture_output=True, text=True, timeout=60)
    assert "error[file-locked]" in result.stdout


# --- fmt ------------------------------------------------------------------------------------


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    path = tmp_path / "messy.yaml"
    shutil.copyfile(DATA / "messy.yaml", path)
    return path


def test_fmt_check_prints_a_diff_and_exits_1(run, messy: Path) -> None:
    before = messy.read_bytes()
    result = run("fmt", "--check", str(messy), env=TODAY)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"--- {messy}\n+++ {messy}\n@@ ")
    assert f"would reformat {messy}" in result.stderr
    assert messy.read_bytes() == before


def test_fmt_rewrites_and_then_check_passes(run, messy: Path) -> None:
    result = run("fmt", str(messy), env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert f"reformatted {messy}" in result.stderr
    assert messy.read_text(encoding="utf-8") == (GOLDEN / "messy.fmt.yaml").read_text(encoding="utf-8")
    assert "# the rule" in messy.read_text(encoding="utf-8")  # comments survive a fmt
    result = run("fmt", "--check", str(messy), env=TODAY)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert leftovers(messy.parent) == []


def test_fmt_several_files_reports_each(run, messy: Path, ledger: Path) -> None:
    canonical_sample = messy.parent / "sample.yaml"
    shutil.copyfile(SAMPLE, canonical_sample)
    run("fmt", str(canonical_sample), env=TODAY)
    result = run("fmt", "--check", str(messy), str(canonical_sample), str(messy.parent / "missing.yaml"), env=TODAY)
    assert result.exit_code == 2  # the missing file is the worst outcome
    assert "error[file-not-found]" in result.stderr
    assert "1 file would be reformatted, 1 already canonical, 1 with errors." in result.stderr


def test_fmt_refuses_to_write_an_invalid_ledger(run, messy: Path) -> None:
    text = messy.read_text(encoding="utf-8").replace("    code: ZMB\n", "    code: ZMB\n    ratifcation: 2020-01-01\n")
    messy.write_text(text, encoding="utf-8")
    result = run("fmt", str(messy), env=TODAY)
    assert result.exit_code == 1
    assert "error[unknown-key]" in result.stderr
    assert messy.read_text(encoding="utf-8") == text


def test_fmt_of_a_broken_yaml_is_located(run, messy: Path) -> None:
    messy.write_text("treaty: [\n", encoding="utf-8")
    result = run("fmt", "--check", str(messy), env=TODAY)
    assert result.exit_code == 1
    assert f"{messy}:2:1: error[yaml-syntax]" in result.stderr


def test_the_shipped_ledger_passes_fmt_check(run) -> None:
    from hanoi_cli.core.reading.ledger_paths import shipped_ledger

    result = run("fmt", "--check", str(shipped_ledger()), env=TODAY)
    assert (result.exit_code, result.stdout) == (0, "")


def test_the_copy_inside_an_installed_package_is_never_edited_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hanoi_cli.core.reading import ledger_paths as sources

    installed = tmp_path / "hanoi_cli"
    (installed / "data").mkdir(parents=True)
    (installed / "data" / sources.LEDGER_FILE).write_text("x", encoding="utf-8")
    monkeypatch.setattr(sources, "_PACKAGE", installed)
    with pytest.raises(ValueError, match="--ledger"):
        sources.editable_ledger(None, {}, how="with --ledger")  # record's option
    with pytest.raises(ValueError, match="as a path or in") as refused:
        sources.editable_ledger(None, {})  # fmt has no --ledger: its refusal must not name one
    assert "--ledger" not in str(refused.value)
    assert sources.editable_ledger(None, {"HANOI_LEDGER": "mine.yaml"}) == "mine.yaml"
    assert sources.editable_ledger(str(installed / "data" / sources.LEDGER_FILE), {}).endswith(
        "signatories.yaml"
    )  # asked for explicitly


def test_a_crlf_ledger_is_canonical_after_fmt_and_a_dry_run_shows_only_the_edit(run, ledger: Path) -> None:
    ledger.write_bytes(SAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    assert run("fmt", str(ledger), env=TODAY).exit_code == 0
    assert ledger.read_bytes().count(b"\r\n") == ledger.read_bytes().count(b"\n")
    check = run("fmt", "--check", str(ledger), env=TODAY)
    assert check.exit_code == 0, check.stdout
    dry = run("record", "VNM", "ratification", "2022-03-01", "--ledger", str(ledger), "--dry-run", env=TODAY)
    assert dry.exit_code == 0
    assert [line for line in dry.stdout.splitlines()[2:] if line[:1] in "+-"] == ["+    ratification: 2022-03-01"]


def test_record_into_a_missing_file_says_so(run, tmp_path: Path) -> None:
    result = run("record", "GHA", "signature", "2020-05-01", "--ledger", str(tmp_path / "nope.yaml"), env=TODAY)
    assert result.exit_code == 2
    assert "error[file-not-found]" in result.stderr and "read-only" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize(
    "args",
    [
        ["status", "LEDGER"],
        ["validate", "LEDGER"],
        ["record", "NOR", "signature", "2020-01-01", "-l", "LEDGER"],
        ["fmt", "LEDGER"],
        ["fmt", "--check", "LEDGER"],
        ["sync", "LEDGER"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_a_named_pipe_is_refused_at_once_never_read(run, tmp_path: Path, args: list[str]) -> None:
    """A pipe given as the ledger once blocked record and fmt forever (nothing ever writes to it)."""
    pipe = tmp_path / "ledger.yaml"
    os.mkfifo(pipe)
    result = run(*[str(pipe) if arg == "LEDGER" else arg for arg in args], env=TODAY)
    assert result.exit_code == 2
    assert "error[not-a-file]" in result.stderr + result.stdout  # validate reports on stdout


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_9_at_any_moment_leaves_the_old_ledger_or_the_new_one_whole(ledger: Path) -> None:
    """A record killed at a random moment (before, during or after its write) never leaves half a file."""
    import random

    from hanoi_cli.core.reading.loader import read_ledger

    before = ledger.read_bytes()
    env = {**os.environ, **TODAY, "HANOI_NO_CACHE": "1"}
    command = [sys.executable, "-m", "hanoi_cli", "record", "VNM", "ratification", "2022-03-01", "-l", str(ledger)]
    outcomes = set()
    for attempt in range(12):
        ledger.write_bytes(before)
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(random.Random(attempt).uniform(0.05, 0.6))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        after = ledger.read_bytes()
        assert after == before or b"ratification: 2022-03-01" in after
        read_ledger(data=after, name="ledger.yaml", use_cache=False)  # whole: it still reads
        outcomes.add(after == before)
    assert outcomes  # the loop ran; with these delays both outcomes usually occur


def test_a_ledger_given_where_the_participant_goes_gets_the_corrected_command(run, tmp_path: Path) -> None:
    """``hanoi record LEDGER CODE ACTION DATE``: not "'QAT' is not an action", but the option to use."""
    ledger = tmp_path / "ledger.yaml"
    shutil.copyfile(SAMPLE, ledger)
    before = ledger.read_bytes()
    result = run("record", str(ledger), "GHA", "ratification", "2020-01-02", "--dry-run")
    assert result.exit_code == 2
    assert "is not an action" not in result.stderr
    assert "the ledger is given with -l/--ledger" in result.stderr
    corrected = f"hanoi record GHA ratification 2020-01-02 --dry-run --ledger {ledger}"
    assert corrected in result.stderr.replace("\n", " ")
    assert ledger.read_bytes() == before
    fixed = run("record", "GHA", "ratification", "2020-01-02", "--dry-run", "--ledger", str(ledger))
    assert "is not an action" not in fixed.stderr and "-l/--ledger" not in fixed.stderr  # read as meant
    # a code that is not a file is still read as the participant
    assert "is not an action" in run("record", "GHA", "GHA", "2020-01-02", "--ledger", str(ledger)).stderr
