"""The shared text builders of cli/formats.py: the rules every renderer relies on."""

from __future__ import annotations

from hanoi_cli.render.formats import csv_text, dump_json, md_cell, md_row, plural


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
