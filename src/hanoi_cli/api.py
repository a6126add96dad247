"""hanoi's Python API: the answers of ``hanoi status``, ``forecast``, ``timeline`` and ``export`` as
Python objects, for notebooks and scripts (documented in docs/python-api.md)::

    import hanoi_cli as hanoi

    led = hanoi.load()                       # the shipped ledger, or hanoi.load("my-treaty.yaml")
    now = hanoi.status(led, as_of=date(2026, 12, 1))
    now.entry_into_force, now.counted_instruments, now.participants.to_pandas()
    led.events().to_pandas()                 # one row per action, dates as datetime64

What this module's names and fields are, and what they mean, is a contract like the JSON keys: names
and fields are only ever added. It reads and evaluates through the same core as the commands, so an
answer here is the command's answer. Nothing heavy is imported until it is used: pandas only by
``to_pandas()`` (the ``pandas`` extra), pydantic and PyYAML only by ``load()``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

from hanoi_cli.core.ledger.problems import LedgerError, Problem
from hanoi_cli.core.payloads.columns import TABLE_PARTICIPANT_COLUMNS
from hanoi_cli.core.rules.quantiles import Quantiles

if TYPE_CHECKING:
    from hanoi_cli.core.ledger import models
    from hanoi_cli.core.rules import forecast as forecast_rules
    from hanoi_cli.core.rules.engine import Evaluation

__all__ = [
    "Forecast",
    "Ledger",
    "LedgerError",
    "ParticipantStatus",
    "Quantiles",
    "Status",
    "Table",
    "forecast",
    "load",
    "status",
    "timeline",
]

# Rows a notebook shows of a table before "... more rows".
HTML_ROWS = 60


class Table(Sequence[dict[str, Any]]):
    """Rows with named columns, each row a ``dict`` of plain values (``date``, ``bool``, ``int``, ``str``,
    ``None``). A sequence of rows; ``to_pandas()`` makes a DataFrame, and a notebook shows it as a table."""

    def __init__(self, columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
        self.columns: tuple[str, ...] = tuple(columns)
        self._rows = [{column: row.get(column) for column in self.columns} for row in rows]

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return Table(self.columns, self._rows[index])
        return dict(self._rows[index])

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (dict(row) for row in self._rows)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Table) and (self.columns, self._rows) == (other.columns, other._rows)

    __hash__ = None  # type: ignore[assignment]  # mutable rows: not hashable, like a list

    def to_records(self) -> list[dict[str, Any]]:
        """The rows as a list of new ``dict``s (changing them leaves the table as it is)."""
        return list(self)

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` with these columns; date columns become ``datetime64``.

        Needs pandas (``pip install 'hanoi-cli[pandas]'``), imported only here."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("to_pandas() needs pandas: pip install 'hanoi-cli[pandas]'") from None
        frame = pd.DataFrame(self._rows, columns=list(self.columns))
        for column in self.columns:
            if any(isinstance(row[column], date) for row in self._rows):
                frame[column] = pd.to_datetime(frame[column])
        return frame

    def __repr__(self) -> str:
        return f"<hanoi Table: {len(self)} rows; {', '.join(self.columns)}>"

    def _repr_html_(self) -> str:
        """The table as HTML for a notebook (every cell escaped; the first ``HTML_ROWS`` rows)."""
        return _html_table(self.columns, [[row[column] for column in self.columns] for row in self._rows])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _html_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], caption: str = "") -> str:
    head = "".join(f"<th>{html.escape(column)}</th>" for column in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(value))}</td>" for value in row) + "</tr>" for row in rows[:HTML_ROWS]
    )
    more = f"<p>... {len(rows) - HTML_ROWS} more rows</p>" if len(rows) > HTML_ROWS else ""
    title = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{title}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def _today(as_of: Optional[date]) -> date:
    """``as_of``, else today (``$HANOI_TODAY`` when set), as the commands take their date."""
    if as_of is not None:
        return as_of
    from hanoi_cli.core.ledger.dates import resolve_today

    return resolve_today()


@dataclass(frozen=True)
class Ledger:
    """A ledger read and validated by ``load()``: its ``name`` (the path as given), ``treaty`` and
    ``participants`` (the ledger format's own objects) and ``model`` (the whole ledger)."""

    name: str
    model: models.Ledger = field(repr=False)
    nodes: Optional[Callable[[], Any]] = field(default=None, repr=False, compare=False)
    """The composed YAML, on demand: where a problem is, at line and column (as ``hanoi status``)."""

    @property
    def treaty(self) -> models.Treaty:
        return self.model.treaty

    @property
    def participants(self) -> tuple[models.Participant, ...]:
        return self.model.participants

    def events(self, as_of: Optional[date] = None) -> Table:
        """One row per action on record by ``as_of`` (default today), in date order: treaty,
        participant, code, kind, action, date, date_earliest, counted, source (as ``hanoi export``)."""
        from hanoi_cli.core.rules.tidy import EVENT_COLUMNS, event_rows

        return Table(EVENT_COLUMNS, event_rows(self.model, _today(as_of)))

    def panel(self, as_of: Optional[date] = None) -> Table:
        """One row per participant and year up to ``as_of`` (as ``hanoi export --panel``)."""
        from hanoi_cli.core.rules.tidy import PANEL_COLUMNS, panel_rows

        return Table(PANEL_COLUMNS, panel_rows(self.model, _today(as_of)))

    def __repr__(self) -> str:
        return f"<hanoi Ledger {self.name}: {self.treaty.display_title}, {len(self.participants)} participants>"


LedgerLike = Union[Ledger, str, Path, None]


def load(path: Union[str, Path, None] = None) -> Ledger:
    """Read and validate a ledger file; without ``path``, ``$HANOI_LEDGER`` or else the Hanoi Convention
    ledger shipped with hanoi (as the commands choose). A ledger with errors raises ``LedgerError``,
    whose ``problems`` give each one's code, message, file, line and column."""
    from hanoi_cli.core.reading.ledger_paths import resolve_ledger
    from hanoi_cli.core.reading.loader import read_ledger

    loaded = read_ledger(resolve_ledger(str(path) if path is not None else None))
    return Ledger(loaded.name, loaded.ledger, loaded.root)


def _ledger(led: LedgerLike) -> Ledger:
    return led if isinstance(led, Ledger) else load(led)


_PARTICIPANT_DATES = ("deposited", "entry_into_force", "denunciation", "domestic_approval")
PARTICIPANT_COLUMNS = TABLE_PARTICIPANT_COLUMNS


def _participants(evaluation: Evaluation) -> Table:
    """The participants as ``hanoi status`` lists them, with dates as ``date`` (a signature known to a
    span of days: ``signature`` its last day, ``signature_earliest`` its first) and sources space-separated."""
    from hanoi_cli.core.payloads.status import participant_record

    rows = []
    for party in evaluation.parties:
        row = participant_record(party, evaluation)
        for key in _PARTICIPANT_DATES:
            row[key] = date.fromisoformat(row[key]) if row[key] else None
        row["signature"] = party.signature.latest if party.signature else None
        row["signature_earliest"] = party.signature.earliest if party.signature else None
        row["sources"] = " ".join(row["sources"])
        rows.append(row)
    return Table(PARTICIPANT_COLUMNS, rows)


@dataclass(frozen=True)
class Status:
    """The treaty as of a date, as ``hanoi status`` gives it (same names as its JSON keys).

    ``status``: ``not_reached``, ``pending`` or ``in_force``; ``parties``: participants bound by an
    instrument; ``needed``: counted instruments still missing; ``participants``: a ``Table``;
    ``notes``: the line ``hanoi status`` prints on stderr when the ledger has errors ``hanoi validate``
    would report (the status is still evaluated)."""

    treaty: str
    title: str
    as_of: date
    status: str
    summary: str
    threshold: int
    counted_instruments: int
    needed: int
    signatories: int
    parties: int
    threshold_date: Optional[date]
    entry_into_force: Optional[date]
    participants: Table = field(repr=False)
    notes: tuple[str, ...]
    evaluation: Evaluation = field(repr=False, compare=False)
    problems: tuple[Problem, ...] = field(default=(), repr=False)
    """What ``hanoi validate`` would report (errors and warnings), as in the JSON's ``problems``."""
    ledger_name: str = field(default="", repr=False, compare=False)
    """The ledger's name (its path as given), where a participant lookup's problems point."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``hanoi status --format json`` (ISO date strings)."""
        from hanoi_cli.core.payloads.status import status_payload

        return status_payload(self.evaluation, problems=self.problems)

    def participant(self, who: str, *, lang: Optional[str] = None) -> ParticipantStatus:
        """Where one participant stands (``hanoi status --participant WHO``): ``who`` a code in any
        case or a name, found as ``hanoi record`` finds one. A name that matches nobody or several
        raises ``LedgerError`` (``unknown-participant``, ``ambiguous-participant``); a country the
        ledger does not list is no error (``in_ledger`` False, ``row`` None). ``lang``: the sentence's
        language (``--lang``), English without it."""
        from hanoi_cli.core.commands.status import find_asked
        from hanoi_cli.core.payloads.localized import english, sentence

        asked = find_asked(self.evaluation, [who], self.ledger_name)[0]
        words = None
        if lang is not None:
            from hanoi_cli.core.payloads.localized import words_for

            words = words_for(lang)
        if words is None:
            words = english()
        row = next((row for row in self.participants if asked.party is not None and row["code"] == asked.code), None)
        return ParticipantStatus(
            query=who,
            name=asked.name,
            code=asked.code,
            in_ledger=asked.party is not None,
            sentence=sentence(words, self.evaluation, asked),
            row=row,
        )

    def _repr_html_(self) -> str:
        headline = [
            ("as of", self.as_of),
            ("status", self.status),
            ("counted instruments", f"{self.counted_instruments} of {self.threshold}"),
            ("signatories", self.signatories),
            ("parties", self.parties),
            ("threshold date", self.threshold_date),
            ("entry into force", self.entry_into_force),
        ]
        return (
            f"<p>{html.escape(self.summary)}</p>"
            + _html_table(("", self.title), headline)
            + self.participants._repr_html_()
        )


@dataclass(frozen=True)
class ParticipantStatus:
    """One participant's answer (``Status.participant``): the ``query``, the ``name`` and ``code`` it
    names, whether the ledger lists it (``in_ledger``), the quotable ``sentence`` and its ``row`` of
    ``Status.participants`` (None for a country the ledger does not list)."""

    query: str
    name: str
    code: str
    in_ledger: bool
    sentence: str
    row: Optional[dict[str, Any]] = field(default=None, repr=False)


def status(led: LedgerLike = None, as_of: Optional[date] = None) -> Status:
    """The treaty's status as of ``as_of`` (default today): ``led`` a ``Ledger``, or a path to load."""
    from hanoi_cli.core.commands.status import ledger_problems, problem_note
    from hanoi_cli.core.payloads.status import status_sentence
    from hanoi_cli.core.rules.engine import evaluate

    ledger = _ledger(led)
    evaluation = evaluate(ledger.model, _today(as_of))
    problems = ledger_problems(ledger.model, ledger.name, evaluation.as_of, ledger.nodes)
    note = problem_note(problems, ledger.name, strict=False)
    from hanoi_cli.core.rules.freshness import stale_warning

    stale = stale_warning(evaluation)  # the warning hanoi status prints on stderr, for a notebook too
    notes = tuple(line for line in (note, stale and f"{ledger.name}: warning: {stale}") if line)
    treaty = evaluation.treaty
    return Status(
        treaty=treaty.id,
        title=treaty.display_title,
        as_of=evaluation.as_of,
        status=evaluation.status,
        summary=status_sentence(evaluation),
        threshold=evaluation.threshold,
        counted_instruments=evaluation.counted_instruments,
        needed=evaluation.needed,
        signatories=evaluation.signatories,
        parties=evaluation.party_count,
        threshold_date=evaluation.threshold_date,
        entry_into_force=evaluation.entry_into_force,
        participants=_participants(evaluation),
        notes=notes,
        evaluation=evaluation,
        problems=tuple(problems),
        ledger_name=ledger.name,
    )


@dataclass(frozen=True)
class Forecast:
    """``hanoi forecast`` as an object: the quantiles of the threshold date and of entry into force
    (``None`` when nothing is simulated: the treaty is in force or pending), the seed that reproduces
    it, and with ``by`` the probability of entry into force by that date."""

    as_of: date
    summary: str
    status: str
    needed: int
    threshold_date: Optional[Quantiles]
    entry_into_force: Optional[Quantiles]
    seed: int
    simulations: int
    by: Optional[date]
    probability_by: Optional[float]
    notes: tuple[str, ...]
    result: forecast_rules.Forecast = field(repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``hanoi forecast --format json``."""
        from hanoi_cli.core.payloads.projection import forecast_payload

        return forecast_payload(self.result)

    def _repr_html_(self) -> str:
        rows = [
            (label, *(quantiles.low, quantiles.median, quantiles.high))
            for label, quantiles in (
                ("threshold date", self.threshold_date),
                ("entry into force", self.entry_into_force),
            )
            if quantiles is not None
        ]
        table = _html_table(("", "10%", "median", "90%"), rows, caption=f"seed {self.seed}") if rows else ""
        return f"<p>{html.escape(self.summary)}</p>{table}"


def forecast(
    led: LedgerLike = None,
    as_of: Optional[date] = None,
    *,
    seed: Optional[int] = None,
    simulations: Optional[int] = None,
    by: Optional[date] = None,
) -> Forecast:
    """Forecast entry into force as ``hanoi forecast`` does, calibrated on the shipped reference set.

    Without ``seed``, one derived from the ledger and the date: the same question gives the same
    answer; ``simulations``: the command's default unless given."""
    from hanoi_cli.core.commands.forecast import forecast_ledger
    from hanoi_cli.core.payloads.projection import forecast_sentence

    result = forecast_ledger(_ledger(led).model, _today(as_of), simulations=simulations, seed=seed, by=by)
    return Forecast(
        as_of=result.evaluation.as_of,
        summary=forecast_sentence(result),
        status=result.evaluation.status,
        needed=result.needed,
        threshold_date=result.threshold,
        entry_into_force=result.entry_into_force,
        seed=result.seed,
        simulations=result.simulations,
        by=result.by,
        probability_by=result.probability_by,
        notes=result.notes,
        result=result,
    )


TIMELINE_COLUMNS = ("date", "event", "name", "code", "detail", "change", "counted_instruments")


def timeline(led: LedgerLike = None, as_of: Optional[date] = None) -> Table:
    """Every event in date order with the running count, as ``hanoi timeline`` lists them (``date`` a
    ``date``; a signature known to a span of days is dated its last day, with the span in ``detail``)."""
    from hanoi_cli.core.payloads.timeline import event_record
    from hanoi_cli.core.rules.engine import evaluate
    from hanoi_cli.core.rules.timeline import events

    evaluation = evaluate(_ledger(led).model, _today(as_of))
    rows = [{**event_record(event), "date": event.day} for event in events(evaluation)]  # a date, not ISO text
    return Table(TIMELINE_COLUMNS, rows)
