"""``hanoi forecast``: when the threshold will be reached, as a Monte Carlo forecast over the record."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from hanoi_cli.core.ledger.models import Ledger
    from hanoi_cli.core.rules.forecast import Forecast


def forecast(
    path: str | Path,
    as_of: date,
    *,
    simulations: Optional[int] = None,
    seed: Optional[int] = None,
    by: Optional[date] = None,
) -> Forecast:
    """Read the ledger at ``path`` (``-``: standard input) and forecast from its record as of ``as_of``.

    The result (``rules.forecast.Forecast``) carries the evaluation, the quantiles of the threshold
    date and of entry into force, the seed used (unless given, derived from the ledger and the
    as-of date, so the same question gives the same answer) and the model's notes. ``simulations``:
    the model's default (``rules.forecast.SIMULATIONS``) unless given."""
    from hanoi_cli.core.reading.loader import read_ledger

    return forecast_ledger(read_ledger(path).ledger, as_of, simulations=simulations, seed=seed, by=by)


def forecast_ledger(
    ledger: Ledger,
    as_of: date,
    *,
    simulations: Optional[int] = None,
    seed: Optional[int] = None,
    by: Optional[date] = None,
) -> Forecast:
    """Forecast a ledger already read, calibrated on the shipped reference set: the command's and the
    Python API's one way to run the model."""
    from hanoi_cli.core.commands.reference import load_reference_class
    from hanoi_cli.core.rules.forecast import SIMULATIONS
    from hanoi_cli.core.rules.forecast import forecast as run_forecast

    draws = SIMULATIONS if simulations is None else simulations
    return run_forecast(ledger, as_of, reference=load_reference_class(), simulations=draws, seed=seed, by=by)
