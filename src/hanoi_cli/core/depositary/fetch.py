"""Fetching a treaty's status file from the UN Treaty Collection, politely and with bounded cost.

One request at a time (a process-wide lock), a User-Agent that names hanoi, redirects followed up
to a limit, proxies from the environment (httpx's ``trust_env``), up to three tries with backoff
on connection errors, timeouts, 5xx and 429 answers, and a size limit enforced while the body streams
in. httpx is imported inside the function, so only commands that fetch pay for it. Every failure
is a ``LedgerError`` (exit 2) whose problem names the URL and has a stable code.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Optional

from hanoi_cli import __version__
from hanoi_cli.core.depositary.status_file import MAX_STATUS_BYTES
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem

BASE_URL = "https://treaties.un.org/doc/Publication/MTDSG"
USER_AGENT = f"hanoi/{__version__} (hanoi-cli, a treaty ratification tracker)"
DEFAULT_TIMEOUT = 30.0
MAX_TRIES = 3
MAX_REDIRECTS = 5
BACKOFF = (2.0, 6.0)  # seconds before the second and the third try
MAX_RETRY_AFTER = 60.0  # a server's Retry-After is honoured up to this
LAST_VOLUME_I_CHAPTER = 11  # chapters I-XI are in Volume I, XII-XXIX in Volume II

_ONE_AT_A_TIME = threading.Lock()
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_TREATY_ID = re.compile(r"([IVXL]+)-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
_VOLUME = re.compile(r"/MTDSG/Volume%20(I|II)/", re.IGNORECASE)


def _refuse(code: str, message: str, url: str) -> LedgerError:
    return LedgerError([Problem(code, message, url)], ExitCode.USAGE)


def _chapter(roman: str) -> Optional[int]:
    """A Roman numeral's value, or None if it is not one written the usual way."""
    total = 0
    for index, letter in enumerate(roman):
        value = _ROMAN[letter]
        following = _ROMAN[roman[index + 1]] if index + 1 < len(roman) else 0
        total += -value if value < following else value
    if _to_roman(total) != roman:
        return None
    return total


def _to_roman(number: int) -> str:
    out = []
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def status_url(treaty_id: str) -> str:
    """The status file's URL for a UNTC treaty id such as ``XVIII-16`` or ``XXVII-7-d``."""
    wanted = treaty_id.strip()
    match = _TREATY_ID.fullmatch(wanted)
    chapter = _chapter(match[1]) if match else None
    if chapter is None or not 1 <= chapter <= 29:
        message = f"{treaty_id!r} is not a UN Treaty Collection id (a chapter I-XXIX, '-' and a number, e.g. XVIII-16)"
        raise _refuse("unknown-treaty-id", message, treaty_id)
    volume = "I" if chapter <= LAST_VOLUME_I_CHAPTER else "II"
    assert match is not None  # a chapter was found in it
    return f"{BASE_URL}/Volume%20{volume}/Chapter%20{match[1]}/{wanted}.en.xml"


def other_volume_url(url: str) -> Optional[str]:
    """The same file in the other volume (the rule has no evidence for some chapters), or None."""
    match = _VOLUME.search(url)
    if match is None:
        return None
    other = "II" if match[1].upper() == "I" else "I"
    return url[: match.start()] + f"/MTDSG/Volume%20{other}/" + url[match.end() :]


@dataclass(frozen=True)
class Fetched:
    """A status file's bytes and the URL they came from (the other volume's, after a 404)."""

    url: str
    data: bytes


def fetch_status(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    backoff: Sequence[float] = BACKOFF,
    sleep: Callable[[float], None] = time.sleep,
) -> bytes:
    """The bytes of the status file at ``url`` (``fetch`` also says which URL answered)."""
    return fetch(url, timeout=timeout, backoff=backoff, sleep=sleep).data


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    backoff: Sequence[float] = BACKOFF,
    sleep: Callable[[float], None] = time.sleep,
    max_bytes: int = MAX_STATUS_BYTES,
    tries: int = MAX_TRIES,
) -> Fetched:
    """GET ``url``; on a 404 of an MTDSG URL, one try of the other volume.

    ``backoff`` and ``sleep`` are injectable so tests do not wait.
    """
    import httpx

    with (
        _ONE_AT_A_TIME,
        httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept": "application/xml, text/xml;q=0.9, */*;q=0.1"},
            timeout=timeout,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            trust_env=True,
        ) as client,
    ):

        def get(where: str) -> tuple[int, bytes]:
            return _get(client, where, timeout=timeout, backoff=backoff, sleep=sleep, max_bytes=max_bytes, tries=tries)

        status, data = get(url)
        if status == 404:
            other = other_volume_url(url)
            if other is not None:
                status, data = get(other)
                if status == 200:
                    return Fetched(other, data)
                if status == 404:
                    message = f"the depositary has no status file here (HTTP 404), nor in the other volume ({other})"
                    raise _refuse("status-not-found", message, url)
            raise _refuse("status-not-found", "the depositary has no status file here (HTTP 404)", url)
        if status != 200:
            raise _refuse("http-error", f"the depositary answered HTTP {status}", url)
        return Fetched(url, data)


def _get(
    client: object,
    url: str,
    *,
    timeout: float,
    backoff: Sequence[float],
    sleep: Callable[[float], None],
    max_bytes: int,
    tries: int,
) -> tuple[int, bytes]:
    """``(status, body)`` of the last try; retries what may pass (connection errors, timeouts, 5xx, 429)."""
    import httpx

    assert isinstance(client, httpx.Client)
    for attempt in range(1, tries + 1):
        last = attempt == tries
        wait = backoff[min(attempt - 1, len(backoff) - 1)] if backoff else 0.0
        try:
            with client.stream("GET", url) as response:
                passing = response.status_code >= 500 or response.status_code == 429  # busy: worth another try
                if passing and not last:
                    sleep(max(wait, _retry_after(response.headers.get("Retry-After"))))
                    continue
                if passing:
                    message = f"the depositary answered HTTP {response.status_code} {tries} times"
                    raise _refuse("http-error", message, url)
                if response.status_code != 200:
                    return response.status_code, b""
                return 200, _read_limited(response, url, max_bytes)
        except httpx.TooManyRedirects:
            message = f"the depositary redirected more than {MAX_REDIRECTS} times"
            raise _refuse("too-many-redirects", message, url) from None
        except httpx.TimeoutException:
            if last:
                message = f"no complete answer within {timeout:g} s, {tries} times (--timeout sets the limit)"
                raise _refuse("timeout", message, url) from None
        except httpx.InvalidURL as exc:
            raise _refuse("invalid-url", f"not a URL hanoi can fetch: {exc}", url) from None
        except httpx.UnsupportedProtocol:
            raise _refuse("invalid-url", "only http and https URLs can be fetched", url) from None
        except httpx.TransportError as exc:
            if last:
                message = f"the depositary could not be reached, {tries} times: {exc or type(exc).__name__}"
                raise _refuse("network-error", message, url) from None
        sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover


def _retry_after(value: Optional[str]) -> float:
    """A Retry-After given in seconds, capped; anything else (a date, garbage) counts as 0."""
    try:
        return min(float(value), MAX_RETRY_AFTER) if value else 0.0
    except ValueError:
        return 0.0


def _read_limited(response: object, url: str, max_bytes: int) -> bytes:
    """The body, refused as soon as it passes ``max_bytes`` (declared or actually received)."""
    declared = response.headers.get("Content-Length")  # type: ignore[attr-defined]
    if declared and declared.isdigit() and int(declared) > max_bytes:
        message = f"the depositary announces {int(declared):,} bytes, over the limit of {max_bytes:,} for a status file"
        raise _refuse("source-too-large", message, url)
    chunks, size = [], 0
    for chunk in response.iter_bytes():  # type: ignore[attr-defined]
        size += len(chunk)
        if size > max_bytes:
            message = f"the answer passed the limit of {max_bytes:,} bytes for a status file"
            raise _refuse("source-too-large", message, url)
        chunks.append(chunk)
    return b"".join(chunks)
