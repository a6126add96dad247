"""Render ``hanoi forecast``'s result: a table of the median and the 80% interval, or JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Optional, TextIO

from hanoi_cli.core.ledger.dates import DAYS_PER_MONTH
from hanoi_cli.core.ledger.wording import plural
from hanoi_cli.core.payloads.projection import (
    forecast_notes,
    forecast_payload,
    forecast_sentence,
    probability_words,
)
from hanoi_cli.core.rules.forecast import Forecast, Quantiles
from hanoi_cli.render.formats import dump_json, writing

if TYPE_CHECKING:
    from hanoi_cli.core.payloads.localized import Words
    from hanoi_cli.render.layout import Output


def forecast_json(result: Forecast, words: Optional[Words] = None) -> str:
    """The payload; with ``--lang`` (``words``) it gains ``localized``: the sentence in that language."""
    payload = forecast_payload(result)
    if words is not None:
        from hanoi_cli.core.payloads.localized import localized_summary

        payload["localized"] = localized_summary(words, result.evaluation.treaty, words.forecast_sentence(result))
    return dump_json(payload)


def print_forecast(result: Forecast, *, stream: Optional[TextIO] = None, words: Optional[Words] = None) -> None:
    from rich.text import Text

    from hanoi_cli.render.layout import Output

    console = Output(stream=stream)  # a pipe gets unpadded lines; a closed pipe ends quietly
    evaluation = result.evaluation
    treaty = evaluation.treaty
    if words is None:
        title, label, counted = treaty.display_title, "forecast as of", "Counted instruments"
        sentence = forecast_sentence(result)
    else:
        title, label, counted = words.title(treaty), words.tr("forecast as of"), words.tr("Counted instruments")
        sentence = words.forecast_sentence(result)
    console.prose(Text.assemble((title, "bold"), (f"  {treaty.id}  {label} ", "dim"), evaluation.as_of.isoformat()))
    number = str if words is None else words.tr.number
    console.prose(Text(f"{counted} {number(evaluation.counted_instruments)} / {number(evaluation.threshold)}"))
    console.prose(sentence, style="bold")
    _print_table(console, result, words)
    if result.by is not None and result.probability_by is not None:
        simulated = evaluation.status == "not_reached"
        chance = probability_words(result.probability_by, simulated)
        if words is None:
            line = f"Probability of entry into force by {result.by.isoformat()}: {chance}"
        else:
            line = words.tr(
                "Probability of entry into force by {date}: {chance}",
                date=result.by.isoformat(),
                chance=words.tr.percent(chance) if chance[0].isdigit() else words.tr.digits(chance),
            )
        console.prose(line)
    if evaluation.status == "not_reached":
        console.prose(_model_line(result, words), style="dim")
    for note in forecast_notes(result):
        console.prose(note, style="dim")


def _print_table(console: Output, result: Forecast, words: Optional[Words]) -> None:
    """The 10%, median and 90% dates of the threshold and of entry into force: the dates are never
    cut (``render.layout``); on a terminal too narrow for the table each row is a short block."""
    from hanoi_cli.render.layout import Column, print_table

    if result.threshold is None or result.entry_into_force is None:
        return
    horizon = result.horizon.isoformat()
    after = f"after {horizon}" if words is None else words.tr("after {date}", date=horizon)
    headers = ("", "10%", "median", "90%")
    rows: list[tuple[str, Quantiles]] = [
        ("Threshold reached", result.threshold),
        ("Entry into force", result.entry_into_force),
    ]
    if words is not None:
        tr = words.tr
        headers = ("", tr.percent("10%"), tr.context("forecast", "median"), tr.percent("90%"))
        rows = [(tr.context("forecast", label), quantiles) for label, quantiles in rows]
    columns = [Column(headers[0], "words"), *(Column(header, "words") for header in headers[1:])]
    cells = []
    for label, quantiles in rows:
        assert isinstance(quantiles, Quantiles)
        dates = [
            value.isoformat() if value is not None else after
            for value in (quantiles.low, quantiles.median, quantiles.high)
        ]
        cells.append((label, *dates))
    console.print()
    print_table(console, columns, cells, gap=3)


def _model_line(result: Forecast, words: Optional[Words]) -> str:
    """The model, its reference class, the record's pace and the simulations, in one dim line."""
    prior = result.prior.mean_per_day * DAYS_PER_MONTH
    until = (result.observed_until or result.evaluation.as_of).isoformat()
    posterior = result.posterior_mean_per_day * DAYS_PER_MONTH
    if words is None:
        return (
            f"Model: {result.method}; reference class: {len(result.prior.basis)} treaties in force "
            f"({', '.join(result.prior.basis)})"
            + (f", chapter {result.reference_family} weighing half" if result.reference_family else "")
            + f". {plural(result.observed, 'counted deposit')} recorded from "
            f"{result.window_start.isoformat()} to {until}; pace now {prior:.2f}/month "
            f"expected from the class, {posterior:.2f}/month after this record. "
            f"{result.simulations} simulations, seed {result.seed}"
            + (" (derived from the ledger and the as-of date)." if not result.seed_given else ".")
        )
    tr = words.tr
    basis = ", ".join(result.prior.basis)
    if result.reference_family:
        reference = tr.plural(
            "{n} treaty in force ({basis}), chapter {chapter} weighing half",
            "{n} treaties in force ({basis}), chapter {chapter} weighing half",
            len(result.prior.basis),
            basis=basis,
            chapter=result.reference_family,
        )
    else:
        reference = tr.plural(
            "{n} treaty in force ({basis})", "{n} treaties in force ({basis})", len(result.prior.basis), basis=basis
        )
    observed = tr.plural(
        "{n} counted deposit recorded from {date} to {until}",
        "{n} counted deposits recorded from {date} to {until}",
        result.observed,
        date=result.window_start.isoformat(),
        until=until,
    )
    values = {
        "method": result.method,
        "reference": reference,
        "observed": observed,
        "prior": tr.decimal(prior),
        "posterior": tr.decimal(posterior),
        "simulations": result.simulations,
        "seed": str(result.seed),
    }
    if result.seed_given:
        return tr(
            "Model: {method}; reference class: {reference}. {observed}; pace now {prior}/month expected from the "
            "class, {posterior}/month after this record. {simulations} simulations, seed {seed}.",
            **values,
        )
    return tr(
        "Model: {method}; reference class: {reference}. {observed}; pace now {prior}/month expected from the "
        "class, {posterior}/month after this record. {simulations} simulations, seed {seed} (derived from the "
        "ledger and the as-of date).",
        **values,
    )


def _table(result: Forecast, stream: TextIO) -> None:
    print_forecast(result, stream=stream)


RENDERERS: dict[str, Callable[[Forecast, TextIO], None]] = {
    "table": _table,
    "text": _table,
    "json": writing(forecast_json),
}


def renderers_for(words: Optional[Words]) -> dict[str, Callable[[Forecast, TextIO], None]]:
    """``RENDERERS`` with the sentence in the language of ``--lang`` (``words``)."""
    if words is None:
        return RENDERERS

    def table(result: Forecast, stream: TextIO) -> None:
        print_forecast(result, stream=stream, words=words)

    return {"table": table, "text": table, "json": writing(lambda result: forecast_json(result, words))}
