"""Status files of our own making, in the shape the research documents (MTDSG XML, ISO-8859-1).

Cells are given as the text a parser sees: markup already "escaped" (``China<superscript>4</superscript>``),
TABs and padding as UNTC sends them. ``None`` writes ``<Entry/>``; ``""`` writes ``<Entry></Entry>``.
``benchmark_pair`` makes a 200-participant status file and a ledger it changes in 40 places.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Optional
from xml.sax.saxutils import escape

HANOI_URL = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XVIII/XVIII-16.en.xml"
HANOI_HEADINGS = ("Participant", "Signature", "Acceptance(A), Ratification, Approval(AA), Accession(a)")
HANOI_TITLE = (
    "United Nations Convention against Cybercrime; Strengthening International Cooperation for Combating Certain "
    "Crimes Committed by Means of Information and Communications Technology Systems and for the Sharing of "
    "Evidence in Electronic Form of Serious Crimes"
)
HANOI_EIF = (
    'in accordance with article 65(1) which reads as follows: "1. This Convention shall enter into force on the '
    "ninetieth day after the date of deposit of the fortieth instrument of ratification, acceptance, approval or "
    "accession. For the purpose of this paragraph, any instrument deposited by a regional economic integration "
    'organization shall not be counted as additional to those deposited by member States of such organization."'
)

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def cell_date(day: date, suffix: str = "", *, pad: bool = True, tab: bool = False) -> str:
    """A date as UNTC prints it: one-digit days space-padded, optionally a TAB before the year."""
    text = f"{day.day:>2}" if pad else str(day.day)
    text += f" {MONTHS[day.month - 1]}" + ("\t " if tab else " ") + str(day.year)
    return text + (f" {suffix}" if suffix else "")


def _entry(text: Optional[str]) -> str:
    if text is None:
        return "<Entry/>"
    return f"<Entry>{escape(text)}</Entry>"


def status_xml(
    rows: Sequence[Sequence[Optional[str]]],
    *,
    headings: Sequence[str] = HANOI_HEADINGS,
    title: str = HANOI_TITLE,
    conclusion: str = "New York, 24 December 2024",
    eif: Optional[str] = HANOI_EIF,
    signatories: Optional[int] = None,
    parties: Optional[int] = None,
    encoding: str = "ISO-8859-1",
    prolog: str = "",
    status_element: bool = True,
    subtitle: Optional[str] = None,
) -> bytes:
    """A whole status file; counts left None are left out, as UNTC does when there is nothing to count."""
    status = ""
    if signatories is not None:
        status += f"<Signatories>{signatories}</Signatories>"
    if parties is not None:
        status += f"<Parties>{parties}</Parties>"
    head = "".join(_entry(heading) for heading in headings)
    body = "\n".join("<Row>" + "".join(_entry(cell) for cell in row) + "</Row>" for row in rows)
    eif_xml = f"<EIF><Labeltext>{escape(eif)}</Labeltext></EIF>" if eif is not None else ""
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n{prolog}'
        "<Document>\n<Chapter><Header>CHAPTER XVIII</Header><Name>PENAL MATTERS</Name></Chapter>\n<Treaty>\n"
        f"<Header><ExternalData><Titlesect>{escape(title)}</Titlesect>\n"
        + (f"<Subtitlesect>{escape(subtitle)}</Subtitlesect>\n" if subtitle is not None else "")
        + f"<Conclusion>{escape(conclusion)}</Conclusion>\n{eif_xml}\n"
        + (f"<Status>{status}</Status>\n" if status_element else "")
        + "</ExternalData></Header>\n"
        f"<Participants><Table><TGroup><Thead><Row>{head}</Row></Thead>\n"
        f"<Tbody><Rows>\n{body}\n</Rows></Tbody></TGroup></Table></Participants>\n"
        "<EndNotes/>\n</Treaty>\n</Document>\n"
    )
    return text.encode("latin-1" if encoding.upper() == "ISO-8859-1" else encoding, errors="xmlcharrefreplace")


def _benchmark_names(count: int) -> list[tuple[str, str]]:
    """``count`` (name, code) pairs that resolve exactly: UN names from the table, else ISO's."""
    import pycountry

    from hanoi_cli.core.ledger.un_names import depositary_name

    pairs = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        name = depositary_name(country.alpha_3)
        if name and "," not in name:
            pairs.append((name, country.alpha_3))
    if count > len(pairs):
        raise ValueError(f"only {len(pairs)} names available")
    return sorted(pairs[:count])


def generate_status(count: int = 200, *, changed: Sequence[int] = ()) -> bytes:
    """A status file of ``count`` participants, all signed; every third one has an instrument.

    Rows whose index is in ``changed`` carry the depositary's newer facts (an instrument, or a
    later signature), so a ledger made from ``generate_status(count)`` differs from this one in
    exactly those rows.
    """
    suffixes = ("", "A", "AA", "a")
    wanted = set(changed)
    rows = []
    for index, (name, _code) in enumerate(_benchmark_names(count)):
        signed = date(2025, 10, 25) if index % 7 else date(2025, 11, 3 + index % 20)
        deposit = None
        if index % 3 == 0:
            deposit = cell_date(date(2026, 1 + index % 12, 1 + index % 28), suffixes[index % 4])
        if index in wanted:
            deposit = cell_date(
                date(2026, 10, 1 + (index + 13) % 28), suffixes[index % 4]
            )  # a new deposit, or a later date
        rows.append(
            [
                name + ("<superscript>1</superscript>" if index % 11 == 0 else ""),
                cell_date(signed, tab=index % 5 == 0),
                deposit,
            ]
        )
    return status_xml(rows, signatories=count, parties=sum(1 for row in rows if row[2]))


def benchmark_pair(count: int = 200, changes: int = 40) -> tuple[bytes, str]:
    """(status file, ledger text): the ledger is the status of ``count`` participants with
    ``changes`` rows behind, so a sync from the file makes ``changes`` changes."""
    from hanoi_cli.core.depositary.eif_rule import read_rule
    from hanoi_cli.core.depositary.new_ledger import new_ledger_text
    from hanoi_cli.core.depositary.status_file import parse_status

    old = parse_status(generate_status(count), HANOI_URL)
    rule = read_rule(HANOI_EIF)
    assert rule is not None
    ledger = new_ledger_text(old, HANOI_URL, date(2026, 12, 1), rule)
    step = max(1, count // changes)
    return generate_status(count, changed=range(0, step * changes, step)), ledger


# A small ledger and status table that the sync tests of the CLI and of the commands floor share.
HEAD = """# A ledger to sync
treaty:
  id: XVIII-16
  title: United Nations Convention against Cybercrime
  short_title: Hanoi Convention
  adopted: 2024-12-24
  entry_into_force:
    threshold: 40
    after: {days: 90}
    count_reio: false
participants:
"""
LEDGER = (
    HEAD
    + """  # Algeria: from the UN table
  - name: Algeria
    code: DZA
    signature: 2025-10-25  # day one
    source: https://example.org/algeria
  - name: Azerbaijan
    code: AZE
    signature: 2025-10-25
    domestic_approval: 2026-02-23   # kept: not the depositary's business
    reservations: Article 7(2)
  - name: Canada
    code: CAN
    signature: 2025-10-25
    notes: reported only
"""
)


def status(*rows: list, signatories: int = 3, parties: int = 1) -> bytes:
    return status_xml([list(row) for row in rows], signatories=signatories, parties=parties)


ROWS = (
    ["Algeria", cell_date(date(2025, 10, 25)), None],
    ["Azerbaijan", " 25 Oct 2025", " 9 Mar 2026 A"],
    ["Belgium", "25 Oct 2025", None],
)
