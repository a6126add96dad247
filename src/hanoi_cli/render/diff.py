"""Render a ``LedgerDiff`` as text for a terminal, Markdown for a pull request, or JSON.

Text is lightly styled with Rich (``+`` green, ``-`` red, ``~`` yellow; plain when not a
terminal); Markdown is ready to paste as a pull-request comment or to append to a GitHub job
summary: a heading, the effect before and after, then the participant changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Optional, TextIO

from hanoi_cli.core.payloads.diff import (
    describe_value,
    diff_payload,
    effect_rows,
    list_change,
    participants_summary,
    party_side,
)
from hanoi_cli.core.rules.ledger_diff import FieldChange, LedgerDiff, ParticipantChange
from hanoi_cli.render.formats import dump_json, md_cell, md_row, writing

if TYPE_CHECKING:
    from hanoi_cli.core.commands.diff import DiffResult


def to_json(diff: LedgerDiff, old_name: str, new_name: str, *, new_file: bool = False) -> str:
    return dump_json(diff_payload(diff, old_name, new_name, new_file=new_file))


def _change_text(change: FieldChange) -> str:
    """``2020-03-10 → 2020-03-12 (corrected)``, ``2020-03-10 (added)``, ``2020-03-10 (removed)``."""
    if change.kind == "corrected":
        return list_change(change.old, change.new) or (
            f"{describe_value(change.old)} → {describe_value(change.new)} ({change.label})"
        )
    shown = change.new if change.kind == "added" else change.old
    return f"{describe_value(shown)} ({change.kind})"


def _participant_lines(change: ParticipantChange) -> list[str]:
    if change.change != "changed":
        return [
            f"{field.field}: {describe_value(field.new if change.change == 'added' else field.old)}"
            for field in change.fields
        ]
    return [f"{field.field}: {_change_text(field)}" for field in change.fields]


def print_text(
    diff: LedgerDiff, old_name: str, new_name: str, *, new_file: bool = False, stream: Optional[TextIO] = None
) -> None:
    """The terminal view: what changed in the data, then the effect, before and after."""
    from rich.text import Text

    from hanoi_cli.render.layout import Output

    # On a terminal a long line wraps at spaces, its sequel indented, never inside a date or a
    # value's word; a pipe gets whole, unpadded lines.
    console = Output(stream=stream)
    console.hanging(
        Text.assemble(
            (f"{diff.treaty_title}", "bold"),
            (f"  {diff.treaty_id}  as of ", "dim"),
            diff.as_of.isoformat(),
        )
    )
    console.hanging(Text(f"--- {old_name}{' (absent: a new file)' if new_file else ''}", style="red"))
    console.hanging(Text(f"+++ {new_name}", style="green"))
    if not diff.has_changes:
        console.hanging(Text("No differences in the ledger's data."))
        return

    if diff.treaty:
        console.print()
        console.hanging(Text("Treaty", style="bold"))
        for field_change in diff.treaty:
            console.hanging(Text(f"  ~ {field_change.field}: {_change_text(field_change)}", style="yellow"))

    console.print()
    console.hanging(Text(f"Participants: {participants_summary(diff)}", style="bold"))
    for mark, style, changes in (("+", "green", diff.added), ("-", "red", diff.removed), ("~", "yellow", diff.changed)):
        for change in changes:
            console.hanging(Text(f"  {mark} {change.name} ({change.code})", style=style))
            for detail in _participant_lines(change):
                console.hanging(Text(f"      {detail}"))

    console.print()
    console.hanging(Text(f"Effect as of {diff.as_of.isoformat()}", style="bold"))
    rows = effect_rows(diff)
    label_width = max(len(label) for label, _, _ in rows)
    before_width = max((len(before) for _, before, after in rows if before != after), default=0)
    if not console.piped and 2 + label_width + 2 + before_width + 4 + max(len(r[2]) for r in rows) > console.width:
        label_width = before_width = 0  # columns that would not fit: each row one sentence, wrapped
    for label, before, after in rows:
        line = Text(f"  {label.ljust(label_width)}  ")
        if before == after:
            line.append(before, style="dim")
        else:
            line.append(f"{before.ljust(before_width)}  → ")
            line.append(after, style="bold")
        console.hanging(line)
    if diff.parties:
        console.print()
        console.hanging(Text("Entry into force for each party", style="bold"))
        for party in diff.parties:
            before, after = party_side(party)
            console.hanging(Text(f"  {party.name} ({party.code}): {before} → {after}"))


def to_markdown(diff: LedgerDiff, old_name: str, new_name: str, *, new_file: bool = False) -> str:
    """A pull-request comment: heading, effect table, participant changes, treaty changes."""
    absent = " (absent: a new file)" if new_file else ""
    lines = [
        f"## Ledger diff: {md_cell(diff.treaty_title)} ({md_cell(diff.treaty_id)})",
        "",
        f"`{old_name}`{absent} → `{new_name}`, evaluated as of {diff.as_of.isoformat()}.",
        "",
    ]
    if not diff.has_changes:
        lines.append("No differences in the ledger's data.")
        return "\n".join(lines) + "\n"

    lines += ["### Effect", "", "| | Before | After |", "|---|---|---|"]
    for label, before, after in effect_rows(diff):
        shown = f"**{after}**" if before != after else after  # what the change moves, in bold
        lines.append(md_row([label, before, shown]))

    lines += ["", f"### Participants: {participants_summary(diff)}"]
    changes = (*diff.added, *diff.removed, *diff.changed)
    if changes:  # a table with no rows renders as a stray header
        lines += ["", "| Change | Participant | Code | Field | Before | After |", "|---|---|---|---|---|---|"]
    for change in changes:
        if not change.fields:  # added or removed with nothing recorded but its name and code
            lines.append(md_row([change.change, change.name, change.code, "", "", ""]))
        for field in change.fields:
            kind = change.change if change.change != "changed" else field.label
            lines.append(
                md_row(
                    [kind, change.name, change.code, field.field, describe_value(field.old), describe_value(field.new)]
                )
            )

    if diff.treaty:
        lines += ["", "### Treaty", "", "| Change | Field | Before | After |", "|---|---|---|---|"]
        for field in diff.treaty:
            lines.append(md_row([field.label, field.field, describe_value(field.old), describe_value(field.new)]))

    if diff.parties:
        lines += ["", "### Entry into force for each party", ""]
        lines += ["| Participant | Code | Before | After |", "|---|---|---|---|"]
        for party in diff.parties:
            lines.append(md_row([party.name, party.code, *party_side(party)]))
    return "\n".join(lines) + "\n"


def _text(result: DiffResult, stream: TextIO) -> None:
    print_text(result.diff, result.old_name, result.new_name, new_file=result.new_file, stream=stream)


RENDERERS: dict[str, Callable[[DiffResult, TextIO], None]] = {
    "text": _text,
    "table": _text,
    "markdown": writing(lambda r: to_markdown(r.diff, r.old_name, r.new_name, new_file=r.new_file)),
    "json": writing(lambda r: to_json(r.diff, r.old_name, r.new_name, new_file=r.new_file)),
}
