"""The text of a UNTC status cell: escaped markup out, footnote numbers aside, spacing collapsed.

UNTC sends markup *escaped* inside text (``China&lt;superscript&gt;4,5&lt;/superscript&gt;``, so
the parsed text reads ``China<superscript>4,5</superscript>``), sometimes escaped twice, and
pads dates with tabs and no-break spaces. One function cleans every cell, heading and header.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

_SUPERSCRIPT = re.compile(r"<\s*superscript\s*>(.*?)<\s*/\s*superscript\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>")
_ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_NUMBER = re.compile(r"[0-9]+")
# Footnote markers flattened onto the end of a name ("Participant3,4", "Denmark 1", "North Macedonia 4 ,").
_TRAILING_MARKERS = re.compile(r"(?<=[^\s0-9,])[\s,]*([0-9]+(?:\s*,\s*[0-9]+)*)[\s,]*$")


class CleanText(NamedTuple):
    """A cell's readable text and the footnote numbers that were glued to it."""

    text: str
    footnotes: tuple[int, ...]


def clean(raw: str | None, *, trailing_markers: bool = False) -> CleanText:
    """The text without markup, footnote numbers aside, every run of spacing (TAB, NBSP) one space.

    ``trailing_markers`` also takes digits off the end (names and headings, never dates): markers
    that lost their ``superscript`` tags on the way.
    """
    if not raw:
        return CleanText("", ())
    text = raw
    if _ENTITY.search(text):  # escaped twice: unescape once more, never more
        import html  # rare, and html.entities is large

        text = html.unescape(text)
    footnotes: list[int] = []

    def aside(match: re.Match[str]) -> str:
        footnotes.extend(int(number) for number in _NUMBER.findall(match[1]))
        return " "

    text = _SUPERSCRIPT.sub(aside, text)
    text = _TAG.sub("", text)
    text = " ".join(unicodedata.normalize("NFC", text).split())
    if trailing_markers:
        match = _TRAILING_MARKERS.search(text)
        if match:
            footnotes.extend(int(number) for number in _NUMBER.findall(match[1]))
            text = text[: match.start()].rstrip(" ,")
    return CleanText(text, tuple(footnotes))
