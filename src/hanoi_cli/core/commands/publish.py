"""What ``hanoi chart``, ``hanoi report``, ``hanoi feed`` and ``hanoi timeline`` share: a ledger
evaluated, with its forecast if asked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from hanoi_cli.core.ledger.models import Ledger
    from hanoi_cli.core.rules.chart_data import ChartData
    from hanoi_cli.core.rules.engine import Evaluation
    from hanoi_cli.core.rules.forecast import Forecast


@dataclass(frozen=True)
class Published:
    """One ledger ready to publish: its evaluation, the forecast if asked for, its chart and its text."""

    name: str
    text: str
    evaluation: Evaluation
    forecast: Optional[Forecast]
    chart: ChartData


def load_for_publishing(
    ledger: Optional[str], as_of: date, *, with_forecast: bool = False, seed: Optional[int] = None
) -> Published:
    """Read, validate and evaluate a ledger (the forecast exactly as ``hanoi forecast`` makes it)."""
    from hanoi_cli.core.reading.ledger_paths import resolve_ledger
    from hanoi_cli.core.reading.loader import decode, read_ledger
    from hanoi_cli.core.rules.chart_data import chart_data

    loaded = read_ledger(resolve_ledger(ledger))
    evaluation, result = evaluate_or_forecast(loaded.ledger, as_of, with_forecast=with_forecast, seed=seed)
    text = decode(loaded.data, loaded.name) if loaded.data is not None else ""
    return Published(loaded.name, text, evaluation, result, chart_data(evaluation, forecast=result))


def evaluate_or_forecast(
    ledger: Ledger, as_of: date, *, with_forecast: bool = False, seed: Optional[int] = None
) -> tuple[Evaluation, Optional[Forecast]]:
    """The evaluation, and the forecast when asked for (which has evaluated the ledger already)."""
    if not with_forecast:
        from hanoi_cli.core.rules.engine import evaluate

        return evaluate(ledger, as_of), None
    from hanoi_cli.core.commands.reference import load_reference_class
    from hanoi_cli.core.rules.forecast import forecast

    result = forecast(ledger, as_of, reference=load_reference_class(), seed=seed)
    return result.evaluation, result


@dataclass(frozen=True)
class FeedResult:
    """``hanoi feed``: the ledger evaluated as of the date, for the feed of its events and its badge
    (what they say is ``core.payloads.feed``'s, how they are written ``render.publication.atom_feed``'s)."""

    evaluation: Evaluation


def feed(path: str, as_of: date) -> FeedResult:
    """Read the ledger at ``path`` (``-``: standard input) and evaluate it as of ``as_of``."""
    from hanoi_cli.core.reading.loader import read_ledger
    from hanoi_cli.core.rules.engine import evaluate

    return FeedResult(evaluate(read_ledger(path).ledger, as_of))
