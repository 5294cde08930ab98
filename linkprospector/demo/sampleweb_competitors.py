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

The sites are data: ``webs/competitors/web.toml`` and the HTML files beside it.
All URLs are plain ``http://`` on ``.test`` hosts; the host map sends them to loopback.
"""

from __future__ import annotations

from linkprospector.demo.web_data import load_web
from linkprospector.demo.web_model import Site

__all__ = [
    "COMPETITOR_DEMO_MINE",
    "competitor_demo_domains",
    "competitor_demo_seeds",
    "competitor_demo_sites",
]

COMPETITOR_DEMO_MINE = "greenthumbguide.test"
VV, PP = "http://veggieverse.test", "http://plotpals.test"


def competitor_demo_sites() -> list[Site]:
    """The two rivals and the niche sites that link to them (add to ``demo_sites()``)."""
    return load_web("competitors")[0]


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
