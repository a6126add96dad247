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
from enum import Enum
from typing import Any, Optional, cast

import typer
from typer.core import TyperGroup

from hanoi_cli import __version__
from hanoi_cli.cli.guard import COMMAND_LINE, guarded, prepare_stdout, requested_format
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
    "chart": ("publishing.chart_command", "chart", "Draw the ledger's signatures and counted instruments, or a map."),
    "report": (
        "publishing.report_command",
        "report",
        "Write a one-file HTML page: answer, chart, map and participants.",
    ),
    "feed": ("publishing.feed_command", "feed", "Write an Atom feed of the ledger's events, one entry per event."),
    "diff": ("diff_command", "diff", "What changed between two ledgers, and its effect."),
    "sync": ("editing.sync_command", "sync", "Update a ledger from the UN Treaty Collection's status record."),
    "new": ("editing.new_command", "new", "Write a new ledger for a treaty from the depositary's status file."),
    "export": ("export_command", "export", "Tidy CSV or JSON for analysis: one row per action or per year."),
    "schema": ("schema_command", "schema", "Print the JSON Schema (draft-07) of a ledger file."),
    "completion": (
        "app",
        "completion",
        "Print the completion script for bash, zsh, fish or pwsh.",
    ),
}

# One example a command, shown under its --help (ux review L10); each runs as written in a checkout.
EXAMPLES: dict[str, str] = {
    "status": "hanoi status --brief",
    "project": "hanoi project --assume FRA=2027-03-01 --pace 2/month",
    "forecast": "hanoi forecast --by 2030-01-01",
    "timeline": "hanoi timeline tests/data/sample.yaml --as-of 2023-06-01",
    "record": "hanoi record Qatar ratification 2026-02-10 --source https://treaties.un.org/ --dry-run",
    "fmt": "hanoi fmt --check data/signatories.yaml",
    "validate": "hanoi validate --strict tests/data/sample.yaml --as-of 2023-06-01",
    "chart": "hanoi chart --output hanoi.svg --forecast",
    "report": "hanoi report --output hanoi.html",
    "feed": "hanoi feed --output feed.xml --badge badge.json",
    "diff": "hanoi diff data/signatories.yaml --base main",
    "sync": "hanoi sync data/signatories.yaml --dry-run",
    "new": "hanoi new XVIII-16 --output ledger.yaml",
    "export": "hanoi export --panel > panel.csv",
    "schema": "hanoi schema > ledger.schema.json",
    "completion": 'eval "$(hanoi completion bash)"',
}


def command_epilog(name: str) -> str:
    """The example (kept on its own line: ``\\b`` stops Click rewrapping it), then the exit codes."""
    return f"\b\nExample:\n  {EXAMPLES[name]}\n\n{EXIT_CODES_HELP}"


def _unbroken_help_words() -> None:
    """Help text wraps at spaces only: Click's wrapper would split ``YYYY-MM-DD`` and
    ``formal-confirmation`` at their hyphens, which hanoi never does to a date or a name."""
    from typer._click import _textwrap

    wrapper = _textwrap.TextWrapper
    if getattr(wrapper, "hanoi_unbroken", False):
        return

    class UnbrokenWrapper(wrapper):  # type: ignore[misc,valid-type]
        hanoi_unbroken = True

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("break_on_hyphens", False)
            kwargs.setdefault("break_long_words", False)
            super().__init__(*args, **kwargs)

    _textwrap.TextWrapper = UnbrokenWrapper  # type: ignore[misc]


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
            _unbroken_help_words()  # its --help, if asked for, wraps at spaces only
            single = typer.Typer(**_SINGLE_COMMAND_SETTINGS)
            single.command(name=cmd_name, epilog=command_epilog(cmd_name))(command_function(cmd_name))
            self._built[cmd_name] = typer.main.get_command(single)
        return self._built[cmd_name]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """Click's lookup, with a suggestion for a mistyped command (``hanoi stauts``)."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS and not ctx.resilient_parsing:
            from hanoi_cli.core.ledger.wording import closest

            near = closest(name, COMMANDS)
            if near:
                ctx.fail(f"No such command {name!r}. Did you mean {near!r}?")
        return super().resolve_command(ctx, args)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """``--json`` is an alias of ``--format json`` for every command that prints JSON."""
        if args and args[0] in COMMANDS and "--json" in _before_double_dash(args[1:]):
            command = self.get_command(ctx, args[0])
            if any(
                "--format" in param.opts and "json" in getattr(param.type, "choices", ()) for param in command.params
            ):
                end = args.index("--") if "--" in args else len(args)
                args = [("--format=json" if arg == "--json" and at < end else arg) for at, arg in enumerate(args)]
        if args and args[0] == "record" and not ctx.resilient_parsing:  # `hanoi record LEDGER CODE ...`
            from hanoi_cli.core.payloads.usage import ledger_given_positionally

            message = ledger_given_positionally(args[0], args[1:])
            if message:
                ctx.fail(message)
        return super().parse_args(ctx, args)

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

    def _main_shell_completion(self, ctx_args: Any, prog_name: str, complete_var: Optional[str] = None) -> None:
        """A shell asking for completions (``hanoi completion SHELL`` installed the script): only
        then register Typer's completion classes, so that an ordinary start pays nothing for them."""
        import os

        if os.environ.get(complete_var or COMPLETE_VAR):
            from typer._completion_classes import completion_init

            completion_init()
        super()._main_shell_completion(ctx_args, prog_name, complete_var)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _unbroken_help_words()
        super().format_help(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """List commands from ``COMMANDS`` without building any (Click would build each); a line
        too long for the terminal wraps, never cut."""
        rows = [(name, line) for name, (_, _, line) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


# Click's (vendored by Typer) base class of parse errors: an unknown option, a bad value, a missing argument.
_USAGE_ERROR = cast("type[Exception]", next(cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "UsageError"))


def json_requested(args: list[str]) -> bool:
    """Whether a command line asks for ``--format json`` (``-f json``, ``--format=json``, ``-fjson``)."""
    return requested_format(args) == "json"


def _before_double_dash(args: list[str]) -> list[str]:
    return args[: args.index("--")] if "--" in args else args


def _print_usage_envelope(exc: Any) -> None:
    from hanoi_cli.core.payloads.envelope import error_envelope
    from hanoi_cli.render.formats import dump_json

    param = getattr(exc, "param", None)
    where = (getattr(param, "opts", None) or [getattr(param, "name", None) or COMMAND_LINE])[0]
    if param is not None and getattr(param, "param_type_name", "") == "argument":
        where = (getattr(param, "name", None) or COMMAND_LINE).upper()
    problem = Problem("usage-error", exc.format_message(), where)
    sys.stdout.write(dump_json(error_envelope([problem])))


app = typer.Typer(
    cls=_LazyGroup,
    name="hanoi",
    help="Ratification tracker and entry-into-force calculator for multilateral treaties, "
    "first of all the UN Convention against Cybercrime (Hanoi Convention).",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},  # each command's context inherits it
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
            prepare_stdout(sys.argv[1:])
            try:
                app()
            finally:
                sys.stdout.flush()  # what is still buffered fails here, where it can be reported
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)


# `hanoi completion SHELL` lives here, beside the hook above that answers the shell: Typer's
# --install-completion would edit the user's shell files and register its completion classes at
# every start; here nothing is registered until a shell asks (_HANOI_COMPLETE set).
COMPLETE_VAR = "_HANOI_COMPLETE"


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"
    pwsh = "pwsh"


def completion(
    shell: Shell = typer.Argument(..., metavar="SHELL", help="bash, zsh, fish, powershell or pwsh."),
) -> None:
    """Print the completion script for bash, zsh, fish or pwsh.

    Load it from your shell's startup file; it costs hanoi nothing until you press Tab:

    \b
      bash, in ~/.bashrc:  eval "$(hanoi completion bash)"
      zsh, in ~/.zshrc:    eval "$(hanoi completion zsh)"
      fish:                hanoi completion fish > ~/.config/fish/completions/hanoi.fish
      PowerShell profile:  hanoi completion powershell | Out-String | Invoke-Expression
    """
    with guarded():
        from hanoi_cli.cli.app import app

        sys.stdout.write(completion_script(typer.main.get_command(app), shell.value))


def completion_script(command: Any, shell: str) -> str:
    """The completion script Click and Typer would print for ``shell``, for the program ``hanoi``."""
    from typer._click.shell_completion import get_completion_class
    from typer._completion_classes import completion_init

    completion_init()
    comp_cls = get_completion_class(shell)
    if comp_cls is None:  # Shell's choices are the shells Typer registers; kept for the type checker
        raise ValueError(f"no completion for {shell!r}")
    return comp_cls(command, {}, "hanoi", COMPLETE_VAR).source().rstrip("\n") + "\n"
