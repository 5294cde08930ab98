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
import socket
import threading
import time
from collections.abc import Iterable
from typing import Any

from linkprospector.demo.web_handler import _path_matches, _Server
from linkprospector.demo.web_model import _NOT_FOUND, LOOPBACK, RequestInfo, Route, Site, _norm_host

__all__ = ["LocalWeb", "RequestInfo", "Route", "Site", "LOOPBACK"]


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
