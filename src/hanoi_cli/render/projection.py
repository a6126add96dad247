"""Render ``hanoi project``'s result: a Rich table, Markdown and JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Optional, TextIO

from hanoi_cli.core.payloads.projection import (
    pace_sentence,
    projection_payload,
    projection_sentence,
)
from hanoi_cli.core.payloads.status import INSTRUMENT_LABELS
from hanoi_cli.core.rules.scenario import Projection
from hanoi_cli.render.formats import dump_json, md_cell, md_row, writing

if TYPE_CHECKING:
    from hanoi_cli.core.commands.project import ProjectResult


def projection_json(projection: Projection) -> str:
    return dump_json(projection_payload(projection))


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


def print_projection(projection: Projection, *, stream: Optional[TextIO] = None) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from hanoi_cli.render.layout import Output

    console = Output(stream=stream)  # a pipe gets unpadded lines; a closed pipe ends quietly
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


def _table(result: ProjectResult, stream: TextIO) -> None:
    print_projection(result.projection, stream=stream)


RENDERERS: dict[str, Callable[[ProjectResult, TextIO], None]] = {
    "table": _table,
    "text": _table,
    "json": writing(lambda result: projection_json(result.projection)),
    "markdown": writing(lambda result: projection_markdown(result.projection)),
}
