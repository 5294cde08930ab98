"""LinkCheckDownloaderMiddleware built with build_from_crawler and fed hand-made requests
and responses: HEAD fallback, redirects and loops, Retry-After, the
body cap, and how a final answer becomes an observation."""

from __future__ import annotations

import asyncio

import pytest
from scrapy.exceptions import StopDownload
from scrapy.http import HtmlResponse, Response
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from linkprospector.crawl.check_requests import CHECK, FINAL_FLAG, make_check_request
from linkprospector.judge.verdicts import classify_check
from linkprospector.middlewares.linkcheck import LinkCheckDownloaderMiddleware

SETTINGS = {
    "LINKPROSPECTOR_CHECK_RETRIES": 2,
    "LINKPROSPECTOR_RETRY_BACKOFF": 1.0,
    "LINKPROSPECTOR_RETRY_AFTER_MAX": 5.0,
    "LINKPROSPECTOR_MAX_REDIRECTS": 3,
    "LINKPROSPECTOR_CHECK_MAXSIZE": 1000,
    "LINKPROSPECTOR_CHECK_TIMEOUT": 20,
    "LINKPROSPECTOR_HOSTILE_CHECKS": False,  # the plain HTTP path only
}


def middleware() -> LinkCheckDownloaderMiddleware:
    return build_from_crawler(LinkCheckDownloaderMiddleware, get_crawler(settings_dict=SETTINGS))


def respond(mw, request, status: int, headers: dict | None = None, body: bytes = b""):
    async def run():
        response = Response(request.url, status=status, headers=headers or {}, request=request)
        return await mw.process_response(request, response)

    return asyncio.run(run())


def check(url: str = "http://a.test/page", method: str = "GET"):
    return make_check_request(url, None, None, method=method)


def test_head_refused_falls_back_to_get():
    mw = middleware()
    request = check(method="HEAD")
    follow = respond(mw, request, 405)
    assert follow.method == "GET" and follow.url == request.url
    assert follow.meta[CHECK]["head_status"] == 405


def test_a_redirect_is_followed_by_the_middleware_and_recorded():
    mw = middleware()
    request = check()
    follow = respond(mw, request, 301, {"Location": "/new"})
    assert follow.url == "http://a.test/new"
    final = respond(mw, follow, 200)
    observation = final.meta[CHECK]["observation"]
    assert [(hop.status, hop.url) for hop in observation.chain] == [
        (301, "http://a.test/page"),
        (200, "http://a.test/new"),
    ]
    assert classify_check(observation).reason == "redirect_ok"


def test_a_redirect_loop_ends_the_check_dead():
    mw = middleware()
    first = respond(mw, check(), 302, {"Location": "/b"})
    back = respond(mw, first, 302, {"Location": "/page"})
    assert FINAL_FLAG in back.flags
    observation = back.meta[CHECK]["observation"]
    assert observation.error == "redirect_loop"
    assert (classify_check(observation).verdict, classify_check(observation).reason) == (
        "dead",
        "redirect_loop",
    )


def test_too_many_redirects():
    mw = middleware()
    request = check()
    for hop in range(5):
        request = respond(mw, request, 301, {"Location": f"/hop{hop}"})
        if FINAL_FLAG in getattr(request, "flags", []):
            break
    assert request.meta[CHECK]["observation"].error == "too_many_redirects"


@pytest.mark.parametrize(("retry_after", "delay"), [("3", 3.0), ("600", 5.0), (None, 1.0)])
def test_a_429_is_retried_after_its_retry_after_capped(retry_after, delay):
    mw = middleware()
    headers = {"Retry-After": retry_after} if retry_after else {}
    again = respond(mw, check(), 429, headers)
    state = again.meta[CHECK]
    assert again.url == "http://a.test/page" and again.dont_filter
    assert state["attempt"] == 2 and state["delay"] == pytest.approx(delay)
    assert state["chain"] == []  # the retried answer is not part of the chain


def test_after_the_last_retry_the_status_stands():
    mw = middleware()
    request = check()
    for _ in range(3):
        request = respond(mw, request, 503)
    observation = request.meta[CHECK]["observation"]
    assert observation.status == 503 and request.meta[CHECK]["attempt"] == 3
    assert classify_check(observation).reason == "http_503"


def test_the_body_is_cut_at_the_cap():
    mw = middleware()
    request = check()
    mw.bytes_received(b"x" * 600, request)
    with pytest.raises(StopDownload):
        mw.bytes_received(b"x" * 600, request)


def test_a_final_answer_keeps_the_start_of_its_body():
    mw = middleware()
    request = check()

    async def run():
        response = HtmlResponse(
            request.url, status=200, body=b"<title>Hello</title>", request=request
        )
        return await mw.process_response(request, response)

    final = asyncio.run(run())
    observation = final.meta[CHECK]["observation"]
    assert "Hello" in observation.body_text and observation.status == 200


def test_requests_that_are_not_checks_pass_untouched():
    from scrapy import Request

    mw = middleware()
    page = Request("http://a.test/")
    response = Response(page.url, status=404, request=page)
    assert asyncio.run(mw.process_response(page, response)) is response
    assert asyncio.run(mw.process_request(page)) is None
