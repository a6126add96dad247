"""``hanoi sync`` records the depositary's confirmation of a fact the ledger holds at a weaker level."""

from __future__ import annotations

import json
from pathlib import Path

from untc_factory import HANOI_URL, status_xml

TODAY = {"HANOI_TODAY": "2026-12-01"}
HEAD = """treaty:
  id: XVIII-16
  title: United Nations Convention against Cybercrime
  adopted: 2024-12-24
  entry_into_force:
    threshold: 40
    after: {days: 90}
    count_reio: false
  status_url: https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XVIII/XVIII-16.en.xml
participants:
"""
LONG = (
    HEAD
    + """  - name: Algeria
    code: DZA
    signature:
      date: 2025-10-25
      evidence: official   # from the Dutch treaty database
      source:
        - https://verdragen.nl/algeria
  - name: Angola
    code: AGO
    signature:
      date: 2025-10-25
      evidence: reported
      source: https://news.example.com/angola
    ratification:
      date: 2026-01-05
      evidence: reported
      source: https://news.example.com/angola-ratifies
"""
)
ROWS = [["Algeria", "25 Oct 2025", None], ["Angola", "25 Oct 2025", None]]


def _files(tmp_path: Path, text: str, rows: list) -> tuple[Path, Path]:
    ledger, source = tmp_path / "ledger.yaml", tmp_path / "XVIII-16.en.xml"
    ledger.write_text(text, encoding="utf-8")
    source.write_bytes(status_xml(rows, signatories=len(rows), parties=0))
    return ledger, source


def test_a_confirmed_fact_becomes_the_depositarys_keeping_its_sources(run, tmp_path: Path) -> None:
    ledger, source = _files(tmp_path, LONG, ROWS)
    before = ledger.read_text(encoding="utf-8")
    assert run("sync", str(ledger), "--from", str(source), "--check", env=TODAY).exit_code == 1  # not in sync
    dry = run("sync", str(ledger), "--from", str(source), "--dry-run", env=TODAY)
    assert "2 facts confirmed by the depositary" in dry.stdout
    assert "Algeria (DZA)  signature 2025-10-25: official → depositary" in dry.stdout
    assert "Angola (AGO)  signature 2025-10-25: reported → depositary" in dry.stdout
    assert ledger.read_text(encoding="utf-8") == before  # a dry run writes nothing
    payload = json.loads(run("sync", str(ledger), "--from", str(source), "-f", "json", "--dry-run", env=TODAY).stdout)
    assert payload["confirmed"][0] == {
        "code": "DZA",
        "name": "Algeria",
        "field": "signature",
        "date": "2025-10-25",
        "old_evidence": "official",
        "new_evidence": "depositary",
    }
    assert payload["in_sync"] is False
    markdown = run("sync", str(ledger), "--from", str(source), "-f", "markdown", "--dry-run", env=TODAY).stdout
    assert "### Confirmed by the depositary (evidence raised)" in markdown

    assert run("sync", str(ledger), "--from", str(source), env=TODAY).exit_code == 0
    text = ledger.read_text(encoding="utf-8")
    assert (
        "    signature:\n      date: 2025-10-25\n      evidence: depositary # from the Dutch treaty database\n"
        f"      source:\n        - https://verdragen.nl/algeria\n        - {HANOI_URL}\n"
    ) in text
    assert (
        "      evidence: depositary\n      source:\n        - https://news.example.com/angola\n"
        f"        - {HANOI_URL}\n    ratification:\n      date: 2026-01-05\n      evidence: reported\n"
    ) in text  # the ratification the depositary does not show stays reported
    rows = {
        row["code"]: row
        for row in json.loads(run("status", str(ledger), "-f", "json", env=TODAY).stdout)["participants"]
    }
    assert (rows["DZA"]["signature_evidence"], rows["AGO"]["instrument_evidence"]) == ("depositary", "reported")
    (tmp_path / "old.yaml").write_text(before, encoding="utf-8")
    changed = json.loads(run("diff", str(tmp_path / "old.yaml"), str(ledger), "-f", "json", env=TODAY).stdout)
    fields = [field["field"] for item in changed["participants"]["changed"] for field in item["fields"]]
    assert "signature.evidence" in fields and "signature.source" in fields

    written = ledger.read_bytes()
    again = run("sync", str(ledger), "--from", str(source), env=TODAY)
    assert again.exit_code == 0 and ledger.read_bytes() == written  # a second sync changes no byte
    assert "is in sync" in again.stdout
    assert run("fmt", "--check", str(ledger), env=TODAY).exit_code == 0


SHORT = (
    HEAD
    + """  - name: Algeria
    code: DZA
    signature: 2025-10-25
    source: https://example.org/algeria
  - name: Angola
    code: AGO
    signature: 2025-10-25
    ratification: 2026-01-05
    source: https://example.org/angola
  - name: Austria
    code: AUT
    signature: 2025-10-25
    source: https://treaties.un.org/pages/austria
  - name: Belgium
    code: BEL
    signature: 2025-10-25
    domestic_approval: 2025-12-01
    source: https://example.org/belgium
"""
)


def test_a_short_form_ledger_keeps_its_form_and_its_bytes_where_nothing_is_confirmed(run, tmp_path: Path) -> None:
    rows = [*ROWS, ["Austria", "25 Oct 2025", None], ["Belgium", "25 Oct 2025", None]]
    ledger, source = _files(tmp_path, SHORT, rows)
    assert run("sync", str(ledger), "--from", str(source), env=TODAY).exit_code == 0
    text = ledger.read_text(encoding="utf-8")
    # Algeria's only fact is confirmed: the status URL joins its sources, in the short form
    assert f"    signature: 2025-10-25\n    source:\n      - https://example.org/algeria\n      - {HANOI_URL}\n" in text
    # Angola's ratification is not the depositary's: its signature alone takes the long form
    assert (
        "    signature:\n      date: 2025-10-25\n      evidence: depositary\n      source:\n"
        f"        - https://example.org/angola\n        - {HANOI_URL}\n    ratification: 2026-01-05\n"
        "    source: https://example.org/angola\n"
    ) in text
    # Austria is already the depositary's: not one of its bytes changes
    assert (
        "  - name: Austria\n    code: AUT\n    signature: 2025-10-25\n    source: https://treaties.un.org/pages/austria\n"
        in text
    )
    rows = {
        row["code"]: row
        for row in json.loads(run("status", str(ledger), "-f", "json", env=TODAY).stdout)["participants"]
    }
    assert [rows[code]["signature_evidence"] for code in ("DZA", "AGO", "AUT")] == ["depositary"] * 3
    assert rows["AGO"]["instrument_evidence"] == "reported"  # the status URL lends nothing to what it does not show
    # nor to a domestic approval: Belgium's signature takes the long form, its approval keeps its source
    assert rows["BEL"]["signature_evidence"] == "depositary"
    assert rows["BEL"]["facts"]["domestic_approval"]["evidence"] == "reported"
    written = ledger.read_bytes()
    assert run("sync", str(ledger), "--from", str(source), env=TODAY).exit_code == 0
    assert ledger.read_bytes() == written


# --- status --evidence says what it counted, in every format ---------------------------------


def test_the_evidence_filter_is_said_in_the_json_the_markdown_and_the_headline(run) -> None:
    env = {"HANOI_TODAY": "2026-12-04"}
    plain = json.loads(run("status", "-f", "json", env=env).stdout)
    assert plain["evidence_filter"] is None
    filtered = json.loads(run("status", "--evidence", "depositary", "-f", "json", env=env).stdout)
    assert filtered["evidence_filter"] == "depositary" and filtered["signatories"] < plain["signatories"]
    sentence = "Counting only facts established at the level official or better (--evidence official)"
    table = run("status", "--evidence", "official", env=env).stdout
    assert table.splitlines()[1].startswith(sentence)  # under the title, above every count
    brief = run("status", "--evidence", "official", "--brief", env=env).stdout
    assert sentence in brief
    for args in ([], ["--brief"]):
        markdown = run("status", "--evidence", "official", "-f", "markdown", *args, env=env).stdout
        assert f"**{sentence}: reported and unsourced facts are left out.**" in markdown
    assert "Counting only" not in run("status", "-f", "markdown", env=env).stdout


# --- the many-ledger summary says how fresh each record is -----------------------------------


def test_the_summary_of_many_ledgers_says_when_each_record_was_checked(run, tmp_path: Path) -> None:
    from conftest import DATA

    checked = tmp_path / "checked.yaml"
    checked.write_text(HEAD.replace("participants:\n", "  checked: 2026-11-20\nparticipants: []\n"), encoding="utf-8")
    ledgers = (str(checked), str(DATA / "sample.yaml"), str(tmp_path / "missing.yaml"))
    env = {"HANOI_TODAY": "2026-12-04"}
    rows = json.loads(run("status", *ledgers, "-f", "json", env=env).stdout)["treaties"]
    assert [(row["checked"], row["checked_days"], row["stale"]) for row in rows] == [
        ("2026-11-20", 14, False),
        (None, None, None),  # the ledger does not say
        (None, None, None),  # unreadable
    ]
    assert list(rows[0])[-4:] == ["error", "checked", "checked_days", "stale"]  # added at the end
    stale = json.loads(run("status", *ledgers, "-f", "json", env={**env, "HANOI_STALE_DAYS": "7"}).stdout)
    assert stale["treaties"][0]["stale"] is True
    csv_lines = run("status", *ledgers, "-f", "csv", env=env).stdout.splitlines()
    assert csv_lines[0].endswith(",error,unmet_requirements,checked,checked_days,stale")
    assert csv_lines[1].endswith(",2026-11-20,14,false")
    markdown = run("status", *ledgers, "-f", "markdown", env=env).stdout
    assert "| Ledger | Checked | Age |" in markdown and "| 2026-11-20 | 14 days |" in markdown
    table = run("status", *ledgers, env={**env, "COLUMNS": "160"}).stdout
    assert "Checked" in table and "2026-11-20" in table and "14 days" in table


# --- the test status file can never poison the shipped ledger --------------------------------


def test_the_test_status_file_is_refused_for_the_shipped_ledger_and_its_refreshed_copy(
    run, tmp_path: Path, monkeypatch
) -> None:
    import re
    import shutil

    from conftest import DATA
    from hanoi_cli.core.reading import ledger_paths

    sample = DATA / "untc" / "XVIII-16.en.xml"
    shipped = ledger_paths.shipped_ledger()
    before = shipped.read_bytes()
    env = {"HANOI_TODAY": "2026-12-04"}
    # In a checkout, the shipped ledger: refused in every mode (a dry run here, so a broken guard writes nothing)
    for args in ([str(shipped), "--dry-run"], [str(shipped), "--check"]):
        refused = run("sync", *args, "--from", str(sample), env=env)
        assert refused.exit_code == 2 and "error[test-status-file]" in refused.stderr
        assert "made for hanoi's tests" in refused.stderr and "hanoi sync /tmp/hanoi-copy.yaml" in refused.stderr
    assert shipped.read_bytes() == before
    # An installed hanoi: the refreshed copy in the data folder is never made from it either
    package_copy = tmp_path / "site-packages" / "signatories.yaml"
    package_copy.parent.mkdir()
    shutil.copy(shipped, package_copy)
    monkeypatch.setattr(ledger_paths, "_installed", lambda: package_copy)
    monkeypatch.setenv("HANOI_DATA_DIR", str(tmp_path / "data"))
    refused = run("sync", "--from", str(sample), env=env)
    assert refused.exit_code == 2 and not (tmp_path / "data").exists()
    # A copy made to try sync takes it, with a note that its deposits are invented
    copy = tmp_path / "hanoi-copy.yaml"
    shutil.copy(shipped, copy)
    tried = run("sync", str(copy), "--from", str(sample), env=env)
    assert tried.exit_code == 0 and "its deposits are invented" in tried.stderr
    # the depositary's own file (no marker) refreshes the installed copy as before
    real = tmp_path / "XVIII-16.en.xml"
    real.write_bytes(re.sub(rb' hanoi-test="[^"]*"', b"", sample.read_bytes()))
    assert real.read_bytes() != sample.read_bytes()
    assert run("sync", "--from", str(real), env=env).exit_code == 0 and (tmp_path / "data").exists()


def test_a_corrected_date_keeps_the_facts_other_sources_and_notification(run, tmp_path: Path) -> None:
    """A signature the ledger holds as an interval, long form with its own sources, that the
    depositary shows on one day: the day is corrected, the sources stay, the status URL joins."""
    import yaml

    from conftest import DATA
    from hanoi_cli.core.reading import ledger_paths

    ledger = tmp_path / "copy.yaml"
    ledger.write_bytes(ledger_paths.shipped_ledger().read_bytes())
    sample = DATA / "untc" / "XVIII-16.en.xml"
    before = {p["code"]: p for p in yaml.safe_load(ledger.read_text(encoding="utf-8"))["participants"]}
    assert run("sync", str(ledger), "--from", str(sample), env=TODAY).exit_code == 0
    after = {p["code"]: p for p in yaml.safe_load(ledger.read_text(encoding="utf-8"))["participants"]}
    for code in ("LBY", "MYS"):
        signature = after[code]["signature"]
        assert str(before[code]["signature"]["date"]) == "2025-10-25/2025-10-26"
        assert str(signature["date"]) == "2025-10-26"
        assert signature["evidence"] == "depositary"
        assert signature["source"] == [*before[code]["signature"]["source"], HANOI_URL]
    written = ledger.read_bytes()
    assert run("sync", str(ledger), "--from", str(sample), env=TODAY).exit_code == 0
    assert ledger.read_bytes() == written  # a second sync changes nothing
    assert run("fmt", "--check", str(ledger)).exit_code == 0

    # a notification of the deposit is kept with its date corrected (same year)
    text = LONG.replace(
        "      evidence: reported\n      source: https://news.example.com/angola-ratifies\n",
        "      evidence: reported\n      notification: C.N.12.2026.TREATIES-XVIII.16\n"
        "      source: https://news.example.com/angola-ratifies\n",
    )
    ledger, source = _files(tmp_path, text, [ROWS[0], ["Angola", "25 Oct 2025", "7 Jan 2026"]])
    assert run("sync", str(ledger), "--from", str(source), env=TODAY).exit_code == 0
    ratification = yaml.safe_load(ledger.read_text(encoding="utf-8"))["participants"][1]["ratification"]
    assert str(ratification["date"]) == "2026-01-07"
    assert ratification["notification"] == "C.N.12.2026.TREATIES-XVIII.16"
    assert ratification["source"] == ["https://news.example.com/angola-ratifies", HANOI_URL]
