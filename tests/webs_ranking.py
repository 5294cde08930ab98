"""A loopback web for the prospect-ranking tests: two niches (gardening, Python testing),
hubs that many sites link to, an isolated page, two domains run by one owner, a keyword
stuffer, and sites that end up on the do-not-contact list. Crawled with ``depth=1``.

Gardening:
- ``compost-hub.test`` — the gardening hub: every other gardening site links to it; two
  resource pages (``/resources/`` best, ``/tools/`` second), a dead link, an e-mail.
- ``veggie-patch.test`` and ``soil-notes.test`` — one owner (``owner@veggie-patch.test``
  on both contact pages); both link to the hub and to each other's dead link.
- ``lone-garden.test`` — on-niche but nobody links to it, no contact: isolated (it links
  to the hub's second page, so the hub's host has one referring domain more than its page).
- ``stuffed.test`` — "compost" three hundred times and casino ads.
- ``spam-garden.test`` (do-not-contact by domain) and ``quiet-garden.test`` (by its
  address ``no-thanks@quiet-garden.test``).

Python testing:
- ``pytest-corner.test`` — the Python hub (linked by ``unit-links.test``), a dead link.
- ``unit-links.test`` — a Python links page.
"""

from __future__ import annotations

from linkprospector.demo.localweb import Route, Site
from tests.webs import page

DEAD_COMPOST = "http://gone.test/old-compost-guide"
DEAD_SOIL = "http://gone.test/soil-testing"
DEAD_PYTHON = "http://gone.test/old-pytest-tutorial"
LIVE = "http://live.test/"

GARDEN_WORDS = (
    "Composting and vegetable garden resources: how to build a compost heap, which mulch "
    "suits raised beds, how to test your soil and feed tomatoes with worm castings."
)
PYTHON_WORDS = (
    "Python testing resources: pytest fixtures, parametrize, mocking with unittest.mock, "
    "property-based testing with Hypothesis and measuring coverage."
)

HUB_TOPICS = ("mulch", "worms", "beds", "leaves", "manure", "bokashi", "sieves", "bins")

PYTHON_TOPICS = ("pytest", "hypothesis", "mock", "coverage", "tox", "nox")

SEEDS = [
    "http://compost-hub.test/resources/",
    "http://veggie-patch.test/links/",
    "http://soil-notes.test/resources/",
    "http://lone-garden.test/links.html",
    "http://stuffed.test/resources/",
    "http://spam-garden.test/resources/",
    "http://quiet-garden.test/resources/",
    "http://pytest-corner.test/resources/",
    "http://unit-links.test/links/",
]


def links_page(title: str, words: str, links: list[tuple[str, str]], nav: str = "") -> str:
    items = "".join(f'<li><a href="{url}">{text}</a> - worth a read</li>' for url, text in links)
    return page(
        title,
        f"<nav>{nav}</nav><h1>{title}</h1><p>{words}</p><ul>{items}</ul>",
    )


def contact(title: str, email: str) -> str:
    return page(title, f'<p>Write to <a href="mailto:{email}">{email}</a>.</p>')


def garden_links(extra: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [
        ("http://compost-hub.test/resources/", "The compost hub"),
        (LIVE, "Live guide"),
        ("http://live.test/seeds", "Seeds"),
        *extra,
    ]


def ranking_web() -> tuple[list[Site], dict]:
    hub = Site(
        "compost-hub.test",
        routes={
            "/resources/": links_page(
                "Composting resources and links",
                GARDEN_WORDS + " Updated 2026-10-01.",
                [
                    (DEAD_COMPOST, "Old compost guide"),
                    (LIVE, "Live guide"),
                    *[(f"http://{topic}-guide.test/", topic.title()) for topic in HUB_TOPICS],
                ],
                nav='<a href="/contact/">Contact</a> <a href="/tools/">Tools</a>',
            ),
            "/tools/": links_page(
                "Garden tool resources",
                "Garden tools for compost and soil: forks, sieves and a soil test kit.",
                [
                    (LIVE, "Live guide"),
                    ("http://live.test/tools", "Tools"),
                    (DEAD_SOIL, "Soil kit"),
                    ("http://live.test/sieves", "Sieves"),
                    ("http://live.test/forks", "Forks"),
                ],
            ),  # fmt: skip
            "/contact/": contact("Contact", "editor@compost-hub.test"),
        },
    )
    veggie = Site(
        "veggie-patch.test",
        routes={
            "/links/": links_page(
                "Vegetable garden links",
                GARDEN_WORDS,
                garden_links(
                    [
                        (DEAD_COMPOST, "Compost guide"),
                        (DEAD_SOIL, "Soil testing"),
                        ("http://soil-notes.test/resources/", "Soil notes"),
                    ]
                ),
                nav='<a href="/contact/">Contact</a>',
            ),  # fmt: skip
            "/contact/": contact("Contact", "owner@veggie-patch.test"),
        },
    )
    soil = Site(
        "soil-notes.test",
        routes={
            "/resources/": links_page(
                "Soil and compost resources",
                "Soil structure, compost and mulch for a vegetable garden.",
                garden_links(
                    [
                        (DEAD_SOIL, "Soil testing"),
                        ("http://veggie-patch.test/links/", "Veggie patch"),
                    ]
                ),
                nav='<a href="/contact/">Contact</a>',
            ),  # fmt: skip
            "/contact/": contact("Contact", "owner@veggie-patch.test"),
        },
    )
    lone = Site(
        "lone-garden.test",
        routes={
            "/links.html": links_page(
                "Compost and mulch links",
                GARDEN_WORDS,
                [
                    (DEAD_COMPOST, "Compost guide"),
                    (LIVE, "Live"),
                    ("http://live.test/a", "A"),
                    ("http://live.test/b", "B"),
                    ("http://compost-hub.test/tools/", "Garden tools"),
                ],
            ),  # fmt: skip
        },
    )
    stuffed = Site(
        "stuffed.test",
        routes={
            "/resources/": links_page(
                "Compost compost compost resources",
                "compost " * 300 + "Best casino bonus codes and sports betting odds. " * 20,
                garden_links([(DEAD_COMPOST, "Compost"), ("http://live.test/casino", "Casino")]),
                nav='<a href="/contact/">Contact</a>',
            ),
            "/contact/": contact("Contact", "seo@stuffed.test"),
        },
    )
    spam = Site(
        "spam-garden.test",
        routes={
            "/resources/": links_page(
                "Garden resources and links",
                GARDEN_WORDS,
                garden_links([(DEAD_COMPOST, "Compost"), (DEAD_SOIL, "Soil")]),
                nav='<a href="/contact/">Contact</a>',
            ),
            "/contact/": contact("Contact", "hello@spam-garden.test"),
        },
    )
    quiet = Site(
        "quiet-garden.test",
        routes={
            "/resources/": links_page(
                "Quiet garden resources and links",
                GARDEN_WORDS,
                garden_links([(DEAD_COMPOST, "Compost")]),
                nav='<a href="/contact/">Contact</a>',
            ),
            "/contact/": contact("Contact", "no-thanks@quiet-garden.test"),
        },
    )
    corner = Site(
        "pytest-corner.test",
        routes={
            "/resources/": links_page(
                "Python testing resources and links",
                PYTHON_WORDS,
                [
                    (DEAD_PYTHON, "Old pytest tutorial"),
                    *[(f"http://{topic}-guide.test/", topic.title()) for topic in PYTHON_TOPICS],
                ],
                nav='<a href="/contact/">Contact</a>',
            ),  # fmt: skip
            "/contact/": contact("Contact", "maintainer@pytest-corner.test"),
        },
    )
    unit = Site(
        "unit-links.test",
        routes={
            "/links/": links_page(
                "Unit testing links and resources",
                "Links about unit testing in Python: pytest plugins and fixtures.",
                [
                    ("http://pytest-corner.test/resources/", "Pytest corner"),
                    ("http://live.test/pytest", "pytest"),
                    ("http://live.test/tox", "tox"),
                    (DEAD_PYTHON, "Old tutorial"),
                    ("http://live.test/nox", "nox"),
                ],
                nav='<a href="/contact/">Contact</a>',
            ),  # fmt: skip
            "/contact/": contact("Contact", "team@unit-links.test"),
        },
    )
    live = Site(
        "live.test",
        default=Route(body=page("Live", "<p>alive</p>")),
        # the hubs' many sources (a resource page links to more than one site)
        aliases=[f"{topic}-guide.test" for topic in (*HUB_TOPICS, *PYTHON_TOPICS)],
    )
    gone = Site("gone.test")  # every path a plain 404
    sites = [hub, veggie, soil, lone, stuffed, spam, quiet, corner, unit, live, gone]
    return sites, {}
