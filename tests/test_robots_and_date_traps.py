"""robots.txt that fails, and calendar traps that look like dates."""

from __future__ import annotations

import pytest

from linkprospector.demo.localweb import LocalWeb, RequestInfo, Route, Site
from linkprospector.middlewares.robotstxt import robots_unavailable
from linkprospector.reading.url_traps import MAX_DATE_WALK_PAGES, date_walk_key
from tests.conftest import run_crawl
from tests.webs import page, ul


@pytest.mark.parametrize(
    ("status", "unavailable"),
    [(500, True), (502, True), (503, True), (429, True), (404, False), (403, False), (200, False)],
)
def test_robots_unavailable(status, unavailable):
    assert robots_unavailable(status) is unavailable


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("http://a.test/events/2026/12/", "a.test/events/#y/#m/?"),
        ("http://a.test/events/2031/07/", "a.test/events/#y/#m/?"),
        ("http://a.test/calendar/2026-12", "a.test/calendar/#date?"),
        ("http://a.test/agenda/2026/12/05/", "a.test/agenda/#y/#m/#d/?"),
        ("http://a.test/cal?month=2026-12&view=grid", "a.test/cal?month=#&view=grid"),
        ("http://a.test/2019/05/my-post/", "a.test/#y/#m/my-post/?"),  # one post, one key
        ("http://a.test/2019/", None),
        ("http://a.test/page/12/3", None),
        ("http://a.test/products/2026", None),
        ("http://a.test/?q=2026-12", None),  # a search, not a calendar
    ],
)
def test_date_walk_key(url, key):
    assert date_walk_key(url) == key


def _next_month(info: RequestInfo) -> Route:
    _, _, year, month = info.path.rstrip("/").split("/")
    y, m = (int(year), int(month) + 1) if int(month) < 12 else (int(year) + 1, 1)
    return Route(
        body=page(
            f"Events {year}/{month}",
            f'<p>Events this month.</p><a href="/events/{y}/{m:02d}/">Next month</a>',
        )
    )


@pytest.fixture(scope="module")
def trap_crawl(tmp_path_factory):
    articles = [f"/articles/{i}" for i in range(30)]
    calendar_site = Site(
        "calendar.test",
        robots="User-agent: *\nAllow: /\n",
        routes={
            "/": page(
                "Garden club",
                '<a href="/events/2026/12/">Events</a>' + ul([(a, a) for a in articles]),
            ),
            **{a: page(f"Article {a}", "<p>Text.</p>") for a in articles},
        },
        default=Route(handler=_next_month),
    )
    broken_robots = Site(
        "robots500.test",
        routes={
            "/robots.txt": Route(status=500, body="oops"),
            "/": page("Private garden", ul([("/secret", "secret")])),
            "/secret": page("Secret", "<p>Never crawled.</p>"),
        },
    )
    missing_robots = Site("norobots.test", routes={"/": page("Open", "<p>No robots.txt.</p>")})
    with LocalWeb([calendar_site, broken_robots, missing_robots]) as web:
        seeds = "http://calendar.test/,http://robots500.test/,http://norobots.test/"
        result = run_crawl(
            tmp_path_factory.mktemp("traps"),
            web,
            args={"seeds": seeds, "max_pages": "120", "depth": "200"},
        )
        yield result, web


def test_robots_txt_answering_500_disallows_the_site(trap_crawl):
    result, web = trap_crawl
    assert result.returncode == 0, result.stderr[-3000:]
    pages = {row["url"] for row in result.db["pages"].rows}
    assert not [url for url in pages if "robots500.test" in url]
    assert web.count("robots500.test", "/") == 0 and web.count("robots500.test", "/secret") == 0
    assert "robots.txt of robots500.test answered 500" in result.stderr
    assert "http://norobots.test/" in pages  # a 404 robots.txt has no rules


def test_a_calendar_walking_month_by_month_stops_early(trap_crawl):
    result, web = trap_crawl
    pages = {row["url"] for row in result.db["pages"].rows}
    events = [url for url in pages if "/events/" in url]
    assert len(events) == MAX_DATE_WALK_PAGES
    # the page budget went to the real pages instead
    assert {f"http://calendar.test/articles/{i}" for i in range(30)} <= pages
