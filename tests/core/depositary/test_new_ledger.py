"""A new ledger from a status file: it loads, validates, is already canonical, and says what it could not read."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA
from hanoi_cli.core.depositary.eif_rule import explain_rule
from hanoi_cli.core.depositary.new_ledger import DEPOSITARY, new_ledger_text, withdrawn_warnings
from hanoi_cli.core.depositary.status_file import parse_status
from hanoi_cli.core.editing.canonical import canonical
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError
from hanoi_cli.core.reading.loader import read_ledger
from untc_factory import HANOI_TITLE, HANOI_URL, generate_status, status_xml

SAMPLE = DATA / "untc" / "XVIII-16.en.xml"
READ_ON = date(2026, 12, 1)


def sample_text(**kwargs: Any) -> str:
    status = parse_status(SAMPLE.read_bytes(), HANOI_URL)
    reading = explain_rule(status.eif_text)
    assert reading.rule is not None
    quoted = reading.later_parties_quoted
    return new_ledger_text(status, HANOI_URL, READ_ON, reading.rule, later_parties_quoted=quoted, **kwargs)


def test_the_new_ledger_loads_with_every_header_fact() -> None:
    text = sample_text()
    loaded = read_ledger(text=text, name="new.yaml").ledger
    treaty = loaded.treaty
    assert (treaty.id, treaty.title, treaty.adopted, treaty.depositary) == (
        "XVIII-16",
        HANOI_TITLE,
        date(2024, 12, 24),
        DEPOSITARY,
    )
    assert treaty.source == treaty.status_url == HANOI_URL
    assert (treaty.reported.signatories, treaty.reported.parties, treaty.reported.as_of, treaty.reported.source) == (
        73,
        3,
        READ_ON,
        HANOI_URL,
    )
    rule = treaty.entry_into_force
    assert (rule.threshold, rule.after.days, rule.count_reio) == (40, 90, False)
    assert len(loaded.participants) == 73
    eu = next(p for p in loaded.participants if p.code == "EUU")
    assert (eu.name, eu.kind) == ("European Union", "reio")
    viet_nam = next(p for p in loaded.participants if p.code == "VNM")
    assert viet_nam.instrument == ("ratification", date(2026, 3, 16))
    assert all(participant.source == HANOI_URL for participant in loaded.participants)


def test_it_says_the_later_parties_paragraph_was_not_quoted() -> None:
    text = sample_text()
    assert "later_parties:" not in text.replace("# later_parties:", "")
    assert "# later_parties: the status file does not quote the later-parties paragraph" in text


def test_it_is_already_canonical_and_validates(tmp_path: Path, run) -> None:
    text = sample_text()
    assert canonical(text, "new.yaml") == text
    path = tmp_path / "new.yaml"
    path.write_text(text, encoding="utf-8")
    validated = run("validate", str(path), "--as-of", READ_ON.isoformat(), "--format", "text")
    assert validated.exit_code == 0, validated.stdout
    formatted = run("fmt", "--check", str(path))
    assert formatted.exit_code == 0, formatted.stdout
    assert path.read_text(encoding="utf-8") == text


def test_participants_are_sorted_by_name_ignoring_accents() -> None:
    loaded = read_ledger(text=sample_text(), name="new.yaml").ledger
    from hanoi_cli.core.ledger.names import name_key

    names = [participant.name for participant in loaded.participants]
    assert names == sorted(names, key=name_key)
    assert names.index("Côte d'Ivoire") < names.index("Cuba")


def test_withdrawn_participants_are_left_out_with_the_commands_that_add_them() -> None:
    rows = [["Fiji", "22 Apr 2016", "22 Apr 2016"], ["United States of America", "22 Apr 2016", "[20 Jan 2021 A]"]]
    status = parse_status(status_xml(rows, signatories=2, parties=1), HANOI_URL)
    text = new_ledger_text(status, HANOI_URL, READ_ON, {"threshold": 55, "after": {"days": 30}})
    assert [p.code for p in read_ledger(text=text, name="new.yaml").ledger.participants] == ["FJI"]
    (warning,) = withdrawn_warnings(status, HANOI_URL)
    assert warning.severity == "warning" and warning.path == "Tbody/Row[2]" and warning.line is not None
    assert "row 2 (United States of America) has withdrawn" in warning.message
    assert "hanoi record USA signature 2016-04-22" in warning.message
    assert "hanoi record USA acceptance 2021-01-20" in warning.message
    assert "hanoi record USA denunciation <DATE>" in warning.message
    assert canonical(text, "new.yaml") == text


def test_no_signature_column_means_no_signature_stage_and_no_status_no_counts() -> None:
    data = status_xml([["Fiji", "3 Mar 2001 A"]], headings=("Participant", "Acceptance(A)"), status_element=False)
    text = new_ledger_text(parse_status(data, HANOI_URL), HANOI_URL, READ_ON, {"threshold": 1, "after": {"days": 0}})
    ledger = read_ledger(text=text, name="new.yaml").ledger
    assert ledger.treaty.signature_stage is False
    assert ledger.treaty.reported.signatories is None and ledger.treaty.reported.parties is None
    assert canonical(text, "new.yaml") == text


def test_a_protocol_takes_its_own_title_from_subtitlesect() -> None:
    data = status_xml([["Fiji", None, "3 Mar 2001"]], title="Montreal Protocol", subtitle="Kigali Amendment")
    text = new_ledger_text(parse_status(data, HANOI_URL), HANOI_URL, READ_ON, {"threshold": 1, "after": {"days": 0}})
    assert read_ledger(text=text, name="new.yaml").ledger.treaty.title == "Kigali Amendment"


def test_awkward_strings_are_quoted_and_read_back() -> None:
    title = 'Convention: the "first" one # really'
    status = parse_status(
        status_xml([["Côte d'Ivoire", "25 Oct 2025", None]], title=title), "https://example.org/a?x=1&y=2#frag"
    )
    text = new_ledger_text(
        status,
        "https://example.org/a?x=1&y=2#frag",
        READ_ON,
        {"threshold": 3, "after": {"months": 1, "days": 2}, "not_before": date(2027, 1, 1)},
        treaty_id="XVIII-99",
    )
    loaded = read_ledger(text=text, name="new.yaml").ledger
    assert loaded.treaty.title == title
    assert loaded.treaty.source == "https://example.org/a?x=1&y=2#frag"
    assert loaded.treaty.entry_into_force.not_before == date(2027, 1, 1)
    assert loaded.participants[0].name == "Côte d'Ivoire"
    assert canonical(text, "new.yaml") == text


def test_a_rule_with_requirements() -> None:
    status = parse_status(status_xml([]), HANOI_URL)
    rule = {"threshold": 5, "after": {"days": 30}, "requires": [{"group": "nuclear", "at_least": 3}]}
    text = new_ledger_text(status, HANOI_URL, READ_ON, rule)
    loaded = read_ledger(text=text, name="new.yaml").ledger
    assert loaded.participants == ()
    assert loaded.treaty.entry_into_force.requires[0].at_least == 3


def test_a_name_that_matches_nothing_refuses_the_whole_ledger() -> None:
    status = parse_status(
        status_xml([["Atlantis Trading Company", "25 Oct 2025", None], ["Atlantis", "25 Oct 2025", None]]), HANOI_URL
    )
    with pytest.raises(LedgerError) as caught:
        new_ledger_text(status, HANOI_URL, READ_ON, {"threshold": 1, "after": {"days": 1}})
    assert caught.value.exit_code == ExitCode.PROBLEMS
    assert [problem.code for problem in caught.value.problems] == ["unknown-participant-name"] * 2
    assert "'Atlantis'" in caught.value.problems[1].message


def test_without_a_treaty_id_it_asks_for_one() -> None:
    status = parse_status(status_xml([]), "copy.xml")
    with pytest.raises(LedgerError) as caught:
        new_ledger_text(status, "copy.xml", READ_ON, {"threshold": 1, "after": {"days": 1}})
    assert caught.value.problems[0].code == "missing-treaty-id"


def test_two_hundred_participants() -> None:
    status = parse_status(generate_status(200), HANOI_URL)
    text = new_ledger_text(status, HANOI_URL, READ_ON, {"threshold": 40, "after": {"days": 90}})
    assert len(read_ledger(text=text, name="new.yaml").ledger.participants) == 200
    assert canonical(text, "new.yaml") == text
