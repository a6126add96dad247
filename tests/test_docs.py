"""The documentation in docs/ cannot drift from the code: generated parts, problem codes, the site's pages."""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SRC = ROOT / "src" / "hanoi_cli"

_CODE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
# Functions that make a Problem from a code given among their first two arguments.
_MAKERS = re.compile(r"problem|refuse|unreadable|^at$|^_custom_error$|^fail$", re.I)


def _generator():
    spec = importlib.util.spec_from_file_location("docs_generate", DOCS / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def problem_codes_in_source() -> dict[str, str]:
    """Every problem code src/ can give, with where it is given: Problem("...") literals and the
    helpers that build one, code= keywords, and the tables of codes (CHECK_CODES, pydantic's map)."""
    from hanoi_cli.core.reading.validation_errors import _CODES
    from hanoi_cli.core.rules.checks import CHECK_CODES

    found = {code: "core/rules/checks.py CHECK_CODES" for code in CHECK_CODES}
    found.update({code: "core/reading/validation_errors.py _CODES" for code in _CODES.values()})
    for path in sorted(SRC.rglob("*.py")):
        where = path.relative_to(SRC).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {  # NOT_STATUS = "not-a-status-document" at module level
            target.id: node.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            candidates = [kw.value for kw in node.keywords if kw.arg == "code"]
            if _MAKERS.search(name):
                candidates += node.args[:2]
            receiver = getattr(node.func, "value", None)
            if name == "get" and isinstance(receiver, ast.Name) and receiver.id == "_CODES":
                candidates += node.args[1:2]  # the code for any other pydantic error
            for value in candidates:
                value = constants.get(value.id, value) if isinstance(value, ast.Name) else value
                if isinstance(value, ast.Constant) and isinstance(value.value, str) and _CODE.match(value.value):
                    found.setdefault(value.value, f"{where}:{node.lineno}")
    return found


def test_the_scan_finds_codes_of_every_kind() -> None:
    codes = problem_codes_in_source()
    for code in ("duplicate-participant", "invalid-type", "yaml-tag", "git-not-found", "not-writable", "timeout"):
        assert code in codes, code
    assert "steps-post" not in codes  # a chart style, not a problem
    assert len(codes) > 80


def test_every_problem_code_is_documented() -> None:
    page = (DOCS / "reference" / "problems.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", page, re.M))
    missing = {code: where for code, where in problem_codes_in_source().items() if code not in documented}
    assert missing == {}, "add these to docs/reference/problems.md (code: where it is given)"


def test_the_generated_parts_are_up_to_date() -> None:
    stale = _generator().stale_files()
    assert not stale, f"run python docs/generate.py: {sorted(str(path) for path in stale)}"


def test_the_generator_replaces_only_between_its_markers() -> None:
    generate = _generator()
    text = "before\n<!-- BEGIN GENERATED: x -->\nold\n<!-- END GENERATED: x -->\nafter\n"
    assert generate.regenerated(text, "x", "new\n") == text.replace("old", "new")
    with pytest.raises(ValueError):
        generate.regenerated("no markers", "x", "new\n")


def test_every_command_has_its_reference_and_a_page() -> None:
    from hanoi_cli.cli.app import COMMANDS

    reference = (DOCS / "reference" / "commands.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"\n## hanoi {name}\n" in reference
        assert f"$ hanoi {name} --help\n" in reference


def _nav_files(nav: list) -> list[str]:
    files = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        files += _nav_files(value) if isinstance(value, list) else [value]
    return files


def test_every_page_is_in_the_site_navigation() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python/name:", ""))
    in_nav = {name for name in _nav_files(config["nav"]) if not name.startswith("http")}
    on_disk = {path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md")}
    assert in_nav == on_disk
    assert config["strict"] is True


def test_ci_runs_the_readmes_quickstart_commands_literally() -> None:
    """.ci/run runs the lines under its '# README, quickstart' comments; the README shows the same."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = [script[index + 1] for index, line in enumerate(script) if line.startswith("# README, quickstart")]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(commands) == 2
    for command in commands:
        assert f"\n{command}\n" in readme, command


def test_the_readme_stays_a_front_door() -> None:
    """What hanoi is, install, the quickstart, five examples and links: the reference lives in docs/."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) <= 12 * 1024
    assert readme.count("```console") == 5
    assert "pipx install hanoi-cli" in readme and "uv tool install hanoi-cli" in readme
    for link in re.findall(r"\]\(((?:docs/)?[\w./-]+\.md)(?:#[\w-]+)?\)", readme):
        assert (ROOT / link).is_file(), link
