"""Fetching status files from a real HTTP server on 127.0.0.1: retries, redirects, limits, the other volume."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from pytest_httpserver.httpserver import HandlerType
from werkzeug import Request, Response

from hanoi_cli import __version__
from hanoi_cli.core.depositary.fetch import MAX_REDIRECTS, USER_AGENT, fetch, fetch_status, other_volume_url, status_url
from hanoi_cli.core.depositary.status_file import parse_status
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError
from untc_factory import status_xml

VOLUME_I = "/doc/Publication/MTDSG/Volume I/Chapter XVIII/XVIII-16.en.xml"  # as the server sees the path
VOLUME_II = "/doc/Publication/MTDSG/Volume II/Chapter XVIII/XVIII-16.en.xml"
BODY = status_xml([["Algeria", "25 Oct 2025", None]], signatories=1)
MAINTENANCE = (
    b"<html><body><h1>UNTC</h1><p>The site is undergoing urgent maintenance and is currently unavailable.</p>"
    b"</body></html>"
)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


class Sleeps(list):
    """Records the backoff instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def url_of(server: HTTPServer, path: str) -> str:
    return server.url_for(path.replace(" ", "%20"))


def failure(**kwargs: object) -> LedgerError:
    with pytest.raises(LedgerError) as caught:
        fetch(**kwargs)  # type: ignore[arg-type]
    assert caught.value.exit_code == ExitCode.USAGE
    assert len(caught.value.problems) == 1
    return caught.value


def test_200_with_hanois_user_agent(httpserver: HTTPServer) -> None:
    httpserver.expect_request(VOLUME_II, headers={"User-Agent": USER_AGENT}).respond_with_data(
        BODY, content_type="text/xml"
    )
    assert fetch_status(url_of(httpserver, VOLUME_II), timeout=5) == BODY
    assert USER_AGENT.startswith(f"hanoi/{__version__} ")


def test_redirects_are_followed(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/old").respond_with_response(
        Response(status=301, headers={"Location": url_of(httpserver, VOLUME_II)})
    )
    httpserver.expect_request(VOLUME_II).respond_with_data(BODY)
    fetched = fetch(url_of(httpserver, "/old"), timeout=5)
    assert fetched.data == BODY


def test_a_redirect_loop_stops(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/loop").respond_with_response(Response(status=302, headers={"Location": "/loop"}))
    error = failure(url=url_of(httpserver, "/loop"), timeout=5)
    assert error.problems[0].code == "too-many-redirects"
    assert len(httpserver.log) == MAX_REDIRECTS + 1


def test_a_404_tries_the_other_volume_once(httpserver: HTTPServer) -> None:
    httpserver.expect_request(VOLUME_I).respond_with_data("Not found", status=404)
    httpserver.expect_request(VOLUME_II).respond_with_data(BODY)
    fetched = fetch(url_of(httpserver, VOLUME_I), timeout=5)
    assert fetched.data == BODY
    assert fetched.url == url_of(httpserver, VOLUME_II)
    assert [request.path for request, _ in httpserver.log] == [VOLUME_I, VOLUME_II]


def test_404_in_both_volumes(httpserver: HTTPServer) -> None:
    httpserver.expect_request(VOLUME_I).respond_with_data("Not found", status=404)
    httpserver.expect_request(VOLUME_II).respond_with_data("Not found", status=404)
    error = failure(url=url_of(httpserver, VOLUME_II), timeout=5)
    assert error.problems[0].code == "status-not-found"
    assert error.problems[0].file == url_of(httpserver, VOLUME_II)
    assert len(httpserver.log) == 2


def test_a_404_elsewhere_is_not_retried(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/x.xml").respond_with_data("Not found", status=404)
    assert failure(url=url_of(httpserver, "/x.xml"), timeout=5).problems[0].code == "status-not-found"
    assert len(httpserver.log) == 1


def test_503_then_200_is_retried_with_backoff(httpserver: HTTPServer) -> None:
    httpserver.expect_request(VOLUME_II, handler_type=HandlerType.ORDERED).respond_with_data("busy", status=503)
    httpserver.expect_request(VOLUME_II, handler_type=HandlerType.ORDERED).respond_with_data(BODY)
    sleeps = Sleeps()
    assert fetch(url_of(httpserver, VOLUME_II), timeout=5, backoff=(0.5, 1.5), sleep=sleeps).data == BODY
    assert sleeps == [0.5]


def test_429_too_many_requests_is_retried(httpserver: HTTPServer) -> None:
    httpserver.expect_request(VOLUME_II, handler_type=HandlerType.ORDERED).respond_with_data("slow down", status=429)
    httpserver.expect_request(VOLUME_II, handler_type=HandlerType.ORDERED).respond_with_data(BODY)
    sleeps = Sleeps()
    assert fetch(url_of(httpserver, VOLUME_II), timeout=5, backoff=(0.5,), sleep=sleeps).data == BODY
    assert sleeps == [0.5]


def test_retry_after_is_honoured_up_to_a_limit(httpserver: HTTPServer) -> None:
    httpserver.expect_request(VOLUME_II, handler_type=HandlerType.ORDERED).respond_with_data(
        "busy", status=503, headers={"Retry-After": "7"}
    )
    httpserver.expect_request(VOLUME_II, handler_type=HandlerType.ORDERED).respond_with_data(BODY)
    sleeps = Sleeps()
    fetch(url_of(httpserver, VOLUME_II), timeout=10, backoff=(0.5,), sleep=sleeps)
    assert sleeps == [7.0]


def test_a_huge_retry_after_is_capped(httpserver: HTTPServer) -> None:
    httpserver.expect_request(VOLUME_II, handler_type=HandlerType.ORDERED).respond_with_data(
        "busy", status=503, headers={"Retry-After": "86400"}
    )
    httpserver.expect_request(VOLUME_II, handler_type=HandlerType.ORDERED).respond_with_data(BODY)
    sleeps = Sleeps()
    fetch(url_of(httpserver, VOLUME_II), timeout=90, backoff=(0.5,), sleep=sleeps)
    assert sleeps == [60.0]


def test_a_retry_after_beyond_the_timeout_is_refused_at_once(httpserver: HTTPServer) -> None:
    """Issue 21 item 7: a 429 with Retry-After: 99999 waited 121 s whatever --timeout said."""
    httpserver.expect_request(VOLUME_II).respond_with_data("slow down", status=429, headers={"Retry-After": "99999"})
    sleeps = Sleeps()
    error = failure(url=url_of(httpserver, VOLUME_II), timeout=2, backoff=(0.5,), sleep=sleeps)
    assert error.problems[0].code == "http-error"
    assert "99999 s (Retry-After)" in error.problems[0].message and "--timeout" in error.problems[0].message
    assert sleeps == [] and len(httpserver.log) == 1


def test_5xx_three_times_fails(httpserver: HTTPServer) -> None:
    httpserver.expect_request(VOLUME_II).respond_with_data("oops", status=500)
    sleeps = Sleeps()
    error = failure(url=url_of(httpserver, VOLUME_II), timeout=5, backoff=(1.0, 2.0), sleep=sleeps)
    assert error.problems[0].code == "http-error" and "500" in error.problems[0].message
    assert len(httpserver.log) == 3 and sleeps == [1.0, 2.0]


def test_a_403_is_an_http_error_at_once(httpserver: HTTPServer) -> None:
    httpserver.expect_request(VOLUME_II).respond_with_data("no", status=403)
    error = failure(url=url_of(httpserver, VOLUME_II), timeout=5, sleep=Sleeps())
    assert error.problems[0].code == "http-error" and "403" in error.problems[0].message
    assert len(httpserver.log) == 1


def test_a_maintenance_page_served_with_200_is_not_a_status_document(httpserver: HTTPServer) -> None:
    httpserver.expect_request(VOLUME_II).respond_with_data(MAINTENANCE, content_type="text/html")
    url = url_of(httpserver, VOLUME_II)
    data = fetch_status(url, timeout=5)
    with pytest.raises(LedgerError) as caught:
        parse_status(data, url)
    assert caught.value.problems[0].code == "not-a-status-document"
    assert "maintenance" in caught.value.problems[0].message


def test_a_server_slower_than_the_timeout(httpserver: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(0.6)
        return Response(BODY)

    httpserver.expect_request(VOLUME_II).respond_with_handler(slow)
    sleeps = Sleeps()
    started = time.monotonic()
    error = failure(url=url_of(httpserver, VOLUME_II), timeout=0.2, sleep=sleeps)
    assert error.problems[0].code == "timeout" and "0.2 s" in error.problems[0].message
    assert sleeps == []  # the timeout bounds the whole fetch: no time is left for another try
    assert time.monotonic() - started < 1


def test_a_trickling_server_is_stopped_at_the_timeout(httpserver: HTTPServer) -> None:
    """Issue 21 item 7: one byte at a time kept a fetch with --timeout 2 going past 75 s (the
    timeout was per read); now it bounds the whole fetch."""

    def trickle(request: Request) -> Response:
        def body() -> Iterator[bytes]:
            for byte in BODY:
                time.sleep(0.05)
                yield bytes([byte])

        return Response(body(), headers={"Content-Length": str(len(BODY))})

    httpserver.expect_request(VOLUME_II).respond_with_handler(trickle)
    started = time.monotonic()
    error = failure(url=url_of(httpserver, VOLUME_II), timeout=0.5, sleep=Sleeps())
    assert error.problems[0].code == "timeout" and "whole fetch" in error.problems[0].message
    assert time.monotonic() - started < 0.5 + 1.0


def test_connection_refused_is_retried_then_a_network_error() -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sleeps = Sleeps()
    error = failure(url=f"http://127.0.0.1:{port}/x.xml", timeout=20, sleep=sleeps)
    assert error.problems[0].code == "network-error"
    assert len(sleeps) == 2


def test_a_declared_length_over_the_limit_is_refused_unread(httpserver: HTTPServer) -> None:
    httpserver.expect_request(VOLUME_II).respond_with_data(b"x" * 5000)
    error = failure(url=url_of(httpserver, VOLUME_II), timeout=5, max_bytes=1000)
    assert error.problems[0].code == "source-too-large"


def test_a_streamed_body_over_the_limit_is_cut_off(httpserver: HTTPServer) -> None:
    def endless() -> Iterator[bytes]:
        for _ in range(1000):
            yield b"y" * 1024

    httpserver.expect_request(VOLUME_II).respond_with_handler(
        lambda request: Response(endless(), content_type="text/xml")
    )
    error = failure(url=url_of(httpserver, VOLUME_II), timeout=5, max_bytes=10_000)
    assert error.problems[0].code == "source-too-large"


@pytest.mark.parametrize("url", ["ftp://treaties.un.org/x.xml", "not a url", "http://"])
def test_urls_that_cannot_be_fetched(url: str) -> None:
    assert failure(url=url, timeout=1, sleep=Sleeps()).problems[0].code in ("invalid-url", "network-error")


def test_proxies_come_from_the_environment(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def proxy(request: Request) -> Response:
        seen.append(request.url)
        return Response(BODY)

    httpserver.expect_request("/doc/x.xml").respond_with_handler(proxy)
    monkeypatch.setenv("HTTP_PROXY", httpserver.url_for("/").rstrip("/"))
    monkeypatch.delenv("NO_PROXY")
    assert fetch_status("http://untc.invalid/doc/x.xml", timeout=5) == BODY
    assert seen and "untc.invalid" in seen[0]


def test_never_more_than_one_request_at_a_time() -> None:
    server = HTTPServer(threaded=True)
    server.start()
    try:
        active, peak, lock = [0], [0], threading.Lock()

        def handler(request: Request) -> Response:
            with lock:
                active[0] += 1
                peak[0] = max(peak[0], active[0])
            time.sleep(0.1)
            with lock:
                active[0] -= 1
            return Response(BODY)

        server.expect_request("/s.xml").respond_with_handler(handler)
        threads = [
            threading.Thread(target=fetch_status, args=(server.url_for("/s.xml"),), kwargs={"timeout": 5})
            for _ in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(server.log) == 4 and peak[0] == 1
    finally:
        server.clear()
        server.stop()


@pytest.mark.parametrize(
    ("treaty_id", "volume", "chapter"),
    [
        ("XVIII-16", "II", "XVIII"),
        ("IV-11", "I", "IV"),
        ("XI-B-16", "I", "XI"),
        ("XII-1", "II", "XII"),
        ("XXVII-7-d", "II", "XXVII"),
        ("I-1", "I", "I"),
        ("XXIX-1", "II", "XXIX"),
    ],
)
def test_status_urls(treaty_id: str, volume: str, chapter: str) -> None:
    url = status_url(treaty_id)
    assert (
        url == f"https://treaties.un.org/doc/Publication/MTDSG/Volume%20{volume}/Chapter%20{chapter}/{treaty_id}.en.xml"
    )
    assert other_volume_url(other_volume_url(url)) == url != other_volume_url(url)


@pytest.mark.parametrize("treaty_id", ["XXX-1", "IIII-2", "18-16", "XVIII", "", "XVIII-16/../x", "IC-1"])
def test_bad_treaty_ids(treaty_id: str) -> None:
    with pytest.raises(LedgerError) as caught:
        status_url(treaty_id)
    assert caught.value.problems[0].code == "unknown-treaty-id"
    assert caught.value.exit_code == ExitCode.USAGE


def gzipped(data: bytes, times: int = 1) -> bytes:
    import gzip

    for _ in range(times):
        data = gzip.compress(data, compresslevel=9)
    return data


def test_a_gzip_body_is_decoded(httpserver: HTTPServer) -> None:
    httpserver.expect_request(VOLUME_II).respond_with_data(gzipped(BODY), headers={"Content-Encoding": "gzip"})
    assert fetch_status(url_of(httpserver, VOLUME_II), timeout=5) == BODY
    assert httpserver.log[0][0].headers["Accept-Encoding"] == "gzip, deflate"


@pytest.mark.parametrize("raw", [False, True])
def test_a_deflate_body_is_decoded_wrapped_or_raw(httpserver: HTTPServer, raw: bool) -> None:
    import zlib

    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS if raw else zlib.MAX_WBITS)
    body = packer.compress(BODY) + packer.flush()
    httpserver.expect_request(VOLUME_II).respond_with_data(body, headers={"Content-Encoding": "deflate"})
    assert fetch_status(url_of(httpserver, VOLUME_II), timeout=5) == BODY


def test_a_body_that_is_not_its_encoding_is_refused(httpserver: HTTPServer) -> None:
    """Issue 21 item 5: 'Content-Encoding: gzip' on a plain body raised httpx's DecodingError (exit 3)."""
    httpserver.expect_request(VOLUME_II).respond_with_data(BODY, headers={"Content-Encoding": "gzip"})
    error = failure(url=url_of(httpserver, VOLUME_II), timeout=5, sleep=Sleeps())
    assert error.problems[0].code == "undecodable-answer"
    assert error.problems[0].file == url_of(httpserver, VOLUME_II)


@pytest.mark.parametrize("coding", ["br", "gzip, gzip, gzip, gzip", "compress"])
def test_encodings_hanoi_cannot_bound_are_refused(httpserver: HTTPServer, coding: str) -> None:
    httpserver.expect_request(VOLUME_II).respond_with_data(b"x" * 100, headers={"Content-Encoding": coding})
    assert failure(url=url_of(httpserver, VOLUME_II), timeout=5).problems[0].code == "undecodable-answer"


def test_stacked_gzip_is_limited_as_it_inflates(httpserver: HTTPServer) -> None:
    """Issue 21 item 6: 'gzip, gzip' made a small answer a multi-gigabyte allocation in one call.
    With a 100 kB limit, 50 MB of zeros twice gzipped (248 bytes) is refused at the limit, and the
    fetch's peak memory stays far below the 50 MB that inflating the answer whole would take. The
    bound is loose (16 MB) because tracemalloc also counts the test server's and the fetch
    thread's own allocations, which vary from run to run."""
    import tracemalloc

    bomb = gzipped(b"\0" * 50_000_000, times=2)
    assert len(bomb) < 10_000
    httpserver.expect_request("/small").respond_with_data(gzipped(BODY), headers={"Content-Encoding": "gzip"})
    httpserver.expect_request(VOLUME_II).respond_with_data(bomb, headers={"Content-Encoding": "gzip, gzip"})
    fetch(url_of(httpserver, "/small"), timeout=5)  # modules imported before memory is measured
    tracemalloc.start()
    try:
        fetch(url_of(httpserver, "/small"), timeout=5)
        baseline = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        error = failure(url=url_of(httpserver, VOLUME_II), timeout=5, max_bytes=100_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert error.problems[0].code == "source-too-large" and "decoded" in error.problems[0].message
    assert peak - baseline < 16_000_000


def test_a_content_length_of_thousands_of_digits_is_not_a_crash(httpserver: HTTPServer) -> None:
    def handler(request: Request) -> Response:
        response = Response(BODY)
        response.headers["Content-Length"] = "9" * 5000
        return response

    httpserver.expect_request(VOLUME_II).respond_with_handler(handler)
    error = failure(url=url_of(httpserver, VOLUME_II), timeout=5, sleep=Sleeps())
    assert error.problems[0].code in ("network-error", "source-too-large")


def test_only_allowed_hosts_are_asked(httpserver: HTTPServer) -> None:
    """Issue 21 item 9: without --from, only the depositary's https hosts are fetched."""
    httpserver.expect_request(VOLUME_II).respond_with_data(BODY)
    with pytest.raises(LedgerError) as caught:
        fetch(url_of(httpserver, VOLUME_II), timeout=5, allowed_hosts=("treaties.un.org",))
    assert caught.value.exit_code == ExitCode.PROBLEMS
    assert caught.value.problems[0].code == "untrusted-status-url"
    assert httpserver.log == []


def test_a_redirect_away_from_the_allowed_hosts_is_refused(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hanoi_cli.core.depositary import fetch as fetching

    monkeypatch.setattr(fetching, "ALLOWED_SCHEME", "http")  # the test server has no TLS
    away = url_of(httpserver, VOLUME_II).replace("localhost", "127.0.0.1")
    httpserver.expect_request("/old").respond_with_response(Response(status=301, headers={"Location": away}))
    httpserver.expect_request(VOLUME_II).respond_with_data(BODY)
    with pytest.raises(LedgerError) as caught:
        fetch(url_of(httpserver, "/old"), timeout=5, allowed_hosts=("localhost",))
    assert (
        caught.value.problems[0].code == "untrusted-status-url" and "redirected to" in caught.value.problems[0].message
    )
    assert [request.path for request, _ in httpserver.log] == ["/old"]  # the other host was never asked
