"""Calendar arithmetic and the one place where date strings become dates.

Treaty clauses count in calendar days ("the ninetieth day after the date of deposit") and calendar
months ("the first day of the month following the expiration of a period of three months"). Both
are exact here: days with stdlib ``timedelta``, months with ``dateutil.relativedelta`` (the day is
clipped to the month's end, so 31 January + 1 month = 28 or 29 February).
"""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from typing import NamedTuple

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")  # ASCII digits only

MONTH_NAMES = (  # English, whatever the locale: how treaty texts name months
    "January February March April May June July August September October November December"
).split()

DAYS_PER_MONTH = 365.2425 / 12  # the Gregorian calendar's mean month: paces and rates "a month"
TODAY_ENV = "HANOI_TODAY"


def parse_iso_date(text: str) -> date:
    """Parse exactly ``YYYY-MM-DD`` into a date, explaining what is wrong otherwise.

    ``date.fromisoformat`` alone would also take ``20251025`` or week dates on newer Pythons; a
    ledger is read by people too, so only the plain calendar form is accepted.
    """
    match = _ISO_DATE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD")
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    if year == 0:
        raise ValueError(f"{text!r} is not a calendar date: there is no year 0")
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a calendar date: there is no month {month}")
    try:
        return date(year, month, day)
    except ValueError:
        last = _days_in_month(year, month)
        raise ValueError(f"{text!r} is not a calendar date: {MONTH_NAMES[month - 1]} {year} has {last} days") from None


def _days_in_month(year: int, month: int) -> int:
    import calendar  # only for a date that does not exist; works for December 9999 too

    return calendar.monthrange(year, month)[1]


class DateSpan(NamedTuple):
    """A date known to lie between ``earliest`` and ``latest`` (equal when the day is known).

    Written ``2025-10-25/2025-10-26`` (an ISO 8601 interval) where the record says "on 25 or 26
    October" without saying which: the event is established from ``latest`` on.
    """

    earliest: date
    latest: date

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    def isoformat(self) -> str:
        if self.exact:
            return self.earliest.isoformat()
        return f"{self.earliest.isoformat()}/{self.latest.isoformat()}"

    def __str__(self) -> str:
        return self.isoformat()


def parse_date_span(text: str) -> DateSpan:
    """Parse ``YYYY-MM-DD`` or the interval ``YYYY-MM-DD/YYYY-MM-DD``."""
    start, slash, end = text.strip().partition("/")
    earliest = parse_iso_date(start)
    if not slash:
        return DateSpan(earliest, earliest)
    latest = parse_iso_date(end)
    if latest < earliest:
        raise ValueError(f"{text!r} is an interval that ends before it starts")
    return DateSpan(earliest, latest)


def add_period(start: date, *, days: int = 0, months: int = 0, first_of_next_month: bool = False) -> date:
    """Add a treaty period to ``start``: months first (clipped to month end), then days.

    With ``first_of_next_month`` the result moves to the first day of the following month,
    strictly: a result that is already the 1st moves one month on, as in "the first day of the
    month following the expiration of ...".
    """
    result = start
    try:
        if months:
            from dateutil.relativedelta import relativedelta  # only treaties counted in months pay for it

            result = result + relativedelta(months=months)
        result = result + timedelta(days=days)
        if first_of_next_month:
            result = date(result.year + result.month // 12, result.month % 12 + 1, 1)
    except (OverflowError, ValueError):  # past year 9999; relativedelta says so with a ValueError
        raise OverflowError(
            f"{start.isoformat()} plus the treaty's period falls after 9999-12-31, the last date hanoi can compute"
        ) from None
    return result


def resolve_today(environ: dict[str, str] | None = None) -> date:
    """Today's date, unless ``HANOI_TODAY`` pins it (reproducible CI output and tests)."""
    env = os.environ if environ is None else environ
    pinned = env.get(TODAY_ENV, "").strip()
    if pinned:
        try:
            return parse_iso_date(pinned)
        except ValueError as exc:
            raise ValueError(f"{TODAY_ENV}: {exc}") from None
    return date.today()
