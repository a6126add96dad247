"""Sentences for a command line that is almost right: what was meant, and the command that says it."""

from __future__ import annotations

import os
import shlex
from typing import Optional

LEDGER_SUFFIXES = (".yaml", ".yml")


def ledger_given_positionally(command: str, args: list[str]) -> Optional[str]:
    """``hanoi record LEDGER CODE ACTION DATE``: the ledger where the participant goes. When the first
    argument is an existing ``.yaml``/``.yml`` file, the sentence that says so, with the corrected command."""
    if not args or args[0].startswith("-"):
        return None
    path = args[0]
    if not path.lower().endswith(LEDGER_SUFFIXES) or not os.path.isfile(path):
        return None
    corrected = " ".join(shlex.quote(word) for word in ["hanoi", command, *args[1:], "--ledger", path])
    return f"{path!r} is a ledger file, and the ledger is given with -l/--ledger: {corrected}"
