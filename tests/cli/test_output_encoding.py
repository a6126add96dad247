"""Output in any encoding, through the real process: Windows pipes are cp1252, and some consoles ASCII."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT
from hanoi_cli.cli.guard import prepare_stdout, requested_format

SAMPLE = str(ROOT / "tests" / "data" / "sample.yaml")


def _run(encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "HANOI_TODAY": "2026-12-01", "NO_COLOR": "1"}
    env.pop("HANOI_LEDGER", None)
    return subprocess.run([sys.executable, "-m", "hanoi_cli", *args], capture_output=True, env=env, check=False)


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_the_human_views_print_in_a_narrow_encoding(encoding: str) -> None:
    status = _run(encoding, "status")
    timeline = _run(encoding, "timeline", SAMPLE, "--as-of", "2023-06-01", "--forecast")
    for ran in (status, timeline):
        assert ran.returncode == 0, ran.stderr.decode(errors="replace")
        assert b"internal error" not in ran.stderr
        ran.stdout.decode(encoding)  # every byte is the console's own
    text = status.stdout.decode(encoding)
    assert "Hanoi Convention" in text and "0 / 40" in text
    assert "?" * 5 not in text  # the progress bar became ASCII, not a row of question marks


def test_machine_output_stays_exact_utf8_in_a_narrow_encoding() -> None:
    narrow = _run("ascii", "status", "-f", "json")
    wide = _run("utf-8", "status", "-f", "json")
    assert narrow.returncode == wide.returncode == 0
    assert narrow.stdout == wide.stdout
    names = [row["name"] for row in json.loads(narrow.stdout.decode("utf-8"))["participants"]]
    assert any(not name.isascii() for name in names)  # Côte d'Ivoire, Türkiye: kept, not replaced
    csv_narrow = _run("cp1252", "status", "-f", "csv")
    assert csv_narrow.returncode == 0
    assert csv_narrow.stdout == _run("utf-8", "status", "-f", "csv").stdout


def test_a_narrow_console_gets_ascii_stand_ins() -> None:
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="ascii")
    prepare_stdout(["status"], stream, io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
    stream.write("█░ → Côte d’Ivoire · 日本")
    stream.flush()
    assert buffer.getvalue().decode("ascii") == "#. -> Cote d'Ivoire - ??"


def test_a_unicode_console_is_left_alone() -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    prepare_stdout(["status", "-f", "json"], stream, stream)
    assert (stream.encoding, stream.errors) == ("utf-8", "strict")


def test_messages_on_a_narrow_stderr_get_ascii_stand_ins_too() -> None:
    buffer = io.BytesIO()
    messages = io.TextIOWrapper(buffer, encoding="cp1252")
    prepare_stdout(["chart"], io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), messages)
    messages.write("Wrote x.svg (1000×620 px) → done")
    messages.flush()
    assert buffer.getvalue().decode("cp1252") == "Wrote x.svg (1000×620 px) -> done"  # × is in cp1252


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["status", "-f", "JSON"], "json"),
        (["status", "--format=csv"], "csv"),
        (["validate", "-fgithub"], "github"),
        (["status", "--", "-f", "json"], None),
        (["status"], None),
    ],
)
def test_the_requested_format_is_read_from_the_command_line(args: list[str], expected: str | None) -> None:
    assert requested_format(args) == expected
