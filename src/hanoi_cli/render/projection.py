"""Render ``hanoi project``'s result: a table (``render.layout``), Markdown and JSON."""

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
    from hanoi_cli.core.payloads.localized import Words


def projection_json(projection: Projection, words: Optional[Words] = None) -> str:
    """The payload; with ``--lang`` (``words``) it gains ``localized``: the sentence in that language."""
    payload = projection_payload(projection)
    if words is not None:
        from hanoi_cli.core.payloads.localized import localized_summary

        treaty = projection.projected.treaty
        payload["localized"] = localized_summary(words, treaty, words.projection_sentence(projection))
    return dump_json(payload)


def _sentence(projection: Projection, words: Optional[Words]) -> str:
    return projection_sentence(projection) if words is None else words.projection_sentence(projection)


def _pace(projection: Projection, words: Optional[Words]) -> Optional[str]:
    return pace_sentence(projection) if words is None else words.pace_sentence(projection)


def _assumed_rows(
    projection: Projection, words: Optional[Words] = None
) -> list[tuple[str, str, str, str, str, tuple[str, ...]]]:
    """One row per assumed deposit; names, instruments and flags (a tuple) in the language of ``words``."""
    rows = []
    for outcome in projection.assumed:
        marks = [mark for mark, on in (("new", outcome.new_participant), ("not counted", not outcome.counted)) if on]
        if words is None:
            name, instrument = outcome.name, INSTRUMENT_LABELS[outcome.instrument]
        else:
            name = words.tr.participant(outcome.name, outcome.code)
            instrument = words.instrument(outcome.instrument)
            marks = [words.flag(mark) for mark in marks]
        rows.append(
            (
                name,
                outcome.code,
                instrument,
                outcome.deposited.isoformat(),
                outcome.entry_into_force.isoformat() if outcome.entry_into_force else "",
                tuple(marks),
            )
        )
    return rows


ASSUMED_HEADINGS = ("Assumed", "Code", "Instrument", "Deposit", "In force", "Flags")


def _headings(words: Optional[Words]) -> tuple[str, ...]:
    return ASSUMED_HEADINGS if words is None else tuple(words.heading(word) for word in ASSUMED_HEADINGS)


def _current_line(projection: Projection, words: Optional[Words] = None) -> str:
    current = projection.current
    if words is not None:
        return words.tr(
            "On {date} the record shows {count} / {threshold} counted instruments.",
            date=projection.as_of.isoformat(),
            count=current.counted_instruments,
            threshold=current.threshold,
        )
    return f"On {projection.as_of.isoformat()} the record shows {current.counted_instruments} / {current.threshold} counted instruments."


def print_projection(projection: Projection, *, stream: Optional[TextIO] = None, words: Optional[Words] = None) -> None:
    """The headline, the sentence, then the assumed deposits as a table that never cuts a date, a
    code or a flag (``render.layout``); on a terminal too narrow for it each deposit is a short block."""
    from rich.text import Text

    from hanoi_cli.render.layout import Column, Output, print_table

    console = Output(stream=stream)  # a pipe gets unpadded lines; a closed pipe ends quietly
    treaty = projection.projected.treaty
    title, label = (
        (treaty.display_title, "projection as of")
        if words is None
        else (words.title(treaty), words.tr("projection as of"))
    )
    console.prose(Text.assemble((title, "bold"), (f"  {treaty.id}  {label} ", "dim"), projection.as_of.isoformat()))
    console.prose(_current_line(projection, words))
    console.prose(_sentence(projection, words), style="bold")
    pace = _pace(projection, words)
    if pace:
        console.prose(pace)
    rows = _assumed_rows(projection, words)
    if rows:
        console.print()
        name, code, instrument, deposit, in_force, flags = _headings(words)
        columns = (
            Column(name, "words"),
            Column(code),
            Column(instrument, "words"),
            Column(deposit),
            Column(in_force),
            Column(flags, "items"),
        )
        print_table(console, columns, rows, head=(0, 1), gap=3)
    footer = "Hypothetical: nothing was written to the ledger."
    console.prose(
        footer if words is None else words.tr("Hypothetical: nothing was written to the ledger."), style="dim"
    )


def projection_markdown(projection: Projection, words: Optional[Words] = None) -> str:
    treaty = projection.projected.treaty
    heading = f"{md_cell(treaty.display_title)} ({md_cell(treaty.id)}): projection as of {projection.as_of.isoformat()}"
    if words is not None:
        heading = words.tr(
            "{title} ({id}): projection as of {date}",
            title=md_cell(words.title(treaty)),
            id=md_cell(treaty.id),
            date=projection.as_of.isoformat(),
        )
    lines = [
        f"## {heading}",
        "",
        md_cell(_current_line(projection, words)),
        "",
        f"**{md_cell(_sentence(projection, words))}**",
    ]
    pace = _pace(projection, words)
    if pace:
        lines += ["", md_cell(pace)]
    rows = _assumed_rows(projection, words)
    if rows:
        lines += ["", md_row(_headings(words)), "|---|---|---|---|---|---|"]
        lines += [md_row([*row[:-1], ", ".join(row[-1])]) for row in rows]
    footer = (
        "Hypothetical: the ledger is unchanged."
        if words is None
        else words.tr("Hypothetical: the ledger is unchanged.")
    )
    lines += ["", f"_{md_cell(footer)}_"]
    return "\n".join(lines) + "\n"


def _table(result: ProjectResult, stream: TextIO) -> None:
    print_projection(result.projection, stream=stream)


RENDERERS: dict[str, Callable[[ProjectResult, TextIO], None]] = {
    "table": _table,
    "text": _table,
    "json": writing(lambda result: projection_json(result.projection)),
    "markdown": writing(lambda result: projection_markdown(result.projection)),
}


def renderers_for(words: Optional[Words]) -> dict[str, Callable[[ProjectResult, TextIO], None]]:
    """``RENDERERS`` with the sentence in the language of ``--lang`` (``words``)."""
    if words is None:
        return RENDERERS

    def table(result: ProjectResult, stream: TextIO) -> None:
        print_projection(result.projection, stream=stream, words=words)

    return {
        "table": table,
        "text": table,
        "json": writing(lambda result: projection_json(result.projection, words)),
        "markdown": writing(lambda result: projection_markdown(result.projection, words)),
    }
