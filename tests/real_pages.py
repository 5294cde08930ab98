"""Real not-found, default and placeholder pages (tests/fixtures/real_pages/, see its
SOURCES.md), live pages in the same themes, and landers written here; host behaviours
built around them for the table tests and the loopback crawl."""

from __future__ import annotations

import csv
import string
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "real_pages"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def stack_404(lang: str) -> str:
    """The Hugo Stack theme's not-found page in one of its 32 languages."""
    row = STACK_I18N[lang]
    return string.Template(fixture("hugo-stack-404.html")).substitute(
        lang=lang, title=row["title"], subtitle=row["subtitle"]
    )


with (FIXTURES / "hugo-stack-i18n.tsv").open(encoding="utf-8") as _file:
    STACK_I18N = {row["lang"]: row for row in csv.DictReader(_file, delimiter="\t")}

#: (name, language, html) of real not-found pages: every one answers a URL that is gone.
NOT_FOUND_PAGES: list[tuple[str, str, str]] = [
    *((f"hugo-stack-{lang}", lang, stack_404(lang)) for lang in sorted(STACK_I18N)),
    *(
        (
            name.removesuffix(".html"),
            name.removesuffix(".html").rpartition("404-")[2],
            fixture(name),
        )
        for name in (
            "hexo-fluid-404-zh-CN.html",
            "hexo-fluid-404-ja.html",
            "hexo-fluid-404-en.html",
            "hexo-butterfly-404-zh-CN.html",
            "hexo-butterfly-404-zh-TW.html",
            "hexo-butterfly-404-ja.html",
            "hexo-butterfly-404-ko.html",
            "docusaurus-404-zh-Hans.html",
        )
    ),
    *(
        (name.removesuffix(".html"), "en", fixture(name))
        for name in (
            "hugo-papermod-404.html",
            "hugo-ananke-404.html",
            "jekyll-minima-404.html",
            "mdbook-404.html",
            "ghost-casper-404.html",
            "wordpress-twentytwentyfour-404.html",
            "nginx-50x.html",
        )
    ),
]

#: Web-server default pages (verbatim), by name.
SERVER_DEFAULTS = {
    "nginx": fixture("nginx-index.html"),
    "nginx-debian": fixture("nginx-debian-index.html"),
    "apache-httpd": fixture("apache-httpd-it-works.html"),
    "apache2-debian": fixture("apache2-debian-default.html"),
    "lighttpd-debian": fixture("lighttpd-debian-placeholder.html"),
}


def _lander(lang: str, title: str, heading: str, text: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        "<style>body{font-family:sans-serif;text-align:center;margin-top:15%}</style></head>"
        f"<body><h1>{heading}</h1><p>{text}</p></body></html>"
    )


#: Placeholder landers written here: (name, expected group, html).
LANDERS: list[tuple[str, str, str]] = [
    (
        "for-sale-ru",
        "for_sale",
        _lander("ru", "Домен продается", "Этот домен продается", "Свяжитесь с владельцем."),
    ),
    (
        "for-sale-de",
        "for_sale",
        _lander("de", "Domain kaufen", "Diese Domain steht zum Verkauf", "Jetzt Angebot abgeben."),
    ),
    ("for-sale-zh", "for_sale", _lander("zh", "域名出售", "此域名出售", "有意者请联系。")),
    (
        "expired-en",
        "registrar",
        _lander("en", "Expired", "This domain has expired", "Renew this domain at your registrar."),
    ),
    (
        "registered-de",
        "registrar",
        _lander("de", "Reserviert", "Diese Domain wurde registriert", "Hier entsteht bald mehr."),
    ),
    ("coming-soon-ja", "coming_soon", _lander("ja", "準備中", "ただいま準備中です", "近日公開。")),
    (
        "coming-soon-es",
        "coming_soon",
        _lander("es", "Próximamente", "Sitio en construcción", "Vuelva pronto."),
    ),
    (
        "coming-soon-id",
        "coming_soon",
        _lander("id", "Segera Hadir", "Segera Hadir", "Situs kami sedang dibangun."),
    ),
    (
        "script-lander",
        "script_redirect",
        "<html><head><title></title><script>window.location.href='http://lander.example/?d='"
        "+location.hostname;</script></head><body></body></html>",
    ),
]

# -- live pages that look like errors, or share a not-found page's template ----------------

PROSE = (
    "The server answers each request with a status code. A code in the four hundreds says "
    "the client asked for something the server cannot give: the page is not there, the "
    "client may not see it, or the request was malformed. Crawlers read the code, not the "
    "words on the page, which is why a friendly message with a success code misleads them. "
)
WP_NOT_FOUND = (
    '<h1 class="wp-block-heading" id="page-not-found">Page Not Found</h1>\n<p>The page you are '
    "looking for does not exist, or it has been moved. Please try searching using the form "
    "below.</p>"
)


def wordpress_page(title: str, main: str) -> str:
    """A live page in the same WordPress block theme as its not-found page."""
    page = fixture("wordpress-twentytwentyfour-404.html")
    page = page.replace("Page not found &#8211; Pottery Corner", f"{title} &#8211; Pottery Corner")
    return page.replace(WP_NOT_FOUND, main).replace('class="error404 ', 'class="page ')


def stack_page(title: str, main: str) -> str:
    """A live page in the Hugo Stack theme (the same chrome as its not-found page)."""
    page = fixture("hugo-stack-about.html").replace(
        "<title>About</title>", f"<title>{title}</title>"
    )
    about = page[page.index('<article class="main-article">') : page.index("</article>") + 10]
    return page.replace(about, f'<article class="main-article">{main}</article>')


#: (name, html) of live pages on hosts whose not-found page is the theme's: wording about
#: errors, short pages and pages in the same chrome stay live.
LIVE_LOOK_ALIKES: list[tuple[str, str]] = [
    ("stack-post", fixture("hugo-stack-post.html")),
    ("stack-about", fixture("hugo-stack-about.html")),
    (
        "stack-status-reference",
        stack_page(
            "404 Not Found",
            '<h2 class="article-title">404 Not Found</h2><section class="article-content"><p>'
            "The origin server did not find a current representation for the target resource "
            "or is not willing to disclose that one exists.</p></section>",
        ),
    ),
    (
        "wp-band",
        wordpress_page(
            "Page Not Found | Official Website",
            "<h1>Page Not Found</h1><p>Four friends from Leeds who play loud guitars. New "
            "album out in May; tour dates below.</p><ul><li>12 May, Leeds Brudenell</li>"
            "<li>14 May, Manchester Gorilla</li></ul>",
        ),
    ),
    (
        "wp-song",
        wordpress_page(
            "404 Not Found (lyrics)",
            "<h1>404 Not Found</h1><p>I typed your name into the bar, the page came back "
            "empty, said you wandered far; no cache, no trace, no mirror site, just a status "
            "code at the end of the night.</p>",
        ),
    ),
    (
        "wp-glaze-recipes",
        wordpress_page(
            "Glaze recipes",
            "<h1>Glaze recipes</h1><p>Our three studio glazes: celadon, tenmoku and a "
            "satin white. Recipes in grams per 100 g of dry mix.</p>",
        ),
    ),
    (
        "wp-about-errors",
        wordpress_page("How to fix 404 errors", "<h1>How to fix 404 errors</h1><p>" + PROSE * 3),
    ),
]

#: A short page whose headline says this item is gone (page-specific evidence).
WP_DISCONTINUED = wordpress_page(
    "Celadon vase",
    "<h1>This product is no longer available</h1><p>Sorry, the celadon vase has been "
    "discontinued.</p>",
)

#: A single-page app's shell, the same on every path (its title the band's name).
APP_SHELL = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page Not Found | '
    'Official Website</title><script>if (!window.location.pathname.endsWith("/")) '
    '{ window.location.href = window.location.pathname + "/"; }</script>'
    '<script defer src="/static/js/main.3f2a.js"></script></head><body><noscript>You need '
    'to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>'
)
