"""Which ledger a command reads when it is given no path.

In order: the path on the command line, the ``HANOI_LEDGER`` environment variable, then the
Hanoi Convention ledger shipped inside the package (so a plain ``pip install`` works from any
folder). In a source checkout the repository's ``data/signatories.yaml`` is that ledger.

An installed copy is refreshed by ``hanoi sync`` into the user's data folder (the platform's
convention; ``HANOI_DATA_DIR`` overrides it), never inside the package; the read commands then
read that copy when it was checked against the depositary later than the shipped one.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Optional

LEDGER_ENV = "HANOI_LEDGER"
LEDGER_FILE = "signatories.yaml"
DATA_DIR_ENV = "HANOI_DATA_DIR"
_CHECKED = re.compile(r"^  checked: *['\"]?(\d{4}-\d{2}-\d{2})", re.MULTILINE)

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


def is_installed() -> bool:
    """Whether hanoi runs from an installed package (not a source checkout)."""
    return _installed().is_file()


def user_data_dir(environ: Optional[Mapping[str, str]] = None) -> Path:
    """The platform's folder for a user's application data, as platformdirs would give it
    (``HANOI_DATA_DIR`` overrides it): a few lines instead of one more dependency."""
    env = os.environ if environ is None else environ
    if env.get(DATA_DIR_ENV, "").strip():
        return Path(env[DATA_DIR_ENV])
    if sys.platform == "win32":
        base = env.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "hanoi"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "hanoi"
    base = env.get("XDG_DATA_HOME", "").strip() or str(Path.home() / ".local" / "share")
    return Path(base) / "hanoi"


def refreshed_ledger(environ: Optional[Mapping[str, str]] = None) -> Path:
    """Where ``hanoi sync`` keeps the refreshed copy of an installed ledger."""
    return user_data_dir(environ) / LEDGER_FILE


def checked_on(path: Path) -> Optional[str]:
    """``treaty.checked`` of a ledger file, read from its text (no parse); None if absent or unreadable."""
    try:
        found = _CHECKED.search(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None
    return found.group(1) if found else None


def newer_refreshed_copy(environ: Optional[Mapping[str, str]] = None) -> Optional[Path]:
    """The refreshed copy, when hanoi is installed and the copy was checked later than the shipped one."""
    if not is_installed():
        return None
    copy = refreshed_ledger(environ)
    refreshed = checked_on(copy)
    if refreshed is None:
        return None
    shipped = checked_on(_installed())
    return copy if shipped is None or refreshed > shipped else None


def resolve_ledger(given: Optional[str], environ: Optional[Mapping[str, str]] = None) -> str:
    """The path to read: ``given`` if any, else ``$HANOI_LEDGER``, else the refreshed copy of an
    installed ledger when it is newer, else the shipped ledger."""
    if given:
        return given
    env = os.environ if environ is None else environ
    from_env = env.get(LEDGER_ENV, "").strip()
    if from_env:
        return from_env
    copy = newer_refreshed_copy(env)
    return str(copy) if copy is not None else str(shipped_ledger())


def which_ledger_note(path: str) -> Optional[str]:
    """What a read command says when it reads the refreshed copy rather than the shipped ledger."""
    if not is_installed() or Path(path) != refreshed_ledger():
        return None
    shipped = checked_on(_installed()) or "an unknown day"
    return (
        f"reading the copy refreshed by hanoi sync, {path} (checked against the depositary on "
        f"{checked_on(Path(path))}), not the installed ledger (checked on {shipped})"
    )


def editable_ledger(
    given: Optional[str], environ: Optional[Mapping[str, str]] = None, *, how: str = "as a path"
) -> str:
    """The ledger an editing command writes: like ``resolve_ledger``, but never the copy inside an
    installed package (an upgrade would silently discard the edit); ValueError says what to do."""
    if given == "-":
        raise ValueError("an edited ledger is written back to its file: give a path, not - (standard input)")
    path = resolve_ledger(given, environ)
    if not given and Path(path) in (_installed(), refreshed_ledger(environ)):
        raise ValueError(
            f"hanoi will not edit the ledger inside the installed package; give the file to edit {how} or in ${LEDGER_ENV}"
        )
    if path == str(shipped_ledger()):  # data/signatories.yaml, not a long absolute path, in messages
        relative = os.path.relpath(path)
        if not relative.startswith(".."):
            return relative
    return path
