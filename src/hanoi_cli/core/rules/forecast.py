"""When will the threshold be reached? A model calibrated on real deposit records, and Monte Carlo over it.

The model (also in docs/commands/forecast.md); t is days since the opening for signature:

* **Reference class.** The real records of the reference set (``core.rules.reference_class``,
  read by ``core.commands.reference`` and passed in: rules never read files), never the treaty being forecast (matched by ``treaty.id``): every forecast of a reference
  treaty is leave-one-out. Where the treaty's family (its UNTC chapter, e.g. XVIII for penal
  matters) has at least two members in the class, they weigh half of it together.
* **Accelerating intensity.** Counted deposits arrive as a Poisson process with cumulative
  intensity Λ(t) = r·t^p: deposits speed up after the opening (p near 2: the count grows like
  time squared). Each reference treaty gives a shape p_j (maximum likelihood over its record) and
  a pace: it met its threshold K_j at T_j, so r_j/K_j = T_j^-p. For each shape the paces of the
  class give a Gamma prior on r/K (by moments); the ledger's own n deposits in [0, τ] update it,
  conjugately: r ~ Gamma(a0 + n, b0/K + τ^p). A long silence is evidence (τ^p grows), not
  forgotten, but early silence weighs little, because slow starts are normal.
* **Analogues.** For each reference treaty, the time it took from the same share of its
  threshold (n/K) to the threshold, added to τ. Half the draws come from this view once the
  ledger has a counted deposit.
* **Outside the class.** When the ledger has fewer deposits for its age than every reference
  treaty had (a share of its threshold), deposits may be missing from it: four draws in five then
  ignore its count and come from the class alone, knowing only that the threshold is still ahead,
  which widens the interval instead of sliding the median with the calendar.

* **The record stops where it was last checked.** When the ledger's ``treaty.checked`` (the day
  it was last compared with the depositary) is before the as-of date, the months in between are
  unknown, not silent: the count and the exposure end at ``checked`` (or at the latest deposit
  recorded after it), and the draws start there. A threshold day before the as-of date is then
  possible (met unseen); its probability is reported and the quantiles are not conditioned on it.
  A fresh record (checked on or after the as-of date, or no ``checked``) conditions on the
  threshold still being ahead of the as-of date, as before.

Each draw gives a threshold day; the treaty's date follows from the rule (monotone), so its
quantiles are the rule applied to the threshold quantiles. ``benchmarks/forecast_backtest.py``
measures how well this holds on the reference set. Pure standard library; ``random.Random(seed)``
makes a run reproducible, and without a seed the seed is derived from the ledger and the as-of
date, so the same question gives the same answer.
"""

from __future__ import annotations

import hashlib
import math
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Optional

from hanoi_cli.core.ledger.dates import DAYS_PER_MONTH
from hanoi_cli.core.ledger.models import EntryIntoForceRule, Ledger
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem
from hanoi_cli.core.rules.engine import Evaluation, evaluate, treaty_date
from hanoi_cli.core.rules.quantiles import Quantiles
from hanoi_cli.core.rules.reference_class import ReferenceClass, ReferenceTreaty
from hanoi_cli.core.rules.timeline import window_start

HORIZON_DAYS = 100 * 365  # simulated dates further out than this are reported as "later than"
LOW, HIGH = 0.10, 0.90  # the 80% interval
SIMULATIONS = 20_000
METHOD = "power-law Poisson intensity r·t^p with a conjugate Gamma update, blended with analogues"
ANALOGUE_SHARE = 0.5  # of the draws, once the ledger has a counted deposit
MISSING_SHARE = 0.8  # of the draws when the ledger is outside the class: no reference treaty was that slow
ANALOGUE_SPREAD = 0.25  # log-normal jitter on an analogue's remaining time
OUT_OF_CLASS_AFTER_DAYS = 120  # before this, any count (even none) is within the class
SHAPE_BOUNDS = (0.7, 4.0)
FAMILY_MIN = 2  # members of the treaty's own family in the class for the family to weigh more
FAMILY_SHARE = 0.5  # the weight of those members together
_GOLDEN = (math.sqrt(5) - 1) / 2  # the low-discrepancy step of the stratified views


@dataclass(frozen=True)
class Prior:
    """The reference class a forecast is calibrated on, and the prior pace it implies."""

    shape: float  # mean of the Gamma prior on r/K (per unit of t^p), for the record
    rate: float
    basis: tuple[str, ...]  # short titles of the reference treaties used
    mean_per_day: float = 0.0  # expected counted deposits a day at the as-of date, before the ledger's own


@dataclass(frozen=True)
class Forecast:
    evaluation: Evaluation
    window_start: date  # where the exposure starts
    observed: int  # counted deposits from window_start to observed_until
    exposure_days: int  # from window_start to observed_until
    needed: int
    prior: Prior
    posterior_shape: float  # kept for the JSON's posterior pace: deposits a day at the as-of date
    posterior_rate: float
    simulations: int
    seed: int
    threshold: Optional[Quantiles]  # None when nothing is simulated (in force, pending, unmodelled)
    entry_into_force: Optional[Quantiles]
    horizon: date
    by: Optional[date] = None
    probability_by: Optional[float] = None
    notes: tuple[str, ...] = field(default=())
    seed_given: bool = True
    method: str = METHOD
    reference_family: Optional[str] = None  # the UNTC chapter the prior leans on, if any
    out_of_class: Optional[str] = None  # why the record is outside the reference class
    incomplete: bool = False  # the ledger is known or suspected to lack deposits
    draws: tuple[tuple[float, float], ...] = ()  # (threshold day since opening, shape p) of a sample of draws
    observed_until: Optional[date] = None  # where the record the model conditions on stops (as-of unless stale)
    record_checked: Optional[date] = None  # treaty.checked, when it is before the as-of date
    probability_met_unseen: Optional[float] = None  # share of draws meeting the threshold by as-of, unseen

    @property
    def unchecked_days(self) -> int:
        """Days between the end of the record and the as-of date: unknown, not silent."""
        end = self.observed_until or self.evaluation.as_of
        return max(0, (self.evaluation.as_of - end).days)

    @property
    def posterior_mean_per_day(self) -> float:
        return self.posterior_shape / self.posterior_rate if self.posterior_rate else 0.0


def derived_seed(ledger: Ledger, as_of: date) -> int:
    """A seed from the ledger's content and the as-of date: the same question, the same answer."""
    digest = hashlib.sha256(repr(ledger).encode("utf-8") + as_of.isoformat().encode()).digest()
    return int.from_bytes(digest[:4], "big")


def forecast(
    ledger: Ledger,
    as_of: date,
    *,
    reference: ReferenceClass,
    simulations: int = SIMULATIONS,
    seed: Optional[int] = None,
    by: Optional[date] = None,
) -> Forecast:
    """Simulate the threshold and entry-into-force dates of ``ledger`` as seen on ``as_of``, calibrated
    on ``reference`` (``core.commands.reference.load_reference_class()``: the shipped set)."""
    seed_given = seed is not None
    if seed is None:
        seed = derived_seed(ledger, as_of)
    loaded = reference
    references = loaded.without(ledger.treaty.id)
    evaluation = evaluate(ledger, as_of)
    rule = ledger.treaty.entry_into_force
    start = window_start(evaluation)
    recorded = [day for party in evaluation.parties if party.counted and (day := party.deposited) and day >= start]
    until, checked = record_end(ledger, as_of, recorded)
    deposits = [day for day in recorded if day <= until]
    exposure = (until - start).days
    lacking = list(loaded.skipped)
    if not _has_opening(ledger):
        lacking.append(
            "The ledger gives no opening for signature (treaty.signature.opens) or adoption date: the forecast "
            f"counts from the first recorded event, {start.isoformat()}."
        )
    basis = tuple(t.name for t in references.treaties)
    base: dict[str, Any] = dict(
        evaluation=evaluation,
        window_start=start,
        observed=len(deposits),
        exposure_days=exposure,
        needed=evaluation.needed,
        simulations=simulations,
        seed=seed,
        horizon=_horizon(rule, as_of),
        by=by,
        seed_given=seed_given,
        observed_until=until,
        record_checked=checked,
    )
    if evaluation.threshold_date is not None and evaluation.entry_into_force is not None:
        return _from_the_record(base, Prior(0.0, 0.0, basis), evaluation, by, lacking)
    if evaluation.needed == 0:
        note = "The count is met but a 'requires' group condition is not; the model does not forecast group conditions."
        return Forecast(**base, prior=Prior(0.0, 0.0, basis), posterior_shape=0.0, posterior_rate=1.0,
                        threshold=None, entry_into_force=None, notes=(note, *lacking))  # fmt: skip
    if len(references.treaties) < 2:
        note = "No forecast: the reference set has fewer than two usable records to calibrate on."
        return Forecast(**base, prior=Prior(0.0, 0.0, basis), posterior_shape=0.0, posterior_rate=1.0,
                        threshold=None, entry_into_force=None, notes=(note, *lacking))  # fmt: skip
    family = ledger.treaty.id.split("-")[0]
    model = _Model(references.treaties, rule.threshold, len(deposits), float(max(exposure, 0)), family)
    return _simulated(base, model, rule, basis, lacking, _known_incomplete(ledger, as_of, len(recorded)))


def _known_incomplete(ledger: Ledger, as_of: date, recorded: int) -> bool:
    """A count reported by the as-of date is above the ledger's own: it lacks deposits."""
    reported = ledger.treaty.reported
    if reported is None or (reported.as_of is not None and reported.as_of > as_of):
        return False  # not reported, or reported after the as-of date: not known then
    return reported.parties is not None and reported.parties > recorded


def _simulated(
    base: dict,
    model: _Model,
    rule: EntryIntoForceRule,
    basis: tuple[str, ...],
    lacking: list[str],
    known_incomplete: bool,
) -> Forecast:
    """Run the draws and read the quantiles, the probability by ``by`` and the notes off them."""
    as_of, by, exposure = base["evaluation"].as_of, base["by"], base["exposure_days"]
    until = base["observed_until"]  # the draws start where the record stops
    out_of_class = model.out_of_class()
    days = model.simulate(base["simulations"], base["seed"], missing=out_of_class is not None)
    offsets = sorted(min(HORIZON_DAYS + 1, max(1, math.ceil(day - exposure))) for day, _ in days)
    low, median, high = (_quantile(offsets, fraction, until) for fraction in (LOW, 0.5, HIGH))
    eif = Quantiles(*(None if day is None else treaty_date(rule, day) for day in (low, median, high)))
    probability = None if by is None else _probability_by(rule, until, by, offsets)
    unseen = None
    if until < as_of:  # the unchecked months may hold the threshold: said, not conditioned away
        unseen = bisect_right(offsets, (as_of - until).days) / len(offsets)
    notes = list(lacking)
    if out_of_class is not None:
        notes.append(out_of_class)
    if rule.requires:
        notes.append("The 'requires' group conditions are not modelled: only the count of instruments is.")
    prior_pace, posterior_pace = model.paces()
    step = max(1, len(days) // 2000)
    return Forecast(
        **base,
        prior=Prior(model.prior_mean, 1.0, basis, prior_pace),
        posterior_shape=posterior_pace,
        posterior_rate=1.0,
        threshold=Quantiles(low, median, high),
        entry_into_force=eif,
        probability_by=probability,
        notes=tuple(notes),
        out_of_class=out_of_class,
        reference_family=model.family,
        incomplete=known_incomplete or out_of_class is not None,
        draws=tuple(days[::step]),
        probability_met_unseen=unseen,
    )


def record_end(ledger: Ledger, as_of: date, recorded: list[date]) -> tuple[date, Optional[date]]:
    """Where the record the model conditions on stops, and ``treaty.checked`` when that is before
    ``as_of`` (else None: the record is fresh). A deposit recorded after ``checked`` (by hand,
    before the next sync) is known, so the record runs at least to it."""
    checked = ledger.treaty.checked
    if checked is None or checked >= as_of:
        return as_of, None
    later = [day for day in recorded if checked < day <= as_of]
    return max([checked, *later]), checked


def _has_opening(ledger: Ledger) -> bool:
    treaty = ledger.treaty
    return (treaty.signature is not None and treaty.signature.opens is not None) or treaty.adopted is not None


def fitted_shape(reference: ReferenceTreaty) -> float:
    """Maximum-likelihood p of Λ(t) = r·t^p over a record observed up to its threshold day."""
    end = max(reference.threshold_days, 1)
    logs = sum(math.log(end / max(day, 0.5)) for day in reference.days)
    p = len(reference.days) / logs if logs > 0 else SHAPE_BOUNDS[1]
    return min(SHAPE_BOUNDS[1], max(SHAPE_BOUNDS[0], p))


class _Model:
    """The two views over one reference class, for a ledger with ``observed`` deposits ``age`` days after opening."""

    def __init__(
        self, references: tuple[ReferenceTreaty, ...], threshold: int, observed: int, age: float, family: str = ""
    ) -> None:
        self.references = references
        self.threshold = threshold
        self.observed = observed
        self.age = age
        self.family, self.weights = family_weights(references, family)
        self.shapes = [fitted_shape(t) for t in references]
        self.priors = [self._prior(p) for p in self.shapes]
        self.prior_mean = _mean((a / b for a, b in self.priors), self.weights)

    def _prior(self, p: float) -> tuple[float, float]:
        """Gamma (shape, rate) on r/K for the shape p, matching the mean and variance of log T_j^-p over the class.

        In logs, because paces are skewed: a few fast treaties would otherwise dominate the variance.
        """
        logs = [math.log(len(t.days) / t.threshold) - p * math.log(max(t.threshold_days, 1)) for t in self.references]
        mean = _mean(logs, self.weights)
        variance = max(_mean([(x - mean) ** 2 for x in logs], self.weights), 0.01)
        shape = _inverse_trigamma(variance)
        return shape, math.exp(_digamma(shape) - mean)

    def out_of_class(self) -> Optional[str]:
        """Why the record is outside the class (fewer deposits for its age than any reference), or None."""
        if self.age < OUT_OF_CLASS_AFTER_DAYS:
            return None
        shares = [(t.count_at(self.age) / t.threshold, t) for t in self.references]
        fewest = min(share for share, _ in shares)
        if self.observed / self.threshold >= fewest:
            return None
        months = round(self.age / DAYS_PER_MONTH)
        lowest = sorted(shares, key=lambda item: item[0])[:2]
        examples = ", ".join(f"{t.name} had {t.count_at(self.age)} of {t.threshold}" for _, t in lowest)
        counted = "no counted deposit" if self.observed == 0 else f"only {self.observed} of {self.threshold}"
        return (
            f"Outside the reference class: no reference treaty had so few counted deposits {months} months after "
            f"opening (this ledger has {counted}; {examples}): deposits may be missing from this ledger, so the "
            "interval is widened."
        )

    def paces(self) -> tuple[float, float]:
        """Expected counted deposits a day at the as-of date: under the prior, and after the ledger's own."""
        prior, posterior = [], []
        t = max(self.age, 1.0)
        for p, (a, b) in zip(self.shapes, self.priors):
            slope = p * t ** (p - 1)
            prior.append(self.threshold * a / b * slope)
            posterior.append((a + self.observed) / (b / self.threshold + t**p) * slope)
        return _mean(prior, self.weights), _mean(posterior, self.weights)

    def simulate(self, simulations: int, seed: int, *, missing: bool) -> list[tuple[float, float]]:
        """(threshold day since opening, shape) of each draw.

        Stratified, so that the median moves by days, not weeks, between seeds: reference treaty j
        gets every N-th draw, and its draws go to the views in their exact shares (a low-discrepancy
        sequence); only the draws within a view are random. Drawn in batches: this loop is most of
        what a forecast costs.
        """
        import random

        rng = random.Random(seed)
        unseen_share = MISSING_SHARE if missing else 0.0
        analogue_share = (1 - unseen_share) * (ANALOGUE_SHARE if self.observed > 0 else 0.0)
        offset = rng.random()
        draws: list[tuple[float, float]] = []
        for j, size in enumerate(_allocate(simulations, self.weights)):
            views = [(offset + k * _GOLDEN) % 1.0 for k in range(size)]
            unseen = sum(u < unseen_share for u in views)
            analogues = sum(unseen_share <= u < unseen_share + analogue_share for u in views)
            p = self.shapes[j]
            days = self._unseen(j, unseen, rng) + self._analogues(j, analogues, rng)
            days += self._intensity(j, size - unseen - analogues, rng)
            draws += [(day, p) for day in days]
        return draws

    def _unseen(self, j: int, size: int, rng) -> list[float]:
        """Threshold days from the class alone, knowing only that the threshold is still ahead: the
        ledger's count is not trusted (it may lack deposits), its age is."""
        a, b = self.priors[j]
        inverse, scale, gamma, age = 1.0 / self.shapes[j], self.threshold / b, rng.gammavariate, self.age
        found: list[float] = []
        for _ in range(50):
            if len(found) >= size:
                break
            batch = ((gamma(self.threshold, 1.0) / max(gamma(a, scale), 1e-300)) ** inverse for _ in range(size))
            found += [day for day in batch if day > age]
        found += [age + 1.0] * (size - len(found))  # a class that never gets this far: at once, said by the notes
        return found[:size]

    def _intensity(self, j: int, size: int, rng) -> list[float]:
        p = self.shapes[j]
        a, b = self.priors[j]
        start = self.age**p
        shape, scale = a + self.observed, 1.0 / (b / self.threshold + start)
        needed, inverse, gamma = self.threshold - self.observed, 1.0 / p, rng.gammavariate
        return [(start + gamma(needed, 1.0) / max(gamma(shape, scale), 1e-300)) ** inverse for _ in range(size)]

    def _analogues(self, j: int, size: int, rng) -> list[float]:
        reference = self.references[j]
        share = self.observed / self.threshold
        reached = reference.day_of(max(1, math.ceil(share * reference.threshold)))
        remaining = max(1.0, reference.threshold_days - reached)
        gauss, exp = rng.gauss, math.exp
        return [self.age + remaining * exp(gauss(0.0, ANALOGUE_SPREAD)) for _ in range(size)]


def _mean(values, weights: Optional[list[float]] = None) -> float:
    """The (weighted) arithmetic mean (``statistics`` would cost 30 ms of start-up for this)."""
    values = list(values)
    weights = weights or [1.0] * len(values)
    return math.fsum(v * w for v, w in zip(values, weights)) / math.fsum(weights)


def family_weights(references: tuple[ReferenceTreaty, ...], family: str) -> tuple[Optional[str], list[float]]:
    """Each reference treaty's weight: where the forecast treaty's family (its UNTC chapter) has at
    least ``FAMILY_MIN`` members in the class, they weigh ``FAMILY_SHARE`` of the whole together."""
    members = sum(t.family == family for t in references)
    others = len(references) - members
    if members < FAMILY_MIN or others == 0:
        return None, [1.0] * len(references)
    inside, outside = FAMILY_SHARE / members, (1 - FAMILY_SHARE) / others
    return family, [inside if t.family == family else outside for t in references]


def _allocate(total: int, weights: list[float]) -> list[int]:
    """``total`` draws split by weight, exactly (largest remainders)."""
    whole = math.fsum(weights)
    exact = [total * w / whole for w in weights]
    sizes = [math.floor(x) for x in exact]
    for index in sorted(range(len(exact)), key=lambda i: sizes[i] - exact[i])[: total - sum(sizes)]:
        sizes[index] += 1
    return sizes


def _digamma(x: float) -> float:
    result = 0.0
    while x < 6:
        result -= 1 / x
        x += 1
    f = 1 / (x * x)
    return result + math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f / 252))


def _trigamma(x: float) -> float:
    result = 0.0
    while x < 6:
        result += 1 / (x * x)
        x += 1
    f = 1 / (x * x)
    return result + 1 / x + f / 2 + f / x * (1 / 6 - f * (1 / 30 - f / 42))


def _inverse_trigamma(value: float) -> float:
    """The a > 0 with trigamma(a) = value (trigamma decreases), by bisection in logs."""
    low, high = 1e-3, 1e6
    for _ in range(100):
        middle = math.sqrt(low * high)
        if _trigamma(middle) > value:
            low = middle
        else:
            high = middle
    return math.sqrt(low * high)


def fan(result: Forecast, points: int = 40) -> list[tuple[date, float, float, float]]:
    """The 10/50/90% paths of the counted instruments from the as-of date to the threshold.

    Each draw's path runs from today's count to the threshold along its own shape (the count
    grows like t^p); the fan gives, at each date, the 10th, 50th and 90th percentile of the counts.
    """
    if not result.draws or result.threshold is None:
        return []
    evaluation = result.evaluation
    start, age = result.window_start, float(result.exposure_days)
    now, threshold = evaluation.counted_instruments, evaluation.threshold
    last = max(day for day, _ in result.draws)
    end_day = min(sorted(day for day, _ in result.draws)[int(0.95 * (len(result.draws) - 1))], last)
    end_day = max(end_day, age + 1)
    rows = []
    for index in range(points + 1):
        day = age + (end_day - age) * index / points
        counts = sorted(_count_on(day, age, now, threshold, total, p) for total, p in result.draws)
        low, median, high = (counts[round(fraction * (len(counts) - 1))] for fraction in (LOW, 0.5, HIGH))
        rows.append((start + timedelta(days=round(day)), low, median, high))
    return rows


def _count_on(day: float, age: float, now: int, threshold: int, total: float, p: float) -> float:
    if day >= total:
        return float(threshold)
    span = total**p - age**p
    if span <= 0:
        return float(threshold)
    return now + (threshold - now) * (day**p - age**p) / span


def _horizon(rule: EntryIntoForceRule, as_of: date) -> date:
    """The farthest simulated threshold date, refused up front if its treaty date would pass year 9999."""
    try:
        horizon = as_of + timedelta(days=HORIZON_DAYS)
        treaty_date(rule, horizon)  # the latest treaty date a simulation can give
    except OverflowError:
        message = f"a forecast looks {HORIZON_DAYS // 365} years past the as-of date, and that goes past 9999-12-31: give an earlier --as-of"
        raise LedgerError([Problem("out-of-range", message, "--as-of")], ExitCode.USAGE) from None
    return horizon


def _from_the_record(
    base: dict, prior: Prior, evaluation: Evaluation, by: Optional[date], lacking: list[str]
) -> Forecast:
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
        prior=prior,
        posterior_shape=0.0,
        posterior_rate=1.0,
        threshold=Quantiles(threshold_date, threshold_date, threshold_date),
        entry_into_force=Quantiles(eif, eif, eif),
        probability_by=None if by is None else float(eif <= by),
        notes=(note,),
    )


def _quantile(days: list[int], fraction: float, as_of: date) -> Optional[date]:
    """The date ``fraction`` of the way through the sorted simulations; None past the horizon."""
    offset = days[min(len(days) - 1, max(0, round(fraction * (len(days) - 1))))]
    return None if offset > HORIZON_DAYS else as_of + timedelta(days=offset)


def _probability_by(rule: EntryIntoForceRule, as_of: date, by: date, days: list[int]) -> float:
    """Share of simulations whose treaty date is on or before ``by`` (the rule is monotone);
    ``as_of`` is where the draws start (the end of the record)."""
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
