"""Semantic checks a treaty lawyer would make of a well-formed ledger (stub; filled in next)."""

from __future__ import annotations

from datetime import date
from typing import Any

from hanoi_cli.core.models import Ledger
from hanoi_cli.core.problems import Problem


def check_ledger(ledger: Ledger, root: Any, name: str, *, as_of: date) -> list[Problem]:
    """Every semantic problem in ``ledger``, located through the YAML ``root`` node."""
    return []
