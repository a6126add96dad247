"""``hanoi project``, ``hanoi forecast`` and ``hanoi timeline``: the cores and the commands."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SAMPLE, assert_golden
from conftest import forecast_on_the_set as forecast
from hanoi_cli.core.commands.project import parse_scenario
from hanoi_cli.core.ledger.problems import LedgerError
from hanoi_cli.core.reading.loader import read_ledger
from hanoi_cli.core.rules.engine import evaluate
from hanoi_cli.core.rules.scenario import Assumption, parse_assumption, parse_pace, project
from hanoi_cli.core.rules.timeline import events

LEDGER = read_ledger(SAMPLE, use_cache=False).ledger
EARLY = date(2020, 4, 15)  # Norway deposited (and the EU, not counted): 1 of 3


# --- scenario parsing ---------------------------------------------------------------------------


def test_assumption_syntax() -> None:
    assert parse_assumption("FRA=2027-01-10") == Assumption("FRA", "ratification", date(2027, 1, 10))
    assert parse_assumption("GHA=accession:2027-02-01").instrument == "accession"
    assert parse_assumption("EUU=formal-confirmation:2027-02-01").instrument == "formal_confirmation"
    for bad, words in [
        ("FRA", "CODE=DATE"),
        (" =2027-01-10", "names no participant"),
        ("FRA=signing:2027-01-10", "not an instrument"),
        ("FRA=2027-02-30", "28 days"),
    ]:
        with pytest.raises(ValueError, match=words):
            parse_assumption(bad)


def test_pace_syntax() -> None:
    assert parse_pace("2/month").per_month == 2
    assert parse_pace("12/year").per_month == 1
    for bad in ("2", "0/month", "two/month", "-1/month"):
        with pytest.raises(ValueError):
            parse_pace(bad)


def test_scenario_file_problems_are_located() -> None:
    text = "assume:\n  - code: FRA\n    ratifcation: 2027-01-10\n  - code: fr\n    accession: 2027-13-01\n  - code: GHA\n    ratification: 2027-01-01\n    accession: 2027-01-02\n"
    with pytest.raises(LedgerError) as caught:
        parse_scenario(text, "s.yaml")
    found = [(p.code, p.line, p.column) for p in caught.value.problems]
    assert ("unknown-key", 3, 5) in found
    assert ("invalid-code", 4, 11) in found
    assert ("invalid-date", 5, 16) in found
    assert ("multiple-instruments", 8, 16) in found
    assert caught.value.exit_code == 2


def test_scenario_file_accepts_hyphen_spelling_and_names() -> None:
    found = parse_scenario("assume:\n  - {code: XKX, name: Kosovo, definitive-signature: 2027-05-01}\n", "s.yaml")
    assert found[0].instrument == "definitive_signature" and found[0].name == "Kosovo" and found[0].line == 2


# --- projecting ---------------------------------------------------------------------------------


def test_an_assumed_deposit_reaches_the_threshold() -> None:
    projection = project(LEDGER, EARLY, [parse_assumption("CHL=2020-05-01"), parse_assumption("VNM=2020-06-01")])
    assert projection.projected.threshold_date == date(2020, 6, 1)
    assert projection.projected.entry_into_force == date(2020, 8, 30)
    assert [p.participant.code for p in projection.projected.threshold_parties] == ["VNM"]
    assert projection.current.counted_instruments == 1  # the record itself is unchanged


def test_a_recorded_later_deposit_is_cut_at_the_as_of_date() -> None:
    # Ghana's real accession (2020-06-30) is after EARLY, so it is not in the projection.
    projection = project(
        LEDGER, EARLY, [parse_assumption("CHL=2020-05-01"), parse_assumption("XKX=accession:2021-01-01")]
    )
    assert projection.projected.threshold_date == date(2021, 1, 1)
    new = projection.assumed[1]
    assert new.new_participant and new.name == "XKX" and new.entry_into_force == date(2021, 4, 1)


def test_assuming_over_a_recorded_deposit_is_refused() -> None:
    with pytest.raises(LedgerError) as caught:
        project(
            LEDGER,
            EARLY,
            [
                parse_assumption("NOR=2020-05-01"),
                parse_assumption("CHL=2020-05-01"),
                parse_assumption("CHL=2020-06-01"),
                parse_assumption("PER=2020-01-01"),
            ],
        )
    codes = [p.code for p in caught.value.problems]
    assert codes == ["already-deposited", "duplicate-assumption", "assumed-before-as-of"]
    assert caught.value.exit_code == 2


def test_pace_deposits_fill_the_gap_evenly() -> None:
    projection = project(LEDGER, EARLY, [], parse_pace("1/month"))
    assert len(projection.pace_used) == 2  # two more for 3
    assert projection.projected.threshold_date == EARLY + timedelta(days=61)


dates = st.dates(min_value=date(2020, 4, 15), max_value=date(2030, 12, 31))


@settings(max_examples=60, deadline=None)
@given(first=dates, second=dates, extra=dates)
def test_an_extra_assumed_deposit_never_delays_the_projection(first: date, second: date, extra: date) -> None:
    base = [Assumption("CHL", "ratification", first), Assumption("VNM", "ratification", second)]
    before = project(LEDGER, EARLY, base).projected.entry_into_force
    after = project(LEDGER, EARLY, [*base, Assumption("XKX", "accession", extra)]).projected.entry_into_force
    assert before is not None and after is not None and after <= before


# --- forecast -----------------------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(as_of=st.dates(min_value=date(2020, 2, 1), max_value=date(2020, 6, 29)), seed=st.integers(0, 2**32 - 1))
def test_forecast_quantiles_are_ordered_and_after_the_as_of_date(as_of: date, seed: int) -> None:
    result = forecast(LEDGER, as_of, simulations=300, seed=seed)
    assert result.threshold is not None and result.entry_into_force is not None
    low, median, high = result.threshold.low, result.threshold.median, result.threshold.high
    assert low is not None and median is not None and high is not None
    assert as_of < low <= median <= high
    assert result.entry_into_force.low == low + timedelta(days=90)


def test_same_seed_same_forecast_and_probability_is_monotone() -> None:
    one = forecast(LEDGER, EARLY, seed=7, by=date(2021, 1, 1))
    two = forecast(LEDGER, EARLY, seed=7, by=date(2021, 1, 1))
    assert one == two
    later = forecast(LEDGER, EARLY, seed=7, by=date(2022, 1, 1))
    assert 0 < one.probability_by <= later.probability_by <= 1


def test_a_treaty_in_force_gives_the_real_dates() -> None:
    result = forecast(LEDGER, date(2023, 6, 1), seed=1, by=date(2020, 9, 1))
    assert result.threshold.median == date(2020, 6, 30) and result.entry_into_force.median == date(2020, 9, 28)
    assert result.probability_by == 0.0
    assert "in force" in result.notes[0]


def test_no_deposits_is_said_plainly() -> None:
    silent = replace(
        LEDGER,
        participants=tuple(
            replace(p, ratification=None, acceptance=None, accession=None, formal_confirmation=None)
            for p in LEDGER.participants
        ),
    )
    assert forecast(silent, date(2020, 12, 1), seed=1).out_of_class is None  # ten months: a reference had none yet
    result = forecast(silent, date(2022, 12, 1), seed=1)
    assert result.observed == 0 and "no counted deposit" in result.out_of_class
    assert result.out_of_class in result.notes
    assert result.posterior_mean_per_day < result.prior.mean_per_day  # a long silence is evidence, not forgotten


# --- timeline -----------------------------------------------------------------------------------


def test_timeline_running_count_follows_deposits_and_withdrawals() -> None:
    found = events(evaluate(LEDGER, date(2024, 6, 1)))
    kinds = [(e.day.isoformat(), e.event, e.code, e.counted_instruments) for e in found]
    assert ("2020-04-01", "deposit", "EUU", 1) in kinds  # the REIO does not count
    assert ("2020-06-30", "deposit", "GHA", 3) in kinds
    assert ("2024-01-10", "withdrawal", "PER", 3) in kinds  # 12 months after the notification
    assert [e.day for e in found] == sorted(e.day for e in found)


# --- the commands -------------------------------------------------------------------------------


def test_project_json_and_markdown(run) -> None:
    args = ("project", str(SAMPLE), "--as-of", "2020-04-15", "-a", "CHL=2020-05-01", "-a", "XKX=accession:2020-07-01")
    result = run(*args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["entry_into_force"] == "2020-09-29"
    assert payload["threshold_instruments"] == [{"name": "XKX", "code": "XKX", "deposited": "2020-07-01"}]
    assert payload["current"]["counted_instruments"] == 1
    assert [a["code"] for a in payload["assumed"]] == ["CHL", "XKX"]
    payload["hanoi_version"] = "X"
    assert_golden("project.json", json.dumps(payload, indent=2) + "\n")
    markdown = run(*args, "-f", "markdown")
    assert_golden("project.md", markdown.stdout)


def test_project_table_golden(run) -> None:
    result = run(
        "project",
        str(SAMPLE),
        "--as-of",
        "2020-04-15",
        "-a",
        "CHL=2020-05-01",
        "--pace",
        "1/month",
        env={"COLUMNS": "100"},
    )
    assert result.exit_code == 0
    assert_golden("project.txt", result.stdout)


def test_project_fail_if_later_than_is_a_gate(run) -> None:
    args = ("project", str(SAMPLE), "--as-of", "2020-04-15", "-a", "CHL=2020-05-01", "-a", "VNM=2020-06-01")
    assert run(*args, "--fail-if-later-than", "2020-08-30").exit_code == 0
    late = run(*args, "--fail-if-later-than", "2020-08-29")
    assert late.exit_code == 1 and "later than 2020-08-29" in late.stderr
    never = run(
        "project", str(SAMPLE), "--as-of", "2020-04-15", "-a", "VNM=2020-06-01", "--fail-if-later-than", "2030-01-01"
    )
    assert never.exit_code == 1 and "never" in never.stderr


def test_project_usage_errors(run, tmp_path) -> None:
    assert run("project", str(SAMPLE), "--as-of", "2020-04-15").exit_code == 2
    bad = run("project", str(SAMPLE), "-a", "FRA:2027-01-01")
    assert bad.exit_code == 2 and "CODE=DATE" in bad.stderr
    scenario = tmp_path / "s.yaml"
    scenario.write_text("assume:\n  - code: NOR\n    ratification: 2020-05-01\n")
    refused = run("project", str(SAMPLE), "--as-of", "2020-04-15", "--assume-file", str(scenario))
    assert refused.exit_code == 2
    assert (
        f"{scenario}:2:5: error[already-deposited] Norway (NOR) already deposited its ratification on 2020-03-10"
        in refused.stderr
    )


def test_project_never_writes_the_ledger(run, tmp_path) -> None:
    ledger = tmp_path / "l.yaml"
    ledger.write_text(SAMPLE.read_text())
    result = run("project", str(ledger), "--as-of", "2020-04-15", "-a", "CHL=2020-05-01")
    assert result.exit_code == 0, result.stderr  # the projection really ran
    assert ledger.read_text() == SAMPLE.read_text()


def test_forecast_json_is_reproducible(run) -> None:
    args = ("forecast", str(SAMPLE), "--as-of", "2020-04-15", "--seed", "3", "--by", "2021-01-01", "-f", "json")
    first, second = run(*args), run(*args)
    assert first.exit_code == 0 and first.stdout == second.stdout and first.stderr == ""
    payload = json.loads(first.stdout)
    assert payload["status"] == "not_reached" and payload["needed"] == 2
    assert set(payload["threshold_date"]) == {"p10", "median", "p90"}
    assert 0 <= payload["probability_by"] <= 1
    assert payload["model"]["seed"] == 3 and payload["model"]["observed_deposits"] == 1


def test_forecast_table_on_the_shipped_ledger_is_honest(run) -> None:
    """Says so when the record holds no counted deposit; the count comes from the file itself
    (plain PyYAML), so a data update that adds deposits keeps the test true."""
    import yaml

    from hanoi_cli.core.ledger.models import INSTRUMENT_TYPES
    from hanoi_cli.core.reading.ledger_paths import shipped_ledger

    as_of = date(2026, 11, 28)
    data = yaml.safe_load(shipped_ledger().read_text(encoding="utf-8"))
    count_reio = data["treaty"]["entry_into_force"].get("count_reio", True)
    counted = [
        participant["code"]
        for participant in data["participants"]
        if (participant.get("kind") != "reio" or count_reio)
        and any(key in participant and participant[key] <= as_of for key in INSTRUMENT_TYPES)
    ]
    result = run("forecast", "--as-of", as_of.isoformat(), "--seed", "1")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "80% interval" in text
    assert f"Counted instruments {len(counted)} / {data['treaty']['entry_into_force']['threshold']}" in text
    checked = data["treaty"].get("checked")
    if checked is not None and checked < as_of:  # the months since are unknown, not a silence
        assert f"The record was last checked on {checked.day} {checked:%B %Y}" in text
        assert "this ledger has no counted deposit" not in text
    elif counted:
        assert "this ledger has no counted deposit" not in text
    else:
        assert "this ledger has no counted deposit" in text and "0 counted deposits recorded from" in text
        assert "it may lack some" in text  # the caveat inside the sentence


def test_forecast_of_a_treaty_in_force(run) -> None:
    payload = json.loads(run("forecast", str(SAMPLE), "--as-of", "2023-06-01", "-f", "json").stdout)
    assert payload["status"] == "in_force" and payload["entry_into_force"]["median"] == "2020-09-28"


def test_timeline_formats(run) -> None:
    table = run("timeline", str(SAMPLE), "--as-of", "2023-06-01", env={"COLUMNS": "100"})
    assert table.exit_code == 0
    assert_golden("timeline.txt", table.stdout)
    rows = list(csv.DictReader(io.StringIO(run("timeline", str(SAMPLE), "--as-of", "2023-06-01", "-f", "csv").stdout)))
    assert rows[0]["event"] == "signature" and rows[-1]["event"] == "denunciation"
    assert_golden("timeline.csv", run("timeline", str(SAMPLE), "--as-of", "2023-06-01", "-f", "csv").stdout)
    payload = json.loads(
        run("timeline", str(SAMPLE), "--as-of", "2020-05-01", "-f", "json", "--forecast", "--seed", "1").stdout
    )
    assert payload["events"][-1]["counted_instruments"] == 1
    assert payload["forecast"]["threshold_date"]["median"] > "2020-05-01"


def test_timeline_of_a_treaty_in_force_says_no_forecast(run) -> None:
    result = run("timeline", str(SAMPLE), "--as-of", "2023-06-01", "--forecast")
    assert result.exit_code == 0 and "Forecast:" not in result.stdout and "80% band" not in result.stdout


def test_timeline_forecast_chart_shows_the_band(run) -> None:
    result = run("timeline", str(SAMPLE), "--as-of", "2020-05-01", "--forecast", "--seed", "1")
    assert result.exit_code == 0 and "░" in result.stdout and "┃" in result.stdout


# --- review: odd inputs -------------------------------------------------------------------------


def test_a_pace_too_slow_for_the_calendar_is_a_usage_error(run) -> None:
    result = run("project", str(SAMPLE), "--as-of", "2020-03-15", "--pace", "0.00001/month")
    assert result.exit_code == 2, result.stderr
    assert "error[out-of-range]" in result.stderr and "9999-12-31" in result.stderr
    result = run("project", str(SAMPLE), "--as-of", "2020-03-15", "-a", "FRA=9999-12-30", "-a", "DEU=9999-12-30")
    assert result.exit_code == 2 and "error[out-of-range]" in result.stderr


def test_a_forecast_too_close_to_the_calendars_end_is_a_usage_error(run) -> None:
    result = run("forecast", str(SAMPLE), "--as-of", "9990-01-01", "--seed", "1")
    assert result.exit_code == 2, result.stderr
    assert "error[out-of-range]" in result.stderr


def test_the_threshold_line_is_drawn_when_the_count_dwarfs_the_threshold() -> None:
    from hanoi_cli.render.timeline import chart

    lines = chart([(date(2020, 1, 1), 40)], 2, date(2020, 1, 1), date(2020, 3, 1), width=20)
    assert any(line.startswith("   2 ┤") for line in lines)


def test_timeline_table_keeps_whole_dates_and_names_in_80_columns(run) -> None:
    table = run("timeline", str(SAMPLE), "--as-of", "2023-06-01", env={"COLUMNS": "80"}).stdout
    assert "…" not in table
    assert "2020-02-01" in table and "Norway" in table and "2020-09-28" in table


def test_project_on_a_treaty_already_in_force_speaks_in_the_past(run) -> None:
    from conftest import SAMPLE

    result = run("project", str(SAMPLE), "--as-of", "2023-06-01", "--assume", "FRA=2023-07-01")
    text = " ".join(result.stdout.split())
    assert "The Test Convention entered into force on 28 September 2020" in text
    assert "the assumptions do not change that date" in text
    assert "would enter into force on 28 September 2020" not in text


def test_timeline_json_has_a_forecast_key_whenever_asked(run) -> None:
    import json

    from conftest import SAMPLE

    asked = json.loads(run("timeline", str(SAMPLE), "--as-of", "2023-06-01", "--forecast", "-f", "json").stdout)
    assert asked["forecast"]["threshold_date"]["median"] == "2020-06-30"  # in force: the record's dates
    assert asked["forecast"]["notes"] == ["The treaty is in force; these are the dates of the record, not a forecast."]
    plain = json.loads(run("timeline", str(SAMPLE), "--as-of", "2023-06-01", "-f", "json").stdout)
    assert "forecast" not in plain


def test_timeline_payload_keeps_the_forecast_key_when_nothing_is_forecast() -> None:
    from datetime import date

    from conftest import SAMPLE
    from hanoi_cli.core.payloads.timeline import timeline_payload
    from hanoi_cli.core.reading.loader import read_ledger
    from hanoi_cli.core.rules.engine import evaluate
    from hanoi_cli.core.rules.timeline import events

    ledger = read_ledger(SAMPLE).ledger
    evaluation = evaluate(ledger, date(2023, 6, 1))
    found = events(evaluation)
    assert timeline_payload(evaluation, found, None, with_forecast=True)["forecast"] is None
    assert "forecast" not in timeline_payload(evaluation, found, None)
