"""The hash functions taken from CPython's own modules give hashlib's digests (cache keys and the
reference set's key must not change with where the function came from)."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from hanoi_cli.core.reading.digests import blake2b, sha256


def test_the_digests_are_hashlibs() -> None:
    data = b"treaty:\n  id: XVIII-16\n" * 100
    assert blake2b(data, digest_size=20).hexdigest() == hashlib.blake2b(data, digest_size=20).hexdigest()
    assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    both = sha256(b"a")
    both.update(b"b")
    assert both.digest() == hashlib.sha256(b"ab").digest()


def test_reading_a_ledger_does_not_load_openssl() -> None:
    code = (
        "import sys; from hanoi_cli.core.reading.cache import cache_key; cache_key(b'x'); "
        "print('_hashlib' in sys.modules, 'tempfile' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
