"""The garbage-collector tuning: setting parsing, and what a crawl does to the collector."""

from __future__ import annotations

import gc

import pytest
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from linkprospector.crawl.gctune import GarbageCollectorExtension, parse_threshold


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("50000,20,10", (50000, 20, 10)),
        (" 700 , 10 , 10 ", (700, 10, 10)),
        ([2000, 5, 5], (2000, 5, 5)),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_parse_threshold(value, expected):
    assert parse_threshold(value) == expected


@pytest.mark.parametrize("value", ["lots", "1,2", "1,2,3,4", "0,10,10", "700,-1,10", "7e2,1,1"])
def test_parse_threshold_refuses(value):
    with pytest.raises(ValueError, match="LINKPROSPECTOR_GC_THRESHOLD"):
        parse_threshold(value)


def test_threshold_raised_during_the_crawl_and_restored_after():
    before = gc.get_threshold()
    crawler = get_crawler(settings_dict={"LINKPROSPECTOR_GC_THRESHOLD": "40000,15,5"})
    extension = GarbageCollectorExtension.from_crawler(crawler)
    assert extension.threshold == (40000, 15, 5)
    survivor = [object()]  # exists before the engine starts: frozen with the rest
    try:
        crawler.signals.send_catch_log(signal=signals.engine_started)
        assert gc.get_threshold() == (40000, 15, 5)
        assert gc.get_freeze_count() > 0
        assert not any(obj is survivor for obj in gc.get_objects())
    finally:
        crawler.signals.send_catch_log(signal=signals.engine_stopped)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
    assert any(obj is survivor for obj in gc.get_objects())


def test_crawlers_sharing_a_process_restore_the_collector_when_the_last_one_stops():
    before = gc.get_threshold()
    first, second = (
        get_crawler(settings_dict={"LINKPROSPECTOR_GC_THRESHOLD": "40000,15,5"}) for _ in "12"
    )
    # signal receivers are weak references: the crawler keeps its extensions, so do we
    extensions = [GarbageCollectorExtension.from_crawler(c) for c in (first, second)]
    assert len(extensions) == 2
    try:
        first.signals.send_catch_log(signal=signals.engine_started)
        second.signals.send_catch_log(signal=signals.engine_started)
        first.signals.send_catch_log(signal=signals.engine_stopped)
        assert gc.get_threshold() == (40000, 15, 5)  # the second crawl still runs
        assert gc.get_freeze_count() > 0
    finally:
        second.signals.send_catch_log(signal=signals.engine_stopped)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_cycles_are_still_collected_during_the_crawl():
    crawler = get_crawler(settings_dict={"LINKPROSPECTOR_GC_THRESHOLD": "1000,10,10"})
    extension = GarbageCollectorExtension.from_crawler(crawler)
    crawler.signals.send_catch_log(signal=signals.engine_started)
    try:
        collected = []

        class Node:
            def __del__(self):
                collected.append(1)

        for _ in range(200):  # 200 unreachable cycles: more than the threshold allows
            a, b = Node(), Node()
            a.other, b.other = b, a
            del a, b
        kept = [[] for _ in range(3000)]  # net allocations past the first threshold
        assert kept
        assert gc.get_threshold() == extension.threshold
        assert collected, "no cycle was collected while the crawl's thresholds were set"
    finally:
        crawler.signals.send_catch_log(signal=signals.engine_stopped)


def test_empty_setting_leaves_the_collector_alone():
    crawler = get_crawler(settings_dict={"LINKPROSPECTOR_GC_THRESHOLD": ""})
    with pytest.raises(NotConfigured):
        GarbageCollectorExtension.from_crawler(crawler)
