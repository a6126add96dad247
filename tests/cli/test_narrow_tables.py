"""The house rule at every width: a table never cuts a date, a code or a flag.

Each command that prints a table or table-like lines runs through the real app on a terminal of
20 to 200 columns; everything its JSON output says of dates, participant codes, flags and problem
codes must appear whole on one line, no date may be split, and no line may be wider than the
terminal unless it is a single token that cannot be broken (a path, a URL).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA
from untc_factory import LEDGER, ROWS, status

WIDTHS = (20, 30, 40, 60, 80, 120, 200)
ANSI = re.compile(r"\x1b\[[0-9;]*m")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A piece of an ISO date: four digits and a hyphen not followed by the rest of the date.
DATE_PIECE = re.compile(r"(?<![\w-])(?:19|20)\d\d-(?!\d\d-\d\d)")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
LONG_DATE_SPLIT = re.compile(rf"\b\d{{1,2}} *\n *(?:{MONTHS})\b|\b(?:{MONTHS}) *\n *\d{{4}}\b")
FLAG_KEYS = {"reservations": "reservations", "declarations": "declarations"}
TODAY = "2026-12-01"

# name: the command's arguments (the same with -f json gives the tokens), and which tokens the
# human view shows: ``dates`` (every ISO date of the payload) or a narrower choice.
COMMANDS: dict[str, tuple[str, ...]] = {
    "status": ("status", "provenance.yaml"),
    "status-in-force": ("status", "sample.yaml", "--as-of", "2023-06-01"),
    "status-many": ("status", "sample.yaml", "pending.yaml", "provenance.yaml", "--as-of", "2023-06-01"),
    "status-treaty": ("status", "--treaty", "XVIII-14", "--as-of", "2010-01-01"),
    "status-ar": ("status", "sample.yaml", "--as-of", "2023-06-01", "--lang", "ar"),
    "status-zh": ("status", "sample.yaml", "--as-of", "2023-06-01", "--lang", "zh"),
    "timeline": ("timeline", "sample.yaml", "--as-of", "2023-06-01"),
    "diff": ("diff", "sample.yaml", "sample-edited.yaml", "--as-of", "2023-06-01"),
    "validate": ("validate", "invalid.yaml"),
    "project": (
        "project",
        "sample.yaml",
        "--as-of",
        "2020-04-15",
        "-a",
        "GHA=2020-05-01",
        "-a",
        "VNM=2020-06-10",
        "-a",
        "FRA=2020-07-01",
    ),
    "project-zh": ("project", "sample.yaml", "--as-of", "2020-04-15", "-a", "VNM=2020-06-10", "--lang", "zh"),
    "forecast": ("forecast", "sample.yaml", "--as-of", "2020-04-15", "--seed", "1", "--simulations", "300"),
    "forecast-ar": (
        "forecast",
        "sample.yaml",
        "--as-of",
        "2020-04-15",
        "--seed",
        "1",
        "--simulations",
        "300",
        "--lang",
        "ar",
    ),
    "sync": ("sync", "ledger.yaml", "--from", "status.xml", "--dry-run"),
    "record": ("record", "VNM", "ratification", "2022-03-01", "-l", "sample-copy.yaml", "--dry-run"),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test ledgers, a sync's ledger and status file, and a copy for ``record`` to (not) write."""
    path = tmp_path_factory.mktemp("narrow")
    for name in ("sample.yaml", "pending.yaml", "provenance.yaml", "sample-edited.yaml", "invalid.yaml"):
        shutil.copy(DATA / name, path / name)
    shutil.copy(DATA / "sample.yaml", path / "sample-copy.yaml")
    (path / "ledger.yaml").write_text(LEDGER, encoding="utf-8")
    (path / "status.xml").write_bytes(status(*ROWS))
    return path


def _walk(value: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _walk(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item, key)
    else:
        yield key, value


def _tokens(name: str, payload: Any) -> set[str]:
    """Dates, codes and flags of the payload that the human view of ``name`` shows."""
    found: set[str] = set()
    for key, value in _walk(payload):
        if key in ("hanoi_version", "notification", "notification_url", "sources", "source"):
            continue
        if isinstance(value, str) and ISO_DATE.match(value):
            found.add(value)
        elif isinstance(value, str) and "/" in value and all(ISO_DATE.match(part) for part in value.split("/")):
            found.add(value.split("/")[0])  # a span: the table abbreviates its end (2020-02-01/02)
        elif key == "code" and isinstance(value, str):
            found.add(value)
        elif key in FLAG_KEYS and value is True and not name.endswith(("-ar", "-zh")):
            found.add(FLAG_KEYS[key])
        elif key == "kind" and value == "reio" and not name.endswith(("-ar", "-zh")):
            found.add("REIO")
    return found - HIDDEN.get(name, set())


# ``record --dry-run`` prints a unified diff: a patch, whose lines stay whole (``git apply``, a copy)
# at any width; it has no JSON, so what it must show is written here.
PATCHES = {"record"}

# What a payload holds that its human view does not show, by design (each named, none guessed).
IN_FORCE_SAMPLE = {
    "2021-05-05",  # Viet Nam's domestic approval: the table flags it ("domestic approval"), the date is in JSON
    "2023-01-10",  # Peru's denunciation: flagged "denounced"; its date is in JSON and the timeline
    "2021-12-31",  # the signature window, closed by the as-of date: the headline names only an open window
}
HIDDEN: dict[str, set[str]] = {
    "status": {
        "2024-01-01",  # the signature window opened: the headline says until when it is open
        "2025-01-15",  # Ghana's domestic approval, flagged
        "reported-count-exceeded",  # a note for ``hanoi validate``; status prints none on its table
    },
    "status-in-force": IN_FORCE_SAMPLE,
    "status-ar": IN_FORCE_SAMPLE,
    "status-zh": IN_FORCE_SAMPLE,
    "status-treaty": {"2014-04-02"},  # when the reference record was checked: not stale as of 2010, so unsaid
    "validate": {TODAY},  # the as-of date of the payload; the text needs none
}


@pytest.fixture(scope="module")
def payloads(folder: Path) -> dict[str, Any]:
    """Each command's JSON output, read once."""
    from typer.testing import CliRunner

    from hanoi_cli.cli.app import app

    runner = CliRunner()
    found: dict[str, Any] = {"record": {"participants": [{"code": "VNM", "ratification": "2022-03-01"}]}}
    with _inside(folder):
        for name, args in COMMANDS.items():
            if name in PATCHES:
                continue
            result = runner.invoke(app, [*args, "-f", "json"], env={"HANOI_TODAY": TODAY}, catch_exceptions=False)
            found[name] = json.loads(result.stdout)
    return found


class _inside:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> None:
        import os

        self.before = Path.cwd()
        os.chdir(self.path)

    def __exit__(self, *exc: object) -> None:
        import os

        os.chdir(self.before)


def _shown(token: str, line: str) -> bool:
    """``token`` whole on ``line``; a date may be written out (``31 December 2026``) in a sentence."""
    if token in line:
        return True
    if ISO_DATE.match(token):
        year, month, day = token.split("-")
        return f"{int(day)} {MONTHS.split('|')[int(month) - 1]} {year}" in line
    return False


@pytest.mark.parametrize("name", list(COMMANDS))
def test_nothing_is_cut_at_any_width(name: str, folder: Path, payloads: dict[str, Any]) -> None:
    from rich.cells import cell_len
    from typer.testing import CliRunner

    from hanoi_cli.cli.app import app

    runner = CliRunner()
    tokens = _tokens(name, payloads[name])
    assert tokens, "the payload gives something to look for"
    failures = []
    for width in WIDTHS:
        env = {"HANOI_TODAY": TODAY, "COLUMNS": str(width), "LINES": "500", "TTY_COMPATIBLE": "1", "NO_COLOR": "1"}
        with _inside(folder):
            result = runner.invoke(app, list(COMMANDS[name]), env=env, catch_exceptions=False)
        assert result.exit_code in (0, 1), result.stderr
        text = ANSI.sub("", result.stdout)
        lines = text.splitlines()
        missing = sorted(token for token in tokens if not any(_shown(token, line) for line in lines))
        if missing:
            failures.append(f"{width}: missing whole {missing}")
        if "…" in text:
            failures.append(f"{width}: an ellipsis: {[line for line in lines if '…' in line]}")
        if DATE_PIECE.search(text):
            failures.append(f"{width}: a date cut: {[line for line in lines if DATE_PIECE.search(line)]}")
        if LONG_DATE_SPLIT.search(text):
            failures.append(f"{width}: a date split: {LONG_DATE_SPLIT.findall(text)}")
        wide = [line for line in lines if cell_len(line.rstrip()) > width and " " in line.strip()]
        if name == "timeline":  # the text chart is drawn to the width, not folded by it
            assert any(re.fullmatch(r"   0 └─+", line) for line in lines), text
        if name == "timeline":  # the text chart is drawn to the width, not folded by it
            assert any(re.fullmatch(r"   0 └─+", line) for line in lines), text
        if name in PATCHES:
            assert all(line[:1] in " +-@" for line in lines), "a patch's lines are never wrapped"
            wide = []
        if wide:
            failures.append(f"{width}: wider than the terminal: {wide}")
    assert not failures, "\n".join(failures)
