"""Unified diffs: difflib's own for ordinary ledgers, a correct patch in linear time for huge ones."""

from __future__ import annotations

import difflib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanoi_cli.core.editing import text_diff

LINES = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "  - name: X\n", "    code: NOR\n", "\n", "end"]), max_size=40)


def applied(before: str, diff: str) -> str:
    """``before`` with the unified ``diff`` applied, hunk by hunk (as ``patch`` would)."""
    old = before.splitlines(keepends=True)
    lines = diff.splitlines(keepends=True)[2:]
    result: list[str] = []
    position = 0
    for index, line in enumerate(lines):
        if line.startswith("\\"):  # "\ No newline at end of file": the previous line had none
            target = result if lines[index - 1][0] in " +" else None
            if target is not None and target[-1].endswith("\n"):
                target[-1] = target[-1][:-1]
            continue
        hunk = re.match(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@", line)
        if hunk:
            start = int(hunk.group(1)) - (0 if hunk.group(2) == "0" else 1)
            result += old[position:start]
            position = start
        elif line[0] in " -":
            assert old[position].rstrip("\n") == line[1:].rstrip("\n")
            if line[0] == " ":
                result.append(old[position])
            position += 1
        elif line[0] == "+":
            result.append(line[1:])
    return "".join(result + old[position:])


@given(LINES, LINES)
def test_ordinary_texts_get_exactly_difflibs_diff(before: list[str], after: list[str]) -> None:
    a, b = "".join(before), "".join(after)
    expected = "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        for line in difflib.unified_diff(
            a.splitlines(keepends=True), b.splitlines(keepends=True), fromfile="x", tofile="x"
        )
    )
    assert text_diff.unified_diff(a, b, "x") == expected


@settings(max_examples=300)
@given(LINES, LINES)
def test_the_linear_diff_is_a_correct_patch(before: list[str], after: list[str]) -> None:
    a, b = "".join(before), "".join(after)
    previous = text_diff.DIFFLIB_LINES, text_diff._SMALL
    text_diff.DIFFLIB_LINES, text_diff._SMALL = 0, 2  # the huge-file path, on small texts
    try:
        diff = text_diff.unified_diff(a, b, "x")
    finally:
        text_diff.DIFFLIB_LINES, text_diff._SMALL = previous
    assert applied(a, diff) == b
    assert (diff == "") == (a == b)


def test_a_reordered_ledger_of_fifty_thousand_participants_is_diffed_in_linear_time() -> None:
    """fmt sorts participants by name: the anchored diff matches names, difflib took 26 s."""
    import time

    names = [f"Participant {number}" for number in range(50_000)]
    block = "  - name: {}\n    code: NOR\n    signature: 2020-01-0{}\n"
    before = "participants:\n" + "".join(block.format(name, n % 9 + 1) for n, name in enumerate(names))
    after = "participants:\n" + "".join(
        block.format(name, n % 9 + 1) for n, name in sorted(enumerate(names), key=lambda pair: pair[1])
    )
    start = time.process_time()
    diff = text_diff.unified_diff(before, after, "x")
    assert time.process_time() - start < 5  # about 0.2 s; difflib needs minutes here
    assert applied(before, diff) == after


@pytest.mark.parametrize("where", [0, 1, 25_000, 49_999])
def test_one_line_added_to_a_huge_ledger_is_one_hunk(where: int) -> None:
    lines = [f"  - name: P{n}\n    code: NOR\n" for n in range(50_000)]
    before = "".join(lines)
    after = "".join([*lines[:where], "    ratification: 2026-11-01\n", *lines[where:]])
    diff = text_diff.unified_diff(before, after, "x")
    assert diff.count("@@ -") == 1 and diff.count("\n+    ratification") == 1
    assert applied(before, diff) == after
