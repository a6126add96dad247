"""The committed JSON Schema is the one hanoi generates, and it describes real ledgers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE

COMMITTED = ROOT / "schema" / "ledger.schema.json"
SHIPPED = ROOT / "data" / "signatories.yaml"


def test_the_committed_schema_is_not_stale(run) -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert result.stdout == COMMITTED.read_text(encoding="utf-8"), (
        "schema/ledger.schema.json is stale: run `hanoi schema > schema/ledger.schema.json`"
    )


def test_it_is_draft_07_with_definitions_and_descriptions() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(schema)
    assert set(schema["required"]) == {"treaty"}
    participant = schema["definitions"]["Participant"]
    assert participant["additionalProperties"] is False
    assert "not a deposit" in participant["properties"]["domestic_approval"]["description"]
    ratification = participant["properties"]["ratification"]["anyOf"][0]
    assert ratification == {"format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$", "type": "string"}
    assert "Reported" in schema["definitions"]


def test_every_model_field_is_in_the_schema() -> None:
    import dataclasses

    from hanoi_cli.core.ledger import models

    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    for name, definition in schema["definitions"].items():
        fields = {field.name for field in dataclasses.fields(getattr(models, name))}
        if name == "Participant":
            fields.remove("facts")  # derived from the long-form facts, never a key of the file
        assert set(definition["properties"]) == fields


def test_the_shipped_ledger_points_editors_at_the_schema() -> None:
    first = SHIPPED.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/ledger.schema.json"
    assert (SHIPPED.parent / "../schema/ledger.schema.json").resolve() == COMMITTED


def _shapes(node: dict, schema: dict) -> list[tuple[str, dict]]:
    """The alternatives a schema node allows (``$ref`` and ``anyOf`` followed), with their names."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[1]
        return [(name, schema["definitions"][name])]
    if "anyOf" in node:
        return [shape for branch in node["anyOf"] for shape in _shapes(branch, schema)]
    return [("", node)]


def _check_keys(value: object, node: dict, schema: dict, where: str, seen: set[str]) -> None:
    """Every mapping has its definition's required keys and no others, all the way down."""
    if isinstance(value, dict):
        objects = [(name, shape) for name, shape in _shapes(node, schema) if "properties" in shape]
        assert len(objects) == 1, f"{where}: a mapping where the schema allows {len(objects)} shapes"
        name, shape = objects[0]
        seen.add(name or where)
        assert set(shape.get("required", ())) <= set(value), f"{where}: missing {set(shape['required']) - set(value)}"
        if shape.get("additionalProperties") is False:
            assert set(value) <= set(shape["properties"]), f"{where}: extra {set(value) - set(shape['properties'])}"
        for key, item in value.items():
            if key in shape["properties"]:
                _check_keys(item, shape["properties"][key], schema, f"{where}.{key}", seen)
    elif isinstance(value, list):
        arrays = [shape for _, shape in _shapes(node, schema) if "items" in shape]
        for index, item in enumerate(value):
            _check_keys(item, arrays[0]["items"], schema, f"{where}[{index}]", seen)


@pytest.mark.parametrize("ledger", [SAMPLE, SHIPPED], ids=["sample", "shipped"])
def test_the_schema_accepts_the_ledgers_shape(ledger: Path) -> None:
    """A tiny draft-07 subset check (no third-party validator): required keys and no extras."""
    import yaml

    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    data = yaml.safe_load(ledger.read_text(encoding="utf-8"))
    seen: set[str] = set()
    _check_keys(data, schema, schema, "ledger", seen)
    assert {
        "ledger",
        "Treaty",
        "EntryIntoForceRule",
        "Period",
        "SignatureWindow",
        "Participant",
    } <= seen  # really walked
