"""The Secretary-General's status file of one treaty (MTDSG XML), read from bytes into plain data.

The file is ISO-8859-1 and says so in its declaration, so it is parsed as bytes and the
declaration decides. It is parsed with defusedxml, refusing any DTD (so no entity can expand and
no external resource is read) and anything over ``MAX_STATUS_BYTES``. What is not a status file —
an HTML or maintenance page, an empty, binary or truncated body, XML without
``Treaty/Participants`` — is refused as such, never read as "no participants".

Columns are found by the text of their headings (``Thead``), never by position, and each column's
suffix legend is read from its own heading (``Acceptance(A), Ratification, Approval(AA),
Accession(a)``: the item without a letter is the bare date), because a letter means different
things in different columns and treaties. Heading items are known by their first words
(``Succession to the Convention as amended(d)`` is a succession), so every variant the depositary
prints reads without a table of whole headings. "Consent to be bound(P)", "Participation(P)",
"Simplified procedure(p)" and an annex's "Application" are instruments of their own. What a ledger
cannot hold — an item such as "Confirmation of signature ad referendum(C)" or one that says two
things ("Definitive signature or acceptance"), a cell that is not one date, an unknown
suffix, a bare date under two items without a letter — is never guessed: that row is skipped
with a located warning (row number and participant) in ``DepositaryStatus.warnings``, and the
rest of the table is read. A column whose heading names nothing hanoi knows is read past with a
warning. Only a file that is not a status table at all is refused whole.

Protocols and amendments keep their own title in ``Subtitlesect`` (the parent's is in
``Titlesect``); the title is the former when there is one. A table without a signature column
belongs to a treaty joined without signing (``has_signature_column``). ``Status`` counts are None
only when the file has no ``Status`` element; inside one, an absent count is 0 (the depositary
leaves out what there is nothing to count).

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
from typing import Any, NamedTuple, Optional

from hanoi_cli.core.depositary.text import clean
from hanoi_cli.core.ledger.dates import MONTH_NAMES
from hanoi_cli.core.ledger.instruments import INSTRUMENT_LABELS
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem

MAX_STATUS_BYTES = 10 * 1024 * 1024  # the largest real status files are a few hundred kilobytes
# A real file has a few thousand elements (four a participant, one a declaration paragraph); each
# costs about 600 bytes once parsed, so 10 MB of "<b>" alone would take a gigabyte: refused past this.
MAX_ELEMENTS = 250_000

_FULL_MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, 1)}
MONTHS = {name[:3]: number for name, number in _FULL_MONTHS.items()}  # a status table's cells: "25 Oct 2025"

# What a heading item means, by the first words of its label (lower case, longest first): the
# column's role and the ledger key its dates fill. A key of None: read, not recorded (provisional
# application is not consent to be bound); UNREPRESENTABLE: a date the ledger has no key for, so
# its row is skipped with a warning.
UNREPRESENTABLE = "-"
SIGNATURE_ITEMS: dict[str, str] = {
    "signature": "signature",  # also "Signature ad referendum (s)", "Signature by non-regional members ..."
    "succession to signature": "signature",  # a successor State's notification, dated like a signature
}
CONSENT_ITEMS: dict[str, Optional[str]] = {
    **{label: key for key, label in INSTRUMENT_LABELS.items()},  # "Formal confirmation(c)" -> formal_confirmation
    "definitive acceptance": "acceptance",
    "notification of succession": "succession",
    "provisional application": None,
    "undertaking of provisional application": None,
    "provisional acceptance": None,
    "notification of non-provisional application": None,
    "acceptance ipso facto": UNREPRESENTABLE,
    "confirmation of signature": UNREPRESENTABLE,  # makes a signature ad referendum definitive
    "notification": UNREPRESENTABLE,  # "Notification in respect of the Agreement as amended(d)": consent?
    # Dates beside the signature and the instrument, which a ledger does not record: read past.
    "extension": None,  # to a territory
    "notification under": None,  # "Notification under article 25"
    "adoption": UNREPRESENTABLE,
}
# Items whose label says two things ("Definitive signature or participation ..."): never one key.
_CITES_ARTICLE = re.compile(r"\b(?:article|articles|section|paragraph|annex)\s+[0-9]+(?:\s*\([0-9a-z]+\))*$", re.I)
_EITHER = re.compile(r"\b(?:or|and/or)\b|/")
# Headings of columns that hold no dates of a participant's own (the extra columns of some tables).
IGNORED_HEADINGS = ("resolution", "date of adoption", "registration", "unts", "territor", "declaration", "remarks")

_DATE = re.compile(r"([0-9]{1,2}) ([A-Z][a-z]{2}) ([0-9]{4})")
_CELL = re.compile(r"(\[)? ?([0-9]{1,2}) ([A-Z][a-z]{2}) ([0-9]{4})(?: ([A-Za-z]{1,3}))? ?(\])?")
_ITEM = re.compile(r"(.*?) ?\( ?([A-Za-z]{1,3}) ?\)")
_CONCLUSION = re.compile(r"^(.*?),? ([0-9]{1,2}) ([A-Z][a-z]+) ([0-9]{4})\.?$")
_TREATY_ID = re.compile(r"([IVXLivxl]+)(-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)\.en\.xml$")
_MAINTENANCE = b"urgent maintenance"


class Instrument(NamedTuple):
    """A deposit as the depositary records it: the ledger key of its type and its date."""

    kind: str
    date: date


class StatusRow(NamedTuple):
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

    def problem(self, code: str, message: str, source: str, severity: str = "error") -> Problem:
        """A problem with this row, located at its line and its place in the table."""
        return Problem(code, message, source, self.line, None, f"Tbody/Row[{self.number}]", severity)


class Column(NamedTuple):
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
    """The rows read; a row hanoi cannot represent is not here but in ``warnings``."""
    warnings: tuple[Problem, ...] = ()
    """Located warnings: headings read past and rows skipped (row number and participant named)."""
    in_force_on: Optional[date] = None
    """The date ``EIF/Labeltext`` gives once the treaty is in force (``3 May 2008, in accordance with ...``)."""
    made_for_tests: bool = False
    """The root element carries ``hanoi-test`` (``TEST_MARKER``): a file made for hanoi's tests,
    whose deposits are invented; ``hanoi sync`` never writes it into the shipped ledger."""

    @property
    def has_signature_column(self) -> bool:
        """Whether the table records signatures: without one, the treaty has no signature stage."""
        return any(key == "signature" for column in self.columns for _, key in column.legend)


NOT_STATUS = "not-a-status-document"


def _refuse(
    code: str, message: str, source: str, line: int | None = None, column: int | None = None, path: str | None = None
) -> LedgerError:
    """The one way this module fails: a located problem, exit 2 (the source cannot be used)."""
    if code == NOT_STATUS:
        message = "the source is not a status document: " + message
    return LedgerError([Problem(code, message, source, line, column, path)], ExitCode.USAGE)


class _Reader:
    """The source's name and where each element starts, so every refusal points into the file."""

    def __init__(self, source: str, positions: dict[int, tuple[int, int]]) -> None:
        self.source = source
        self.positions = positions

    def at(self, element: Any) -> tuple[Optional[int], Optional[int]]:
        """Line and column where ``element`` starts; ``(None, None)`` when it is not known."""
        return self.positions.get(id(element), (None, None))

    def refuse(self, code: str, message: str, element: Any = None, path: Optional[str] = None) -> LedgerError:
        line, column = self.at(element)
        return _refuse(code, message, self.source, line, column, path)

    def warning(self, code: str, message: str, element: Any, path: str) -> Problem:
        """A located warning: something in the file read past or skipped."""
        line, column = self.at(element)
        return Problem(code, message, self.source, line, column, path, "warning")


def treaty_id_from_url(url: str) -> Optional[str]:
    """``XVIII-16`` from ``…/Chapter%20XVIII/XVIII-16.en.xml`` (paths are case-insensitive at UNTC)."""
    match = _TREATY_ID.search(url.split("?", 1)[0].split("#", 1)[0])
    if match is None:
        return None
    return match[1].upper() + match[2]


# The attribute that marks a status file made for hanoi's tests (the depositary's never has it).
TEST_MARKER = "hanoi-test"


def parse_status(data: bytes, source: str, *, treaty_id: Optional[str] = None) -> DepositaryStatus:
    """Read a status file's bytes; ``source`` names it in every problem (the local file, for ``--from FILE``).

    ``treaty_id`` defaults to the one in ``source``'s file name (the XML itself does not reliably
    carry it). Raises ``LedgerError`` (exit 2) with one located problem when the file is not a
    status table; what a ledger cannot hold is in the result's ``warnings``.
    """
    import gc

    # An element tree holds no reference cycles, and the cyclic collector's passes over millions of
    # elements (a hostile 10 MB file) made the read grow faster than the file: off while reading.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse_status(data, source, treaty_id)
    finally:
        if collecting:
            gc.enable()


def _parse_status(data: bytes, source: str, treaty_id: Optional[str]) -> DepositaryStatus:
    root, positions = _parse_xml(data, source)
    reader = _Reader(source, positions)
    treaty = root if root.tag == "Treaty" else root.find(".//Treaty")
    if treaty is None:
        raise reader.refuse(NOT_STATUS, f"no Treaty element (the root is <{root.tag}>)", root)
    participants = treaty.find("Participants")
    if participants is None:
        raise reader.refuse(NOT_STATUS, "Treaty has no Participants table", treaty)
    head = participants.find(".//Thead/Row")
    if head is None:
        raise reader.refuse(NOT_STATUS, "the Participants table has no Thead row", participants)
    warnings: list[Problem] = []
    columns = tuple(_column(reader, entry, index, warnings) for index, entry in enumerate(head.findall("Entry")))
    if not columns or columns[0].role != "participant" or sum(c.role == "participant" for c in columns) != 1:
        headings = ", ".join(repr(c.heading) for c in columns)
        message = f"the first column must be the only Participant column: {headings}"
        raise reader.refuse("unknown-heading", message, head)
    if all(column.role in ("participant", "ignored") for column in columns):
        headings = ", ".join(repr(c.heading) for c in columns)
        message = f"no column of the Participants table holds signatures or instruments: {headings}"
        raise reader.refuse(NOT_STATUS, message, head)
    body = participants.find(".//Tbody")
    body_rows = [] if body is None else (body.findall("Rows/Row") or body.findall("Row"))
    rows = []
    for number, element in enumerate(body_rows, 1):
        try:
            rows.append(_row(reader, element, number, columns))
        except _Skipped as skipped:
            warnings.append(skipped.problem)
    header = treaty.find("Header/ExternalData")
    if header is None:
        header = treaty
    signatories, parties = _counts(reader, header)
    if not body_rows and (signatories or parties):
        counts = f"{signatories or 0} signatories and {parties or 0} parties"
        raise reader.refuse(NOT_STATUS, f"it counts {counts} but its table has no rows", body)
    place, concluded = _conclusion(_text(header.find("Conclusion")))
    eif = header.find("EIF/Labeltext")
    eif_text = _text(eif) if eif is not None else _text(header.find("EIF"))
    return DepositaryStatus(
        source=source,
        treaty_id=treaty_id or treaty_id_from_url(source),
        title=_title(header),
        conclusion_place=place,
        conclusion_date=concluded,
        eif_text=eif_text,
        signatories=signatories,
        parties=parties,
        columns=columns,
        rows=tuple(rows),
        warnings=tuple(warnings),
        in_force_on=_in_force_on(eif_text),
        made_for_tests=root.get(TEST_MARKER) is not None,
    )


def _title(header: Any) -> str:
    """A protocol's or amendment's own title (``Subtitlesect``), else the treaty's (``Titlesect``)."""
    for path in ("Subtitlesect", ".//Subtitlesect", "Titlesect", ".//Titlesect"):
        title = _text(header.find(path))
        if title:
            return title
    return ""


_IN_FORCE = re.compile(r"^([0-9]{1,2}) ([A-Z][a-z]+) ([0-9]{4})\b")


def _in_force_on(eif_text: str) -> Optional[date]:
    """The date an in-force treaty's ``EIF`` text starts with; None before entry into force."""
    match = _IN_FORCE.match(eif_text)
    if match is None or match[2] not in _FULL_MONTHS:
        return None
    try:
        return date(int(match[3]), _FULL_MONTHS[match[2]], int(match[1]))
    except ValueError:
        return None


def _counts(reader: _Reader, header: Any) -> tuple[Optional[int], Optional[int]]:
    """``Status`` counts: None without a ``Status`` element; inside one, an absent count is 0."""
    if header.find("Status") is None:
        return None, None
    return _count(reader, header, "Status/Signatories") or 0, _count(reader, header, "Status/Parties") or 0


def _refuse_unless_xml(data: bytes, source: str) -> None:
    """What can be told before parsing: too large, empty, binary, a maintenance or HTML page."""
    if len(data) > MAX_STATUS_BYTES:
        size = f"{len(data):,} bytes, over the limit of {MAX_STATUS_BYTES:,}"
        raise _refuse("source-too-large", f"the source is {size} for a status file", source)
    start = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start:
        raise _refuse(NOT_STATUS, "it is empty", source)
    if b"\x00" in data[:4096] or start[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise _refuse(NOT_STATUS, "it is binary (or UTF-16), not ISO-8859-1 XML", source)
    if _MAINTENANCE in data[:65536].lower():
        message = "it is the depositary's maintenance page (the service is unavailable; try later)"
        raise _refuse(NOT_STATUS, message, source)
    if not start.startswith(b"<"):
        raise _refuse(NOT_STATUS, "it does not start with '<?xml' or an element", source)
    lowered = start[:512].lower()
    if lowered.startswith(b"<!doctype html") or lowered.startswith(b"<html"):
        raise _refuse(NOT_STATUS, "it is an HTML page", source, 1, 1)


def _parse_xml(data: bytes, source: str) -> tuple[Any, dict[int, tuple[int, int]]]:
    """The element tree and each element's (line, column), or the reason the bytes are not XML we read."""
    _refuse_unless_xml(data, source)
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
                if len(positions) > MAX_ELEMENTS:
                    raise _TooManyElements()
            return element

    builder = Builder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except _TooManyElements:
        where = (parser.parser.CurrentLineNumber, parser.parser.CurrentColumnNumber + 1)
        message = f"the source has more than {MAX_ELEMENTS:,} elements, far more than any status file"
        raise _refuse("source-too-large", message, source, *where) from None
    except DefusedXmlException as exc:
        where = (parser.parser.CurrentLineNumber, parser.parser.CurrentColumnNumber + 1)
        message = (
            f"the source declares a DTD, entities or external resources ({type(exc).__name__}), which a status "
            "file never does; nothing was expanded or fetched"
        )
        raise _refuse("hostile-xml", message, source, *where) from None
    except ParseError as exc:
        line, column = exc.position
        if _at_end(data, line, column) or "no element found" in str(exc) or "unclosed token" in str(exc):
            message = f"it ends in the middle of the XML (truncated?): {exc}"
            raise _refuse(NOT_STATUS, message, source, line, column + 1) from None
        raise _refuse("malformed-xml", f"the source is not well-formed XML: {exc}", source, line, column + 1) from None
    except (ValueError, LookupError) as exc:  # e.g. an encoding expat does not know
        raise _refuse("malformed-xml", f"the source cannot be read as XML: {exc}", source) from None
    if root.tag.lower() == "html":
        raise _refuse(NOT_STATUS, "it is an HTML page", source, 1, 1)
    return root, positions


class _TooManyElements(Exception):
    """Raised from the tree builder to stop a parse at ``MAX_ELEMENTS``."""


def _at_end(data: bytes, line: int, column: int) -> bool:
    """Whether expat stopped at the very end of the data, where a cut-off document fails (a file
    of one line is malformed where it stops elsewhere, not truncated)."""
    body = data.rstrip()
    last_line = body.count(b"\n") + 1
    return line > last_line or (line == last_line and column >= len(body) - (body.rfind(b"\n") + 1))


def _text(element: Any) -> str:
    return clean(_raw(element), trailing_markers=False).text if element is not None else ""


def _raw(element: Any) -> str:
    """An element's text with real child elements written back as markup, so escaped and real
    ``superscript`` look the same to ``clean``.

    Walked with a stack of its own, not by recursion: a hostile file nests thousands of elements
    in one cell, and Python's recursion limit is no bound on input."""
    if element is None:
        return ""
    parts = [element.text or ""]
    stack = [iter(element)]
    closing: list[Any] = []
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            if closing:
                done = closing.pop()
                parts.append(f"</{done.tag}>")
                parts.append(done.tail or "")
            continue
        parts.append(f"<{child.tag}>")
        parts.append(child.text or "")
        closing.append(child)
        stack.append(iter(child))
    return "".join(parts)


MAX_COUNT_DIGITS = 6  # a million signatories is already no treaty's count
_COUNT = re.compile(rf"[0-9]{{1,{MAX_COUNT_DIGITS}}}")  # ASCII digits only: "²" is a digit to str.isdigit


def _count(reader: _Reader, header: Any, path: str) -> Optional[int]:
    element = header.find(path)
    if element is None:
        return None
    text = _text(element)
    if not _COUNT.fullmatch(text):
        shown = text if len(text) <= 40 else text[:37] + "..."
        why = (
            f"more than {MAX_COUNT_DIGITS} digits"
            if text.isascii() and text.isdigit()
            else "not a whole number in ASCII digits"
        )
        raise reader.refuse("unreadable-count", f"{path} is {shown!r}: {why}", element)
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
    """Heading items separated by commas outside parentheses. Every item starts with a capital
    letter, so a part that does not ("accession or succession to the Protocol", "as amended(A)")
    continues the item before it."""
    items: list[str] = []
    depth = 0
    current: list[str] = []
    for char in heading:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    items.append("".join(current).strip())
    joined: list[str] = []
    for item in items:
        if joined and item and not item[0].isupper():
            joined[-1] += ", " + item
        elif item:
            joined.append(item)
    return joined


def _item_key(label: str) -> tuple[Optional[str], Optional[str]]:
    """``(role, key)`` of one heading item by the longest known start of its label; ``(None, None)``
    when hanoi does not know it."""
    best = ""
    for known in (*SIGNATURE_ITEMS, *CONSENT_ITEMS):
        starts = label.startswith(known) and (len(label) == len(known) or not label[len(known)].isalnum())
        if starts and len(known) > len(best):
            best = known
    if not best:
        return None, None
    if best in SIGNATURE_ITEMS and not (best == "signature" and _EITHER.search(label)):
        return "signature", SIGNATURE_ITEMS[best]
    key = CONSENT_ITEMS.get(best, UNREPRESENTABLE)
    # "Definitive signature or participation ...": which one? (The ways a participation came about,
    # "by virtue of ratification, accession or succession ...", say nothing against its being one.)
    if key is not None and _EITHER.search(label.split(" by virtue of ", maxsplit=1)[0]):
        key = UNREPRESENTABLE
    return "consent", key


def _column(reader: _Reader, entry: Any, index: int, warnings: list[Problem]) -> Column:
    """A heading's role and suffix legend. A heading that names nothing hanoi knows is read past,
    with a warning; an item it does not know is kept in the legend as one it cannot represent."""
    heading = clean(_raw(entry), trailing_markers=True).text
    whole = clean(_raw(entry)).text
    if _CITES_ARTICLE.search(whole):  # "Notification under article 25": the number is not a footnote
        heading = whole
    lowered = heading.lower()
    if lowered in ("participant", "participants"):
        return Column(heading, "participant")
    where = f"Thead/Entry[{index + 1}]"
    named = f"column {index + 1} has the heading {heading!r}"

    def warn(why: str) -> None:
        warnings.append(reader.warning("unknown-heading", f"{named}: {why}", entry, where))

    if lowered.startswith(IGNORED_HEADINGS):
        return Column(heading, "ignored")
    legend: list[tuple[str, Optional[str]]] = []
    roles = set()
    unknown = []
    bare = 0
    for item in _split_items(heading):
        match = _ITEM.fullmatch(item)
        label, suffix = (match[1], match[2]) if match else (item, "")
        role, key = _item_key(" ".join(label.lower().split()))
        if role is None:
            unknown.append(item)
            key = UNREPRESENTABLE
        else:
            roles.add(role)
        if suffix and any(suffix == known for known, _ in legend):
            warn(f"it gives the suffix {suffix!r} twice; a row with a date marked {suffix!r} is skipped")
            legend = [(known, UNREPRESENTABLE if known == suffix else value) for known, value in legend]
            continue
        bare += suffix == ""
        legend.append((suffix, key))
    if not roles or all(key is None for _, key in legend):
        if not roles:
            warn("hanoi does not know what its dates record, so it reads past this column")
        elif not lowered.startswith(("provisional", "undertaking of provisional")):
            warn("a ledger has no key for what its dates record, so hanoi reads past this column")
        return Column(heading, "ignored")
    if unknown:
        items = ", ".join(repr(item) for item in unknown)
        warn(f"hanoi does not know {items}; a row with such a date is skipped")
    return Column(heading, "signature" if roles == {"signature"} else "consent", tuple(legend), bare)


class _Skipped(Exception):
    """A row the ledger cannot hold: its located warning."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _cell_date(col: Column, text: str) -> tuple[date, str, bool]:
    """``(date, suffix, bracketed)`` of a non-empty cell, by the grammar and the column's legend;
    ``ValueError`` with the reason when the cell is not one date the legend explains."""
    dates = _DATE.findall(text)
    if len(dates) > 1:
        raise ValueError(f"holds {len(dates)} dates; hanoi will not guess which one counts")
    match = _CELL.fullmatch(text)
    if match is None:
        raise ValueError("is not a date like '25 Oct 2025' or ' 6 Aug 1986 a'")
    opened, day, month, year, suffix, closed = match.groups()
    if bool(opened) != bool(closed):
        raise ValueError("has an unmatched bracket")
    if month not in MONTHS:
        raise ValueError(f"has no month {month!r}")
    try:
        when = date(int(year), MONTHS[month], int(day))
    except ValueError:
        raise ValueError("is not a calendar date") from None
    suffix = suffix or ""
    declared = [known for known, _ in col.legend if known]
    if suffix not in dict(col.legend):
        if suffix:
            raise ValueError(f"ends in {suffix!r}, which its heading does not declare ({declared})")
        raise ValueError("has no letter, but every item of its heading has one")
    if suffix == "" and col.bare_items > 1:
        raise ValueError(f"has no letter, and its heading has {col.bare_items} items without one")
    return when, suffix, bool(opened)


def _item_named(col: Column, suffix: str) -> str:
    """The heading item a suffix stands for ("Consent to be bound(P)" for "P")."""
    for item in _split_items(col.heading):
        match = _ITEM.fullmatch(item)
        if (match[2] if match else "") == suffix:
            return item
    return suffix


def _row(reader: _Reader, element: Any, number: int, columns: tuple[Column, ...]) -> StatusRow:
    """One participant row; ``_Skipped`` with a located warning when the ledger cannot hold it."""
    entries = element.findall("Entry")
    path = f"Tbody/Row[{number}]"
    name = clean(_raw(entries[0]), trailing_markers=True) if entries else None
    label = f"row {number}" + (f" ({name.text})" if name and name.text else "")

    def skip(code: str, why: str, at: Any = element, where: str = path) -> _Skipped:
        message = f"{label} {why}; the row is skipped (add it by hand with hanoi record if it belongs in the ledger)"
        return _Skipped(reader.warning(code, message, at, where))

    if len(entries) != len(columns):
        raise skip("unreadable-row", f"has {len(entries)} cells but the table has {len(columns)} columns")
    if not name or not name.text:
        raise skip("unreadable-row", "has no participant name")
    signature: Optional[date] = None
    instrument: Optional[Instrument] = None
    withdrawn = False
    for index, (col, entry) in enumerate(zip(columns, entries)):
        text = clean(_raw(entry)).text
        if col.role in ("participant", "ignored") or not text:
            continue
        cell_path = f"{path}/Entry[{index + 1}]"
        try:
            when, suffix, bracketed = _cell_date(col, text)
        except ValueError as error:
            reason = str(error)
            code = "ambiguous-cell" if "guess" in reason or "items without" in reason else "unreadable-cell"
            if "declare" in reason or "every item" in reason:
                code = "unknown-suffix"
            raise skip(code, f"has the {col.heading!r} cell {text!r}, which {reason}", entry, cell_path) from None
        withdrawn = withdrawn or bracketed
        key = dict(col.legend)[suffix]
        if key is None:
            continue
        if key == UNREPRESENTABLE:
            unkeyed = f"records {_item_named(col, suffix)!r} ({text!r}), which a ledger has no key for"
            raise skip("unrepresentable-action", unkeyed, entry, cell_path)
        if key == "signature":
            if signature is not None:
                raise skip("ambiguous-cell", "has two signature dates", entry, cell_path)
            signature = when
        else:
            if instrument is not None:
                raise skip("ambiguous-cell", f"has two instruments ({instrument.kind} and {key})", entry, cell_path)
            instrument = Instrument(key, when)
    line = reader.at(element)[0]
    return StatusRow(number, name.text, name.footnotes, signature, instrument, withdrawn, line)
