"""The text of a UNTC status cell: escaped markup out, footnote numbers aside, spacing collapsed.

UNTC sends markup *escaped* inside text (``China&lt;superscript&gt;4,5&lt;/superscript&gt;``, so
the parsed text reads ``China<superscript>4,5</superscript>``), sometimes escaped twice, and
pads dates with tabs and no-break spaces. One function cleans every cell, heading and header.

A status file is hostile until read, and may be 10 MB of one cell, so every step here takes time
linear in the text: no pattern can backtrack over what it has already scanned (an unclosed
``<superscript>`` is matched to its closing tag by position, not by a lazy ``.*?``), and footnote
numbers are ASCII digits of at most ``MAX_FOOTNOTE_DIGITS`` (a longer run is no footnote marker,
and ``int`` is never asked to read thousands of digits).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from typing import NamedTuple

MAX_FOOTNOTE_DIGITS = 6  # UNTC's end notes run to a few hundred

_OPEN = re.compile(r"<\s*superscript\s*>", re.IGNORECASE)
_CLOSE = re.compile(r"<\s*/\s*superscript\s*>", re.IGNORECASE)
# A tag: the optional "/" takes its own spacing, so a run of spaces is never split two ways.
_TAG = re.compile(r"<\s*(?:/\s*)?[A-Za-z][^<>]*>")
_ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_NUMBER = re.compile(r"[0-9]+")
# A character reference too long to be one (html.unescape would give int() all its digits).
_LONG_REFERENCE = re.compile(r"&#(?:[0-9]{8,}|[xX][0-9A-Fa-f]{7,});?")
_MARKER_CHARS = frozenset("0123456789, \t\n\r\f\v")
# Control characters no ledger may hold. C1 ones are what a Windows-1252 byte becomes when the file
# says ISO-8859-1 ("\x92" is the apostrophe of "Côte d\x92Ivoire"): read as Windows-1252 where it
# defines them, else (and DEL, and C0 controls other than spacing) a space.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _printable(match: re.Match[str]) -> str:
    char = match[0]
    if "\x80" <= char <= "\x9f":
        try:
            return bytes([ord(char)]).decode("cp1252")
        except UnicodeDecodeError:
            return " "
    return " "


class CleanText(NamedTuple):
    """A cell's readable text and the footnote numbers that were glued to it."""

    text: str
    footnotes: tuple[int, ...]


def footnote_numbers(text: str) -> list[int]:
    """The ASCII numbers in ``text`` short enough to be footnote markers."""
    return [int(number) for number in _NUMBER.findall(text) if len(number) <= MAX_FOOTNOTE_DIGITS]


def _set_superscripts_aside(text: str, footnotes: list[int]) -> str:
    """Each ``<superscript>…</superscript>`` (to the first closing tag after it) replaced by a space,
    its numbers added to ``footnotes``; in one pass over the tags' positions."""
    closes = [(match.start(), match.end()) for match in _CLOSE.finditer(text)]
    if not closes:
        return text
    starts = [start for start, _ in closes]
    parts: list[str] = []
    done = 0
    for opening in _OPEN.finditer(text):
        if opening.start() < done:
            continue  # inside a superscript already set aside
        index = bisect_left(starts, opening.end())
        if index == len(closes):
            break  # no closing tag after this one, nor after any later one
        close_start, close_end = closes[index]
        parts.append(text[done : opening.start()])
        parts.append(" ")
        footnotes.extend(footnote_numbers(text[opening.end() : close_start]))
        done = close_end
    parts.append(text[done:])
    return "".join(parts)


def _trailing_markers(text: str) -> tuple[str, list[int]]:
    """Footnote markers flattened onto the end of a name ("Participant3,4", "Denmark 1",
    "North Macedonia 4 ,"): digits, commas and spaces after a letter, each number short."""
    end = len(text)
    start = end
    while start > 0 and text[start - 1] in _MARKER_CHARS:
        start -= 1
    if start in (0, end):
        return text, []
    tail = text[start:]
    numbers = _NUMBER.findall(tail)
    if not numbers or any(len(number) > MAX_FOOTNOTE_DIGITS for number in numbers):
        return text, []
    # Numbers must be separated by commas ("3,4", "4 ,"), not spaces alone ("1 2" is no marker list).
    for gap in re.split(r"[0-9]+", tail.strip(" ,\t\n\r\f\v"))[1:-1]:
        if "," not in gap:
            return text, []
    return text[:start].rstrip(" ,"), [int(number) for number in numbers]


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

        text = html.unescape(_LONG_REFERENCE.sub("\ufffd", text))
    footnotes: list[int] = []
    text = _set_superscripts_aside(text, footnotes)
    text = _CONTROL.sub(_printable, _TAG.sub("", text))
    text = " ".join(unicodedata.normalize("NFC", text).split())
    if trailing_markers:
        text, markers = _trailing_markers(text)
        footnotes.extend(markers)
    return CleanText(text, tuple(footnotes))
