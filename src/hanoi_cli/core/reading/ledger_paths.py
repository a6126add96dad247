"""Which ledger a command reads when it is given no path.

In order: the path on the command line, the ``HANOI_LEDGER`` environment variable, then the
Hanoi Convention ledger shipped inside the package (so a plain ``pip install`` works from any
folder). In a source checkout the repository's ``data/signatories.yaml`` is that ledger.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Optional

LEDGER_ENV = "HANOI_LEDGER"
LEDGER_FILE = "signatories.yaml"

_PACKAGE = Path(__file__).resolve().parents[2]  # src/hanoi_cli


def _installed() -> Path:
    """Where the wheel puts the ledger (force-included: see pyproject.toml)."""
    return _PACKAGE / "data" / LEDGER_FILE


def shipped_ledger() -> Path:
    """The ledger that ships with hanoi: inside the wheel, or ``data/`` of a source checkout."""
    installed = _installed()
    if installed.is_file():
        return installed
    return _PACKAGE.parent.parent / "data" / LEDGER_FILE


def resolve_ledger(given: Optional[str], environ: Optional[Mapping[str, str]] = None) -> str:
    """The path to read: ``given`` if any, else ``$HANOI_LEDGER``, else the shipped ledger."""
    if given:
        return given
    env = os.environ if environ is None else environ
    from_env = env.get(LEDGER_ENV, "").strip()
    if from_env:
        return from_env
    return str(shipped_ledger())


def editable_ledger(
    given: Optional[str], environ: Optional[Mapping[str, str]] = None, *, how: str = "as a path"
) -> str:
    """The ledger an editing command writes: like ``resolve_ledger``, but never the copy inside an
    installed package (an upgrade would silently discard the edit); ValueError says what to do."""
    if given == "-":
        raise ValueError("an edited ledger is written back to its file: give a path, not - (standard input)")
    path = resolve_ledger(given, environ)
    if not given and Path(path) == _installed():
        raise ValueError(
            f"hanoi will not edit the ledger inside the installed package; give the file to edit {how} or in ${LEDGER_ENV}"
        )
    if path == str(shipped_ledger()):  # data/signatories.yaml, not a long absolute path, in messages
        relative = os.path.relpath(path)
        if not relative.startswith(".."):
            return relative
    return path
