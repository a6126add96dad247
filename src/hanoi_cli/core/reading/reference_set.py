"""Where the reference set lives: real deposit records of treaties in force, shipped as ledgers.

``data/reference/<treaty id>.yaml`` (inside the wheel: ``hanoi_cli/data/reference``) holds one
ordinary ledger per treaty. The forecast is calibrated on them, ``hanoi status --treaty ID`` reads
one, and ``benchmarks/forecast_backtest.py`` back-tests on them. ``$HANOI_REFERENCE_DIR`` points
elsewhere (a researcher's own set, or a test's).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Optional

from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem

REFERENCE_ENV = "HANOI_REFERENCE_DIR"
_PACKAGE = Path(__file__).resolve().parents[2]  # src/hanoi_cli


def reference_dir(environ: Optional[Mapping[str, str]] = None) -> Path:
    """The folder of the reference set: ``$HANOI_REFERENCE_DIR``, the wheel's copy, or the checkout's ``data/reference``."""
    env = os.environ if environ is None else environ
    given = env.get(REFERENCE_ENV, "").strip()
    if given:
        return Path(given)
    installed = _PACKAGE / "data" / "reference"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / "data" / "reference"


def reference_files(folder: Optional[Path] = None) -> list[Path]:
    """The set's ledgers, sorted by name; empty when the folder is missing."""
    folder = reference_dir() if folder is None else folder
    try:
        return sorted(path for path in folder.glob("*.yaml") if path.is_file())
    except OSError:
        return []


def reference_ids(folder: Optional[Path] = None) -> list[str]:
    return [path.stem for path in reference_files(folder)]


def reference_path(treaty_id: str, folder: Optional[Path] = None) -> Path:
    """The reference ledger of ``treaty_id`` (the depositary's id, e.g. XVIII-12); a usage error names the ids there are."""
    wanted = treaty_id.strip().upper()
    for path in reference_files(folder):
        if path.stem.upper() == wanted:
            return path
    known = ", ".join(reference_ids(folder)) or f"none: {reference_dir()} has no ledgers"
    message = f"no reference record for the treaty {treaty_id!r}; the reference set has: {known}"
    raise LedgerError([Problem("unknown-treaty", message, "--treaty")], ExitCode.USAGE)
