"""The layering the README promises: a pure core, and a CLI that imports only what it uses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

CORE_MODULES = [
    "hanoi_cli.core.dates",
    "hanoi_cli.core.models",
    "hanoi_cli.core.schema",
    "hanoi_cli.core.loader",
    "hanoi_cli.core.validation_errors",
    "hanoi_cli.core.cache",
    "hanoi_cli.core.engine",
    "hanoi_cli.core.report",
    "hanoi_cli.core.problems",
    "hanoi_cli.core.sources",
    "hanoi_cli.core.checks",
    "hanoi_cli.core.names",
    "hanoi_cli.core.validate",
    "hanoi_cli.core.json_schema",
    "hanoi_cli.core.ledger_diff",
    "hanoi_cli.core.diff_report",
    "hanoi_cli.core.git_revision",
    "hanoi_cli.core.scenario",
    "hanoi_cli.core.forecast",
    "hanoi_cli.core.timeline",
    "hanoi_cli.core.projection_report",
    "hanoi_cli.core.atomic",
    "hanoi_cli.core.editing",
    "hanoi_cli.core.yaml_roundtrip",
    "hanoi_cli.core.summary",
]


def modules_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env={"HANOI_NO_CACHE": "1"})
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
        "from hanoi_cli.core.loader import load_ledger\n"
        "from hanoi_cli.core.engine import evaluate\n"
        "from hanoi_cli.core.report import status_payload\n"
        "from hanoi_cli.core.sources import shipped_ledger\n"
        "import datetime\n"
        "status_payload(evaluate(load_ledger(shipped_ledger()).ledger, datetime.date(2026, 1, 1)))"
    )
    loaded = modules_after(imports + "\n" + work)
    assert not {name for name in loaded if name.split(".")[0] in ("typer", "rich", "click")}


def test_version_imports_neither_pydantic_nor_yaml_nor_rich() -> None:
    from hanoi_cli import __version__

    ran = hanoi_in_a_new_process(["--version"], NO_CACHE)
    assert (ran.code, ran.stdout) == (0, f"hanoi {__version__}\n")
    assert not {name for name in ran.modules if name.split(".")[0] in ("pydantic", "yaml", "rich", "ruamel", "pycountry")}


def test_a_cached_status_does_not_build_validators() -> None:
    """With the ledger in the cache, ``status`` needs neither PyYAML nor Pydantic's model machinery."""
    code = (
        "import io, contextlib, os, tempfile\n"
        "os.environ['HANOI_CACHE_DIR'] = tempfile.mkdtemp()\n"
        "os.environ.pop('HANOI_NO_CACHE')\n"
        "from hanoi_cli.core.loader import load_ledger\n"
        "from hanoi_cli.core.sources import shipped_ledger\n"
        "import subprocess, sys\n"
        "subprocess.run([sys.executable, '-c', 'from hanoi_cli.core.loader import load_ledger; "
        "from hanoi_cli.core.sources import shipped_ledger; load_ledger(shipped_ledger())'], check=True)\n"
        "load_ledger(shipped_ledger())\n"
    )
    loaded = modules_after(code)
    assert "yaml" not in loaded
    assert "pydantic.main" not in loaded and "pydantic._internal._generate_schema" not in loaded


def test_help_documents_the_exit_codes() -> None:
    result = subprocess.run([sys.executable, "-m", "hanoi_cli", "--help"], capture_output=True, text=True, check=True)
    assert "130 interrupted" in " ".join(result.stdout.split())


def test_validate_needs_no_rich_and_status_no_pycountry() -> None:
    """pycountry belongs to ``validate``; Rich to tables, which ``validate`` never draws."""
    ran = hanoi_in_a_new_process(["validate", "--format", "text", "--as-of", "2026-11-28"], NO_CACHE)
    assert ran.code == 0 and "Checked 1 file: 1 valid; 0 errors" in ran.stdout  # the shipped ledger was really checked
    validated = ran.modules
    assert "pycountry" in validated
    assert not {name for name in validated if name.split(".")[0] in ("rich", "ruamel")}
    ran = hanoi_in_a_new_process(["status", "--format", "json", "--as-of", "2026-11-28"], NO_CACHE)
    assert ran.code == 0 and json.loads(ran.stdout)["as_of"] == "2026-11-28"
    status = ran.modules
    assert "pycountry" not in status and "hanoi_cli.core.checks" not in status
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
    assert "hanoi_cli.core.engine" in loaded  # the command really ran
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
