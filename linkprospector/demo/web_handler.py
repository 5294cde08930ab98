"""The loopback web's HTTP server and request handler (virtual hosts by Host header)."""

from __future__ import annotations

import contextlib
import html
import select
import socket
import socketserver
import sys
import threading
import time
import traceback
from collections.abc import Iterable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from linkprospector.demo.web_model import (
    LOOPBACK,
    RequestInfo,
    Route,
    _norm_host,
)

# Errors that mean "the client went away / is too slow": never worth a traceback.
_DISCONNECT_ERRORS = (ConnectionError, TimeoutError, socket.timeout)

# Reason phrases for codes the standard library does not know.
_EXTRA_REASONS = {999: "Request denied", 520: "Unknown Error", 521: "Web Server Is Down"}

_MAX_REQUEST_BODY = 16 * 1024 * 1024


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024
    block_on_close = False  # stop() must not wait for endless streams

    web: Any  # the LocalWeb serving

    def __init__(self, web: Any) -> None:
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
