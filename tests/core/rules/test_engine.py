"""The rules engine (``hanoi_cli.core.rules.engine.evaluate``) on ledgers built directly in Python."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Optional, Union

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hanoi_cli.core.ledger.dates import DateSpan
from hanoi_cli.core.ledger.models import EntryIntoForceRule, Ledger, Participant, Period, Requirement, Treaty
from hanoi_cli.core.rules.engine import Evaluation, PartyOutcome, evaluate

# The autouse ``pinned_environment`` fixture in conftest.py is function-scoped; it only pins
# environment variables, which the pure engine never reads.
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

CODES = [f"Q{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(26 * 26)]
FAR_FUTURE = date(2099, 12, 31)


# --- helpers --------------------------------------------------------------------------------------


def party(
    code: str,
    deposit: Optional[date] = None,
    *,
    instrument: str = "ratification",
    kind: str = "state",
    groups: tuple[str, ...] = (),
    signature: Union[date, DateSpan, None] = None,
    denunciation: Optional[date] = None,
    name: Optional[str] = None,
) -> Participant:
    kwargs: dict = {}
    if deposit is not None:
        kwargs[instrument] = deposit
    if isinstance(signature, date):
        signature = DateSpan(signature, signature)
    return Participant(
        name=name or code,
        code=code,
        kind=kind,  # type: ignore[arg-type]
        groups=tuple(groups),
        signature=signature,
        denunciation=denunciation,
        **kwargs,
    )


def rule(threshold: int, days: int = 90, **kwargs) -> EntryIntoForceRule:
    kwargs.setdefault("after", Period(days=days))
    return EntryIntoForceRule(threshold=threshold, **kwargs)


def ledger(eif: EntryIntoForceRule, *participants: Participant, denunciation: Optional[Period] = None) -> Ledger:
    treaty = Treaty(id="T-1", title="Test Convention", entry_into_force=eif, denunciation_takes_effect=denunciation)
    return Ledger(treaty=treaty, participants=tuple(participants))


def depositors(count: int, first: date, step_days: int = 11, prefix_index: int = 0) -> list[Participant]:
    """``count`` states depositing on different days, ``first`` and every ``step_days`` after."""
    return [party(CODES[prefix_index + i], first + timedelta(days=step_days * i)) for i in range(count)]


def by_code(evaluation: Evaluation) -> dict[str, PartyOutcome]:
    return {outcome.participant.code: outcome for outcome in evaluation.parties}


# --- UNTOC: 40 instruments, ninetieth day ---------------------------------------------------------


def untoc() -> Ledger:
    # 39 earlier deposits on various dates, not in date order in the ledger
    earlier = depositors(39, date(2000, 12, 20), step_days=23)
    earlier = earlier[::2] + earlier[1::2]
    fortieth = party("FRT", date(2003, 7, 1), name="Fortieth")
    later = party("LTR", date(2003, 7, 15), name="Later")
    signatory = party("SIG", signature=date(2000, 12, 12), name="Signatory only")
    eif = rule(40, days=90, later_parties=Period(days=30))
    return ledger(eif, *earlier[:20], later, fortieth, signatory, *earlier[20:])


def test_untoc_enters_into_force_on_the_ninetieth_day() -> None:
    assert max(p.instrument[1] for p in untoc().participants if p.instrument and p.code not in ("FRT", "LTR")) < date(
        2003, 7, 1
    )
    result = evaluate(untoc(), date(2004, 1, 1))
    assert result.threshold == 40
    assert result.threshold_date == date(2003, 7, 1)
    assert result.entry_into_force == date(2003, 9, 29)
    assert result.threshold_ordinal == 40
    assert [p.participant.code for p in result.threshold_parties] == ["FRT"]
    assert result.status == "in_force"
    assert result.counted_instruments == 41
    assert result.party_count == 41
    assert result.needed == 0
    assert result.signatories == 1
    parties = by_code(result)
    assert parties["FRT"].entry_into_force == date(2003, 9, 29)
    assert parties["QAA"].entry_into_force == date(2003, 9, 29)
    # 15 July + 30 days = 14 August, before the treaty's date: floored at 29 September
    assert parties["LTR"].entry_into_force == date(2003, 9, 29)
    assert parties["SIG"].entry_into_force is None
    assert parties["SIG"].status == "signatory"
    assert all(p.status == "in_force" for p in result.parties if p.participant.code != "SIG")


def test_untoc_status_around_the_dates() -> None:
    before = evaluate(untoc(), date(2003, 6, 30))
    assert before.status == "not_reached"
    assert before.threshold_date is None
    assert before.entry_into_force is None
    assert before.counted_instruments == 39
    assert before.needed == 1
    assert before.threshold_parties == ()
    assert all(p.entry_into_force is None for p in before.parties)
    assert by_code(before)["QAA"].status == "deposited"
    assert by_code(before)["FRT"].status == "listed"
    assert by_code(before)["FRT"].deposited is None

    on_threshold = evaluate(untoc(), date(2003, 7, 1))
    assert on_threshold.status == "pending"
    assert on_threshold.entry_into_force == date(2003, 9, 29)
    assert by_code(on_threshold)["FRT"].status == "pending"

    eve = evaluate(untoc(), date(2003, 9, 28))
    assert eve.status == "pending"
    assert by_code(eve)["LTR"].status == "pending"

    day = evaluate(untoc(), date(2003, 9, 29))
    assert day.status == "in_force"
    assert by_code(day)["LTR"].status == "in_force"


# --- UNCAC: 30 instruments, 90 days; later parties 30 days ----------------------------------------


def uncac() -> Ledger:
    earlier = depositors(29, date(2003, 12, 9), step_days=20)
    thirtieth = party("ECU", date(2005, 9, 15), name="Ecuador")
    azerbaijan = party("AZE", date(2005, 11, 1), name="Azerbaijan")
    later = party("LAT", date(2006, 1, 10), name="Later party")
    eif = rule(30, days=90, later_parties=Period(days=30))
    return ledger(eif, azerbaijan, *earlier, later, thirtieth)


def test_uncac_dates() -> None:
    assert max(p.instrument[1] for p in uncac().participants if p.code.startswith("Q")) < date(2005, 9, 15)
    result = evaluate(uncac(), date(2006, 6, 1))
    assert result.threshold_date == date(2005, 9, 15)
    assert result.entry_into_force == date(2005, 12, 14)
    assert result.threshold_ordinal == 30
    assert [p.participant.code for p in result.threshold_parties] == ["ECU"]
    parties = by_code(result)
    assert parties["ECU"].entry_into_force == date(2005, 12, 14)
    # Azerbaijan: 1 November + 30 days = 1 December, floored at the treaty's 14 December
    assert parties["AZE"].entry_into_force == date(2005, 12, 14)
    assert parties["LAT"].entry_into_force == date(2006, 2, 9)
    assert result.counted_instruments == 32


def test_uncac_later_party_pending_then_in_force() -> None:
    assert by_code(evaluate(uncac(), date(2006, 2, 8)))["LAT"].status == "pending"
    assert by_code(evaluate(uncac(), date(2006, 2, 9)))["LAT"].status == "in_force"
    # before the treaty's date Azerbaijan is pending, with its date already known
    aze = by_code(evaluate(uncac(), date(2005, 12, 1)))["AZE"]
    assert aze.status == "pending"
    assert aze.entry_into_force == date(2005, 12, 14)


# --- REIOs -----------------------------------------------------------------------------------------


def reio_ledger(count_reio: bool) -> Ledger:
    eif = rule(3, days=90, later_parties=Period(days=30), count_reio=count_reio)
    return ledger(
        eif,
        party("AAA", date(2020, 1, 10)),
        party("EUU", date(2020, 2, 1), kind="reio", instrument="formal_confirmation", name="European Union"),
        party("BBB", date(2020, 3, 1)),
        party("CCC", date(2020, 4, 1)),
    )


def test_reio_not_counted_when_count_reio_false() -> None:
    result = evaluate(reio_ledger(count_reio=False), date(2021, 1, 1))
    assert result.threshold_date == date(2020, 4, 1)
    assert result.entry_into_force == date(2020, 6, 30)
    assert result.threshold_ordinal == 3
    assert result.counted_instruments == 3
    assert result.party_count == 4  # the EU is a party all the same
    eu = by_code(result)["EUU"]
    assert eu.counted is False
    assert eu.instrument == "formal_confirmation"
    assert eu.deposited == date(2020, 2, 1)
    # deposited before the threshold date: enters into force with the treaty
    assert eu.entry_into_force == date(2020, 6, 30)
    assert eu.status == "in_force"


def test_reio_counted_when_count_reio_true() -> None:
    result = evaluate(reio_ledger(count_reio=True), date(2021, 1, 1))
    assert result.threshold_date == date(2020, 3, 1)
    assert result.entry_into_force == date(2020, 5, 30)
    assert result.counted_instruments == 4
    assert by_code(result)["EUU"].counted is True
    # CCC now deposits after the threshold: 1 April + 30 days = 1 May, floored at 30 May
    assert by_code(result)["CCC"].entry_into_force == date(2020, 5, 30)


def test_uncounted_reio_does_not_advance_the_count() -> None:
    # as of the EU's deposit and BBB's: only two counted instruments without the EU
    result = evaluate(reio_ledger(count_reio=False), date(2020, 3, 15))
    assert result.status == "not_reached"
    assert result.counted_instruments == 2
    assert result.needed == 1
    counted = evaluate(reio_ledger(count_reio=True), date(2020, 3, 15))
    assert counted.status == "pending"
    assert counted.counted_instruments == 3


def test_uncounted_reio_deposited_on_threshold_date_is_not_a_threshold_party() -> None:
    eif = rule(2, count_reio=False)
    result = evaluate(
        ledger(
            eif,
            party("AAA", date(2020, 1, 1)),
            party("BBB", date(2020, 2, 1)),
            party("EUU", date(2020, 2, 1), kind="reio", instrument="approval"),
        ),
        date(2021, 1, 1),
    )
    assert result.threshold_ordinal == 2
    assert [p.participant.code for p in result.threshold_parties] == ["BBB"]
    assert by_code(result)["EUU"].entry_into_force == result.entry_into_force


def test_reio_depositing_after_threshold_is_a_later_party() -> None:
    eif = rule(2, days=90, later_parties=Period(days=30), count_reio=False)
    result = evaluate(
        ledger(
            eif,
            party("AAA", date(2020, 1, 1)),
            party("BBB", date(2020, 2, 1)),
            party("EUU", date(2020, 6, 1), kind="reio", instrument="approval"),
        ),
        date(2021, 1, 1),
    )
    assert result.entry_into_force == date(2020, 5, 1)
    assert by_code(result)["EUU"].entry_into_force == date(2020, 7, 1)


# --- requires ------------------------------------------------------------------------------------


def requires_ledger() -> Ledger:
    eif = rule(5, after=Period(months=3, first_of_next_month=True), requires=(Requirement("coe", 3),))
    return ledger(
        eif,
        party("AAA", date(2021, 1, 5), groups=("coe",)),
        party("BBB", date(2021, 2, 5)),
        party("CCC", date(2021, 3, 5), groups=("coe",)),
        party("DDD", date(2021, 4, 5)),
        party("EEE", date(2021, 5, 5)),  # the 5th instrument, but only 2 group members
        party("FFF", date(2021, 6, 5)),
        party("GGG", date(2021, 7, 20), groups=("coe", "other")),  # the 3rd group member
    )


def test_requirement_not_met_by_count_alone() -> None:
    result = evaluate(requires_ledger(), date(2021, 7, 19))
    assert result.counted_instruments == 6
    assert result.status == "not_reached"
    assert result.threshold_date is None
    assert len(result.requirements) == 1
    progress = result.requirements[0]
    assert (progress.group, progress.at_least, progress.have) == ("coe", 3, 2)
    assert not progress.met


def test_requirement_met_when_third_group_member_deposits() -> None:
    result = evaluate(requires_ledger(), date(2022, 1, 1))
    assert result.threshold_date == date(2021, 7, 20)
    assert result.threshold_ordinal == 7
    # 20 July + 3 months = 20 October -> 1 November
    assert result.entry_into_force == date(2021, 11, 1)
    assert [p.participant.code for p in result.threshold_parties] == ["GGG"]
    assert result.requirements[0].have == 3
    assert result.requirements[0].met
    # EEE deposited while the condition did not yet hold: it is an original party
    assert by_code(result)["EEE"].entry_into_force == date(2021, 11, 1)


def test_requirement_already_met_when_count_is_reached() -> None:
    eif = rule(3, requires=(Requirement("coe", 1),))
    result = evaluate(
        ledger(
            eif,
            party("AAA", date(2021, 1, 1), groups=("coe",)),
            party("BBB", date(2021, 2, 1)),
            party("CCC", date(2021, 3, 1)),
        ),
        date(2022, 1, 1),
    )
    assert result.threshold_date == date(2021, 3, 1)


def test_requirement_counts_only_counted_instruments() -> None:
    eif = rule(2, count_reio=False, requires=(Requirement("coe", 2),))
    participants = (
        party("AAA", date(2021, 1, 1), groups=("coe",)),
        party("EUU", date(2021, 2, 1), kind="reio", groups=("coe",)),
        party("BBB", date(2021, 3, 1)),
        party("CCC", date(2021, 4, 1), groups=("coe",)),
    )
    result = evaluate(ledger(eif, *participants), date(2022, 1, 1))
    assert result.threshold_date == date(2021, 4, 1)
    assert result.requirements[0].have == 2


# --- not_before ----------------------------------------------------------------------------------


def test_not_before_later_than_threshold_plus_after() -> None:
    eif = rule(2, days=90, later_parties=Period(days=30), not_before=date(2022, 1, 1))
    result = evaluate(
        ledger(eif, party("AAA", date(2021, 3, 1)), party("BBB", date(2021, 4, 1)), party("CCC", date(2021, 11, 1))),
        date(2022, 6, 1),
    )
    assert result.threshold_date == date(2021, 4, 1)
    assert result.entry_into_force == date(2022, 1, 1)  # not 30 June 2021
    parties = by_code(result)
    assert parties["AAA"].entry_into_force == date(2022, 1, 1)
    # later party: 1 November + 30 days = 1 December, floored at the treaty's date
    assert parties["CCC"].entry_into_force == date(2022, 1, 1)


def test_not_before_earlier_than_threshold_plus_after() -> None:
    eif = rule(2, days=90, not_before=date(2021, 5, 1))
    result = evaluate(ledger(eif, party("AAA", date(2021, 3, 1)), party("BBB", date(2021, 4, 1))), date(2022, 6, 1))
    assert result.entry_into_force == date(2021, 6, 30)


def test_not_before_equal_to_threshold_plus_after() -> None:
    eif = rule(2, days=90, not_before=date(2021, 6, 30))
    result = evaluate(ledger(eif, party("AAA", date(2021, 3, 1)), party("BBB", date(2021, 4, 1))), date(2022, 6, 1))
    assert result.entry_into_force == date(2021, 6, 30)


def test_not_before_alone_does_not_bring_into_force() -> None:
    eif = rule(2, not_before=date(2021, 1, 1))
    result = evaluate(ledger(eif, party("AAA", date(2020, 3, 1))), date(2022, 6, 1))
    assert result.status == "not_reached"
    assert result.entry_into_force is None


# --- later_parties_from ---------------------------------------------------------------------------


def later_from_ledger(later_parties_from: str) -> Ledger:
    eif = rule(2, days=90, later_parties=Period(days=30), later_parties_from=later_parties_from)
    return ledger(
        eif,
        party("AAA", date(2021, 1, 1)),
        party("BBB", date(2021, 4, 1)),  # threshold date; treaty date 30 June 2021
        party("MID", date(2021, 5, 1)),  # between the two dates
        party("EDG", date(2021, 6, 30)),  # on the treaty's date
        party("LAT", date(2021, 8, 1)),  # after the treaty's date
    )


def test_later_parties_from_entry_into_force() -> None:
    result = evaluate(later_from_ledger("entry_into_force"), date(2022, 1, 1))
    assert result.entry_into_force == date(2021, 6, 30)
    parties = by_code(result)
    assert parties["MID"].entry_into_force == date(2021, 6, 30)
    assert parties["EDG"].entry_into_force == date(2021, 6, 30)
    assert parties["LAT"].entry_into_force == date(2021, 8, 31)


def test_later_parties_from_threshold() -> None:
    result = evaluate(later_from_ledger("threshold"), date(2022, 1, 1))
    assert result.entry_into_force == date(2021, 6, 30)
    parties = by_code(result)
    # 1 May + 30 days = 31 May, floored at the treaty's date
    assert parties["MID"].entry_into_force == date(2021, 6, 30)
    # 30 June + 30 days = 30 July: a later party under "threshold"
    assert parties["EDG"].entry_into_force == date(2021, 7, 30)
    assert parties["LAT"].entry_into_force == date(2021, 8, 31)


def test_later_parties_from_differs_for_a_deposit_between_the_dates() -> None:
    # a long later-parties period makes the difference visible before the floor
    for mode, expected in (("threshold", date(2021, 11, 1)), ("entry_into_force", date(2021, 6, 30))):
        eif = rule(2, days=90, later_parties=Period(months=6), later_parties_from=mode)
        result = evaluate(
            ledger(eif, party("AAA", date(2021, 1, 1)), party("BBB", date(2021, 4, 1)), party("MID", date(2021, 5, 1))),
            date(2022, 1, 1),
        )
        assert result.entry_into_force == date(2021, 6, 30)
        assert by_code(result)["MID"].entry_into_force == expected, mode


# --- as-of filtering -----------------------------------------------------------------------------


def test_deposits_after_as_of_are_ignored() -> None:
    eif = rule(3, days=90)
    led = ledger(eif, party("AAA", date(2021, 1, 1)), party("BBB", date(2021, 2, 1)), party("CCC", date(2021, 3, 1)))
    result = evaluate(led, date(2021, 2, 28))
    assert result.status == "not_reached"
    assert result.counted_instruments == 2
    assert result.needed == 1
    assert result.party_count == 2
    ccc = by_code(result)["CCC"]
    assert (ccc.instrument, ccc.deposited, ccc.counted, ccc.status) == (None, None, False, "listed")

    pending = evaluate(led, date(2021, 3, 1))
    assert pending.status == "pending"
    assert pending.entry_into_force == date(2021, 5, 30)
    assert evaluate(led, date(2021, 5, 29)).status == "pending"
    assert evaluate(led, date(2021, 5, 30)).status == "in_force"
    assert evaluate(led, date(2030, 1, 1)).status == "in_force"


def test_signature_interval_counts_from_its_latest_day() -> None:
    eif = rule(5)
    led = ledger(
        eif,
        party("VNM", signature=DateSpan(date(2025, 10, 25), date(2025, 10, 26)), name="Viet Nam"),
        party("AAA", signature=date(2025, 10, 25)),
        party("BBB", signature=date(2025, 10, 27)),
    )
    on_25 = evaluate(led, date(2025, 10, 25))
    assert on_25.signatories == 1
    assert by_code(on_25)["VNM"].signature is None
    assert by_code(on_25)["VNM"].status == "listed"
    assert by_code(on_25)["AAA"].status == "signatory"

    on_26 = evaluate(led, date(2025, 10, 26))
    assert on_26.signatories == 2
    assert by_code(on_26)["VNM"].signature == DateSpan(date(2025, 10, 25), date(2025, 10, 26))
    assert by_code(on_26)["VNM"].status == "signatory"
    assert by_code(on_26)["BBB"].status == "listed"

    assert evaluate(led, date(2025, 10, 27)).signatories == 3


def test_signatory_that_deposits_is_no_longer_just_a_signatory() -> None:
    eif = rule(5)
    led = ledger(eif, party("AAA", date(2026, 3, 1), signature=date(2025, 10, 25)))
    assert by_code(evaluate(led, date(2026, 2, 1)))["AAA"].status == "signatory"
    after = by_code(evaluate(led, date(2026, 3, 1)))["AAA"]
    assert after.status == "deposited"
    assert after.entry_into_force is None
    assert evaluate(led, date(2026, 3, 1)).signatories == 1


def test_parties_are_in_ledger_order() -> None:
    participants = [party("ZZZ", date(2021, 5, 1)), party("AAA", date(2021, 1, 1)), party("MMM")]
    result = evaluate(ledger(rule(1), *participants), date(2022, 1, 1))
    assert [p.participant.code for p in result.parties] == ["ZZZ", "AAA", "MMM"]
    assert [p.participant for p in result.parties] == participants


def test_empty_ledger() -> None:
    result = evaluate(ledger(rule(3)), date(2022, 1, 1))
    assert result.status == "not_reached"
    assert result.parties == ()
    assert result.counted_instruments == 0
    assert result.needed == 3
    assert result.signatories == 0
    assert result.party_count == 0


# --- same-day deposits ----------------------------------------------------------------------------


def test_same_day_deposits_are_all_threshold_parties() -> None:
    earlier = depositors(39, date(2001, 1, 1), step_days=17)
    led = ledger(
        rule(40, days=90),
        *earlier,
        party("FRT", date(2003, 7, 1)),
        party("XFT", date(2003, 7, 1), instrument="accession"),
    )
    result = evaluate(led, date(2004, 1, 1))
    assert result.threshold_date == date(2003, 7, 1)
    assert result.threshold_ordinal == 41
    assert sorted(p.participant.code for p in result.threshold_parties) == ["FRT", "XFT"]
    assert result.entry_into_force == date(2003, 9, 29)
    assert by_code(result)["XFT"].instrument == "accession"
    assert by_code(result)["XFT"].entry_into_force == date(2003, 9, 29)


def test_same_day_earlier_deposits_are_not_threshold_parties() -> None:
    led = ledger(
        rule(2), party("AAA", date(2001, 1, 1)), party("BBB", date(2001, 1, 1)), party("CCC", date(2001, 2, 1))
    )
    result = evaluate(led, date(2002, 1, 1))
    assert result.threshold_date == date(2001, 1, 1)
    assert result.threshold_ordinal == 2
    assert sorted(p.participant.code for p in result.threshold_parties) == ["AAA", "BBB"]


# --- denunciation ---------------------------------------------------------------------------------


def denunciation_ledger(takes_effect: Optional[Period] = Period(months=12)) -> Ledger:
    return ledger(
        rule(2, days=90),
        party("AAA", date(2005, 1, 1)),
        party("BBB", date(2005, 2, 1)),
        party("CCC", date(2005, 3, 1), denunciation=date(2010, 3, 15)),
        denunciation=takes_effect,
    )


def test_denunciation_before_notification() -> None:
    result = evaluate(denunciation_ledger(), date(2010, 3, 14))
    ccc = by_code(result)["CCC"]
    assert ccc.status == "in_force"
    assert ccc.denunciation is None
    assert ccc.denunciation_effective is None
    assert result.counted_instruments == 3


def test_denounced_until_it_takes_effect() -> None:
    for as_of in (date(2010, 3, 15), date(2011, 3, 14)):
        result = evaluate(denunciation_ledger(), as_of)
        ccc = by_code(result)["CCC"]
        assert ccc.status == "denounced", as_of
        assert ccc.denunciation == date(2010, 3, 15)
        assert ccc.denunciation_effective == date(2011, 3, 15)
        assert result.counted_instruments == 3
        assert result.party_count == 3


def test_withdrawn_once_denunciation_takes_effect() -> None:
    result = evaluate(denunciation_ledger(), date(2011, 3, 15))
    ccc = by_code(result)["CCC"]
    assert ccc.status == "withdrawn"
    assert ccc.denunciation_effective == date(2011, 3, 15)
    assert result.counted_instruments == 2
    assert result.party_count == 2
    # the treaty stays in force and its dates do not move
    assert result.status == "in_force"
    assert result.entry_into_force == date(2005, 5, 2)
    assert by_code(result)["AAA"].status == "in_force"


def test_a_party_withdrawn_before_the_treaty_date_never_enters_into_force() -> None:
    rule = EntryIntoForceRule(threshold=2, after=Period(days=90))
    led = ledger(
        rule,
        party("AAA", date(2010, 1, 1)),
        party("BBB", date(2010, 2, 1), denunciation=date(2010, 2, 10)),
        party("CCC", date(2010, 3, 1)),
    )
    result = evaluate(led, date(2011, 1, 1))
    assert result.threshold_date == date(2010, 2, 1)  # once reached, the threshold date stands
    outcomes = {outcome.participant.code: outcome for outcome in result.parties}
    assert outcomes["BBB"].status == "withdrawn"
    assert outcomes["BBB"].entry_into_force is None  # its denunciation took effect on 10 February
    assert outcomes["AAA"].entry_into_force == date(2010, 5, 2)
    assert result.counted_instruments == 2


def test_denunciation_without_period_takes_effect_at_once() -> None:
    result = evaluate(denunciation_ledger(takes_effect=None), date(2010, 3, 15))
    ccc = by_code(result)["CCC"]
    assert ccc.denunciation_effective == date(2010, 3, 15)
    assert ccc.status == "withdrawn"
    assert result.counted_instruments == 2


def test_denunciation_effective_before_threshold_reduces_the_count() -> None:
    led = ledger(
        rule(3, days=90),
        party("AAA", date(2001, 1, 1), denunciation=date(2001, 2, 1)),  # effective 1 August 2001
        party("BBB", date(2001, 3, 1)),
        party("CCC", date(2001, 9, 1)),
        party("DDD", date(2002, 1, 1)),
        denunciation=Period(months=6),
    )
    result = evaluate(led, date(2003, 1, 1))
    assert result.threshold_date == date(2002, 1, 1)
    assert result.threshold_ordinal == 3
    # with the denunciation taking effect only after CCC's deposit, CCC would have been the 3rd
    late = ledger(
        rule(3, days=90),
        *led.participants,
        denunciation=Period(months=12),
    )
    assert evaluate(late, date(2003, 1, 1)).threshold_date == date(2001, 9, 1)


def test_denunciation_without_deposit_is_ignored() -> None:
    led = ledger(rule(1), party("AAA", signature=date(2001, 1, 1), denunciation=date(2002, 1, 1)))
    aaa = by_code(evaluate(led, date(2003, 1, 1)))["AAA"]
    assert aaa.denunciation is None
    assert aaa.status == "signatory"


# --- property tests -------------------------------------------------------------------------------

DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))
AS_OF = st.sampled_from([date(2045, 1, 1)]) | st.dates(min_value=date(1990, 1, 1), max_value=date(2045, 1, 1))
GROUPS = ("g1", "g2")
PERIODS = st.builds(
    Period,
    months=st.integers(0, 24),
    days=st.integers(0, 120),
    first_of_next_month=st.booleans(),
)
RULES = st.builds(
    EntryIntoForceRule,
    threshold=st.integers(1, 5),
    after=PERIODS,
    later_parties=PERIODS,
    count_reio=st.booleans(),
    not_before=st.none() | DATES,
    later_parties_from=st.sampled_from(["threshold", "entry_into_force"]),
    requires=st.lists(
        st.builds(Requirement, group=st.sampled_from(GROUPS), at_least=st.integers(1, 2)),
        max_size=1,
        unique_by=lambda requirement: requirement.group,
    ).map(tuple),
)


@st.composite
def participant_st(draw: st.DrawFn, code: str, deposit_required: bool = False) -> Participant:
    deposit = draw(DATES) if deposit_required or draw(st.integers(0, 4)) else None
    denunciation = None
    if deposit is not None and draw(st.integers(0, 4)) == 0:
        denunciation = deposit + timedelta(days=draw(st.integers(0, 4000)))
    signature = draw(st.none() | DATES)
    return party(
        code,
        deposit,
        instrument=draw(st.sampled_from(["ratification", "accession", "approval"])),
        kind=draw(st.sampled_from(["state", "state", "reio"])),
        groups=tuple(draw(st.lists(st.sampled_from(GROUPS), unique=True, max_size=2))),
        signature=signature,
        denunciation=denunciation,
    )


@st.composite
def ledger_st(draw: st.DrawFn, max_participants: int = 8) -> Ledger:
    count = draw(st.integers(0, max_participants))
    participants = [draw(participant_st(CODES[i])) for i in range(count)]
    eif = draw(RULES)
    return ledger(eif, *participants, denunciation=draw(st.none() | PERIODS))


def summary(result: Evaluation) -> tuple:
    return (
        result.status,
        result.threshold_date,
        result.entry_into_force,
        result.threshold_ordinal,
        result.counted_instruments,
        sorted(p.participant.code for p in result.threshold_parties),
        {
            p.participant.code: (p.deposited, p.counted, p.entry_into_force, p.denunciation_effective, p.status)
            for p in result.parties
        },
        result.requirements,
    )


@PROPERTY
@given(led=ledger_st(), as_of=AS_OF, data=st.data())
def test_participant_order_does_not_matter(led: Ledger, as_of: date, data: st.DataObject) -> None:
    shuffled = data.draw(st.permutations(led.participants))
    other = Ledger(treaty=led.treaty, participants=tuple(shuffled))
    assert summary(evaluate(other, as_of)) == summary(evaluate(led, as_of))


@PROPERTY
@given(led=ledger_st(), as_of=AS_OF, data=st.data())
def test_an_extra_deposit_never_delays_entry_into_force(led: Ledger, as_of: date, data: st.DataObject) -> None:
    extra = data.draw(participant_st("XTR", deposit_required=True))
    original = evaluate(led, as_of)
    more = evaluate(Ledger(treaty=led.treaty, participants=(*led.participants, extra)), as_of)
    if original.entry_into_force is not None:
        assert more.threshold_date is not None and more.threshold_date <= original.threshold_date
        assert more.entry_into_force is not None and more.entry_into_force <= original.entry_into_force
    if original.threshold_date is not None:
        assert more.threshold_date is not None


@PROPERTY
@given(led=ledger_st(), as_of=AS_OF)
def test_party_dates_are_never_before_treaty_date_or_deposit(led: Ledger, as_of: date) -> None:
    result = evaluate(led, as_of)
    eif = led.treaty.entry_into_force
    for outcome in result.parties:
        if result.entry_into_force is None or outcome.deposited is None:
            assert outcome.entry_into_force is None
            continue
        if outcome.entry_into_force is None:
            # Only a party whose denunciation took effect before its own date has none.
            assert outcome.denunciation_effective is not None
            assert outcome.status == "withdrawn" or outcome.denunciation_effective > as_of
            continue
        assert outcome.entry_into_force >= result.entry_into_force
        assert outcome.entry_into_force >= outcome.deposited
        cutoff = result.threshold_date if eif.later_parties_from == "threshold" else result.entry_into_force
        if outcome.deposited <= cutoff:
            assert outcome.entry_into_force == result.entry_into_force
        else:
            assert outcome.entry_into_force == max(result.entry_into_force, eif.later_parties.add_to(outcome.deposited))
            if eif.later_parties.days > 0:
                assert outcome.entry_into_force > outcome.deposited


@PROPERTY
@given(led=ledger_st(), as_of=AS_OF)
def test_treaty_date_follows_the_rule(led: Ledger, as_of: date) -> None:
    result = evaluate(led, as_of)
    eif = led.treaty.entry_into_force
    if result.threshold_date is None:
        assert result.entry_into_force is None
        assert result.status == "not_reached"
        assert result.threshold_parties == ()
        return
    assert result.threshold_date <= as_of
    expected = eif.after.add_to(result.threshold_date)
    if eif.not_before is not None:
        expected = max(expected, eif.not_before)
    assert result.entry_into_force == expected
    assert result.status == ("in_force" if expected <= as_of else "pending")
    assert result.threshold_ordinal is not None and result.threshold_ordinal >= eif.threshold
    assert result.threshold_parties
    assert all(p.counted and p.deposited == result.threshold_date for p in result.threshold_parties)
    assert result.needed == 0


# --- the one as-of cut ----------------------------------------------------------------------------


def test_a_denunciation_without_a_deposit_never_cancels_one_in_status_timeline_or_projection() -> None:
    """engine, scenario and timeline once cut the record three ways: one dropped such a
    denunciation and another kept it, so an assumed deposit was cancelled in projections only."""
    from hanoi_cli.core.rules.scenario import Assumption, project
    from hanoi_cli.core.rules.timeline import events

    record = ledger(
        rule(2, days=30),
        party("AAA", date(2020, 1, 1)),
        party("BBB", denunciation=date(2020, 6, 1)),  # nothing deposited to denounce
    )
    as_of = date(2021, 1, 1)
    evaluation = evaluate(record, as_of)
    assert evaluation.counted_instruments == 1
    assert [event.event for event in events(evaluation)] == ["deposit"]  # nothing to denounce, nothing shown
    assumed = project(record, as_of, [Assumption(code="BBB", instrument="ratification", deposited=date(2021, 3, 1))])
    assert assumed.projected.threshold_date == date(2021, 3, 1)
    assert assumed.projected.entry_into_force == date(2021, 3, 31)


def test_the_cut_drops_every_later_fact_and_keeps_the_rest() -> None:
    from hanoi_cli.core.rules.as_of import record_as_of

    later = Participant(
        name="X",
        code="XXX",
        signature=DateSpan(date(2020, 1, 1), date(2020, 1, 3)),
        ratification=date(2021, 1, 1),
        domestic_approval=date(2020, 12, 1),
        denunciation=date(2022, 1, 1),
    )
    assert record_as_of(later, date(2020, 1, 2)).signature is None  # the interval has not ended
    seen = record_as_of(later, date(2021, 6, 1))
    assert (seen.signature, seen.ratification, seen.domestic_approval, seen.denunciation) == (
        later.signature,
        date(2021, 1, 1),
        date(2020, 12, 1),
        None,
    )
    assert record_as_of(later, date(2030, 1, 1)) is later
