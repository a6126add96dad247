"""An edit reuses the original's validation (issue 27): the result is the same ledger, and a
result that does not validate is still refused, at the edited text's lines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import SAMPLE
from hanoi_cli.core.commands.transaction import edit_ledger, require_valid_edit
from hanoi_cli.core.editing.edit import Edit
from hanoi_cli.core.editing.record import record
from hanoi_cli.core.ledger.problems import LedgerError
from hanoi_cli.core.reading import loader
from hanoi_cli.core.reading.loader import compose, read_ledger
from hanoi_cli.core.reading.validator import validate_edited_data, validate_ledger_data
from hanoi_cli.core.rules.checks import check_ledger

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
  - name: Peru
    code: PER
    ratification:
      date: 2021-02-03
      source: https://treaties.un.org/a
  - name: Viet Nam
    code: VNM
    signature: 2020-01-02
"""


def data_of(text: str) -> object:
    return compose(text, "t.yaml")[1]


@pytest.mark.parametrize(
    "edited",
    [
        LEDGER.replace("    signature: 2020-01-02\n", "    signature: 2020-01-02\n    ratification: 2021-05-05\n"),
        LEDGER.replace(
            "  - name: Peru\n", "  - name: Oman\n    code: OMN\n    accession: 2022-01-01\n  - name: Peru\n"
        ),
        LEDGER.replace("  - name: Norway\n    code: NOR\n    signature: 2020-01-01\n", ""),
        # the same data but a fact's keys in another order: its participant is validated again
        LEDGER.replace(
            "      date: 2021-02-03\n      source: https://treaties.un.org/a\n",
            "      source: https://treaties.un.org/a\n      date: 2021-02-03\n",
        ),
        LEDGER.replace("threshold: 2", "threshold: 3"),
    ],
)
def test_an_edit_validates_to_the_ledger_a_whole_validation_gives(edited: str) -> None:
    before = data_of(LEDGER)
    ledger = validate_ledger_data(before)
    assert validate_edited_data(data_of(edited), before, ledger) == validate_ledger_data(data_of(edited))


def test_unchanged_participants_are_the_originals_own_objects() -> None:
    before = data_of(LEDGER)
    ledger = validate_ledger_data(before)
    edited = LEDGER.replace("code: VNM\n    signature: 2020-01-02", "code: VNM\n    signature: 2020-01-03")
    result = validate_edited_data(data_of(edited), before, ledger)
    assert result.participants[0] is ledger.participants[0] and result.participants[1] is ledger.participants[1]
    assert result.participants[2] is not ledger.participants[2]
    assert str(result.participants[2].signature) == "2020-01-03"


def test_an_edit_the_schema_refuses_is_refused_at_the_edited_lines() -> None:
    edited = record(LEDGER, "t.yaml", who="VNM", action="ratification", on=date(2021, 5, 5)).text
    broken = edited.replace("ratification: 2021-05-05", "ratification: 2021-13-05")
    with pytest.raises(LedgerError) as error:
        require_valid_edit(broken, "t.yaml", as_of=AS_OF, original=LEDGER)
    located = [(p.code, p.line) for p in error.value.problems if p.severity == "error"]
    assert located == [("invalid-date", broken.splitlines().index("    ratification: 2021-13-05") + 1)]


def test_a_refused_edit_of_the_sample_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "ledger.yaml"
    path.write_bytes(SAMPLE.read_bytes())

    def broken(text: str) -> Edit:
        edited = record(text, "ledger.yaml", who="VNM", action="ratification", on=date(2022, 3, 1)).text
        return Edit(edited.replace("ratification: 2022-03-01", "ratification: 2022-03-01\n    kind: nation"), "x", True)

    with pytest.raises(LedgerError) as error:
        edit_ledger(path, broken, as_of=AS_OF)
    assert "edit-refused" in [problem.code for problem in error.value.problems]
    assert path.read_bytes() == SAMPLE.read_bytes()


def test_the_remembered_original_is_read_again_as_validated() -> None:
    record(LEDGER, "t.yaml", who="VNM", action="ratification", on=date(2021, 5, 5))  # validates and remembers it
    assert LEDGER in loader._validated
    assert read_ledger(text=LEDGER, name="t.yaml").ledger == validate_ledger_data(data_of(LEDGER))


def test_errors_alone_are_the_errors_of_all_checks() -> None:
    text = LEDGER.replace("code: PER", "code: NOR").replace(
        "signature: 2020-01-02", "signature: 2030-01-02\n    ratification: 2023-01-01"
    )
    ledger = read_ledger(text=text, name="t.yaml").ledger
    every = check_ledger(ledger, as_of=AS_OF)
    errors = check_ledger(ledger, as_of=AS_OF, warnings=False)
    assert {finding.severity for finding in every} == {"error", "warning"}
    assert errors == [finding for finding in every if finding.severity == "error"] and errors


def test_an_edit_after_a_remembered_read_composes_only_its_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    path = tmp_path / "ledger.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    read_ledger(path, use_cache=False, remember=True)
    composed: list[str] = []
    real = yaml.compose
    monkeypatch.setattr(yaml, "compose", lambda text, **kw: composed.append(text) or real(text, **kw))

    def edit(text: str) -> Edit:
        return record(text, "ledger.yaml", who="VNM", action="ratification", on=date(2021, 5, 5))

    outcome = edit_ledger(path, edit, as_of=AS_OF, write=False)
    # Only the participant the edit changed is composed again (at its own lines: blank ones before it).
    changed = outcome.edit.text[outcome.edit.text.index("  - name: Viet Nam") :]
    assert len(composed) == 1 and composed[0].endswith(changed) and not composed[0][: -len(changed)].strip()
    monkeypatch.setattr(loader, "_validated", {})
    assert outcome.ledger == validate_ledger_data(data_of(outcome.edit.text))
    with pytest.raises(LedgerError):  # and a result that does not validate is still refused
        edit_ledger(
            path, lambda text: Edit(edit(text).text.replace("2021-05-05", "2021-05-55"), "x", True), as_of=AS_OF
        )


def test_an_edit_that_leaves_the_file_as_it_is_leaves_its_ledger_in_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dry run validates the original once and caches it, as a read would: the next edit (or
    status) of the same file takes it from the cache and validates only what it changes. A written
    edit caches nothing for the file it replaced."""
    from hanoi_cli.core.reading import cache, validator

    path = tmp_path / "ledger.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    key = cache.cache_key(path.read_bytes())

    def edit(text: str) -> Edit:
        return record(text, "ledger.yaml", who="VNM", action="ratification", on=date(2021, 5, 5))

    edit_ledger(path, edit, as_of=AS_OF, write=False)
    folder = cache.cache_dir()
    assert folder is not None and cache.get(folder, key) == read_ledger(path, use_cache=False).ledger
    monkeypatch.setattr(loader, "_validated", {})  # as a new process
    sizes: list[int] = []
    real = validator.validate_ledger_data
    monkeypatch.setattr(
        validator, "validate_ledger_data", lambda data: sizes.append(len(data["participants"])) or real(data)
    )
    outcome = edit_ledger(path, edit, as_of=AS_OF, write=False)
    assert sizes == [1]  # the participant the edit changed, nothing else
    assert outcome.ledger == real(data_of(outcome.edit.text))

    other = tmp_path / "other.yaml"
    other.write_text(LEDGER.replace("T-1", "T-2"), encoding="utf-8")
    before = cache.cache_key(other.read_bytes())
    edit_ledger(other, edit, as_of=AS_OF, write=True)
    assert cache.get(folder, before) is None and "ratification: 2021-05-05" in other.read_text(encoding="utf-8")
