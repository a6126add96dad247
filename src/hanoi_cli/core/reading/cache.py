"""A cache of validated ledgers, keyed by the exact bytes of the ledger file.

Reading a ledger means composing YAML and building Pydantic validators, which costs more than
everything else ``hanoi status`` does. A ledger changes far less often than it is read, so the
validated result is kept, keyed by a hash of the file's bytes together with the versions of hanoi
and Python and the source code of the modules that define the pickled classes: any edit, upgrade,
other interpreter or change to the ledger classes is a miss, and a miss simply reads the file.
(Keying on the code itself means no revision number has to be bumped by hand when a field is added.)

Where: ``$HANOI_CACHE_DIR``, else ``$XDG_CACHE_HOME/hanoi``, else ``~/.cache/hanoi``; set
``HANOI_NO_CACHE=1`` to neither read nor write it. The cache is never required: any failure to
read or write it is ignored. Entries are pickles that may only rebuild hanoi's own ledger
classes and dates, so a planted file cannot run code.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional

from hanoi_cli import __version__
from hanoi_cli.core.ledger import dates, evidence, models
from hanoi_cli.core.ledger.models import Ledger

CACHE_DIR_ENV = "HANOI_CACHE_DIR"
NO_CACHE_ENV = "HANOI_NO_CACHE"

_ALLOWED_MODULES = frozenset({models.__name__, dates.__name__, evidence.__name__})
# Bounds of the cache folder; beyond either, a write removes the least recently written entries.
# A ledger of 100 participants takes about 16 KB, so the bounds hold a few thousand ledgers: a
# collection of hundreds read at once (``hanoi status *.yaml``) stays cached instead of thrashing.
MAX_ENTRIES = 4096
MAX_BYTES = 128 * 1024 * 1024
PRUNE_EVERY = 256  # a process checks the bounds on its first write, then every this many writes
_writes = 0


def cache_dir(environ: Optional[Mapping[str, str]] = None) -> Optional[Path]:
    """The cache folder, or None when caching is switched off."""
    env = os.environ if environ is None else environ
    if env.get(NO_CACHE_ENV, "").strip() not in ("", "0"):
        return None
    if env.get(CACHE_DIR_ENV, "").strip():
        return Path(env[CACHE_DIR_ENV])
    if env.get("XDG_CACHE_HOME", "").strip():
        return Path(env["XDG_CACHE_HOME"]) / "hanoi"
    try:
        return Path.home() / ".cache" / "hanoi"
    except RuntimeError:  # no HOME and no passwd entry (a container's arbitrary user): no cache
        return None


@functools.lru_cache(maxsize=1)
def model_fingerprint() -> bytes:
    """A hash of the source of every module whose classes a cache entry holds."""
    digest = hashlib.blake2b(f"hanoi {__version__}\0python {sys.version_info[:2]}".encode(), digest_size=20)
    for module in (models, dates, evidence):
        try:
            digest.update(Path(module.__file__ or "").read_bytes())
        except OSError:  # no source beside the bytecode: the version must do
            digest.update(module.__name__.encode())
    return digest.digest()


def cache_key(content: bytes) -> str:
    digest = hashlib.blake2b(content, digest_size=20)
    digest.update(model_fingerprint())
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
        _prune_now_and_then(folder)
    except Exception:
        pass


def _prune_now_and_then(folder: Path) -> None:
    """Check the bounds on a process's first write and every ``PRUNE_EVERY`` writes after it:
    a run that misses on hundreds of ledgers lists the folder a few times, not once per ledger."""
    global _writes
    _writes += 1
    if (_writes - 1) % PRUNE_EVERY == 0:
        _prune(folder)


def _prune(folder: Path) -> None:
    """Remove the least recently written entries until both bounds hold."""
    entries = []
    with os.scandir(folder) as listing:
        for entry in listing:
            if entry.name.endswith(".pickle") and not entry.name.startswith("."):
                stat = entry.stat()
                entries.append((stat.st_mtime, stat.st_size, entry.path))
    total = sum(size for _, size, _ in entries)
    if len(entries) <= MAX_ENTRIES and total <= MAX_BYTES:
        return
    entries.sort()
    for count, (_, size, path) in enumerate(entries):
        if len(entries) - count <= MAX_ENTRIES and total <= MAX_BYTES:
            break
        Path(path).unlink(missing_ok=True)
        total -= size
