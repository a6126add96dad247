"""One record for everything wrong with an input, and the errors that carry such records.

Every problem has a stable kebab-case ``code`` (scripts and documentation rely on it), a message
for people, and where it is: file, 1-based line and column, and the key path in the ledger.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Optional, Union

# Version of every JSON document hanoi prints; raised only if a key changes meaning or disappears.
# Here, in the lightest module, so that even the error envelope printed at start-up shares it.
SCHEMA_VERSION = 1


class ExitCode(IntEnum):
    """The process exit codes: fixed and documented in docs/reference/exit-codes.md."""

    OK = 0
    PROBLEMS = 1  # the command ran and found problems in the data
    USAGE = 2  # bad usage, or input that could not be read at all
    INTERNAL = 3  # a bug in hanoi
    INTERRUPTED = 130  # Ctrl-C


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows."""

    code: str
    message: str
    file: str
    line: int | None = None
    column: int | None = None
    path: str | None = None  # e.g. participants[3].ratification
    severity: str = "error"

    @classmethod
    def at(
        cls, code: str, message: str, file: str, mark: Any, *, path: Optional[str] = None, severity: str = "error"
    ) -> Problem:
        """A problem at a YAML mark (PyYAML's and ruamel's are 0-based), or unlocated if None."""
        if mark is None:
            return cls(code, message, file, path=path, severity=severity)
        return cls(code, message, file, mark.line + 1, mark.column + 1, path, severity)

    def location(self) -> str:
        """``file:line:col`` (as much of it as is known), the form editors and grep understand."""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        """``path:line:col: error[code] message``, one line."""
        return f"{self.location()}: {self.severity}[{self.code}] {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
        }


Problems = tuple[Problem, ...]
# What a ``LocatedOnRead`` field is given: the problems, or the function that locates them.
ProblemsOrLocator = Union[Problems, Callable[[], Iterable[Problem]]]


class LocatedOnRead:
    """A dataclass field of problems that are located only if someone reads them.

    It is given a tuple of problems, or a function that locates them: the function is called on
    the first read, once, and the field reads as the tuple of its problems ever after, so a reader
    sees the same attribute either way. Locating is what a big ledger's problems cost: 48,000
    warnings of a ledger of 50,000 participants need its YAML composed (190 MiB) and a quarter of a
    second, for a table that only counts them (JSON and the Python API read them, and get them
    exactly as if located at once).
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = f"_{name}_located_on_read"

    def __get__(self, instance: object, owner: Optional[type] = None) -> Problems:
        if instance is None:  # the dataclass asks the class for the field's default
            return ()
        value = instance.__dict__.get(self.slot, ())
        if callable(value):
            value = tuple(value())
            instance.__dict__[self.slot] = value
        return value

    def __set__(self, instance: object, value: ProblemsOrLocator) -> None:
        instance.__dict__[self.slot] = value if callable(value) else tuple(value)


def in_file_order(problems: Iterable[Problem]) -> list[Problem]:
    """Problems by line and column (unlocated first), as an editor lists them."""
    return sorted(problems, key=lambda problem: (problem.line or 0, problem.column or 0))


class LedgerError(Exception):
    """A ledger could not be used; ``problems`` says exactly why and where.

    ``exit_code`` is USAGE when the file could not be read at all (missing, not UTF-8, too large)
    and PROBLEMS when it was read and its content is wrong.
    """

    def __init__(self, problems: list[Problem], exit_code: ExitCode = ExitCode.PROBLEMS) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems
        self.exit_code = exit_code
