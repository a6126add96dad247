"""The forecast's reference class, read from the reference set's files and cached.

Rules never read files, so this is where the set's ledgers (``core.reading.reference_set``) become
the class ``rules.forecast`` is calibrated on (``rules.reference_class``). A record that cannot be
read, or that never reaches its threshold (a copy that ends too early), is left out with a note:
the forecast says what it lacks and goes on.

Evaluating thirteen ledgers costs more than a forecast may (it must cost at most half a status
run more), so the summaries are kept in the ledger cache folder, keyed by the bytes of the files.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Optional

from hanoi_cli import __version__
from hanoi_cli.core.reading.digests import sha256
from hanoi_cli.core.rules.reference_class import ReferenceClass, ReferenceTreaty, summarise


def load_reference_class(folder: Optional[Path] = None) -> ReferenceClass:
    """The reference class from the set's files (cached); missing or bad files become notes."""
    from hanoi_cli.core.reading.reference_set import reference_dir, reference_files

    folder = reference_dir() if folder is None else folder
    files = reference_files(folder)
    if not files:
        return ReferenceClass((), (f"the reference set is missing (no ledgers in {folder})",))
    contents = []
    for path in files:
        try:
            contents.append((path, path.read_bytes()))
        except OSError:
            contents.append((path, b""))  # read again below, where the loader says what is wrong
    key = sha256(__version__.encode() + b"\0" + _SCHEMA)
    for path, content in contents:
        key.update(path.name.encode() + b"\0" + sha256(content).digest())
    digest = key.hexdigest()
    if digest in _MEMO:
        return _MEMO[digest]
    cached = _cached(digest)
    if cached is None:
        cached = _build(contents)
        _store(digest, cached)
    _MEMO[digest] = cached
    return cached


_SCHEMA = b"reference-class-2"  # bump when the summary changes shape
_MEMO: dict[str, ReferenceClass] = {}  # within one process (a notebook, the back-test, the tests)


def _build(contents: list[tuple[Path, bytes]]) -> ReferenceClass:
    from hanoi_cli.core.ledger.problems import LedgerError
    from hanoi_cli.core.reading.loader import read_ledger

    treaties, skipped, incomplete = [], [], []
    for path, _content in contents:
        try:
            ledger = read_ledger(path).ledger
        except LedgerError as exc:
            first = exc.problems[0] if exc.problems else None
            why = f"{first.code}: {first.message}" if first is not None else "unreadable"
            skipped.append(f"{path.name} is left out of the reference set ({why})")
            continue
        summary = summarise(ledger)
        if summary is None:
            incomplete.append(ledger.treaty.id)
            continue
        treaties.append(summary)
    return ReferenceClass(tuple(treaties), tuple(skipped), tuple(incomplete))


def _cache_file(key: str) -> Optional[Path]:
    from hanoi_cli.core.reading.cache import cache_dir

    folder = cache_dir()
    return None if folder is None else folder / f"reference-{key[:32]}.json"


def _cached(key: str) -> Optional[ReferenceClass]:
    path = _cache_file(key)
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        treaties = tuple(
            ReferenceTreaty(t["id"], t["name"], date.fromisoformat(t["opened"]), int(t["threshold"]), tuple(t["days"]))
            for t in data["treaties"]
        )
        return ReferenceClass(treaties, tuple(data["skipped"]), tuple(data["incomplete"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _store(key: str, built: ReferenceClass) -> None:
    path = _cache_file(key)
    if path is None:
        return
    data = {
        "treaties": [
            {"id": t.id, "name": t.name, "opened": t.opened.isoformat(), "threshold": t.threshold, "days": list(t.days)}
            for t in built.treaties
        ],
        "skipped": list(built.skipped),
        "incomplete": list(built.incomplete),
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data), encoding="utf-8")
        temporary.replace(path)
    except OSError:
        pass  # the cache is never required
