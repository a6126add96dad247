"""The entry-into-force rule, read from the article a status file quotes, in every drafting style."""

from __future__ import annotations

from datetime import date

import pytest

from hanoi_cli.core.depositary.eif_rule import explain_rule, read_rule, rule_for_new
from hanoi_cli.core.ledger.models import EntryIntoForceRule
from hanoi_cli.core.reading.validator import ledger_adapter, validate_ledger_data
from hanoi_cli.core.rules.engine import evaluate

REIO_SENTENCE = (
    "For the purpose of this paragraph, any instrument deposited by a regional economic integration organization "
    "shall not be counted as additional to those deposited by member States of such organization."
)

HANOI = (
    'in accordance with article 65(1) which reads as follows: "1. This Convention shall enter into force on the '
    "ninetieth day after the date of deposit of the fortieth instrument of ratification, acceptance, approval or "
    f'accession. {REIO_SENTENCE}"'
)
UNCAC = (
    'in accordance with article 68(1) which reads as follows: "1. This Convention shall enter into force on the '
    "ninetieth day after the date of deposit of the thirtieth instrument of ratification, acceptance, approval or "
    f"accession. {REIO_SENTENCE} 2. For each State or regional economic integration organization ratifying, "
    "accepting, approving or acceding to this Convention after the deposit of the thirtieth instrument of such "
    "action, this Convention shall enter into force on the thirtieth day after the date of deposit by such State "
    "or organization of the relevant instrument or on the date this Convention enters into force pursuant to "
    'paragraph 1 of this article, whichever is later."'
)
TPNW = (
    "in accordance with article 15(1) which reads as follows: \u201c1. This Treaty shall enter into force 90 days "
    "after the fiftieth instrument of ratification, acceptance, approval or accession has been deposited.\n"
    "2. For any State that deposits its instrument of ratification, acceptance, approval or accession after the "
    "date of the deposit of the fiftieth instrument of ratification, acceptance, approval or accession, this Treaty "
    "shall enter into force 90 days after the date on which that State has deposited its instrument of "
    "ratification, acceptance, approval or accession.\u201d"
)
CRPD = (
    'in accordance with article 45(1) which reads as follows: "1. The present Convention shall enter into force '
    "on the thirtieth day after the deposit of the twentieth instrument of ratification or accession. 2. For each "
    "State or regional integration organization ratifying, formally confirming or acceding to the present "
    "Convention after the deposit of the twentieth such instrument, the Convention shall enter into force on the "
    'thirtieth day after the deposit of its own such instrument."'
)
BBNJ = (
    'in accordance with article 68(1) which reads as follows: "1. This Agreement shall enter into force 120 days '
    "after the date of deposit of the sixtieth instrument of ratification, approval, acceptance or accession. "
    "2. For each State or regional economic integration organization that ratifies, approves or accepts this "
    "Agreement or accedes thereto after the deposit of the sixtieth instrument of ratification, approval, "
    "acceptance or accession, this Agreement shall enter into force on the thirtieth day following the deposit of "
    "its instrument of ratification, approval, acceptance or accession, subject to paragraph 1 above. 3. For the "
    "purposes of paragraphs 1 and 2 above, any instrument deposited by a regional economic integration "
    'organization shall not be counted as additional to those deposited by its member States."'
)
ROME = (
    'in accordance with article 126(1) which reads as follows: "1. This Statute shall enter into force on the '
    "first day of the month after the 60th day following the date of the deposit of the 60th instrument of "
    "ratification, acceptance, approval or accession with the Secretary-General of the United Nations. 2. For "
    "each State ratifying, accepting, approving or acceding to this Statute after the deposit of the 60th "
    "instrument of ratification, acceptance, approval or accession, the Statute shall enter into force on the "
    "first day of the month after the 60th day following the deposit by such State of its instrument of "
    'ratification, acceptance, approval or accession."'
)
OTTAWA = (
    'in accordance with article 17(1) which reads as follows: "1. This Convention shall enter into force on the '
    "first day of the sixth month after the month in which the 40th instrument of ratification, acceptance, "
    "approval or accession has been deposited. 2. For any State which deposits its instrument of ratification, "
    "acceptance, approval or accession after the date of the deposit of the 40th instrument of ratification, "
    "acceptance, approval or accession, this Convention shall enter into force on the first day of the sixth "
    "month after the date on which that State has deposited its instrument of ratification, acceptance, approval or "
    'accession."'
)
THREE_MONTHS = (
    'which reads as follows: "This Convention shall enter into force on the first day of the month following the '
    "expiration of a period of three months after the date of deposit of the tenth instrument of ratification, "
    'acceptance, approval or accession."'
)
PARIS = (
    'in accordance with article 21(1) which reads as follows: "1. This Agreement shall enter into force on the '
    "thirtieth day after the date on which at least 55 Parties to the Convention accounting in total for at least "
    "an estimated 55 per cent of the total global greenhouse gas emissions have deposited their instruments of "
    'ratification, acceptance, approval or accession."'
)


@pytest.mark.parametrize(
    ("text", "rule", "later_quoted"),
    [
        (HANOI, {"threshold": 40, "after": {"days": 90}, "count_reio": False}, False),
        (UNCAC, {"threshold": 30, "after": {"days": 90}, "later_parties": {"days": 30}, "count_reio": False}, True),
        (TPNW, {"threshold": 50, "after": {"days": 90}, "later_parties": {"days": 90}, "count_reio": True}, True),
        (CRPD, {"threshold": 20, "after": {"days": 30}, "later_parties": {"days": 30}, "count_reio": True}, True),
        (BBNJ, {"threshold": 60, "after": {"days": 120}, "later_parties": {"days": 30}, "count_reio": False}, True),
        (
            ROME,
            {
                "threshold": 60,
                "after": {"days": 60, "first_of_next_month": True},
                "later_parties": {"days": 60, "first_of_next_month": True},
                "count_reio": True,
            },
            True,
        ),
        (
            OTTAWA,
            {
                "threshold": 40,
                "after": {"months": 5, "first_of_next_month": True},
                "later_parties": {"months": 5, "first_of_next_month": True},
                "count_reio": True,
            },
            True,
        ),
        (
            THREE_MONTHS,
            {"threshold": 10, "after": {"months": 3, "first_of_next_month": True}, "count_reio": True},
            False,
        ),
    ],
    ids=["hanoi", "uncac", "tpnw", "crpd", "bbnj", "rome", "ottawa", "three-months"],
)
def test_drafting_styles(text: str, rule: dict, later_quoted: bool) -> None:
    reading = explain_rule(text)
    assert reading.rule == rule
    assert reading.later_parties_quoted is later_quoted
    assert reading.reason is None
    assert isinstance(
        ledger_adapter()
        .validate_python({"treaty": {"id": "X-1", "title": "T", "entry_into_force": rule}})
        .treaty.entry_into_force,
        EntryIntoForceRule,
    )


def test_the_periods_give_the_treaties_real_dates() -> None:
    """Rome: 60th deposit 11 Apr 2002, in force 1 Jul 2002. Ottawa: 40th deposit 16 Sep 1998, in force 1 Mar 1999."""
    from hanoi_cli.core.ledger.models import Period

    assert Period(**read_rule(ROME)["after"]).add_to(date(2002, 4, 11)) == date(2002, 7, 1)
    assert Period(**read_rule(OTTAWA)["after"]).add_to(date(1998, 9, 16)) == date(1999, 3, 1)
    assert Period(**read_rule(TPNW)["after"]).add_to(date(2020, 10, 24)) == date(2021, 1, 22)


@pytest.mark.parametrize(
    ("words", "digits"),
    [
        ("fortieth", "40th"),
        ("sixty-fifth", "65th"),
        ("one hundred and twentieth", "120th"),
        ("hundredth", "100th"),
        ("40th", "40th"),
    ],
)
def test_ordinals_in_words_or_digits(words: str, digits: str) -> None:
    text = (
        "This Convention shall enter into force on the ninetieth day after the date of deposit of the "
        f"{words} instrument of ratification."
    )
    assert read_rule(text)["threshold"] == int(digits[:-2])


def test_cardinals_in_words() -> None:
    text = (
        "This Agreement shall enter into force one hundred and twenty days after the date of deposit of the "
        "sixtieth instrument of ratification."
    )
    assert read_rule(text)["after"] == {"days": 120}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "This Convention shall enter into force on the date of deposit of the thirtieth instrument of "
            "ratification.",
            {"threshold": 30, "after": {"days": 0}, "count_reio": True},
        ),
        (
            "This Protocol shall enter into force one year after the date of deposit of the twelfth instrument "
            "of accession.",
            {"threshold": 12, "after": {"months": 12}, "count_reio": True},
        ),
        (
            "This Treaty shall enter into force ninety days after the date on which at least forty States have "
            "deposited "
            "their instruments of ratification.",
            {"threshold": 40, "after": {"days": 90}, "count_reio": True},
        ),
    ],
    ids=["same-day", "one-year", "at-least-n-states"],
)
def test_less_common_periods_and_thresholds(text: str, rule: dict) -> None:
    assert read_rule(text) == rule


def test_the_paris_agreement_is_refused_with_a_reason() -> None:
    reading = explain_rule(PARIS)
    assert reading.rule is None and read_rule(PARIS) is None
    assert "per cent" in reading.reason


@pytest.mark.parametrize(
    "text",
    [
        "3 May 2008, in accordance with article 45(1).",
        "",
        'which reads as follows: "This Convention shall enter into force when the Parties so decide."',
    ],
)
def test_texts_without_a_readable_rule(text: str) -> None:
    reading = explain_rule(text)
    assert reading.rule is None and reading.reason


def test_later_parties_after_the_treatys_entry_into_force() -> None:
    text = (
        "1. This Protocol shall enter into force on the thirtieth day after the deposit of the tenth instrument of "
        "ratification. "
        "2. For each State ratifying this Protocol after its entry into force, the Protocol shall enter into force "
        "on the thirtieth day after the deposit of its instrument."
    )
    rule = read_rule(text)
    assert rule["later_parties"] == {"days": 30} and rule["later_parties_from"] == "entry_into_force"


def test_a_quoted_later_paragraph_it_cannot_read_gives_no_rule() -> None:
    text = (
        "1. This Protocol shall enter into force on the thirtieth day after the deposit of the tenth instrument of "
        "ratification. "
        "2. For each State ratifying this Protocol thereafter, the Protocol shall enter into force when it so notifies."
    )
    reading = explain_rule(text)
    assert reading.rule is None and reading.later_parties_quoted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # present tense
            '"This Convention enters into force on the ninetieth day after the date of deposit of the fortieth '
            'instrument of ratification."',
            {"threshold": 40, "after": {"days": 90}},
        ),
        (  # a number written twice
            '"This Agreement shall enter into force ninety (90) days after the date of deposit of the twentieth (20th) '
            'instrument of ratification."',
            {"threshold": 20, "after": {"days": 90}},
        ),
        (
            '"The present Convention shall enter into force on the thirtieth day following the date of deposit of the '
            'twentieth instrument of ratification or accession."',
            {"threshold": 20, "after": {"days": 30}},
        ),
        (
            '"This Protocol shall enter into force on the first day of the month following the expiration of three '
            'months after the date of deposit of the tenth instrument of ratification."',
            {"threshold": 10, "after": {"months": 3, "first_of_next_month": True}},
        ),
        (  # split over two sentences: the threshold, then the period
            '"1. This Agreement shall enter into force upon the deposit of the sixtieth instrument of ratification. '
            'It shall enter into force one hundred and twenty days after that deposit."',
            {"threshold": 60, "after": {"days": 120}},
        ),
        (  # split the other way: the condition, then the period in a numbered paragraph
            '"1. This Convention shall enter into force when twenty States have deposited their instruments of '
            'ratification. 2. It shall enter into force on the ninetieth day after that deposit."',
            {"threshold": 20, "after": {"days": 90}},
        ),
    ],
)
def test_more_drafting_styles(text: str, expected: dict) -> None:
    rule = read_rule(text)
    assert rule is not None
    assert {key: rule[key] for key in expected} == expected


def test_an_in_force_treaty_keeps_its_date_and_asks_only_for_later_parties() -> None:
    day = date(1951, 1, 12)
    asked = rule_for_new(None, "12 January 1951, in accordance with article XIII.", day, 20)
    assert asked.rule is None and "1951-01-12" in (asked.reason or "") and "later party" in (asked.reason or "")
    given = rule_for_new({"later_parties": {"days": 90}}, "", day, 20)
    assert given.rule == {
        "threshold": 20,
        "after": {"days": 0},
        "later_parties": {"days": 90},
        "not_before": day,
        "later_parties_from": "entry_into_force",
        "count_reio": True,
    }
    full = rule_for_new({"threshold": 35, "after": {"days": 30}}, "", day, 20)
    assert full.rule == {"threshold": 35, "after": {"days": 30}, "not_before": day}
    assert rule_for_new(None, HANOI, None).rule == read_rule(HANOI)


def test_the_in_force_date_comes_out_exactly() -> None:
    """The rule written for an in-force treaty gives the depositary's date through the engine."""
    day = date(1951, 1, 12)
    rule = rule_for_new({"later_parties": {"days": 90}}, "", day, 2).rule
    participants = [
        {"name": "Australia", "code": "AUS", "ratification": "1949-07-08"},
        {"name": "Ecuador", "code": "ECU", "ratification": "1949-12-21"},
        {"name": "Rwanda", "code": "RWA", "accession": "1975-04-16"},
    ]
    treaty = {"id": "IV-1", "title": "Genocide", "entry_into_force": {**rule, "not_before": day.isoformat()}}
    ledger = validate_ledger_data({"treaty": treaty, "participants": participants})
    evaluation = evaluate(ledger, date(2026, 12, 1))
    assert evaluation.entry_into_force == day
    assert [party.entry_into_force for party in evaluation.parties] == [day, day, date(1975, 7, 15)]
