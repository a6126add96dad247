"""Finding the participant a person means (issue 13, items 12 and 13): the resolver, ``hanoi record``
and ``hanoi project --assume``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE
from hanoi_cli.core.ledger.models import Participant
from hanoi_cli.core.ledger.participant_lookup import resolve, un_short_name
from hanoi_cli.core.reading.ledger_paths import shipped_ledger
from hanoi_cli.core.reading.loader import read_ledger

SHIPPED = read_ledger(shipped_ledger()).ledger.participants
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


def _found(query: str, participants=SHIPPED) -> str | None:
    resolution = resolve(query, participants)
    return participants[resolution.index].code if resolution.index is not None else None


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Iran", "IRN"),  # the part before " (": never "Ireland or France"
        ("iran (islamic republic of)", "IRN"),
        ("Russia", "RUS"),
        ("UK", "GBR"),
        ("United Kingdom", "GBR"),  # ISO's short name of a participant the ledger names officially
        ("North Korea", "PRK"),
        ("Laos", "LAO"),
        ("Czechia", "CZE"),  # ISO's name; the ledger writes "Czech Republic"
        ("Venezuela", "VEN"),
        ("Tanzania", "TZA"),
        ("vnm", "VNM"),
        ("viet nam", "VNM"),
        ("Vietnam", "VNM"),
        ("Viet", "VNM"),  # a word prefix
    ],
)
def test_what_people_type_finds_the_ledgers_participant(query: str, code: str) -> None:
    assert _found(query) == code


def test_republic_of_korea_is_never_the_dprk() -> None:
    dprk_only = [Participant(name="Democratic People's Republic of Korea", code="PRK")]
    resolution = resolve("Republic of Korea", dprk_only)
    assert resolution.index is None and resolution.code == "KOR"
    assert resolve("South Korea", dprk_only).code == "KOR"
    assert un_short_name("KOR") == "Republic of Korea"


def test_an_ambiguous_query_lists_the_candidates() -> None:
    participants = [Participant(name="Niger", code="NER"), Participant(name="Nigeria", code="NGA")]
    assert _found("Niger", participants) == "NER"  # a whole name wins over a prefix
    resolution = resolve("Nige", participants)
    assert resolution.ambiguous and resolution.candidates == (0, 1)


def test_a_country_not_in_the_ledger_is_never_a_prefix_of_another() -> None:
    resolution = resolve("Niger", [Participant(name="Nigeria", code="NGA")])
    assert resolution.index is None and resolution.code == "NER"


def test_pycountry_is_imported_only_when_codes_and_names_fail(monkeypatch) -> None:
    monkeypatch.delitem(sys.modules, "pycountry", raising=False)
    assert _found("VNM") == "VNM" and _found("Viet Nam") == "VNM" and _found("Iran") == "IRN"
    assert "pycountry" not in sys.modules


# --- hanoi record --------------------------------------------------------------------------------


def _ledger(tmp_path: Path, text: str = SAMPLE_TEXT) -> str:
    path = tmp_path / "l.yaml"
    path.write_text(text)
    return str(path)


def test_record_finds_a_participant_by_its_short_name(run, tmp_path) -> None:
    text = SAMPLE_TEXT + "  - name: Iran (Islamic Republic of)\n    code: IRN\n    signature: 2020-02-01\n"
    path = _ledger(tmp_path, text)
    result = run("record", "Iran", "ratification", "2021-01-05", "--ledger", path, "--as-of", "2023-06-01")
    assert result.exit_code == 0, result.stderr
    assert "Iran (Islamic Republic of) (IRN): ratification 2021-01-05" in result.stderr
    result = run("record", "czechia", "signature", "2020-02-01", "--ledger", path, "--as-of", "2023-06-01")
    assert result.exit_code == 0, result.stderr  # a new participant, with the UN's name
    assert "  - name: Czech Republic\n    code: CZE\n" in Path(path).read_text()


def test_record_refuses_an_ambiguous_name_and_changes_nothing(run, tmp_path) -> None:
    text = SAMPLE_TEXT + "  - name: Niger\n    code: NER\n  - name: Nigeria\n    code: NGA\n"
    path = _ledger(tmp_path, text)
    result = run("record", "Nige", "signature", "2020-02-01", "--ledger", path, "--as-of", "2023-06-01")
    assert result.exit_code == 2
    assert "error[ambiguous-participant] 'Nige' could be Niger (NER), Nigeria (NGA)" in result.stderr
    assert Path(path).read_text() == text


def test_record_names_a_new_participant_as_the_un_does(run, tmp_path) -> None:
    path = _ledger(tmp_path)
    result = run("record", "KOR", "signature", "2020-02-01", "--ledger", path, "--as-of", "2023-06-01")
    assert result.exit_code == 0, result.stderr
    assert "  - name: Republic of Korea\n    code: KOR\n" in Path(path).read_text()


# --- hanoi project --assume ----------------------------------------------------------------------


def _project(run, *args: str):
    return run("project", str(SAMPLE), "--as-of", "2020-04-15", *args, "-f", "json")


def test_assume_takes_names_and_lowercase_codes(run) -> None:
    result = _project(run, "-a", "chile=2020-05-01", "-a", "vnm=2020-06-01")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert [(a["code"], a["name"], a["new_participant"]) for a in payload["assumed"]] == [
        ("CHL", "Chile", False),
        ("VNM", "Viet Nam", False),
    ]
    assert payload["entry_into_force"] == "2020-08-30"


def test_assume_refuses_unknown_codes_and_names(run) -> None:
    result = _project(run, "-a", "GER=2020-05-01", "-a", "Kosovo=2020-06-01")
    assert result.exit_code == 2
    codes = [(p["code"], p["file"]) for p in json.loads(result.stdout)["problems"]]
    assert codes == [("unknown-country-code", "--assume"), ("unknown-participant", "--assume")]
    assert "GER is not an ISO 3166-1 alpha-3 country code" in result.stderr


def test_assume_warns_of_a_user_assigned_code(run) -> None:
    result = _project(run, "-a", "ZZZ=2020-05-01")
    assert result.exit_code == 0
    assert "warning[user-assigned-code] ZZZ is a user-assigned code" in result.stderr


def test_assume_names_a_new_country_and_refuses_a_duplicate_by_name(run) -> None:
    payload = json.loads(_project(run, "-a", "France=2020-05-01").stdout)
    assert payload["assumed"][0] == {**payload["assumed"][0], "code": "FRA", "name": "France", "new_participant": True}
    result = _project(run, "-a", "France=2020-05-01", "-a", "fra=2020-06-01")
    assert result.exit_code == 2 and "duplicate-assumption" in result.stderr


def test_an_assume_file_gives_a_new_participants_name_and_groups(run, tmp_path) -> None:
    ledger = tmp_path / "g.yaml"
    ledger.write_text(
        SAMPLE_TEXT.replace(
            "    count_reio: false\n", "    count_reio: false\n    requires: [{group: coe, at_least: 1}]\n"
        )
    )
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "assume:\n"
        "  - {code: xkx, name: Kosovo, groups: [coe], accession: 2020-05-01}\n"
        "  - {name: viet nam, ratification: 2020-06-01}\n"
    )
    result = run("project", str(ledger), "--as-of", "2020-04-15", "--assume-file", str(scenario), "-f", "json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert [(a["code"], a["name"]) for a in payload["assumed"]] == [("XKX", "Kosovo"), ("VNM", "Viet Nam")]
    assert payload["unmet_requirements"] == [] and payload["threshold_date"] == "2020-06-01"


def test_an_assume_file_cannot_rename_a_participant_of_the_ledger(run, tmp_path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text("assume:\n  - {code: VNM, name: Vietnam Republic, groups: [x], ratification: 2020-06-01}\n")
    result = run("project", str(SAMPLE), "--as-of", "2020-04-15", "--assume-file", str(scenario))
    assert result.exit_code == 2
    assert f"{scenario}:2:5: error[not-a-new-participant] Viet Nam (VNM) is in the ledger" in result.stderr
