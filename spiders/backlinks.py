"""``scrapy crawl backlinks -a site=mysite.com -a links="Latest links.csv"`` (issue 13).

Fetches every referring page of a backlink export (robots.txt obeyed, the same polite
downloader and page verdicts as the other spiders) and records, per referring page × my
URL, whether the link is still there: ``live``, ``lost`` (page dead, soft-404, parked,
removed, now nofollow/sponsored/ugc, noindex, canonicalised, redirected elsewhere) or
``unknown`` (the page was blocked or could not be fetched: never called lost). The
judgement is in ``linkprospector/reading/backlink_check.py``.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from linkprospector import clock
from linkprospector.config import Config
from linkprospector.crawl.check_requests import error_kind
from linkprospector.items import BacklinkItem
from linkprospector.judge.signatures import parked_signature, visible_text
from linkprospector.judge.soft404 import judge_soft_404, needs_probe, soft_404_signals
from linkprospector.judge.toxic import SPAM_TLDS, LinkFacts, PageFacts, ToxicRules, toxic_signals
from linkprospector.judge.verdicts import classify_check
from linkprospector.reading.backlink_check import (
    canonical,
    judge_backlinks,
    links_to,
    noindex,
)
from linkprospector.reading.backlink_inputs import InputError, read_backlinks
from linkprospector.reading.extract import extract_links, parse_html
from linkprospector.reading.rendering import parse_domains
from linkprospector.reading.spider_args import ArgumentError
from linkprospector.reading.urls import registrable_domain, site_of
from spiders.competitors import page_observation
from spiders.params import BacklinksParams

EXPECTED = "linkprospector_backlinks_expected"


class BacklinksSpider(scrapy.Spider):
    """Checks that referring pages still link to the site (issue 13)."""

    name = "backlinks"
    role = "backlink"
    checks_backlinks = True  # BacklinksPipeline stores its items and the toxic signals
    records_link_changes = False  # its run's changes are backlink transitions

    @property
    def run_args(self) -> dict[str, str]:
        """Stored with the run: anchors and disavow know whose links these are."""
        return {"site": self.domain}

    @classmethod
    def parse_arguments(cls, **kwargs: Any) -> BacklinksParams:
        domains = parse_domains(kwargs.get("site"))
        if len(domains) != 1 or "." not in domains[0] or " " in str(kwargs.get("site")).strip():
            raise ArgumentError(
                f"site must be one domain such as mysite.com, got {kwargs.get('site')!r}"
            )
        path = kwargs.get("links")
        if not path:
            raise ArgumentError(
                'missing links: -a links="Latest links.csv" (a Search Console, Ahrefs or '
                "Semrush export, or one referring page URL per line)"
            )
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ArgumentError(f"cannot read links file {path}: {exc.strerror or exc}") from None
        backlinks = read_backlinks(data, Path(path).name)  # InputError is an ArgumentError
        if not backlinks.rows:
            raise InputError(f"{Path(path).name} lists no referring page URL")
        return BacklinksParams(registrable_domain(domains[0]), backlinks)

    def __init__(
        self,
        *args: Any,
        site: str | None = None,
        links: str | None = None,
        params: BacklinksParams | None = None,
        **kw: Any,
    ):
        params = params or self.parse_arguments(site=site, links=links)  # the file read once
        super().__init__(*args, **kw)
        self.domain: str = params.site
        self.input = params.backlinks
        self.expected: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        for row in self.input.rows:
            entry = (row.target_url, row.rel)
            if entry not in self.expected[row.source_url]:
                self.expected[row.source_url].append(entry)
        self.seed_urls = list(self.expected)  # recorded with the run
        # The one-target rows of an export without targets become "any link to the site".
        for url, entries in self.expected.items():
            if any(target for target, _ in entries):
                self.expected[url] = [e for e in entries if e[0]]

    async def start(self):
        self.logger.info(
            "checking %d referring page(s) of %s (%s export, %d line(s) skipped)",
            len(self.expected), self.domain, self.input.format, self.input.skipped,
        )  # fmt: skip
        for url in self.expected:
            yield scrapy.Request(
                url,
                callback=self.parse_page,
                errback=self.page_failed,
                # 4xx/5xx reach the callback (a verdict); redirects are still followed
                meta={"handle_httpstatus_list": list(range(400, 600)), EXPECTED: url},
            )

    def toxic_rules(self) -> ToxicRules:
        config = Config.of(self.crawler)
        tlds = tuple(
            t.strip().lstrip(".").lower() for t in config.spam_tlds.split(",") if t.strip()
        )
        return ToxicRules(
            spam_tlds=tlds or SPAM_TLDS, farm_outbound_domains=config.toxic_farm_domains
        )

    def now(self) -> str:
        return clock.iso(clock.now(Config.of(self.crawler).now))

    def page_verdict(self, response: Response) -> tuple[str, str]:
        """The referring page's verdict: what the page shows (parking signature, soft-404)
        joins its observation as findings; ``classify_check`` judges, as for any check."""
        observation = page_observation(response)
        if isinstance(response, TextResponse) and 200 <= response.status < 300:
            text = response.text
            parked = parked_signature(text[:65536], observation.url, response.url)
            if parked:
                observation.findings["parked"] = parked
            signals = soft_404_signals(observation.url, response.url, text[:200_000])
            if signals and not needs_probe(signals):
                dead, basis = judge_soft_404(signals, response.url, frozenset(), None)
                observation.findings["soft_404"] = {
                    "dead": dead,
                    "signals": signals,
                    "basis": basis,
                }
        verdict = classify_check(observation)
        return verdict.verdict, verdict.reason

    def parse_page(self, response: Response):
        source = response.meta[EXPECTED]
        verdict, reason = self.page_verdict(response)
        found, is_noindex, canonical_url = [], False, None
        page = PageFacts(registrable_domain(urlsplit(source).hostname or ""), 0, 0,
                         parked=reason == "parked")  # fmt: skip
        if verdict == "live" and isinstance(response, TextResponse):
            root = parse_html(response.text)
            if root is not None:
                found = links_to(root, response.url, self.domain)
                page = self.page_facts(source, response, root)
                robots_header = response.headers.get(b"X-Robots-Tag", b"").decode("latin-1")
                is_noindex = noindex(root, robots_header)
                canonical_url = canonical(root, response.url)
        states = judge_backlinks(
            source, response.url, verdict, reason, found, self.expected[source],
            is_noindex, canonical_url,
        )  # fmt: skip
        yield from self.items(source, states, verdict, reason, response.status, page)

    def page_facts(self, source: str, response: TextResponse, root: Any) -> PageFacts:
        """What the toxic signals read of a referring page."""
        domain = registrable_domain(urlsplit(source).hostname or "")
        links = extract_links(root, response.url, response.encoding).links
        others = {site_of(link.url) for link in links} - {domain, ""}
        hops = [*response.meta.get("redirect_urls", []), response.url]
        via = tuple(dict.fromkeys(site_of(url) for url in hops[1:-1] if site_of(url) != domain))
        return PageFacts(domain, len(others), len(visible_text(response.text).split()), via)

    def page_failed(self, failure: Failure):
        source = failure.request.meta[EXPECTED]
        forbidden = isinstance(failure.value, IgnoreRequest) and "robots" in str(failure.value)
        kind = "robots" if forbidden else error_kind(failure.value)
        self.logger.warning("referring page not fetched: %s (%s)", source, kind)
        states = judge_backlinks(source, source, "unknown", kind, [], self.expected[source])
        yield from self.items(source, states, "unknown", kind, None, None)

    def items(self, source: str, states, verdict, reason, status, page):  # noqa: ANN001
        checked_at = self.now()
        for state in states:
            link = state.link
            score, reasons = 0, []
            if page is not None and (link is not None or page.parked):
                facts = (
                    LinkFacts(link.rel, link.placement, link.hidden, link.context)
                    if link
                    else LinkFacts()
                )
                score, reasons = toxic_signals(page, facts, self.toxic_rules())
            yield BacklinkItem(
                source_url=source, target_url=state.target_url or (link.target_url if link else ""),
                state=state.state, reason=state.reason,
                anchor_text=link.anchor_text if link else "", rel=link.rel if link else "",
                placement=link.placement if link else "", kind=link.kind if link else "",
                page_verdict=verdict, page_reason=reason, page_status=status,
                checked_at=checked_at, toxic_score=score, toxic_reasons="; ".join(reasons),
            )  # fmt: skip
