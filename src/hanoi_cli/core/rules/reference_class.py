"""The reference class of the forecast: how fast real treaties gathered their counted deposits.

Each ledger of the reference set (``core.reading.reference_set``) is evaluated with hanoi's own
engine, so the days from its opening to each counted deposit up to its threshold date are what
hanoi itself would say. A record that cannot be read, or that never reaches its threshold (a copy
that ends too early), is left out with a note: the forecast says what it lacks and goes on.

Evaluating thirteen ledgers costs more than a forecast may (it must cost at most half a status
run more), so the summaries are kept in the ledger cache folder, keyed by the bytes of the files.
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Optional

from hanoi_cli import __version__

_FAR = date(9000, 1, 1)  # "as of the end of the record": every dated fact is established


@dataclass(frozen=True)
class ReferenceTreaty:
    """One real treaty's record from its opening to its threshold date."""

    id: str
    name: str  # short title, for messages
    opened: date
    threshold: int
    days: tuple[int, ...]  # days from the opening to each counted deposit up to the threshold date, sorted

    @property
    def family(self) -> str:
        """The UN Treaty Collection chapter (XVIII: penal matters; XXVI: disarmament)."""
        return self.id.split("-")[0]

    @property
    def threshold_days(self) -> int:
        return self.days[-1]

    def count_at(self, day: float) -> int:
        """Counted deposits ``day`` days after the opening."""
        return bisect_right(self.days, day)

    def day_of(self, count: int) -> int:
        """The day of the ``count``-th counted deposit (count >= 1)."""
        return self.days[min(len(self.days), max(1, count)) - 1]


@dataclass(frozen=True)
class ReferenceClass:
    treaties: tuple[ReferenceTreaty, ...]
    skipped: tuple[str, ...] = ()  # files that could not be read, and why (said in every forecast's notes)
    incomplete: tuple[str, ...] = ()  # ids of records that do not reach their threshold (left out quietly)

    def without(self, treaty_id: str) -> ReferenceClass:
        """Leave-one-out: never calibrate a forecast on the treaty being forecast."""
        wanted = treaty_id.strip().upper()
        kept = tuple(t for t in self.treaties if t.id.upper() != wanted)
        return ReferenceClass(kept, self.skipped, self.incomplete)


def summarise(ledger) -> Optional[ReferenceTreaty]:
    """The record of a ledger that reaches its threshold; None if it does not."""
    from hanoi_cli.core.rules.engine import evaluate
    from hanoi_cli.core.rules.timeline import window_start

    evaluation = evaluate(ledger, _FAR)
    reached = evaluation.threshold_date
    if reached is None:
        return None
    opened = window_start(evaluation)
    days = sorted(
        max(0, (party.deposited - opened).days)
        for party in evaluation.parties
        if party.counted and party.deposited is not None and party.deposited <= reached
    )
    treaty = ledger.treaty
    return ReferenceTreaty(treaty.id, treaty.display_title, opened, treaty.entry_into_force.threshold, tuple(days))


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
    key = hashlib.sha256(__version__.encode() + b"\0" + _SCHEMA)
    for path, content in contents:
        key.update(path.name.encode() + b"\0" + hashlib.sha256(content).digest())
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
