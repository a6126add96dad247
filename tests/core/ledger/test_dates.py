"""Calendar arithmetic and date parsing (``hanoi_cli.core.ledger.dates``)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hanoi_cli.core.ledger.dates import DateSpan, add_period, parse_date_span, parse_iso_date, resolve_today
from hanoi_cli.core.ledger.models import Period

# The autouse ``pinned_environment`` fixture in conftest.py is function-scoped; it only pins
# environment variables, which these pure-function properties never read.
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))


# --- the 90-day rule -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2023, 12, 1), date(2024, 2, 29)),  # runs through a leap-year February
        (date(2024, 12, 1), date(2025, 3, 1)),  # same start a year later: no 29 February
        (date(2003, 7, 1), date(2003, 9, 29)),  # UNTOC
        (date(2005, 9, 15), date(2005, 12, 14)),  # UNCAC
        (date(2024, 2, 29), date(2024, 5, 29)),
        (date(2023, 10, 3), date(2024, 1, 1)),  # across the year end
        (date(2024, 12, 31), date(2025, 3, 31)),
    ],
)
def test_ninety_days(start: date, expected: date) -> None:
    assert add_period(start, days=90) == expected


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2005, 11, 1), 30, date(2005, 12, 1)),
        (date(2006, 1, 10), 30, date(2006, 2, 9)),
        (date(2024, 2, 28), 1, date(2024, 2, 29)),
        (date(2023, 2, 28), 1, date(2023, 3, 1)),
        (date(2024, 3, 1), 0, date(2024, 3, 1)),
    ],
)
def test_days(start: date, days: int, expected: date) -> None:
    assert add_period(start, days=days) == expected


# --- months, clipped to the month's end -------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year: clipped to the 29th
        (date(2023, 1, 31), 1, date(2023, 2, 28)),  # common year: clipped to the 28th
        (date(2023, 3, 31), 1, date(2023, 4, 30)),
        (date(2023, 5, 31), 3, date(2023, 8, 31)),
        (date(2023, 11, 30), 3, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2023, 12, 15), 1, date(2024, 1, 15)),  # across the year end
        (date(2023, 6, 15), 3, date(2023, 9, 15)),
    ],
)
def test_months_clip_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_period(start, months=months) == expected


def test_months_are_added_before_days() -> None:
    # 30 January 2024 + 1 month = 29 February (clipped), + 2 days = 2 March;
    # days first would give 1 February + 1 month = 1 March.
    assert add_period(date(2024, 1, 30), months=1, days=2) == date(2024, 3, 2)
    assert add_period(date(2023, 1, 31), months=1, days=1) == date(2023, 3, 1)


# --- first day of the following month ---------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2023, 6, 15), date(2023, 10, 1)),  # + 3 months = 15 September -> 1 October
        (date(2023, 5, 31), date(2023, 9, 1)),  # + 3 months = 31 August -> 1 September
        (date(2023, 5, 1), date(2023, 9, 1)),  # + 3 months = 1 August, already a 1st: strictly next
        (date(2023, 9, 30), date(2024, 1, 1)),  # + 3 months = 31 December -> 1 January next year
        (date(2023, 9, 1), date(2024, 1, 1)),  # + 3 months = 1 December -> 1 January
        (date(2023, 11, 30), date(2024, 3, 1)),  # + 3 months = 29 February 2024 -> 1 March
    ],
)
def test_council_of_europe_three_months_then_first_of_next_month(start: date, expected: date) -> None:
    assert add_period(start, months=3, first_of_next_month=True) == expected
    assert Period(months=3, first_of_next_month=True).add_to(start) == expected


def test_first_of_next_month_is_strict() -> None:
    assert add_period(date(2023, 8, 1), first_of_next_month=True) == date(2023, 9, 1)
    assert add_period(date(2023, 8, 31), first_of_next_month=True) == date(2023, 9, 1)
    assert add_period(date(2023, 12, 1), first_of_next_month=True) == date(2024, 1, 1)
    assert add_period(date(2023, 12, 31), first_of_next_month=True) == date(2024, 1, 1)
    # days then first_of_next_month: 2 January + 30 days = 1 February, already a 1st -> 1 March
    assert add_period(date(2023, 1, 2), days=30, first_of_next_month=True) == date(2023, 3, 1)


def test_zero_period_is_identity() -> None:
    assert add_period(date(2024, 2, 29)) == date(2024, 2, 29)
    assert Period().add_to(date(2024, 2, 29)) == date(2024, 2, 29)


def test_period_describe() -> None:
    assert Period(days=90).describe() == "90 days"
    assert Period(months=3).describe() == "3 months"
    assert Period(months=1, days=10).describe() == "1 month and 10 days"
    assert Period(days=1).describe() == "1 day"
    assert Period().describe() == "0 days"


# --- properties ---------------------------------------------------------------------------------


@PROPERTY
@given(start=DATES, days=st.integers(min_value=0, max_value=3650))
def test_days_only_is_timedelta(start: date, days: int) -> None:
    assert add_period(start, days=days) == start + timedelta(days=days)


@PROPERTY
@given(start=DATES, months=st.integers(min_value=0, max_value=120))
def test_first_of_next_month_is_a_first_strictly_after(start: date, months: int) -> None:
    plain = add_period(start, months=months)
    moved = add_period(start, months=months, first_of_next_month=True)
    assert moved.day == 1
    assert moved > plain
    # and it is the *next* 1st: no other 1st lies strictly between
    assert moved - plain <= timedelta(days=31)
    assert (moved - timedelta(days=1)).month == plain.month


@PROPERTY
@given(start=DATES, months=st.integers(min_value=0, max_value=120))
def test_months_keep_day_or_clip_to_month_end(start: date, months: int) -> None:
    result = add_period(start, months=months)
    total = start.year * 12 + start.month - 1 + months
    assert (result.year, result.month) == (total // 12, total % 12 + 1)
    if result.day != start.day:
        # clipped: only when the start day does not exist in the target month
        assert result.day < start.day
        assert (result + timedelta(days=1)).day == 1


@PROPERTY
@given(start=DATES, months=st.integers(0, 60), days=st.integers(0, 400), first=st.booleans())
def test_period_add_to_matches_an_independent_computation(start: date, months: int, days: int, first: bool) -> None:
    """Months first, clipped to the month's end, then days, then strictly the next month's 1st:
    computed here by plain arithmetic (no dateutil, no add_period)."""
    year, month = divmod(start.year * 12 + start.month - 1 + months, 12)
    month += 1
    expected = date(year, month, min(start.day, calendar.monthrange(year, month)[1])) + timedelta(days=days)
    if first:
        expected = (expected.replace(day=1) + timedelta(days=32)).replace(day=1)
    assert Period(months=months, days=days, first_of_next_month=first).add_to(start) == expected
    assert add_period(start, months=months, days=days, first_of_next_month=first) == expected
    assert expected >= start


# --- parse_iso_date -----------------------------------------------------------------------------


def test_parse_iso_date_accepts_leap_day() -> None:
    assert parse_iso_date("2024-02-29") == date(2024, 2, 29)
    assert parse_iso_date("2025-10-25") == date(2025, 10, 25)


def test_parse_iso_date_rejects_impossible_day_with_month_length() -> None:
    with pytest.raises(ValueError, match="February 2025 has 28 days"):
        parse_iso_date("2025-02-30")
    with pytest.raises(ValueError, match="February 2023 has 28 days"):
        parse_iso_date("2023-02-29")
    with pytest.raises(ValueError, match="April 2025 has 30 days"):
        parse_iso_date("2025-04-31")
    with pytest.raises(ValueError, match="February 2024 has 29 days"):
        parse_iso_date("2024-02-30")


def test_parse_iso_date_rejects_bad_month() -> None:
    with pytest.raises(ValueError, match="no month 13"):
        parse_iso_date("2025-13-01")
    with pytest.raises(ValueError, match="no month 0"):
        parse_iso_date("2025-00-10")


@pytest.mark.parametrize(
    "text",
    ["20251025", "2025-1-5", "", "2025-10-25T00:00", "2025/10/25", "25-10-2025", "2025-W43-6", "2025-10-5"],
)
def test_parse_iso_date_rejects_other_forms(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_iso_date(text)


def test_parse_iso_date_rejects_day_zero() -> None:
    with pytest.raises(ValueError, match="not a calendar date"):
        parse_iso_date("2025-10-00")


@pytest.mark.parametrize(
    "text",
    ["\uff12\uff10\uff12\uff15-\uff11\uff10-\uff12\uff15", "\u0662\u0660\u0662\u0665-10-25"],
)
def test_parse_iso_date_rejects_non_ascii_digits(text: str) -> None:
    with pytest.raises(ValueError):
        parse_iso_date(text)


@PROPERTY
@given(day=st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_parse_iso_date_round_trips(day: date) -> None:
    assert parse_iso_date(day.isoformat()) == day


# --- parse_date_span / DateSpan -----------------------------------------------------------------


def test_parse_date_span_single_day() -> None:
    span = parse_date_span("2025-10-25")
    assert span == DateSpan(date(2025, 10, 25), date(2025, 10, 25))
    assert span.exact
    assert span.isoformat() == "2025-10-25"
    assert str(span) == "2025-10-25"


def test_parse_date_span_interval() -> None:
    span = parse_date_span("2025-10-25/2025-10-26")
    assert span.earliest == date(2025, 10, 25)
    assert span.latest == date(2025, 10, 26)
    assert not span.exact
    assert span.isoformat() == "2025-10-25/2025-10-26"


def test_parse_date_span_same_day_interval_is_exact() -> None:
    span = parse_date_span("2025-10-25/2025-10-25")
    assert span.exact


def test_parse_date_span_rejects_interval_ending_before_start() -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        parse_date_span("2025-10-26/2025-10-25")


@pytest.mark.parametrize(
    "text", ["2025-10-25/", "/2025-10-25", "2025-10-25/2025-02-30", "2025-10-25/2025-10-26/2025-10-27"]
)
def test_parse_date_span_rejects_malformed(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date_span(text)


# --- resolve_today ------------------------------------------------------------------------------


def test_resolve_today_honours_environ() -> None:
    assert resolve_today({"HANOI_TODAY": "2025-10-25"}) == date(2025, 10, 25)
    assert resolve_today({"HANOI_TODAY": " 2024-02-29 "}) == date(2024, 2, 29)


def test_resolve_today_without_pin_is_today() -> None:
    before = date.today()
    got = resolve_today({})
    after = date.today()
    assert before <= got <= after
    assert before <= resolve_today({"HANOI_TODAY": "   "}) <= date.today()


def test_resolve_today_reads_os_environ_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANOI_TODAY", "2003-09-29")
    assert resolve_today() == date(2003, 9, 29)


@pytest.mark.parametrize("value", ["2025-02-30", "tomorrow", "20251025", "2025-13-01"])
def test_resolve_today_rejects_bad_value(value: str) -> None:
    with pytest.raises(ValueError, match="HANOI_TODAY") as info:
        resolve_today({"HANOI_TODAY": value})
    assert value in str(info.value)


def test_resolve_today_bad_value_keeps_the_reason() -> None:
    with pytest.raises(ValueError, match="HANOI_TODAY: .*February 2025 has 28 days"):
        resolve_today({"HANOI_TODAY": "2025-02-30"})


def test_parse_iso_date_explains_the_last_and_the_first_year() -> None:
    with pytest.raises(ValueError, match="December 9999 has 31 days"):
        parse_iso_date("9999-12-32")
    with pytest.raises(ValueError, match="'0000-01-01' is not a calendar date: there is no year 0"):
        parse_iso_date("0000-01-01")


@pytest.mark.parametrize(("days", "months"), [(90, 0), (0, 1), (0, 1200)])
def test_a_period_past_the_last_calendar_date_is_a_clear_overflow(days: int, months: int) -> None:
    with pytest.raises(OverflowError, match="after 9999-12-31"):
        add_period(date(9999, 12, 1), days=days, months=months)
