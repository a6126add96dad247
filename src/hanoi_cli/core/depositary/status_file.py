"""The Secretary-General's status file of one treaty (MTDSG XML), read from bytes into plain data.

The file is ISO-8859-1 and says so in its declaration, so it is parsed as bytes and the
declaration decides. It is parsed with defusedxml, refusing any DTD (so no entity can expand and
no external resource is read) and anything over ``MAX_STATUS_BYTES``. What is not a status file —
an HTML or maintenance page, an empty, binary or truncated body, XML without
``Treaty/Participants`` — is refused as such, never read as "no participants".

Columns are found by the text of their headings (``Thead``), never by position, and each column's
suffix legend is read from its own heading (``Acceptance(A), Ratification, Approval(AA),
Accession(a)``: the item without a letter is the bare date), because a letter means different
things in different columns and treaties. An unknown heading, an unknown suffix, a cell that is
not one date or holds two is refused with the row it is in: guessing would put a wrong fact in a
ledger.

Withdrawn participants. UNTC prints the dates of a participant that has withdrawn in square
brackets (``[20 Jan 2021 A]``) and gives the date of the denunciation only in an end note. A row
with any bracketed cell is read with ``withdrawn=True`` and its bracketed dates kept as what they
are, the earlier signature and deposit; the denunciation date is *not* invented (it is not in the
table). ``sync_plan`` reports such a participant for the user to record the denunciation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Optional

from hanoi_cli.core.depositary.text import clean
from hanoi_cli.core.problems import ExitCode, LedgerError, Problem

MAX_STATUS_BYTES = 10 * 1024 * 1024  # the largest real status files are a few hundred kilobytes

MONTHS = {name: number for number, name in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
_FULL_MONTHS = {
    name: number
    for number, name in enumerate(
        "January February March April May June July August September October November December".split(), 1
    )
}

# What a heading item means, by its label (lower case): the ledger key it fills, or None for an
# item hanoi reads but does not record (provisional application is not consent to be bound).
SIGNATURE_ITEMS: dict[str, str] = {
    "signature": "signature",
    "succession to signature": "signature",  # a successor State's notification, dated like a signature
    "signature ad referendum": "signature",
}
CONSENT_ITEMS: dict[str, Optional[str]] = {
    "ratification": "ratification",
    "acceptance": "acceptance",
    "approval": "approval",
    "accession": "accession",
    "succession": "succession",
    "formal confirmation": "formal_confirmation",
    "definitive signature": "definitive_signature",
    "provisional application": None,
}
# Whole columns that are read past: what they hold is not a signature or a deposit.
IGNORED_HEADINGS = ("provisional application", "undertaking of provisional application")

_DATE = re.compile(r"([0-9]{1,2}) ([A-Z][a-z]{2}) ([0-9]{4})")
_CELL = re.compile(r"(\[)? ?([0-9]{1,2}) ([A-Z][a-z]{2}) ([0-9]{4})(?: ([A-Za-z]{1,3}))? ?(\])?")
_ITEM = re.compile(r"(.*?) ?\( ?([A-Za-z]{1,3}) ?\)")
_CONCLUSION = re.compile(r"^(.*?),? ([0-9]{1,2}) ([A-Z][a-z]+) ([0-9]{4})\.?$")
_TREATY_ID = re.compile(r"([IVXLivxl]+)(-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)\.en\.xml$")
_MAINTENANCE = b"urgent maintenance"


@dataclass(frozen=True)
class Instrument:
    """A deposit as the depositary records it: the ledger key of its type and its date."""

    kind: str
    date: date


@dataclass(frozen=True)
class StatusRow:
    """One participant row of the status table."""

    number: int
    """1-based position in the table body, for messages."""
    name: str
    """As printed, without its footnote markers."""
    footnotes: tuple[int, ...]
    signature: Optional[date]
    instrument: Optional[Instrument]
    withdrawn: bool
    """Any of the row's dates was in brackets: the participant has withdrawn (see the module docstring)."""
    line: Optional[int] = None


@dataclass(frozen=True)
class Column:
    """A column of the status table, as its heading declares it."""

    heading: str
    role: str  # "participant", "signature", "consent" or "ignored"
    legend: tuple[tuple[str, Optional[str]], ...] = ()
    """(suffix, ledger key) pairs; suffix "" is the bare date. A key of None: read, not recorded."""
    bare_items: int = 0
    """How many items of the heading have no letter: more than one makes a bare date ambiguous."""


@dataclass(frozen=True)
class DepositaryStatus:
    """What the status file says: the treaty's header and one row per participant."""

    source: str
    treaty_id: Optional[str]
    title: str
    conclusion_place: Optional[str]
    conclusion_date: Optional[date]
    eif_text: str
    """``EIF/Labeltext``: a date and article once in force, the quoted article before."""
    signatories: Optional[int]
    """``Status/Signatories``; None when the file has no such element (nothing to count yet)."""
    parties: Optional[int]
    columns: tuple[Column, ...]
    rows: tuple[StatusRow, ...]


def _problem(code: str, message: str, source: str, line: int | None = None, column: int | None = None, path: str | None = None) -> Problem:
    return Problem(code, message, source, line, column, path)


def _refuse(code: str, message: str, source: str, line: int | None = None, column: int | None = None, path: str | None = None) -> LedgerError:
    return LedgerError([_problem(code, message, source, line, column, path)], ExitCode.USAGE)


def treaty_id_from_url(url: str) -> Optional[str]:
    """``XVIII-16`` from ``…/Chapter%20XVIII/XVIII-16.en.xml`` (paths are case-insensitive at UNTC)."""
    match = _TREATY_ID.search(url.split("?", 1)[0].split("#", 1)[0])
    if match is None:
        return None
    return match[1].upper() + match[2]


def parse_status(data: bytes, source: str, *, treaty_id: Optional[str] = None) -> DepositaryStatus:
    """Read a status file's bytes; ``source`` names it in every problem.

    ``treaty_id`` defaults to the one in ``source``'s file name (the XML itself does not reliably
    carry it). Raises ``LedgerError`` (exit 2) with one located problem.
    """
    root, positions = _parse_xml(data, source)
    treaty = root if root.tag == "Treaty" else root.find(".//Treaty")
    if treaty is None:
        raise _refuse("not-a-status-document", f"the source is not a status document: no Treaty element (the root is <{root.tag}>)", source)
    participants = treaty.find("Participants")
    if participants is None:
        raise _refuse("not-a-status-document", "the source is not a status document: Treaty has no Participants table", source, *positions.get(id(treaty), (None, None)))
    head = participants.find(".//Thead/Row")
    if head is None:
        raise _refuse("not-a-status-document", "the source is not a status document: the Participants table has no Thead row", source, *positions.get(id(participants), (None, None)))
    columns = tuple(_column(entry, index, source, positions) for index, entry in enumerate(head.findall("Entry")))
    if not columns or columns[0].role != "participant" or sum(c.role == "participant" for c in columns) != 1:
        raise _refuse("unknown-heading", "the status table's first column must be the only Participant column, but the headings are " + ", ".join(repr(c.heading) for c in columns), source, *positions.get(id(head), (None, None)))
    body = participants.find(".//Tbody")
    body_rows = [] if body is None else (body.findall("Rows/Row") or body.findall("Row"))
    rows = tuple(_row(row, number, columns, source, positions) for number, row in enumerate(body_rows, 1))
    header = treaty.find("Header/ExternalData")
    if header is None:
        header = treaty
    signatories = _count(header, "Status/Signatories", source, positions)
    parties = _count(header, "Status/Parties", source, positions)
    if not rows and (signatories or parties):
        raise _refuse("not-a-status-document", f"the source is not a status document: it counts {signatories or 0} signatories and {parties or 0} parties but its table has no rows", source)
    place, concluded = _conclusion(_text(header.find("Conclusion")))
    eif = header.find("EIF/Labeltext")
    return DepositaryStatus(
        source=source,
        treaty_id=treaty_id or treaty_id_from_url(source),
        title=_text(header.find("Titlesect")),
        conclusion_place=place,
        conclusion_date=concluded,
        eif_text=_text(eif) if eif is not None else _text(header.find("EIF")),
        signatories=signatories,
        parties=parties,
        columns=columns,
        rows=rows,
    )


def _parse_xml(data: bytes, source: str) -> tuple[Any, dict[int, tuple[int, int]]]:
    """The element tree and each element's (line, column), or the reason the bytes are not XML we read."""
    if len(data) > MAX_STATUS_BYTES:
        raise _refuse("source-too-large", f"the source is {len(data):,} bytes, over the limit of {MAX_STATUS_BYTES:,} for a status file", source)
    start = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start:
        raise _refuse("not-a-status-document", "the source is not a status document: it is empty", source)
    if b"\x00" in data[:4096] or start[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise _refuse("not-a-status-document", "the source is not a status document: it is binary (or UTF-16), not ISO-8859-1 XML", source)
    if _MAINTENANCE in data[:65536].lower():
        raise _refuse("not-a-status-document", "the source is not a status document: it is the depositary's maintenance page (the service is unavailable; try later)", source)
    if not start.startswith(b"<"):
        raise _refuse("not-a-status-document", "the source is not a status document: it does not start with '<?xml' or an element", source)
    lowered = start[:512].lower()
    if lowered.startswith(b"<!doctype html") or lowered.startswith(b"<html"):
        raise _refuse("not-a-status-document", "the source is not a status document: it is an HTML page", source, 1, 1)

    from xml.etree.ElementTree import ParseError, TreeBuilder

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    positions: dict[int, tuple[int, int]] = {}

    class Builder(TreeBuilder):
        """Keeps where each element starts, so problems point at a line of the file."""

        expat: Any = None

        def start(self, tag: Any, attrs: Any) -> Any:
            element = super().start(tag, attrs)
            if self.expat is not None:
                positions[id(element)] = (self.expat.CurrentLineNumber, self.expat.CurrentColumnNumber + 1)
            return element

    builder = Builder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as exc:
        where = (parser.parser.CurrentLineNumber, parser.parser.CurrentColumnNumber + 1)
        raise _refuse("hostile-xml", f"the source declares a DTD, entities or external resources, which a status file never does ({type(exc).__name__}); nothing was expanded or fetched", source, *where) from None
    except ParseError as exc:
        line, column = exc.position
        if _at_end(data, line, column) or "no element found" in str(exc) or "unclosed token" in str(exc):
            raise _refuse("not-a-status-document", f"the source is not a status document: it ends in the middle of the XML (truncated?): {exc}", source, line, column + 1) from None
        raise _refuse("malformed-xml", f"the source is not well-formed XML: {exc}", source, line, column + 1) from None
    except (ValueError, LookupError) as exc:  # e.g. an encoding expat does not know
        raise _refuse("malformed-xml", f"the source cannot be read as XML: {exc}", source) from None
    if root.tag.lower() == "html":
        raise _refuse("not-a-status-document", "the source is not a status document: it is an HTML page", source, 1, 1)
    return root, positions


def _at_end(data: bytes, line: int, column: int) -> bool:
    """Whether expat stopped on the last line of the data (where a cut-off document fails)."""
    return line >= data.rstrip().count(b"\n") + 1


def _text(element: Any) -> str:
    return clean(_raw(element), trailing_markers=False).text if element is not None else ""


def _raw(element: Any) -> str:
    """An element's text with real child elements written back as markup, so escaped and real
    ``superscript`` look the same to ``clean``."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        parts.append(f"<{child.tag}>{_raw(child)}</{child.tag}>")
        parts.append(child.tail or "")
    return "".join(parts)


def _count(header: Any, path: str, source: str, positions: dict[int, tuple[int, int]]) -> Optional[int]:
    element = header.find(path)
    if element is None:
        return None
    text = _text(element)
    if not text.isdigit():
        raise _refuse("unreadable-count", f"{path} is {text!r}, not a whole number", source, *positions.get(id(element), (None, None)))
    return int(text)


def _conclusion(text: str) -> tuple[Optional[str], Optional[date]]:
    """``New York, 24 December 2024`` -> ("New York", 2024-12-24); what does not read so is kept as the place."""
    match = _CONCLUSION.match(text)
    if match is None or match[3] not in _FULL_MONTHS:
        return (text or None), None
    try:
        return match[1].strip(" ,") or None, date(int(match[4]), _FULL_MONTHS[match[3]], int(match[2]))
    except ValueError:
        return text, None


def _split_items(heading: str) -> list[str]:
    """Heading items separated by commas outside parentheses."""
    items, depth, current = [], 0, []
    for char in heading:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    items.append("".join(current).strip())
    return [item for item in items if item]


def _column(entry: Any, index: int, source: str, positions: dict[int, tuple[int, int]]) -> Column:
    heading = clean(_raw(entry), trailing_markers=True).text
    lowered = heading.lower()
    where = positions.get(id(entry), (None, None))
    if lowered == "participant" or lowered == "participants":
        return Column(heading, "participant")
    if lowered.startswith(IGNORED_HEADINGS):
        return Column(heading, "ignored")
    legend: list[tuple[str, Optional[str]]] = []
    roles = set()
    bare = 0
    for item in _split_items(heading):
        match = _ITEM.fullmatch(item)
        label, suffix = (match[1], match[2]) if match else (item, "")
        label = label.strip().lower()
        if label in SIGNATURE_ITEMS:
            roles.add("signature")
            key: Optional[str] = SIGNATURE_ITEMS[label]
        elif label in CONSENT_ITEMS:
            roles.add("consent")
            key = CONSENT_ITEMS[label]
        else:
            raise _refuse("unknown-heading", f"column {index + 1} has the heading {heading!r}: hanoi does not know {item!r}, so it cannot tell what its dates record", source, *where, path=f"Thead/Entry[{index + 1}]")
        if suffix and any(suffix == known for known, _ in legend):
            raise _refuse("unknown-heading", f"column {index + 1} has the heading {heading!r}, which gives the suffix {suffix or '(none)'!r} twice", source, *where, path=f"Thead/Entry[{index + 1}]")
        bare += suffix == ""
        legend.append((suffix, key))
    if len(roles) != 1:
        raise _refuse("unknown-heading", f"column {index + 1} has the heading {heading!r}, which mixes signatures and deposits", source, *where, path=f"Thead/Entry[{index + 1}]")
    return Column(heading, roles.pop(), tuple(legend), bare)


def _row(element: Any, number: int, columns: tuple[Column, ...], source: str, positions: dict[int, tuple[int, int]]) -> StatusRow:
    entries = element.findall("Entry")
    line, column = positions.get(id(element), (None, None))
    path = f"Tbody/Row[{number}]"
    name_text = clean(_raw(entries[0]), trailing_markers=True) if entries else None
    label = f"row {number}" + (f" ({name_text.text})" if name_text and name_text.text else "")
    if len(entries) != len(columns):
        raise _refuse("unreadable-row", f"{label} has {len(entries)} cells but the table has {len(columns)} columns", source, line, column, path)
    if not name_text or not name_text.text:
        raise _refuse("unreadable-row", f"{label} has no participant name", source, line, column, path)
    signature: Optional[date] = None
    instrument: Optional[Instrument] = None
    withdrawn = False
    for index, (col, entry) in enumerate(zip(columns, entries)):
        if col.role in ("participant", "ignored"):
            continue
        where = positions.get(id(entry), (line, column))
        cell_path = f"{path}/Entry[{index + 1}]"
        text = clean(_raw(entry)).text
        if not text:
            continue
        dates = _DATE.findall(text)
        if len(dates) > 1:
            raise _refuse("ambiguous-cell", f"{label}: the {col.heading!r} cell {text!r} holds {len(dates)} dates; hanoi will not guess which one counts", source, *where, path=cell_path)
        match = _CELL.fullmatch(text)
        if match is None:
            raise _refuse("unreadable-cell", f"{label}: the {col.heading!r} cell {text!r} is not a date like '25 Oct 2025' or ' 6 Aug 1986 a'", source, *where, path=cell_path)
        opened, day, month, year, suffix, closed = match.groups()
        if bool(opened) != bool(closed):
            raise _refuse("unreadable-cell", f"{label}: the {col.heading!r} cell {text!r} has an unmatched bracket", source, *where, path=cell_path)
        if month not in MONTHS:
            raise _refuse("unreadable-cell", f"{label}: the {col.heading!r} cell {text!r} has no month {month!r}", source, *where, path=cell_path)
        try:
            when = date(int(year), MONTHS[month], int(day))
        except ValueError:
            raise _refuse("unreadable-cell", f"{label}: the {col.heading!r} cell {text!r} is not a calendar date", source, *where, path=cell_path) from None
        suffix = suffix or ""
        legend = dict(col.legend)
        if suffix not in legend:
            known = ", ".join(f"{s!r}" for s, _ in col.legend if s) or "none"
            raise _refuse("unknown-suffix", f"{label}: the {col.heading!r} cell {text!r} ends in {suffix or 'no letter'!r}, which its heading does not declare (it declares {known})" if suffix else f"{label}: the {col.heading!r} cell {text!r} has no letter, but every item of its heading has one", source, *where, path=cell_path)
        if suffix == "" and col.bare_items > 1:
            raise _refuse("ambiguous-cell", f"{label}: the {col.heading!r} cell {text!r} has no letter, and its heading has {col.bare_items} items without one", source, *where, path=cell_path)
        withdrawn = withdrawn or bool(opened)
        key = legend[suffix]
        if key is None:
            continue
        if col.role == "signature":
            if signature is not None:
                raise _refuse("ambiguous-cell", f"{label} has two signature dates", source, *where, path=cell_path)
            signature = when
        else:
            if instrument is not None:
                raise _refuse("ambiguous-cell", f"{label} has two instruments ({instrument.kind} and {key})", source, *where, path=cell_path)
            instrument = Instrument(key, when)
    return StatusRow(number, name_text.text, name_text.footnotes, signature, instrument, withdrawn, line)
