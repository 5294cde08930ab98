"""PoliteDownloader: every request to a host counts against its cap, and a host that
answers 429 gets fewer concurrent requests afterwards, not more.

Scrapy 2.19's downloader lets a slot (host) take more requests than its concurrency: its
queue loop checks ``free_transfer_slots()`` but a request only counts as transferring
once its download coroutine starts, so a slot's whole queue leaves at once (seen: 114
requests in flight to a host capped at 2). Here a request counts from the moment it
leaves the slot's queue until its download ends. That covers everything that goes
through the downloader: link checks, retries, redirect hops, soft-404 probes,
browser-header confirmations, robots.txt, contact pages, crawled and rendered pages.

A host that never answers costs one timeout, not a queue of them: once
``LINKPROSPECTOR_HOST_TIMEOUTS_MAX`` downloads from a host timed out, the requests still
waiting for that host fail at once with a timeout instead of each waiting out its own.

Adaptive per-host backoff: a 429 (or a 503 with ``Retry-After``) puts the host on one
request at a time, spaced by its ``Retry-After`` (capped by
``LINKPROSPECTOR_RETRY_AFTER_MAX``) or by ``LINKPROSPECTOR_RETRY_BACKOFF``; after
:data:`RECOVER_AFTER` good answers in a row the spacing halves, and once it is gone the
host gets its concurrency back. The state outlives Scrapy's idle-slot cleanup, and with
``LINKPROSPECTOR_HOST_STATE`` (a JSON file) it outlives the crawl: read at the start, written
when the engine stops, so the next job of a sharded run honours it on another machine.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass
from time import monotonic
from typing import Any

from scrapy import Request, signals
from scrapy.core.downloader import Downloader, Slot
from scrapy.exceptions import DownloadTimeoutError
from scrapy.http import Response
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import _process_pending_io, _schedule_coro
from twisted.internet import error as tx_error
from twisted.python.failure import Failure

from linkprospector.config import Config
from linkprospector.crawl.check_requests import retry_delay

logger = logging.getLogger("linkprospector")

#: Good answers in a row after which a throttled host's spacing halves.
RECOVER_AFTER = 10
#: Spacing below which a throttled host is back to normal.
MIN_SPACING = 0.05


@dataclass
class _Throttle:
    """What a host that answered 429 is allowed now."""

    spacing: float
    good: int = 0


class PoliteDownloader(Downloader):
    """Scrapy's downloader with an exact per-host cap and 429 backoff (module docstring)."""

    def __init__(self, crawler: Any):
        super().__init__(crawler)
        self.retry_after_max = Config.of(crawler).retry_after_max
        self.backoff = Config.of(crawler).retry_backoff or 1.0
        self.throttled: dict[str, _Throttle] = {}
        self.host_timeouts_max = Config.of(crawler).host_timeouts_max
        self.host_timeouts: Counter[str] = Counter()
        self.most_in_flight = 0
        self.stats = crawler.stats
        crawler.signals.connect(self._response_downloaded, signal=signals.response_downloaded)
        self.state_file = Config.of(crawler).host_state
        self.loaded_hosts: set[str] = set()
        if self.state_file:
            self._load_state()
            crawler.signals.connect(self._save_state, signal=signals.engine_stopped)

    def _load_state(self) -> None:
        """Throttles and hang counts an earlier job left (a missing file: none)."""
        try:
            with open(self.state_file, encoding="utf-8") as handle:
                state = json.load(handle)
        except (OSError, ValueError):
            return
        for host, entry in state.items():
            if not isinstance(entry, dict):
                continue
            self.loaded_hosts.add(host)
            spacing = entry.get("spacing")
            if isinstance(spacing, int | float) and spacing > 0:
                self.throttled[host] = _Throttle(spacing=float(spacing))
            timeouts = entry.get("timeouts")
            if isinstance(timeouts, int) and timeouts > 0:
                self.host_timeouts[host] = timeouts

    def _save_state(self) -> None:
        # Loaded hosts are written back even when they recovered (spacing 0 clears them).
        hosts = self.loaded_hosts | set(self.throttled)
        hosts |= {h for h, n in self.host_timeouts.items() if n}
        state = {
            host: {
                "spacing": self.throttled[host].spacing if host in self.throttled else 0,
                "timeouts": self.host_timeouts.get(host, 0),
            }
            for host in sorted(hosts)
        }
        try:
            with open(self.state_file, "w", encoding="utf-8") as handle:
                json.dump(state, handle)
        except OSError as exc:
            logger.warning("could not keep the hosts' back-off state: %s", exc)

    def _get_slot(self, request: Request, spider: Any = None) -> tuple[str, Slot]:
        key, slot = super()._get_slot(request)
        throttle = self.throttled.get(key)
        if throttle is not None:  # a new slot for a host we throttled before
            slot.concurrency = 1
            slot.delay = max(slot.delay, throttle.spacing)
        return key, slot

    def _process_queue(self, slot: Slot) -> None:
        # Scrapy's loop, except that a request counts as transferring as soon as it
        # leaves the queue (its download coroutine only starts later).
        if slot.latercall:
            return
        now = monotonic()
        delay = slot.download_delay()
        if delay:
            penalty = delay - now + slot.lastseen
            if penalty > 0:
                slot.latercall = call_later(penalty, self._latercall, slot)
                return
        while slot.queue and slot.free_transfer_slots() > 0:
            slot.lastseen = now
            request, queue_dfd = slot.queue.popleft()
            if self._hanging(request):
                queue_dfd.errback(Failure(DownloadTimeoutError("host keeps timing out")))
                continue
            slot.transferring.add(request)
            if len(slot.transferring) > self.most_in_flight:
                self.most_in_flight = len(slot.transferring)
                self.stats.max_value(
                    "linkprospector/politeness/max_in_flight_per_host", self.most_in_flight
                )
            _schedule_coro(self._wait_for_download(slot, request, queue_dfd))
            if delay:
                self._process_queue(slot)
                break

    async def _download(self, slot: Slot, request: Request) -> Response:
        # Scrapy's _download, with a timeout counted before the slot takes its next request.
        slot.transferring.add(request)
        try:
            response: Response = await self.handlers.download_request_async(request)
            self.signals.send_catch_log(
                signal=signals.response_downloaded,
                response=response,
                request=request,
                spider=self.crawler.spider,
            )
            return response
        except Exception as exc:
            if isinstance(exc, DownloadTimeoutError | tx_error.TimeoutError | TimeoutError):
                self.host_timeouts[self.get_slot_key(request)] += 1
            await _process_pending_io()
            raise
        finally:
            slot.transferring.discard(request)
            self._process_queue(slot)
            self.signals.send_catch_log(
                signal=signals.request_left_downloader,
                request=request,
                spider=self.crawler.spider,
            )

    def _hanging(self, request: Request) -> bool:
        """Has this request's host timed out too often to be asked again this run?"""
        if not self.host_timeouts_max:
            return False
        return self.host_timeouts[self.get_slot_key(request)] >= self.host_timeouts_max

    def _response_downloaded(self, response: Response, request: Request, **_: Any) -> None:
        """Adapt the host's slot before it takes its next request."""
        key = self.get_slot_key(request)
        slot = self.slots.get(key)
        status = response.status
        retry_after = response.headers.get(b"Retry-After")
        if status == 429 or (status == 503 and retry_after):
            self._throttle(key, slot, retry_after)
            return
        throttle = self.throttled.get(key)
        if throttle is None or status >= 500:
            return
        throttle.good += 1
        if throttle.good < RECOVER_AFTER:
            return
        throttle.good = 0
        throttle.spacing /= 2
        if throttle.spacing < MIN_SPACING:
            del self.throttled[key]
            if slot is not None:
                slot.concurrency = self.domain_concurrency or slot.concurrency
                slot.delay = self._delay
            self.stats.inc_value("linkprospector/politeness/recovered")
        elif slot is not None:
            slot.delay = throttle.spacing

    def _throttle(self, key: str, slot: Slot | None, retry_after: bytes | None) -> None:
        wait = retry_delay(retry_after, 2, self.backoff, self.retry_after_max)
        throttle = self.throttled.get(key)
        if throttle is None:
            throttle = self.throttled[key] = _Throttle(spacing=wait)
            self.stats.inc_value("linkprospector/politeness/throttled_hosts")
            logger.info(
                "%s answered 429: one request at a time, %.1f s apart, until it recovers",
                key,
                wait,
            )
        else:
            throttle.spacing = max(throttle.spacing, wait)
            throttle.good = 0
        self.stats.inc_value("linkprospector/politeness/rate_limited")
        if slot is not None:
            slot.concurrency = 1
            slot.delay = max(slot.delay, throttle.spacing)
