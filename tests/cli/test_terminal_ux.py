"""Issue 25: what people meet in the terminal (ux review M1, M2, M4, M14 and the low findings)."""

from __future__ import annotations

import json
import re
from datetime import date

from conftest import SAMPLE

ANSI = re.compile(r"\x1b\[[0-9;]*m")
SHIPPED_AS_OF = "2026-12-04"
TERMINAL_80x24 = {"TTY_COMPATIBLE": "1", "NO_COLOR": "1", "COLUMNS": "80", "LINES": "24"}


def status_json(run, *args: str) -> dict:
    return json.loads(run("status", *args, "-f", "json").stdout)


# --- M2: one quotable sentence ------------------------------------------------------------------


def test_the_quotable_sentence_gives_the_figures_the_press_quotes(run) -> None:
    payload = status_json(run, "--as-of", SHIPPED_AS_OF)
    assert payload["sentence"] == (
        f"{payload['signatories'] - 1} States and the European Union have signed; none has deposited an "
        "instrument of ratification (record checked on 16 November 2025); it enters into force 90 days after the 40th."
    )
    assert payload["status"] == "not_reached"  # the JSON values stay as they are (M4)
    # before the record was checked, the check says nothing of the record then: the as-of date instead
    earlier = status_json(run, "--as-of", "2025-11-01")["sentence"]
    assert "(as of 1 November 2025)" in earlier


def test_the_sentence_names_when_the_record_was_checked_when_it_is_known() -> None:
    from hanoi_cli.core.payloads.status import quotable_sentence
    from hanoi_cli.core.reading.loader import read_ledger
    from hanoi_cli.core.rules.engine import evaluate

    evaluation = evaluate(read_ledger(SAMPLE).ledger, date(2020, 6, 1))
    assert quotable_sentence(evaluation, date(2020, 5, 30)) == (
        "4 States and the European Union have signed; 3 have deposited instruments of ratification, acceptance, "
        "approval or accession, of which 2 count toward the threshold of 3 (record checked on 30 May 2020); "
        "it enters into force 90 days after the 3rd."
    )
    in_force = evaluate(read_ledger(SAMPLE).ledger, date(2023, 6, 1))
    assert quotable_sentence(in_force).endswith("; it entered into force on 28 September 2020.")


def test_brief_on_a_terminal_is_the_headline_and_the_sentence_unbroken(run) -> None:
    result = run("status", "--as-of", SHIPPED_AS_OF, "--brief", env=TERMINAL_80x24)
    assert result.exit_code == 0
    sentence = status_json(run, "--as-of", SHIPPED_AS_OF)["sentence"]
    lines = ANSI.sub("", result.stdout).splitlines()
    assert lines[-1] == sentence and len(sentence) > 80  # one line: the terminal soft-wraps it, a copy has no break
    assert lines[0].startswith("Hanoi Convention  XVIII-16  as of 2026-12-04  not in force")
    assert all(len(line) <= 80 for line in lines[:-1])


# --- M1: the answer where the reader is ---------------------------------------------------------


def test_at_80x24_the_answer_closes_the_table(run) -> None:
    result = run("status", "--as-of", SHIPPED_AS_OF, env=TERMINAL_80x24)
    assert result.exit_code == 0
    sentence = status_json(run, "--as-of", SHIPPED_AS_OF)["sentence"]
    last_screen = ANSI.sub("", result.stdout).splitlines()[-22:]
    assert sentence in last_screen
    assert "hanoi status --brief prints only this answer." in last_screen


def test_piped_output_is_unchanged_and_a_short_table_is_not_repeated(run) -> None:
    piped = run("status", "--as-of", SHIPPED_AS_OF).stdout
    sentence = status_json(run, "--as-of", SHIPPED_AS_OF)["sentence"]
    assert sentence not in piped and "--brief" not in piped
    short = run("status", str(SAMPLE), "--as-of", "2023-06-01", env=TERMINAL_80x24).stdout
    assert "--brief" not in short  # it fits the screen: the headline is still in view


# --- M4: the words of the press and the depositary ------------------------------------------------


def test_the_headline_speaks_the_press_s_words(run) -> None:
    text = run("status", "--as-of", SHIPPED_AS_OF).stdout
    assert "not in force" in text.splitlines()[0] and "not reached" not in text
    assert (
        "it needs 40 more instruments of ratification, acceptance, approval or accession; it enters into force "
        "90 days after the deposit of the 40th." in text
    )
    assert "REIO: regional economic integration organization; its instrument is not counted" in text
    markdown = run("status", str(SAMPLE), "--as-of", "2023-06-01", "-f", "markdown").stdout
    assert "_REIO: regional economic integration organization" in markdown


# --- M14: machine output that says why -----------------------------------------------------------


def test_strict_json_with_warnings_exits_1_with_the_warnings_in_the_json(run, tmp_path) -> None:
    warned = tmp_path / "warned.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    warned.write_text(
        text.replace("  adopted: 2020-01-15\n", "  adopted: 2020-01-15\n  reported: {signatories: 1}\n"), "utf-8"
    )
    result = run("status", str(warned), "--as-of", "2023-06-01", "-f", "json", "--strict")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["severity"], p["path"], p["line"]) for p in problems] == [
        ("reported-count-exceeded", "warning", "treaty.reported.signatories", 7)  # located as validate does
    ]
    assert run("status", str(warned), "--as-of", "2023-06-01", "-f", "json").exit_code == 0  # not strict: a warning
    invalid = run("status", "tests/data/invalid.yaml", "-f", "json", "--strict")
    assert invalid.exit_code == 1
    assert {p["code"] for p in json.loads(invalid.stdout)["problems"]} >= {"duplicate-participant"}
    clean = run("status", str(SAMPLE), "--as-of", "2023-06-01", "-f", "json", "--strict")
    assert clean.exit_code == 0 and json.loads(clean.stdout)["problems"] == []


# --- L5: before adoption ---------------------------------------------------------------------------


def test_before_adoption_the_treaty_is_not_yet_adopted(run) -> None:
    result = run("status", "--as-of", "2024-01-01", "--brief")
    assert result.stdout.splitlines()[1] == (
        "The Hanoi Convention was not yet adopted on 1 January 2024; it was adopted on 24 December 2024."
    )


# --- L1: suggestions for what was mistyped, --json ---------------------------------------------------


def test_a_mistyped_command_gets_a_suggestion(run) -> None:
    result = run("stauts")
    assert result.exit_code == 2
    assert "Error: No such command 'stauts'. Did you mean 'status'?" in result.stderr
    assert "Did you mean" not in run("xyzzy").stderr


def test_json_is_an_alias_of_format_json(run) -> None:
    args = ("status", str(SAMPLE), "--as-of", "2023-06-01")
    aliased = run(*args, "--json")
    assert aliased.exit_code == 0
    assert aliased.stdout == run(*args, "-f", "json").stdout
    assert json.loads(run("validate", str(SAMPLE), "--as-of", "2023-06-01", "--json").stdout)["summary"]
    # a usage error after --json still gets the JSON error envelope
    bad = run("status", "--json", "--as-of", "tomorrow")
    assert bad.exit_code == 2 and json.loads(bad.stdout)["problems"][0]["code"] == "usage-error"
    # a command without JSON output keeps Click's own message
    assert "No such option: --json" in run("schema", "--json").stderr


# --- L4: an as-of date in the past is phrased in the past ----------------------------------------------


def test_a_past_as_of_date_is_not_now(run) -> None:
    past = run("status", "--as-of", "2025-10-26", env={"HANOI_TODAY": SHIPPED_AS_OF}).stdout.splitlines()[0]
    assert past.endswith("open for signature until 31 December 2026, 431 days after 26 October 2025")
    today = run("status", "--as-of", "2025-10-26", env={"HANOI_TODAY": "2025-10-26"}).stdout.splitlines()[0]
    assert today.endswith("open for signature until 31 December 2026, 431 days from now")
    pending = status_json(run, str(SAMPLE), "--as-of", "2020-08-01")["summary"]
    assert "enters into force on 28 September 2020 (58 days after 1 August 2020)" in pending


# --- L6: pace deposits named as such --------------------------------------------------------------------


def test_a_pace_deposit_is_named_as_such(run) -> None:
    result = run("project", "--as-of", SHIPPED_AS_OF, "--pace", "2/month")
    assert result.exit_code == 0
    assert (
        "would enter into force on 2 November 2028, after the 40th counted instrument at that pace (4 August 2028)."
        in result.stdout
    )
    assert "Pace deposit 40" not in result.stdout


# --- L8: diff of a source list says what was added ------------------------------------------------------


def test_diff_of_a_source_list_names_the_added_source(run, tmp_path) -> None:
    from conftest import DATA

    before = tmp_path / "before.yaml"
    before.write_text((DATA / "provenance.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    after = tmp_path / "after.yaml"
    text = before.read_text(encoding="utf-8").replace(
        "      - https://news.example.com/chile-signs\n",
        "      - https://news.example.com/chile-signs\n      - https://example.org/chile-gazette\n",
    )
    after.write_text(text.replace("source: https://news.example.com/ghana-parliament", "source: [a, b]"), "utf-8")
    result = run("diff", str(before), str(after), "--as-of", "2025-06-01")
    assert "      source: + https://example.org/chile-gazette (added)" in result.stdout
    assert "      source: + a; + b; - https://news.example.com/ghana-parliament (added, removed)" in result.stdout
    assert "chile-signs" not in result.stdout  # the list is not printed twice


# --- L9: a file that is not a ledger stops after a few lines ----------------------------------------------


def test_a_file_that_is_not_a_ledger_says_so_after_a_few_lines(run) -> None:
    from conftest import GOLDEN

    result = run("diff", str(GOLDEN / "status.json"), str(SAMPLE))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) <= 5 and lines[-1] == "Found 4 errors."
    assert "error[not-a-ledger] this does not look like a ledger: " in lines[-2]
    assert "top-level keys ('schema_version', 'hanoi_version', 'as_of', ...) are not ledger keys" in lines[-2]
    assert "error[unknown-key] unknown key 'schema_version'" in lines[0]
    # a ledger with one wrong key is still told about that key alone
    one_wrong = run("validate", "tests/data/invalid-key.yaml")
    assert "not-a-ledger" not in one_wrong.stdout + one_wrong.stderr


# --- L10: help that never splits a date or an action name, one example per command -----------------------


def test_help_never_splits_a_date_or_a_name_and_shows_an_example(run) -> None:
    from hanoi_cli.cli.app import COMMANDS, EXAMPLES

    assert set(EXAMPLES) == set(COMMANDS)
    for width in ("60", "80"):
        top = run("--help", env={"COLUMNS": width}).stdout
        assert "status record..." not in top and "status file.\n" in top  # a long summary wraps, never cut
        for name in COMMANDS:
            text = run(name, "--help", env={"COLUMNS": width}).stdout
            assert f"  Example:\n    {EXAMPLES[name]}\n" in text, name
            broken = [line for line in text.splitlines() if re.search(r"[A-Za-z]-$", line.rstrip())]
            assert not broken, (name, width, broken)
    record = run("record", "--help", env={"COLUMNS": "80"}).stdout
    assert "formal-confirmation" in record and "YYYY-MM-DD/YYYY-MM-DD" in record


# --- L17: a CSV that Excel opens right ------------------------------------------------------------------


def test_csv_excel_is_the_csv_with_a_bom_and_crlf(run, tmp_path) -> None:
    args = ("status", str(SAMPLE), "--as-of", "2023-06-01", "-f")
    plain = run(*args, "csv").stdout_bytes
    excel = run(*args, "csv-excel").stdout_bytes
    assert excel.startswith(b"\xef\xbb\xbf") and b"\r\n" in excel
    assert excel[3:].replace(b"\r\n", b"\n") == plain
    turkish = tmp_path / "t.yaml"
    turkish.write_text(SAMPLE.read_text(encoding="utf-8").replace("Ghana", "Türkiye"), encoding="utf-8")
    assert "Türkiye".encode() in run("status", str(turkish), "--as-of", "2023-06-01", "-f", "csv-excel").stdout_bytes
    timeline = run("timeline", str(SAMPLE), "--as-of", "2023-06-01", "-f", "csv-excel").stdout_bytes
    assert timeline.startswith(b"\xef\xbb\xbf")
    many = run("status", str(SAMPLE), str(SAMPLE), "--as-of", "2023-06-01", "-f", "csv-excel").stdout_bytes
    assert many.startswith(b"\xef\xbb\xbf")
    assert run(*args, "csv-excel", "--brief").exit_code == 2
