"""A loopback web with a search server that speaks SearXNG's and Brave Search's documented
JSON formats, and the niche sites its results point to.

SearXNG (``searx.test``): ``GET /search?q=…&format=json&pageno=N``, 10 results a page;
``results[].url, title, content, engine`` plus the other keys a real instance sends.
Brave (``brave.test``): ``GET /res/v1/web/search?q=…&count=20&offset=N`` with
``X-Subscription-Token``; ``web.results[].url, title, description``,
``query.more_results_available``, ``X-RateLimit-*`` headers as comma-separated pairs.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from linkprospector.demo.localweb import LocalWeb, RequestInfo, Route, Site
from tests.guest_post_pages import SPONSORED_PRICING, WORDPRESS
from tests.webs import page, ul

GOOD_KEY = "good-key"

# What the index holds: (url, title) by keyword; junk and duplicates on purpose.
RESOURCE_RESULTS = [
    ("http://brewlinks.test/resources/", "Home brewing resources"),
    ("http://www.facebook.com/groups/homebrewers", "Home brewers group"),
    ("http://brewlinks.test/resources/", "Home brewing resources (again)"),
    ("http://www.youtube.com/watch?v=abc", "Brewing video"),
    ("http://brewforum.test/threads/1234-best-yeast", "Forum thread"),
    ("http://brewnews.test/tag/brewing/", "Tag page"),
    ("http://brewnews.test/category/beer/", "Category page"),
    ("http://brewlinks.test/files/guide.pdf", "A PDF"),
    ("http://search.brewnews.test/search?q=links", "A search page"),
    ("http://mine.test/links/", "The user's own site"),
    ("http://rival.test/resources/", "A competitor"),
    ("http://bigsite.test/a/", "Big site page a"),
    ("http://bigsite.test/b/", "Big site page b"),
    ("http://bigsite.test/c/", "Big site page c (over the per-site cap)"),
    ("http://kombuchahub.test/useful-links/", "Kombucha links"),
]
GUEST_RESULTS = [
    ("http://brewblog.test/write-for-us/", "Write for us"),
    ("http://brewads.test/advertise/", "Sponsored posts"),
    ("http://www.twitter.com/brewblog", "Twitter"),
]


def niche_sites() -> list[Site]:
    links = ul([("http://deadyeast.test/guide", "Yeast guide"), ("http://hops.test/chart", "Hop chart"),
                ("http://water.test/calc", "Water calculator"), ("http://kegs.test/", "Kegging")])  # fmt: skip
    resource = page("Home brewing resources and useful links", "<h1>Useful links</h1>" + links)
    kombucha = page(
        "Kombucha links",
        "<h1>Kombucha resources</h1>"
        + ul(
            [
                ("http://scoby.test/", "SCOBY care"),
                ("http://tea.test/", "Tea guide"),
                ("http://bottles.test/", "Bottling"),
                # a resource page is a list: from about five entries
                ("http://flavours.test/", "Second fermentation flavours"),
                ("http://ph.test/", "Acidity and pH"),
            ]
        ),  # fmt: skip
    )
    simple = lambda host: Site(host, routes={"/": page(host, "home")})  # noqa: E731
    return [
        Site("brewlinks.test", routes={"/resources/": resource}),
        Site("kombuchahub.test", routes={"/useful-links/": kombucha}),
        Site("brewblog.test", routes={"/write-for-us/": WORDPRESS}),
        Site("brewads.test", routes={"/advertise/": SPONSORED_PRICING}),
        Site("bigsite.test", routes={p: page(f"Big {p}", "text") for p in ("/a/", "/b/", "/c/")}),
        Site("mine.test", routes={"/links/": page("Mine", "mine")}),
        Site(
            "rival.test",
            routes={"/": page("Rival", "rival home"), "/resources/": page("Rival", "rival")},
        ),
        Site("deadyeast.test", routes={}),  # 404 for the guide
        *[
            simple(h)
            for h in (
                "hops.test",
                "water.test",
                "kegs.test",
                "scoby.test",
                "tea.test",
                "bottles.test",
                "flavours.test",
                "ph.test",
            )
        ],  # fmt: skip
    ]


@dataclass
class SearchServer:
    """The fake provider's behaviour, changed by tests, and what it was asked."""

    json_enabled: bool = True
    refuse_first: int = 0  # answer 429 to this many requests first
    retry_after: str | None = None  # Retry-After on those 429s
    brave_limit: str = "5, 2000"  # X-RateLimit-Limit
    brave_quota_left: int = 1999
    brave_422: bool = False
    asked: list[tuple[str, str, dict]] = field(default_factory=list)  # (provider, query, params)
    times: list[float] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)

    def results_for(self, query: str) -> list[tuple[str, str]]:
        guest = any(w in query for w in ("write for us", "guest", "contributor", "write-for-us"))
        return GUEST_RESULTS if guest else RESOURCE_RESULTS

    def searxng(self, request: RequestInfo):
        params = {k: v[0] for k, v in parse_qs(request.query).items()}
        self.asked.append(("searxng", params.get("q", ""), params))
        self.times.append(time.monotonic())
        if params.get("format") != "json":
            return 200, {"Content-Type": "text/html"}, "<html>results</html>"
        if not self.json_enabled:
            return 403, {"Content-Type": "text/html"}, "<h1>403 Forbidden</h1>"
        if self.refuse_first > 0:
            self.refuse_first -= 1
            headers = {"Content-Type": "text/plain"}
            if self.retry_after is not None:
                headers["Retry-After"] = self.retry_after
            return 429, headers, "Too Many Requests"
        page_no = int(params.get("pageno", "1"))
        found = self.results_for(params.get("q", ""))[(page_no - 1) * 10 : page_no * 10]
        body = {
            "query": params.get("q", ""),
            "number_of_results": 0,
            "results": [
                {"url": url, "title": title, "content": f"About {title}", "engine": "duckduckgo",
                 "parsed_url": ["http", url.split("/")[2], "/", "", "", ""],
                 "template": "default.html", "engines": ["duckduckgo", "bing"], "positions": [i],
                 "score": 2.0 / i, "category": "general"}
                for i, (url, title) in enumerate(found, 1)
            ],  # fmt: skip
            "answers": [], "corrections": [], "infoboxes": [], "suggestions": [],
            "unresponsive_engines": [],
        }  # fmt: skip
        return 200, {"Content-Type": "application/json"}, json.dumps(body)

    def brave(self, request: RequestInfo):
        params = {k: v[0] for k, v in parse_qs(request.query).items()}
        self.asked.append(("brave", params.get("q", ""), params))
        self.times.append(time.monotonic())
        self.tokens.append(request.headers.get("x-subscription-token", ""))
        headers = {
            "Content-Type": "application/json",
            "X-RateLimit-Limit": self.brave_limit,
            "X-RateLimit-Policy": "1;w=1, 2000;w=2592000",
            "X-RateLimit-Remaining": f"0, {self.brave_quota_left}",
            "X-RateLimit-Reset": "1, 1419704",
        }
        if request.headers.get("x-subscription-token") != GOOD_KEY:
            return 401, headers, _brave_error(401, "SUBSCRIPTION_TOKEN_INVALID", "The provided subscription token is invalid.")  # fmt: skip
        if self.brave_422:
            return (
                422,
                headers,
                _brave_error(422, "VALIDATION", "Unable to validate request parameter(s)"),
            )
        if self.brave_quota_left <= 0:
            return (
                429,
                headers,
                _brave_error(429, "QUOTA_LIMITED", "Request quota limit exceeded for plan."),
            )
        if self.refuse_first > 0:
            self.refuse_first -= 1
            return (
                429,
                headers,
                _brave_error(429, "RATE_LIMITED", "Request rate limit exceeded for plan."),
            )
        offset, count = int(params.get("offset", "0")), int(params.get("count", "20"))
        allres = self.results_for(params.get("q", ""))
        found = allres[offset * count : (offset + 1) * count]
        body = {
            "type": "search",
            "query": {"original": params.get("q", ""), "show_strict_warning": False,
                      "more_results_available": (offset + 1) * count < len(allres)},
            "mixed": {"type": "mixed", "main": [{"type": "web", "index": 0, "all": False}]},
            "web": {
                "type": "search",
                "results": [
                    {"title": title, "url": url, "description": f"About {title}",
                     "is_source_local": False, "is_source_both": False, "language": "en",
                     "family_friendly": True, "type": "search_result", "subtype": "generic",
                     "profile": {"name": url.split("/")[2], "url": url}}
                    for url, title in found
                ],
                "family_friendly": True,
            },
        }  # fmt: skip
        self.brave_quota_left -= 1
        return 200, headers, json.dumps(body)


def _brave_error(status: int, code: str, detail: str) -> str:
    return json.dumps({
        "type": "ErrorResponse",
        "error": {"id": "c1f3", "status": status, "code": code, "detail": detail,
                  "meta": {"plan": "Free", "rate_limit": 1, "quota_limit": 2000}},
        "time": 1764580000,
    })  # fmt: skip


def search_web(server: SearchServer) -> LocalWeb:
    return LocalWeb(
        [
            Site("searx.test", routes={"/search": Route(handler=server.searxng)}),
            Site("brave.test", routes={"/res/v1/web/search": Route(handler=server.brave)}),
            *niche_sites(),
        ]
    )
