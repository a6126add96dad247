"""Write the reference set (data/reference/*.yaml) from copies of the depositary's status tables (run by hand).

    python scripts/build_reference_set.py UNTREATIES_DIR KIGALI_CSV [-o data/reference]

UNTREATIES_DIR holds ``treaties/<chapter>-<no>.csv`` as kept by the public repository
zmjones/untreaties (scrapes of the UN Treaty Collection's status tables, 2013-2015): a participant,
its signature, and its instrument (``12 Dec 2000``, suffixed ``a`` accession, ``A`` acceptance,
``AA`` approval, ``c`` formal confirmation, ``d`` succession; no suffix: ratification). KIGALI_CSV
is ``data/kigali-amendment.csv`` of openclimatedata/kigali-amendment-entry-into-force (code, name,
ISO date, type). Only these facts (names and dates) are read; the treaty metadata below (opening
for signature, rule of entry into force, the real threshold and treaty dates the tests check) come
from the treaties' final clauses and the depositary's status pages.

The written files are ordinary hanoi ledgers: ``hanoi validate data/reference/*.yaml`` checks them
and ``tests/core/rules/test_reference_set.py`` checks that hanoi's engine reproduces each real threshold date
and date of entry into force.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Optional

UNTC = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={id}&chapter={chapter}&lang=en"
UNTREATIES = "https://github.com/zmjones/untreaties/blob/master/treaties/{file}.csv"
KIGALI = "https://github.com/openclimatedata/kigali-amendment-entry-into-force/blob/main/data/kigali-amendment.csv"

SUFFIX = {"": "ratification", "a": "accession", "A": "acceptance", "AA": "approval", "c": "formal_confirmation"}
SUFFIX["d"] = "succession"
KIGALI_TYPES = {"Ratification": "ratification", "Acceptance": "acceptance", "Approval": "approval"}
KIGALI_TYPES |= {"Accession": "accession", "Formal confirmation": "formal_confirmation"}


@dataclass(frozen=True)
class Treaty:
    """One reference treaty: the facts of its final clauses and its real dates."""

    id: str
    file: str  # the stem of the copy's CSV; "kigali" for the Kigali Amendment
    title: str
    short_title: str
    family: str
    adopted: date
    opens: Optional[date]
    rule: str  # the entry_into_force mapping, as YAML flow text
    threshold_date: date  # the real date of the threshold instrument
    entry_into_force: date  # the real date of entry into force
    note: str
    complete: bool = True  # False: the copy ends before the threshold instrument
    reported: str = ""  # treaty.reported (YAML flow text): what the depositary's count was, for an incomplete copy


def d(text: str) -> date:
    return date.fromisoformat(text)


TREATIES = (
    Treaty(
        "XVIII-12",
        "18-12",
        "United Nations Convention against Transnational Organized Crime",
        "UNTOC",
        "untoc",
        d("2000-11-15"),
        d("2000-12-12"),
        "{threshold: 40, after: {days: 90}, later_parties: {days: 30}, count_reio: false}",
        d("2003-07-01"),
        d("2003-09-29"),
        "art. 38: ninetieth day after the fortieth instrument; a REIO's not counted as additional",
    ),
    Treaty(
        "XVIII-12-a",
        "18-12-a",
        "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, supplementing the United Nations Convention against Transnational Organized Crime",
        "Trafficking in Persons Protocol",
        "untoc",
        d("2000-11-15"),
        d("2000-12-12"),
        "{threshold: 40, after: {days: 90}, later_parties: {days: 30}, count_reio: false, not_before: 2003-09-29}",
        d("2003-09-26"),
        d("2003-12-25"),
        "art. 17: ninetieth day after the fortieth instrument, not before the Convention",
    ),
    Treaty(
        "XVIII-12-b",
        "18-12-b",
        "Protocol against the Smuggling of Migrants by Land, Sea and Air, supplementing the United Nations Convention against Transnational Organized Crime",
        "Smuggling of Migrants Protocol",
        "untoc",
        d("2000-11-15"),
        d("2000-12-12"),
        "{threshold: 40, after: {days: 90}, later_parties: {days: 30}, count_reio: false, not_before: 2003-09-29}",
        d("2003-10-30"),
        d("2004-01-28"),
        "art. 22: ninetieth day after the fortieth instrument, not before the Convention",
    ),
    Treaty(
        "XVIII-12-c",
        "18-12-c",
        "Protocol against the Illicit Manufacturing of and Trafficking in Firearms, Their Parts and Components and Ammunition, supplementing the United Nations Convention against Transnational Organized Crime",
        "Firearms Protocol",
        "untoc",
        d("2001-05-31"),
        d("2001-07-02"),
        "{threshold: 40, after: {days: 90}, later_parties: {days: 30}, count_reio: false, not_before: 2003-09-29}",
        d("2005-04-04"),
        d("2005-07-03"),
        "art. 18: ninetieth day after the fortieth instrument, not before the Convention",
    ),
    Treaty(
        "XVIII-14",
        "18-14",
        "United Nations Convention against Corruption",
        "UNCAC",
        "un-crime",
        d("2003-10-31"),
        d("2003-12-09"),
        "{threshold: 30, after: {days: 90}, later_parties: {days: 30}, count_reio: false}",
        d("2005-09-15"),
        d("2005-12-14"),
        "art. 68: ninetieth day after the thirtieth instrument; a REIO's not counted as additional",
    ),
    Treaty(
        "XVIII-10",
        "18-10",
        "Rome Statute of the International Criminal Court",
        "Rome Statute",
        "un-crime",
        d("1998-07-17"),
        d("1998-07-17"),
        "{threshold: 60, after: {days: 60, first_of_next_month: true}, later_parties: {days: 60, first_of_next_month: true}}",
        d("2002-04-11"),
        d("2002-07-01"),
        "art. 126: first day of the month after the sixtieth day following the sixtieth instrument",
    ),
    Treaty(
        "XXVI-5",
        "26-5",
        "Convention on the Prohibition of the Use, Stockpiling, Production and Transfer of Anti-Personnel Mines and on their Destruction",
        "Mine Ban Convention",
        "disarmament",
        d("1997-09-18"),
        d("1997-12-03"),
        "{threshold: 40, after: {months: 5, first_of_next_month: true}, later_parties: {months: 5, first_of_next_month: true}}",
        d("1998-09-16"),
        d("1999-03-01"),
        "art. 17: first day of the sixth month after the month of the fortieth instrument",
    ),
    Treaty(
        "XXVI-6",
        "26-6",
        "Convention on Cluster Munitions",
        "Convention on Cluster Munitions",
        "disarmament",
        d("2008-05-30"),
        d("2008-12-03"),
        "{threshold: 30, after: {months: 5, first_of_next_month: true}, later_parties: {months: 5, first_of_next_month: true}}",
        d("2010-02-16"),
        d("2010-08-01"),
        "art. 17: first day of the sixth month after the month of the thirtieth instrument",
    ),
    Treaty(
        "XXVI-8",
        "26-8",
        "Arms Trade Treaty",
        "Arms Trade Treaty",
        "disarmament",
        d("2013-04-02"),
        d("2013-06-03"),
        "{threshold: 50, after: {days: 90}, later_parties: {days: 90}}",
        d("2014-09-25"),
        d("2014-12-24"),
        "art. 22: ninetieth day after the fiftieth instrument",
        complete=False,  # the copy (10 Jul 2014) holds 41 of the 50 instruments deposited by 25 Sep 2014
        reported=(
            '{parties: 53, as_of: 2014-09-25, source: "53 ratifications after eight deposits on 25 Sep 2014 '
            "(Argentina, Bahamas, Bosnia and Herzegovina, Czech Republic, Portugal, Saint Lucia, Senegal, Uruguay): "
            "French Ministry of Foreign Affairs, https://www.diplomatie.gouv.fr/en/french-foreign-policy/security-"
            'disarmament-and-non-proliferation/news/news-about-disarmament-and-non-proliferation/article/arms-trade-treaty-entry-into-force"}'
        ),
    ),
    Treaty(
        "IV-15",
        "4-15",
        "Convention on the Rights of Persons with Disabilities",
        "CRPD",
        "human-rights",
        d("2006-12-13"),
        d("2007-03-30"),
        "{threshold: 20, after: {days: 30}, later_parties: {days: 30}, count_reio: false}",
        d("2008-04-03"),
        d("2008-05-03"),
        "art. 45: thirtieth day after the twentieth instrument; a REIO's not counted (art. 44)",
    ),
    Treaty(
        "IX-4",
        "9-4",
        "WHO Framework Convention on Tobacco Control",
        "WHO FCTC",
        "health-environment",
        d("2003-05-21"),
        d("2003-06-16"),
        "{threshold: 40, after: {days: 90}, later_parties: {days: 90}, count_reio: false}",
        d("2004-11-29"),
        d("2005-02-27"),
        "art. 36: ninetieth day after the fortieth instrument; a REIO's not counted as additional",
    ),
    Treaty(
        "XXVII-8-a",
        "27-8-a",
        "Cartagena Protocol on Biosafety to the Convention on Biological Diversity",
        "Cartagena Protocol",
        "health-environment",
        d("2000-01-29"),
        d("2000-05-15"),
        "{threshold: 50, after: {days: 90}, later_parties: {days: 90}, count_reio: false}",
        d("2003-06-13"),
        d("2003-09-11"),
        "art. 37: ninetieth day after the fiftieth instrument; a REIO's not counted as additional",
    ),
    Treaty(
        "XXVII-2-f",
        "kigali",
        "Amendment to the Montreal Protocol on Substances that Deplete the Ozone Layer (Kigali Amendment)",
        "Kigali Amendment",
        "health-environment",
        d("2016-10-15"),
        None,
        "{threshold: 20, after: {days: 90}, later_parties: {days: 90}, not_before: 2019-01-01}",
        d("2017-11-17"),
        d("2019-01-01"),
        "art. IV: 1 January 2019 if twenty instruments are deposited by then, else the ninetieth day after the twentieth",
    ),
)

# The last day of signature (final clauses: "until 12 December 2002"; "until its entry into force"
# is the day before it). CRPD has no closing date; Kigali is not signed.
CLOSES = {
    "XVIII-12": "2002-12-12",
    "XVIII-12-a": "2002-12-12",
    "XVIII-12-b": "2002-12-12",
    "XVIII-12-c": "2002-12-12",
    "XVIII-14": "2005-12-09",
    "XVIII-10": "2000-12-31",
    "XXVI-5": "1999-02-28",
    "XXVI-6": "2010-07-31",
    "XXVI-8": "2014-12-23",
    "IX-4": "2004-06-29",
    "XXVII-8-a": "2001-06-04",
}

_DATE = re.compile(r"^(\d{1,2} [A-Z][a-z]{2} \d{4})\s*([a-zA-Z]*)$")


def parse_cell(text: str) -> Optional[tuple[date, str]]:
    """``12 Dec 2000 a`` -> (date, suffix); an empty cell -> None."""
    text = text.strip()
    if not text:
        return None
    match = _DATE.match(text)
    if match is None:
        raise SystemExit(f"cannot read the date {text!r}")
    return datetime.strptime(match[1], "%d %b %Y").date(), match[2]


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rows_from_untreaties(path: Path) -> list[tuple[str, Optional[date], Optional[tuple[str, date]]]]:
    """(name, signature, (instrument, deposit)) for each row of a status table copy."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        last = len(header) - 1  # the instrument column is the last; CCM and ATT have a provisional one between
        for row in reader:
            signature = parse_cell(row[1])
            deposit = parse_cell(row[last])
            instrument = None
            if deposit is not None:
                if deposit[1] not in SUFFIX:
                    raise SystemExit(f"{path}: unknown instrument suffix {deposit[1]!r}")
                kind = SUFFIX[deposit[1]]
                if kind == "ratification" and signature is None:
                    kind = "accession"  # the copy drops the "a" on a few rows: without a signature it is an accession
                instrument = (kind, deposit[0])
            rows.append((row[0].strip(), None if signature is None else signature[0], instrument))
    return rows


def rows_from_kigali(path: Path) -> list[tuple[str, Optional[date], Optional[tuple[str, date]]]]:
    with path.open(encoding="utf-8") as handle:
        return [
            (row["Name"].strip(), None, (KIGALI_TYPES[row["Participation Type"]], d(row["Date"])))
            for row in csv.DictReader(handle)
            if row["Participation Type"] in KIGALI_TYPES  # provisional application is not an instrument
        ]


def ledger_text(treaty: Treaty, rows, sources: list[str], resolve) -> str:
    chapter = treaty.id.split("-")[0]
    chapter_no = {"IV": 4, "IX": 9, "XVIII": 18, "XXVI": 26, "XXVII": 27}[chapter]
    page = UNTC.format(id=treaty.id, chapter=chapter_no)
    copy = KIGALI if treaty.file == "kigali" else UNTREATIES.format(file=treaty.file)
    lines = [
        "# yaml-language-server: $schema=../../schema/ledger.schema.json",
        f"# Reference record: {treaty.short_title} (UN Treaty Collection {treaty.id}), part of the reference set",
        "# that hanoi's forecast is calibrated on. Written by scripts/build_reference_set.py from a copy of",
        "# the depositary's status table ("
        + ("openclimatedata" if treaty.file == "kigali" else "zmjones/untreaties, 2013-2015 scrape")
        + "):",
        "# every participant of that copy with its signature and the date of its instrument. Deposits after the",
        "# copy was taken are missing"
        + ("." if treaty.complete else "; SO ARE SOME BEFORE THE THRESHOLD: this record is incomplete."),
        f"# Real threshold instrument {treaty.threshold_date.isoformat()}, in force {treaty.entry_into_force.isoformat()}",
        f"# ({treaty.note}); "
        + (
            "tests/core/rules/test_reference_set.py checks that hanoi reproduces both."
            if treaty.complete
            else "the forecast leaves this record out of its reference class."
        ),
        "treaty:",
        f"  id: {treaty.id}",
        f"  title: {quoted(treaty.title)}",
        f"  short_title: {quoted(treaty.short_title)}",
        f"  adopted: {treaty.adopted.isoformat()}",
        "  depositary: Secretary-General of the United Nations",
    ]
    if treaty.opens is not None and treaty.id in CLOSES:
        lines.append(f"  signature: {{opens: {treaty.opens.isoformat()}, closes: {CLOSES[treaty.id]}}}")
    elif treaty.opens is not None:
        lines.append(f"  signature: {{opens: {treaty.opens.isoformat()}}}")
    else:
        lines.append("  signature_stage: false")
    lines += [f"  entry_into_force: {treaty.rule}", f"  source: {page}"]
    # The copy's date is not recorded; its latest date is the latest day it is known to be complete
    # to, so "checked" errs old: outputs then say how old the copy is instead of "as of today".
    latest = max(
        [day for _, signature, instrument in rows for day in (signature, instrument and instrument[1]) if day],
        default=None,
    )
    if latest is not None:
        lines.append(f"  checked: {latest.isoformat()}")
    if treaty.reported:
        lines.append(f"  reported: {treaty.reported}")
    lines.append("participants:")
    seen: set[str] = set()
    for name, signature, instrument in sorted(rows, key=lambda row: row[0]):
        found = resolve(name)
        if found is None:
            raise SystemExit(f"{treaty.id}: no code for {name!r}")
        code, kind = found
        if code in seen:
            raise SystemExit(f"{treaty.id}: {code} twice")
        seen.add(code)
        lines += [f"  - name: {quoted(name)}", f"    code: {code}"]
        if kind != "state":
            lines.append(f"    kind: {kind}")
        if signature is not None:
            lines.append(f"    signature: {signature.isoformat()}")
        if instrument is not None:
            lines.append(f"    {instrument[0]}: {instrument[1].isoformat()}")
        lines.append(f"    source: [{page}, {copy}]")
    return "\n".join(lines) + "\n"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("untreaties", type=Path)
    parser.add_argument("kigali", type=Path)
    parser.add_argument("-o", "--output", type=Path, default=Path("data/reference"))
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from hanoi_cli.core.depositary.names import resolver

    resolve = resolver()
    args.output.mkdir(parents=True, exist_ok=True)
    for treaty in TREATIES:
        if treaty.file == "kigali":
            rows = rows_from_kigali(args.kigali)
        else:
            rows = rows_from_untreaties(args.untreaties / "treaties" / f"{treaty.file}.csv")
        text = ledger_text(treaty, rows, [], resolve)
        (args.output / f"{treaty.id}.yaml").write_text(text, encoding="utf-8")
        print(f"{treaty.id}: {len(rows)} participants", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
