"""The committed JSON Schema is the one hanoi generates, and it describes real ledgers."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLE

ROOT = Path(__file__).resolve().parent.parent
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

    from hanoi_cli.core import models

    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    for name, definition in schema["definitions"].items():
        fields = {field.name for field in dataclasses.fields(getattr(models, name))}
        assert set(definition["properties"]) == fields


def test_the_shipped_ledger_points_editors_at_the_schema() -> None:
    first = SHIPPED.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/ledger.schema.json"
    assert (SHIPPED.parent / "../schema/ledger.schema.json").resolve() == COMMITTED


def test_the_schema_accepts_the_test_ledgers_shape() -> None:
    """A tiny draft-07 subset check (no third-party validator): required keys and no extras."""
    import yaml

    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    treaty_keys = set(schema["definitions"]["Treaty"]["properties"])
    assert set(data["treaty"]) <= treaty_keys
    participant_keys = set(schema["definitions"]["Participant"]["properties"])
    for participant in data["participants"]:
        assert set(participant) <= participant_keys
