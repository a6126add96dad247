"""The quantiles of a forecast date: one class for the forecast rules and the Python API.

A leaf module (only the standard library), so ``hanoi_cli.api`` names it without loading the rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional


@dataclass(frozen=True)
class Quantiles:
    """The 10th, 50th and 90th percentiles of a forecast date; ``None``: later than the horizon."""

    low: Optional[date]
    median: Optional[date]
    high: Optional[date]
