"""A small multi-host web server on loopback, for tests, the offline demo and benchmarks.

Standard library only. One ``ThreadingHTTPServer`` on ``127.0.0.1`` serves any number of
virtual hosts, told apart by the ``Host`` header. The crawler reaches them through a host
map (``LocalWeb.host_map``) that sends every hostname to ``127.0.0.1:PORT``::

    web = LocalWeb([Site("shop.test", routes={"/": Route(body="<h1>Shop</h1>")})],
                   refused_hosts=["down.test"], nxdomain_hosts=["gone.test"])
    with web:
        web.host_map   # {"shop.test": "127.0.0.1:43121", "down.test": "127.0.0.1:40001",
                       #  "gone.test": None, "*": None}
        web.url("shop.test", "/")    # "http://shop.test/"
        ...
        web.count("shop.test", "/")  # requests seen

Besides the HTTP server it provides a "blackhole" port (accepts TCP connections and never
answers) and a "refused" port (a port that is reserved but not listening, so connections
are refused). Nothing here binds or connects to anything other than 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import functools
import html
import select
import socket
import socketserver
import struct
import sys
import threading
import time
import traceback
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Union

__all__ = ["LocalWeb", "RequestInfo", "Route", "Site", "LOOPBACK"]

LOOPBACK = "127.0.0.1"

# Errors that mean "the client went away / is too slow": never worth a traceback.
_DISCONNECT_ERRORS = (ConnectionError, TimeoutError, socket.timeout)

# Reason phrases for codes the standard library does not know.
_EXTRA_REASONS = {999: "Request denied", 520: "Unknown Error", 521: "Web Server Is Down"}

_MAX_REQUEST_BODY = 16 * 1024 * 1024


# --------------------------------------------------------------------------- data model


@dataclass(frozen=True)
class RequestInfo:
    """What a ``Route.handler`` gets to see of a request.

    ``host`` is the Host header, lower case, without port; ``path`` excludes the query
    string, ``query`` is the part after ``?`` (may be empty); ``headers`` has lower-case
    names (the last value wins for repeated headers); ``body`` is the request body.
    """

    method: str
    host: str
    path: str
    query: str
    headers: Mapping[str, str]
    body: bytes = b""

    @property
    def target(self) -> str:
        """Path with query string, as requested."""
        return f"{self.path}?{self.query}" if self.query else self.path


HandlerResult = Union["Route", tuple[int, Any, "str | bytes"]]


@dataclass
class Route:
    """What one path answers.

    - ``status`` defaults to 200, or to 301 when ``redirect`` (the Location) is set.
    - ``head_status``: status answered to HEAD instead (body-less), e.g. 405 for servers
      that refuse HEAD.
    - ``fail_first``: the first N requests to this route (any method, counted per site and
      route key) get ``fail_status``, with a ``Retry-After`` header if ``retry_after`` is
      set; then the normal answer.
    - ``delay``: seconds to sleep before answering (cut short when the server stops).
    - ``hang``: hold the request without ever answering, for up to this many seconds or
      until the client gives up and closes the connection (a host that never answers).
    - ``handler(RequestInfo)`` returns a ``Route`` or a ``(status, headers, body)`` tuple
      (headers: a dict or a list of pairs); it takes over the whole answer.
    - ``stream``: a factory returning an iterable of byte chunks, sent as the body after
      the headers, ``stream_interval`` seconds apart. Chunked transfer-encoding is used
      unless ``headers`` declares a Content-Length (then the bytes are sent raw). Used by
      ``Route.endless()`` and ``Route.slow_drip()``.

    ``headers`` override the defaults (Content-Type, Content-Length, Connection: close, ...)
    case-insensitively; a list value sends the header several times. A ``None`` value
    removes a default header.
    """

    status: int | None = None
    body: str | bytes = ""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, Any] = field(default_factory=dict)
    redirect: str | None = None
    head_status: int | None = None
    fail_first: int = 0
    fail_status: int = 503
    retry_after: str | None = None
    delay: float = 0.0
    hang: float = 0.0
    handler: Callable[[RequestInfo], HandlerResult] | None = None
    stream: Callable[[], Iterable[bytes]] | None = None
    stream_interval: float = 0.0

    def __post_init__(self) -> None:
        if self.status is None:
            self.status = 301 if self.redirect is not None else 200

    # -- hostile helpers ---------------------------------------------------------------

    @classmethod
    def gzip_bomb(cls, size_mb: int = 200, **kwargs: Any) -> Route:
        """A small gzip body (~1 KB per MB) with ``Content-Encoding: gzip`` that inflates to
        ``size_mb`` MiB of zero bytes."""
        headers = {"Content-Encoding": "gzip", **kwargs.pop("headers", {})}
        return cls(body=_gzip_bomb_bytes(size_mb), headers=headers, **kwargs)

    @classmethod
    def endless(cls, chunk_size: int = 64 * 1024, **kwargs: Any) -> Route:
        """Streams chunked HTML forever, until the client disconnects or the server stops."""

        def chunks() -> Iterator[bytes]:
            line = b"<p>more and more and more and more and more and more and more</p>\n"
            chunk = (line * (chunk_size // len(line) + 1))[:chunk_size]
            yield b"<!doctype html><html><head><title>Endless</title></head><body>\n"
            while True:
                yield chunk

        return cls(stream=chunks, **kwargs)

    @classmethod
    def slow_drip(cls, interval: float = 1.0, length: int = 100_000, **kwargs: Any) -> Route:
        """Sends headers (declaring ``Content-Length: length``) at once, then one byte every
        ``interval`` seconds: with the defaults it takes more than a day to finish."""

        def chunks() -> Iterator[bytes]:
            yield b"<"
            for _ in range(length - 1):
                yield b"."

        headers = {"Content-Length": str(length), **kwargs.pop("headers", {})}
        return cls(stream=chunks, stream_interval=interval, headers=headers, **kwargs)


@functools.lru_cache(maxsize=8)
def _gzip_bomb_bytes(size_mb: int) -> bytes:
    """A gzip member inflating to ``size_mb`` MiB of zeros, built cheaply.

    Each MiB is compressed once and ended with a full flush, which byte-aligns the output
    and resets the history, so the same compressed block can be repeated ``size_mb`` times.
    """
    mib = b"\0" * (1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(mib) + comp.flush(zlib.Z_FULL_FLUSH)
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # empty final block
    crc = 0
    for _ in range(size_mb):
        crc = zlib.crc32(mib, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = struct.pack("<II", crc & 0xFFFFFFFF, (size_mb << 20) & 0xFFFFFFFF)
    return header + block * size_mb + final + trailer


@dataclass
class Site:
    """One virtual host.

    ``routes`` maps a path to a ``Route`` (or to a str/bytes body as shorthand); the path
    with query string is tried first, then the path alone. ``default`` answers unknown
    paths (``None``: a plain 404 page). ``robots`` is served at /robots.txt (``None``: 404,
    even with a ``default``) unless ``routes`` has its own "/robots.txt". ``aliases`` are
    extra hostnames.
    """

    host: str
    routes: dict[str, Route | str | bytes] = field(default_factory=dict)
    default: Route | None = None
    robots: str | None = None
    aliases: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.host = _norm_host(self.host)
        self.aliases = [_norm_host(a) for a in self.aliases]

    @property
    def hostnames(self) -> list[str]:
        return [self.host, *self.aliases]


_NOT_FOUND = Route(
    status=404,
    body="<!doctype html><html><head><title>404 Not Found</title></head>"
    "<body><h1>Not Found</h1><p>The requested URL was not found on this server.</p>"
    "</body></html>",
)


def _norm_host(value: str) -> str:
    """Lower case, no port, no trailing dot; '[::1]:80' -> '::1'."""
    host = value.strip().lower()
    if host.startswith("["):
        host = host[1:].partition("]")[0]
    else:
        name, sep, port = host.rpartition(":")
        if sep and (port.isdigit() or not port):
            host = name
    return host.rstrip(".")


# --------------------------------------------------------------------------- HTTP side


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024
    block_on_close = False  # stop() must not wait for endless streams

    web: LocalWeb

    def __init__(self, web: LocalWeb) -> None:
        self.web = web
        self._active: set[socket.socket] = set()
        self._active_cond = threading.Condition()
        super().__init__((LOOPBACK, 0), _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind calls socket.getfqdn(), a reverse DNS lookup: skip it.
        socketserver.TCPServer.server_bind(self)
        self.server_name = LOOPBACK
        self.server_port = self.server_address[1]

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._active_cond:
            self._active.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        try:
            super().shutdown_request(request)
        finally:
            with self._active_cond:
                self._active.discard(request)
                self._active_cond.notify_all()

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, _DISCONNECT_ERRORS):
            return
        self.web._record_error(traceback.format_exc())

    def abort_connections(self, timeout: float) -> None:
        """Shut down every open client connection and wait (up to timeout) for them to
        be closed by their threads."""
        with self._active_cond:
            for sock in list(self._active):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            deadline = time.monotonic() + timeout
            while self._active:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._active_cond.wait(remaining)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"  # needed for chunked streams; Connection: close anyway
    server_version = "localweb/1.0"
    sys_version = ""
    timeout = 30  # idle or stalled connections do not hold a thread forever

    def log_message(self, format: str, *args: Any) -> None:  # silence stderr logging
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except _DISCONNECT_ERRORS:
            self.close_connection = True

    def _dispatch(self) -> None:
        web = self.server.web
        method = self.command
        target = self.path
        host_header = self.headers.get("Host", "")
        if target.startswith(("http://", "https://")):  # absolute-form request target
            rest = target.split("://", 1)[1]
            netloc, slash, tail = rest.partition("/")
            host_header = host_header or netloc
            target = slash + tail or "/"
        target = target.partition("#")[0]
        host = _norm_host(host_header)
        path, _, query = target.partition("?")
        body = self._read_body()
        web._record_hit(method, host, target)
        web._open_request(host, +1)
        self._open_host: str | None = host
        try:
            self._dispatch_to_site(web, method, host, target, path, query, body)
        finally:
            self._answered()

    def _answered(self) -> None:
        """The request stops counting as open (once)."""
        host, self._open_host = getattr(self, "_open_host", None), None
        if host is not None:
            self.server.web._open_request(host, -1)

    def _dispatch_to_site(
        self, web: Any, method: str, host: str, target: str, path: str, query: str, body: bytes
    ) -> None:

        site = web._site_for(host)
        if site is None:
            msg = f"Misdirected request: no site for host {host!r} here."
            self._send_simple(421, msg)
            return
        route, key = web._resolve(site, target, path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        info = RequestInfo(method, host, path, query, headers, body)
        self._answer(route, info, (site.host, key))

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _dispatch

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            parts = []
            total = 0
            while total <= _MAX_REQUEST_BODY:
                size_line = self.rfile.readline(1024)
                try:
                    size = int(size_line.split(b";")[0].strip() or b"0", 16)
                except ValueError:
                    self.close_connection = True
                    break
                if size == 0:
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    break
                parts.append(self.rfile.read(size))
                self.rfile.readline(1024)
                total += size
            return b"".join(parts)
        try:
            length = int(self.headers.get("Content-Length", "0") or 0)
        except ValueError:
            length = 0
        if length <= 0:
            return b""
        if length > _MAX_REQUEST_BODY:
            self.close_connection = True
            return self.rfile.read(_MAX_REQUEST_BODY)
        return self.rfile.read(length)

    # -- answering -------------------------------------------------------------------

    def _answer(
        self, route: Route, info: RequestInfo, key: tuple[Any, ...], depth: int = 0
    ) -> None:
        web = self.server.web
        if route.delay > 0 and web._stopping.wait(route.delay):
            self.close_connection = True
            return
        if route.hang > 0:
            self._hang(route.hang)
            return
        if route.handler is not None and depth < 5:
            try:
                result = route.handler(info)
            except Exception:
                tb = traceback.format_exc()
                web._record_error(tb)
                self._send_simple(500, "Handler error:\n" + tb, content_type="text/plain")
                return
            if isinstance(result, Route):
                self._answer(result, info, (*key, "handler"), depth + 1)
            else:
                status, headers, body = result
                pairs = headers.items() if isinstance(headers, Mapping) else headers
                data = _to_bytes(body)
                base = [("Content-Type", "text/html; charset=utf-8")]
                self._send(status, _merge_headers(base, pairs, data), data)
            return

        if route.fail_first and web._bump_failures(key) <= route.fail_first:
            extra = {"Retry-After": route.retry_after} if route.retry_after is not None else {}
            reason = _reason(route.fail_status)
            page = f"<html><body><h1>{route.fail_status} {reason}</h1></body></html>"
            self._send_simple(route.fail_status, page, extra)
            return

        if self.command == "HEAD" and route.head_status is not None:
            bare: dict[str, Any] = {"Content-Type": None, "Content-Length": "0"}
            if route.head_status == 405:
                bare["Allow"] = "GET, POST"
            self._send(route.head_status, _merge_headers([], bare.items(), b""), b"")
            return

        body = _to_bytes(route.body)
        status = route.status or 200
        if route.redirect is not None and not body:
            href = html.escape(route.redirect, quote=True)
            body = f'<html><body>Moved to <a href="{href}">{href}</a></body></html>'.encode()
        base: list[tuple[str, Any]] = []
        if route.content_type:
            base.append(("Content-Type", route.content_type))
        if route.redirect is not None:
            base.append(("Location", route.redirect))
        if route.stream is not None:
            self._send_stream(route, _merge_headers(base, route.headers.items(), None))
            return
        base.append(("Content-Length", str(len(body))))
        self._send(status, _merge_headers(base, route.headers.items(), body), body)

    def _hang(self, seconds: float) -> None:
        """Answer nothing until the client closes the connection (or ``seconds`` pass)."""
        web = self.server.web
        deadline = time.monotonic() + seconds
        self.close_connection = True
        while time.monotonic() < deadline and not web._stopping.is_set():
            readable, _, _ = select.select([self.connection], [], [], 0.05)
            if readable:
                try:
                    if not self.connection.recv(1, socket.MSG_PEEK):
                        return  # the client closed its side
                except OSError:
                    return
                time.sleep(0.05)  # data but no close: keep holding

    def _send_simple(
        self,
        status: int,
        text: str,
        extra: Mapping[str, Any] | None = None,
        content_type: str = "text/html; charset=utf-8",
    ) -> None:
        body = text.encode("utf-8")
        base = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
        self._send(status, _merge_headers(base, (extra or {}).items(), body), body)

    def version_string(self) -> str:
        return self.server_version

    def _start(self, status: int, headers: list[tuple[str, str]], body: bytes = b"") -> None:
        """Status line, headers and (if any) body, in a single write."""
        self._answered()  # no longer an open request: the client may read it any moment
        self.send_response(status, _reason(status))
        for name, value in headers:
            self.send_header(name, value)
        self._headers_buffer.append(b"\r\n")
        if body:
            self._headers_buffer.append(body)
        self.flush_headers()

    def _send(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        if status in (204, 304) or 100 <= status < 200:
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            body = b""
        self._start(status, headers, body if self.command != "HEAD" else b"")

    def _send_stream(self, route: Route, headers: list[tuple[str, str]]) -> None:
        raw = any(k.lower() == "content-length" for k, _ in headers)
        if not raw:
            headers.append(("Transfer-Encoding", "chunked"))
        self._start(route.status or 200, headers)
        if self.command == "HEAD":
            return
        assert route.stream is not None
        stopping = self.server.web._stopping
        self.close_connection = True
        for n, chunk in enumerate(route.stream()):
            if n and route.stream_interval > 0:
                stopping.wait(route.stream_interval)
            if stopping.is_set():
                return
            if not chunk:
                continue
            self.wfile.write(chunk if raw else b"%x\r\n%b\r\n" % (len(chunk), chunk))
        if not raw:
            self.wfile.write(b"0\r\n\r\n")


def _reason(status: int) -> str:
    if status in _EXTRA_REASONS:
        return _EXTRA_REASONS[status]
    entry = BaseHTTPRequestHandler.responses.get(status)
    return entry[0] if entry else ""


def _to_bytes(body: str | bytes | None) -> bytes:
    if body is None:
        return b""
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


def _path_matches(wanted: str, target: str) -> bool:
    if target == wanted:
        return True
    return "?" not in wanted and target.partition("?")[0] == wanted


def _merge_headers(
    base: Iterable[tuple[str, Any]], extra: Iterable[tuple[str, Any]], body: bytes | None
) -> list[tuple[str, str]]:
    """Defaults, then ``extra`` overriding by lower-case name (None removes, list repeats).
    Adds ``Connection: close`` and (when ``body`` is given) Content-Length unless set."""
    merged: dict[str, tuple[str, Any]] = {}
    for name, value in base:
        merged[name.lower()] = (name, value)
    for name, value in extra:
        merged[name.lower()] = (name, value)
    if body is not None and "content-length" not in merged:
        merged["content-length"] = ("Content-Length", str(len(body)))
    merged.setdefault("connection", ("Connection", "close"))
    out: list[tuple[str, str]] = []
    for name, value in merged.values():
        if value is None:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        out.extend((name, str(v)) for v in values)
    return out


# --------------------------------------------------------------------------- LocalWeb


#: A host that always accepts connections while the web runs: the network canary of
#: crawls against a loopback web (``LINKPROSPECTOR_CANARY_URL``), so the outage guard
#: can prove "the network" without public names.
CANARY_HOST = "network-canary.test"
CANARY_URL = f"http://{CANARY_HOST}/"


class LocalWeb:
    """Many virtual hosts on one loopback HTTP server, plus blackhole and refused ports.

    Use as a context manager (or call ``start()`` / ``stop()``). See the module docstring.
    """

    def __init__(
        self,
        sites: Iterable[Site] = (),
        refused_hosts: Iterable[str] = (),
        blackhole_hosts: Iterable[str] = (),
        nxdomain_hosts: Iterable[str] = (),
        record_hits: bool = True,
    ) -> None:
        self._lock = threading.Lock()
        self.record_hits = record_hits  # False: no hit log (long benchmarks)
        self._sites: dict[str, Site] = {}
        for site in sites:
            self.add_site(site)
        self.refused_hosts = [_norm_host(h) for h in refused_hosts]
        self.blackhole_hosts = [_norm_host(h) for h in blackhole_hosts]
        self.nxdomain_hosts = [_norm_host(h) for h in nxdomain_hosts]
        self._hits: list[tuple[str, str, str]] = []
        self._failures: dict[tuple[Any, ...], int] = {}
        self.errors: list[str] = []  # tracebacks of unexpected server-side exceptions
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._refused_sock: socket.socket | None = None
        self._bh_sock: socket.socket | None = None
        self._bh_thread: threading.Thread | None = None
        self._bh_conns: list[socket.socket] = []
        self._open: dict[str, int] = {}
        #: host -> the most requests that were open (being answered) at once
        self.most_open: dict[str, int] = {}
        #: host -> when each request to it arrived (time.time())
        self.request_starts: dict[str, list[float]] = {}
        self.port = self.refused_port = self.blackhole_port = 0

    # -- sites -----------------------------------------------------------------------

    def add_site(self, site: Site) -> Site:
        """Add a site (also allowed while running)."""
        with self._lock:
            for name in site.hostnames:
                if name in self._sites and self._sites[name] is not site:
                    raise ValueError(f"host {name!r} is already served")
            for name in site.hostnames:
                self._sites[name] = site
        return site

    @property
    def sites(self) -> list[Site]:
        with self._lock:
            return list({id(s): s for s in self._sites.values()}.values())

    def site(self, host: str) -> Site:
        return self._sites[_norm_host(host)]

    def _site_for(self, host: str) -> Site | None:
        return self._sites.get(host)

    @staticmethod
    def _resolve(site: Site, target: str, path: str) -> tuple[Route, str]:
        for key in (target, path):
            found = site.routes.get(key)
            if found is not None:
                return (found if isinstance(found, Route) else Route(body=found)), key
        if path == "/robots.txt":
            if site.robots is None:
                return _NOT_FOUND, path
            return Route(body=site.robots, content_type="text/plain; charset=utf-8"), path
        if site.default is not None:
            return site.default, target
        return _NOT_FOUND, target

    # -- lifecycle -------------------------------------------------------------------

    def start(self) -> LocalWeb:
        if self._server is not None:
            raise RuntimeError("LocalWeb already started")
        self._stopping.clear()
        try:
            # Refused: a port that is bound (so nobody else gets it) but never listens.
            self._refused_sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self._refused_sock.bind((LOOPBACK, 0))
            self.refused_port = self._refused_sock.getsockname()[1]

            self._bh_sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self._bh_sock.bind((LOOPBACK, 0))
            self._bh_sock.listen(1024)
            self.blackhole_port = self._bh_sock.getsockname()[1]
            self._bh_thread = threading.Thread(
                target=self._blackhole_loop, name="localweb-blackhole", daemon=True
            )
            self._bh_thread.start()

            self._server = _Server(self)
            self.port = self._server.server_address[1]
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name="localweb-http",
                daemon=True,
            )
            self._thread.start()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self, timeout: float = 2.0) -> None:
        """Shut everything down: HTTP server, open connections, blackhole, refused port."""
        self._stopping.set()
        server, self._server = self._server, None
        if server is not None:
            if self._thread is not None:
                server.shutdown()
                self._thread.join(timeout)
            server.server_close()
            server.abort_connections(timeout)
        self._thread = None
        self._stop_blackhole(timeout)
        if self._refused_sock is not None:
            self._refused_sock.close()
            self._refused_sock = None

    def __enter__(self) -> LocalWeb:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._server is not None

    # -- blackhole -------------------------------------------------------------------

    def _blackhole_loop(self) -> None:
        listener = self._bh_sock
        assert listener is not None
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with self._lock:
                if self._stopping.is_set():
                    conn.close()
                    return
                self._bh_conns.append(conn)

    def _open_request(self, host: str, change: int) -> None:
        with self._lock:
            if change > 0:
                self.request_starts.setdefault(host, []).append(time.time())
            now = self._open.get(host, 0) + change
            self._open[host] = now
            if now > self.most_open.get(host, 0):
                self.most_open[host] = now

    def open_requests(self, host: str) -> int:
        """Requests to ``host`` being answered right now."""
        with self._lock:
            return self._open.get(host, 0)

    @property
    def blackhole_connections(self) -> int:
        """Connections the blackhole port has accepted so far."""
        with self._lock:
            return len(self._bh_conns)

    def _stop_blackhole(self, timeout: float) -> None:
        listener, self._bh_sock = self._bh_sock, None
        thread, self._bh_thread = self._bh_thread, None
        if thread is not None and thread.is_alive() and listener is not None:
            # Wake the accept() with one last connection; it sees _stopping and exits.
            with contextlib.suppress(OSError):
                socket.create_connection((LOOPBACK, self.blackhole_port), timeout=timeout).close()
            thread.join(timeout)
            if thread.is_alive():
                with contextlib.suppress(OSError):
                    listener.shutdown(socket.SHUT_RDWR)
                thread.join(timeout)
        if listener is not None:
            listener.close()
        with self._lock:
            conns, self._bh_conns = self._bh_conns, []
        for conn in conns:
            conn.close()

    # -- addresses -------------------------------------------------------------------

    @property
    def host_map(self) -> dict[str, str | None]:
        """hostname -> "127.0.0.1:PORT" (None: NXDOMAIN); "*" -> None (unknown hosts)."""
        if not self.running:
            raise RuntimeError("LocalWeb is not running: call start() first")
        web = f"{LOOPBACK}:{self.port}"
        mapping: dict[str, str | None] = {}
        with self._lock:
            for name in self._sites:
                mapping[name] = web
        for name in self.refused_hosts:
            mapping[name] = f"{LOOPBACK}:{self.refused_port}"
        for name in self.blackhole_hosts:
            mapping[name] = f"{LOOPBACK}:{self.blackhole_port}"
        for name in self.nxdomain_hosts:
            mapping[name] = None
        mapping.setdefault(CANARY_HOST, web)
        mapping["*"] = None
        return mapping

    @staticmethod
    def url(host: str, path: str = "/") -> str:
        """``http://host/path`` (the host map makes it reach this server)."""
        if not path.startswith("/"):
            path = "/" + path
        return f"http://{host}{path}"

    # -- bookkeeping -----------------------------------------------------------------

    def _record_hit(self, method: str, host: str, target: str) -> None:
        if not self.record_hits:
            return
        with self._lock:
            self._hits.append((method, host, target))

    def _record_error(self, text: str) -> None:
        with self._lock:
            self.errors.append(text)

    def _bump_failures(self, key: tuple[Any, ...]) -> int:
        with self._lock:
            n = self._failures.get(key, 0) + 1
            self._failures[key] = n
            return n

    @property
    def hits(self) -> list[tuple[str, str, str]]:
        """``(method, host, path_with_query)`` of every request received, in order."""
        with self._lock:
            return list(self._hits)

    def count(self, host: str, path: str | None = None, method: str | None = None) -> int:
        """Requests seen for ``host`` (and ``path``: exact path-with-query, or the path part
        when ``path`` has no "?"; and ``method``)."""
        host = _norm_host(host)
        method = method.upper() if method else None
        n = 0
        for m, h, target in self.hits:
            if h != host or (method is not None and m != method):
                continue
            if path is not None and not _path_matches(path, target):
                continue
            n += 1
        return n

    def reset_hits(self) -> None:
        with self._lock:
            self._hits.clear()

    def reset_failures(self) -> None:
        """Make every ``fail_first`` route fail again from the start."""
        with self._lock:
            self._failures.clear()
