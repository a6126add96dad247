"""Read a file as it was at a git revision: the "before" of ``hanoi diff PATH --base REF``.

git runs as a subprocess with a list of arguments (never a shell), in the file's own folder, so
the path is resolved inside whatever repository holds the file. Every way this can fail (git
missing, not a repository, an unknown revision) is a located problem with exit code 2.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem


@dataclass(frozen=True)
class RevisionFile:
    """The file's bytes at the revision, or ``None`` when the revision does not have that path."""

    name: str  # REF:path-in-repository, for messages and the JSON ``old`` key
    data: Optional[bytes]


def _problem(file: str, code: str, message: str) -> LedgerError:
    return LedgerError([Problem(code, message, file)], ExitCode.USAGE)


def _git(args: list[str], folder: Path, file: str) -> subprocess.CompletedProcess[bytes]:
    environ = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, env=environ, check=False)
    except FileNotFoundError:
        raise _problem(file, "git-not-found", "--base needs git, and no 'git' command was found") from None
    except OSError as exc:
        raise _problem(file, "git-failed", f"could not run git: {exc.strerror or exc}") from None


def _first_line(output: bytes) -> str:
    text = output.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else "git gave no reason"


def read_at_revision(path: str, revision: str) -> RevisionFile:
    """The content of ``path`` (a file in a git working tree) at ``revision``."""
    file = str(path)
    if revision.startswith("-") or not revision.strip():
        raise _problem(file, "unknown-revision", f"{revision!r} is not a git revision")
    location = Path(path)
    folder = location.parent if str(location.parent) else Path(".")
    if not folder.is_dir():
        raise _problem(file, "file-not-found", "no such file")

    prefix = _git(["rev-parse", "--show-prefix"], folder, file)
    if prefix.returncode != 0:
        raise _problem(
            file,
            "not-a-git-repository",
            "--base compares with a git revision, but this file is not in a git repository",
        )
    in_repository = prefix.stdout.decode("utf-8", "surrogateescape").strip() + location.name

    commit = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], folder, file)
    if commit.returncode != 0:
        raise _problem(
            file,
            "unknown-revision",
            f"unknown git revision {revision!r} (for a pull request's base, fetch it first: git fetch origin)",
        )
    sha = commit.stdout.decode("ascii").strip()
    name = f"{revision}:{in_repository}"

    kind = _git(["cat-file", "-t", f"{sha}:{in_repository}"], folder, file)
    if kind.returncode != 0:
        return RevisionFile(name, None)  # the revision does not have this path: a new file
    if kind.stdout.strip() != b"blob":
        raise _problem(file, "not-a-file", f"{name} is a {kind.stdout.decode().strip()}, not a file")
    shown = _git(["cat-file", "blob", f"{sha}:{in_repository}"], folder, file)
    if shown.returncode != 0:
        raise _problem(file, "git-failed", f"git could not read {name}: {_first_line(shown.stderr)}")
    return RevisionFile(name, shown.stdout)
