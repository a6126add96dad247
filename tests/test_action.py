"""The composite GitHub Action (action.yml): its own shell steps, run by bash as a runner would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = {step.get("name", step.get("uses")): step for step in ACTION["runs"]["steps"]}
DATA = ROOT / "tests" / "data"

pytestmark = pytest.mark.skipif(shutil.which("bash") is None or os.name == "nt", reason="the steps are bash scripts")


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A ledger repository with two commits: the sample, then the sample edited."""
    (tmp_path / "data").mkdir()
    ledger = tmp_path / "data" / "treaty.yaml"
    ledger.write_bytes((DATA / "sample.yaml").read_bytes())
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "one")
    ledger.write_bytes((DATA / "sample-edited.yaml").read_bytes())
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "two")
    return tmp_path


def _step(name: str, folder: Path, **env: str) -> tuple[subprocess.CompletedProcess[str], str]:
    summary = folder / "summary.md"
    summary.write_text("", encoding="utf-8")
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    full_env = {**os.environ, "PATH": path, "GITHUB_STEP_SUMMARY": str(summary), "HANOI_TODAY": "2023-06-01", **env}
    ran = subprocess.run(
        ["bash", "-e", "-c", STEPS[name]["run"]], cwd=folder, env=full_env, capture_output=True, text=True, check=False
    )
    return ran, summary.read_text(encoding="utf-8")


def test_the_action_is_composite_and_pins_hanoi() -> None:
    assert ACTION["runs"]["using"] == "composite"
    install = STEPS["Install hanoi"]["run"]
    assert "hanoi-cli==$VERSION" in install  # a pinned release from PyPI, never "latest"
    assert "GITHUB_ACTION_PATH" in install  # or this action's own source at its commit
    assert all("shell" in step for step in ACTION["runs"]["steps"] if "run" in step)


def test_validate_annotates_and_fails_on_an_invalid_ledger(repository: Path) -> None:
    (repository / "bad.yaml").write_bytes((DATA / "invalid.yaml").read_bytes())
    ran, _ = _step("Validate", repository, LEDGERS="data/treaty.yaml\nbad.yaml", STRICT="false")
    assert ran.returncode == 1
    assert "::error file=bad.yaml,line=" in ran.stdout
    assert "::error file=data/treaty.yaml" not in ran.stdout  # the valid ledger gives no error (warnings at most)


def test_the_diff_goes_to_the_job_summary(repository: Path) -> None:
    ran, summary = _step("What the change does", repository, LEDGERS="data/treaty.yaml", BASE="HEAD~1")
    assert ran.returncode == 0, ran.stderr
    assert summary.startswith("## Ledger diff: Test Convention")
    assert "| Threshold date | 2020-06-30 | **2020-05-25** |" in summary


def test_no_diff_outside_a_pull_request(repository: Path) -> None:
    env = {"LEDGERS": "data/treaty.yaml", "BASE": ""}
    os.environ.pop("GITHUB_BASE_REF", None)
    ran, summary = _step("What the change does", repository, **env)
    assert ran.returncode == 0
    assert summary == ""
    assert "no diff" in ran.stderr
