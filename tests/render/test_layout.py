"""``render.layout``: whatever the data and the width, nothing that must stay whole is ever split."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanoi_cli.render.layout import Column, Output, plan_widths, print_table, prose_lines

COLUMNS = (
    Column("Participant", "words"),
    Column("Code"),
    Column("Signature"),
    Column("Flags", "items"),
)

words = st.text(alphabet="abcdefghij", min_size=1, max_size=14)
names = st.lists(words, min_size=1, max_size=4).map(" ".join)
codes = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3)
dates = st.dates().map(lambda day: day.isoformat())
flags = st.lists(st.sampled_from(["REIO", "reservations", "domestic approval", "unconfirmed"]), unique=True).map(tuple)
rows = st.lists(st.tuples(names, codes, dates, flags), min_size=1, max_size=8)


@settings(max_examples=150, deadline=None)
@given(table=rows, width=st.integers(min_value=30, max_value=140))
def test_codes_dates_and_flags_are_never_split(table, width) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        lines = _render_plain(monkeypatch, table, width).splitlines()
    for name, code, day, marks in table:
        for piece in (code, day, *marks):
            assert any(piece in line for line in lines), (piece, width)
        for word in name.split():  # names wrap at spaces, never inside a word
            assert any(word in line.split() for line in lines), (word, width)
    assert all(line == line.rstrip() for line in lines)  # not a terminal: no padding at line ends
    if plan_widths(COLUMNS, table, width) is not None:
        assert all(len(line) <= width for line in lines)


def _render_plain(monkeypatch: pytest.MonkeyPatch, table: list, width: int) -> str:
    import io
    import sys

    monkeypatch.setenv("COLUMNS", str(width))
    buffer = io.StringIO()
    monkeypatch.setattr(sys, "stdout", buffer)
    print_table(Output(), COLUMNS, table, head=(0, 1))
    return buffer.getvalue()


def test_a_table_too_wide_for_the_width_is_stacked(monkeypatch) -> None:
    table = [("European Union", "EUU", "2020-02-01", ("REIO", "domestic approval"))]
    wide = _render_plain(monkeypatch, table, 80)
    assert wide.splitlines()[0].split() == ["Participant", "Code", "Signature", "Flags"]
    narrow = _render_plain(monkeypatch, table, 30)
    assert narrow.splitlines() == ["European Union  EUU", "  Signature 2020-02-01  REIO", "  domestic approval"]


@given(
    text=st.lists(
        st.sampled_from(["the", "treaty", "entered", "on", "30 June 2020,", "after", "1 May 2021"]),
        min_size=1,
        max_size=30,
    ).map(" ".join),
    width=st.integers(min_value=13, max_value=100),  # the longest token fits
)
def test_prose_wraps_at_spaces_and_never_inside_a_date(text, width) -> None:
    lines = prose_lines(text, width)
    assert " ".join(lines) == text
    assert all(len(line) <= width for line in lines)
    for date in ("30 June 2020", "1 May 2021"):
        assert text.count(date) == sum(line.count(date) for line in lines)


def test_a_long_line_hangs_at_spaces_and_loses_nothing() -> None:
    from hanoi_cli.render.layout import hanging_lines

    line = "  Threshold instrument  Ghana (GHA), 2020-06-30  → Ghana (GHA), 2020-05-25 on 28 September 2020"
    lines = hanging_lines(line, 24)
    assert lines[0].startswith("  Threshold") and all(later.startswith("    ") for later in lines[1:])
    assert all(len(piece) <= 24 for piece in lines)
    assert " ".join(piece.strip() for piece in lines).split() == line.split()  # every word, in order
    assert "28 September 2020" in "\n".join(lines)  # a long date is one token
    assert hanging_lines("https://example.org/a/very/long/path/that/cannot/break", 20) == [
        "https://example.org/a/very/long/path/that/cannot/break"
    ]


def test_a_wide_gap_gives_way_before_the_table_does(monkeypatch) -> None:
    import io

    from hanoi_cli.render.layout import Column, Output, print_table

    monkeypatch.setenv("COLUMNS", "22")
    stream = io.StringIO()
    print_table(Output(stream=stream), (Column("A"), Column("B")), [("2020-01-01", "2020-02-02")], gap=3)
    assert stream.getvalue().splitlines()[2] == "2020-01-01  2020-02-02"  # 3 spaces would need 23 columns
