"""``hanoi new``: a new ledger for a treaty, written from the depositary's status file.

Read the status file, parse it, take the rule of entry into force as given or as read from the
article the file quotes, write the YAML, and refuse it (as the edit transaction refuses an edit)
unless it passes ``hanoi validate``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Optional

from hanoi_cli.core.ledger.problems import ExitCode, Problem


class RuleUnreadable(ValueError):
    """The rule of entry into force is neither given nor readable from the quoted article (a usage error)."""


@dataclass(frozen=True)
class NewLedger:
    """A new ledger: its YAML ``text``, the status file's ``url``, how many ``participants`` it
    lists, and its warnings (``hanoi validate``'s)."""

    text: str
    url: str
    participants: int
    warnings: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()
    exit_code: ExitCode = ExitCode.OK


def new(
    treaty_id: str,
    *,
    as_of: date,
    source: Optional[str] = None,
    rule: Optional[dict[str, Any]] = None,
    timeout: float = 30.0,
    name: Optional[str] = None,
) -> NewLedger:
    """Make the ledger of ``treaty_id`` from ``source`` (default: the URL computed from the id), read
    on ``as_of``; ``rule`` (the ledger's ``entry_into_force`` mapping) overrides the quoted article.
    ``name`` labels its problems (default: ``ID.yaml``)."""
    from hanoi_cli.core.commands.transaction import require_valid_new
    from hanoi_cli.core.depositary.new_ledger import deposits_by, new_ledger_text, withdrawn_warnings, written_rows
    from hanoi_cli.core.depositary.source import read_status_source
    from hanoi_cli.core.depositary.status_file import parse_status

    found = read_status_source(source, status_url_field=None, treaty_id=treaty_id, timeout=timeout)
    status = parse_status(found.data, found.read_from, treaty_id=treaty_id)  # problems point at the file read
    entry_into_force, quoted = _rule_from(
        rule, status.eif_text, status.in_force_on, deposits_by(status, status.in_force_on)
    )
    text = new_ledger_text(status, found.url, as_of, entry_into_force, later_parties_quoted=quoted, treaty_id=treaty_id)
    read_past = [*status.warnings, *withdrawn_warnings(status, found.url)]  # rows and headings left out, located
    warnings = require_valid_new(text, name or f"{treaty_id}.yaml", as_of=as_of)
    return NewLedger(text, found.url, written_rows(status), (*read_past, *warnings))


def _rule_from(
    given: Optional[dict[str, Any]], quoted: str, in_force_on: Optional[date], by_then: int
) -> tuple[dict[str, Any], bool]:
    """The rule as given, or as read from the quoted article (an in-force treaty: its date, and the
    later parties' period), or RuleUnreadable saying how to give it."""
    from hanoi_cli.core.depositary.eif_rule import IN_FORCE_RULE_HELP, rule_for_new

    reading = rule_for_new(given, quoted, in_force_on, by_then)
    if reading.rule is None and in_force_on is not None:
        raise RuleUnreadable(f"{reading.reason}: give it with {IN_FORCE_RULE_HELP}")
    if reading.rule is None:
        shown = " ".join(quoted.split()) or "(the status file quotes no article)"
        if len(shown) > 300:
            shown = shown[:297] + "..."
        raise RuleUnreadable(
            f"the rule of entry into force cannot be read from what the status file quotes ({reading.reason}): "
            f"{shown!r}; give it with --rule '{{threshold: N, after: {{days: D}}}}' (the ledger's entry_into_force format)"
        )
    return reading.rule, reading.later_parties_quoted
