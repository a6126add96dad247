"""How to install the ``charts`` extra, said as the command that works for this very installation.

A bare ``pip install`` may be another Python's pip, and a pipx or uv tool environment has no pip
on ``PATH`` at all; the hint names the tool that owns this interpreter, or this interpreter itself.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

EXTRA = "'hanoi-cli[charts]'"


def charts_install_hint(prefix: str | None = None, executable: str | None = None) -> str:
    """The command that adds matplotlib and Jinja2 to the environment hanoi runs in."""
    parts = Path(prefix or sys.prefix).parts
    if "pipx" in parts and "venvs" in parts:
        return f"pipx install --force {EXTRA}"
    if "uv" in parts and "tools" in parts:
        return f"uv tool install --force {EXTRA}"
    return f"{shlex.quote(executable or sys.executable)} -m pip install {EXTRA}"
