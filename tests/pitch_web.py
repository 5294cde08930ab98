"""A loopback niche for the pitch tests: linking pages in English, German and
Japanese with dead links; the user's own site ("mine.test") with exactly one page that
fits each of four dead targets and nothing that fits a fifth; a Wayback stand-in with a
capture of a forum before its domain was parked and one after."""

from __future__ import annotations

from linkprospector.demo.localweb import Route, Site
from linkprospector.demo.wayback_standin import WaybackStandIn
from tests.webs import page

AUTHOR = '<meta name="author" content="Jane Doe">'
ENGLISH_LINKS = page(
    "Useful gardening links",
    "<h1>Useful gardening links</h1><ul>"
    '<li><a href="http://pests.test/aphids-organic">Organic aphid control</a> – soap sprays, '
    "ladybirds and timing</li>"
    '<li><a href="http://tomatotalk.test/">Tomato Talk</a> – the forum for tomato growers</li>'
    '<li><a href="http://bees.test/threads/pollinator-gardens">Pollinator gardens thread</a> – '
    "Beekeepers Forum</li>"
    '<li><a href="http://alive.test/">A live site</a> – still there</li></ul>'
    "<p>Write to hello@links.test.</p>",
    head=AUTHOR,
)
GERMAN_LINKS = page(
    "Nützliche Links zum Gärtnern",
    "<h1>Links</h1><p>Wer anfängt, liest die "
    '<a href="http://kompost.test/anleitung">Kompost-Anleitung für Anfänger</a> mit der '
    "Wurmkiste.</p>",
    head='<meta http-equiv="content-language" content="de">',
)
JAPANESE_LINKS = page(
    "園芸リンク集",
    '<h1>リンク集</h1><p>初心者には<a href="http://tomato.jp.test/sodatekata">トマトの育て方</a>'
    "がおすすめです。</p>",
)
LIVE = page("A live site", "<h1>Alive</h1><p>Still here, with plenty of words to read.</p>")
PARKED = page(
    "tomatotalk.test - This domain may be for sale!",
    "<h1>tomatotalk.test</h1><p>This domain may be for sale! "
    "<a href='/buy?domain=tomatotalk.test'>Buy this domain</a>.</p>"
    "<h2>Related searches</h2><ul><li><a href='/search?q=tomato'>Tomato Seeds</a></li></ul>",
)


def my_page(title: str, body: str, lang: str = "en") -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body>'
        '<nav><a href="/">Home</a> <a href="/about/">About</a></nav>'
        f"<main>{body}</main></body></html>"
    )


MY_PAGES = {
    "/": my_page("Mine – a garden journal", "<h1>Mine</h1><p>Notes from a small plot.</p>"
                 '<a href="/aphids/">Aphids</a> <a href="/tomatoes/">Tomatoes</a>'),
    "/about/": my_page("About me", "<h1>About me</h1><p>Robin, a weekend gardener.</p>"),
    "/shop/": my_page("Shop", "<h1>Shop</h1><p>Gift cards and journals.</p>"),
    "/aphids/": my_page("Organic aphid control with soap sprays",
                        "<h1>Organic aphid control</h1><p>Soap sprays and ladybirds control "
                        "aphids organically, without chemicals.</p>"),
    "/tomatoes/": my_page("Growing heirloom tomatoes",
                          "<h1>Heirloom tomatoes</h1><p>Heirloom tomato varieties for growers: "
                          "Brandywine, Cherokee Purple; sowing and saving seed.</p>"),
    "/de/kompost/": my_page("Kompost anlegen – Anleitung für Anfänger",
                            "<h1>Kompost anlegen</h1><p>Eine Anleitung: Kompost mit Wurmkiste "
                            "und Laub.</p>", "de"),
    "/ja/tomato/": my_page("トマトの育て方",
                           "<h1>トマトの育て方</h1><p>ミニトマトの種まきと水やり。</p>", "ja"),
}  # fmt: skip
SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    + "".join(f"<url><loc>http://mine.test{path}</loc></url>" for path in MY_PAGES if path != "/")
    + "</urlset>"
)

#: Dead target -> the one page of mine.test that fits it (None: nothing fits).
FITS = {
    "http://pests.test/aphids-organic": "http://mine.test/aphids/",
    "http://tomatotalk.test/": "http://mine.test/tomatoes/",
    "http://kompost.test/anleitung": "http://mine.test/de/kompost/",
    "http://tomato.jp.test/sodatekata": "http://mine.test/ja/tomato/",
    "http://bees.test/threads/pollinator-gardens": None,
}
SEEDS = ["http://links.test/resources/", "http://garten.test/links/", "http://nihon.test/links/"]


def pitch_sites() -> list[Site]:
    # /aphids/ and /tomatoes/ are reachable by links; the other pages only by the sitemap
    mine = {path: Route(body=body) for path, body in MY_PAGES.items()}
    mine["/sitemap.xml"] = Route(body=SITEMAP, content_type="application/xml")
    return [
        Site("links.test", routes={"/resources/": ENGLISH_LINKS}),
        Site("garten.test", routes={"/links/": GERMAN_LINKS}),
        Site("nihon.test", routes={"/links/": JAPANESE_LINKS}),
        Site("alive.test", routes={"/": LIVE}),
        Site("pests.test", routes={}),
        Site("bees.test", routes={}),
        Site("kompost.test", routes={}),
        Site("tomato.jp.test", routes={}),
        Site("tomatotalk.test", routes={}, default=Route(body=PARKED)),
        Site("mine.test", routes=mine),
        Site("emptied.test", routes={}),  # a site of the user's that answers 404 everywhere
    ]


def pitch_archive() -> WaybackStandIn:
    archive = WaybackStandIn()
    archive.add(
        "http://tomatotalk.test/",
        "20180603120000",
        page(
            "Tomato Talk – the forum for tomato growers",
            "<h1>Tomato Talk</h1><p>Heirloom tomato varieties, Brandywine or Cherokee Purple, "
            "and saving seed.</p>",
        ),
    )
    archive.add("http://tomatotalk.test/", "20240115090000", PARKED)
    archive.add(
        "http://pests.test/aphids-organic",
        "20190412083000",
        page(
            "Organic aphid control | Pest Notes",
            "<h1>Organic aphid control</h1><p>Soap sprays and ladybirds against aphids.</p>",
        ),
    )
    return archive  # fmt: skip
