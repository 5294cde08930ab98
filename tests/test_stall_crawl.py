"""No page stalls the crawl: a crawl that meets hostile pages among ordinary
ones checks every ordinary target correctly, with no timeout of its own making; a reactor
blocked anyway is logged with what it was running."""

from __future__ import annotations

import re

import pytest

from linkprospector.demo.localweb import LocalWeb, Route, Site
from tests.adversarial_pages import ADVERSARIAL_PAGES, single_line_script
from tests.conftest import run_crawl
from tests.webs import page, ul

ORDINARY = [
    *[(f"http://live.test/page-{i}", "live", "ok") for i in range(0, 60, 2)],
    *[(f"http://live.test/page-{i}", "dead", "http_404") for i in range(1, 60, 2)],
    ("http://live.test/ok", "live", "ok"),
    ("http://live.test/missing", "dead", "http_404"),
    ("http://refused.test/x", "dead", "refused"),
    ("http://gone.test/x", "dead", "dns"),
]


def _web() -> tuple[list[Site], dict]:
    hostile = {f"/hostile/{name}": make() for name, make in ADVERSARIAL_PAGES}
    routes: dict = {
        path: Route(body=body, content_type="text/html") for path, body in hostile.items()
    }
    # the ordinary targets are split over pages that come before and after the hostile
    # ones, so checks are in flight while the hostile pages are read
    half = len(ORDINARY) // 2
    for part, chunk in (("a", ORDINARY[:half]), ("b", ORDINARY[half:])):
        routes[f"/resources-{part}/"] = page(
            "Useful links and resources",
            "<h1>Resources</h1>" + ul([(url, f"Link {i}") for i, (url, *_x) in enumerate(chunk)]),
        )
    links = ["/resources-a/", *hostile, "/resources-b/"]
    routes["/"] = page("News hub", " ".join(f'<a href="{path}">{path}</a>' for path in links))
    live = Site(
        "live.test",
        routes={
            "/ok": page("OK", "fine"),
            **{f"/page-{i}": page(f"Page {i}", "fine") for i in range(0, 60, 2)},
        },
    )
    news = Site("news.test", robots="User-agent: *\nAllow: /\n", routes=routes)
    return [news, live], {"refused_hosts": ["refused.test"], "nxdomain_hosts": ["gone.test"]}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    sites, options = _web()
    with LocalWeb(sites, **options) as web:
        result = run_crawl(
            tmp_path_factory.mktemp("stall"),
            web,
            args={"seeds": "http://news.test/", "depth": "1"},
            # megabytes from a Python test server on a busy machine: the pages may take
            # their time; the checks keep the tests' one-second timeout
            settings={"DOWNLOAD_TIMEOUT": "20"},
            timeout=240,
        )
        yield result


def test_the_crawl_finishes_and_reads_every_hostile_page(crawled):
    assert crawled.returncode == 0, crawled.stderr[-3000:]
    assert "Traceback" not in crawled.stderr
    stored = {row["url"] for row in crawled.db["pages"].rows}
    for name, _make in ADVERSARIAL_PAGES:
        assert f"http://news.test/hostile/{name}" in stored, name


@pytest.mark.parametrize(("url", "verdict", "reason"), ORDINARY)
def test_every_ordinary_target_is_checked_correctly(crawled, url, verdict, reason):
    row = crawled.targets()[url]
    assert (row["verdict"], row["reason"]) == (verdict, reason), row["evidence"]


def test_no_check_timed_out(crawled):
    reasons = {row["url"]: row["reason"] for row in crawled.db["targets"].rows}
    assert not [url for url, reason in reasons.items() if "timeout" in (reason or "")]
    assert "crawl stalled" not in crawled.stderr


def test_a_page_over_budget_is_logged_once_and_marked(crawled):
    lines = [line for line in crawled.stderr.splitlines() if "over its reading budget" in line]
    urls = [re.search(r"in step \w+: (\S+) \(links kept", line).group(1) for line in lines]
    assert "http://news.test/hostile/single_line_script" in urls
    assert "http://news.test/hostile/news_front_page" not in urls
    assert len(urls) == len(set(urls))  # once per page
    for url in urls:
        row = crawled.db["pages"].get(url)
        if not row["rendered"]:  # a rendered page's row is the browser's reading
            assert "page_budget_exceeded" in row["resource_reasons"], url


def test_a_blocked_reactor_is_logged_with_what_it_runs(tmp_path):
    """Pages read on the reactor thread (LINKPROSPECTOR_PAGE_THREADS=0) block it; the
    watchdog says so, with the reactor thread's stack, instead of a silent pause."""
    news = Site(
        "news.test",
        routes={
            "/": page("Hub", '<a href="/script">script</a>'),
            "/script": single_line_script(),
        },
    )
    with LocalWeb([news, Site("live.test", routes={"/ok": page("OK", "ok")})]) as web:
        result = run_crawl(
            tmp_path,
            web,
            args={"seeds": "http://news.test/"},
            settings={
                "LINKPROSPECTOR_PAGE_THREADS": "0",
                "LINKPROSPECTOR_STALL_SECONDS": "0.2",
                "LINKPROSPECTOR_PAGE_BUDGET_MS": "0",  # read every step: a long block
            },
            timeout=120,
        )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "crawl stalled: the reactor has been blocked for" in result.stderr
    stalled = result.stderr.split("crawl stalled", 1)[1]
    assert "read_page" in stalled or "page_reading.py" in stalled
    assert "crawl resumed: the reactor was blocked for" in result.stderr
