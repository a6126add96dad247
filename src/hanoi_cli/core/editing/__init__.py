"""Editing ledgers: text edits at the composed nodes' marks (``yaml_text``) and the ledger's own
edits on top of them (``ledger_edits``), re-exported here where ``hanoi record`` and ``hanoi fmt``
import them (this package takes the place of the former round-trip module ``core/editing.py``)."""

from hanoi_cli.core.editing.ledger_edits import (  # noqa: F401
    ACTIONS,
    PARTICIPANT_ORDER,
    ROOT_ORDER,
    TREATY_ORDER,
    AddParticipant,
    AddSource,
    Edit,
    RemoveParticipantField,
    SetParticipantField,
    SetTreatyField,
    apply,
    canonical,
    country_name,
    encode_like,
    normalize_action,
    record,
    require_valid_edit,
    unified_diff,
)
