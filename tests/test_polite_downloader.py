"""PoliteDownloader built on a real Crawler and fed hand-made requests and responses
: the 429 backoff and its recovery, the cap kept when a slot's queue
is drained, hanging hosts failing at once."""

from __future__ import annotations

import asyncio

import pytest
from scrapy import Request
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from linkprospector.crawl.polite_downloader import RECOVER_AFTER, PoliteDownloader


def in_a_loop(test):
    """Run the test body inside an asyncio loop (Scrapy's download handlers need one),
    with a fresh PoliteDownloader as its argument."""

    def run() -> None:
        async def body() -> None:
            crawler = get_crawler(
                settings_dict={
                    "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
                    "LINKPROSPECTOR_RETRY_AFTER_MAX": 4,
                    "LINKPROSPECTOR_RETRY_BACKOFF": 0.5,
                    # no network here: the slots are what is tested, not the handlers
                    "DOWNLOAD_HANDLERS": {s: None for s in ("http", "https", "s3", "ftp")},
                }
            )
            test(PoliteDownloader(crawler))
            await asyncio.sleep(0)

        asyncio.run(body())

    run.__name__, run.__doc__ = test.__name__, test.__doc__
    return run


def answer(downloader, url: str, status: int, headers: dict | None = None) -> None:
    request = Request(url)
    downloader._response_downloaded(
        Response(url, status=status, headers=headers or {}, request=request), request
    )


@in_a_loop
def test_a_429_puts_the_host_on_one_spaced_request(downloader):
    _, slot = downloader._get_slot(Request("http://busy.test/a"))
    assert slot.concurrency == 2 and slot.delay == 0
    answer(downloader, "http://busy.test/a", 429, {"Retry-After": "30"})
    assert slot.concurrency == 1
    assert slot.delay == 4  # Retry-After, capped by LINKPROSPECTOR_RETRY_AFTER_MAX
    _, other = downloader._get_slot(Request("http://calm.test/"))
    assert other.concurrency == 2 and other.delay == 0  # only that host


@in_a_loop
def test_without_retry_after_the_backoff_setting_spaces_requests(downloader):
    answer(downloader, "http://busy.test/a", 429)
    _, slot = downloader._get_slot(Request("http://busy.test/b"))
    assert (slot.concurrency, slot.delay) == (1, 0.5)


@in_a_loop
def test_good_answers_halve_the_spacing_and_then_restore_the_slots(downloader):
    answer(downloader, "http://busy.test/a", 429, {"Retry-After": "0.1"})
    _, slot = downloader._get_slot(Request("http://busy.test/a"))
    for _ in range(RECOVER_AFTER):
        answer(downloader, "http://busy.test/a", 200)
    assert slot.delay == pytest.approx(0.05) and slot.concurrency == 1
    for _ in range(RECOVER_AFTER):
        answer(downloader, "http://busy.test/a", 200)
    assert (slot.concurrency, slot.delay) == (2, 0)
    assert "busy.test" not in downloader.throttled


@in_a_loop
def test_a_new_slot_remembers_the_throttle(downloader):
    answer(downloader, "http://busy.test/a", 429, {"Retry-After": "2"})
    downloader.slots.clear()  # Scrapy drops idle slots after a minute
    _, slot = downloader._get_slot(Request("http://busy.test/b"))
    assert (slot.concurrency, slot.delay) == (1, 2)


@in_a_loop
def test_a_503_without_retry_after_is_not_a_rate_limit(downloader):
    answer(downloader, "http://flaky.test/a", 503)
    _, slot = downloader._get_slot(Request("http://flaky.test/a"))
    assert (slot.concurrency, slot.delay) == (2, 0)


@in_a_loop
def test_draining_a_queue_never_exceeds_the_cap(downloader):
    """Scrapy's loop counted a request only once its coroutine started: the whole queue
    left at once. Here every request leaving the queue counts at once."""
    from twisted.internet.defer import Deferred

    _, slot = downloader._get_slot(Request("http://busy.test/"))
    started = []

    async def hold(slot_, request, queue_dfd):  # stands in for the real download
        started.append(request)

    downloader._wait_for_download = hold
    for i in range(10):
        slot.queue.append((Request(f"http://busy.test/{i}"), Deferred()))
    downloader._process_queue(slot)
    assert len(slot.transferring) == 2 and len(slot.queue) == 8


@in_a_loop
def test_a_hanging_host_fails_its_waiting_requests_at_once(downloader):
    from twisted.internet.defer import Deferred

    downloader.host_timeouts["hang.test"] = downloader.host_timeouts_max
    _, slot = downloader._get_slot(Request("http://hang.test/"))
    failures = []
    waiting = Deferred()
    waiting.addErrback(failures.append)
    slot.queue.append((Request("http://hang.test/x"), waiting))
    downloader._process_queue(slot)
    assert len(failures) == 1 and "timing out" in str(failures[0].value)
    assert not slot.transferring
