"""A held-out corpus (tests/fixtures/heldout_pages/, see its SOURCES.md): real not-found
templates and translations the judge was not written against, in languages without any
listed not-found wording, plus live pages in the same chrome (short pages, pages about
errors, a band named like one) for the table tests and the loopback crawl."""

from __future__ import annotations

import csv
import string
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "heldout_pages"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


with (FIXTURES / "blowfish-404-i18n.tsv").open(encoding="utf-8") as _file:
    BLOWFISH_I18N = {row["lang"]: row for row in csv.DictReader(_file, delimiter="\t")}


def blowfish_page(title: str, main: str, lang: str = "en") -> str:
    """A page of a Hugo site on the Blowfish theme: its chrome around ``main``."""
    return string.Template(fixture("blowfish-page.html")).substitute(
        lang=lang, title=title, main=main
    )


def blowfish_404(lang: str) -> str:
    """Blowfish's not-found page in one of its translations (title as a multilingual
    site's translated 404 page sets it)."""
    row = BLOWFISH_I18N[lang]
    main = string.Template(fixture("blowfish-404-main.html")).substitute(
        error=row["error"], title=row["title"], description=row["description"]
    )
    return blowfish_page(row["title"], main, lang)


#: (name, html) of real not-found pages: every one answers a URL that is gone.
NOT_FOUND_PAGES: list[tuple[str, str]] = [
    *((f"blowfish-{lang}", blowfish_404(lang)) for lang in sorted(BLOWFISH_I18N)),
    ("hextra", fixture("hextra-404.html")),
    ("hugo-book", fixture("hugo-book-404.html")),
]

#: Caddy's default page, as a fresh install answers every path with it.
CADDY_DEFAULT = fixture("caddy-welcome.html")

_PROSE_GL = (
    "Nesta entrada explico como revisamos as ligazóns rotas do arquivo do xornal local, "
    "que ferramentas usamos, canto tempo levou e que aprendemos sobre os servidores que "
    "responden mal ás peticións. "
)
#: (name, html) of live pages sharing the theme's chrome: each must stay live.
LIVE_PAGES: list[tuple[str, str]] = [
    (
        "contact-gl",  # a short live page: fewer words than the not-found page
        blowfish_page(
            "Contacto",
            "<article><h1>Contacto</h1><p>Escríbenos a redaccion@cadernos.test "
            "ou chámanos os martes pola mañá.</p></article>",
            "gl",
        ),
    ),
    (
        "http-404-reference-gl",  # a page about the error, titled with its wording
        blowfish_page(
            "Erro 404: páxina non atopada",
            "<article><h1>Erro 404: páxina non atopada</h1><p>"
            + _PROSE_GL * 8
            + "</p><h2>Que significa o código 404?</h2><p>"
            + _PROSE_GL * 4
            + "</p></article>",
            "gl",
        ),
    ),
    (
        "band-hr",  # a band named like the error, in Croatian
        blowfish_page(
            "Stranica nije pronađena — bend",
            "<article><h1>Stranica nije pronađena</h1><p>"
            + "Zagrebački bend koji svira gitarski pop od 2011., s tri albuma i koncertima "
            "po cijeloj regiji. " * 9 + "</p></article>",
            "hr",
        ),
    ),
    (
        "band-en",
        blowfish_page(
            "Page Not Found | Official Website",
            "<article><h1>Page Not Found</h1><p>"
            + "Page Not Found are a four-piece from Leeds; the new record is out in May "
            "and the tour starts in June. " * 8 + "</p></article>",
        ),
    ),
    (
        "gallery-eu",  # a picture page: a caption and little else
        blowfish_page(
            "Argazkiak",
            '<article><h1>Argazkiak</h1><figure><img src="/img/mendia.jpg" alt="">'
            "<figcaption>Aralar, 2024ko udazkena.</figcaption></figure></article>",
            "eu",
        ),
    ),
]


def div_chrome_page(title: str, own: str) -> str:
    """A page of a small site whose chrome is plain ``div``s with classes no boilerplate
    list knows (written here): the chrome counts as main content, and dominates it."""
    return (
        f"<!doctype html><html><head><title>{title} | Riverside Pottery</title></head><body>"
        '<div class="top-bar"><div class="brand">Riverside Pottery Studio</div>'
        '<div class="tagline">Handmade stoneware, classes and open studio evenings in the '
        "old mill since 1998</div></div>"
        f'<div class="content">{own}</div>'
        '<div class="site-info"><p>Riverside Pottery Studio, Mill Lane 4, open Tuesday to '
        "Saturday from ten until six, closed on public holidays. Telephone for group "
        "bookings and school visits. All prices include VAT and glazing.</p></div>"
        "</body></html>"
    )


DIV_CHROME_NOT_FOUND = div_chrome_page(
    "Riverside Pottery", "<h2>Oops</h2><p>Nothing here. Try the menu above.</p>"
)
#: (name, html) of short live pages in that chrome: each must stay live.
DIV_CHROME_LIVE: list[tuple[str, str]] = [
    ("hours", div_chrome_page("Hours", "<h2>Opening hours</h2><p>Tuesday to Saturday.</p>")),
    ("gift-cards", div_chrome_page("Gift cards", "<h2>Gift cards</h2><p>Ask at the till.</p>")),
    ("kiln", div_chrome_page("Kiln", '<img src="/kiln.jpg" alt=""><p>Kiln room, 2023.</p>')),
    (
        "record-label",  # named like the error: wording asks for the probe
        div_chrome_page(
            "Not Found Records", "<h1>Not Found Records</h1><p>A vinyl label from Leeds.</p>"
        ),
    ),
    (
        "lost-and-found",
        div_chrome_page(
            "Lost and found", "<h1>Lost and found</h1><p>Left a scarf? Ask at the counter.</p>"
        ),
    ),
]
