"""Reading ledgers: positions, strings stay strings, and every bad input is a located problem."""

from __future__ import annotations

import json
import os
import pickle
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE
from hanoi_cli.core.ledger.dates import DateSpan
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError
from hanoi_cli.core.reading import cache, loader
from hanoi_cli.core.reading.loader import read_ledger

HEADER = """\
treaty:
  id: T-1
  title: A treaty
  entry_into_force:
    threshold: 2
    after: {days: 90}
participants:
"""


def problems(text: str) -> list[tuple[str, int | None, int | None, str]]:
    with pytest.raises(LedgerError) as caught:
        read_ledger(text=text, name="ledger.yaml")
    return [(p.code, p.line, p.column, p.message) for p in caught.value.problems]


def only(text: str) -> tuple[str, int | None, int | None, str]:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def test_the_sample_loads_with_every_value_typed() -> None:
    ledger = read_ledger(SAMPLE).ledger
    assert ledger.treaty.entry_into_force.threshold == 3
    assert ledger.treaty.entry_into_force.count_reio is False
    norway = ledger.participants[0]
    assert norway.notes == "NO"  # YAML 1.1 would have made this False
    assert norway.ratification == date(2020, 3, 10)
    assert ledger.participants[2].signature == DateSpan(date(2020, 2, 1), date(2020, 2, 2))


def test_scalars_that_yaml_would_retype_stay_text() -> None:
    text = HEADER.replace("id: T-1", "id: NO").replace("title: A treaty", "title: 1.0") + "  - {name: yes, code: NOR}\n"
    ledger = read_ledger(text=text, name="x").ledger
    assert ledger.treaty.id == "NO"
    assert ledger.treaty.title == "1.0"
    assert ledger.participants[0].name == "yes"


def test_the_shipped_ledger_is_valid() -> None:
    from hanoi_cli.core.reading.ledger_paths import shipped_ledger

    ledger = read_ledger(shipped_ledger(), use_cache=False).ledger
    assert ledger.treaty.id == "XVIII-16"
    assert ledger.treaty.entry_into_force.threshold == 40
    assert ledger.treaty.entry_into_force.count_reio is False
    codes = [p.code for p in ledger.participants]
    assert len(codes) == len(set(codes))
    assert any(p.kind == "reio" and p.code == "EUU" for p in ledger.participants)


def test_unknown_key_points_at_the_key_and_suggests() -> None:
    assert only(HEADER + "  - name: A\n    code: AZE\n    ratifcation: 2025-01-01\n") == (
        "unknown-key",
        10,
        5,
        "unknown key 'ratifcation'; did you mean 'ratification'?",
    )


def test_unknown_key_in_the_rule_lists_what_is_allowed() -> None:
    code, line, column, message = only(
        HEADER.replace("    threshold: 2\n", "    threshold: 2\n    zzz: 1\n") + "  []\n"
    )
    assert (code, line, column) == ("unknown-key", 6, 5)
    assert "expected one of: threshold, after" in message


def test_missing_key_points_at_its_parent_mapping() -> None:
    assert only(HEADER + "  - code: AZE\n") == ("missing-key", 8, 5, "missing required key 'name'")


def test_impossible_date_is_explained() -> None:
    assert only(HEADER + "  - name: A\n    code: AZE\n    ratification: 2025-02-30\n") == (
        "invalid-date",
        10,
        19,
        "'2025-02-30' is not a calendar date: February 2025 has 28 days",
    )


@pytest.mark.parametrize("value", ["20250101", "2025", "1.5", "25/10/2025", "[2025-01-01]"])
def test_numbers_and_other_shapes_where_dates_belong(value: str) -> None:
    code, line, column, _ = only(HEADER + f"  - name: A\n    code: AZE\n    ratification: {value}\n")
    assert (code, line, column) == ("invalid-date", 10, 19)


def test_two_instruments_are_reported_at_the_second() -> None:
    text = HEADER + "  - name: A\n    code: AZE\n    ratification: 2025-01-01\n    accession: 2025-02-01\n"
    assert only(text) == (
        "multiple-instruments",
        11,
        5,
        "a participant has at most one instrument, but this one has ratification and accession",
    )


def test_wrong_types_are_named_in_words() -> None:
    text = HEADER.replace("threshold: 2", "threshold: forty") + "  - name: A\n    code: az\n    reservations: {a: b}\n"
    found = problems(text)
    assert [(c, l) for c, l, _, _ in found] == [("invalid-number", 5), ("invalid-code", 9), ("unknown-key", 10)]
    assert found[2][3] == "unknown key 'a' in a fact; expected one of: text, evidence, notification, source"


def test_empty_value_for_a_required_number() -> None:
    code, _, _, message = only(HEADER.replace("threshold: 2", "threshold:") + "  - {name: A, code: AZE}\n")
    assert code == "invalid-number"
    assert message == "'threshold' has no value; expected a whole number"


def test_duplicate_key_names_the_first_line() -> None:
    assert only(HEADER + "  - name: A\n    code: AZE\n    name: B\n") == (
        "duplicate-key",
        10,
        5,
        "duplicate key 'name' (first given on line 8)",
    )


def test_aliases_are_refused() -> None:
    code, *_ = only(HEADER + "  - &x {name: A, code: AZE}\n  - *x\n")
    assert code == "yaml-alias"


def test_python_tags_are_refused_without_being_run() -> None:
    code, line, _, message = only(HEADER + "  - name: !!python/object/apply:os.system [echo hi]\n    code: AZE\n")
    assert (code, line) == ("yaml-tag", 8)
    assert "python/object/apply:os.system" in message


def test_tabs_get_a_plain_explanation() -> None:
    assert only("treaty:\n\tid: x\n") == (
        "yaml-syntax",
        2,
        1,
        "a tab character: YAML is indented with spaces, never tabs",
    )


def test_syntax_error_is_located() -> None:
    code, line, _, _ = only("treaty: {id: [x\n")
    assert (code, line) == ("yaml-syntax", 2)


def test_several_documents_are_refused() -> None:
    code, _, _, message = only(HEADER + "---\n" + HEADER)
    assert code == "yaml-syntax"
    assert "one YAML document" in message


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty-ledger"),
        ("# only a comment\n", "empty-ledger"),
        ("- a\n- b\n", "not-a-mapping"),
        ("just text\n", "not-a-mapping"),
    ],
)
def test_empty_and_non_mapping_roots(text: str, code: str) -> None:
    assert only(text)[:3] == (code, 1, 1)


def test_very_deep_nesting_is_refused() -> None:
    assert only("treaty: " + "[" * 100 + "]" * 100 + "\n")[0] == "too-deep"


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes())
    assert read_ledger(path).ledger.treaty.id == "TEST-1"


def test_bytes_that_are_not_utf8_are_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(HEADER.encode() + "  - name: Côte\n".encode("latin-1"))
    with pytest.raises(LedgerError) as caught:
        read_ledger(path)
    problem = caught.value.problems[0]
    assert (problem.code, problem.line, problem.column) == ("not-utf8", 8, 12)
    assert caught.value.exit_code == ExitCode.USAGE


def test_a_huge_file_is_refused_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_BYTES", 100)
    path = tmp_path / "big.yaml"
    path.write_text(HEADER * 10)
    with pytest.raises(LedgerError) as caught:
        read_ledger(path)
    assert caught.value.problems[0].code == "file-too-large"
    assert caught.value.exit_code == ExitCode.USAGE


def test_a_folder_is_not_a_ledger(tmp_path: Path) -> None:
    with pytest.raises(LedgerError) as caught:
        read_ledger(tmp_path)
    assert caught.value.problems[0].code == "not-a-file"


def test_the_cache_is_used_and_keyed_by_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "l.yaml"
    path.write_text(SAMPLE.read_text())
    first = read_ledger(path).ledger
    entries = list((tmp_path / "cache").glob("*.pickle"))
    assert len(entries) == 1

    def no_parsing(*args, **kwargs):
        raise AssertionError("a cached ledger must not be parsed again")

    monkeypatch.setattr(loader, "_compose_and_validate", no_parsing)
    assert read_ledger(path).ledger == first
    monkeypatch.undo()
    path.write_text(SAMPLE.read_text().replace("threshold: 3", "threshold: 4"))
    assert read_ledger(path).ledger.treaty.entry_into_force.threshold == 4


def test_the_cache_can_be_switched_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANOI_NO_CACHE", "1")
    read_ledger(SAMPLE)
    assert not (tmp_path / "cache").exists()


def test_no_home_directory_means_no_cache_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    """A container user with no HOME and no passwd entry: Path.home() raises RuntimeError."""

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert cache.cache_dir({}) is None
    monkeypatch.delenv("HANOI_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert read_ledger(SAMPLE).ledger.treaty.id == "TEST-1"


def test_a_planted_cache_entry_cannot_run_code(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    key = cache.cache_key(SAMPLE.read_bytes())

    marker = tmp_path / "pwned"

    class Exploit:  # unpickling it would create ``marker``: a trace that code ran
        def __reduce__(self):
            return (os.mkdir, (str(marker),))

    (folder / f"{key}.pickle").write_bytes(pickle.dumps(Exploit()))
    assert cache.get(folder, key) is None
    assert not marker.exists()
    assert read_ledger(SAMPLE).ledger.treaty.id == "TEST-1"  # a bad entry is a miss


def test_problems_are_sorted_by_position() -> None:
    # The file puts participants before the treaty, the model the other way round: the problems
    # must follow the file, not the order in which the model reports them.
    text = """\
participants:
  - name: A
    code: a
    ratification: 2020-02-30
  - name: B
    code: NOR
    bogus: 1
treaty:
  id: T-1
  title: A treaty
  entry_into_force:
    threshold: x
    after: {days: 90}
"""
    found = [(code, line, column) for code, line, column, _ in problems(text)]
    assert found == [
        ("invalid-code", 3, 11),
        ("invalid-date", 4, 19),
        ("unknown-key", 7, 5),
        ("invalid-number", 12, 16),
    ]


def test_the_cache_stays_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = read_ledger(SAMPLE, use_cache=False).ledger
    folder = tmp_path / "cache"
    for age, key in enumerate(("c", "b", "a"), start=1):  # "a" is the oldest
        cache.put(folder, key, ledger)
        os.utime(folder / f"{key}.pickle", (1_000_000 - age * 100, 1_000_000 - age * 100))
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    monkeypatch.setattr(cache, "PRUNE_EVERY", 1)
    cache.put(folder, "d", ledger)
    assert sorted(entry.stem for entry in folder.glob("*.pickle")) == ["c", "d"]


def test_the_cache_is_bounded_in_bytes_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = read_ledger(SAMPLE, use_cache=False).ledger
    folder = tmp_path / "cache"
    for age, key in enumerate(("c", "b", "a"), start=1):
        cache.put(folder, key, ledger)
        os.utime(folder / f"{key}.pickle", (1_000_000 - age * 100, 1_000_000 - age * 100))
    size = (folder / "a.pickle").stat().st_size
    monkeypatch.setattr(cache, "MAX_BYTES", 2 * size)
    monkeypatch.setattr(cache, "PRUNE_EVERY", 1)
    cache.put(folder, "d", ledger)
    assert sorted(entry.stem for entry in folder.glob("*.pickle")) == ["c", "d"]


def test_a_batch_of_misses_lists_the_cache_folder_only_now_and_then(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = read_ledger(SAMPLE, use_cache=False).ledger
    prunes = []
    monkeypatch.setattr(cache, "_prune", prunes.append)
    monkeypatch.setattr(cache, "_writes", 0)
    monkeypatch.setattr(cache, "PRUNE_EVERY", 4)
    for key in range(9):
        cache.put(tmp_path / "cache", str(key), ledger)
    assert len(prunes) == 3  # writes 1, 5 and 9


def test_the_fast_resolver_tags_nodes_as_the_base_loader_does() -> None:
    import yaml

    text = SAMPLE.read_text() + "extra: [! 2020-01-01, !!str x, {a: NO}, ~, '']\n"

    def tags(node) -> list[str]:
        found = [node.tag]
        if isinstance(node, yaml.SequenceNode):
            found += [tag for item in node.value for tag in tags(item)]
        elif isinstance(node, yaml.MappingNode):
            found += [tag for key, value in node.value for tag in tags(key) + tags(value)]
        return found

    stock = yaml.compose(text, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
    assert tags(yaml.compose(text, Loader=loader._fast_loader())) == tags(stock)


def test_loading_leaves_the_garbage_collector_as_it_found_it() -> None:
    import gc

    assert gc.isenabled()
    read_ledger(text=SAMPLE.read_text(), name="sample.yaml")
    assert gc.isenabled()
    with pytest.raises(LedgerError):
        read_ledger(text=HEADER + "  - name: A\n    code: a\n", name="bad.yaml")
    assert gc.isenabled()
    gc.disable()
    try:
        read_ledger(text=SAMPLE.read_text(), name="sample.yaml")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_change_to_the_ledger_classes_is_a_cache_miss_without_bumping_anything(tmp_path: Path) -> None:
    """A warm cache filled by the old classes must never reach new ones (it once meant exit 3)."""
    import shutil
    import subprocess
    import sys

    package = tmp_path / "site" / "hanoi_cli"
    shutil.copytree(
        ROOT / "src" / "hanoi_cli",
        package,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    env = {"PYTHONPATH": str(package.parent), "HANOI_CACHE_DIR": str(tmp_path / "cache"), "HANOI_TODAY": "2023-06-01"}
    status = [sys.executable, "-m", "hanoi_cli", "status", str(SAMPLE), "-f", "json"]
    first = subprocess.run(status, env=env, capture_output=True, text=True)
    assert first.returncode == 0 and list((tmp_path / "cache").glob("*.pickle"))
    models = package / "core" / "ledger" / "models.py"
    text = models.read_text(encoding="utf-8")
    anchor = "    notes: Optional[str] = None\n"
    assert anchor in text
    models.write_text(text.replace(anchor, anchor + "    added_later: Optional[str] = None\n"), encoding="utf-8")
    second = subprocess.run(status, env=env, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout) == json.loads(first.stdout)
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 2  # a new entry, not the old one reused


def test_eighty_thousand_unknown_keys_are_located_in_linear_time_and_counted_past_two_hundred() -> None:
    """Locating each Pydantic error once scanned its whole mapping (80,000 keys: 140 s)."""
    import time

    from hanoi_cli.core.reading.validation_errors import MAX_PROBLEMS

    head = "treaty:\n  id: T-1\n  title: T\n  entry_into_force:\n    threshold: 1\n    after: {days: 1}\n"
    text = head + "participants: []\n" + "".join(f"k{i}: v\n" for i in range(80_000))
    start = time.perf_counter()
    with pytest.raises(LedgerError) as error:
        loader.read_ledger(text=text, name="big.yaml")
    elapsed = time.perf_counter() - start
    problems = error.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[0].code == "unknown-key" and problems[0].line == 8
    assert problems[-1].code == "more-problems" and "79,800 more" in problems[-1].message
    assert elapsed < 10  # seconds; linear work takes well under one here, the old scan took minutes


def test_compose_nodes_gives_the_nodes_compose_gives_and_refuses_what_compose_refuses() -> None:
    """Locating a cached ledger's problems composes the nodes without plain data: same nodes, same marks."""
    import yaml

    from hanoi_cli.core.reading.loader import compose, compose_nodes

    text = SAMPLE.read_text(encoding="utf-8")
    alone, (full, _) = compose_nodes(text, "s.yaml"), compose(text, "s.yaml")
    assert yaml.serialize(alone) == yaml.serialize(full)
    assert alone.value[-1][1].start_mark.line == full.value[-1][1].start_mark.line
    with pytest.raises(LedgerError) as caught:
        compose_nodes("- a list\n", "bad.yaml")
    assert caught.value.problems[0].code == "not-a-mapping"
