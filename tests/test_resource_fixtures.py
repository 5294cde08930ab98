"""Resource pages are curated lists: real pages from public repositories (blogrolls,
friend links in Chinese and Japanese, link pages in French, German and Spanish) and real
link-heavy pages that are not (blog posts, an SEO article, a publication list, a news
list, an archive, a personal home page), judged as the spider judges them; then crawled
end to end on loopback, where the prospects view holds exactly the resource pages."""

from __future__ import annotations

import time

import pytest

from linkprospector.demo.localweb import LocalWeb
from linkprospector.reading.extract import extract_links, parse_html
from linkprospector.reading.scoring import is_resource_page, resource_features, score_resource_page
from linkprospector.reading.urls import site_of
from tests.conftest import run_crawl
from tests.resource_fixtures import FIXTURES, cases, fixture_web

CASES = cases()


def judge(url: str, html: str) -> tuple[float, list[str]]:
    root = parse_html(html)
    links = extract_links(root, url).links
    return score_resource_page(resource_features(root, url, links, site_of(url)))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_real_pages_are_classified(case):
    score, reasons = judge(case.url, case.html)
    assert is_resource_page(score) is case.resource, (score, reasons)
    assert 0.0 <= score <= 1.0 and reasons


def test_fixtures_are_all_listed_with_their_source():
    files = {path.stem for path in FIXTURES.glob("*.html")}
    sources = (FIXTURES / "SOURCES.md").read_text(encoding="utf-8")
    assert files == {case.name for case in CASES}
    assert all(f"| {name}.html |" in sources for name in files)
    # both classes, several languages
    assert sum(c.resource for c in CASES) >= 8 and sum(not c.resource for c in CASES) >= 8
    assert {c.name[:2] for c in CASES if c.resource} >= {"en", "zh", "ja", "fr", "de", "es"}


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("en_publications_shivvrat", "citations, not entries: a publication list"),
        ("en_news_shivvrat", "1 block of prose with outbound links (not entries)"),
        ("en_post_distractions", "of prose with outbound links (not entries)"),
        ("zh_post_go_gui", "only 2 external domains in main content"),
        ("en_home_shixiongqi", "fewer than 5 entries: not a list"),
        ("zh_hycblog_flink", "entries are 9"),
        ("ja_yude_links", "title mentions 'リンク集'"),
        ("zh_tmaize_links", "title mentions '友情链接'"),
    ],
)
def test_reasons_say_what_decided(name, reason):
    case = next(c for c in CASES if c.name == name)
    _, reasons = judge(case.url, case.html)
    assert any(reason in r for r in reasons), reasons


@pytest.mark.parametrize(
    "html",
    [
        "<div>" * 20_000 + "<a href='https://x.test/'>x</a>" + "</div>" * 20_000,
        "<ul>"
        + "<li><a href='https://s{0}.test/'>Site</a> 2024-01-01, et al. Proc.</li>" * 20_000
        + "</ul>",
        "<p>" + "word, " * 200_000 + "</p>",
        "<p>" + "<a href='https://a.test/'>a</a> " * 30_000 + "</p>",
    ],
    ids=["deep-nesting", "many-citations", "long-prose", "one-block-many-links"],
)
def test_reading_entries_takes_linear_time(html):
    page = f"<html><head><title>Links</title></head><body><main>{html}</main></body></html>"
    start = time.perf_counter()
    judge("https://garden.test/links/", page)
    assert time.perf_counter() - start < 3.0


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    with LocalWeb(fixture_web()) as web:
        seeds = ",".join(case.http_url for case in CASES)
        result = run_crawl(
            tmp_path_factory.mktemp("resource_fixtures"),
            web,
            args={"seeds": seeds, "depth": "0"},
            timeout=240,
        )
    return result


def test_crawl_prospects_are_exactly_the_resource_pages(crawled):
    assert crawled.returncode == 0, crawled.stderr[-3000:]
    assert "Traceback" not in crawled.stderr
    pages = {row["url"]: row for row in crawled.db["pages"].rows}
    assert set(pages) == {case.http_url for case in CASES}
    prospects = {row["url"] for row in crawled.db["prospects"].rows}
    assert prospects == {case.http_url for case in CASES if case.resource}
    for case in CASES:
        row = pages[case.http_url]
        assert bool(row["is_resource"]) is case.resource, row["resource_reasons"]
        assert (row["resource_score"] >= 0.5) is case.resource
    # every linked host answers but one: the German page's real typo "https://learning/apps.org"
    dead = {(row["target_url"], row["reason"]) for row in crawled.db["dead_links"].rows}
    assert dead == {("https://learning/apps.org", "dns")}
