"""The envelope every JSON document of hanoi opens with, built in one place.

Scripts read ``schema_version`` to know which keys to expect and ``hanoi_version`` to report
bugs; both come first in every payload, error envelopes included (docs/reference/json-output.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hanoi_cli import __version__
from hanoi_cli.core.ledger.problems import SCHEMA_VERSION, Problem


def envelope(**fields: Any) -> dict[str, Any]:
    """``{"schema_version": ..., "hanoi_version": ..., **fields}``, keys in that order."""
    return {"schema_version": SCHEMA_VERSION, "hanoi_version": __version__, **fields}


def error_envelope(problems: Iterable[Problem]) -> dict[str, Any]:
    """What a command asked for JSON prints on stdout when it cannot give its payload."""
    return envelope(status="error", problems=[problem.to_dict() for problem in problems])
