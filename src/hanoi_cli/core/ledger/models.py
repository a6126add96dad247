"""The ledger format: the one definition of what a ledger holds and what a valid one is.

The classes are frozen standard-library dataclasses that Pydantic validates (``core.schema``):
the rules engine, projections and tests use them without importing Pydantic, and a command that
finds a ledger in the cache (``core.cache``) never pays for building validators. The annotations
below carry everything Pydantic needs: constraints are small markers that only touch
``pydantic_core`` while a validator is being built, and ``__pydantic_config__`` forbids unknown
keys, so a typo such as ``ratifcation:`` never passes silently.

Dates are parsed in one place (``dates.parse_iso_date``); the loader hands in plain strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal, Optional, Union

from hanoi_cli.core.ledger.dates import DateSpan, add_period, parse_date_span, parse_iso_date
from hanoi_cli.core.ledger.evidence import Fact
from hanoi_cli.core.ledger.instruments import INSTRUMENT_LABELS, INSTRUMENT_TYPES
from hanoi_cli.core.ledger.wording import plural

__all__ = ["INSTRUMENT_LABELS", "INSTRUMENT_TYPES"]  # re-exported: the models are where readers look for them

_CONFIG: dict[str, Any] = {"extra": "forbid", "str_strip_whitespace": True}

# The largest threshold a ledger may give: far above any treaty's (there are fewer than 250 possible
# parties), low enough that every projection over it stays small and quick.
MAX_THRESHOLD = 1000


def _custom_error(code: str, message: str, context: Optional[dict[str, Any]] = None) -> Exception:
    from pydantic_core import PydanticCustomError

    return PydanticCustomError(code, message, context)


class _Constraint:
    """Adds core-schema keys (``ge``, ``pattern`` ...) to a field's schema; Pydantic-free at import."""

    def __init__(self, **keys: Any) -> None:
        self.keys = keys

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema.update(self.keys)
        return schema


NonEmpty = _Constraint(min_length=1)


def _parsed(value: Any, parse: Any, expected: str) -> Any:
    """Parse text with ``parse``; anything else, or text it refuses, is an ``invalid-date``."""
    if isinstance(value, str):
        try:
            return parse(value)
        except ValueError as exc:
            raise _custom_error("invalid-date", str(exc)) from None
    raise _custom_error("invalid-date", expected)


def _as_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    return _parsed(value, parse_iso_date, "expected a date in the form YYYY-MM-DD")


def _as_date_span(value: Any) -> DateSpan:
    if isinstance(value, DateSpan):
        return value
    if isinstance(value, date):
        return DateSpan(value, value)
    return _parsed(value, parse_date_span, "expected a date YYYY-MM-DD or an interval YYYY-MM-DD/YYYY-MM-DD")


class _IsoDate:
    """A date written ``YYYY-MM-DD``, parsed by ``parse_iso_date`` and nothing else."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(_as_date, handler(source))


class _SignatureDate:
    """A date, or an ISO 8601 interval where the record says only that it was one of those days."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            _as_date_span,
            serialization=core_schema.plain_serializer_function_ser_schema(
                DateSpan.isoformat, return_schema=core_schema.str_schema()
            ),
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        return {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}(/\d{4}-\d{2}-\d{2})?$",
        }


IsoDate = Annotated[date, _IsoDate()]
InstrumentType = Literal[
    "ratification",
    "acceptance",
    "approval",
    "accession",
    "succession",
    "definitive_signature",
    "formal_confirmation",
    "consent_to_be_bound",
    "participation",
    "simplified_procedure",
    "application",
]  # INSTRUMENT_TYPES as a type (tests/test_formats.py keeps the two in step)
SignatureDate = Annotated[DateSpan, _SignatureDate()]
TextOrList = Union[str, tuple[str, ...]]


def _fact_value(value: Any, main: str) -> Any:
    """A long-form fact's value (its ``date`` or ``text``), the rest checked (``core.ledger.evidence``)."""
    from hanoi_cli.core.ledger.evidence import FactProblem, check_fact

    try:
        return check_fact(value, main)
    except FactProblem as problem:
        raise _custom_error(problem.code, problem.message, {"key": problem.key}) from None


_NOTIFICATION_PATTERN = r"^C\.N\.\d{1,5}\.\d{4}\.TREATIES-[IVXL]+(\.[0-9A-Za-z]+)+$"


def _long_form_schema(main_schema: dict[str, Any]) -> dict[str, Any]:
    main = "text" if main_schema.get("anyOf") else "date"
    sources = {"type": "string", "format": "uri", "pattern": "^https?://"}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [main],
        "properties": {
            main: main_schema,
            "evidence": {"enum": ["depositary", "official", "reported"]},
            "notification": {"type": "string", "pattern": _NOTIFICATION_PATTERN},
            "source": {"anyOf": [sources, {"type": "array", "items": sources}]},
        },
    }


class _Fact:
    """A participant's fact in the short form (its value) or the long form (a mapping with its
    value under ``main`` and its own evidence); validates to the value alone. The evidence is
    collected for the participant by ``_participant_facts``."""

    def __init__(self, main: str) -> None:
        self.main = main

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        # module-level functions, so the built schema can name them (``core.reading.cache``)
        value_of = _date_fact_value if self.main == "date" else _text_fact_value
        return core_schema.no_info_before_validator_function(value_of, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        short = handler(schema)
        return {"anyOf": [short, _long_form_schema(short)]}


def _date_fact_value(value: Any) -> Any:
    return _fact_value(value, "date") if isinstance(value, dict) else value


def _text_fact_value(value: Any) -> Any:
    return _fact_value(value, "text") if isinstance(value, dict) else value


FactDate = Annotated[IsoDate, _Fact("date")]
FactSignature = Annotated[SignatureDate, _Fact("date")]
FactText = Annotated[TextOrList, _Fact("text")]


@dataclass(frozen=True)
class Period:
    """A period as treaties state it: months first (the day clipped to the month's end), then
    days, optionally moved to the first day of the following month."""

    __pydantic_config__ = _CONFIG

    months: Annotated[int, _Constraint(ge=0, le=1200)] = 0
    """Calendar months, added first; the day is clipped to the month's end."""
    days: Annotated[int, _Constraint(ge=0, le=36500)] = 0
    """Calendar days, added after the months."""
    first_of_next_month: bool = False
    """Then move to the first day of the following month (strictly: the 1st moves a month on)."""

    def add_to(self, start: date) -> date:
        return add_period(start, days=self.days, months=self.months, first_of_next_month=self.first_of_next_month)

    def describe(self) -> str:
        """``90 days``, ``3 months``, ``1 month and 10 days`` (without ``first_of_next_month``)."""
        parts = []
        if self.months:
            parts.append(plural(self.months, "month"))
        if self.days or not parts:
            parts.append(plural(self.days, "day"))
        return " and ".join(parts)


@dataclass(frozen=True)
class Requirement:
    """An extra condition on the threshold, e.g. at least three member States of a group."""

    __pydantic_config__ = _CONFIG

    group: Annotated[str, NonEmpty]
    """A name that participants list under ``groups``."""
    at_least: Annotated[int, _Constraint(ge=1)]
    """Counted instruments needed from that group."""


@dataclass(frozen=True)
class EntryIntoForceRule:
    """When the treaty, and each party, enters into force: the treaty's final clause as data."""

    __pydantic_config__ = _CONFIG

    threshold: Annotated[int, _Constraint(ge=1, le=MAX_THRESHOLD)]
    """Counted instruments needed for entry into force (at most 1000)."""
    after: Period
    """Counted from the deposit of the threshold instrument."""
    later_parties: Period = field(default_factory=Period)
    """For a party depositing later: counted from its own deposit (never before the treaty's date)."""
    count_reio: bool = True
    """Whether a regional economic integration organization's (or another international organization's)
    instrument counts toward the threshold."""
    not_before: Optional[IsoDate] = None
    """A fixed earliest date of entry into force."""
    later_parties_from: Literal["threshold", "entry_into_force"] = "threshold"
    """Which deposits are later: those after the threshold date, or after the treaty's own date."""
    requires: tuple[Requirement, ...] = ()
    """Further conditions, each a group and how many counted instruments it needs."""
    counts: Optional[tuple[InstrumentType, ...]] = None
    """The instrument types that count toward the threshold; without it, every instrument type
    (e.g. ``[ratification, acceptance, approval, accession]`` where the treaty names those four)."""


@dataclass(frozen=True)
class SignatureWindow:
    """When the treaty is open for signature."""

    __pydantic_config__ = _CONFIG

    opens: Optional[IsoDate] = None
    closes: Optional[IsoDate] = None


@dataclass(frozen=True)
class Reported:
    """What the depositary or another source last reported, for a ledger known to be incomplete."""

    __pydantic_config__ = _CONFIG

    signatories: Optional[Annotated[int, _Constraint(ge=0)]] = None
    """Number of signatories reported."""
    parties: Optional[Annotated[int, _Constraint(ge=0)]] = None
    """Number of parties reported."""
    as_of: Optional[IsoDate] = None
    """When the figures were reported."""
    source: Optional[str] = None
    """Where the figures come from."""
    evidence: Optional[Literal["depositary", "official", "reported"]] = None
    """How well the figures are established: the depositary's own count, a government's, or the press."""


@dataclass(frozen=True)
class Treaty:
    """The treaty a ledger tracks, and its rule of entry into force."""

    __pydantic_config__ = _CONFIG

    id: Annotated[str, NonEmpty]
    """The depositary's reference, e.g. XVIII-16."""
    title: Annotated[str, NonEmpty]
    entry_into_force: EntryIntoForceRule
    short_title: Optional[str] = None
    adopted: Optional[IsoDate] = None
    depositary: Optional[str] = None
    signature: Optional[SignatureWindow] = None
    denunciation_takes_effect: Optional[Period] = None
    """Counted from the notification of denunciation; without it, a denunciation takes effect at once."""
    source: Optional[str] = None
    status_url: Optional[str] = None
    """The depositary's status file for this treaty, read by ``hanoi sync``; without it, the URL follows from ``id``."""
    reported: Optional[Reported] = None
    """Figures reported elsewhere, shown beside the ledger's own counts when the record is incomplete."""
    checked: Optional[IsoDate] = None
    """When the record was last checked against the depositary's (set by ``hanoi sync``, or by hand):
    every answer says how old it is, and warns past ``HANOI_STALE_DAYS`` (30)."""
    signature_stage: bool = True
    """False for a treaty joined without signing first (an amendment accepted or ratified by the
    parties): the checks that an instrument follows a signature are then not made."""

    @property
    def display_title(self) -> str:
        return self.short_title or self.title


@dataclass(frozen=True)
class Participant:
    """A State or organization and the actions it has taken under the treaty."""

    __pydantic_config__ = _CONFIG

    name: Annotated[str, NonEmpty]
    """The depositary's short name, e.g. Viet Nam."""
    code: Annotated[str, _Constraint(pattern=r"^[A-Z]{3}$")]
    """ISO 3166-1 alpha-3; a REIO or an international organization has its own code, e.g. EUU, WHO."""
    kind: Literal["state", "reio", "organization"] = "state"
    """A State, a regional economic integration organization, or another international organization
    (counted toward the threshold as a REIO is: only with ``count_reio``)."""
    groups: tuple[str, ...] = ()
    """Groups named by the treaty's ``requires`` conditions."""
    signature: Optional[FactSignature] = None
    """Date of signature (YYYY-MM-DD, or YYYY-MM-DD/YYYY-MM-DD where only the span of days is known)."""
    ratification: Optional[FactDate] = None
    acceptance: Optional[FactDate] = None
    approval: Optional[FactDate] = None
    accession: Optional[FactDate] = None
    succession: Optional[FactDate] = None
    definitive_signature: Optional[FactDate] = None
    """A signature not subject to ratification."""
    formal_confirmation: Optional[FactDate] = None
    """An international organization's equivalent of ratification."""
    consent_to_be_bound: Optional[FactDate] = None
    """A notification of consent to be bound, where the treaty names that act (e.g. a protocol to
    the Convention on Certain Conventional Weapons)."""
    participation: Optional[FactDate] = None
    """Participation under the treaty's own article (e.g. by virtue of being party to another instrument)."""
    simplified_procedure: Optional[FactDate] = None
    """Consent established by a simplified procedure the treaty provides (UNCLOS Part XI Agreement, art. 5)."""
    application: Optional[FactDate] = None
    """An undertaking to apply the instrument, e.g. an annex of the Convention on the Privileges and
    Immunities of the Specialized Agencies."""
    domestic_approval: Optional[FactDate] = None
    """A parliament's or government's approval: not a deposit, never counted."""
    denunciation: Optional[FactDate] = None
    """Date of the notification of denunciation."""
    reservations: Optional[FactText] = None
    declarations: Optional[FactText] = None
    notes: Optional[str] = None
    source: Optional[TextOrList] = None
    """Where the facts come from: a URL, or a list of URLs where several sources agree. It backs
    the facts written in the short form; a long-form fact gives its own sources."""
    facts: tuple[Fact, ...] = field(default=(), repr=False)
    """Derived from the long-form facts when the ledger is read: never a key of the file."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_wrap_validator_function(_participant_facts, handler(source))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> Any:
        found = handler(schema)
        target = handler.resolve_ref_schema(found)
        target.get("properties", {}).pop("facts", None)
        return found

    def fact(self, action: str) -> Optional[Fact]:
        """The long-form evidence of ``action``, None for a short-form fact."""
        return next((fact for fact in self.facts if fact.action == action), None)

    def __post_init__(self) -> None:
        given = [kind for kind in INSTRUMENT_TYPES if getattr(self, kind) is not None]
        if len(given) > 1:
            raise _custom_error(
                "multiple-instruments",
                "a participant has at most one instrument, but this one has {found}",
                {"found": " and ".join(given), "key": given[1]},
            )

    @property
    def instrument(self) -> Optional[tuple[str, date]]:
        """``(type, date of deposit)`` of the participant's instrument, if it has one."""
        for kind in INSTRUMENT_TYPES:
            deposited = getattr(self, kind)
            if deposited is not None:
                return kind, deposited
        return None


def _participant_facts(value: Any, handler: Any) -> Any:
    """Validate a participant, then collect the evidence its long-form facts give."""
    written = isinstance(value, dict) and "facts" in value
    if written:  # the derived field is not a key of the file
        value = {key: item for key, item in value.items() if key != "facts"}
    participant = handler(value)
    if written:
        raise _custom_error("unknown-key", "unknown key 'facts'", {"key": "facts"})
    if isinstance(value, dict):
        from hanoi_cli.core.ledger.evidence import fact_from_mapping

        facts = tuple(fact_from_mapping(key, item) for key, item in value.items() if isinstance(item, dict))
        if facts:
            object.__setattr__(participant, "facts", facts)
    return participant


@dataclass(frozen=True)
class Ledger:
    """A treaty and its participants: the whole content of a ledger file."""

    __pydantic_config__ = _CONFIG

    treaty: Treaty
    participants: tuple[Participant, ...] = ()
