"""What ``hanoi project`` and ``hanoi forecast`` say, as plain data (the JSON payloads) and sentences."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Optional

from hanoi_cli.core.ledger.dates import DAYS_PER_MONTH
from hanoi_cli.core.ledger.wording import iso, long_date, ordinal, plural
from hanoi_cli.core.payloads.envelope import envelope
from hanoi_cli.core.payloads.status import threshold_trigger, treaty_record
from hanoi_cli.core.payloads.unmet import missing_words, unmet_records, unmet_requirements
from hanoi_cli.core.rules.engine import Evaluation
from hanoi_cli.core.rules.forecast import Forecast, Quantiles

if TYPE_CHECKING:  # forecast payloads never load the scenario rules
    from hanoi_cli.core.rules.scenario import AssumedOutcome, Projection


def _assumed(outcome: AssumedOutcome) -> dict[str, Any]:
    return {
        "code": outcome.code,
        "name": outcome.name,
        "instrument": outcome.instrument,
        "deposited": iso(outcome.deposited),
        "counted": outcome.counted,
        "entry_into_force": iso(outcome.entry_into_force),
        "new_participant": outcome.new_participant,
    }


def projection_sentence(projection: Projection) -> str:
    """The projected date, in the past only when the record itself already shows it by the as-of
    date (the projection is evaluated as of its last deposit, so its own status says nothing of tense)."""
    evaluation = projection.projected
    title = evaluation.treaty.display_title
    if evaluation.threshold_date is None or evaluation.entry_into_force is None:
        return f"Under these assumptions the {title} does not enter into force: it would still need {missing_words(evaluation)}."
    trigger = _trigger(evaluation)
    current = projection.current.entry_into_force
    if current is not None and current <= projection.as_of and current == evaluation.entry_into_force:
        return f"The {title} entered into force on {long_date(current)}, after {trigger}; the assumptions do not change that date."
    return f"Under these assumptions the {title} would enter into force on {long_date(evaluation.entry_into_force)}, after {trigger}."


def _trigger(evaluation: Evaluation) -> str:
    """What met the threshold, worded as `hanoi status` words it, except that many pace deposits of
    one day (a fast pace) are counted, not named one by one."""
    from hanoi_cli.core.rules.scenario import PACE_PREFIX

    pace = [party for party in evaluation.threshold_parties if party.participant.code.startswith(PACE_PREFIX)]
    if pace and pace == list(evaluation.threshold_parties) and evaluation.threshold_ordinal is not None:
        assert evaluation.threshold_date is not None
        # A pace deposit is no one's: named as such, never "deposited by Pace deposit 40" (ux review L6).
        when = long_date(evaluation.threshold_date)
        return f"the {ordinal(evaluation.threshold_ordinal)} counted instrument at that pace ({when})"
    if len(pace) <= 1 or evaluation.threshold_date is None:
        return threshold_trigger(evaluation)
    names = [party.participant.name for party in evaluation.threshold_parties if party not in pace]
    names.append(plural(len(pace), "pace deposit"))
    listed = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
    return f"the counted instruments deposited on {long_date(evaluation.threshold_date)} by {listed}"


def pace_sentence(projection: Projection) -> Optional[str]:
    """What the pace contributed; never "no pace deposit was needed" when the treaty is not reached."""
    if projection.pace is None:
        return None
    rate, start, used = projection.pace.describe(), projection.as_of.isoformat(), projection.pace_used
    if projection.pace_cannot_help:
        unmet = unmet_requirements(projection.projected)
        if unmet:
            groups = " and ".join(repr(requirement.group) for requirement in unmet)
            return (
                f"Pace: {rate} from {start}; pace deposits belong to no group, so they cannot meet "
                f"the condition on {groups}."
            )
        return f"Pace: {rate} from {start}; {plural(len(used), 'pace deposit')} would not reach the threshold."
    if not used:
        return f"Pace: {rate}; no pace deposit was needed before the threshold."
    return f"Pace: {rate} from {start}: {plural(len(used), 'pace deposit')} up to the threshold, the last on {used[-1].deposited.isoformat()}."


def projection_payload(projection: Projection) -> dict[str, Any]:
    """The JSON document of ``hanoi project --format json``."""
    current, projected = projection.current, projection.projected
    pace: Optional[dict[str, Any]] = None
    if projection.pace is not None:
        pace = {
            "per_month": projection.pace.per_month,
            "deposits_used": len(projection.pace_used),
            "last_deposit": iso(projection.pace_used[-1].deposited) if projection.pace_used else None,
            "summary": pace_sentence(projection),
        }
    return envelope(
        treaty=treaty_record(projected.treaty),
        as_of=projection.as_of.isoformat(),
        summary=projection_sentence(projection),
        threshold=projected.threshold,
        current={
            "status": current.status,
            "counted_instruments": current.counted_instruments,
            "threshold_date": iso(current.threshold_date),
            "entry_into_force": iso(current.entry_into_force),
        },
        reached=projected.threshold_date is not None,
        threshold_date=iso(projected.threshold_date),
        threshold_instruments=[instrument.record() for instrument in projected.threshold_instruments],
        entry_into_force=iso(projected.entry_into_force),
        needed=projected.needed,
        unmet_requirements=unmet_records(projected),
        assumed=[_assumed(outcome) for outcome in projection.assumed],
        pace=pace,
    )


def _quantiles(quantiles: Optional[Quantiles]) -> Optional[dict[str, Optional[str]]]:
    if quantiles is None:
        return None
    return {"p10": iso(quantiles.low), "median": iso(quantiles.median), "p90": iso(quantiles.high)}


def month_year(value: date) -> str:
    """``March 2029``: a forecast's dates in the precision the model has, not to the day."""
    return f"{value:%B} {value.year}"


def forecast_sentence(result: Forecast) -> str:
    """The sentence to quote: months, not days (the table keeps the ISO dates), and the caveat
    inside it when the ledger is known or suspected to lack deposits."""
    evaluation = result.evaluation
    title = evaluation.treaty.display_title
    if evaluation.status == "in_force" and evaluation.entry_into_force is not None:
        return f"The {title} entered into force on {long_date(evaluation.entry_into_force)}."
    if evaluation.status == "pending" and evaluation.entry_into_force is not None:
        return f"The threshold was reached; the {title} enters into force on {long_date(evaluation.entry_into_force)}."
    eif = result.entry_into_force
    if eif is None or eif.median is None:
        return f"No forecast for the {title}: see the notes."
    median, low, high = interval_months(eif, result)
    caveat = ""
    if result.incomplete:
        caveat = " if the ledger holds every deposit; it may lack some, and the interval is widened for that"
    return (
        f"The {title} needs {plural(result.needed, 'more counted instrument')}; "
        f"it would most likely enter into force in {median} (80% interval: {low} to {high}){caveat}."
    )


def interval_months(quantiles: Quantiles, result: Forecast) -> tuple[str, str, str]:
    """The median and the 80% interval's ends as months (``March 2029``), an end beyond the
    simulated horizon as ``after <month>``: the sentence's words, which the fan chart repeats."""
    later = f"after {month_year(result.horizon)}"

    def month(value: Optional[date]) -> str:
        return month_year(value) if value is not None else later

    return month(quantiles.median), month(quantiles.low), month(quantiles.high)


def probability_words(probability: float, simulated: bool) -> str:
    """``<1%`` and ``>99%`` for a simulation's extremes: a simulation never proves 0% or 100%."""
    if simulated and probability < 0.005:
        return "<1%"
    if simulated and probability > 0.995:
        return ">99%"
    return f"{probability:.0%}"


def unchecked_note(result: Forecast) -> Optional[str]:
    """Why a stale record's forecast starts where the record stops: the months since are unknown,
    not silent. English, as the model's other notes (not collected for translation yet)."""
    checked = result.record_checked
    if checked is None:
        return None
    note = (
        f"The record was last checked on {long_date(checked)}; the forecast counts no deposits since then as "
        f"unknown, not as none: it simulates from {long_date(result.observed_until or checked)}"
    )
    if result.probability_met_unseen is None:
        return note + "."
    chance = probability_words(result.probability_met_unseen, True)
    return (
        f"{note}, and the threshold may already have been met unseen by {long_date(result.evaluation.as_of)} "
        f"(probability {chance}; the quantiles include that chance). Refresh the record with: hanoi sync"
    )


def forecast_notes(result: Forecast) -> list[str]:
    """The model's notes, the stale record's first."""
    first = unchecked_note(result)
    return ([first] if first else []) + list(result.notes)


def forecast_payload(result: Forecast) -> dict[str, Any]:
    """The JSON document of ``hanoi forecast --format json``."""
    evaluation = result.evaluation
    return envelope(
        treaty=treaty_record(evaluation.treaty),
        as_of=evaluation.as_of.isoformat(),
        status=evaluation.status,
        summary=forecast_sentence(result),
        threshold=evaluation.threshold,
        counted_instruments=evaluation.counted_instruments,
        needed=result.needed,
        threshold_date=_quantiles(result.threshold),
        entry_into_force=_quantiles(result.entry_into_force),
        by=iso(result.by),
        probability_by=result.probability_by,
        model={
            "window_start": result.window_start.isoformat(),
            "observed_until": iso(result.observed_until),
            "record_checked": iso(result.record_checked),
            "unchecked_days": result.unchecked_days,
            "probability_threshold_met_unseen": result.probability_met_unseen,
            "observed_deposits": result.observed,
            "exposure_days": result.exposure_days,
            "method": result.method,
            "reference_class": list(result.prior.basis),
            "reference_family": result.reference_family,
            "outside_reference_class": result.out_of_class is not None,
            "ledger_may_lack_deposits": result.incomplete,
            "seed_derived": not result.seed_given,
            "prior_basis": list(result.prior.basis),
            "prior_rate_per_month": round(result.prior.mean_per_day * DAYS_PER_MONTH, 4),
            "posterior_rate_per_month": round(result.posterior_mean_per_day * DAYS_PER_MONTH, 4),
            "simulations": result.simulations,
            "seed": result.seed,
        },
        notes=forecast_notes(result),
    )
