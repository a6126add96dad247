"""Which form ``hanoi record`` writes a fact in: the short form where it means exactly what was
recorded, the long form (``core.ledger.evidence``) where the fact needs evidence of its own.

A short-form fact is backed by the participant's ``source`` list. So a fact recorded with only a
``--source`` is written short (and the URL goes to that list) only where nothing else would
borrow it or lend to it: a participant with no sources yet and no other short-form fact. In every
other case, and whenever a notification or an evidence level is given, the fact carries its own.
A fact recorded with no source on a participant that has sources is written ``{date: ...}``, so it
does not borrow them: an unsourced fact is never shown as confirmed.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple, Optional

from hanoi_cli.core.ledger.evidence import DATED_FACT_ORDER, source_list
from hanoi_cli.core.ledger.instruments import ACTIONS


class FactEvidence(NamedTuple):
    """What ``hanoi record`` was told about a fact besides its date."""

    source: Optional[str] = None
    notification: Optional[str] = None
    evidence: Optional[str] = None

    @property
    def own(self) -> bool:
        """Whether only the long form can say it (a notification or a level)."""
        return self.notification is not None or self.evidence is not None


def fact_date(value: Any) -> Any:
    """The date of a fact as written: the value itself (short form) or its ``date`` (long form)."""
    return value.get("date") if isinstance(value, dict) else value


def _short_facts(entry: dict[str, Any], action: str) -> list[str]:
    return [key for key in ACTIONS if key != action and entry.get(key) is not None and not isinstance(entry[key], dict)]


def value_to_write(
    entry: dict[str, Any], action: str, on: date | str, given: FactEvidence
) -> tuple[Any, Optional[str], Optional[str]]:
    """``(value of the key, URL to add to the participant's sources, note)`` for recording
    ``action`` on ``on`` in the participant ``entry`` (its plain data; ``{}`` for a new one)."""
    existing = entry.get(action)
    has_sources = bool(source_list(entry.get("source")))
    if isinstance(existing, dict) and fact_date(existing) == _plain(on):
        return _merged(existing, on, given), None, None
    if existing is not None and existing == _plain(on) and not given.own:
        return existing, given.source, None  # the same short-form fact: a source joins the participant's
    if given.own or (given.source and (has_sources or _short_facts(entry, action))):
        return long_form(on, [given.source] if given.source else [], given), None, _note(action, given)
    if given.source:
        return on, given.source, None
    if has_sources:
        note = f"no --source: the {action.replace('_', ' ')} is recorded as unsourced ({{date: ...}}), "
        note += "not backed by the participant's sources"
        return {"date": on}, None, note
    return on, None, _note(action, given)


def _note(action: str, given: FactEvidence) -> Optional[str]:
    if given.source or given.notification:
        return None
    return f"no --source: the {action.replace('_', ' ')} is shown as unsourced until a source is given"


def _plain(on: date | str) -> str:
    return on.isoformat() if isinstance(on, date) else on


def long_form(on: date | str, sources: list[str], given: FactEvidence) -> dict[str, Any]:
    """A fact in the long form: its date, evidence level, notification and sources (one: a plain text)."""
    value: dict[str, Any] = {"date": on}
    if given.evidence:
        value["evidence"] = given.evidence
    if given.notification:
        value["notification"] = given.notification
    if sources:
        value["source"] = sources[0] if len(sources) == 1 else sources
    return value


def _merged(existing: dict[str, Any], on: date | str, given: FactEvidence) -> dict[str, Any]:
    """A long-form fact with what was given added: a new source appended, a level or notification set."""
    sources = source_list(existing.get("source"))
    if given.source and given.source not in sources:
        sources.append(given.source)
    merged = {key: existing[key] for key in DATED_FACT_ORDER if key in existing}
    merged.update(long_form(fact_date(existing), sources, FactEvidence()))
    if given.evidence:
        merged["evidence"] = given.evidence
    if given.notification:
        merged["notification"] = given.notification
    return {key: merged[key] for key in DATED_FACT_ORDER if key in merged}
