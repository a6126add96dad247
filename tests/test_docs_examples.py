"""Every console example in the README and in docs/ runs, and prints what the page says it prints.

A ```console block holds commands (``$ hanoi ...``, a backslash continuing a line) each followed by
its output: standard output and standard error as a terminal shows them, in order. A line that is
only ``...`` stands for any number of lines. An HTML comment right above the block can set where
and how it runs: ``<!-- example: cwd=tests/data columns=86 -->``.

Each block runs in a scratch copy of the repository's data (``data/``, ``tests/data/``,
``schema/``), so an example may write files; ``HANOI_TODAY`` is pinned, so "today" never drifts.
``UPDATE_DOCS=1 python -m pytest tests/test_docs_examples.py`` rewrites the outputs of blocks
without ``...`` (review the diff before committing).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
TODAY = "2026-12-01"
_BLOCK = re.compile(r"(?:<!-- example: (?P<options>[^>]*) -->\n)?```console\n(?P<body>.*?)```\n", re.S)
_RUN_HANOI = "import sys; sys.argv[0] = 'hanoi'; from hanoi_cli.cli.app import main; main()"


@dataclass
class Step:
    command: str
    expected: list[str] = field(default_factory=list)


@dataclass
class Example:
    page: Path
    line: int
    options: dict[str, str]
    steps: list[Step]
    body: str  # the block's text as the page has it

    @property
    def name(self) -> str:
        return f"{self.page.relative_to(ROOT).as_posix()}:{self.line}"


def parse(page: Path) -> list[Example]:
    text = page.read_text(encoding="utf-8")
    examples = []
    for match in _BLOCK.finditer(text):
        options = dict(item.split("=", 1) for item in (match["options"] or "").split())
        steps: list[Step] = []
        lines = match["body"].splitlines()
        while lines:
            line = lines.pop(0)
            if line.startswith("$ "):
                command = line[2:]
                while command.endswith("\\") and lines:
                    command = command[:-1] + lines.pop(0).strip()
                steps.append(Step(command))
            elif steps:
                steps[-1].expected.append(line)
            else:
                raise AssertionError(f"{page}: a console block must start with '$ '")
        line_number = text.count("\n", 0, match.start("body")) + 1
        examples.append(Example(page, line_number, options, steps, match["body"]))
    return examples


EXAMPLES = [example for page in PAGES for example in parse(page)]


def _sandbox(tmp_path: Path) -> Path:
    for folder in ("data", "tests/data", "schema"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def run_step(command: str, cwd: Path, columns: str, sandbox: Path) -> str:
    words = shlex.split(command, comments=True)
    env = {**os.environ, "HANOI_TODAY": TODAY, "COLUMNS": columns, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}
    # The shipped ledger, from the scratch copy and by a relative path: no machine's path in a page.
    env["HANOI_LEDGER"] = os.path.relpath(sandbox / "data" / "signatories.yaml", cwd)
    while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    assert words[:1] == ["hanoi"], f"only hanoi commands run in a console example: {command!r}"
    ran = subprocess.run(
        [sys.executable, "-c", _RUN_HANOI, *words[1:]],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        check=False,
    )
    assert ran.returncode != 3, ran.stdout.decode(errors="replace")  # never an internal error
    return ran.stdout.decode("utf-8")


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` is ``expected``, where a line ``...`` stands for any lines."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[start:]) for start in range(len(actual) + 1))
    return bool(actual) and actual[0] == expected[0] and matches(expected[1:], actual[1:])


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.name for example in EXAMPLES])
def test_console_example(example: Example, tmp_path: Path) -> None:
    shipped = (ROOT / "data" / "signatories.yaml").read_bytes()
    sandbox = _sandbox(tmp_path)
    cwd = sandbox / example.options.get("cwd", ".")
    outputs = []
    for step in example.steps:
        printed = run_step(step.command, cwd, example.options.get("columns", "80"), sandbox)
        assert str(ROOT) not in printed and str(tmp_path) not in printed, printed  # no machine paths
        actual = [line.rstrip() for line in printed.splitlines()]
        outputs.append(actual)
        if not os.environ.get("UPDATE_DOCS"):
            assert matches([line.rstrip() for line in step.expected], actual), (
                f"{example.name}: $ {step.command}\n--- the page says\n"
                + "\n".join(step.expected)
                + "\n--- hanoi prints\n"
                + "\n".join(actual)
            )
    assert (ROOT / "data" / "signatories.yaml").read_bytes() == shipped  # examples never touch the checkout
    if os.environ.get("UPDATE_DOCS") and not any("..." in step.expected for step in example.steps):
        _rewrite(example, outputs)


def _rewrite(example: Example, outputs: list[list[str]]) -> None:
    body = "".join(
        f"$ {step.command}\n" + "".join(f"{line}\n" for line in output) for step, output in zip(example.steps, outputs)
    )
    text = example.page.read_text(encoding="utf-8")
    old, new = f"```console\n{example.body}```", f"```console\n{body}```"
    if old != new and text.count(old) == 1:
        example.page.write_text(text.replace(old, new), encoding="utf-8")


def test_the_matcher_takes_ellipsis_for_any_lines() -> None:
    assert matches(["a", "...", "d"], ["a", "b", "c", "d"])
    assert matches(["a", "...", "d"], ["a", "d"])
    assert not matches(["a", "...", "d"], ["a", "b", "c"])
    assert not matches(["a"], ["a", "b"])


def test_there_are_examples_in_the_readme_and_the_docs() -> None:
    pages = {example.page for example in EXAMPLES}
    assert ROOT / "README.md" in pages
    assert any(page.is_relative_to(ROOT / "docs") for page in pages)
