"""The outage guard as a unit: built with build_from_crawler and fed
hand-made check requests and final responses; end-to-end runs are in test_verdicts_outage."""

from __future__ import annotations

import asyncio
import time

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from linkprospector.crawl.check_requests import (
    CHECK,
    FINAL_FLAG,
    make_check_request,
    observation_from_state,
)
from linkprospector.judge.verdicts import classify_check
from linkprospector.middlewares.outage import OutageGuardDownloaderMiddleware

SETTINGS = {"LINKPROSPECTOR_CANARY_URL": "http://canary.test/"}


def guard(**settings) -> OutageGuardDownloaderMiddleware:
    crawler = get_crawler(settings_dict={**SETTINGS, **settings})
    return build_from_crawler(OutageGuardDownloaderMiddleware, crawler)


def finished(url: str, error: str | None = None, status: int = 200):
    """A check request whose linkcheck middleware has finished, and its final response."""
    request = make_check_request(url, None, None)
    state = request.meta[CHECK]
    if error is None:
        state["chain"].append(["GET", status, url])
        response = Response(url, status=status, request=request)
    else:
        response = Response(url, status=0, request=request, flags=[FINAL_FLAG])
    state["observation"] = observation_from_state(state, None, error, "")
    return request, response


def run(mw, request, response):
    return asyncio.run(mw.process_response(request, response))


@pytest.mark.parametrize(
    "settings",
    [{"LINKPROSPECTOR_OUTAGE_GUARD": "0"}, {"LINKPROSPECTOR_HOSTILE_CHECKS": "0"}],
)
def test_switched_off_it_is_not_configured(settings):
    with pytest.raises(NotConfigured):
        guard(**settings)


def test_answers_and_other_errors_pass_untouched():
    mw = guard()
    mw.down = "every reference failed"  # even then: no network error, nothing to hold
    for error, status in ((None, 404), ("timeout", 0), ("redirect_loop", 0)):
        request, response = finished("http://a.test/x", error, status)
        before = request.meta[CHECK]["observation"]
        assert run(mw, request, response) is response
        assert request.meta[CHECK]["observation"] is before


@pytest.mark.parametrize("error", ["dns", "refused"])
def test_a_network_error_while_the_network_is_down_becomes_unknown(error):
    mw = guard()
    mw.down = "canary.test: lookup failed"
    request, response = finished("http://gone.test/", error)
    run(mw, request, response)
    observation = request.meta[CHECK]["observation"]
    assert observation.error == error  # what was seen is kept
    assert observation.findings["network_down"] == "canary.test: lookup failed"
    assert classify_check(observation).reason == "network_down"
    assert mw.stats.get_value("linkprospector/outage/withheld_dead") == 1
    assert mw.held[error] == 1


@pytest.mark.parametrize("error", ["dns", "refused"])
def test_a_network_error_after_a_passed_health_check_stays_dead(error):
    mw = guard()
    mw.last_ok_start = time.monotonic() + 60  # a check that started after the failure passed
    request, response = finished("http://gone.test/", error)
    run(mw, request, response)
    observation = request.meta[CHECK]["observation"]
    assert "network_down" not in observation.findings
    assert classify_check(observation).verdict == "dead"


def test_once_down_no_check_request_goes_out():
    mw = guard()
    mw.down = "all references failed"
    request = make_check_request("http://later.test/", None, None)
    response = asyncio.run(mw.process_request(request))
    assert FINAL_FLAG in response.flags
    observation = request.meta[CHECK]["observation"]
    assert classify_check(observation).reason == "network_down"
    assert (
        asyncio.run(mw.process_request(make_check_request("http://b.test/", None, None)))
        is not None
    )


def test_pages_are_never_held():
    mw = guard()
    mw.down = "down"
    page = Response("http://site.test/", status=200)
    request = Request("http://site.test/")
    assert asyncio.run(mw.process_request(request)) is None
    assert run(mw, request, page) is page
