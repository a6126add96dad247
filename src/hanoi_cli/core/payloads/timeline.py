"""What ``hanoi timeline`` says as data: one record per event, and the JSON document."""

from __future__ import annotations

from typing import Any, Optional

from hanoi_cli.core.ledger.wording import iso
from hanoi_cli.core.payloads.envelope import envelope
from hanoi_cli.core.payloads.status import treaty_record
from hanoi_cli.core.rules.engine import Evaluation
from hanoi_cli.core.rules.timeline import Event


def event_record(event: Event) -> dict[str, Any]:
    return {
        "date": event.day.isoformat(),
        "event": event.event,
        "name": event.name,
        "code": event.code or None,
        "detail": event.detail or None,
        "change": event.change,
        "counted_instruments": event.counted_instruments,
    }


def timeline_payload(
    evaluation: Evaluation, timeline: list[Event], band: Optional[dict[str, Any]] = None, *, with_forecast: bool = False
) -> dict[str, Any]:
    """The JSON document of ``hanoi timeline --format json``."""
    treaty = evaluation.treaty
    payload: dict[str, Any] = envelope(
        treaty=treaty_record(treaty),
        as_of=evaluation.as_of.isoformat(),
        threshold=evaluation.threshold,
        counted_instruments=evaluation.counted_instruments,
        threshold_date=iso(evaluation.threshold_date),
        entry_into_force=iso(evaluation.entry_into_force),
        events=[event_record(event) for event in timeline],
    )
    if with_forecast or band is not None:  # asked for: always present, null when nothing is forecast
        payload["forecast"] = band
    return payload
