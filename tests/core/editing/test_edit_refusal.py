"""What an edit refused by ``require_valid_edit`` reports: the problems of the result it would write."""

from __future__ import annotations

from datetime import date

import pytest

from hanoi_cli.core.commands.transaction import require_valid_edit
from hanoi_cli.core.editing.record import record
from hanoi_cli.core.ledger.problems import LedgerError

HEAD = "treaty:\n  id: T\n  title: T\n  entry_into_force: {threshold: 1, after: {days: 1}}\nparticipants:\n"


def test_an_edit_that_repairs_the_file_but_fails_a_check_is_refused_with_the_results_problems() -> None:
    original = HEAD + "  - name: Norway\n    code: NOR\n    ratification: notadate\n    signature: 2021-01-01\n"
    edit = record(original, "x", who="NOR", action="ratification", on=date(2020, 1, 1), replace=True)
    assert "notadate" not in edit.text  # the edit repaired the date the schema rejected
    with pytest.raises(LedgerError) as error:
        require_valid_edit(edit.text, "x", as_of=date(2026, 1, 1), original=original)
    codes = [problem.code for problem in error.value.problems]
    assert "invalid-date" not in codes  # the original's problem, which the edit removed, is not what is reported
    assert codes[-1] == "edit-refused" and len(codes) > 1
    assert "line numbers are those of the edited text" in error.value.problems[-1].message
