"""Where a status file comes from, and which URL its facts are credited to.

``--from`` may name an http(s) URL, a file, or ``-`` (standard input); without it, the ledger's
``treaty.status_url``, else the URL the UN Treaty Collection's rule gives for ``treaty.id``. A file
or standard input is taken as a copy of the treaty's status URL: a ledger's sources must be
something a reader can check, never a path on somebody's machine.
"""

from __future__ import annotations

import os
import stat
import sys
from typing import Any, NamedTuple, Optional

from hanoi_cli.core.depositary.status_file import MAX_STATUS_BYTES
from hanoi_cli.core.ledger.depositary_hosts import DEPOSITARY_HOSTS, is_depositary_url
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem

STDIN = "-"


class StatusSource(NamedTuple):
    """A status file's bytes, the URL its facts are credited to, and what was read (for messages)."""

    data: bytes
    url: str
    read_from: str


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def credited_url(status_url_field: Optional[str], treaty_id: Optional[str], name: str = "<ledger>") -> str:
    """The treaty's status URL: the ledger's ``status_url`` if it has one, else the computed one."""
    if status_url_field:
        return status_url_field
    if not treaty_id:
        message = "the ledger has neither treaty.status_url nor treaty.id: give --from URL"
        raise LedgerError([Problem("unknown-treaty-id", message, name)], ExitCode.USAGE)
    from hanoi_cli.core.depositary.fetch import status_url  # the fetching machinery only where it is needed

    return status_url(treaty_id)


def read_status_source(
    given: Optional[str],
    *,
    status_url_field: Optional[str],
    treaty_id: Optional[str],
    timeout: Optional[float] = None,
    ledger: Any = None,
) -> StatusSource:
    """The status file named by ``--from`` (``given``), or the treaty's own status URL, fetched.

    Without ``--from`` only the depositary's https hosts are fetched (redirects included): a
    ``status_url`` elsewhere is refused (exit 1) before any request, located in ``ledger`` (a
    ``LoadedLedger``) when given. What the user names with ``--from`` is fetched as named, within
    ``timeout`` seconds (None: the fetch's default).
    """
    if given is not None and not is_url(given):
        return StatusSource(_read_local(given), credited_url(status_url_field, treaty_id), given)
    url = given or credited_url(status_url_field, treaty_id)
    if given is None and not is_depositary_url(url):
        raise _untrusted(url, ledger)
    allowed = None if given is not None else DEPOSITARY_HOSTS
    from hanoi_cli.core.depositary import fetch as fetching  # a file or standard input never loads it

    if timeout is None:
        timeout = fetching.DEFAULT_TIMEOUT
    fetched = fetching.fetch(
        url, timeout=timeout, backoff=fetching.BACKOFF, allowed_hosts=allowed
    )  # read now: tests shorten it
    return StatusSource(fetched.data, fetched.url, fetched.url)


def _untrusted(url: str, ledger: Any) -> LedgerError:
    """The refusal of a ``status_url`` off the depositary's hosts, at its line in the ledger."""
    message = (
        f"treaty.status_url {url!r} is not on the depositary's host ({', '.join(DEPOSITARY_HOSTS)}, "
        "https): hanoi sync fetches only from the depositary unless --from names the source; nothing was fetched"
    )
    if ledger is None:
        return LedgerError([Problem("untrusted-status-url", message, url)], ExitCode.PROBLEMS)
    from hanoi_cli.core.reading.positions import follow, format_path

    key_node, value_node, parent, parts = follow(ledger.root(), ["treaty", "status_url"], last_is_key=False)
    mark = getattr(value_node if value_node is not None else (key_node or parent), "start_mark", None)
    problem = Problem.at("untrusted-status-url", message, ledger.name, mark, path=format_path(parts) or None)
    return LedgerError([problem], ExitCode.PROBLEMS)


def _read_local(path: str) -> bytes:
    """A file's or standard input's bytes, refused at once when it is not a regular file or too large."""

    def refuse(code: str, message: str) -> LedgerError:
        return LedgerError([Problem(code, message, path)], ExitCode.USAGE)

    try:
        if path == STDIN:
            data = sys.stdin.buffer.read(MAX_STATUS_BYTES + 1)
        else:
            if not stat.S_ISREG(os.stat(path).st_mode):
                raise refuse("not-a-file", "this is not a regular file (a folder, a pipe or a device)")
            with open(path, "rb") as handle:
                data = handle.read(MAX_STATUS_BYTES + 1)
    except FileNotFoundError:
        raise refuse("file-not-found", "no such file") from None
    except OSError as exc:
        raise refuse("unreadable-file", exc.strerror or str(exc)) from None
    if len(data) > MAX_STATUS_BYTES:
        raise refuse("source-too-large", f"the status file is larger than {MAX_STATUS_BYTES:,} bytes")
    return data
