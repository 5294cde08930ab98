"""Tables over real not-found and default pages (tests/fixtures/real_pages/): the host's own
not-found answer decides, whatever its status; wording never convicts alone; placeholder
hosts need the same page on every path plus its markers."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from linkprospector.judge.page_facts import read_page, same_answer
from linkprospector.judge.placeholders import judge_placeholder, placeholder_candidate
from linkprospector.judge.soft404 import judge_soft_404, says_missing, soft_404_signals
from tests.real_pages import (
    APP_SHELL,
    LANDERS,
    LIVE_LOOK_ALIKES,
    NOT_FOUND_PAGES,
    SERVER_DEFAULTS,
    STACK_I18N,
    WP_DISCONTINUED,
    fixture,
    stack_404,
    stack_page,
)

TARGET = "http://site.test/2023/05/an-old-post/"
IDS = [name for name, _lang, _html in NOT_FOUND_PAGES]


def probe(html: str, status: int = 404, final_url: str = "http://site.test/qzxwvkjh") -> dict:
    """The host's answer to a nonsense URL, as the middleware records it."""
    return {"status": status, "final_url": final_url, "facts": read_page(html, ("/qzxwvkjh",))}


def facts(html: str, url: str = TARGET):
    return read_page(html, (urlsplit(url).path,))


def test_at_least_ten_languages_and_twenty_with_wording():
    assert len({lang.split("-")[0] for _n, lang, _h in NOT_FOUND_PAGES}) >= 10
    covered = [
        lang
        for lang, row in STACK_I18N.items()
        if says_missing(row["title"] + " " + row["subtitle"])
    ]
    assert len(covered) >= 30, sorted(set(STACK_I18N) - set(covered))


@pytest.mark.parametrize(("name", "lang", "html"), NOT_FOUND_PAGES, ids=IDS)
@pytest.mark.parametrize("status", [200, 404, 410])
def test_a_target_that_answers_the_hosts_not_found_page_is_dead(name, lang, html, status):
    """Honest 404 (the probe's status 404/410) or catch-all 200: the content decides."""
    assert judge_soft_404(["not_found_text"], TARGET, facts(html), probe(html, status)) == (
        True,
        "probe_same_content",
    )


WORDED = [page for page in NOT_FOUND_PAGES if page[0] != "nginx-50x"]  # a 5xx page: no words


@pytest.mark.parametrize(("name", "lang", "html"), WORDED, ids=[p[0] for p in WORDED])
def test_wording_asks_for_the_probe(name, lang, html):
    assert soft_404_signals(TARGET, TARGET, html) == ["not_found_text"]


def test_a_redirect_to_the_hosts_error_page_is_dead():
    error = "http://site.test/404.html"
    html = fixture("hexo-butterfly-404-ja.html")
    result = judge_soft_404(["error_url"], error, facts(html, error), probe(html, 200, error))
    assert result == (True, "probe_same_final_url")


@pytest.mark.parametrize(("name", "html"), LIVE_LOOK_ALIKES, ids=[n for n, _ in LIVE_LOOK_ALIKES])
@pytest.mark.parametrize("status", [200, 404])
def test_live_pages_in_the_same_theme_stay_live(name, html, status):
    """Pages about errors, a band and a song named like one, short pages: all share the
    chrome of the host's not-found page, none its main content."""
    not_found = (
        stack_404("en")
        if name.startswith("stack")
        else fixture("wordpress-twentytwentyfour-404.html")
    )
    signals = soft_404_signals(TARGET, TARGET, html) or ["not_found_text"]
    assert not same_answer(facts(html), probe(not_found)["facts"])
    assert judge_soft_404(signals, TARGET, facts(html), probe(not_found, status)) == (
        False,
        "unlike_not_found",
    )


@pytest.mark.parametrize(
    ("probe_answer", "expected"),
    [
        (probe(fixture("wordpress-twentytwentyfour-404.html")), (True, "gone_notice")),
        ({"status": None, "error": "timeout"}, (True, "gone_notice")),
    ],
)
def test_a_short_page_saying_this_item_is_gone_is_dead(probe_answer, expected):
    assert (
        judge_soft_404(["not_found_text"], TARGET, facts(WP_DISCONTINUED), probe_answer) == expected
    )


def test_a_long_article_whose_headline_says_removed_stays_live():
    html = fixture("hugo-stack-post.html").replace(
        "Backing up a Raspberry Pi without pulling the card</a></h2>",
        "Why this feature has been removed</a></h2>",
    )
    assert judge_soft_404(["not_found_text"], TARGET, facts(html), None) == (
        False,
        "probe_inconclusive",
    )


@pytest.mark.parametrize(
    ("url", "signals", "expected"),
    [
        ("http://site.test/", ["not_found_text"], (False, "home_page")),
        ("http://site.test/a/b", ["redirect_home"], (True, "redirect_home")),
        ("http://site.test/a/b", ["not_found_text", "error_url"], (True, "signals_without_probe")),
        ("http://site.test/a/b", ["not_found_text"], (False, "probe_inconclusive")),
    ],
)
def test_without_a_probe_answer(url, signals, expected):
    """A band's home page named "Page Not Found" on a host that answers everything with it
    is not missing; without the host's answer only two independent signals convict."""
    html = fixture("jekyll-minima-404.html")
    assert judge_soft_404(signals, url, facts(html, url), {"status": None}) == expected


# -- placeholder hosts -----------------------------------------------------------------------


PLACEHOLDERS = [
    *((name, "server_default", html) for name, html in SERVER_DEFAULTS.items()),
    *LANDERS,
]


@pytest.mark.parametrize(("name", "group", "html"), PLACEHOLDERS, ids=[p[0] for p in PLACEHOLDERS])
@pytest.mark.parametrize("path", ["/", "/blog/some-post"])
def test_placeholder_on_every_path_is_parked(name, group, html, path):
    url = "http://site.test" + path
    candidate = placeholder_candidate(html)
    assert candidate is not None and candidate[0] == group
    assert judge_placeholder(candidate, url, facts(html, url), probe(html, 200)) == (
        f"placeholder:{group}"
    )


@pytest.mark.parametrize(("name", "group", "html"), PLACEHOLDERS, ids=[p[0] for p in PLACEHOLDERS])
def test_a_placeholder_redirected_to_is_parked(name, group, html):
    lander = "http://site.test/lander"
    result = judge_placeholder(placeholder_candidate(html), lander, facts(html, lander),
                               {"status": 200, "final_url": lander})  # fmt: skip
    assert result == f"placeholder:{group}"


@pytest.mark.parametrize("name", sorted(SERVER_DEFAULTS))
def test_a_server_default_page_at_the_root_needs_no_sameness(name):
    html = SERVER_DEFAULTS[name]
    url = "http://site.test/"
    assert judge_placeholder(placeholder_candidate(html), url, facts(html, url), probe(
        fixture("nginx-50x.html"))) == "placeholder:server_default"  # fmt: skip


@pytest.mark.parametrize(("name", "group", "html"), LANDERS, ids=[p[0] for p in LANDERS])
def test_a_marker_without_sameness_is_not_a_placeholder(name, group, html):
    """The host answers nonsense with its own 404: the marker page is one page of a site."""
    url = "http://site.test/shop/"
    not_found = fixture("wordpress-twentytwentyfour-404.html")
    assert (
        judge_placeholder(placeholder_candidate(html), url, facts(html, url), probe(not_found))
        is None
    )


def test_a_small_site_with_a_coming_soon_section_stays_live():
    """Even on a host that answers every path with its home page, a section saying
    "coming soon" is not the page's message."""
    html = stack_page(
        "Tinker Notes",
        "<h2>Latest notes</h2><p>"
        + "Notes on home servers, backups and small repairs. " * 12
        + "</p><h3>Workshop</h3><p>Our workshop page is coming soon.</p>",
    )
    url = "http://site.test/"
    candidate = placeholder_candidate(html)
    assert candidate == ("coming_soon", "coming soon")
    assert judge_placeholder(candidate, url, facts(html, url), probe(html, 200)) is None


def test_a_real_not_found_page_with_a_delayed_redirect_is_no_script_lander():
    """Hexo Fluid's not-found page sends readers home after 5 s by script; it has a menu
    and a footer, so it is the host's not-found page, not a script-only lander."""
    html = fixture("hexo-fluid-404-zh-CN.html")
    assert (
        judge_placeholder(placeholder_candidate(html), TARGET, facts(html), probe(html, 200))
        is None
    )


ADVERSARIAL = {
    "deep nesting": "<div>" * 20000 + "x" + "</div>" * 20000,
    "comments": "<html><body>" + "<!-- a comment -->\n<p>text</p>" * 3000 + "</body></html>",
    "one long word": "<p>" + "a" * 200_000 + "</p>",
    "cjk": "<p>" + "页面不存在" * 40000 + "</p>",
    "unclosed tags": "<div><span><p><a href='/x'>" * 10000,
    "markers everywhere": "<p>coming soon location.href it works! apache </p>" * 5000,
}


@pytest.mark.parametrize("html", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
def test_page_reading_is_bounded_on_adversarial_input(html):
    """Linear-time reading: capped input, lxml, literal scans (no backtracking)."""
    started = time.perf_counter()
    for _ in range(3):
        facts(html)
        soft_404_signals(TARGET, TARGET, html)
        placeholder_candidate(html)
    assert (time.perf_counter() - started) / 3 < 0.5


def test_a_script_built_apps_shell_is_neither_missing_nor_a_lander():
    """A band's single-page app answers every path with one shell (its title the band's
    name): the host's answer cannot tell a live route from a dead one, and a script that
    fixes a trailing slash in an app is no redirect lander."""
    url = "http://band.test/tour/"
    answer = probe(APP_SHELL, 200)
    assert judge_soft_404(["not_found_text"], url, facts(APP_SHELL, url), answer) == (
        False,
        "no_text",
    )
    assert placeholder_candidate(APP_SHELL) is None


def test_a_business_named_like_a_placeholder_is_not_one():
    """A catch-all host whose every path shows the home page of "Coming Soon Bakery":
    the words are its name, its page is its own."""
    html = stack_page(
        "Coming Soon Bakery",
        "<h2>Coming Soon Bakery</h2><p>" + "Sourdough, rye and seeded loaves, baked at dawn. " * 12
        + "</p>",
    )  # fmt: skip
    url = "http://bakery.test/"
    candidate = placeholder_candidate(html)
    assert candidate == ("coming_soon", "coming soon")
    assert judge_placeholder(candidate, url, facts(html, url), probe(html, 200)) is None


FOR_SALE_WORDING = {
    "en": "This domain is for sale", "de": "Diese Domain steht zum Verkauf",
    "fr": "Ce nom de domaine est à vendre", "es": "Este dominio está en venta",
    "it": "Dominio in vendita", "pt": "Este domínio está à venda",
    "nl": "Dit domein is te koop", "pl": "Ta domena jest na sprzedaż",
    "cs": "Doména na prodej", "ru": "Этот домен продается", "zh": "此域名出售",
    "ja": "このドメインは販売中です", "ko": "이 도메인은 판매 중입니다",
    "tr": "Bu alan adı satılık", "ar": "هذا النطاق للبيع", "fa": "این دامنه فروشی است",
    "id": "Domain ini dijual", "vi": "Tên miền này đang được bán", "th": "โดเมนนี้ขาย",
}  # fmt: skip
COMING_SOON_WORDING = {
    "en": "Coming soon", "de": "Diese Website ist im Aufbau", "fr": "Site en construction",
    "es": "Sitio en construcción", "it": "Sito in costruzione", "pt": "Site em construção",
    "nl": "Deze site is in aanbouw", "pl": "Strona w budowie", "ru": "Сайт в разработке",
    "zh": "网站建设中", "ja": "ただいま準備中です", "ko": "사이트 준비중입니다",
    "tr": "Sitemiz yapım aşamasında", "ar": "الموقع قيد الإنشاء", "fa": "سایت در دست ساخت",
    "id": "Segera hadir", "vi": "Trang web đang xây dựng", "th": "เร็วๆ นี้",
}  # fmt: skip


@pytest.mark.parametrize(
    ("group", "lang", "words"),
    [("for_sale", lang, w) for lang, w in FOR_SALE_WORDING.items()]
    + [("coming_soon", lang, w) for lang, w in COMING_SOON_WORDING.items()],
)
def test_placeholder_wording_in_many_languages(group, lang, words):
    html = f"<html lang='{lang}'><head><title>{words}</title></head><body><h1>{words}</h1>"
    candidate = placeholder_candidate(html)
    assert candidate is not None and candidate[0] == group
    url = "http://site.test/some/page"
    assert judge_placeholder(candidate, url, facts(html, url), probe(html, 200)) == (
        f"placeholder:{group}"
    )


@pytest.mark.parametrize(
    ("name", "group", "html"),
    [lander for lander in LANDERS if lander[1] != "script_redirect"],
    ids=[lander[0] for lander in LANDERS if lander[1] != "script_redirect"],
)
def test_a_lander_on_the_home_page_alone_is_parked(name, group, html):
    """The host 404s other paths, but its home page is nothing but the lander."""
    url = "http://site.test/"
    not_found = fixture("nginx-50x.html")
    assert judge_placeholder(placeholder_candidate(html), url, facts(html, url), probe(
        not_found)) == f"placeholder:{group}"  # fmt: skip
