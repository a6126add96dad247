"""The ``hanoi`` command: the Typer app, global options and the process entry point.

Kept light on purpose: ``hanoi --version`` and ``--help`` must not pay for pydantic, PyYAML or
Rich tables, so each command imports what it needs when it runs. Commands are also built lazily:
Typer turns a function's signature into a Click command at a few hundred microseconds a command,
and importing their modules costs as much again, so only the command being run (or asked for
``--help``) is imported and built. ``hanoi --help`` lists them from ``COMMANDS`` below.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any, Optional, cast

import typer
from typer.core import TyperGroup

from hanoi_cli import __version__
from hanoi_cli.cli.guard import COMMAND_LINE, guarded
from hanoi_cli.core.ledger.problems import ExitCode, Problem

EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 1 problems found in the data; 2 usage error or unreadable input; "
    "3 internal error; 130 interrupted."
)

# name: (module in hanoi_cli.cli, function, the line `hanoi --help` shows). In this order in help.
# A test checks each line against the first line of the function's docstring.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "status": ("status_command", "status", "Counted instruments, entry into force and every participant."),
    "project": ("project_command", "project", "Project entry into force under hypothetical deposits."),
    "forecast": ("forecast_command", "forecast", "Forecast entry into force: the median and an 80% interval."),
    "timeline": ("timeline_command", "timeline", "Every event in order with the running count, and a chart."),
    "record": ("editing.record_command", "record", "Record a signature, deposit or other action in a ledger."),
    "fmt": ("editing.fmt_command", "fmt", "Rewrite ledgers in canonical form, keeping every comment."),
    "validate": ("validate_command", "validate", "Check ledgers: YAML, schema, dates, codes and treaty rules."),
    "chart": ("chart_command", "chart", "Draw the ledger's counted instruments as an SVG or PNG chart."),
    "report": ("report_command", "report", "Write a one-file HTML page: status, chart and participants."),
    "diff": ("diff_command", "diff", "What changed between two ledgers, and its effect."),
    "sync": ("editing.sync_command", "sync", "Update a ledger from the UN Treaty Collection's status record."),
    "new": ("editing.new_command", "new", "Write a new ledger for a treaty from the depositary's status file."),
    "export": ("export_command", "export", "Tidy CSV or JSON for analysis: one row per action or per year."),
    "schema": ("schema_command", "schema", "Print the JSON Schema (draft-07) of a ledger file."),
}

_SINGLE_COMMAND_SETTINGS: dict[str, Any] = {
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,  # plain Click help: Rich help would import Rich (+60 ms)
}


def command_function(name: str) -> Any:
    """The Python function behind a command (imports its module)."""
    module_name, function_name, _ = COMMANDS[name]
    return getattr(importlib.import_module(f"hanoi_cli.cli.{module_name}"), function_name)


class _LazyGroup(TyperGroup):
    """Typer's group with Click's documented lazy-loading hooks: commands are listed from
    ``COMMANDS`` and each is built on first use by ``get_command``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._built: dict[str, Any] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return None
        if cmd_name not in self._built:
            single = typer.Typer(**_SINGLE_COMMAND_SETTINGS)
            single.command(name=cmd_name, epilog=EXIT_CODES_HELP)(command_function(cmd_name))
            self._built[cmd_name] = typer.main.get_command(single)
        return self._built[cmd_name]

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a usage error found while parsing its options (before its body and its
        ``guarded`` run) still prints the JSON error envelope when ``--format json`` was asked for."""
        args = [*ctx._protected_args, *ctx.args]
        try:
            return super().invoke(ctx)
        except _USAGE_ERROR as exc:
            if json_requested(args):
                _print_usage_envelope(exc)
            raise

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """List commands from ``COMMANDS`` without building any (Click would build each)."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, _shorten(line, limit)) for name, (_, _, line) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


# Click's (vendored by Typer) base class of parse errors: an unknown option, a bad value, a missing argument.
_USAGE_ERROR = cast("type[Exception]", next(cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "UsageError"))


def json_requested(args: list[str]) -> bool:
    """Whether a command line asks for ``--format json`` (``-f json``, ``--format=json``, ``-fjson``)."""
    for position, arg in enumerate(args):
        if arg == "--":
            break
        if arg in ("--format", "-f") and position + 1 < len(args):
            value = args[position + 1]
        elif arg.startswith("--format="):
            value = arg.partition("=")[2]
        elif arg.startswith("-f") and not arg.startswith("--") and len(arg) > 2:
            value = arg[2:]
        else:
            continue
        if value.lower() == "json":
            return True
    return False


def _print_usage_envelope(exc: Any) -> None:
    from hanoi_cli.core.payloads.envelope import error_envelope
    from hanoi_cli.render.formats import dump_json

    param = getattr(exc, "param", None)
    where = (getattr(param, "opts", None) or [getattr(param, "name", None) or COMMAND_LINE])[0]
    if param is not None and getattr(param, "param_type_name", "") == "argument":
        where = (getattr(param, "name", None) or COMMAND_LINE).upper()
    problem = Problem("usage-error", exc.format_message(), where)
    sys.stdout.write(dump_json(error_envelope([problem])))


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 3, 1)].rsplit(" ", 1)[0] + "..."


app = typer.Typer(
    cls=_LazyGroup,
    name="hanoi",
    help="Ratification tracker and entry-into-force calculator for multilateral treaties, "
    "first of all the UN Convention against Cybercrime (Hanoi Convention).",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    **_SINGLE_COMMAND_SETTINGS,
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


def main() -> None:
    """Console-script entry point: every way out of the process has its documented exit code.

    Outside any command body (parsing, help, the last flush) the command's own ``guarded`` maps
    what goes wrong: a closed pipe is 0, a full disk 2, a bug 3 and never a bare traceback.
    """
    try:
        with guarded():
            try:
                app()
            finally:
                sys.stdout.flush()  # what is still buffered fails here, where it can be reported
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)
