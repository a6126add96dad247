"""Render ``hanoi project`` and ``hanoi forecast`` results: Rich tables, Markdown and JSON."""

from __future__ import annotations

from typing import Any

from hanoi_cli.core.ledger.wording import plural
from hanoi_cli.core.payloads.projection import (
    DAYS_PER_MONTH,
    forecast_payload,
    forecast_sentence,
    pace_sentence,
    probability_words,
    projection_payload,
    projection_sentence,
)
from hanoi_cli.core.payloads.status import INSTRUMENT_LABELS
from hanoi_cli.core.rules.forecast import Forecast, Quantiles
from hanoi_cli.core.rules.scenario import Projection
from hanoi_cli.render.formats import dump_json, md_cell, md_row


def projection_json(projection: Projection) -> str:
    return dump_json(projection_payload(projection))


def forecast_json(result: Forecast) -> str:
    return dump_json(forecast_payload(result))


def _assumed_rows(projection: Projection) -> list[tuple[str, str, str, str, str, str]]:
    rows = []
    for outcome in projection.assumed:
        rows.append(
            (
                outcome.name,
                outcome.code,
                INSTRUMENT_LABELS[outcome.instrument],
                outcome.deposited.isoformat(),
                outcome.entry_into_force.isoformat() if outcome.entry_into_force else "",
                ", ".join(
                    mark for mark, on in (("new", outcome.new_participant), ("not counted", not outcome.counted)) if on
                ),
            )
        )
    return rows


def _current_line(projection: Projection) -> str:
    current = projection.current
    return f"On {projection.as_of.isoformat()} the record shows {current.counted_instruments} / {current.threshold} counted instruments."


def print_projection(projection: Projection) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from hanoi_cli.render.layout import Output

    console = Output()  # a pipe gets unpadded lines; a closed pipe ends quietly
    treaty = projection.projected.treaty
    console.print(
        Text.assemble(
            (treaty.display_title, "bold"), (f"  {treaty.id}  projection as of ", "dim"), projection.as_of.isoformat()
        )
    )
    console.print(Text(_current_line(projection)))
    console.print(Text(projection_sentence(projection), style="bold"))
    pace = pace_sentence(projection)
    if pace:
        console.print(Text(pace))
    rows = _assumed_rows(projection)
    if rows:
        console.print()
        table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False)
        for header in ("Assumed", "Code", "Instrument", "Deposit", "In force", "Flags"):
            table.add_column(header, no_wrap=header != "Assumed")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    console.print(Text("Hypothetical: nothing was written to the ledger.", style="dim"))


def projection_markdown(projection: Projection) -> str:
    treaty = projection.projected.treaty
    lines = [
        f"## {md_cell(treaty.display_title)} ({md_cell(treaty.id)}): projection as of {projection.as_of.isoformat()}",
        "",
        md_cell(_current_line(projection)),
        "",
        f"**{md_cell(projection_sentence(projection))}**",
    ]
    pace = pace_sentence(projection)
    if pace:
        lines += ["", md_cell(pace)]
    rows = _assumed_rows(projection)
    if rows:
        lines += ["", "| Assumed | Code | Instrument | Deposit | In force | Flags |", "|---|---|---|---|---|---|"]
        lines += [md_row(row) for row in rows]
    lines += ["", "_Hypothetical: the ledger is unchanged._"]
    return "\n".join(lines) + "\n"


def _cell(value: Any, horizon: str) -> str:
    return value.isoformat() if value is not None else f"after {horizon}"


def print_forecast(result: Forecast) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from hanoi_cli.render.layout import Output

    console = Output()  # a pipe gets unpadded lines; a closed pipe ends quietly
    evaluation = result.evaluation
    treaty = evaluation.treaty
    console.print(
        Text.assemble(
            (treaty.display_title, "bold"), (f"  {treaty.id}  forecast as of ", "dim"), evaluation.as_of.isoformat()
        )
    )
    console.print(Text(f"Counted instruments {evaluation.counted_instruments} / {evaluation.threshold}"))
    console.print(Text(forecast_sentence(result), style="bold"))
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
                + f". {plural(result.observed, 'counted deposit')} recorded since "
                f"{result.window_start.isoformat()}; pace now {result.prior.mean_per_day * DAYS_PER_MONTH:.2f}/month "
                f"expected from the class, {result.posterior_mean_per_day * DAYS_PER_MONTH:.2f}/month after this record. "
                f"{result.simulations} simulations, seed {result.seed}"
                + (" (derived from the ledger and the as-of date)." if not result.seed_given else "."),
                style="dim",
            )
        )
    for note in result.notes:
        console.print(Text(note, style="dim"))
