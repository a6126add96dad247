"""The checks a treaty lawyer would make of a ledger that is already well formed.

The schema (``core.models``) says what a ledger may contain; these checks say whether what it
contains makes sense: dates in a possible order, signatures inside the signature window, no
participant twice, ISO codes that exist. Each problem has a stable kebab-case code and points at
the YAML value it is about. Warnings mark what is unusual but possible (an accession by a
signatory); ``hanoi validate --strict`` treats them as errors.

pycountry is imported here and only here, to suggest the code of a country named with a wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Optional

from hanoi_cli.core.ledger.models import INSTRUMENT_LABELS, Ledger, Participant, SignatureWindow, Treaty
from hanoi_cli.core.ledger.names import name_key
from hanoi_cli.core.ledger.problems import Problem, in_file_order

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


@dataclass(frozen=True)
class Finding:
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


def check_ledger(ledger: Ledger, *, as_of: date, hints: bool = True) -> list[Finding]:
    """Every semantic problem in ``ledger``; locate them with ``locate`` only if there are any.

    Checking needs no YAML, so a ledger from the cache is checked without parsing it again.
    Without ``hints`` an unknown code gets no "did you mean" (which needs pycountry; ``status``
    only counts the problems and must stay quick).
    """
    checker = _Checker()
    _check_treaty(checker, ledger.treaty, as_of)
    _check_duplicates(checker, ledger.participants)
    _check_codes(checker, ledger.participants, hints)
    _check_groups(checker, ledger)
    window = _usable_window(ledger.treaty)
    for index, participant in enumerate(ledger.participants):
        _check_participant(checker, ledger.treaty, window, participant, ("participants", index), as_of)
    _check_reported(checker, ledger, as_of)
    return checker.findings


def locate(findings: list[Finding], root: Any, name: str) -> list[Problem]:
    """Findings as problems at line and column (through the YAML ``root`` node), in file order."""
    from hanoi_cli.core.reading.positions import follow, format_path

    problems = []
    for finding in findings:
        key_node, value_node, parent, parts = follow(root, list(finding.loc), last_is_key=False)
        node = value_node if value_node is not None else (key_node or parent)
        mark = getattr(node, "start_mark", None)
        path = format_path(parts) or None
        problems.append(Problem.at(finding.code, finding.message, name, mark, path=path, severity=finding.severity))
    return in_file_order(problems)


def _check_treaty(checker: _Checker, treaty: Treaty, as_of: date) -> None:
    window = treaty.signature
    if treaty.adopted is not None and treaty.adopted > as_of:
        checker.add("date-after-as-of", _after_as_of("adoption", treaty.adopted, as_of), ("treaty", "adopted"))
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
    iso_codes = _iso_alpha3() if participants else frozenset()
    for index, participant in enumerate(participants):
        loc = ("participants", index, "code")
        code = participant.code
        if participant.kind == "reio":
            if code in iso_codes:
                checker.add(
                    "reio-code",
                    f"{code} is a State's ISO code; a regional economic integration organization "
                    "has its own code (the European Union's is EUU)",
                    loc,
                )
            continue
        if code in _REIO_CODES:
            checker.add(
                "reio-code",
                f"{code} is the code of a regional economic integration organization: "
                "add 'kind: reio' to this participant",
                loc,
            )
        elif code.startswith(_USER_ASSIGNED_PREFIXES):
            checker.add(
                "user-assigned-code",
                f"{code} is a user-assigned code, not an ISO 3166-1 country code",
                loc,
                severity="warning",
            )
        elif code not in iso_codes:
            checker.add(
                "unknown-country-code",
                f"{code} is not an ISO 3166-1 alpha-3 country code{_code_hint(participant) if hints else ''}",
                loc,
            )


def _iso_alpha3() -> frozenset[str]:
    from hanoi_cli.core.ledger.iso_codes import ISO_ALPHA3  # as data: no pycountry to check a code

    return ISO_ALPHA3


def _code_hint(participant: Participant) -> str:
    """Suggest the right code when the participant's name is a country pycountry knows."""
    import pycountry

    try:
        found = pycountry.countries.lookup(participant.name)
    except LookupError:
        return ""
    return f" (did you mean {found.alpha_3}, {found.name}?)"


def _check_groups(checker: _Checker, ledger: Ledger) -> None:
    required = {requirement.group for requirement in ledger.treaty.entry_into_force.requires}
    listed = {group for participant in ledger.participants for group in participant.groups}
    for index, requirement in enumerate(ledger.treaty.entry_into_force.requires):
        if requirement.group not in listed:
            checker.add(
                "unknown-group",
                f"no participant is in the group {requirement.group!r}, so this condition can never be met",
                ("treaty", "entry_into_force", "requires", index, "group"),
                severity="warning",
            )
    for index, participant in enumerate(ledger.participants):
        for position, group in enumerate(participant.groups):
            if group not in required:
                checker.add(
                    "unused-group",
                    f"the group {group!r} is not named by any condition under entry_into_force.requires",
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
    loc: tuple[Any, ...],
    as_of: date,
) -> None:
    who = participant.name
    signature = participant.signature
    instrument = participant.instrument

    if signature is not None:
        where = loc + ("signature",)
        if signature.earliest > as_of:
            checker.add("date-after-as-of", _after_as_of(f"{who}'s signature", signature.earliest, as_of), where)
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

    if instrument is not None:
        kind, deposited = instrument
        where = loc + (kind,)
        label = INSTRUMENT_LABELS[kind]
        if deposited > as_of:
            checker.add("date-after-as-of", _after_as_of(f"{who}'s {label}", deposited, as_of), where)
        if treaty.adopted and deposited < treaty.adopted:
            checker.add(
                "deposit-before-adoption",
                f"{who}'s {label} is dated {deposited}, before the treaty was adopted on {treaty.adopted}",
                where,
            )
        if kind in _AFTER_SIGNATURE:
            if signature is None:
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

    if signature is None and instrument is None:
        for key in ("reservations", "declarations"):
            if getattr(participant, key):
                checker.add(
                    "reservation-without-action",
                    f"{who} has {key} but neither a signature nor an instrument: reservations and "
                    "declarations are made on signing or on depositing",
                    loc + (key,),
                    severity="warning",
                )

    approval = participant.domestic_approval
    if approval is not None:
        where = loc + ("domestic_approval",)
        if approval > as_of:
            checker.add("date-after-as-of", _after_as_of(f"{who}'s domestic approval", approval, as_of), where)
        if instrument is not None and approval > instrument[1]:
            checker.add(
                "domestic-approval-after-deposit",
                f"{who}'s domestic approval ({approval}) is dated after its deposit ({instrument[1]})",
                where,
                severity="warning",
            )

    denounced = participant.denunciation
    if denounced is not None:
        where = loc + ("denunciation",)
        if denounced > as_of:
            checker.add("date-after-as-of", _after_as_of(f"{who}'s denunciation", denounced, as_of), where)
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
    reported = ledger.treaty.reported
    if reported is None:
        return
    if reported.as_of is not None and reported.as_of > as_of:
        checker.add(
            "date-after-as-of",
            _after_as_of("the report of these figures", reported.as_of, as_of),
            ("treaty", "reported", "as_of"),
        )
    listed_signatories = sum(1 for p in ledger.participants if p.signature is not None)  # as `status` counts
    if reported.signatories is not None and listed_signatories > reported.signatories:
        checker.add(
            "reported-count-exceeded",
            f"the ledger lists {listed_signatories} signatories, more than the {reported.signatories} "
            "reported: update 'reported' or its date",
            ("treaty", "reported", "signatories"),
            severity="warning",
        )


def _after_as_of(what: str, when: date, as_of: date) -> str:
    return (
        f"{what} is dated {when}, after the as-of date {as_of} "
        "(a ledger records facts; hypotheses belong in `hanoi project`)"
    )
