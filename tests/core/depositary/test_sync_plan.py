"""The sync plan: what differs between a status file and a ledger, as a pure comparison."""

from __future__ import annotations

import dataclasses
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, ROOT
from hanoi_cli.core.depositary.names import resolve_code
from hanoi_cli.core.depositary.new_ledger import new_ledger_text
from hanoi_cli.core.depositary.status_file import parse_status
from hanoi_cli.core.depositary.sync_plan import Addition, Change, NotInSource, SyncPlan, plan_sync
from hanoi_cli.core.ledger.dates import DateSpan
from hanoi_cli.core.ledger.evidence import Fact, source_list
from hanoi_cli.core.ledger.models import INSTRUMENT_TYPES, Ledger, Participant, Reported
from hanoi_cli.core.ledger.names import name_key
from hanoi_cli.core.reading.loader import read_ledger
from untc_factory import HANOI_URL, benchmark_pair, cell_date, status_xml

SAMPLE = DATA / "untc" / "XVIII-16.en.xml"
READ_ON = date(2026, 12, 1)

LEDGER_HEAD = """treaty:
  id: XVIII-16
  title: United Nations Convention against Cybercrime
  entry_into_force: {threshold: 40, after: {days: 90}, count_reio: false}
"""


def ledger(participants: str = "", reported: str = "") -> Ledger:
    text = LEDGER_HEAD + reported + ("participants:\n" + participants if participants else "participants: []\n")
    return read_ledger(text=text, name="ledger.yaml").ledger


def plan(rows: list, participants: str = "", **kwargs: object) -> SyncPlan:
    status = parse_status(status_xml(rows, **kwargs), HANOI_URL)  # type: ignore[arg-type]
    return plan_sync(status, ledger(participants), HANOI_URL, READ_ON)


def test_a_ledger_made_from_the_file_is_in_sync() -> None:
    status = parse_status(SAMPLE.read_bytes(), HANOI_URL)
    text = new_ledger_text(status, HANOI_URL, READ_ON, {"threshold": 40, "after": {"days": 90}})
    result = plan_sync(status, read_ledger(text=text, name="new.yaml").ledger, HANOI_URL, READ_ON)
    assert result.in_sync
    assert (result.changes, result.added, result.not_in_source, result.problems) == ((), (), (), ())


def test_signatures_the_ledger_lacks_or_has_wrong() -> None:
    participants = """  - {name: Algeria, code: DZA}
  - {name: Angola, code: AGO, signature: 2025-10-24}
  - {name: Austria, code: AUT, signature: 2025-10-25}
"""
    rows = [["Algeria", "25 Oct 2025", None], ["Angola", "25 Oct 2025", None], ["Austria", "25 Oct 2025", None]]
    assert plan(rows, participants).changes == (
        Change("DZA", "Algeria", "signature", None, "2025-10-25"),
        Change("AGO", "Angola", "signature", "2025-10-24", "2025-10-25"),
    )


def test_a_signature_interval_becomes_the_depositarys_day() -> None:
    participants = """  - {name: Lao People's Democratic Republic, code: LAO, signature: 2025-10-25/2025-10-26}
  - {name: Libya, code: LBY, signature: 2025-10-25/2025-10-26}
"""
    rows = [["Lao People's Democratic Republic", "26 Oct 2025", None], ["Libya", " 3 Nov 2025", None]]
    assert plan(rows, participants).changes == (
        Change("LAO", "Lao People's Democratic Republic", "signature", "2025-10-25/2025-10-26", "2025-10-26"),
        Change("LBY", "Libya", "signature", "2025-10-25/2025-10-26", "2025-11-03"),
    )


def test_instruments_new_redated_and_of_another_type() -> None:
    participants = """  - {name: Qatar, code: QAT, signature: 2025-10-25}
  - {name: Viet Nam, code: VNM, signature: 2025-10-25, ratification: 2026-03-15}
  - {name: Azerbaijan, code: AZE, signature: 2025-10-25, ratification: 2026-03-09, domestic_approval: 2026-02-10}
"""
    rows = [
        ["Azerbaijan", "25 Oct 2025", " 9 Mar 2026 A"],
        ["Qatar", "25 Oct 2025", " 2 Apr 2026"],
        ["Viet Nam", "25 Oct 2025", "16 Mar 2026"],
    ]
    result = plan(rows, participants)
    assert result.changes == (
        Change("AZE", "Azerbaijan", "ratification", "2026-03-09", None),
        Change("AZE", "Azerbaijan", "acceptance", None, "2026-03-09"),
        Change("QAT", "Qatar", "ratification", None, "2026-04-02"),
        Change("VNM", "Viet Nam", "ratification", "2026-03-15", "2026-03-16"),
    )
    assert not any(change.field == "domestic_approval" for change in result.changes)  # not the depositary's business
    assert result.not_in_source == ()
    assert result.touched_codes() == ("AZE", "QAT", "VNM")


def test_new_participants_are_added_in_name_order_with_code_and_kind() -> None:
    rows = [
        ["Zimbabwe", "25 Oct 2025", None],
        ["European Union<superscript>2</superscript>", "25 Oct 2025", None],
        ["Bahamas (The)", None, " 6 Aug 2026 a"],
        ["Côte d'Ivoire", "25 Oct 2025", None],
    ]
    result = plan(rows)
    assert result.added == (
        Addition("BHS", "Bahamas (The)", "state", (("accession", "2026-08-06"),)),
        Addition("CIV", "Côte d'Ivoire", "state", (("signature", "2025-10-25"),)),
        Addition("EUU", "European Union", "reio", (("signature", "2025-10-25"),)),
        Addition("ZWE", "Zimbabwe", "state", (("signature", "2025-10-25"),)),
    )
    assert result.added[0].as_dict() == {"accession": "2026-08-06"}
    assert not result.in_sync


def test_what_the_depositary_does_not_show_is_kept_and_reported() -> None:
    participants = """  - {name: Algeria, code: DZA, signature: 2025-10-25, ratification: 2026-01-05}
  - {name: Canada, code: CAN, signature: 2025-10-25/2025-10-26, domestic_approval: 2026-01-01}
  - {name: Kazakhstan, code: KAZ, domestic_approval: 2026-01-01}
  - {name: Angola, code: AGO, ratification: 2026-02-02}
"""
    rows = [["Algeria", None, None], ["Angola", "25 Oct 2025", None]]
    result = plan(rows, participants)
    assert result.not_in_source == (
        NotInSource("DZA", "Algeria", "signature", "2025-10-25"),
        NotInSource("DZA", "Algeria", "ratification", "2026-01-05"),
        NotInSource("AGO", "Angola", "ratification", "2026-02-02"),
        NotInSource("CAN", "Canada", "signature", "2025-10-25/2025-10-26"),
    )
    assert result.changes == (Change("AGO", "Angola", "signature", None, "2025-10-25"),)


def test_a_name_that_matches_nothing_is_an_error_with_the_command_to_add_it() -> None:
    result = plan([["Atlantis Trading Company", "25 Oct 2025", None], ["Algeria", "25 Oct 2025", None]])
    (unmatched,) = result.unmatched
    assert unmatched.name == "Atlantis Trading Company" and unmatched.row == 1
    assert (
        unmatched.command
        == f"hanoi record <CODE> signature 2025-10-25 --name 'Atlantis Trading Company' --source {HANOI_URL}"
    )
    problem = unmatched.problem
    assert problem.code == "unknown-participant-name" and problem.line is not None and problem.path == "Tbody/Row[1]"
    assert unmatched.command in problem.message and "'Atlantis Trading Company'" in problem.message
    assert result.problems == (problem,) and not result.in_sync
    assert [addition.code for addition in result.added] == ["DZA"]


def test_a_renamed_state_matches_by_code_and_its_name_changes() -> None:
    participants = "  - {name: Netherlands, code: NLD, signature: 2025-10-25}\n  - {name: Turkey, code: TUR}\n"
    result = plan(
        [["Netherlands (Kingdom of the)", "25 Oct 2025", None], ["Türkiye", "25 Oct 2025", None]], participants
    )
    assert result.changes == (
        Change("NLD", "Netherlands", "name", "Netherlands", "Netherlands (Kingdom of the)"),
        Change("TUR", "Turkey", "name", "Turkey", "Türkiye"),
        Change("TUR", "Turkey", "signature", None, "2025-10-25"),
    )
    assert result.added == ()


def test_two_rows_for_one_participant_are_an_error() -> None:
    result = plan([["Netherlands", "25 Oct 2025", None], ["Netherlands (Kingdom of the)", "25 Oct 2025", None]])
    assert [problem.code for problem in result.problems] == ["duplicate-participant"]
    assert "row 2" in result.problems[0].message


def test_withdrawal_without_a_denunciation_date_asks_for_one() -> None:
    participants = """  - {name: United States of America, code: USA, signature: 2016-04-22, acceptance: 2021-01-20}
  - {name: Burundi, code: BDI, signature: 1999-01-13, ratification: 2004-09-21, denunciation: 2016-10-27}
  - {name: Philippines, code: PHL, signature: 2000-12-28, ratification: 2011-08-30, denunciation: 2018-03-17}
"""
    rows = [
        ["Burundi", "[13 Jan 1999]", "[21 Sep 2004]"],
        ["Philippines", "28 Dec 2000", "30 Aug 2011"],
        ["United States of America", "22 Apr\t 2016", "[20 Jan\t 2021 A]"],
    ]
    result = plan(rows, participants)
    assert [(item.code, item.command) for item in result.withdrawn] == [
        ("USA", f"hanoi record USA denunciation <DATE> --source {HANOI_URL}")
    ]
    assert result.changes == ()  # the bracketed dates are the earlier actions, already right
    assert result.not_in_source == (NotInSource("PHL", "Philippines", "denunciation", "2018-03-17"),)
    assert not result.in_sync


def test_the_reported_figures_come_from_the_status_counts() -> None:
    rows = [["Algeria", "25 Oct 2025", None]]
    fresh = plan(rows, signatories=72)
    assert fresh.reported == {
        "signatories": 72,
        "parties": 0,
        "as_of": READ_ON,
        "source": HANOI_URL,
        "evidence": "depositary",
    }
    assert fresh.reported_changed
    same = "  reported: {signatories: 72, parties: 0, as_of: 2026-05-06, source: " + HANOI_URL + "}\n"
    status = parse_status(status_xml(rows, signatories=72), HANOI_URL)
    algeria = "  - {name: Algeria, code: DZA, signature: 2025-10-25, source: " + HANOI_URL + "}\n"
    synced = plan_sync(status, ledger(algeria, same), HANOI_URL, READ_ON)
    assert not synced.reported_changed and synced.in_sync  # a new as_of alone is no difference


def test_the_hanoi_sample_against_the_shipped_ledger() -> None:
    """Expectations derived from the two files, so the shipped record can change."""
    shipped = read_ledger(ROOT / "data" / "signatories.yaml").ledger
    status = parse_status(SAMPLE.read_bytes(), HANOI_URL)
    result = plan_sync(status, shipped, HANOI_URL, READ_ON)
    assert result.problems == () and result.unmatched == ()
    known = {participant.code: participant for participant in shipped.participants}
    rows = {resolve_code(row.name, shipped.participants)[0]: row for row in status.rows}  # type: ignore[index]
    assert [addition.code for addition in result.added] == sorted(
        (code for code in rows if code not in known), key=lambda code: name_key(rows[code].name)
    )
    changes = {(change.code, change.field): change for change in result.changes}
    for code, participant in known.items():
        row, change = rows.get(code), changes.get((code, "signature"))
        if row is None or row.signature is None:
            assert change is None
        elif participant.signature is not None and participant.signature.exact:
            assert (change is None) == (participant.signature.earliest == row.signature)
        else:  # absent or an interval: becomes the depositary's day
            assert change is not None and change.new == row.signature.isoformat()
    if "VNM" in known and known["VNM"].instrument is None:
        assert changes[("VNM", "ratification")] == Change("VNM", "Viet Nam", "ratification", None, "2026-03-16")
    assert not any(change.field in ("domestic_approval", "notes", "reservations") for change in result.changes)
    assert all(item.field != "domestic_approval" for item in result.not_in_source)


def test_the_benchmark_pair_makes_forty_changes() -> None:
    data, text = benchmark_pair(200, 40)
    result = plan_sync(
        parse_status(data, HANOI_URL), read_ledger(text=text, name="bench.yaml").ledger, HANOI_URL, READ_ON
    )
    assert len(result.changes) == 40 and result.added == () and result.problems == ()


# --- applying a plan leaves nothing to do -------------------------------------------------------


def apply(plan_: SyncPlan, ledger_: Ledger) -> Ledger:
    """What the edit transaction will do, minimally, on the dataclasses."""
    by_code = {participant.code: participant for participant in ledger_.participants}
    for change in plan_.changes:
        participant = by_code[change.code]
        if change.field == "signature":
            value: object = (
                None if change.new is None else DateSpan(date.fromisoformat(change.new), date.fromisoformat(change.new))
            )
        elif change.field == "name":
            value = change.new
        else:
            value = None if change.new is None else date.fromisoformat(change.new)
        by_code[change.code] = participant = _replace(participant, change.field, value)
    for addition in plan_.added:
        fields = {
            key: (
                DateSpan(date.fromisoformat(v), date.fromisoformat(v)) if key == "signature" else date.fromisoformat(v)
            )
            for key, v in addition.fields
        }
        new = Participant(name=addition.name, code=addition.code, kind=addition.kind, **fields)  # type: ignore
        by_code[addition.code] = new
    for code in plan_.touched_codes():  # the status URL joins the participant's sources
        participant = by_code[code]
        by_code[code] = dataclasses.replace(participant, source=[*source_list(participant.source), HANOI_URL])
    for confirmed in plan_.confirmed:
        if not confirmed.by_participant:  # the fact's long form, crediting the depositary
            participant = by_code[confirmed.code]
            fact = Fact(confirmed.field, (*confirmed.sources, HANOI_URL), confirmed.notification, "depositary")
            by_code[confirmed.code] = dataclasses.replace(participant, facts=(*participant.facts, fact))
    reported = Reported(**plan_.reported)
    return Ledger(dataclasses.replace(ledger_.treaty, reported=reported), tuple(by_code.values()))


def _replace(participant: Participant, key: str, value: object) -> Participant:
    data = {field.name: getattr(participant, field.name) for field in dataclasses.fields(participant)}
    if key in INSTRUMENT_TYPES and value is not None:
        for other in INSTRUMENT_TYPES:
            data[other] = None
    data[key] = value
    return Participant(**data)


POOL = [
    "Algeria",
    "Angola",
    "Bahamas (The)",
    "European Union",
    "Netherlands (Kingdom of the)",
    "Republic of Korea",
    "Viet Nam",
    "Türkiye",
]
DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 11, 30))


@st.composite
def status_rows(draw: st.DrawFn) -> list:
    names = draw(st.lists(st.sampled_from(POOL), unique=True))
    rows = []
    for name in sorted(names):
        signature = draw(st.none() | DAYS.map(cell_date))
        deposit = draw(
            st.none() | st.tuples(DAYS, st.sampled_from(["", "A", "AA", "a"])).map(lambda pair: cell_date(*pair))
        )
        rows.append([name, signature, deposit])
    return rows


@st.composite
def ledgers(draw: st.DrawFn) -> Ledger:
    codes = {"Algeria": "DZA", "Angola": "AGO", "Netherlands": "NLD", "Viet Nam": "VNM", "Turkey": "TUR"}
    participants = []
    for name in draw(st.lists(st.sampled_from(sorted(codes)), unique=True)):
        signature = draw(st.none() | DAYS)
        kind = draw(st.sampled_from(INSTRUMENT_TYPES))
        deposit = draw(st.none() | DAYS)
        participants.append(
            Participant(
                name=name,
                code=codes[name],
                signature=None if signature is None else DateSpan(signature, signature),
                **({kind: deposit} if deposit else {}),
            )
        )
    return dataclasses.replace(ledger(), participants=tuple(participants))


@settings(max_examples=60, deadline=None)
@given(rows=status_rows(), before=ledgers())
def test_a_second_plan_after_applying_the_first_is_empty(rows: list, before: Ledger) -> None:
    status = parse_status(status_xml(rows, signatories=len(rows)), HANOI_URL)
    first = plan_sync(status, before, HANOI_URL, READ_ON)
    assert first.problems == ()
    second = plan_sync(status, apply(first, before), HANOI_URL, READ_ON)
    assert second.changes == () and second.added == () and second.in_sync
    assert {item.code for item in second.not_in_source} <= {participant.code for participant in before.participants}
