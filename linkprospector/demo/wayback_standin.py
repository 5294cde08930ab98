"""A Wayback Machine stand-in on loopback, for the offline demo and the tests.

It speaks the documented APIs as the real archive does (see ``reading/wayback.py``):
``/cdx/search/cdx?url=…&output=json&to=…&filter=statuscode:200&limit=-N`` (rows, the first
naming the fields), ``/wayback/available?url=…&timestamp=…`` (the closest capture, on
either side of the timestamp) and ``/web/<timestamp>id_/<url>`` (the capture itself).
Captures are data: ``webs/<name>/wayback.toml`` lists them with their HTML files.
"""

from __future__ import annotations

import json
import re
import time
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from urllib.parse import parse_qs, unquote

from linkprospector.demo.web_model import RequestInfo, Route, Site

HOST = "web.archive.test"
CDX_FIELDS = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
_WEB = re.compile(r"^/web/(\d{1,14})(?:id_)?/(.+)$")


def url_key(url: str) -> str:
    """The archive's lookup key: no scheme, no ``www.``, no trailing slash, lower case."""
    url = re.sub(r"^https?://", "", url.strip().lower())
    return url.removeprefix("www.").rstrip("/")


@dataclass
class WaybackStandIn:
    """Captures by URL key: (timestamp, HTML) pairs; what it was asked is recorded."""

    captures: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)  # time.monotonic() of each request
    down: bool = False  # answer 503 to everything (an archive having a bad day)
    cdx_broken: bool = False  # the CDX server answers 500 (the availability API still works)

    def add(self, url: str, timestamp: str, html: str) -> None:
        self.captures.setdefault(url_key(url), []).append((timestamp, html))
        self.captures[url_key(url)].sort()

    def site(self, host: str = HOST) -> Site:
        return Site(host, routes={}, default=Route(handler=self.answer))

    def answer(self, request: RequestInfo):
        self.asked.append(request.target)
        self.times.append(time.monotonic())
        if self.down:
            return 503, {"Content-Type": "text/plain", "Retry-After": "0"}, "down"
        params = {k: v[0] for k, v in parse_qs(request.query).items()}
        if request.path == "/cdx/search/cdx":
            if self.cdx_broken:
                return 500, {"Content-Type": "text/plain"}, "Internal Server Error"
            return self.cdx(params)
        if request.path == "/wayback/available":
            return self.available(params)
        found = _WEB.match(unquote(request.target))
        if found:
            for timestamp, html in self.captures.get(url_key(found.group(2)), []):
                if timestamp == found.group(1):
                    return 200, {"Content-Type": "text/html; charset=utf-8"}, html
        return 404, {"Content-Type": "text/html"}, "<h1>Not in archive</h1>"

    def cdx(self, params: dict[str, str]):
        to = params.get("to", "99999999999999")
        rows = [
            [url_key(params.get("url", "")), ts, params.get("url", ""), "text/html", "200",
             f"DIGEST{ts}", str(len(html))]
            for ts, html in self.captures.get(url_key(params.get("url", "")), [])
            if ts[: len(to)] <= to
        ]  # fmt: skip
        limit = int(params.get("limit", "0") or 0)
        rows = rows[limit:] if limit < 0 else rows[:limit] if limit else rows
        body = json.dumps([CDX_FIELDS, *rows]) if rows else "[]"
        return 200, {"Content-Type": "application/json"}, body

    def available(self, params: dict[str, str]):
        url, stamp = params.get("url", ""), params.get("timestamp", "")
        captures = self.captures.get(url_key(url), [])
        body: dict = {"url": url, "archived_snapshots": {}}
        if captures:
            wanted = int((stamp or "0")[:14].ljust(14, "0"))
            ts, _ = min(captures, key=lambda c: abs(int(c[0][:14].ljust(14, "0")) - wanted))
            body["archived_snapshots"]["closest"] = {
                "status": "200", "available": True, "timestamp": ts,
                "url": f"http://{HOST}/web/{ts}/{url}",
            }  # fmt: skip
        if stamp:
            body["timestamp"] = stamp
        return 200, {"Content-Type": "application/json"}, json.dumps(body)


def load_captures(web: str) -> WaybackStandIn:
    """The stand-in with the captures of sample web ``web`` (its ``wayback.toml``)."""
    folder = resources.files("linkprospector.demo").joinpath("webs", web)
    standin = WaybackStandIn()
    spec = folder.joinpath("wayback.toml")
    if not spec.is_file():
        return standin
    for capture in tomllib.loads(spec.read_text(encoding="utf-8")).get("capture", []):
        html = folder.joinpath(capture["file"]).read_text(encoding="utf-8")
        standin.add(capture["url"], capture["timestamp"], html)
    return standin
