"""Loopback webs the end-to-end tests crawl (hostnames mapped by the crawler's resolver)."""

from __future__ import annotations

from linkprospector.demo.localweb import Route, Site
from linkprospector.demo.web_model import html_page

page = html_page  # the one page helper (linkprospector/demo/web_model.py)


def ul(urls: list[tuple[str, str]]) -> str:
    return "<ul>" + "".join(f'<li><a href="{u}">{t}</a></li>' for u, t in urls) + "</ul>"


#: (target URL, expected verdict, expected reason, expected number of GETs)
CORE_TARGETS = [
    ("http://live.test/", "live", "ok", 1),
    ("http://live.test/page", "live", "ok", 1),
    ("http://redir.test/old", "live", "redirect_ok", 1),
    ("http://gone.test/missing", "dead", "http_404", 1),
    ("http://gone.test/removed", "dead", "http_410", 1),
    ("http://broken.test/", "dead", "http_500", 3),
    ("http://flaky.test/", "live", "ok", 2),
    ("http://ratelimited.test/", "live", "ok", 2),
    ("http://chain.test/a", "dead", "http_404", 1),
    ("http://loop.test/a", "dead", "redirect_loop", 1),
    ("http://refused.test/", "dead", "refused", 0),
    ("http://nxdomain.test/", "dead", "dns", 0),
    ("http://blackhole.test/", "unknown", "timeout", 0),
    ("http://auth.test/", "blocked", "http_401", 1),
    ("http://forbidden.test/", "blocked", "http_403", 1),
    ("http://social.test/in/someone", "blocked", "http_999", 1),
    ("http://headhostile.test/", "live", "ok", 1),
]


def core_web() -> tuple[list[Site], dict]:
    """A niche hub with a resource page linking to every verdict-table case."""
    resources = ul([(url, f"Resource {i}") for i, (url, *_rest) in enumerate(CORE_TARGETS)])
    hub = Site(
        host="hub.test",
        aliases=["www.hub.test"],
        robots="User-agent: *\nDisallow: /private/\n",
        routes={
            "/": page(
                "Hub home",
                '<nav><a href="/resources/">Resources</a> <a href="/blog/post-1">Post</a>'
                ' <a href="/private/secret">Secret</a> <a href="/files/guide.pdf">PDF</a></nav>'
                "<p>Welcome to the hub.</p>",
            ),
            "/resources/": page(
                "Useful gardening resources and links",
                f"<h1>Useful resources</h1><p>Sites we like.</p>{resources}"
                '<a href="mailto:editor@hub.test">Write to us</a>'
                '<a href="javascript:void(0)">js</a>',
            ),
            "/blog/post-1": page(
                "Growing tomatoes",
                '<p>We used <a href="http://live.test/page">this guide</a> and '
                '<a href="http://LIVE.test:80/page#top">again</a> and '
                '<a href="http://gone.test/missing">an old article</a>.</p>'
                '<a href="/blog/post-1?page=2">next</a>',
            ),
            "/private/secret": page(
                "Secret", '<a href="http://secret-target.test/">never checked</a>'
            ),
        },
    )
    targets = [
        Site("live.test", routes={"/": page("Live", "ok"), "/page": page("Live page", "ok")}),
        Site(
            "redir.test",
            routes={
                "/old": Route(redirect="/middle"),
                "/middle": Route(redirect="http://redir.test/new", status=302),
                "/new": page("New home", "moved here"),
            },
        ),
        Site("gone.test", routes={"/removed": Route(status=410, body="gone")}),
        Site("broken.test", routes={"/": Route(status=500, body="oops")}),
        Site("flaky.test", routes={"/": Route(body=page("Flaky", "ok"), fail_first=1)}),
        Site(
            "ratelimited.test",
            routes={
                "/": Route(body=page("Busy", "ok"), fail_first=1, fail_status=429, retry_after="1")
            },
        ),
        Site("chain.test", routes={"/a": Route(redirect="/b"), "/b": Route(redirect="/c")}),
        Site("loop.test", routes={"/a": Route(redirect="/b"), "/b": Route(redirect="/a")}),
        Site("auth.test", routes={"/": Route(status=401, body="login")}),
        Site("forbidden.test", routes={"/": Route(status=403, body="no")}),
        Site("social.test", default=Route(status=999, body="")),
        Site(
            "headhostile.test", routes={"/": Route(body=page("HEAD hater", "ok"), head_status=405)}
        ),
        Site("secret-target.test", routes={"/": page("Secret target", "")}),
    ]
    options = {
        "refused_hosts": ["refused.test"],
        "blackhole_hosts": ["blackhole.test"],
        "nxdomain_hosts": ["nxdomain.test"],
    }
    return [hub, *targets], options
