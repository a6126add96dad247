"""Turn Pydantic's validation errors into located, readable problems with stable codes.

Only imported when a ledger is invalid. Each error's ``loc`` is followed through the YAML nodes
to the offending value (an unknown key points at the key itself; a missing key at its parent
mapping), and Pydantic's wording is replaced by one written for people editing a ledger.
"""

from __future__ import annotations

import dataclasses
import difflib
import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from hanoi_cli.core.ledger.models import Ledger
from hanoi_cli.core.ledger.problems import Problem, in_file_order
from hanoi_cli.core.reading.positions import follow, format_path, start_mark

if TYPE_CHECKING:
    import yaml
    from pydantic import ValidationError

# Pydantic error type -> our stable code; anything else is "invalid-value".
_CODES = {
    "extra_forbidden": "unknown-key",
    "unexpected_keyword_argument": "unknown-key",
    "missing": "missing-key",
    "invalid-date": "invalid-date",
    "multiple-instruments": "multiple-instruments",
    # a long-form fact (core.ledger.evidence)
    "unknown-key": "unknown-key",
    "fact-without-date": "fact-without-date",
    "fact-without-text": "fact-without-text",
    "invalid-evidence": "invalid-evidence",
    "invalid-notification": "invalid-notification",
    "invalid-source": "invalid-source",
    "int_parsing": "invalid-number",
    "int_from_float": "invalid-number",
    "int_type": "invalid-number",
    "bool_parsing": "invalid-boolean",
    "bool_type": "invalid-boolean",
    "literal_error": "invalid-choice",
    "string_pattern_mismatch": "invalid-code",
    "string_too_short": "empty-value",
    "greater_than_equal": "out-of-range",
    "less_than_equal": "out-of-range",
    "string_type": "invalid-type",
    "list_type": "invalid-type",
    "tuple_type": "invalid-type",
    "model_type": "invalid-type",
    "dataclass_type": "invalid-type",
    "model_attributes_type": "invalid-type",
    "dict_type": "invalid-type",
}

_EXPECTED = {
    "string_type": "text",
    "list_type": "a list",
    "tuple_type": "a list",
    "model_type": "a mapping of keys",
    "dataclass_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
}


_FACT_CODES = frozenset(
    (
        "unknown-key",
        "fact-without-date",
        "fact-without-text",
        "invalid-evidence",
        "invalid-notification",
        "invalid-source",
    )
)

# Beyond this many problems in one file the rest are counted, not located one by one: a file of
# 80,000 unknown keys is answered at once, and nobody reads the 80,000th message.
MAX_PROBLEMS = 200


# A file that is not a ledger at all (a JSON output, a config file) gets this many located problems
# and one line saying so, not hundreds of "unknown key" lines (ux review L9).
FIRST_OF_A_STRANGER = 3
LEDGER_KEYS = ("treaty", "participants")


def not_a_ledger(root: yaml.Node, name: str, count: int, problems: list[Problem]) -> Problem | None:
    """A problem saying the file does not look like a ledger: most of its top-level keys are not a
    ledger's (at least three; a ledger has only ``treaty`` and ``participants``), and it has no
    usable treaty (missing, or itself wrong)."""
    if getattr(root, "id", None) != "mapping":  # a yaml.MappingNode (yaml is imported by the reader)
        return None
    keys = [str(key.value) for key, _ in root.value]
    strangers = [key for key in keys if key not in LEDGER_KEYS]
    if len(strangers) < 3 or len(strangers) * 2 <= len(keys):
        return None
    if "treaty" in keys and not any((problem.path or "").startswith("treaty") for problem in problems):
        return None  # a ledger with stray keys: each is worth its own line
    shown = ", ".join(repr(key) for key in strangers[:3]) + (", ..." if len(strangers) > 3 else "")
    return Problem(
        "not-a-ledger",
        f"this does not look like a ledger: {len(strangers)} of its {len(keys)} top-level keys ({shown}) are not "
        f"ledger keys, which are 'treaty' and 'participants'; up to {count - FIRST_OF_A_STRANGER:,} more problems, not listed",
        name,
        root.start_mark.line + 1,
        root.start_mark.column + 1,
    )


def problems_from_validation_error(exc: ValidationError, root: yaml.Node, name: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    errors = exc.errors(include_url=False)
    for error in errors:
        if len(problems) == MAX_PROBLEMS:
            break
        problem = _problem(error, root, name)
        # A union (text or list) reports once per member: keep the first per place.
        if problem.path in seen:
            continue
        seen.add(problem.path or "")
        problems.append(problem)
    located = in_file_order(problems)
    stranger = not_a_ledger(root, name, len(errors), located)
    if stranger is not None:
        return [*located[:FIRST_OF_A_STRANGER], stranger]
    if len(problems) == MAX_PROBLEMS and len(errors) > MAX_PROBLEMS:
        more = len(errors) - MAX_PROBLEMS
        message = f"and up to {more:,} more schema problems, not listed: fix these and run hanoi validate again"
        located.append(Problem("more-problems", message, name, severity="note"))
    return located


def _problem(error: Mapping[str, Any], root: yaml.Node, name: str) -> Problem:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    loc = list(error["loc"])
    if kind == "multiple-instruments" or (kind in _FACT_CODES and ctx.get("key")):
        loc.append(ctx["key"])  # at the key inside the participant or the fact
    key_node, value_node, parent, path_parts = follow(root, loc, last_is_key=kind == "missing")
    path = format_path(path_parts)
    given = error.get("input")
    field = path_parts[-1] if path_parts and isinstance(path_parts[-1], str) else None

    if kind == "missing":
        node = parent
        message = f"missing required key {loc[-1]!r}"
    elif kind in ("extra_forbidden", "unexpected_keyword_argument"):
        node = key_node or value_node
        message = f"unknown key {loc[-1]!r}" + _suggestion(str(loc[-1]), _allowed_keys(loc[:-1]))
    elif kind == "multiple-instruments":
        node = key_node or parent  # the second instrument's key
        message = error["msg"]
    elif kind in _FACT_CODES:
        node = (key_node if kind == "unknown-key" else value_node) or parent
        message = error["msg"]
    else:
        node = value_node or parent
        message = _message(kind, error, given, field)

    mark = start_mark(root, node)
    return Problem.at(_CODES.get(kind, "invalid-value"), message, name, mark, path=path)


def _message(kind: str, error: Mapping[str, Any], given: Any, field: str | None) -> str:
    label = f"{field!r}" if field else "the value"
    if given is None and kind in _EXPECTED:
        return (
            f"{label} has no value; expected {_EXPECTED[kind]}"
            if field
            else f"a value is missing here; expected {_EXPECTED[kind]}"
        )
    if kind == "invalid-date":
        return error["msg"]
    if kind == "string_pattern_mismatch" and field == "code":
        return f"{given!r} is not an ISO 3166-1 alpha-3 code (three capital letters, e.g. AZE)"
    if kind == "literal_error":
        return f"{label} must be {error['ctx']['expected']}, not {given!r}"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = error["ctx"]["ge" if kind == "greater_than_equal" else "le"]
        word = "at least" if kind == "greater_than_equal" else "at most"
        return f"{label} must be {word} {bound}, not {given!r}"
    if kind == "string_too_short":
        return f"{label} must not be empty"
    if field in ("reservations", "declarations", "source"):
        return f"{label} should be text or a list of texts, not {_describe(given)}"
    if kind in _EXPECTED:
        return f"{label} should be {_EXPECTED[kind]}, not {_describe(given)}"
    return error["msg"].removeprefix("Value error, ")


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _allowed_keys(loc: list[Any]) -> list[str]:
    """The keys the ledger class at ``loc`` accepts, for "did you mean" suggestions."""
    cls: Any = Ledger
    for part in loc:
        if isinstance(part, int):
            continue
        if not dataclasses.is_dataclass(cls):
            return []
        hints = typing.get_type_hints(cls)
        if part not in hints:
            return []
        cls = _dataclass_in(hints[part])
    if dataclasses.is_dataclass(cls):
        return [item.name for item in dataclasses.fields(cls)]
    return []


def _dataclass_in(annotation: Any) -> Any:
    """The ledger class inside ``Optional[X]`` or ``tuple[X, ...]``, or the annotation itself."""
    if dataclasses.is_dataclass(annotation):
        return annotation
    for arg in typing.get_args(annotation):
        found = _dataclass_in(arg)
        if dataclasses.is_dataclass(found):
            return found
    return annotation


def _suggestion(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    if allowed:
        return f"; expected one of: {', '.join(allowed)}"
    return ""
