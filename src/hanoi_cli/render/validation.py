"""How ``hanoi validate`` reports: plain lines for people and editors, JSON, GitHub annotations.

Kept free of Rich: a validation run in pre-commit or CI should start as fast as possible.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from typing import TextIO

from hanoi_cli.core.commands.validate import ValidateResult, ValidationResult, worst_exit_code
from hanoi_cli.core.ledger.problems import ExitCode, Problem
from hanoi_cli.core.ledger.wording import plural
from hanoi_cli.core.payloads.validation import validation_payload
from hanoi_cli.render.formats import dump_json, md_row, writing

STEP_SUMMARY_ENV = "GITHUB_STEP_SUMMARY"


def _colours(enabled: bool) -> dict[str, str]:
    if not enabled:
        return {"error": "", "warning": "", "note": "", "ok": "", "end": ""}
    return {"error": "\x1b[31m", "warning": "\x1b[33m", "note": "\x1b[2m", "ok": "\x1b[32m", "end": "\x1b[0m"}


def to_text(reports: list[ValidationResult], *, strict: bool, colour: bool = False, width: int = 0) -> str:
    """``path:line:col: error[code] message`` lines grouped per file, then one summary line.

    With a terminal's ``width`` a long line wraps at spaces, its sequel indented: the location and
    the code stay whole on the first line, no date is split; in a pipe (an editor, CI) each
    problem stays one line."""
    from hanoi_cli.render.layout import hanging_lines

    paint = _colours(colour)
    blocks: list[str] = []
    for report in reports:
        if report.problems:
            lines = []
            for problem in report.problems:
                head = f"{problem.location()}: {problem.severity}["
                plain = f"{head}{problem.code}] {problem.message}"
                wrapped = hanging_lines(plain, width) if width else [plain]
                severity = f"{paint[problem.severity]}{problem.severity}{paint['end']}"
                wrapped[0] = wrapped[0].replace(head, f"{problem.location()}: {severity}[", 1)
                lines += wrapped
            blocks.append("\n".join(lines))
        else:
            count = len(report.ledger.participants) if report.ledger is not None else 0
            blocks.append(f"{report.name}: {paint['ok']}ok{paint['end']} ({plural(count, 'participant')})")
    summary = summary_line(reports, strict=strict)
    summary = "\n".join(hanging_lines(summary, width)) if width else summary
    return "\n\n".join(blocks) + "\n\n" + summary + "\n"


def summary_line(reports: list[ValidationResult], *, strict: bool) -> str:
    valid = sum(1 for report in reports if report.exit_code(strict=strict) is ExitCode.OK)
    errors = sum(len(report.errors) for report in reports)
    warnings = sum(len(report.warnings) for report in reports)
    unreadable = sum(1 for report in reports if report.unreadable)
    parts = [f"{valid} valid"]
    if unreadable:
        parts.append(f"{unreadable} unreadable")
    text = f"Checked {plural(len(reports), 'file')}: {', '.join(parts)}; {plural(errors, 'error')}, {plural(warnings, 'warning')}"
    if strict and warnings:
        text += " (--strict: warnings fail)"
    return text + "."


def to_json(reports: list[ValidationResult], *, as_of: date, strict: bool) -> str:
    payload = validation_payload(reports, as_of=as_of, strict=strict)
    return dump_json(payload)


def _escape_data(text: str) -> str:
    """GitHub workflow-command escaping for the message part."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """GitHub workflow-command escaping for ``file=``, ``title=`` and other properties."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem, *, strict: bool = False) -> str:
    """One ``::error file=...,line=...,col=...,title=...::message`` workflow command.

    With ``strict`` a warning fails the run, so it is annotated as an error too.
    """
    properties = [f"file={_escape_property(problem.file)}"]
    if problem.line is not None:
        properties.append(f"line={problem.line}")
        if problem.column is not None:
            properties.append(f"col={problem.column}")
    properties.append(f"title={_escape_property(f'hanoi {problem.code}')}")
    if problem.severity == "note":
        command = "notice"
    else:
        command = "error" if problem.severity == "error" or strict else "warning"
    return f"::{command} {','.join(properties)}::{_escape_data(problem.message)}"


def to_github(reports: list[ValidationResult], *, strict: bool) -> str:
    lines = [github_annotation(problem, strict=strict) for report in reports for problem in report.problems]
    lines.append(summary_line(reports, strict=strict))
    return "\n".join(lines) + "\n"


def step_summary(reports: list[ValidationResult], *, strict: bool) -> str:
    """A Markdown report for the GitHub job summary page."""
    ok = worst_exit_code(reports, strict=strict) is ExitCode.OK
    lines = [f"### hanoi validate: {'all ledgers valid' if ok else 'problems found'}", ""]
    lines += ["| File | Result | Errors | Warnings |", "|---|---|---:|---:|"]
    for report in reports:
        if report.unreadable:
            result = "unreadable"
        elif report.exit_code(strict=strict) is ExitCode.OK:
            result = "valid"
        else:
            result = "invalid"
        lines.append(md_row([f"`{report.name}`", result, str(len(report.errors)), str(len(report.warnings))]))
    problems = [problem for report in reports for problem in report.problems]
    if problems:
        lines += ["", "| Where | Severity | Code | Message |", "|---|---|---|---|"]
        for problem in problems:
            lines.append(md_row([f"`{problem.location()}`", problem.severity, f"`{problem.code}`", problem.message]))
    lines.append("")
    lines.append(summary_line(reports, strict=strict))
    return "\n".join(lines) + "\n"


def append_step_summary(reports: list[ValidationResult], *, strict: bool) -> None:
    """Append the Markdown report to ``$GITHUB_STEP_SUMMARY`` when GitHub Actions sets it.

    The summary is an extra beside the annotations: a path that cannot be written is a note on
    stderr, never an internal error that would hide the result of the validation.
    """
    target = os.environ.get(STEP_SUMMARY_ENV, "").strip()
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(step_summary(reports, strict=strict) + "\n")
    except OSError as exc:
        sys.stderr.write(f"note: could not write the job summary to {target}: {exc.strerror or exc}\n")


# --- one renderer per --format (``auto`` is the command's: github in GitHub Actions, else text) ---


def _colour_wanted(stream: TextIO) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _text(result: ValidateResult, stream: TextIO) -> None:
    from hanoi_cli.render.formats import terminal_width

    width = terminal_width(stream) or 0
    stream.write(to_text(result.reports, strict=result.strict, colour=_colour_wanted(stream), width=width))


RENDERERS: dict[str, Callable[[ValidateResult, TextIO], None]] = {
    "text": _text,
    "table": _text,
    "json": writing(lambda result: to_json(result.reports, as_of=result.as_of, strict=result.strict)),
    "github": writing(lambda result: to_github(result.reports, strict=result.strict)),
}
