"""A page is read in steps under a CPU budget; hostile pages are read in bounded time and
keep their links."""

from __future__ import annotations

import itertools
import time

import pytest

from linkprospector.config import DEFAULTS
from linkprospector.judge.page_reading import (
    OPTIONAL_STEPS,
    budget_note,
    read_page,
)
from tests.adversarial_pages import (
    ADVERSARIAL_PAGES,
    comments_after_empty_containers,
    news_front_page,
)

PAGE = news_front_page()


def _clock(step_cost: float):
    """A CPU clock on which every step costs ``step_cost`` seconds (start and end read)."""
    ticks = itertools.count()
    return lambda: ((next(ticks) + 1) // 2) * step_cost


@pytest.mark.parametrize(
    ("budget", "over", "skipped"),
    [
        (10.0, None, []),  # 8 steps of 1 s each fit
        (0.0, None, []),  # no budget
        (0.5, "parse", list(OPTIONAL_STEPS)),  # links still read, every judgement skipped
        (1.5, "links", list(OPTIONAL_STEPS)),
        (2.5, "soft404", ["render", "score", "guest_post", "contacts", "page_text"]),
        (4.5, "score", ["guest_post", "contacts", "page_text"]),
        (6.5, "contacts", ["page_text"]),
        (7.5, "page_text", []),  # the last step overran: nothing left to skip
    ],
)
def test_steps_after_the_budget_are_skipped_and_the_links_kept(budget, over, skipped):
    reading = read_page(
        PAGE,
        "http://ledger.test/",
        budget_seconds=budget,
        soft404_urls=[("http://ledger.test/", "http://ledger.test/")],
        cpu_clock=_clock(1.0),
    )
    assert reading.over_budget == over
    assert reading.skipped == skipped
    assert {"http://live.test/ok", "http://live.test/missing"} <= {
        link.url for link in reading.extraction.links
    }
    for step in skipped:
        assert step not in reading.cpu
    if "score" in skipped:
        assert reading.score is None and reading.reasons is None
    if "contacts" in skipped:
        assert reading.contacts is None


def test_a_page_over_budget_says_what_was_skipped():
    reading = read_page(PAGE, "http://ledger.test/", budget_seconds=3.5, cpu_clock=_clock(1.0))
    assert reading.over_budget == "render"
    assert budget_note(reading) == (
        "page_budget_exceeded: render (skipped: score, guest_post, contacts, page_text)"
    )


def test_only_the_steps_asked_for_run():
    reading = read_page(PAGE, "http://ledger.test/", steps=("contacts",), links=False)
    assert set(reading.cpu) == {"parse", "contacts"}
    assert reading.extraction.links == []
    assert "newsdesk@ledger.test" in {c.value for c in reading.contacts}
    assert reading.score is None and reading.guest is None and reading.render_reason is None


def test_the_news_front_page_is_read_within_the_default_budget():
    """The page that froze a crawl for a minute (53 s in the empty-container pattern)."""
    budget = DEFAULTS.page_budget_ms / 1000
    best = min(
        _timed(lambda: read_page(PAGE, "http://ledger.test/", budget_seconds=budget))
        for _ in range(3)
    )
    reading = read_page(PAGE, "http://ledger.test/", budget_seconds=budget)
    assert reading.over_budget is None and best < budget
    assert len(reading.extraction.links) > 100
    assert reading.score is not None and reading.contacts


def _timed(work) -> float:
    start = time.thread_time()
    work()
    return time.thread_time() - start


@pytest.mark.parametrize(("name", "make"), ADVERSARIAL_PAGES, ids=[n for n, _ in ADVERSARIAL_PAGES])
def test_a_hostile_page_is_read_in_bounded_time_and_keeps_its_links(name, make):
    html = make()
    if isinstance(html, bytes):  # served as text/html: Scrapy decodes it with replacements
        html = html.decode("utf-8", "replace")
    budget = DEFAULTS.page_budget_ms / 1000
    start = time.thread_time()
    reading = read_page(
        html,
        "http://hostile.test/page",
        budget_seconds=budget,
        soft404_urls=[("http://hostile.test/page", "http://hostile.test/page")],
    )
    spent = time.thread_time() - start
    # Each step is linear in the page (at most 5 MB here); the budget stops the reading at
    # the first step that overruns it. Generous for a loaded 2-core machine.
    assert spent < 4.0, (name, reading.cpu)
    if reading.over_budget is not None:
        index = [*reading.cpu].index(reading.over_budget)
        assert [*reading.cpu][index + 1 :] == []
    # bytes that are no page have no links; after an unclosed <script> or <title> a
    # browser reads the rest as its text: no links either
    if name not in ("binary_as_html", "unclosed_everything"):
        urls = {link.url for link in reading.extraction.links}
        assert {"http://live.test/ok", "http://live.test/missing"} <= urls, name


def test_the_container_that_froze_a_crawl_is_read_in_milliseconds():
    """Exponential before: each comment after the container doubled the work."""
    from linkprospector.reading.script_links import script_filled_container

    small = comments_after_empty_containers(200)
    large = comments_after_empty_containers(3200)
    t_small = min(_timed(lambda: script_filled_container(small, ["listing"])) for _ in range(3))
    t_large = min(_timed(lambda: script_filled_container(large, ["listing"])) for _ in range(3))
    assert t_large < 0.25
    assert t_large < 16 * 3 * max(t_small, 0.0005)  # 16 times the page, linear growth


def test_a_failing_judgement_costs_the_page_nothing_else(monkeypatch):
    """An optional step that raises (as guest posts did on 1,000 nested <div> before its
    walk was iterative) is recorded; the links and the other steps stay."""
    from linkprospector.judge import page_reading

    def deep_walk(root):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(page_reading, "guest_post_verdict", deep_walk)
    reading = read_page(PAGE, "http://ledger.test/")
    assert reading.failed == {"guest_post": "RecursionError: maximum recursion depth exceeded"}
    assert reading.guest is None and reading.score is not None and reading.contacts
    assert len(reading.extraction.links) > 100
