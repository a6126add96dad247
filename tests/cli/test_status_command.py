"""``hanoi status`` through the real Typer app: formats, ledger selection, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from conftest import SAMPLE, assert_golden

AS_OF = "2023-06-01"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """A command run without --as-of reads this day, never the machine's clock."""
    monkeypatch.setenv("HANOI_TODAY", AS_OF)


def test_json_is_the_documented_payload(run) -> None:
    result = run("status", str(SAMPLE), "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    payload = json.loads(result.stdout)
    assert payload["treaty"] == {
        "id": "TEST-1",
        "short_title": "Test Convention",
        "title": "Convention for the Testing of Treaty Trackers",
    }
    assert payload["as_of"] == AS_OF
    assert payload["status"] == "in_force"
    assert payload["threshold"] == 3
    assert payload["counted_instruments"] == 4  # Norway, Chile, Ghana, Peru; the EU is not counted
    assert payload["threshold_date"] == "2020-06-30"
    assert payload["entry_into_force"] == "2020-09-28"
    assert payload["threshold_instruments"] == [{"name": "Ghana", "code": "GHA", "deposited": "2020-06-30"}]
    by_code = {p["code"]: p for p in payload["participants"]}
    assert by_code["EUU"] == {
        "name": "European Union",
        "code": "EUU",
        "kind": "reio",
        "signature": "2020-02-01",
        "instrument": "formal_confirmation",
        "deposited": "2020-04-01",
        "counted": False,
        "entry_into_force": "2020-09-28",
        "status": "in_force",
        "reservations": False,
        "declarations": False,
        "denunciation": None,
        "sources": [],
        "notes": None,
        "domestic_approval": None,
        "confirmed_by_depositary": False,
        "evidence": None,
        "signature_evidence": None,
        "instrument_evidence": None,
        "instrument_notification": None,
        "facts": {
            "signature": {
                "date": "2020-02-01",
                "evidence": None,
                "sources": [],
                "notification": None,
                "notification_url": None,
            },
            "formal_confirmation": {
                "date": "2020-04-01",
                "evidence": None,
                "sources": [],
                "notification": None,
                "notification_url": None,
            },
        },
    }
    assert by_code["VNM"]["domestic_approval"] == "2021-05-05"
    assert payload["signature_window"]["summary"] == "closed for signature on 31 December 2021"
    assert by_code["PER"]["entry_into_force"] == "2020-12-02"  # deposit + 30 days, after the treaty date
    assert by_code["PER"]["status"] == "denounced"
    assert by_code["CHL"]["signature"] == "2020-02-01/2020-02-02"
    assert by_code["VNM"]["instrument"] is None


def test_json_golden(run) -> None:
    result = run("status", str(SAMPLE), "--as-of", AS_OF, "--format", "json")
    payload = json.loads(result.stdout)
    payload["hanoi_version"] = "X"  # the golden file must not change with every release
    assert_golden("status.json", json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def test_csv_has_a_header_and_a_row_per_participant(run) -> None:
    result = run("status", str(SAMPLE), "--as-of", AS_OF, "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["code"] for row in rows] == ["NOR", "EUU", "CHL", "GHA", "PER", "VNM"]
    assert rows[1]["counted"] == "false" and rows[0]["counted"] == "true"
    assert rows[5]["deposited"] == ""
    assert_golden("status.csv", result.stdout)


def test_markdown_golden(run) -> None:
    result = run("status", str(SAMPLE), "--as-of", "2020-08-01", "--format", "markdown")
    assert result.exit_code == 0
    assert "(58 days after 1 August 2020)" in result.stdout  # an as-of date in the past is no "now"
    assert "Article 12" not in result.stdout  # reservations are flagged, not dumped
    assert_golden("status.md", result.stdout)


def test_table_golden(run) -> None:
    result = run("status", str(SAMPLE), "--as-of", AS_OF, env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert "entered into force on 28 September 2020" in result.stdout
    assert_golden("status.txt", result.stdout)


def test_format_is_case_insensitive(run) -> None:
    result = run("status", str(SAMPLE), "--as-of", AS_OF, "-f", "JSON")
    assert json.loads(result.stdout)["status"] == "in_force"


def test_as_of_before_the_threshold_is_not_reached(run) -> None:
    payload = json.loads(run("status", str(SAMPLE), "--as-of", "2020-06-29", "-f", "json").stdout)
    assert payload["status"] == "not_reached"
    assert payload["needed"] == 1
    assert payload["entry_into_force"] is None
    assert "needs 1 more instrument of ratification, acceptance, approval or accession;" in payload["summary"]


def test_hanoi_today_pins_the_default_date(run) -> None:
    payload = json.loads(run("status", str(SAMPLE), "-f", "json", env={"HANOI_TODAY": "2020-08-01"}).stdout)
    assert payload["as_of"] == "2020-08-01"
    assert payload["status"] == "pending"


def test_a_bad_hanoi_today_is_a_usage_error(run) -> None:
    result = run("status", str(SAMPLE), env={"HANOI_TODAY": "tomorrow"})
    assert result.exit_code == 2
    assert "HANOI_TODAY" in result.stderr


def test_a_bad_as_of_is_a_usage_error(run) -> None:
    result = run("status", str(SAMPLE), "--as-of", "2025-02-30")
    assert result.exit_code == 2
    assert "February 2025 has 28 days" in result.stderr


def test_an_unknown_format_is_a_usage_error(run) -> None:
    result = run("status", str(SAMPLE), "--format", "xml")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_a_missing_ledger_is_exit_2_with_a_located_message(run, tmp_path) -> None:
    missing = tmp_path / "nope.yaml"
    result = run("status", str(missing))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{missing}: error[file-not-found] no such file" in result.stderr
    assert "Traceback" not in result.stderr
    assert "HANOI_LEDGER" not in result.stderr


def test_a_missing_ledger_named_by_the_environment_says_so(run, tmp_path) -> None:
    missing = str(tmp_path / "nope.yaml")
    result = run("status", env={"HANOI_LEDGER": missing})
    assert result.exit_code == 2
    assert f"{missing}: error[file-not-found] no such file (the path in $HANOI_LEDGER)" in result.stderr


def test_a_missing_ledger_in_json_mode_still_prints_json(run, tmp_path) -> None:
    result = run("status", str(tmp_path / "nope.yaml"), "-f", "json")
    assert result.exit_code == 2
    envelope = json.loads(result.stdout)
    assert envelope["status"] == "error"
    assert envelope["problems"][0]["code"] == "file-not-found"


def test_an_invalid_ledger_is_exit_1_with_every_problem_located(run, tmp_path) -> None:
    ledger = tmp_path / "bad.yaml"
    ledger.write_text(SAMPLE.read_text().replace("ratification: 2020-03-10", "ratifcation: 2020-03-10"))
    result = run("status", str(ledger))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{ledger}:20:5: error[unknown-key] unknown key 'ratifcation'; did you mean 'ratification'?" in result.stderr
    assert result.stderr.rstrip().endswith("Found 1 error.")


def test_ledger_from_environment_then_shipped(run, monkeypatch) -> None:
    monkeypatch.setenv("HANOI_LEDGER", str(SAMPLE))
    assert json.loads(run("status", "--as-of", AS_OF, "-f", "json").stdout)["treaty"]["id"] == "TEST-1"
    monkeypatch.delenv("HANOI_LEDGER")
    shipped = json.loads(run("status", "--as-of", "2026-05-01", "-f", "json").stdout)
    assert shipped["treaty"]["id"] == "XVIII-16"
    assert shipped["threshold"] == 40


def test_ledger_from_standard_input(run) -> None:
    result = run("status", "-", "--as-of", AS_OF, "-f", "json", input=SAMPLE.read_text())
    assert result.exit_code == 0
    assert json.loads(result.stdout)["counted_instruments"] == 4


def test_errors_on_standard_input_are_named_stdin(run) -> None:
    result = run("status", "-", input="treaty: [\n")
    assert result.exit_code == 1
    assert result.stderr.startswith("<stdin>:")


def test_an_internal_error_exits_3_without_a_traceback(run, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("hanoi_cli.core.rules.engine.evaluate", broken)
    result = run("status", str(SAMPLE))
    assert result.exit_code == 3
    assert "internal error: RuntimeError: boom" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_cached_ledger_gives_the_same_answer(run, tmp_path, monkeypatch) -> None:
    def no_parsing(*args, **kwargs):
        raise AssertionError("a cached ledger must not be parsed again")

    first = run("status", str(SAMPLE), "--as-of", AS_OF, "-f", "json")
    assert first.exit_code == 0, first.stderr
    assert list((tmp_path / "cache").glob("*.pickle")), "the first run should fill the cache"
    monkeypatch.setattr("hanoi_cli.core.reading.loader._compose_and_validate", no_parsing)
    second = run("status", str(SAMPLE), "--as-of", AS_OF, "-f", "json")
    assert second.exit_code == 0, second.stderr  # so it came from the cache
    assert first.stdout == second.stdout


def test_no_command_shows_help(run) -> None:
    result = run()
    assert "status" in result.stderr  # plain Click help: a usage error, on stderr
    assert result.exit_code == 2


def test_version(run) -> None:
    from hanoi_cli import __version__

    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"hanoi {__version__}\n"


def test_python_dash_m_runs_the_app() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hanoi_cli", "status", str(SAMPLE), "--as-of", AS_OF, "-f", "json"],
        capture_output=True,
        text=True,
        env={"HANOI_NO_CACHE": "1", "PATH": ""},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["entry_into_force"] == "2020-09-28"


@pytest.mark.parametrize("module", ["ruamel", "pycountry", "dateutil.parser", "rich"])
def test_status_in_json_imports_nothing_it_does_not_use(module) -> None:
    code = (
        "import sys, io, contextlib, json\n"
        "from hanoi_cli.cli.app import app\n"
        f"sys.argv = ['hanoi', 'status', {str(SAMPLE)!r}, '--as-of', '{AS_OF}', '-f', 'json']\n"
        "out, code = io.StringIO(), 0\n"
        "with contextlib.redirect_stdout(out):\n"
        "    try: app()\n"
        "    except SystemExit as exc: code = exc.code\n"
        f"print(json.dumps([{module!r} in sys.modules, code, out.getvalue()]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={"HANOI_NO_CACHE": "1"}, check=True
    )
    imported, exit_code, stdout = json.loads(result.stdout)
    assert exit_code == 0, result.stderr
    assert json.loads(stdout)["entry_into_force"] == "2020-09-28"  # the command really ran
    assert imported is False


def test_ctrl_c_exits_130(run, monkeypatch) -> None:
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("hanoi_cli.core.rules.engine.evaluate", interrupted)
    assert run("status", str(SAMPLE)).exit_code == 130


def test_main_maps_a_bug_outside_any_command_to_exit_3(monkeypatch, capsys) -> None:
    from hanoi_cli.cli import app as app_module

    def broken() -> None:
        raise ValueError("bad wiring")

    monkeypatch.setattr(app_module, "app", broken)
    with pytest.raises(SystemExit) as exited:
        app_module.main()
    assert exited.value.code == 3
    assert "internal error: ValueError: bad wiring" in capsys.readouterr().err


def test_dates_past_year_9999_are_a_usage_error_not_an_internal_error(run, tmp_path) -> None:
    ledger = tmp_path / "late.yaml"
    ledger.write_text(
        "treaty:\n  id: T\n  title: T\n  entry_into_force: {threshold: 1, after: {days: 90}}\n"
        "participants:\n  - {name: Norway, code: NOR, accession: 9999-12-01}\n",
        encoding="utf-8",
    )
    result = run("status", str(ledger), "--as-of", "9999-12-31")
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.stderr
    assert "9999-12-31" in result.stderr
    projected = run("project", str(SAMPLE), "--as-of", "2020-04-15", "-a", "CHL=9999-12-01", "-a", "GHA=9999-12-01")
    assert projected.exit_code == 2, projected.output
    assert "internal error" not in projected.stderr
