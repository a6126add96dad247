"""Reading status files from bytes: the cell grammar, heading layouts, hostile and broken input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import DATA
from hanoi_cli.core.depositary.status_file import MAX_STATUS_BYTES, Instrument, parse_status, treaty_id_from_url
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError
from untc_factory import HANOI_EIF, HANOI_TITLE, HANOI_URL, cell_date, generate_status, status_xml

SAMPLE = DATA / "untc" / "XVIII-16.en.xml"


def refused(data: bytes, source: str = HANOI_URL) -> LedgerError:
    with pytest.raises(LedgerError) as caught:
        parse_status(data, source)
    error = caught.value
    assert error.exit_code == ExitCode.USAGE
    assert len(error.problems) == 1 and error.problems[0].file == source
    return error


def test_the_hanoi_sample_reads_whole() -> None:
    status = parse_status(SAMPLE.read_bytes(), HANOI_URL)
    assert status.treaty_id == "XVIII-16"
    assert status.title == HANOI_TITLE
    assert (status.conclusion_place, status.conclusion_date) == ("New York", date(2024, 12, 24))
    assert status.eif_text.startswith("in accordance with article 65(1) which reads as follows:")
    assert (status.signatories, status.parties) == (73, 3)
    assert len(status.rows) == 73
    by_name = {row.name: row for row in status.rows}
    assert by_name["China"].footnotes == (4, 5)
    assert by_name["Côte d'Ivoire"].signature == date(2025, 10, 25)  # Latin-1 byte 0xF4, decoded by the declaration
    assert by_name["Azerbaijan"].instrument == Instrument("acceptance", date(2026, 3, 9))
    assert by_name["Viet Nam"].instrument == Instrument("ratification", date(2026, 3, 16))
    assert by_name["United Kingdom of Great Britain and Northern Ireland"].footnotes == (6, 7)
    assert sum(row.instrument is not None for row in status.rows) == status.parties
    assert [row.number for row in status.rows] == list(range(1, 74))
    assert all(row.line for row in status.rows)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("25 Oct 2025", date(2025, 10, 25)),
        (" 6 Aug 1986", date(1986, 8, 6)),
        ("22 Apr\t 2016", date(2016, 4, 22)),
        ("22 Apr\t 2016 ", date(2016, 4, 22)),
        ("\u00a02 May 2019\u00a0", date(2019, 5, 2)),
    ],
)
def test_signature_cells(cell: str, expected: date) -> None:
    status = parse_status(status_xml([["Algeria", cell, None]]), HANOI_URL)
    assert status.rows[0].signature == expected
    assert status.rows[0].instrument is None and not status.rows[0].withdrawn


@pytest.mark.parametrize(
    ("cell", "kind", "day"),
    [
        (" 2 May 2019 A", "acceptance", date(2019, 5, 2)),
        ("19 Oct 2004 AA", "approval", date(2004, 10, 19)),
        (" 6 Aug 1986 a", "accession", date(1986, 8, 6)),
        ("8 Jun 2004", "ratification", date(2004, 6, 8)),
        ("8 Jun\t 2004 A ", "acceptance", date(2004, 6, 8)),
    ],
)
def test_consent_cells_take_their_meaning_from_the_heading(cell: str, kind: str, day: date) -> None:
    status = parse_status(status_xml([["Armenia", None, cell]]), HANOI_URL)
    assert status.rows[0].instrument == Instrument(kind, day)
    assert status.rows[0].signature is None


def test_the_same_letter_means_what_each_heading_says() -> None:
    headings = (
        "Participant",
        "Signature, Succession to signature(d)",
        "Ratification, Formal confirmation(c), Succession(d), Definitive signature(s)",
    )
    rows = [
        ["European Union", "12 Dec 2003", "30 Jun 2005 c"],
        ["Montenegro", "23 Oct 2006 d", "23 Oct 2006 d"],
        ["Fiji", None, "3 Oct 2003 s"],
    ]
    status = parse_status(status_xml(rows, headings=headings), HANOI_URL)
    eu, montenegro, fiji = status.rows
    assert eu.instrument == Instrument("formal_confirmation", date(2005, 6, 30))
    assert montenegro.signature == date(2006, 10, 23)  # "d" in the signature column: succession to signature
    assert montenegro.instrument == Instrument("succession", date(2006, 10, 23))
    assert fiji.instrument == Instrument("definitive_signature", date(2003, 10, 3))


def test_both_empty_cell_forms_and_whitespace_are_empty() -> None:
    data = status_xml(
        [["Algeria", "25 Oct 2025", None], ["Angola", "25 Oct 2025", ""], ["Austria", "25 Oct 2025", " \t "]]
    )
    assert b"<Entry/>" in data and b"<Entry></Entry>" in data
    status = parse_status(data, HANOI_URL)
    assert [row.instrument for row in status.rows] == [None, None, None]


def test_escaped_superscripts_and_double_escaping() -> None:
    rows = [
        ["China<superscript>4,5,6</superscript>", "25 Oct 2025", None],
        ["Germany&lt;superscript&gt;5,6&lt;/superscript&gt;", "25 Oct 2025", None],  # escaped twice
        [
            "United Kingdom of Great Britain and Northern Ireland<superscript>6,18,19,20</superscript>",
            "25 Oct 2025",
            None,
        ],
        ["Denmark 1", "25 Oct 2025", None],  # a marker that lost its tags
    ]
    status = parse_status(
        status_xml(rows, headings=("Participant<superscript>3,4</superscript>", "Signature", "Ratification")), HANOI_URL
    )
    assert [(row.name, row.footnotes) for row in status.rows] == [
        ("China", (4, 5, 6)),
        ("Germany", (5, 6)),
        ("United Kingdom of Great Britain and Northern Ireland", (6, 18, 19, 20)),
        ("Denmark", (1,)),
    ]
    assert status.columns[0].role == "participant"


def test_real_superscript_elements_read_like_escaped_ones() -> None:
    data = status_xml([["XCHINAX", "25 Oct 2025", None]]).replace(b"XCHINAX", b"China<superscript>4</superscript>")
    assert parse_status(data, HANOI_URL).rows[0].footnotes == (4,)


def test_no_signature_column() -> None:
    status = parse_status(
        status_xml(
            [["Algeria", " 6 Aug 1986 a"], ["Chile", "1 Jan 2000"]],
            headings=("Participant", "Ratification, Accession(a)"),
        ),
        HANOI_URL,
    )
    assert [row.instrument for row in status.rows] == [
        Instrument("accession", date(1986, 8, 6)),
        Instrument("ratification", date(2000, 1, 1)),
    ]
    assert all(row.signature is None for row in status.rows)


def test_a_provisional_application_column_in_the_middle_is_read_past() -> None:
    headings = ("Participant", "Provisional application under Article V", "Signature", "Acceptance(A), Ratification")
    status = parse_status(
        status_xml([["Australia", "15 Nov 2022", "1 Jan 2017", "2 Feb 2019 A"]], headings=headings), HANOI_URL
    )
    row = status.rows[0]
    assert (row.signature, row.instrument) == (date(2017, 1, 1), Instrument("acceptance", date(2019, 2, 2)))
    assert [column.role for column in status.columns] == ["participant", "ignored", "signature", "consent"]


def test_columns_are_found_by_heading_not_position() -> None:
    headings = ("Participant", "Acceptance(A), Ratification, Approval(AA), Accession(a)", "Signature")
    status = parse_status(status_xml([["Algeria", "9 Mar 2026 AA", "25 Oct 2025"]], headings=headings), HANOI_URL)
    assert status.rows[0].signature == date(2025, 10, 25)
    assert status.rows[0].instrument == Instrument("approval", date(2026, 3, 9))


def test_withdrawn_participants_keep_their_bracketed_dates() -> None:
    rows = [
        ["United States of America", "[22 Apr\t 2016]", "[20 Jan\t 2021 A]"],
        ["Burundi", "13 Jan 1999", "[ 21 Sep 2004 ]"],
    ]
    status = parse_status(status_xml(rows), HANOI_URL)
    usa, burundi = status.rows
    assert (
        usa.withdrawn
        and usa.signature == date(2016, 4, 22)
        and usa.instrument == Instrument("acceptance", date(2021, 1, 20))
    )
    assert burundi.withdrawn and burundi.instrument == Instrument("ratification", date(2004, 9, 21))


def test_counts_absent_inside_status_are_zero_and_the_eif_text_is_kept() -> None:
    status = parse_status(status_xml([["Algeria", "25 Oct 2025", None]], signatories=1), HANOI_URL)
    assert (status.signatories, status.parties) == (1, 0)
    assert status.eif_text == " ".join(HANOI_EIF.split())
    assert status.in_force_on is None


def test_without_a_status_element_no_count_is_invented() -> None:
    status = parse_status(status_xml([["Algeria", "25 Oct 2025", None]], status_element=False), HANOI_URL)
    assert (status.signatories, status.parties) == (None, None)


def test_renamed_states_are_read_as_printed() -> None:
    status = parse_status(
        status_xml([["Netherlands (Kingdom of the)", "25 Oct 2025", None], ["Türkiye", "25 Oct 2025", None]]),
        HANOI_URL,
    )
    assert [row.name for row in status.rows] == ["Netherlands (Kingdom of the)", "Türkiye"]


def test_a_table_without_rows_is_fine_until_counts_say_otherwise() -> None:
    assert parse_status(status_xml([]), HANOI_URL).rows == ()
    error = refused(status_xml([], signatories=72))
    assert error.problems[0].code == "not-a-status-document"


@pytest.mark.parametrize(
    ("heading", "fragment"),
    [
        ("Adherence to the Protocol", "does not know what its dates record"),
    ],
)
def test_a_heading_hanoi_cannot_read_is_read_past_with_a_located_warning(heading: str, fragment: str) -> None:
    data = status_xml([["Algeria", "25 Oct 2025", "1 Jan 2026 A"]], headings=("Participant", "Signature", heading))
    status = parse_status(data, HANOI_URL)
    assert status.rows[0].signature == date(2025, 10, 25) and status.rows[0].instrument is None
    (warning,) = status.warnings
    assert warning.code == "unknown-heading" and fragment in warning.message and warning.severity == "warning"
    assert warning.line is not None and warning.path == "Thead/Entry[3]"


@pytest.mark.parametrize(
    ("heading", "cell", "fragment"),
    [
        ("Consent to be bound(P), Ratification", "1 Jan 2026 P", "Consent to be bound(P)"),
        ("Notification in respect of the Agreement as amended(d), Ratification", "1 Jan 2026 d", "Notification"),
        ("Ratification, Simplified procedure(p)", "1 Jan 2026 p", "Simplified procedure(p)"),
        ("Participation under articles 3 (2) and (3)(P), Accession(a)", "1 Jan 2026 P", "Participation"),
    ],
)
def test_an_action_a_ledger_cannot_hold_skips_its_row_only(heading: str, cell: str, fragment: str) -> None:
    rows = [["Algeria", "25 Oct 2025", "2 Jan 2026 a" if "(a)" in heading else None], ["Angola", None, cell]]
    status = parse_status(status_xml(rows, headings=("Participant", "Signature", heading)), HANOI_URL)
    assert [row.name for row in status.rows] == ["Algeria"]
    (warning,) = status.warnings
    assert warning.code == "unrepresentable-action" and fragment in warning.message
    assert "row 2 (Angola)" in warning.message and warning.path == "Tbody/Row[2]/Entry[3]"


@pytest.mark.parametrize(
    ("heading", "cell", "key"),
    [
        ("Definitive signature(s), Ratification, Accession(a)", "3 Mar 2001 s", "definitive_signature"),
        ("Formal confirmation(c), Ratification", "3 Mar 2001 c", "formal_confirmation"),
        ("Notification of succession(d), Ratification", "3 Mar 2001 d", "succession"),
        ("Succession to the Convention as amended by the Protocol(d), Ratification", "3 Mar 2001 d", "succession"),
        (
            "Accession to the Convention as amended(a), Ratification of the Convention as amended",
            "3 Mar 2001 a",
            "accession",
        ),
        ("Acceptance of the Protocol(A), Definitive signature of the Protocol(s)", "3 Mar 2001 A", "acceptance"),
        ("Definitive acceptance", "3 Mar 2001", "acceptance"),
        (
            "Ratification, Acceptance(A), Approval(AA), Formal confirmation(c), Accession(a), Succession(d)",
            "3 Mar 2001 AA",
            "approval",
        ),
    ],
)
def test_the_depositarys_heading_variants_read(heading: str, cell: str, key: str) -> None:
    status = parse_status(status_xml([["Algeria", cell]], headings=("Participant", heading)), HANOI_URL)
    assert status.warnings == ()
    assert status.rows[0].instrument == Instrument(key, date(2001, 3, 3))
    assert not status.has_signature_column


@pytest.mark.parametrize(
    "heading", ["Signature, Succession to signature(d)", "Signature, Signature ad referendum (s)", "Signature"]
)
def test_signature_headings(heading: str) -> None:
    cell = "4 Apr 2004" + (" " + heading[-2] if heading.endswith(")") else "")
    status = parse_status(
        status_xml([["Algeria", cell, None]], headings=("Participant", heading, "Ratification")), HANOI_URL
    )
    assert status.rows[0].signature == date(2004, 4, 4) and status.has_signature_column


def test_a_table_with_no_column_of_dates_is_not_a_status_table() -> None:
    error = refused(status_xml([["Algeria", "34 (I)"]], headings=("Participant", "Resolution")))
    assert error.problems[0].code == "not-a-status-document"


def test_a_table_whose_first_column_is_not_participant_is_refused() -> None:
    error = refused(status_xml([["25 Oct 2025", "Algeria"]], headings=("Signature", "Participant")))
    assert error.problems[0].code == "unknown-heading"


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("25 Oct 2025 n", "unknown-suffix"),
        ("25 Oct 2025 X", "unknown-suffix"),
        ("25 Oct 2025 26 Oct 2025", "ambiguous-cell"),
        ("25 Oct 2025, 1 Mar 2026 A", "ambiguous-cell"),
        ("2025-10-25", "unreadable-cell"),
        ("25 October 2025", "unreadable-cell"),
        ("31 Feb 2026", "unreadable-cell"),
        ("[25 Oct 2025", "unreadable-cell"),
        ("25 Okt 2025", "unreadable-cell"),
    ],
)
def test_a_bad_cell_skips_its_row_naming_it(cell: str, code: str) -> None:
    data = status_xml([["Algeria", "25 Oct 2025", None], ["Angola", "25 Oct 2025", cell]])
    status = parse_status(data, HANOI_URL)
    assert [row.name for row in status.rows] == ["Algeria"]
    (problem,) = status.warnings
    assert problem.code == code and problem.severity == "warning"
    assert "row 2 (Angola)" in problem.message
    assert problem.path == "Tbody/Row[2]/Entry[3]"
    angola_line = data.split(b"\n").index(next(line for line in data.split(b"\n") if b"Angola" in line)) + 1
    assert problem.line == angola_line and problem.column is not None


def test_a_bare_date_is_ambiguous_when_two_items_have_no_letter() -> None:
    headings = ("Participant", "Definitive signature, Acceptance, Accession(a)")
    assert parse_status(status_xml([["Algeria", "1 Jan 2000 a"]], headings=headings), HANOI_URL).rows[
        0
    ].instrument == Instrument("accession", date(2000, 1, 1))
    status = parse_status(status_xml([["Algeria", "1 Jan 2000"]], headings=headings), HANOI_URL)
    assert status.rows == () and status.warnings[0].code == "ambiguous-cell"


def test_a_row_of_the_wrong_width_or_without_a_name_is_skipped() -> None:
    status = parse_status(status_xml([["Algeria", "25 Oct 2025"], [None, "25 Oct 2025", None]]), HANOI_URL)
    assert status.rows == ()
    assert [w.code for w in status.warnings] == ["unreadable-row", "unreadable-row"]
    assert "row 1 (Algeria) has 2 cells" in status.warnings[0].message


# --- not a status document, hostile, too large ------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \r\n",
        b"<!DOCTYPE html><html><body>Not here</body></html>",
        b"<html><head><title>UNTC</title></head><body>x</body></html>",
        b"<html><body>The site is undergoing urgent maintenance and is currently unavailable.</body></html>",
        b'<?xml version="1.0"?><Document><Chapter/></Document>',
        b'<?xml version="1.0"?><Document><Treaty><Header/></Treaty></Document>',
        b'<?xml version="1.0"?><Document><Treaty><Participants><Table/></Participants></Treaty></Document>',
        b"Service Unavailable",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "<?xml version='1.0' encoding='UTF-16'?><Document/>".encode("utf-16"),
    ],
)
def test_what_is_not_a_status_document_says_so(data: bytes) -> None:
    assert refused(data).problems[0].code == "not-a-status-document"


def test_a_truncated_file_is_not_a_status_document() -> None:
    whole = SAMPLE.read_bytes()
    for cut in (len(whole) // 2, len(whole) - 20, 60):
        problem = refused(whole[:cut]).problems[0]
        assert problem.code == "not-a-status-document" and "truncated" in problem.message
        assert problem.line is not None


def test_malformed_xml_is_located() -> None:
    data = status_xml([["Algeria", "25 Oct 2025", None]]).replace(b"<Row><Entry>Algeria", b"<Row><Entry>Algeria</Rows>")
    problem = refused(data).problems[0]
    assert problem.code == "malformed-xml"
    assert problem.line == data.split(b"\n").index(next(line for line in data.split(b"\n") if b"Algeria" in line)) + 1


def test_billion_laughs_is_refused_without_expanding() -> None:
    laughs = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10)
        )
        + "]>\n"
    )
    data = status_xml([["&lol9;", "25 Oct 2025", None]], prolog=laughs).replace(b"&amp;lol9;", b"&lol9;")
    problem = refused(data).problems[0]
    assert problem.code == "hostile-xml"
    assert "lollollol" not in problem.message


def test_an_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="ascii")
    prolog = f'<!DOCTYPE Document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
    data = status_xml([["XXE", "25 Oct 2025", None]], prolog=prolog).replace(b"XXE", b"&xxe;")
    error = refused(data)
    assert error.problems[0].code == "hostile-xml"
    assert "TOP-SECRET" not in str(error) and "TOP-SECRET" not in error.problems[0].message


def test_an_external_dtd_is_refused(tmp_path: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY leak "LEAKED">', encoding="ascii")
    data = status_xml([["Algeria", "25 Oct 2025", None]], prolog=f'<!DOCTYPE Document SYSTEM "{dtd.as_uri()}">\n')
    assert refused(data).problems[0].code == "hostile-xml"


def test_over_the_size_limit_is_refused_before_parsing() -> None:
    data = b'<?xml version="1.0"?><Document>' + b" " * (MAX_STATUS_BYTES + 1) + b"</Document>"
    problem = refused(data).problems[0]
    assert problem.code == "source-too-large" and f"{MAX_STATUS_BYTES:,}" in problem.message


def test_a_count_that_is_not_a_number_is_refused() -> None:
    data = status_xml([["Algeria", "25 Oct 2025", None]], signatories=1).replace(
        b"<Signatories>1<", b"<Signatories>one<"
    )
    assert refused(data).problems[0].code == "unreadable-count"


def test_utf8_with_a_utf8_declaration_reads_the_same() -> None:
    data = status_xml([["Côte d'Ivoire", "25 Oct 2025", None]], encoding="UTF-8")
    assert parse_status(data, HANOI_URL).rows[0].name == "Côte d'Ivoire"


def test_treaty_ids_from_urls() -> None:
    assert treaty_id_from_url(HANOI_URL) == "XVIII-16"
    assert (
        treaty_id_from_url("https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XXVII/xxvii-7-d.en.xml")
        == "XXVII-7-d"
    )
    assert treaty_id_from_url("status.xml") is None
    assert parse_status(status_xml([]), "copy.xml", treaty_id="XVIII-16").treaty_id == "XVIII-16"


def test_a_generated_200_participant_file_reads() -> None:
    status = parse_status(generate_status(200), HANOI_URL)
    assert len(status.rows) == 200 == status.signatories
    assert sum(row.instrument is not None for row in status.rows) == status.parties
    assert len({row.name for row in status.rows}) == 200


@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    suffix=st.sampled_from(["", "A", "AA", "a"]),
    pad=st.booleans(),
    tab=st.booleans(),
    bracket=st.booleans(),
)
def test_every_printed_date_reads_back(day: date, suffix: str, pad: bool, tab: bool, bracket: bool) -> None:
    kinds = {"": "ratification", "A": "acceptance", "AA": "approval", "a": "accession"}
    cell = cell_date(day, suffix, pad=pad, tab=tab)
    if bracket:
        cell = f"[{cell}]"
    row = parse_status(status_xml([["Algeria", None, cell]]), HANOI_URL).rows[0]
    assert row.instrument == Instrument(kinds[suffix], day)
    assert row.withdrawn == bracket


@pytest.mark.parametrize("heading", ["Notification under article 25", "Extension", "Notification under article 21 (1)"])
def test_a_column_of_other_dates_is_read_past_with_a_warning(heading: str) -> None:
    rows = [["Algeria", "25 Oct 2025", "3 Mar 2026", "4 Apr 2026"]]
    headings = ("Participant", "Signature", "Ratification", heading)
    status = parse_status(status_xml(rows, headings=headings), HANOI_URL)
    assert status.rows[0].instrument == Instrument("ratification", date(2026, 3, 3))
    (warning,) = status.warnings
    assert warning.path == "Thead/Entry[4]" and heading in warning.message and "reads past" in warning.message


def test_a_suffix_given_twice_skips_only_the_rows_that_use_it() -> None:
    rows = [["Algeria", "1 Jan 2026 A"], ["Angola", "2 Jan 2026 a"]]
    status = parse_status(
        status_xml(rows, headings=("Participant", "Acceptance(A), Approval(A), Accession(a)")), HANOI_URL
    )
    assert [row.name for row in status.rows] == ["Angola"]
    assert [w.code for w in status.warnings] == ["unknown-heading", "unrepresentable-action"]
    assert "twice" in status.warnings[0].message and "row 1 (Algeria)" in status.warnings[1].message


def test_an_item_known_by_its_first_words_before_a_slash() -> None:
    headings = ("Participant", "Provisional acceptance/accession", "Ratification")
    status = parse_status(status_xml([["Algeria", "1 Jan 2026", "2 Jan 2026"]], headings=headings), HANOI_URL)
    assert status.warnings == () and status.rows[0].instrument == Instrument("ratification", date(2026, 1, 2))
