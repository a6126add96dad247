"""When will the threshold be reached? A small, documented Bayesian model and Monte Carlo over it.

The model (also in the README, "hanoi forecast"):

* Counted deposits arrive as a Poisson process with an unknown constant rate ``r`` (instruments
  a day), from the day the treaty opened for signature.
* Prior: ``r ~ Gamma(shape a0, rate b0)``, centred on the pace of comparable conventions from
  opening for signature to their threshold instrument: UNTOC, 40 instruments in 931 days
  (12 Dec 2000 to 1 Jul 2003) and UNCAC, 30 in 646 days (9 Dec 2003 to 15 Sep 2005), pooled:
  70 / 1577 = 0.0444 a day (1.35 a month). ``b0`` is a pseudo-exposure of ``PRIOR_DAYS`` (one
  year): the prior weighs as much as a year of the treaty's own record; ``a0 = pace * b0``.
* Update (conjugate, with forgetting): the ledger's own counted deposits from the opening to the
  as-of date, each weighted ``2 ** (-age / HALF_LIFE_DAYS)`` (90 days), and the exposure weighted
  alike: ``r ~ Gamma(a0 + n_w, b0 + E_w)``. Paces change (slow starts, late rushes); forgetting
  follows the recent pace and keeps the interval honest. Without it (an infinite half-life) the
  back-test's 80% interval held the real date in under a third of the months.
* Each simulation draws ``r`` from the posterior, then the waiting time for the ``k`` missing
  instruments, ``Gamma(k, r)`` (the sum of ``k`` exponential gaps in one draw). Threshold date =
  as-of + that wait; the treaty's date follows from the rule (``after``, ``not_before``), which is
  monotone, so its quantiles are the rule applied to the threshold quantiles.

What it leaves out, on purpose: bursts of deposits at treaty events, States moving together (EU
member States), slow starts, and ``requires`` group conditions. ``benchmarks/forecast_backtest.py``
measures how often the 80% interval held the real date for UNTOC and UNCAC. Pure standard library:
``random.Random(seed)`` makes a run reproducible.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Optional

from hanoi_cli.core.ledger.models import EntryIntoForceRule, Ledger
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem
from hanoi_cli.core.rules.engine import Evaluation, evaluate, treaty_date
from hanoi_cli.core.rules.timeline import window_start

PRIOR_DAYS = 365.0
HALF_LIFE_DAYS = 90.0
HORIZON_DAYS = 100 * 365  # simulated dates further out than this are reported as "later than"
LOW, HIGH = 0.10, 0.90  # the 80% interval


@dataclass(frozen=True)
class Comparable:
    """A convention whose time from opening for signature to its threshold instrument is known."""

    name: str
    opened: date
    threshold: int
    threshold_date: date

    @property
    def days(self) -> int:
        return (self.threshold_date - self.opened).days


COMPARABLES: tuple[Comparable, ...] = (
    Comparable("UNTOC", date(2000, 12, 12), 40, date(2003, 7, 1)),
    Comparable("UNCAC", date(2003, 12, 9), 30, date(2005, 9, 15)),
)


@dataclass(frozen=True)
class Prior:
    """A Gamma prior on the daily rate of counted deposits."""

    shape: float
    rate: float  # pseudo-exposure in days
    basis: tuple[str, ...]

    @property
    def mean_per_day(self) -> float:
        return self.shape / self.rate


def prior_from(comparables: tuple[Comparable, ...] = COMPARABLES, days: float = PRIOR_DAYS) -> Prior:
    """The pooled pace of ``comparables`` with the weight of ``days`` of observation."""
    pace = sum(c.threshold for c in comparables) / sum(c.days for c in comparables)
    return Prior(shape=pace * days, rate=days, basis=tuple(c.name for c in comparables))


@dataclass(frozen=True)
class Quantiles:
    """10th, 50th and 90th percentiles; None means later than the simulation horizon."""

    low: Optional[date]
    median: Optional[date]
    high: Optional[date]


@dataclass(frozen=True)
class Forecast:
    evaluation: Evaluation
    window_start: date  # where the exposure starts
    observed: int  # counted deposits from window_start to as-of
    exposure_days: int
    needed: int
    prior: Prior
    posterior_shape: float
    posterior_rate: float
    simulations: int
    seed: int
    threshold: Optional[Quantiles]  # None when nothing is simulated (in force, pending, unmodelled)
    entry_into_force: Optional[Quantiles]
    horizon: date
    by: Optional[date] = None
    probability_by: Optional[float] = None
    notes: tuple[str, ...] = field(default=())

    @property
    def posterior_mean_per_day(self) -> float:
        return self.posterior_shape / self.posterior_rate


def forecast(
    ledger: Ledger,
    as_of: date,
    *,
    simulations: int = 10_000,
    seed: Optional[int] = None,
    by: Optional[date] = None,
    prior: Optional[Prior] = None,
    half_life_days: float = HALF_LIFE_DAYS,
) -> Forecast:
    """Simulate the threshold and entry-into-force dates of ``ledger`` as seen on ``as_of``."""
    import random

    if seed is None:
        seed = random.SystemRandom().randrange(2**32)
    prior = prior or prior_from()
    evaluation = evaluate(ledger, as_of)
    rule = ledger.treaty.entry_into_force
    start = window_start(evaluation)
    deposits = [
        party.deposited
        for party in evaluation.parties
        if party.counted and party.deposited is not None and party.deposited >= start
    ]
    exposure = (as_of - start).days
    shape, rate = _posterior(prior, deposits, exposure, as_of, half_life_days)
    base: dict[str, Any] = dict(
        evaluation=evaluation,
        window_start=start,
        observed=len(deposits),
        exposure_days=exposure,
        needed=evaluation.needed,
        prior=prior,
        posterior_shape=shape,
        posterior_rate=rate,
        simulations=simulations,
        seed=seed,
        horizon=_horizon(rule, as_of),
        by=by,
    )
    if evaluation.threshold_date is not None and evaluation.entry_into_force is not None:
        return _from_the_record(base, evaluation, by)
    if evaluation.needed == 0:
        note = "The count is met but a 'requires' group condition is not; the model does not forecast group conditions."
        return Forecast(**base, threshold=None, entry_into_force=None, notes=(note,))
    notes = _caveats(rule, prior, len(deposits), exposure, start)
    days = _simulated_days(evaluation.needed, shape, rate, simulations, seed)
    low, median, high = (_quantile(days, fraction, as_of) for fraction in (LOW, 0.5, HIGH))
    threshold = Quantiles(low, median, high)
    eif = Quantiles(*(None if day is None else treaty_date(rule, day) for day in (low, median, high)))
    probability = None
    if by is not None:
        probability = _probability_by(rule, as_of, by, days)
    return Forecast(**base, threshold=threshold, entry_into_force=eif, probability_by=probability, notes=notes)


def _posterior(
    prior: Prior, deposits: list[date], exposure: int, as_of: date, half_life_days: float
) -> tuple[float, float]:
    """The Gamma posterior ``(shape, rate)`` after the ledger's own deposits, recent ones weighing more.

    A deposit (and a day of exposure) ``age`` days old has the weight 2 ** (-age / half-life), so a
    pace that changes is followed, and the posterior stays as wide as a record of about
    half-life / ln 2 days allows.
    """
    decay = math.log(2) / half_life_days
    weighted = sum(math.exp(-decay * (as_of - day).days) for day in deposits)
    weighted_exposure = (1 - math.exp(-decay * exposure)) / decay if decay else float(exposure)  # inf: no forgetting
    return prior.shape + weighted, prior.rate + weighted_exposure


def _horizon(rule: EntryIntoForceRule, as_of: date) -> date:
    """The farthest simulated threshold date, refused up front if its treaty date would pass year 9999."""
    try:
        horizon = as_of + timedelta(days=HORIZON_DAYS)
        treaty_date(rule, horizon)  # the latest treaty date a simulation can give
    except OverflowError:
        message = f"a forecast looks {HORIZON_DAYS // 365} years past the as-of date, and that goes past 9999-12-31: give an earlier --as-of"
        raise LedgerError([Problem("out-of-range", message, "--as-of")], ExitCode.USAGE) from None
    return horizon


def _from_the_record(base: dict, evaluation: Evaluation, by: Optional[date]) -> Forecast:
    """Once the threshold is reached there is nothing to simulate: the dates are the record's."""
    threshold_date, eif = evaluation.threshold_date, evaluation.entry_into_force
    assert threshold_date is not None and eif is not None  # the caller checks; this narrows the types
    note = (
        "The treaty is in force; these are the dates of the record, not a forecast."
        if evaluation.status == "in_force"
        else "The threshold has been reached; the date of entry into force follows from the rule."
    )
    return Forecast(
        **base,
        threshold=Quantiles(threshold_date, threshold_date, threshold_date),
        entry_into_force=Quantiles(eif, eif, eif),
        probability_by=None if by is None else float(eif <= by),
        notes=(note,),
    )


def _caveats(rule: EntryIntoForceRule, prior: Prior, observed: int, exposure: int, start: date) -> tuple[str, ...]:
    """What a reader of a simulated forecast should know: it may rest on the prior alone, and it ignores groups."""
    notes = []
    if observed == 0:
        notes.append(
            f"The ledger records no counted deposit in the {exposure} days since {start.isoformat()}: this forecast "
            f"rests on the prior ({' and '.join(prior.basis)}) and on that silence. If deposits are missing from "
            "the ledger, it is too late."
        )
    if rule.requires:
        notes.append("The 'requires' group conditions are not modelled: only the count of instruments is.")
    return tuple(notes)


def _simulated_days(needed: int, shape: float, rate: float, simulations: int, seed: int) -> list[int]:
    """Sorted days from the as-of date to the threshold, one a simulation, capped just past the horizon.

    Each simulation draws a rate from the posterior, then the wait for ``needed`` more deposits in one
    Gamma draw; the seed makes a run reproducible.
    """
    import random

    rng = random.Random(seed)
    gamma = rng.gammavariate
    scale = 1.0 / rate
    waits = sorted(gamma(needed, 1.0 / gamma(shape, scale)) for _ in range(simulations))
    return [min(HORIZON_DAYS + 1, max(1, math.ceil(wait))) for wait in waits]


def _quantile(days: list[int], fraction: float, as_of: date) -> Optional[date]:
    """The date ``fraction`` of the way through the sorted simulations; None past the horizon."""
    offset = days[min(len(days) - 1, max(0, round(fraction * (len(days) - 1))))]
    return None if offset > HORIZON_DAYS else as_of + timedelta(days=offset)


def _probability_by(rule: EntryIntoForceRule, as_of: date, by: date, days: list[int]) -> float:
    """Share of simulations whose treaty date is on or before ``by`` (the rule is monotone)."""
    if by <= as_of:
        return 0.0
    low, high = 0, min((by - as_of).days, HORIZON_DAYS)  # the last threshold offset that still works
    if treaty_date(rule, as_of + timedelta(days=1)) > by:
        return 0.0
    low = 1
    while low < high:
        middle = (low + high + 1) // 2
        if treaty_date(rule, as_of + timedelta(days=middle)) <= by:
            low = middle
        else:
            high = middle - 1
    return bisect_right(days, low) / len(days)
