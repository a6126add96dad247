"""``hanoi fmt``: the canonical form of a ledger, written in stages from the inside out (dates,
inner mappings, the rule, the treaty, the participants' order, the top level), each stage a pass
over a fresh ``EditSession``.
"""

from __future__ import annotations

from typing import Any, Optional

from hanoi_cli.core.editing.key_order import (
    PARTICIPANT_ORDER,
    PERIOD_ORDER,
    REQUIREMENT_ORDER,
    ROOT_ORDER,
    RULE_ORDER,
    TREATY_ORDER,
    WINDOW_ORDER,
    rank,
)
from hanoi_cli.core.editing.session import EditSession, layout_problem, schema_problems
from hanoi_cli.core.editing.yaml_text import LayoutError, scalar_text
from hanoi_cli.core.ledger.evidence import DATED_FACT_ORDER, STATEMENTS, TEXT_FACT_ORDER
from hanoi_cli.core.ledger.instruments import ACTIONS
from hanoi_cli.core.ledger.names import name_key
from hanoi_cli.core.ledger.problems import LedgerError
from hanoi_cli.core.reading.nodes import is_flow, is_mapping, is_scalar, is_sequence, key_texts, value_of

_DATE_KEYS = {
    "participant": ACTIONS,
    "treaty": ("adopted",),
    "window": WINDOW_ORDER,
    "rule": ("not_before",),
}


def canonical(text: str, name: str) -> str:
    """The canonical form of a ledger: participants sorted by name (ignoring case and accents,
    then by code), keys in the model's order, quoted dates written plain ``YYYY-MM-DD``.

    Whole blocks move (a key or an item with the comment lines directly above it); each keeps its
    own text and indentation style, and a flow mapping is written anew only when its order or a
    date in it changes. Stages from the inside out, each a pass over a fresh composition, so no
    two moves overlap. Idempotent.
    """
    session = EditSession(text, name)
    _require_valid_input(session)
    stages = (_stage_dates, _stage_facts, _stage_inner, _stage_rule, _stage_treaty, _stage_sort, _stage_root)
    for number, stage in enumerate(stages):
        try:
            stage(session)
        except LayoutError as exc:
            raise layout_problem(session.doc, exc) from None
        if session.doc.splices:
            text = session.doc.render()
            if stages[number + 1 :] == (_stage_root,) and _root_in_order(session):
                break  # sorting moved no root key: composing the sorted text again would find nothing to do
            session = EditSession(text, name)
    return text


def _root_in_order(session: EditSession) -> bool:
    """Whether the root's keys already stand in ``ROOT_ORDER`` (so ``_stage_root`` leaves them)."""
    keys = key_texts(session.doc.root)
    wanted = sorted(range(len(keys)), key=lambda position: (rank(keys[position], ROOT_ORDER), position))
    return wanted == list(range(len(keys)))


def sort_participants(text: str, name: str, *, unless_unsorted: Optional[str] = None) -> str:
    """``text`` with its participants in ``canonical``'s name order, nothing else touched (after a
    rename). With ``unless_unsorted``, only if that earlier text had them in order: a list the
    user keeps in an order of their own is left as it is."""
    if unless_unsorted is not None and sort_participants(unless_unsorted, name) != unless_unsorted:
        return text
    session = EditSession(text, name)
    try:
        _stage_sort(session)
    except LayoutError as exc:
        raise layout_problem(session.doc, exc) from None
    return session.doc.render() if session.doc.splices else text


def _require_valid_input(session: EditSession) -> None:
    """fmt repairs nothing: a ledger the schema rejects is refused with its problems where they are."""
    problems = schema_problems(session)
    if problems:
        raise LedgerError(problems)


def _rule(session: EditSession) -> Any:
    return value_of(session.treaty_node, "entry_into_force")


def _unquoted_date(node: Any) -> Optional[str]:
    """The plain text of a quoted date or date interval, None if it is not one."""
    from hanoi_cli.core.ledger.dates import parse_date_span, parse_iso_date

    if not is_scalar(node) or node.style not in ("'", '"'):
        return None
    for parse in (parse_iso_date, parse_date_span):
        try:
            parse(node.value)
        except ValueError:
            continue
        return node.value if scalar_text(node.value) == node.value else None
    return None


def _stage_dates(session: EditSession) -> None:
    """Quoted dates in block mappings become plain (those in flow mappings go with their rewrite)."""
    targets = [(node, _DATE_KEYS["participant"]) for node in session.nodes]
    targets += [(value, ("date",)) for node in session.nodes for value in _values_of(node, ACTIONS)]  # long-form facts
    targets.append((session.treaty_node, _DATE_KEYS["treaty"]))
    targets.append((value_of(session.treaty_node, "signature"), _DATE_KEYS["window"]))
    targets.append((_rule(session), _DATE_KEYS["rule"]))
    for mapping, keys in targets:
        if mapping is None or not is_mapping(mapping) or is_flow(mapping):
            continue
        for key_node, value_node in mapping.value:
            if key_node.value in keys:
                plain = _unquoted_date(value_node)
                if plain is not None:
                    session.doc.replace_scalar(value_node, plain)


def _reorder(session: EditSession, mapping: Any, order: tuple[str, ...], date_keys: tuple[str, ...] = ()) -> None:
    if mapping is None or not is_mapping(mapping) or not mapping.value:
        return
    doc = session.doc
    keys = key_texts(mapping)
    wanted = sorted(range(len(keys)), key=lambda position: (rank(keys[position], order), position))
    if not is_flow(mapping):
        doc.reorder_block(mapping, wanted)
        return
    values = []
    for key_node, value_node in mapping.value:
        plain = _unquoted_date(value_node) if key_node.value in date_keys else None
        values.append(plain if plain is not None else doc.source(value_node))
    changed = values != [doc.source(pair[1]) for pair in mapping.value]
    if (wanted == list(range(len(keys))) and not changed) or doc.flow_entries_have_comments(mapping):
        return  # a flow mapping with comments inside keeps its order: rewriting it would lose them
    entries = [(doc.source(mapping.value[position][0]), values[position]) for position in wanted]
    if any(not is_scalar(mapping.value[position][0]) for position in wanted):
        return
    doc.rewrite_flow_mapping(mapping, entries)


def _stage_inner(session: EditSession) -> None:
    treaty, rule = session.treaty_node, _rule(session)
    _reorder(session, value_of(treaty, "signature"), WINDOW_ORDER, _DATE_KEYS["window"])
    _reorder(session, value_of(treaty, "denunciation_takes_effect"), PERIOD_ORDER)
    for key in ("after", "later_parties"):
        _reorder(session, value_of(rule, key), PERIOD_ORDER)
    requires = value_of(rule, "requires")
    if requires is not None and is_sequence(requires):
        for requirement in requires.value:
            _reorder(session, requirement, REQUIREMENT_ORDER)
    for node in session.nodes:
        _reorder(session, node, PARTICIPANT_ORDER, _DATE_KEYS["participant"])


def _stage_facts(session: EditSession) -> None:
    """Long-form facts: date (or text), evidence, notification, source; before the participant's
    own keys move, so no two moves overlap."""
    for node in session.nodes:
        for value in _values_of(node, ACTIONS):
            _reorder(session, value, DATED_FACT_ORDER, ("date",))
        for value in _values_of(node, STATEMENTS):
            _reorder(session, value, TEXT_FACT_ORDER)


def _values_of(mapping: Any, keys: tuple[str, ...]) -> list[Any]:
    """``value_of(mapping, key)`` for each of ``keys`` in one scan of the mapping's keys (a ledger
    of 50,000 participants: one scan of each participant, not one per key asked for)."""
    found: dict[str, Any] = {}
    if is_mapping(mapping):
        for key_node, value_node in mapping.value:
            if is_scalar(key_node) and key_node.value in keys:
                found.setdefault(key_node.value, value_node)
    return [found.get(key) for key in keys]


def _stage_rule(session: EditSession) -> None:
    _reorder(session, _rule(session), RULE_ORDER, _DATE_KEYS["rule"])


def _stage_treaty(session: EditSession) -> None:
    _reorder(session, session.treaty_node, TREATY_ORDER, _DATE_KEYS["treaty"])


def _stage_sort(session: EditSession) -> None:
    def sort_key(position: int) -> tuple[str, str]:
        item = session.data[position]
        return name_key(str(item.get("name") or "")), str(item.get("code") or "")

    order = sorted(range(len(session.nodes)), key=sort_key)
    if order == list(range(len(order))):
        return
    doc, sequence = session.doc, session.list_node
    if not is_flow(sequence):
        doc.reorder_block(sequence, order)
    elif not doc.flow_entries_have_comments(sequence):
        doc.reorder_flow_sequence(sequence, order)


def _stage_root(session: EditSession) -> None:
    _reorder(session, session.doc.root, ROOT_ORDER)
