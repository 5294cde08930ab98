"""keywords → search (SearXNG, Brave; their documented JSON on a
loopback server) → seeds → a real `scrapy crawl resource_pages` → prospects and
guest-post pages in SQLite; searches remembered; every failure one clear line."""

from __future__ import annotations

import csv
import json

import pytest
import sqlite_utils

from tests.conftest import run_crawl
from tests.demo_db import cli, nightly_config
from tests.search_web import GOOD_KEY, SearchServer, search_web

KEYWORDS = "home brewing,kombucha"
FEW_FOOTPRINTS = {  # keeps the Brave tests short: 2 resource + 1 guest footprint
    "LINKPROSPECTOR_SEARCH_RESOURCE_FOOTPRINTS": "intitle:resources\ninurl:links",
    "LINKPROSPECTOR_SEARCH_GUEST_FOOTPRINTS": '"write for us"',
}


def searxng(**extra: str) -> dict[str, str]:
    return {"LINKPROSPECTOR_SEARCH": "searxng", "LINKPROSPECTOR_SEARXNG_URL": "http://searx.test",
            "LINKPROSPECTOR_RETRY_BACKOFF": "0.2", **extra}  # fmt: skip


def brave(**extra: str) -> dict[str, str]:
    return {"LINKPROSPECTOR_SEARCH": "brave", "LINKPROSPECTOR_BRAVE_URL": "http://brave.test/res/v1/web/search",
            **FEW_FOOTPRINTS, **extra}  # fmt: skip


def crawl(tmp_path, web, settings, args=None, key=GOOD_KEY, db=None):
    return run_crawl(
        tmp_path, web, args={"keywords": KEYWORDS, "mine": "mine.test", **(args or {})},
        settings=settings, env={"BRAVE_API_KEY": key} if key else None, db_path=db,
    )  # fmt: skip


@pytest.fixture(scope="module")
def searxng_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("searxng")
    server = SearchServer()
    with search_web(server) as web:
        # a competitor crawl recorded rival.test: its domain is left out of the seeds
        db = tmp / "crawl.db"
        first = run_crawl(
            tmp, web, spider="competitors", db_path=db,
            args={"domains": "http://rival.test/", "max_pages": "2"},
        )  # fmt: skip
        assert first.returncode == 0, first.stderr[-2000:]
        result = crawl(tmp, web, searxng(), db=db)
        hits = list(web.hits)
    return result, server, hits


def test_searxng_keywords_become_seeds_and_prospects(searxng_run):
    result, server, hits = searxng_run
    assert result.returncode == 0, result.stderr[-3000:]
    db = result.db
    pages = {row["url"]: row for row in db["pages"].rows}
    found = {url: row["found_by"] for url, row in pages.items() if row["found_by"]}
    assert "http://brewlinks.test/resources/" in found
    assert found["http://brewlinks.test/resources/"].startswith('"home brewing" ')
    assert "http://kombuchahub.test/useful-links/" in found
    prospects = {row["url"] for row in db["prospects"].rows}
    assert {
        "http://brewlinks.test/resources/",
        "http://kombuchahub.test/useful-links/",
    } <= prospects
    assert pages["http://brewlinks.test/resources/"]["prospect_kind"] == "resource"
    # the resource page's outbound links were checked: its dead one is a dead link
    dead = {row["target_url"] for row in db["dead_links"].rows}
    assert "http://deadyeast.test/guide" in dead


def test_guest_post_pages_are_a_prospect_kind_of_their_own(searxng_run):
    db = searxng_run[0].db
    guest = {row["url"]: row for row in db["guest_posts"].rows}
    assert set(guest) == {"http://brewblog.test/write-for-us/"}
    row = guest["http://brewblog.test/write-for-us/"]
    assert row["score"] >= 0.5 and "write for us" in row["reasons"].lower()
    assert row["site"] == "brewblog.test" and row["title"].startswith("Write for Us")
    ads = db["pages"].get("http://brewads.test/advertise/")
    assert ads["prospect_kind"] is None  # sponsored pricing is told apart


def test_junk_duplicates_own_and_competitor_domains_and_the_site_cap(searxng_run):
    result, _server, hits = searxng_run
    crawled_hosts = {h for _m, h, _p in hits}
    assert not crawled_hosts & {"mine.test"}
    seeds = {row["url"] for row in result.db["pages"].rows if row["found_by"]}
    junk = ("facebook", "youtube", "twitter", "mine.test", "rival.test", "/tag/", "/category/",
            "threads", ".pdf", "/search")  # fmt: skip
    assert not any(h in url for url in seeds for h in junk)
    assert len([u for u in seeds if "bigsite.test" in u]) == 2  # at most 2 per site
    assert "searx.test" not in {row["site"] for row in result.db["pages"].rows}


def test_searxng_queries_pages_and_operators(searxng_run):
    _result, server, _hits = searxng_run
    queries = {q for p, q, _ in server.asked}
    assert '"home brewing" intitle:resources' in queries
    assert "kombucha inurl:links" in queries  # SearXNG passes operators to its engines
    assert '"home brewing" "write for us"' in queries
    assert all(params["format"] == "json" for _p, _q, params in server.asked)
    pages = {(q, params["pageno"]) for _p, q, params in server.asked}
    assert ('"home brewing" intitle:resources', "2") in pages  # 15 results: a second page
    assert not any(n == "3" for _q, n in pages)  # LINKPROSPECTOR_SEARCH_PAGES = 2


def test_searches_are_remembered_with_their_results(searxng_run):
    db = searxng_run[0].db
    rows = list(db["searches"].rows)
    assert len(rows) == len({r["query"] for r in rows}) >= 20
    first = next(r for r in rows if r["query"] == '"home brewing" intitle:resources')
    assert first["provider"] == "searxng" and first["kind"] == "resource" and first["pages"] == 2
    assert json.loads(first["result_urls"])[0] == "http://brewlinks.test/resources/"


def test_a_second_run_within_the_window_spends_no_searches(tmp_path):
    server = SearchServer()
    with search_web(server) as web:
        first = crawl(tmp_path, web, searxng())
        assert first.returncode == 0, first.stderr[-2000:]
        asked = len(server.asked)
        again = crawl(tmp_path, web, searxng(LINKPROSPECTOR_RECRAWL_PAGES_DAYS="0"))
        assert again.returncode == 0, again.stderr[-2000:]
        assert len(server.asked) == asked  # all remembered
        assert "remembered from the last 7 days" in again.stderr
        forced = crawl(tmp_path, web, searxng(), args={"research": "all"})
        assert forced.returncode == 0
        assert len(server.asked) == 2 * asked
    db = sqlite_utils.Database(tmp_path / "crawl.db")
    assert db["searches"].count == 2 * len({q for _p, q, _ in server.asked})


def test_brave_end_to_end_with_its_key_pace_and_operators(tmp_path):
    server = SearchServer(brave_limit="5, 2000")
    with search_web(server) as web:
        result = crawl(tmp_path, web, brave())
    assert result.returncode == 0, result.stderr[-3000:]
    assert set(server.tokens) == {GOOD_KEY}
    queries = [q for _p, q, _ in server.asked]
    assert not any("inurl:" in q for q in queries)  # Brave has no inurl: operator
    assert '"home brewing" intitle:resources' in queries and "kombucha intitle:resources" in queries
    assert all(p["count"] == "20" and p["offset"] == "0" for _x, _q, p in server.asked)
    gaps = [b - a for a, b in zip(server.times, server.times[1:], strict=False)]
    assert gaps and min(gaps) >= 0.15  # X-RateLimit-Limit 5/s: at most one request per 0.2 s
    db = result.db
    assert "http://brewlinks.test/resources/" in {r["url"] for r in db["prospects"].rows}
    assert {r["url"] for r in db["guest_posts"].rows} == {"http://brewblog.test/write-for-us/"}


def test_brave_free_plan_pace_is_one_request_a_second(tmp_path):
    server = SearchServer(brave_limit="1, 2000")
    settings = brave(LINKPROSPECTOR_SEARCH_RESOURCE_FOOTPRINTS="intitle:resources",
                     LINKPROSPECTOR_SEARCH_GUEST_FOOTPRINTS='"write for us"')  # fmt: skip
    with search_web(server) as web:
        result = crawl(tmp_path, web, settings, args={"keywords": "home brewing"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(server.times) == 2
    assert server.times[1] - server.times[0] >= 0.9


@pytest.mark.parametrize(
    ("server", "provider", "key", "code", "message"),
    [
        (SearchServer(json_enabled=False), "searxng", None, 1, "search.formats in its settings"),
        (SearchServer(), "brave", "bad-key", 1,
         "Brave Search rejected the API key (HTTP 401, SUBSCRIPTION_TOKEN_INVALID)"),
        (SearchServer(brave_quota_left=0), "brave", GOOD_KEY, 1,
         "Brave Search quota is used up (HTTP 429, QUOTA_LIMITED)"),
    ],
    ids=["searxng json off", "brave bad key", "brave quota"],
)  # fmt: skip
def test_provider_refusals_are_one_clear_line_and_a_non_zero_exit(
    tmp_path, server, provider, key, code, message
):
    settings = searxng() if provider == "searxng" else brave()
    with search_web(server) as web:
        result = crawl(tmp_path, web, settings, key=key)
    assert result.returncode == code, result.stderr[-2000:]
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("linkprospector: error: ") and message in last
    assert "Traceback" not in result.stderr
    assert len({q for _p, q, _ in server.asked}) == 1  # stopped asking after the refusal


@pytest.mark.parametrize("retry_after", ["1", None])
def test_searxng_limiter_is_backed_off_and_said(tmp_path, retry_after):
    server = SearchServer(refuse_first=2, retry_after=retry_after)
    settings = searxng(LINKPROSPECTOR_SEARCH_RESOURCE_FOOTPRINTS="intitle:resources",
                       LINKPROSPECTOR_SEARCH_GUEST_FOOTPRINTS='"write for us"')  # fmt: skip
    with search_web(server) as web:
        result = crawl(tmp_path, web, settings, args={"keywords": "home brewing"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "refused us (HTTP 429)" in result.stderr
    assert ("waiting 1 s as it asks" if retry_after else "backing off") in result.stderr
    assert server.times[2] - server.times[0] >= (2.0 if retry_after else 0.6)
    assert "http://brewlinks.test/resources/" in {r["url"] for r in result.db["prospects"].rows}


def test_brave_rate_limit_429_is_retried_after_its_reset(tmp_path):
    server = SearchServer(refuse_first=1, brave_limit="5, 2000")
    with search_web(server) as web:
        result = crawl(tmp_path, web, brave(), args={"keywords": "home brewing"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Brave Search rate limit (HTTP 429, RATE_LIMITED)" in result.stderr
    assert server.times[1] - server.times[0] >= 0.9  # X-RateLimit-Reset: 1 s
    assert "http://brewlinks.test/resources/" in {r["url"] for r in result.db["prospects"].rows}


def test_brave_422_is_a_warning_line_and_the_crawl_goes_on(tmp_path):
    server = SearchServer(brave_422=True)
    with search_web(server) as web:
        result = crawl(
            tmp_path, web, brave(),
            args={"keywords": "home brewing", "seeds": "http://brewlinks.test/resources/"},
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Brave Search could not take the query (HTTP 422: Unable to validate" in result.stderr


@pytest.mark.parametrize(
    ("settings", "key", "message"),
    [
        ({}, None, "keywords need a search provider"),
        ({"LINKPROSPECTOR_SEARCH": "google"}, None, "unknown LINKPROSPECTOR_SEARCH 'google'"),
        ({"LINKPROSPECTOR_SEARCH": "searxng"}, None, "needs LINKPROSPECTOR_SEARXNG_URL"),
        ({"LINKPROSPECTOR_SEARCH": "brave"}, "", "needs BRAVE_API_KEY in the environment"),
    ],
)
def test_without_a_provider_or_key_one_line_and_exit_2(tmp_path, settings, key, message):
    result = run_crawl(tmp_path, None, args={"keywords": "home brewing"}, settings=settings,
                       env={"BRAVE_API_KEY": key} if key is not None else None)  # fmt: skip
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if "error" in line.lower()]
    assert len(errors) == 1 and errors[0].startswith("linkprospector: error: ")
    assert message in errors[0] and "Traceback" not in result.stderr


def test_nightly_discovery_table_and_the_guest_posts_sheet(tmp_path):
    server = SearchServer()
    with search_web(server) as web:
        config = nightly_config(
            tmp_path,
            web,
            'db = "niche.db"\n\n[discovery]\nkeywords = ["home brewing"]\nprovider = "searxng"\n'
            'searxng_url = "http://searx.test"\npages_per_query = 1\nwindow_days = 3\n'
            'resource_footprints = ["intitle:resources"]\nguest_footprints = [\'"write for us"\']\n'
            'mine = "mine.test"',
        )
        proc = cli("nightly", "--config", str(config), cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "[discovery] resource_pages" in proc.stdout
    assert sorted(q for _p, q, _ in server.asked) == [
        '"home brewing" "write for us"',
        '"home brewing" intitle:resources',
    ]
    assert {params["pageno"] for _p, _q, params in server.asked} == {"1"}
    out = tmp_path / "sheets"
    db = str(tmp_path / "niche.db")
    export = cli("export", "--db", db, "--format", "csv", "--out", str(out), cwd=tmp_path)
    assert export.returncode == 0, export.stderr
    with open(out / "guest_posts.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["URL"] for r in rows] == ["http://brewblog.test/write-for-us/"]
    assert rows[0]["Found by"] == '"home brewing" "write for us"'
    assert rows[0]["Best contact"] and rows[0]["Status"] == "new"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[discovery]\nprovider = "searxng"\n', "[discovery] needs keywords"),
        ('[discovery]\nkeywords = ["a"]\npages = 2\n', "unknown key(s) in [discovery]: pages"),
        ('[discovery]\nkeywords = ["a"]\npages_per_query = "2"\n', "pages_per_query must be a int"),
    ],
)
def test_bad_discovery_table_is_one_line_and_exit_2(tmp_path, table, message):
    config = tmp_path / "niche.toml"
    config.write_text(table)
    proc = cli("nightly", "--config", str(config), cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
