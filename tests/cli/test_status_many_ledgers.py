"""``hanoi status A.yaml B.yaml ...``: one summary row per treaty, failures marked, worst exit code."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from conftest import DATA, SAMPLE, assert_golden

AS_OF = "2023-06-01"
# In force, pending, invalid (exit 1), unreadable (exit 2): relative paths, so output is stable.
LEDGERS = ("sample.yaml", "pending.yaml", "invalid-key.yaml", "missing.yaml")
ROW_KEYS = {
    "short_title",
    "id",
    "counted_instruments",
    "threshold",
    "status",
    "threshold_date",
    "entry_into_force",
    "needed",
    "signatories",
    "parties",
    "path",
    "title",
    "unmet_requirements",
    "error",
    "checked",
    "checked_days",
    "stale",
}


@pytest.fixture(autouse=True)
def in_the_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)


def test_json_envelope(run) -> None:
    result = run("status", *LEDGERS, "--as-of", AS_OF, "-f", "json")
    assert result.exit_code == 2  # the worst: missing.yaml cannot be read
    payload = json.loads(result.stdout)
    assert payload["schema_version"] == 1
    assert payload["as_of"] == AS_OF
    rows = payload["treaties"]
    assert [row["path"] for row in rows] == list(LEDGERS)
    assert all(set(row) == ROW_KEYS for row in rows)
    assert [row["status"] for row in rows] == ["in_force", "pending", "invalid", "unreadable"]
    assert rows[0]["counted_instruments"] == 4 and rows[0]["threshold"] == 3
    assert rows[0]["entry_into_force"] == "2020-09-28" and rows[0]["error"] is None
    assert rows[1]["threshold_date"] == "2023-05-15" and rows[1]["entry_into_force"] == "2023-09-01"
    assert rows[2]["id"] is None and rows[2]["counted_instruments"] is None
    assert rows[2]["error"]["exit_code"] == 1
    assert rows[2]["error"]["problems"][0] == {
        "code": "unknown-key",
        "severity": "error",
        "message": "unknown key 'ratifcation'; did you mean 'ratification'?",
        "file": "invalid-key.yaml",
        "line": 20,
        "column": 5,
        "path": "participants[0].ratifcation",
    }
    assert rows[3]["error"]["exit_code"] == 2
    assert rows[3]["error"]["problems"][0]["code"] == "file-not-found"


def test_json_golden(run) -> None:
    result = run("status", *LEDGERS, "--as-of", AS_OF, "-f", "json")
    payload = json.loads(result.stdout)
    payload["hanoi_version"] = "X"
    assert_golden("status-many.json", json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def test_table_golden(run) -> None:
    result = run("status", *LEDGERS, "--as-of", AS_OF, env={"COLUMNS": "100"})
    assert result.exit_code == 2
    assert "4 treaties: 1 in force, 1 pending, 1 invalid, 1 unreadable." in result.stdout
    assert_golden("status-many.txt", result.stdout)


def test_markdown_golden(run) -> None:
    result = run("status", *LEDGERS, "--as-of", AS_OF, "-f", "markdown")
    assert result.stdout.startswith("## Status of 4 treaties as of 2023-06-01\n")
    assert_golden("status-many.md", result.stdout)


def test_csv_golden(run) -> None:
    result = run("status", *LEDGERS, "--as-of", AS_OF, "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["status"] for row in rows] == ["in_force", "pending", "invalid", "unreadable"]
    assert rows[2]["error"] == "unknown-key" and rows[3]["error"] == "file-not-found"
    assert rows[0]["error"] == "" and rows[2]["id"] == ""
    assert_golden("status-many.csv", result.stdout)


@pytest.mark.parametrize("output_format", ["table", "json", "csv", "markdown"])
def test_problems_go_to_stderr_located_and_the_others_still_show(run, output_format) -> None:
    result = run("status", *LEDGERS, "--as-of", AS_OF, "-f", output_format)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert (
        lines[0] == "invalid-key.yaml:20:5: error[unknown-key] unknown key 'ratifcation'; did you mean 'ratification'?"
    )
    assert lines[1] == "missing.yaml: error[file-not-found] no such file"
    assert lines[-1] == "Found 2 errors."
    assert "Test Protocol" in result.stdout and "Test Convention" in result.stdout


def test_the_exit_code_is_the_worst(run) -> None:
    assert run("status", "sample.yaml", "pending.yaml", "--as-of", AS_OF).exit_code == 0
    assert run("status", "sample.yaml", "invalid-key.yaml", "--as-of", AS_OF).exit_code == 1
    assert run("status", "missing.yaml", "sample.yaml", "--as-of", AS_OF).exit_code == 2


def test_a_clean_run_writes_nothing_on_stderr(run) -> None:
    result = run("status", "sample.yaml", "pending.yaml", "--as-of", AS_OF, "-f", "csv")
    assert result.exit_code == 0 and result.stderr == ""


def test_summary_forces_the_summary_for_one_ledger(run) -> None:
    result = run("status", "--summary", "sample.yaml", "--as-of", AS_OF, "-f", "json")
    assert [row["id"] for row in json.loads(result.stdout)["treaties"]] == ["TEST-1"]


def test_summary_of_the_default_ledger(run, monkeypatch) -> None:
    monkeypatch.setenv("HANOI_LEDGER", str(SAMPLE))
    result = run("status", "--summary", "--as-of", AS_OF, "-f", "json")
    assert [row["path"] for row in json.loads(result.stdout)["treaties"]] == [str(SAMPLE)]


def test_one_ledger_keeps_the_detailed_output(run) -> None:
    assert "participants" in json.loads(run("status", "sample.yaml", "--as-of", AS_OF, "-f", "json").stdout)


def test_standard_input_once_among_files(run) -> None:
    result = run(
        "status", "sample.yaml", "-", "--as-of", AS_OF, "-f", "json", input=(DATA / "pending.yaml").read_text()
    )
    assert result.exit_code == 0
    rows = json.loads(result.stdout)["treaties"]
    assert [(row["path"], row["id"]) for row in rows] == [("sample.yaml", "TEST-1"), ("<stdin>", "TEST-2")]


def test_standard_input_twice_is_a_usage_error(run) -> None:
    result = run("status", "-", "sample.yaml", "-", "--as-of", AS_OF)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "standard input (-) can be read only once" in result.stderr


def test_a_bad_as_of_is_still_a_usage_error(run) -> None:
    result = run("status", "sample.yaml", "pending.yaml", "--as-of", "2023-02-30", "-f", "json")
    assert result.exit_code == 2
    payload = json.loads(result.stdout)  # the error envelope, as for every failure under --format json
    assert payload["status"] == "error" and payload["problems"][0]["file"] == "--as-of"


def test_the_same_ledger_twice_gives_two_rows(run) -> None:
    rows = json.loads(run("status", "sample.yaml", "sample.yaml", "--as-of", AS_OF, "-f", "json").stdout)["treaties"]
    assert len(rows) == 2 and rows[0] == rows[1]


def test_cached_and_uncached_summaries_agree(run, tmp_path, monkeypatch) -> None:
    def no_parsing(*args, **kwargs):
        raise AssertionError("a cached ledger must not be parsed again")

    args = ("status", "sample.yaml", "pending.yaml", "--as-of", AS_OF, "-f", "json")
    first = run(*args)
    assert first.exit_code == 0, first.stderr
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 2, "the first run should cache both ledgers"
    with monkeypatch.context() as patch:
        patch.setattr("hanoi_cli.core.reading.loader._compose_and_validate", no_parsing)
        second = run(*args)
    assert second.exit_code == 0, second.stderr  # so both came from the cache
    uncached = run(*args, env={"HANOI_NO_CACHE": "1"})
    assert first.stdout == second.stdout == uncached.stdout


def test_many_ledgers_through_a_real_process(tmp_path) -> None:
    """Hundreds of files in one process; every row present and in order."""
    text = SAMPLE.read_text()
    paths = []
    for index in range(300):
        path = tmp_path / f"ledger-{index:03d}.yaml"
        path.write_text(text.replace("id: TEST-1", f"id: TEST-{index}"))
        paths.append(str(path))
    result = subprocess.run(
        [sys.executable, "-m", "hanoi_cli", "status", *paths, "--as-of", AS_OF, "-f", "csv"],
        capture_output=True,
        text=True,
        env={"HANOI_CACHE_DIR": str(tmp_path / "cache"), "PATH": ""},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["id"] for row in rows] == [f"TEST-{index}" for index in range(300)]
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 300  # all cached: no thrashing
