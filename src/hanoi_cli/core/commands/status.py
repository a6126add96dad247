"""``hanoi status``: one ledger evaluated, or a summary row for each of several.

A ledger that loads but has problems ``hanoi validate`` would report is still evaluated; the
result carries one note saying so (``--strict`` makes that exit 1). With several ledgers one bad
file never hides the others: each row keeps its problems and its exit code, and the command exits
with the worst.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Optional, Union

from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, LocatedOnRead, Problem

if TYPE_CHECKING:
    from hanoi_cli.core.ledger.models import Ledger
    from hanoi_cli.core.rules.checks import Finding
    from hanoi_cli.core.rules.engine import Evaluation, PartyOutcome

Only = Literal["parties", "signatories", "pending"]
SortBy = Literal["name", "signature", "deposit"]


@dataclass(frozen=True)
class StatusResult:
    """One ledger's status.

    ``evaluation``: the treaty's state as of the date; ``participants``: those chosen by ``only``
    and ``sort`` (``None``: every participant in ledger order); ``brief``: the headline and the
    sentence only (table and Markdown); ``notes``: a line when the ledger has problems;
    ``problems``: every problem ``validate`` would report (errors and warnings, at line and column),
    which the JSON carries so that a script sees why ``--strict`` exits 1; located when first read
    (a table only counts them: ``LocatedOnRead``), and a tuple of problems to every reader;
    ``asked``: the participants ``--participant`` names (``find_asked``), whose
    rows alone ``participants`` then holds.
    """

    name: str
    evaluation: Evaluation
    participants: Optional[list[PartyOutcome]] = None
    brief: bool = False
    warnings: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()
    exit_code: ExitCode = ExitCode.OK
    problems: LocatedOnRead = LocatedOnRead()  # noqa: RUF009 (a descriptor, not a shared default)
    asked: tuple[Asked, ...] = ()


@dataclass(frozen=True)
class SummaryRow:
    """One ledger's outcome: its evaluation, or the problems that kept it from being evaluated."""

    path: str
    evaluation: Optional[Evaluation] = None
    problems: tuple[Problem, ...] = ()
    exit_code: ExitCode = ExitCode.OK
    ledger: Optional[Ledger] = field(default=None, repr=False, compare=False)  # as read, for its checks

    @property
    def status(self) -> str:
        """The treaty's status, or ``unreadable`` (exit code 2) / ``invalid`` (exit code 1)."""
        if self.evaluation is not None:
            return self.evaluation.status
        return "unreadable" if self.exit_code is ExitCode.USAGE else "invalid"


@dataclass(frozen=True)
class SummaryResult:
    """Many ledgers' status: one row each, every unusable ledger's problems (``warnings``), a note
    for each usable ledger with problems, and the worst exit code."""

    rows: list[SummaryRow]
    as_of: date
    warnings: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()
    exit_code: ExitCode = ExitCode.OK


def status(
    path: str | Path,
    as_of: date,
    *,
    only: Optional[Only] = None,
    sort: Optional[SortBy] = None,
    brief: bool = False,
    strict: bool = False,
    evidence: Optional[str] = None,
    refresh: str = "hanoi sync",
    who: Sequence[str] = (),
) -> StatusResult:
    """Read and evaluate one ledger (``-``: standard input); its participants as ``only`` and ``sort`` choose.

    ``evidence`` (a level) counts only the facts established at that level or better; a record
    checked against the depositary too long ago gets a note saying ``refresh`` brings it up to date.
    ``who``: only the participants these codes or names give (``find_asked``)."""
    from hanoi_cli.core.reading.loader import read_ledger
    from hanoi_cli.core.rules.engine import evaluate
    from hanoi_cli.core.rules.freshness import stale_warning

    # Its nodes are let go: the problems are located (the YAML composed again) only if read.
    loaded = read_ledger(path, keep_nodes=False)
    ledger = loaded.ledger
    notes = []
    if evidence is not None:
        from hanoi_cli.core.rules.evidence_filter import with_evidence

        ledger = with_evidence(ledger, evidence)
        notes.append(f"counting only facts established at the level {evidence} or better")
    evaluation = evaluate(ledger, as_of)
    if evidence is not None:
        from dataclasses import replace

        evaluation = replace(evaluation, evidence_filter=evidence)
    chosen = select(evaluation, only, sort)
    # JSON keeps every participant, in ledger order, unless --only or --sort is given.
    participants = chosen if (only or sort) else None
    asked: tuple[Asked, ...] = ()
    if who:
        asked = find_asked(evaluation, who, loaded.name)
        participants = keep_asked(asked, chosen if (only or sort) else None)
    stale = stale_warning(evaluation, refresh)
    if stale:
        notes.append(f"{loaded.name}: warning: {stale}")
    findings = ledger_findings(loaded.ledger, as_of)
    note = problem_note(findings, loaded.name, strict)
    code = ExitCode.PROBLEMS if note and strict else ExitCode.OK
    notes_all = tuple(notes) + ((note,) if note else ())

    def problems() -> list[Problem]:
        return located(findings, loaded.name, loaded.root)

    located_problems = problems if findings else ()
    return StatusResult(
        loaded.name, evaluation, participants, brief, (), notes_all, code, located_problems, asked=asked
    )


def summarise(paths: Iterable[str | Path], as_of: date) -> list[SummaryRow]:
    """Load and evaluate every ledger in ``paths``, in order; a failure becomes a marked row."""
    from hanoi_cli.core.reading.loader import collector_paused, display_name, read_ledger
    from hanoi_cli.core.rules.engine import evaluate

    rows = []
    with collector_paused():  # every ledger read adds thousands of objects the collector would rescan
        for path in paths:
            try:
                ledger = read_ledger(path).ledger
            except LedgerError as exc:
                rows.append(SummaryRow(display_name(path), None, tuple(exc.problems), exc.exit_code))
                continue
            rows.append(SummaryRow(display_name(path), evaluate(ledger, as_of), ledger=ledger))
    return rows


def summary(paths: Iterable[str | Path], as_of: date, *, strict: bool = False) -> SummaryResult:
    """One row per ledger, every problem, and the worst exit code.

    A ledger that was evaluated but has problems gets the single-ledger note; with ``strict`` it
    makes the exit code at least 1."""
    rows = summarise(paths, as_of)
    code = worst_exit_code(rows)
    notes = []
    for row in rows:
        if row.ledger is not None:
            note = problem_note(ledger_findings(row.ledger, as_of), row.path, strict)
            if note:
                notes.append(note)
                if strict:
                    code = max(code, ExitCode.PROBLEMS)
    problems = tuple(problem for row in rows for problem in row.problems)
    return SummaryResult(rows, as_of, problems, tuple(notes), code)


def worst_exit_code(rows: Iterable[SummaryRow]) -> ExitCode:
    """2 (a ledger could not be read) over 1 (a ledger is invalid) over 0."""
    return max((row.exit_code for row in rows), default=ExitCode.OK)


def ledger_problems(ledger: Ledger, name: str, as_of: date, root: Optional[Callable[[], Any]] = None) -> list[Problem]:
    """The problems ``validate`` would report, at line and column where ``root`` gives the YAML
    nodes (composed only when there is a problem to locate), else by key path alone."""
    return located(ledger_findings(ledger, as_of), name, root)


def ledger_findings(ledger: Ledger, as_of: date) -> list[Finding]:
    """The problems ``validate`` would report, not yet located (``located`` places them).

    The checks are validate's own, without the hints that need pycountry, so status stays quick.
    """
    from hanoi_cli.core.ledger.dates import resolve_today
    from hanoi_cli.core.rules.checks import check_ledger

    try:
        today = resolve_today()
    except ValueError:
        today = as_of
    # Judged as of today (or the later --as-of): an --as-of in the past is no problem of the data.
    return check_ledger(ledger, as_of=max(as_of, today), hints=False)


def located(findings: list[Finding], name: str, root: Optional[Callable[[], Any]] = None) -> list[Problem]:
    """``findings`` as problems at line and column where ``root`` gives the YAML nodes (called
    only when there is a finding to locate), else by key path alone."""
    from hanoi_cli.core.reading.positions import format_path

    nodes = root() if findings and root is not None else None
    if nodes is not None:
        from hanoi_cli.core.commands.validate import locate

        return locate(findings, nodes, name)
    return [
        Problem(
            finding.code, finding.message, name, path=format_path(list(finding.loc)) or None, severity=finding.severity
        )
        for finding in findings
    ]


def problem_note(problems: Sequence[Union[Problem, Finding]], name: str, strict: bool) -> Optional[str]:
    """One line when the ledger has problems ``validate`` would report, else ``None``.

    Errors count; with ``strict`` warnings too, as ``validate --strict`` counts them.
    """
    from hanoi_cli.core.ledger.wording import plural

    counted = len(problems) if strict else sum(1 for problem in problems if problem.severity == "error")
    if counted:
        return f"{name}: this ledger has {plural(counted, 'problem')}; run hanoi validate"
    return None


def select(evaluation: Evaluation, only: Optional[Only] = None, sort: Optional[SortBy] = None) -> list[PartyOutcome]:
    """The participants ``--only`` keeps, in the order ``--sort`` asks (ledger order without it).

    ``parties``: bound by an instrument on the as-of date; ``signatories``: signed by then;
    ``pending``: signed, no instrument yet. Sorting by a date puts those without one last, each
    group by name, so the order never depends on the file's.
    """
    from hanoi_cli.core.ledger.names import name_key

    chosen: Iterable[PartyOutcome] = evaluation.parties
    if only == "parties":
        chosen = [party for party in chosen if party.instrument and party.status != "withdrawn"]
    elif only == "signatories":
        chosen = [party for party in chosen if party.signature is not None]
    elif only == "pending":
        chosen = [party for party in chosen if party.signature is not None and party.instrument is None]
    chosen = list(chosen)
    if sort == "name":
        chosen.sort(key=lambda party: name_key(party.participant.name))
    elif sort in ("signature", "deposit"):

        def key(party: PartyOutcome) -> tuple[bool, date, str]:
            when = party.signature.earliest if sort == "signature" and party.signature else None
            if sort == "deposit":
                when = party.deposited
            return (when is None, when or date.min, name_key(party.participant.name))

        chosen.sort(key=key)
    return chosen


# --- the participants --participant names ---


@dataclass(frozen=True)
class Asked:
    """One participant asked for: the query, the name and code it resolved to, and the ledger's
    outcome for it (None: a country the ledger does not list)."""

    query: str
    name: str
    code: str
    party: Optional[PartyOutcome] = None


def find_asked(evaluation: Evaluation, queries: Sequence[str], file: str) -> tuple[Asked, ...]:
    """The participants of ``evaluation`` (the engine's) that ``queries`` name, in the order given,
    each once; a real country it does not list has no ``party``. A LedgerError (exit 2) lists every
    query that names nobody (``unknown-participant``, with "did you mean") or several
    (``ambiguous-participant``)."""
    from hanoi_cli.core.ledger.participant_lookup import ambiguity, resolve, un_short_name, unknown

    parties = evaluation.parties
    listed = [party.participant for party in parties]
    found: dict[str, Asked] = {}
    problems = []
    for query in queries:
        resolution = resolve(query, listed)
        if resolution.ambiguous:
            problems.append(Problem("ambiguous-participant", ambiguity(resolution, listed), file))
        elif resolution.index is not None:
            party = parties[resolution.index]
            found.setdefault(
                party.participant.code, Asked(query, party.participant.name, party.participant.code, party)
            )
        elif resolution.code is not None:
            name = un_short_name(resolution.code) or resolution.code
            found.setdefault(resolution.code, Asked(query, name, resolution.code))
        else:
            problems.append(Problem("unknown-participant", unknown(resolution), file))
    if problems:
        raise LedgerError(problems, ExitCode.USAGE)
    return tuple(found.values())


def keep_asked(asked: Sequence[Asked], chosen: Optional[list[PartyOutcome]] = None) -> list[PartyOutcome]:
    """The rows of the participants asked for: in the order asked, or in ``chosen``'s order (what
    ``--only`` and ``--sort`` chose) when given."""
    rows = [one.party for one in asked if one.party is not None]
    if chosen is None:
        return rows
    kept = {id(party) for party in rows}
    return [party for party in chosen if id(party) in kept]
