"""A new ledger, as YAML text, from a treaty's status file: what ``hanoi new`` writes.

The text is written directly in the canonical form ``hanoi fmt`` keeps (keys in the model's order,
the orders ``key_order`` takes from the models; participants by name; plain ISO dates), so the
new file passes ``hanoi fmt --check`` as written. ``kind`` is written only when it is not ``state``
(the default). A table without a signature column writes ``signature_stage: false``; a file without
a ``Status`` element writes no counts. A withdrawn participant (its dates in brackets) is left out
with a warning: the ledger could only hold it as a party, since the date of its denunciation is
not in the table (``withdrawn_warnings`` gives the commands that add it by hand).
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any, Optional

from hanoi_cli.core.depositary.names import match_rows, resolver
from hanoi_cli.core.depositary.status_file import DepositaryStatus, StatusRow
from hanoi_cli.core.editing.key_order import PERIOD_ORDER, REQUIREMENT_ORDER, RULE_ORDER
from hanoi_cli.core.ledger.names import name_key
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem

DEPOSITARY = "Secretary-General of the United Nations"
NOT_QUOTED = "the status file does not quote the later-parties paragraph; read the treaty's article and add it"
IN_FORCE = "in force since the depositary's date; threshold (the deposits by then) and not_before stand for it:"

_PLAIN = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z0-9\u00C0-\u024F .,'()\-/&]*")
_PLAIN_URL = re.compile(r"https?://[^\s#\"'{}\[\],]+")
_YAML_WORDS = {"yes", "no", "y", "n", "true", "false", "on", "off", "null"}


# What YAML may not hold raw (its reader refuses C1 controls and DEL) or reads as a line break
# (NEL, LS, PS): escaped as \uXXXX, which a double-quoted YAML scalar reads back as the character.
_NOT_RAW = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _quoted(text: str) -> str:
    """A string as a double-quoted YAML scalar that hanoi's own reader takes back unchanged."""
    return _NOT_RAW.sub(lambda match: f"\\u{ord(match[0]):04x}", json.dumps(text, ensure_ascii=False))


def _scalar(text: str) -> str:
    """A string as a YAML scalar: plain where YAML reads it back unchanged, else double-quoted."""
    if _PLAIN_URL.fullmatch(text):
        return text
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS and not text.endswith((" ", ".")):
        return text
    return _quoted(text)


def _in_order(mapping: dict[str, Any], order: tuple[str, ...]) -> list[str]:
    """The keys of ``mapping`` in the model's ``order`` (as ``hanoi fmt`` puts them), unknown keys last."""
    return sorted(mapping, key=lambda k: order.index(k) if k in order else len(order))


def _flow(mapping: dict[str, Any], order: tuple[str, ...]) -> str:
    return "{" + ", ".join(f"{key}: {_value(mapping[key])}" for key in _in_order(mapping, order)) + "}"


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return _flow(value, PERIOD_ORDER)
    return _scalar(str(value))


def _refuse(code: str, message: str, source: str) -> LedgerError:
    return LedgerError([Problem(code, message, source)], ExitCode.PROBLEMS)


def new_ledger_text(
    status: DepositaryStatus,
    source_url: str,
    read_on: date,
    rule: dict[str, Any],
    *,
    later_parties_quoted: bool = True,
    treaty_id: Optional[str] = None,
) -> str:
    """The YAML of a new ledger for the treaty ``status`` describes, crediting ``source_url``.

    ``rule`` is the ``entry_into_force`` mapping (from ``eif_rule`` or the user's ``--rule``).
    With ``later_parties_quoted`` False and no ``later_parties`` in the rule, a comment says the
    article's later-parties paragraph was not read. Raises ``LedgerError`` (exit 1) when a name
    matches nothing or two rows are one participant.
    """
    wanted_id = treaty_id or status.treaty_id
    if not wanted_id:
        raise _refuse("missing-treaty-id", "the treaty's id is not in the source's URL: give it", status.source)
    if not status.title:
        raise _refuse("missing-title", "the status file has no title (Titlesect)", status.source)
    rows = _participant_rows(status)
    lines = [
        f"# Ledger for {wanted_id}, made by hanoi new from the depositary's status file",
        f"# {source_url} as read on {read_on.isoformat()}.",
        "treaty:",
        f"  id: {_scalar(wanted_id)}",
        f"  title: {_quoted(status.title)}",
    ]
    if status.conclusion_date is not None:
        lines.append(f"  adopted: {status.conclusion_date.isoformat()}")
    lines.append(f"  depositary: {DEPOSITARY}")
    lines += _rule_lines(rule, later_parties_quoted)
    if status.in_force_on is not None and rule.get("not_before") == status.in_force_on:
        lines.append(f"    # {IN_FORCE} {status.in_force_on.isoformat()}")
    lines += [f"  source: {_scalar(source_url)}", f"  status_url: {_scalar(source_url)}", "  reported:"]
    if status.signatories is not None:
        lines.append(f"    signatories: {status.signatories}")
    if status.parties is not None:
        lines.append(f"    parties: {status.parties}")
    lines += [f"    as_of: {read_on.isoformat()}", f"    source: {_scalar(source_url)}"]
    lines.append(f"  checked: {read_on.isoformat()}")  # read from the depositary today, as a sync would say
    if not status.has_signature_column:
        lines.append("  signature_stage: false")
    lines += _participant_lines(rows, source_url)
    return "\n".join(lines) + "\n"


def _participant_rows(status: DepositaryStatus) -> list[tuple[str, str, str, StatusRow]]:
    """Each row as ``(name, code, kind, row)`` in the order ``hanoi fmt`` keeps (by name); every row
    whose name matches nothing, or whose participant an earlier row already is, raised together."""
    problems: list[Problem] = []
    rows: list[tuple[str, str, str, StatusRow]] = []
    for row, found, first in match_rows([row for row in status.rows if not row.withdrawn], resolver()):
        if found is None:
            message = (
                f"row {row.number}: {row.name!r} matches no UN depositary name hanoi knows and no ISO 3166 name "
                "exactly; add it to the new ledger by hand with its code"
            )
            problems.append(row.problem("unknown-participant-name", message, status.source))
            continue
        code, kind = found
        if first is not None:
            message = f"row {row.number}: {row.name!r} and {first.name!r} are both {code}"
            problems.append(row.problem("duplicate-participant", message, status.source))
            continue
        rows.append((row.name, code, kind, row))
    if problems:
        raise LedgerError(problems, ExitCode.PROBLEMS)
    rows.sort(key=lambda item: (name_key(item[0]), item[1]))
    return rows


def _rule_lines(rule: dict[str, Any], later_parties_quoted: bool) -> list[str]:
    """The ``entry_into_force`` block, keys in the model's order, and a reminder when the later-parties
    paragraph was not read."""
    lines = ["  entry_into_force:"]
    for key in _in_order(rule, RULE_ORDER):
        value = rule[key]
        if key == "requires":
            lines.append("    requires:")
            lines.extend(f"      - {_flow(item, REQUIREMENT_ORDER)}" for item in value)
            continue
        lines.append(f"    {key}: {_value(value)}")
    if not later_parties_quoted and "later_parties" not in rule:
        lines.append(f"    # later_parties: {NOT_QUOTED}")
    return lines


def _participant_lines(rows: list[tuple[str, str, str, StatusRow]], source_url: str) -> list[str]:
    """The ``participants`` list: one entry a row, with a comment asking for a withdrawn one's denunciation."""
    lines = ["participants: []" if not rows else "participants:"]
    for name, code, kind, row in rows:
        lines.append(f"  - name: {_scalar(name)}")
        lines.append(f"    code: {code}")
        if kind != "state":
            lines.append(f"    kind: {kind}")
        if row.signature is not None:
            lines.append(f"    signature: {row.signature.isoformat()}")
        if row.instrument is not None:
            lines.append(f"    {row.instrument.kind}: {row.instrument.date.isoformat()}")
        lines.append(f"    source: {_scalar(source_url)}")
    return lines


def withdrawn_warnings(status: DepositaryStatus, source_url: str) -> list[Problem]:
    """A located warning for each withdrawn row ``new_ledger_text`` leaves out, with the commands
    that add it once its denunciation date is known (from the status file's end notes)."""
    from hanoi_cli.core.depositary.sync_plan import record_commands

    found = resolver()
    warnings = []
    for row in status.rows:
        if row.withdrawn:
            code = (found(row.name) or ("<CODE>", "state"))[0]
            commands = " and ".join(record_commands(code, row, source_url))
            message = (
                f"row {row.number} ({row.name}) has withdrawn (its dates are in brackets) and the table does not "
                f"give the date of its denunciation, so it is left out; add it with {commands}"
            )
            warnings.append(row.problem("withdrawn-participant", message, status.source, "warning"))
    return warnings


def deposits_by(status: DepositaryStatus, day: Optional[date]) -> int:
    """How many rows the new ledger holds with an instrument deposited on or before ``day``."""
    if day is None:
        return 0
    return sum(1 for row in status.rows if not row.withdrawn and row.instrument and row.instrument.date <= day)


def written_rows(status: DepositaryStatus) -> int:
    """How many participants ``new_ledger_text`` writes (withdrawn rows are left out)."""
    return sum(1 for row in status.rows if not row.withdrawn)
