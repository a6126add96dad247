"""How well each fact of a ledger is established: its sources, its depositary notification and
its evidence level, one set per fact.

A fact is written in the short form (``ratification: 2026-03-05``) or the long form::

    ratification:
      date: 2026-03-05
      evidence: depositary            # depositary | official | reported
      notification: C.N.123.2026.TREATIES-XVIII.16
      source: https://treaties.un.org/...

The short form means what it always meant: the fact is backed by the participant's own
``source`` list. A long-form fact is backed by its own sources and notification only, so a fact
recorded later never borrows the sources of an earlier one. A fact backed by nothing has no level
("unsourced") whatever its ``evidence`` says: an unsourced fact is never shown as confirmed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal, NamedTuple, Optional
from urllib.parse import urlsplit

# Strongest first: the depositary's own record or notification, a government's official text,
# the press or a secondary source.
LEVELS: tuple[str, ...] = ("depositary", "official", "reported")
Level = Literal["depositary", "official", "reported"]

# What a table prints for each level, one word each; a fact backed by nothing is "unsourced".
LEVEL_WORDS = {"depositary": "depositary", "official": "official", "reported": "reported", None: "unsourced"}

# The keys of a long-form fact besides its value (``date``, or ``text`` for statements).
FACT_KEYS: tuple[str, ...] = ("evidence", "notification", "source")
DATED_FACT_ORDER: tuple[str, ...] = ("date", *FACT_KEYS)
TEXT_FACT_ORDER: tuple[str, ...] = ("text", *FACT_KEYS)
# The participant keys that are statements (text), not dated actions.
STATEMENTS: tuple[str, ...] = ("reservations", "declarations")

# A depositary notification as the UN Secretary-General numbers them: C.N.196.2025.TREATIES-XVIII.16
# (number, year, chapter in Roman numerals, then the treaty's number and any sub-letters).
NOTIFICATION = re.compile(r"^C\.N\.(\d{1,5})\.(\d{4})\.TREATIES-[IVXL]+(?:\.[0-9A-Za-z]+)+$")


class FactProblem(ValueError):
    """A long-form fact that is wrong: a stable ``code``, and the ``key`` inside the fact it is at."""

    def __init__(self, code: str, message: str, key: Optional[str] = None) -> None:
        super().__init__(message)
        self.code, self.message, self.key = code, message, key


@dataclass(frozen=True)
class Fact:
    """The evidence a long-form fact gives for itself (a short-form fact has none of its own)."""

    action: str
    sources: tuple[str, ...] = ()
    notification: Optional[str] = None
    evidence: Optional[Level] = None


def notification_url(notification: str) -> Optional[str]:
    """The depositary's document for a notification (its English PDF), None if not one."""
    found = NOTIFICATION.match(notification)
    if found is None:
        return None
    number, year = found.groups()
    return f"https://treaties.un.org/doc/Publication/CN/{year}/CN.{number}.{year}-Eng.pdf"


def is_url(text: str) -> bool:
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not any(c.isspace() for c in text.strip())


def source_list(value: Any) -> list[str]:
    """A ``source`` value (text, a list of texts, or nothing) as a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [item for item in value if isinstance(item, str)]


def check_fact(value: dict[str, Any], main: str) -> Any:
    """Check a long-form fact (a mapping from the YAML, every scalar text); returns its ``main``
    value (``date`` or ``text``) unparsed, or raises ``FactProblem`` at the key that is wrong."""
    allowed = (main, *FACT_KEYS)
    for key in value:
        if key not in allowed:
            raise FactProblem(
                "unknown-key", f"unknown key {key!r} in a fact; expected one of: {', '.join(allowed)}", key
            )
    if value.get(main) is None:
        what = "its date: date: YYYY-MM-DD" if main == "date" else "its text: text: ..."
        raise FactProblem("fact-without-" + main, f"a fact written as a mapping needs {what}", None)
    level = value.get("evidence")
    if level is not None and level not in LEVELS:
        shown = level if isinstance(level, str) else "a list or mapping"
        raise FactProblem("invalid-evidence", f"evidence must be one of {', '.join(LEVELS)}, not {shown!r}", "evidence")
    notification = value.get("notification")
    if notification is not None and not (isinstance(notification, str) and NOTIFICATION.match(notification.strip())):
        raise FactProblem(
            "invalid-notification",
            f"{notification!r} is not a depositary notification number such as C.N.123.2026.TREATIES-XVIII.16",
            "notification",
        )
    sources = value.get("source")
    listed = [sources] if isinstance(sources, str) else sources if isinstance(sources, list) else None
    if sources is not None and listed is None:
        raise FactProblem("invalid-source", "source should be a URL or a list of URLs", "source")
    for item in listed or []:
        if not isinstance(item, str) or not is_url(item):
            raise FactProblem(
                "invalid-source", f"{item!r} is not a URL: a fact's source is an http(s) address", "source"
            )
    return value[main]


def fact_from_mapping(action: str, value: dict[str, Any]) -> Fact:
    """The ``Fact`` of a long-form value already checked by ``check_fact``."""
    notification = value.get("notification")
    return Fact(
        action=action,
        sources=tuple(item.strip() for item in source_list(value.get("source"))),
        notification=notification.strip() if isinstance(notification, str) else None,
        evidence=value.get("evidence"),
    )


@lru_cache(maxsize=1024)
def host(url: Optional[str]) -> Optional[str]:
    """The lower-case host of ``url``; parsed once per URL (a ledger cites the same few again and again)."""
    if not url:
        return None
    try:
        found = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return found.lower() if found else None


class Evidence(NamedTuple):
    """What backs one fact as shown: its level (None: unsourced), sources and notification, and
    whether they are the fact's own (long form) or the participant's (short form)."""

    level: Optional[Level]
    sources: tuple[str, ...]
    notification: Optional[str]
    own: bool

    @property
    def word(self) -> str:
        return LEVEL_WORDS[self.level]

    def record(self) -> dict[str, Any]:
        """The JSON of one fact's evidence: ``{evidence, sources, notification, notification_url}``."""
        return {
            "evidence": self.level,
            "sources": list(self.sources),
            "notification": self.notification,
            "notification_url": notification_url(self.notification) if self.notification else None,
        }


def evidence_of(participant: Any, action: str, hosts: frozenset[str]) -> Evidence:
    """How well ``action`` of ``participant`` is established; ``hosts`` are the depositary's."""
    fact = next((fact for fact in participant.facts if fact.action == action), None)
    if fact is None:
        sources = tuple(source_list(participant.source))
        return Evidence(_level(None, sources, None, hosts), sources, None, False)
    return Evidence(
        _level(fact.evidence, fact.sources, fact.notification, hosts), fact.sources, fact.notification, True
    )


def _level(stated: Optional[str], sources: tuple[str, ...], notification: Optional[str], hosts: frozenset[str]) -> Any:
    if not sources and not notification:
        return None  # nothing backs it: never shown as confirmed, whatever it claims
    if stated is not None:
        return stated
    if notification or any(host(url) in hosts for url in sources):
        return "depositary"
    return "reported"


def at_least(level: Optional[str], wanted: str) -> bool:
    """Whether ``level`` is as strong as ``wanted`` (depositary > official > reported > none)."""
    return level is not None and LEVELS.index(level) <= LEVELS.index(wanted)


def depositary_hosts(treaty: Any) -> frozenset[str]:
    """The hosts of the treaty's ``status_url`` and ``source``: where the depositary publishes."""
    return _hosts(treaty.status_url, treaty.source)


@lru_cache(maxsize=16)
def _hosts(status_url: Optional[str], source: Optional[str]) -> frozenset[str]:
    """Parsed once per treaty, not once per fact of every participant."""
    return frozenset(found for found in (host(status_url), host(source)) if found)
