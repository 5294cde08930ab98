"""Table tests of the pure parts: footprints per provider, results to seeds, and
what each provider answer means."""

from __future__ import annotations

import json

import pytest

from linkprospector.discovery.footprints import adapt_footprint, build_queries, parse_keywords
from linkprospector.discovery.search_providers import (
    Provider,
    brave_wait,
    interpret,
    search_request,
)
from linkprospector.discovery.search_results import junk_reason, select_seeds
from linkprospector.inputs.spider_args import ArgumentError

SEARX = Provider("searxng", "http://localhost:8888/")
BRAVE = Provider("brave", "https://api.search.brave.com/res/v1/web/search", "k")


@pytest.mark.parametrize(
    ("footprint", "provider", "sent"),
    [
        ("inurl:links", "searxng", "inurl:links"),
        ("inurl:links", "brave", None),  # Brave has no inurl: - dropped, not sent blindly
        ('inurl:resources "links"', "brave", '"links"'),
        ('intitle:"useful links"', "brave", 'intitle:"useful links"'),
        ('"write for us" -site:pinterest.com', "brave", '"write for us" -site:pinterest.com'),
        ("inbody:guest", "searxng", None),
    ],
)
def test_footprints_per_provider(footprint, provider, sent):
    assert adapt_footprint(footprint, provider) == sent


def test_queries_combine_keywords_and_footprints_once():
    queries = build_queries(["home brewing", "kombucha"], "brave", ("intitle:resources", "inurl:links"), ('"write for us"',))  # fmt: skip
    assert [q.text for q in queries] == [
        '"home brewing" intitle:resources',
        '"home brewing" "write for us"',
        "kombucha intitle:resources",
        'kombucha "write for us"',
    ]
    assert [q.kind for q in queries] == ["resource", "guest_post"] * 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, []), ("home brewing, kombucha", ["home brewing", "kombucha"]),
     ("  cider  press ,Cider Press", ["cider press"]), (["a", "b"], ["a", "b"])],
)  # fmt: skip
def test_keywords(value, expected):
    assert parse_keywords(value) == expected


@pytest.mark.parametrize("value", [" , ", 'say "hi"', "x" * 101])
def test_bad_keywords_are_one_line(value):
    with pytest.raises(ArgumentError):
        parse_keywords(value)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://brewlinks.example/resources/", None),
        ("https://www.facebook.com/groups/x", "social"),
        ("https://m.youtube.com/watch?v=1", "video"),
        ("https://blog.example/tag/beer/", "tag"),
        ("https://blog.example/category/beer/", "category"),
        ("https://forum.example/threads/12-yeast", "forum"),
        ("https://forum.example/viewtopic.php?t=3", "forum"),
        ("https://site.example/search?q=beer", "search"),
        ("https://site.example/?s=beer", "search"),
        ("https://site.example/guide.PDF", "document"),
        ("https://www.bing.com/search?q=x", "search_engine"),
        ("ftp://files.example/", "not_web"),
        ("https://blog.example/2024/05/", "archive"),
    ],
)
def test_junk_results(url, reason):
    assert junk_reason(url) == reason


def test_seeds_are_deduplicated_capped_and_exclude_domains():
    found = [
        ("q1", ["https://a.example/x", "https://a.example/x#top", "https://mine.example/", "https://a.example/y"]),
        ("q2", ["https://a.example/z", "https://b.example/", "https://www.rival.example/links"]),
    ]  # fmt: skip
    seeds, dropped = select_seeds(found, {"mine.example", "rival.example"}, per_site=2)
    assert [(s.url, s.query, s.rank) for s in seeds] == [
        ("https://a.example/x", "q1", 1),
        ("https://a.example/y", "q1", 4),
        ("https://b.example/", "q2", 2),
    ]
    assert dropped == {"duplicate": 1, "excluded_domain": 2, "per_site_cap": 1}


def test_requests_as_the_providers_document():
    url, headers = search_request(SEARX, "home brewing intitle:resources", 2)
    assert (
        url
        == "http://localhost:8888/search?q=home+brewing+intitle%3Aresources&format=json&pageno=2"
    )
    url, headers = search_request(BRAVE, "kombucha", 3)
    assert url.endswith("/web/search?q=kombucha&count=20&offset=2")
    assert headers["X-Subscription-Token"] == "k"


def brave_error(code: str) -> bytes:
    return json.dumps({"type": "ErrorResponse", "error": {"code": code, "detail": "d"}}).encode()


@pytest.mark.parametrize(
    ("provider", "status", "headers", "body", "stop", "retry", "retry_after", "words"),
    [
        (SEARX, 403, {}, b"", True, False, None, "search.formats"),
        (SEARX, 429, {"retry-after": "7"}, b"", False, True, 7.0, "waiting 7 s"),
        (SEARX, 429, {}, b"", False, True, None, "backing off"),
        (SEARX, 502, {}, b"", False, False, None, "HTTP 502"),
        (SEARX, 200, {}, b"<html>", False, False, None, "did not answer with its JSON"),
        (BRAVE, 401, {}, brave_error("SUBSCRIPTION_TOKEN_INVALID"), True, False, None, "BRAVE_API_KEY"),
        (BRAVE, 403, {}, b"", True, False, None, "rejected the API key"),
        (BRAVE, 422, {}, brave_error("VALIDATION"), False, False, None, "HTTP 422: d"),
        (BRAVE, 429, {"x-ratelimit-reset": "2, 99"}, brave_error("RATE_LIMITED"), False, True, 2.0, "RATE_LIMITED"),
        (BRAVE, 429, {"x-ratelimit-remaining": "0, 0"}, brave_error("RATE_LIMITED"), True, False, None, "quota"),
        (BRAVE, 429, {}, brave_error("QUOTA_LIMITED"), True, False, None, "quota is used up"),
    ],
)  # fmt: skip
def test_what_answers_mean(provider, status, headers, body, stop, retry, retry_after, words):
    answer = interpret(provider, status, headers, body, 1)
    assert (answer.stop, answer.retry, answer.retry_after) == (stop, retry, retry_after)
    assert words in answer.problem and "\n" not in answer.problem


def test_results_and_pagination():
    body = json.dumps({"results": [{"url": "https://a.example/", "title": "A", "content": "c", "engine": "bing"}, {"title": "no url"}]}).encode()  # fmt: skip
    answer = interpret(SEARX, 200, {}, body, 1)
    assert [r.url for r in answer.results] == ["https://a.example/"] and answer.more
    assert not interpret(SEARX, 200, {}, b'{"results": []}', 3).more
    brave = json.dumps({"query": {"more_results_available": False}, "web": {"results": [{"url": "https://b.example/", "title": "B", "description": "d"}]}}).encode()  # fmt: skip
    answer = interpret(BRAVE, 200, {"x-ratelimit-limit": "1, 2000"}, brave, 1)
    assert [r.snippet for r in answer.results] == ["d"] and not answer.more and answer.wait == 1.0


@pytest.mark.parametrize(
    ("headers", "wait"),
    [({}, 1.0), ({"x-ratelimit-limit": "20, 20000000"}, 0.05),
     ({"x-ratelimit-limit": "1, 2000", "x-ratelimit-remaining": "0, 5", "x-ratelimit-reset": "3, 9"}, 3.0)],
)  # fmt: skip
def test_brave_pace_from_its_headers(headers, wait):
    assert brave_wait(headers) == wait
