"""Shared fixtures: a pinned environment, the real app through CliRunner, golden files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hanoi_cli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden"
SAMPLE = DATA / "sample.yaml"


@pytest.fixture(autouse=True)
def pinned_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's environment: no HANOI_*, GITHUB_* (a test inside GitHub Actions
    must never write the real job summary), colour or terminal variables."""
    for name in list(os.environ):
        if name.startswith(("HANOI_", "GITHUB_")) or name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HANOI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "120")


def forecast_on_the_set(ledger, as_of, **options):
    """``rules.forecast.forecast`` calibrated on the shipped reference set, as the commands floor calls it
    (rules never read files: the class is read by ``core.commands.reference`` and passed in)."""
    from hanoi_cli.core.commands.reference import load_reference_class
    from hanoi_cli.core.rules.forecast import forecast

    return forecast(ledger, as_of, reference=load_reference_class(), **options)


class Run:
    """Invoke the real Typer app; stdout and stderr are kept apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None):
        return self.runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)


@pytest.fixture
def run() -> Run:
    return Run()


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; ``UPDATE_GOLDEN=1 pytest`` rewrites the files."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run UPDATE_GOLDEN=1 pytest"
    assert actual == path.read_text(encoding="utf-8")
