"""The hash functions of the ledger cache and the reference set's key, from CPython's own modules.

``import hashlib`` loads the OpenSSL bindings (about 2 ms, every run that reads a ledger: the cache
key), though BLAKE2 always comes from CPython's ``_blake2`` and SHA-256 is the same function
whoever computes it. The fallbacks are hashlib's, for a Python built without these modules.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - every CPython has it
    from hashlib import blake2b

try:
    from _sha2 import sha256  # type: ignore[import-not-found, unused-ignore]  # Python 3.12 and later
except ImportError:
    try:
        from _sha256 import sha256  # type: ignore[import-not-found, no-redef, unused-ignore]  # Python 3.11 and earlier
    except ImportError:  # pragma: no cover
        from hashlib import sha256  # type: ignore[assignment, unused-ignore]

__all__ = ["blake2b", "sha256"]
