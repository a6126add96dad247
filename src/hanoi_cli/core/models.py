"""The ledger format as Pydantic models: the one definition of what a valid ledger is.

The loader hands these models plain strings (see ``loader``), so every value is typed here and
dates are parsed in one place (``dates.parse_iso_date``). Unknown keys are errors
(``extra="forbid"``): a typo such as ``ratifcation:`` must never pass silently.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, PlainValidator, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from hanoi_cli.core.dates import DateSpan, add_period, parse_date_span, parse_iso_date

# The instruments a participant can deposit, as ledger keys. A participant has at most one.
INSTRUMENT_TYPES: tuple[str, ...] = (
    "ratification",
    "acceptance",
    "approval",
    "accession",
    "succession",
    "definitive_signature",  # a signature not subject to ratification
    "formal_confirmation",  # an international organization's equivalent of ratification
)


def _as_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return parse_iso_date(value)
        except ValueError as exc:
            raise PydanticCustomError("invalid-date", str(exc)) from None
    raise PydanticCustomError("invalid-date", "expected a date in the form YYYY-MM-DD")


def _as_date_span(value: Any) -> DateSpan:
    if isinstance(value, DateSpan):
        return value
    if isinstance(value, date):
        return DateSpan(value, value)
    if isinstance(value, str):
        try:
            return parse_date_span(value)
        except ValueError as exc:
            raise PydanticCustomError("invalid-date", str(exc)) from None
    raise PydanticCustomError(
        "invalid-date", "expected a date YYYY-MM-DD or an interval YYYY-MM-DD/YYYY-MM-DD"
    )


IsoDate = Annotated[date, BeforeValidator(_as_date)]

SignatureDate = Annotated[
    DateSpan,
    PlainValidator(_as_date_span),
    PlainSerializer(lambda span: span.isoformat(), return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}(/\d{4}-\d{2}-\d{2})?$",
            "description": "Date of signature, YYYY-MM-DD; where the record only says it was one of "
            "several days, the ISO 8601 interval YYYY-MM-DD/YYYY-MM-DD.",
        }
    ),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Period(_Strict):
    """A period as treaties state it: months first (clipped to the month's end), then days,
    optionally moved to the first day of the following month."""

    months: int = Field(0, ge=0, le=1200)
    days: int = Field(0, ge=0, le=36500)
    first_of_next_month: bool = False

    def add_to(self, start: date) -> date:
        return add_period(
            start, days=self.days, months=self.months, first_of_next_month=self.first_of_next_month
        )

    def describe(self) -> str:
        parts = []
        if self.months:
            parts.append(f"{self.months} month{'s' if self.months != 1 else ''}")
        if self.days or not parts:
            parts.append(f"{self.days} day{'s' if self.days != 1 else ''}")
        text = " and ".join(parts)
        if self.first_of_next_month:
            text += ", then the first day of the next month"
        return text


class Requirement(_Strict):
    """An extra condition on the threshold, e.g. at least three member States of a group."""

    group: str = Field(min_length=1)
    at_least: int = Field(ge=1)


class EntryIntoForceRule(_Strict):
    """When the treaty, and each party, enters into force: the rule as data."""

    threshold: int = Field(ge=1, description="Counted instruments needed.")
    after: Period = Field(description="Counted from the deposit of the threshold instrument.")
    later_parties: Period = Field(
        default_factory=Period,
        description="For a party depositing after the threshold date: counted from its own deposit.",
    )
    count_reio: bool = Field(
        True, description="Whether a regional economic integration organization's instrument counts."
    )
    not_before: Optional[IsoDate] = Field(None, description="A fixed earliest date of entry into force.")
    later_parties_from: Literal["threshold", "entry_into_force"] = Field(
        "threshold",
        description="Which deposits count as later: those after the threshold date, or after the "
        "treaty's date of entry into force.",
    )
    requires: tuple[Requirement, ...] = ()


class SignatureWindow(_Strict):
    opens: Optional[IsoDate] = None
    closes: Optional[IsoDate] = None


class Treaty(_Strict):
    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    short_title: Optional[str] = None
    adopted: Optional[IsoDate] = None
    depositary: Optional[str] = None
    signature: Optional[SignatureWindow] = None
    entry_into_force: EntryIntoForceRule
    denunciation_takes_effect: Optional[Period] = Field(
        None, description="Counted from the notification of denunciation; without it, at once."
    )
    source: Optional[str] = None

    @property
    def display_title(self) -> str:
        return self.short_title or self.title


TextOrList = Union[str, list[str]]


class Participant(_Strict):
    name: str = Field(min_length=1)
    code: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3; a REIO has its own, e.g. EUU.")
    kind: Literal["state", "reio"] = "state"
    groups: tuple[str, ...] = ()
    signature: Optional[SignatureDate] = None
    ratification: Optional[IsoDate] = None
    acceptance: Optional[IsoDate] = None
    approval: Optional[IsoDate] = None
    accession: Optional[IsoDate] = None
    succession: Optional[IsoDate] = None
    definitive_signature: Optional[IsoDate] = None
    formal_confirmation: Optional[IsoDate] = None
    domestic_approval: Optional[IsoDate] = Field(
        None, description="A parliament's or government's approval: not a deposit, never counted."
    )
    denunciation: Optional[IsoDate] = Field(None, description="Date of the notification of denunciation.")
    reservations: Optional[TextOrList] = None
    declarations: Optional[TextOrList] = None
    notes: Optional[str] = None
    source: Optional[str] = None

    @model_validator(mode="after")
    def _at_most_one_instrument(self) -> Participant:
        given = [kind for kind in INSTRUMENT_TYPES if getattr(self, kind) is not None]
        if len(given) > 1:
            raise PydanticCustomError(
                "multiple-instruments",
                "a participant has at most one instrument, but this one has {found}",
                {"found": " and ".join(given), "key": given[1]},
            )
        return self

    @property
    def instrument(self) -> Optional[tuple[str, date]]:
        """``(type, date of deposit)`` of the participant's instrument, if it has one."""
        for kind in INSTRUMENT_TYPES:
            deposited = getattr(self, kind)
            if deposited is not None:
                return kind, deposited
        return None


class Ledger(_Strict):
    """A treaty and its participants: the whole content of a ledger file."""

    treaty: Treaty
    participants: tuple[Participant, ...] = ()
