"""Soft-404 tables (linkprospector/judge/soft404.py): a redirect home convicts; the host's
own not-found answer (the probe) decides the rest by content; a page's words are only a
weak signal (they no longer convict on their own: a page whose title says it is missing
is judged against the probe like any other); look-alikes stay live."""

from __future__ import annotations

import pytest

from linkprospector.judge.main_content import main_content_words
from linkprospector.judge.page_facts import read_page, similarity
from linkprospector.judge.soft404 import (
    MISSING_PAGE_MAX_WORDS,
    judge_soft_404,
    meta_refresh_target,
    needs_probe,
    probe_url,
    says_missing,
    soft_404_signals,
)
from tests.soft404_pages import GONE, LOOK_ALIKES
from tests.webs import page

ARTICLE = page("Growing tomatoes", "<h1>Growing tomatoes</h1><p>" + "Water often. " * 50 + "</p>")


#: GONE pages whose headline says this item is gone (page-specific evidence).
GONE_NOTICES = {"/noticias/2021/huerto-urbano.html", "/shop/heirloom-seed-kit"}
BARE = page("404 Not Found", "<h1>Not Found</h1><p>The requested URL was not found.</p>")
BARE_404 = {"status": 404, "final_url": "http://honest.test/zzqx", "facts": read_page(BARE)}


@pytest.mark.parametrize(("path", "html"), GONE, ids=[p for p, _ in GONE])
def test_missing_pages_in_many_styles_ask_for_the_probe(path, html):
    url = f"http://honest.test{path}"
    assert soft_404_signals(url, url, html) == ["not_found_text"]


@pytest.mark.parametrize(("path", "html"), GONE, ids=[p for p, _ in GONE])
@pytest.mark.parametrize("status", [200, 404])
def test_missing_pages_that_are_the_hosts_not_found_answer_are_dead(path, html, status):
    url = f"http://honest.test{path}"
    target = read_page(html, (path,))
    echo = read_page(html.replace(path, "/zzqx"), ("/zzqx",))  # the host's answer to nonsense
    answer = {"status": status, "final_url": "http://honest.test/zzqx", "facts": echo}
    assert judge_soft_404(["not_found_text"], url, target, answer) == (True, "probe_same_content")


@pytest.mark.parametrize(("path", "html"), GONE, ids=[p for p, _ in GONE])
def test_missing_pages_unlike_the_hosts_answer_need_page_specific_evidence(path, html):
    """The host answers nonsense with another page: only "this item is gone" convicts."""
    url = f"http://honest.test{path}"
    target = read_page(html, (path,))
    expected = (True, "gone_notice") if path in GONE_NOTICES else (False, "unlike_not_found")
    assert judge_soft_404(["not_found_text"], url, target, BARE_404) == expected


@pytest.mark.parametrize(("path", "html"), LOOK_ALIKES, ids=[p for p, _ in LOOK_ALIKES])
def test_look_alikes_are_never_strong_evidence(path, html):
    url = f"http://honest.test{path}"
    signals = soft_404_signals(url, url, html)
    # at most a weak signal for the probe (wording, or a short main content)
    assert signals in ([], ["not_found_text"], ["short_main"])


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
    one = read_page(page("x", "<p>Sorry, /a/b is not here. Try search.</p>"), ("/a/b",))
    two = read_page(page("x", "<p>Sorry, /zzqx is not here. Try search.</p>"), ("/zzqx",))
    assert similarity(one.text, two.text) == 1.0 and similarity(one.main, two.main) == 1.0
    assert similarity(one.text, read_page(ARTICLE).text) < 0.2


SOFT = read_page(page("Nothing here", "<p>Sorry, that is not here. Try the search.</p>"))
OTHER = read_page(ARTICLE)


@pytest.mark.parametrize(
    ("signals", "final_url", "facts", "probe", "expected"),
    [
        # a redirect home convicts whatever the probe says
        (["redirect_home"], "http://a.test/", OTHER, {"status": 410}, (True, "redirect_home")),
        (["error_url", "redirect_home"], "http://a.test/", OTHER, None, (True, "redirect_home")),
        # the host's not-found answer decides by content, whatever its status
        (
            ["not_found_text"],
            "http://a.test/x",
            SOFT,
            {"status": 404, "final_url": "http://a.test/q", "facts": SOFT},
            (True, "probe_same_content"),
        ),
        (
            ["not_found_text"],
            "http://a.test/x",
            SOFT,
            {"status": 200, "final_url": "http://a.test/q", "facts": SOFT},
            (True, "probe_same_content"),
        ),
        (
            ["redirect_shallower"],
            "http://a.test/a/",
            OTHER,
            {"status": 200, "final_url": "http://a.test/a/", "facts": OTHER},
            (True, "probe_same_final_url"),
        ),
        (  # a long article whose title mentions 404 on a host that answers nonsense with 200
            ["not_found_text"],
            "http://a.test/x",
            OTHER,
            {"status": 200, "final_url": "http://a.test/q", "facts": SOFT},
            (False, "unlike_not_found"),
        ),
        (
            ["not_found_text"],
            "http://a.test/x",
            SOFT,
            {"status": 404, "final_url": "http://a.test/q", "facts": OTHER},
            (False, "unlike_not_found"),
        ),
        (
            ["redirect_shallower"],
            "http://a.test/a/",
            OTHER,
            {"status": 200, "final_url": "http://a.test/q", "facts": SOFT},
            (False, "unlike_not_found"),
        ),
        # no answer to compare with
        (
            ["not_found_text"],
            "http://a.test/x",
            SOFT,
            {"status": None},
            (False, "probe_inconclusive"),
        ),
        (
            ["error_url", "not_found_text"],
            "http://a.test/404",
            SOFT,
            {"status": None},
            (True, "signals_without_probe"),
        ),
        (["redirect_shallower"], "http://a.test/a/b", SOFT, None, (False, "probe_inconclusive")),
        # a home page is never "missing" (the host answers nonsense with it)
        (
            ["not_found_text"],
            "http://a.test/",
            SOFT,
            {"status": 200, "final_url": "http://a.test/q", "facts": SOFT},
            (False, "home_page"),
        ),
    ],
)
def test_judge_soft_404(signals, final_url, facts, probe, expected):
    assert judge_soft_404(signals, final_url, facts, probe) == expected


@pytest.mark.parametrize("path", ["/old-page", "/de-shop", "/blog/en"])
def test_a_path_shaped_like_a_locale_is_no_home_page(path):
    """Only a home page in some spelling is exempt: "/old-page" is a page like any other."""
    url = "http://a.test" + path
    answer = {"status": 200, "final_url": "http://a.test/q", "facts": SOFT}
    assert judge_soft_404(["not_found_text"], url, SOFT, answer) == (True, "probe_same_content")
