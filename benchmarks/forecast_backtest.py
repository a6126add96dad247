"""Back-test of ``hanoi forecast`` on UNTOC and UNCAC (run by hand).

    python benchmarks/forecast_backtest.py [--simulations 10000] [--seed 1]

For each convention a ledger is rebuilt and the forecast is run as of the first day of every
month from the opening for signature to the day before the real threshold deposit; the report
says how often the 80% interval held the real threshold date, and how far the median was off.

The facts (research notes; the UN Treaty Collection and UNODC press releases):

* UNTOC: opened for signature 12 Dec 2000; threshold 40; 40th instrument 1 Jul 2003 (931 days);
  in force 29 Sep 2003.
* UNCAC: opened 9 Dec 2003; threshold 30; 30th instrument 15 Sep 2005 (646 days); in force
  14 Dec 2005.

The deposit sequences are RECONSTRUCTED, not the depositary's record: only the opening, the
threshold and the date of the threshold instrument are real. The k-th of K deposits is placed at
opening + D * (k/K)^(1/p) days (D = the real days to the threshold), i.e. a count growing like
t^p: ``accelerating`` (p = 1.6: a slow start and a late rush, the usual shape) and ``steady``
(p = 1). Both end exactly on the real threshold date.

Leave-one-out: when back-testing one convention the prior is built from the other only, so the
answer is never in the prior.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from hanoi_cli.core.ledger.models import EntryIntoForceRule, Ledger, Participant, Period, SignatureWindow, Treaty
from hanoi_cli.core.rules.forecast import COMPARABLES, HALF_LIFE_DAYS, forecast, prior_from

SHAPES = {"accelerating": 1.6, "steady": 1.0}
# Codes for the reconstructed participants: AAA, AAB, ... (not real States; the dates are not real either).
CODES = [a + b + c for a in "ABCDEFGH" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]


def reconstructed_ledger(name: str, opened: date, threshold: int, threshold_date: date, power: float) -> Ledger:
    days = (threshold_date - opened).days
    participants = []
    for number in range(1, threshold + 1):
        offset = round(days * (number / threshold) ** (1 / power))
        participants.append(
            Participant(
                name=f"{name} party {number}",
                code=CODES[number],
                signature=None,
                ratification=opened + timedelta(days=max(1, offset)),
            )
        )
    treaty = Treaty(
        id=name,
        title=name,
        entry_into_force=EntryIntoForceRule(threshold=threshold, after=Period(days=90)),
        signature=SignatureWindow(opens=opened),
    )
    return Ledger(treaty=treaty, participants=tuple(participants))


def months(start: date, end: date):
    year, month = start.year, start.month + 1
    while True:
        if month > 12:
            year, month = year + 1, 1
        day = date(year, month, 1)
        if day >= end:
            return
        yield day
        month += 1


def backtest(simulations: int, seed: int, half_life: float) -> list[tuple[str, str, int, int, float, float]]:
    rows = []
    for comparable in COMPARABLES:
        others = tuple(c for c in COMPARABLES if c is not comparable)
        prior = prior_from(others)
        for shape, power in SHAPES.items():
            ledger = reconstructed_ledger(
                comparable.name, comparable.opened, comparable.threshold, comparable.threshold_date, power
            )
            real = comparable.threshold_date
            held = total = 0
            errors = []
            for as_of in months(comparable.opened, real):
                result = forecast(
                    ledger, as_of, simulations=simulations, seed=seed, prior=prior, half_life_days=half_life
                )
                assert result.threshold is not None
                low, median, high = result.threshold.low, result.threshold.median, result.threshold.high
                total += 1
                held += (low is None or low <= real) and (high is None or real <= high)
                if median is not None:
                    errors.append(abs((median - real).days))
            rows.append((comparable.name, shape, held, total, statistics.median(errors), max(errors)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--simulations", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--half-life", type=float, default=HALF_LIFE_DAYS, help="days; the model's default unless given"
    )
    args = parser.parse_args()
    print(f"half-life {args.half_life:g} days, {args.simulations} simulations, seed {args.seed}")
    print(
        f"{'convention':<8} {'sequence':<13} {'80% interval held':>18} {'coverage':>9} {'median |error|':>15} {'max':>6}"
    )
    for name, shape, held, total, median_error, max_error in backtest(args.simulations, args.seed, args.half_life):
        print(
            f"{name:<8} {shape:<13} {held:>8} of {total:<7} {held / total:>8.0%} {median_error:>12.0f} d {max_error:>5.0f}d"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
