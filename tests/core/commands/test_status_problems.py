"""``hanoi status`` locates a ledger's problems only when they are read (issue 27): the table only
counts them, while JSON and the Python API get them exactly as ``validate`` places them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from hanoi_cli.core.commands.status import StatusResult, status
from hanoi_cli.core.commands.validate import validate_ledger
from hanoi_cli.core.ledger.problems import Problem
from hanoi_cli.core.reading import loader

AS_OF = date(2024, 1, 1)
LEDGER = """treaty:
  id: T-1
  title: T
  entry_into_force:
    threshold: 2
    after: {days: 90}
participants:
  - name: Norway
    code: NOR
    signature: 2020-01-01
  - name: Narnia
    code: QQQ
    accession: 2021-02-03
  - name: Norway again
    code: NOR
    ratification: 2023-05-05
"""


def test_a_function_given_as_problems_is_called_once_and_only_when_read() -> None:
    calls: list[int] = []
    problem = Problem("unknown-country-code", "x", "a.yaml", 3, 5, "participants[0].code")

    def locate() -> list[Problem]:
        calls.append(1)
        return [problem]

    result = StatusResult("a.yaml", evaluation=None, problems=locate)  # type: ignore[arg-type]
    assert calls == []
    assert result.problems == (problem,) and isinstance(result.problems, tuple)
    assert result.problems == (problem,) and calls == [1]
    assert StatusResult("b.yaml", evaluation=None).problems == ()  # type: ignore[arg-type]
    with pytest.raises(AttributeError):  # frozen, as before
        result.problems = ()  # type: ignore[misc]


@pytest.mark.parametrize("cached", [False, True], ids=["first read", "from the cache"])
def test_status_counts_problems_without_composing_and_locates_them_when_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cached: bool
) -> None:
    path = tmp_path / "ledger.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    if cached:
        status(path, AS_OF)  # fills the cache
    composed: list[Any] = []
    real = loader.compose_nodes
    monkeypatch.setattr(loader, "compose_nodes", lambda *args: composed.append(args) or real(*args))
    result = status(path, AS_OF)
    assert result.notes == (f"{path}: this ledger has 2 problems; run hanoi validate",)  # counted, not located
    assert composed == []
    located = result.problems
    assert len(composed) == 1 and result.problems is located  # composed once, on the first read
    expected = validate_ledger(path, as_of=AS_OF).problems
    assert [(p.file, p.line, p.column, p.code, p.path, p.severity) for p in located] == [
        (p.file, p.line, p.column, p.code, p.path, p.severity) for p in expected
    ]
    assert [(problem.location(), problem.code) for problem in result.problems] == [
        (f"{path}:12:11", "user-assigned-code"),
        (f"{path}:15:11", "duplicate-participant"),
        (f"{path}:16:19", "ratification-without-signature"),
    ]
