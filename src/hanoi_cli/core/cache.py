"""A cache of validated ledgers, keyed by the exact bytes of the ledger file.

Reading a ledger means composing YAML and building Pydantic validators, which costs more than
everything else ``hanoi status`` does. A ledger changes far less often than it is read, so the
validated result is kept, keyed by a hash of the file's bytes together with the versions of hanoi
and Python: any edit, upgrade or other interpreter is a miss, and a miss simply reads the file.

Where: ``$HANOI_CACHE_DIR``, else ``$XDG_CACHE_HOME/hanoi``, else ``~/.cache/hanoi``; set
``HANOI_NO_CACHE=1`` to neither read nor write it. The cache is never required: any failure to
read or write it is ignored. Entries are pickles that may only rebuild hanoi's own ledger
classes and dates, so a planted file cannot run code.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional

from hanoi_cli import __version__
from hanoi_cli.core.models import FORMAT_REVISION, Ledger

CACHE_DIR_ENV = "HANOI_CACHE_DIR"
NO_CACHE_ENV = "HANOI_NO_CACHE"

_ALLOWED_MODULES = frozenset({"hanoi_cli.core.models", "hanoi_cli.core.dates"})
MAX_ENTRIES = 256  # beyond this, a write removes the least recently written entries


def cache_dir(environ: Optional[Mapping[str, str]] = None) -> Optional[Path]:
    """The cache folder, or None when caching is switched off."""
    env = os.environ if environ is None else environ
    if env.get(NO_CACHE_ENV, "").strip() not in ("", "0"):
        return None
    if env.get(CACHE_DIR_ENV, "").strip():
        return Path(env[CACHE_DIR_ENV])
    if env.get("XDG_CACHE_HOME", "").strip():
        return Path(env["XDG_CACHE_HOME"]) / "hanoi"
    return Path.home() / ".cache" / "hanoi"


def cache_key(content: bytes) -> str:
    digest = hashlib.blake2b(content, digest_size=20)
    digest.update(f"\0hanoi {__version__}/{FORMAT_REVISION}\0python {sys.version_info[:2]}".encode())
    return digest.hexdigest()


class _LedgerUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module in _ALLOWED_MODULES or (module, name) == ("datetime", "date"):
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a ledger cache")


def get(folder: Path, key: str) -> Optional[Ledger]:
    """The cached ledger for ``key``, or None (absent, unreadable, or not a ledger)."""
    try:
        data = (folder / f"{key}.pickle").read_bytes()
        ledger = _LedgerUnpickler(io.BytesIO(data)).load()
    except Exception:  # a cache that cannot be used is a miss, never an error
        return None
    return ledger if isinstance(ledger, Ledger) else None


def put(folder: Path, key: str, ledger: Ledger) -> None:
    """Store ``ledger`` under ``key``, atomically; failures are ignored."""
    import tempfile

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(ledger, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, folder / f"{key}.pickle")
        except BaseException:
            os.unlink(temporary)
            raise
        _prune(folder)
    except Exception:
        pass


def _prune(folder: Path) -> None:
    """Keep the cache bounded: only a miss writes, so only a miss pays for this."""
    entries = list(folder.glob("*.pickle"))
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda entry: entry.stat().st_mtime)
    for entry in entries[: len(entries) - MAX_ENTRIES]:
        entry.unlink(missing_ok=True)
