"""Unified diffs of a ledger's text before and after an edit, in time that grows with the file.

``difflib`` finds each longest common block anew in every part it splits, which is quadratic in
the lines that repeat (a ledger of 50,000 participants repeats ``code:`` and date lines hundreds
of times): 26 s for ``fmt --check`` of one. Texts of up to ``DIFFLIB_LINES`` lines get exactly
difflib's diff. Longer ones are matched first on what they share at the start and the end, then
on the lines that occur once in each side (a participant's ``name:`` line), kept in order
(patience diff), and difflib matches only the small stretches between those anchors. The result
is always a correct patch; it may align a stretch of repeated lines differently from difflib.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence

DIFFLIB_LINES = 20_000  # up to this many lines in both texts together, difflib's own diff
_SMALL = 400  # a stretch this short (either side) goes to difflib as it is


def unified_diff(before: str, after: str, name: str, context: int = 3) -> str:
    """The change as a unified diff, ``patch -p0`` style (``---``/``+++`` name the same file)."""
    import difflib

    from hanoi_cli.core.reading.loader import collector_paused

    with collector_paused():  # a tuple or two per line: the collector's passes would only cost
        a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
        if len(a) + len(b) <= DIFFLIB_LINES:
            lines: Iterator[str] = difflib.unified_diff(a, b, fromfile=name, tofile=name, n=context)
        else:
            lines = _unified(a, b, name, context)
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _unified(a: list[str], b: list[str], name: str, context: int) -> Iterator[str]:
    """difflib.unified_diff's hunks and text, over matching blocks found in linear time."""
    import difflib

    matcher: difflib.SequenceMatcher[str] = difflib.SequenceMatcher(None, [], [])  # only its hunk grouping is used
    # what get_opcodes builds on (an attribute the stubs do not declare), found our way
    matcher.matching_blocks = matching_blocks(a, b)  # type: ignore[attr-defined]
    for number, group in enumerate(matcher.get_grouped_opcodes(context)):
        if number == 0:
            yield f"--- {name}\n"
            yield f"+++ {name}\n"
        first, last = group[0], group[-1]
        yield f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from (" " + line for line in a[i1:i2])
                continue
            if tag in ("replace", "delete"):
                yield from ("-" + line for line in a[i1:i2])
            if tag in ("replace", "insert"):
                yield from ("+" + line for line in b[j1:j2])


def _range(start: int, stop: int) -> str:
    """A hunk's range as unified diffs write it (as difflib does: an empty range names the line before)."""
    beginning, length = start + 1, stop - start
    if length == 1:
        return f"{beginning}"
    if not length:
        beginning -= 1
    return f"{beginning},{length}"


def matching_blocks(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int]]:
    """``(i, j, size)`` blocks where ``a`` and ``b`` agree, increasing in both, as difflib's
    ``get_matching_blocks`` gives them (adjacent blocks joined, ``(len(a), len(b), 0)`` last)."""
    found: list[tuple[int, int, int]] = []
    _match(a, b, 0, len(a), 0, len(b), found)
    joined: list[tuple[int, int, int]] = []
    for i, j, size in found:
        if joined and joined[-1][0] + joined[-1][2] == i and joined[-1][1] + joined[-1][2] == j:
            joined[-1] = (joined[-1][0], joined[-1][1], joined[-1][2] + size)
        elif size:
            joined.append((i, j, size))
    joined.append((len(a), len(b), 0))
    return joined


def _match(
    a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int, found: list[tuple[int, int, int]]
) -> None:
    """Append the blocks of ``a[alo:ahi]`` and ``b[blo:bhi]`` to ``found``, in order."""
    head = 0
    while alo + head < ahi and blo + head < bhi and a[alo + head] == b[blo + head]:
        head += 1
    tail = 0
    while ahi - tail > alo + head and bhi - tail > blo + head and a[ahi - tail - 1] == b[bhi - tail - 1]:
        tail += 1
    found.append((alo, blo, head))
    alo, blo, ahi, bhi = alo + head, blo + head, ahi - tail, bhi - tail
    if alo < ahi and blo < bhi:
        anchors = [] if min(ahi - alo, bhi - blo) <= _SMALL else _anchors(a, b, alo, ahi, blo, bhi)
        if not anchors:
            _difflib_blocks(a, b, alo, ahi, blo, bhi, found)
        else:
            for i, j in anchors:
                _match(a, b, alo, i, blo, j, found)
                found.append((i, j, 1))
                alo, blo = i + 1, j + 1
            _match(a, b, alo, ahi, blo, bhi, found)
    found.append((ahi, bhi, tail))


def _difflib_blocks(
    a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int, found: list[tuple[int, int, int]]
) -> None:
    import difflib

    matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi])
    found.extend((alo + i, blo + j, size) for i, j, size in matcher.get_matching_blocks())


def _anchors(a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int) -> list[tuple[int, int]]:
    """Lines that occur exactly once in each side, the longest run of them in the same order."""
    seen_a: dict[str, int] = {}
    for i in range(alo, ahi):
        seen_a[a[i]] = -1 if a[i] in seen_a else i
    seen_b: dict[str, int] = {}
    for j in range(blo, bhi):
        line = b[j]
        if seen_a.get(line, -1) >= 0:
            seen_b[line] = -1 if line in seen_b else j
    pairs = sorted((seen_a[line], j) for line, j in seen_b.items() if j >= 0)
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by their first item) increasing in the second."""
    tails: list[int] = []  # tails[k]: the smallest j ending an increasing run of k + 1 pairs
    ends: list[int] = []  # the index in pairs of that run's last pair
    before: list[int] = []  # each pair's predecessor in its run
    for index, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            ends.append(index)
        else:
            tails[length], ends[length] = j, index
        before.append(ends[length - 1] if length else -1)
    run, index = [], ends[-1] if ends else -1
    while index >= 0:
        run.append(pairs[index])
        index = before[index]
    return run[::-1]
