"""What a chart of a ledger shows, as plain data: every renderer (the terminal's text chart, SVG, PNG) draws this.

The renderers only place marks; which days the chart spans, what the count was on each day and
where the forecast's band lies are decided here, once.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal, Optional

from hanoi_cli.core.rules.engine import Evaluation
from hanoi_cli.core.rules.timeline import Event, counts_by_day, events, window_start

if TYPE_CHECKING:
    from hanoi_cli.core.rules.forecast import Forecast

Align = Literal["opening", "calendar"]


@dataclass(frozen=True)
class Band:
    """The forecast's threshold date: 10th percentile, median, 90th percentile.

    ``high`` is the simulation horizon when the 90th percentile lies beyond it (``open_ended``).
    """

    low: date
    median: date
    high: date
    open_ended: bool = False


@dataclass(frozen=True)
class ChartData:
    """One ledger's chart: the step series of counted instruments and the dates worth marking."""

    title: str  # the treaty's short title
    treaty_id: str
    steps: tuple[tuple[date, int], ...]  # (day, count after that day) for each day the count changed
    threshold: int
    counted_instruments: int  # on the as-of date: the series ends here
    as_of: date
    opening: Optional[date]  # opening for signature, if the ledger gives it
    window_start: date  # where the record's window opens (also the forecast's exposure start)
    start: date  # the first day drawn: the window start, or an earlier event
    end: date  # the last day drawn: the as-of date, a later scheduled date, or the band's end
    threshold_date: Optional[date]
    entry_into_force: Optional[date]
    band: Optional[Band] = None
    forecast_notes: tuple[str, ...] = ()
    # (day, signatories after that day) for each day a signature was established: a treaty with
    # no deposit yet still shows its movement
    signature_steps: tuple[tuple[date, int], ...] = ()

    @property
    def signatories(self) -> int:
        """Signatures established by the as-of date."""
        return self.signature_steps[-1][1] if self.signature_steps else 0

    def signature_series(self) -> tuple[tuple[date, int], ...]:
        """The signatures as points from ``start`` to the as-of date (empty when nobody signed)."""
        if not self.signature_steps:
            return ()
        points = [(self.start, 0)]
        points += [(day, count) for day, count in self.signature_steps if self.start <= day <= self.as_of]
        if points[-1][0] != self.as_of:
            points.append((self.as_of, points[-1][1]))
        return tuple(points)

    def count_on(self, day: date) -> int:
        """Counted instruments in effect at the end of ``day`` (0 before the first step)."""
        position = bisect_right([step for step, _ in self.steps], day)
        return self.steps[position - 1][1] if position else 0

    def series(self) -> tuple[tuple[date, int], ...]:
        """The step series as points from ``start`` to the as-of date: a point on each change, and both ends."""
        points = [(self.start, self.count_on(self.start))]
        points += [(day, count) for day, count in self.steps if self.start < day <= self.as_of]
        if points[-1][0] != self.as_of:
            points.append((self.as_of, self.count_on(self.as_of)))
        return tuple(points)

    @property
    def forecasts(self) -> bool:
        """Whether the band is a forecast: once the threshold is reached it only repeats the record's date."""
        return self.band is not None and self.threshold_date is None

    @property
    def origin(self) -> date:
        """Day 0 when treaties are aligned by opening: the opening for signature, else the window start."""
        return self.opening or self.window_start

    def share(self, count: int) -> float:
        """A count as a share of this treaty's threshold (1.0 is the threshold)."""
        return count / self.threshold if self.threshold else 0.0

    def x(self, day: date, align: Align) -> float | date:
        """Where ``day`` lies on a shared axis: the day itself, or days since this treaty's origin."""
        return day if align == "calendar" else float((day - self.origin).days)


def chart_data(
    evaluation: Evaluation, *, forecast: Optional[Forecast] = None, timeline: Optional[list[Event]] = None
) -> ChartData:
    """The chart of ``evaluation`` (and of ``forecast``'s band when given); ``timeline`` if already built."""
    found = events(evaluation) if timeline is None else timeline
    dates = [event.day for event in found]
    opened = window_start(evaluation)
    start = min([opened, *dates])
    end = max([evaluation.as_of, *dates])
    band = None
    notes: tuple[str, ...] = ()
    if forecast is not None:
        notes = forecast.notes
        quantiles = forecast.threshold
        if quantiles is not None and quantiles.low and quantiles.median:
            high = quantiles.high or forecast.horizon
            band = Band(quantiles.low, quantiles.median, high, open_ended=quantiles.high is None)
            end = max(end, high)
    signature = evaluation.treaty.signature
    signed: list[tuple[date, int]] = []
    for event in found:
        if event.event == "signature":
            count = (signed[-1][1] if signed else 0) + 1
            if signed and signed[-1][0] == event.day:
                signed[-1] = (event.day, count)
            else:
                signed.append((event.day, count))
    return ChartData(
        title=evaluation.treaty.display_title,
        treaty_id=evaluation.treaty.id,
        steps=tuple(counts_by_day(found)),
        threshold=evaluation.threshold,
        counted_instruments=evaluation.counted_instruments,
        as_of=evaluation.as_of,
        opening=signature.opens if signature is not None else None,
        window_start=opened,
        start=start,
        end=end,
        threshold_date=evaluation.threshold_date,
        entry_into_force=evaluation.entry_into_force,
        band=band,
        forecast_notes=notes,
        signature_steps=tuple(signed),
    )
