"""``hanoi new`` through the real app: a ledger for any UNTC treaty, from a file, stdin or a local server."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from conftest import DATA
from hanoi_cli.core.commands.validate import validate_ledger
from hanoi_cli.core.editing.canonical import canonical
from untc_factory import HANOI_URL, status_xml

SAMPLE_XML = DATA / "untc" / "XVIII-16.en.xml"
TODAY = {"HANOI_TODAY": "2026-12-01"}
PARIS_EIF = (
    'in accordance with article 21(1) which reads as follows: "This Agreement shall enter into force on the '
    "thirtieth day after the date on which at least 55 Parties to the Convention accounting in total for at least "
    'an estimated 55 per cent of the total global greenhouse gas emissions have deposited their instruments."'
)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def test_new_from_a_file_prints_a_ledger_that_validates_and_is_canonical(run) -> None:
    result = run("new", "XVIII-16", "--from", str(SAMPLE_XML), env=TODAY)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "  id: XVIII-16\n" in text and "threshold: 40" in text and "count_reio: false" in text
    assert f"status_url: {HANOI_URL}" in text  # a file is credited to the treaty's URL, never to a path
    assert str(SAMPLE_XML) not in text
    report = validate_ledger(text=text, name="new.yaml", as_of=__import__("datetime").date(2026, 12, 1))
    assert report.errors == [] and report.ledger is not None
    assert len(report.ledger.participants) == 73
    assert canonical(text, "new.yaml") == text  # hanoi fmt --check would pass


def test_new_reads_standard_input(run) -> None:
    result = run("new", "XVIII-16", "--from", "-", input=SAMPLE_XML.read_bytes(), env=TODAY)  # type: ignore[arg-type]
    assert result.exit_code == 0, result.stderr
    assert "name: Algeria" in result.stdout


def test_new_writes_a_file_and_never_overwrites_one(run, tmp_path: Path) -> None:
    target = tmp_path / "hanoi.yaml"
    first = run("new", "XVIII-16", "--from", str(SAMPLE_XML), "-o", str(target), env=TODAY)
    assert first.exit_code == 0 and first.stdout == ""
    assert "Wrote" in first.stderr and target.read_text(encoding="utf-8").startswith("# Ledger for XVIII-16")
    written = target.read_bytes()
    again = run("new", "XVIII-16", "--from", str(SAMPLE_XML), "-o", str(target), env=TODAY)
    assert again.exit_code == 2 and "never overwrites" in again.stderr
    assert target.read_bytes() == written


def test_a_rule_it_cannot_read_is_refused_with_how_to_give_it(run, tmp_path: Path) -> None:
    source = tmp_path / "paris.xml"
    source.write_bytes(
        status_xml(
            [["Fiji", "22 Apr 2016", "22 Apr 2016"]],
            eif=PARIS_EIF,
            conclusion="Paris, 12 December 2015",
            signatories=1,
            parties=1,
        )
    )
    result = run("new", "XXVII-7-d", "--from", str(source), env=TODAY)
    assert result.exit_code == 2
    assert "--rule '{threshold: N, after: {days: D}}'" in result.stderr and "55 per cent" in result.stderr
    given = run("new", "XXVII-7-d", "--from", str(source), "--rule", "{threshold: 55, after: {days: 30}}", env=TODAY)
    assert given.exit_code == 0, given.stderr
    assert "threshold: 55" in given.stdout and "name: Fiji" in given.stdout


def test_new_fetches_from_a_server_and_credits_its_url(run, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/XVIII-16.en.xml").respond_with_data(SAMPLE_XML.read_bytes(), content_type="text/xml")
    url = httpserver.url_for("/XVIII-16.en.xml")
    result = run("new", "XVIII-16", "--from", url, env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert f"status_url: {url}" in result.stdout


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"<html><body>The site is undergoing maintenance</body></html>", "not-a-status-document"),
        (b"", "not-a-status-document"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Treaty>&a;</Treaty>', "hostile-xml"),
    ],
    ids=["maintenance page", "empty", "entity"],
)
def test_what_is_not_a_status_file_is_a_located_usage_error(run, tmp_path: Path, body: bytes, code: str) -> None:
    source = tmp_path / "status.xml"
    source.write_bytes(body)
    result = run("new", "XVIII-16", "--from", str(source), env=TODAY)
    assert result.exit_code == 2
    assert f"error[{code}]" in result.stderr and result.stdout == ""


def test_an_unknown_treaty_id_without_a_source_is_a_usage_error(run) -> None:
    result = run("new", "not-an-id", env=TODAY)
    assert result.exit_code == 2 and "error[unknown-treaty-id]" in result.stderr


def test_a_folder_as_source_is_refused_at_once(run, tmp_path: Path) -> None:
    result = run("new", "XVIII-16", "--from", str(tmp_path), env=TODAY)
    assert result.exit_code == 2 and "error[not-a-file]" in result.stderr


def test_a_new_ledger_gets_the_permissions_of_any_new_file(run, tmp_path: Path) -> None:
    """The atomic write goes through a 0600 temporary file; a new file must still be readable by others."""
    import os

    previous = os.umask(0o022)
    try:
        target = tmp_path / "hanoi.yaml"
        assert run("new", "XVIII-16", "--from", str(SAMPLE_XML), "-o", str(target), env=TODAY).exit_code == 0
    finally:
        os.umask(previous)
    assert target.stat().st_mode & 0o777 == 0o644


def test_timeout_bounds_the_whole_fetch_of_a_trickling_server(run, httpserver: HTTPServer) -> None:
    """Issue 21 item 7: a server sending a byte a second held new past 75 s with --timeout 2."""
    import time

    from werkzeug import Request, Response

    def trickle(request: Request) -> Response:
        def body():  # type: ignore[no-untyped-def]
            for byte in SAMPLE_XML.read_bytes()[:200]:
                time.sleep(0.05)
                yield bytes([byte])

        return Response(body())

    httpserver.expect_request("/XVIII-16.en.xml").respond_with_handler(trickle)
    started = time.monotonic()
    result = run("new", "XVIII-16", "--from", httpserver.url_for("/XVIII-16.en.xml"), "--timeout", "0.5", env=TODAY)
    assert result.exit_code == 2 and "error[timeout]" in result.stderr and result.stdout == ""
    assert time.monotonic() - started < 0.5 + 1.5


def test_a_sync_right_after_new_changes_no_byte_and_the_record_says_when_it_was_read(run, tmp_path: Path) -> None:
    """``new`` reads the depositary as ``sync`` does, so it records ``treaty.checked`` like a sync."""
    target = tmp_path / "hanoi.yaml"
    assert run("new", "XVIII-16", "--from", str(SAMPLE_XML), "-o", str(target), env=TODAY).exit_code == 0
    written = target.read_bytes()
    assert b"\n  checked: 2026-12-01\n" in written
    synced = run("sync", str(target), "--from", str(SAMPLE_XML), env=TODAY)
    assert synced.exit_code == 0, synced.stderr
    assert target.read_bytes() == written
    status = run("status", str(target), "-f", "json", env=TODAY)
    assert '"checked": "2026-12-01"' in status.stdout
