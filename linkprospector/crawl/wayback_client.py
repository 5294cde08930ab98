"""A small, polite HTTP client for the Wayback Machine (standard library only).

One request at a time, at least ``delay`` seconds apart; a 429 or 503 waits for its
Retry-After (capped) and is tried again; archive redirects (a capture moved to a nearby
timestamp) are followed. The base URL is a setting (``LINKPROSPECTOR_WAYBACK_URL``) so
tests and the demo point it at a loopback stand-in, reached through the crawl's host map.
"""

from __future__ import annotations

import http.client
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from linkprospector.crawl.resolver import load_host_map, lookup_host_map

MAX_BODY = 2 * 1024 * 1024
MAX_REDIRECTS = 5
RETRIES = 2
USER_AGENT = "linkprospector (broken-link research)"


class WaybackUnreachable(Exception):
    """The archive cannot be reached (offline, refused, timed out); one line for the user."""


@dataclass
class Answer:
    status: int
    body: str
    url: str


class WaybackClient:
    def __init__(
        self,
        base: str,
        host_map: object = None,
        delay: float = 1.0,
        timeout: float = 20.0,
        retry_after_max: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base = base.rstrip("/")
        self.host_map = load_host_map(host_map)
        self.delay, self.timeout, self.retry_after_max = delay, timeout, retry_after_max
        self.sleep = sleep
        self.last_request = float("-inf")
        self.requests = 0

    def get(self, url: str) -> Answer:
        """GET ``url`` politely, following redirects; WaybackUnreachable on network errors."""
        for _ in range(MAX_REDIRECTS + 1):
            answer = self._get_retrying(url)
            if answer.status in (301, 302, 303, 307, 308) and answer.body:
                url = urljoin(url, answer.body)
                continue
            return answer
        return Answer(599, "", url)

    def _get_retrying(self, url: str) -> Answer:
        answer = Answer(0, "", url)
        for attempt in range(RETRIES + 1):
            answer, retry_after = self._get_once(url)
            if answer.status not in (429, 503) or attempt == RETRIES:
                break
            self.sleep(min(retry_after if retry_after is not None else self.delay * 5,
                           self.retry_after_max))  # fmt: skip
        return answer

    def _get_once(self, url: str) -> tuple[Answer, float | None]:
        wait = self.last_request + self.delay - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self.last_request = time.monotonic()
        self.requests += 1
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found, address = lookup_host_map(self.host_map, host.lower())
        if found and address is None:
            raise WaybackUnreachable(f"the Wayback Machine at {self.base} does not resolve")
        connect_host, connect_port = (address[0], address[1] or port) if found else (host, port)
        if parts.scheme == "https":
            context = ssl.create_default_context()
            conn: http.client.HTTPConnection = http.client.HTTPSConnection(
                connect_host, connect_port, timeout=self.timeout, context=context
            )
        else:
            conn = http.client.HTTPConnection(connect_host, connect_port, timeout=self.timeout)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        try:
            conn.request(
                "GET", target, headers={"Host": parts.netloc, "User-Agent": USER_AGENT,
                                         "Accept-Encoding": "identity"}
            )  # fmt: skip
            response = conn.getresponse()
            body = response.read(MAX_BODY)
            location = response.getheader("Location") or ""
            retry_after = _seconds(response.getheader("Retry-After"))
            status = response.status
            charset = response.headers.get_content_charset() or "utf-8"
        except (TimeoutError, OSError, http.client.HTTPException) as exc:
            raise WaybackUnreachable(
                f"the Wayback Machine at {self.base} cannot be reached ({exc.__class__.__name__}"
                f"{': ' + str(exc) if str(exc) else ''})"
            ) from None
        finally:
            conn.close()
        if status in (301, 302, 303, 307, 308):
            return Answer(status, location, url), retry_after
        try:
            text = body.decode(charset, errors="replace")
        except LookupError:  # a charset Python does not know
            text = body.decode("utf-8", errors="replace")
        return Answer(status, text, url), retry_after


def _seconds(value: str | None) -> float | None:
    try:
        return max(float(value), 0.0) if value is not None else None
    except ValueError:
        return None
