"""How fresh the record is: when it was last checked against the depositary (``treaty.checked``),
how long before the as-of date, and whether that is past the limit (``HANOI_STALE_DAYS``, 30).
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any, Optional

from hanoi_cli.core.ledger.wording import long_date, plural
from hanoi_cli.core.rules.engine import Evaluation

STALE_DAYS_ENV = "HANOI_STALE_DAYS"
DEFAULT_STALE_DAYS = 30


def stale_days() -> int:
    """The age past which a record is stale: ``HANOI_STALE_DAYS``, else 30."""
    text = os.environ.get(STALE_DAYS_ENV, "").strip()
    if text.isdigit():
        return int(text)
    return DEFAULT_STALE_DAYS


def freshness(evaluation: Evaluation) -> dict[str, Any]:
    """When the record was last checked against the depositary, how many days before the as-of
    date, and whether that is past the limit. ``checked`` is null when the ledger does not say."""
    checked = evaluation.treaty.checked
    limit = stale_days()
    if checked is None:
        return {"checked": None, "days": None, "stale": False, "limit_days": limit, "summary": None}
    days = (evaluation.as_of - checked).days
    return {
        "checked": checked.isoformat(),
        "days": days,
        "stale": days > limit,
        "limit_days": limit,
        "summary": freshness_sentence(checked, days),
    }


def freshness_sentence(checked: date, days: int) -> str:
    """``Record checked against the depositary on 16 November 2025, 383 days ago.``"""
    if days < 0:
        return f"Record checked against the depositary on {long_date(checked)}, after this date."
    ago = "today" if days == 0 else f"{plural(days, 'day')} ago"
    return f"Record checked against the depositary on {long_date(checked)}, {ago}."


def stale_warning(evaluation: Evaluation, refresh: str = "hanoi sync") -> Optional[str]:
    """The warning past the limit: the answer may be out of date, and ``refresh``, the command
    that brings it up to date."""
    fresh = freshness(evaluation)
    if not fresh["stale"]:
        return None
    return (
        f"the record was last checked against the depositary {plural(fresh['days'], 'day')} ago "
        f"(more than {fresh['limit_days']}): this answer may be out of date. "
        f"Refresh it with: {refresh}"
    )
