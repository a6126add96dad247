"""The ways of becoming bound that some treaties name (consent to be bound, participation, the
simplified procedure, an annex's application): ledger keys like the others, counted by the rule's
``counts`` list when it has one, recorded by ``hanoi record``, and in the JSON Schema."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE
from hanoi_cli.core.ledger.instruments import INSTRUMENT_TYPES, UNTC_SYMBOLS
from hanoi_cli.core.ledger.models import EntryIntoForceRule, Ledger, Participant, Period, Treaty
from hanoi_cli.core.rules.engine import evaluate

NEW = ("consent_to_be_bound", "participation", "simplified_procedure", "application")
TODAY = {"HANOI_TODAY": "2026-06-01"}


def _ledger(counts: tuple[str, ...] | None) -> Ledger:
    rule = EntryIntoForceRule(threshold=2, after=Period(days=30), counts=counts)  # type: ignore[arg-type]
    participants = (
        Participant(name="A", code="AAA", consent_to_be_bound=date(2020, 1, 1)),
        Participant(name="B", code="BBB", ratification=date(2020, 2, 1)),
        Participant(name="C", code="CCC", simplified_procedure=date(2020, 3, 1)),
    )
    return Ledger(Treaty(id="T-1", title="Protocol", entry_into_force=rule, signature_stage=False), participants)


def test_every_new_kind_is_an_instrument_with_a_symbol_and_the_models_literal() -> None:
    from typing import get_args

    from hanoi_cli.core.ledger.models import InstrumentType

    assert set(NEW) <= set(INSTRUMENT_TYPES)
    assert get_args(InstrumentType) == INSTRUMENT_TYPES
    assert all(UNTC_SYMBOLS[kind] for kind in NEW)  # a date alone is a ratification: never ""


def test_without_counts_every_instrument_type_counts() -> None:
    evaluation = evaluate(_ledger(None), date(2021, 1, 1))
    assert evaluation.counted_instruments == 3
    assert evaluation.threshold_date == date(2020, 2, 1) and evaluation.entry_into_force == date(2020, 3, 2)


def test_counts_is_data_a_type_left_out_is_not_counted() -> None:
    evaluation = evaluate(_ledger(("consent_to_be_bound", "simplified_procedure")), date(2021, 1, 1))
    assert evaluation.counted_instruments == 2
    assert evaluation.threshold_date == date(2020, 3, 1)  # the ratification is not counted
    counted = {party.participant.code: party.counted for party in evaluation.parties}
    assert counted == {"AAA": True, "BBB": False, "CCC": True}


def test_a_counts_entry_that_is_no_instrument_type_is_a_located_error(run, tmp_path: Path) -> None:
    path = tmp_path / "ledger.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    assert "    threshold: " in text
    path.write_text(text.replace("    threshold: ", "    counts: [ratification, signature]\n    threshold: ", 1))
    result = run("validate", str(path), env=TODAY)
    assert result.exit_code == 1
    assert "counts" in result.stdout + result.stderr


@pytest.mark.parametrize("kind", NEW)
def test_record_sets_a_new_instrument(run, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "ledger.yaml"
    shutil.copyfile(SAMPLE, path)
    spelled = kind.replace("_", "-")
    result = run("record", "GHA", spelled, "2026-05-01", "--ledger", str(path), "--replace", env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert f"    {kind}: 2026-05-01\n" in path.read_text(encoding="utf-8")
    status = run("status", str(path), "--format", "json", env=TODAY)
    (ghana,) = [p for p in json.loads(status.stdout)["participants"] if p["code"] == "GHA"]
    assert ghana["instrument"] == kind and ghana["deposited"] == "2026-05-01"


def test_the_schema_knows_the_new_keys_and_counts() -> None:
    schema = json.loads((ROOT / "schema" / "ledger.schema.json").read_text())
    participant = schema["definitions"]["Participant"]["properties"]
    assert set(NEW) <= set(participant)
    counts = json.dumps(schema["definitions"]["EntryIntoForceRule"]["properties"]["counts"])
    assert all(kind in counts for kind in INSTRUMENT_TYPES) and 'signature"' not in counts.replace("_signature", "")
