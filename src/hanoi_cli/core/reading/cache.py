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

The same folder keeps the ledger validator's pydantic-core schema (``get_schema``/``put_schema``):
building it through Pydantic costs more than reading a ledger of a few hundred participants, and a
cold run (a ledger just edited, a batch of new files) rebuilds only the validator from it. It is
keyed on the source of the modules that shape it and the versions of Pydantic and pydantic-core.
"""

from __future__ import annotations

import functools
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
from hanoi_cli.core.reading.digests import blake2b

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
    digest = blake2b(f"hanoi {__version__}\0python {sys.version_info[:2]}".encode(), digest_size=20)
    for module in (models, dates, evidence):
        try:
            digest.update(Path(module.__file__ or "").read_bytes())
        except OSError:  # no source beside the bytecode: the version must do
            digest.update(module.__name__.encode())
    return digest.digest()


def cache_key(content: bytes) -> str:
    digest = blake2b(content, digest_size=20)
    digest.update(model_fingerprint())
    return digest.hexdigest()


# The package whose functions and classes a cached core schema may name (as references, never code):
# the ledger format's own modules, all of which the schema's key covers.
_SCHEMA_PACKAGE = "hanoi_cli.core.ledger."
SCHEMA_PREFIX, SCHEMA_SUFFIX = "ledger-schema-", ".core"


@functools.lru_cache(maxsize=1)
def schema_key() -> str:
    """A hash of what decides the ledger's core schema: the modules that define it, hanoi,
    Python, Pydantic and pydantic-core (all imported already by whoever validates)."""
    import importlib

    import pydantic_core
    from pydantic.version import VERSION

    digest = blake2b(f"pydantic {VERSION}\0core {pydantic_core.__version__}".encode(), digest_size=20)
    digest.update(model_fingerprint())
    folder = Path(importlib.import_module(_SCHEMA_PACKAGE.rstrip(".")).__file__ or "").parent
    try:
        for path in sorted(folder.glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    except OSError:  # no sources beside the bytecode: the versions must do
        digest.update(b"no sources")
    return digest.hexdigest()


class _SchemaPickler(pickle.Pickler):
    """Writes every function and class as a reference (module, qualified name) to hanoi's ledger
    modules; anything else that is not plain data makes the write fail (and so no entry)."""

    def persistent_id(self, obj: Any) -> Any:
        if not callable(obj) or (isinstance(obj, type) and obj.__module__ == "builtins"):
            return None
        module, name = getattr(obj, "__module__", None), getattr(obj, "__qualname__", "")
        if isinstance(module, str) and module.startswith(_SCHEMA_PACKAGE) and _schema_reference(module, name) is obj:
            return (module, name)
        raise pickle.PicklingError(f"{obj!r} cannot be named in a cached schema")


class _SchemaUnpickler(pickle.Unpickler):
    """Rebuilds plain data and references to hanoi's ledger modules; no global of any other kind."""

    def persistent_load(self, pid: Any) -> Any:
        if (
            isinstance(pid, tuple)
            and len(pid) == 2
            and isinstance(pid[0], str)
            and pid[0].startswith(_SCHEMA_PACKAGE)
            and isinstance(pid[1], str)
        ):
            return _schema_reference(*pid)
        raise pickle.UnpicklingError("not a reference to hanoi's ledger modules")

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cached schema")


def _schema_reference(module: str, qualname: str) -> Any:
    """A module's function or class by qualified name (``DateSpan.isoformat``), never a private
    attribute of Python's own (no dunder names)."""
    import importlib

    found: Any = importlib.import_module(module)
    for part in qualname.split("."):
        if not part or part.startswith("__"):
            raise pickle.UnpicklingError(f"{qualname!r} is not a name a schema uses")
        found = getattr(found, part)
    return found


def _without_metadata(schema: Any) -> Any:
    """The core schema without its ``metadata`` (JSON Schema hooks, which validation never reads)."""
    if isinstance(schema, dict):
        return {key: _without_metadata(value) for key, value in schema.items() if key != "metadata"}
    if isinstance(schema, list):
        return [_without_metadata(item) for item in schema]
    return schema


def get_schema(folder: Path, key: str) -> Optional[dict[str, Any]]:
    """The cached core schema for ``key``, or None (absent, unreadable, planted or damaged)."""
    try:
        data = (folder / f"{SCHEMA_PREFIX}{key}{SCHEMA_SUFFIX}").read_bytes()
        schema = _SchemaUnpickler(io.BytesIO(data)).load()
    except Exception:  # a cache that cannot be used is a miss, never an error
        return None
    return schema if isinstance(schema, dict) else None


def put_schema(folder: Path, key: str, schema: dict[str, Any]) -> None:
    """Store the core schema under ``key`` (replacing older ones), atomically; failures are ignored."""
    try:
        stream = io.BytesIO()
        _SchemaPickler(stream, protocol=pickle.HIGHEST_PROTOCOL).dump(_without_metadata(schema))
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = _temporary(folder, SCHEMA_SUFFIX)
        try:
            with os.fdopen(handle, "wb") as output:
                output.write(stream.getvalue())
            os.replace(temporary, folder / f"{SCHEMA_PREFIX}{key}{SCHEMA_SUFFIX}")
        except BaseException:
            os.unlink(temporary)
            raise
        for old in folder.glob(f"{SCHEMA_PREFIX}*{SCHEMA_SUFFIX}"):  # one schema at a time: older ones are dead
            if old.name != f"{SCHEMA_PREFIX}{key}{SCHEMA_SUFFIX}":
                old.unlink(missing_ok=True)
    except Exception:
        pass


class _LedgerUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module in _ALLOWED_MODULES or (module, name) == ("datetime", "date"):
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a ledger cache")


def _temporary(folder: Path, suffix: str) -> tuple[int, Path]:
    """A new file of our own in ``folder`` to write an entry into before it is renamed into place
    (``tempfile.mkstemp``'s guarantees, an exclusive create of an unguessable name, without its
    import on every cold run)."""
    temporary = folder / f".tmp-{os.urandom(8).hex()}{suffix}"
    return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600), temporary


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
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = _temporary(folder, ".pickle")
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
