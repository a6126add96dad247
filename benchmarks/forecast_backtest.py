"""Leave-one-out back-test of ``hanoi forecast`` on the reference set's real deposit records (run by hand).

    python benchmarks/forecast_backtest.py [--simulations 20000] [--horizons 3,6,12,18,24,36]

For every treaty of the reference set (``data/reference``), the forecast is run as of its opening
+ 3, 6, 12, 18, 24 and 36 months, only while the real threshold date is still ahead (and, for the
Arms Trade Treaty, whose copy ends on 10 July 2014 before its threshold, only while the copy lasts), each time with the ledger as the record stood then (hanoi's engine reads only
what was established by the as-of date) and with the treaty itself left out of the reference class.
The seed is the forecast's default (derived from the ledger and the date), as a user would get it.

Printed: how often the 80% interval held the real threshold date (overall, and how often the real
date fell before the 10th or after the 90th percentile), the median and mean absolute error of the
median, its mean bias (positive: too late), and the CRPS, overall and by horizon; then the same
with the UNTOC family (XVIII-12 and its Protocols) held out as a block: each of its members
forecast from the other families only. Exit 1 when a target of issue 22 is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from hanoi_cli.core.ledger.dates import add_period
from hanoi_cli.core.reading.loader import read_ledger
from hanoi_cli.core.reading.reference_set import reference_dir, reference_files
from hanoi_cli.core.rules.forecast import SIMULATIONS, forecast
from hanoi_cli.core.rules.reference_class import ReferenceClass, summarise

HORIZONS = (3, 6, 12, 18, 24, 36)
UNTOC_FAMILY = "XVIII-12"
# Records whose copy ends before the threshold: (the real threshold date, the day the copy was taken).
# Back-tested only as of dates the copy covers; never in the reference class.
INCOMPLETE = {"XXVI-8": (date(2014, 9, 25), date(2014, 7, 10))}  # Arms Trade Treaty


@dataclass(frozen=True)
class Case:
    treaty: str
    months: int
    real: date
    low: date
    median: date
    high: date
    crps: float
    out_of_class: bool

    @property
    def error(self) -> int:
        return (self.median - self.real).days


def crps(samples: list[float], truth: float) -> float:
    """Continuous ranked probability score of an empirical distribution (days): E|X-y| - E|X-X'|/2."""
    xs = sorted(samples)
    n = len(xs)
    first = sum(abs(x - truth) for x in xs) / n
    spread = sum((2 * (i + 1) - n - 1) * x for i, x in enumerate(xs)) * 2 / (n * n)
    return first - spread / 2


def cases(ledgers, reference: ReferenceClass, simulations: int, horizons, only=None) -> list[Case]:
    """Every (treaty, horizon) before the real threshold date, forecast from ``reference`` without the treaty."""
    real_end = date.max
    found = []
    for ledger in ledgers:
        treaty_id = ledger.treaty.id
        if only is not None and not only(treaty_id):
            continue
        summary = summarise(ledger)
        if summary is not None:
            opened, real, covered = summary.opened, add_period(summary.opened, days=summary.threshold_days), real_end
        elif treaty_id in INCOMPLETE and ledger.treaty.signature and ledger.treaty.signature.opens:
            opened, (real, covered) = ledger.treaty.signature.opens, INCOMPLETE[treaty_id]
        else:
            continue
        for months in horizons:
            as_of = add_period(opened, months=months)
            if as_of >= real or as_of > covered:
                continue
            result = forecast(ledger, as_of, simulations=simulations, reference=reference)
            quantiles = result.threshold
            assert quantiles is not None and quantiles.low and quantiles.median and quantiles.high
            truth = (real - opened).days
            score = crps([day for day, _ in result.draws], truth)
            found.append(
                Case(
                    ledger.treaty.id,
                    months,
                    real,
                    quantiles.low,
                    quantiles.median,
                    quantiles.high,
                    score,
                    result.out_of_class is not None,
                )
            )
    return found


def summary_line(label: str, group: list[Case]) -> str:
    n = len(group)
    held = sum(c.low <= c.real <= c.high for c in group)
    early = sum(c.real < c.low for c in group)
    late = sum(c.real > c.high for c in group)
    errors = [abs(c.error) for c in group]
    return (
        f"{label:<10} {n:>3} {held / n:>8.0%} {early / n:>7.0%} {late / n:>7.0%} "
        f"{statistics.median(errors):>9.0f} {statistics.fmean(errors):>7.0f} "
        f"{statistics.fmean(c.error for c in group):>+7.0f} {statistics.fmean(c.crps for c in group):>7.0f}"
    )


def report(title: str, group: list[Case]) -> list[str]:
    lines = [
        title,
        f"{'horizon':<10} {'n':>3} {'80% held':>8} {'early':>7} {'late':>7} {'median AE':>9} {'mean AE':>7} {'bias':>7} {'CRPS':>7}",
    ]
    lines.append(summary_line("all", group))
    for months in sorted({c.months for c in group}):
        lines.append(summary_line(f"{months} months", [c for c in group if c.months == months]))
    return lines


def targets_missed(group: list[Case]) -> list[str]:
    n = len(group)
    held = sum(c.low <= c.real <= c.high for c in group) / n
    early = sum(c.real < c.low for c in group) / n
    late = sum(c.real > c.high for c in group) / n
    errors = [abs(c.error) for c in group]
    checks = {
        "80% interval coverage 70-90%": 0.70 <= held <= 0.90,
        "early tail <= 15%": early <= 0.15,
        "late tail <= 15%": late <= 0.15,
        "median absolute error <= 120 days": statistics.median(errors) <= 120,
        "mean absolute error <= 150 days": statistics.fmean(errors) <= 150,
        "mean bias within +-60 days": abs(statistics.fmean(c.error for c in group)) <= 60,
        "CRPS <= 140 days": statistics.fmean(c.crps for c in group) <= 140,
    }
    return [name for name, ok in checks.items() if not ok]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--simulations", type=int, default=SIMULATIONS)
    parser.add_argument("--horizons", default=",".join(map(str, HORIZONS)), help="months after the opening")
    parser.add_argument("--cases", action="store_true", help="also print every case")
    args = parser.parse_args()
    horizons = tuple(int(part) for part in args.horizons.split(","))
    started = time.perf_counter()
    ledgers = [read_ledger(path).ledger for path in reference_files()]
    treaties = tuple(s for s in (summarise(ledger) for ledger in ledgers) if s is not None)
    reference = ReferenceClass(treaties)
    left_out = [ledger.treaty.id for ledger in ledgers if summarise(ledger) is None]
    print(
        f"reference set: {reference_dir()}: {len(treaties)} complete records"
        + (f"; incomplete, back-tested only while its copy lasts: {', '.join(left_out)}" if left_out else "")
    )
    print(f"{args.simulations} simulations a forecast, default (derived) seeds")
    everything = cases(ledgers, reference, args.simulations, horizons)
    for line in report("\nLeave-one-out (each treaty forecast without its own record):", everything):
        print(line)
    others = ReferenceClass(tuple(t for t in treaties if not t.id.startswith(UNTOC_FAMILY)))
    block = cases(ledgers, others, args.simulations, horizons, only=lambda id_: id_.startswith(UNTOC_FAMILY))
    for line in report(
        f"\nUNTOC family held out as a block (its {len(treaties) - len(others.treaties)} members forecast from the other {len(others.treaties)} records):",
        block,
    ):
        print(line)
    if args.cases:
        print(
            f"\n{'treaty':<11} {'months':>6} {'real':>10} {'10%':>10} {'median':>10} {'90%':>10} {'error':>6} outside"
        )
        for c in everything:
            print(
                f"{c.treaty:<11} {c.months:>6} {c.real} {c.low} {c.median} {c.high} {c.error:>+6} {'yes' if c.out_of_class else ''}"
            )
    missed = targets_missed(everything)
    print(f"\ntargets (issue 22) missed by the leave-one-out back-test: {', '.join(missed) if missed else 'none'}")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
