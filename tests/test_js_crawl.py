"""End-to-end with a real Chromium: JavaScript-built link lists found, checked and marked.

CI installs Debian's ``chromium`` (``.ci/install``). These tests never skip: without a
browser they fail and say how to install one.
"""

from __future__ import annotations

import json

import pytest
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from linkprospector.crawl.check_requests import error_kind
from linkprospector.demo.localweb import LocalWeb
from linkprospector.reading.rendering import BrowserNotFound, find_browser
from tests.conftest import run_crawl
from tests.jsweb import BROWSER_HITS, JS_TARGETS, PLAIN_TARGET, RAW_TARGET, js_web

SEED = "http://spa.test/"
RESOURCES = "http://spa.test/resources/"


@pytest.fixture(scope="module")
def browser() -> str:
    try:
        return find_browser()
    except BrowserNotFound as exc:
        pytest.fail(f"the JavaScript tests need a real Chromium: {exc}", pytrace=False)


@pytest.fixture(scope="module")
def js_localweb(browser):
    sites, options = js_web()
    with LocalWeb(sites, **options) as web:
        yield web


@pytest.fixture(scope="module")
def auto_crawl(js_localweb, tmp_path_factory):
    js_localweb.reset_hits()
    BROWSER_HITS.clear()
    result = run_crawl(tmp_path_factory.mktemp("js_auto"), js_localweb, args={"seeds": SEED})
    return result, list(js_localweb.hits), list(BROWSER_HITS)


def stats_of(result) -> dict:
    return json.loads(next(iter(result.db["runs"].rows))["stats"])


def test_auto_crawl_finishes_and_reports_rendering(auto_crawl):
    result, _, _ = auto_crawl
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert "1 pages rendered (33%)" in result.stderr
    stats = stats_of(result)
    assert stats["linkprospector/rendered/pages"] == 1
    assert stats["linkprospector/rendered/reason/empty_app_root"] == 1
    assert stats["linkprospector/rendered/seconds"] > 0
    assert stats["playwright/browser_count"] == 1


@pytest.mark.parametrize(("url", "verdict", "reason"), JS_TARGETS)
def test_js_links_stored_as_rendered_with_verdicts(auto_crawl, url, verdict, reason):
    result, _, _ = auto_crawl
    link = result.db["links"].get((RESOURCES, url))
    assert link["rendered"] == 1
    assert link["anchor_text"].startswith(("JS resource", "Fetched resource"))
    target = result.targets()[url]
    assert (target["verdict"], target["reason"]) == (verdict, reason), target["evidence"]


def test_dead_js_links_in_dead_links_view(auto_crawl):
    result, _, _ = auto_crawl
    dead = {row["target_url"] for row in result.db["dead_links"].rows}
    assert {url for url, verdict, _ in JS_TARGETS if verdict == "dead"} <= dead


def test_raw_links_and_plain_pages_not_marked_rendered(auto_crawl):
    result, hits, browser_hits = auto_crawl
    db = result.db
    assert db["links"].get((RESOURCES, RAW_TARGET))["rendered"] == 0
    assert db["links"].get(("http://spa.test/about", PLAIN_TARGET))["rendered"] == 0
    pages = {row["url"]: row for row in db["pages"].rows}
    assert {url: row["rendered"] for url, row in pages.items()} == {
        SEED: 0,
        "http://spa.test/about": 0,
        RESOURCES: 1,
    }
    assert pages[RESOURCES]["is_resource"] == 1
    # the browser fetched the JS page once, and never the plain pages
    assert browser_hits == ["/resources/"]


def test_browser_obeys_robots_and_skips_images_and_styles(auto_crawl):
    result, hits, browser_hits = auto_crawl
    paths = {p for _m, h, p in hits if h == "spa.test"}
    assert "/api/links.json" in paths  # the page's own script ran
    assert not {"/logo.png", "/style.css"} & paths
    assert not [p for p in paths if p.startswith("/private/")]
    assert stats_of(result)["linkprospector/rendered/blocked_resources"] >= 2


def test_link_checks_never_use_the_browser(auto_crawl):
    result, hits, browser_hits = auto_crawl
    for url, *_ in JS_TARGETS:
        host, path = url.split("/", 3)[2], "/" + url.split("/", 3)[3]
        if host != "jsnxdomain.test":
            assert sum(1 for _m, h, p in hits if (h, p) == (host, path)) == 1
    # Scrapy's plain HTTP client sends our User-Agent; headless Chromium never fetched
    # a target: every check is in Scrapy's own request counts.
    stats = stats_of(result)
    assert stats["linkprospector/targets/checked"] == len(JS_TARGETS) + 2


def test_render_never_finds_no_js_links(js_localweb, tmp_path):
    js_localweb.reset_hits()
    result = run_crawl(tmp_path, js_localweb, args={"seeds": SEED, "render": "never"})
    assert result.returncode == 0, result.stderr[-3000:]
    targets = {row["target_url"] for row in result.db["links"].rows}
    assert targets == {RAW_TARGET, PLAIN_TARGET}
    assert not [row for row in result.db["pages"].rows if row["rendered"]]
    stats = stats_of(result)
    assert "playwright/browser_count" not in stats
    assert "scrapy-playwright" not in result.stderr
    assert "/api/links.json" not in {p for _m, _h, p in js_localweb.hits}


def test_auto_mode_starts_no_browser_for_plain_pages(js_localweb, tmp_path):
    result = run_crawl(tmp_path, js_localweb, args={"seeds": "http://spa.test/about", "depth": "0"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert [row["rendered"] for row in result.db["pages"].rows] == [0]
    assert "playwright/browser_count" not in stats_of(result)
    assert "Starting download handler" not in result.stderr  # Playwright never started


def test_render_domains_renders_a_plain_page(js_localweb, tmp_path):
    result = run_crawl(
        tmp_path,
        js_localweb,
        args={"seeds": "http://spa.test/about", "depth": "0", "render_domains": "spa.test"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert [row["rendered"] for row in result.db["pages"].rows] == [1]
    link = result.db["links"].get(("http://spa.test/about", PLAIN_TARGET))
    assert link["rendered"] == 0  # in the raw HTML too
    assert stats_of(result)["linkprospector/rendered/reason/domain"] == 1


def test_browser_refuses_private_hosts_like_plain_downloads(js_localweb, tmp_path):
    """Only 127.0.0.1 is allowed: internal.test (127.0.0.2) is refused inside the browser."""
    web = js_localweb
    host_map = {**web.host_map, "internal.test": f"127.0.0.2:{web.port}"}
    hosts = tmp_path / "hosts.json"
    hosts.write_text(json.dumps(host_map))
    web.reset_hits()
    result = run_crawl(
        tmp_path,
        None,
        args={"seeds": RESOURCES, "depth": "0"},
        settings={
            "LINKPROSPECTOR_ALLOW_PRIVATE": "0",
            "LINKPROSPECTOR_ALLOWED_NETWORKS": "127.0.0.1/32",
            "LINKPROSPECTOR_HOST_MAP": str(hosts),
        },
    )
    assert result.returncode == 0, result.stderr[-3000:]
    stats = stats_of(result)
    assert stats["linkprospector/rendered/pages"] == 1
    assert stats["linkprospector/rendered/blocked_private"] >= 1
    assert "internal.test" not in {h for _m, h, _p in web.hits}


def test_render_failure_keeps_the_raw_page(js_localweb, tmp_path):
    """The browser times out on /slow/ (Scrapy does not): the raw page and links stay."""
    result = run_crawl(
        tmp_path,
        js_localweb,
        args={"seeds": "http://spa.test/slow/", "depth": "0"},
        settings={"LINKPROSPECTOR_RENDER_TIMEOUT": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "page not rendered: http://spa.test/slow/ (timeout)" in result.stderr
    assert [(r["url"], r["rendered"]) for r in result.db["pages"].rows] == [
        ("http://spa.test/slow/", 0)
    ]
    assert [r["target_url"] for r in result.db["links"].rows] == [RAW_TARGET]
    assert stats_of(result)["linkprospector/rendered/failed/timeout"] == 1


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (PlaywrightError("page.goto: net::ERR_NAME_NOT_RESOLVED at http://x.test/"), "dns"),
        (PlaywrightError("page.goto: net::ERR_CONNECTION_REFUSED at http://x.test/"), "refused"),
        (PlaywrightTimeoutError("page.goto: Timeout 30000ms exceeded."), "timeout"),
        (PlaywrightError("net::ERR_CERT_DATE_INVALID"), "tls"),
    ],
)
def test_playwright_errors_map_to_observation_names(exc, kind):
    assert error_kind(exc) == kind


@pytest.mark.parametrize(
    ("args", "settings", "message"),
    [
        ({"render": "sometimes"}, {}, "render must be one of auto, always, never"),
        ({"render": "always"}, {"LINKPROSPECTOR_BROWSER": "/nope/chrome"}, "/nope/chrome"),
        ({"render_domains": "spa.test"}, {"LINKPROSPECTOR_BROWSER": "/nope/chrome"}, "/nope"),
    ],
)
def test_bad_render_input_is_one_line(js_localweb, tmp_path, args, settings, message):
    result = run_crawl(tmp_path, js_localweb, args={"seeds": SEED, **args}, settings=settings)
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1 and message in errors[0], result.stderr[-2000:]
    assert errors[0].startswith("linkprospector: error: ")
    assert "Traceback" not in result.stderr
