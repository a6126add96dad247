"""``hanoi status`` as a journalist, a CI engineer and a contributor read it (issue 13, items 3-8, 11, 16, 17).

Through the real Typer app; the closed-pipe and full-disk cases need a real process and file descriptors.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, SAMPLE

PROVENANCE = DATA / "provenance.yaml"
PENDING = DATA / "pending.yaml"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANOI_TODAY", "2023-06-01")


def status_json(run, *args: str) -> dict:
    result = run("status", *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def write_ledger(tmp_path: Path, text: str, name: str = "ledger.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- item 3: what was reported, and reservations, as of the date asked --------------------------------


def test_a_report_made_after_the_as_of_date_is_not_shown(run) -> None:
    from datetime import date, timedelta

    from hanoi_cli.core.reading.ledger_paths import shipped_ledger
    from hanoi_cli.core.reading.loader import read_ledger

    reported_on: date = read_ledger(shipped_ledger()).ledger.treaty.reported.as_of  # derived from the file
    day_before = (reported_on - timedelta(days=1)).isoformat()
    before = status_json(run, "--as-of", day_before)
    assert before["reported"] is None
    coverage = ("Signatories:", "The ledger lists")
    assert not any(line.startswith(coverage) for line in run("status", "--as-of", day_before).stdout.splitlines())
    after = status_json(run, "--as-of", reported_on.isoformat())
    assert after["reported"]["as_of"] == reported_on.isoformat()
    assert any(
        line.startswith(coverage) for line in run("status", "--as-of", reported_on.isoformat()).stdout.splitlines()
    )


def test_more_recorded_than_reported_never_reads_4_of_3(run, tmp_path) -> None:
    ledger = write_ledger(
        tmp_path,
        "treaty:\n  id: T\n  title: T\n  entry_into_force: {threshold: 5, after: {days: 90}}\n"
        "  reported: {signatories: 3, as_of: 2026-05-06}\n"
        "participants:\n"
        + "".join(
            f"  - {{name: {name}, code: {code}, signature: 2026-01-0{day}}}\n"
            for day, (name, code) in enumerate(
                [("Norway", "NOR"), ("Chile", "CHL"), ("Ghana", "GHA"), ("Peru", "PER")], start=1
            )
        ),
    )
    payload = status_json(run, str(ledger), "--as-of", "2026-06-01")
    assert payload["reported"]["summary"] == "Signatories: 4 recorded; 3 were reported on 6 May 2026."
    table = run("status", str(ledger), "--as-of", "2026-06-01").stdout
    assert "4 recorded; 3 were reported on 6 May 2026" in table
    assert "4 of 3" not in table


def test_reservations_are_flagged_from_the_deposit_not_before(run) -> None:
    """Chile signed on 1-2 February 2020 and accepted on 20 May 2020, with a reservation."""
    early = {p["code"]: p for p in status_json(run, str(SAMPLE), "--as-of", "2020-03-01")["participants"]}
    assert early["CHL"]["signature"] == "2020-02-01/2020-02-02"
    assert early["CHL"]["reservations"] is False
    assert "reservations" not in run("status", str(SAMPLE), "--as-of", "2020-03-01").stdout
    later = {p["code"]: p for p in status_json(run, str(SAMPLE), "--as-of", "2020-05-20")["participants"]}
    assert later["CHL"]["reservations"] is True
    assert "reservations" in run("status", str(SAMPLE), "--as-of", "2020-05-20").stdout


# --- item 4: an invalid ledger is evaluated, and says so in one line ---------------------------------

INVALID = (
    "treaty:\n  id: T\n  title: T\n  entry_into_force: {threshold: 1, after: {days: 90}}\n"
    "participants:\n"
    "  - {name: Norway, code: NOR, signature: 2020-05-01, ratification: 2020-03-01}\n"  # deposit before signature
    "  - {name: Norway again, code: NOR, signature: 2020-02-01}\n"  # duplicate participant
    "  - {name: Chile, code: CHX, signature: 2020-02-01}\n"  # unknown code
)


def test_an_invalid_ledger_is_evaluated_with_one_line_on_stderr(run, tmp_path) -> None:
    ledger = write_ledger(tmp_path, INVALID)
    result = run("status", str(ledger), "--as-of", "2021-01-01")
    assert result.exit_code == 0  # the exit code is kept
    assert "entered into force on 30 May 2020" in result.stdout
    assert result.stderr == f"{ledger}: this ledger has 3 problems; run hanoi validate\n"
    validated = run("validate", str(ledger), "--as-of", "2021-01-01")
    assert validated.stderr.count("error[") + validated.stdout.count("error[") == 3  # the same count as validate


def test_strict_makes_problems_exit_1_in_every_format(run, tmp_path) -> None:
    ledger = write_ledger(tmp_path, INVALID)
    for output_format in ("table", "json", "csv", "markdown"):
        result = run("status", str(ledger), "--as-of", "2021-01-01", "--strict", "-f", output_format)
        assert result.exit_code == 1, output_format
        assert result.stderr.count("\n") == 1 and "3 problems" in result.stderr
    json.loads(run("status", str(ledger), "--strict", "-f", "json").stdout)  # stdout is still the payload


def test_a_valid_ledger_says_nothing_even_strict_and_as_of_the_past(run) -> None:
    """An --as-of before some events is no problem of the data (validate judges as of today)."""
    result = run("status", str(SAMPLE), "--as-of", "2020-03-01", "--strict")
    assert (result.exit_code, result.stderr) == (0, "")


def test_status_on_an_invalid_ledger_never_imports_pycountry(tmp_path) -> None:
    ledger = write_ledger(tmp_path, INVALID)
    code = (
        "import sys, io, contextlib\n"
        "from hanoi_cli.cli.app import app\n"
        f"sys.argv = ['hanoi', 'status', {str(ledger)!r}, '--as-of', '2021-01-01']\n"
        "err = io.StringIO()\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):\n"
        "    try: app()\n"
        "    except SystemExit: pass\n"
        "print('pycountry' in sys.modules, '3 problems' in err.getvalue())\n"
    )
    env = {"HANOI_NO_CACHE": "1", "HANOI_TODAY": "2021-01-01"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.split() == ["False", "True"]


def test_the_iso_code_table_is_pycountrys() -> None:
    import pycountry

    from hanoi_cli.core.ledger.iso_codes import ISO_ALPHA3

    assert ISO_ALPHA3 == {country.alpha_3 for country in pycountry.countries}


# --- items 5 and 6: tables that never cut or split, and piped output ---------------------------------

WIDTHS = (60, 80, 120)


def visible(text: str) -> str:
    return ANSI.sub("", text)


def assert_whole(text: str, width: int, pieces: set[str], may_overflow: tuple[str, ...] = ()) -> None:
    """Every piece appears whole on one line; no line is wider than ``width`` (bar one holding a long path)."""
    lines = visible(text).splitlines()
    for piece in pieces:
        assert any(piece in line for line in lines), f"{piece!r} is cut or split at {width} columns"
    assert "…" not in text
    for line in lines:
        if not any(path in line for path in may_overflow):
            assert len(line) <= width, f"{line!r} is wider than {width}"


def expected_pieces(payload: dict) -> set[str]:
    """What the status table must show whole: codes, dates of deposit and entry into force, flags."""
    found = set()
    for participant in payload["participants"]:
        found.add(participant["code"])
        found.update(participant[key] for key in ("deposited", "entry_into_force") if participant[key])
        if participant["signature"] and "/" not in participant["signature"]:
            found.add(participant["signature"])
        if participant["kind"] == "reio":
            found.add("REIO")
        found.update(key for key in ("reservations", "declarations") if participant[key])
        if participant["domestic_approval"]:
            found.add("domestic approval")
        if participant["denunciation"] and participant["status"] != "withdrawn":
            found.add("denounced")
    return found


def table_part(text: str) -> str:
    """The participants table (or its stacked blocks): after the first blank line, before the legends
    (and before the answer repeated after them on a terminal)."""
    body = visible(text).split("\n\n")[1]
    return "\n".join(line for line in body.splitlines() if not line.startswith(("Deposit:", "REIO:", "Evidence:")))


@pytest.mark.parametrize("terminal", [False, True], ids=["piped", "terminal"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("ledger", [SAMPLE, PROVENANCE, None], ids=["sample", "provenance", "shipped"])
def test_the_status_table_never_cuts_a_date_code_or_flag(run, width, terminal, ledger) -> None:
    args = [str(ledger)] if ledger else []
    as_of = {SAMPLE: "2023-06-01", PROVENANCE: "2025-06-01", None: "2026-11-28"}[ledger]
    env = {"COLUMNS": str(width), **({"TTY_COMPATIBLE": "1", "NO_COLOR": "1"} if terminal else {})}
    result = run("status", *args, "--as-of", as_of, env=env)
    assert result.exit_code == 0, result.stderr
    pieces = expected_pieces(status_json(run, *args, "--as-of", as_of))
    assert len(pieces) > 3
    assert_whole(table_part(result.stdout), width, pieces)
    if terminal:  # on a terminal the prose wraps too, but for the quotable sentence: the terminal soft-wraps it
        sentence = status_json(run, *args, "--as-of", as_of)["sentence"]
        assert all(len(line) <= width for line in visible(result.stdout).splitlines() if line != sentence)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_sample_table_keeps_every_flag_and_date_at_each_width(run, width) -> None:
    result = run("status", str(SAMPLE), "--as-of", "2023-06-01", env={"COLUMNS": str(width)})
    text = result.stdout
    for piece in (
        "REIO",
        "reservations",
        "denounced",
        "domestic approval",
        "2020-02-01/02",
        "2020-05-20 A",
        "2020-04-01 c",
        "2020-09-28",
        "2020-12-02",
        "EUU",
        "VNM",
    ):
        assert any(piece in line for line in text.splitlines()), (piece, width)
    table_lines = [  # the legends after the table are prose
        line for line in text.split("\n\n", 1)[1].splitlines() if not line.startswith(("Deposit:", "REIO:"))
    ]
    assert all(len(line) <= width for line in table_lines), width


@pytest.mark.parametrize("width", WIDTHS)
def test_the_many_ledger_table_never_splits_a_path_or_date(run, width, tmp_path) -> None:
    long_dir = tmp_path / "ledgers-of-the-treaty-office"
    long_dir.mkdir()
    copy = long_dir / "a-rather-long-ledger-name.yaml"
    copy.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    paths = [str(copy), str(PENDING)]
    result = run("status", *paths, "--as-of", "2023-06-01", env={"COLUMNS": str(width)})
    assert result.exit_code == 0
    pieces = {*paths, "2020-06-30", "2020-09-28", "2023-05-15", "2023-09-01", "TEST-1", "TEST-2", "4 / 3", "in force"}
    assert_whole(result.stdout, width, pieces, may_overflow=tuple(paths))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_timeline_table_never_splits_an_interval_or_a_name_word(run, width) -> None:
    result = run("timeline", str(SAMPLE), "--as-of", "2023-06-01", env={"COLUMNS": str(width)})
    assert result.exit_code == 0
    table = result.stdout.split("\n\n")[0]
    pieces = {"2020-02-01/2020-02-02", "2020-09-28", "2023-01-10", "Convention", "NOR", "GHA"}
    assert_whole(table, width, pieces)
    assert re.search(r"\b202\n", table) is None


def test_piped_output_has_no_padding_and_unwrapped_sentences(run) -> None:
    for args in (["status", str(SAMPLE)], ["status", str(SAMPLE), str(PENDING)], ["timeline", str(SAMPLE)]):
        result = run(*args, "--as-of", "2023-06-01", env={"COLUMNS": "60"})
        assert result.exit_code == 0
        assert [line for line in result.stdout.splitlines() if line != line.rstrip()] == [], args
    sentence = status_json(run, str(SAMPLE), "--as-of", "2023-06-01")["summary"]
    assert sentence in run("status", str(SAMPLE), "--as-of", "2023-06-01", env={"COLUMNS": "60"}).stdout.splitlines()


def test_on_a_terminal_sentences_wrap_but_never_inside_a_date(run) -> None:
    result = run("status", str(SAMPLE), "--as-of", "2023-06-01", env={"COLUMNS": "60", "TTY_COMPATIBLE": "1"})
    lines = visible(result.stdout).splitlines()
    assert "entered into force on 28 September 2020," in " ".join(lines)
    assert all(len(line) <= 60 for line in lines)
    assert any(line.rstrip().endswith("30 June 2020.") or "30 June 2020." in line for line in lines)
    assert not any(re.search(r"\b\d{1,2} [A-Z][a-z]+$", line.rstrip()) for line in lines)  # "30 June" + "2020"


# --- item 7: the progress bar ------------------------------------------------------------------------


def bar_line(text: str) -> str:
    return next(line for line in visible(text).splitlines() if line.startswith("Ratifications"))


@pytest.mark.parametrize(
    "env", [{"NO_COLOR": "1"}, {"TERM": "xterm"}, {"TERM": "dumb"}, {}], ids=["NO_COLOR", "xterm", "dumb", "plain"]
)
def test_the_bar_reads_right_without_colour(run, env, tmp_path) -> None:
    env = {"TTY_COMPATIBLE": "1", **env}
    threshold = "treaty:\n  id: T\n  title: T\n  entry_into_force: {threshold: 2, after: {days: 90}}\nparticipants:\n"
    none = write_ledger(tmp_path, threshold + "  - {name: Norway, code: NOR}\n", "none.yaml")
    full = write_ledger(
        tmp_path,
        threshold + "  - {name: Norway, code: NOR, accession: 2020-01-01}\n"
        "  - {name: Chile, code: CHL, accession: 2020-01-02}\n",
        "full.yaml",
    )
    empty_bar = bar_line(run("status", str(none), "--as-of", "2021-01-01", env=env).stdout)
    full_bar = bar_line(run("status", str(full), "--as-of", "2021-01-01", env=env).stdout)
    assert empty_bar != full_bar.replace("2 / 2", "0 / 2")
    assert "█" not in empty_bar and "░" * 30 in empty_bar
    assert "░" not in full_bar and "█" * 30 in full_bar


def test_the_bar_is_never_full_while_a_group_condition_is_unmet(run, tmp_path) -> None:
    ledger = write_ledger(
        tmp_path,
        "treaty:\n  id: T\n  title: T\n  entry_into_force:\n    threshold: 5\n    after: {days: 90}\n"
        "    requires: [{group: eu, at_least: 1}]\n"
        "participants:\n"
        + "".join(
            f"  - {{name: P{index}, code: {code}, accession: 2020-01-0{index}}}\n"
            for index, code in enumerate(["NOR", "CHL", "GHA", "PER", "BRA", "ARG"], start=1)
        )
        + "  - {name: France, code: FRA, groups: [eu]}\n",
    )
    result = run("status", str(ledger), "--as-of", "2021-01-01", env={"TTY_COMPATIBLE": "1", "NO_COLOR": "1"})
    line = bar_line(result.stdout)
    assert "6 / 5" in line and "not in force" in visible(result.stdout)
    assert "░" in line and "a group condition is not met" in line


# --- item 8: a closed pipe, a full disk -------------------------------------------------------------


def hanoi_process(args: list[str], stdout: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "HANOI_NO_CACHE": "1", "HANOI_TODAY": "2023-06-01", "COLUMNS": "80"}
    env.pop("HANOI_TRACEBACK", None)
    return subprocess.run(
        [sys.executable, "-m", "hanoi_cli", *args], stdout=stdout, stderr=subprocess.PIPE, env=env, check=False
    )


RUNS = {
    "table": ["status", str(SAMPLE)],
    "json": ["status", str(SAMPLE), "-f", "json"],
    "shipped": ["status"],
    "many": ["status", str(SAMPLE), str(PENDING)],
    "timeline": ["timeline", str(SAMPLE)],
    "project": ["project", str(SAMPLE), "--assume", "VNM=2023-07-01"],
    "forecast": ["forecast", str(SAMPLE), "--seed", "1"],
    "diff": ["diff", str(SAMPLE), str(PENDING)],
}


POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="needs POSIX pipes")


@POSIX_ONLY
@pytest.mark.parametrize("case", list(RUNS))
def test_a_closed_pipe_ends_quietly_with_exit_0(case) -> None:
    """Like ``hanoi status | head -1`` once head has gone: the reading end is closed before hanoi writes."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = hanoi_process(RUNS[case], write_end)
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr.decode()) == (0, "")


@POSIX_ONLY
def test_head_dash_1_exits_0_through_a_real_shell_pipe() -> None:
    command = f"{sys.executable} -m hanoi_cli status --as-of 2026-11-28 | head -1; exit ${{PIPESTATUS[0]}}"
    env = {**os.environ, "HANOI_NO_CACHE": "1"}
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("Hanoi Convention  XVIII-16  as of 2026-11-28")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("case", list(RUNS))
def test_a_full_disk_is_cannot_write_output_exit_2(case) -> None:
    with open("/dev/full", "w") as full:
        result = hanoi_process(RUNS[case], full.fileno())
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert stderr == "Error: cannot write output: No space left on device\n"


def test_a_broken_pipe_inside_a_command_is_exit_0_through_the_app(run, monkeypatch) -> None:
    def closed(*args, **kwargs):
        raise BrokenPipeError

    monkeypatch.setattr("hanoi_cli.render.status.print_table", closed)
    result = run("status", str(SAMPLE))
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_full_disk_inside_a_command_is_exit_2_through_the_app(run, monkeypatch) -> None:
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("hanoi_cli.render.status.to_json", full)
    result = run("status", str(SAMPLE), "-f", "json")
    assert result.exit_code == 2
    assert "cannot write output: No space left on device" in result.stderr
    assert "internal error" not in result.stderr


# --- item 11: provenance ----------------------------------------------------------------------------


def test_every_participant_says_where_its_facts_come_from(run) -> None:
    payload = status_json(run, str(PROVENANCE), "--as-of", "2025-06-01")
    by_code = {p["code"]: p for p in payload["participants"]}
    assert by_code["NOR"]["sources"] == ["https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY"]
    assert by_code["NOR"]["confirmed_by_depositary"] is True  # on the host of status_url
    assert by_code["CHL"]["sources"][0] == "https://news.example.com/chile-signs"
    assert by_code["CHL"]["confirmed_by_depositary"] is True  # one of two; host compared without case
    assert by_code["GHA"]["confirmed_by_depositary"] is False
    assert by_code["GHA"]["notes"] == "Parliament approved; no deposit yet."
    assert by_code["GHA"]["domestic_approval"] == "2025-01-15"
    assert (by_code["PER"]["sources"], by_code["PER"]["confirmed_by_depositary"]) == ([], False)
    earlier = {p["code"]: p for p in status_json(run, str(PROVENANCE), "--as-of", "2025-01-01")["participants"]}
    assert earlier["GHA"]["domestic_approval"] is None  # it follows --as-of like every other fact


def test_the_treatys_source_host_confirms_too(run, tmp_path) -> None:
    text = PROVENANCE.read_text(encoding="utf-8").replace("https://news.example.com/ghana", "https://example.org/ghana")
    ledger = write_ledger(tmp_path, text)
    by_code = {p["code"]: p for p in status_json(run, str(ledger), "--as-of", "2025-06-01")["participants"]}
    assert by_code["GHA"]["confirmed_by_depositary"] is True  # treaty.source is https://example.org/...


def test_csv_carries_the_sources_and_provenance_columns(run) -> None:
    result = run("status", str(PROVENANCE), "--as-of", "2025-06-01", "-f", "csv")
    rows = {row["code"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["CHL"]["sources"].split(" ") == [
        "https://news.example.com/chile-signs",
        "https://TREATIES.UN.ORG/doc/Publication/MTDSG/TEST-3.en.xml",
    ]
    assert rows["CHL"]["confirmed_by_depositary"] == "true" and rows["GHA"]["confirmed_by_depositary"] == "false"
    assert rows["GHA"]["domestic_approval"] == "2025-01-15"
    assert rows["PER"]["sources"] == ""


def test_the_table_flags_each_row_with_its_evidence_level_and_domestic_approvals(run) -> None:
    table = run("status", str(PROVENANCE), "--as-of", "2025-06-01").stdout
    rows = {
        line.split()[0]: line for line in table.splitlines() if line.split()[:1] in (["Norway"], ["Ghana"], ["Peru"])
    }
    assert not any(word in rows["Norway"] for word in ("reported", "unsourced", "official"))
    assert "domestic approval" in rows["Ghana"] and rows["Ghana"].endswith("reported")  # press only
    assert rows["Peru"].endswith("unsourced")  # no source at all
    assert "treaties.un.org" in table  # the legend names the depositary's host
    assert "Evidence: reported, reported by the press" in table


def test_without_a_depositary_page_no_row_is_flagged(run) -> None:
    table = run("status", str(SAMPLE), "--as-of", "2023-06-01").stdout
    assert "unsourced" not in table and "Evidence:" not in table


def test_the_markdown_lists_the_sources_of_each_fact(run) -> None:
    markdown = run("status", str(PROVENANCE), "--as-of", "2025-06-01", "-f", "markdown").stdout
    assert (
        "- Norway, ratification (depositary): <https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY>" in markdown
    )
    assert "- Ghana, signature (reported): <https://news.example.com/ghana-parliament>" in markdown
    assert "- Peru" not in markdown
    assert (
        "1 counted instrument: 1 confirmed by the depositary; 4 signatures: 2 confirmed by the depositary" in markdown
    )


# --- item 16: the signature window in the headline --------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "phrase"),
    [
        ("2026-12-01", "open for signature until 31 December 2026, 30 days from now"),
        ("2026-12-31", "open for signature until 31 December 2026, the last day"),
        ("2027-01-05", "closed for signature on 31 December 2026"),
        ("2025-10-01", "opens for signature on 25 October 2025, 24 days from now"),
    ],
)
def test_the_headline_says_how_long_the_treaty_stays_open_for_signature(run, monkeypatch, as_of, phrase) -> None:
    monkeypatch.setenv("HANOI_TODAY", as_of)  # "from now": the as-of date is today
    result = run("status", "--as-of", as_of)
    assert result.stdout.splitlines()[0].endswith(phrase)
    payload = status_json(run, "--as-of", as_of)
    assert payload["signature_window"]["summary"] == phrase
    assert payload["signature_window"]["open"] is phrase.startswith("open for")
    assert phrase in run("status", "--as-of", as_of, "-f", "markdown").stdout


# --- item 17: --brief, --only, --sort ---------------------------------------------------------------


def test_brief_prints_the_headline_and_the_sentence_only(run) -> None:
    result = run("status", str(SAMPLE), "--as-of", "2023-06-01", "--brief")
    assert result.exit_code == 0
    sentence = status_json(run, str(SAMPLE), "--as-of", "2023-06-01")["sentence"]
    assert result.stdout.splitlines() == [
        "Test Convention  TEST-1  as of 2023-06-01  in force  closed for signature on 31 December 2021",
        sentence,
    ]
    markdown = run("status", str(SAMPLE), "--as-of", "2023-06-01", "--brief", "-f", "markdown").stdout
    assert sentence in markdown and "|" not in markdown


def test_brief_with_json_or_csv_is_a_usage_error(run) -> None:
    for output_format in ("json", "csv"):
        result = run("status", str(SAMPLE), "--brief", "-f", output_format)
        assert result.exit_code == 2 and "--brief" in result.stderr


ONLY = {
    "parties": ["NOR", "EUU", "CHL", "GHA", "PER"],
    "signatories": ["NOR", "EUU", "CHL", "PER", "VNM"],
    "pending": ["VNM"],
}


@pytest.mark.parametrize("only", list(ONLY))
def test_only_filters_the_table_csv_and_json(run, only) -> None:
    table = run("status", str(SAMPLE), "--as-of", "2023-06-01", "--only", only).stdout
    listed = [code for code in ("NOR", "EUU", "CHL", "GHA", "PER", "VNM") if re.search(rf"\b{code}\b", table)]
    assert listed == ONLY[only]
    payload = status_json(run, str(SAMPLE), "--as-of", "2023-06-01", "--only", only)
    assert [p["code"] for p in payload["participants"]] == ONLY[only]
    assert payload["signatories"] == 5 and payload["parties"] == 5  # the counts are the treaty's, not the filter's
    rows = csv.DictReader(
        io.StringIO(run("status", str(SAMPLE), "--as-of", "2023-06-01", "--only", only, "-f", "csv").stdout)
    )
    assert [row["code"] for row in rows] == ONLY[only]


def test_pending_means_signed_without_an_instrument_as_of_the_date(run) -> None:
    payload = status_json(run, str(SAMPLE), "--as-of", "2020-04-15", "--only", "pending")
    assert [p["code"] for p in payload["participants"]] == ["CHL", "PER", "VNM"]  # Chile accepted on 20 May


def test_json_keeps_every_participant_without_only(run) -> None:
    payload = status_json(run, str(SAMPLE), "--as-of", "2023-06-01")
    assert len(payload["participants"]) == 6


@pytest.mark.parametrize(
    ("key", "order"),
    [
        ("name", ["CHL", "EUU", "GHA", "NOR", "PER", "VNM"]),
        ("signature", ["CHL", "EUU", "NOR", "VNM", "PER", "GHA"]),  # same day: by name; unsigned last
        ("deposit", ["NOR", "EUU", "CHL", "GHA", "PER", "VNM"]),
    ],
)
def test_sort_orders_the_table_and_the_payloads(run, key, order) -> None:
    payload = status_json(run, str(SAMPLE), "--as-of", "2023-06-01", "--sort", key)
    assert [p["code"] for p in payload["participants"]] == order
    table = run("status", str(SAMPLE), "--as-of", "2023-06-01", "--sort", key).stdout
    positions = [table.index(f" {code} ") for code in order]
    assert positions == sorted(positions)


def test_only_and_sort_are_for_a_single_ledger(run) -> None:
    result = run("status", str(SAMPLE), str(PENDING), "--only", "parties")
    assert result.exit_code == 2 and "single ledger" in result.stderr


def test_an_unknown_only_is_a_usage_error(run) -> None:
    assert run("status", str(SAMPLE), "--only", "friends").exit_code == 2


def test_many_ledgers_get_the_same_line_and_strict_exits_1(run, tmp_path) -> None:
    ledger = write_ledger(tmp_path, INVALID)
    result = run("status", str(SAMPLE), str(ledger), "--as-of", "2021-01-01")
    assert result.exit_code == 0
    assert result.stderr == f"{ledger}: this ledger has 3 problems; run hanoi validate\n"
    strict = run("status", str(SAMPLE), str(ledger), "--as-of", "2021-01-01", "--strict", "-f", "json")
    assert strict.exit_code == 1
    assert [row["status"] for row in json.loads(strict.stdout)["treaties"]] == ["in_force", "in_force"]
    assert run("status", str(SAMPLE), str(PENDING), "--strict").exit_code == 0
