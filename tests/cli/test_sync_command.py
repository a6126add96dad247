"""``hanoi sync`` through the real app: from a file, stdin or a server on 127.0.0.1, never a byte it does not mean."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from conftest import DATA
from untc_factory import HANOI_URL, HEAD, LEDGER, ROWS, status

SAMPLE_XML = DATA / "untc" / "XVIII-16.en.xml"
TODAY = {"HANOI_TODAY": "2026-12-01"}


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    from hanoi_cli.core.depositary import fetch

    monkeypatch.setattr(fetch, "BACKOFF", (0.0, 0.0))


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    return path


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "XVIII-16.en.xml"
    path.write_bytes(status(*ROWS))
    return path


def test_a_sync_changes_only_what_the_depositary_records(run, ledger: Path, source: Path) -> None:
    result = run("sync", str(ledger), "--from", str(source), env=TODAY)
    assert result.exit_code == 0, result.stderr
    text = ledger.read_text(encoding="utf-8")
    assert "    acceptance: 2026-03-09\n" in text
    assert "    domestic_approval: 2026-02-23   # kept: not the depositary's business\n" in text
    assert "  # Algeria: from the UN table\n" in text and "signature: 2025-10-25  # day one" in text
    assert "  - name: Belgium\n    code: BEL\n    signature: 2025-10-25\n" in text  # added in name order
    assert text.index("name: Azerbaijan") < text.index("name: Belgium") < text.index("name: Canada")
    # Algeria's signature, the same day, now confirmed: the status URL joins its sources (short form kept)
    assert f"    source:\n      - https://example.org/algeria\n      - {HANOI_URL}\n" in text
    assert f"      - {HANOI_URL}\n" in text or f"    source: {HANOI_URL}\n" in text  # credited to the URL
    assert str(source) not in text  # a local copy is never a source
    assert "reported:\n    signatories: 3\n    parties: 1\n    as_of: 2026-12-01\n" in text
    assert "Azerbaijan (AZE)  acceptance: — → 2026-03-09" in result.stdout
    assert "Canada (CAN)  signature: 2025-10-25" in result.stdout  # not in the depositary's record, kept
    changed = [line for line in LEDGER.splitlines() if line not in text.splitlines()]
    assert changed == ["    source: https://example.org/algeria"]  # every other line is still there


def test_a_second_sync_changes_no_byte_and_fmt_check_passes(run, ledger: Path, source: Path) -> None:
    assert run("sync", str(ledger), "--from", str(source), env=TODAY).exit_code == 0
    once = ledger.read_bytes()
    again = run("sync", str(ledger), "--from", str(source), env=TODAY)
    assert again.exit_code == 0 and "is in sync" in again.stdout
    assert ledger.read_bytes() == once
    # a day later only the day of the check moves on (issue 19: the record's freshness)
    later = run("sync", str(ledger), "--from", str(source), env={"HANOI_TODAY": "2026-12-02"})
    assert later.exit_code == 0 and "is in sync" in later.stdout
    changed = [line for line in ledger.read_text(encoding="utf-8").splitlines() if line not in once.decode()]
    assert changed == ["  checked: 2026-12-02"]
    assert run("fmt", "--check", str(ledger), env=TODAY).exit_code == 0
    assert run("validate", str(ledger), env={"HANOI_TODAY": "2026-12-02"}).exit_code == 0


def test_dry_run_and_check_write_nothing(run, ledger: Path, source: Path) -> None:
    dry = run("sync", str(ledger), "--from", str(source), "--dry-run", env=TODAY)
    assert dry.exit_code == 0 and "Would sync (dry run, nothing written)" in dry.stdout
    check = run("sync", str(ledger), "--from", str(source), "--check", env=TODAY)
    assert check.exit_code == 1 and "Out of sync" in check.stdout
    assert ledger.read_text(encoding="utf-8") == LEDGER
    assert run("sync", str(ledger), "--from", str(source), env=TODAY).exit_code == 0
    assert run("sync", str(ledger), "--from", str(source), "--check", env=TODAY).exit_code == 0


def test_json_is_the_documented_payload(run, ledger: Path, source: Path) -> None:
    result = run("sync", str(ledger), "--from", str(source), "-f", "json", "--dry-run", env=TODAY)
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert {
        "schema_version",
        "hanoi_version",
        "source",
        "changes",
        "added",
        "not_in_source",
        "effect",
        "written",
    } <= set(payload)
    assert payload["source"] == {"url": HANOI_URL, "read_on": "2026-12-01", "signatories": 3, "parties": 1}
    assert {"code": "AZE", "name": "Azerbaijan", "field": "acceptance", "old": None, "new": "2026-03-09"} in payload[
        "changes"
    ]
    assert [entry["code"] for entry in payload["added"]] == ["BEL"]
    assert {"code": "CAN", "name": "Canada", "field": "signature", "value": "2025-10-25"} in payload["not_in_source"]
    assert payload["effect"]["before"]["counted_instruments"] == 0
    assert payload["effect"]["after"]["counted_instruments"] == 1
    assert payload["written"] is False


def test_markdown_is_a_pull_request_body(run, ledger: Path, source: Path) -> None:
    result = run("sync", str(ledger), "--from", str(source), "-f", "markdown", "--dry-run", env=TODAY)
    assert result.exit_code == 0
    body = result.stdout
    assert body.startswith("## Sync with the depositary:")
    assert "| Azerbaijan | AZE | acceptance | — | 2026-03-09 |" in body
    assert "### Effect" in body and "| Counted instruments | 0 / 40 | **1 / 40** |" in body


def test_a_name_that_matches_nothing_writes_nothing_and_says_how_to_add_it(run, ledger: Path, tmp_path: Path) -> None:
    source = tmp_path / "status.xml"
    source.write_bytes(status(*ROWS, ["Freedonia", "25 Oct 2025", None]))
    result = run("sync", str(ledger), "--from", str(source), env=TODAY)
    assert result.exit_code == 1
    assert "error[unknown-participant-name]" in result.stderr and "hanoi record <CODE>" in result.stderr
    assert "Freedonia" in result.stderr
    assert ledger.read_text(encoding="utf-8") == LEDGER


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
            b"<Treaty>&b;</Treaty>",
            "hostile-xml",
        ),
        (b"\x00\x01\x02binary\xff\xfe", "not-a-status-document"),
        (b"<html><body>maintenance</body></html>", "not-a-status-document"),
        (status(*ROWS)[:-40], "not-a-status-document"),
    ],
    ids=["billion laughs", "binary", "maintenance page", "truncated"],
)
def test_a_source_that_cannot_be_used_is_exit_2_with_the_ledger_untouched(
    run, ledger: Path, tmp_path: Path, body: bytes, code: str
) -> None:
    source = tmp_path / "status.xml"
    source.write_bytes(body)
    result = run("sync", str(ledger), "--from", str(source), env=TODAY)
    assert result.exit_code == 2
    assert f"error[{code}]" in result.stderr
    assert ledger.read_text(encoding="utf-8") == LEDGER


def test_an_external_entity_never_reads_a_local_file(run, ledger: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    source = tmp_path / "status.xml"
    source.write_bytes(
        f'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file://{secret}">]><Treaty>&x;</Treaty>'.encode()
    )
    result = run("sync", str(ledger), "--from", str(source), "-f", "json", env=TODAY)
    assert result.exit_code == 2
    assert "TOP-SECRET-CONTENT" not in result.stdout + result.stderr
    assert json.loads(result.stdout)["status"] == "error"
    assert ledger.read_text(encoding="utf-8") == LEDGER


def test_a_source_over_the_limit_is_refused(run, ledger: Path, tmp_path: Path) -> None:
    from hanoi_cli.core.depositary.status_file import MAX_STATUS_BYTES

    source = tmp_path / "status.xml"
    source.write_bytes(b" " * (MAX_STATUS_BYTES + 1))
    result = run("sync", str(ledger), "--from", str(source), env=TODAY)
    assert result.exit_code == 2 and "error[source-too-large]" in result.stderr
    assert ledger.read_text(encoding="utf-8") == LEDGER


def test_the_status_url_of_the_ledger_is_fetched_with_retries(run, ledger: Path, httpserver: HTTPServer) -> None:
    calls = []

    def flaky(request: Request) -> Response:
        calls.append(request.headers.get("User-Agent"))
        if len(calls) == 1:
            return Response("busy", status=503)
        return Response(status(*ROWS), status=200, content_type="text/xml")

    httpserver.expect_request("/status.xml").respond_with_handler(flaky)
    url = httpserver.url_for("/status.xml")
    result = run("sync", str(ledger), "--from", url, env=TODAY)  # named by the user: fetched as named
    assert result.exit_code == 0, result.stderr
    assert len(calls) == 2 and all(agent.startswith("hanoi/") for agent in calls)
    assert f"      - {url}\n" in ledger.read_text(encoding="utf-8") or f"source: {url}\n" in ledger.read_text()


@pytest.mark.parametrize(
    "where", ["http://{server}/status.xml", "https://treaties.un.org.example/x.xml", "http://treaties.un.org/x.xml"]
)
def test_a_status_url_off_the_depositary_is_not_fetched(run, ledger: Path, httpserver: HTTPServer, where: str) -> None:
    """Issue 21 item 9: without --from, sync fetched treaty.status_url whatever its host (a pull
    request could point the daily sync at an internal address). Now: a warning in validate, and
    sync refuses it (exit 1, located at the key, nothing fetched, nothing written)."""
    httpserver.expect_request("/status.xml").respond_with_data(status(*ROWS), content_type="text/xml")
    url = where.format(server=f"127.0.0.1:{httpserver.port}")
    text = LEDGER.replace("  adopted: 2024-12-24\n", f"  adopted: 2024-12-24\n  status_url: {url}\n")
    ledger.write_text(text)
    line = text.splitlines().index(f"  status_url: {url}") + 1
    result = run("sync", str(ledger), env=TODAY)
    assert result.exit_code == 1, result.stderr
    assert f"{ledger}:{line}:" in result.stderr and "error[untrusted-status-url]" in result.stderr
    assert httpserver.log == [] and ledger.read_text(encoding="utf-8") == text
    validated = run("validate", str(ledger), env=TODAY)
    assert "warning[status-url-not-depositary]" in validated.stdout + validated.stderr


def test_a_server_slower_than_the_timeout_is_exit_2(run, ledger: Path, httpserver: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return Response(status(*ROWS), status=200)

    httpserver.expect_request("/slow.xml").respond_with_handler(slow)
    url = httpserver.url_for("/slow.xml")
    result = run("sync", str(ledger), "--from", url, "--timeout", "0.3", env=TODAY)
    assert result.exit_code == 2 and "error[timeout]" in result.stderr
    assert ledger.read_text(encoding="utf-8") == LEDGER


def test_records_racing_a_sync_lose_nothing(ledger: Path, source: Path) -> None:
    env = {**os.environ, **TODAY, "HANOI_NO_CACHE": "1"}
    hanoi = [sys.executable, "-m", "hanoi_cli"]
    processes = [
        subprocess.Popen([*hanoi, "sync", str(ledger), "--from", str(source)], env=env, stdout=subprocess.DEVNULL)
    ]
    for code, day in (("DZA", "2026-01-05"), ("CAN", "2026-01-06"), ("AZE", "2026-02-23")):
        processes.append(
            subprocess.Popen(
                [*hanoi, "record", code, "domestic_approval", day, "-l", str(ledger), "--replace"],
                env=env,
                stderr=subprocess.DEVNULL,
            )
        )
    codes = [process.wait(timeout=120) for process in processes]
    assert codes == [0, 0, 0, 0]
    text = ledger.read_text(encoding="utf-8")
    assert "acceptance: 2026-03-09" in text and "name: Belgium" in text
    # recorded without a source: in the long form for Algeria (which has sources it must not borrow)
    assert "domestic_approval:\n      date: 2026-01-05" in text and "domestic_approval: 2026-01-06" in text


def test_the_ledger_cannot_come_from_standard_input(run, source: Path) -> None:
    result = run("sync", "-", "--from", str(source), "--check", input=LEDGER, env=TODAY)
    assert result.exit_code == 2 and "give a path, not -" in result.stderr


def test_a_renamed_participant_moves_to_its_place_and_fmt_check_passes(run, tmp_path: Path) -> None:
    """Issue 21 item 10: Swaziland -> Eswatini left the participant out of name order, so
    'hanoi fmt --check' failed right after the sync."""
    ledger = tmp_path / "ledger.yaml"
    ledger.write_text(
        HEAD
        + """  - name: Algeria
    code: DZA
    signature: 2025-10-25
  - name: Canada
    code: CAN
    signature: 2025-10-25
  - name: France
    code: FRA
    signature: 2025-10-25
  - name: Swaziland
    code: SWZ
    signature: 2025-10-25
""",
        encoding="utf-8",
    )
    rows = (
        ["Algeria", "25 Oct 2025", None],
        ["Canada", "25 Oct 2025", None],
        ["Eswatini", "25 Oct 2025", None],
        ["France", "25 Oct 2025", None],
    )
    source = tmp_path / "XVIII-16.en.xml"
    source.write_bytes(status(*rows, signatories=4, parties=0))
    result = run("sync", str(ledger), "--from", str(source), env=TODAY)
    assert result.exit_code == 0, result.stderr
    text = ledger.read_text(encoding="utf-8")
    assert text.index("name: Canada") < text.index("name: Eswatini") < text.index("name: France")
    assert "Swaziland" not in text
    assert run("fmt", "--check", str(ledger)).exit_code == 0
