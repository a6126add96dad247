"""The Python API (docs/python-api.md) and ``hanoi export``: a contract like the JSON keys.

Names, fields and columns are only ever added; each answer is the matching command's answer.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import hanoi_cli as hanoi
from conftest import SAMPLE
from hanoi_cli.core.rules.tidy import EVENT_COLUMNS, PANEL_COLUMNS

AS_OF = date(2026, 12, 1)

PUBLIC_NAMES = {
    "Forecast",
    "Ledger",
    "LedgerError",
    "Quantiles",
    "Status",
    "Table",
    "forecast",
    "load",
    "status",
    "timeline",
}
STATUS_FIELDS = (
    "treaty",
    "title",
    "as_of",
    "status",
    "summary",
    "threshold",
    "counted_instruments",
    "needed",
    "signatories",
    "parties",
    "threshold_date",
    "entry_into_force",
    "participants",
    "notes",
)
FORECAST_FIELDS = (
    "as_of",
    "summary",
    "status",
    "needed",
    "threshold_date",
    "entry_into_force",
    "seed",
    "simulations",
    "by",
    "probability_by",
    "notes",
)


def test_the_public_names_are_kept() -> None:
    assert PUBLIC_NAMES <= set(hanoi.__all__)
    assert PUBLIC_NAMES <= set(dir(hanoi))
    for name in PUBLIC_NAMES:
        assert getattr(hanoi, name) is getattr(__import__("hanoi_cli.api").api, name)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = hanoi.nothing  # type: ignore[attr-defined]


def test_result_fields_are_kept() -> None:
    status_fields = [f.name for f in dataclasses.fields(hanoi.Status)]
    forecast_fields = [f.name for f in dataclasses.fields(hanoi.Forecast)]
    assert status_fields[: len(STATUS_FIELDS)] == list(STATUS_FIELDS)
    assert forecast_fields[: len(FORECAST_FIELDS)] == list(FORECAST_FIELDS)
    assert EVENT_COLUMNS[:9] == (
        "treaty",
        "participant",
        "code",
        "kind",
        "action",
        "date",
        "date_earliest",
        "counted",
        "source",
    )


def test_importing_the_package_imports_nothing_heavy() -> None:
    """``import hanoi_cli`` (and so every command's start-up) pays neither for the API nor for its libraries."""
    script = "import sys, hanoi_cli; print(' '.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    )
    assert "hanoi_cli" in loaded
    assert not loaded & {"hanoi_cli.api", "pandas", "numpy", "pydantic", "yaml", "rich", "typer", "dateutil", "typing"}


def test_load_reads_the_shipped_ledger_without_a_path() -> None:
    led = hanoi.load()
    assert led.treaty.id == "XVIII-16"
    assert len(led.participants) > 40
    assert "Hanoi Convention" in repr(led)


def test_a_bad_ledger_raises_ledger_error_with_located_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("treaty: [\n", encoding="utf-8")
    with pytest.raises(hanoi.LedgerError) as caught:
        hanoi.load(bad)
    problem = caught.value.problems[0]
    assert (problem.file, problem.line) == (str(bad), 2)
    assert problem.code


def test_status_is_the_json_of_hanoi_status(run) -> None:
    led = hanoi.load(SAMPLE)
    now = hanoi.status(led, as_of=AS_OF)
    payload = json.loads(run("status", str(SAMPLE), "--as-of", AS_OF.isoformat(), "-f", "json").stdout)
    assert now.to_dict() == payload
    assert now.entry_into_force == date.fromisoformat(payload["entry_into_force"]) == date(2020, 9, 28)
    assert now.threshold_date == date(2020, 6, 30)
    for key in ("status", "summary", "threshold", "counted_instruments", "needed", "signatories", "parties"):
        assert getattr(now, key) == payload[key], key
    assert [row["code"] for row in now.participants] == [row["code"] for row in payload["participants"]]
    chile = next(row for row in now.participants if row["code"] == "CHL")
    assert (chile["signature_earliest"], chile["signature"]) == (date(2020, 2, 1), date(2020, 2, 2))
    assert chile["deposited"] == date(2020, 5, 20)
    assert hanoi.status(SAMPLE, as_of=date(2020, 1, 1)).status == "not_reached"  # a path is loaded
    assert now.notes == ()


def test_status_notes_a_ledger_with_problems(tmp_path: Path) -> None:
    doubled = tmp_path / "doubled.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    doubled.write_text(text + text[text.index("  - name: Norway") :], encoding="utf-8")
    now = hanoi.status(doubled, as_of=AS_OF)
    assert now.counted_instruments > 0  # still evaluated
    assert len(now.notes) == 1 and "run hanoi validate" in now.notes[0]


def test_forecast_is_reproducible_and_is_hanoi_forecast(run, tmp_path: Path) -> None:
    ledger = tmp_path / "early.yaml"
    ledger.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    as_of = date(2020, 4, 15)  # two counted deposits, one missing
    first = hanoi.forecast(hanoi.load(ledger), as_of=as_of, seed=7, simulations=2000)
    assert first == hanoi.forecast(ledger, as_of=as_of, seed=7, simulations=2000)
    assert first.threshold_date is not None and first.threshold_date.median is not None
    assert as_of < first.threshold_date.low <= first.threshold_date.median <= first.threshold_date.high
    payload = json.loads(
        run(
            "forecast", str(ledger), "--as-of", "2020-04-15", "--seed", "7", "--simulations", "2000", "-f", "json"
        ).stdout
    )
    assert first.to_dict() == payload
    assert first.threshold_date.median.isoformat() == payload["threshold_date"]["median"]


def test_timeline_is_hanoi_timeline(run) -> None:
    table = hanoi.timeline(SAMPLE, as_of=AS_OF)
    payload = json.loads(run("timeline", str(SAMPLE), "--as-of", AS_OF.isoformat(), "-f", "json").stdout)
    assert [{**row, "date": row["date"].isoformat()} for row in table] == payload["events"]


def test_events_one_row_per_action() -> None:
    rows = hanoi.load(SAMPLE).events(as_of=AS_OF).to_records()
    assert [row["date"] for row in rows] == sorted(row["date"] for row in rows)
    by = {(row["code"], row["action"]): row for row in rows}
    assert by["NOR", "ratification"]["counted"] is True
    assert by["EUU", "formal_confirmation"]["counted"] is False  # count_reio: false
    assert by["CHL", "signature"]["date"] == date(2020, 2, 2)
    assert by["CHL", "signature"]["date_earliest"] == date(2020, 2, 1)
    assert not any(
        row["counted"] for row in rows if row["action"] in ("signature", "denunciation", "domestic_approval")
    )
    assert {action for _, action in by} >= {"signature", "denunciation", "domestic_approval"}
    shipped = hanoi.load().events(as_of=AS_OF)
    assert {row["evidence"] for row in shipped} <= {"depositary", "official", "reported", None}
    assert any(row["evidence"] == "depositary" and "treaties.un.org" in row["source"] for row in shipped)
    early = hanoi.load(SAMPLE).events(as_of=date(2020, 3, 10))
    assert max(row["date"] for row in early) == date(2020, 3, 10)


def test_tables_in_pandas() -> None:
    pd = pytest.importorskip("pandas")
    frame = hanoi.load(SAMPLE).events(as_of=AS_OF).to_pandas()
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert pd.api.types.is_datetime64_any_dtype(frame["date"])
    assert frame["counted"].dtype == bool
    panel = hanoi.load(SAMPLE).panel(as_of=AS_OF).to_pandas()
    assert set(panel["year"]) == set(range(2020, 2027))


def test_to_pandas_without_pandas_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"hanoi-cli\[pandas\]"):
        hanoi.timeline(SAMPLE, as_of=AS_OF).to_pandas()


def test_notebook_html_is_escaped(tmp_path: Path) -> None:
    ledger = tmp_path / "x.yaml"
    text = SAMPLE.read_text(encoding="utf-8").replace("short_title: Test Convention", "short_title: <b>T&C</b>")
    ledger.write_text(text.replace("name: Norway", 'name: "<script>alert(1)</script>"'), encoding="utf-8")
    now = hanoi.status(ledger, as_of=AS_OF)
    page = now._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;T&amp;C&lt;/b&gt;" in page
    assert page.count("<tr>") == 7 + 1 + len(now.participants) + 1  # headline rows and head, participants and head
    assert "<td>2020-09-28</td>" in page
    assert "median" in hanoi.forecast(ledger, as_of=date(2020, 4, 15), seed=1, simulations=500)._repr_html_()


def test_export_csv_is_the_event_table(run) -> None:
    result = run("export", str(SAMPLE), "--as-of", AS_OF.isoformat())
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    expected = hanoi.load(SAMPLE).events(as_of=AS_OF)
    assert len(rows) == len(expected)
    assert list(rows[0]) == list(EVENT_COLUMNS)
    for got, want in zip(rows, expected):
        assert got["date"] == want["date"].isoformat()
        assert got["counted"] == ("true" if want["counted"] else "false")
        assert (got["participant"], got["action"]) == (want["participant"], want["action"])


def test_export_json_and_panel_parse_in_pandas(run) -> None:
    pd = pytest.importorskip("pandas")
    result = run("export", str(SAMPLE), str(SAMPLE), "--panel", "--as-of", AS_OF.isoformat(), "-f", "json")
    payload = json.loads(result.stdout)
    assert list(payload)[:5] == ["schema_version", "hanoi_version", "as_of", "columns", "panel"]
    assert payload["columns"] == list(PANEL_COLUMNS)
    assert len(payload["panel"]) == 2 * 7 * 6  # two copies, 2020-2026, six participants
    frame = pd.DataFrame(payload["panel"])
    assert pd.to_datetime(frame["as_of"]).max() == pd.Timestamp(AS_OF)
    ghana = frame[(frame["code"] == "GHA") & (frame["year"] == 2020)].iloc[0]
    assert bool(ghana["party"]) and bool(ghana["counted"]) and bool(ghana["in_force"])
    csv_frame = pd.read_csv(
        io.StringIO(run("export", str(SAMPLE), "--as-of", "2026-12-01").stdout), parse_dates=["date"]
    )
    assert pd.api.types.is_datetime64_any_dtype(csv_frame["date"])


def test_export_errors_are_located_and_in_json(run, tmp_path: Path) -> None:
    result = run("export", str(tmp_path / "missing.yaml"), "-f", "json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["status"] == "error"
    assert run("export", "-", "-").exit_code == 2


def test_the_python_api_page_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """Every Python example of docs/python-api.md, in order, in one namespace, as a reader would run them."""
    page = (Path(__file__).resolve().parent.parent / "docs" / "python-api.md").read_text(encoding="utf-8")
    blocks = [block.split("```", 1)[0] for block in page.split("```python\n")[1:]]
    assert len(blocks) >= 6
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, "docs/python-api.md", "exec"), namespace)
    printed = capsys.readouterr().out
    assert "XVIII-16 Hanoi Convention" in printed
    assert "datetime64" in printed
    assert "file-not-found" in printed


def test_the_api_shares_its_columns_quantiles_and_events_with_the_commands() -> None:
    """One list of participant columns, one Quantiles, one event record: the API cannot drift from
    the CSV and JSON it documents as the same data."""
    from hanoi_cli.core.payloads.columns import PARTICIPANT_COLUMNS
    from hanoi_cli.core.payloads.timeline import event_record
    from hanoi_cli.core.rules import forecast as forecast_rules
    from hanoi_cli.core.rules.engine import evaluate
    from hanoi_cli.core.rules.timeline import events

    led = hanoi.load(SAMPLE)
    now = hanoi.status(led, as_of=date(2026, 12, 1))
    assert set(now.participants.columns) == {*PARTICIPANT_COLUMNS, "signature_earliest"}
    documented = "name code kind signature signature_earliest instrument deposited counted entry_into_force status"
    documented += " reservations declarations denunciation domestic_approval confirmed_by_depositary sources notes"
    assert now.participants.columns[:17] == tuple(documented.split())  # the published order, evidence after
    assert hanoi.Quantiles is forecast_rules.Quantiles
    table = hanoi.timeline(led, as_of=date(2026, 12, 1))
    records = [event_record(event) for event in events(evaluate(led.model, date(2026, 12, 1)))]
    assert [{**row, "date": row["date"].isoformat()} for row in table] == records


def test_the_package_and_the_api_name_the_same_public_names() -> None:
    """``hanoi_cli.__all__`` is written out so that ``import hanoi_cli`` stays lazy; it must say what the API
    module exports, no more and no less."""
    import hanoi_cli.api

    assert list(hanoi.__all__) == list(hanoi_cli.api.__all__)
