"""The edits themselves (core.editing): what ``record`` changes, what ``fmt`` makes canonical."""

from __future__ import annotations

import re
from datetime import date

import pytest
import yaml

from conftest import DATA, SAMPLE, assert_golden
from hanoi_cli.core.commands import transaction
from hanoi_cli.core.editing.canonical import canonical
from hanoi_cli.core.editing.record import country_name, record
from hanoi_cli.core.ledger.problems import LedgerError
from hanoi_cli.core.reading.ledger_paths import shipped_ledger

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
MESSY_TEXT = (DATA / "messy.yaml").read_text(encoding="utf-8")


def changed_lines(before: str, after: str) -> list[str]:
    diff = transaction.unified_diff(before, after, "x").splitlines()
    return [line for line in diff[2:] if line[:1] in "+-"]


def codes(error: pytest.ExceptionInfo[LedgerError]) -> list[str]:
    return [problem.code for problem in error.value.problems]


def test_record_adds_one_line_and_keeps_everything_else() -> None:
    edit = record(SAMPLE_TEXT, "sample.yaml", who="VNM", action="ratification", on=date(2022, 3, 1))
    assert edit.changed
    assert changed_lines(SAMPLE_TEXT, edit.text) == ["+    ratification: 2022-03-01"]
    assert 'notes: NO                  # unquoted: must stay the text "NO", not false' in edit.text
    assert edit.text.startswith("# A small treaty for the tests")


def test_record_by_name_ignores_case_and_accents() -> None:
    edit = record(SAMPLE_TEXT, "s", who="viet nam", action="domestic-approval".replace("-", "_"), on=date(2021, 5, 5))
    assert not edit.changed and "already has domestic_approval 2021-05-05" in edit.message
    text = SAMPLE_TEXT.replace("name: Peru", "name: Perú")
    edit = record(text, "s", who="PERU", action="accession", on=date(2020, 1, 1), replace=True)
    assert changed_lines(text, edit.text) == ["-    ratification: 2020-11-02", "+    accession: 2020-01-01"]


def test_the_new_key_goes_to_its_place_in_model_order() -> None:
    edit = record(SAMPLE_TEXT, "s", who="GHA", action="signature", on=date(2020, 5, 1), source="https://example.org/gh")
    block = edit.text.split("- name: Ghana\n", 1)[1].split("  - name:", 1)[0]
    assert block == (
        "    code: GHA\n    signature:\n      date: 2020-05-01\n      source: https://example.org/gh\n"
        "    accession: 2020-06-30\n"
    )


def test_a_key_appended_last_does_not_take_the_next_items_comment() -> None:
    text = SAMPLE_TEXT.replace("  - name: Ghana\n", "  # Ghana acceded\n  - name: Ghana\n")
    edit = record(text, "s", who="CHL", action="acceptance", on=date(2020, 5, 20), source="https://example.org/cl")
    assert "    source: https://example.org/cl\n  # Ghana acceded\n  - name: Ghana\n" in edit.text
    assert len(changed_lines(text, edit.text)) == 1


def test_a_new_participant_is_added_in_name_order_with_its_iso_name() -> None:
    edit = record(SAMPLE_TEXT, "s", who="fji", action="signature", on=date(2020, 2, 1))
    assert changed_lines(SAMPLE_TEXT, edit.text) == ["+  - name: Fiji", "+    code: FJI", "+    signature: 2020-02-01"]
    assert edit.text.index("name: Fiji") < edit.text.index("name: Ghana")  # before the first name after it
    assert edit.notes and "--name" in edit.notes[0]
    named = record(
        SAMPLE_TEXT, "s", who="IRN", action="signature", on=date(2020, 2, 1), new_name="Iran (Islamic Republic of)"
    )
    assert "- name: Iran (Islamic Republic of)\n    code: IRN\n" in named.text
    assert named.notes == ("no --source: the signature is shown as unsourced until a source is given",)


def test_a_new_participant_at_the_end_keeps_the_files_last_comment_last() -> None:
    text = SAMPLE_TEXT + "# end of the list\n"
    edit = record(text, "s", who="ZWE", action="signature", on=date(2020, 2, 1))
    assert edit.text.endswith("  - name: Zimbabwe\n    code: ZWE\n    signature: 2020-02-01\n# end of the list\n")


def test_iso_names_read_naturally() -> None:
    assert country_name("VNM") == "Viet Nam"  # the UN's spelling, not "Vietnam"
    assert country_name("BOL") == "Bolivia (Plurinational State of)"  # the UN's, not ISO's inverted name
    assert country_name("KOR") == "Republic of Korea"  # not "South Korea"
    assert country_name("SYR") == "Syrian Arab Republic"
    assert country_name("EUU") == "European Union"  # the shared UN name table
    assert country_name("QQQ") is None


@pytest.mark.parametrize(
    ("who", "kwargs", "code", "fragment"),
    [
        ("Vietnm", {}, "unknown-participant", "did you mean 'Viet Nam'?"),
        ("EUX", {}, "unknown-country-code", "--name"),
        ("NOR", {"on": date(2020, 3, 11)}, "date-recorded", "already has ratification 2020-03-10: use --replace"),
        ("NOR", {"action": "accession"}, "instrument-recorded", "at most one instrument"),
        ("NOR", {"new_name": "Norge"}, "name-mismatch", "--name only names a new participant"),
    ],
)
def test_edits_that_are_refused(who: str, kwargs: dict, code: str, fragment: str) -> None:
    arguments = {"action": "ratification", "on": date(2020, 3, 10), **kwargs}
    with pytest.raises(LedgerError) as error:
        record(SAMPLE_TEXT, "sample.yaml", who=who, **arguments)
    assert codes(error) == [code]
    assert fragment in error.value.problems[0].message


def test_a_refused_date_points_at_the_recorded_value() -> None:
    with pytest.raises(LedgerError) as error:
        record(SAMPLE_TEXT, "sample.yaml", who="NOR", action="ratification", on=date(2020, 3, 11))
    problem = error.value.problems[0]
    assert (problem.line, problem.column) == (20, 19)
    assert SAMPLE_TEXT.splitlines()[19][18:] == "2020-03-10"


def test_record_keeps_the_files_own_indentation() -> None:
    head, participants = SAMPLE_TEXT.split("participants:\n")
    participants = participants.replace("  - name:", "- name:").replace("\n    ", "\n  ")
    head = re.sub(r"(?m)^( +)", lambda match: match.group(1) * 2, head)
    text = head + "participants:\n" + participants  # 4-space mappings, dashes flush left
    edit = record(text, "s", who="GHA", action="signature", on=date(2020, 5, 1))
    assert changed_lines(text, edit.text) == ["+  signature: 2020-05-01"]


def test_canonical_form_of_a_messy_ledger() -> None:
    assert_golden("messy.fmt.yaml", canonical(MESSY_TEXT, "messy.yaml"))


def test_canonical_keeps_every_comment() -> None:
    formatted = canonical(MESSY_TEXT, "messy.yaml")
    comments = sorted(line.split("#", 1)[1] for line in MESSY_TEXT.splitlines() if "#" in line)
    assert sorted(line.split("#", 1)[1] for line in formatted.splitlines() if "#" in line) == comments
    # and each full-line comment stays above what it describes
    assert "  # Österreich is sorted under O\n  - name: Österreich\n" in formatted
    assert "  # About Chile, which goes first\n  - name: chile\n" in formatted
    assert "    # before notes\n    notes: text\n" in formatted
    assert "  # the rule\n  entry_into_force:\n" in formatted


def test_canonical_is_idempotent_and_keeps_the_data() -> None:
    once = canonical(MESSY_TEXT, "messy.yaml")
    assert canonical(once, "messy.yaml") == once
    before, after = yaml.load(MESSY_TEXT, Loader=yaml.BaseLoader), yaml.load(once, Loader=yaml.BaseLoader)
    assert after["treaty"] == before["treaty"]
    assert sorted(after["participants"], key=lambda p: p["code"]) == sorted(
        before["participants"], key=lambda p: p["code"]
    )


def test_the_shipped_ledger_is_canonical() -> None:
    text = shipped_ledger().read_text(encoding="utf-8")
    assert canonical(text, "signatories.yaml") == text


def test_crlf_and_byte_order_mark_are_kept() -> None:
    original = b"\xef\xbb\xbfa: 1\r\nb: 2\r\n"
    assert transaction.encode_like(original, "a: 1\r\nb: 3\r\n") == b"\xef\xbb\xbfa: 1\r\nb: 3\r\n"
    assert transaction.decode_for_editing(original, "x") == "a: 1\r\nb: 2\r\n"  # line ends are the editor's to keep


def test_canonical_keeps_a_moved_keys_comment_when_its_mapping_has_an_end_of_line_comment() -> None:
    # The comment above a key that moves to the front of a mapping (or an item that moves to the
    # front of a list) went missing when the parent key carried an end-of-line comment.
    text = SAMPLE_TEXT.replace("treaty:\n  id: TEST-1\n  title:", "treaty:   # the treaty\n  title:").replace(
        "  short_title: Test Convention\n", "  short_title: Test Convention\n  # about the id\n  id: TEST-1\n"
    )
    formatted = canonical(text, "s")
    assert "treaty:   # the treaty\n  # about the id\n  id: TEST-1\n  title:" in formatted
    text = SAMPLE_TEXT.replace("participants:\n", "participants:  # the list\n").replace(
        "  - name: Chile\n", "  # about Chile\n  - name: Chile\n"
    )
    formatted = canonical(text, "s")
    assert "participants:  # the list\n  # about Chile\n  - name: Chile\n" in formatted
    comments = sorted(line.split("#", 1)[1] for line in text.splitlines() if "#" in line)
    assert sorted(line.split("#", 1)[1] for line in formatted.splitlines() if "#" in line) == comments


def test_a_new_participant_in_an_empty_list_goes_above_the_files_last_comment() -> None:
    text = SAMPLE_TEXT.split("participants:\n")[0] + "participants: []   # none yet\n# the end\n"
    edit = record(text, "s", who="GHA", action="accession", on=date(2020, 6, 30))
    assert edit.text.endswith("  - name: Ghana\n    code: GHA\n    accession: 2020-06-30\n# the end\n")
    assert "# none yet" in edit.text


def test_a_tab_after_a_colon_is_edited_like_a_space() -> None:
    # The reading path accepts a tab after the colon, so the edit does too (the round trip once refused it).
    text = SAMPLE_TEXT.replace("    domestic_approval: 2021-05-05", "    domestic_approval:\t2021-05-05")
    edit = record(text, "s", who="VNM", action="ratification", on=date(2022, 3, 1))
    assert "    domestic_approval:\t2021-05-05\n" in edit.text and "ratification: 2022-03-01" in edit.text
