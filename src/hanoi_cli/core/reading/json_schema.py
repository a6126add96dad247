"""The ledger format as a JSON Schema (draft-07), for editors and other tools.

Generated from the same models Pydantic validates with, so it cannot drift from them; a test
compares the committed ``schema/ledger.schema.json`` with this output. Field descriptions come
from the attribute docstrings in ``core.models``, read here with ``ast`` rather than by Pydantic at
every validator build (that cost ~90 ms per cold start). Only ``hanoi schema`` pays for this.
"""

from __future__ import annotations

import ast
import inspect
import json
from typing import Any

from hanoi_cli.core.ledger import models

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def ledger_json_schema() -> dict[str, Any]:
    """The JSON Schema of a ledger file."""
    from hanoi_cli.core.reading.validator import ledger_adapter

    schema = ledger_adapter().json_schema(ref_template="#/definitions/{model}")
    definitions = schema.pop("$defs", {})
    items = schema["properties"]["participants"]["items"]
    if "$ref" not in items:  # the participant's own validator (its facts) makes Pydantic inline it
        definitions["Participant"] = items
        schema["properties"]["participants"]["items"] = {"$ref": "#/definitions/Participant"}
        definitions = dict(sorted(definitions.items()))
    for name, definition in definitions.items():
        _describe_fields(getattr(models, name, None), definition)
    _describe_fields(models.Ledger, schema)
    _tighten_dates(definitions)
    result: dict[str, Any] = {
        "$schema": DRAFT_07,
        "title": "hanoi ledger",
        "description": "A treaty, its rule of entry into force, and its participants' signatures and deposits.",
    }
    result.update((key, value) for key, value in schema.items() if key not in ("title", "description"))
    result["definitions"] = definitions
    return result


def render() -> str:
    """The schema as committed: two-space indents, UTF-8, a final newline."""
    return json.dumps(ledger_json_schema(), indent=2, ensure_ascii=False) + "\n"


def _attribute_docstrings(cls: type) -> dict[str, str]:
    """``name: type`` followed by a string literal: that string documents the field."""
    tree = ast.parse(inspect.getsource(cls))
    body = tree.body[0].body  # type: ignore[attr-defined]
    found: dict[str, str] = {}
    for statement, following in zip(body, body[1:]):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            found[statement.target.id] = inspect.cleandoc(following.value.value)
    return found


def _describe_fields(cls: Any, definition: dict[str, Any]) -> None:
    if not isinstance(cls, type):
        return
    properties = definition.get("properties", {})
    for name, text in _attribute_docstrings(cls).items():
        if name in properties and "description" not in properties[name]:
            properties[name]["description"] = text


def _tighten_dates(node: Any) -> None:
    """``format: date`` is advisory in draft-07; add the pattern so editors enforce YYYY-MM-DD."""
    if isinstance(node, dict):
        if node.get("format") == "date" and node.get("type") == "string":
            node.setdefault("pattern", _DATE_PATTERN)
        for value in node.values():
            _tighten_dates(value)
    elif isinstance(node, list):
        for value in node:
            _tighten_dates(value)
