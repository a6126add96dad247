"""The commands floor (core/commands): one typed function per command, one result, and one
renderer table per result whose keys are the command's --format choices."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
import typer.main

from conftest import DATA
from hanoi_cli.core.ledger.problems import ExitCode
from test_architecture import PACKAGE, all_modules, imported_names
from untc_factory import LEDGER, ROWS, status

# (command module, its Typer function, the render module whose RENDERERS give its --format choices, extra choices)
FORMATS = [
    ("status_command", "status", "status", ()),
    ("validate_command", "validate", "validation", ("auto",)),
    ("editing.sync_command", "sync", "sync", ()),
    ("diff_command", "diff", "diff", ()),
    ("project_command", "project", "projection", ()),
    ("forecast_command", "forecast", "forecast", ()),
    ("timeline_command", "timeline", "timeline", ()),
]


@pytest.mark.parametrize(("module", "function", "render", "extra"), FORMATS, ids=[row[1] for row in FORMATS])
def test_format_choices_are_the_keys_of_the_renderer_table(module: str, function: str, render: str, extra) -> None:
    import importlib

    command = importlib.import_module(f"hanoi_cli.cli.{module}")
    renderers = importlib.import_module(f"hanoi_cli.render.{render}").RENDERERS
    click_command = typer.main.get_command(_app(command, function))
    option = next(param for param in click_command.params if "--format" in getattr(param, "opts", ()))
    assert tuple(option.type.choices) == (*extra, *renderers)
    assert {"table", "text"} <= set(renderers)  # the one human vocabulary, in every command


def _app(module, function: str) -> typer.Typer:
    app = typer.Typer(add_completion=False)
    app.command()(getattr(module, function))
    return app


def test_one_ledger_and_many_offer_the_same_formats() -> None:
    from hanoi_cli.render import many_ledgers, status

    assert tuple(many_ledgers.RENDERERS) == tuple(status.RENDERERS)


def test_no_command_module_keeps_a_table_of_lambdas_or_a_format_enum() -> None:
    for name, path in all_modules().items():
        if name.startswith("hanoi_cli.cli."):
            text = path.read_text(encoding="utf-8")
            assert "renderers = {" not in text and "Format(str, Enum)" not in text, name


def test_the_odd_arrows_are_gone() -> None:
    """Rules never read files, payloads never read, editing never judges with rules or payloads,
    and renderers know nothing of the depositary: each use case lives on the commands floor."""
    forbidden = {
        "hanoi_cli.core.rules": ("hanoi_cli.core.reading", "hanoi_cli.core.editing"),
        "hanoi_cli.core.payloads": ("hanoi_cli.core.reading",),
        "hanoi_cli.core.editing": ("hanoi_cli.core.rules", "hanoi_cli.core.payloads"),
        "hanoi_cli.render": ("hanoi_cli.core.depositary",),
    }
    wrong = []
    for name, path in all_modules().items():
        for floor, targets in forbidden.items():
            if name.startswith(floor + "."):
                wrong += [
                    f"{path.relative_to(PACKAGE.parent)}:{line}: {imported}"
                    for imported, line in imported_names(path)
                    if imported.startswith(targets)
                ]
    assert wrong == []


def test_sync_runs_without_the_cli_and_returns_its_notes(tmp_path: Path) -> None:
    from hanoi_cli.core.commands.sync import sync

    ledger = tmp_path / "ledger.yaml"
    ledger.write_text(LEDGER, encoding="utf-8")
    source = tmp_path / "XVIII-16.en.xml"
    source.write_bytes(status(*ROWS))
    dry = sync(str(ledger), source=str(source), as_of=date(2026, 12, 1), mode="dry-run")
    assert (dry.written, dry.exit_code, ledger.read_text(encoding="utf-8")) == (False, ExitCode.OK, LEDGER)
    assert [change.code for change in dry.plan.changes] == ["AZE"] and [a.code for a in dry.plan.added] == ["BEL"]
    check = sync(str(ledger), source=str(source), as_of=date(2026, 12, 1), mode="check")
    assert check.exit_code is ExitCode.PROBLEMS  # out of sync
    done = sync(str(ledger), source=str(source), as_of=date(2026, 12, 1))
    assert done.written and "acceptance: 2026-03-09" in ledger.read_text(encoding="utf-8")
    from hanoi_cli.render.sync import RENDERERS

    stream = io.StringIO()
    RENDERERS["text"](done, stream)
    assert stream.getvalue().startswith(f"Synced: {ledger} from ")


def test_a_summary_keeps_each_ledger_and_notes_its_problems(tmp_path: Path) -> None:
    from hanoi_cli.core.commands.status import summary

    broken = tmp_path / "broken.yaml"
    broken.write_text("treaty: [\n", encoding="utf-8")
    result = summary([str(DATA / "sample.yaml"), str(broken)], date(2023, 6, 1))
    assert [row.status for row in result.rows][1] == "invalid" and result.rows[0].ledger is not None
    assert result.exit_code is ExitCode.PROBLEMS and result.warnings  # the broken file's problems, for stderr


def test_a_projection_later_than_asked_is_exit_1_with_a_note() -> None:
    from hanoi_cli.core.commands.project import project
    from hanoi_cli.core.rules.scenario import parse_pace

    result = project(
        str(DATA / "sample.yaml"), date(2023, 6, 1), [], parse_pace("1/year"), fail_if_later_than=date(1990, 1, 1)
    )
    assert result.exit_code is ExitCode.PROBLEMS
    assert result.notes and result.notes[0].startswith("Projected entry into force (")
