"""A loopback web for competitor analysis: two competitors, third sites, and "mine".

- ``rival-one.test`` has a robots.txt ``Sitemap:`` line naming a sitemap index that points
  to a gzip sitemap; one page (``/from-sitemap-only``) is reachable only through it.
- ``rival-two.test`` has no robots.txt and no sitemap.
- Third sites (crawled by ``resource_pages``) link to one, both or neither competitor,
  some also to ``mine.test``.
"""

from __future__ import annotations

import gzip

from linkprospector.demo.localweb import Route, Site
from tests.webs import page, ul

R1, R2, MINE = "http://rival-one.test", "http://rival-two.test", "http://mine.test"

#: Links to sites that merely exist (live), so resource pages have enough domains.
REFS = [(f"http://ref-{c}.test/", f"Reference {c.upper()}") for c in "abcdef"]


def _sitemap_xml(kind: str, locs: list[str]) -> bytes:
    tag = "url" if kind == "urlset" else "sitemap"
    entries = "".join(f"<{tag}><loc>{loc}</loc></{tag}>" for loc in locs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<{kind} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</{kind}>'
    ).encode()


def _resources(title: str, links: list[tuple[str, str]]) -> str:
    return page(title, f"<main><h1>{title}</h1>{ul(links)}</main>")


def competitor_web() -> tuple[list[Site], dict]:
    """(sites, LocalWeb keyword arguments)."""
    nav = (
        '<nav><a href="/">Home</a> <a href="/guides/">Guides</a> <a href="/about/">About</a></nav>'
    )
    rival_one = Site(
        "rival-one.test",
        robots=(
            "User-agent: *\nDisallow: /private/\n\n"
            "Sitemap: http://rival-one.test/sitemap_index.xml\n"
        ),
        routes={
            "/": page(
                "Rival One",
                f'{nav}<main><p>See <a href="/guides/old-guide">our old guide</a>.</p></main>'
                '<footer><a href="/moved">Moved</a></footer>',
            ),
            "/guides/": page(
                "Rival One guides",
                f"{nav}<main>"
                + ul(
                    [
                        ("http://live-ref.test/page", "Live reference"),
                        ("http://dead-ref.test/gone", "Dead reference"),
                        ("http://gone-ref.test/removed", "Removed reference"),
                        ("/guides/removed-guide", "Removed guide"),
                        ("/guides/old-guide", "Old guide"),
                    ]
                )
                + '<a href="http://live-ref.test/" rel="nofollow">Live home</a></main>',
            ),
            "/about/": page(
                "About Rival One",
                f'{nav}<main><a href="http://nxdomain-ref.test/">Our old partner</a>'
                ' <a href="/private/secret">Secret</a></main>',
            ),
            "/moved": Route(redirect="/about/"),
            "/guides/removed-guide": Route(status=410, body=page("Gone", "gone")),
            "/from-sitemap-only": page(
                "Orphan",
                '<main><a href="http://dead-ref.test/old">Old tool</a>'
                ' <a href="/guides/lost-from-sitemap">Lost</a></main>',
            ),
            "/private/secret": page("Secret", '<a href="http://secret-ref.test/">x</a>'),
            "/sitemap_index.xml": Route(
                body=_sitemap_xml("sitemapindex", [f"{R1}/sitemap-pages.xml.gz"]),
                content_type="application/xml",
            ),
            "/sitemap-pages.xml.gz": Route(
                body=gzip.compress(
                    _sitemap_xml("urlset", [f"{R1}/", f"{R1}/guides/", f"{R1}/from-sitemap-only"])
                ),
                content_type="application/x-gzip",
            ),
        },
    )
    rival_two = Site(
        "rival-two.test",
        # unknown paths answer 200 "page not found": soft 404s
        default=Route(body=page("Page not found", "<h1>Sorry, this page does not exist</h1>")),
        routes={
            "/": page(
                "Rival Two",
                '<nav><a href="/blog/">Blog</a></nav>'
                '<main><a href="/blog/lost-post">A lost post</a></main>',
            ),
            "/blog/": page(
                "Rival Two blog",
                "<main>"
                + ul(
                    [
                        ("http://dead-ref.test/gone", "A dead reference"),
                        ("http://live-ref.test/page", "Live reference"),
                        (f"{R1}/guides/old-guide", "Rival One's guide"),
                        ("/blog/post-a", "Post A"),
                        ("/blog/lost-post", "Lost post"),
                    ]
                )
                + "</main>",
            ),
            "/blog/post-a": page(
                "Post A", '<main><a href="http://error-ref.test/">Broken tool</a></main>'
            ),
        },
    )
    third = [
        Site(
            "links-a.test",
            routes={
                "/resources/": _resources(
                    "Useful gardening resources",
                    [(f"{R1}/", "Rival One"), (f"{R2}/blog/", "Rival Two blog"), *REFS],
                )
            },
        ),
        Site(
            "links-b.test",
            routes={
                "/": page(
                    "Links B", '<nav><a href="/links/">Links</a> <a href="/more/">More</a></nav>'
                ),
                "/links/": _resources(
                    "Gardening links",
                    [(f"{R1}/guides/", "Rival One guides"), (MINE, "Mine")] + REFS[:4],
                ),
                "/more/": page("More", f'<main><a href="{R1}/">Rival One</a></main>'),
            },
        ),
        Site(
            "links-c.test",
            routes={
                "/resources/": _resources(
                    "Resources",
                    [(f"{R2}/", "Rival Two"), (f"{R2}/old-page", "Rival Two old page"), *REFS[:4]],
                )
            },
        ),
        Site(
            "links-d.test",
            routes={
                "/useful-sites": page(
                    "Useful sites",
                    "<main><p>Some sites.</p>"
                    + ul([(f"{R1}/", "One"), (f"{R2}/", "Two"), *REFS[:2]])
                    + "</main>",
                )
            },
        ),
        Site(
            "blog-e.test",
            routes={
                "/post/": page(
                    "A post",
                    f'<main><p>I like <a href="{R1}/">one</a> and '
                    f'<a href="{R2}/">two</a>.</p></main>',
                )
            },
        ),
        Site(
            "blog-f.test",
            routes={
                "/post/": page(
                    "Another post",
                    f'<main><p>Read <a href="{R1}/guides/old-guide">this guide</a>.</p></main>',
                )
            },
        ),
        Site(
            "blog-g.test",
            routes={"/": page("Neither", '<main><a href="http://live-ref.test/">ref</a></main>')},
        ),
    ]
    targets = [
        Site("live-ref.test", routes={"/": page("Live", "ok"), "/page": page("Live page", "ok")}),
        Site("dead-ref.test", routes={"/": page("Dead ref home", "ok")}),
        Site("gone-ref.test", routes={"/removed": Route(status=410, body="gone")}),
        Site("error-ref.test", routes={"/": Route(status=500, body="oops")}),
        Site("mine.test", routes={"/": page("Mine", "my site")}),
        Site("secret-ref.test", routes={"/": page("Secret ref", "")}),
        *(Site(url.split("/")[2], routes={"/": page(text, "ok")}) for url, text in REFS),
    ]
    return [rival_one, rival_two, *third, *targets], {"nxdomain_hosts": ["nxdomain-ref.test"]}


COMPETITOR_DOMAINS = f"{R1}/,{R2}/"
THIRD_SEEDS = ",".join(
    [
        "http://links-a.test/resources/",
        "http://links-b.test/",
        "http://links-c.test/resources/",
        "http://links-d.test/useful-sites",
        "http://blog-e.test/post/",
        "http://blog-f.test/post/",
        "http://blog-g.test/",
    ]
)
