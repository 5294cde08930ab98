"""Items the spiders and middlewares yield; pipelines store them (see DESIGN.md contract)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PageItem:
    """A crawled page (table ``pages``)."""

    url: str
    site: str
    title: str = ""
    status: int | None = None
    is_resource: bool = False
    resource_score: float = 0.0
    resource_reasons: str = ""
    outbound_links: int = 0
    role: str = "seed"
    fetched_at: str = ""
    rendered: bool = False
    internal_links: str = ""  # JSON list of same-site link URLs (for replaying fresh pages)
    prospect_kind: str | None = None  # "resource", "guest_post" or None
    guest_post_score: float = 0.0
    guest_post_reasons: str = ""
    found_by: str = ""  # the search query that found this page as a seed
    body_text: str = ""  # title and visible text, capped (niche relevance)
    last_modified: str = ""  # the Last-Modified header as sent
    dated: str = ""  # ISO date: the newest date the page states or its header gives


@dataclass
class SearchItem:
    """One search made for seeds (table ``searches``)."""

    provider: str
    query: str
    keyword: str
    kind: str
    searched_at: str
    pages: int
    result_urls: list[str] = field(default_factory=list)


@dataclass
class LinkItem:
    """One link from a crawled page to a target (table ``links``)."""

    source_url: str
    target_url: str
    anchor_text: str = ""
    rel: str = ""
    kind: str = "outbound"  # outbound | internal
    placement: str = "main"  # main | nav | header | footer | sidebar
    source_site: str = ""
    target_site: str = ""
    rendered: bool = False


@dataclass
class PageLinksItem:
    """The links of one crawled page, as one item (rows of table ``links``).

    Spiders yield one of these per page rather than a LinkItem per link: Scrapy's
    per-item machinery (the spider-middleware chain, the pipelines, the item_scraped
    signal) costs the same for an item of one link as for an item of a hundred.
    OutboundLinkSpiderMiddleware and SQLitePipeline also accept single LinkItems.
    """

    source_url: str
    links: list[LinkItem] = field(default_factory=list)


@dataclass
class TargetItem:
    """The checked status of one link target (table ``targets``)."""

    url: str
    host: str
    verdict: str
    reason: str
    status: int | None = None
    final_url: str = ""
    checked_at: str = ""
    evidence: str = ""  # JSON: status chain, error, matched signature, probe
    requests: int = 0


@dataclass
class ContactItem:
    """A way to reach the people behind a site (table ``contacts``)."""

    site: str
    kind: str  # email | contact_page | about_page | social | author
    value: str
    source_url: str
    label: str = ""  # e.g. generic | personal for emails


@dataclass
class BacklinkItem:
    """One referring page × my URL, as checked (table ``backlink_links``)."""

    source_url: str
    target_url: str
    state: str  # live | lost | unknown
    reason: str = ""
    anchor_text: str = ""
    rel: str = ""
    placement: str = ""
    kind: str = ""  # text | image
    page_verdict: str = ""
    page_reason: str = ""
    page_status: int | None = None
    checked_at: str = ""
    toxic_score: int = 0
    toxic_reasons: str = ""
    # what the export said: compared on the first check; first_seen its date
    claimed_anchor: str | None = None
    claimed_rel: str | None = None
    first_seen: str = ""
    export_last_seen: str = ""


@dataclass
class MyPageItem:
    """A page of the user's own site, for replacement ranking (table ``my_pages``)."""

    url: str
    site: str
    title: str = ""
    description: str = ""
    headings: str = ""  # one per line
    text: str = ""
    lang: str = ""
    fetched_at: str = ""


@dataclass
class LinkContextsItem:
    """The sentence around each outbound link of a page (table ``link_contexts``)."""

    source_url: str
    sentences: dict[str, str] = field(default_factory=dict)  # target URL -> sentence
    seen_at: str = ""
