"""A loopback web for the outreach tests: sites with contact pages in several styles.

Crawled with ``depth=1`` from the SEEDS below:

- ``garden-club.test``: resource page whose nav links a contact page (mailto, plain
  address) and an about page (JSON-LD email, X profile), both crawled normally; hostile
  anchor texts on its dead links.
- ``veg-blog.test``: a hostile page title; its contact pages sit at depth 2, so only the
  contact-page visit fetches them (Cloudflare-protected address, ``[at]``/``[dot]``).
- ``herb-notes.test``: the seed page links nowhere on its own site; the visit fetches the
  home page, which lists five contact/about pages, and then two of them (budget of 3).
- ``private-garden.test``: robots.txt forbids ``/contact/`` (linked at depth 2): never
  fetched.
- ``quiet.test``: no prospect, no outbound link: its contact page (depth 2) is not visited.
"""

from __future__ import annotations

import json

from linkprospector.demo.localweb import Route, Site
from tests.webs import page

HOSTILE_HYPERLINK = '=HYPERLINK("http://evil.test/x","click me")'
HOSTILE_SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
HOSTILE_MINUS = "-2+3 reasons to compost"
HOSTILE_TITLE = "+cmd|' /C calc'!A0 Vegetable growing resources"

SEEDS = [
    "http://garden-club.test/links/",
    "http://veg-blog.test/resources/",
    "http://herb-notes.test/herbs/resources.html",
    "http://private-garden.test/resources/",
    "http://quiet.test/",
]

OLD_GUIDE = "http://gone.test/old-guide"
REMOVED = "http://gone.test/removed"
DEAD_SITE = "http://dead-site.test/"


def cf_encode(email: str, key: int = 0x42) -> str:
    """Cloudflare's email protection: the key byte, then each byte XOR the key, as hex."""
    return f"{key:02x}" + "".join(f"{b ^ key:02x}" for b in email.encode())


def resource_list(items: list[tuple[str, str]]) -> str:
    lis = "".join(f'<li><a href="{url}">{text}</a> - a useful read</li>' for url, text in items)
    return f"<ul>{lis}</ul>"


def resource_page(title: str, items: list[tuple[str, str]], nav: str = "") -> str:
    return page(
        title,
        f"<nav>{nav}</nav><h1>Useful resources</h1><p>Links we like and recommend.</p>"
        f"{resource_list(items)}",
    )


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def outreach_web() -> tuple[list[Site], dict]:
    garden = Site(
        "garden-club.test",
        routes={
            "/links/": resource_page(
                "Useful gardening links and resources",
                [
                    ("http://live.test/", "Live garden guide"),
                    (OLD_GUIDE, escape(HOSTILE_HYPERLINK)),
                    (REMOVED, "Composting basics"),
                    (DEAD_SITE, escape(HOSTILE_SUM)),
                    ("http://live.test/tools", "Tools"),
                ],
                nav='<a href="/contact-us/">Contact us</a> <a href="/about/">About</a>',
            ),
            "/contact-us/": page(
                "Contact us",
                '<p>Write to <a href="mailto:jane.doe@garden-club.test">Jane</a> or to '
                "info@garden-club.test.</p>",
            ),
            "/about/": page(
                "About the club",
                '<script type="application/ld+json">'
                + json.dumps(
                    {
                        "@context": "https://schema.org",
                        "@type": "Organization",
                        "name": "Garden Club",
                        "email": "press@garden-club.test",
                    }
                )
                + '</script><p>Follow us on <a href="https://twitter.com/gardenclub">X</a>.</p>',
            ),
        },
    )
    veg = Site(
        "veg-blog.test",
        routes={
            "/resources/": resource_page(
                escape(HOSTILE_TITLE),
                [
                    (OLD_GUIDE, "Old tomato guide"),
                    (REMOVED, escape(HOSTILE_MINUS)),
                    ("http://live.test/", "Live guide"),
                    ("http://live.test/seeds", "Seeds"),
                ],
                nav='<a href="/blog/">Blog</a>',
            ),
            "/blog/": page(
                "Blog",
                '<p>Posts.</p><footer><a href="/write-for-us/">Write for us</a> '
                '<a href="/about-me/">About me</a></footer>',
            ),
            "/write-for-us/": page(
                "Write for us",
                '<p>Pitch us: <a href="/cdn-cgi/l/email-protection#'
                + cf_encode("pitches@veg-blog.test")
                + '">[email&#160;protected]</a></p>',
            ),
            "/about-me/": page("About me", "<p>Reach me at tom [at] veg-blog [dot] test</p>"),
        },
    )
    herbs = Site(
        "herb-notes.test",
        routes={
            "/herbs/resources.html": resource_page(
                "Herb resources and links",
                [
                    (OLD_GUIDE, "The old guide"),
                    ("http://live.test/", "Live"),
                    ("http://live.test/herbs", "Herbs"),
                    ("http://live.test/more", "More"),
                ],
            ),
            "/": page(
                "Herb notes",
                '<footer><a href="/kontakt">Kontakt</a> <a href="/impressum">Impressum</a> '
                '<a href="/contact-form">Contact form</a> <a href="/team">Team</a> '
                '<a href="/about">About</a></footer>',
            ),
            "/kontakt": page("Kontakt", "<p>Schreiben Sie an mail {at} herb-notes.test</p>"),
            "/impressum": page("Impressum", "<p>Verantwortlich: redaktion@herb-notes.test</p>"),
            "/contact-form": page("Form", "<p>never fetched</p>"),
            "/team": page("Team", "<p>never fetched</p>"),
            "/about": page("About", "<p>never fetched</p>"),
        },
    )
    private = Site(
        "private-garden.test",
        robots="User-agent: *\nDisallow: /contact/\n",
        routes={
            "/resources/": resource_page(
                "Private garden resources and links",
                [(REMOVED, "Removed page"), ("http://live.test/", "Live")],
                nav='<a href="/news/">News</a>',
            ),
            "/news/": page("News", '<a href="/contact/">Contact</a>'),
            "/contact/": page("Contact", "<p>secret@private-garden.test</p>"),
        },
    )
    quiet = Site(
        "quiet.test",
        routes={
            "/": page("Quiet", '<a href="/deep">Deep</a>'),
            "/deep": page("Deep", '<a href="/contact">Contact</a>'),
            "/contact": page("Contact", "<p>quiet@quiet.test</p>"),
        },
    )
    live = Site("live.test", default=Route(body=page("Live", "<p>alive</p>")))
    gone = Site("gone.test", routes={"/removed": Route(status=410, body="gone")})
    social = Site("twitter.com", default=Route(body=page("Profile", "<p>profile</p>")))
    sites = [garden, veg, herbs, private, quiet, live, gone, social]
    return sites, {"nxdomain_hosts": ["dead-site.test"]}
