"""``scrapy crawl backlinks -a site=mysite.com -a links="Latest links.csv"``.

Imports the export first (every row with what it says: anchor, rel flags, dates, the tool's
metrics; see ``linkprospector/store/backlink_imports.py``), then fetches every referring
page (robots.txt obeyed, the same polite downloader and page verdicts as the other
spiders) and records, per referring page × my
URL, whether the link is still there: ``live``, ``lost`` (page dead, soft-404, parked,
removed, now nofollow/sponsored/ugc, noindex, canonicalised, redirected elsewhere) or
``unknown`` (the page was blocked or could not be fetched: never called lost). The
judgement is in ``linkprospector/reading/backlink_check.py``.
"""

from __future__ import annotations

from hashlib import file_digest as _digest
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.signals import scheduler_empty
from twisted.python.failure import Failure

from linkprospector import clock
from linkprospector.config import Config
from linkprospector.crawl.check_requests import error_kind
from linkprospector.inputs.backlink_inputs import InputError, check_export, read_tables
from linkprospector.inputs.spider_args import ArgumentError
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
from linkprospector.reading.extract import extract_links, parse_html
from linkprospector.reading.rendering import parse_domains
from linkprospector.reading.urls import registrable_domain, site_of
from linkprospector.store.backlink_imports import (
    ImportSummary,
)
from linkprospector.store.crawl_store import CrawlStore
from spiders.competitors import page_observation
from spiders.params import BacklinksParams

EXPECTED = "linkprospector_backlinks_expected"


def file_digest(path: Path) -> str:
    """The file's SHA-256, read in chunks (an export can be large)."""
    with path.open("rb") as handle:
        return _digest(handle, "sha256").hexdigest()


class BacklinksSpider(scrapy.Spider):
    """Checks that referring pages still link to the site."""

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
        """Checked before the crawl starts: the site, and the export's layout and first rows
        (the whole file is read by ``start``, into the database, row by row)."""
        domains = parse_domains(kwargs.get("site"))
        if len(domains) != 1 or "." not in domains[0] or " " in str(kwargs.get("site")).strip():
            raise ArgumentError(
                f"site must be one domain such as mysite.com, got {kwargs.get('site')!r}"
            )
        path = kwargs.get("links")
        if not path:
            raise ArgumentError(
                'missing links: -a links="Latest links.csv" (a Search Console, Ahrefs, '
                "Semrush, Moz or Majestic export, or one referring page URL per line)"
            )
        site = registrable_domain(domains[0])
        check_export(path, site)  # InputError is an ArgumentError: one line, exit 2
        return BacklinksParams(site, Path(path))

    def __init__(
        self,
        *args: Any,
        site: str | None = None,
        links: str | None = None,
        params: BacklinksParams | None = None,
        **kw: Any,
    ):
        params = params or self.parse_arguments(site=site, links=links)
        super().__init__(*args, **kw)
        self.domain: str = params.site
        self.links: Path = params.links
        self.seed_urls = [str(self.links)]  # recorded with the run
        self.imported: ImportSummary | None = None

    async def start(self):
        """Import first: every row of the export is stored before the first request, so a
        crawl stopped by an outage (exit 4) or by hand loses nothing of it."""
        store = self.store()
        if store is None:
            return
        try:
            self.imported = self.import_export(store)
        except InputError as exc:
            self.logger.error("%s", exc)
            self.crawler.stats.set_value("linkprospector/input_error", str(exc))
            self.crawler.engine.close_spider(self, "bad_input")
            return
        stats = self.crawler.stats
        self.logger.info("%s", self.imported.line(self.domain))
        stats.set_value("linkprospector/backlinks/import", self.imported.line(self.domain))
        for name in ("rows", "domains", "own", "skipped"):
            value = getattr(self.imported, name)
            stats.set_value(f"linkprospector/backlinks/imported_{name}", value)
        after, seen = 0, set()
        while batch := store.pages_to_check(self.imported.import_ids, after):
            after = batch[-1][0]
            for _position, url in batch:
                if url in seen:
                    continue
                seen.add(url)
                # Scrapy takes start requests as fast as they come: hand them over only when
                # the downloader has room, so a 150,000-row export never sits in memory as
                # 150,000 requests.
                while self.crawler.engine.needs_backout() and self.crawler.engine.running:
                    await self.crawler.signals.wait_for(scheduler_empty)
                stats.inc_value("linkprospector/targets/scheduled")  # the progress line
                yield scrapy.Request(
                    url,
                    callback=self.parse_page,
                    errback=self.page_failed,
                    # 4xx/5xx reach the callback (a verdict); redirects are still followed
                    meta={"handle_httpstatus_list": list(range(400, 600)), EXPECTED: url},
                )

    def store(self):  # noqa: ANN201 - the crawl's Store, or None when it could not open
        if self.crawler.stats.get_value("linkprospector/run_id") is None:
            return None  # the pipeline could not open the database: it said why
        return CrawlStore.of(self.crawler).store

    def import_export(self, store: Any) -> ImportSummary:
        digest = file_digest(self.links)
        run_id = self.crawler.stats.get_value("linkprospector/run_id")
        found = store.previous_import(digest, self.domain, self.links.name)
        if found.reused:
            return found
        return store.import_tables(read_tables(self.links), site=self.domain,
                             file=self.links.name, sha256=digest, run_id=run_id,
                             now=self.now())  # fmt: skip

    def expected(self, source: str) -> tuple[list[tuple[str, str | None]], dict[str, dict]]:
        """What the export said of a page: ``(target, rel)`` pairs for the judgement and
        the claims by target. Rows without a target (URL lists, Search Console) mean "a link
        to the site"; they give way when another row names the target."""
        ids = self.imported.import_ids if self.imported else []
        claims = {c["target_url"]: c for c in self.store().claims_of_page(ids, source)}
        if any(claims) and "" in claims:
            del claims[""]
        return [(target, c["rel"]) for target, c in claims.items()], claims

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
        expected, claims = self.expected(source)
        verdict, reason = self.page_verdict(response)
        self.crawler.stats.inc_value("linkprospector/pages")  # the progress line
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
            source, response.url, verdict, reason, found, expected, is_noindex, canonical_url,
        )  # fmt: skip
        yield from self.items(source, states, verdict, reason, response.status, page, claims)

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
        expected, claims = self.expected(source)
        states = judge_backlinks(source, source, "unknown", kind, [], expected)
        yield from self.items(source, states, "unknown", kind, None, None, claims)

    def items(self, source: str, states, verdict, reason, status, page, claims):  # noqa: ANN001
        checked_at = self.now()
        stats = self.crawler.stats
        stats.inc_value("linkprospector/targets/checked")  # the progress line
        stats.inc_value(f"linkprospector/verdict/{verdict}")
        for state in states:
            link = state.link
            target = state.target_url or (link.target_url if link else "")
            claim = claims.get(target) or claims.get("") or {}
            score, reasons = 0, []
            if page is not None and (link is not None or page.parked):
                facts = (
                    LinkFacts(link.rel, link.placement, link.hidden, link.context)
                    if link
                    else LinkFacts()
                )
                score, reasons = toxic_signals(page, facts, self.toxic_rules())
            yield BacklinkItem(
                source_url=source, target_url=target, state=state.state, reason=state.reason,
                anchor_text=link.anchor_text if link else "", rel=link.rel if link else "",
                placement=link.placement if link else "", kind=link.kind if link else "",
                page_verdict=verdict, page_reason=reason, page_status=status,
                checked_at=checked_at, toxic_score=score, toxic_reasons="; ".join(reasons),
                claimed_anchor=claim.get("anchor_text") or None, claimed_rel=claim.get("rel"),
                first_seen=claim.get("first_seen") or "",
                export_last_seen=claim.get("last_seen") or "",
            )  # fmt: skip
