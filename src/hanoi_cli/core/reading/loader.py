"""Read a ledger file into a validated ``Ledger``, or into problems located at line and column.

The YAML is composed with PyYAML's C composer and the ``BaseLoader`` resolver: fast, every node
keeps its position, and every scalar stays a string (``NO``, Norway's code, stays "NO"; dates stay
text until the model parses them). A walk over the nodes builds plain data and refuses what a
ledger never needs and what could hide a mistake: duplicate keys, aliases and anchors, and
language-specific tags such as ``!!python/object``.
"""

from __future__ import annotations

import gc
import os
import re
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from hanoi_cli.core.ledger.models import Ledger
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem

MAX_BYTES = 64 * 1024 * 1024  # refused before parsing: no real ledger comes near it
MAX_DEPTH = 32  # a ledger is four levels deep; anything much deeper is not a ledger
STDIN_NAME = "<stdin>"

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# What YAML's double-quoted escapes ("\e", "\x9b") can put in text and a terminal would obey;
# raw control characters are already refused by the YAML reader. Tabs and newlines are text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CORE_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "map", "seq", "int", "float", "bool", "null", "timestamp")
)


@dataclass(frozen=True)
class LoadedLedger:
    """A validated ledger and the name it was read under (``<stdin>`` for standard input).

    ``root()`` gives the composed YAML nodes, for locating values: the ones the read composed,
    or, for a ledger that came from the cache, composed on first use, so a caller that needs
    positions parses at most once and one that does not never parses at all.
    """

    ledger: Ledger
    name: str
    data: Optional[bytes] = field(default=None, repr=False, compare=False)
    _root: Any = field(default=None, repr=False, compare=False)

    def root(self) -> Any:
        if self._root is None and self.data is not None:
            object.__setattr__(self, "_root", compose_nodes(decode(self.data, self.name), self.name))
        return self._root


def display_name(path: str | Path) -> str:
    return STDIN_NAME if str(path) == "-" else str(path)


def _unreadable(name: str, code: str, message: str, line: int | None = None, column: int | None = None) -> LedgerError:
    return LedgerError([Problem(code, message, name, line, column)], ExitCode.USAGE)


def read_bytes(path: str | Path) -> bytes:
    """A ledger file's bytes (``-``: standard input); a LedgerError with exit code 2 if unreadable."""
    name = display_name(path)
    try:
        if name == STDIN_NAME:
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            if not stat.S_ISREG(os.stat(path).st_mode):  # a pipe would block, a device never end
                kind = "folder" if os.path.isdir(path) else "pipe, device or socket"
                raise _unreadable(name, "not-a-file", f"this is a {kind}, not a ledger file")
            # Opened without blocking and checked again: the path may have become a pipe since.
            with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    raise _unreadable(name, "not-a-file", "this is a pipe, device or socket, not a ledger file")
                data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _unreadable(name, "file-not-found", "no such file" + _from_environment(name)) from None
    except IsADirectoryError:
        raise _unreadable(name, "not-a-file", "this is a folder, not a ledger file") from None
    except OSError as exc:
        raise _unreadable(name, "unreadable-file", exc.strerror or str(exc)) from None
    _refuse_if_too_large(data, name)
    return data


def _from_environment(name: str) -> str:
    """Say where a path nobody typed came from: ``$HANOI_LEDGER``, set long ago and forgotten."""
    from hanoi_cli.core.reading.ledger_paths import LEDGER_ENV

    return f" (the path in ${LEDGER_ENV})" if os.environ.get(LEDGER_ENV, "").strip() == name else ""


def _refuse_if_too_large(data: bytes, name: str) -> None:
    """Refused before parsing, whatever the bytes came from (a file, stdin, a git revision)."""
    if len(data) > MAX_BYTES:
        raise _unreadable(name, "file-too-large", f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB")


def decode(data: bytes, name: str) -> str:
    """UTF-8 text without a byte-order mark; bytes that are not UTF-8 are located exactly."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        if line_start == 0 and data.startswith(b"\xef\xbb\xbf"):
            line_start = 3  # the byte-order mark is not a column
        column = len(data[line_start : exc.start].decode("utf-8")) + 1  # characters, as elsewhere
        raise _unreadable(
            name, "not-utf8", f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})", line, column
        ) from None
    return text.removeprefix("\ufeff")  # a byte-order mark is harmless: editors on Windows add one


def read_ledger(
    path: str | Path | None = None,
    *,
    data: Optional[bytes] = None,
    text: Optional[str] = None,
    name: Optional[str] = None,
    use_cache: bool = True,
    keep_nodes: bool = True,
    remember: bool = False,
) -> LoadedLedger:
    """Read and validate one ledger: the one way in, from a ``path`` (``-`` for standard input),
    from a file's ``data`` (bytes, e.g. a git revision) or from ``text`` already decoded.

    Bytes validated before come from the cache (``core.reading.cache``) when ``use_cache``.
    Problems are located at line and column and raised as a ``LedgerError``. A caller that will
    never locate anything passes ``keep_nodes=False``: the composed nodes (most of the memory of
    a big ledger's read: 190 MiB for 50,000 participants) are let go before validation, and
    ``root()`` would compose them again. A caller about to edit the text passes ``remember``:
    the edit then neither composes nor validates it again (``hanoi sync`` reads, then edits).
    """
    if sum(source is not None for source in (path, data, text)) != 1:
        raise ValueError("read_ledger takes exactly one of path, data and text")
    if path is not None:
        name = name or display_name(path)
        data = read_bytes(path)
    label = name or "<ledger>"
    if text is not None and text in _validated:  # validated already by this process (an edit's original)
        return LoadedLedger(_validated[text][1], label, text.encode("utf-8"))
    if text is not None:
        ledger, root = _compose_and_validate(text, label, keep_nodes)
        return LoadedLedger(ledger, label, text.encode("utf-8"), root)
    assert data is not None
    _refuse_if_too_large(data, label)
    folder = key = None
    if use_cache:
        from hanoi_cli.core.reading import cache

        folder = cache.cache_dir()
        if folder is not None:
            key = cache.cache_key(data)
            cached = cache.get(folder, key)
            if cached is not None:
                return LoadedLedger(cached, label, data)
    ledger, root = _compose_and_validate(decode(data, label), label, keep_nodes, remember)
    if folder is not None and key is not None:
        cache.put(folder, key, ledger)
    return LoadedLedger(ledger, label, data, root)


# The text this process validated last, its plain data and its ledger: an edit validates the
# original while editing it, the edit transaction reads the original again to count its problems
# (a ledger of 50,000 participants: 0.8 s), and validates the edited text, whose participants are
# the original's but for those the edit changed. One entry, so nothing accumulates.
_validated: dict[str, tuple[Any, Ledger]] = {}


def remember_validated(text: str, ledger: Ledger, data: Any = None, *, cached: bool = True) -> None:
    """Note that ``text`` (composed into ``data``) validates to ``ledger``: ``read_ledger(text=text)``
    then returns it, and the text of an edit of it is validated participant by participant only
    where its data differs (``validator.validate_edited_data``). Without ``cached`` the ledger is
    not in the cache yet: ``keep_in_cache`` may put it there."""
    _validated.clear()
    _validated[text] = (data, ledger)
    _uncached.clear()
    if not cached:
        _uncached[text] = ledger


# The text validated last when the cache did not hold it (the original of an edit), and its ledger.
_uncached: dict[str, Ledger] = {}


def cached_ledger(text: str) -> Optional[Ledger]:
    """The ledger the cache holds for a file whose content is ``text`` (keyed on its UTF-8 bytes,
    as a read of the file keys it), or None. For an edit of a big ledger: unpickling it costs a
    third of validating it again."""
    from hanoi_cli.core.reading import cache

    folder = cache.cache_dir()
    return None if folder is None else cache.get(folder, cache.cache_key(text.encode("utf-8")))


def keep_in_cache(data: bytes, ledger: Optional[Ledger] = None, *, text: Optional[str] = None) -> None:
    """Cache ``ledger`` for a file holding ``data``, as a read of it would; with ``text`` instead,
    the ledger this process validated for that text, if the cache did not hold it already."""
    if text is not None:
        ledger = _uncached.pop(text, None)
    if ledger is None:
        return
    from hanoi_cli.core.reading import cache

    folder = cache.cache_dir()
    if folder is not None:
        cache.put(folder, cache.cache_key(data), ledger)


def is_validated(text: str) -> bool:
    """Whether this process validated ``text`` last (so it passes the schema)."""
    return text in _validated


def _validate(data: Any) -> Ledger:
    """``data`` validated as a ledger; an edit of the text validated last reuses its participants."""
    from hanoi_cli.core.reading.validator import validate_edited_data, validate_ledger_data

    for before, ledger in _validated.values():
        if before is not None:
            return validate_edited_data(data, before, ledger)
    return validate_ledger_data(data)


def _compose_and_validate(text: str, name: str, keep_nodes: bool = True, remember: bool = False) -> tuple[Ledger, Any]:
    """Compose the YAML and validate it with Pydantic: the ledger and its root node (None
    without ``keep_nodes``: then the nodes are composed again only to locate a problem); with
    ``remember``, the text, its nodes, data and ledger are kept for an edit of it."""
    from pydantic import ValidationError

    with collector_paused():  # validating allocates an object per value too: keep it linear
        recomposed = None if remember else _recomposed.pop(text, None)  # never for a read to be edited
        root, data = recomposed or compose(text, name)
        if not keep_nodes:
            root = None
        try:
            ledger = _validate(data)
        except ValidationError as exc:
            from hanoi_cli.core.reading.validation_errors import problems_from_validation_error

            del data
            located = root if root is not None else compose(text, name)[0]
            raise LedgerError(problems_from_validation_error(exc, located, name)) from None
    if remember and root is not None:  # an edit of it follows: it composes and validates the text no more
        _composed.clear()
        _composed[text] = (root, data)
        remember_validated(text, ledger, data)
    return ledger, root


# The text a read to be edited composed last (``read_ledger(remember=True)``), and its nodes and
# plain data: the edit (``hanoi sync`` reads the ledger, then edits it) composes it no more. One entry.
_composed: dict[str, tuple[Any, Any]] = {}

# The text an edit made last, and its nodes and plain data composed again only where it changed
# (``recompose``), for the transaction's validation of it: taken by the first read of that text
# (never by an edit: nodes after the change keep their original marks). One entry.
_recomposed: dict[str, tuple[Any, Any]] = {}


def remember_recomposed(text: str, root: Any, data: Any) -> None:
    """Note the nodes and data of an edited ``text`` (``recompose``), for the next read of it."""
    _recomposed.clear()
    _recomposed[text] = (root, data)


def forget_recomposed() -> None:
    """Let go of an edited text's nodes that no read took (an edit that was not validated)."""
    _recomposed.clear()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: it makes loading and validating superlinear on big files.

    On the way out, what was allocated meanwhile moves to the oldest generation unscanned
    (``gc.freeze()`` then ``gc.unfreeze()``: two list splices). Otherwise the first allocation
    after ``gc.enable()`` scans every node and model object the load made, at a cost per object
    that grows with the size of the heap: a third of the time of loading 50,000 participants.
    Garbage among those objects is still collected, by the next full collection.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


@lru_cache(maxsize=1)
def _fast_loader() -> Any:
    """PyYAML's C composer where libyaml is present, with the ``BaseLoader`` resolver reduced to
    what it does for a ledger: every node gets its kind's default tag. The composer calls this
    Python method once per node; the stock one costs about 15% of reading 500 small ledgers."""
    import yaml

    base = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    tags = {
        yaml.ScalarNode: base.DEFAULT_SCALAR_TAG,
        yaml.SequenceNode: base.DEFAULT_SEQUENCE_TAG,
        yaml.MappingNode: base.DEFAULT_MAPPING_TAG,
    }
    if base.yaml_implicit_resolvers or base.yaml_path_resolvers:  # not the BaseLoader we know
        return base

    class Loader(base):  # type: ignore[misc, valid-type]
        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            return tags[kind]

    return Loader


def compose(text: str, name: str) -> tuple[Any, Any]:
    """Compose ``text`` into YAML nodes and plain data (dicts, lists, strings and None); the
    text a read composed last is not composed again (its nodes are only read, never changed)."""
    found = _composed.get(text)
    if found is not None:
        return found
    import yaml

    loader = _fast_loader()

    def at(code: str, message: str, mark: Any = None) -> Problem:
        if mark is None:
            return Problem(code, message, name, 1, 1)
        return Problem.at(code, message, name, mark)

    with collector_paused():
        try:
            root = yaml.compose(text, Loader=loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            message = " ".join(part for part in (exc.context, exc.problem) if part)
            if mark is not None and text[mark.index : mark.index + 1] == "\t":
                message = "a tab character: YAML is indented with spaces, never tabs"
            if "expected a single document" in message:
                message = "a ledger is one YAML document, but this file has several (--- separators)"
            raise LedgerError([at("yaml-syntax", message, mark)]) from None
        except yaml.reader.ReaderError as exc:
            raise LedgerError([_unacceptable_character(exc, text, name)]) from None
        except yaml.YAMLError as exc:
            raise LedgerError([at("yaml-syntax", str(exc))]) from None
        except RecursionError:
            raise LedgerError([at("too-deep", "the YAML is nested too deeply to be a ledger")]) from None
        if root is None:
            raise LedgerError([at("empty-ledger", "the file is empty: a ledger needs 'treaty' and 'participants'")])
        if not isinstance(root, yaml.MappingNode):
            raise LedgerError(
                [
                    at(
                        "not-a-mapping",
                        "a ledger is a mapping with the keys 'treaty' and 'participants'",
                        root.start_mark,
                    )
                ]
            )
        walker = _Walker(name)
        data = walker.walk(root, 0)
    if walker.problems:
        raise LedgerError(walker.problems)
    return root, data


def compose_nodes(text: str, name: str) -> Any:
    """The YAML nodes of a text that was read and validated before, for locating values: without
    the plain data ``compose`` builds beside them (a sixth of the memory and a quarter of the time of
    composing 50,000 participants). Text that fails after all is composed by ``compose``, whose
    problem is raised."""
    found = _composed.get(text)
    if found is not None:
        return found[0]
    import yaml

    with collector_paused():
        try:
            root = yaml.compose(text, Loader=_fast_loader())
        except (yaml.YAMLError, RecursionError):
            root = None
    if not isinstance(root, yaml.MappingNode):
        return compose(text, name)[0]
    return root


def _unacceptable_character(exc: Any, text: str, name: str) -> Problem:
    """A character YAML refuses (a control character), at its line and column.

    The reader stops at the first one, so the first occurrence of that character is where it is
    (the error's own offset counts bytes with the C reader, characters with the Python one).
    """
    character = exc.character if isinstance(exc.character, int) else ord(exc.character)
    index = text.find(chr(character))
    line = column = None
    if index >= 0:
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
    message = f"the character U+{character:04X} is not allowed in YAML ({exc.reason})"
    return Problem("yaml-syntax", message, name, line, column)


class _Walker:
    """Turns composed nodes into plain data, collecting every structural problem on the way."""

    def __init__(self, name: str) -> None:
        import yaml

        self.scalar_node, self.sequence_node = yaml.ScalarNode, yaml.SequenceNode
        self.name = name
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.aliased: set[int] = set()

    def problem(self, code: str, message: str, node: Any) -> None:
        self.problems.append(Problem.at(code, message, self.name, node.start_mark))

    def has_control_character(self, node: Any) -> bool:
        found = _CONTROL.search(node.value)
        if found is not None:
            self.problem(
                "control-character",
                f"the escape for U+{ord(found.group()):04X} puts a control character in this text: "
                "a ledger holds printable text (tabs and line breaks aside)",
                node,
            )
        return found is not None

    def walk(self, node: Any, depth: int) -> Any:
        if id(node) in self.seen:
            if id(node) not in self.aliased:  # one problem per anchor, however often it is used
                self.aliased.add(id(node))
                self.problem(
                    "yaml-alias",
                    "this value has an anchor (&name) that an alias (*name) uses again: "
                    "anchors and aliases are not allowed in a ledger, write each value out",
                    node,
                )
            return None
        self.seen.add(id(node))
        if node.tag not in _CORE_TAGS:
            self.problem("yaml-tag", f"the tag {node.tag!r} is not allowed in a ledger", node)
            return None
        if isinstance(node, self.scalar_node):
            if not node.style and node.value in _NULLS:  # plain (unquoted) null
                return None
            if node.style == '"' and self.has_control_character(node):
                return None
            return node.value
        if depth >= MAX_DEPTH:
            self.problem("too-deep", f"nested more than {MAX_DEPTH} levels deep: this is not a ledger", node)
            return None
        if isinstance(node, self.sequence_node):
            return [self.walk(item, depth + 1) for item in node.value]
        result: dict[str, Any] = {}
        first_seen: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, self.scalar_node):
                self.problem("invalid-key", "a key must be plain text, not a list or mapping", key_node)
                continue
            key = key_node.value
            if key_node.style == '"' and self.has_control_character(key_node):
                continue
            if key in first_seen:
                line = first_seen[key].start_mark.line + 1
                self.problem("duplicate-key", f"duplicate key {key!r} (first given on line {line})", key_node)
                continue
            first_seen[key] = key_node
            result[key] = self.walk(value_node, depth + 1)
        return result
