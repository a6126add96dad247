"""The summary of many ledgers as plain data: statuses, tallies and the worst exit code."""

from __future__ import annotations

from datetime import date

from conftest import DATA
from hanoi_cli.core.commands.status import SummaryRow, summarise, worst_exit_code
from hanoi_cli.core.ledger.problems import ExitCode, Problem
from hanoi_cli.core.payloads.many_ledgers import summary_record, tally


def test_rows_keep_the_order_given_and_mark_failures() -> None:
    rows = summarise([DATA / "pending.yaml", DATA / "nope.yaml", DATA / "invalid-key.yaml"], date(2023, 6, 1))
    assert [row.status for row in rows] == ["pending", "unreadable", "invalid"]
    assert [row.exit_code for row in rows] == [ExitCode.OK, ExitCode.USAGE, ExitCode.PROBLEMS]
    assert worst_exit_code(rows) is ExitCode.USAGE
    assert rows[2].problems[0].code == "unknown-key"


def test_the_worst_exit_code_of_nothing_is_ok() -> None:
    assert worst_exit_code([]) is ExitCode.OK


def test_tally_counts_in_a_fixed_order_and_agrees_in_number() -> None:
    invalid = SummaryRow("a.yaml", None, (Problem("yaml-syntax", "x", "a.yaml"),), ExitCode.PROBLEMS)
    assert tally([invalid]) == "1 treaty: 1 invalid"
    assert tally([]) == "0 treaties"
    rows = summarise([DATA / "pending.yaml", DATA / "sample.yaml"], date(2023, 6, 1)) + [invalid]
    assert tally(rows) == "3 treaties: 1 in force, 1 pending, 1 invalid"


def test_a_failed_row_has_every_key_and_its_problems() -> None:
    problem = Problem("file-not-found", "no such file", "x.yaml")
    record = summary_record(SummaryRow("x.yaml", None, (problem,), ExitCode.USAGE))
    assert record["status"] == "unreadable" and record["path"] == "x.yaml" and record["threshold"] is None
    assert record["error"] == {"exit_code": 2, "problems": [problem.to_dict()]}
