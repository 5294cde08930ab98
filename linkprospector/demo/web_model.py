"""The loopback web's data model: sites, routes, what a handler sees of a request."""

from __future__ import annotations

import functools
import struct
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Union

LOOPBACK = "127.0.0.1"


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


def html_page(title: str, body: str, h1: str = "", head: str = "") -> str:
    """A minimal HTML page: the one page helper of tests, demo and benchmarks."""
    heading = f"<h1>{h1}</h1>" if h1 else ""
    title_tag = f"<title>{title}</title>" if title else ""
    return f"<!doctype html><html><head>{title_tag}{head}</head><body>{heading}{body}</body></html>"
