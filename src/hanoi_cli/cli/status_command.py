"""``hanoi status``: how many instruments, and when the treaty enters into force."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Optional

import typer

from hanoi_cli.cli.guard import UsageProblem, guarded, report_problems, tell_notes
from hanoi_cli.cli.options import (
    LEDGER_HELP,
    FormatChoice,
    as_of_option,
    as_of_or_today,
    format_choices,
    lang_option,
    ledger_or_treaty,
    stdin_at_most_once,
    treaty_option,
)
from hanoi_cli.core.ledger.problems import LedgerError, Problem
from hanoi_cli.render import many_ledgers as render_summary
from hanoi_cli.render import status as render_status


class Only(str, Enum):
    parties = "parties"
    signatories = "signatories"
    pending = "pending"


class SortBy(str, Enum):
    name = "name"
    signature = "signature"
    deposit = "deposit"


if TYPE_CHECKING:
    StatusFormat = FormatChoice  # to the type checker, one of the formats; to Typer, this command's choices
else:
    StatusFormat = format_choices("StatusFormat", render_status.RENDERERS)


class EvidenceLevel(str, Enum):
    depositary = "depositary"
    official = "official"
    reported = "reported"


LEDGER_ARGUMENT_HELP = LEDGER_HELP + " With several, one summary row per treaty."
SUMMARY_HELP = "One summary row per treaty even for a single ledger (useful with a glob)."
BRIEF_HELP = "Only the headline and the sentence (table and markdown)."
ONLY_HELP = "Only these participants: parties, signatories, or pending (signed, no instrument yet)."
SORT_HELP = "Order participants by name, date of signature or date of deposit (undated last). Default: ledger order."
EVIDENCE_HELP = (
    "Count only facts established at this level or better: depositary (its record or notification), "
    "official (a government's text) or reported (the press)."
)
PARTICIPANT_HELP = (
    "Only this participant: its code (any case) or a name (the ledger's, an ISO or common name, a word prefix), "
    "with one quotable sentence on where it stands, each fact's evidence and sources. Repeat for several."
)
STRICT_HELP = "Exit 1 when the ledger has problems that hanoi validate would report (warnings included)."


def status(
    ledgers: Optional[list[str]] = typer.Argument(
        None, metavar="[LEDGER]...", help=LEDGER_ARGUMENT_HELP, show_default=False
    ),
    as_of: Optional[date] = as_of_option(),
    output_format: StatusFormat = typer.Option("table", "--format", "-f", case_sensitive=False, help="Output format."),
    summary: bool = typer.Option(False, "--summary", help=SUMMARY_HELP),
    brief: bool = typer.Option(False, "--brief", help=BRIEF_HELP),
    only: Optional[Only] = typer.Option(None, "--only", case_sensitive=False, help=ONLY_HELP, show_default=False),
    sort: Optional[SortBy] = typer.Option(None, "--sort", case_sensitive=False, help=SORT_HELP, show_default=False),
    strict: bool = typer.Option(False, "--strict", help=STRICT_HELP),
    evidence: Optional[EvidenceLevel] = typer.Option(
        None, "--evidence", case_sensitive=False, help=EVIDENCE_HELP, show_default=False
    ),
    participant: Optional[list[str]] = typer.Option(
        None, "--participant", "-p", metavar="WHO", help=PARTICIPANT_HELP, show_default=False
    ),
    treaty: Optional[str] = treaty_option(),
    lang: Optional[str] = lang_option(),
) -> None:
    """Counted instruments, entry into force and every participant.

    With several ledgers (or --summary), one row per treaty: counted instruments out of the
    threshold, status, threshold date and date of entry into force. A ledger that cannot be used
    keeps its row, marked invalid or unreadable, and its problems go to stderr; the exit code is
    the worst of all.

    A ledger that loads but has problems (a duplicate participant, an unknown code, a deposit
    before its signature) is still evaluated, with one line on stderr saying so; --strict makes
    that exit 1.

    --participant France (or FRA, fra, "Viet Nam", Vietnam) answers for one participant: a sentence
    a journalist can quote, with each fact's evidence level, source and depositary notification, then
    its row. A country the ledger does not list has signed nothing on record; a name that matches
    nobody or several exits 2.
    """
    paths = ledgers or []
    many = summary or len(paths) > 1
    with guarded(json_errors=output_format == "json"):
        from hanoi_cli.cli.options import read_ledger_path

        if treaty is not None:
            paths = (
                [ledger_or_treaty(paths[0] if len(paths) == 1 else None, treaty) or ""] if len(paths) <= 1 else paths
            )
            if len(ledgers or []) > 1:
                raise UsageProblem("give ledger files or --treaty, not both")

        stdin_at_most_once(paths)
        as_of = as_of_or_today(as_of)
        if many and (brief or only or sort or evidence or participant):
            raise UsageProblem(
                "--brief, --only, --sort, --evidence and --participant are for a single ledger, not a summary of "
                "several"
            )
        if brief and output_format in ("json", "csv", "csv-excel"):
            raise UsageProblem("--brief is for the table and markdown formats; json and csv always hold every field")
        if many:
            from hanoi_cli.core.commands.status import summary as run_summary

            targets = [read_ledger_path(path) for path in paths] or [read_ledger_path(None)]
            result = run_summary(targets, as_of, strict=strict)
            summary_renderers = render_summary.RENDERERS
            if lang is not None:
                from hanoi_cli.core.payloads.localized import words_for

                summary_renderers = render_summary.renderers_for(words_for(lang))
            summary_renderers[output_format.value](result, sys.stdout)
            report_problems(list(result.warnings))
            tell_notes(result.notes)
            if result.exit_code:
                raise typer.Exit(result.exit_code)
            return

        from hanoi_cli.core.commands.status import status as run_status
        from hanoi_cli.core.reading.loader import collector_paused

        renderers = render_status.RENDERERS
        if lang is not None:
            from hanoi_cli.core.payloads.localized import words_for

            renderers = render_status.renderers_for(words_for(lang))
        with collector_paused(), participant_hint(paths, treaty):  # the collector's passes only cost here
            one = run_status(
                read_ledger_path(paths[0] if paths else None),
                as_of,
                only=only.value if only else None,
                sort=sort.value if sort else None,
                brief=brief,
                strict=strict,
                evidence=evidence.value if evidence else None,
                refresh="hanoi sync" + (f" {paths[0]}" if paths else ""),
                who=participant or (),
            )
            renderers[output_format.value](one, sys.stdout)
        tell_notes(one.notes)
        if one.exit_code:
            raise typer.Exit(one.exit_code)


@contextmanager
def participant_hint(paths: list[str], treaty: Optional[str]) -> Iterator[None]:
    """``hanoi status France``: no such file, but France is a participant (or a country); the
    file-not-found problem stays (exit 2), followed by a note saying how to ask for one participant."""
    try:
        yield
    except LedgerError as exc:
        if treaty is None and len(paths) == 1 and [problem.code for problem in exc.problems] == ["file-not-found"]:
            hint = participant_hint_problem(paths[0])
            if hint is not None:
                exc.problems.append(hint)
        raise


def participant_hint_problem(given: str) -> Optional[Problem]:
    """The note for ``hanoi status France``: ``France`` is no file but names a participant of the
    default ledger (or a country). None when it names neither, or reads as a path."""
    import os
    import shlex

    from hanoi_cli.core.ledger.participant_lookup import resolve

    if not given.strip() or os.sep in given or "/" in given or given.lower().endswith((".yaml", ".yml", ".json")):
        return None
    try:
        from hanoi_cli.core.reading.ledger_paths import resolve_ledger
        from hanoi_cli.core.reading.loader import read_ledger

        participants = read_ledger(resolve_ledger(None)).ledger.participants
    except (LedgerError, OSError, ValueError):
        return None
    resolution = resolve(given, participants)
    if resolution.index is None and not resolution.ambiguous and resolution.code is None:
        return None
    hint = f"to see one participant: hanoi status --participant {shlex.quote(given)}"
    return Problem("participant-not-file", hint, given, severity="note")
