"""``hanoi timeline``: every event of a ledger in date order, with the forecast's band if asked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from hanoi_cli.core.rules.engine import Evaluation
    from hanoi_cli.core.rules.forecast import Forecast
    from hanoi_cli.core.rules.timeline import Event


@dataclass(frozen=True)
class TimelineResult:
    """The evaluation as of the date, its events in order (``events``), and the forecast (``None``
    unless asked for)."""

    evaluation: Evaluation
    events: list[Event]
    forecast: Optional[Forecast] = None


def timeline(
    path: str | Path, as_of: date, *, with_forecast: bool = False, seed: Optional[int] = None
) -> TimelineResult:
    """Read the ledger at ``path`` (``-``: standard input) and list its events as of ``as_of``."""
    from hanoi_cli.core.commands.publish import evaluate_or_forecast
    from hanoi_cli.core.reading.loader import read_ledger
    from hanoi_cli.core.rules.timeline import events

    evaluation, result = evaluate_or_forecast(read_ledger(path).ledger, as_of, with_forecast=with_forecast, seed=seed)
    return TimelineResult(evaluation, events(evaluation), result)
