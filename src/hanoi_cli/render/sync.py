"""Render a sync as text for a terminal or a CI log, Markdown for a pull-request body, or JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from hanoi_cli.core.commands.sync import SyncResult
from hanoi_cli.core.payloads.sync import (
    addition_lines,
    change_lines,
    confirmation_lines,
    effect_table,
    headline,
    not_in_source_lines,
    sync_payload,
)
from hanoi_cli.render.formats import dump_json, md_cell, md_row, writing


def to_json(result: SyncResult) -> str:
    return dump_json(sync_payload(result))


def _sections(result: SyncResult) -> list[tuple[str, list[str]]]:
    plan = result.plan
    return [
        ("Changes", change_lines(result)),
        ("Added", addition_lines(result)),
        ("Confirmed by the depositary (evidence raised)", confirmation_lines(result)),
        (
            "Withdrawn, no denunciation date recorded (complete by hand)",
            [f"{w.name} ({w.code}): {w.command}" for w in plan.withdrawn],
        ),
        ("Names that match no participant (add by hand)", [f"{u.name}: {u.command}" for u in plan.unmatched]),
        ("Not in the depositary's record (kept as they are)", not_in_source_lines(result)),
    ]


def to_text(result: SyncResult) -> str:
    """Plain lines: the headline, each section, and the effect when the record moves."""
    lines = [headline(result)]
    for title, items in _sections(result):
        if items:
            lines += ["", f"{title}:", *(f"  {item}" for item in items)]
    moved = [(label, before, after) for label, before, after in effect_table(result) if before != after]
    if moved:
        width = max(len(label) for label, _, _ in moved)
        lines += ["", "Effect:", *(f"  {label:<{width}}  {before} → {after}" for label, before, after in moved)]
    return "\n".join(lines) + "\n"


def to_markdown(result: SyncResult) -> str:
    """A pull-request body: what the depositary's record changes, and its effect on entry into force."""
    plan = result.plan
    lines = [
        f"## Sync with the depositary: {md_cell(result.status.title or result.ledger)}",
        "",
        f"Read from <{plan.source_url}> on {plan.read_on.isoformat()}: "
        f"{result.status.signatories or 0} signatories and {result.status.parties or 0} parties reported.",
        "",
        headline(result),
    ]
    if plan.changes:
        lines += ["", "### Changes", "", "| Participant | Code | Field | Before | After |", "|---|---|---|---|---|"]
        lines += [md_row([c.name, c.code, c.field, c.old or "—", c.new or "—"]) for c in plan.changes]
    for title, items in _sections(result)[1:]:
        if items:
            lines += ["", f"### {title}", "", *(f"- {md_cell(item)}" for item in items)]
    lines += ["", "### Effect", "", "| | Before | After |", "|---|---|---|"]
    for label, before, after in effect_table(result):
        lines.append(md_row([label, before, f"**{after}**" if before != after else after]))
    return "\n".join(lines) + "\n"


def _text(result: SyncResult, stream: TextIO) -> None:
    """The plain lines; on a terminal a long one wraps at spaces, its sequel indented, nothing cut."""
    from hanoi_cli.render.formats import terminal_width

    text = to_text(result)
    width = terminal_width(stream)
    if width:
        from hanoi_cli.render.layout import hanging_lines

        text = "\n".join(hanging_lines(text.rstrip("\n"), width)) + "\n"
    stream.write(text)


RENDERERS: dict[str, Callable[[SyncResult, TextIO], None]] = {
    "text": _text,
    "table": _text,  # the same human format as text, as every command accepts both
    "json": writing(to_json),
    "markdown": writing(to_markdown),
}
