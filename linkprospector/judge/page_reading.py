"""Reading one page in steps, under a CPU-time budget (pure; no Scrapy).

Parsing and link extraction always run: a page's links are checked whatever else happens
to it. The optional judgements follow in order (soft-404 signals of the page's own
answer, render heuristics, the resource score, the guest-post verdict, contacts); once the
page's reading has used up its budget, the rest are skipped and the step that overran is
named. CPU time of the reading thread is measured, so a loaded machine does not make an
ordinary page look slow, and the reading can run in a worker thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from linkprospector.judge.soft404 import soft_404_signals
from linkprospector.reading.contacts import Contact, extract_contacts
from linkprospector.reading.extract import LinkExtraction, extract_links, parse_html
from linkprospector.reading.guest_posts import GuestPostVerdict, guest_post_verdict
from linkprospector.reading.page_text import page_dates_and_text
from linkprospector.reading.rendering import needs_rendering
from linkprospector.reading.scoring import resource_features, score_resource_page
from linkprospector.reading.urls import site_of

#: Steps that always run (the links of a page are checked whatever its size).
REQUIRED_STEPS = ("parse", "links")
#: Optional steps, in the order they run.
OPTIONAL_STEPS = ("soft404", "render", "score", "guest_post", "contacts", "page_text")
#: Characters of a page the soft-404 signals read (as a check reads an answer).
SOFT404_CHARS = 64 * 1024


@dataclass
class PageReading:
    """What reading one page found; ``None`` for a step that was skipped or not asked for."""

    extraction: LinkExtraction = field(default_factory=LinkExtraction)
    parsed: bool = False
    soft404: dict[str, list[str]] | None = None  # URL -> soft-404 signals of its answer
    render_reason: str | None = None
    score: float | None = None
    reasons: list[str] | None = None
    guest: GuestPostVerdict | None = None
    contacts: list[Contact] | None = None
    page_text: dict[str, str] | None = None  # body_text, last_modified, dated (ranking)
    over_budget: str | None = None  # the step during which the budget ran out
    skipped: list[str] = field(default_factory=list)  # optional steps left out
    failed: dict[str, str] = field(default_factory=dict)  # optional step -> its error
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds per step

    def page_text_fields(self, last_modified: str = "") -> dict[str, str]:
        """The PageItem's text fields; without the step, only the header is known."""
        return self.page_text or {"body_text": "", "last_modified": last_modified, "dated": ""}


def read_page(
    html: str,
    url: str,
    *,
    encoding: str = "utf-8",
    site: str | None = None,
    steps: Iterable[str] = OPTIONAL_STEPS,
    budget_seconds: float = 0.3,
    soft404_urls: Iterable[tuple[str, str]] = (),
    links: bool = True,
    last_modified: str = "",
    now: str = "",
    cpu_clock: Callable[[], float] = time.thread_time,
) -> PageReading:
    """Read ``html`` (the page at ``url``): its links, then the optional ``steps``.

    ``soft404_urls`` holds (requested URL, final URL) pairs whose answer this page is;
    ``links`` False reads no links (a contact page); ``last_modified`` (the header) and
    ``now`` date the page's text. ``budget_seconds`` <= 0: no budget.
    """
    site = site if site is not None else site_of(url)
    wanted = set(steps)
    reading = PageReading()
    spent = 0.0

    def run(step: str, work: Callable[[], object]) -> object:
        nonlocal spent
        start = cpu_clock()
        result = work()
        reading.cpu[step] = cpu_clock() - start
        spent += reading.cpu[step]
        if reading.over_budget is None and 0 < budget_seconds < spent:
            reading.over_budget = step
        return result

    root = run("parse", lambda: parse_html(html))
    reading.parsed = root is not None
    if links:
        reading.extraction = run("links", lambda: extract_links(root, url, encoding))
    found = reading.extraction.links
    work: dict[str, Callable[[], None]] = {
        "soft404": lambda: setattr(
            reading,
            "soft404",
            {u: soft_404_signals(u, final, html[:SOFT404_CHARS]) for u, final in soft404_urls},
        ),
        "render": lambda: setattr(
            reading,
            "render_reason",
            needs_rendering(html, len(found), raw_links=[x.url for x in found], page_url=url),
        ),
        "score": lambda: _score(reading, root, url, site),
        "guest_post": lambda: setattr(reading, "guest", guest_post_verdict(root)),
        "contacts": lambda: setattr(
            reading,
            "contacts",
            extract_contacts(root, url, site, site_of=site_of) if root is not None else [],
        ),
        "page_text": lambda: setattr(
            reading,
            "page_text",
            page_dates_and_text(root, _Headers(last_modified), now) if root is not None else None,
        ),
    }
    for step in OPTIONAL_STEPS:
        if step not in wanted:
            continue
        if reading.over_budget is not None:
            reading.skipped.append(step)
            continue
        try:
            run(step, work[step])
        except Exception as exc:  # an optional judgement must never cost the page its links
            reading.failed[step] = f"{type(exc).__name__}: {str(exc)[:200]}"
    return reading


class _Headers:
    """The one response header the page's text is dated with."""

    def __init__(self, last_modified: str):
        self.headers = {b"Last-Modified": last_modified.encode("latin-1", "replace")}


def _score(reading: PageReading, root: object, url: str, site: str) -> None:
    features = resource_features(root, url, reading.extraction.links, site)
    reading.score, reading.reasons = score_resource_page(features)


def budget_note(reading: PageReading) -> str:
    """How a page over its budget says so among its reasons (stored with the page)."""
    skipped = ", ".join(reading.skipped) or "nothing"
    return f"page_budget_exceeded: {reading.over_budget} (skipped: {skipped})"
