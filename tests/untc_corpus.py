"""A corpus of status files, one for each structural variant the depositary's real files show.

Each file is our own, shaped like the real ones (``untc_factory.status_xml``): protocols and
amendments with ``Subtitlesect``, tables with and without a signature column, extra columns in the
middle, headings in other orders and with other legends, treaties in force or not, withdrawals,
successions, international organizations, rows hanoi cannot represent, and the drafting styles
of the entry-into-force article. ``expected`` is every participant row as the ledger must hold it
(code -> keys), so the corpus test can say that no row is wrong; ``skipped`` the warning codes of
the rows and headings that are read past.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from untc_factory import HANOI_EIF, HANOI_HEADINGS, HANOI_TITLE, status_xml

CONSENT = "Ratification, Acceptance(A), Approval(AA), Accession(a)"


@dataclass(frozen=True)
class CorpusFile:
    """One status file, how ``hanoi new`` is called on it, and what the ledger must say."""

    treaty_id: str
    data: bytes
    expected: dict[str, dict[str, str]]
    rule: Optional[str] = None
    """``--rule`` for ``hanoi new``, only where the file quotes no rule hanoi can read."""
    skipped: tuple[str, ...] = ()
    signature_stage: bool = True
    in_force_on: Optional[str] = None
    title: Optional[str] = None
    counts: tuple[Optional[int], Optional[int]] = (None, None)
    rule_keys: dict[str, object] = field(default_factory=dict)


def _in_force(day: str, article: str) -> str:
    return f"{day}, in accordance with article {article}."


def corpus() -> list[CorpusFile]:
    files = [
        CorpusFile(  # the Hanoi Convention: signature stage, not in force, the quoted rule
            "XVIII-16",
            status_xml(
                [
                    ["Algeria", "25 Oct 2025", None],
                    ["China<superscript>4,5</superscript>", "25 Oct 2025", None],
                    ["Viet Nam", "25 Oct 2025", " 2 Mar 2026"],
                    ["European Union", "25 Oct 2025", "10 Jun 2026 AA"],
                ],
                signatories=4,
                parties=2,
            ),
            {
                "DZA": {"signature": "2025-10-25"},
                "CHN": {"signature": "2025-10-25"},
                "VNM": {"signature": "2025-10-25", "ratification": "2026-03-02"},
                "EUU": {"kind": "reio", "signature": "2025-10-25", "approval": "2026-06-10"},
            },
            counts=(4, 2),
            rule_keys={"threshold": 40, "after": {"days": 90}, "count_reio": False},
        ),
        CorpusFile(  # an amendment: Subtitlesect, no signature column, in force, Status with Parties only
            "XXVII-7-c",
            status_xml(
                [
                    ["Algeria", "26 Sep 2019 A"],
                    ["Bahamas (The)", "18 Jun 2021 A"],
                    ["European Union<superscript>2</superscript>", "21 Dec 2017 A"],
                ],
                headings=("Participant", "Acceptance(A)"),
                title="Kyoto Protocol to the United Nations Framework Convention on Climate Change",
                subtitle="Doha Amendment to the Kyoto Protocol",
                conclusion="Doha, 8 December 2012",
                eif=_in_force("31 December 2020", "20 (4) and 21 (7)"),
                parties=3,
            ),
            {
                "DZA": {"acceptance": "2019-09-26"},
                "BHS": {"acceptance": "2021-06-18"},
                "EUU": {"kind": "reio", "acceptance": "2017-12-21"},
            },
            rule="{later_parties: {days: 90}}",
            signature_stage=False,
            in_force_on="2020-12-31",
            title="Doha Amendment to the Kyoto Protocol",
            counts=(0, 3),
        ),
        CorpusFile(  # Kigali: a provisional-application column inserted in the middle, no signature column
            "XXVII-2-f",
            status_xml(
                [
                    ["Armenia", None, " 2 May 2019 A"],
                    ["Netherlands (Kingdom of the)", "15 Nov 2018", "15 Nov 2018 A"],
                    ["Türkiye", None, " 6 Oct 2021"],
                ],
                headings=("Participant3,4", "Provisional application under Article V", CONSENT),
                title="Montreal Protocol on Substances that Deplete the Ozone Layer",
                subtitle="Amendment to the Montreal Protocol on Substances that Deplete the Ozone Layer",
                conclusion="Kigali, 15 October 2016",
                eif=_in_force("1 January 2019", "IV (1)"),
                parties=3,
            ),
            {
                "ARM": {"acceptance": "2019-05-02"},
                "NLD": {"acceptance": "2018-11-15"},
                "TUR": {"ratification": "2021-10-06"},
            },
            rule="{later_parties: {days: 90}}",
            signature_stage=False,
            in_force_on="2019-01-01",
            counts=(0, 3),
        ),
        CorpusFile(  # an old convention: successions, footnoted names, a TAB before the year, a withdrawal
            "IV-1",
            status_xml(
                [
                    ["Albania", None, "12 May 1955 a"],
                    ["Australia", "11 Dec 1948", " 8 Jul 1949"],
                    ["Czech Republic<superscript>5</superscript>", None, "22 Feb 1993 d"],
                    ["Montenegro<superscript>7</superscript>", "23 Oct 2006 d", "23 Oct 2006 d"],
                    ["Rwanda", None, "16 Apr 1975 a"],
                    ["United Kingdom of Great Britain and Northern Ireland 6 , 18 ,", "30 Jan\t 1970", "30 Jan 1970"],
                    ["Trinidad and Tobago", "[12 Sep 1949]", "[13 Sep 1950]"],
                ],
                headings=(
                    "Participant2",
                    "Signature, Succession to signature(d)",
                    "Ratification, Accession(a), Succession(d)",
                ),
                title="Convention on the Prevention and Punishment of the Crime of Genocide",
                conclusion="Paris, 9 December 1948",
                eif=_in_force("12 January 1951", "XIII"),
                signatories=3,
                parties=6,
            ),
            {
                "ALB": {"accession": "1955-05-12"},
                "AUS": {"signature": "1948-12-11", "ratification": "1949-07-08"},
                "CZE": {"succession": "1993-02-22"},
                "MNE": {"signature": "2006-10-23", "succession": "2006-10-23"},
                "RWA": {"accession": "1975-04-16"},
                "GBR": {"signature": "1970-01-30", "ratification": "1970-01-30"},
            },
            rule="{later_parties: {days: 90}, later_parties_from: entry_into_force}",
            skipped=("withdrawn-participant",),
            in_force_on="1951-01-12",
            counts=(3, 6),
        ),
        CorpusFile(  # Paris: a second condition (emissions), so --rule; a formal confirmation; a withdrawal
            "XXVII-7-d",
            status_xml(
                [
                    ["Fiji", "22 Apr 2016", "22 Apr 2016"],
                    ["Nicaragua", None, "23 Oct 2017 a"],
                    ["State of Palestine", "22 Apr 2016", "22 Apr 2016 a"],
                    ["United States of America", "22 Apr\t 2016", "[20 Jan\t 2021 A]"],
                ],
                headings=("Participant", "Signature", "Ratification, Acceptance(A), Approval(AA), Accession(a)"),
                title="Paris Agreement",
                conclusion="Paris, 12 December 2015",
                eif=(
                    'in accordance with article 21(1) which reads as follows: "This Agreement shall enter into force '
                    "on the thirtieth day after the date on which at least 55 Parties to the Convention accounting in "
                    "total for at least an estimated 55 per cent of the total global greenhouse gas emissions have "
                    'deposited their instruments."'
                ),
                signatories=3,
                parties=3,
            ),
            {
                "FJI": {"signature": "2016-04-22", "ratification": "2016-04-22"},
                "NIC": {"accession": "2017-10-23"},
                "PSE": {"signature": "2016-04-22", "accession": "2016-04-22"},
            },
            rule="{threshold: 55, after: {days: 30}, later_parties: {days: 30}}",
            skipped=("withdrawn-participant",),
            counts=(3, 3),
        ),
        CorpusFile(  # States and international organizations: formal confirmation, the UN's own codes
            "XXIII-3",
            status_xml(
                [
                    ["Argentina", "30 Jan 1987", "17 Aug 1990"],
                    ["Council of Europe", "11 May 1987", None],
                    ["Food and Agriculture Organization of the United Nations", None, "25 Apr 1990 c"],
                    ["International Labour Organization", "31 Jul 1987", "31 Jul 2000 c"],
                    ["United Nations", "12 Feb 1987", "21 Dec 1998 c"],
                    ["United Nations Educational, Scientific and Cultural Organization", "1 Jan 1987", None],
                    ["World Health Organization", "30 Apr 1987", "22 Jun 2000 c"],
                ],
                headings=("Participant", "Signature", "Ratification, Formal confirmation(c), Accession(a)"),
                title=(
                    "Vienna Convention on the Law of Treaties between States and International Organizations or "
                    "between International Organizations"
                ),
                conclusion="Vienna, 21 March 1986",
                eif=(
                    'in accordance with article 85(1) which reads as follows: "1. The present Convention shall enter '
                    "into force on the thirtieth day following the date of deposit of the thirty-fifth instrument of "
                    'ratification or accession by States or by Namibia."'
                ),
                signatories=6,
                parties=5,
            ),
            {
                "ARG": {"signature": "1987-01-30", "ratification": "1990-08-17"},
                "COE": {"kind": "organization", "signature": "1987-05-11"},
                "FAO": {"kind": "organization", "formal_confirmation": "1990-04-25"},
                "ILO": {"kind": "organization", "signature": "1987-07-31", "formal_confirmation": "2000-07-31"},
                "UNO": {"kind": "organization", "signature": "1987-02-12", "formal_confirmation": "1998-12-21"},
                "UNE": {"kind": "organization", "signature": "1987-01-01"},
                "WHO": {"kind": "organization", "signature": "1987-04-30", "formal_confirmation": "2000-06-22"},
            },
            counts=(6, 5),
            rule_keys={"threshold": 35, "after": {"days": 30}},
        ),
        CorpusFile(  # definitive signatures, consent to be bound, a confirmation (not representable), a notification column
            "XIV-7",
            status_xml(
                [
                    ["Austria", "5 Dec 1972", "7 Jun 1973 C", None],
                    ["Belgium", None, "4 Apr 1973 s", "9 Sep 1980"],
                    ["Chile", None, "3 Mar 1975 P", None],
                    ["Denmark", "[1 Mar 1972 s]", None, None],
                    ["Egypt", "1 Jan 1973", "1 Feb 1974 A", None],
                ],
                headings=(
                    "Participant",
                    "Signature, Signature ad referendum (s)",
                    "Acceptance(A), Definitive signature(s), Consent to be bound(P), "
                    "Confirmation of signature ad referendum(C)",
                    "Notification under article 25",
                ),
                title="Agreement on the Importation of Educational, Scientific and Cultural Materials",
                conclusion="Lake Success, New York, 22 November 1950",
                eif=(
                    'in accordance with article 11 which reads as follows: "This Agreement comes into force '
                    'ninety (90) days after the deposit of the fourth (4th) instrument of acceptance."'
                ),
                signatories=2,
                parties=4,
            ),
            {
                "BEL": {"definitive_signature": "1973-04-04"},
                "CHL": {"consent_to_be_bound": "1975-03-03"},
                "EGY": {"signature": "1973-01-01", "acceptance": "1974-02-01"},
            },
            skipped=(
                "unknown-heading",
                "unrepresentable-action",
                "withdrawn-participant",
            ),
            counts=(2, 4),
            rule_keys={"threshold": 4, "after": {"days": 90}},
        ),
        CorpusFile(  # no Status element, present tense, months, headings in another order, odd rows
            "XXVI-9",
            status_xml(
                [
                    ["Afghanistan", "10 Feb 2003 a", None],
                    ["Albania", "31 Jan 2003", "18 Jul 1998"],
                    ["Andorra", "25 Oct 2025 26 Oct 2025", "1 Jan 2020"],
                    ["Angola", "5 May 2005 AA", "1 Jan 2004"],
                    ["Atlantis Trading Company", None],
                ],
                headings=(
                    "Participant",
                    "Approval(AA), Acceptance(A), Accession(a), Succession(d), Ratification",
                    "Signature",
                ),
                title="Convention on the Prohibition of Mines",
                conclusion="Oslo, 18 September 1997",
                eif=(
                    'in accordance with article 17 which reads as follows: "1. This Convention enters into force on '
                    "the first day of the month following the expiration of three months after the date of deposit "
                    "of the tenth instrument of ratification. 2. For any State which deposits its instrument after "
                    "the deposit of the tenth instrument, this Convention enters into force on the first day of the "
                    'month following the expiration of three months after that deposit."'
                ),
                status_element=False,
            ),
            {
                "AFG": {"accession": "2003-02-10"},
                "ALB": {"signature": "1998-07-18", "ratification": "2003-01-31"},
                "AGO": {"signature": "2004-01-01", "approval": "2005-05-05"},
            },
            skipped=("ambiguous-cell", "unreadable-row"),
            rule_keys={
                "threshold": 10,
                "after": {"months": 3, "first_of_next_month": True},
                "later_parties": {"months": 3, "first_of_next_month": True},
            },
        ),
        CorpusFile(  # a rule split over two sentences; accepted without signing in a signature table
            "XXI-10",
            status_xml(
                [
                    ["Chile", "20 Sep 2023", "21 Jan 2025"],
                    ["Cuba", None, "12 Apr 2025 A"],
                    ["Micronesia (Federated States of)", "20 Sep 2023", None],
                ],
                headings=("Participant", "Signature", "Ratification, Acceptance(A), Approval(AA), Accession(a)"),
                title="Agreement under the United Nations Convention on the Law of the Sea",
                conclusion="New York, 19 June 2023",
                eif=(
                    'in accordance with article 68 which reads as follows: "1. This Agreement shall enter into force '
                    "upon the deposit of the sixtieth instrument of ratification, approval, acceptance or accession. "
                    "It shall enter into force one hundred and twenty days after that deposit. 2. For each State "
                    "ratifying this Agreement after the deposit of the sixtieth instrument, it shall enter into force "
                    'on the thirtieth day following the deposit of its instrument."'
                ),
                signatories=2,
                parties=2,
            ),
            {
                "CHL": {"signature": "2023-09-20", "ratification": "2025-01-21"},
                "CUB": {"acceptance": "2025-04-12"},
                "FSM": {"signature": "2023-09-20"},
            },
            counts=(2, 2),
            rule_keys={"threshold": 60, "after": {"days": 120}, "later_parties": {"days": 30}},
        ),
        CorpusFile(  # a weapons-convention protocol: consent to be bound (P) and succession, no signature column
            "XXVI-2-b",
            status_xml(
                [
                    ["Albania", "28 Aug 2002 P"],
                    ["Bosnia and Herzegovina", " 1 Sep 1993 d"],
                    ["Cuba", " 6 Mar 1987 P"],
                ],
                headings=("Participant", "Succession(d), Consent to be bound(P)"),
                title="Convention on Prohibitions or Restrictions on the Use of Certain Conventional Weapons",
                subtitle="Protocol on Prohibitions or Restrictions on the Use of Incendiary Weapons (Protocol III)",
                conclusion="Geneva, 10 October 1980",
                eif=_in_force("2 December 1983", "5 (3)"),
                parties=3,
            ),
            {
                "ALB": {"consent_to_be_bound": "2002-08-28"},
                "BIH": {"succession": "1993-09-01"},
                "CUB": {"consent_to_be_bound": "1987-03-06"},
            },
            rule="{later_parties: {months: 6}}",
            signature_stage=False,
            counts=(0, 3),
            title="Protocol on Prohibitions or Restrictions on the Use of Incendiary Weapons (Protocol III)",
        ),
        CorpusFile(  # an annex applied to a specialized agency: the only column is "Application", no rule quoted
            "III-2-3",
            status_xml(
                [["Austria", "29 Jul 1950"], ["Chile", "21 Sep 1951"], ["Denmark", "25 Jan 1950"]],
                headings=("Participant", "Application"),
                title="Convention on the Privileges and Immunities of the Specialized Agencies",
                subtitle="Annex III - World Health Organization",
                conclusion="New York, 21 November 1947",
                eif="",
                status_element=False,
            ),
            {
                "AUT": {"application": "1950-07-29"},
                "CHL": {"application": "1951-09-21"},
                "DNK": {"application": "1950-01-25"},
            },
            rule="{threshold: 1, after: {days: 0}}",
            signature_stage=False,
        ),
        CorpusFile(  # participation "by virtue of ratification, accession or succession" (one item over commas)
            "VI-18",
            status_xml(
                [
                    ["Afghanistan", "19 Feb 2015", None],
                    ["Albania", None, "14 Aug 2001 a"],
                    ["Argentina", "16 Nov 1973", None],
                ],
                headings=(
                    "Participant",
                    "Participation in the Convention by virtue of ratification, accession or succession to the "
                    "Protocol of 25 March 1972 or to the 1961 Convention after the entry into force of the Protocol",
                    "Accession(a), Succession(d), Ratification",
                ),
                title="Single Convention on Narcotic Drugs, 1961, as amended by the Protocol of 25 March 1972",
                conclusion="Geneva, 25 March 1972",
                eif=_in_force("8 August 1975", "18 of the Protocol"),
                parties=3,
            ),
            {
                "AFG": {"participation": "2015-02-19"},
                "ALB": {"accession": "2001-08-14"},
                "ARG": {"participation": "1973-11-16"},
            },
            rule="{later_parties: {days: 30}}",
            signature_stage=False,
            in_force_on="1975-08-08",
            counts=(0, 3),
        ),
        CorpusFile(  # Part XI: simplified procedure (p), consent to be bound (P), provisional application over commas
            "XXI-6-a",
            status_xml(
                [
                    ["Algeria", "29 Jul 1994", None, None, "11 Jun 1996"],
                    ["Australia", "29 Jul 1994", None, None, " 5 Oct 1994 p"],
                    ["Belarus", None, None, None, "30 Aug 2006 P"],
                    ["Benin", "24 Sep 1996", "[2 Nov 1994 n]", None, "16 Oct 1997"],
                ],
                headings=(
                    "Participant",
                    "Signature",
                    "Provisional application by virtue of signature, adoption of the Agreement or accession "
                    "thereto, Provisional application by virtue of a notification (n)",
                    "Notification of non-provisional application under article 7 (1) (b)",
                    "Simplified procedure(p), Formal confirmation(c), Definitive signature(s), Accession(a), "
                    "Succession(d), Ratification, Consent to be bound(P)",
                ),
                title="United Nations Convention on the Law of the Sea",
                subtitle="Agreement relating to the implementation of Part XI of the United Nations Convention "
                "on the Law of the Sea of 10 December 1982",
                conclusion="New York, 28 July 1994",
                eif=_in_force("28 July 1996", "6"),
                signatories=3,
                parties=4,
            ),
            {
                "DZA": {"signature": "1994-07-29", "ratification": "1996-06-11"},
                "AUS": {"signature": "1994-07-29", "simplified_procedure": "1994-10-05"},
                "BLR": {"consent_to_be_bound": "2006-08-30"},
                "BEN": {"signature": "1996-09-24", "ratification": "1997-10-16"},  # provisional application read past
            },
            skipped=("unknown-heading",),
            rule="{later_parties: {days: 30}}",
            in_force_on="1996-07-28",
            counts=(3, 4),
            title="Agreement relating to the implementation of Part XI of the United Nations Convention on the "
            "Law of the Sea of 10 December 1982",
        ),
        CorpusFile(  # "Definitive signature or participation ..." (two things: skipped) beside "Participation(P)"
            "XVIII-2",
            status_xml(
                [
                    ["Afghanistan", "16 Aug 1954", None],
                    ["Antigua and Barbuda", "25 Oct 1988 P", None],
                    ["Algeria", None, "20 Nov 1963 a"],
                ],
                headings=(
                    "Participant",
                    "Definitive signature or participation in the Convention and the Protocol, Participation(P)",
                    "Ratification of the Convention as amended, Accession to the Convention as amended(a)",
                ),
                title="Slavery Convention, as amended by the Protocol of 7 December 1953",
                conclusion="New York, 7 December 1953",
                eif=_in_force("7 July 1955", "III"),
                parties=3,
            ),
            {
                "ATG": {"participation": "1988-10-25"},
                "DZA": {"accession": "1963-11-20"},
            },
            skipped=("unrepresentable-action",),
            rule="{later_parties: {days: 0}}",
            signature_stage=False,
            counts=(0, 3),
        ),
        CorpusFile(  # open for signature, no rows yet, no Status element
            "XVIII-17",
            status_xml(
                [],
                headings=HANOI_HEADINGS,
                title=HANOI_TITLE + " (protocol)",
                eif=HANOI_EIF,
                status_element=False,
            ),
            {},
        ),
    ]
    return files
