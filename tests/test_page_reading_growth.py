"""Property: every page-reading function's CPU time grows at most linearly with the page.

Hypothesis builds a page from fragments (tags opened and never closed, comments, empty
containers with ids, scripts, attributes, runs of spaces, digits and punctuation, words
the heuristics look for); the fragment sequence repeated to about 8,000 characters and to
four times that gives two pages, and the larger may cost at most about four times the
smaller's CPU (a generous constant; a floor for the tiny ones); when it costs more, the
next quadrupling must not (a one-time step, such as a second parse, is not growth).
CPU time of this thread, the best of two runs, so that a loaded machine does not fail it.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linkprospector.judge.main_content import main_content_text
from linkprospector.judge.page_facts import read_page
from linkprospector.judge.page_summary import summarize_page
from linkprospector.judge.proxy_answers import proxy_failure
from linkprospector.judge.signatures import (
    challenge_signature,
    parked_signature,
    title_and_h1,
    waf_block_signature,
)
from linkprospector.judge.soft404 import soft_404_signals
from linkprospector.reading.backlink_check import links_to
from linkprospector.reading.contacts import extract_contacts
from linkprospector.reading.extract import extract_links, parse_html
from linkprospector.reading.guest_posts import guest_post_verdict
from linkprospector.reading.link_context import link_sentences
from linkprospector.reading.page_text import page_text, stated_dates
from linkprospector.reading.rendering import needs_rendering
from linkprospector.reading.scoring import resource_features, score_resource_page
from linkprospector.reading.script_data import fetched_link_data
from linkprospector.reading.script_links import (
    inline_scripts,
    script_filled_container,
    script_link_targets,
)

URL = "http://page.test/dir/page"

FRAGMENTS = st.sampled_from(
    [
        "<div id='links'>",
        "<ul class='resource-list'>",
        "</div>",
        "<!-- x -->",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "<script src='/a.js'>",
        "var u='https://other.test/a';",
        "fetch('/api/links.json').then(r=>r.json())",
        '{"url":"https://other.test/b","links":[',
        "<div id='resources'></div>",
        "<time datetime='2024-01-02'>",
        "Updated: 2 January 2024",
        "<style>",
        "<noscript>enable javascript",
        "<title>",
        "<h1>",
        "<h2>",
        "<span class='author'>",
        "404 not found",
        "<meta http-equiv='refresh' content='0; url=/'>",
        "<a href='http://ext.test/x'>x</a>",
        "<a href='/local'>",
        "<a href='mailto:a@b.test'>",
        "write for us",
        "1,000 words",
        "$100 per post",
        "name [at] site [dot] com",
        "info@site.test",
        "<p>",
        "<li>",
        "<font>",
        "<table><tr><td>",
        "<div class='",
        '"',
        "'",
        "<",
        ">",
        " " * 50,
        "1" * 50,
        "." * 50,
        "-" * 20,
        "loading links",
        "é中",
    ]
)


def _root(html):
    return parse_html(html)


def _links(html):
    return extract_links(parse_html(html), URL)


def _score(html):
    root = parse_html(html)
    extraction = extract_links(root, URL)
    return score_resource_page(resource_features(root, URL, extraction.links, "page.test"))


FUNCTIONS = {
    "parse": _root,
    "extract_links": _links,
    "score": _score,
    "contacts": lambda html: extract_contacts(parse_html(html), URL, "page.test"),
    "render": lambda html: needs_rendering(html, 2, page_url=URL),
    "soft404": lambda html: soft_404_signals(URL, URL, html[: 64 * 1024]),
    "guest_post": lambda html: guest_post_verdict(parse_html(html)),
    "main_content": lambda html: main_content_text(html),
    "parked": lambda html: parked_signature(html, URL),
    "title_and_h1": title_and_h1,
    "link_sentences": lambda html: link_sentences(
        parse_html(html), URL, ["http://page.test/local", "http://ext.test/x"]
    ),
    "page_summary": summarize_page,
    "backlinks": lambda html: links_to(parse_html(html), URL, "page.test"),
    "page_facts": read_page,
    "page_text": lambda html: page_text(parse_html(html)),
    "dates": lambda html: stated_dates(parse_html(html), html),
    "challenge": lambda html: challenge_signature(200, {}, html),
    "waf": lambda html: waf_block_signature(406, {}, html),
    "proxy_answer": lambda html: proxy_failure(502, {}, html),
    "script_links": lambda html: script_link_targets(inline_scripts(html), "page.test"),
    "script_container": lambda html: script_filled_container(html, inline_scripts(html)),
    "script_data": lambda html: fetched_link_data(inline_scripts(html), "page.test"),
}
#: Below this CPU time a page is fast whatever the growth (timer noise).
FLOOR = 0.003
#: 4x the page: linear is 4x; allowed 3 times that, for caches and a busy machine.
MAX_RATIO = 12.0


def _cpu(function, html: str) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.thread_time()
        function(html)
        best = min(best, time.thread_time() - start)
    return best


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(fragments=st.lists(FRAGMENTS, min_size=1, max_size=30))
def test_reading_time_grows_at_most_linearly(name, fragments):
    function = FUNCTIONS[name]
    unit = "".join(fragments)
    reps = max(1, 8_000 // len(unit))
    small = "<html><body>" + unit * reps
    large = "<html><body>" + unit * (4 * reps)
    t_small, t_large = _cpu(function, small), _cpu(function, large)
    if t_large > max(FLOOR, MAX_RATIO * t_small):
        # A one-time step is not growth (past libxml2's depth limit of 2,048 the page is
        # parsed a second time, flattened): a superlinear cost keeps growing over the next
        # quadrupling too, a step does not.
        t_huge = _cpu(function, "<html><body>" + unit * (16 * reps))
        assert t_huge <= max(FLOOR, MAX_RATIO * t_large), (name, unit[:200], t_large, t_huge)
