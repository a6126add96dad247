"""The reference class of the forecast: how fast real treaties gathered their counted deposits.

Each ledger of the reference set (``core.reading.reference_set``) is evaluated with hanoi's own
engine, so the days from its opening to each counted deposit up to its threshold date are what
hanoi itself would say. Rules never read files: ``core.commands.reference`` reads the set, leaves
out with a note a record that cannot be read, and keeps the summaries in the cache.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from typing import Optional

_FAR = date(9000, 1, 1)  # "as of the end of the record": every dated fact is established


@dataclass(frozen=True)
class ReferenceTreaty:
    """One real treaty's record from its opening to its threshold date."""

    id: str
    name: str  # short title, for messages
    opened: date
    threshold: int
    days: tuple[int, ...]  # days from the opening to each counted deposit up to the threshold date, sorted

    @property
    def family(self) -> str:
        """The UN Treaty Collection chapter (XVIII: penal matters; XXVI: disarmament)."""
        return self.id.split("-")[0]

    @property
    def threshold_days(self) -> int:
        return self.days[-1]

    def count_at(self, day: float) -> int:
        """Counted deposits ``day`` days after the opening."""
        return bisect_right(self.days, day)

    def day_of(self, count: int) -> int:
        """The day of the ``count``-th counted deposit (count >= 1)."""
        return self.days[min(len(self.days), max(1, count)) - 1]


@dataclass(frozen=True)
class ReferenceClass:
    treaties: tuple[ReferenceTreaty, ...]
    skipped: tuple[str, ...] = ()  # files that could not be read, and why (said in every forecast's notes)
    incomplete: tuple[str, ...] = ()  # ids of records that do not reach their threshold (left out quietly)

    def without(self, treaty_id: str) -> ReferenceClass:
        """Leave-one-out: never calibrate a forecast on the treaty being forecast."""
        wanted = treaty_id.strip().upper()
        kept = tuple(t for t in self.treaties if t.id.upper() != wanted)
        return ReferenceClass(kept, self.skipped, self.incomplete)


def summarise(ledger) -> Optional[ReferenceTreaty]:
    """The record of a ledger that reaches its threshold; None if it does not."""
    from hanoi_cli.core.rules.engine import evaluate
    from hanoi_cli.core.rules.timeline import window_start

    evaluation = evaluate(ledger, _FAR)
    reached = evaluation.threshold_date
    if reached is None:
        return None
    opened = window_start(evaluation)
    days = sorted(
        max(0, (party.deposited - opened).days)
        for party in evaluation.parties
        if party.counted and party.deposited is not None and party.deposited <= reached
    )
    treaty = ledger.treaty
    return ReferenceTreaty(treaty.id, treaty.display_title, opened, treaty.entry_into_force.threshold, tuple(days))
