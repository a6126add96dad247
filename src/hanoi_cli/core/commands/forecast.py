"""``hanoi forecast``: when the threshold will be reached, as a Monte Carlo forecast over the record."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from hanoi_cli.core.rules.forecast import Forecast


def forecast(
    path: str | Path,
    as_of: date,
    *,
    simulations: int = 10_000,
    seed: Optional[int] = None,
    by: Optional[date] = None,
) -> Forecast:
    """Read the ledger at ``path`` (``-``: standard input) and forecast from its record as of ``as_of``.

    The result (``rules.forecast.Forecast``) carries the evaluation, the quantiles of the threshold
    date and of entry into force, the seed used (a fresh one unless given) and the model's notes."""
    from hanoi_cli.core.reading.loader import read_ledger
    from hanoi_cli.core.rules.forecast import forecast as run_forecast

    return run_forecast(read_ledger(path).ledger, as_of, simulations=simulations, seed=seed, by=by)
