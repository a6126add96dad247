"""The shared text builders of render/formats.py and core/ledger/wording.py: the rules every renderer relies on."""

from __future__ import annotations

import pytest

from hanoi_cli.core.ledger.wording import long_date, ordinal, plural
from hanoi_cli.render.formats import csv_text, dump_json, md_cell, md_row


def test_md_cell_escapes_backslashes_and_pipes_and_keeps_one_line() -> None:
    assert md_cell("a|b\\c\nd") == "a\\|b\\\\c d"


def test_md_row_escapes_every_cell() -> None:
    assert md_row(["x|y", "", "**z**"]) == "| x\\|y |  | **z** |"


def test_csv_text_writes_empty_for_none_and_lowercase_booleans() -> None:
    text = csv_text(
        ("name", "count", "flag", "note"), [["Côte, d'Ivoire", 3, True, None], ["Peru", 0, False, 'say "hi"']]
    )
    assert text == 'name,count,flag,note\n"Côte, d\'Ivoire",3,true,\nPeru,0,false,"say ""hi"""\n'


def test_dump_json_is_indented_keeps_non_ascii_and_ends_with_a_newline() -> None:
    assert dump_json({"name": "Türkiye", "n": [1]}) == '{\n  "name": "Türkiye",\n  "n": [\n    1\n  ]\n}\n'


def test_plural_regular_and_irregular() -> None:
    assert [plural(n, "file") for n in (0, 1, 2)] == ["0 files", "1 file", "2 files"]
    assert [plural(n, "treaty", "treaties") for n in (1, 2)] == ["1 treaty", "2 treaties"]


def test_plural_shows_another_number_form_but_decides_by_the_count() -> None:
    assert plural(1.5, "counted instrument", shown="1.5") == "1.5 counted instruments"
    assert plural(1, "treaty", "treaties") == "1 treaty"
    assert plural(2, "treaty", "treaties") == "2 treaties"


def test_ordinals_and_long_dates_as_treaty_offices_write_them() -> None:
    from datetime import date

    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 40, 111, 122)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "40th", "111th", "122nd",
    ]  # fmt: skip
    assert long_date(date(2005, 12, 14)) == "14 December 2005"


def test_every_spelling_of_an_action_is_one_ledger_key() -> None:
    from hanoi_cli.core.ledger.instruments import INSTRUMENT_TYPES, ledger_key

    for text in ("Domestic-Approval", "domestic approval", " domestic_approval ", "DOMESTIC  APPROVAL"):
        assert ledger_key(text) == "domestic_approval"
    assert ledger_key("definitive signature", INSTRUMENT_TYPES) == "definitive_signature"
    assert ledger_key("signature", INSTRUMENT_TYPES) is None  # a signature is not an instrument
    assert ledger_key("ratifcation") is None


def test_the_untc_symbols_name_every_instrument_once() -> None:
    from hanoi_cli.core.ledger.instruments import INSTRUMENT_TYPES, UNTC_SYMBOLS

    assert set(UNTC_SYMBOLS) == set(INSTRUMENT_TYPES)
    assert len(set(UNTC_SYMBOLS.values())) == len(UNTC_SYMBOLS)


HUMAN_RUNS = {
    "status": ["status", "SAMPLE"],
    "status (many)": ["status", "SAMPLE", "SAMPLE"],
    "project": ["project", "SAMPLE", "--assume", "VNM=2023-07-01"],
    "forecast": ["forecast", "SAMPLE", "--seed", "1"],
    "timeline": ["timeline", "SAMPLE"],
    "validate": ["validate", "SAMPLE"],
    "diff": ["diff", "SAMPLE", "SAMPLE"],
}


@pytest.mark.parametrize("case", list(HUMAN_RUNS))
def test_text_and_table_are_one_human_format_in_every_command(run, case: str) -> None:
    from conftest import SAMPLE

    args = [str(SAMPLE) if arg == "SAMPLE" else arg for arg in HUMAN_RUNS[case]]
    env = {"HANOI_TODAY": "2023-06-01"}
    as_text = run(*args, "--format", "text", env=env)
    as_table = run(*args, "-f", "table", env=env)
    assert as_text.exit_code == as_table.exit_code
    assert as_text.exit_code in (0, 1), as_text.stderr  # 1: diff of equal files is 0, a warning is fine
    assert as_text.stdout == as_table.stdout and as_text.stdout.strip()
