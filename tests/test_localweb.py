"""Tests for the loopback multi-host web used by the rest of the suite."""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from linkprospector.demo.localweb import LocalWeb, RequestInfo, Route, Site
from linkprospector.demo.sampleweb import demo_expectations, demo_seeds, demo_sites


def _echo(req: RequestInfo) -> tuple[int, dict[str, str], str]:
    text = f"{req.method} {req.host} {req.path} {req.query} {req.body.decode()}"
    return 201, {"Content-Type": "text/plain", "X-Echo": "1"}, text


def _boom(req: RequestInfo) -> Route:
    raise RuntimeError("handler exploded")


def _make_web() -> LocalWeb:
    shop = Site(
        "Shop.test",
        aliases=["www.shop.test"],
        robots="User-agent: *\nDisallow: /private/\n",
        routes={
            "/": Route(body="<h1>Shop home</h1>"),
            "/page?x=1": Route(body="page with x=1"),
            "/page": Route(body="plain page"),
            "/shorthand": "just a string",
            "/moved": Route(redirect="http://shop.test/"),
            "/found": Route(redirect="/", status=302),
            "/no-head": Route(body="GET is fine", head_status=405),
            "/flaky": Route(body="recovered", fail_first=2, retry_after="1"),
            "/limited": Route(body="ok now", fail_first=1, fail_status=429, retry_after="7"),
            "/gone": Route(status=410, body="gone"),
            "/slow": Route(body="finally", delay=0.3),
            "/echo": Route(handler=_echo),
            "/delegate": Route(handler=lambda req: Route(status=403, body=f"no {req.query}")),
            "/boom": Route(handler=_boom),
            "/bomb": Route.gzip_bomb(),
            "/endless": Route.endless(),
            "/drip": Route.slow_drip(interval=0.2, length=1000),
            "/teapot": Route(status=999, body="denied", headers={"X-Extra": ["a", "b"]}),
        },
    )
    blog = Site("blog.test", default=Route(body="catch-all"))
    return LocalWeb(
        [shop, blog],
        refused_hosts=["down.test"],
        blackhole_hosts=["hole.test"],
        nxdomain_hosts=["gone.test"],
    )


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    with _make_web() as running:
        yield running
    assert running.errors == []


def fetch(
    web: LocalWeb,
    host: str,
    path: str = "/",
    method: str = "GET",
    body: bytes | None = None,
    timeout: float = 5,
) -> tuple[int, http.client.HTTPMessage, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", web.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers={"Host": host})
        resp = conn.getresponse()
        return resp.status, resp.headers, resp.read()
    finally:
        conn.close()


# --------------------------------------------------------------------------- routing


def test_status_and_body_per_host(web: LocalWeb) -> None:
    assert fetch(web, "shop.test")[::2] == (200, b"<h1>Shop home</h1>")
    assert fetch(web, "SHOP.TEST:8080")[2] == b"<h1>Shop home</h1>"
    assert fetch(web, "www.shop.test.")[2] == b"<h1>Shop home</h1>"
    assert fetch(web, "blog.test", "/anything/at/all?q=1")[::2] == (200, b"catch-all")
    assert fetch(web, "shop.test", "/shorthand")[2] == b"just a string"

    status, headers, body = fetch(web, "shop.test")
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Content-Length"] == str(len(body))
    assert headers["Connection"] == "close"


def test_unknown_host_and_unknown_path(web: LocalWeb) -> None:
    assert fetch(web, "nowhere.test")[0] == 421
    status, _, body = fetch(web, "shop.test", "/missing")
    assert status == 404 and b"Not Found" in body
    assert fetch(web, "shop.test", "/gone")[0] == 410


def test_query_exact_match_first_then_path(web: LocalWeb) -> None:
    assert fetch(web, "shop.test", "/page?x=1")[2] == b"page with x=1"
    assert fetch(web, "shop.test", "/page?x=2")[2] == b"plain page"
    assert fetch(web, "shop.test", "/page")[2] == b"plain page"


def test_robots(web: LocalWeb) -> None:
    status, headers, body = fetch(web, "shop.test", "/robots.txt")
    assert status == 200
    assert headers["Content-Type"].startswith("text/plain")
    assert b"Disallow: /private/" in body
    # robots=None is a 404 even on a site with a catch-all default
    assert fetch(web, "blog.test", "/robots.txt")[0] == 404


def test_head_requests(web: LocalWeb) -> None:
    status, headers, body = fetch(web, "shop.test", "/", method="HEAD")
    assert (status, body) == (200, b"")
    assert headers["Content-Length"] == str(len(b"<h1>Shop home</h1>"))

    status, headers, body = fetch(web, "shop.test", "/no-head", method="HEAD")
    assert (status, body) == (405, b"")
    assert "GET" in headers["Allow"]
    assert fetch(web, "shop.test", "/no-head")[::2] == (200, b"GET is fine")


def test_fail_first_then_recovery(web: LocalWeb) -> None:
    for _ in range(2):
        status, headers, _ = fetch(web, "shop.test", "/flaky")
        assert status == 503
        assert headers["Retry-After"] == "1"
    status, headers, body = fetch(web, "shop.test", "/flaky")
    assert (status, body) == (200, b"recovered")
    assert "Retry-After" not in headers

    # counted per route: /limited has its own counter
    status, headers, _ = fetch(web, "shop.test", "/limited", method="HEAD")
    assert (status, headers["Retry-After"]) == (429, "7")
    assert fetch(web, "shop.test", "/limited")[::2] == (200, b"ok now")

    web.reset_failures()
    assert fetch(web, "shop.test", "/flaky")[0] == 503


def test_redirects(web: LocalWeb) -> None:
    status, headers, _ = fetch(web, "shop.test", "/moved")
    assert status == 301
    assert headers["Location"] == "http://shop.test/"
    status, headers, _ = fetch(web, "shop.test", "/found", method="HEAD")
    assert (status, headers["Location"]) == (302, "/")


def test_handlers(web: LocalWeb) -> None:
    status, headers, body = fetch(web, "shop.test", "/echo?a=b", method="POST", body=b"hello")
    assert status == 201
    assert headers["X-Echo"] == "1"
    assert body == b"POST shop.test /echo a=b hello"

    assert fetch(web, "shop.test", "/delegate?who")[::2] == (403, b"no who")

    status, _, body = fetch(web, "shop.test", "/boom")
    assert status == 500 and b"handler exploded" in body
    assert len(web.errors) == 1
    web.errors.clear()


def test_nonstandard_status_and_repeated_headers(web: LocalWeb) -> None:
    status, headers, body = fetch(web, "shop.test", "/teapot")
    assert (status, body) == (999, b"denied")
    assert headers.get_all("X-Extra") == ["a", "b"]


def test_delay(web: LocalWeb) -> None:
    started = time.monotonic()
    assert fetch(web, "shop.test", "/slow")[2] == b"finally"
    assert time.monotonic() - started >= 0.25


# --------------------------------------------------------------------------- bookkeeping


def test_hit_counts(web: LocalWeb) -> None:
    fetch(web, "shop.test", "/")
    fetch(web, "SHOP.test:80", "/", method="HEAD")
    fetch(web, "shop.test", "/page?x=1")
    fetch(web, "blog.test", "/post?id=3")
    fetch(web, "nowhere.test", "/")

    assert web.hits[0] == ("GET", "shop.test", "/")
    assert web.count("shop.test") == 3
    assert web.count("shop.test", "/") == 2
    assert web.count("shop.test", "/", method="head") == 1
    assert web.count("shop.test", "/page") == 1
    assert web.count("shop.test", "/page?x=1") == 1
    assert web.count("shop.test", "/page?x=2") == 0
    assert web.count("blog.test", "/post?id=3") == 1
    assert web.count("nowhere.test") == 1

    web.reset_hits()
    assert web.hits == []
    assert web.count("shop.test") == 0


def test_host_map_and_url(web: LocalWeb) -> None:
    hm = web.host_map
    here = f"127.0.0.1:{web.port}"
    assert hm["shop.test"] == hm["www.shop.test"] == hm["blog.test"] == here
    assert hm["down.test"] == f"127.0.0.1:{web.refused_port}"
    assert hm["hole.test"] == f"127.0.0.1:{web.blackhole_port}"
    assert hm["gone.test"] is None
    assert hm["*"] is None
    assert all(v is None or v.startswith("127.0.0.1:") for v in hm.values())
    assert len({web.port, web.refused_port, web.blackhole_port}) == 3
    assert web.url("shop.test") == "http://shop.test/"
    assert web.url("shop.test", "a/b?c=1") == "http://shop.test/a/b?c=1"


def test_host_map_needs_start() -> None:
    with pytest.raises(RuntimeError):
        _ = _make_web().host_map


def test_concurrent_requests(web: LocalWeb) -> None:
    results: list[int] = []
    lock = threading.Lock()

    def worker() -> None:
        for i in range(50):
            status = fetch(web, "blog.test", f"/p/{i}")[0]
            with lock:
                results.append(status)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert results == [200] * 400
    assert web.count("blog.test") == 400


# --------------------------------------------------------------------------- hostile cases


def test_refused_port_refuses(web: LocalWeb) -> None:
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", web.refused_port), timeout=2).close()


def test_blackhole_accepts_but_never_answers(web: LocalWeb) -> None:
    with socket.create_connection(("127.0.0.1", web.blackhole_port), timeout=0.5) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: hole.test\r\n\r\n")
        with pytest.raises(TimeoutError):
            sock.recv(1024)


def test_gzip_bomb_is_small_on_the_wire(web: LocalWeb) -> None:
    status, headers, body = fetch(web, "shop.test", "/bomb")
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert int(headers["Content-Length"]) == len(body) < 1024 * 1024  # ~200 KB

    # it really inflates to 200 MiB (checked piecewise, never held in memory)
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    total = len(inflater.decompress(body, 1 << 20))
    while inflater.unconsumed_tail:
        total += len(inflater.decompress(inflater.unconsumed_tail, 1 << 20))
    assert total == 200 * 1024 * 1024
    assert inflater.eof


def test_small_gzip_bomb_roundtrip() -> None:
    import gzip

    assert gzip.decompress(Route.gzip_bomb(size_mb=3).body) == b"\0" * (3 << 20)


def test_endless_streams_until_client_leaves(web: LocalWeb) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", web.port, timeout=5)
    try:
        conn.request("GET", "/endless", headers={"Host": "shop.test"})
        resp = conn.getresponse()
        assert resp.status == 200
        assert resp.headers["Transfer-Encoding"] == "chunked"
        assert "Content-Length" not in resp.headers
        received = 0
        while received <= 1024 * 1024:
            chunk = resp.read(64 * 1024)
            assert chunk
            received += len(chunk)
    finally:
        conn.close()
    # the server goes on serving
    assert fetch(web, "shop.test")[0] == 200
    status, headers, body = fetch(web, "shop.test", "/endless", method="HEAD")
    assert (status, body) == (200, b"")


def test_slow_drip(web: LocalWeb) -> None:
    with socket.create_connection(("127.0.0.1", web.port), timeout=5) as sock:
        started = time.monotonic()
        sock.sendall(b"GET /drip HTTP/1.1\r\nHost: shop.test\r\n\r\n")
        data = b""
        while b"\r\n\r\n" not in data:
            data += sock.recv(4096)
        assert time.monotonic() - started < 0.5  # headers come at once
        head, _, body = data.partition(b"\r\n\r\n")
        assert b"Content-Length: 1000" in head
        while len(body) < 3:
            body += sock.recv(4096)
        assert time.monotonic() - started >= 0.35  # then a byte every 0.2 s
        assert len(body) < 10


def test_client_disconnects_are_silent(web: LocalWeb) -> None:
    # half a request, then gone
    with socket.create_connection(("127.0.0.1", web.port), timeout=2) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHo")
    # a full request, gone before the (delayed) answer
    with socket.create_connection(("127.0.0.1", web.port), timeout=2) as sock:
        sock.sendall(b"GET /slow HTTP/1.1\r\nHost: shop.test\r\n\r\n")
    # a drip reader that leaves
    with socket.create_connection(("127.0.0.1", web.port), timeout=2) as sock:
        sock.sendall(b"GET /drip HTTP/1.1\r\nHost: shop.test\r\n\r\n")
        sock.recv(10)
    time.sleep(0.5)
    assert fetch(web, "shop.test")[0] == 200
    assert web.errors == []


def test_stop_is_prompt_with_hostile_clients_attached() -> None:
    web = _make_web().start()
    port = web.port
    with contextlib.ExitStack() as stack:
        for path in ("/endless", "/drip", "/slow"):
            sock = stack.enter_context(socket.create_connection(("127.0.0.1", port), timeout=2))
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: shop.test\r\n\r\n".encode())
        hole = stack.enter_context(
            socket.create_connection(("127.0.0.1", web.blackhole_port), timeout=2)
        )
        hole.sendall(b"GET / HTTP/1.1\r\n\r\n")
        time.sleep(0.2)

        started = time.monotonic()
        web.stop()
        assert time.monotonic() - started < 1.5
        assert not web.running

        # the blackhole connection was closed by the server (reset: it had unread data)
        with contextlib.suppress(ConnectionResetError):
            assert hole.recv(1024) == b""

    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    web.stop()  # idempotent
    assert web.errors == []


def test_restart_and_start_twice() -> None:
    web = _make_web()
    with web:
        with pytest.raises(RuntimeError):
            web.start()
        assert fetch(web, "shop.test")[0] == 200
    with web:
        assert fetch(web, "shop.test")[0] == 200


def test_duplicate_host_rejected() -> None:
    with pytest.raises(ValueError):
        LocalWeb([Site("a.test"), Site("b.test", aliases=["A.test"])])


# --------------------------------------------------------------------------- sample web


def _first_answer(web: LocalWeb, method: str, url: str) -> int | str:
    """Status of one request to url through the host map (no redirects followed)."""
    parts = urlsplit(url)
    addr = web.host_map.get(parts.hostname or "", web.host_map["*"])
    if addr is None:
        return "dns"
    ip, port = addr.split(":")
    conn = http.client.HTTPConnection(ip, int(port), timeout=0.5)
    try:
        conn.request(method, parts.path or "/", headers={"Host": parts.hostname or ""})
        resp = conn.getresponse()
        resp.read()
        return resp.status
    except ConnectionRefusedError:
        return "refused"
    except TimeoutError:
        return "timeout"
    finally:
        conn.close()


def test_demo_web_serves_every_verdict_case() -> None:
    sites, kwargs = demo_sites()
    expected_first = {
        "ok": {200, 429, 503},  # 429 and 503 once, then 200
        "redirect_ok": {301},
        "http_404": {301, 404},
        "http_410": {410},
        "http_500": {500},
        "redirect_loop": {301},
        "too_many_redirects": {302},
        "refused": {"refused"},
        "dns": {"dns"},
        "soft_404": {200},
        "parked": {200},
        "http_401": {401},
        "http_403": {403},
        "http_999": {999},
        "timeout": {"timeout"},
    }
    expectations = demo_expectations()
    assert {v for v, _ in expectations.values()} == {"live", "dead", "blocked", "unknown"}
    with LocalWeb(sites, **kwargs) as web:
        for seed in demo_seeds():
            assert _first_answer(web, "GET", seed) == 200
        for url, (_, reason) in expectations.items():
            assert _first_answer(web, "GET", url) in expected_first[reason], url
        # the special cases
        pruners = "http://toolshedreviews.test/reviews/best-pruners"
        assert _first_answer(web, "HEAD", pruners) == 405
        rain = "http://raincatcherdiy.test/rain-barrel-build"
        mulch = "http://mulchmatters.test/types-of-mulch"
        web.reset_failures()
        assert [_first_answer(web, "HEAD", rain) for _ in range(2)] == [503, 200]
        assert [_first_answer(web, "GET", mulch) for _ in range(2)] == [429, 200]
        status, _, robots = fetch(web, "greenthumbguide.test", "/robots.txt")
        assert status == 200 and b"Disallow: /private/" in robots
        assert web.errors == []
