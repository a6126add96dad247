"""The ``hanoi`` command: the Typer app, global options and the process entry point.

Kept light on purpose: ``hanoi --version`` and ``--help`` must not pay for pydantic, PyYAML or
Rich tables, so each command imports what it needs when it runs.
"""

from __future__ import annotations

import sys
from typing import Optional

import typer

from hanoi_cli import __version__
from hanoi_cli.cli import (
    diff_command,
    fmt_command,
    forecast_command,
    project_command,
    record_command,
    schema_command,
    status_command,
    timeline_command,
    validate_command,
)
from hanoi_cli.cli.guard import guarded
from hanoi_cli.core.problems import ExitCode

EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 1 problems found in the data; 2 usage error or unreadable input; "
    "3 internal error; 130 interrupted."
)

app = typer.Typer(
    name="hanoi",
    help="Ratification tracker and entry-into-force calculator for multilateral treaties, "
    "first of all the UN Convention against Cybercrime (Hanoi Convention).",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain Click help: --help would otherwise import Rich (+60 ms)
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"hanoi {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Optional[bool] = typer.Option(
        None, "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Ratification tracker and entry-into-force calculator for multilateral treaties."""


app.command(name="status", epilog=EXIT_CODES_HELP)(status_command.status)
app.command(name="project", epilog=EXIT_CODES_HELP)(project_command.project)
app.command(name="forecast", epilog=EXIT_CODES_HELP)(forecast_command.forecast)
app.command(name="timeline", epilog=EXIT_CODES_HELP)(timeline_command.timeline)
app.command(name="record", epilog=EXIT_CODES_HELP)(record_command.record)
app.command(name="fmt", epilog=EXIT_CODES_HELP)(fmt_command.fmt)
app.command(name="validate", epilog=EXIT_CODES_HELP)(validate_command.validate)
app.command(name="diff", epilog=EXIT_CODES_HELP)(diff_command.diff)
app.command(name="schema", epilog=EXIT_CODES_HELP)(schema_command.schema)


def main() -> None:
    """Console-script entry point: every way out of the process has its documented exit code."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)
    except Exception:  # a bug outside any command body: never a bare traceback, never exit 1
        try:
            with guarded():
                raise
        except typer.Exit as exit_:
            sys.exit(exit_.exit_code)
