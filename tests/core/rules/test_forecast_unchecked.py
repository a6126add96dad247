"""A stale record (``treaty.checked`` before the as-of date): the months since are unknown, not silent."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from conftest import SAMPLE
from conftest import forecast_on_the_set as forecast
from hanoi_cli.core.payloads.projection import forecast_notes, forecast_payload
from hanoi_cli.core.reading.loader import read_ledger

LEDGER = read_ledger(SAMPLE, use_cache=False).ledger
CHECKED = date(2020, 4, 15)  # Norway deposited (and the EU, not counted): 1 of 3
# The record as a sync on CHECKED left it: nothing deposited after that day is known.
KNOWN = replace(
    LEDGER,
    participants=tuple(
        p
        if p.instrument is None or p.instrument[1] <= CHECKED
        else replace(p, ratification=None, acceptance=None, accession=None, formal_confirmation=None)
        for p in LEDGER.participants
    ),
)
STALE = replace(KNOWN, treaty=replace(KNOWN.treaty, checked=CHECKED))


def test_the_median_does_not_slide_with_unchecked_months() -> None:
    """Forecast a year after the check and at the check itself: the same draws from the same day,
    so the same median; without checked, the unchecked year would read as silence and push it later."""
    fresh = forecast(STALE, CHECKED, seed=5, simulations=2000)
    stale = forecast(STALE, date(2021, 4, 15), seed=5, simulations=2000)
    silent = forecast(replace(KNOWN, treaty=replace(KNOWN.treaty, checked=None)), date(2021, 4, 15), seed=5,
                      simulations=2000)  # fmt: skip
    assert stale.observed_until == CHECKED and stale.exposure_days == fresh.exposure_days
    assert stale.observed == fresh.observed == 1
    assert stale.threshold.median == fresh.threshold.median
    assert silent.threshold.median > stale.threshold.median
    assert fresh.record_checked is None and fresh.probability_met_unseen is None and fresh.unchecked_days == 0
    assert stale.record_checked == CHECKED and stale.unchecked_days == 365
    assert 0 < stale.probability_met_unseen < 1  # the unchecked year may hold the threshold, unseen


def test_the_note_and_the_json_say_where_the_record_stops() -> None:
    result = forecast(STALE, date(2021, 4, 15), seed=5, simulations=2000)
    note = forecast_notes(result)[0]
    assert note.startswith(
        "The record was last checked on 15 April 2020; the forecast counts no deposits since then as unknown, not as none"
    )
    assert "may already have been met unseen by 15 April 2021" in note
    model = forecast_payload(result)["model"]
    assert model["observed_until"] == "2020-04-15" and model["record_checked"] == "2020-04-15"
    assert model["unchecked_days"] == 365 and model["exposure_days"] == result.exposure_days
    assert model["probability_threshold_met_unseen"] == result.probability_met_unseen


def test_a_deposit_recorded_after_the_check_is_known() -> None:
    """A deposit entered by hand after the last check: the record runs at least to it."""
    early = replace(KNOWN, treaty=replace(KNOWN.treaty, checked=date(2020, 2, 1)))
    result = forecast(early, date(2020, 5, 1), seed=5, simulations=500)
    assert result.observed_until == date(2020, 3, 10)  # Norway deposited then; the EU (04-01) is not counted
    assert result.observed == 1 and result.record_checked == date(2020, 2, 1)


def test_a_fresh_record_is_unchanged(run) -> None:
    """checked on the as-of date: no note, the record runs to the as-of date."""
    fresh = replace(KNOWN, treaty=replace(KNOWN.treaty, checked=date(2020, 6, 1)))
    result = forecast(fresh, date(2020, 5, 1), seed=5, simulations=500)
    assert result.record_checked is None and result.observed_until == date(2020, 5, 1)
    assert forecast_notes(result) == list(result.notes)
    payload = json.loads(run("forecast", str(SAMPLE), "--as-of", "2020-04-15", "--seed", "3", "-f", "json").stdout)
    assert payload["model"]["observed_until"] == "2020-04-15" and payload["model"]["unchecked_days"] == 0
    assert not any("last checked" in note for note in payload["notes"])
