"""The ledger validator rebuilt from a cached core schema: the same validation, and a cache that
cannot be used (damaged, stale, planted, unwritable) is only a slower start, never an error."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLE
from hanoi_cli.core.reading import cache, validator
from hanoi_cli.core.reading.loader import compose, read_ledger

BAD = SAMPLE.read_text().replace("threshold: 3", "threshold: x", 1) + "  - name: B\n    code: b\n    bogus: 1\n"


@pytest.fixture(autouse=True)
def fresh_validator():
    """Each test builds the validator anew (the process keeps one)."""
    validator.ledger_validator.cache_clear()
    yield
    validator.ledger_validator.cache_clear()


def schema_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{cache.SCHEMA_PREFIX}*{cache.SCHEMA_SUFFIX}"))


def outcome(text: str):
    """What validating ``text`` gives: the ledger, or the errors as Pydantic reports them."""
    from pydantic import ValidationError

    _, data = compose(text, "l.yaml")
    try:
        return validator.validate_ledger_data(data)
    except ValidationError as exc:
        return exc.errors(include_url=False)


def test_the_cached_schema_validates_exactly_as_pydantic_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    fresh = [outcome(SAMPLE.read_text()), outcome(BAD)]
    assert isinstance(fresh[1], list) and len(fresh[1]) >= 2  # the bad ledger really is refused
    assert [path.name for path in schema_files(folder)] == [f"{cache.SCHEMA_PREFIX}{cache.schema_key()}.core"]
    validator.ledger_validator.cache_clear()

    def no_generation():
        raise AssertionError("a cached schema must not be generated again")

    monkeypatch.setattr(validator, "ledger_adapter", no_generation)
    assert [outcome(SAMPLE.read_text()), outcome(BAD)] == fresh


def test_the_cached_schema_is_the_generated_one_less_its_json_schema_hooks(tmp_path: Path) -> None:
    validator.ledger_validator()
    stored = cache.get_schema(tmp_path / "cache", cache.schema_key())
    generated = validator.ledger_adapter().core_schema
    assert stored == cache._without_metadata(generated) and stored != generated


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle", pickle.dumps({"type": "no-such-schema"}), pickle.dumps(["a list"])],
    ids=["empty", "garbage", "unusable schema", "not a schema"],
)
def test_a_damaged_schema_is_a_slower_start_and_is_replaced(tmp_path: Path, content: bytes) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    path = folder / f"{cache.SCHEMA_PREFIX}{cache.schema_key()}{cache.SCHEMA_SUFFIX}"
    path.write_bytes(content)
    assert read_ledger(SAMPLE).ledger.treaty.id == "TEST-1"
    assert cache.get_schema(folder, cache.schema_key()) == cache._without_metadata(
        validator.ledger_adapter().core_schema
    )


def test_a_stale_schema_is_never_used_and_is_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A schema written for other classes (or another Pydantic) sits under another key."""
    folder = tmp_path / "cache"
    folder.mkdir()
    stale = folder / f"{cache.SCHEMA_PREFIX}{'0' * 40}{cache.SCHEMA_SUFFIX}"
    stale.write_bytes(pickle.dumps({"type": "int"}))  # would refuse every ledger if it were used
    assert read_ledger(SAMPLE).ledger.treaty.id == "TEST-1"
    assert not stale.exists() and len(schema_files(folder)) == 1


def test_the_schema_key_follows_pydantic_and_the_ledger_classes(monkeypatch: pytest.MonkeyPatch) -> None:
    import pydantic_core

    before = cache.schema_key()
    cache.schema_key.cache_clear()
    monkeypatch.setattr(pydantic_core, "__version__", "0.0.0")
    try:
        assert cache.schema_key() != before
    finally:
        cache.schema_key.cache_clear()


@pytest.mark.parametrize("where", ["a file", "a folder inside a file"])
def test_an_unwritable_cache_folder_is_never_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("HANOI_CACHE_DIR", str(blocker if where == "a file" else blocker / "cache"))
    assert read_ledger(SAMPLE).ledger.treaty.id == "TEST-1"
    assert blocker.read_text() == "a file where the cache folder should be"


def test_a_planted_schema_cannot_run_code_or_reach_other_modules(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    marker = tmp_path / "pwned"
    path = folder / f"{cache.SCHEMA_PREFIX}{cache.schema_key()}{cache.SCHEMA_SUFFIX}"

    class Exploit:  # unpickling it would create ``marker``: a trace that code ran
        def __reduce__(self):
            return (os.mkdir, (str(marker),))

    path.write_bytes(pickle.dumps({"type": "any", "x": Exploit()}))
    assert cache.get_schema(folder, cache.schema_key()) is None and not marker.exists()

    class Planting(pickle.Pickler):  # a subclass: Python 3.13 makes persistent_id read-only on an instance
        def __init__(self, stream: Any, pid: tuple[str, ...]) -> None:
            super().__init__(stream)
            self.pid = pid

        def persistent_id(self, obj: Any) -> Any:
            return self.pid if obj == "here" else None

    for pid in [("os", "system"), ("hanoi_cli.core.ledger.models", "__builtins__"), ("hanoi_cli.core.ledger.models",)]:
        with open(path, "wb") as stream:
            Planting(stream, pid).dump({"type": "any", "ref": "here"})
        assert cache.get_schema(folder, cache.schema_key()) is None
    assert read_ledger(SAMPLE).ledger.treaty.id == "TEST-1"


def test_a_cold_read_with_the_schema_cached_skips_pydantic_schema_generation(tmp_path: Path) -> None:
    """The first read after a ledger changes builds the validator from the cached schema: none of
    Pydantic's model machinery, schema generation or plugin discovery is imported."""
    code = (
        "import sys\n"
        "from hanoi_cli.core.reading.loader import read_ledger\n"
        f"assert read_ledger({str(SAMPLE)!r}).ledger.treaty.id == 'TEST-1'\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    env = {"HANOI_CACHE_DIR": str(tmp_path / "cache"), "PATH": os.environ.get("PATH", "")}
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert "pydantic._internal._generate_schema" in first.stdout.split()
    for entry in (tmp_path / "cache").glob("*.pickle"):  # the ledger changed: its entry is gone
        entry.unlink()
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    loaded = set(second.stdout.split())
    assert "hanoi_cli.core.reading.validator" in loaded  # it really validated
    assert not loaded & {"pydantic.main", "pydantic._internal._generate_schema", "pydantic.plugin._loader"}


def test_a_text_validated_while_editing_is_not_validated_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The edit transaction reads an edit's original again to count its problems: the session
    validated it already, so that read neither composes nor validates."""
    from hanoi_cli.core.editing.session import EditSession, schema_problems
    from hanoi_cli.core.reading import loader

    text = SAMPLE.read_text() + "# edited\n"
    assert schema_problems(EditSession(text, "l.yaml")) == []

    def no_parsing(*args, **kwargs):
        raise AssertionError("validated once already")

    monkeypatch.setattr(loader, "_compose_and_validate", no_parsing)
    loaded = read_ledger(text=text, name="l.yaml")
    assert loaded.ledger.treaty.id == "TEST-1" and loaded.root() is not None  # positions still on demand
    with pytest.raises(AssertionError):
        read_ledger(text=text + "# another edit\n", name="l.yaml")
