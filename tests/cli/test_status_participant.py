"""``hanoi status --participant WHO``: one participant's answer, through the real app and on the core."""

from __future__ import annotations

import json
import re

import pytest

from conftest import SAMPLE
from hanoi_cli.core.commands.status import find_asked
from hanoi_cli.core.ledger.problems import LedgerError
from hanoi_cli.core.payloads.localized import sentences
from hanoi_cli.core.reading.loader import read_ledger
from hanoi_cli.core.rules.engine import evaluate

AS_OF = "2023-06-01"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
DATE_PIECE = re.compile(r"(?<![\w-])(?:19|20)\d\d-(?!\d\d-\d\d)")  # an ISO date cut after its year or month
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
LONG_DATE_SPLIT = re.compile(rf"\b\d{{1,2}} *\n *(?:{MONTHS})\b|\b(?:{MONTHS}) *\n *\d{{4}}\b")


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANOI_TODAY", AS_OF)


def evaluation(as_of: str = AS_OF):
    from datetime import date

    return evaluate(read_ledger(SAMPLE).ledger, date.fromisoformat(as_of))


@pytest.mark.parametrize("who", ["NOR", "nor", "Norway", "NORWAY", "norw"])
def test_a_code_or_a_name_in_any_case_finds_the_participant(who: str) -> None:
    (asked,) = find_asked(evaluation(), [who], "sample.yaml")
    assert (asked.code, asked.name, asked.party is not None) == ("NOR", "Norway", True)


def test_the_sentences_of_a_party_a_signatory_a_denouncer_and_a_country_not_listed() -> None:
    found = evaluation()
    asked = find_asked(found, ["Norway", "Viet Nam", "Ghana", "Peru", "japan"], "sample.yaml")
    assert sentences(found, asked) == [
        "Norway signed the Test Convention on 1 February 2020 (no source recorded) and deposited its instrument of "
        "ratification on 10 March 2020 (no source recorded); the Test Convention entered into force for Norway on "
        "28 September 2020.",
        "Viet Nam signed the Test Convention on 1 February 2020 (no source recorded) and has not deposited an "
        "instrument of ratification, acceptance or approval as of 1 June 2023.",
        "Ghana deposited its instrument of accession to the Test Convention on 30 June 2020 (no source recorded); the "
        "Test Convention entered into force for Ghana on 28 September 2020.",
        "Peru signed the Test Convention on 3 February 2020 (no source recorded) and deposited its instrument of "
        "ratification on 2 November 2020 (no source recorded); the Test Convention entered into force for Peru on "
        "2 December 2020; Peru notified its denunciation on 10 January 2023, effective 10 January 2024.",
        "Japan has not signed the Test Convention and has not deposited an instrument of ratification, acceptance, "
        "approval or accession, as of 1 June 2023.",
    ]


def test_before_the_threshold_the_rule_is_said_not_a_date() -> None:
    found = evaluation("2020-04-01")
    (asked,) = find_asked(found, ["NOR"], "sample.yaml")
    assert sentences(found, (asked,))[0].endswith(
        "the Test Convention enters into force for Norway 90 days after the deposit of the 3rd instrument."
    )


def test_an_unknown_name_says_what_is_close_and_an_ambiguous_one_lists_the_candidates() -> None:
    with pytest.raises(LedgerError) as raised:
        find_asked(evaluation(), ["Norwya", "Zzz"], "sample.yaml")
    codes = [problem.code for problem in raised.value.problems]
    assert codes == ["unknown-participant", "unknown-participant"]
    assert "did you mean 'Norway'?" in raised.value.problems[0].message
    assert raised.value.exit_code == 2


def test_json_holds_only_the_participants_asked_for_with_their_sentences(run) -> None:
    result = run("status", str(SAMPLE), "-p", "gha", "--participant", "Norway", "-p", "Japan", "-f", "json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    whole = json.loads(run("status", str(SAMPLE), "-f", "json").stdout)
    assert set(whole) <= set(payload)  # only added keys
    assert [row["code"] for row in payload["participants"]] == ["GHA", "NOR"]
    assert len(payload["sentences"]) == 3 and payload["sentences"][2].startswith("Japan has not signed")
    assert payload["asked"][2] == {"query": "Japan", "name": "Japan", "code": "JPN", "in_ledger": False}
    assert payload["sentence"] == whole["sentence"]  # the treaty's own answer is unchanged


def test_csv_and_markdown_hold_only_those_rows(run) -> None:
    csv_text = run("status", str(SAMPLE), "-p", "PER", "-f", "csv").stdout
    assert [line.split(",")[1] for line in csv_text.splitlines()] == ["code", "PER"]
    markdown = run("status", str(SAMPLE), "-p", "PER", "-f", "markdown").stdout
    assert "**Peru signed the Test Convention on 3 February 2020" in markdown
    assert "| Peru | PER |" in markdown and "| Norway |" not in markdown


def test_an_ambiguous_name_exits_2_with_a_stable_code_in_the_json_envelope(run, tmp_path) -> None:
    ledger = tmp_path / "niger.yaml"
    text = SAMPLE.read_text(encoding="utf-8").replace("name: Peru", "name: Niger").replace("code: PER", "code: NER")
    text = text.replace("name: Chile", "name: Nigeria").replace("code: CHL", "code: NGA")
    ledger.write_text(text, encoding="utf-8")
    result = run("status", str(ledger), "-p", "Nige", "-f", "json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["problems"][0]["code"] == "ambiguous-participant"
    assert "'Nige' could be Nigeria (NGA), Niger (NER): give the code or the full name" in result.stderr


def test_unknown_name_exits_2_with_a_suggestion(run) -> None:
    result = run("status", str(SAMPLE), "-p", "Norwya")
    assert result.exit_code == 2
    assert "error[unknown-participant]" in result.stderr and "did you mean 'Norway'?" in result.stderr
    assert result.stdout == ""


def test_not_a_summary_of_several(run) -> None:
    result = run("status", str(SAMPLE), str(SAMPLE), "-p", "NOR")
    assert result.exit_code == 2 and "--participant" in result.stderr


@pytest.mark.parametrize("width", [20, 40, 80])
def test_the_table_view_never_cuts_a_date_at_any_width(run, width: int) -> None:
    env = {"COLUMNS": str(width), "LINES": "500", "TTY_COMPATIBLE": "1", "NO_COLOR": "1", "HANOI_TODAY": AS_OF}
    result = run("status", str(SAMPLE), "-p", "Peru", "-p", "Chile", env=env)
    assert result.exit_code == 0, result.stderr
    text = ANSI.sub("", result.stdout)
    assert not DATE_PIECE.search(text), text
    flat = " ".join(text.split())
    for whole in ("3 February 2020", "2 November 2020", "10 January 2024", "2020-02-01/02", "PER", "CHL"):
        assert whole in flat or whole in text, (width, whole)
    assert not LONG_DATE_SPLIT.search(text), text
    assert "Peru signed the Test Convention" in flat and "Norway" not in text


def test_lang_fr_translates_the_sentence(run) -> None:
    result = run("status", str(SAMPLE), "-p", "NOR", "--lang", "fr", "--brief")
    assert result.exit_code == 0, result.stderr
    assert "entrée en vigueur du traité « Test Convention » à son égard (Norvège) le 28 septembre 2020" in result.stdout
    payload = json.loads(run("status", str(SAMPLE), "-p", "NOR", "--lang", "fr", "-f", "json").stdout)
    assert payload["sentences"][0].startswith("Norway signed")  # the machine key stays English
    assert payload["localized"]["sentences"][0].startswith("Norvège : signature du traité « Test Convention »")


def test_a_participant_name_given_as_a_file_gets_a_hint(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANOI_LEDGER", str(SAMPLE))
    result = run("status", "Norway")
    assert result.exit_code == 2
    assert "Norway: error[file-not-found] no such file" in result.stderr
    assert "note[participant-not-file] to see one participant: hanoi status --participant Norway" in result.stderr
    other = run("status", "nothing-like-it")
    assert other.exit_code == 2 and "--participant" not in other.stderr


def test_the_python_api_answers_for_one_participant() -> None:
    import hanoi_cli as hanoi

    now = hanoi.status(SAMPLE)
    norway = now.participant("nor")
    assert (norway.name, norway.code, norway.in_ledger) == ("Norway", "NOR", True)
    assert norway.row is not None and norway.row["code"] == "NOR"
    assert norway.sentence == sentences(now.evaluation, find_asked(now.evaluation, ["NOR"], "x"))[0]
    assert now.participant("Japan").row is None
    with pytest.raises(hanoi.LedgerError):
        now.participant("Norwya")


def test_what_is_not_recorded_is_said_as_of_the_records_last_check(run, tmp_path) -> None:
    """A record checked on D says nothing about what happened after D: "has not deposited ... as of
    D", never as of today; an as-of date before the check is its own."""
    text = SAMPLE.read_text(encoding="utf-8").replace("treaty:\n", "treaty:\n  checked: 2023-01-15\n", 1)
    ledger = tmp_path / "checked.yaml"
    ledger.write_text(text, encoding="utf-8")
    later = run("status", str(ledger), "-p", "Japan", "--as-of", "2023-06-01", "--brief").stdout
    assert (
        "has not deposited an instrument of ratification, acceptance, approval or accession, as of 15 January 2023."
        in later
    )
    before = run("status", str(ledger), "-p", "Japan", "--as-of", "2022-12-01", "--brief").stdout
    assert "as of 1 December 2022." in before
