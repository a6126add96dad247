"""The table written segment by segment prints exactly what Rich's ``Table`` prints, in every mode."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanoi_cli.render import layout
from hanoi_cli.render.layout import Column, Output, plan_widths

COLUMNS = (
    Column("Participant", "words"),
    Column("Code"),
    Column("Count", justify="right"),
    Column("In force"),
    Column("Flags", "items", style="dim"),
)
MODES = {  # (a terminal, its colours, NO_COLOR)
    "pipe": (False, None, False),
    "colour terminal": (True, "truecolor", False),
    "terminal, NO_COLOR": (True, "standard", True),
}

words = st.text(alphabet="abcXYZ éü日本\u200b-'", min_size=0, max_size=12)
names = st.lists(words, min_size=0, max_size=4).map(" ".join)
cell = st.text(alphabet="0123456789-ABC\t", min_size=0, max_size=10)
flags = st.lists(st.sampled_from(["REIO", "reservations", "domestic approval", ""]), max_size=3).map(tuple)
rows = st.lists(st.tuples(names, cell, cell, cell, flags), min_size=1, max_size=6)
styles = st.lists(st.tuples(*[st.sampled_from(["", "", "cyan", "bold red", "dim"])] * 5), min_size=6, max_size=6)


def printed(mode: str, width: int, draw) -> str:
    terminal, colours, no_color = MODES[mode]
    from rich.console import Console

    out = Output()
    out.console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=terminal,
        color_system=colours,
        no_color=no_color,
        highlight=False,
    )
    out.piped, out.width = not terminal, width
    draw(out)
    return out.console.file.getvalue()


@settings(max_examples=120, deadline=None)
@given(table=rows, row_styles=styles, width=st.integers(min_value=20, max_value=140), mode=st.sampled_from(list(MODES)))
def test_the_fast_table_prints_what_rich_prints(table, row_styles, width, mode) -> None:
    widths = plan_widths(COLUMNS, table, width)
    if widths is None:
        return  # the stacked layout: not a table
    chosen = row_styles[: len(table)]
    fast = printed(mode, width, lambda out: layout.print_table(out, COLUMNS, table, row_styles=chosen))
    rich = printed(mode, width, lambda out: out.print(layout._rich_table(COLUMNS, table, widths, chosen)))
    assert fast == rich


def test_the_fast_table_is_used_for_plain_text_and_rich_for_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    table = [("Norway", "NOR", "12", "2020-01-01", ("REIO",))]
    assert layout._table_segments(COLUMNS, table, plan_widths(COLUMNS, table, 80), None) is not None
    tabbed = [("Norway", "N\tOR", "12", "2020-01-01", ("REIO",))]
    assert layout._table_segments(COLUMNS, tabbed, plan_widths(COLUMNS, tabbed, 80), None) is None


def test_in_a_pipe_the_table_is_written_as_text_without_rich_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    """No style is drawn in a pipe: the lines are written as text (a big table held three copies
    of itself as segments and their capture), the bytes Rich would print."""
    table = [
        ("Norway of the very long name", "NOR", "12", "2020-01-01", ("REIO", "reservations")),
        ("Peru", "PER", "7", "", ()),
    ]
    chosen = [("", "", "", "cyan", ""), ("bold red", "", "", "", "")]
    widths = plan_widths(COLUMNS, table, 60)
    rich = printed("pipe", 60, lambda out: out.print(layout._rich_table(COLUMNS, table, widths, chosen)))
    monkeypatch.setattr(layout, "_table_segments", lambda *args: pytest.fail("segments built for a pipe"))
    assert printed("pipe", 60, lambda out: layout.print_table(out, COLUMNS, table, row_styles=chosen)) == rich
    assert "\nthe very\nlong name\nPeru         PER       7\n" in rich  # wrapped; no padding at line ends


def test_ten_thousand_rows_are_written_quickly() -> None:
    import time

    table = [(f"Participant {n}", "NOR", str(n), "2020-01-01", ("REIO", "reservations")) for n in range(10_000)]
    start = time.process_time()
    text = printed("pipe", 120, lambda out: layout.print_table(out, COLUMNS, table))
    assert time.process_time() - start < 2.5  # about 0.25 s; Rich's Table took 3.5 s
    assert text.count("\n") == 10_002 and "Participant 9999  NOR    9999  2020-01-01  REIO, reservations\n" in text


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="ab é日\t\n-", max_size=20), width=st.integers(min_value=1, max_value=25))
def test_a_name_is_wrapped_as_textwrap_wraps_it(text: str, width: int) -> None:
    import textwrap

    expected = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]
    assert layout.cell_lines(Column("Name", "words"), text, width) == expected


@given(text=st.text(max_size=12))
def test_cells_are_counted_as_rich_counts_them(text: str) -> None:
    from rich.cells import cell_len

    assert layout.cell_len(text) == cell_len(text)
