"""A loopback site whose resource page builds its link list in JavaScript."""

from __future__ import annotations

import json
import time

from linkprospector.demo.localweb import RequestInfo, Route, Site
from tests.webs import page

#: Links the resource page's script writes into the page (inline array).
JS_INLINE_TARGETS = [
    ("http://jslive.test/", "live", "ok"),
    ("http://jsgone.test/missing", "dead", "http_404"),
    ("http://jsnxdomain.test/", "dead", "dns"),
]
#: Links the script fetches from /api/links.json before writing them.
JS_FETCHED_TARGETS = [
    ("http://jslive.test/fetched", "live", "ok"),
    ("http://jsgone.test/fetched-gone", "dead", "http_410"),
]
JS_TARGETS = JS_INLINE_TARGETS + JS_FETCHED_TARGETS
#: The one link present in the raw HTML of the resource page.
RAW_TARGET = "http://plainlive.test/static"
#: The plain (server-rendered) page's outbound link.
PLAIN_TARGET = "http://plainlive.test/"

SPA_SHELL = """<!doctype html><html><head><title>Useful gardening resources</title>
<link rel="stylesheet" href="/style.css"></head><body>
<h1>Useful resources</h1>
<div id="root"></div>
<img src="/logo.png" alt="logo">
<footer><a href="{raw}">A static friend</a> <a href="/">Home</a></footer>
<noscript>Please enable JavaScript to see our list of resources.</noscript>
<script>
const links = {inline};
function add(items) {{
  const ul = document.getElementById("list") || (() => {{
    const el = document.createElement("ul"); el.id = "list";
    document.getElementById("root").appendChild(el); return el; }})();
  for (const [href, text] of items) {{
    const li = document.createElement("li"); const a = document.createElement("a");
    a.href = href; a.textContent = text; li.appendChild(a); ul.appendChild(li);
  }}
}}
add(links);
fetch("/api/links.json").then(r => r.json()).then(add);
fetch("http://internal.test/secret").catch(() => null);
</script></body></html>"""


def from_browser(info: RequestInfo) -> bool:
    """Chromium's navigation requests carry ``Pragma``; Scrapy's never do."""
    return "pragma" in info.headers


#: Paths of spa.test that Chromium requested (tests assert plain pages are not among them).
BROWSER_HITS: list[str] = []


def watched(body: str) -> Route:
    """A route that answers ``body`` and records the requests made by the browser."""

    def handler(info: RequestInfo) -> Route:
        if from_browser(info):
            BROWSER_HITS.append(info.path)
        return Route(body=body)

    return Route(handler=handler)


def no_browser_allowed(info: RequestInfo) -> Route:
    """A link target that fails anyone but Scrapy's plain client (checks must not render)."""
    if from_browser(info):
        return Route(status=500, body="no browsers here")
    return Route(body=page("JS live", "ok"))


def slow_for_browser(info: RequestInfo) -> Route:
    """A JS page that answers Scrapy at once and the browser only after 2.5 s."""
    if from_browser(info):
        time.sleep(2.5)
    return Route(body=SPA_SHELL.format(raw=RAW_TARGET, inline="[]"))


def js_web() -> tuple[list[Site], dict]:
    """spa.test: a plain home, a plain about page and a JavaScript-built resource page."""
    inline = [[url, f"JS resource {i}"] for i, (url, *_r) in enumerate(JS_INLINE_TARGETS)]
    fetched = [[url, f"Fetched resource {i}"] for i, (url, *_r) in enumerate(JS_FETCHED_TARGETS)]
    spa = Site(
        host="spa.test",
        robots="User-agent: *\nDisallow: /private/\n",
        routes={
            "/": watched(
                page(
                    "Garden club",
                    '<nav><a href="/resources/">Resources</a> <a href="/about">About</a>'
                    ' <a href="/private/js">Private</a></nav><p>Welcome, gardeners.</p>'
                    "<p>We meet every Tuesday to talk about soil, seeds and tomatoes.</p>",
                )
            ),
            "/about": watched(
                page(
                    "About the club",
                    f'<p>Founded long ago. Our friends: <a href="{PLAIN_TARGET}">Plain friend</a>'
                    ".</p>"
                    "<p>Plenty of text here, written by people, rendered on the server.</p>",
                )
            ),
            "/resources/": watched(SPA_SHELL.format(raw=RAW_TARGET, inline=json.dumps(inline))),
            "/private/js": SPA_SHELL.format(raw=RAW_TARGET, inline="[]"),
            "/slow/": Route(handler=slow_for_browser),
            "/api/links.json": Route(body=json.dumps(fetched), content_type="application/json"),
            "/style.css": Route(body="body{color:green}", content_type="text/css"),
            "/logo.png": Route(body=b"\x89PNG\r\n", content_type="image/png"),
        },
    )
    targets = [
        Site(
            "jslive.test",
            routes={"/": Route(handler=no_browser_allowed), "/fetched": page("F", "ok")},
        ),
        Site("jsgone.test", routes={"/fetched-gone": Route(status=410, body="gone")}),
        Site("plainlive.test", routes={"/": page("Plain", "ok"), "/static": page("S", "ok")}),
        Site("internal.test", routes={"/secret": Route(body="{}")}),
    ]
    return [spa, *targets], {"nxdomain_hosts": ["jsnxdomain.test"]}
