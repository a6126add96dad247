"""``hanoi feed``: the ledger evaluated as of the date, for the feed of its events and its badge
(what they say is ``core.payloads.feed``'s, how they are written ``render.atom_feed``'s)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hanoi_cli.core.rules.engine import Evaluation


@dataclass(frozen=True)
class FeedResult:
    evaluation: Evaluation


def feed(path: str | Path, as_of: date) -> FeedResult:
    """Read the ledger at ``path`` (``-``: standard input) and evaluate it as of ``as_of``."""
    from hanoi_cli.core.reading.loader import read_ledger
    from hanoi_cli.core.rules.engine import evaluate

    return FeedResult(evaluate(read_ledger(path).ledger, as_of))
