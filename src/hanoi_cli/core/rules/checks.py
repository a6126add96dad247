"""The checks a treaty lawyer would make of a ledger that is already well formed.

The schema (``core.models``) says what a ledger may contain; these checks say whether what it
contains makes sense: dates in a possible order, signatures inside the signature window, no
participant twice, ISO codes that exist. Each problem has a stable kebab-case code and points at
the YAML value it is about. Warnings mark what is unusual but possible (an accession by a
signatory); ``hanoi validate --strict`` treats them as errors.

pycountry is imported only to suggest the code of a country named with a wrong one (``_code_hint``).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple, Optional

from hanoi_cli.core.ledger.dates import DateSpan
from hanoi_cli.core.ledger.depositary_hosts import DEPOSITARY_HOSTS, is_depositary_url
from hanoi_cli.core.ledger.iso_codes import ISO_ALPHA3
from hanoi_cli.core.ledger.models import INSTRUMENT_LABELS, Ledger, Participant, SignatureWindow, Treaty
from hanoi_cli.core.ledger.names import name_key

# Instruments that follow a signature (the treaty's "ratification, acceptance or approval").
_AFTER_SIGNATURE = ("ratification", "acceptance", "approval", "formal_confirmation")
# Codes that ISO 3166-1 leaves to users; a ledger may need one (e.g. XKX), but it is not ISO.
_USER_ASSIGNED_PREFIXES = (
    "AA",
    "QM",
    "QN",
    "QO",
    "QP",
    "QQ",
    "QR",
    "QS",
    "QT",
    "QU",
    "QV",
    "QW",
    "QX",
    "QY",
    "QZ",
    "X",
    "ZZ",
)
# Codes commonly used for regional economic integration organizations.
_REIO_CODES = frozenset({"EUU"})


class Finding(NamedTuple):
    """A problem before it is located: where it is, as a key path into the ledger."""

    code: str
    message: str
    loc: tuple[Any, ...]
    severity: str = "error"


class _Checker:
    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def add(self, code: str, message: str, loc: tuple[Any, ...], severity: str = "error") -> None:
        self.findings.append(Finding(code, message, loc, severity))


def check_ledger(
    ledger: Ledger,
    *,
    as_of: date,
    hints: bool = True,
    ignore: frozenset[str] = frozenset(),
    warnings: bool = True,
) -> list[Finding]:
    """Every semantic problem in ``ledger`` except those whose code is in ``ignore`` (``hanoi
    validate --ignore``); locate them with ``locate`` only if there are any.

    Checking needs no YAML, so a ledger from the cache is checked without parsing it again.
    Without ``hints`` an unknown code gets no "did you mean" (which needs pycountry; ``status``
    only counts the problems and must stay quick). Without ``warnings`` only the errors are
    returned, and the checks that only ever warn (sources) are not made: an edit counts the
    errors its ledger had before.
    """
    checker = _Checker()
    _check_treaty(checker, ledger.treaty, as_of)
    _check_duplicates(checker, ledger.participants)
    _check_codes(checker, ledger.participants, hints)
    _check_groups(checker, ledger)
    window = _usable_window(ledger.treaty)
    cites = warnings and any(participant.source or participant.facts for participant in ledger.participants)
    hosts: frozenset[str] = frozenset()
    if cites:
        from hanoi_cli.core.ledger.evidence import depositary_hosts

        hosts = depositary_hosts(ledger.treaty)
    for index, participant in enumerate(ledger.participants):
        instrument = participant.instrument  # a property that searches: asked once per participant
        _check_participant(checker, ledger.treaty, window, participant, instrument, ("participants", index), as_of)
        if cites:  # a ledger that cites no source anywhere is not asked for one per deposit
            _check_evidence(checker, hosts, participant, instrument, ("participants", index))
    _check_reported(checker, ledger, as_of)
    if ignore or not warnings:
        return [
            finding
            for finding in checker.findings
            if finding.code not in ignore and (warnings or finding.severity == "error")
        ]
    return checker.findings


# Every code these checks give: what ``hanoi validate --ignore`` accepts (a test keeps it complete).
CHECK_CODES: tuple[str, ...] = (
    "accession-by-signatory",
    "date-after-as-of",
    "definitive-signature-with-signature",
    "denunciation-before-deposit",
    "denunciation-without-instrument",
    "deposit-before-adoption",
    "deposit-before-signature",
    "deposit-without-source",
    "domestic-approval-after-deposit",
    "duplicate-participant",
    "evidence-without-source",
    "invalid-signature-window",
    "organization-code",
    "ratification-without-signature",
    "reio-code",
    "reported-count-exceeded",
    "reservation-without-action",
    "signature-before-adoption",
    "signature-outside-window",
    "signature-without-signature-stage",
    "status-url-not-depositary",
    "unknown-country-code",
    "unknown-group",
    "unused-group",
    "user-assigned-code",
)


def parse_ignored(codes: list[str]) -> frozenset[str]:
    """The codes given to ``--ignore``; ValueError for one that no check gives (with the closest)."""
    import difflib

    wanted = [code.strip().lower() for code in codes]
    for code in wanted:
        if code not in CHECK_CODES:
            close = difflib.get_close_matches(code, CHECK_CODES, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ValueError(
                f"{code!r} is not the code of a check: {hint}--ignore takes the codes of the treaty checks "
                "(listed in the documentation's problem codes); errors in the YAML or the schema cannot be ignored"
            )
    return frozenset(wanted)


def _check_treaty(checker: _Checker, treaty: Treaty, as_of: date) -> None:
    if treaty.status_url and not is_depositary_url(treaty.status_url):
        checker.add(
            "status-url-not-depositary",
            f"status_url {treaty.status_url!r} is not on the depositary's host ({', '.join(DEPOSITARY_HOSTS)}, "
            "https): hanoi sync will not fetch it (give --from to read another source)",
            ("treaty", "status_url"),
            severity="warning",
        )
    window = treaty.signature
    if treaty.adopted is not None:
        _check_past(checker, "adoption", treaty.adopted, as_of, ("treaty", "adopted"))
    if window is None:
        return
    if _usable_window(treaty) is None:  # it closes before it opens
        checker.add(
            "invalid-signature-window",
            f"the signature window closes ({window.closes}) before it opens ({window.opens})",
            ("treaty", "signature", "closes"),
        )
    if window.opens and treaty.adopted and window.opens < treaty.adopted:
        checker.add(
            "signature-before-adoption",
            f"the treaty opens for signature ({window.opens}) before it was adopted ({treaty.adopted})",
            ("treaty", "signature", "opens"),
        )


def _check_duplicates(checker: _Checker, participants: tuple[Participant, ...]) -> None:
    by_code: dict[str, int] = {}
    by_name: dict[str, int] = {}
    for index, participant in enumerate(participants):
        first = by_code.setdefault(participant.code, index)
        if first != index:
            checker.add(
                "duplicate-participant",
                f"{participant.code} is already listed as participant {first + 1} "
                f"({participants[first].name}): give each participant one entry",
                ("participants", index, "code"),
            )
            continue
        key = name_key(participant.name)
        first = by_name.setdefault(key, index)
        if first != index:
            checker.add(
                "duplicate-participant",
                f"{participant.name!r} is already listed as participant {first + 1} "
                f"(code {participants[first].code}): give each participant one entry",
                ("participants", index, "name"),
            )


def _check_codes(checker: _Checker, participants: tuple[Participant, ...], hints: bool = True) -> None:
    for index, participant in enumerate(participants):
        found = code_finding(participant.code, participant.kind, participant.name, hints=hints)
        if found is not None:
            code, message, severity = found
            checker.add(code, message, ("participants", index, "code"), severity=severity)


def code_finding(code: str, kind: str, name: str, *, hints: bool = True) -> Optional[tuple[str, str, str]]:
    """``(problem code, message, severity)`` for a participant's code, or None when it is sound;
    also what ``hanoi project`` says of a new participant it is asked to assume."""
    if kind == "organization":
        if code in ISO_ALPHA3:
            return (
                "organization-code",
                f"{code} is a State's ISO code; an international organization has its own code "
                "(hanoi's table of depositary names gives them, e.g. WHO)",
                "error",
            )
        return None
    if kind == "reio":
        if code in ISO_ALPHA3:
            return (
                "reio-code",
                f"{code} is a State's ISO code; a regional economic integration organization "
                "has its own code (the European Union's is EUU)",
                "error",
            )
        return None
    if code in _REIO_CODES:
        return (
            "reio-code",
            f"{code} is the code of a regional economic integration organization: add 'kind: reio' to this participant",
            "error",
        )
    if code in ISO_ALPHA3:
        return None
    if code in _organization_codes():  # read only for a code that is not ISO's
        return (
            "organization-code",
            f"{code} is the code of an international organization: add 'kind: organization' to this participant",
            "error",
        )
    if code.startswith(_USER_ASSIGNED_PREFIXES):
        return ("user-assigned-code", f"{code} is a user-assigned code, not an ISO 3166-1 country code", "warning")
    if code not in ISO_ALPHA3:
        return (
            "unknown-country-code",
            f"{code} is not an ISO 3166-1 alpha-3 country code{_code_hint(name) if hints else ''}",
            "error",
        )
    return None


@lru_cache(maxsize=1)
def _organization_codes() -> frozenset[str]:
    """The codes the shipped table of depositary names gives international organizations."""
    from hanoi_cli.core.ledger.un_names import name_table

    return frozenset(entry.code for entry in name_table() if entry.kind == "organization")


def _code_hint(name: str) -> str:
    """Suggest the right code when the participant's name is a country pycountry knows."""
    import pycountry

    try:
        found = pycountry.countries.lookup(name)
    except LookupError:
        return ""
    return f" (did you mean {found.alpha_3}, {found.name}?)"


def _check_groups(checker: _Checker, ledger: Ledger) -> None:
    """Group names are free text, so a typo silently makes a condition unmeetable: one problem per
    group name (never one per participant), each with the closest name on the other side."""
    import difflib

    requires = ledger.treaty.entry_into_force.requires
    required = [requirement.group for requirement in requires]
    first_listed: dict[str, tuple[int, int]] = {}  # group -> (participant, position) where first listed
    listed_by: dict[str, list[str]] = {}
    for index, participant in enumerate(ledger.participants):
        for position, group in enumerate(participant.groups):
            first_listed.setdefault(group, (index, position))
            listed_by.setdefault(group, []).append(participant.name)

    def closest(name: str, candidates: list[str]) -> str:
        found = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
        return f"; did you mean {found[0]!r}?" if found else ""

    unused = [group for group in first_listed if group not in required]
    for index, requirement in enumerate(requires):
        if requirement.group in first_listed:
            continue
        # An error once participants list groups at all (then it is a typo or a gap); a warning while none
        # does yet, so that a new ledger can be filled in with `hanoi record`.
        checker.add(
            "unknown-group",
            f"no participant is in the group {requirement.group!r}, so this condition can never be met"
            + closest(requirement.group, unused),
            ("treaty", "entry_into_force", "requires", index, "group"),
            severity="error" if first_listed else "warning",
        )
    for group in unused:
        index, position = first_listed[group]
        names = listed_by[group]
        who = (
            names[0]
            if len(names) == 1
            else f"{len(names)} participants ({', '.join(names[:3])}{', ...' if len(names) > 3 else ''})"
        )
        checker.add(
            "unused-group",
            f"the group {group!r}, listed by {who}, is not named by any condition under entry_into_force.requires"
            + closest(group, required),
            ("participants", index, "groups", position),
            severity="warning",
        )


def _usable_window(treaty: Treaty) -> Optional[SignatureWindow]:
    """The signature window to judge signatures by: none if it closes before it opens (that is
    reported once, as invalid-signature-window; judging each signature by it says nothing more)."""
    window = treaty.signature
    if window is not None and window.opens and window.closes and window.closes < window.opens:
        return None
    return window


def _check_participant(
    checker: _Checker,
    treaty: Treaty,
    window: Optional[SignatureWindow],
    participant: Participant,
    instrument: Optional[tuple[str, date]],
    loc: tuple[Any, ...],
    as_of: date,
) -> None:
    """Each dated fact of one participant (``instrument``: its instrument), judged in the order a
    reader meets them in its entry."""
    if participant.signature is not None:
        _check_signature(checker, treaty, window, participant.name, participant.signature, loc + ("signature",), as_of)
    if instrument is not None:
        _check_instrument(checker, treaty, participant, instrument, loc, as_of)
    if participant.signature is None and instrument is None:
        _check_reservations_have_an_occasion(checker, participant, loc)
    if participant.domestic_approval is not None:
        _check_domestic_approval(
            checker, participant, instrument, participant.domestic_approval, loc + ("domestic_approval",), as_of
        )
    if participant.denunciation is not None:
        _check_denunciation(checker, participant, instrument, participant.denunciation, loc + ("denunciation",), as_of)


def _check_evidence(
    checker: _Checker,
    hosts: frozenset[str],
    participant: Participant,
    instrument: Optional[tuple[str, date]],
    loc: tuple[Any, ...],
) -> None:
    """A deposit needs a source (its own, or the participant's for the short form); a stated
    evidence level needs one too, or it is shown as unsourced (``hosts``: the depositary's).
    Warnings only (``check_ledger`` skips this check when it is asked for errors alone)."""
    from hanoi_cli.core.ledger.evidence import evidence_of

    if instrument is not None:
        kind = instrument[0]
        if evidence_of(participant, kind, hosts).level is None:
            checker.add(
                "deposit-without-source",
                f"the {INSTRUMENT_LABELS[kind]} of {participant.name} has no source: it is shown as unsourced "
                "(give one with hanoi record ... --source URL)",
                loc + (kind,),
                severity="warning",
            )
    for fact in participant.facts:
        if fact.evidence is not None and not fact.sources and not fact.notification:
            checker.add(
                "evidence-without-source",
                f"the {fact.action.replace('_', ' ')} of {participant.name} says evidence {fact.evidence} "
                "but gives no source or notification: it is shown as unsourced",
                loc + (fact.action, "evidence"),
                severity="warning",
            )


def _check_signature(
    checker: _Checker,
    treaty: Treaty,
    window: Optional[SignatureWindow],
    who: str,
    signature: DateSpan,
    where: tuple[Any, ...],
    as_of: date,
) -> None:
    """A signature needs a signature stage, a date already past, and a place inside the window (or after adoption)."""
    if not treaty.signature_stage:
        checker.add(
            "signature-without-signature-stage",
            f"{who} has a signature, but the treaty has no signature stage (signature_stage: false)",
            where,
            severity="warning",
        )
    _check_past(checker, f"{who}'s signature", signature.earliest, as_of, where)
    if window is not None and window.opens and signature.earliest < window.opens:
        checker.add(
            "signature-outside-window",
            f"{who} signed on {signature} but the treaty opened for signature on {window.opens}",
            where,
        )
    elif window is not None and window.closes and signature.latest > window.closes:
        checker.add(
            "signature-outside-window",
            f"{who} signed on {signature} but signature closed on {window.closes}",
            where,
        )
    elif treaty.adopted and signature.earliest < treaty.adopted:
        checker.add(
            "signature-before-adoption",
            f"{who} signed on {signature}, before the treaty was adopted on {treaty.adopted}",
            where,
        )


def _check_instrument(
    checker: _Checker,
    treaty: Treaty,
    participant: Participant,
    instrument: tuple[str, date],
    loc: tuple[Any, ...],
    as_of: date,
) -> None:
    """An instrument is dated between adoption and the as-of date, and its type fits the signature (or its absence)."""
    kind, deposited = instrument
    who = participant.name
    where = loc + (kind,)
    label = INSTRUMENT_LABELS[kind]
    _check_past(checker, f"{who}'s {label}", deposited, as_of, where)
    if treaty.adopted and deposited < treaty.adopted:
        checker.add(
            "deposit-before-adoption",
            f"{who}'s {label} is dated {deposited}, before the treaty was adopted on {treaty.adopted}",
            where,
        )
    _check_instrument_follows_signature(checker, treaty, participant, instrument, where)


def _from_status_file(treaty: Treaty, participant: Participant) -> bool:
    """Whether the participant's facts are credited to the treaty's own status file (``hanoi new``
    and ``hanoi sync`` write it): the depositary's record, not a typing slip, so only a warning."""
    if not treaty.status_url or participant.source is None:
        return False
    sources = (participant.source,) if isinstance(participant.source, str) else participant.source
    return treaty.status_url in sources


def _check_instrument_follows_signature(
    checker: _Checker, treaty: Treaty, participant: Participant, instrument: tuple[str, date], where: tuple[Any, ...]
) -> None:
    """Ratification follows a signature; accession and definitive signature are what a non-signatory uses."""
    kind, deposited = instrument
    who = participant.name
    signature = participant.signature
    label = INSTRUMENT_LABELS[kind]
    if kind in _AFTER_SIGNATURE and treaty.signature_stage:
        if signature is None and _from_status_file(treaty, participant):
            checker.add(
                "ratification-without-signature",
                f"{who} has an instrument of {label} but no signature, as the depositary's status file records "
                "it (some treaties let a non-signatory accept, approve or ratify)",
                where,
                severity="warning",
            )
        elif signature is None:
            checker.add(
                "ratification-without-signature",
                f"{who} has an instrument of {label} but no signature: a State that has not signed "
                "joins by accession (or add the date of signature)",
                where,
            )
        elif deposited < signature.earliest:
            checker.add(
                "deposit-before-signature",
                f"{who}'s {label} ({deposited}) is dated before its signature ({signature})",
                where,
            )
    elif kind == "accession" and signature is not None:
        checker.add(
            "accession-by-signatory",
            f"{who} signed ({signature}) but its instrument is recorded as an accession; "
            "a signatory usually ratifies, accepts or approves",
            where,
            severity="warning",
        )
    elif kind == "definitive_signature" and signature is not None:
        checker.add(
            "definitive-signature-with-signature",
            f"{who} has both a signature and a definitive signature; a definitive signature is "
            "the signature itself, not subject to ratification",
            where,
            severity="warning",
        )


def _check_reservations_have_an_occasion(checker: _Checker, participant: Participant, loc: tuple[Any, ...]) -> None:
    """Reservations and declarations are made on signing or depositing, so they need one of the two."""
    for key in ("reservations", "declarations"):
        if getattr(participant, key):
            checker.add(
                "reservation-without-action",
                f"{participant.name} has {key} but neither a signature nor an instrument: reservations and "
                "declarations are made on signing or on depositing",
                loc + (key,),
                severity="warning",
            )


def _check_domestic_approval(
    checker: _Checker,
    participant: Participant,
    instrument: Optional[tuple[str, date]],
    approval: date,
    where: tuple[Any, ...],
    as_of: date,
) -> None:
    """Domestic approval is already past and normally comes before the deposit it authorises."""
    who = participant.name
    _check_past(checker, f"{who}'s domestic approval", approval, as_of, where)
    if instrument is not None and approval > instrument[1]:
        checker.add(
            "domestic-approval-after-deposit",
            f"{who}'s domestic approval ({approval}) is dated after its deposit ({instrument[1]})",
            where,
            severity="warning",
        )


def _check_denunciation(
    checker: _Checker,
    participant: Participant,
    instrument: Optional[tuple[str, date]],
    denounced: date,
    where: tuple[Any, ...],
    as_of: date,
) -> None:
    """Only a party can denounce: a denunciation needs an instrument deposited before it, and a past date."""
    who = participant.name
    _check_past(checker, f"{who}'s denunciation", denounced, as_of, where)
    if instrument is None:
        checker.add(
            "denunciation-without-instrument",
            f"{who} gave notice of denunciation but has no instrument: only a party can denounce",
            where,
        )
    elif denounced < instrument[1]:
        checker.add(
            "denunciation-before-deposit",
            f"{who}'s denunciation ({denounced}) is dated before its deposit ({instrument[1]})",
            where,
        )


def _check_reported(checker: _Checker, ledger: Ledger, as_of: date) -> None:
    if ledger.treaty.checked is not None:
        _check_past(
            checker, "the last check against the depositary", ledger.treaty.checked, as_of, ("treaty", "checked")
        )
    reported = ledger.treaty.reported
    if reported is None:
        return
    if reported.as_of is not None:
        _check_past(checker, "the report of these figures", reported.as_of, as_of, ("treaty", "reported", "as_of"))
    listed_signatories = sum(1 for p in ledger.participants if p.signature is not None)  # as `status` counts
    if reported.signatories is not None and listed_signatories > reported.signatories:
        checker.add(
            "reported-count-exceeded",
            f"the ledger lists {listed_signatories} signatories, more than the {reported.signatories} "
            "reported: update 'reported' or its date",
            ("treaty", "reported", "signatories"),
            severity="warning",
        )


def _check_past(checker: _Checker, what: str, when: date, as_of: date, where: tuple[Any, ...]) -> None:
    """Every recorded fact is dated on or before the as-of date: the one rule behind each date-after-as-of."""
    if when > as_of:
        checker.add(
            "date-after-as-of",
            f"{what} is dated {when}, after the as-of date {as_of} "
            "(a ledger records facts; hypotheses belong in `hanoi project`)",
            where,
        )
