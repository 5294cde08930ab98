"""Soft-404 tables (linkprospector/judge/soft404.py): the page's own words and redirects to a
home page convict; weak signals go to the probe; look-alikes stay live."""

from __future__ import annotations

import pytest

from linkprospector.judge.soft404 import (
    MISSING_PAGE_MAX_WORDS,
    content_fingerprint,
    judge_soft_404,
    main_content_words,
    meta_refresh_target,
    needs_probe,
    probe_url,
    says_missing,
    similarity,
    soft_404_signals,
)
from tests.soft404_pages import GONE, LOOK_ALIKES
from tests.webs import page

ARTICLE = page("Growing tomatoes", "<h1>Growing tomatoes</h1><p>" + "Water often. " * 50 + "</p>")


@pytest.mark.parametrize(("path", "html"), GONE, ids=[p for p, _ in GONE])
def test_missing_pages_in_many_styles_are_strong_evidence(path, html):
    url = f"http://honest.test{path}"
    assert soft_404_signals(url, url, html) == ["missing_page"]


@pytest.mark.parametrize(("path", "html"), LOOK_ALIKES, ids=[p for p, _ in LOOK_ALIKES])
def test_look_alikes_are_never_strong_evidence(path, html):
    url = f"http://honest.test{path}"
    signals = soft_404_signals(url, url, html)
    assert "missing_page" not in signals
    assert signals in ([], ["not_found_text"])  # at most a weak signal for the probe


@pytest.mark.parametrize(("path", "html"), GONE, ids=[p for p, _ in GONE])
def test_main_content_of_missing_pages_is_short(path, html):
    assert main_content_words(html) <= MISSING_PAGE_MAX_WORDS


def test_main_content_of_an_article_is_long():
    html = dict(LOOK_ALIKES)["/articles/how-to-fix-404-errors"]
    assert main_content_words(html) > 2 * MISSING_PAGE_MAX_WORDS


@pytest.mark.parametrize(
    "heading",
    [
        "page not found",
        "oops! that page can't be found.",
        "error 404",
        "404",
        "404 | garden notes",
        "oops! 404",
        "404 - page not found",
        "404 error: this page went missing",
        "erreur 404",
        "fehler 404 – seite",
        "we couldn't find that page",
        "the page you requested does not exist",
        "this content is no longer available",
        "this article has been removed",
        "listing expired",
        "this page is gone",
        "seite nicht gefunden",
        "diese seite existiert leider nicht mehr",
        "página no encontrada",
        "este artículo ya no está disponible",
        "page introuvable",
        "cette page n'existe plus",
        "pagina non trovata",
        "página não encontrada",
        "pagina niet gevonden",
        "strona nie istnieje",
        "sidan hittades inte",
        "sayfa bulunamadı",
        "страница не найдена",
        "お探しのページは見つかりませんでした",
        "页面不存在",
        "페이지를 찾을 수 없습니다",
        "looks like you're lost",
        "sorry, this page isn't available.",
        "this video isn't available anymore",
        "we can't seem to find the page you're looking for.",
        "whoops, looks like this page went missing",
        "the page you're looking for isn't here",
        "hmm... this page doesn't exist.",
        "the link you followed may be broken, or the page may have been removed.",
    ],
)
def test_says_missing(heading):
    assert says_missing(heading)


@pytest.mark.parametrize(
    "heading",
    [
        "why broken links hurt your site",
        "lost and found: our returns policy",
        "found: a 4040 year old fossil",
        "finding the right compost",
        "10 tools every gardener needs",
        "resources for home brewers",
        "the lost art of seed saving",
        "nicht verpassen: gartentipps",
        "existence of mind",
        "article 404 on www.target00404.com",
        "route 404 through the hills",
        "peugeot 404 for sale",
        "top 404 garden tips",
        "missing persons: a history",
        "the missing link: evolution explained",
        "is it here yet? shipping times",
        "available now: spring seeds",
    ],
)
def test_does_not_say_missing(heading):
    assert not says_missing(heading)


@pytest.mark.parametrize(
    ("url", "final_url", "text", "expected"),
    [
        # deep URL to a home page: strong
        ("http://a.test/blog/post", "http://a.test/", ARTICLE, ["redirect_home"]),
        ("http://a.test/blog/post", "http://a.test/index.php", ARTICLE, ["redirect_home"]),
        ("http://a.test/about", "https://www.a.test/", ARTICLE, ["redirect_home"]),
        ("http://old-brand.test/post", "https://new-brand.test/", ARTICLE, ["redirect_home"]),
        ("http://a.test/products/x", "http://a.test/en/", ARTICLE, ["redirect_home"]),
        ("http://a.test/a/b", "http://a.test/?s=b", ARTICLE, ["redirect_home"]),
        # weak: for the probe
        ("http://a.test/a/b/c/d", "http://a.test/a/", ARTICLE, ["redirect_shallower"]),
        ("http://a.test/a/b", "http://a.test/404.html", ARTICLE, ["error_url"]),
        ("http://a.test/a/b", "http://a.test/errors/not-found", ARTICLE, ["error_url"]),
        # still live: the same page under another spelling or a wall in front of it
        ("http://a.test/x", "http://a.test/x", ARTICLE, []),
        ("http://a.test/", "http://a.test/", ARTICLE, []),
        ("http://a.test/", "https://a.test/", ARTICLE, []),
        ("http://a.test/index.html", "http://a.test/", ARTICLE, []),
        ("http://a.test/en/", "http://a.test/", ARTICLE, []),
        ("http://a.test/de", "http://a.test/", ARTICLE, []),
        ("http://a.test/a/b", "http://a.test/a/", ARTICLE, []),
        ("http://a.test/blog/post", "https://a.test/blog/post/", ARTICLE, []),
        ("http://a.test/blog/post", "https://www.a.test/blog/post", ARTICLE, []),
        ("http://www.a.test/blog/post", "http://a.test/blog/post", ARTICLE, []),
        ("http://a.test/blog/post", "https://moved.test/blog/post", ARTICLE, []),
        ("http://a.test/members/area/x", "http://a.test/login?next=/members", ARTICLE, []),
        ("http://a.test/a/b/c", "http://consent.a.test/?continue=x", ARTICLE, []),
        ("http://a.test/a/b/c", "http://a.test/choose-country", ARTICLE, []),
        ("http://a.test/a/b/c", "http://a.test/?region=eu", ARTICLE, []),
        # a redirector's link may be made for a home page: the probe tells (weak)
        ("http://bit.ly/3xYz", "https://shop.test/", ARTICLE, ["redirector_home"]),
        ("http://a.test/go/seed-shop", "https://seed-shop.test/", ARTICLE, ["redirector_home"]),
        (
            "http://a.test/out?url=https%3A%2F%2Fb.test",
            "https://b.test/",
            ARTICLE,
            ["redirector_home"],
        ),
        ("http://a.test/x", "", page("Found: a 4040 year old fossil", ""), []),
    ],
)
def test_redirect_signals(url, final_url, text, expected):
    assert soft_404_signals(url, final_url or url, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('<meta http-equiv="refresh" content="0; url=/">', "http://a.test/"),
        ("<META HTTP-EQUIV=Refresh CONTENT='3;URL=https://b.test/'>", "https://b.test/"),
        ('<meta content="0;URL=\'/home\'" http-equiv="refresh">', "http://a.test/home"),
        ('<meta http-equiv="refresh" content="30">', None),
        ('<meta name="description" content="refresh your garden">', None),
        ("", None),
    ],
)
def test_meta_refresh_target(text, expected):
    assert meta_refresh_target(f"<html><head>{text}</head></html>", "http://a.test/x/y") == expected


def test_a_bare_404_in_a_title_is_only_a_weak_signal():
    html = page("Article 404 on www.target00404.com", "<p>Useful content.</p>")
    url = "http://www.target00404.com/articles/0/topic-404"
    assert soft_404_signals(url, url, html) == ["not_found_text"]


def test_meta_refresh_to_the_home_page_is_a_redirect_home():
    html = '<html><head><meta http-equiv="refresh" content="0;url=/"></head><body></body></html>'
    assert soft_404_signals("http://a.test/old/post", "http://a.test/old/post", html) == [
        "redirect_home"
    ]


def test_needs_probe():
    assert needs_probe(["redirect_shallower"]) and needs_probe(["not_found_text"])
    assert not needs_probe([]) and not needs_probe(["error_url", "redirect_home"])


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://a.test/blog/old-post", "http://a.test/blog/TOKEN"),
        ("http://a.test/blog/old-post/", "http://a.test/blog/old-post/TOKEN"),
        ("http://a.test/page.html", "http://a.test/TOKEN.html"),
        ("http://a.test/", "http://a.test/TOKEN"),
        ("https://a.test:8443/x/y.php?id=3", "https://a.test:8443/x/TOKEN.php"),
        ("http://a.test/v1.2.3-final", "http://a.test/TOKEN"),
    ],
)
def test_probe_url(url, expected):
    assert probe_url(url, "TOKEN") == expected


def test_fingerprints():
    one = content_fingerprint(page("x", "<p>Sorry, /a/b is not here. Try search.</p>"), ("a", "b"))
    two = content_fingerprint(page("x", "<p>Sorry, /zzqx is not here. Try search.</p>"), ("zzqx",))
    assert similarity(one, two) == 1.0
    assert similarity(one, content_fingerprint(ARTICLE)) < 0.2


SOFT = content_fingerprint(page("Nothing here", "<p>Sorry, that is not here. Try the search.</p>"))
OTHER = content_fingerprint(ARTICLE)


@pytest.mark.parametrize(
    ("signals", "final_url", "fingerprint", "probe", "expected"),
    [
        # strong evidence: the probe does not matter
        (["missing_page"], "http://a.test/x", SOFT, {"status": 404}, (True, "missing_page")),
        (["redirect_home"], "http://a.test/", OTHER, {"status": 410}, (True, "redirect_home")),
        (["error_url", "redirect_home"], "http://a.test/", OTHER, None, (True, "redirect_home")),
        # weak signals: the probe decides
        (["not_found_text"], "http://a.test/x", SOFT, {"status": 404}, (False, "probe_404")),
        (["redirect_shallower"], "http://a.test/a/", OTHER, {"status": 410}, (False, "probe_404")),
        (
            ["redirect_shallower"],
            "http://a.test/a/",
            OTHER,
            {"status": 200, "final_url": "http://a.test/a/", "fingerprint": OTHER},
            (True, "probe_same_final_url"),
        ),
        (
            ["not_found_text"],
            "http://a.test/x",
            SOFT,
            {"status": 200, "final_url": "http://a.test/q", "fingerprint": SOFT},
            (True, "probe_same_content"),
        ),
        (  # a long article whose title mentions 404 on a host that answers nonsense with 200
            ["not_found_text"],
            "http://a.test/x",
            OTHER,
            {"status": 200, "final_url": "http://a.test/q", "fingerprint": SOFT},
            (False, "probe_different_page"),
        ),
        (
            ["redirect_shallower"],
            "http://a.test/a/",
            OTHER,
            {"status": 200, "final_url": "http://a.test/q", "fingerprint": SOFT},
            (False, "probe_different_page"),
        ),
        (
            ["not_found_text"],
            "http://a.test/x",
            SOFT,
            {"status": None},
            (False, "probe_inconclusive"),
        ),
        (
            ["not_found_text"],
            "http://a.test/x",
            SOFT,
            {"status": 403},
            (False, "probe_inconclusive"),
        ),
        (
            ["error_url", "not_found_text"],
            "http://a.test/404",
            SOFT,
            {"status": 503},
            (True, "signals_without_probe"),
        ),
        (["redirect_shallower"], "http://a.test/", SOFT, None, (False, "probe_inconclusive")),
    ],
)
def test_judge_soft_404(signals, final_url, fingerprint, probe, expected):
    assert judge_soft_404(signals, final_url, fingerprint, probe) == expected
