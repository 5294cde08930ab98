"""Competitor sites for the bundled sample web (``linkprospector demo-competitors``).

The story: you run ``greenthumbguide.test`` (a seed site of the sample web); your two
rivals are ``veggieverse.test`` (robots.txt names its sitemap; some pages are found only
through it) and ``plotpals.test`` (no sitemap; missing pages answer 200 "not found", soft
404s). Both have dead internal pages and link to
dead targets of the sample web. Four niche sites link to one, both or neither rival,
one of them also to you::

    sites, kwargs = demo_sites()
    sites += competitor_demo_sites()
    with LocalWeb(sites, **kwargs) as web:
        ...crawl competitor_demo_seeds() with resource_pages and
        ...competitor_demo_domains() with competitors

All URLs are plain ``http://`` on ``.test`` hosts; the host map sends them to loopback.
"""

from __future__ import annotations

from linkprospector.demo.localweb import Route, Site
from linkprospector.demo.sampleweb import _doc, _links, _simple, _sitemap

__all__ = [
    "COMPETITOR_DEMO_MINE",
    "competitor_demo_domains",
    "competitor_demo_seeds",
    "competitor_demo_sites",
]

COMPETITOR_DEMO_MINE = "greenthumbguide.test"
VV, PP = "http://veggieverse.test", "http://plotpals.test"

# Live pages of the sample web, so the niche pages list enough sites to be resource pages.
_LIVE = [
    ("http://plantdatabase.test/plants/tomato", "Plant Database: tomato", "sowing and spacing"),
    ("http://soilsciencehub.test/guides/compost-ratios", "Compost ratios", "C:N explained"),
    ("http://heirloomseedbank.test/", "Heirloom Seed Bank", "rare varieties"),
    ("http://pollinatorpartners.test/bee-friendly-plants", "Bee-friendly plants", "a list"),
]


def _page(site: str, title: str, main: str, nav: list[tuple[str, str]]) -> Route:
    links = " · ".join(f'<a href="{href}">{label}</a>' for href, label in nav)
    body = (
        f'<header><a href="/">{site}</a></header>\n<nav>{links}</nav>\n'
        f"<main>\n{main}\n</main>\n<footer><p>© 2024 {site}</p></footer>"
    )
    return Route(body=_doc(f"{title} | {site}", body))


def _veggieverse() -> Site:
    nav = [("/", "Home"), ("/guides/", "Guides"), ("/about/", "About")]
    page = lambda title, main: _page("VeggieVerse", title, main, nav)  # noqa: E731
    return Site(
        "veggieverse.test",
        aliases=["www.veggieverse.test"],
        robots="User-agent: *\nDisallow: /drafts/\n\nSitemap: http://veggieverse.test/sitemap.xml\n",
        routes={
            "/": page(
                "Home",
                "<h1>VeggieVerse</h1><p>Start with our "
                '<a href="/guides/heirloom-tomatoes">heirloom tomato guide</a> or the '
                '<a href="/guides/">guides</a>.</p>',
            ),
            "/guides/": page(
                "Guides",
                "<h1>Guides</h1>"
                + _links(
                    [
                        ("/guides/heirloom-tomatoes", "Heirloom tomatoes", "our classic"),
                        ("/guides/raised-beds", "Raised beds", "build one"),
                        ("/guides/winter-sowing", "Winter sowing", "in milk jugs"),
                    ]
                ),
            ),
            "/guides/raised-beds": page(
                "Raised beds",
                "<h1>Raised beds</h1><p>Fill with compost; see "
                '<a href="http://soilsciencehub.test/guides/compost-ratios">compost ratios</a>'
                ' and <a href="http://pestcontrolnotes.test/aphids-organic">organic aphid '
                "control</a>.</p>",
            ),
            "/guides/winter-sowing": Route(
                status=410, body=_doc("Gone", "<h1>This guide was removed</h1>")
            ),
            "/about/": page(
                "About",
                "<h1>About</h1><p>Friends: "
                '<a href="http://wintersowingweb.test/how-to">Winter Sowing Web</a>, '
                '<a href="http://heirloomseedbank.test/">Heirloom Seed Bank</a>.</p>',
            ),
            # found only through the sitemap
            "/archive/seed-swap-2019": page(
                "Seed swap 2019",
                "<h1>Seed swap 2019</h1><p>Details were on "
                '<a href="http://seedswapnetwork.test/events/2019-spring">Seed Swap Network</a>'
                '; photos in <a href="/archive/photos-2019">the gallery</a>.</p>',
            ),
            "/sitemap.xml": Route(
                body=_sitemap(
                    "veggieverse.test",
                    ["/", "/guides/", "/guides/raised-beds", "/archive/seed-swap-2019"],
                ),
                content_type="application/xml",
            ),
        },
    )


def _plotpals() -> Site:
    nav = [("/", "Home"), ("/blog/", "Blog")]
    page = lambda title, main: _page("PlotPals", title, main, nav)  # noqa: E731
    return Site(
        "plotpals.test",
        # unknown paths answer 200 with a "not found" page: soft 404s
        default=Route(
            body=_doc("Page not found | PlotPals", "<h1>Oops! That page can't be found</h1>")
        ),
        routes={
            "/": page(
                "Home",
                '<h1>PlotPals</h1><p>Our <a href="/blog/">blog</a>; the old '
                '<a href="/tools/planting-calendar">planting calendar</a>.</p>',
            ),
            "/blog/": page(
                "Blog",
                "<h1>Blog</h1>"
                + _links(
                    [
                        ("/blog/hedgerows", "Hedgerows", "native hedges"),
                        ("/tools/planting-calendar", "Planting calendar", "when to sow"),
                        (f"{VV}/guides/heirloom-tomatoes", "VeggieVerse tomatoes", "their guide"),
                    ]
                ),
            ),
            "/blog/hedgerows": page(
                "Hedgerows",
                "<h1>Hedgerows</h1><p>See "
                '<a href="http://ediblehedges.test/planting-a-hedgerow">Edible Hedges</a> and '
                '<a href="http://pestcontrolnotes.test/aphids-organic">aphid notes</a>.</p>',
            ),
        },
    )


def _niche_sites() -> list[Site]:
    live = _links(_LIVE)
    return [
        Site(
            "gardenlinksdirectory.test",
            routes={
                "/resources/": _simple_list(
                    "Gardening resources",
                    [(f"{VV}/", "VeggieVerse", "veg guides"), (f"{PP}/", "PlotPals", "allotments")],
                    live,
                )
            },
        ),
        Site(
            "allotmentassociation.test",
            routes={
                "/useful-links/": _simple_list(
                    "Useful links",
                    [
                        (f"{VV}/guides/", "VeggieVerse guides", "veg"),
                        ("http://greenthumbguide.test/", "Green Thumb Guide", "small plots"),
                    ],
                    live,
                )
            },
        ),
        Site(
            "balconygrowers.test",
            routes={
                "/links/": _simple_list(
                    "Links for balcony growers",
                    [(f"{PP}/blog/", "PlotPals blog", "tips")],
                    live,
                )
            },
        ),
        Site(
            "compostchat.test",
            routes={
                "/blog/favourite-sites/": _simple(
                    "My favourite veg sites this year",
                    f'I read <a href="{VV}/guides/heirloom-tomatoes">VeggieVerse on tomatoes</a> '
                    f'and <a href="{PP}/">PlotPals</a> every week.',
                )
            },
        ),
        Site(
            "herbnotes.test",
            routes={"/": _simple("Herb notes", "Basil, thyme and sage in pots.")},
        ),
    ]


def _simple_list(title: str, first: list[tuple[str, str, str]], live: str) -> Route:
    main = f"<main>\n<h1>{title}</h1>\n{_links(first)}\n{live}\n</main>"
    return Route(body=_doc(title, main))


def competitor_demo_sites() -> list[Site]:
    """The two rivals and the niche sites that link to them (add to ``demo_sites()``)."""
    return [_veggieverse(), _plotpals(), *_niche_sites()]


def competitor_demo_domains() -> list[str]:
    """The rivals, as ``-a domains=`` takes them (full URLs: the demo web is plain http)."""
    return [f"{VV}/", f"{PP}/"]


def competitor_demo_seeds() -> list[str]:
    """Niche pages for ``resource_pages`` in the competitor demo."""
    return [
        "http://gardenlinksdirectory.test/resources/",
        "http://allotmentassociation.test/useful-links/",
        "http://balconygrowers.test/links/",
        "http://compostchat.test/blog/favourite-sites/",
        "http://herbnotes.test/",
    ]
