"""``-h`` beside ``--help``, and shell completion that costs nothing until a shell asks."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from hanoi_cli.cli.app import COMMANDS


@pytest.mark.parametrize("args", [[], ["status"], ["record"], ["completion"]])
def test_dash_h_is_help(run, args: list[str]) -> None:
    short, long = run(*args, "-h"), run(*args, "--help")
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout
    assert "-h, --help" in short.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_completion_prints_a_script_for_hanoi(run, shell: str) -> None:
    result = run("completion", shell)
    assert result.exit_code == 0
    assert f"_HANOI_COMPLETE=complete_{shell}" in result.stdout or "_HANOI_COMPLETE" in result.stdout
    assert "hanoi" in result.stdout


def test_completion_refuses_an_unknown_shell(run) -> None:
    result = run("completion", "tcsh")
    assert result.exit_code == 2
    assert "'tcsh' is not one of" in result.stderr


def _complete(words: str) -> list[str]:
    """What bash's completion function would get back for the words typed so far."""
    env = {**os.environ, "_HANOI_COMPLETE": "complete_bash", "COMP_WORDS": words}
    env["COMP_CWORD"] = str(len(words.split(" ")) - 1)
    code = "import sys; sys.argv[0] = 'hanoi'; from hanoi_cli.cli.app import main; main()"
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert ran.returncode == 0, ran.stderr
    return ran.stdout.split()


def test_the_shell_completes_commands_options_and_choices() -> None:
    assert _complete("hanoi sta") == ["status"]
    assert set(_complete("hanoi ")) >= set(COMMANDS)
    assert "--format" in _complete("hanoi status --fo")
    assert _complete("hanoi status --format j") == ["json"]
