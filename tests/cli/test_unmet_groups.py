"""Tense of projections, pace deposits only as needed, and what is missing said in words and payloads
(issue 13, items 1 and 10; issue 11, item 7 for the pace's size)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from conftest import SAMPLE
from hanoi_cli.core.reading.loader import read_ledger
from hanoi_cli.core.rules.scenario import parse_pace, project

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
GROUP_RULE = "    count_reio: false\n    requires: [{group: coe, at_least: 2}]\n"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _group_ledger(tmp_path):
    """The sample with a condition: 2 of the counted instruments from 'coe', which only Norway is in."""
    text = SAMPLE_TEXT.replace("    count_reio: false\n", GROUP_RULE)
    text = text.replace("    code: NOR\n", "    code: NOR\n    groups: [coe]\n")
    path = tmp_path / "groups.yaml"
    path.write_text(text)
    return path


# --- 13.1: the tense follows the record's as-of date ------------------------------------------------


def test_a_slow_pace_never_makes_a_projected_date_past(run) -> None:
    args = ("project", str(SAMPLE), "--as-of", "2020-04-15", "-a", "CHL=2020-05-01", "-a", "VNM=2020-06-01")
    result = run(*args, "--pace", "0.1/month", "-f", "json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["entry_into_force"] == "2020-08-30"
    assert payload["summary"].startswith(
        "Under these assumptions the Test Convention would enter into force on 30 August 2020"
    )
    assert "entered" not in payload["summary"]
    assert payload["pace"]["deposits_used"] == 0
    table = _flat(run(*args, "--pace", "0.1/month").stdout)
    assert "would enter into force on 30 August 2020" in table and "entered" not in table


def test_an_assumed_deposit_after_the_projected_date_keeps_it_in_the_future(run) -> None:
    result = run(
        "project", str(SAMPLE), "--as-of", "2020-04-15",
        "-a", "CHL=2020-05-01", "-a", "VNM=2020-06-01", "-a", "XKX=accession:2021-01-01",
        "-f", "json",
    )  # fmt: skip
    payload = json.loads(result.stdout)
    assert payload["entry_into_force"] == "2020-08-30"
    assert "would enter into force on 30 August 2020" in payload["summary"]
    assert "do not change" not in payload["summary"]


def test_a_treaty_already_in_force_still_speaks_in_the_past(run) -> None:
    result = run("project", str(SAMPLE), "--as-of", "2023-06-01", "--pace", "1/month", "-f", "json")
    assert "entered into force on 28 September 2020" in json.loads(result.stdout)["summary"]


def test_pace_generates_only_the_deposits_still_needed() -> None:
    ledger = read_ledger(SAMPLE, use_cache=False).ledger
    projection = project(ledger, date(2020, 4, 15), [], parse_pace("0.1/month"))
    assert len(projection.pace_used) == 2
    assert len(projection.projected.parties) == len(ledger.participants) + 2  # and no more were built


def test_pace_toward_the_largest_threshold_is_linear_and_quick(run, tmp_path) -> None:
    ledger = tmp_path / "big.yaml"
    ledger.write_text(SAMPLE_TEXT.replace("threshold: 3", "threshold: 1000"))
    result = run("project", str(ledger), "--as-of", "2020-04-15", "--pace", "1000/month", "-f", "json")
    assert result.exit_code == 0, result.stderr
    pace = json.loads(result.stdout)["pace"]
    assert pace["deposits_used"] == 999  # Norway's ratification is the one already counted


# --- 13.10: what is missing ---------------------------------------------------------------------


def test_status_says_a_group_condition_is_what_is_missing(run, tmp_path) -> None:
    result = run("status", str(_group_ledger(tmp_path)), "--as-of", "2023-06-01", "-f", "json")
    summary = json.loads(result.stdout)["summary"]
    assert "it needs at least 2 from the group 'coe' (has 1)" in summary
    assert "after the deposit of the 3rd counted instrument" not in summary
    assert (
        "after the deposit that meets the condition on the group 'coe' (the count of 3 is already reached)" in summary
    )


def test_both_the_count_and_a_group_missing_are_said(run, tmp_path) -> None:
    result = run("status", str(_group_ledger(tmp_path)), "--as-of", "2020-04-15", "-f", "json")
    summary = json.loads(result.stdout)["summary"]
    assert (
        "it needs 2 more instruments of ratification, acceptance, approval or accession and at least 2 from the "
        "group 'coe' (has 1)" in summary
    )
    assert "the deposit that completes both the 3rd and the condition on the group 'coe'" in summary


def test_pace_that_cannot_meet_a_group_condition_says_so(run, tmp_path) -> None:
    args = ("project", str(_group_ledger(tmp_path)), "--as-of", "2020-04-15", "--pace", "1/month")
    text = _flat(run(*args).stdout)
    assert "does not enter into force: it would still need at least 2 from the group 'coe' (has 1)" in text
    assert "no pace deposit was needed" not in text
    assert "pace deposits belong to no group, so they cannot meet the condition on 'coe'" in text
    payload = json.loads(run(*args, "-f", "json").stdout)
    assert payload["reached"] is False and payload["needed"] == 0
    assert payload["unmet_requirements"] == [{"group": "coe", "at_least": 2, "have": 1}]
    assert "cannot meet" in payload["pace"]["summary"]


def test_many_ledgers_carry_the_unmet_requirement(run, tmp_path) -> None:
    groups = str(_group_ledger(tmp_path))
    payload = json.loads(run("status", groups, str(SAMPLE), "--as-of", "2023-06-01", "-f", "json").stdout)
    first, second = payload["treaties"]
    assert first["status"] == "not_reached" and first["needed"] == 0
    assert first["unmet_requirements"] == [{"group": "coe", "at_least": 2, "have": 1}]
    assert second["unmet_requirements"] == []
    rows = list(
        csv.DictReader(io.StringIO(run("status", groups, str(SAMPLE), "--as-of", "2023-06-01", "-f", "csv").stdout))
    )
    assert [row["unmet_requirements"] for row in rows] == ["coe 1/2", ""]


def test_many_pace_deposits_on_one_day_are_counted_not_named(run, tmp_path) -> None:
    ledger = tmp_path / "big.yaml"
    ledger.write_text(SAMPLE_TEXT.replace("threshold: 3", "threshold: 1000"))
    args = ("project", str(ledger), "--as-of", "2020-04-15", "--pace", "1000/month", "-a", "CHL=2020-05-15")
    summary = json.loads(run(*args, "-f", "json").stdout)["summary"]
    assert "deposited on 15 May 2020 by Chile and 29 pace deposits." in summary
    assert "Pace deposit 2" not in summary
