"""The layering docs/developing.md promises: a pure core, and a CLI that imports only what it uses."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple, Optional

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "hanoi_cli"

# The layers, lowest first: a module may import its own layer and any layer below it, never above.
LAYERS = (
    "hanoi_cli.core.ledger",  # the ledger format: models, dates, names, problems, wording
    "hanoi_cli.core.reading",  # bytes to a validated Ledger or located problems; which file to read
    "hanoi_cli.core.rules",  # entry into force, checks, scenarios, forecasts, timelines, chart data
    "hanoi_cli.core.editing",  # text edits (the Edit value), atomic writes
    "hanoi_cli.core.depositary",  # the UN Treaty Collection's status files
    "hanoi_cli.core.commands",  # one function per command, one result: the edit transaction, validate, sync ...
    "hanoi_cli.core.payloads",  # what commands say: JSON documents and sentences
    "hanoi_cli.api",  # the Python API (load, status, forecast, timeline, tables): Typer- and Rich-free
    "hanoi_cli.render",  # Typer-free rendering: tables, Markdown, CSV, JSON, charts, HTML
    "hanoi_cli.cli",  # the Typer commands
)


def all_modules() -> dict[str, Path]:
    """Every module of the package, found on disk (so a new one can never be forgotten)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def layer_of(module: str) -> Optional[int]:
    for index, layer in enumerate(LAYERS):
        if module == layer or module.startswith(layer + "."):
            return index
    return None


def imported_names(path: Path) -> list[tuple[str, int]]:
    """Every module an ``import`` statement names, at any depth (lazy imports included), with its line."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append((node.module, node.lineno))
            names += [(f"{node.module}.{alias.name}", node.lineno) for alias in node.names]
    return names


CORE_MODULES = [name for name in all_modules() if name.startswith("hanoi_cli.core.")]


def test_every_module_belongs_to_a_layer() -> None:
    # _version.py: written by hatch-vcs at install time, one string, imports nothing
    top = ("hanoi_cli", "hanoi_cli.__main__", "hanoi_cli._version", "hanoi_cli.core")
    stray = [name for name in all_modules() if name not in top]
    assert [name for name in stray if layer_of(name) is None] == []
    assert len(CORE_MODULES) > 20  # the discovery really found the core


def test_imports_point_only_down_the_layers() -> None:
    modules = all_modules()
    wrong = []
    for name, path in modules.items():
        own = layer_of(name)
        for imported, line in imported_names(path):
            target = layer_of(imported)
            if own is not None and target is not None and target > own:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {name} imports {imported}")
    assert wrong == []


def test_the_core_and_the_renderers_never_import_the_cli_frameworks() -> None:
    """The core imports neither typer nor rich nor click; the renderers may use Rich, never Typer."""
    wrong = []
    for name, path in all_modules().items():
        pure = name.startswith(("hanoi_cli.core", "hanoi_cli.api"))  # the Python API is as framework-free as the core
        forbidden = ("typer", "click", "rich") if pure else ("typer", "click")
        if name.startswith(("hanoi_cli.core", "hanoi_cli.api", "hanoi_cli.render")):
            for imported, line in imported_names(path):
                if imported.split(".")[0] in forbidden:
                    wrong.append(f"{name}:{line} imports {imported}")
    assert wrong == []


def test_the_layer_check_would_catch_an_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from hanoi_cli.cli.app import app\n")
    assert ("hanoi_cli.cli.app", 2) in imported_names(module)
    assert layer_of("hanoi_cli.cli.app") > layer_of("hanoi_cli.core.rules.engine")


def modules_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env={"HANOI_NO_CACHE": "1"}
    )
    return set(result.stdout.split())


class Ran(NamedTuple):
    modules: set[str]
    code: object  # the exit code (SystemExit's code; 0 when the app returned)
    stdout: str


NO_CACHE = {"HANOI_NO_CACHE": "1"}


def hanoi_in_a_new_process(args: list[str], env: dict[str, str]) -> Ran:
    """Run ``hanoi ARGS`` in a fresh interpreter: the modules it imported, its exit code, its output."""
    code = (
        "import sys, io, contextlib, json\n"
        "from hanoi_cli.cli.app import app\n"
        f"sys.argv = ['hanoi', *{args!r}]\n"
        "out, code = io.StringIO(), 0\n"
        "with contextlib.redirect_stdout(out):\n"
        "    try: app()\n"
        "    except SystemExit as exc: code = exc.code\n"
        "print(json.dumps({'modules': sorted(sys.modules), 'code': code, 'stdout': out.getvalue()}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    found = json.loads(result.stdout)
    return Ran(set(found["modules"]), found["code"], found["stdout"])


def test_the_core_never_imports_typer_or_rich() -> None:
    imports = "\n".join(f"import {name}" for name in CORE_MODULES)
    work = (
        "from hanoi_cli.core.reading.loader import read_ledger\n"
        "from hanoi_cli.core.rules.engine import evaluate\n"
        "from hanoi_cli.core.payloads.status import status_payload\n"
        "from hanoi_cli.core.reading.ledger_paths import shipped_ledger\n"
        "import datetime\n"
        "status_payload(evaluate(read_ledger(shipped_ledger()).ledger, datetime.date(2026, 1, 1)))"
    )
    loaded = modules_after(imports + "\n" + work)
    assert not {name for name in loaded if name.split(".")[0] in ("typer", "rich", "click")}


def test_version_imports_neither_pydantic_nor_yaml_nor_rich() -> None:
    from hanoi_cli import __version__

    ran = hanoi_in_a_new_process(["--version"], NO_CACHE)
    assert (ran.code, ran.stdout) == (0, f"hanoi {__version__}\n")
    assert not {
        name for name in ran.modules if name.split(".")[0] in ("pydantic", "yaml", "rich", "ruamel", "pycountry")
    }


def test_a_cached_status_does_not_build_validators() -> None:
    """With the ledger in the cache, ``status`` needs neither PyYAML nor Pydantic's model machinery."""
    code = (
        "import io, contextlib, os, tempfile\n"
        "os.environ['HANOI_CACHE_DIR'] = tempfile.mkdtemp()\n"
        "os.environ.pop('HANOI_NO_CACHE')\n"
        "from hanoi_cli.core.reading.loader import read_ledger\n"
        "from hanoi_cli.core.reading.ledger_paths import shipped_ledger\n"
        "import subprocess, sys\n"
        "subprocess.run([sys.executable, '-c', 'from hanoi_cli.core.reading.loader import read_ledger; "
        "from hanoi_cli.core.reading.ledger_paths import shipped_ledger; read_ledger(shipped_ledger())'], check=True)\n"
        "read_ledger(shipped_ledger())\n"
    )
    loaded = modules_after(code)
    assert "yaml" not in loaded
    assert "pydantic.main" not in loaded and "pydantic._internal._generate_schema" not in loaded


def test_help_documents_the_exit_codes() -> None:
    result = subprocess.run([sys.executable, "-m", "hanoi_cli", "--help"], capture_output=True, text=True, check=True)
    assert "130 interrupted" in " ".join(result.stdout.split())


def test_validate_needs_no_rich_and_status_no_pycountry() -> None:
    """pycountry belongs to ``validate``'s hints; Rich to tables, which ``validate`` never draws.

    ISO codes are checked against data (``core.ledger.iso_codes``), so even ``validate`` loads
    pycountry only to suggest a code for a country named with a wrong one."""
    ran = hanoi_in_a_new_process(["validate", "--format", "text", "--as-of", "2026-11-28"], NO_CACHE)
    assert ran.code == 0 and "Checked 1 file: 1 valid; 0 errors" in ran.stdout  # the shipped ledger was really checked
    validated = ran.modules
    assert "hanoi_cli.core.rules.checks" in validated and "hanoi_cli.core.ledger.iso_codes" in validated
    assert not {name for name in validated if name.split(".")[0] in ("rich", "ruamel")}
    ran = hanoi_in_a_new_process(["status", "--format", "json", "--as-of", "2026-11-28"], NO_CACHE)
    assert ran.code == 0 and json.loads(ran.stdout)["as_of"] == "2026-11-28"
    status = ran.modules
    # status runs validate's checks to count problems (one stderr line), with ISO codes as data
    # (core.ledger.iso_codes): the checks, but never pycountry.
    assert "hanoi_cli.core.rules.checks" in status and "pycountry" not in status
    assert not {name for name in status if name.split(".")[0] == "ruamel"}  # ruamel is for record and fmt


SAMPLE = str(Path(__file__).parent / "data" / "sample.yaml")
PENDING = str(Path(__file__).parent / "data" / "pending.yaml")
STATUS_RUNS = {
    "table": ["status", SAMPLE],
    "json": ["status", SAMPLE, "-f", "json"],
    "many, table": ["status", SAMPLE, PENDING],
    "many, json": ["status", SAMPLE, PENDING, "-f", "json"],
    "many, csv": ["status", SAMPLE, PENDING, "-f", "csv"],
}


@pytest.mark.parametrize("cached", [False, True], ids=["cold", "cached"])
@pytest.mark.parametrize("case", list(STATUS_RUNS), ids=list(STATUS_RUNS))
def test_status_never_imports_ruamel_pycountry_or_dateutil_parser(case: str, cached: bool, tmp_path: Path) -> None:
    env = {"HANOI_TODAY": "2023-06-01", **({"HANOI_CACHE_DIR": str(tmp_path)} if cached else NO_CACHE)}
    if cached:
        filled = hanoi_in_a_new_process(STATUS_RUNS[case], env)
        assert filled.code == 0
        assert len(list(tmp_path.glob("*.pickle"))) == len([arg for arg in STATUS_RUNS[case] if arg.endswith(".yaml")])
    ran = hanoi_in_a_new_process(STATUS_RUNS[case], env)
    assert ran.code == 0
    assert "TEST-1" in ran.stdout and ("TEST-2" in ran.stdout) == (PENDING in STATUS_RUNS[case])
    loaded = ran.modules
    assert "hanoi_cli.core.rules.engine" in loaded  # the command really ran
    assert not {name for name in loaded if name.split(".")[0] in ("ruamel", "pycountry")}
    assert "dateutil.parser" not in loaded


@pytest.mark.parametrize("args", [["--help"], ["status", "--help"]], ids=["hanoi --help", "hanoi status --help"])
def test_help_imports_neither_pydantic_nor_yaml_nor_rich(args: list[str]) -> None:
    ran = hanoi_in_a_new_process(args, NO_CACHE)
    usage = {"--help": "Usage: hanoi [OPTIONS]", "status": "Usage: hanoi status [OPTIONS]"}[args[0]]
    assert ran.code == 0 and ran.stdout.startswith(usage)
    loaded = ran.modules
    assert ("hanoi_cli.cli.status_command" in loaded) == (args[0] == "status")  # built only when asked for
    assert not {name for name in loaded if name.split(".")[0] in ("pydantic", "pydantic_core", "yaml", "rich")}


def test_help_lists_every_command_with_its_docstring_line() -> None:
    """``hanoi --help`` lists commands without building them; its lines must not drift."""
    from hanoi_cli.cli.app import COMMANDS, command_function

    for name, (_, _, line) in COMMANDS.items():
        doc = command_function(name).__doc__ or ""
        assert doc.strip().splitlines()[0] == line, name
        assert len(line) <= 66, f"{name}: Click cuts longer lines in an 80-column terminal"


def test_version_and_help_build_no_command() -> None:
    for args, output in ((["--version"], "hanoi "), (["--help"], "Usage: hanoi ")):
        ran = hanoi_in_a_new_process(args, NO_CACHE)
        assert ran.code == 0 and ran.stdout.startswith(output), args
        assert not {name for name in ran.modules if name.endswith("_command")}, args


def test_a_command_builds_only_itself() -> None:
    ran = hanoi_in_a_new_process(["schema"], NO_CACHE)
    assert ran.code == 0 and json.loads(ran.stdout)["title"] == "hanoi ledger"
    commands = {name for name in ran.modules if name.endswith("_command")}
    assert commands == {"hanoi_cli.cli.schema_command"}


@pytest.mark.parametrize("name", list(__import__("hanoi_cli.cli.app", fromlist=["COMMANDS"]).COMMANDS))
def test_a_command_help_says_its_summary_once(name: str) -> None:
    """The summary line is the help's first paragraph; the next must not say it again in other words."""
    from hanoi_cli.cli.app import command_function

    paragraphs = [" ".join(part.split()) for part in (command_function(name).__doc__ or "").split("\n\n")]
    summary = set(paragraphs[0].lower().rstrip(".").replace(":", "").split())
    for later in paragraphs[1:2]:
        words = set(later.lower().rstrip(".").replace(":", "").split())
        assert len(summary & words) < 0.6 * len(summary), f"{name}: {later!r} repeats {paragraphs[0]!r}"


def test_the_group_uses_clicks_lazy_loading_hooks() -> None:
    import typer

    from hanoi_cli.cli.app import COMMANDS, app

    group = typer.main.get_group(app)
    context = group.context_class(group)
    assert group.list_commands(context) == list(COMMANDS)
    assert group.get_command(context, "nonsense") is None
    assert group.get_command(context, "schema").name == "schema"


# --- function length ------------------------------------------------------------------------------

MAX_FUNCTION_LINES = 60  # from the ``def`` line to the function's last line (decorators not counted)

# What may be longer, each with the reason.
# 1. The Typer command functions in cli/: a command declares each option as a default argument, so its
#    signature alone is long. They are the functions ``COMMANDS`` in cli/app.py names, so a helper beside
#    a command is never exempt.
# 2. These files (path under src/):
EXEMPT_FILES = {}


def typer_command_functions() -> set[tuple[str, str]]:
    """``(path under src, function)`` of every command ``hanoi`` registers."""
    from hanoi_cli.cli.app import COMMANDS

    return {(f"hanoi_cli/cli/{module.replace('.', '/')}.py", function) for module, function, _ in COMMANDS.values()}


def long_functions(path: Path, limit: int = MAX_FUNCTION_LINES) -> list[tuple[str, int, int]]:
    """``(name, line, length)`` of every function or method in ``path``, at any depth, longer than ``limit``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            if length > limit:
                found.append((node.name, node.lineno, length))
    return found


def test_no_function_is_longer_than_sixty_lines() -> None:
    """A long function does several jobs; split it along its seams (see issue 10, item 8)."""
    commands = typer_command_functions()
    too_long = []
    checked = 0
    for path in all_modules().values():
        relative = path.relative_to(PACKAGE.parent).as_posix()
        if relative in EXEMPT_FILES:
            continue
        checked += 1
        for name, line, length in long_functions(path):
            if (relative, name) not in commands:
                too_long.append(f"src/{relative}:{line}: {name} has {length} lines (at most {MAX_FUNCTION_LINES})")
    assert too_long == []
    assert checked > 50 and len(commands) > 10  # the discovery really found the package and its commands


def test_the_length_check_would_catch_a_long_function(tmp_path: Path) -> None:
    module = tmp_path / "long.py"
    body = "".join(f"        x = {n}\n" for n in range(59))  # def + 59 lines = 60; one more is too long
    module.write_text(f"class A:\n    def fits(self):\n{body}\n    def too_long(self):\n{body}        x = 59\n")
    assert long_functions(module) == [("too_long", 63, 61)]


def test_no_folder_holds_more_than_fifteen_modules() -> None:
    """A folder a newcomer can take in at a glance: split it into subfolders beyond 15 modules."""
    folders: dict[Path, int] = {}
    for path in PACKAGE.rglob("*.py"):
        folders[path.parent] = folders.get(path.parent, 0) + 1
    assert {str(folder.relative_to(PACKAGE)): count for folder, count in folders.items() if count > 15} == {}
    assert folders[PACKAGE / "cli"] > 5  # the count really ran
