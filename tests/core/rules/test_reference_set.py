"""The reference set (data/reference): real deposit records, the forecast calibrated on them, the fan."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from conftest import SAMPLE
from conftest import forecast_on_the_set as forecast
from hanoi_cli.core.commands.reference import load_reference_class
from hanoi_cli.core.payloads.projection import forecast_sentence
from hanoi_cli.core.reading.loader import read_ledger
from hanoi_cli.core.reading.reference_set import reference_dir, reference_files
from hanoi_cli.core.rules.engine import evaluate
from hanoi_cli.core.rules.forecast import derived_seed, fan

# The depositary's dates: the threshold instrument and the treaty's entry into force.
REAL = {
    "XVIII-12": ("2003-07-01", "2003-09-29"),
    "XVIII-12-a": ("2003-09-26", "2003-12-25"),
    "XVIII-12-b": ("2003-10-30", "2004-01-28"),
    "XVIII-12-c": ("2005-04-04", "2005-07-03"),
    "XVIII-14": ("2005-09-15", "2005-12-14"),
    "XVIII-10": ("2002-04-11", "2002-07-01"),
    "XXVI-5": ("1998-09-16", "1999-03-01"),
    "XXVI-6": ("2010-02-16", "2010-08-01"),
    "IV-15": ("2008-04-03", "2008-05-03"),
    "IX-4": ("2004-11-29", "2005-02-27"),
    "XXVII-8-a": ("2003-06-13", "2003-09-11"),
    "XXVII-2-f": ("2017-11-17", "2019-01-01"),
}
INCOMPLETE = {"XXVI-8"}  # the Arms Trade Treaty: the copy ends (10 Jul 2014) before its 50th instrument
LEDGERS = {path.stem: read_ledger(path, use_cache=False).ledger for path in reference_files()}
UNTOC = LEDGERS["XVIII-12"]


def test_the_set_holds_the_thirteen_treaties() -> None:
    assert set(LEDGERS) == set(REAL) | INCOMPLETE
    for treaty_id, ledger in LEDGERS.items():
        assert ledger.treaty.id == treaty_id  # the file name is the UNTC id
        assert all(participant.source for participant in ledger.participants)


@pytest.mark.parametrize("treaty_id", sorted(REAL))
def test_hanoi_reproduces_the_real_threshold_date_and_entry_into_force(treaty_id: str) -> None:
    evaluation = evaluate(LEDGERS[treaty_id], date(2020, 1, 1))
    assert (evaluation.threshold_date.isoformat(), evaluation.entry_into_force.isoformat()) == REAL[treaty_id]


def test_an_incomplete_record_is_left_out_of_the_class_quietly() -> None:
    reference = load_reference_class()
    assert {t.id for t in reference.treaties} == set(REAL)
    assert set(reference.incomplete) == INCOMPLETE and reference.skipped == ()


def test_status_of_a_sister_treaty_out_of_the_box(run) -> None:
    result = run("status", "--treaty", "XVIII-12", "--as-of", "2004-01-01", "-f", "json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["treaty"]["id"] == "XVIII-12" and payload["entry_into_force"] == "2003-09-29"
    unknown = run("status", "--treaty", "XVIII-99")
    assert unknown.exit_code == 2 and "error[unknown-treaty]" in unknown.stderr and "XVIII-14" in unknown.stderr
    both = run("forecast", str(SAMPLE), "--treaty", "XVIII-12")
    assert both.exit_code == 2 and "not both" in both.stderr


def test_a_forecast_never_leans_on_the_treaty_it_forecasts() -> None:
    result = forecast(UNTOC, date(2001, 12, 12), simulations=2000)
    assert "UNTOC" not in result.prior.basis and len(result.prior.basis) == len(REAL) - 1
    other = forecast(LEDGERS["XVIII-14"], date(2004, 12, 9), simulations=2000)
    assert "UNTOC" in other.prior.basis and "UNCAC" not in other.prior.basis


def test_the_real_date_lies_in_the_interval_of_a_mid_course_forecast() -> None:
    result = forecast(UNTOC, date(2002, 6, 12), simulations=4000)
    assert result.threshold.low < date(2003, 7, 1) < result.threshold.high
    assert result.out_of_class is None and not result.incomplete


def test_same_question_same_answer_and_the_seed_depends_on_ledger_and_date(run) -> None:
    args = ("forecast", "--treaty", "XVIII-12", "--as-of", "2002-06-12", "-f", "json")
    first, second = run(*args), run(*args)
    assert first.exit_code == 0 and first.stdout == second.stdout
    model = json.loads(first.stdout)["model"]
    assert model["seed_derived"] is True and model["seed"] == derived_seed(UNTOC, date(2002, 6, 12))
    assert model["method"].startswith("power-law") and "UNCAC" in model["reference_class"]
    assert derived_seed(UNTOC, date(2002, 6, 13)) != model["seed"]


def test_the_median_moves_by_days_not_weeks_between_seeds() -> None:
    medians = [forecast(UNTOC, date(2002, 6, 12), seed=seed).threshold.median for seed in range(4)]
    assert (max(medians) - min(medians)).days <= 14


def test_the_sentence_speaks_in_months_and_the_table_in_iso_dates(run) -> None:
    result = run("forecast", "--treaty", "XVIII-14", "--as-of", "2004-12-09", "--by", "2030-01-01")
    text = " ".join(result.stdout.split())
    assert re.search(
        r"enter into force in [A-Z][a-z]+ \d{4} \(80% interval: [A-Z][a-z]+ \d{4} to [A-Z][a-z]+ \d{4}\)", text
    )
    assert re.search(r"Threshold reached \d{4}-\d{2}-\d{2} \d{4}-\d{2}-\d{2} \d{4}-\d{2}-\d{2}", text)
    assert "by 2030-01-01: >99%" in text  # a simulation never proves 100%


def test_a_silent_record_is_outside_the_class_and_the_interval_widens_instead_of_the_median_sliding() -> None:
    silent = replace(UNTOC, participants=tuple(replace(p, ratification=None, acceptance=None, approval=None, accession=None)
                                                for p in UNTOC.participants))  # fmt: skip
    early = forecast(silent, date(2001, 12, 12), simulations=4000)
    late = forecast(silent, date(2002, 12, 12), simulations=4000)
    assert (
        early.out_of_class
        and "no counted deposit" in early.out_of_class
        and "deposits may be missing" in early.out_of_class
    )
    assert early.incomplete and "it may lack some" in forecast_sentence(early)
    # A year more of silence widens the interval; the median stays within about a year of the as-of date
    # (the old constant-rate model put it three and a half years away, whatever the date).
    assert (late.threshold.high - late.threshold.low) > (early.threshold.high - early.threshold.low)
    for result in (early, late):
        assert (result.threshold.median - result.evaluation.as_of).days < 500


def test_a_ledger_without_opening_says_so(tmp_path: Path) -> None:
    treaty = replace(UNTOC.treaty, signature=None, adopted=None)
    result = forecast(replace(UNTOC, treaty=treaty), date(2002, 6, 12), simulations=1000)
    assert result.threshold is not None
    assert any("no opening for signature" in note for note in result.notes)


def test_a_missing_or_invalid_reference_set_is_said_never_a_crash(run, tmp_path: Path, monkeypatch) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(
        "forecast", str(SAMPLE), "--as-of", "2020-04-15", "-f", "json", env={"HANOI_REFERENCE_DIR": str(empty)}
    )
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["threshold_date"] is None and any("reference set is missing" in note for note in payload["notes"])
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("XVIII-12", "XVIII-14"):
        (broken / f"{name}.yaml").write_bytes((reference_dir() / f"{name}.yaml").read_bytes())
    (broken / "BAD-1.yaml").write_text("treaty: [\n", encoding="utf-8")
    result = run(
        "forecast", str(SAMPLE), "--as-of", "2020-04-15", "-f", "json", env={"HANOI_REFERENCE_DIR": str(broken)}
    )
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["threshold_date"]["median"] > "2020-04-15"
    assert any(note.startswith("BAD-1.yaml is left out of the reference set") for note in payload["notes"])


def test_the_fan_runs_from_todays_count_to_the_threshold() -> None:
    result = forecast(UNTOC, date(2002, 6, 12), simulations=4000)
    rows = fan(result)
    assert rows[0][0] == date(2002, 6, 12) and rows[0][1] == rows[0][2] == rows[0][3] == 15
    assert all(low <= median <= high <= 40 for _, low, median, high in rows)
    assert rows[-1][3] == 40 and [row[0] for row in rows] == sorted(row[0] for row in rows)


def test_chart_forecast_draws_the_fan(run, tmp_path: Path) -> None:
    out = tmp_path / "fan.svg"
    result = run("chart", "--as-of", "2002-06-12", str(reference_dir() / "XVIII-12.yaml"), "--forecast", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "Forecast: 10% to 90% of paths" in text and "Forecast: median path" in text
    assert "Forecast fan: the 10%, 50% and 90% paths" in text  # the <desc> for screen readers


def test_a_ledger_known_to_lack_deposits_says_so_only_once_that_is_known() -> None:
    att = LEDGERS["XXVI-8"]  # the copy holds 41 deposits; the depositary reported 53 parties on 2014-09-25
    assert att.treaty.reported.parties == 53
    assert forecast(att, date(2014, 10, 1), simulations=1000).incomplete
    assert not forecast(att, date(2014, 6, 4), simulations=1000).incomplete
