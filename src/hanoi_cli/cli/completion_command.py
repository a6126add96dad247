"""``hanoi completion SHELL``: the shell's completion script, printed for the user's startup file.

Typer's ``--install-completion`` would edit the user's shell files and register its completion
classes at every start; here nothing is registered until a shell asks (``_HANOI_COMPLETE`` set,
see ``app._LazyGroup``), so completion costs ``hanoi`` nothing when it is not completing.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Any

import typer

from hanoi_cli.cli.guard import guarded

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
