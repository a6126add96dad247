"""What ``hanoi validate --format json`` says about the files it checked (a contract: keys are only added)."""

from __future__ import annotations

from datetime import date

from hanoi_cli.core.commands.validate import ValidationResult, worst_exit_code
from hanoi_cli.core.ledger.problems import ExitCode
from hanoi_cli.core.payloads.envelope import envelope


def validation_payload(reports: list[ValidationResult], *, as_of: date, strict: bool) -> dict[str, object]:
    """The JSON contract of ``hanoi validate --format json`` (docs/commands/validate.md)."""
    files = []
    for report in reports:
        files.append(
            {
                "file": report.name,
                "valid": report.exit_code(strict=strict) is ExitCode.OK,
                "readable": not report.unreadable,
                "participants": len(report.ledger.participants) if report.ledger is not None else None,
                "errors": len(report.errors),
                "warnings": len(report.warnings),
                "problems": [problem.to_dict() for problem in report.problems],
            }
        )
    return envelope(
        as_of=as_of.isoformat(),
        strict=strict,
        valid=worst_exit_code(reports, strict=strict) is ExitCode.OK,
        summary={
            "files": len(reports),
            "valid": sum(1 for entry in files if entry["valid"]),
            "errors": sum(len(report.errors) for report in reports),
            "warnings": sum(len(report.warnings) for report in reports),
        },
        files=files,
    )
