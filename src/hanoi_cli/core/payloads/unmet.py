"""What a treaty still lacks, worded once for every command: the count, and each group condition.

``status``, ``project`` and the many-ledger summary all say what is missing. When only a group
condition is unmet, the threshold instrument is not "the 5th" (that one may have been deposited
long ago) but whichever deposit meets the condition, and the sentences say so.
"""

from __future__ import annotations

from typing import Any

from hanoi_cli.core.ledger.wording import ordinal, plural
from hanoi_cli.core.rules.engine import Evaluation, RequirementProgress


def unmet_requirements(evaluation: Evaluation) -> list[RequirementProgress]:
    """The ``requires`` conditions not met on the as-of date, in the treaty's order."""
    return [requirement for requirement in evaluation.requirements if not requirement.met]


def requirement_words(requirement: RequirementProgress) -> str:
    """``at least 3 from the group 'coe-member' (has 1)``: counted instruments, as the count is."""
    return f"at least {requirement.at_least} from the group {requirement.group!r} (has {requirement.have})"


def missing_words(evaluation: Evaluation, noun: tuple[str, str] = ("counted instrument", "counted instruments")) -> str:
    """Everything still missing: ``2 more counted instruments and at least 3 ... (has 1)``;
    ``noun`` (singular, plural) names what the count is of."""
    parts = [plural(evaluation.needed, f"more {noun[0]}", f"more {noun[1]}")] if evaluation.needed else []
    parts += [requirement_words(requirement) for requirement in unmet_requirements(evaluation)]
    return " and ".join(parts) if parts else "its conditions to be met"


def deciding_deposit(evaluation: Evaluation, noun: str = " counted instrument") -> str:
    """Which deposit will start the period of entry into force, as things stand (``noun`` after
    the ordinal: `` counted instrument``, or nothing where the sentence has named it already)."""
    unmet = unmet_requirements(evaluation)
    if not unmet:
        return f"the deposit of the {ordinal(evaluation.threshold)}{noun}"
    groups = " and ".join(repr(requirement.group) for requirement in unmet)
    condition = "the condition on the group" if len(unmet) == 1 else "the conditions on the groups"
    if evaluation.needed:
        return f"the deposit that completes both the {ordinal(evaluation.threshold)}{noun} and {condition} {groups}"
    return f"the deposit that meets {condition} {groups} (the count of {evaluation.threshold} is already reached)"


def unmet_records(evaluation: Evaluation) -> list[dict[str, Any]]:
    """The unmet conditions as plain data for JSON: ``[{group, at_least, have}]``."""
    return [
        {"group": requirement.group, "at_least": requirement.at_least, "have": requirement.have}
        for requirement in unmet_requirements(evaluation)
    ]


def unmet_text(evaluation: Evaluation) -> str:
    """The unmet conditions in one CSV cell: ``coe-member 1/3; eu 0/2`` (empty when all are met)."""
    return "; ".join(
        f"{requirement.group} {requirement.have}/{requirement.at_least}"
        for requirement in unmet_requirements(evaluation)
    )
