"""Referring pages of mysite.test on a loopback web: each keeps, loses or changes
its link in its own way. ``PAGES`` maps a referring page to (expected state, reason)."""

from __future__ import annotations

from importlib import resources

from linkprospector.demo.web_model import Route, Site, html_page

MINE = "mysite.test"
GARDENING = resources.files("linkprospector.demo").joinpath("webs", "gardening")
PARKED = GARDENING.joinpath("tomatotalk.test", "_default.html").read_text(encoding="utf-8")
SOFT_404 = GARDENING.joinpath("gardeningtodaymag.test", "_default.html").read_text(encoding="utf-8")


def article(links: str, head: str = "", footer: str = "") -> str:
    body = f"<article><p>Gardening notes and a few good sites: {links}</p></article>"
    return html_page("Notes", body + (f"<footer>{footer}</footer>" if footer else ""), head=head)


KEEP = '<a href="http://mysite.test/guide/">the best guide</a>'
IMAGE = '<a href="http://www.mysite.test/"><img src="/logo.png" alt="My Site logo"></a>'
NOFOLLOW = '<a rel="nofollow" href="http://mysite.test/guide/">the best guide</a>'


def sites() -> list[Site]:
    return [
        Site("keeps.test", routes={"/post": Route(body=article(KEEP + " and " + IMAGE))}),
        Site("removed.test", routes={"/post": Route(body=article('<a href="http://other.test/">x</a>'))}),
        Site("nofollow.test", routes={"/post": Route(body=article(NOFOLLOW))}),
        Site("footer.test", routes={"/post": Route(body=article("none here", footer=KEEP)),
                                    "/about": Route(body=article("about us", footer=KEEP))}),
        Site("gone404.test", routes={}),
        Site("soft404.test", default=Route(body=SOFT_404)),
        Site("parked.test", default=Route(body=PARKED)),
        Site("noindex.test", routes={"/post": Route(body=article(KEEP, head='<meta name="robots" content="noindex, follow">'))}),
        Site("xrobots.test", routes={"/post": Route(body=article(KEEP), headers={"X-Robots-Tag": "noindex"})}),
        Site("canonical.test", routes={"/copy": Route(body=article(KEEP, head='<link rel="canonical" href="http://canonical.test/original">'))}),
        Site("moved.test", routes={"/post": Route(redirect="http://elsewhere.test/landing")}),
        Site("elsewhere.test", routes={"/landing": Route(body=article("nothing"))}),
        Site("robots.test", robots="User-agent: *\nDisallow: /\n", routes={"/post": Route(body=article(KEEP))}),
        # toxic signals
        Site("hidden.test", routes={"/post": Route(body=article(f'<span style="display: none">{KEEP}</span>'))}),
        Site("farm.test", routes={"/links": Route(body=html_page("Links", " ".join(f'<a href="http://d{i}.test/">d{i}</a>' for i in range(120)) + " " + KEEP))}),
        Site("paid.test", routes={"/post": Route(body=article(f"Our sponsor: {KEEP}"))}),
        Site("cheap-links.xyz", routes={"/post": Route(body=article(KEEP))}),
        Site("hop.test", routes={"/post": Route(redirect="http://tracker.test/r?to=landing", status=302), "/final": Route(body=article(KEEP))}),
        Site("tracker.test", routes={"/r?to=landing": Route(redirect="http://hop.test/final", status=302)}),
    ]  # fmt: skip


#: referring page -> (state, reason) for the link to http://mysite.test/guide/
PAGES = {
    "http://keeps.test/post": ("live", ""),
    "http://removed.test/post": ("lost", "removed"),
    "http://nofollow.test/post": ("lost", "nofollow"),
    "http://footer.test/post": ("live", ""),
    "http://footer.test/about": ("live", ""),
    "http://gone404.test/post": ("lost", "page_dead"),
    # The page says "not found", but without the host's answer to a nonsense URL wording
    # is no verdict: the page stands, and the link is not on it.
    "http://soft404.test/post": ("lost", "removed"),
    "http://parked.test/post": ("lost", "parked"),
    "http://noindex.test/post": ("lost", "noindex"),
    "http://xrobots.test/post": ("lost", "noindex"),
    "http://canonical.test/copy": ("lost", "canonicalised"),
    "http://moved.test/post": ("lost", "redirected"),
    "http://refused.test/post": ("unknown", "refused"),
    "http://robots.test/post": ("unknown", "robots"),
    "http://hidden.test/post": ("live", ""),
    "http://farm.test/links": ("live", ""),
    "http://paid.test/post": ("live", ""),
    "http://cheap-links.xyz/post": ("live", ""),
    "http://hop.test/post": ("live", ""),
}

#: referring page -> the toxic reasons its link must show (words from judge/toxic.py)
TOXIC = {
    "http://hidden.test/post": "the link is hidden",
    "http://farm.test/links": "link farm: 121 other domains",
    "http://paid.test/post": "'sponsored'/'partner' wording next to a link without rel=sponsored",
    "http://cheap-links.xyz/post": "spam-prone TLD .xyz",
    "http://hop.test/post": "reached through redirects via tracker.test",
    "http://footer.test/post": "sitewide: the same link in the footer of 2 pages of footer.test",
    "http://parked.test/post": "parked or for sale",
}


def ahrefs_export() -> bytes:
    """An Ahrefs backlink export as it downloads: UTF-16 with a BOM, tab-separated."""
    header = ["Referring page title", "Referring page URL", "Language", "Target URL", "Anchor",
              "Type", "Nofollow", "UGC", "Sponsored", "Rendered", "Raw", "Lost status",
              "Drop reason", "First seen", "Last seen", "Domain rating"]  # fmt: skip
    lines = ["\t".join(header)]
    for page in PAGES:
        lines.append("\t".join(["Notes", page, "en", "http://mysite.test/guide/", "the best guide",
                                "text", "false", "false", "false", "true", "true", "", "",
                                "2025-05-01 10:00:00", "2026-11-20 08:00:00", "1,234"]))  # fmt: skip
    return "\r\n".join(lines).encode("utf-16")
