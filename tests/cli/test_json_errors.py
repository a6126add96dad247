"""Under ``--format json`` every failure prints the error envelope on stdout (issue 11, item 7)."""

from __future__ import annotations

import json

import pytest

from conftest import SAMPLE

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


def _envelope(result) -> dict:
    payload = json.loads(result.stdout)  # stdout is the envelope alone
    assert payload["status"] == "error" and payload["schema_version"] == 1
    return payload


def test_a_date_past_the_calendars_end_gives_the_envelope(run, tmp_path) -> None:
    late = tmp_path / "late.yaml"
    late.write_text(SAMPLE_TEXT.replace("accession: 2020-06-30", "accession: 9999-12-30"))
    for command in ("status", "timeline"):
        result = run(command, str(late), "--as-of", "9999-12-31", "-f", "json")
        assert result.exit_code == 2, result.output
        (problem,) = _envelope(result)["problems"]
        assert problem["code"] == "out-of-range" and "9999-12-31" in problem["message"]
        assert "use earlier dates" not in result.stderr


def test_an_absurd_threshold_is_a_located_error_not_a_date_problem(run, tmp_path) -> None:
    huge = tmp_path / "huge.yaml"
    huge.write_text(SAMPLE_TEXT.replace("threshold: 3", "threshold: " + "9" * 400))
    for command in ("status", "forecast", "timeline"):
        result = run(command, str(huge), "--as-of", "2020-04-15", "-f", "json")
        assert result.exit_code == 1, result.output
        (problem,) = _envelope(result)["problems"]
        assert (problem["code"], problem["line"], problem["path"]) == (
            "out-of-range",
            10,
            "treaty.entry_into_force.threshold",
        )
        assert "at most 1000" in problem["message"]
        assert "earlier dates" not in result.stderr
    result = run("project", str(huge), "--as-of", "2020-04-15", "--pace", "1/month", "-f", "json")
    assert result.exit_code == 1 and _envelope(result)["problems"][0]["path"] == "treaty.entry_into_force.threshold"


def test_the_largest_threshold_is_accepted(run, tmp_path) -> None:
    ledger = tmp_path / "big.yaml"
    ledger.write_text(SAMPLE_TEXT.replace("threshold: 3", "threshold: 1000"))
    assert run("validate", str(ledger), "--as-of", "2023-06-01").exit_code == 0
    ledger.write_text(SAMPLE_TEXT.replace("threshold: 3", "threshold: 1001"))
    assert run("validate", str(ledger), "--as-of", "2023-06-01").exit_code == 1


@pytest.mark.parametrize(
    "args",
    [
        ("status", str(SAMPLE)),
        ("status", str(SAMPLE), str(SAMPLE)),
        ("project", str(SAMPLE), "--pace", "1/month"),
        ("forecast", str(SAMPLE)),
        ("timeline", str(SAMPLE)),
        ("diff", str(SAMPLE), str(SAMPLE)),
        ("validate", str(SAMPLE)),
    ],
)
def test_a_bad_hanoi_today_gives_the_envelope(run, args) -> None:
    result = run(*args, "-f", "json", env={"HANOI_TODAY": "garbage"})
    assert result.exit_code == 2
    (problem,) = _envelope(result)["problems"]
    assert (problem["code"], problem["file"]) == ("invalid-date", "HANOI_TODAY")
    assert "Error: HANOI_TODAY: 'garbage' is not a date" in result.stderr


@pytest.mark.parametrize("command", ["diff", "status", "validate"])
def test_standard_input_twice_gives_the_envelope(run, command) -> None:
    result = run(command, "-", "-", "-f", "json", input="")
    assert result.exit_code == 2
    (problem,) = _envelope(result)["problems"]
    assert problem["code"] == "usage-error" and problem["file"] == "-" and "standard input" in problem["message"]


def test_an_internal_error_gives_the_envelope_too(run, monkeypatch) -> None:
    from hanoi_cli.core.rules import engine

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "evaluate", boom)
    result = run("status", str(SAMPLE), "--as-of", "2023-06-01", "-f", "json")
    assert result.exit_code == 3
    assert _envelope(result)["problems"][0] == {
        "code": "internal-error",
        "severity": "error",
        "message": "RuntimeError: boom",
        "file": "hanoi",
        "line": None,
        "column": None,
        "path": None,
    }


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (("status", str(SAMPLE), "--as-of", "10000-01-01", "-f", "json"), "--as-of"),  # past 9999-12-31
        (("project", str(SAMPLE), "--format=json", "--pace", "2"), "--pace"),
        (("timeline", "-fjson", "--bogus"), "<command line>"),
    ],
)
def test_an_option_refused_while_parsing_gives_the_envelope(run, args, where) -> None:
    result = run(*args)
    assert result.exit_code == 2
    (problem,) = _envelope(result)["problems"]
    assert (problem["code"], problem["file"]) == ("usage-error", where)
    assert "Usage: hanoi" in result.stderr  # the usual help on stderr is kept


def test_without_json_a_parse_error_prints_nothing_on_stdout(run) -> None:
    result = run("status", str(SAMPLE), "--as-of", "10000-01-01")
    assert result.exit_code == 2 and result.stdout == ""
