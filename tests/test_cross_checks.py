"""Where two features meet: what one command says must agree with what another says (qa of the merged issues)."""

from __future__ import annotations

import json

from conftest import DATA, SAMPLE

SHIPPED = DATA.parent.parent / "data" / "signatories.yaml"
TODAY = {"HANOI_TODAY": "2026-12-04"}


def test_forecast_from_a_stale_record_warns_as_status_does(run) -> None:
    """A forecast reads the record's silence as a slow treaty: from an old record it must say the record is old."""
    status = run("status", "-f", "json", env=TODAY)
    forecast = run("forecast", "-f", "json", "--simulations", "500", env=TODAY)
    assert forecast.exit_code == 0, forecast.stderr
    json.loads(forecast.stdout)  # the warning stays on stderr: stdout is the payload alone
    assert "may be out of date. Refresh it with: hanoi sync" in status.stderr
    assert status.stderr.split("warning: ")[1] == forecast.stderr.split("warning: ")[1]
    relaxed = run("forecast", "--simulations", "500", env={**TODAY, "HANOI_STALE_DAYS": "400"})
    assert "out of date" not in relaxed.stderr


def test_the_many_ledger_tally_uses_the_rows_words(run) -> None:
    """Each row says "not in force"; the closing tally must not say "not reached" of the same treaty."""
    for output_format in ("table", "markdown"):
        result = run("status", str(SHIPPED), str(SAMPLE), "-f", output_format, env=TODAY)
        assert result.exit_code == 0, result.stderr
        assert "not reached" not in result.stdout
        assert "2 treaties: 1 in force, 1 not in force." in result.stdout


def test_the_python_api_says_a_stale_record_as_status_does(run, monkeypatch) -> None:
    import hanoi_cli as hanoi

    monkeypatch.setenv("HANOI_TODAY", TODAY["HANOI_TODAY"])
    result = hanoi.status(hanoi.load(SHIPPED))
    printed = run("status", str(SHIPPED), env=TODAY).stderr
    stale = [note for note in result.notes if "out of date" in note]
    assert len(stale) == 1 and printed.strip().startswith(stale[0])  # the CLI names the path to sync too
    monkeypatch.setenv("HANOI_STALE_DAYS", "400")
    assert not any("out of date" in note for note in hanoi.status(hanoi.load(SHIPPED)).notes)


def test_every_shipped_ledger_is_in_canonical_form(run) -> None:
    """The shipped record and the reference set are ledgers contributors edit by pull request: fmt --check
    must pass on them as it must on theirs (the reference set was written sorted by code point, not by name)."""
    shipped = [SHIPPED, *sorted((SHIPPED.parent / "reference").glob("*.yaml"))]
    assert len(shipped) >= 14
    result = run("fmt", "--check", *map(str, shipped))
    assert result.exit_code == 0, result.stdout + result.stderr


def test_the_quotable_sentence_never_reads_as_more_counted_instruments_than_the_headline(run) -> None:
    """The EU's instrument is deposited but not counted: the sentence a journalist pastes must not say
    "2 have deposited" beside "1 / 3" without saying how many count."""
    result = run("status", str(SAMPLE), "--as-of", "2020-05-01", "-f", "json", env=TODAY)
    payload = json.loads(result.stdout)
    assert (payload["counted_instruments"], payload["parties"]) == (1, 2)
    assert "2 have deposited instruments" in payload["sentence"]
    assert "of which 1 counts toward the threshold of 3" in payload["sentence"]
    brief = run("status", str(SAMPLE), "--as-of", "2020-05-01", "--brief", env=TODAY).stdout
    assert payload["sentence"] in brief


def test_the_many_treaty_page_heading_keeps_its_date_whole(run, tmp_path) -> None:
    """At 390 px the heading "Treaty status as of 2026-12-04" broke the date at its hyphen: the date is a
    <time class="date"> (white-space: nowrap), as in the single-treaty heading."""
    import pytest

    pytest.importorskip("jinja2")
    pytest.importorskip("matplotlib")
    out = tmp_path / "page.html"
    assert run("report", str(SHIPPED), str(SAMPLE), "--no-map", "-o", str(out), env=TODAY).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert '<h1>Treaty status as of <time class="date" datetime="2026-12-04">2026-12-04</time></h1>' in html
