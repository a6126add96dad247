"""Fetching a treaty's status file from the UN Treaty Collection, politely and with bounded cost.

One request at a time (a process-wide lock), a User-Agent that names hanoi, redirects followed up
to a limit, proxies from the environment (httpx's ``trust_env``), up to three tries with backoff
on connection errors, timeouts, 5xx and 429 answers. The answer is hostile until read: one
deadline bounds the whole fetch (tries, pauses, Retry-After and a body trickled a byte at a time),
the body is decoded here from its raw bytes (gzip, deflate) a piece at a time, and the size limit
holds on the received and on the decoded bytes as they grow. httpx is imported inside the
function, so only commands that fetch pay for it. Every failure is a ``LedgerError`` (exit 2;
``untrusted-status-url``, exit 1) whose problem names the URL and has a stable code.
"""

from __future__ import annotations

import re
import threading
import time
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Optional

from hanoi_cli import __version__
from hanoi_cli.core.depositary.status_file import MAX_STATUS_BYTES
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem

BASE_URL = "https://treaties.un.org/doc/Publication/MTDSG"
USER_AGENT = f"hanoi/{__version__} (hanoi-cli, a treaty ratification tracker)"
DEFAULT_TIMEOUT = 30.0
MAX_TRIES = 3
MAX_REDIRECTS = 5
BACKOFF = (2.0, 6.0)  # seconds before the second and the third try
MAX_RETRY_AFTER = 60.0  # a server's Retry-After is honoured up to this (and up to the deadline)
DEADLINE_GRACE = 0.5  # seconds the caller waits past the deadline for the fetch's own, exact refusal
ACCEPT_ENCODING = "gzip, deflate"  # what _Inflater undoes, within the size limit
ALLOWED_SCHEME = "https"  # of a URL on the allowed hosts (tests on 127.0.0.1 set "http")
MAX_ENCODINGS = 3  # "gzip, gzip" is hostile already; more is refused unread
INFLATE_PIECE = 64 * 1024
_INFLATERS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}
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
    allowed_hosts: Optional[Collection[str]] = None,
) -> Fetched:
    """GET ``url``; on a 404 of an MTDSG URL, one try of the other volume.

    ``timeout`` bounds the whole fetch, every try, pause and redirect included: the work runs in
    a thread the caller waits for until then, so nothing (a server trickling one byte a second, a
    hung name lookup) holds the caller longer. ``allowed_hosts``: only https URLs on these hosts
    are requested, redirects included (None: any http(s) URL). ``backoff`` and ``sleep`` are
    injectable so tests do not wait.
    """
    if allowed_hosts is not None:
        _refuse_unless_allowed(url, url, allowed_hosts)
    deadline = time.monotonic() + timeout
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["fetched"] = _fetch(
                url,
                deadline=deadline,
                timeout=timeout,
                backoff=backoff,
                sleep=sleep,
                max_bytes=max_bytes,
                tries=tries,
                allowed_hosts=allowed_hosts,
            )
        except BaseException as exc:  # handed to the caller's thread, which raises it
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="hanoi-fetch", daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()) + DEADLINE_GRACE)
    if worker.is_alive():  # the worker stops at its next step; nobody waits for it
        raise _out_of_time(url, timeout)
    if "error" in outcome:
        raise outcome["error"]
    fetched: Fetched = outcome["fetched"]
    return fetched


def _out_of_time(url: str, timeout: float) -> LedgerError:
    message = f"no complete answer within {timeout:g} s, the limit for the whole fetch (--timeout sets it)"
    return _refuse("timeout", message, url)


def _refuse_unless_allowed(url: str, asked: str, hosts: Collection[str]) -> None:
    """Only the depositary's own https hosts, unless the user named the URL (``--from``)."""
    import urllib.parse

    parsed = urllib.parse.urlsplit(url)
    host = (parsed.hostname or "").lower()
    if parsed.scheme != ALLOWED_SCHEME or host not in hosts:
        where = "redirected to" if url != asked else "names"
        message = (
            f"the ledger's status URL {where} {url}, which is not the depositary's ({', '.join(sorted(hosts))}, "
            f"{ALLOWED_SCHEME}): hanoi fetches only from the depositary unless --from names the source"
        )
        raise LedgerError([Problem("untrusted-status-url", message, asked)], ExitCode.PROBLEMS)


class _Forbidden(Exception):
    """A redirect to a host the fetch may not ask (raised in httpx's request hook)."""


def _fetch(
    url: str,
    *,
    deadline: float,
    timeout: float,
    backoff: Sequence[float],
    sleep: Callable[[float], None],
    max_bytes: int,
    tries: int,
    allowed_hosts: Optional[Collection[str]],
) -> Fetched:
    import httpx

    def check(request: httpx.Request) -> None:
        if allowed_hosts is not None:
            try:
                _refuse_unless_allowed(str(request.url), url, allowed_hosts)
            except LedgerError as exc:
                raise _Forbidden() from exc

    if not _ONE_AT_A_TIME.acquire(timeout=max(0.0, deadline - time.monotonic())):
        raise _out_of_time(url, timeout)
    try:
        with httpx.Client(
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "application/xml, text/xml;q=0.9, */*;q=0.1",
                "Accept-Encoding": ACCEPT_ENCODING,
            },
            timeout=timeout,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            trust_env=True,
            event_hooks={"request": [check]},
        ) as client:
            attempt = _Attempts(client, deadline, timeout, backoff, sleep, max_bytes, tries)
            status, data = attempt.get(url)
            if status == 404:
                other = other_volume_url(url)
                if other is not None:
                    status, data = attempt.get(other)
                    if status == 200:
                        return Fetched(other, data)
                    if status == 404:
                        message = (
                            f"the depositary has no status file here (HTTP 404), nor in the other volume ({other})"
                        )
                        raise _refuse("status-not-found", message, url)
                raise _refuse("status-not-found", "the depositary has no status file here (HTTP 404)", url)
            if status != 200:
                raise _refuse("http-error", f"the depositary answered HTTP {status}", url)
            return Fetched(url, data)
    finally:
        _ONE_AT_A_TIME.release()


@dataclass
class _Attempts:
    """Tries of one URL within the fetch's deadline: what to retry, how long to wait, when to stop."""

    client: Any
    deadline: float
    timeout: float
    backoff: Sequence[float]
    sleep: Callable[[float], None]
    max_bytes: int
    tries: int

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def get(self, url: str) -> tuple[int, bytes]:
        """``(status, body)`` of the last try; retries what may pass (connection errors, timeouts, 5xx, 429)."""
        import httpx

        for attempt in range(1, self.tries + 1):
            last = attempt == self.tries
            wait = self.backoff[min(attempt - 1, len(self.backoff) - 1)] if self.backoff else 0.0
            if self.left() <= 0:
                raise _out_of_time(url, self.timeout)
            try:
                with self.client.stream("GET", url, timeout=httpx.Timeout(self.left())) as response:
                    passing = response.status_code >= 500 or response.status_code == 429  # busy: worth another try
                    if passing and not last:
                        asked = _retry_after(response.headers.get("Retry-After"))
                        wait = max(wait, min(asked, MAX_RETRY_AFTER))
                        if wait > self.left():
                            message = f"the depositary answered HTTP {response.status_code}" + (
                                f" and asks to wait {asked:g} s (Retry-After)" if asked else ""
                            )
                            message += f", longer than is left of the {self.timeout:g} s limit (--timeout)"
                            raise _refuse("http-error", message, url)
                        self.sleep(wait)
                        continue
                    if passing:
                        message = f"the depositary answered HTTP {response.status_code} {self.tries} times"
                        raise _refuse("http-error", message, url)
                    if response.status_code != 200:
                        return response.status_code, b""
                    return 200, _read_limited(response, url, self.max_bytes, self.deadline, self.timeout)
            except _Forbidden as exc:
                assert isinstance(exc.__cause__, LedgerError)
                raise exc.__cause__ from None
            except httpx.TooManyRedirects:
                message = f"the depositary redirected more than {MAX_REDIRECTS} times"
                raise _refuse("too-many-redirects", message, url) from None
            except httpx.TimeoutException:
                if last or self.left() <= 0:
                    raise _out_of_time(url, self.timeout) from None
            except httpx.InvalidURL as exc:
                raise _refuse("invalid-url", f"not a URL hanoi can fetch: {exc}", url) from None
            except httpx.UnsupportedProtocol:
                raise _refuse("invalid-url", "only http and https URLs can be fetched", url) from None
            except httpx.DecodingError as exc:
                raise _undecodable(url, str(exc) or type(exc).__name__) from None
            except httpx.TransportError as exc:
                if last or wait > self.left():
                    times = f"{attempt} times" if attempt > 1 else "and no time is left to try again"
                    message = f"the depositary could not be reached, {times}: {exc or type(exc).__name__}"
                    raise _refuse("network-error", message, url) from None
            if wait > self.left():
                raise _out_of_time(url, self.timeout)
            self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover


def _retry_after(value: Optional[str]) -> float:
    """A Retry-After given in (ASCII) seconds; anything else (a date, garbage) counts as 0."""
    if not value or not value.strip().isascii() or not value.strip().isdigit() or len(value.strip()) > 9:
        return 0.0
    return float(value.strip())


def _undecodable(url: str, why: str) -> LedgerError:
    message = f"the answer is not what its Content-Encoding says ({why}); nothing was read"
    return _refuse("undecodable-answer", message, url)


def _read_limited(response: Any, url: str, max_bytes: int, deadline: float, timeout: float) -> bytes:
    """The body, decoded by its Content-Encoding here (not by httpx, which inflates a chunk at
    once, whatever it grows to), refused as soon as it passes ``max_bytes`` (declared, received
    or decoded) or the deadline."""
    declared = response.headers.get("Content-Length", "")
    if declared.isascii() and declared.isdigit() and len(declared) <= 20 and int(declared) > max_bytes:
        message = f"the depositary announces {int(declared):,} bytes, over the limit of {max_bytes:,} for a status file"
        raise _refuse("source-too-large", message, url)
    encodings = [
        coding.strip().lower()
        for coding in ",".join(response.headers.get_list("Content-Encoding")).split(",")
        if coding.strip().lower() not in ("", "identity")
    ]
    if len(encodings) > MAX_ENCODINGS or any(coding not in _INFLATERS for coding in encodings):
        shown = ", ".join(encodings)
        message = f"the answer is encoded as {shown!r}; hanoi reads gzip or deflate, at most {MAX_ENCODINGS} deep"
        raise _refuse("undecodable-answer", message, url)

    def received() -> Iterator[bytes]:
        size = 0
        for chunk in response.iter_raw():
            size += len(chunk)
            if size > max_bytes:
                raise _refuse("source-too-large", f"the answer passed the limit of {max_bytes:,} bytes", url)
            if time.monotonic() > deadline:
                raise _out_of_time(url, timeout)
            yield chunk

    stream: Iterable[bytes] = received()
    for coding in reversed(encodings):  # the last encoding applied is the first undone
        stream = _Inflater(coding).stream(stream)
    body = bytearray()
    try:
        for piece in stream:
            body += piece
            if len(body) > max_bytes:
                message = f"the answer, decoded, passed the limit of {max_bytes:,} bytes for a status file"
                raise _refuse("source-too-large", message, url)
    except zlib.error as exc:
        raise _undecodable(url, str(exc)) from None
    return bytes(body)


class _Inflater:
    """One Content-Encoding undone piece by piece: never more than ``INFLATE_PIECE`` bytes at a time,
    so a small answer that inflates to gigabytes is stopped at the limit, not allocated."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self.started = False
        self.inflater = zlib.decompressobj(_INFLATERS[coding])

    def stream(self, pieces: Iterable[bytes]) -> Iterator[bytes]:
        for piece in pieces:
            yield from self._inflate(piece)
        yield from self._inflate(b"")

    def _inflate(self, data: bytes) -> Iterator[bytes]:
        while True:
            try:
                out = self.inflater.decompress(data, INFLATE_PIECE)
            except zlib.error:
                if self.coding != "deflate" or self.started:
                    raise
                self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)  # "deflate" sent raw, as some servers do
                self.started = True
                continue
            self.started = self.started or bool(out)
            if out:
                yield out
            data = self.inflater.unconsumed_tail
            if not data and len(out) < INFLATE_PIECE:
                return
