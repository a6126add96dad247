"""The corpus of status files (``untc_corpus``): ``hanoi new``, ``validate`` and ``sync`` (twice) on each.

For every structural variant: ``new`` writes a ledger that validates and holds exactly the
expected rows (none wrong, the unrepresentable ones skipped with located warnings); a sync of the
same file finds it in sync; a sync into a ledger with no participants adds them all, and a second
sync changes nothing, byte for byte.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from hanoi_cli.core.reading.loader import read_ledger
from untc_corpus import CorpusFile, corpus

TODAY = {"HANOI_TODAY": "2026-12-01"}
FILES = corpus()


def _rows(path: Path) -> dict[str, dict[str, str]]:
    """The ledger's participants as ``code -> keys`` (kind when not a State, signature, instrument)."""
    rows = {}
    for participant in read_ledger(str(path)).ledger.participants:
        facts: dict[str, str] = {}
        if participant.kind != "state":
            facts["kind"] = participant.kind
        if participant.signature is not None:
            facts["signature"] = participant.signature.isoformat()
        if participant.instrument is not None:
            facts[participant.instrument[0]] = participant.instrument[1].isoformat()
        rows[participant.code] = facts
    return rows


def _warning_codes(stderr: str) -> list[str]:
    return sorted(line.split("warning[", 1)[1].split("]", 1)[0] for line in stderr.splitlines() if "warning[" in line)


@pytest.mark.parametrize("case", FILES, ids=[case.treaty_id for case in FILES])
def test_new_validate_and_sync_twice(run, tmp_path: Path, case: CorpusFile) -> None:
    source = tmp_path / f"{case.treaty_id}.en.xml"
    source.write_bytes(case.data)
    ledger = tmp_path / "new.yaml"
    rule = ["--rule", case.rule] if case.rule else []
    made = run("new", case.treaty_id, "--from", str(source), "-o", str(ledger), *rule, env=TODAY)
    assert made.exit_code == 0, made.stderr
    # What is read past is a warning located in the local file (never the URL), row number and name given.
    from_file = [line for line in made.stderr.splitlines() if line.startswith(f"{source}:")]
    assert _warning_codes("\n".join(from_file)) == sorted(case.skipped), made.stderr
    assert all("row " in line or "column " in line for line in from_file)
    assert "error[" not in made.stderr

    assert _rows(ledger) == case.expected  # no participant row is wrong, none invented
    treaty = read_ledger(str(ledger)).ledger.treaty
    assert treaty.signature_stage is case.signature_stage
    assert (treaty.reported.signatories, treaty.reported.parties) == case.counts
    if case.title is not None:
        assert treaty.title == case.title
    rule_read = yaml.safe_load(ledger.read_text(encoding="utf-8"))["treaty"]["entry_into_force"]
    for key, value in case.rule_keys.items():
        assert rule_read[key] == value, (key, rule_read)
    if case.in_force_on is not None:
        status = run("status", str(ledger), "--format", "json", env=TODAY)
        assert json.loads(status.stdout)["entry_into_force"] == case.in_force_on, status.stdout

    checked = run("validate", str(ledger), env=TODAY)
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    assert run("fmt", "--check", str(ledger)).exit_code == 0  # written in canonical form
    again = run("sync", str(ledger), "--from", str(source), "--check", env=TODAY)
    assert again.exit_code == 0, again.stdout + again.stderr  # the file it was made from: in sync

    empty = tmp_path / "empty.yaml"
    empty.write_text(_without_participants(ledger.read_text(encoding="utf-8")), encoding="utf-8")
    first = run("sync", str(empty), "--from", str(source), env=TODAY)
    assert first.exit_code == 0, first.stdout + first.stderr
    assert _rows(empty) == case.expected
    written = empty.read_bytes()
    second = run("sync", str(empty), "--from", str(source), "--format", "json", env=TODAY)
    assert second.exit_code == 0, second.stderr
    payload: dict[str, Any] = json.loads(second.stdout)
    assert payload["in_sync"] is True and payload["changes"] == [] and payload["added"] == []
    assert empty.read_bytes() == written  # the second sync changes nothing
    assert run("validate", str(empty), env=TODAY).exit_code == 0
    assert run("sync", str(empty), "--from", str(source), "--check", env=TODAY).exit_code == 0


def _without_participants(text: str) -> str:
    """The ledger's treaty alone, without its ``reported`` block and with no ``participants`` key."""
    kept, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith("participants:"):
            break
        if line.startswith("  reported:"):
            skipping = True
            continue
        if skipping and line.startswith("    "):
            continue
        skipping = False
        kept.append(line)
    return "".join(kept)


def test_the_corpus_covers_every_variant() -> None:
    """What the corpus is for: each variant named in issue 20 is in it at least once."""
    data = b"".join(case.data for case in FILES)
    assert b"<Subtitlesect>" in data and b"<Status>" in data and any(b"<Status>" not in case.data for case in FILES)
    assert any(not case.signature_stage for case in FILES) and any(case.in_force_on for case in FILES)
    assert {"withdrawn-participant", "unrepresentable-action", "unknown-heading"} <= {
        code for case in FILES for code in case.skipped
    }
    assert any(facts.get("kind") == "organization" for case in FILES for facts in case.expected.values())
    assert date(2026, 12, 1) > date(2026, 1, 1)


def test_validate_and_sync_agree_about_a_ledger_without_participants(run, tmp_path: Path) -> None:
    (case,) = [case for case in FILES if not case.expected]
    source = tmp_path / "status.xml"
    source.write_bytes(case.data)
    ledger = tmp_path / "ledger.yaml"
    assert run("new", case.treaty_id, "--from", str(source), "-o", str(ledger), env=TODAY).exit_code == 0
    text = ledger.read_text(encoding="utf-8")
    assert "participants: []\n" in text
    ledger.write_text(text.replace("participants: []\n", ""), encoding="utf-8")
    assert run("validate", str(ledger), env=TODAY).exit_code == 0
    assert run("sync", str(ledger), "--from", str(source), "--check", env=TODAY).exit_code == 0  # nothing differs
    assert run("sync", str(ledger), "--from", str(source), env=TODAY).exit_code == 0  # may note when it checked
    written = ledger.read_bytes()
    assert run("validate", str(ledger), env=TODAY).exit_code == 0
    assert run("sync", str(ledger), "--from", str(source), env=TODAY).exit_code == 0
    assert ledger.read_bytes() == written
