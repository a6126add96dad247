"""Render ``hanoi forecast``'s result: a Rich table of the median and the 80% interval, or JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Optional, TextIO

from hanoi_cli.core.ledger.wording import plural
from hanoi_cli.core.payloads.projection import (
    DAYS_PER_MONTH,
    forecast_notes,
    forecast_payload,
    forecast_sentence,
    probability_words,
)
from hanoi_cli.core.rules.forecast import Forecast, Quantiles
from hanoi_cli.render.formats import dump_json, writing

if TYPE_CHECKING:
    from hanoi_cli.core.payloads.localized import Words


def forecast_json(result: Forecast, words: Optional[Words] = None) -> str:
    """The payload; with ``--lang`` (``words``) it gains ``localized``: the sentence in that language."""
    payload = forecast_payload(result)
    if words is not None:
        treaty = result.evaluation.treaty
        payload["localized"] = {
            "lang": words.lang,
            "short_title": words.title(treaty),
            "summary": words.forecast_sentence(result),
        }
    return dump_json(payload)


def _cell(value: Any, horizon: str) -> str:
    return value.isoformat() if value is not None else f"after {horizon}"


def print_forecast(result: Forecast, *, stream: Optional[TextIO] = None, words: Optional[Words] = None) -> None:
    from rich import box
    from rich.table import Table
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
    console.print(Text.assemble((title, "bold"), (f"  {treaty.id}  {label} ", "dim"), evaluation.as_of.isoformat()))
    number = str if words is None else words.tr.number
    console.print(Text(f"{counted} {number(evaluation.counted_instruments)} / {number(evaluation.threshold)}"))
    console.print(Text(sentence, style="bold"))
    horizon = result.horizon.isoformat()
    if result.threshold is not None and result.entry_into_force is not None:
        table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False)
        for header in ("", "10%", "median", "90%"):
            table.add_column(header, no_wrap=True)
        for label, quantiles in (
            ("Threshold reached", result.threshold),
            ("Entry into force", result.entry_into_force),
        ):
            assert isinstance(quantiles, Quantiles)
            table.add_row(
                label, _cell(quantiles.low, horizon), _cell(quantiles.median, horizon), _cell(quantiles.high, horizon)
            )
        console.print()
        console.print(table)
    if result.by is not None and result.probability_by is not None:
        simulated = evaluation.status == "not_reached"
        chance = probability_words(result.probability_by, simulated)
        console.print(Text(f"Probability of entry into force by {result.by.isoformat()}: {chance}"))
    if evaluation.status == "not_reached":
        console.print(
            Text(
                f"Model: {result.method}; reference class: {len(result.prior.basis)} treaties in force "
                f"({', '.join(result.prior.basis)})"
                + (f", chapter {result.reference_family} weighing half" if result.reference_family else "")
                + f". {plural(result.observed, 'counted deposit')} recorded from "
                f"{result.window_start.isoformat()} to {(result.observed_until or evaluation.as_of).isoformat()}; pace now {result.prior.mean_per_day * DAYS_PER_MONTH:.2f}/month "
                f"expected from the class, {result.posterior_mean_per_day * DAYS_PER_MONTH:.2f}/month after this record. "
                f"{result.simulations} simulations, seed {result.seed}"
                + (" (derived from the ledger and the as-of date)." if not result.seed_given else "."),
                style="dim",
            )
        )
    for note in forecast_notes(result):
        console.print(Text(note, style="dim"))


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
