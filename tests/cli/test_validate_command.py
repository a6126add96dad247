"""``hanoi validate`` through the real app: formats, exit codes, and every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA, SAMPLE, assert_golden

INVALID = DATA / "invalid.yaml"
AS_OF = "2023-06-01"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """A command run without --as-of reads this day, never the machine's clock."""
    monkeypatch.setenv("HANOI_TODAY", AS_OF)


def test_the_shipped_ledger_is_valid(run) -> None:
    import yaml

    from hanoi_cli.core.reading.ledger_paths import shipped_ledger

    # Counted from the file itself (plain PyYAML, not hanoi's loader): a data update keeps it true.
    data = yaml.safe_load(shipped_ledger().read_text(encoding="utf-8"))
    listed = len(data["participants"])
    assert listed > 0
    signatories = sum(1 for participant in data["participants"] if "signature" in participant)
    # The one warning the file's figures can call for: more signatories than the report it cites.
    warned = signatories > data["treaty"]["reported"]["signatories"]
    result = run("validate", "--as-of", "2026-11-28")
    assert result.exit_code == 0, result.output
    if warned:
        assert f"warning[reported-count-exceeded] the ledger lists {signatories} signatories" in result.stdout
        assert result.stdout.rstrip().endswith("Checked 1 file: 1 valid; 0 errors, 1 warning.")
    else:
        assert f": ok ({listed} participants)" in result.stdout
        assert result.stdout.rstrip().endswith("Checked 1 file: 1 valid; 0 errors, 0 warnings.")


def test_text_report_is_grouped_per_file_with_the_summary_last(run) -> None:
    result = run("validate", str(INVALID), str(SAMPLE), "--as-of", AS_OF, "-f", "text")
    assert result.exit_code == 1
    text = result.stdout.replace(str(DATA) + "/", "")
    assert_golden("validate.txt", text)


def test_errors_and_warnings_have_positions_and_codes(run) -> None:
    result = run("validate", str(INVALID), "--as-of", AS_OF, "-f", "json")
    payload = json.loads(result.stdout)
    found = [(p["code"], p["severity"], p["line"], p["column"]) for p in payload["files"][0]["problems"]]
    assert found == [
        ("unknown-country-code", "error", 10, 11),
        ("deposit-before-signature", "error", 15, 19),
        ("accession-by-signatory", "warning", 19, 16),
        ("ratification-without-signature", "error", 22, 19),
        ("duplicate-participant", "error", 24, 11),
    ]


def test_json_is_a_versioned_envelope_and_nothing_else(run) -> None:
    result = run("validate", str(INVALID), str(SAMPLE), "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)  # stdout is the payload alone
    assert payload["schema_version"] == 1
    assert payload["as_of"] == AS_OF
    assert payload["valid"] is False and payload["strict"] is False
    assert payload["summary"] == {"files": 2, "valid": 1, "errors": 4, "warnings": 1}
    first, second = payload["files"]
    assert first["file"].endswith("invalid.yaml") and first["valid"] is False and first["participants"] == 5
    assert second["valid"] is True and second["problems"] == []
    assert set(first["problems"][0]) == {"code", "severity", "message", "file", "line", "column", "path"}
    assert first["problems"][0]["path"] == "participants[0].code"


def test_strict_fails_on_warnings_only(run) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "    accession: 2020-06-30", "    signature: 2020-02-01\n    accession: 2020-06-30"
    )
    assert run("validate", "-", "--as-of", AS_OF, input=text).exit_code == 0
    result = run("validate", "-", "--as-of", AS_OF, "--strict", input=text)
    assert result.exit_code == 1
    assert "warning[accession-by-signatory]" in result.stdout
    assert "(--strict: warnings fail)" in result.stdout


def test_standard_input_is_named_and_can_be_read_once(run) -> None:
    result = run("validate", "-", "--as-of", AS_OF, input=SAMPLE.read_text(encoding="utf-8"))
    assert result.exit_code == 0
    assert "<stdin>: ok (6 participants)" in result.stdout
    twice = run("validate", "-", "-", input="")
    assert twice.exit_code == 2
    assert "only once" in twice.stderr


def test_unreadable_file_beats_invalid_file(run, tmp_path: Path) -> None:
    result = run("validate", str(INVALID), str(tmp_path / "missing.yaml"), "--as-of", AS_OF)
    assert result.exit_code == 2
    assert "missing.yaml: error[file-not-found] no such file" in result.stdout
    assert "1 unreadable" in result.stdout


def test_future_dates_depend_on_the_as_of_date(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANOI_TODAY", "2020-05-01")
    result = run("validate", str(SAMPLE))
    assert result.exit_code == 1
    assert (
        "error[date-after-as-of] Chile's acceptance is dated 2020-05-20, after the as-of date 2020-05-01"
        in result.stdout
    )


def test_github_annotations_are_escaped(run, tmp_path: Path) -> None:
    path = tmp_path / "odd,name:1.yaml"
    path.write_text(INVALID.read_text(encoding="utf-8").replace("name: Norway", "name: Norway 100%"), encoding="utf-8")
    result = run("validate", str(path), "--as-of", AS_OF, "-f", "github")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::error file=")
    assert "odd%2Cname%3A1.yaml,line=10,col=11,title=hanoi unknown-country-code::GER is not" in lines[0]
    assert any(line.startswith("::warning ") and "accession-by-signatory" in line for line in lines)
    assert "(Norway 100%25)" in result.stdout  # % in a message is escaped
    assert lines[-1].startswith("Checked 1 file")


def test_github_escaping_of_newlines() -> None:
    from hanoi_cli.core.ledger.problems import Problem
    from hanoi_cli.render.validation import github_annotation

    line = github_annotation(Problem("x", "a\nb\r%", "a,b:c.yaml", 3, 4, severity="warning"))
    assert line == "::warning file=a%2Cb%3Ac.yaml,line=3,col=4,title=hanoi x::a%0Ab%0D%25"


def test_auto_format_and_step_summary_inside_github_actions(run, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = run("validate", str(INVALID), "--as-of", AS_OF, env=env)
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=")
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n### hanoi validate: problems found\n")
    assert "| `" in written and "| invalid | 4 | 1 |" in written
    assert "| error | `duplicate-participant` |" in written


def test_text_format_outside_github_actions_writes_no_summary(run, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = run("validate", str(SAMPLE), "--as-of", AS_OF, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 0
    assert not summary.exists()


def test_an_unwritable_step_summary_is_a_note_not_an_internal_error(run, tmp_path: Path) -> None:
    """The job summary is an extra: the annotations and the exit code still come through."""
    target = tmp_path / "no-such-folder" / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(target)}
    result = run("validate", str(INVALID), "--as-of", AS_OF, env=env)
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=")
    assert "internal error" not in result.stderr
    assert "could not write the job summary" in result.stderr
    valid = run("validate", str(SAMPLE), "--as-of", AS_OF, "-f", "github", env={"GITHUB_STEP_SUMMARY": str(tmp_path)})
    assert valid.exit_code == 0, valid.stderr


BIG = "a" * 100


@pytest.mark.parametrize(
    ("content", "code", "line", "column"),
    [
        pytest.param("treaty: [1, 2\n", "yaml-syntax", 2, 1, id="malformed-yaml"),
        pytest.param("treaty:\n\tid: X\n", "yaml-syntax", 2, 1, id="tab"),
        pytest.param("", "empty-ledger", 1, 1, id="empty-file"),
        pytest.param("- a\n- b\n", "not-a-mapping", 1, 1, id="list-root"),
        pytest.param("just text\n", "not-a-mapping", 1, 1, id="scalar-root"),
        pytest.param("a: " + "[" * 40 + "]" * 40 + "\n", "too-deep", 1, None, id="deep-nesting"),
        pytest.param(
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
            "yaml-alias",
            1,
            4,
            id="alias-bomb",
        ),
        pytest.param("treaty: !!python/object/apply:os.system ['echo pwned']\n", "yaml-tag", 1, 9, id="python-tag"),
        pytest.param(
            SAMPLE.read_text(encoding="utf-8").replace("ratification: 2020-03-10", "ratification: 2025-02-30"),
            "invalid-date",
            20,
            19,
            id="impossible-date",
        ),
        pytest.param(
            SAMPLE.read_text(encoding="utf-8").replace("ratification: 2020-03-10", "ratification: 20200310"),
            "invalid-date",
            20,
            19,
            id="number-for-date",
        ),
        pytest.param(
            SAMPLE.read_text(encoding="utf-8").replace("    ratification: 2020-03-10", "    ratifcation: 2020-03-10"),
            "unknown-key",
            20,
            5,
            id="unknown-key",
        ),
        pytest.param(
            SAMPLE.read_text(encoding="utf-8").replace("  id: TEST-1", "  id: TEST-1\n  id: TEST-2"),
            "duplicate-key",
            4,
            3,
            id="duplicate-key",
        ),
    ],
)
def test_every_kind_of_bad_input_is_located_without_a_traceback(
    run, tmp_path: Path, content: str, code: str, line: int, column: int | None
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    result = run("validate", str(path), "--as-of", AS_OF, "-f", "json")
    assert result.exit_code == 1, result.output
    problem = json.loads(result.stdout)["files"][0]["problems"][0]
    assert problem["code"] == code
    assert problem["line"] == line
    if column is not None:
        assert problem["column"] == column
    assert "Traceback" not in result.output
    assert "pwned" not in result.stderr


@pytest.mark.parametrize(
    ("content", "line", "column"),
    [
        pytest.param("treaty:\n  id: ab\x1bc\n", 2, 9, id="escape"),
        pytest.param("treaty:\n  title: Côte d'Ivoire\x7f\n", 2, 23, id="delete-after-accents"),
        pytest.param("# ça\ntreaty: {id: \x00}\n", 2, 14, id="nul"),
    ],
)
def test_a_control_character_is_located_where_it_is(run, tmp_path: Path, content: str, line: int, column: int) -> None:
    path = tmp_path / "control.yaml"
    path.write_text(content, encoding="utf-8")
    result = run("validate", str(path), "--as-of", AS_OF)
    assert result.exit_code == 1, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{path}:{line}:{column}: error[yaml-syntax] ")
    assert "U+" in first and "<unicode string>" not in result.stdout
    assert result.stdout.splitlines()[1] == ""  # one line per problem


def test_an_escaped_control_character_never_reaches_a_terminal(run, tmp_path: Path) -> None:
    """YAML's double-quoted escapes ("\\e", "\\x9b") could smuggle terminal control sequences
    from a pull request into a reviewer's terminal: refused, located at the value."""
    path = tmp_path / "escape.yaml"
    text = SAMPLE.read_text(encoding="utf-8").replace("name: Norway", 'name: "Nor\\e[2Jway"')
    text = text.replace("  id: TEST-1", '  "i\\x9bd": TEST-1')
    path.write_text(text, encoding="utf-8")
    result = run("validate", str(path), "--as-of", AS_OF)
    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.stdout and "\x9b" not in result.stdout
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{path}:3:3: error[control-character] ")
    assert lines[1].startswith(f"{path}:16:11: error[control-character] ")
    status = run("status", str(path), "--as-of", AS_OF)
    assert status.exit_code == 1
    assert "\x1b" not in status.output and "error[control-character]" in status.stderr
    tab_and_newline = SAMPLE.read_text(encoding="utf-8").replace("name: Norway", 'name: "Nor\\tway\\n"')
    path.write_text(tab_and_newline, encoding="utf-8")
    assert "control-character" not in run("validate", str(path), "--as-of", AS_OF).stdout


def test_a_byte_order_mark_is_harmless(run, tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes())
    assert run("validate", str(path), "--as-of", AS_OF).exit_code == 0


def test_bytes_that_are_not_utf8_cannot_be_read(run, tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"treaty:\n  title: Conven\xe7\xe3o\n")
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert "latin1.yaml:2:16: error[not-utf8]" in result.stdout


def test_the_column_of_a_byte_that_is_not_utf8_counts_characters(run, tmp_path: Path) -> None:
    """Like every other column: "Côte" is four characters, though five bytes."""
    path = tmp_path / "mixed.yaml"
    path.write_bytes("treaty:\n  title: Côte ".encode() + b"\xff\n")
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert "mixed.yaml:2:15: error[not-utf8]" in result.stdout
    path.write_bytes(b"\xef\xbb\xbftreaty: \xff\n")
    assert "mixed.yaml:1:9: error[not-utf8]" in run("validate", str(path)).stdout


def test_a_huge_file_is_refused_before_parsing(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hanoi_cli.core.reading import loader

    monkeypatch.setattr(loader, "MAX_BYTES", 1024)
    path = tmp_path / "huge.yaml"
    path.write_text("treaty: [" + "1, " * 2000 + "1]\n", encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert "error[file-too-large]" in result.stdout


def test_a_cached_ledger_is_checked_and_located_the_same_way(
    run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from hanoi_cli.core.reading import cache

    def no_parsing(*args, **kwargs):
        raise AssertionError("a cached ledger must not be parsed again")

    first = run("validate", str(INVALID), "--as-of", AS_OF)
    assert any(cache.cache_dir().iterdir())  # the validated ledger was stored
    with monkeypatch.context() as patch:  # the second run must come from the cache
        patch.setattr("hanoi_cli.core.reading.loader._compose_and_validate", no_parsing)
        second = run("validate", str(INVALID), "--as-of", AS_OF)
    assert second.stdout == first.stdout and second.exit_code == first.exit_code == 1
    monkeypatch.setenv("HANOI_NO_CACHE", "1")
    assert run("validate", str(INVALID), "--as-of", AS_OF).stdout == first.stdout


def test_as_of_help_says_what_validate_does_with_later_dates(run) -> None:
    """validate does not ignore what comes after --as-of: it reports it (date-after-as-of)."""
    text = " ".join(run("validate", "--help").stdout.split())
    assert "events after it are ignored" not in text
    assert "a date after it is an error" in text


def test_strict_github_annotations_mark_warnings_as_errors(run) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "    accession: 2020-06-30", "    signature: 2020-02-01\n    accession: 2020-06-30"
    )
    relaxed = run("validate", "-", "--as-of", AS_OF, "-f", "github", input=text)
    assert relaxed.stdout.startswith("::warning file=<stdin>") and relaxed.exit_code == 0
    strict = run("validate", "-", "--as-of", AS_OF, "-f", "github", "--strict", input=text)
    assert strict.stdout.startswith("::error file=<stdin>") and strict.exit_code == 1
