"""Issue 19 through the real CLI: evidence per fact, every output saying how well each fact is
established, freshness, refreshing an installed copy, the README's sync example, the shipped record."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA, GOLDEN, ROOT, SAMPLE

SHIPPED = ROOT / "data" / "signatories.yaml"
PROVENANCE = DATA / "provenance.yaml"
SAMPLE_XML = DATA / "untc" / "XVIII-16.en.xml"
BEFORE = GOLDEN / "short-form"  # what hanoi wrote before issue 19, from the same commands
TODAY = {"HANOI_TODAY": "2026-12-04"}

LONG_FORM = """treaty:
  id: TEST-9
  title: Convention for the Testing of Evidence
  entry_into_force: {threshold: 2, after: {days: 90}}
  status_url: https://treaties.un.org/doc/TEST-9.en.xml
  checked: 2026-11-01
participants:
  - name: Chile
    code: CHL
    signature: {date: 2024-01-10, evidence: official, source: https://www.gob.cl/tratado}
    ratification:
      date: 2025-03-05
      notification: C.N.123.2025.TREATIES-XVIII.16
  - name: Norway
    code: NOR
    signature: 2024-01-10
    ratification:
      date: 2025-04-01
      evidence: reported
      source: https://news.example.com/norway
    source: https://treaties.un.org/doc/TEST-9.en.xml
"""


def write(tmp_path: Path, text: str, name: str = "ledger.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def status_json(run, *args: str, env: dict[str, str] = TODAY) -> dict:
    result = run("status", *args, "-f", "json", env=env)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --- 1. evidence per fact -------------------------------------------------------------------


def test_the_long_form_gives_each_fact_its_own_evidence(run, tmp_path: Path) -> None:
    payload = status_json(run, str(write(tmp_path, LONG_FORM)))
    chile, norway = payload["participants"]
    assert chile["facts"]["signature"]["evidence"] == "official"
    assert chile["facts"]["ratification"] == {
        "date": "2025-03-05",
        "evidence": "depositary",  # a notification is the depositary's own record
        "sources": [],
        "notification": "C.N.123.2025.TREATIES-XVIII.16",
        "notification_url": "https://treaties.un.org/doc/Publication/CN/2025/CN.123.2025-Eng.pdf",
    }
    # Norway's short-form signature is backed by its participant-level source, on the depositary's
    # host; its ratification has its own, a press report: confirmed_by_depositary is per fact.
    assert norway["facts"]["signature"]["evidence"] == "depositary"
    assert norway["facts"]["ratification"]["sources"] == ["https://news.example.com/norway"]
    assert (norway["instrument_evidence"], norway["confirmed_by_depositary"]) == ("reported", False)
    assert payload["evidence"]["depositary"] == 1 and payload["evidence"]["reported"] == 1
    assert payload["evidence"]["summary"].startswith(
        "2 counted instruments: 1 confirmed by the depositary, 1 reported; 2 signatures:"
    )


@pytest.mark.parametrize(
    ("fact", "code", "line", "column"),
    [
        ("{evidence: official}", "fact-without-date", 10, 16),
        ("{date: 2024-01-10, notification: CN.12.2024}", "invalid-notification", 10, 49),
        ("{date: 2024-01-10, evidence: certain}", "invalid-evidence", 10, 45),
        ("{date: 2024-01-10, source: not a url}", "invalid-source", 10, 43),
        ("{date: 2024-01-10, sauce: x}", "unknown-key", 10, 35),
    ],
)
def test_a_bad_long_form_fact_is_a_located_coded_error(run, tmp_path: Path, fact, code, line, column) -> None:
    text = LONG_FORM.replace("{date: 2024-01-10, evidence: official, source: https://www.gob.cl/tratado}", fact)
    result = run("validate", str(write(tmp_path, text)), "-f", "json", env=TODAY)
    assert result.exit_code == 1
    problem = json.loads(result.stdout)["files"][0]["problems"][0]
    assert (problem["code"], problem["line"], problem["column"]) == (code, line, column)


def test_validate_warns_on_a_deposit_or_an_evidence_level_without_source(run, tmp_path: Path) -> None:
    text = LONG_FORM.replace(
        "      evidence: reported\n      source: https://news.example.com/norway\n", "      evidence: reported\n"
    )
    result = run("validate", str(write(tmp_path, text)), env=TODAY)
    assert "warning[deposit-without-source] the ratification of Norway has no source" in result.stdout
    assert "warning[evidence-without-source]" in result.stdout
    assert result.exit_code == 0


def test_record_writes_the_evidence_it_is_given_and_refuses_bad_input(run, tmp_path: Path) -> None:
    ledger = write(tmp_path, LONG_FORM)
    result = run(
        "record", "NOR", "denunciation", "2026-01-05", "-l", str(ledger),
        "--notification", "C.N.9.2026.TREATIES-XVIII.16", "--evidence", "depositary",
        "--source", "https://treaties.un.org/doc/TEST-9.en.xml", env=TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (
        "    denunciation:\n      date: 2026-01-05\n      evidence: depositary\n"
        "      notification: C.N.9.2026.TREATIES-XVIII.16\n      source: https://treaties.un.org/doc/TEST-9.en.xml\n"
    ) in ledger.read_text(encoding="utf-8")
    assert run("fmt", "--check", str(ledger), env=TODAY).exit_code == 0
    bad = run("record", "NOR", "signature", "2024-01-10", "-l", str(ledger), "--notification", "CN 9", env=TODAY)
    assert bad.exit_code == 2 and "not a depositary notification" in bad.stderr
    assert run("record", "NOR", "signature", "2024-01-10", "-l", str(ledger), "--source", "a paper").exit_code == 2


def test_an_unsourced_deposit_is_never_shown_as_confirmed(run, tmp_path: Path) -> None:
    """The UX review's H5: a ratification recorded with no source on a participant whose
    signature came from the depositary."""
    ledger = tmp_path / "p.yaml"
    shutil.copy(PROVENANCE, ledger)
    result = run("record", "-l", str(ledger), "Chile", "ratification", "2025-06-01", env=TODAY)
    assert result.exit_code == 0 and "unsourced" in result.stderr
    chile = status_json(run, str(ledger))["participants"][1]
    assert (chile["instrument_evidence"], chile["confirmed_by_depositary"]) == (None, False)
    assert chile["signature_evidence"] == "depositary"
    table = run("status", str(ledger), env=TODAY).stdout
    assert re.search(r"Chile .*unsourced", table)


def test_fmt_puts_a_long_form_fact_in_order_and_keeps_its_comments(run, tmp_path: Path) -> None:
    text = LONG_FORM.replace(
        "      date: 2025-03-05\n      notification:",
        "      notification: C.N.1.2025.TREATIES-XVIII.16  # kept\n      date: '2025-03-05'\n      x:",
    ).replace("      x: C.N.123.2025.TREATIES-XVIII.16\n", "")
    ledger = write(tmp_path, text)
    assert run("fmt", str(ledger), env=TODAY).exit_code == 0
    assert "      date: 2025-03-05\n      notification: C.N.1.2025.TREATIES-XVIII.16  # kept\n" in ledger.read_text()
    assert run("fmt", "--check", str(ledger), env=TODAY).exit_code == 0


def test_diff_shows_a_change_of_evidence(run, tmp_path: Path) -> None:
    old = write(tmp_path, LONG_FORM, "old.yaml")
    new = write(tmp_path, LONG_FORM.replace("evidence: reported", "evidence: official"), "new.yaml")
    result = run("diff", str(old), str(new), "-f", "json", env=TODAY)
    changed = json.loads(result.stdout)["participants"]["changed"]
    assert changed[0]["fields"] == [
        {
            "field": "ratification.evidence",
            "change": "corrected",
            "label": "corrected",
            "old": "reported",
            "new": "official",
        }
    ]


# --- old ledgers: byte for byte as before ------------------------------------------------------


@pytest.mark.parametrize(
    ("golden", "ledger", "args"),
    [
        ("s1", SAMPLE, ["record", "FJI", "signature", "2020-02-01", "--source", "https://example.org/fj"]),
        ("s2", SAMPLE, ["record", "NOR", "signature", "2020-02-01", "--source", "https://example.org/no"]),
        ("s3", SAMPLE, ["record", "VNM", "ratification", "2021-06-01"]),
        ("s4", SAMPLE, ["record", "PER", "accession", "2020-11-02", "--replace"]),
        ("p1", PROVENANCE, ["record", "CHL", "signature", "2024-01-10", "--source", "https://example.org/cl"]),
        ("m1", DATA / "messy.yaml", ["fmt"]),
        ("f1", SAMPLE, ["fmt"]),
        ("f2", PROVENANCE, ["fmt"]),
    ],
)
def test_old_short_form_ledgers_edit_and_format_byte_for_byte_as_before(run, tmp_path, golden, ledger, args) -> None:
    """The files under golden/short-form were written by hanoi before issue 19 (commit ede6402)
    from the same commands: reading, recording and formatting an old ledger gives the same bytes."""
    path = tmp_path / "ledger.yaml"
    shutil.copy(ledger, path)
    command = [*args, "-l", str(path)] if args[0] == "record" else [*args, str(path)]
    assert run(*command, env=TODAY).exit_code == 0
    assert path.read_bytes() == (BEFORE / f"{golden}.yaml").read_bytes()


def test_an_old_ledger_reads_as_before_with_no_evidence_of_its_own() -> None:
    from hanoi_cli.core.reading.loader import read_ledger

    ledger = read_ledger(SAMPLE, use_cache=False).ledger
    assert all(participant.facts == () for participant in ledger.participants)


# --- 2. every output -------------------------------------------------------------------------


def test_every_output_says_how_well_each_fact_is_established(run, tmp_path: Path) -> None:
    ledger = str(write(tmp_path, LONG_FORM))
    table = run("status", ledger, "--as-of", "2026-11-15", env=TODAY).stdout
    assert re.search(r"Chile .*official", table) is None  # its ratification is the depositary's
    assert re.search(r"Norway .*reported", table)
    assert "2 counted instruments: 1 confirmed by the depositary, 1 reported" in table
    csv_text = run("status", ledger, "-f", "csv", env=TODAY).stdout
    header = csv_text.splitlines()[0].split(",")
    assert header[-4:] == ["evidence", "signature_evidence", "instrument_evidence", "instrument_notification"]
    markdown = run("status", ledger, "-f", "markdown", env=TODAY).stdout
    assert (
        "- Chile, ratification (depositary): [C.N.123.2025.TREATIES-XVIII.16]"
        "(https://treaties.un.org/doc/Publication/CN/2025/CN.123.2025-Eng.pdf)" in markdown
    )
    assert "- Norway, ratification (reported): <https://news.example.com/norway>" in markdown


def test_evidence_restricts_what_counts(run) -> None:
    everything = status_json(run)
    depositary = status_json(run, "--evidence", "depositary")
    assert (everything["signatories"], depositary["signatories"]) == (74, 31)
    official = status_json(run, "--evidence", "official")
    assert official["signatories"] == 65
    result = run("status", "--evidence", "depositary", "--brief", env=TODAY)
    assert "counting only facts established at the level depositary" in result.stderr


# --- 3. freshness ----------------------------------------------------------------------------


def test_the_shipped_record_says_its_age_and_warns_that_it_is_stale(run) -> None:
    result = run("status", env=TODAY)
    assert "Record checked against the depositary on 16 November 2025, 383 days ago." in result.stdout
    assert "74 signatures: 31 confirmed by the depositary, 34 official, 9 reported." in result.stdout
    assert "may be out of date. Refresh it with: hanoi sync" in result.stderr and result.exit_code == 0
    fresh = status_json(run)["freshness"]
    assert fresh == {
        "checked": "2025-11-16",
        "days": 383,
        "stale": True,
        "limit_days": 30,
        "summary": "Record checked against the depositary on 16 November 2025, 383 days ago.",
    }
    relaxed = run("status", "--brief", env={**TODAY, "HANOI_STALE_DAYS": "400"})
    assert "out of date" not in relaxed.stderr
    markdown = run("status", "-f", "markdown", "--brief", env=TODAY).stdout
    assert "_Record checked against the depositary on 16 November 2025, 383 days ago._" in markdown


def test_the_page_says_the_evidence_and_the_records_age(run, tmp_path: Path) -> None:
    pytest.importorskip("jinja2")
    pytest.importorskip("matplotlib")
    out = tmp_path / "page.html"
    assert run("report", "-o", str(out), env=TODAY).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "74 signatures: 31 confirmed by the depositary, 34 official, 9 reported." in html
    assert 'class="stale"' in html and "383 days ago" in html
    assert '<span class="flag">reported</span>' in html


# --- 4. refresh from an installed copy ---------------------------------------------------------


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """hanoi as if installed from a wheel: the shipped ledger inside the package, a data folder."""
    from hanoi_cli.core.reading import ledger_paths

    package_copy = tmp_path / "site-packages" / "signatories.yaml"
    package_copy.parent.mkdir()
    shutil.copy(SHIPPED, package_copy)
    monkeypatch.setattr(ledger_paths, "_installed", lambda: package_copy)
    monkeypatch.setenv("HANOI_DATA_DIR", str(tmp_path / "data"))
    return package_copy


def test_sync_on_an_installed_copy_refreshes_a_copy_the_read_commands_then_use(run, installed, tmp_path) -> None:
    shipped = installed.read_bytes()
    real = tmp_path / "XVIII-16.en.xml"  # the test file without its marker, as the depositary's would be
    real.write_bytes(re.sub(rb' hanoi-test="[^"]*"', b"", SAMPLE_XML.read_bytes()))
    failed = run("sync", "--from", str(tmp_path / "missing.xml"), env=TODAY)
    assert failed.exit_code == 2 and not (tmp_path / "data").exists()  # a failed fetch changes nothing
    result = run("sync", "--from", str(real), env=TODAY)
    assert result.exit_code == 0, result.stderr
    copy = tmp_path / "data" / "signatories.yaml"
    assert installed.read_bytes() == shipped and "checked: 2026-12-04" in copy.read_text(encoding="utf-8")
    status = run("status", "-f", "json", env=TODAY)
    assert f"reading the copy refreshed by hanoi sync, {copy}" in status.stderr
    assert json.loads(status.stdout)["freshness"]["checked"] == "2026-12-04"
    again = run("sync", "--from", str(real), env=TODAY)
    assert again.exit_code == 0 and copy.read_text(encoding="utf-8").count("checked: 2026-12-04") == 1


def test_record_still_refuses_the_installed_ledger(run, installed) -> None:
    result = run("record", "MUS", "ratification", "2026-01-05", env=TODAY)
    assert result.exit_code == 2 and "will not edit the ledger inside the installed package" in result.stderr


# --- 5. the README's sync example ------------------------------------------------------------


def test_the_readmes_sync_examples_never_write_the_shipped_ledger() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]  # the README's examples moved to docs/
    text = "\n".join(page.read_text(encoding="utf-8") for page in pages)
    commands = re.findall(r"^(?:\$ )?hanoi sync .*$", text, flags=re.MULTILINE)
    assert commands
    for command in commands:
        assert "data/signatories.yaml" not in command, command


def test_the_readmes_sync_example_run_without_dry_run_touches_only_its_copy(run, tmp_path: Path) -> None:
    copy = tmp_path / "hanoi-copy.yaml"
    shutil.copy(SHIPPED, copy)
    shipped = SHIPPED.read_bytes()
    assert run("sync", str(copy), "--from", str(SAMPLE_XML), env=TODAY).exit_code == 0
    assert SHIPPED.read_bytes() == shipped and copy.read_bytes() != shipped


# --- 6. the shipped record ---------------------------------------------------------------------


def test_every_fact_of_the_shipped_record_has_its_own_source_and_level() -> None:
    from hanoi_cli.core.reading.loader import read_ledger

    ledger = read_ledger(SHIPPED, use_cache=False).ledger
    assert ledger.treaty.checked is not None and ledger.treaty.status_url
    reported = ledger.treaty.reported
    assert reported is not None
    assert (reported.signatories, reported.parties, reported.evidence) == (76, 3, "reported")
    for participant in ledger.participants:
        assert participant.source is None, participant.name  # no fact borrows a participant's sources
        for key in ("signature", "domestic_approval", "reservations"):
            if getattr(participant, key) is not None:
                fact = participant.fact(key)
                assert fact is not None and fact.sources and fact.evidence, (participant.name, key)
    assert all(participant.instrument is None for participant in ledger.participants)  # no dated deposit


def test_the_shipped_record_passes_strict_validation(run) -> None:
    assert run("validate", "--strict", env=TODAY).exit_code == 0


def test_sync_writes_a_synced_fact_of_a_long_form_participant_with_the_depositarys_evidence(run, tmp_path) -> None:
    copy = tmp_path / "copy.yaml"
    shutil.copy(SHIPPED, copy)
    assert run("sync", str(copy), "--from", str(SAMPLE_XML), env=TODAY).exit_code == 0
    text = copy.read_text(encoding="utf-8")
    libya = text.split("- name: Libya", 1)[1].split("- name:", 1)[0]
    assert (
        "    signature:\n      date: 2025-10-26\n      evidence: depositary\n      source:\n"
        "        - https://verdragen.nl/nl/Verdrag/Details/013891_p.html\n"
        "        - https://northafricapost.com/"
    ) in libya  # the corrected fact keeps its other sources
    assert "        - https://treaties.un.org/" in libya
    assert "\n    source:" not in libya  # no participant-level source for its other facts to borrow
    assert "  checked: 2026-12-04\n" in text
    once = copy.read_bytes()
    assert run("sync", str(copy), "--from", str(SAMPLE_XML), env=TODAY).exit_code == 0
    assert copy.read_bytes() == once  # a second sync changes no byte
    assert run("fmt", "--check", str(copy), env=TODAY).exit_code == 0
